//! The simulation state and its event loop.

use super::arrivals::Stream;
use super::bottleneck::BottleneckTracker;
use super::classes::{ClassParams, ClassStats, Lanes};
use super::counters::{Mark, SystemCounters};
use super::itemlog::ItemLog;
use super::queue::{Event, EventQueue};
use super::scenario::{Scenario, ScenarioError};
pub(crate) use super::stage::{StageParams, StageState};
use super::stats::Histogram;
use super::validate::Limits;
use super::windows::WindowSeries;
use super::workers::Worker;
use std::collections::VecDeque;

/// Index of an item's slot in the simulation's item table.
pub type ItemId = u32;

/// Most items a run holds at once; arrivals beyond this are turned away and counted, so an
/// overloaded scenario cannot exhaust memory.
pub const MAX_LIVE_ITEMS: usize = 1_000_000;

/// What a run holds in memory, in counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Footprint {
    /// Slots in the item table (the most items ever in the system at once).
    pub item_slots: usize,
    /// Events scheduled and not yet handled.
    pub pending_events: usize,
    /// Statistics windows kept.
    pub windows: usize,
    /// Interventions kept.
    pub interventions: usize,
}

/// A request travelling through the stream.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    /// Sequence number in order of arrival.
    pub id: u64,
    /// The key of its random draws (see [`super::arrivals`]).
    pub key: u64,
    /// When it was requested.
    pub arrival: f64,
    /// When it entered the first stage (NaN before).
    pub start: f64,
    /// When it entered its current stage.
    pub entered: f64,
    /// Work received so far.
    pub touch: f64,
    /// Work left at its current stage after a block (NaN when it has not been blocked there).
    pub resume: f64,
    /// Length of the block still to come in its current work (negative: none).
    pub block_for: f64,
    /// Times it was found defective.
    pub defects: u32,
    /// Row of its current stage visit in the item log.
    pub log_row: u32,
    /// Its current stage.
    pub stage: u16,
    /// Its class of service (0 without classes).
    pub class: u8,
}

/// A discrete-event simulation of one scenario. See the [crate::sim] docs for the model.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) scenario: Scenario,
    pub(crate) params: Vec<StageParams>,
    pub(crate) now: f64,
    /// The agenda: pending events in time order (not a stage queue).
    pub(crate) agenda: EventQueue,
    pub(crate) events: u64,
    /// The seed's part of every keyed draw ([`super::random::seed_key`]).
    pub(crate) seed_key: u64,
    /// The arrival processes: the main one, then classes with their own.
    pub(crate) streams: Vec<Stream>,
    pub(crate) next_id: u64,
    /// The classes of service as the loop reads them.
    pub(crate) classes: ClassParams,
    /// Per class of service (empty without classes).
    pub(crate) class_stats: Vec<ClassStats>,
    pub(crate) items: Vec<Item>,
    pub(crate) free: Vec<ItemId>,
    pub(crate) backlog: Lanes,
    pub(crate) stages: Vec<StageState>,
    pub(crate) workers: Vec<Worker>,
    /// Per generalist pool: bit mask of the stages it covers.
    pub(crate) pools: Vec<u64>,
    pub(crate) idle_generalists: Vec<u32>,
    /// Scratch space of [`Simulation::update_capacity`], kept to avoid an allocation per call.
    pub(crate) capacity_scratch: Vec<f64>,
    pub(crate) sys: SystemCounters,
    pub(crate) lead: Histogram,
    pub(crate) cycle: Histogram,
    pub(crate) first_completion: Option<f64>,
    pub(crate) last_completion: Option<f64>,
    pub(crate) warm: bool,
    pub(crate) warmup_mark: Mark,
    pub(crate) recent_mark: Mark,
    pub(crate) windows: WindowSeries,
    pub(crate) bottleneck: BottleneckTracker,
    pub(crate) interventions: Vec<super::change::Intervention>,
    pub(crate) log: Option<ItemLog>,
    pub(crate) periods: super::periods::Periods,
    /// Ages at which items moved on from each stage (the Aging WIP bands).
    pub(crate) aging: super::aging::AgingStats,
}

