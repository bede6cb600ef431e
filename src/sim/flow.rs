//! How items move into and through a stage: entering it, being given to a worker, work being
//! done or interrupted by a block. [`super::outflow`] moves finished work on.

use super::engine::{ItemId, Simulation};
use super::queue::Event;
use super::random::{keyed, Purpose};
use super::workers::Task;

impl Simulation {
    /// True when stage `s` can take `n` more items: it has no WIP limit, the items fit under
    /// it, or the stage is empty (so a batch larger than the limit can still move).
    pub(crate) fn has_room(&self, s: usize, n: u32) -> bool {
        match self.params[s].wip_limit {
            None => true,
            Some(limit) => self.stages[s].wip + n <= limit || self.stages[s].wip == 0,
        }
    }

    /// Puts an item in stage `s`'s queue and lets the stage's workers take work.
    #[inline(always)]
    pub(crate) fn enter_stage(&mut self, s: usize, slot: ItemId) {
        let now = self.now;
        let item = &mut self.items[slot as usize];
        item.entered = now;
        item.stage = s as u16;
        if let Some(log) = &mut self.log {
            item.log_row = log.enter(item.id, s, item.defects, now);
        }
        let lane = item.class as usize;
        let stage = &mut self.stages[s];
        stage.wip += 1;
        stage.counters.wip.set(now, stage.wip as f64);
        stage.counters.entered += 1;
        if stage.queue.is_empty() {
            // Straight to a free worker, if there is one, without passing through the queue:
            // there it would stay for no time, adding nothing to the queue's area (its value
            // is 0 before and after, and `last` only matters multiplied by it).
            if let Some(w) = self.free_worker(s) {
                self.start_work(w, slot, s);
                return;
            }
        }
        let stage = &mut self.stages[s];
        stage.queue.push_back(lane, slot);
        stage.counters.queue.set(now, stage.queue.len() as f64);
        self.dispatch(s);
    }

    /// Gives queued items of stage `s` to free workers: its specialists first, then idle
    /// generalists who cover it.
    #[inline(always)]
    pub(crate) fn dispatch(&mut self, s: usize) {
        // Most calls find the queue empty: that check is inlined, the work is not.
        if !self.stages[s].queue.is_empty() {
            self.dispatch_queued(s);
        }
    }

    #[inline(never)]
    fn dispatch_queued(&mut self, s: usize) {
        while !self.stages[s].queue.is_empty() {
            let Some(worker) = self.free_worker(s) else {
                break;
            };
            let slot = self.take_queued(s);
            self.start_work(worker, slot, s);
        }
    }

    /// Takes the item served next from stage `s`'s queue (not empty).
    #[inline(always)]
    fn take_queued(&mut self, s: usize) -> ItemId {
        let stage = &mut self.stages[s];
        let slot = stage
            .queue
            .pop(&self.classes.order, &self.items)
            .expect("queue is not empty");
        stage.counters.queue.set(self.now, stage.queue.len() as f64);
        slot
    }

    /// Takes a worker off the lists who can start work at stage `s` now: a specialist, else an
    /// idle generalist covering it. Listed workers who turn out to have no room are taken off
    /// their list on the way.
    #[inline(always)]
    fn free_worker(&mut self, s: usize) -> Option<u32> {
        loop {
            let worker = match self.take_specialist(s) {
                Some(w) => w,
                None => {
                    let bit = 1u64 << s;
                    let pools = &self.pools;
                    let workers = &self.workers;
                    let i = self
                        .idle_generalists
                        .iter()
                        .position(|&g| pools[workers[g as usize].pool as usize] & bit != 0)?;
                    self.idle_generalists.remove(i)
                }
            };
            self.workers[worker as usize].listed = false;
            if self.workers[worker as usize].has_room() {
                return Some(worker);
            }
        }
    }

    /// Worker `w`, just taken off the lists, starts item `slot` at stage `s` and is listed
    /// again if it can take still more.
    #[inline(always)]
    fn start_work(&mut self, w: u32, slot: ItemId, s: usize) {
        self.assign(w, slot, s);
        self.list_if_free(w);
    }

    /// Takes the free specialist of stage `s` holding the fewest items off its available list
    /// (ties: the one listed last), so an idle colleague starts new work before anyone takes a
    /// second item.
    #[inline(always)]
    fn take_specialist(&mut self, s: usize) -> Option<u32> {
        let avail = &mut self.stages[s].available;
        if avail.len() <= 1 {
            // None or one: no choice to make.
            return avail.pop();
        }
        let workers = &self.workers;
        let least = (0..avail.len())
            .rev()
            .min_by_key(|&i| workers[avail[i] as usize].tasks.len())?;
        Some(avail.remove(least))
    }

