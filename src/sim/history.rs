//! Time travel: any moment of a run already simulated, rebuilt by replay.
//!
//! A run is deterministic, so the state at any earlier moment is the state a replay from the
//! start reaches. [`History`] keeps periodic snapshots of the [`Simulation`] (a copy every so
//! many events, at most [`MAX_SNAPSHOTS`]: when there are more, every other one is dropped and
//! the spacing doubles, so memory stays bounded and a replay never runs more than about
//! `2 × events ÷ MAX_SNAPSHOTS` events) and every change made during the run (the scenario
//! given to [`Simulation::update`] and the exact moment: events handled and clock). A moment
//! is rebuilt from the nearest earlier snapshot by running on and re-applying the changes
//! at the same moments, so the state is exactly the one the run had (tests/sim/history.rs).
//!
//! Snapshots leave out the per-item log (it grows with the run);
//! [`History::replay_logged`] rebuilds a moment with it, from the start.

use super::engine::Simulation;
use super::scenario::Scenario;

/// Most snapshots kept. A snapshot of a long run holds up to a few MB (its statistics windows,
/// recent completions and histograms), so this bounds the memory of time travel.
pub const MAX_SNAPSHOTS: usize = 24;
/// Events between two snapshots at first.
const FIRST_SPACING: u64 = 2_000;

/// A state of the run: the simulation and how many of the run's changes it has applied.
#[derive(Clone, Debug)]
pub struct Point {
    sim: Simulation,
    applied: usize,
}

impl Point {
    /// The simulation at this moment.
    pub fn sim(&self) -> &Simulation {
        &self.sim
    }
}

/// A moment to travel to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// Simulated day `t`: every event up to and including `t` handled, the clock at `t`
    /// ([`Simulation::run_until`]); with the changes made up to that day.
    Time(f64),
    /// After `n` events, the clock at the last one (or at a change made after it).
    Events(u64),
}

/// A change made during the run: the scenario applied and when.
#[derive(Clone, Debug)]
struct Change {
    events: u64,
    time: f64,
    scenario: Scenario,
}

impl Target {
    /// Whether the change at (`events`, `time`) happened by this target.
    fn includes(self, c: &Change) -> bool {
        match self {
            Target::Time(t) => c.time <= t,
            Target::Events(n) => c.events <= n,
        }
    }
}

/// The snapshots and changes of one run. See the module docs.
#[derive(Clone, Debug)]
pub struct History {
    initial: Scenario,
    snapshots: Vec<Point>,
    changes: Vec<Change>,
    spacing: u64,
}

/// A copy of `sim` without its item log (which is put back).
fn copy_without_log(sim: &mut Simulation) -> Simulation {
    let log = sim.log.take();
    let copy = sim.clone();
    sim.log = log;
    copy
}

/// Runs `sim` to exactly `events` events handled and the clock at `time` (so any event still
/// due at `time` comes after that moment). Returns whether it got there: not when the run has
/// no such moment (more events by then, or the clock already past `time`).
fn run_to_moment(sim: &mut Simulation, events: u64, time: f64) -> bool {
    if sim.now() > time {
        return false;
    }
    sim.run_events(events.saturating_sub(sim.events()), time);
    if sim.now() < time {
        sim.run_until(time);
    }
    sim.events() == events
}

/// [`run_to_moment`] for a moment this run had.
fn run_to_own_moment(sim: &mut Simulation, events: u64, time: f64) {
    let reached = run_to_moment(sim, events, time);
    debug_assert!(reached, "a moment of this run");
}

impl History {
    /// The history of a run that starts as `sim` (at time 0, before any change).
    pub fn new(sim: &mut Simulation) -> History {
        History {
            initial: sim.scenario().clone(),
            snapshots: vec![Point {
                sim: copy_without_log(sim),
                applied: 0,
            }],
            changes: Vec::new(),
            spacing: FIRST_SPACING,
        }
    }

