//! Worker capacity as the statistics count it, on timelines worked out by hand: an idle
//! generalist is a share of each stage it covers, a removed worker stops counting once its last
//! task is done, and the "since the last change" period starts at the end of the warm-up.

use crate::helpers::{one_day_items, scenario};
use flowsim::sim::Simulation;

#[test]
fn an_idle_generalist_counts_as_a_share_of_each_stage_it_covers() {
    // One generalist for A and B, a request every 10 days, a day of work at each stage: from
    // each arrival it works A for a day, B for a day, then waits 8 days, counted half at A and
    // half at B. Over any 10 days A's capacity is 1 + 8 × 0.5 = 5 worker-days (the first 10
    // days: 10 × 0.5) and its busy time 1: utilisation exactly 0.2 at both stages. (Counting
    // the waiting generalist at the stage it last worked would give A 1 and B 1/9.) C, which
    // it does not cover, has its own worker, busy a day in 10: exactly 0.1.
    let sc = scenario(
        r#"{"duration": 1000, "warmup": 100, "arrival": {"type":"fixed","interval":10},
            "stages": [{"name":"A","workers":0,"work":{"type":"constant","value":1}},
                       {"name":"B","workers":0,"work":{"type":"constant","value":1}},
                       {"name":"C","work":{"type":"constant","value":1}}],
            "generalists": [{"count":1,"stages":["A","B"]}]}"#,
    );
    let s = Simulation::new(&sc).unwrap().run().summary();
    for (stage, expected) in s.stages.iter().zip([0.2, 0.2, 0.1]) {
        assert!(
            (stage.utilization - expected).abs() < 1e-9,
            "{}: utilisation {}",
            stage.name,
            stage.utilization
        );
    }
}

#[test]
fn a_removed_worker_stops_counting_once_its_last_task_is_done() {
    // Two developers, one-day items, a request at day 0 and then every half day: both busy all
    // the time, half a day apart (the one listed last took the first item at 0, the other the
    // next at 0.5). At day 10.25 one is removed: the most recently added, whose item is done at
    // day 11, when its colleague is mid-item (so nothing else recounts the capacity then). From
    // day 11 the stage has one worker, busy all the time: utilisation exactly 1 in every window
    // (counting the removed worker on would give 0.5).
    let mut sim = Simulation::new(&scenario(
        r#"{"duration": 40, "window": 1, "arrival": {"type":"fixed","interval":0.5,"backlog":1},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"constant","value":1}}]}"#,
    ))
    .unwrap();
    sim.run_until(10.25);
    let mut fewer = sim.scenario().clone();
    fewer.stages[0].workers = 1;
    assert_eq!(sim.update(&fewer).unwrap(), 1);
    sim.run_until(40.0);
    let after: Vec<f64> = sim
        .windows()
        .iter()
        .filter(|w| w.start >= 11.0)
        .map(|w| w.stages[0].utilization)
        .collect();
    assert_eq!(after.len(), 29);
    assert!(after.iter().all(|&u| u == 1.0), "{after:?}");
    // Before the change: two workers, both busy, two items done a day (a window [5, 6) holds
    // what happened before day 6: the items done from day 1 to 5.5).
    let before = sim.windows().iter().find(|w| w.end == 6.0).unwrap();
    assert_eq!(before.stages[0].utilization, 1.0);
    assert_eq!(before.completed_total, 10);
}

#[test]
fn the_current_period_starts_at_the_end_of_the_warm_up() {
    // 20 one-day items, all started (in the stage) at day 0, done at days 1..=20; the warm-up
    // ends at 10.5. With no change made, the current period runs from 10.5: the items done at
    // 11..=20; WIP 10 for half a day, then 9, 8, …, 1 for a day each (area 5 + 45); the worker
    // busy until day 20.
    let mut sc = one_day_items();
    sc.warmup = 10.5;
    let mut sim = Simulation::new(&sc).unwrap();
    sim.run();
    let p = sim.current_period();
    assert_eq!((p.from, p.to), (10.5, 100.0));
    assert_eq!(p.completed, 10);
    assert!((p.wip_mean - 50.0 / 89.5).abs() < 1e-12, "{}", p.wip_mean);
    // The stage statistics since the last change cover the same period.
    let recent = sim.recent_stages();
    assert!((recent[0].utilization - 9.5 / 89.5).abs() < 1e-12);
    assert_eq!(recent[0].entered, 0, "every item entered at day 0");
}

/// Three idle workers, one removed before any work comes: the two left both take work. A
/// request every 0.1 days, a day of work each: one worker is busy from day 0.1, the other from
/// 0.2, never idle again, so by day 100.15 they have done 100 + 99 items.
#[test]
fn removing_an_idle_worker_leaves_the_others_ready_for_work() {
    let three = scenario(
        r#"{"duration": 100.15, "arrival": {"type": "fixed", "interval": 0.1},
            "stages": [{"name": "A", "work": {"type": "constant", "value": 1}, "workers": 3}]}"#,
    );
    let mut two = three.clone();
    two.stages[0].workers = 2;
    let mut sim = Simulation::new(&three).unwrap();
    sim.run_until(0.05);
    sim.update(&two).unwrap();
    assert_eq!(sim.run().summary().completed, 199);
}
