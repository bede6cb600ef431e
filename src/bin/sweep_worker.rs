//! The background Web Worker's entry point: sweeps and forecasts (wasm32 only; Trunk builds it
//! beside the app).

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo::worker::Registrable;
    console_error_panic_hook::set_once();
    use flowsim::ui::sweep_worker::{SweepWorker, WorkerJsonCodec};
    SweepWorker::registrar()
        .encoding::<WorkerJsonCodec>()
        .register();
}

/// Runs a scenario given as JSON and returns its number of events (see `flowsim::ui::bench`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn flowsim_bench(scenario_json: &str) -> Result<f64, wasm_bindgen::JsValue> {
    flowsim::ui::bench::events(serde_json::from_str(scenario_json).map_err(|e| e.to_string()))
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sweep_worker runs only as a Web Worker in the browser; see `flowsim --help` for the command-line tool");
    std::process::exit(2);
}
