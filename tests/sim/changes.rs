//! Changing parameters mid-run: applied at once without a reset, recorded as interventions.

use crate::helpers::scenario;
use flowsim::sim::Simulation;

fn line() -> flowsim::sim::Scenario {
    scenario(
        r#"{"duration": 400, "arrival": {"type":"poisson","rate":1.5},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"exponential","mean":0.5}},
                       {"name":"Test","workers":1,"work":{"type":"exponential","mean":0.8}}]}"#,
    )
}

#[test]
fn adding_a_worker_at_the_bottleneck_mid_run_is_recorded_and_drains_the_queue() {
    let mut sim = Simulation::new(&line()).unwrap();
    sim.run_until(200.0);
    let before = sim.summary();
    assert!(
        before.stages[1].offered_load > 1.0 && before.wip_now > 20,
        "Test is overloaded at first"
    );
    let mut changed = sim.scenario().clone();
    changed.stages[1].workers = 2;
    assert_eq!(sim.update(&changed).unwrap(), 1);
    assert_eq!(sim.interventions().len(), 1);
    assert_eq!(sim.interventions()[0].time, 200.0);
    assert_eq!(sim.interventions()[0].label, "Test: workers 1 → 2");
    sim.run_until(400.0);
    let after = sim.summary();
    assert!(
        after.wip_now < before.wip_now / 4,
        "WIP {} → {}",
        before.wip_now,
        after.wip_now
    );
    assert!(after.warnings.is_empty());
}

#[test]
fn wip_limit_and_arrival_changes_apply_without_a_reset() {
    let mut sim = Simulation::new(&line()).unwrap();
    sim.run_until(50.0);
    let events = sim.events();
    let mut changed = sim.scenario().clone();
    changed.stages[1].wip_limit = Some(2);
    changed.arrival = flowsim::sim::Arrival::Poisson {
        rate: 1.0,
        backlog: 0,
    };
    assert_eq!(sim.update(&changed).unwrap(), 2);
    assert_eq!(sim.now(), 50.0);
    assert_eq!(sim.events(), events, "the run went on from where it was");
    sim.run_until(100.0);
    let labels: Vec<&str> = sim
        .interventions()
        .iter()
        .map(|i| i.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "arrivals Poisson 1.5 /day → Poisson 1 /day",
            "Test: WIP limit none → 2"
        ]
    );
}

#[test]
fn removing_workers_lets_them_finish_first_and_bad_updates_change_nothing() {
    let mut sim = Simulation::new(&line()).unwrap();
    sim.run_until(30.0);
    let mut fewer = sim.scenario().clone();
    fewer.stages[0].workers = 1;
    sim.update(&fewer).unwrap();
    sim.run_until(60.0);
    assert!(sim.summary().completed > 0);
    let mut bad = sim.scenario().clone();
    bad.stages[0].workers = 0;
    let err = sim.update(&bad).unwrap_err();
    assert_eq!(err.problems[0].path, "stages[0].workers");
    let mut added = sim.scenario().clone();
    added.stages.push(added.stages[0].clone());
    added.stages[2].name = "Ops".into();
    assert!(sim
        .update(&added)
        .unwrap_err()
        .to_string()
        .contains("needs a reset"));
    assert_eq!(sim.scenario().stages.len(), 2);
    assert_eq!(sim.scenario().stages[0].workers, 1);
    assert_eq!(sim.interventions().len(), 1);
}

#[test]
fn the_same_interventions_give_the_same_run() {
    let run = || {
        let mut sim = Simulation::with_item_log(&line()).unwrap();
        sim.run_until(100.0);
        let mut changed = sim.scenario().clone();
        changed.stages[0].batch_size = 3;
        changed.stages[1].release_every = Some(4.0);
        sim.update(&changed).unwrap();
        sim.run_until(200.0);
        sim.item_log().unwrap().checksum()
    };
    assert_eq!(run(), run());
}
