//! Blockers, held to results nobody here chose: makespans of constant-time backlogs whose
//! items are blocked (their place in WIP kept, their worker freed), and blocks that happen
//! with their probability, the same in every variant of a scenario.

use crate::helpers::{assert_ci, each, replicate, run, scenario};
use flowsim::sim::{Scenario, Simulation};

/// A backlog of `n` items through one stage of `workers` workers, constant work 1 day, every
/// item blocked once for `block` days; optionally a WIP limit.
fn blocked_backlog(n: u32, workers: u32, block: f64, wip_limit: Option<u32>) -> Scenario {
    let limit = wip_limit.map_or(String::new(), |l| format!(r#", "wip_limit": {l}"#));
    scenario(&format!(
        r#"{{"duration": 1000, "arrival": {{"type": "backlog", "count": {n}}},
            "stages": [{{"name": "Do", "workers": {workers}, "work": {{"type": "constant", "value": 1}},
                "blockers": {{"probability": 1, "duration": {{"type": "constant", "value": {block}}}}}{limit}}}]}}"#
    ))
}

#[test]
fn blocked_items_keep_their_place_in_wip_and_free_their_worker() {
    // WIP limit 1: nothing else may start while the item is blocked, so the worker waits:
    // each item takes its day of work plus its 5-day block, one after another.
    let s = run(&blocked_backlog(10, 1, 5.0, Some(1)));
    assert_eq!(s.completed, 10);
    assert_eq!(s.last_completion, Some(60.0));
    assert_eq!(s.stages[0].blocked_share, 1.0);
    assert_eq!(s.stages[0].blocked_time_mean, Some(5.0));
    // No limit: the worker starts other items while one is blocked; 10 days of work and at
    // most one block and one item's work left over.
    let s = run(&blocked_backlog(10, 1, 5.0, None));
    let makespan = s.last_completion.unwrap();
    assert!((10.0..=16.0).contains(&makespan), "{makespan}");
    // One worker per item: every item is worked 1 day and blocked 5, side by side.
    let s = run(&blocked_backlog(10, 10, 5.0, None));
    assert_eq!(s.last_completion, Some(6.0));
    assert_eq!(s.lead_time.max, Some(6.0));
    // Blocked time is not touch time: flow efficiency 1 / 6.
    assert!((s.flow_efficiency.unwrap() - 1.0 / 6.0).abs() < 1e-12);
}

#[test]
fn blocks_happen_with_their_probability_and_are_the_same_in_every_variant() {
    let base = scenario(
        r#"{"duration": 2000, "arrival": {"type": "poisson", "rate": 1.5},
            "stages": [
                {"name": "Build", "workers": 2, "work": {"type": "exponential", "mean": 0.8},
                 "blockers": {"probability": 0.3, "duration": {"type": "exponential", "mean": 2}}},
                {"name": "Check", "workers": 2, "work": {"type": "exponential", "mean": 0.6}}
            ],
            "classes": [{"name": "A", "share": 0.2, "priority": 1}, {"name": "B", "share": 0.8}]}"#,
    );
    let reps = replicate(&base, 8);
    assert_ci(
        "share of items blocked",
        &each(&reps, |s| s.stages[0].blocked_share),
        0.3,
    );
    // A variant with WIP limits sees the same requests, classes and blocks.
    let mut limited = base.clone();
    limited.stages[0].wip_limit = Some(4);
    limited.wip_limit = Some(8);
    let log = |sc: &Scenario| {
        let mut sim = Simulation::new(sc).unwrap();
        sim.run_until(2000.0);
        let s = sim.summary();
        (
            s.arrivals,
            s.classes.iter().map(|c| c.completed).collect::<Vec<_>>(),
        )
    };
    let (a, _) = log(&base);
    let (b, _) = log(&limited);
    assert_eq!(a, b, "the same requests arrive");
    // Class of each arrival is keyed by the request: backlog-only runs finish every item, so
    // the per-class counts must match exactly.
    let mut backlog = base.clone();
    backlog.arrival = flowsim::sim::Arrival::Backlog { count: 300 };
    backlog.duration = 5000.0;
    let mut backlog_limited = limited.clone();
    backlog_limited.arrival = backlog.arrival.clone();
    backlog_limited.duration = 5000.0;
    let x = run(&backlog);
    let y = run(&backlog_limited);
    let counts =
        |s: &flowsim::sim::Summary| s.classes.iter().map(|c| c.completed).collect::<Vec<_>>();
    assert_eq!(counts(&x), counts(&y));
    assert_eq!(x.completed, 300);
    let blocks = |s: &flowsim::sim::Summary| (s.stages[0].blocked_share * 300.0).round();
    assert_eq!(blocks(&x), blocks(&y), "the same items are blocked");
}
