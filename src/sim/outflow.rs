//! How finished work moves on: rework, the outbox, batches, release trains, waiting for room
//! downstream, the expedite lane, and delivery. The rules are described in the [crate::sim]
//! docs.

use super::engine::{ItemId, Simulation};
use super::queue::Event;
use super::random::{keyed, Purpose};

impl Simulation {
    /// An item's work at stage `s` is finished: rework, or wait to move on.
    pub(crate) fn finish_item(&mut self, slot: ItemId, s: usize) {
        let now = self.now;
        let item = &mut self.items[slot as usize];
        if let Some(log) = &mut self.log {
            log.finish(item.log_row, now);
        }
        if let Some((p, to)) = self.params[s].rework {
            let mut rng = keyed(
                self.seed_key,
                item.key,
                s as u64,
                item.defects as u64,
                Purpose::Defect,
            );
            if super::random::Uniform::uniform(&mut rng) < p {
                item.defects += 1;
                self.stages[s].counters.defects += 1;
                self.leave_stage(s, slot);
                self.enter_stage(to as usize, slot);
                self.on_room(s);
                return;
            }
        }
        if self.moves_alone(slot, s) {
            self.leave_stage(s, slot);
            self.stages[s].counters.departures += 1;
            if s + 1 == self.stages.len() {
                self.deliver(slot);
            } else {
                self.enter_stage(s + 1, slot);
            }
            self.on_room(s);
            return;
        }
        if self.moves_at_once(s) {
            // What `try_move_out` does with a lone finished item that may move on, without
            // the trip through the outbox.
            self.move_on(s, slot);
            self.stages[s].counters.departures += 1;
            self.on_room(s);
            return;
        }
        self.stages[s].outbox.push_back(slot);
        self.try_move_out(s);
    }

    /// True when an item finished at stage `s` moves on at once, alone: nothing else waits
    /// in the outbox, batches are single items, no release train holds it, and the next stage
    /// has room (or it is the last).
    #[inline(always)]
    fn moves_at_once(&self, s: usize) -> bool {
        let params = &self.params[s];
        self.stages[s].outbox.is_empty()
            && params.batch <= 1
            && params.release_every.is_none()
            && (s + 1 == self.stages.len() || self.has_room(s + 1, 1))
    }

    /// True when a finished item skips the outbox: its class is WIP-exempt (an expedite lane)
    /// and the stage ships on demand, not by a release train.
    #[inline(always)]
    fn moves_alone(&self, slot: ItemId, s: usize) -> bool {
        self.classes.any_exempt
            && self.classes.exempt[self.items[slot as usize].class as usize]
            && self.params[s].release_every.is_none()
    }

    #[inline(always)]
    pub(crate) fn leave_stage(&mut self, s: usize, slot: ItemId) {
        let stage = &mut self.stages[s];
        stage.wip -= 1;
        stage.counters.wip.set(self.now, stage.wip as f64);
        if let Some(log) = &mut self.log {
            log.leave(self.items[slot as usize].log_row, self.now);
        }
    }

    /// Moves complete batches out of stage `s` while the next stage has room.
    pub(crate) fn try_move_out(&mut self, s: usize) {
        if self.params[s].release_every.is_some() {
            return;
        }
        let batch = self.params[s].batch.max(1);
        let last = s + 1 == self.stages.len();
        let mut moved = false;
        loop {
            if (self.stages[s].outbox.len() as u32) < batch {
                self.set_held(s, false);
                break;
            }
            if !last && !self.has_room(s + 1, batch) {
                self.set_held(s, true);
                break;
            }
            self.move_items(s, batch);
            self.stages[s].counters.departures += 1;
            moved = true;
        }
        if moved {
            self.on_room(s);
        }
    }

    #[inline(always)]
    fn set_held(&mut self, s: usize, held: bool) {
        let c = &mut self.stages[s].counters.held;
        if (c.value > 0.0) != held {
            c.set(self.now, if held { 1.0 } else { 0.0 });
        }
    }

    /// Moves the first `n` finished items of stage `s` to the next stage, or delivers them.
    #[inline(always)]
    fn move_items(&mut self, s: usize, n: u32) {
        for _ in 0..n {
            let slot = self.stages[s]
                .outbox
                .pop_front()
                .expect("caller checked the count");
            self.move_on(s, slot);
        }
    }

    /// Item `slot` leaves stage `s` for the next stage, or is done if `s` is the last.
    #[inline(always)]
    fn move_on(&mut self, s: usize, slot: ItemId) {
        self.leave_stage(s, slot);
        self.record_departure(s, slot);
        if s + 1 == self.stages.len() {
            self.deliver(slot);
        } else {
            self.enter_stage(s + 1, slot);
        }
    }

    /// Room appeared in stage `s`: the stage before may move its batch, or work may start.
    /// Without a WIP limit at `s` the stage before never waits for room there, so there is
    /// nothing to move (an intervention that lifts a limit moves what waited itself).
    #[inline(always)]
    pub(crate) fn on_room(&mut self, s: usize) {
        if s == 0 {
            self.admit();
        } else if self.params[s].wip_limit.is_some() {
            self.try_move_out(s - 1);
        }
    }

    /// A release train leaves stage `s`: everything finished moves on as far as room allows.
    pub(crate) fn release(&mut self, s: usize) {
        let last = s + 1 == self.stages.len();
        let mut moved = false;
        while let Some(&front) = self.stages[s].outbox.front() {
            let exempt = self.classes.exempt[self.items[front as usize].class as usize];
            if !(last || exempt || self.has_room(s + 1, 1)) {
                break;
            }
            self.move_items(s, 1);
            moved = true;
        }
        if moved {
            self.stages[s].counters.departures += 1;
        }
        let waiting = !self.stages[s].outbox.is_empty();
        self.set_held(s, waiting);
        if moved {
            self.on_room(s);
        }
        if let Some(every) = self.params[s].release_every {
            let generation = self.stages[s].release_generation;
            self.agenda.schedule(
                self.now + every,
                Event::Release {
                    stage: s as u16,
                    generation,
                },
            );
        }
    }

    /// An item leaves the last stage: it is done.
    fn deliver(&mut self, slot: ItemId) {
        let now = self.now;
        let item = self.items[slot as usize];
        let lead = now - item.arrival;
        let cycle = now - item.start;
        if let Some(c) = self.class_stats.get_mut(item.class as usize) {
            c.wip.add(now, -1.0);
            c.in_system.add(now, -1.0);
            if self.warm {
                c.lead.record(lead);
                c.cycle.record(cycle);
            }
        }
        let sys = &mut self.sys;
        sys.completed += 1;
        sys.lead_sum += lead;
        sys.touch_sum += item.touch;
        sys.wip.add(now, -1.0);
        sys.in_system.add(now, -1.0);
        if self.warm {
            self.lead.record(lead);
            self.cycle.record(cycle);
        }
        self.windows.record(lead, cycle);
        self.periods
            .record((item.id, item.class), now, lead, cycle, self.warm);
        self.first_completion.get_or_insert(now);
        self.last_completion = Some(now);
        if let Some(log) = &mut self.log {
            log.done(item.id, now);
        }
        self.retire_item(slot);
        self.admit();
    }
}
