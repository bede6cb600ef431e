//! Time travel (src/sim/history.rs): the state at a moment rebuilt by replay from a snapshot
//! is exactly the state a run reaches by going straight there — same events, clock, counts,
//! summary, board and Aging WIP — including across changes made mid-run, and a new branch
//! from a past moment is the run that makes that change there.

use flowsim::sim::{History, Scenario, Simulation, Target};
use flowsim::state::default_scenario;

/// Everything a screen shows of a run, as text (NaN-safe comparison).
fn state(sim: &Simulation) -> String {
    format!(
        "{} {} {:?} {:?} {:?} {:?} {:?}",
        sim.events(),
        sim.now(),
        sim.summary(),
        sim.board(50),
        sim.wip_items(),
        sim.aging_bands(),
        sim.windows().back()
    )
}

fn long() -> Scenario {
    let mut s = default_scenario();
    s.duration = 3650.0;
    s
}

fn with_wip_limit(s: &Scenario, limit: u32) -> Scenario {
    let mut s = s.clone();
    s.stages[2].wip_limit = Some(limit);
    s
}

/// The live run: frames of uneven length, a change at day 100.3 (after a frame) and one made
/// after stepping 3 events past day 700, snapshots as the app takes them.
fn live() -> (Simulation, History) {
    let base = long();
    let mut sim = Simulation::new(&base).unwrap();
    let mut history = History::new(&mut sim);
    let mut t = 0.0;
    let mut k = 0;
    while t < 3650.0 {
        k += 1;
        t = (t + 0.37 * (k % 7) as f64 + 0.05).min(3650.0);
        sim.run_until(t);
        if t >= 100.3 && sim.interventions().is_empty() {
            let change = with_wip_limit(&base, 4);
            history.record_change(&sim, &change);
            sim.update(&change).unwrap();
        }
        if t >= 700.0 && sim.interventions().len() == 1 {
            sim.run_events(3, f64::INFINITY);
            let change = with_wip_limit(&base, 6);
            history.record_change(&sim, &change);
            sim.update(&change).unwrap();
        }
        history.observe(&mut sim);
    }
    (sim, history)
}

/// The same run going straight to `t` (no frames, no snapshots), with the same changes.
fn straight_to(t: f64, live: &Simulation) -> Simulation {
    let base = long();
    let mut sim = Simulation::new(&base).unwrap();
    let changes = live.interventions();
    let first = changes[0].time;
    let second = changes[1].time;
    if t >= first {
        sim.run_until(first);
        sim.update(&with_wip_limit(&base, 4)).unwrap();
    }
    if t >= second {
        // The frame that ended after day 700, then 3 steps: the path the live run took.
        sim.run_until(second_frame_end());
        sim.run_events(3, f64::INFINITY);
        assert_eq!(sim.now(), second);
        sim.update(&with_wip_limit(&base, 6)).unwrap();
    }
    sim.run_until(t);
    sim
}

/// The end of the frame after which the second change's 3 steps were taken.
fn second_frame_end() -> f64 {
    let mut t: f64 = 0.0;
    let mut k = 0;
    while t < 700.0 {
        k += 1;
        t = (t + 0.37 * (k % 7) as f64 + 0.05).min(3650.0);
    }
    t
}

#[test]
fn replay_to_a_day_is_the_state_reached_by_running_straight_there() {
    let (head, history) = live();
    assert!(history.snapshots() > 4, "snapshots were taken");
    assert!(history.snapshots() <= flowsim::sim::history::MAX_SNAPSHOTS);
    assert_eq!(head.interventions().len(), 2);
    for t in [
        0.0, 0.5, 50.0, 100.0, 100.3, 100.31, 650.2, 700.0, 1234.5, 3000.0, 3650.0,
    ] {
        let replayed = history.at(Target::Time(t));
        let straight = straight_to(t, &head);
        assert_eq!(state(replayed.sim()), state(&straight), "day {t}");
        assert_eq!(replayed.sim().interventions(), straight.interventions());
    }
    // The latest moment is the live run itself.
    assert_eq!(state(history.at(Target::Time(3650.0)).sim()), state(&head));
}

#[test]
fn replay_by_events_steps_one_event_back() {
    let (head, history) = live();
    let n = head.events();
    let back = history.at(Target::Events(n - 1));
    assert_eq!(back.sim().events(), n - 1);
    // No change between: the second change was well before the end.
    let mut straight_run = straight_to(3000.0, &head);
    straight_run.run_events(n - 1 - straight_run.events(), f64::INFINITY);
    assert_eq!(state(back.sim()), state(&straight_run));
    // Stepping forward again from the replayed point gives the same event count and clock
    // as the run had after that event.
    let mut forward = back.clone();
    history.advance(&mut forward, Target::Events(n));
    assert_eq!(forward.sim().events(), n);
    assert!(forward.sim().now() <= head.now());
    // Back across the second change: before it, the first limit still holds.
    let second = head.interventions()[1].time;
    let before = history.at(Target::Time(second - 1e-9));
    assert_eq!(before.sim().scenario().stages[2].wip_limit, Some(4));
    assert_eq!(before.sim().interventions().len(), 1);
    let after = history.at(Target::Time(second));
    assert_eq!(after.sim().scenario().stages[2].wip_limit, Some(6));
}

