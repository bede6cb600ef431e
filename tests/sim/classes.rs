//! Classes of service, held to results nobody here chose: Cobham's formula for the
//! non-preemptive priority M/G/1 queue, the work-conservation law and Little's law per class;
//! and how classes and blockers are checked, changed mid-run and reported (the blockers' own
//! results are in blockers.rs).

use crate::helpers::{assert_ci, each, replicate, run, scenario};
use flowsim::sim::{Scenario, Simulation};

/// One server, exponential work of mean 1, Poisson arrivals at 0.8 per day; with `classes`.
fn mg1(classes: &str, duration: f64) -> Scenario {
    scenario(&format!(
        r#"{{"duration": {duration}, "warmup": 500, "window": 1000,
            "arrival": {{"type": "poisson", "rate": 0.8}},
            "stages": [{{"name": "Serve", "work": {{"type": "exponential", "mean": 1}}}}]
            {classes}}}"#
    ))
}

const TWO_CLASSES: &str = r#", "classes": [
    {"name": "Expedite", "share": 0.3, "priority": 2},
    {"name": "Standard", "share": 0.7}
]"#;

#[test]
fn waits_per_class_follow_cobhams_formula() {
    // Non-preemptive priority M/G/1 (Cobham 1954): W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)),
    // W0 = Σ λ_i E[S_i²] / 2 = 0.8 × 2 / 2 = 0.8; σ_1 = 0.24, σ_2 = 0.8.
    let w0 = 0.8;
    let (s1, s2) = (0.3 * 0.8, 0.8);
    let w_high = w0 / (1.0 - s1);
    let w_low = w0 / ((1.0 - s1) * (1.0 - s2));
    let runs = replicate(&mg1(TWO_CLASSES, 200_500.0), 12);
    // Lead time = wait + work (mean 1 day).
    let lead = |c: usize| each(&runs, move |s| s.classes[c].lead_time.mean.unwrap());
    assert_ci("expedite lead time", &lead(0), w_high + 1.0);
    assert_ci("standard lead time", &lead(1), w_low + 1.0);
    // With exponential work the equality holds in expectation: the load-weighted mean wait is
    // the M/M/1 FIFO wait ρ / (μ − λ) = 4 days (Kleinrock's conservation law).
    let waits = each(&runs, |s| {
        s.classes
            .iter()
            .map(|c| c.completed as f64 * (c.lead_time.mean.unwrap() - 1.0))
            .sum::<f64>()
            / s.completed as f64
    });
    assert_ci("load-weighted mean wait", &waits, 4.0);
}

/// [`mg1`] with constant work of 1 day (M/D/1).
fn md1(classes: &str) -> Scenario {
    let mut s = mg1(classes, 20_500.0);
    s.stages[0].work = flowsim::sim::Dist::Constant { value: 1.0 };
    s
}

#[test]
fn priorities_conserve_work_and_the_mean_wait() {
    // The same requests (common random numbers) with equal, constant work, served in another
    // order: a work-conserving single server finishes an item at the same moments whichever
    // it serves, so the number in the system is the same at every moment, and the mean lead
    // time over all classes is the FIFO one (the conservation law).
    let plain = run(&md1(""));
    let classes = run(&md1(TWO_CLASSES));
    assert_eq!(plain.completed, classes.completed);
    assert!(
        (plain.in_system_mean - classes.in_system_mean).abs() < 1e-9,
        "{} vs {}",
        plain.in_system_mean,
        classes.in_system_mean
    );
    let weighted: f64 = classes
        .classes
        .iter()
        .map(|c| c.completed as f64 * c.lead_time.mean.unwrap())
        .sum::<f64>()
        / classes.completed as f64;
    let fifo = plain.lead_time.mean.unwrap();
    assert!(
        (weighted - fifo).abs() / fifo < 0.01,
        "weighted {weighted} vs FIFO {fifo}"
    );
    // And the split is real: expedite waits a fraction of standard's.
    let e = classes.classes[0].lead_time.mean.unwrap();
    let s = classes.classes[1].lead_time.mean.unwrap();
    assert!(s > 2.5 * e, "expedite {e}, standard {s}");
}

#[test]
fn littles_law_holds_per_class() {
    let s = run(&mg1(
        r#", "classes": [
            {"name": "Incident", "arrival": {"type": "poisson", "rate": 0.1}, "priority": 1, "work_scale": 0.5},
            {"name": "Small", "share": 0.5, "work_scale": 0.5},
            {"name": "Large", "share": 0.5, "work_scale": 1.2}
        ]"#,
        40_500.0,
    ));
    for c in &s.classes {
        let little = c.throughput * c.lead_time.mean.unwrap();
        assert!(
            (c.in_system_mean - little).abs() / little < 0.02,
            "{}: L = {} but λW = {}",
            c.name,
            c.in_system_mean,
            little
        );
    }
    // Offered load counts each class's arrivals and size: 0.8 × (0.5 × 0.5 + 0.5 × 1.2) + 0.1 × 0.5.
    assert!((s.stages[0].offered_load - 0.73).abs() < 1e-12);
    let total: u64 = s.classes.iter().map(|c| c.completed).sum();
    assert_eq!(total, s.completed);
    // Incidents arrive on their own stream: 0.1 per day.
    let incidents = s.classes[0].throughput;
    assert!((incidents - 0.1).abs() < 0.01, "{incidents}");
}

