//! The room protocol: JSON text messages over one WebSocket per browser, each an object with a
//! `type` field. `docs/rooms.md` shows every message with an example.
//!
//! A connection takes one role, once: `create` or `host` (with the room's secret key) makes it
//! the facilitator of a room; `join` makes it a team in a room. Every later message acts only
//! within that room and role. [`ClientMsg::decode`] (in `decode.rs`) checks everything a browser sends (size,
//! shape, names, ranges, the scenario) before the server acts on it, and says what is wrong
//! with the field's path.

use super::challenge::Challenge;
use crate::sim::Scenario;
use crate::state::{LessonAt, Phase};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest message a browser may send, in bytes (a scenario is a few kilobytes).
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// Longest team name, in characters.
pub const MAX_TEAM_CHARS: usize = 40;
/// Characters in a facilitator key or a team token (hexadecimal, 128 bits).
pub const SECRET_CHARS: usize = 32;
/// Largest simulated time a report may give, in days.
pub const MAX_REPORT_DAYS: f64 = 1.0e7;

/// A message from a browser. Each variant's fields are a struct of their own, so that
/// [`ClientMsg::decode`] can name the path of a bad field inside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    /// Open a new room with this connection as its facilitator (answered by `created`).
    Create,
    /// Be the facilitator of an existing room again (after a reload or a lost connection).
    Host(Host),
    /// Take part as a team (answered by `joined`).
    Join(Join),
    /// Facilitator: what the room works on. Starts a new round: phase `Predict`, predictions
    /// and results cleared, any challenge closed.
    SetContent(SetContent),
    /// Facilitator: move the room to a phase.
    SetPhase(SetPhase),
    /// Facilitator: open a challenge (teams may then change the levers it names). Clears the
    /// round's results; the phase becomes `Run`.
    OpenChallenge(OpenChallenge),
    /// Facilitator: close the open challenge: the phase becomes `Reveal` and the challenge
    /// stays in the room (its standings visible) until the next `set_content`.
    CloseChallenge,
    /// Facilitator: remove a team (its token stops working).
    RemoveTeam(RemoveTeam),
    /// Team: the prediction (only in the `Predict` phase; hidden from other teams until
    /// `Reveal`).
    Predict(Predict),
    /// Team: the results of its run so far (sent as the run goes; the latest counts).
    Report(Report),
}

/// Fields of `host`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    /// The room code.
    pub code: String,
    /// The secret key `created` gave.
    pub key: String,
}

/// Fields of `join`. With the token a previous `joined` gave, it is the same team again
/// (reload, reconnect, or a second laptop; the name is then ignored); without one the name
/// must be new in the room, ignoring case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Join {
    /// The room code, as typed (spaces, dashes and case do not matter).
    pub code: String,
    /// The team's name, shown to everyone in the room.
    pub team: String,
    /// The team's token from an earlier `joined`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

/// Fields of `set_content`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetContent {
    /// The lesson step or scenario.
    pub content: Content,
}

/// Fields of `set_phase`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetPhase {
    /// The phase.
    pub phase: Phase,
}

/// Fields of `open_challenge`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenChallenge {
    /// The challenge.
    pub challenge: Challenge,
}

/// Fields of `remove_team`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveTeam {
    /// The team's name.
    pub team: String,
}

/// Fields of `predict`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Predict {
    /// What the team expects, up to 500 characters.
    pub text: String,
}

/// Fields of `report`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The results.
    pub results: Results,
}

/// What a room works on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// The lesson and step, when the room follows a lesson (the app shows its question,
    /// comparison and debrief); `None`: just the scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<LessonAt>,
    /// The scenario every team runs (for a lesson: the step's scenario).
    pub scenario: Scenario,
}

/// A team's results, as its browser reports them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Simulated days the run has covered.
    pub day: f64,
    /// Items done.
    pub completed: u64,
    /// Items done per day.
    pub throughput: f64,
    /// Mean lead time (days); `None` before anything is done.
    #[serde(default)]
    pub lead_mean: Option<f64>,
    /// 85th-percentile lead time (days).
    #[serde(default)]
    pub lead_p85: Option<f64>,
    /// Time-average work in process.
    pub wip_mean: f64,
    /// The scenario the team ran (required in a challenge, so the limits can be checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<Scenario>,
}