#[test]
fn a_change_at_a_past_moment_starts_a_branch_and_the_log_is_rebuilt() {
    let (_, mut history) = live();
    let point = history.at(Target::Time(400.0));
    history.branch(&point);
    let branched = with_wip_limit(&long(), 2);
    let mut head = history.replay_logged(&point, 20_000);
    assert_eq!(state(&head), state(point.sim()));
    assert!(head.item_log().is_some());
    history.record_change(&head, &branched);
    head.update(&branched).unwrap();
    head.run_until(900.0);
    history.observe(&mut head);
    // The branch: the first change at 100.3, then this one at 400; the old future is gone.
    let mut straight = Simulation::new(&long()).unwrap();
    straight.run_until(head.interventions()[0].time);
    straight.update(&with_wip_limit(&long(), 4)).unwrap();
    straight.run_until(400.0);
    straight.update(&branched).unwrap();
    straight.run_until(850.0);
    assert_eq!(
        state(history.at(Target::Time(850.0)).sim()),
        state(&straight)
    );
    assert_eq!(head.interventions().len(), 2);
    assert_eq!(head.interventions()[1].time, 400.0);
}

#[test]
fn snapshots_stay_bounded_over_a_long_run() {
    let mut s = long();
    s.duration = 36_500.0;
    let mut sim = Simulation::new(&s).unwrap();
    let mut history = History::new(&mut sim);
    let mut t = 0.0;
    while t < 36_500.0 {
        t += 5.0;
        sim.run_until(t);
        history.observe(&mut sim);
    }
    assert!(history.snapshots() <= flowsim::sim::history::MAX_SNAPSHOTS);
    assert!(history.snapshots() >= flowsim::sim::history::MAX_SNAPSHOTS / 2);
}

#[test]
fn replay_is_exact_with_classes_blockers_and_a_class_change() {
    let path = "scenarios/classes-and-blockers.json";
    let base = Scenario::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut changed = base.clone();
    changed.classes[0].share = Some(0.4);
    changed.classes[1].share = Some(0.6);
    changed.stages[2].blockers = None;
    let mut sim = Simulation::new(&base).unwrap();
    let mut history = History::new(&mut sim);
    let mut t = 0.0;
    while t < 365.0 {
        t = (t + 0.7f64).min(365.0);
        sim.run_until(t);
        if t >= 120.0 && sim.interventions().is_empty() {
            history.record_change(&sim, &changed);
            sim.update(&changed).unwrap();
        }
        history.observe(&mut sim);
    }
    let change_at = sim.interventions()[0].time;
    for day in [10.0, 119.9, 200.0, 364.0] {
        let mut straight = Simulation::new(&base).unwrap();
        if day >= change_at {
            straight.run_until(change_at);
            straight.update(&changed).unwrap();
        }
        straight.run_until(day);
        assert_eq!(
            state(history.at(Target::Time(day)).sim()),
            state(&straight),
            "day {day}"
        );
    }
}

/// A run's changes, written down (a reload, a link) and replayed from its start, give the
/// same run: at the last change and at any moment after, the state is the live run's.
#[test]
fn a_run_replayed_from_its_recorded_changes_is_the_same_run() {
    let (mut live_sim, history) = live();
    let changes: Vec<(u64, f64, Scenario)> = history
        .changes()
        .map(|(e, t, s)| (e, t, s.clone()))
        .collect();
    assert_eq!(changes.len(), 2);
    let mut again = Simulation::new(history.initial()).unwrap();
    let replayed = History::replay(&mut again, &changes).expect("the run's own changes");
    assert_eq!(replayed.changes().count(), 2);
    assert_eq!((again.events(), again.now()), (changes[1].0, changes[1].1));
    // Both go on to the same future.
    let end = live_sim.now() + 50.0;
    live_sim.run_until(end);
    again.run_until(end);
    assert_eq!(state(&again), state(&live_sim));
    // From day 0 of the replayed history, travel reaches the live run's moments too.
    assert_eq!(
        state(&replayed.at(Target::Time(end)).sim().clone()),
        state(&live_sim)
    );
    // Moments a run cannot have are refused, not forced.
    for bad in [
        (changes[0].0 + 1, changes[0].1),   // more events than by that clock
        (changes[0].0, changes[0].1 - 1.0), // the clock before the events
    ] {
        let mut wrong = changes.clone();
        (wrong[0].0, wrong[0].1) = bad;
        let mut sim = Simulation::new(history.initial()).unwrap();
        assert!(History::replay(&mut sim, &wrong).is_none(), "{bad:?}");
    }
    let mut backwards = changes.clone();
    backwards.swap(0, 1);
    let mut sim = Simulation::new(history.initial()).unwrap();
    assert!(History::replay(&mut sim, &backwards).is_none());
}
