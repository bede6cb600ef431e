//! The rooms server end to end: real WebSocket clients against `flowsim::server` started
//! in-process on port 0 with a fresh data folder (and an injectable clock).
#![cfg(not(target_arch = "wasm32"))]

mod client;
mod docs;
mod fuzz;
mod hostile;
mod lifecycle;
mod protocol;
