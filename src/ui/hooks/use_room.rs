//! The workshop room session: one WebSocket to the server that served the page, its role
//! (facilitator or team) kept in local storage so that a reload or a lost connection takes
//! the same role again (`host` with the key, `join` with the token), reconnecting with backoff
//! (0.5 s doubling to 10 s, with jitter). Messages become app actions (`FollowRoom`, the
//! team's own prediction) and a [`RoomUi`] the room components show.

use crate::rooms::outbox::Outbox;
use crate::rooms::protocol::Join;
use crate::rooms::ClientMsg;
use crate::ui::state::Action;
use crate::ui::storage;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};
use yew::prelude::*;

pub use super::room_ui::{Event, RoomUi, Saved, Status};

mod codec;
mod paused;
mod receive;
use codec::Codec;
pub use paused::use_remember_pause;
use receive::receive;

/// Where the room session is stored.
const STORAGE_KEY: &str = "flowsim.room.v1";
/// First reconnect delay and the longest, in milliseconds.
const BACKOFF_MS: (f64, f64) = (500.0, 10_000.0);

/// The live connection, shared by the socket's handlers and the hook's callbacks.
#[derive(Default)]
struct Conn {
    ws: Option<WebSocket>,
    /// What to send when the socket opens (`create`, `host` or `join`).
    hello: Option<ClientMsg>,
    /// Whether the server has given this connection its role.
    accepted: bool,
    /// Whether the team's own prediction was taken from the server since the connection opened.
    restored: bool,
    /// The round of the last `room` message since the connection opened (the prediction and
    /// the run are restored after the content is loaded).
    seen_round: Option<u32>,
    /// The team's prediction, and the day its reported results reached, from the server,
    /// waiting for the room's content.
    pending: Option<(String, Option<f64>)>,
    /// What the team has to say to the room, kept until the room has it.
    outbox: Outbox,
    attempt: u32,
    retry: Option<Timeout>,
    handlers: Vec<Box<dyn std::any::Any>>,
    ui: Option<UseReducerDispatcher<RoomUi>>,
    app: Option<Callback<Action>>,
    /// The protocol's JSON, once its part of the app is here.
    codec: Option<Codec>,
    /// The round in which the team had paused its run before a reload, until its run has
    /// caught up (see `paused`).
    paused: Option<u32>,
}

type Shared = Rc<RefCell<Conn>>;

/// What a page can do with its room.
#[derive(Clone, PartialEq)]
pub struct RoomHandle {
    /// What the room components show.
    pub ui: Rc<RoomUi>,
    /// Whether the server offers rooms (the page carries the `flowsim-rooms` meta tag).
    pub available: bool,
    /// Opens a new room as its facilitator.
    pub start: Callback<()>,
    /// Joins a room as a team (code, team name).
    pub join: Callback<(String, String)>,
    /// Sends a message in the room's role.
    pub send: Callback<ClientMsg>,
    /// Leaves the room and forgets the role.
    pub leave: Callback<()>,
    /// Dismisses the server's last refusal.
    pub dismiss: Callback<()>,
}

/// The WebSocket address: `ws` (the meta tag's content) relative to the page, so it works
/// behind a reverse-proxy prefix.
fn socket_url() -> Option<String> {
    let doc = gloo::utils::document();
    let path = doc
        .query_selector("meta[name=flowsim-rooms]")
        .ok()
        .flatten()?
        .get_attribute("content")
        .filter(|c| !c.trim().is_empty())?;
    let href = gloo::utils::window().location().href().ok()?;
    let url = web_sys::Url::new_with_base(&path, &href).ok()?;
    url.set_protocol(if url.protocol() == "https:" {
        "wss:"
    } else {
        "ws:"
    });
    url.set_hash("");
    url.set_search("");
    Some(url.href())
}

/// The role kept in local storage (once the codec is here).
fn stored(shared: &Shared) -> Option<Saved> {
    let codec = shared.borrow().codec?;
    (codec.saved)(&storage::get(STORAGE_KEY)?)
}

