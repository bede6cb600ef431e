//! What the live app reads: the board snapshot, before/after periods and recent completions.

use crate::helpers::scenario;
use flowsim::sim::Simulation;

fn blocked_line() -> flowsim::sim::Scenario {
    scenario(
        r#"{"arrival": {"type":"backlog","count":30},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"constant","value":0.5}},
                       {"name":"Test","work":{"type":"constant","value":2},"wip_limit":2}]}"#,
    )
}

#[test]
fn the_board_shows_where_items_and_workers_are() {
    let mut sim = Simulation::new(&blocked_line()).unwrap();
    sim.run_until(3.0);
    let b = sim.board(5);
    let (dev, test) = (&b.stages[0], &b.stages[1]);
    assert_eq!(test.wip, 2);
    assert!(test.full);
    assert_eq!(test.wip_limit, Some(2));
    assert_eq!((test.working_len, test.waiting_len), (1, 1));
    // Dev keeps working but its finished items cannot move: blocked.
    assert!(dev.blocked && dev.finished_len > 0);
    assert_eq!(dev.workers.len(), 2);
    assert!(dev.workers.iter().all(|w| w.tasks == 1 && !w.generalist));
    // Tokens are capped; counts are not. Every item is somewhere.
    assert!(b.backlog.len() <= 5 && dev.waiting.len() <= 5);
    let placed: usize = b
        .stages
        .iter()
        .map(|s| s.waiting_len + s.working_len + s.finished_len)
        .sum();
    assert_eq!(b.backlog_len + placed + b.done as usize, 30);
    // Too early to name a bottleneck; after ten windows it is Test.
    assert_eq!(b.bottleneck, None);
    sim.run_until(12.0);
    assert_eq!(sim.board(5).bottleneck, Some(1));
}

#[test]
fn before_and_after_an_intervention() {
    let mut sim = Simulation::new(&blocked_line()).unwrap();
    sim.run_until(20.0);
    assert!(sim.previous_period().is_none());
    let mut faster = sim.scenario().clone();
    faster.stages[1].workers = 2;
    sim.update(&faster).unwrap();
    sim.run_until(30.0);
    let before = sim.previous_period().unwrap().clone();
    let after = sim.current_period();
    assert_eq!(
        (before.from, before.to, after.from, after.to),
        (0.0, 20.0, 20.0, 30.0)
    );
    assert!(
        (before.throughput - 0.45).abs() < 0.06,
        "one tester: about 0.5/day, {}",
        before.throughput
    );
    assert!(
        after.throughput > 0.8,
        "two testers: about 1/day, {}",
        after.throughput
    );
    assert_eq!(before.completed + after.completed, sim.summary().completed);
}

#[test]
fn completions_can_be_read_incrementally() {
    let mut sim = Simulation::new(&blocked_line()).unwrap();
    sim.run_until(10.0);
    let first: Vec<_> = sim.completions_since(0).copied().collect();
    assert!(!first.is_empty());
    let seen = first.last().unwrap().index + 1;
    sim.run_until(20.0);
    let next: Vec<_> = sim.completions_since(seen).copied().collect();
    assert!(!next.is_empty() && next[0].index == seen);
    assert!(
        next.iter().all(|c| (c.lead - c.time).abs() < 1e-9),
        "backlog items arrive at 0"
    );
}

#[test]
fn the_bottleneck_settles_on_the_busiest_stage_and_stays() {
    // Offered loads: Analyse 0.6, Develop 0.67, Test 0.9, Deploy 0.1 (the app's default).
    let sc = scenario(
        r#"{"arrival": {"type":"poisson","rate":2},
            "stages": [{"name":"Analyse","work":{"type":"exponential","mean":0.3}},
                       {"name":"Develop","workers":3,"work":{"type":"lognormal","mean":1.0,"cv":0.8}},
                       {"name":"Test","work":{"type":"exponential","mean":0.45}},
                       {"name":"Deploy","work":{"type":"constant","value":0.05}}]}"#,
    );
    for seed in 1..=5 {
        let mut s = sc.clone();
        s.seed = seed;
        let mut sim = Simulation::new(&s).unwrap();
        let mut wrong = 0;
        for day in (60..=400).step_by(10) {
            sim.run_until(day as f64);
            if sim.bottleneck() != Some(2) {
                wrong += 1;
            }
        }
        assert!(
            wrong <= 3,
            "seed {seed}: Test was not named the bottleneck {wrong} times in 35"
        );
    }
}
