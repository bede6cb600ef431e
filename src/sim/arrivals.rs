//! Requests arriving, waiting in the backlog, and being admitted into the first stage.
//!
//! The main arrival process is stream 0; each class of service with its own arrival process
//! has a stream of its own (1, 2, … in the order of the classes that have one). Each stream
//! draws from its own generator, so changing one class's arrivals leaves the others' alone.

use super::engine::{Item, ItemId, Simulation, MAX_LIVE_ITEMS};
use super::queue::Event;
use super::random::{arrival_stream, keyed, Purpose, Uniform};
use super::scenario::{Arrival, Scenario};
use rand_xoshiro::Xoshiro256PlusPlus;

/// One arrival process as it runs.
#[derive(Clone, Debug)]
pub(crate) struct Stream {
    /// Inter-arrival times.
    rng: Xoshiro256PlusPlus,
    /// Bumped when the process changes; older scheduled arrivals are stale.
    pub generation: u32,
    /// Time of its latest arrival.
    pub last: f64,
    /// Requests it has made so far (the sequence part of their random key).
    seq: u64,
    /// The class of its requests (`None`: the main stream, classes drawn by share).
    class: Option<u8>,
}

/// The arrival processes of `scenario`: the main one, then one per class with its own.
pub(crate) fn streams(scenario: &Scenario) -> Vec<Stream> {
    let mut out = vec![Stream::new(scenario.seed, 0, None)];
    for (c, class) in scenario.classes.iter().enumerate() {
        if class.arrival.is_some() {
            let k = out.len() as u64;
            out.push(Stream::new(scenario.seed, k, Some(c as u8)));
        }
    }
    out
}

impl Stream {
    fn new(seed: u64, index: u64, class: Option<u8>) -> Stream {
        let seed = seed ^ index.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        Stream {
            rng: arrival_stream(seed),
            generation: 0,
            last: 0.0,
            seq: 0,
            class,
        }
    }

    /// The key of its next request's random draws: the main stream's requests are keyed by
    /// their sequence number, other streams' by their index in the top bits as well, so each
    /// request gets its work and blocks whatever the other streams do.
    fn key(&self, index: usize) -> u64 {
        ((index as u64) << 40) | self.seq
    }
}

impl Simulation {
    /// The arrival process of stream `k`.
    fn process(&self, k: usize) -> &Arrival {
        match self.streams[k].class {
            None => &self.scenario.arrival,
            Some(c) => self.scenario.classes[c as usize]
                .arrival
                .as_ref()
                .expect("a class stream has its own arrival"),
        }
    }

    /// Schedules stream `k`'s next arrival from now (none for a pure backlog).
    pub(crate) fn schedule_next_arrival(&mut self, k: usize) {
        let next = match *self.process(k) {
            Arrival::Poisson { rate, .. } => {
                self.now - libm::log(1.0 - self.streams[k].rng.uniform()) / rate
            }
            Arrival::Fixed { interval, .. } => (self.streams[k].last + interval).max(self.now),
            Arrival::Backlog { .. } => return,
        };
        self.agenda.schedule(
            next,
            Event::Arrival {
                stream: k as u16,
                generation: self.streams[k].generation,
            },
        );
    }

    /// Starts every stream: its initial backlog waits, and its first arrival is scheduled.
    pub(crate) fn start_arrivals(&mut self) {
        for k in 0..self.streams.len() {
            for _ in 0..self.process(k).backlog() {
                self.arrive(k);
            }
        }
        for k in 0..self.streams.len() {
            self.schedule_next_arrival(k);
        }
    }

    /// Restarts stream `k`'s arrival process from now (after a change of rate or type).
    pub(crate) fn restart_arrivals(&mut self, k: usize) {
        self.streams[k].generation += 1;
        self.schedule_next_arrival(k);
    }

    /// The stream of the class with index `class`, if it has its own arrivals.
    pub(crate) fn stream_of_class(&self, class: usize) -> Option<usize> {
        self.streams
            .iter()
            .position(|s| s.class == Some(class as u8))
    }

    /// A new request of stream `k` joins the backlog and starts if it may.
    pub(crate) fn arrive(&mut self, k: usize) {
        let live = self.items.len() - self.free.len();
        if live >= MAX_LIVE_ITEMS {
            self.sys.balked += 1;
            return;
        }
        let stream = &mut self.streams[k];
        let key = stream.key(k);
        stream.seq += 1;
        let class = match stream.class {
            Some(c) => c,
            None if self.classes.shares.is_empty() => 0,
            None => {
                let u = keyed(self.seed_key, key, 0, 0, Purpose::Class).uniform();
                self.classes.class_of_share(u)
            }
        };
        let item = Item {
            id: self.next_id,
            key,
            arrival: self.now,
            start: f64::NAN,
            entered: self.now,
            touch: 0.0,
            resume: f64::NAN,
            block_for: -1.0,
            defects: 0,
            log_row: u32::MAX,
            stage: 0,
            class,
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
            log.arrive(item.id, class, self.now);
        }
        self.sys.arrivals += 1;
        self.sys.in_system.add(self.now, 1.0);
        if let Some(stats) = self.class_stats.get_mut(class as usize) {
            stats.in_system.add(self.now, 1.0);
        }
        self.backlog.push_back(class as usize, slot);
        self.admit();
    }

    /// Starts backlog items, highest priority first, while the system cap and the first
    /// stage's limit allow; WIP-exempt classes start regardless.
    pub(crate) fn admit(&mut self) {
        if self.backlog.is_empty() {
            return;
        }
        loop {
            let room = self
                .scenario
                .wip_limit
                .is_none_or(|cap| self.sys.wip.value < cap as f64)
                && self.has_room(0, 1);
            let exempt = &self.classes.exempt;
            let Some(lane) = self
                .backlog
                .next(&self.classes.order, &self.items, |l| room || exempt[l])
            else {
                break;
            };
            let slot = self.backlog.pop_lane(lane).expect("the lane has an item");
            let item = &mut self.items[slot as usize];
            item.start = self.now;
            if let Some(log) = &mut self.log {
                log.start(item.id, self.now);
            }
            self.sys.wip.add(self.now, 1.0);
            if let Some(stats) = self.class_stats.get_mut(item.class as usize) {
                stats.wip.add(self.now, 1.0);
            }
            self.enter_stage(0, slot);
        }
    }

    /// Whether the run is over: no item is in the system and none can come, because every
    /// arrival process is a backlog, taken in at time 0 (a change to the scenario may start
    /// new arrivals). The clock can go on, but nothing would happen again.
    pub fn is_finished(&self) -> bool {
        self.items.len() == self.free.len() && self.scenario.backlog_only().is_some()
    }

    /// When a run that is over ([`Simulation::is_finished`]) stopped changing: its last item
    /// done, or a change made to it later (a worker added, say), whichever came last. Its
    /// counters stand still from then on, so [`Simulation::summary`] ends its period there.
    /// `None` while the run is not over.
    pub fn stats_until(&self) -> Option<f64> {
        self.is_finished().then(|| self.last_change()).flatten()
    }

    /// The later of the last item done and the last change made to the run (`None` before
    /// any item is done).
    pub(crate) fn last_change(&self) -> Option<f64> {
        let last = self.last_completion?;
        Some(self.interventions.last().map_or(last, |i| i.time.max(last)))
    }

    /// Frees an item's slot once it is done.
    pub(crate) fn retire_item(&mut self, slot: ItemId) {
        self.free.push(slot);
    }
}