/// Runs `then` with the protocol's codec: at once if it is here, else once its part of the
/// app is fetched; a fetch that fails is tried again after the backoff.
fn with_codec(shared: &Shared, then: fn(&Shared, Codec)) {
    let codec = shared.borrow().codec;
    if let Some(codec) = codec {
        then(shared, codec);
        return;
    }
    let shared = shared.clone();
    yew::platform::spawn_local(async move {
        match codec::load().await {
            Some(codec) => {
                shared.borrow_mut().codec = Some(codec);
                then(&shared, codec);
            }
            None => schedule_with(&shared, then),
        }
    });
}

/// A page that was in a room takes its role again (a reload keeps team, prediction and results).
fn resume(shared: &Shared, _: Codec) {
    let Some(saved) = stored(shared) else {
        // Not a role (an older page's, or damaged): forgotten.
        storage::remove(STORAGE_KEY);
        paused::forget();
        status(shared, Status::Idle);
        return;
    };
    {
        let mut c = shared.borrow_mut();
        c.hello = Some(saved.hello());
        c.paused = paused::stored(&saved);
    }
    let ui = shared.borrow().ui.clone();
    if let Some(ui) = ui {
        ui.dispatch(Event::Saved(Some(saved)));
        ui.dispatch(Event::Status(Status::Connecting));
    }
    connect(shared);
}

/// Opens the connection in the role `hello` holds (once the codec is here).
fn connect(shared: &Shared) {
    with_codec(shared, open);
}

fn open(shared: &Shared, codec: Codec) {
    if shared.borrow().hello.is_none() {
        return;
    }
    let Some(url) = socket_url() else { return };
    let Ok(ws) = WebSocket::new(&url) else {
        schedule(shared);
        return;
    };
    let mut c = shared.borrow_mut();
    if let Some(old) = c.ws.take() {
        close(old);
    }
    let on_open = {
        let shared = shared.clone();
        Closure::<dyn FnMut()>::new(move || {
            let c = shared.borrow();
            if let (Some(ws), Some(hello)) = (&c.ws, &c.hello) {
                let _ = ws.send_with_str(&(codec.write)(hello));
            }
        })
    };
    let on_message = {
        let shared = shared.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(text) = e.data().as_string() {
                if let Some(msg) = (codec.read)(&text) {
                    receive(&shared, msg);
                }
            }
        })
    };
    let on_close = {
        let shared = shared.clone();
        Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| {
            let accepted = shared.borrow().accepted;
            if shared.borrow().hello.is_some() {
                if accepted || stored(&shared).is_some() {
                    status(&shared, Status::Offline);
                }
                schedule(&shared);
            }
        })
    };
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    c.handlers = vec![Box::new(on_open), Box::new(on_message), Box::new(on_close)];
    c.ws = Some(ws);
    c.accepted = false;
    c.restored = false;
    c.seen_round = None;
    c.outbox.connecting();
    c.pending = None;
}

/// Tries again after the backoff: 0.5 s doubling to 10 s, each delay ±25 % at random so that a
/// room full of laptops does not come back at the same instant.
fn schedule(shared: &Shared) {
    schedule_with(shared, open);
}

/// Runs `then` with the codec after the backoff (see [`schedule`]).
fn schedule_with(shared: &Shared, then: fn(&Shared, Codec)) {
    let mut c = shared.borrow_mut();
    let delay = (BACKOFF_MS.0 * 2f64.powi(c.attempt.min(10) as i32)).min(BACKOFF_MS.1);
    let jitter = 0.75 + 0.5 * js_sys::Math::random();
    c.attempt += 1;
    let again = shared.clone();
    c.retry = Some(Timeout::new((delay * jitter) as u32, move || {
        with_codec(&again, then)
    }));
}

fn status(shared: &Shared, st: Status) {
    // No borrow is held while Yew handles the dispatch (it may render at once).
    let ui = shared.borrow().ui.clone();
    if let Some(ui) = ui {
        ui.dispatch(Event::Status(st));
    }
}