    /// Worker `w` starts item `slot` at stage `s` (or resumes it after a block).
    #[inline(always)]
    fn assign(&mut self, w: u32, slot: ItemId, s: usize) {
        let now = self.now;
        let seed = self.seed_key;
        let params = &self.params[s];
        let stage = &mut self.stages[s];
        let item = &mut self.items[slot as usize];
        let (remaining, work) = if item.resume.is_nan() {
            stage.counters.wait_sum += now - item.entered;
            stage.counters.waits += 1;
            let mut rng = keyed(seed, item.key, s as u64, item.defects as u64, Purpose::Work);
            let work = params.work.sample(&mut rng) * self.classes.scale[item.class as usize];
            let batch = params.batch.max(1) as u64;
            let setup = match &params.setup {
                Some(d) if stage.started.is_multiple_of(batch) => d.sample(&mut keyed(
                    seed,
                    stage.started / batch,
                    s as u64,
                    0,
                    Purpose::Setup,
                )),
                _ => 0.0,
            };
            stage.started += 1;
            if let Some(log) = &mut self.log {
                log.work_start(item.log_row, now);
            }
            // With a block to come, the work before it is done now and the rest after it.
            let before = match &params.blockers {
                Some(blockers) => super::blockers::plan(seed, item, s, work, blockers),
                None => work,
            };
            (before + setup, before)
        } else {
            let rest = std::mem::replace(&mut item.resume, f64::NAN);
            (rest, rest)
        };
        let worker = &mut self.workers[w as usize];
        worker.progress(now);
        worker.tasks.push(Task {
            item: slot,
            stage: s as u16,
            remaining,
            work,
        });
        if worker.tasks.len() == 1 {
            stage.counters.busy.add(now, 1.0);
        }
        let generalist = worker.home.is_none();
        self.reschedule(w);
        if generalist {
            self.update_capacity();
        }
    }

    /// Schedules worker `w`'s next completion, invalidating the one scheduled before.
    #[inline(always)]
    fn reschedule(&mut self, w: u32) {
        let worker = &mut self.workers[w as usize];
        worker.generation = worker.generation.wrapping_add(1);
        if let Some((_, t)) = worker.next_finish() {
            self.agenda.schedule(
                t,
                Event::WorkerDone {
                    worker: w,
                    generation: worker.generation,
                },
            );
        }
    }

    /// Puts worker `w` back on its stage's available list (or the idle generalists) if it can
    /// take more work.
    #[inline(always)]
    pub(crate) fn list_if_free(&mut self, w: u32) {
        let worker = &mut self.workers[w as usize];
        if worker.listed || !worker.has_room() {
            return;
        }
        match worker.home {
            Some(s) => self.stages[s as usize].available.push(w),
            None if worker.tasks.is_empty() => self.idle_generalists.push(w),
            None => return,
        }
        worker.listed = true;
    }

    /// Worker `w` finishes its task that is due now.
    pub(crate) fn worker_done(&mut self, w: u32) {
        let now = self.now;
        let worker = &mut self.workers[w as usize];
        worker.progress(now);
        let Some((i, _)) = worker.next_finish() else {
            return;
        };
        let task = worker.tasks.swap_remove(i);
        let idle = worker.tasks.is_empty();
        let capacity_changes = idle && (worker.home.is_none() || !worker.active);
        self.reschedule(w);
        let s = task.stage as usize;
        let stage = &mut self.stages[s];
        if idle {
            stage.counters.busy.add(now, -1.0);
        }
        let item = &mut self.items[task.item as usize];
        item.touch += task.work;
        let blocks_now = item.block_for >= 0.0;
        self.sys.work += task.work;
        if item.defects > 0 {
            self.sys.rework += task.work;
        }
        if capacity_changes {
            self.update_capacity();
        }
        self.list_if_free(w);
        if blocks_now {
            self.block(task.item, s);
        } else {
            self.finish_item(task.item, s);
        }
        match self.workers[w as usize].home {
            Some(home) => self.dispatch(home as usize),
            None => self.generalist_pull(w),
        }
    }

    /// A free generalist walks the board from right to left: it takes the first waiting item
    /// of the most downstream covered stage that has one (finish work before starting more;
    /// the first stage's queue holds everything not yet started, so "longest queue" would
    /// send generalists upstream, away from the constraint).
    fn generalist_pull(&mut self, w: u32) {
        let worker = &self.workers[w as usize];
        if !worker.tasks.is_empty() || !worker.active {
            return;
        }
        let mask = self.pools[worker.pool as usize];
        let best = (0..self.stages.len())
            .rev()
            .find(|&s| mask & (1 << s) != 0 && !self.stages[s].queue.is_empty());
        if let Some(s) = best {
            if let Some(i) = self.idle_generalists.iter().position(|&g| g == w) {
                self.idle_generalists.remove(i);
                self.workers[w as usize].listed = false;
            }
            let slot = self.take_queued(s);
            self.assign(w, slot, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::{Scenario, Simulation};

    #[test]
    fn items_handed_straight_to_a_worker_count_a_zero_wait_and_no_queue() {
        // Arrivals at 1, 2, 3, 4; 1.25 days of work each. The first finds the worker free
        // and starts at once; the others wait 0.25, 0.5 and (at 4.5, still) in the queue.
        let scenario = Scenario::from_json(
            r#"{"arrival": {"type": "fixed", "interval": 1},
                "stages": [{"name": "A", "work": {"type": "constant", "value": 1.25}}]}"#,
        )
        .unwrap();
        let mut sim = Simulation::new(&scenario).unwrap();
        sim.run_until(1.5);
        let c = &sim.stages[0].counters;
        assert_eq!((c.waits, c.wait_sum, c.queue.area_at(1.5)), (1, 0.0, 0.0));
        assert!(sim.stages[0].queue.is_empty());
        sim.run_until(4.5);
        let c = &sim.stages[0].counters;
        assert_eq!((c.entered, c.waits, c.wait_sum), (4, 3, 0.75));
        assert_eq!((c.queue.area_at(4.5), c.queue.value), (1.25, 1.0));
    }
}
