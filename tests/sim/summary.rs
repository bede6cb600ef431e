//! The summary's edges: a summary taken before anything happened, the failure load of the
//! period after a long warm-up, and the stage figures since the latest change.

use crate::helpers::scenario;
use flowsim::sim::Simulation;

/// At time 0 nothing has been worked on: no failure load, and each class's means are its
/// values now (zero), not 0 ÷ 0.
#[test]
fn a_summary_before_anything_happened_has_no_ratios_of_nothing() {
    let sim = Simulation::new(&scenario(
        r#"{"duration": 10, "arrival": {"type":"poisson","rate":1},
            "stages": [{"name":"Dev","work":{"type":"exponential","mean":0.5}}],
            "classes": [{"name":"Expedite","share":0.3,"priority":2},
                        {"name":"Standard","share":0.7}]}"#,
    ))
    .unwrap();
    let s = sim.summary();
    assert_eq!(s.failure_load, None);
    assert_eq!(s.classes.len(), 2);
    for c in &s.classes {
        let means = (c.throughput, c.wip_mean, c.in_system_mean);
        assert_eq!(means, (0.0, 0.0, 0.0), "{}", c.name);
    }
}

/// The failure load counts the work and the rework of the period after the warm-up only.
/// 20 % of Test's items go back to Dev: visits 1 / (1 − 0.2) = 1.25 per item, rework 0.25 of
/// 1.25 visits, so 20 % of all work (equal work times). Over 1,000 days after a 10,000-day
/// warm-up the estimate's standard error is about 0.012 (1,250 Test visits); ±0.05 is four of
/// them. Counting the warm-up's work in the denominator gives 0.2 / 11, its rework in the
/// numerator 0.2 × 11.
#[test]
fn the_failure_load_is_of_the_period_after_the_warm_up() {
    let mut sim = Simulation::new(&scenario(
        r#"{"duration": 11000, "warmup": 10000, "arrival": {"type":"poisson","rate":1},
            "stages": [{"name":"Dev","work":{"type":"exponential","mean":0.3}},
                       {"name":"Test","work":{"type":"exponential","mean":0.3},
                        "rework":{"probability":0.2,"to":"Dev"}}]}"#,
    ))
    .unwrap();
    sim.run();
    let fl = sim.summary().failure_load.unwrap();
    assert!((fl - 0.2).abs() < 0.05, "failure load {fl}");
}

/// One item a day, each half a day's work for the one worker: busy exactly half of any whole
/// number of days. The stage figures since the latest change cover from the change to now;
/// right at a change there is nothing since it yet, so they cover the run from the start.
#[test]
fn the_recent_stage_figures_start_at_the_latest_change() {
    let half_day = r#"{"duration": 100, "arrival": {"type":"fixed","interval":1},
        "stages": [{"name":"Dev","work":{"type":"constant","value":0.5}}]}"#;
    let mut sim = Simulation::new(&scenario(half_day)).unwrap();
    sim.run_until(10.0);
    // Now the work takes a quarter of a day: busy a quarter of each day from the next item.
    let quarter = scenario(&half_day.replace("0.5", "0.25"));
    assert_eq!(sim.update(&quarter).unwrap(), 1);
    // Utilisation (busy ÷ worker time) and mean WIP (item-days ÷ days) are equal here: one
    // worker, and an item is in the stage exactly while it is worked on.
    let check = |sim: &Simulation, want: f64| {
        let s = &sim.recent_stages()[0];
        assert!((s.utilization - want).abs() < 1e-12, "{s:?}");
        assert!((s.wip_mean - want).abs() < 1e-12, "{s:?}");
    };
    // Items arrive at days 1, 2, …, 10: the last is done at 10.5, busy 4.5 of the first 10 days.
    check(&sim, 0.45);
    sim.run_until(20.0);
    // From day 10 to 20: the rest of day 10's item (0.5 of a day) and nine of a quarter day.
    check(&sim, (0.5 + 9.0 * 0.25) / 10.0);
    // The period's start and mean lead time, read cheaply, are the full period's.
    let period = sim.current_period();
    assert_eq!(sim.current_period_from(), period.from);
    assert_eq!(period.from, 10.0);
    assert_eq!(sim.current_lead_mean(), period.lead_time.mean);
    // Day 10's item (half a day, done at 10.5) and nine of a quarter day.
    assert_eq!(sim.current_lead_mean(), Some((0.5 + 9.0 * 0.25) / 10.0));
}

/// The period's count says where it starts when that is not day 0, since the board's Done
/// column counts every item: "Items done" at day 0 and without a warm-up, "Items done since
/// day 10" once a 10-day warm-up is over; the statistics are empty before (day 0, warm-up).
#[test]
fn the_done_count_names_the_day_its_period_starts() {
    let json = |warmup: f64| {
        format!(
            r#"{{"duration": 30, "warmup": {warmup}, "arrival": {{"type":"fixed","interval":1}},
                "stages": [{{"name":"Dev","work":{{"type":"constant","value":0.5}}}}]}}"#
        )
    };
    let mut plain = Simulation::new(&scenario(&json(0.0))).unwrap();
    assert!(!plain.summary().has_stats());
    assert_eq!(plain.summary().done_label(), "Items done");
    plain.run_until(20.0);
    assert_eq!(plain.summary().done_label(), "Items done");
    let mut warm = Simulation::new(&scenario(&json(10.0))).unwrap();
    warm.run_until(5.0);
    let s = warm.summary();
    assert!(!s.has_stats());
    assert_eq!(s.done_label(), "Items done");
    warm.run_until(20.0);
    let s = warm.summary();
    assert_eq!(s.done_label(), "Items done since day 10");
    // Arrivals on days 1, 2, …; each done half a day later: days 10.5 to 19.5.
    assert_eq!(s.completed, 10);
    assert!(plain.summary().completed > s.completed);
}
