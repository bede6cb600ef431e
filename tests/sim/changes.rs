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

// Behaviour after a change, read from the item log: the new parameters are what the engine
// does from the change on (not only what it records).

pub(crate) fn logged(json: &str) -> Simulation {
    Simulation::with_item_log(&scenario(json)).unwrap()
}

/// Visits to `stage`, as (enter, start, finish, leave).
pub(crate) fn visits(sim: &Simulation, stage: u16) -> Vec<(f64, f64, f64, f64)> {
    sim.item_log()
        .unwrap()
        .visits
        .iter()
        .filter(|v| v.stage == stage)
        .map(|v| (v.enter, v.start, v.finish, v.leave))
        .collect()
}

/// True when an item that leaves at `leave` (NaN: not yet) is still there at `t`.
fn still_there(leave: f64, t: f64) -> bool {
    leave.is_nan() || leave > t
}

/// Items in `stage` just after time `t` (entered at or before, not yet left).
fn in_stage(v: &[(f64, f64, f64, f64)], t: f64) -> usize {
    v.iter().filter(|x| x.0 <= t && still_there(x.3, t)).count()
}

#[test]
fn a_wip_limit_set_mid_run_holds_for_every_item_that_enters_after_it() {
    // Test is overloaded (load 1.2), so its column fills up without a limit.
    let mut sim = logged(
        r#"{"duration": 300, "arrival": {"type":"poisson","rate":1.5},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"exponential","mean":0.5}},
                       {"name":"Test","workers":1,"work":{"type":"exponential","mean":0.8}}]}"#,
    );
    sim.run_until(100.0);
    assert!(sim.board(1).stages[1].wip > 10, "Test's column filled up");
    let mut limited = sim.scenario().clone();
    limited.stages[1].wip_limit = Some(3);
    sim.update(&limited).unwrap();
    sim.run_until(300.0);
    let test = visits(&sim, 1);
    let late: Vec<_> = test.iter().filter(|v| v.0 > 100.0).collect();
    assert!(late.len() > 50, "work still flows into Test");
    for v in late {
        // Entering is allowed only while fewer than 3 items are in the column.
        let others = test
            .iter()
            .filter(|x| x.0 < v.0 && still_there(x.3, v.0))
            .count();
        assert!(
            others < 3,
            "entered Test at {} with {others} items there",
            v.0
        );
    }
    assert!(in_stage(&test, 299.0) <= 3);
}

#[test]
fn a_new_arrival_rate_shows_up_in_the_arrivals() {
    let mut sim = logged(
        r#"{"duration": 400, "arrival": {"type":"poisson","rate":1.5},
            "stages": [{"name":"Dev","workers":4,"work":{"type":"exponential","mean":0.5}}]}"#,
    );
    sim.run_until(200.0);
    let mut slower = sim.scenario().clone();
    slower.arrival = flowsim::sim::Arrival::Poisson {
        rate: 0.5,
        backlog: 0,
    };
    sim.update(&slower).unwrap();
    sim.run_until(400.0);
    let items = &sim.item_log().unwrap().items;
    let count = |a: f64, b: f64| {
        items
            .iter()
            .filter(|i| i.arrival > a && i.arrival <= b)
            .count()
    };
    // Poisson counts: 300 ± 17 before, 100 ± 10 after; ±4 standard deviations.
    let (before, after) = (count(0.0, 200.0), count(200.0, 400.0));
    assert!((230..=370).contains(&before), "{before} arrivals before");
    assert!((60..=140).contains(&after), "{after} arrivals after");
}

#[test]
fn a_new_batch_size_work_time_and_rework_are_used_from_the_change_on() {
    let mut sim = logged(
        r#"{"duration": 300, "arrival": {"type":"fixed","interval":1},
            "stages": [{"name":"Dev","work":{"type":"constant","value":0.25}},
                       {"name":"Test","work":{"type":"constant","value":0.5}}]}"#,
    );
    sim.run_until(100.0);
    let mut changed = sim.scenario().clone();
    changed.stages[0].batch_size = 4;
    changed.stages[1].work = flowsim::sim::Dist::Constant { value: 0.3 };
    changed.stages[1].rework = Some(flowsim::sim::Rework {
        probability: 0.5,
        to: "Dev".into(),
    });
    sim.update(&changed).unwrap();
    sim.run_until(300.0);
    let log = sim.item_log().unwrap();
    // Batches of 4 leave Dev together: every departure time after the change is shared by a
    // multiple of 4 visits (rework visits rejoin the same batches).
    let mut leaves: Vec<f64> = visits(&sim, 0)
        .iter()
        .filter(|v| v.3 > 100.0 && v.3.is_finite())
        .map(|v| v.3)
        .collect();
    leaves.sort_by(f64::total_cmp);
    let mut groups = Vec::new();
    for t in &leaves {
        match groups.last_mut() {
            Some((last, n)) if *last == *t => *n += 1,
            _ => groups.push((*t, 1)),
        }
    }
    assert!(groups.len() > 10);
    assert!(groups.iter().all(|&(_, n)| n % 4 == 0), "{groups:?}");
    // Before the change every item left Dev alone, after 0.25 days of work.
    assert!(visits(&sim, 0)
        .iter()
        .filter(|v| v.3 < 99.0)
        .all(|v| (v.3 - v.0 - 0.25).abs() < 1e-9));
    // Test's work is 0.3 days for every item started after the change, 0.5 before.
    for v in visits(&sim, 1).iter().filter(|v| v.2.is_finite()) {
        let want = if v.1 >= 100.0 { 0.3 } else { 0.5 };
        assert!(
            (v.2 - v.1 - want).abs() < 1e-9,
            "work {} at {}",
            v.2 - v.1,
            v.1
        );
    }
    // Half the items finished at Test after the change go back to Dev (binomial: ±4 sd).
    let tested: Vec<_> = log
        .visits
        .iter()
        .filter(|v| v.stage == 1 && v.finish > 100.0)
        .collect();
    let reworked = log
        .visits
        .iter()
        .filter(|v| v.stage == 0 && v.visit > 0)
        .count();
    let n = tested.len() as f64;
    let sd = (n * 0.25).sqrt();
    assert!(
        (reworked as f64 - n / 2.0).abs() < 4.0 * sd,
        "{reworked} of {n} reworked"
    );
    assert_eq!(
        log.visits
            .iter()
            .filter(|v| v.visit > 0 && v.enter < 100.0)
            .count(),
        0
    );
}

