//! A live room: its state, its connections (facilitators, and each team's; a team may have
//! several) and the fan-out of views: one serialisation per change for all facilitators and
//! one for all participants, sent only to connections whose view changed.

use super::hub::{Conn, Out};
use super::room::Room;
use crate::rooms::ServerMsg;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) struct Live {
    pub(super) room: Room,
    pub(super) active: i64,
    pub(super) facilitators: Vec<Conn>,
    pub(super) teams: HashMap<String, Vec<Conn>>,
    pub(super) last_full: Option<Arc<str>>,
    pub(super) last_part: Option<Arc<str>>,
}

impl Live {
    pub(super) fn new(room: Room, active: i64) -> Live {
        Live {
            room,
            active,
            facilitators: Vec::new(),
            teams: HashMap::new(),
            last_full: None,
            last_part: None,
        }
    }

    pub(super) fn online(&self, token: &str) -> bool {
        self.teams.get(token).is_some_and(|c| !c.is_empty())
    }

    /// Sends fresh views to every connection whose view changed (and to `extra`, a connection
    /// that just arrived), and `you` to the team `token`'s connections.
    pub(super) fn fan_out(&mut self, extra: Option<u64>, token: Option<&str>) {
        let full = self
            .room
            .view(!self.facilitators.is_empty(), |t| self.online(t));
        let part: Arc<str> = ServerMsg::Room {
            room: full.for_participants(),
        }
        .to_json()
        .into();
        let full: Arc<str> = ServerMsg::Room { room: full }.to_json().into();
        let full_changed = self.last_full.as_ref() != Some(&full);
        let part_changed = self.last_part.as_ref() != Some(&part);
        for c in &self.facilitators {
            if full_changed || extra == Some(c.id) {
                c.send(Out::Text(full.clone()));
            }
        }
        for c in self.teams.values().flatten() {
            if part_changed || extra == Some(c.id) {
                c.send(Out::Text(part.clone()));
            }
        }
        self.last_full = Some(full);
        self.last_part = Some(part);
        if let Some(token) = token {
            let online = self.online(token);
            if let (Some(team), Some(conns)) = (self.room.you(token, online), self.teams.get(token))
            {
                let you: Arc<str> = ServerMsg::You { team }.to_json().into();
                conns.iter().for_each(|c| c.send(Out::Text(you.clone())));
            }
        }
    }

    /// Tells every connection the room is closed, and closes them.
    pub(super) fn close_all(&mut self, why: &str) {
        let msg: Arc<str> = ServerMsg::Closed {
            message: why.into(),
        }
        .to_json()
        .into();
        for c in self
            .facilitators
            .drain(..)
            .chain(self.teams.drain().flat_map(|t| t.1))
        {
            c.send(Out::Text(msg.clone()));
            c.send(Out::Close);
        }
    }
}
