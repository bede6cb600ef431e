//! The rooms server end to end: real WebSocket clients against `flowsim::server` started
//! in-process on port 0 with a fresh data folder (and an injectable clock).

mod client;
mod fuzz;
mod hostile;
mod lifecycle;
mod protocol;
