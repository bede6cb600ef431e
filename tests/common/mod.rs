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
