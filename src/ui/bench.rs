//! One entry point for measuring the wasm core's speed in a real browser
//! (`benches/wasm_speed.mjs`): the page's own simulation code, called from JavaScript.

use crate::sim::{Scenario, Simulation};
use wasm_bindgen::prelude::*;

/// Runs the scenario given as JSON to its duration and returns the number of events handled.
/// The caller times the call.
#[wasm_bindgen]
pub fn flowsim_bench(scenario_json: &str) -> Result<f64, JsValue> {
    // Plain serde (what the sweep worker already links), not the import's error-listing
    // decoder: this export is in every binary of the crate.
    let scenario: Scenario = serde_json::from_str(scenario_json).map_err(|e| e.to_string())?;
    let mut sim = Simulation::new(&scenario).map_err(|e| e.to_string())?;
    sim.run();
    Ok(sim.events() as f64)
}
