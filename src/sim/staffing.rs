//! Staffing: specialists joining and leaving a stage, generalist pools, and the worker
//! capacity each stage's utilisation is measured against.

use super::engine::Simulation;
use super::workers::Worker;

impl Simulation {
    /// Sets the number of active specialists at stage `s`. Removed workers finish what they
    /// hold first; idle ones leave at once.
    pub(crate) fn set_specialists(&mut self, s: usize, count: u32) {
        let now = self.now;
        let capacity = self.params[s].multitask;
        let mine: Vec<u32> = (0..self.workers.len() as u32)
            .filter(|&w| self.workers[w as usize].home == Some(s as u16))
            .collect();
        let mut active = mine
            .iter()
            .filter(|&&w| self.workers[w as usize].active)
            .count() as u32;
        // Remove: idle ones first, then the most recently added.
        let mut order = mine.clone();
        order.sort_by_key(|&w| {
            (
                !self.workers[w as usize].tasks.is_empty(),
                std::cmp::Reverse(w),
            )
        });
        for &w in &order {
            if active <= count {
                break;
            }
            if self.workers[w as usize].active {
                self.workers[w as usize].active = false;
                self.stages[s].available.retain(|&x| x != w);
                self.workers[w as usize].listed = false;
                active -= 1;
            }
        }
        // Add: bring back removed workers, then hire new ones.
        for &w in &mine {
            if active >= count {
                break;
            }
            if !self.workers[w as usize].active {
                self.workers[w as usize].active = true;
                self.list_if_free(w);
                active += 1;
            }
        }
        while active < count {
            self.workers
                .push(Worker::new(Some(s as u16), 0, capacity, now));
            self.list_if_free(self.workers.len() as u32 - 1);
            active += 1;
        }
        // A worker who was full may have room now: list them so they take work at once.
        for &w in &mine {
            self.workers[w as usize].capacity = capacity;
            self.list_if_free(w);
        }
        self.dispatch(s);
    }

    pub(crate) fn add_generalist(&mut self, pool: u16) {
        self.workers.push(Worker::new(None, pool, 1, self.now));
        self.list_if_free(self.workers.len() as u32 - 1);
    }

    /// Recomputes every stage's worker capacity: its specialists (removed ones too while they
    /// finish their work), each generalist working there, and an equal share of each idle
    /// generalist who covers it. So utilisation never exceeds 1.
    pub(crate) fn update_capacity(&mut self) {
        // A buffer kept between calls: this runs whenever a generalist takes or ends a task.
        let mut cap = std::mem::take(&mut self.capacity_scratch);
        cap.clear();
        cap.resize(self.stages.len(), 0.0);
        for w in self
            .workers
            .iter()
            .filter(|w| w.active || !w.tasks.is_empty())
        {
            match (w.home, w.tasks.first()) {
                (Some(s), _) => cap[s as usize] += 1.0,
                (None, Some(task)) => cap[task.stage as usize] += 1.0,
                (None, None) => {
                    let mask = self.pools[w.pool as usize];
                    let share = 1.0 / mask.count_ones() as f64;
                    for (s, c) in cap.iter_mut().enumerate() {
                        if mask & (1 << s) != 0 {
                            *c += share;
                        }
                    }
                }
            }
        }
        for (stage, &c) in self.stages.iter_mut().zip(&cap) {
            if stage.counters.capacity.value != c {
                stage.counters.capacity.set(self.now, c);
            }
        }
        self.capacity_scratch = cap;
    }
}