/// Closes a socket after unhooking its handlers (they are dropped with the next connection).
fn close(ws: WebSocket) {
    ws.set_onopen(None);
    ws.set_onmessage(None);
    ws.set_onclose(None);
    let _ = ws.close();
}

fn app(shared: &Shared, action: Action) {
    let app = shared.borrow().app.clone();
    if let Some(app) = app {
        app.emit(action);
    }
}

/// Stops reconnecting and closes the socket.
fn stop(shared: &Shared) {
    let mut c = shared.borrow_mut();
    c.hello = None;
    c.retry = None;
    c.accepted = false;
    if let Some(ws) = c.ws.take() {
        close(ws);
    }
}

/// The room session of this page; `app` receives the actions the room drives.
#[hook]
pub fn use_room(app: Callback<Action>) -> RoomHandle {
    let available = use_memo((), |_| socket_url().is_some());
    // A page that was in a room is entering it again from its first paint: it reads its role
    // once the codec is here (see `resume`).
    let returning = *use_memo(*available, |available| {
        *available && storage::get(STORAGE_KEY).is_some()
    });
    let ui = use_reducer(move || RoomUi {
        status: if returning {
            Status::Connecting
        } else {
            Status::Idle
        },
        ..RoomUi::default()
    });
    let shared = use_mut_ref(Conn::default);
    {
        let mut c = shared.borrow_mut();
        c.ui = Some(ui.dispatcher());
        c.app = Some(app);
    }
    {
        // A stored role: take it again at once (a reload keeps team, prediction and results).
        let shared = shared.clone();
        use_effect_with((), move |_| {
            if returning {
                with_codec(&shared, resume);
            }
            move || stop(&shared)
        });
    }
    let begin = {
        let shared = shared.clone();
        let ui = ui.dispatcher();
        move |hello: ClientMsg| {
            stop(&shared);
            storage::remove(STORAGE_KEY);
            paused::forget();
            {
                let mut c = shared.borrow_mut();
                c.hello = Some(hello);
                c.attempt = 0;
                c.outbox.forget();
            }
            ui.dispatch(Event::Reset);
            ui.dispatch(Event::Status(Status::Connecting));
            connect(&shared);
        }
    };
    let start = {
        let begin = begin.clone();
        Callback::from(move |_| begin(ClientMsg::Create))
    };
    let join = Callback::from(move |(code, team): (String, String)| {
        let code = crate::rooms::code::normalise(&code).unwrap_or(code);
        begin(ClientMsg::Join(Join {
            code,
            team: team.trim().to_string(),
            token: None,
        }))
    });
    let send = {
        let (shared, ui) = (shared.clone(), ui.dispatcher());
        Callback::from(move |msg: ClientMsg| {
            // Anything the person does (not the automatic reports) replaces the last refusal.
            if !matches!(msg, ClientMsg::Report(_)) {
                ui.dispatch(Event::ClearError);
            }
            let mut c = shared.borrow_mut();
            let ws = c.ws.clone().filter(|ws| {
                c.accepted && c.outbox.caught_up() && ws.ready_state() == WebSocket::OPEN
            });
            // A connection that was accepted has the codec.
            let sent = match (&ws, c.codec) {
                (Some(ws), Some(codec)) => ws.send_with_str(&(codec.write)(&msg)).is_ok(),
                _ => false,
            };
            c.outbox.note(&msg, sent);
        })
    };
    let leave = {
        let shared = shared.clone();
        let ui = ui.dispatcher();
        Callback::from(move |_| {
            stop(&shared);
            shared.borrow_mut().outbox.forget();
            storage::remove(STORAGE_KEY);
            paused::forget();
            ui.dispatch(Event::Reset);
            app_leave(&shared);
        })
    };
    let dismiss = {
        let ui = ui.dispatcher();
        Callback::from(move |_| ui.dispatch(Event::ClearError))
    };
    RoomHandle {
        ui: Rc::new((*ui).clone()),
        available: *available,
        start,
        join,
        send,
        leave,
        dismiss,
    }
}

fn app_leave(shared: &Shared) {
    app(shared, Action::LeaveRoom);
}
