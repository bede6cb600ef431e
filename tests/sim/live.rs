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
    assert!(dev.waiting_for_room && dev.finished_len > 0);
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
    assert_eq!(sim.bottleneck(), None);
    // Named once 40 windows (four batches of ten) show Test always busy and Dev blocked.
    sim.run_until(39.0);
    assert_eq!(sim.bottleneck(), None);
    sim.run_until(41.0);
    assert_eq!(sim.bottleneck(), Some(1));
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

/// The app's default scenario. Offered loads: Analyse 0.6, Develop 0.67, Test 0.9, Deploy 0.1.
fn default_line(seed: u64) -> flowsim::sim::Scenario {
    let mut s = scenario(
        r#"{"arrival": {"type":"poisson","rate":2}, "duration": 400,
            "stages": [{"name":"Analyse","work":{"type":"exponential","mean":0.3}},
                       {"name":"Develop","workers":3,"work":{"type":"lognormal","mean":1.0,"cv":0.8}},
                       {"name":"Test","work":{"type":"exponential","mean":0.45}},
                       {"name":"Deploy","work":{"type":"constant","value":0.05}}]}"#,
    );
    s.seed = seed;
    s
}

#[test]
fn the_bottleneck_is_named_only_on_evidence_and_never_wrongly() {
    // Across 40 seeds, read the named bottleneck every simulated day (as the app does, but
    // coarser than its frames): it is "not clear yet" for the first 40 windows, never any
    // stage but Test, never withdrawn once named, and named by day 300 on every seed (in 100
    // seeds: median day 100, latest 250).
    let mut first = Vec::new();
    for seed in 1..=40 {
        let mut sim = Simulation::new(&default_line(seed)).unwrap();
        let mut named_on = None;
        for day in 1..=400 {
            sim.run_until(day as f64);
            let b = sim.bottleneck();
            assert_eq!(sim.summary().bottleneck_index, b, "one answer");
            if day < 40 {
                assert_eq!(
                    b, None,
                    "seed {seed} day {day}: too early to name any stage"
                );
            }
            match (named_on, b) {
                (_, Some(i)) => {
                    assert_eq!(i, 2, "seed {seed} day {day}: named stage {i}, not Test");
                    named_on.get_or_insert(day);
                }
                (Some(d), None) => panic!("seed {seed}: Test named on day {d}, withdrawn on {day}"),
                (None, None) => {}
            }
        }
        first.push(named_on.unwrap_or_else(|| panic!("seed {seed}: Test never named")));
    }
    first.sort();
    assert!(first[first.len() - 1] <= 300, "named on days {first:?}");
}

#[test]
fn the_expected_bottleneck_comes_from_the_parameters() {
    let sim = Simulation::new(&default_line(1)).unwrap();
    assert_eq!(sim.expected_bottleneck(), Some(2));
    assert_eq!(sim.summary().bottleneck_expected.as_deref(), Some("Test"));
    assert_eq!(sim.summary().bottleneck, None);
}

#[test]
fn a_change_starts_the_evidence_afresh_and_moves_the_bottleneck() {
    let mut sim = Simulation::new(&default_line(3)).unwrap();
    sim.run_until(200.0);
    assert_eq!(sim.bottleneck(), Some(2));
    // Two more testers and bigger development work: Develop (load 0.87) is now the busiest
    // stage, Test drops to 0.3.
    let mut sc = sim.scenario().clone();
    sc.stages[2].workers = 3;
    sc.stages[1].work = flowsim::sim::Dist::Lognormal { mean: 1.3, cv: 0.8 };
    sim.update(&sc).unwrap();
    assert_eq!(sim.bottleneck(), None, "the old evidence no longer speaks");
    sim.run_until(400.0);
    assert_eq!(sim.bottleneck(), Some(1));
}

#[test]
fn two_busy_stages_are_never_confused() {
    // Develop at load 0.8 and Test at 0.9, 30 seeds, read daily for 1000 days: the evidence
    // rule never names Develop (with batches of 5 windows or a threshold of 2.5 standard
    // errors it did, on about 1 % of days) and never withdraws Test once named.
    for seed in 1..=30 {
        let mut sc = default_line(seed);
        sc.stages[1].work = flowsim::sim::Dist::Lognormal { mean: 1.2, cv: 0.8 };
        sc.duration = 1000.0;
        let mut sim = Simulation::new(&sc).unwrap();
        let mut named = false;
        for day in 1..=1000 {
            sim.run_until(day as f64);
            match sim.bottleneck() {
                Some(2) => named = true,
                None => assert!(!named, "seed {seed} day {day}: Test withdrawn"),
                Some(i) => panic!("seed {seed} day {day}: stage {i} named, not Test"),
            }
        }
    }
}

