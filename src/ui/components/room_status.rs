//! The room bar: which room and role, whether the connection is up ("Offline —
//! reconnecting…"), why the room cannot be reached any more, the server's last refusal (until
//! dismissed or replaced by the next action), and "Leave room". The facilitator is asked
//! first: only their browser holds the room's key, so leaving by a slip of the mouse would
//! leave the room with nobody to lead it.

use crate::ui::hooks::use_room::{Saved, Status};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`RoomStatus`].
#[derive(Properties, PartialEq)]
pub struct RoomStatusProps {
    /// The connection.
    pub status: Status,
    /// The role held.
    pub saved: Option<Saved>,
    /// The server's last refusal of something this page sent.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Dismisses the refusal.
    #[prop_or_default]
    pub on_dismiss: Callback<()>,
    /// Leaves the room.
    pub on_leave: Callback<()>,
}

/// The room bar.
#[function_component(RoomStatus)]
pub fn room_status(props: &RoomStatusProps) -> Html {
    let who = match &props.saved {
        Some(Saved::Host { code, .. }) => format!("Room {code} · facilitator"),
        Some(Saved::Team { code, team, .. }) => format!("Room {code} · team {team}"),
        None => "Room".to_string(),
    };
    let (class, text) = match &props.status {
        Status::Idle => ("idle", String::new()),
        Status::Connecting => ("connecting", "Connecting…".to_string()),
        Status::Online => ("online", "Online".to_string()),
        Status::Offline => ("offline", "Offline — reconnecting…".to_string()),
        Status::Stopped(why) => ("stopped", why.clone()),
    };
    // Whether the facilitator's "Leave room" waits for a confirmation.
    let asking = use_state(|| false);
    let (stay_ref, leave_ref) = (use_node_ref(), use_node_ref());
    {
        // Keyboard focus goes to the safe answer when the question appears, and back to
        // "Leave room" when it goes (not on the first render).
        let (stay_ref, leave_ref) = (stay_ref.clone(), leave_ref.clone());
        let asked = use_mut_ref(|| false);
        use_effect_with(*asking, move |asking| {
            let to = if *asking {
                Some(&stay_ref)
            } else {
                asked.borrow().then_some(&leave_ref)
            };
            if let Some(el) = to.and_then(|r| r.cast::<web_sys::HtmlElement>()) {
                let _ = el.focus();
            }
            *asked.borrow_mut() = *asking;
        });
    }
    // A room that cannot be reached any more has nothing to lose by leaving.
    let host_code = match (&props.saved, &props.status) {
        (_, Status::Stopped(_)) => None,
        (Some(Saved::Host { code, .. }), _) => Some(code.clone()),
        _ => None,
    };
    let leave = {
        let (asking, on_leave, ask) = (asking.clone(), props.on_leave.clone(), host_code.is_some());
        Callback::from(move |_: MouseEvent| {
            if ask && !*asking {
                asking.set(true);
            } else {
                asking.set(false);
                on_leave.emit(());
            }
        })
    };
    let stay = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    {
        // Escape keeps the room wherever the focus is while the question is open (a click
        // elsewhere leaves the focus outside it).
        let asking = asking.clone();
        use_effect_with(*asking, move |open| {
            let listener = open.then(|| {
                gloo::events::EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                    let key = e.dyn_ref::<web_sys::KeyboardEvent>().map(|k| k.key());
                    if key.as_deref() == Some("Escape") {
                        asking.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    html! {
        <div class={classes!("room-bar", class)}>
            <span class="room-who">{ who }</span>
            <span class="room-connection" role="status">{ text }</span>
            if let (Some(e), Status::Online) = (&props.error, &props.status) {
                <span class="room-error" role="alert">{ e.clone() }
                    <button class="icon-btn" aria-label="Dismiss the message" onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{ "✕" }</button>
                </span>
            }
            if let Some(code) = host_code.filter(|_| *asking) {
                <span class="room-leave-ask" role="group" aria-label="Leave the room?">
                    <span>{ format!("Leave room {code}? Only this browser can lead it: once you leave, nobody can move its teams on.") }</span>
                    <button class="btn btn-small btn-danger" aria-label="Yes, leave the room" onclick={leave}>{ "Leave" }</button>
                    <button class="btn btn-small" ref={stay_ref} onclick={stay}>{ "Stay" }</button>
                </span>
            } else {
                <button class="btn btn-small" ref={leave_ref} onclick={leave}>{ "Leave room" }</button>
            }
        </div>
    }
}
