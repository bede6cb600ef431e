//! Helpers for the validation tests.

use flowsim::sim::{Scenario, Simulation, Summary};

/// Parses a scenario written as JSON (panics with the problems if invalid).
pub fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).unwrap_or_else(|e| panic!("invalid test scenario: {e}"))
}

/// The example scenario `name` from `scenarios/` (tests run from the project's root).
pub fn example(name: &str) -> Scenario {
    let text = std::fs::read_to_string(format!("scenarios/{name}"))
        .unwrap_or_else(|e| panic!("scenarios/{name}: {e}"));
    Scenario::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Runs `scenario` to its duration and returns the summary.
pub fn run(scenario: &Scenario) -> Summary {
    Simulation::new(scenario).expect("valid").run().summary()
}

/// Runs `reps` independent replications (seeds 1..=reps) and returns their summaries.
pub fn replicate(scenario: &Scenario, reps: u64) -> Vec<Summary> {
    (1..=reps)
        .map(|seed| {
            let mut s = scenario.clone();
            s.seed = seed;
            run(&s)
        })
        .collect()
}

/// Student's t quantile 0.9995 (two-sided 99.9 %) for `df` degrees of freedom.
fn t999(df: usize) -> f64 {
    match df {
        1 => 636.6,
        2 => 31.60,
        3 => 12.92,
        4 => 8.610,
        5 => 6.869,
        6 => 5.959,
        7 => 5.408,
        8 => 5.041,
        9 => 4.781,
        10..=14 => 4.587,
        15..=19 => 4.073,
        _ => 3.85,
    }
}

/// Mean and 99.9 % confidence half-width of independent replication values.
pub fn ci(values: &[f64]) -> (f64, f64) {
    let n = values.len();
    assert!(n >= 2, "need at least two replications");
    let mean = values.iter().sum::<f64>() / n as f64;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (mean, t999(n - 1) * (var / n as f64).sqrt())
}

/// Asserts that `theory` lies in the 99.9 % confidence interval of `values`.
#[track_caller]
pub fn assert_ci(what: &str, values: &[f64], theory: f64) {
    let (mean, half) = ci(values);
    assert!(
        (mean - theory).abs() <= half,
        "{what}: simulated {mean:.4} ± {half:.4} (99.9 % CI) does not contain theory {theory:.4}"
    );
    // The interval must also be tight enough to mean something: within 5 % of the value.
    assert!(
        half <= 0.05 * theory.abs().max(1e-9),
        "{what}: interval ±{half:.4} is too wide to test {theory:.4}"
    );
}

/// Extracts a field from every summary.
pub fn each(summaries: &[Summary], f: impl Fn(&Summary) -> f64) -> Vec<f64> {
    summaries.iter().map(f).collect()
}

/// 20 items of exactly one day's work waiting for one worker from day 0 (100 days): completions
/// at days 1, 2, …, 20.
pub fn one_day_items() -> Scenario {
    scenario(
        r#"{"duration": 100, "arrival": {"type":"backlog","count":20},
            "stages": [{"name":"Dev","work":{"type":"constant","value":1}}]}"#,
    )
}

/// Asserts that the file at `path` (from the repository root) holds exactly `text`, a kept
/// output of the simulator; with `FLOWSIM_REGENERATE` set it writes the file first
/// (`FLOWSIM_REGENERATE=1 cargo test --test sim TEST`).
#[track_caller]
pub fn assert_file_holds(path: &str, text: &str) {
    if std::env::var_os("FLOWSIM_REGENERATE").is_some() {
        std::fs::write(path, text).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(path).unwrap(),
        text,
        "{path} is not what the simulator makes: regenerate it with FLOWSIM_REGENERATE=1"
    );
}

/// Runs the `flowsim` binary with `args` and returns what it printed and its status.
pub fn flowsim(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(args)
        .output()
        .expect("runs")
}
