//! The live rooms: each room's state, its connections (facilitators, and each team's, a team
//! may have several), and the fan-out of views after every change. One lock guards the rooms
//! and the store together, so changes are stored and sent in the order they were accepted.

use super::live::Live;
use super::room::{Change, Role, Room};
use super::store::Store;
use super::Limits;
use crate::rooms::protocol::ErrorKind;
use crate::rooms::{code, ClientMsg, ProtocolError, ServerMsg};
use rand::TryRngCore;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{mpsc, Notify};

/// Seconds since the Unix epoch, from the server's clock (tests inject their own).
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// What a connection's task sends on its socket.
#[derive(Clone, Debug)]
pub enum Out {
    /// A text message (shared: one serialisation for every connection that gets it).
    Text(Arc<str>),
    /// Close the socket.
    Close,
}

/// One connection's outbox: a bounded channel, and the signal that drops a connection that
/// cannot keep up.
#[derive(Clone)]
pub struct Conn {
    pub(super) id: u64,
    tx: mpsc::Sender<Out>,
    kill: Arc<Notify>,
}

impl Conn {
    /// A connection's outbox with its id.
    pub fn new(id: u64, tx: mpsc::Sender<Out>, kill: Arc<Notify>) -> Conn {
        Conn { id, tx, kill }
    }

    /// Queues a message; a full queue drops the connection (its task is told to close).
    pub(super) fn send(&self, out: Out) {
        if let Err(mpsc::error::TrySendError::Full(_)) = self.tx.try_send(out) {
            self.kill.notify_one();
        }
    }

    pub(super) fn text(&self, msg: &ServerMsg) {
        self.send(Out::Text(msg.to_json().into()));
    }
}

/// A connection's place: its outbox and, once it has one, its room and role.
pub struct Session {
    conn: Conn,
    role: Option<(String, Role)>,
}

impl Session {
    /// A connection without a role yet.
    pub fn new(conn: Conn) -> Session {
        Session { conn, role: None }
    }

    /// Sends a refusal to this connection only.
    pub fn refuse(&self, e: &ProtocolError) {
        self.conn.text(&ServerMsg::error(e));
    }
}

struct State {
    rooms: HashMap<String, Live>,
    store: Store,
}

/// The live rooms of a server.
pub struct Hub {
    state: Mutex<State>,
    limits: Limits,
    clock: Clock,
    next_id: AtomicU64,
}

