//! The room bar: which room and role, whether the connection is up ("Offline —
//! reconnecting…"), why the room cannot be reached any more, the server's last refusal (until
//! dismissed or replaced by the next action), and "Leave room".

use crate::ui::hooks::use_room::{Saved, Status};
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
    let leave = props.on_leave.reform(|_: MouseEvent| ());
    html! {
        <div class={classes!("room-bar", class)}>
            <span class="room-who">{ who }</span>
            <span class="room-connection" role="status">{ text }</span>
            if let (Some(e), Status::Online) = (&props.error, &props.status) {
                <span class="room-error" role="alert">{ e.clone() }
                    <button class="icon-btn" aria-label="Dismiss the message" onclick={props.on_dismiss.reform(|_: MouseEvent| ())}>{ "✕" }</button>
                </span>
            }
            <button class="btn btn-small" onclick={leave}>{ "Leave room" }</button>
        </div>
    }
}
