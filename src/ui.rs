//! The Yew front end, compiled only for wasm32.
//!
//! - [`app`]: the page; holds the scenario and a generation counter (a new generation starts a
//!   new run).
//! - [`components`]: one component per file; [`components::simulator::Simulator`] owns the
//!   running [`crate::sim::Simulation`] and advances it once per animation frame.
//! - [`charts`]: plotters charts drawn on canvas, one per file.
//! - [`series`]: time series decimated to a bounded number of points for plotting.

pub mod app;
pub mod charts;
pub mod components;
pub mod series;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