#[test]
fn an_expedite_lane_ignores_wip_limits_and_jumps_the_queue() {
    let s = scenario(
        r#"{"duration": 100, "wip_limit": 2,
            "arrival": {"type": "backlog", "count": 20},
            "stages": [{"name": "Do", "work": {"type": "constant", "value": 1}}],
            "classes": [
                {"name": "Standard", "share": 1},
                {"name": "Expedite", "arrival": {"type": "backlog", "count": 5}, "priority": 1, "wip_exempt": true}
            ]}"#,
    );
    let mut sim = Simulation::new(&s).unwrap();
    sim.run_until(0.5);
    // The main backlog comes first: two standard items start (the cap is 2), then all five
    // expedite items start regardless of the cap.
    assert_eq!(sim.summary().wip_now, 7);
    let s = sim.run().summary();
    let expedite = &s.classes[1];
    assert_eq!(expedite.completed, 5);
    // Work in progress is never interrupted: the standard item started at day 0 is done at
    // day 1; then the expedite items go first, done at days 2 to 6.
    assert_eq!(expedite.lead_time.mean, Some(4.0));
    assert_eq!(s.classes[0].completed, 20);
    assert_eq!(s.last_completion, Some(25.0));
    // Every item moved on by itself, the expedite ones straight past the outbox: 25 departures.
    assert_eq!(s.stages[0].departures, 25);
}

#[test]
fn without_classes_the_summary_has_no_classes_field() {
    let s = run(&mg1("", 600.0));
    let json = serde_json::to_value(&s).unwrap();
    assert!(json.get("classes").is_none());
    assert!(json["stages"][0]["blocked_share"].is_number());
    assert!(json["stages"][0]["blocked_time_mean"].is_null());
    let c = run(&mg1(TWO_CLASSES, 600.0));
    let json = serde_json::to_value(&c).unwrap();
    for key in ["name", "completed", "throughput", "lead_time", "cycle_time"] {
        assert!(json["classes"][0].get(key).is_some(), "missing {key}");
    }
    for stat in ["mean", "p50", "p85", "p95", "max"] {
        assert!(json["classes"][1]["lead_time"][stat].is_number());
    }
}

#[test]
fn bad_classes_and_blockers_are_named_with_their_paths() {
    let e = Scenario::from_json(
        r#"{"arrival": {"type": "poisson", "rate": 1},
            "stages": [{"name": "A", "work": {"type": "constant", "value": 1},
                        "blockers": {"probability": 1.5, "duration": {"type": "constant", "value": -1}}}],
            "classes": [
                {"name": "X", "share": 0.5, "arrival": {"type": "poisson", "rate": 1}},
                {"name": "Y", "share": 0.2, "colour": "red"},
                {"name": "Z"},
                {"name": "W", "share": 0.1, "work_scale": 0, "wip_exempt": "yes"}
            ]}"#,
    )
    .unwrap_err();
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    for want in [
        "stages[0].blockers.probability",
        "stages[0].blockers.duration.value",
        "classes[0].arrival",
        "classes[1].colour",
        "classes[2]",
        "classes[3].work_scale",
        "classes[3].wip_exempt",
    ] {
        assert!(paths.contains(&want), "{want} missing from {e}");
    }
    let e = Scenario::from_json(
        r#"{"arrival": {"type": "poisson", "rate": 1},
            "stages": [{"name": "A", "work": {"type": "constant", "value": 1}}],
            "classes": [{"name": "X", "share": 0.5}, {"name": "X", "share": 0.2}]}"#,
    )
    .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("classes[1].name: duplicate class name"),
        "{text}"
    );
    assert!(
        text.contains(
            "classes: the shares of the main arrivals must add up to 1 (they add up to 0.7)"
        ),
        "{text}"
    );
}

