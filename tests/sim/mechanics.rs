//! The model's mechanisms, each against a result worked out by hand.

use crate::helpers::{example, run, scenario};
use flowsim::sim::Simulation;

#[test]
fn multitasking_costs_weinbergs_share() {
    // One worker holding two items at once keeps 80 % of its time for work, so 100 items of
    // one day take 125 days instead of 100: pairs finish together every 2.5 days.
    let two = run(&scenario(
        r#"{"duration": 1000, "arrival": {"type":"backlog","count":100},
            "stages": [{"name":"Dev","work":{"type":"constant","value":1},"multitask":2}]}"#,
    ));
    assert_eq!(two.last_completion, Some(125.0));
    assert_eq!(two.first_completion, Some(2.5));
    let one = run(&scenario(
        r#"{"duration": 1000, "arrival": {"type":"backlog","count":100},
            "stages": [{"name":"Dev","work":{"type":"constant","value":1}}]}"#,
    ));
    assert_eq!(one.last_completion, Some(100.0));
    // Touch time is the same; the waiting share grows.
    assert!(two.flow_efficiency.unwrap() < one.flow_efficiency.unwrap());
}

#[test]
fn setup_is_paid_once_per_batch() {
    // 40 items of 0.5 days in batches of 8 with a 2-day set-up: 40·0.5 + 5·2 = 30 days.
    let s = run(&scenario(
        r#"{"duration": 1000, "arrival": {"type":"backlog","count":40},
            "stages": [{"name":"Build","work":{"type":"constant","value":0.5},"batch_size":8,
                        "setup":{"type":"constant","value":2}}]}"#,
    ));
    assert_eq!(s.last_completion, Some(30.0));
    assert_eq!(s.first_completion, Some(6.0)); // set-up 2 + 8 × 0.5
}

#[test]
fn a_release_train_ships_only_on_its_cadence() {
    let sc = scenario(
        r#"{"duration": 200, "arrival": {"type":"poisson","rate":2},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"exponential","mean":0.5}},
                       {"name":"Release","work":{"type":"constant","value":0.01},"release_every":10}]}"#,
    );
    let mut sim = Simulation::with_item_log(&sc).unwrap();
    sim.run();
    let log = sim.item_log().unwrap();
    let done: Vec<f64> = log
        .items
        .iter()
        .map(|r| r.done)
        .filter(|d| !d.is_nan())
        .collect();
    assert!(done.len() > 300);
    assert!(
        done.iter()
            .all(|d| (d / 10.0 - (d / 10.0).round()).abs() < 1e-9),
        "a delivery off the cadence"
    );
    // Waiting for the train adds about half the cadence to the mean lead time.
    let s = sim.summary();
    assert!(s.lead_time.mean.unwrap() > 5.0);
}

#[test]
fn rework_loops_back_and_sets_the_failure_load() {
    // 20 % of items fail at Test and are redone from Dev: expected visits 1/(1 − 0.2) = 1.25,
    // so rework is 0.25/1.25 = 20 % of all work.
    let s = run(&scenario(
        r#"{"duration": 20000, "warmup": 100, "arrival": {"type":"poisson","rate":1},
            "stages": [{"name":"Dev","work":{"type":"exponential","mean":0.3}},
                       {"name":"Test","work":{"type":"exponential","mean":0.3},
                        "rework":{"probability":0.2,"to":"Dev"}}]}"#,
    ));
    let fl = s.failure_load.unwrap();
    assert!((fl - 0.2).abs() < 0.01, "failure load {fl}");
    let defect_share =
        s.stages[1].defects as f64 / (s.completed as f64 + s.stages[1].defects as f64);
    assert!(
        (defect_share - 0.2).abs() < 0.01,
        "defect share {defect_share}"
    );
    assert!(
        (s.stages[0].offered_load - 0.375).abs() < 1e-9,
        "1 × 1.25 × 0.3"
    );
}

#[test]
fn a_full_stage_blocks_the_one_before_and_its_limit_holds() {
    let sc = scenario(
        r#"{"duration": 300, "arrival": {"type":"poisson","rate":1.8},
            "stages": [{"name":"Dev","workers":3,"work":{"type":"exponential","mean":0.5}},
                       {"name":"Test","work":{"type":"exponential","mean":0.5},"wip_limit":3}]}"#,
    );
    let mut sim = Simulation::with_item_log(&sc).unwrap();
    let s = sim.run().summary();
    assert!(
        s.stages[0].waiting_for_room_share > 0.05,
        "Dev was never blocked: {}",
        s.stages[0].waiting_for_room_share
    );
    // Count items in Test at every entry: never more than the limit.
    let log = sim.item_log().unwrap();
    let mut events: Vec<(f64, i32)> = Vec::new();
    for v in log.visits.iter().filter(|v| v.stage == 1) {
        events.push((v.enter, 1));
        if !v.leave.is_nan() {
            events.push((v.leave, -1));
        }
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut inside = 0;
    for (_, d) in events {
        inside += d;
        assert!(inside <= 3, "Test held {inside} items");
    }
}

