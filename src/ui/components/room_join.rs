//! The form a team joins a room with: room code and team name. The server's refusal (a taken
//! name, an unknown room, a bad code) shows beside it as text, and what was typed stays.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`RoomJoin`].
#[derive(Properties, PartialEq)]
pub struct RoomJoinProps {
    /// The code to start with (from a join link's `?join=`).
    #[prop_or_default]
    pub code: AttrValue,
    /// The server's last refusal.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Whether a join is under way.
    #[prop_or_default]
    pub busy: bool,
    /// Joins with (code, team name).
    pub on_join: Callback<(String, String)>,
    /// Closes the form.
    pub on_cancel: Callback<()>,
}

/// The join form.
#[function_component(RoomJoin)]
pub fn room_join(props: &RoomJoinProps) -> Html {
    let code = use_state(|| props.code.to_string());
    let team = use_state(String::new);
    let local = use_state(|| None::<String>);
    // The field to type in first: the team name when the join link brought the code, else the
    // code.
    let (code_ref, team_ref) = (use_node_ref(), use_node_ref());
    {
        let first = if props.code.is_empty() {
            code_ref.clone()
        } else {
            team_ref.clone()
        };
        use_effect_with((), move |()| {
            if let Some(el) = first.cast::<HtmlInputElement>() {
                let _ = el.focus();
            }
        });
    }
    let on_code = {
        let code = code.clone();
        move |e: InputEvent| code.set(e.target_unchecked_into::<HtmlInputElement>().value())
    };
    let on_team = {
        let team = team.clone();
        move |e: InputEvent| team.set(e.target_unchecked_into::<HtmlInputElement>().value())
    };
    let submit = {
        let (code, team, local, join) = (
            code.clone(),
            team.clone(),
            local.clone(),
            props.on_join.clone(),
        );
        move |e: SubmitEvent| {
            e.prevent_default();
            if crate::rooms::code::normalise(&code).is_none() {
                local.set(Some(format!(
                    "A room code is {} letters, like {}.",
                    crate::rooms::code::LEN,
                    crate::rooms::code::from_number(123_456)
                )));
            } else if team.trim().is_empty() {
                local.set(Some("Give your team a name.".into()));
            } else {
                local.set(None);
                join.emit(((*code).clone(), (*team).clone()));
            }
        }
    };
    let error = (*local)
        .clone()
        .or(props.error.as_ref().map(|e| e.to_string()));
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <section class="room-join" aria-label="Join a room">
            <form onsubmit={submit}>
                <h2>{ "Join a room" }</h2>
                <div class="room-join-fields">
                    <label for="room-code">{ "Room code" }</label>
                    <input id="room-code" ref={code_ref} class="room-code-input" autocomplete="off" autocapitalize="characters" spellcheck="false"
                        maxlength="12" value={(*code).clone()} oninput={on_code} />
                    <label for="team-name">{ "Team name" }</label>
                    // The browser counts UTF-16 units (an emoji is two), the server characters:
                    // room for twice as many here, and a longer name is refused beside the form.
                    <input id="team-name" ref={team_ref} autocomplete="off" maxlength={(2 * crate::rooms::protocol::MAX_TEAM_CHARS).to_string()}
                        value={(*team).clone()} oninput={on_team} />
                </div>
                <div class="room-join-actions">
                    <button type="submit" class="btn btn-primary" disabled={props.busy}>{ "Join" }</button>
                    <button type="button" class="btn" onclick={cancel}>{ "Cancel" }</button>
                    if props.busy { <span class="muted" role="status">{ "Joining…" }</span> }
                </div>
                if let Some(e) = error {
                    <p class="room-error" role="alert">{ e }</p>
                }
            </form>
        </section>
    }
}
