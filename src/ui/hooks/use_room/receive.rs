//! What the room session does with each message from the server: a role taken (kept in
//! local storage), the room followed, what the team had to say sent again after a lost
//! connection, its prediction restored after a reload, a refusal or a closed room shown.

use super::{app, stop, stored, Event, RoomUi, Saved, Shared, Status, STORAGE_KEY};
use crate::rooms::protocol::ErrorKind;
use crate::rooms::{ClientMsg, RoomView, ServerMsg};
use crate::ui::state::Action;
use crate::ui::storage;
use yew::prelude::*;

pub(super) fn receive(shared: &Shared, msg: ServerMsg) {
    let ui = shared.borrow().ui.clone();
    let Some(ui) = ui else { return };
    match &msg {
        ServerMsg::Created { code, key } => {
            accept(
                shared,
                &ui,
                Saved::Host {
                    code: code.clone(),
                    key: key.clone(),
                },
            );
            app(shared, Action::JoinRoom { host: true });
        }
        ServerMsg::Joined { code, team, token } => {
            accept(
                shared,
                &ui,
                Saved::Team {
                    code: code.clone(),
                    team: team.clone(),
                    token: token.clone(),
                },
            );
            app(shared, Action::JoinRoom { host: false });
        }
        ServerMsg::Room { room } => {
            // `host` is answered by the room itself: that is the facilitator taken back.
            let hosting = {
                let c = shared.borrow();
                !c.accepted && matches!(c.hello, Some(ClientMsg::Host(_)))
            };
            if let (true, Some(saved)) = (hosting, stored(shared)) {
                accept(shared, &ui, saved);
                app(shared, Action::JoinRoom { host: true });
            }
            if shared.borrow().accepted {
                app(shared, Action::FollowRoom(Box::new(room.clone())));
                shared.borrow_mut().seen_round = Some(room.round);
                catch_up(shared, &ui, room);
                restore(shared);
            }
        }
        ServerMsg::You { team } => {
            let mut c = shared.borrow_mut();
            if !c.restored && c.pending.is_none() {
                c.pending = Some((
                    team.prediction.clone().unwrap_or_default(),
                    team.results.as_ref().map(|r| r.day),
                ));
            }
            drop(c);
            restore(shared);
        }
        ServerMsg::Error { kind, message, .. } => {
            let accepted = shared.borrow().accepted;
            let rejoining = stored(shared).is_some();
            if !accepted && !rejoining {
                // A refused `create` or `join`: the form stays, with the reason beside it.
                stop(shared);
                ui.dispatch(Event::Status(Status::Idle));
            } else if !accepted && matches!(kind, ErrorKind::NotFound | ErrorKind::Forbidden) {
                stop(shared);
                ui.dispatch(Event::Status(Status::Stopped(format!(
                    "This room cannot be reached any more: {message}"
                ))));
            }
            ui.dispatch(Event::Error(message.clone()));
        }
        ServerMsg::Closed { message } => {
            stop(shared);
            super::paused::forget();
            ui.dispatch(Event::Status(Status::Stopped(format!(
                "The room was closed: {message}"
            ))));
        }
    }
    ui.dispatch(Event::Msg(msg));
}

/// At a connection's first `room` message: what the team said while the room could not be
/// reached, and its latest results, go to the room ([`Outbox::room`]).
fn catch_up(shared: &Shared, ui: &UseReducerDispatcher<RoomUi>, room: &RoomView) {
    let mut c = shared.borrow_mut();
    let out = c.outbox.room(room);
    // The prediction sent now is the one the page keeps: the server's is older.
    c.restored |= out.kept_prediction;
    if let (Some(ws), Some(codec)) = (&c.ws, c.codec) {
        for msg in &out.send {
            let _ = ws.send_with_str(&(codec.write)(msg));
        }
    }
    drop(c);
    if out.lost_prediction {
        ui.dispatch(Event::Error(
            "Your last prediction did not reach the room before the facilitator moved on: the room kept the one before it.".into(),
        ));
    }
}

/// Once per connection, after the room's content is loaded: the team's prediction as the
/// server keeps it (a reload keeps what was typed), and its run.
fn restore(shared: &Shared) {
    let mut c = shared.borrow_mut();
    let Some(round) = c.seen_round.filter(|_| !c.restored) else {
        return;
    };
    let Some((p, day)) = c.pending.take() else {
        return;
    };
    c.restored = true;
    // A pause from before the reload counts once, in its own round.
    let paused = c.paused.take() == Some(round);
    drop(c);
    if !p.is_empty() {
        app(shared, Action::SetPrediction(p));
    }
    // A reloaded page starts the round's run again: it catches up with what it reported.
    if let Some(day) = day {
        app(shared, Action::ResumeRun { day, paused });
    }
}

fn accept(shared: &Shared, ui: &UseReducerDispatcher<RoomUi>, saved: Saved) {
    let codec = shared.borrow().codec;
    if let Some(text) = codec.and_then(|codec| (codec.save)(&saved)) {
        storage::set(STORAGE_KEY, &text);
    }
    {
        let mut c = shared.borrow_mut();
        c.hello = Some(saved.hello());
        c.accepted = true;
        c.attempt = 0;
    }
    ui.dispatch(Event::Saved(Some(saved)));
    ui.dispatch(Event::Status(Status::Online));
}
