//! Workshop rooms: a facilitator's browser leads a lesson and every participant's browser
//! follows, runs the same simulation locally on the same seed, and reports its results.
//!
//! A server only relays small messages: [`protocol`] defines them (JSON over one WebSocket per
//! browser) and checks every message a browser sends before anything acts on it; [`challenge`]
//! holds the rules of a challenge (which fields teams may change and the limits a team's
//! scenario must keep) and [`standings`] how teams are ranked. Both are pure: the web app and the native server
//! (`flowsim serve`) compile the same code, so a message the app writes is one the server
//! reads.

pub mod challenge;
pub mod code;
mod decode;
pub mod outbox;
pub mod protocol;
pub mod standings;

pub use challenge::{Challenge, Goal, Lever};
pub use decode::same_name;
pub use protocol::{ClientMsg, Content, ProtocolError, Results, RoomView, ServerMsg, TeamView};
pub use standings::Standing;
