//! Measuring the wasm core's speed in a real browser (`benches/wasm_speed.mjs`): the page's own
//! simulation code, called from JavaScript through each binary's `flowsim_bench` export.

use crate::sim::{Scenario, Simulation};
use wasm_bindgen::JsValue;

/// Runs the scenario to its duration and returns the number of events handled; the caller
/// times the call. Each binary exports it as `flowsim_bench(scenario_json)`, reading the JSON
/// with the reader it already links, so the export adds no second copy of a scenario reader.
pub fn events(scenario: Result<Scenario, String>) -> Result<f64, JsValue> {
    let mut sim = Simulation::new(&scenario?).map_err(|e| e.to_string())?;
    sim.run();
    Ok(sim.events() as f64)
}
