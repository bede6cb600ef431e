//! The Yew front end, compiled only for wasm32.
//!
//! - [`app`]: the page; its state is the pure [`crate::state`] reducer behind
//!   `use_reducer` ([`state`]); [`persist`] keeps its snapshot in local storage ([`storage`],
//!   where the browser allows it) and [`link`]
//!   in share links; a new generation starts a new run.
//! - [`components`]: one component per file; [`components::simulator::Simulator`] owns the
//!   running [`crate::sim::Simulation`] and advances it once per animation frame.
//! - [`charts`]: plotters charts drawn on canvas, one per file; [`chart_data`] collects what
//!   they plot with bounded memory ([`series`]).
//! - [`hooks`]: keyboard shortcuts, reading dropped or picked files, and reporting an
//!   embed's height to its host page.

pub mod app;
pub mod bench;
pub mod chart_data;
pub mod charts;
pub mod components;
pub mod download;
pub mod focus;
pub mod forecast_job;
pub mod hooks;
pub mod lazy;
pub mod link;
pub mod parts;
pub mod persist;
pub mod runner;
pub mod series;
pub mod state;
pub mod storage;
pub mod sweep_worker;

/// `n` and the noun, singular for one: "1 item", "3 items", "1 working day".
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A duration as every view shows it: one decimal under 10 days, whole days above ("4.5",
/// "12"); "–" for none.
pub fn short(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| {
        if v < 10.0 {
            format!("{v:.1}")
        } else {
            format!("{v:.0}")
        }
    })
}

/// A duration with its unit: "4.5 d"; "–" for none.
pub fn days(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{} d", short(Some(v))))
}

/// A throughput as every view shows it: "1.50 /day".
pub fn per_day(v: f64) -> String {
    format!("{v:.2} /day")
}

/// True in the single-file version of the app, which has no worker file to start (sweeps and
/// forecasts need the full version).
pub fn single_file() -> bool {
    js_sys::Reflect::get(&gloo::utils::window(), &"flowsimSingleFile".into())
        .is_ok_and(|v| v.is_truthy())
}

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<app::App>::new().render();
}