#[test]
fn items_are_conserved_when_busy_workers_are_removed() {
    // Every worker is busy at day 20 (Dev is overloaded); removing two of three must not lose
    // the items they hold: they finish them first.
    let mut sim = logged(
        r#"{"duration": 200, "arrival": {"type":"poisson","rate":3},
            "stages": [{"name":"Dev","workers":3,"work":{"type":"exponential","mean":1.2}},
                       {"name":"Test","workers":2,"work":{"type":"exponential","mean":0.3}}]}"#,
    );
    sim.run_until(20.0);
    assert_eq!(sim.board(10).stages[0].working_len, 3);
    let mut fewer = sim.scenario().clone();
    fewer.stages[0].workers = 1;
    sim.update(&fewer).unwrap();
    let conserved = |sim: &Simulation| {
        let b = sim.board(1);
        let placed: usize = b
            .stages
            .iter()
            .map(|s| s.waiting_len + s.working_len + s.finished_len)
            .sum();
        let arrived = sim.item_log().unwrap().items.len();
        assert_eq!(
            b.backlog_len + placed + b.done as usize,
            arrived,
            "at day {}",
            sim.now()
        );
    };
    for day in 21..=60 {
        sim.run_until(day as f64);
        conserved(&sim);
    }
    // Every visit that started work at Dev before the change finished it.
    let dev = visits(&sim, 0);
    assert!(dev.iter().filter(|v| v.1 < 20.0).all(|v| v.2.is_finite()));
    // From then on one worker: never two items in progress at once.
    let started: Vec<_> = dev
        .iter()
        .filter(|v| v.1 > 25.0 && v.2.is_finite())
        .collect();
    for w in started.windows(2) {
        assert!(w[1].1 >= w[0].2 - 1e-9, "overlapping work at {}", w[1].1);
    }
}

#[test]
fn a_faster_arrival_rate_starts_at_once_not_after_the_pending_slow_arrival() {
    // At 0.01 requests a day the next arrival is typically ~100 days away; switching to 10 a
    // day must restart the process now, not wait for it.
    let mut sim = logged(
        r#"{"duration": 40, "arrival": {"type":"poisson","rate":0.01},
            "stages": [{"name":"Dev","workers":50,"work":{"type":"constant","value":0.1}}]}"#,
    );
    sim.run_until(10.0);
    let mut faster = sim.scenario().clone();
    faster.arrival = flowsim::sim::Arrival::Poisson {
        rate: 10.0,
        backlog: 0,
    };
    sim.update(&faster).unwrap();
    sim.run_until(20.0);
    let items = &sim.item_log().unwrap().items;
    let after = items.iter().filter(|i| i.arrival > 10.0).count();
    // Poisson with mean 100: ±4 standard deviations.
    assert!(
        (60..=140).contains(&after),
        "{after} arrivals in the 10 days after"
    );
}

#[test]
fn a_new_arrival_rate_for_a_class_with_its_own_arrivals_applies_at_once() {
    // Two classes with rare arrivals of their own (one in 100 days); at day 10 the second one's
    // rate becomes 10 a day. Its next arrival must be drawn again from then, not left where the
    // old rate put it, and the other class's stream must not be the one restarted.
    let mut sim = logged(
        r#"{"duration": 100, "arrival": {"type":"poisson","rate":1},
            "stages": [{"name":"Fix","workers":50,"work":{"type":"constant","value":0.01}}],
            "classes": [
              {"name":"Planned","share":1},
              {"name":"Rare","arrival":{"type":"poisson","rate":0.01}},
              {"name":"Incident","arrival":{"type":"poisson","rate":0.01}}]}"#,
    );
    sim.run_until(10.0);
    let done = |sim: &Simulation| -> Vec<u64> {
        sim.summary().classes.iter().map(|c| c.completed).collect()
    };
    let before = done(&sim);
    let mut changed = sim.scenario().clone();
    changed.classes[2].arrival = Some(flowsim::sim::Arrival::Poisson {
        rate: 10.0,
        backlog: 0,
    });
    sim.update(&changed).unwrap();
    sim.run_until(20.0);
    let after = done(&sim);
    let incidents = after[2] - before[2];
    // Poisson(100): 60..140 is more than 4 standard deviations either side.
    assert!(
        (60..=140).contains(&incidents),
        "{incidents} incidents in 10 days"
    );
    assert!(after[1] - before[1] <= 3, "the rare class is unchanged");
    let planned = after[0] - before[0];
    assert!(
        (2..=25).contains(&planned),
        "{planned} planned requests in 10 days"
    );
}
