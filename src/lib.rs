//! flowsim: a value-stream flow simulator.
//!
//! - [`sim`]: the pure simulation core (no web dependencies; native and wasm32).
//! - [`lessons`]: the teaching lessons, each a set of scenarios and claims the core must bear out.
//! - [`state`]: the app's state and its reducer (pure, tested natively); its
//!   [`state::Snapshot`] is what local storage and share links keep.
//! - [`share`]: share links: the snapshot in the URL fragment, compact and versioned.
//! - [`rooms`]: workshop rooms' messages and challenge rules, shared by the app and the server.
//! - `server`: `flowsim serve`, the workshop rooms' server (native only).
//! - `ui`: the Yew front end, compiled only for wasm32.
//!
//! The `flowsim` binary is the web app on wasm32 and a command-line tool natively.

#[deny(missing_docs)]
pub mod sim;

#[deny(missing_docs)]
pub mod lessons;

#[deny(missing_docs)]
pub mod share;

#[deny(missing_docs)]
pub mod state;

#[deny(missing_docs)]
pub mod rooms;

#[cfg(not(target_arch = "wasm32"))]
#[deny(missing_docs)]
pub mod server;

#[cfg(target_arch = "wasm32")]
pub mod ui;