    /// The live run has moved on to `head`: keeps a snapshot if one is due.
    pub fn observe(&mut self, head: &mut Simulation) {
        let last = self.snapshots.last().expect("the start is kept");
        if head.events() < last.sim.events() + self.spacing {
            return;
        }
        let point = Point {
            sim: copy_without_log(head),
            applied: self.changes.len(),
        };
        self.snapshots.push(point);
        if self.snapshots.len() > MAX_SNAPSHOTS {
            let mut k = 0;
            self.snapshots.retain(|_| {
                k += 1;
                k % 2 == 1
            });
            self.spacing *= 2;
        }
    }

    /// The live run `head` is about to apply `scenario` ([`Simulation::update`]); call only
    /// when the update succeeds.
    pub fn record_change(&mut self, head: &Simulation, scenario: &Scenario) {
        self.changes.push(Change {
            events: head.events(),
            time: head.now(),
            scenario: scenario.clone(),
        });
    }

    /// The history of a run that starts as `sim` (at time 0) and takes each of `changes`
    /// (events handled, clock, scenario) at that moment, as a run recorded them: `sim` ends
    /// at the last change. `None` when a moment is not one the run has (given by hand, say)
    /// or the run refuses a change; `sim` is then of no use.
    pub fn replay(sim: &mut Simulation, changes: &[(u64, f64, Scenario)]) -> Option<History> {
        let mut history = History::new(sim);
        for (events, time, scenario) in changes {
            if !run_to_moment(sim, *events, *time) {
                return None;
            }
            history.observe(sim);
            sim.update(scenario).ok()?;
            history.record_change(sim, scenario);
        }
        Some(history)
    }

    /// The scenario the run started with.
    pub fn initial(&self) -> &Scenario {
        &self.initial
    }

    /// The changes made, oldest first: events handled and clock when each was made, and the
    /// scenario applied.
    pub fn changes(&self) -> impl Iterator<Item = (u64, f64, &Scenario)> {
        self.changes.iter().map(|c| (c.events, c.time, &c.scenario))
    }

    /// Snapshots kept now.
    pub fn snapshots(&self) -> usize {
        self.snapshots.len()
    }

    /// The run at `target`, replayed from the nearest snapshot before it. `target` must not
    /// be later than the live run.
    pub fn at(&self, target: Target) -> Point {
        let before = match target {
            Target::Time(t) => self.snapshots.partition_point(|p| p.sim.now() <= t),
            Target::Events(n) => self.snapshots.partition_point(|p| p.sim.events() < n),
        };
        let mut point = self.snapshots[before.saturating_sub(1)].clone();
        self.advance(&mut point, target);
        point
    }

    /// Moves `point` on to `target` (not earlier than it), re-applying the changes made on the
    /// way at the moments they were made.
    pub fn advance(&self, point: &mut Point, target: Target) {
        while let Some(c) = self.changes.get(point.applied) {
            if !target.includes(c) {
                break;
            }
            run_to_own_moment(&mut point.sim, c.events, c.time);
            point
                .sim
                .update(&c.scenario)
                .expect("a change the run accepted");
            point.applied += 1;
        }
        match target {
            Target::Time(t) => {
                point.sim.run_until(t);
            }
            Target::Events(n) => {
                let more = n.saturating_sub(point.sim.events());
                point.sim.run_events(more, f64::INFINITY);
            }
        }
    }

    /// The live run is going on from `point`: forgets the changes and snapshots after it (a
    /// new branch starts there).
    pub fn branch(&mut self, point: &Point) {
        let (events, now) = (point.sim.events(), point.sim.now());
        self.changes.truncate(point.applied);
        self.snapshots.retain(|p| {
            p.applied <= point.applied
                && (p.sim.events() < events || (p.sim.events() == events && p.sim.now() <= now))
        });
    }

