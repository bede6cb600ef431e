//! `flowsim serve`: serves the built app and hosts workshop rooms over WebSocket (native
//! only). The messages are [`crate::rooms::protocol`]'s; `docs/rooms.md` shows each one.
//!
//! # Semantics
//! - `create` → `created {code, key}` (a random code of [`crate::rooms::code`], a 32-digit
//!   random hexadecimal key), then `room` (the facilitator's view). `host {code, key}`: an
//!   unknown room → `not_found`, a wrong key → `forbidden` (compared in constant time). A
//!   room may have any number of facilitator connections.
//! - `join {code, team, token?}`: with a token of the room, the same team again (the name
//!   given is ignored) with its prediction and results; a token that is not valid →
//!   `forbidden`; without a token the name must be new in the room, ignoring case (`taken`),
//!   and the room must have fewer than [`Limits::max_teams`] teams (`full`). Answered by
//!   `joined {code, team, token}`, then `room` (the participants' view) and `you`.
//! - Facilitator only (`forbidden` for a team): `set_content` (a new round: phase `Predict`,
//!   challenge cleared, every prediction and result cleared), `set_phase` (any phase),
//!   `open_challenge` (needs content, else `wrong_phase`; phase `Run`, results cleared),
//!   `close_challenge` (only while one is open, i.e. present and the phase not yet `Reveal`,
//!   else `wrong_phase`; phase `Reveal`, the
//!   challenge kept so its standings stay visible until the next round), `remove_team` (its
//!   connections get `closed`, its token stops working).
//! - Team only (`forbidden` for the facilitator): `predict` (only in `Predict`, else
//!   `wrong_phase`), `report` (in `Run` or `Reveal`, else `wrong_phase`; during a challenge
//!   `results.scenario` is required and may differ from the room's scenario only in the
//!   challenge's levers, else `invalid` at `results.scenario`).
//! - After every change each connection whose view changed gets a fresh `room`
//!   (facilitators the full view, teams [`crate::rooms::RoomView::for_participants`]), and
//!   the team concerned a fresh `you`. Whether a team (any of its connections) and a
//!   facilitator are online is part of the views.
//! - A refused message gets an `error` on that connection only; nothing changes and the
//!   connection stays open. One role per connection: a second `create`, `host` or `join` →
//!   `forbidden`. More than [`conn::BURST`] messages at once, or over [`conn::RATE_PER_SEC`]
//!   a second → `rate_limited` (the message is dropped). A binary frame → `invalid`; a
//!   message over [`crate::rooms::protocol::MAX_MESSAGE_BYTES`] → `full`, then the socket is
//!   closed (code 1009). A connection whose outbox fills up (it reads too slowly) is closed.
//!   The server pings every socket every [`conn::PING_EVERY`] so proxies keep it open.
//! - Every accepted change is stored (SQLite, `DATA/rooms.sqlite3`) before anyone is told.
//!   At start, stored rooms are loaded with every team offline. A room without activity for
//!   [`Limits::idle_secs`] (24 hours) is deleted, at start, hourly, and when a message
//!   reaches it: its connections get `closed`, later messages `not_found`.

pub mod app;
pub mod conn;
pub mod csp;
pub mod hub;
mod live;
pub mod room;
pub mod store;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use hub::{Clock, Hub};

/// Limits that keep one server's memory bounded.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Rooms one server holds.
    pub max_rooms: usize,
    /// Teams in one room.
    pub max_teams: usize,
    /// Seconds without activity after which a room is deleted.
    pub idle_secs: i64,
    /// Messages queued for one connection before it is dropped as too slow.
    pub outbox: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_rooms: 200,
            max_teams: 400,
            idle_secs: 24 * 60 * 60,
            outbox: 256,
        }
    }
}

/// The wall clock, in seconds since the Unix epoch.
pub fn system_clock() -> Clock {
    Arc::new(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    })
}

/// How a server is set up.
#[derive(Clone)]
pub struct Config {
    /// Where to listen (port 0: any free port).
    pub addr: SocketAddr,
    /// The built app (`index.html` and its files).
    pub dist: PathBuf,
    /// The folder of `rooms.sqlite3`.
    pub data: PathBuf,
    /// Origins allowed to open room connections besides the server's own.
    pub allow_origins: Vec<String>,
    /// The limits.
    pub limits: Limits,
    /// The clock rooms' activity is measured by.
    pub clock: Clock,
}

/// Why the server could not start.
#[derive(Debug)]
pub enum ServeError {
    /// `--dist` has no `index.html` (the app is not built there).
    NoApp(PathBuf),
    /// The rooms' storage failed.
    Store(store::StoreError),
    /// The address could not be bound.
    Bind(SocketAddr, std::io::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::NoApp(p) => write!(
                f,
                "no built app at {}: {} is missing (build it with `trunk build --release`, or \
                 start scripts/serve.sh, or pass --dist)",
                p.display(),
                p.join("index.html").display()
            ),
            ServeError::Store(e) => write!(f, "{e}"),
            ServeError::Bind(a, e) => write!(f, "cannot listen on {a}: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

impl From<store::StoreError> for ServeError {
    fn from(e: store::StoreError) -> Self {
        ServeError::Store(e)
    }
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    hub: Arc<Hub>,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Opens the store, loads its rooms and starts listening.
pub async fn start(config: Config) -> Result<Server, ServeError> {
    if !config.dist.join("index.html").is_file() {
        return Err(ServeError::NoApp(config.dist.clone()));
    }
    let store = store::Store::open(&config.data)?;
    let hub = Arc::new(Hub::new(
        store,
        config.limits.clone(),
        config.clock.clone(),
    )?);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| ServeError::Bind(config.addr, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError::Bind(config.addr, e))?;
    let (shutdown, rx) = watch::channel(false);
    let state = app::AppState {
        hub: hub.clone(),
        dist: config.dist.clone().into(),
        allow_origins: config.allow_origins.into(),
        shutdown: rx.clone(),
    };
    let router = app::router(state, &config.dist);
    let sweeper = hub.clone();
    let mut sweep_stop = rx.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        every.tick().await;
        loop {
            tokio::select! {
                _ = every.tick() => { sweeper.expire_idle(); }
                _ = sweep_stop.changed() => break,
            }
        }
    });
    let mut stop = rx;
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                let _ = stop.changed().await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!("the server stopped: {e}");
        }
    });
    Ok(Server {
        addr,
        hub,
        shutdown,
        task,
    })
}

impl Server {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its rooms.
    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    /// Closes every connection (code 1001) and stops listening; returns when the server is done.
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }
}

/// Resolves on Ctrl+C, or SIGTERM on Unix.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
