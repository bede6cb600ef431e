//! Factory Physics (Hopp & Spearman): a balanced CONWIP line with unlimited demand.
//! With n stations of t days each, raw process time T₀ = n·t, bottleneck rate r_b = 1/t and
//! critical WIP W₀ = r_b·T₀ = n:
//! - best case (deterministic): TH = min(w/T₀, r_b), CT = max(T₀, w/r_b);
//! - practical worst case (exponential, single servers): TH = w/(W₀ + w − 1)·r_b,
//!   CT = T₀ + (w − 1)/r_b (exact for this closed network, by mean value analysis).

use crate::helpers::{assert_ci, each, replicate, run, scenario};

fn line(wip: u32, work: &str) -> flowsim::sim::Scenario {
    let stages: Vec<String> = (1..=4)
        .map(|i| format!(r#"{{"name":"M{i}","work":{work}}}"#))
        .collect();
    scenario(&format!(
        r#"{{"duration": 20000, "warmup": 500, "window": 20, "wip_limit": {wip},
            "arrival": {{"type":"backlog","count":100000}}, "stages": [{}]}}"#,
        stages.join(",")
    ))
}

#[test]
fn deterministic_line_achieves_the_best_case() {
    let (t0, rb) = (4.0, 1.0);
    for w in [1, 2, 3, 4, 6, 8] {
        let s = run(&line(w, r#"{"type":"constant","value":1}"#));
        let th = (w as f64 / t0).min(rb);
        let ct = t0.max(w as f64 / rb);
        assert!(
            (s.throughput - th).abs() < 0.001,
            "w={w}: TH {} vs best case {th}",
            s.throughput
        );
        assert!(
            (s.cycle_time.mean.unwrap() - ct).abs() < 1e-9,
            "w={w}: CT {:?} vs {ct}",
            s.cycle_time.mean
        );
    }
}

#[test]
fn exponential_line_matches_the_practical_worst_case() {
    let (t0, rb, w0) = (4.0, 1.0, 4.0);
    for w in [1u32, 3, 6] {
        let runs = replicate(&line(w, r#"{"type":"exponential","mean":1}"#), 10);
        let wf = w as f64;
        assert_ci(
            &format!("PWC throughput at w={w}"),
            &each(&runs, |s| s.throughput),
            wf / (w0 + wf - 1.0) * rb,
        );
        assert_ci(
            &format!("PWC cycle time at w={w}"),
            &each(&runs, |s| s.cycle_time.mean.unwrap()),
            t0 + (wf - 1.0) / rb,
        );
    }
}
