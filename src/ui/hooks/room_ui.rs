//! What the room session shows: the role held (as stored, so a reload takes it again), the
//! connection's status, the room as this role sees it, and the server's last refusal.

use crate::rooms::protocol::{Host, Join};
use crate::rooms::{ClientMsg, RoomView, ServerMsg, TeamView};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::prelude::*;

/// The role this browser holds in a room, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Saved {
    /// The facilitator, with the room's secret key.
    Host {
        /// The room code.
        code: String,
        /// The key.
        key: String,
    },
    /// A team, with its token.
    Team {
        /// The room code.
        code: String,
        /// The team's name.
        team: String,
        /// The token.
        token: String,
    },
}

impl Saved {
    /// The room's code.
    pub fn code(&self) -> &str {
        match self {
            Saved::Host { code, .. } | Saved::Team { code, .. } => code,
        }
    }

    /// The message that takes this role again.
    pub fn hello(&self) -> ClientMsg {
        match self.clone() {
            Saved::Host { code, key } => ClientMsg::Host(Host { code, key }),
            Saved::Team { code, team, token } => ClientMsg::Join(Join {
                code,
                team,
                token: Some(token),
            }),
        }
    }
}

/// The connection as the person sees it.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Status {
    /// Not in a room.
    #[default]
    Idle,
    /// Opening the connection (or waiting for the server's answer to `create` / `join`).
    Connecting,
    /// Connected.
    Online,
    /// The connection was lost; trying again.
    Offline,
    /// The room cannot be reached any more (closed, expired, the key or token refused).
    Stopped(String),
}

/// What the room components show.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct RoomUi {
    /// The connection.
    pub status: Status,
    /// The role held, once the server gave it.
    pub saved: Option<Saved>,
    /// The room as this role sees it.
    pub view: Option<Rc<RoomView>>,
    /// The team's own prediction and results (teams only).
    pub you: Option<TeamView>,
    /// The server's last refusal, in plain words (a join form shows it next to the fields).
    pub error: Option<String>,
}

impl RoomUi {
    /// Whether this page is in a room (or entering one).
    pub fn active(&self) -> bool {
        self.saved.is_some() || self.status == Status::Connecting
    }

    /// Whether this page is the room's facilitator.
    pub fn host(&self) -> bool {
        matches!(self.saved, Some(Saved::Host { .. }))
    }
}

/// What changes a [`RoomUi`].
pub enum Event {
    /// The connection's status.
    Status(Status),
    /// The role held.
    Saved(Option<Saved>),
    /// A message from the server.
    Msg(ServerMsg),
    /// A refusal, in plain words.
    Error(String),
    /// The refusal is no longer news: the person did something else, or dismissed it.
    ClearError,
    /// Out of the room.
    Reset,
}

impl Reducible for RoomUi {
    type Action = Event;

    fn reduce(self: Rc<Self>, e: Event) -> Rc<Self> {
        let mut s = (*self).clone();
        match e {
            Event::Status(st) => s.status = st,
            Event::Saved(saved) => s.saved = saved,
            Event::Error(text) => s.error = Some(text),
            Event::ClearError => s.error = None,
            Event::Reset => s = RoomUi::default(),
            // A refusal stays while the room changes around it (every team's report
            // changes the room): it goes when the person acts again or dismisses it.
            Event::Msg(ServerMsg::Room { room }) => s.view = Some(Rc::new(room)),
            Event::Msg(ServerMsg::You { team }) => s.you = Some(team),
            Event::Msg(_) => {}
        }
        Rc::new(s)
    }
}