fn random_hex() -> Result<String, ProtocolError> {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.try_fill_bytes(&mut bytes).map_err(|e| {
        tracing::error!("the OS random source failed: {e}");
        ProtocolError::new(ErrorKind::Full, "the server cannot make a secret now")
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn not_found() -> ProtocolError {
    ProtocolError::new(ErrorKind::NotFound, "no such room (or it expired)")
}

impl Hub {
    /// The hub over a store's rooms: idle ones are deleted first, the others loaded (every
    /// team offline).
    pub fn new(mut store: Store, limits: Limits, clock: Clock) -> Result<Hub, super::ServeError> {
        let cutoff = clock() - limits.idle_secs;
        for code in store.delete_idle(cutoff)? {
            tracing::info!(room = %code, "room expired (idle)");
        }
        let rooms = store
            .load()?
            .into_iter()
            .map(|(room, active)| (room.code.clone(), Live::new(room, active)))
            .collect::<HashMap<_, _>>();
        tracing::info!(rooms = rooms.len(), "rooms loaded");
        Ok(Hub {
            state: Mutex::new(State { rooms, store }),
            limits,
            clock,
            next_id: AtomicU64::new(1),
        })
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// A fresh connection id.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere cannot leave a room half-changed (changes are checked first), so
        // a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Number of live rooms.
    pub fn room_count(&self) -> usize {
        self.lock().rooms.len()
    }

    /// A copy of a live room (for tests and diagnostics).
    pub fn room(&self, code: &str) -> Option<Room> {
        self.lock().rooms.get(code).map(|l| l.room.clone())
    }

    /// Handles one text message of a connection: acts on it, or sends it an error.
    pub fn handle(&self, s: &mut Session, text: &str) {
        let result = ClientMsg::decode(text).and_then(|msg| {
            let mut st = self.lock();
            self.act(&mut st, s, msg)
        });
        if let Err(e) = result {
            s.refuse(&e);
        }
    }

    fn act(&self, st: &mut State, s: &mut Session, msg: ClientMsg) -> Result<(), ProtocolError> {
        let now = (self.clock)();
        if matches!(msg, ClientMsg::Create) && s.role.is_none() {
            return self.create(st, s, now);
        }
        let (code, role) = match (&s.role, &msg) {
            (None, ClientMsg::Host(h)) => (h.code.clone(), Role::None),
            (None, ClientMsg::Join(j)) => (j.code.clone(), Role::None),
            (None, _) => {
                return Err(ProtocolError::new(
                    ErrorKind::Forbidden,
                    "create, host or join a room first",
                ))
            }
            (Some((code, role)), _) => (code.clone(), role.clone()),
        };
        if st
            .rooms
            .get(&code)
            .is_some_and(|l| l.active < now - self.limits.idle_secs)
        {
            self.expire(st, &code);
        }
        let State { rooms, store } = st;
        let live = rooms.get_mut(&code).ok_or_else(not_found)?;
        let mut token_err = None;
        let change = live
            .room
            .apply(&role, msg, self.limits.max_teams, || {
                random_hex().unwrap_or_else(|e| {
                    token_err = Some(e);
                    String::new()
                })
            })
            .and_then(|c| match token_err.take() {
                Some(e) => Err(e),
                None => Ok(c),
            });
        let change = change?;
        if let Err(e) = store.save(&live.room, &change, now) {
            tracing::error!(room = %code, "could not store a change: {e}");
            // Put the room back as stored, so memory never runs ahead of the disk.
            if let Ok(stored) = store.load() {
                if let Some((room, _)) = stored.into_iter().find(|(r, _)| r.code == code) {
                    live.room = room;
                }
            }
            return Err(ProtocolError::new(
                ErrorKind::Full,
                "the server could not store this change; try again",
            ));
        }
        live.active = now;
        let mut extra = None;
        match &change {
            Change::Hosted => {
                live.facilitators.push(s.conn.clone());
                s.role = Some((code.clone(), Role::Facilitator));
                extra = Some(s.conn.id);
                tracing::info!(room = %code, "facilitator attached");
            }
            Change::Joined { token, rejoined } => {
                let name = live.room.team(token).map(|t| t.name.clone());
                let name = name.unwrap_or_default();
                live.teams
                    .entry(token.clone())
                    .or_default()
                    .push(s.conn.clone());
                s.role = Some((code.clone(), Role::Team(token.clone())));
                extra = Some(s.conn.id);
                s.conn.text(&ServerMsg::Joined {
                    code: code.clone(),
                    team: name.clone(),
                    token: token.clone(),
                });
                let what = if *rejoined { "rejoined" } else { "joined" };
                tracing::info!(room = %code, team = ?name, "team {what}");
            }
            Change::TeamRemoved(team) => {
                let closed: Arc<str> = ServerMsg::Closed {
                    message: "the facilitator removed your team".into(),
                }
                .to_json()
                .into();
                for c in live.teams.remove(&team.token).unwrap_or_default() {
                    c.send(Out::Text(closed.clone()));
                    c.send(Out::Close);
                }
                tracing::info!(room = %code, team = ?team.name, "team removed");
            }
            Change::Content => {
                tracing::info!(room = %code, round = live.room.round, "content set")
            }
            Change::Phase => tracing::info!(room = %code, phase = ?live.room.phase, "phase"),
            Change::ChallengeOpened => tracing::info!(room = %code, "challenge opened"),
            Change::ChallengeClosed => tracing::info!(room = %code, "challenge closed"),
            Change::Predicted(_) | Change::Reported(_) => {}
        }
        live.fan_out(extra, change.team_token());
        Ok(())
    }

    fn create(&self, st: &mut State, s: &mut Session, now: i64) -> Result<(), ProtocolError> {
        if st.rooms.len() >= self.limits.max_rooms && !self.evict_unused(st) {
            return Err(ProtocolError::new(
                ErrorKind::Full,
                format!(
                    "this server holds its maximum of {} rooms, all in use",
                    self.limits.max_rooms
                ),
            ));
        }
        let mut code = None;
        for _ in 0..64 {
            let mut n = [0u8; 8];
            rand::rngs::OsRng
                .try_fill_bytes(&mut n)
                .map_err(|_| ProtocolError::new(ErrorKind::Full, "no random source"))?;
            let c = code::from_number(u64::from_le_bytes(n));
            if !st.rooms.contains_key(&c) {
                code = Some(c);
                break;
            }
        }
        let code = code.ok_or_else(|| ProtocolError::new(ErrorKind::Full, "no free room code"))?;
        let key = random_hex()?;
        let room = Room::new(code.clone(), key.clone());
        st.store.insert(&room, now).map_err(|e| {
            tracing::error!(room = %code, "could not store a new room: {e}");
            ProtocolError::new(ErrorKind::Full, "the server could not store the room")
        })?;
        let mut live = Live::new(room, now);
        live.facilitators.push(s.conn.clone());
        s.role = Some((code.clone(), Role::Facilitator));
        s.conn.text(&ServerMsg::Created {
            code: code.clone(),
            key,
        });
        live.fan_out(Some(s.conn.id), None);
        st.rooms.insert(code.clone(), live);
        tracing::info!(room = %code, "room created");
        Ok(())
    }

    /// Forgets a closed connection; the others see its team or facilitator go offline.
    pub fn disconnect(&self, s: &Session) {
        let Some((code, role)) = &s.role else { return };
        let mut st = self.lock();
        let Some(live) = st.rooms.get_mut(code) else {
            return;
        };
        let id = s.conn.id;
        match role {
            Role::Facilitator => {
                live.facilitators.retain(|c| c.id != id);
                if live.facilitators.is_empty() {
                    tracing::info!(room = %code, "facilitator left");
                }
            }
            Role::Team(token) => {
                if let Some(conns) = live.teams.get_mut(token) {
                    conns.retain(|c| c.id != id);
                    if conns.is_empty() {
                        live.teams.remove(token);
                        let name = live.room.team(token).map(|t| t.name.clone());
                        tracing::info!(room = %code, team = ?name.unwrap_or_default(), "team left");
                    }
                }
            }
            Role::None => {}
        }
        live.fan_out(None, None);
    }

    /// Deletes every room idle for longer than the limit; returns how many.
    pub fn expire_idle(&self) -> usize {
        let cutoff = (self.clock)() - self.limits.idle_secs;
        let mut st = self.lock();
        let idle: Vec<String> = st
            .rooms
            .iter()
            .filter(|(_, l)| l.active < cutoff)
            .map(|(c, _)| c.clone())
            .collect();
        idle.iter().for_each(|code| self.expire(&mut st, code));
        idle.len()
    }

    fn expire(&self, st: &mut State, code: &str) {
        if let Some(mut live) = st.rooms.remove(code) {
            live.close_all("the room expired after a day without activity");
        }
        Self::delete(st, code, "room expired (idle)");
    }

    /// Makes space in a full server: deletes the room idle longest among those no team ever
    /// joined and nobody is connected to, so rooms created and left (by mistake, or by someone
    /// filling the server) cannot lock workshops out until they expire. False when every room
    /// is in use.
    fn evict_unused(&self, st: &mut State) -> bool {
        let unused = st
            .rooms
            .iter()
            .filter(|(_, l)| {
                l.room.teams.is_empty() && l.facilitators.is_empty() && l.teams.is_empty()
            })
            .min_by(|(a, x), (b, y)| x.active.cmp(&y.active).then(a.cmp(b)))
            .map(|(code, _)| code.clone());
        let Some(code) = unused else {
            return false;
        };
        st.rooms.remove(&code);
        Self::delete(
            st,
            &code,
            "room removed to make space (never joined, nobody connected)",
        );
        true
    }

    /// Deletes a room, already out of memory, from the store and logs why.
    fn delete(st: &mut State, code: &str, why: &str) {
        if let Err(e) = st.store.delete(code) {
            tracing::error!(room = %code, "could not delete a room: {e}");
        }
        tracing::info!(room = %code, "{why}");
    }
}