impl Simulation {
    /// Validates `scenario` and sets up a run at time 0 (the initial backlog already waiting).
    pub fn new(scenario: &Scenario) -> Result<Simulation, ScenarioError> {
        Self::build(scenario, None)
    }

    /// Like [`Simulation::new`], and keeps the per-item log (arrival, start, every stage visit,
    /// done) for the whole run. Its memory grows with every item; without it a run's memory
    /// stays bounded.
    pub fn with_item_log(scenario: &Scenario) -> Result<Simulation, ScenarioError> {
        Self::build(scenario, Some(u64::MAX))
    }

    /// Like [`Simulation::with_item_log`], logging only the first `items` items, so memory
    /// stays bounded however long the run.
    pub fn with_item_log_limit(
        scenario: &Scenario,
        items: u64,
    ) -> Result<Simulation, ScenarioError> {
        Self::build(scenario, Some(items))
    }

    /// Like [`Simulation::new`] (or [`Simulation::with_item_log`] with `item_log`), checking
    /// the scenario against `limits` instead of the web app's, e.g. [`Limits::CLI`].
    pub fn with_limits(
        scenario: &Scenario,
        limits: &Limits,
        item_log: bool,
    ) -> Result<Simulation, ScenarioError> {
        scenario.validate_with(limits)?;
        Ok(Self::start(scenario, item_log.then_some(u64::MAX)))
    }

    fn build(scenario: &Scenario, item_log: Option<u64>) -> Result<Simulation, ScenarioError> {
        scenario.validate()?;
        Ok(Self::start(scenario, item_log))
    }

    /// Sets up a run of a scenario already validated.
    fn start(scenario: &Scenario, item_log: Option<u64>) -> Simulation {
        let n = scenario.stages.len();
        let mut sim = Simulation {
            scenario: scenario.clone(),
            params: (0..n).map(|i| StageParams::of(scenario, i)).collect(),
            now: 0.0,
            agenda: EventQueue::new(),
            events: 0,
            seed_key: super::random::seed_key(scenario.seed),
            streams: super::arrivals::streams(scenario),
            next_id: 0,
            classes: ClassParams::of(scenario),
            class_stats: vec![ClassStats::default(); scenario.classes.len()],
            items: Vec::new(),
            free: Vec::new(),
            backlog: Lanes::new(scenario.classes.len()),
            stages: vec![
                StageState {
                    queue: Lanes::new(scenario.classes.len()),
                    ..StageState::default()
                };
                n
            ],
            workers: Vec::new(),
            pools: Vec::new(),
            idle_generalists: Vec::new(),
            capacity_scratch: Vec::new(),
            sys: SystemCounters::default(),
            lead: Histogram::default(),
            cycle: Histogram::default(),
            first_completion: None,
            last_completion: None,
            warm: scenario.warmup <= 0.0,
            warmup_mark: Mark::default(),
            recent_mark: Mark::default(),
            windows: WindowSeries::new(scenario.window),
            bottleneck: BottleneckTracker::new(n, scenario.warmup),
            interventions: Vec::new(),
            log: item_log.map(|limit| ItemLog::new(scenario, limit)),
            periods: Default::default(),
            aging: super::aging::AgingStats::new(n),
        };
        for (s, stage) in scenario.stages.iter().enumerate() {
            sim.set_specialists(s, stage.workers);
            if let Some(every) = stage.release_every {
                sim.agenda.schedule(
                    every,
                    Event::Release {
                        stage: s as u16,
                        generation: 0,
                    },
                );
            }
        }
        for (g, pool) in scenario.generalists.iter().enumerate() {
            let mask = pool
                .stages
                .iter()
                .filter_map(|name| scenario.stage_index(name))
                .fold(0u64, |m, i| m | 1 << i);
            sim.pools.push(mask);
            for _ in 0..pool.count {
                sim.add_generalist(g as u16);
            }
        }
        sim.update_capacity();
        let mark = sim.mark();
        sim.warmup_mark = mark.clone();
        sim.recent_mark = mark.clone();
        sim.windows.reset(mark);
        sim.start_arrivals();
        sim
    }