/// A team as a view shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    /// The team's name (shown as text, never as markup).
    pub name: String,
    /// Whether a browser of the team is connected.
    pub online: bool,
    /// Whether the team has written a prediction this round.
    pub predicted: bool,
    /// The prediction: for the facilitator and the team itself, and for everyone after reveal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prediction: Option<String>,
    /// The latest results this round, under the same rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Results>,
    /// Its place in the order teams joined, kept when another team is removed: the team's
    /// colour on the dashboard stays its own.
    #[serde(default)]
    pub seat: u32,
}

/// The room as one role sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomView {
    /// The room code.
    pub code: String,
    /// Bumped by each `set_content`: results and predictions belong to a round.
    pub round: u32,
    /// What the room works on; `None` until the facilitator chooses.
    pub content: Option<Content>,
    /// Where the room is in predict → run → reveal.
    pub phase: Phase,
    /// The round's challenge: open in `Run`; after `close_challenge` (phase `Reveal`) kept,
    /// so its standings stay visible until the next round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<Challenge>,
    /// Whether the facilitator's browser is connected.
    pub facilitator_online: bool,
    /// Every team, in the order they joined.
    pub teams: Vec<TeamView>,
}

impl RoomView {
    /// The view every participant shares: before reveal, other teams' predictions and results
    /// are left out (each team gets its own in `you`).
    pub fn for_participants(&self) -> RoomView {
        let mut v = self.clone();
        if v.phase != Phase::Reveal {
            for t in &mut v.teams {
                t.prediction = None;
                t.results = None;
            }
        }
        v
    }
}

/// A message from the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// A new room, with the facilitator's secret key (only this connection ever sees it).
    Created {
        /// The room code.
        code: String,
        /// The facilitator's secret key: `host` with it to lead the room again.
        key: String,
    },
    /// This connection is a team of the room.
    Joined {
        /// The room code.
        code: String,
        /// The team's name.
        team: String,
        /// The team's token: `join` with it to be the same team again.
        token: String,
    },
    /// The room as this connection's role sees it (the facilitator: everything).
    Room {
        /// The view.
        room: RoomView,
    },
    /// The team's own prediction and results (to its connections only).
    You {
        /// The team.
        team: TeamView,
    },
    /// The last message was refused; nothing changed.
    Error {
        /// What kind of refusal (the app stops reconnecting on `not_found` and `forbidden`).
        kind: ErrorKind,
        /// The field at fault, e.g. `results.throughput`, when there is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path: Option<String>,
        /// What is wrong, in plain words.
        message: String,
    },
    /// The room expired, or this team was removed; the server then closes the socket.
    Closed {
        /// Why.
        message: String,
    },
}

impl ServerMsg {
    /// The message as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("server messages serialise")
    }

    /// An error message from a protocol error.
    pub fn error(e: &ProtocolError) -> ServerMsg {
        ServerMsg::Error {
            kind: e.kind,
            path: e.path.clone(),
            message: e.message.clone(),
        }
    }
}

/// Kinds of refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The message is malformed or a value is out of range.
    Invalid,
    /// No such room (or it expired).
    NotFound,
    /// Not allowed for this connection's role, or the wrong key or token.
    Forbidden,
    /// The team name is taken in the room.
    Taken,
    /// A limit is reached (rooms, teams, message size), or the server could not store the
    /// change.
    Full,
    /// Too many messages too fast.
    RateLimited,
    /// Not possible in the room's current phase.
    WrongPhase,
}

/// A refused message.
#[derive(Clone, Debug, PartialEq)]
pub struct ProtocolError {
    /// What kind of refusal.
    pub kind: ErrorKind,
    /// The field at fault, if one is.
    pub path: Option<String>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl ProtocolError {
    /// A refusal of `kind` without a path.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ProtocolError {
            kind,
            path: None,
            message: message.into(),
        }
    }

    /// An invalid field.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        ProtocolError {
            kind: ErrorKind::Invalid,
            path: Some(path.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{p}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ProtocolError {}

impl ClientMsg {
    /// The message as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("client messages serialise")
    }
}
