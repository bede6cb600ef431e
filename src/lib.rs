//! flowsim: a value-stream flow simulator.
//!
//! - [`sim`]: the pure simulation core (no web dependencies; native and wasm32).
//! - `ui`: the Yew front end, compiled only for wasm32.
//!
//! The `flowsim` binary is the web app on wasm32 and a command-line tool natively.

#[deny(missing_docs)]
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod ui;