    /// The moment of `point` replayed from the start by a run that keeps the per-item log
    /// of its first `limit` items, as the live run does. Takes as long as the run so far.
    pub fn replay_logged(&self, point: &Point, limit: u64) -> Simulation {
        let mut sim =
            Simulation::with_item_log_limit(&self.initial, limit).expect("the run's own scenario");
        for c in &self.changes[..point.applied] {
            run_to_own_moment(&mut sim, c.events, c.time);
            sim.update(&c.scenario).expect("a change the run accepted");
        }
        run_to_own_moment(&mut sim, point.sim.events(), point.sim.now());
        sim
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One stage, an item a day, each taking `work` days: two events a day.
    fn one_stage(work: f64) -> Scenario {
        Scenario::from_json(&format!(
            r#"{{"arrival": {{"type": "fixed", "interval": 1}}, "duration": 100000,
                "stages": [{{"name": "A", "work": {{"type": "constant", "value": {work}}}}}]}}"#
        ))
        .unwrap()
    }

    /// Events at whole and half days: the spacing is easy to follow.
    fn steady() -> Scenario {
        one_stage(0.5)
    }

    /// The promise of the module docs: however long the run, the snapshots stay evenly spread
    /// over it, so no replay runs more than about 2 × events ÷ MAX_SNAPSHOTS events. The
    /// spacing doubles each time half the snapshots are dropped; were it kept (or shrunk), the
    /// early snapshots would thin out while the late ones crowd together.
    #[test]
    fn snapshots_stay_evenly_spread_as_the_spacing_doubles() {
        let mut sim = Simulation::new(&steady()).unwrap();
        let mut history = History::new(&mut sim);
        // Frames of 10 days (about 20 events): coarse next to the spacing.
        let frame = 20;
        for k in 1..=10_000 {
            sim.run_until(10.0 * k as f64);
            history.observe(&mut sim);
            let events: Vec<u64> = history.snapshots.iter().map(|p| p.sim.events()).collect();
            let limit = (2 * sim.events() / MAX_SNAPSHOTS as u64).max(FIRST_SPACING) + frame;
            for pair in events.windows(2) {
                assert!(
                    pair[1] - pair[0] <= limit,
                    "gap {pair:?} over {limit} at {events:?}"
                );
            }
            assert!(sim.events() - events.last().unwrap() <= limit);
            assert_eq!(events[0], 0, "the start is always kept");
        }
        // 200,000 events: 2,000 × 2^k ≥ 2 × 200,000 ÷ 24 first at k = 3.
        assert_eq!(history.spacing, 16_000);
        assert!(history.snapshots.len() >= MAX_SNAPSHOTS / 2);
    }

    /// A live run of `scenario` in frames of `frame` days, observed after each.
    fn observed(scenario: &Scenario, frame: f64, frames: u32) -> History {
        let mut sim = Simulation::new(scenario).unwrap();
        let mut history = History::new(&mut sim);
        for k in 1..=frames {
            sim.run_until(frame * f64::from(k));
            history.observe(&mut sim);
        }
        history
    }

    /// What a screen would show of `sim`.
    fn state(sim: &Simulation) -> String {
        format!("{} {} {:?}", sim.events(), sim.now(), sim.summary())
    }

    /// A replay starts from the nearest snapshot before the target, not from the start: with
    /// the first snapshot swapped for another run's, every later moment still comes out exactly
    /// as a straight run has it. A snapshot exactly at the target counts for a day (its clock is
    /// that day) but not for an event count (its clock went on to the frame's end, past the
    /// event), so those moments are asked for too.
    #[test]
    fn a_replay_starts_from_the_nearest_snapshot_before_its_target() {
        // Frames ending between events (which come at whole and half days).
        let mut history = observed(&steady(), 10.3, 2_000);
        let other = Scenario::from_json(
            r#"{"arrival": {"type": "fixed", "interval": 3},
                "stages": [{"name": "A", "work": {"type": "constant", "value": 2}}]}"#,
        );
        history.snapshots[0].sim = Simulation::new(&other.unwrap()).unwrap();
        let kept: Vec<(u64, f64)> = history.snapshots[1..]
            .iter()
            .map(|p| (p.sim.events(), p.sim.now()))
            .collect();
        assert!(kept.len() >= 4, "snapshots were taken: {kept:?}");
        for (i, &(events, now)) in kept.iter().enumerate() {
            // (At exactly the first kept snapshot's count, the one before is the swapped one.)
            for n in [events, events + 1].into_iter().skip(usize::from(i == 0)) {
                let mut straight = Simulation::new(&steady()).unwrap();
                straight.run_events(n, f64::INFINITY);
                assert_eq!(state(history.at(Target::Events(n)).sim()), state(&straight));
            }
            for t in [now, now + 0.2] {
                let mut straight = Simulation::new(&steady()).unwrap();
                straight.run_until(t);
                assert_eq!(state(history.at(Target::Time(t)).sim()), state(&straight));
            }
        }
    }

    /// Branching at a past moment forgets every snapshot after it, and only those: one taken at
    /// the same event count but a later clock (the frame went on past the event), and one taken
    /// at the same clock but after more events (events at equal times, handled one by one).
    #[test]
    fn a_branch_forgets_exactly_the_snapshots_after_its_moment() {
        // Events at whole and half days, frames ending in between.
        let between = observed(&steady(), 10.3, 2_000);
        // An arrival and a finish at every whole day, frames ending on them.
        let equal = observed(&one_stage(1.0), 10.0, 2_000);
        for (mut history, back) in [(between, 0), (equal, 1)] {
            let i = 3;
            let kept = &history.snapshots[i].sim;
            let (kept_events, kept_now) = (kept.events(), kept.now());
            let point = history.at(Target::Events(kept_events - back));
            assert!(point.sim.now() <= kept_now && point.sim.events() <= kept_events);
            assert_ne!(
                (point.sim.events(), point.sim.now()),
                (kept_events, kept_now),
                "the snapshot is after the point"
            );
            let mut at_it = history.clone();
            history.branch(&point);
            assert_eq!(
                history.snapshots.len(),
                i,
                "the snapshots before the point stay"
            );
            // A branch at the very moment of a snapshot keeps it.
            let same = at_it.at(Target::Time(kept_now));
            assert_eq!((same.sim.events(), same.sim.now()), (kept_events, kept_now));
            at_it.branch(&same);
            assert_eq!(at_it.snapshots.len(), i + 1);
        }
    }

    /// Changes are replayed at their exact moment, also one made between two events at the same
    /// time (an arrival and a finish every whole day here), and only by the targets they came
    /// before: an event count just short of the change's moment leaves it out.
    #[test]
    fn a_change_between_events_at_the_same_time_is_replayed_there() {
        let base = one_stage(1.0);
        let mut changed = base.clone();
        changed.stages[0].wip_limit = Some(1);
        // The live run: to day 9.9, one of the two events of day 10, the change, on to day 30.
        let live = |sim: &mut Simulation, history: Option<&mut History>| {
            sim.run_until(9.9);
            sim.run_events(1, f64::INFINITY);
            if let Some(h) = history {
                h.record_change(sim, &changed);
            }
            sim.update(&changed).unwrap();
        };
        let mut sim = Simulation::new(&base).unwrap();
        let mut history = History::new(&mut sim);
        live(&mut sim, Some(&mut history));
        let at_change = sim.events();
        sim.run_until(30.0);
        let mut straight = Simulation::new(&base).unwrap();
        live(&mut straight, None);
        straight.run_until(30.0);
        assert_eq!(
            state(history.at(Target::Time(30.0)).sim()),
            state(&straight)
        );
        let mut five_on = Simulation::new(&base).unwrap();
        live(&mut five_on, None);
        five_on.run_events(5, f64::INFINITY);
        let replayed = history.at(Target::Events(at_change + 5));
        assert_eq!(state(replayed.sim()), state(&five_on));
        let before = history.at(Target::Events(at_change - 1));
        let mut plain = Simulation::new(&base).unwrap();
        plain.run_events(at_change - 1, f64::INFINITY);
        assert_eq!(state(before.sim()), state(&plain));
        assert!(before.sim().interventions().is_empty());
    }
}
