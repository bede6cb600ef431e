//! More mid-run changes, each checked by what the engine does afterwards: a new release cadence,
//! a new number of items per worker, and an update that changes nothing.

use crate::changes::{logged, visits};
use flowsim::sim::Simulation;

#[test]
fn a_new_release_cadence_ships_on_its_own_beat_from_the_change_on() {
    let mut sim = logged(
        r#"{"duration": 200, "arrival": {"type":"poisson","rate":2},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"exponential","mean":0.5}},
                       {"name":"Release","work":{"type":"constant","value":0.01},"release_every":10}]}"#,
    );
    sim.run_until(101.0);
    let mut faster = sim.scenario().clone();
    faster.stages[1].release_every = Some(4.0);
    sim.update(&faster).unwrap();
    assert_eq!(
        sim.interventions()[0].label,
        "Release: release every 10 d → 4 d"
    );
    sim.run_until(200.0);
    let release = visits(&sim, 1);
    // What waited for a train at the change (it came after the one at day 100) leaves on the
    // first train of the new cadence, four days after the change, not earlier.
    let waiting: Vec<f64> = release
        .iter()
        .filter(|v| v.0 <= 101.0 && v.3 > 100.0)
        .map(|v| v.3)
        .collect();
    assert!(!waiting.is_empty());
    assert!(waiting.iter().all(|&t| t == 105.0), "{waiting:?}");
    let shipped: Vec<f64> = release.iter().map(|v| v.3).filter(|&t| t > 101.0).collect();
    assert!(
        shipped.len() > 150,
        "{} shipped after the change",
        shipped.len()
    );
    // Trains leave at 105, 109, …, 197: every one of the 24 carries something at this load.
    let mut trains: Vec<f64> = shipped.clone();
    trains.dedup();
    let expected: Vec<f64> = (0..24).map(|k| 105.0 + 4.0 * k as f64).collect();
    assert_eq!(trains, expected);

    // Switching the cadence off ships what waits at once and everything after as it comes.
    let mut none = sim.scenario().clone();
    none.stages[1].release_every = None;
    sim.update(&none).unwrap();
    assert_eq!(
        sim.interventions()[1].label,
        "Release: release every 4 d → none"
    );
}

#[test]
fn more_items_per_worker_mid_run_are_taken_at_once() {
    // One developer, overloaded: work piles up in front of them.
    let mut sim = Simulation::new(&crate::helpers::scenario(
        r#"{"duration": 100, "arrival": {"type":"fixed","interval":0.5},
            "stages": [{"name":"Dev","work":{"type":"constant","value":1}}]}"#,
    ))
    .unwrap();
    sim.run_until(20.0);
    assert_eq!(sim.board(10).stages[0].working_len, 1);
    let mut juggling = sim.scenario().clone();
    juggling.stages[0].multitask = 3;
    assert_eq!(sim.update(&juggling).unwrap(), 1);
    assert_eq!(sim.interventions()[0].label, "Dev: items per worker 1 → 3");
    assert_eq!(sim.board(10).stages[0].working_len, 3);
    sim.run_until(60.0);
    assert_eq!(sim.board(10).stages[0].working_len, 3);
}

#[test]
fn an_update_that_changes_nothing_keeps_the_evidence_and_records_nothing() {
    // Test is overloaded (load 1.2): the bottleneck is named well before day 200.
    let mut sim = Simulation::new(&crate::helpers::scenario(
        r#"{"duration": 400, "arrival": {"type":"poisson","rate":1.5},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"exponential","mean":0.5}},
                       {"name":"Test","workers":1,"work":{"type":"exponential","mean":0.8}}]}"#,
    ))
    .unwrap();
    sim.run_until(200.0);
    assert_eq!(sim.summary().bottleneck.as_deref(), Some("Test"));
    let same = sim.scenario().clone();
    assert_eq!(sim.update(&same).unwrap(), 0);
    assert!(sim.interventions().is_empty());
    assert_eq!(sim.summary().bottleneck.as_deref(), Some("Test"));
}

#[test]
fn changing_the_warm_up_or_the_window_alone_needs_a_reset() {
    let mut sim = Simulation::new(&crate::helpers::scenario(
        r#"{"duration": 100, "arrival": {"type":"poisson","rate":1},
            "stages": [{"name":"Dev","work":{"type":"exponential","mean":0.5}}]}"#,
    ))
    .unwrap();
    sim.run_until(10.0);
    let mut window = sim.scenario().clone();
    window.window = 7.0;
    let mut warmup = sim.scenario().clone();
    warmup.warmup = 5.0;
    for changed in [window, warmup] {
        let e = sim.update(&changed).unwrap_err();
        assert_eq!(e.problems[0].path, "window");
        assert!(e.problems[0].message.contains("needs a reset"));
    }
    assert!(sim.interventions().is_empty());
}

#[test]
fn a_busy_worker_removed_finishes_its_item_then_leaves() {
    use flowsim::sim::WorkerView;
    // Two developers, both busy with 10-day items from day 0; at day 1 one is removed: the most
    // recently added leaves once its item is done at day 10, and does not take another.
    let mut sim = Simulation::new(&crate::helpers::scenario(
        r#"{"duration": 100, "arrival": {"type":"backlog","count":4},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"constant","value":10}}]}"#,
    ))
    .unwrap();
    sim.run_until(1.0);
    let mut one = sim.scenario().clone();
    one.stages[0].workers = 1;
    sim.update(&one).unwrap();
    let workers = |sim: &Simulation| sim.board(10).stages[0].workers.clone();
    let busy = |leaving| WorkerView {
        tasks: 1,
        generalist: false,
        leaving,
    };
    assert_eq!(workers(&sim), [busy(false), busy(true)]);
    sim.run_until(10.5);
    assert_eq!(workers(&sim), [busy(false)]);
    // Items done at 10 (two), then one every 10 days: 20, 30.
    sim.run_until(31.0);
    assert_eq!(sim.summary().completed, 4);
    assert_eq!(sim.summary().last_completion, Some(30.0));
}
