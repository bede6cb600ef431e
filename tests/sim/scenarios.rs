//! The example scenarios in scenarios/: each runs, and its output is what it should be.

use crate::helpers::{example as load, run};
use std::fs;

#[test]
fn every_example_is_valid_and_obeys_littles_law_over_a_long_run() {
    let mut names: Vec<String> = fs::read_dir("scenarios")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "{names:?}");
    for name in names {
        let mut s = load(&name);
        if s.arrival.rate() > 0.0 {
            s.duration = s.duration.max(5000.0);
        }
        let summary = run(&s);
        assert!(summary.completed > 0, "{name}: nothing done");
        let l = summary.littles_law;
        let rel = (l.wip_mean - l.throughput_x_cycle_time.unwrap()).abs() / l.wip_mean;
        assert!(
            rel < 0.03,
            "{name}: WIP {} vs throughput × cycle time {:?}",
            l.wip_mean,
            l.throughput_x_cycle_time
        );
        let rel = (l.in_system_mean - l.throughput_x_lead_time.unwrap()).abs() / l.in_system_mean;
        assert!(
            rel < 0.03,
            "{name}: in system {} vs throughput × lead time {:?}",
            l.in_system_mean,
            l.throughput_x_lead_time
        );
    }
}

#[test]
fn penny_game_example() {
    let s = run(&load("penny-game.json"));
    assert_eq!(
        (s.first_completion, s.last_completion),
        (Some(20.0), Some(35.0))
    );
}

#[test]
fn mm1_example_matches_theory_roughly() {
    let s = run(&load("mm1.json"));
    assert!(
        (s.lead_time.mean.unwrap() - 1.0).abs() < 0.08,
        "{:?}",
        s.lead_time.mean
    );
    assert!((s.stages[0].utilization - 0.8).abs() < 0.01);
}

#[test]
fn tandem_example_finds_its_bottleneck() {
    let s = run(&load("tandem-10.json"));
    assert_eq!(s.bottleneck.as_deref(), Some("S4"));
    assert!((s.throughput - 1.0).abs() < 0.03);
}

#[test]
fn quarterly_releases_dominate_lead_time() {
    let s = run(&load("quarterly-release.json"));
    // Work waits on average about half a quarter for the train: lead time far above the
    // two days of development.
    assert!(s.lead_time.mean.unwrap() > 40.0, "{:?}", s.lead_time.mean);
    assert!(s.flow_efficiency.unwrap() < 0.05);
}

#[test]
fn kanban_example_keeps_columns_within_limits() {
    let s = run(&load("kanban.json"));
    assert!(s.stages[1].wip_mean <= 5.0 && s.stages[2].wip_mean <= 3.0);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}
