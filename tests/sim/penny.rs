//! The penny game: N coins, n people, each flips every coin (t days per flip) and passes them
//! on in batches of b. With deterministic work the results are exact:
//! first delivery = n·b·t and total time (makespan) = (N + (n − 1)·b)·t.

use crate::helpers::{run, scenario};

fn penny(coins: u32, people: usize, batch: u32, flip: f64) -> flowsim::sim::Scenario {
    let stages: Vec<String> = (1..=people)
        .map(|i| format!(r#"{{"name":"P{i}","work":{{"type":"constant","value":{flip}}},"batch_size":{batch}}}"#))
        .collect();
    scenario(&format!(
        r#"{{"duration": 10000, "arrival": {{"type":"backlog","count":{coins}}}, "stages": [{}]}}"#,
        stages.join(",")
    ))
}

#[test]
fn batch_20_5_1_first_delivery_and_makespan() {
    for (batch, first, total) in [(20, 80.0, 80.0), (5, 20.0, 35.0), (1, 4.0, 23.0)] {
        let s = run(&penny(20, 4, batch, 1.0));
        assert_eq!(s.completed, 20);
        assert_eq!(
            s.first_completion,
            Some(first),
            "batch {batch}: first delivery"
        );
        assert_eq!(s.last_completion, Some(total), "batch {batch}: makespan");
    }
}

#[test]
fn formula_holds_for_other_sizes() {
    for (coins, people, batch, flip) in [
        (12, 3, 4, 0.5),
        (30, 6, 3, 2.0),
        (8, 1, 8, 1.0),
        (10, 5, 2, 0.25),
    ] {
        let s = run(&penny(coins, people, batch, flip));
        let (n, b, big_n) = (people as f64, batch as f64, coins as f64);
        assert_eq!(
            s.first_completion,
            Some(n * b * flip),
            "{coins}/{people}/{batch}"
        );
        assert_eq!(
            s.last_completion,
            Some((big_n + (n - 1.0) * b) * flip),
            "{coins}/{people}/{batch}"
        );
        // A drained run satisfies Little's law exactly: WIP area = sum of cycle times.
        let l = s.littles_law;
        assert!(
            (l.wip_mean - l.throughput_x_cycle_time.unwrap()).abs() < 1e-9 * l.wip_mean.max(1.0)
        );
    }
}

#[test]
fn smaller_batches_deliver_sooner_with_less_inventory() {
    let big = run(&penny(20, 4, 20, 1.0));
    let small = run(&penny(20, 4, 1, 1.0));
    assert!(small.lead_time.mean.unwrap() < big.lead_time.mean.unwrap() / 2.0);
    assert!(small.flow_efficiency.unwrap() > big.flow_efficiency.unwrap());
    // Coin k is done on day k + 3, so the percentiles are whole days, read exactly (a
    // histogram bucket would say 13.03 for the median).
    let l = small.lead_time;
    assert_eq!(
        (l.p50, l.p85, l.p95, l.max),
        (Some(13.0), Some(20.0), Some(22.0), Some(23.0))
    );
    assert_eq!(big.lead_time.p50, Some(80.0));
}

/// A backlog run is over when its last coin is done: nothing is in the system and nothing
/// can come. A stream with arrivals to come, or a coin still in the system, is not over.
#[test]
fn a_backlog_run_is_finished_exactly_when_its_last_item_is_done() {
    let mut sim = flowsim::sim::Simulation::new(&penny(20, 4, 5, 1.0)).unwrap();
    assert!(!sim.is_finished());
    sim.run_until(34.9);
    assert!(!sim.is_finished(), "coins still in the system");
    sim.run_until(35.0);
    assert!(sim.is_finished(), "makespan 35");
    let open = scenario(
        r#"{"arrival": {"type":"poisson","rate":1},
            "stages": [{"name":"A","work":{"type":"constant","value":0.1}}]}"#,
    );
    let mut sim = flowsim::sim::Simulation::new(&open).unwrap();
    sim.run_until(0.0);
    assert!(!sim.is_finished(), "empty, but requests are still to come");
}

/// A run that is over is measured up to its last coin, not over the days the clock runs on
/// after it (an A/B partner still flipping, a long `duration`): single-piece flow does 20
/// coins in 23 days, 0.87 a day, whether the clock stands at 23 or at 40. Its means are taken
/// over the same days, so Little's law still holds exactly; a change made after the end
/// extends the period to it.
#[test]
fn a_run_that_is_over_is_measured_to_its_last_item() {
    let mut sim = flowsim::sim::Simulation::new(&penny(20, 4, 1, 1.0)).unwrap();
    sim.run_until(23.0);
    let at_end = sim.summary();
    assert_eq!(at_end.throughput, 20.0 / 23.0);
    sim.run_until(40.0);
    let later = sim.summary();
    assert_eq!(later.time, 40.0);
    assert_eq!(sim.stats_until(), Some(23.0));
    assert_eq!(later.throughput, 20.0 / 23.0);
    assert_eq!(later.wip_mean, at_end.wip_mean);
    assert_eq!(later.stages[3].utilization, at_end.stages[3].utilization);
    assert!(later.wip_mean > 0.0);
    let l = later.littles_law;
    assert!((l.wip_mean - l.throughput_x_cycle_time.unwrap()).abs() < 1e-12);
    // A worker added on day 50 changes the counters then: the period runs to it.
    let mut more = sim.scenario().clone();
    more.stages[3].workers = 2;
    sim.run_until(50.0);
    assert_eq!(sim.update(&more).unwrap(), 1);
    sim.run_until(80.0);
    assert_eq!(sim.stats_until(), Some(50.0));
    assert_eq!(sim.summary().throughput, 20.0 / 50.0);
    // Four equal people: no stage stands out, and once the run is over no more evidence will
    // come, so the summary says so rather than "Not clear yet".
    assert!(later.finished);
    assert_eq!(later.bottleneck_text(), "None stands out");
    // While the run is going, the period ends now.
    let mut going = flowsim::sim::Simulation::new(&penny(20, 4, 1, 1.0)).unwrap();
    going.run_until(10.0);
    assert_eq!(going.stats_until(), None);
    assert!(!going.summary().finished);
    assert_eq!(going.summary().bottleneck_text(), "Not clear yet");
    assert_eq!(
        going.summary().throughput,
        going.summary().completed as f64 / 10.0
    );
}
