//! Shared by the native test binary and the wasm test binary.
#![allow(dead_code)]

/// A scenario that uses every random feature of the model: Poisson arrivals, every work
/// distribution, rework, batches, set-ups, WIP limits, a release cadence, multitasking and
/// generalists.
pub const DETERMINISM_SCENARIO: &str = r#"{
  "seed": 99,
  "duration": 60,
  "arrival": {"type": "poisson", "rate": 3, "backlog": 5},
  "wip_limit": 25,
  "stages": [
    {"name": "Analyse", "workers": 1, "work": {"type": "triangular", "min": 0.05, "mode": 0.1, "max": 0.5}, "multitask": 2},
    {"name": "Build", "workers": 2, "work": {"type": "lognormal", "mean": 0.5, "cv": 0.8}, "wip_limit": 6, "batch_size": 2,
     "setup": {"type": "uniform", "min": 0.0, "max": 0.2}},
    {"name": "Test", "workers": 1, "work": {"type": "erlang", "k": 3, "mean": 0.25}, "rework": {"probability": 0.2, "to": "Build"}},
    {"name": "Deploy", "workers": 1, "work": {"type": "exponential", "mean": 0.05}, "release_every": 2}
  ],
  "generalists": [{"count": 1, "stages": ["Build", "Test"]}]
}"#;

/// Checksum of the per-item timestamps of [`DETERMINISM_SCENARIO`], computed natively once and
/// asserted both natively and in wasm32 in a browser, so the two must agree bit for bit.
pub const DETERMINISM_CHECKSUM: u64 = 1_528_243_148_316_527_097;

/// Runs [`DETERMINISM_SCENARIO`] with the item log on and returns (checksum, items done).
pub fn determinism_run() -> (u64, u64) {
    let scenario = flowsim::sim::Scenario::from_json(DETERMINISM_SCENARIO).expect("valid");
    let mut sim = flowsim::sim::Simulation::with_item_log(&scenario).expect("valid");
    sim.run();
    (
        sim.item_log().expect("enabled").checksum(),
        sim.summary().completed,
    )
}

/// Checksum of forecast outcomes (see [`forecast_determinism_run`]), asserted natively and in
/// wasm32 in a browser.
pub const FORECAST_CHECKSUM: u64 = 480_402_956_781_251_513;

/// Forecasts from the example history (CSV and dates read, split 3, 2,000 trials of each
/// question) and by simulating [`DETERMINISM_SCENARIO`] (20 trials), and returns an FNV-1a
/// checksum of every outcome.
pub fn forecast_determinism_run() -> u64 {
    use flowsim::sim::forecast::{forecast, Model, Plan, SimulationModel, Target, ThroughputModel};
    let parsed = flowsim::sim::forecast::history::parse_history(include_str!(
        "../../scenarios/history-example.csv"
    ))
    .expect("readable");
    let history = ThroughputModel::from_history(&parsed.history, true).expect("done items");
    let scenario = flowsim::sim::Scenario::from_json(DETERMINISM_SCENARIO).expect("valid");
    let simulation =
        SimulationModel::new(&scenario, &flowsim::sim::validate::Limits::APP).expect("valid");
    let runs: [(&dyn Model, Target, u32); 4] = [
        (&history, Target::Items(100), 2000),
        (&history, Target::Days(30), 2000),
        (&simulation, Target::Items(50), 20),
        (&simulation, Target::Days(10), 20),
    ];
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (model, target, trials) in runs {
        let plan = Plan {
            target,
            split: 3,
            seed: 5,
        };
        let result = forecast(model, &plan, trials, 500, |_, _| true).expect("forecast");
        for x in result.outcomes {
            for b in x.to_le_bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    h
}