    /// The per-item log, if the run keeps one ([`Simulation::with_item_log`]).
    pub fn item_log(&self) -> Option<&ItemLog> {
        self.log.as_ref()
    }

    /// The scenario with every change applied so far.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The closed statistics windows still kept (at most [`super::windows::MAX_WINDOWS`]).
    pub fn windows(&self) -> &VecDeque<super::windows::Window> {
        self.windows.windows()
    }

    /// What the run holds in memory, in counts (all bounded unless the item log is on).
    pub fn footprint(&self) -> Footprint {
        Footprint {
            item_slots: self.items.len(),
            pending_events: self.agenda.len(),
            windows: self.windows.windows().len(),
            interventions: self.interventions.len(),
        }
    }

    /// Every change made during the run, oldest first.
    pub fn interventions(&self) -> &[super::change::Intervention] {
        &self.interventions
    }

    /// Simulated time now, in days.
    pub fn now(&self) -> f64 {
        self.now
    }

    /// Events handled so far.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Runs to the scenario's `duration`.
    pub fn run(&mut self) -> &mut Self {
        self.run_until(self.scenario.duration);
        self
    }

    /// Handles every event up to and including time `t` and moves the clock to `t`.
    /// Returns the number of events handled.
    pub fn run_until(&mut self, t: f64) -> u64 {
        let before = self.events;
        while let Some((time, event)) = self.agenda.pop_due(t) {
            self.handle(time, event);
        }
        if t > self.now && t.is_finite() {
            self.advance(t);
        }
        self.events - before
    }

    /// Handles up to `n` events, stopping early at time `until`. Returns how many it handled.
    pub fn run_events(&mut self, n: u64, until: f64) -> u64 {
        let before = self.events;
        while self.events - before < n {
            let Some((time, event)) = self.agenda.pop_due(until) else {
                break;
            };
            self.handle(time, event);
        }
        self.events - before
    }

    /// Time of the next pending event, if any.
    pub fn next_event_time(&self) -> Option<f64> {
        self.agenda.peek_time()
    }

    /// Handles `event`, just taken from the agenda, at time `t` (nothing if it is stale).
    fn handle(&mut self, t: f64, event: Event) {
        let live = match event {
            Event::Arrival { stream, generation } => {
                self.streams[stream as usize].generation == generation
            }
            Event::WorkerDone { worker, generation } => {
                self.workers[worker as usize].generation == generation
            }
            Event::Release { stage, generation } => {
                self.stages[stage as usize].release_generation == generation
            }
            Event::Unblock { .. } => true,
        };
        if !live {
            return;
        }
        self.advance(t);
        self.events += 1;
        match event {
            Event::Arrival { stream, .. } => {
                let k = stream as usize;
                self.streams[k].last = t;
                self.arrive(k);
                self.schedule_next_arrival(k);
            }
            Event::Unblock { item } => self.unblock(item),
            Event::WorkerDone { worker, .. } => self.worker_done(worker),
            Event::Release { stage, .. } => self.release(stage as usize),
        }
    }

    /// Moves the clock to `t`, closing statistics windows and the warm-up on the way.
    #[inline(always)]
    fn advance(&mut self, t: f64) {
        if self.windows.next_end() <= t {
            self.close_windows(t);
        }
        if !self.warm && t >= self.scenario.warmup {
            self.warm = true;
            self.warmup_mark = self.mark_at(self.scenario.warmup);
            for c in &mut self.class_stats {
                c.warm_up(self.scenario.warmup);
            }
            if self.recent_mark.time < self.scenario.warmup {
                self.recent_mark = self.warmup_mark.clone();
            }
        }
        self.now = t;
    }

    /// The counters as they stand now.
    pub(crate) fn mark(&self) -> Mark {
        self.mark_at(self.now)
    }

    /// The counters as they stood at `t`, when none has changed since (see [`Mark::take`]).
    pub(crate) fn mark_at(&self, t: f64) -> Mark {
        Mark::take(t, &self.sys, self.stages.iter().map(|s| &s.counters))
    }
}
