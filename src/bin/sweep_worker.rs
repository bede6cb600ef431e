//! The background Web Worker's entry point: sweeps and forecasts (wasm32 only; Trunk builds it
//! beside the app).

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo::worker::Registrable;
    console_error_panic_hook::set_once();
    use flowsim::ui::sweep_worker::{JsonCodec, SweepWorker};
    SweepWorker::registrar().encoding::<JsonCodec>().register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("sweep_worker runs only as a Web Worker in the browser; see `flowsim --help` for the command-line tool");
    std::process::exit(2);
}