#[test]
fn generalists_swarm_to_the_bottleneck() {
    let base = r#"{"duration": 2000, "warmup": 100, "arrival": {"type":"backlog","count":100000},
        "stages": [{"name":"Dev","work":{"type":"exponential","mean":1}},
                   {"name":"Test","work":{"type":"exponential","mean":2},"wip_limit":5}]"#;
    let without = run(&scenario(&format!("{base}}}")));
    let with = run(&scenario(&format!(
        r#"{base}, "generalists": [{{"count":1,"stages":["Dev","Test"]}}]}}"#
    )));
    // Test limits the line to 0.5/day. A generalist who takes the most downstream waiting
    // work keeps all three people busy almost all the time: 3 people, 3 days of work per item
    // give at most 1 item a day, and the run reaches about 0.98. Over 1,900 days the
    // throughput's noise is about 1.7 % (sd of the work per item 2.24 d over ~1,900 items).
    assert!(
        (without.throughput - 0.5).abs() < 0.03,
        "{}",
        without.throughput
    );
    assert!(
        (0.94..=1.04).contains(&with.throughput),
        "with a generalist: {}",
        with.throughput
    );
    let busy: Vec<f64> = with.stages.iter().map(|s| s.utilization).collect();
    assert!(busy.iter().all(|&u| u > 0.94), "everyone busy: {busy:?}");
    assert_eq!(without.bottleneck.as_deref(), Some("Test"));
}

#[test]
fn a_stage_served_only_by_generalists_works() {
    let s = run(&scenario(
        r#"{"duration": 1000, "arrival": {"type":"backlog","count":50},
            "stages": [{"name":"A","work":{"type":"constant","value":1}},
                       {"name":"B","workers":0,"work":{"type":"constant","value":1}}],
            "generalists": [{"count":1,"stages":["B"]}]}"#,
    ));
    assert_eq!(s.completed, 50);
    assert_eq!(s.last_completion, Some(51.0));
}

#[test]
fn a_generalist_waiting_for_its_own_stage_is_not_taken_off_the_idle_list() {
    // G1 covers only A, G2 only C; B has a specialist. When G1 finishes an item at A and pulls
    // the next one, G2 is idle (C empty) and must stay listed, or the items reaching C wait
    // there for ever. Ten one-day items: A at days 0..10, B one day behind, C two: the last
    // done at day 12.
    let s = run(&scenario(
        r#"{"duration": 100, "arrival": {"type":"backlog","count":10},
            "stages": [{"name":"A","workers":0,"work":{"type":"constant","value":1}},
                       {"name":"B","work":{"type":"constant","value":1}},
                       {"name":"C","workers":0,"work":{"type":"constant","value":1}}],
            "generalists": [{"count":1,"stages":["A"]},{"count":1,"stages":["C"]}]}"#,
    ));
    assert_eq!(s.completed, 10);
    assert_eq!(s.last_completion, Some(12.0));
}

#[test]
fn memory_stays_bounded_over_ten_simulated_years() {
    let sc = scenario(
        r#"{"duration": 3650, "window": 0.25, "arrival": {"type":"poisson","rate":20},
            "stages": [{"name":"A","workers":3,"work":{"type":"exponential","mean":0.12}},
                       {"name":"B","workers":3,"work":{"type":"lognormal","mean":0.12,"cv":1}}]}"#,
    );
    let mut sim = Simulation::new(&sc).unwrap();
    let s = sim.run().summary();
    assert!(s.completed > 70_000);
    assert_eq!(sim.windows().len(), flowsim::sim::windows::MAX_WINDOWS);
    let f = sim.footprint();
    assert!(
        f.item_slots < 500,
        "{} item slots for a WIP of a few dozen",
        f.item_slots
    );
    assert!(f.pending_events < 50);
}

#[test]
fn the_item_log_has_every_visit_and_escapes_names() {
    let sc = scenario(
        r#"{"duration": 20, "arrival": {"type":"backlog","count":3},
            "stages": [{"name":"=cmd, \"quoted\"","work":{"type":"constant","value":1}}]}"#,
    );
    let mut sim = Simulation::with_item_log(&sc).unwrap();
    sim.run();
    let csv = sim.item_log().unwrap().to_csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "item,arrival,start,done,stage,visit,enter,work_start,finish,leave,class"
    );
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[3], r#"2,0,0,3,"'=cmd, ""quoted""",0,0,2,3,3,"#);
}

