//! The `flowsim` binary: the web app when built for wasm32, the command-line tool otherwise.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(target_arch = "wasm32")]
fn main() {
    flowsim::ui::start();
}

/// Runs a scenario given as JSON and returns its number of events (see `flowsim::ui::bench`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn flowsim_bench(scenario_json: &str) -> Result<f64, wasm_bindgen::JsValue> {
    flowsim::ui::bench::events(flowsim::sim::json::read(scenario_json).map_err(|e| e.to_string()))
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::main(std::env::args().skip(1).collect()));
}
