//! Requests arriving, waiting in the backlog, and being admitted into the first stage.

use super::engine::{Item, ItemId, Simulation, MAX_LIVE_ITEMS};
use super::queue::Event;
use super::scenario::Arrival;

impl Simulation {
    /// Schedules the next arrival from now (none for a pure backlog).
    pub(crate) fn schedule_next_arrival(&mut self) {
        use super::random::Uniform;
        let next = match self.scenario.arrival {
            Arrival::Poisson { rate, .. } => {
                self.now - libm::log(1.0 - self.arrivals.uniform()) / rate
            }
            Arrival::Fixed { interval, .. } => (self.last_arrival + interval).max(self.now),
            Arrival::Backlog { .. } => return,
        };
        self.agenda.schedule(
            next,
            Event::Arrival {
                generation: self.arrival_generation,
            },
        );
    }

    /// Restarts the arrival process from now (after a change of rate or type).
    pub(crate) fn restart_arrivals(&mut self) {
        self.arrival_generation += 1;
        self.schedule_next_arrival();
    }

    /// A new request joins the backlog and starts if it may.
    pub(crate) fn arrive(&mut self) {
        let live = self.items.len() - self.free.len();
        if live >= MAX_LIVE_ITEMS {
            self.sys.balked += 1;
            return;
        }
        let item = Item {
            id: self.next_id,
            arrival: self.now,
            start: f64::NAN,
            entered: self.now,
            touch: 0.0,
            defects: 0,
            log_row: u32::MAX,
        };
        self.next_id += 1;
        let slot = match self.free.pop() {
            Some(slot) => {
                self.items[slot as usize] = item;
                slot
            }
            None => {
                self.items.push(item);
                (self.items.len() - 1) as ItemId
            }
        };
        if let Some(log) = &mut self.log {
            log.arrive(item.id, self.now);
        }
        self.sys.arrivals += 1;
        self.sys.in_system.add(self.now, 1.0);
        self.backlog.push_back(slot);
        self.admit();
    }

    /// Starts backlog items while the system cap and the first stage's limit allow.
    pub(crate) fn admit(&mut self) {
        while let Some(&slot) = self.backlog.front() {
            if let Some(cap) = self.scenario.wip_limit {
                if self.sys.wip.value >= cap as f64 {
                    break;
                }
            }
            if !self.has_room(0, 1) {
                break;
            }
            self.backlog.pop_front();
            let item = &mut self.items[slot as usize];
            item.start = self.now;
            if let Some(log) = &mut self.log {
                log.start(item.id, self.now);
            }
            self.sys.wip.add(self.now, 1.0);
            self.enter_stage(0, slot);
        }
    }

    /// Frees an item's slot once it is done.
    pub(crate) fn retire_item(&mut self, slot: ItemId) {
        self.free.push(slot);
    }
}