#[test]
fn windows_export_as_csv_and_a_capped_item_log_stays_bounded() {
    use flowsim::sim::windows::windows_csv;
    let sc = scenario(
        r#"{"duration": 50, "window": 10, "arrival": {"type":"poisson","rate":3},
            "stages": [{"name":"Dev, \"A\"","workers":2,"work":{"type":"exponential","mean":0.5}}]}"#,
    );
    let mut sim = Simulation::with_item_log_limit(&sc, 20).unwrap();
    sim.run();
    let names: Vec<String> = sc.stages.iter().map(|s| s.name.clone()).collect();
    let csv = windows_csv(sim.windows().iter(), &names);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 5);
    assert!(
        lines[0]
            .ends_with(r#","Dev, ""A"" utilization","Dev, ""A"" queue_mean","Dev, ""A"" wip_end""#),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("0,10,"));
    let log = sim.item_log().unwrap();
    assert!(log.truncated());
    assert_eq!(log.items.len(), 20);
    assert!(log.visits.iter().all(|v| v.item < 20));
}

#[test]
fn not_keeping_windows_changes_no_other_result() {
    let sc = example("everything.json");
    let mut kept = Simulation::new(&sc).unwrap();
    let mut not_kept = Simulation::new(&sc).unwrap();
    not_kept.keep_windows(false);
    for sim in [&mut kept, &mut not_kept] {
        sim.run();
    }
    assert!(!kept.windows().is_empty());
    assert!(not_kept.windows().is_empty());
    // Saying "keep" again keeps what was kept; "do not keep" mid-run drops it.
    let before = kept.windows().len();
    kept.keep_windows(true);
    assert_eq!(kept.windows().len(), before);
    let mut dropped = kept.clone();
    dropped.keep_windows(false);
    assert!(dropped.windows().is_empty());
    let json = |sim: &Simulation| serde_json::to_string(&sim.summary()).unwrap();
    assert_eq!(json(&kept), json(&not_kept));
    assert_eq!(kept.bottleneck(), not_kept.bottleneck());
}

#[test]
fn keeping_windows_again_starts_with_the_next_window_and_matches_a_run_that_kept_them() {
    let sc = example("tandem-10.json");
    let mut kept = Simulation::new(&sc).unwrap();
    let mut again = Simulation::new(&sc).unwrap();
    again.keep_windows(false);
    again.run_until(25.0);
    again.keep_windows(true);
    for sim in [&mut kept, &mut again] {
        sim.run_until(55.0);
    }
    // Windows are 10 days: the one open at day 25 is not kept, the next two are, exactly.
    let later: Vec<_> = kept.windows().iter().filter(|w| w.start >= 30.0).collect();
    assert_eq!(later.len(), 2);
    assert_eq!(again.windows().iter().collect::<Vec<_>>(), later);
    assert_eq!(kept.bottleneck(), again.bottleneck());
}

#[test]
fn not_keeping_aging_bands_changes_no_other_result() {
    let sc = example("classes-and-blockers.json");
    let mut kept = Simulation::new(&sc).unwrap();
    let mut not_kept = Simulation::new(&sc).unwrap();
    not_kept.keep_aging(false);
    for sim in [&mut kept, &mut not_kept] {
        sim.run();
    }
    assert!(kept.aging_bands().iter().all(|b| b.bands[0].is_some()));
    assert!(not_kept.aging_bands().iter().all(|b| b.bands[0].is_none()));
    let json = |sim: &Simulation| serde_json::to_string(&sim.summary()).unwrap();
    assert_eq!(json(&kept), json(&not_kept));
    assert_eq!(kept.events(), not_kept.events());
}

#[test]
fn an_unblocked_item_leaves_the_blocked_list_and_no_other_does() {
    // Items blocked for a day each, several at once, at different moments of their work: as each
    // block clears, that item (and only that one) moves from the blocked list back to the
    // queue. At every event each item in process is listed exactly once.
    let sc = scenario(
        r#"{"duration": 20, "arrival": {"type":"backlog","count":6},
            "stages": [{"name":"Dev","workers":3,"work":{"type":"constant","value":1},
                        "blockers":{"probability":1,"duration":{"type":"constant","value":1}}}]}"#,
    );
    let mut sim = Simulation::new(&sc).unwrap();
    let mut most_blocked = 0;
    while sim.now() < 20.0 && sim.run_events(1, 20.0) > 0 {
        let mut ids: Vec<u64> = sim.wip_items().iter().map(|w| w.id).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "day {}: an item listed twice", sim.now());
        let s = sim.summary();
        assert_eq!(n as u32, s.wip_now, "day {}", sim.now());
        let board = sim.board(100);
        let blocked = board.stages[0].blocked_len;
        most_blocked = most_blocked.max(blocked);
    }
    assert!(
        most_blocked >= 3,
        "several items blocked at once ({most_blocked})"
    );
    assert_eq!(sim.summary().completed, 6);
}

#[test]
fn a_summary_only_run_keeps_neither_windows_nor_bands_and_gives_the_same_summary() {
    let sc = example("everything.json");
    let mut full = Simulation::new(&sc).unwrap();
    let mut lean = Simulation::new(&sc).unwrap();
    lean.summary_only();
    for sim in [&mut full, &mut lean] {
        sim.run();
    }
    assert!(lean.windows().is_empty());
    assert!(lean.aging_bands().iter().all(|b| b.departures == 0));
    assert!(full.aging_bands().iter().any(|b| b.departures > 0));
    let json = |sim: &Simulation| serde_json::to_string(&sim.summary()).unwrap();
    assert_eq!(json(&full), json(&lean));
    assert_eq!(full.events(), lean.events());
}
