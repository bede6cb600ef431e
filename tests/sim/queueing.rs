//! Queueing theory: M/M/1, M/M/c (Erlang C), M/D/1 (Pollaczek–Khinchine) and Jackson tandem
//! lines, each against its closed-form result.

use crate::helpers::{assert_ci, each, replicate, scenario};

const REPS: u64 = 10;

fn single_stage(rate: f64, workers: u32, work: &str, duration: f64) -> flowsim::sim::Scenario {
    scenario(&format!(
        r#"{{"duration": {duration}, "warmup": 200, "window": {window},
            "arrival": {{"type": "poisson", "rate": {rate}}},
            "stages": [{{"name": "S", "workers": {workers}, "work": {work}}}]}}"#,
        window = duration / 1000.0
    ))
}

#[test]
fn mm1_mean_lead_time_percentiles_queue_and_utilisation() {
    // λ = 4/day, μ = 5/day, ρ = 0.8. Sojourn time ~ Exp(μ − λ): mean 1 day.
    let (lambda, mu) = (4.0, 5.0);
    let runs = replicate(
        &single_stage(lambda, 1, r#"{"type":"exponential","mean":0.2}"#, 50_000.0),
        REPS,
    );
    let rho: f64 = lambda / mu;
    let w = 1.0 / (mu - lambda);
    assert_ci(
        "M/M/1 mean lead time",
        &each(&runs, |s| s.lead_time.mean.unwrap()),
        w,
    );
    for (p, get) in [
        (
            0.50,
            (|s: &flowsim::sim::Summary| s.lead_time.p50.unwrap()) as fn(&_) -> f64,
        ),
        (0.85, |s| s.lead_time.p85.unwrap()),
        (0.95, |s| s.lead_time.p95.unwrap()),
    ] {
        // The p quantile of Exp(μ − λ) is −ln(1 − p) / (μ − λ).
        let theory = -(1.0_f64 - p).ln() * w;
        assert_ci(
            &format!("M/M/1 lead time p{}", p * 100.0),
            &each(&runs, get),
            theory,
        );
    }
    assert_ci(
        "M/M/1 utilisation",
        &each(&runs, |s| s.stages[0].utilization),
        rho,
    );
    assert_ci(
        "M/M/1 mean queue (Lq)",
        &each(&runs, |s| s.stages[0].queue_mean),
        rho * rho / (1.0 - rho),
    );
    assert_ci(
        "M/M/1 mean wait (Wq)",
        &each(&runs, |s| s.stages[0].wait_mean.unwrap()),
        rho / (mu - lambda),
    );
    assert_ci("M/M/1 throughput", &each(&runs, |s| s.throughput), lambda);
}

/// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ.
fn erlang_c(c: u32, a: f64) -> f64 {
    let rho = a / c as f64;
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..c {
        term *= a / k as f64;
        sum += term;
    }
    let last = term * a / c as f64 / (1.0 - rho);
    last / (sum + last)
}

#[test]
fn mmc_waiting_matches_erlang_c() {
    // c = 3 workers, λ = 2.4/day, mean work 1 day: ρ = 0.8.
    let (c, lambda, mu) = (3, 2.4, 1.0);
    let runs = replicate(
        &single_stage(lambda, c, r#"{"type":"exponential","mean":1.0}"#, 100_000.0),
        REPS,
    );
    let pw = erlang_c(c, lambda / mu);
    let wq = pw / (c as f64 * mu - lambda);
    assert_ci(
        "M/M/3 mean wait",
        &each(&runs, |s| s.stages[0].wait_mean.unwrap()),
        wq,
    );
    assert_ci(
        "M/M/3 mean lead time",
        &each(&runs, |s| s.lead_time.mean.unwrap()),
        wq + 1.0 / mu,
    );
    assert_ci(
        "M/M/3 utilisation",
        &each(&runs, |s| s.stages[0].utilization),
        lambda / (c as f64 * mu),
    );
}

#[test]
fn md1_waiting_matches_pollaczek_khinchine() {
    // Constant work 0.2 days, λ = 4/day: ρ = 0.8, Wq = ρ·D / (2(1 − ρ)) = 0.4 days.
    let runs = replicate(
        &single_stage(4.0, 1, r#"{"type":"constant","value":0.2}"#, 20_000.0),
        REPS,
    );
    let (rho, d) = (0.8, 0.2);
    let wq = rho * d / (2.0 * (1.0 - rho));
    assert_ci(
        "M/D/1 mean wait",
        &each(&runs, |s| s.stages[0].wait_mean.unwrap()),
        wq,
    );
    assert_ci(
        "M/D/1 mean lead time",
        &each(&runs, |s| s.lead_time.mean.unwrap()),
        wq + d,
    );
}

#[test]
fn mg1_with_erlang_work_matches_pollaczek_khinchine() {
    // Erlang-4 work, mean 0.2, cv² = 1/4: Wq = ρ·E[S]·(1 + cv²) / (2(1 − ρ)).
    let runs = replicate(
        &single_stage(4.0, 1, r#"{"type":"erlang","k":4,"mean":0.2}"#, 50_000.0),
        REPS,
    );
    let wq = 0.8 * 0.2 * 1.25 / (2.0 * 0.2);
    assert_ci(
        "M/E4/1 mean wait",
        &each(&runs, |s| s.stages[0].wait_mean.unwrap()),
        wq,
    );
}

#[test]
fn jackson_tandem_lead_time_is_the_sum_of_station_sojourns() {
    // Poisson arrivals through exponential single-server stages: each stage behaves as an
    // independent M/M/1, so W = Σ 1/(μᵢ − λ).
    let lambda = 4.0;
    let rates = [5.0, 6.0, 8.0, 5.5, 10.0];
    let stages: Vec<String> = rates
        .iter()
        .enumerate()
        .map(|(i, mu)| {
            format!(
                r#"{{"name":"S{i}","work":{{"type":"exponential","mean":{}}}}}"#,
                1.0 / mu
            )
        })
        .collect();
    let s = scenario(&format!(
        r#"{{"duration": 20000, "warmup": 200, "window": 20,
            "arrival": {{"type":"poisson","rate":{lambda}}}, "stages": [{}]}}"#,
        stages.join(",")
    ));
    let runs = replicate(&s, REPS);
    let w: f64 = rates.iter().map(|mu| 1.0 / (mu - lambda)).sum();
    assert_ci(
        "Jackson tandem mean lead time",
        &each(&runs, |s| s.lead_time.mean.unwrap()),
        w,
    );
    for (i, mu) in rates.iter().enumerate() {
        let rho = lambda / mu;
        assert_ci(
            &format!("stage {i} utilisation"),
            &each(&runs, |s| s.stages[i].utilization),
            rho,
        );
    }
    // The bottleneck is the stage with the highest utilisation: the first (μ = 5).
    assert!(runs.iter().all(|s| s.bottleneck.as_deref() == Some("S0")));
}

#[test]
fn littles_law_holds_in_stationary_runs() {
    for work in [
        r#"{"type":"exponential","mean":0.2}"#,
        r#"{"type":"lognormal","mean":0.15,"cv":1.5}"#,
        r#"{"type":"uniform","min":0.0,"max":0.4}"#,
    ] {
        let runs = replicate(&single_stage(4.0, 1, work, 20_000.0), 3);
        for s in runs {
            let l = s.littles_law;
            let rel = (l.wip_mean - l.throughput_x_cycle_time.unwrap()).abs() / l.wip_mean;
            assert!(
                rel < 0.01,
                "{work}: L = {} vs λW = {:?}",
                l.wip_mean,
                l.throughput_x_cycle_time
            );
        }
    }
}

#[test]
fn an_overloaded_stage_is_allowed_and_flagged() {
    let s = single_stage(6.0, 1, r#"{"type":"exponential","mean":0.2}"#, 500.0);
    let summary = crate::helpers::run(&s);
    assert!(summary.stages[0].offered_load > 1.0);
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains("S is overloaded")),
        "{:?}",
        summary.warnings
    );
    assert!(summary.wip_now > 100, "the queue should grow without bound");
}