#[test]
fn classes_and_blockers_change_mid_run_and_the_cli_prints_them() {
    let path = "scenarios/classes-and-blockers.json";
    let base = Scenario::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut sim = Simulation::new(&base).unwrap();
    sim.run_until(100.0);
    let mut changed = base.clone();
    changed.classes[0].share = Some(0.5);
    changed.classes[1].share = Some(0.5);
    changed.classes[2].arrival = Some(flowsim::sim::Arrival::Poisson {
        rate: 1.0,
        backlog: 0,
    });
    changed.stages[1].blockers = None;
    assert_eq!(sim.update(&changed).unwrap(), 4);
    let labels: Vec<&str> = sim
        .interventions()
        .iter()
        .map(|i| i.label.as_str())
        .collect();
    assert!(
        labels.contains(&"Develop: blockers 25% for mean 2 d → none"),
        "{labels:?}"
    );
    assert!(labels.contains(&"Expedite: share 15% → 50%"), "{labels:?}");
    assert!(
        labels.contains(&"Incident: arrivals Poisson 0.25 /day → Poisson 1 /day"),
        "{labels:?}"
    );
    let before = sim.summary().stages[1].blocked_share;
    sim.run_until(365.0);
    let recent = sim.recent_stages();
    assert_eq!(
        recent[1].blocked_share, 0.0,
        "no blocks after blockers are removed"
    );
    assert!(before > 0.1);
    // Incidents now arrive at 1 per day: about 265 more in the rest of the year.
    let incidents = sim.summary().classes[2].completed;
    assert!(incidents > 200, "{incidents}");
    // Adding a class needs a new run.
    let mut more = changed.clone();
    more.classes.push(flowsim::sim::Class {
        name: "Fixed date".into(),
        share: Some(0.0),
        arrival: None,
        priority: 1,
        wip_exempt: false,
        work_scale: 1.0,
    });
    let e = sim.update(&more).unwrap_err();
    assert_eq!(e.problems[0].path, "classes");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(["run", path])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["classes"].as_array().unwrap().len(), 3);
    assert_eq!(v["classes"][2]["name"], "Incident");
    assert!(v["classes"][0]["lead_time"]["p85"].is_number());
    assert!(v["stages"][1]["blocked_share"].as_f64().unwrap() > 0.1);
    assert!(v["stages"][1]["blocked_time_mean"].as_f64().unwrap() > 1.0);
}

/// An expedite item done at a stage moves on at once, past standard work held in the outbox
/// by a full stage downstream (whose WIP limit it ignores). Review takes 10 days and holds one
/// standard item: S1 is reviewed from day 1 to 11 while S2, done on day 2, waits for room. E1
/// arrives on day 3, is done with Build on day 4 and goes straight to Review's queue, first in
/// line: reviewed from day 11, done on day 21. Through the outbox it would queue behind S2 and
/// still wait for room when S2 took it on day 11.
#[test]
fn an_expedite_item_skips_the_outbox_and_the_limit_downstream() {
    let s = scenario(
        r#"{"duration": 21,
            "arrival": {"type": "backlog", "count": 2},
            "stages": [{"name": "Build", "work": {"type": "constant", "value": 1}},
                       {"name": "Review", "work": {"type": "constant", "value": 10}, "wip_limit": 1}],
            "classes": [
                {"name": "Standard", "share": 1},
                {"name": "Expedite", "arrival": {"type": "fixed", "interval": 3}, "priority": 1, "wip_exempt": true}
            ]}"#,
    );
    let s = Simulation::new(&s).unwrap().run().summary();
    let expedite = &s.classes[1];
    assert_eq!(expedite.completed, 1);
    assert_eq!(expedite.lead_time.mean, Some(18.0));
    assert_eq!(s.classes[0].completed, 1);
}

/// A class is found by its name (the class editor uses it to name a new class).
#[test]
fn classes_are_found_by_name() {
    let s = scenario(
        r#"{"arrival": {"type": "poisson", "rate": 1},
            "stages": [{"name": "Do", "work": {"type": "constant", "value": 0.5}}],
            "classes": [{"name": "Standard", "share": 0.8}, {"name": "Expedite", "share": 0.2}]}"#,
    );
    assert_eq!(s.class_index("Standard"), Some(0));
    assert_eq!(s.class_index("Expedite"), Some(1));
    assert_eq!(s.class_index("Fixed date"), None);
}

/// The item log names each item's class: a Small item's work takes half a day, a Large one's
/// two days, and the log's done items per class are the summary's.
#[test]
fn the_item_log_names_each_items_class() {
    let sc = scenario(
        r#"{"duration": 200, "arrival": {"type": "fixed", "interval": 3},
            "stages": [{"name": "Dev", "work": {"type": "constant", "value": 1}}],
            "classes": [{"name": "Small", "share": 0.5, "work_scale": 0.5},
                        {"name": "Large, \"L\"", "share": 0.5, "work_scale": 2}]}"#,
    );
    let mut sim = Simulation::with_item_log(&sc).unwrap();
    sim.run();
    let csv = sim.item_log().unwrap().to_csv();
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",leave,class"));
    let mut done = [0u64; 2];
    for line in lines {
        let (times, class) = if let Some(times) = line.strip_suffix(r#","Large, ""L""""#) {
            (times, 1)
        } else {
            (line.strip_suffix(",Small").expect(line), 0)
        };
        let cells: Vec<&str> = times.split(',').collect();
        let (start, finish) = (cells[7], cells[8]);
        if !finish.is_empty() {
            let work = finish.parse::<f64>().unwrap() - start.parse::<f64>().unwrap();
            assert_eq!(work, [0.5, 2.0][class], "{line}");
        }
        if !cells[3].is_empty() {
            done[class] += 1;
        }
    }
    let s = sim.summary();
    assert_eq!(done, [s.classes[0].completed, s.classes[1].completed]);
    assert!(done[0] > 10 && done[1] > 10, "{done:?}");
}