#[test]
fn the_board_lists_idle_workers_and_marks_the_ones_leaving() {
    // Three developers, one item: two sit idle and are still shown.
    let mut sim = Simulation::new(&scenario(
        r#"{"arrival": {"type":"backlog","count":1},
            "stages": [{"name":"Dev","workers":3,"work":{"type":"constant","value":5}}]}"#,
    ))
    .unwrap();
    sim.run_until(1.0);
    let dev = &sim.board(5).stages[0];
    // In the order they were hired: the one listed last took the item (ties go to the last).
    let tasks: Vec<u32> = dev.workers.iter().map(|w| w.tasks).collect();
    assert_eq!(tasks, [0, 0, 1]);
    assert!(dev.workers.iter().all(|w| !w.leaving && !w.generalist));
    assert!(!dev.waiting_for_room, "nothing waits to move on");
    // Down to one developer: the idle ones leave at once.
    let mut one = sim.scenario().clone();
    one.stages[0].workers = 1;
    sim.update(&one).unwrap();
    let dev = &sim.board(5).stages[0];
    assert_eq!(dev.workers.len(), 1, "{:?}", dev.workers);
    assert_eq!((dev.workers[0].tasks, dev.workers[0].leaving), (1, false));
    // Back up to two: a removed developer returns before anyone is hired (the first hired,
    // listed before the busy one; a new hire would be listed after it), then the other one.
    let tasks = |sim: &Simulation| -> Vec<u32> {
        sim.board(5).stages[0]
            .workers
            .iter()
            .map(|w| w.tasks)
            .collect()
    };
    let mut two = sim.scenario().clone();
    two.stages[0].workers = 2;
    sim.update(&two).unwrap();
    assert_eq!(tasks(&sim), [0, 1]);
    let mut four = sim.scenario().clone();
    four.stages[0].workers = 4;
    sim.update(&four).unwrap();
    assert_eq!(tasks(&sim), [0, 0, 1, 0]);
    // Three busy developers cut to one: two finish their item first, shown as leaving.
    let mut busy = Simulation::new(&scenario(
        r#"{"arrival": {"type":"backlog","count":3},
            "stages": [{"name":"Dev","workers":3,"work":{"type":"constant","value":5}}]}"#,
    ))
    .unwrap();
    busy.run_until(1.0);
    let mut cut = busy.scenario().clone();
    cut.stages[0].workers = 1;
    busy.update(&cut).unwrap();
    let leaving: Vec<bool> = busy.board(5).stages[0]
        .workers
        .iter()
        .map(|w| w.leaving)
        .collect();
    assert_eq!(leaving.iter().filter(|&&l| l).count(), 2, "{leaving:?}");
    assert_eq!(leaving.len(), 3);
    one.stages[0].workers = 0;
    assert!(sim.update(&one).is_err(), "a stage needs a worker");
}

#[test]
fn a_run_that_holds_the_most_items_it_may_turns_the_rest_away_and_counts_them() {
    // 3,000 requests a day against one worker who finishes 1 a day: after about 333 days the
    // run holds MAX_LIVE_ITEMS items; from then on every arrival is turned away and counted.
    let sc = scenario(
        r#"{"duration": 400, "window": 10, "arrival": {"type":"poisson","rate":3000},
            "stages": [{"name":"Work","work":{"type":"constant","value":1}}]}"#,
    );
    let mut sim = Simulation::new(&sc).unwrap();
    let s = sim.run().summary();
    assert!(s.balked > 100_000, "{}", s.balked);
    assert_eq!(
        s.backlog_now as usize + s.wip_now as usize,
        flowsim::sim::MAX_LIVE_ITEMS
    );
    assert!(s.warnings.iter().any(|w| w.contains("turned away")));
}

/// The clock and event count a live view reads: `run_until` returns the events it handled,
/// moves the clock to the time asked (never back), and the next event's time is known ahead.
#[test]
fn run_until_counts_its_events_and_never_moves_the_clock_back() {
    // 20 one-day items for one worker: completions at days 1, 2, …, 20.
    let sc = crate::helpers::one_day_items();
    let mut sim = Simulation::new(&sc).unwrap();
    // The backlog is in place and being worked from the start.
    assert_eq!(sim.next_event_time(), Some(1.0));
    assert_eq!(sim.run_until(0.5), 0);
    let first = sim.run_until(1.5);
    assert!(first > 0);
    assert_eq!((sim.events(), sim.now()), (first, 1.5));
    assert_eq!(sim.next_event_time(), Some(2.0));
    let second = sim.run_until(2.5);
    assert!(second > 0);
    assert_eq!((sim.events(), sim.now()), (first + second, 2.5));
    assert_eq!(sim.next_event_time(), Some(3.0));
    // Asking for an earlier time handles nothing and leaves the clock where it is.
    assert_eq!(sim.run_until(2.0), 0);
    assert_eq!((sim.events(), sim.now()), (first + second, 2.5));
}
