//! The teams of a room in a table: online or not, their prediction (or only whether they made
//! one, before reveal) and the results their browsers reported. Names and predictions are
//! shown as text. The facilitator may remove a team, in two steps so a slip of the mouse in
//! front of the room removes nobody.

use crate::rooms::TeamView;
use crate::ui::charts::number;
use crate::ui::{days, per_day};
use yew::prelude::*;

/// Properties of [`RoomTeams`].
#[derive(Properties, PartialEq)]
pub struct RoomTeamsProps {
    /// The teams, in the order they joined.
    pub teams: Vec<TeamView>,
    /// Whether to show the online column (the facilitator's view).
    #[prop_or_default]
    pub online: bool,
    /// The scenario's warm-up (days): before it the statistics are empty, which the table says.
    #[prop_or_default]
    pub warmup: f64,
    /// Removes the named team (the facilitator's view): a last column's button asks, and the
    /// question, in place of the team's row, confirms.
    #[prop_or_default]
    pub on_remove: Option<Callback<String>>,
}

/// The table.
#[function_component(RoomTeams)]
pub fn room_teams(props: &RoomTeamsProps) -> Html {
    // The team whose removal waits for a confirmation.
    let asking = use_state(|| None::<String>);
    let (keep_ref, table_ref) = (use_node_ref(), use_node_ref());
    {
        // Keyboard focus goes to the safe answer when the question appears, and back to the
        // team's "Remove…" when Keep answers it.
        let (keep_ref, table_ref) = (keep_ref.clone(), table_ref.clone());
        let asked = use_mut_ref(|| None::<String>);
        use_effect_with((*asking).clone(), move |asking| {
            let focus = match (asking, asked.borrow().as_deref()) {
                (Some(_), _) => keep_ref.cast::<web_sys::HtmlElement>(),
                (None, Some(name)) => remove_button(&table_ref, name),
                (None, None) => None,
            };
            if let Some(el) = focus {
                let _ = el.focus();
            }
            *asked.borrow_mut() = asking.clone();
        });
    }
    if props.teams.is_empty() {
        return html! { <p class="muted room-no-teams">{ "No team has joined yet." }</p> };
    }
    html! {
        // Scrolls sideways on its own when the screen is narrower than the table (focusable,
        // so a keyboard can scroll it too).
        <div class="table-scroll" tabindex="0" role="region" aria-label="Teams" ref={table_ref}>
        <table class="room-teams">
            <caption>{ format!("Teams ({})", props.teams.len()) }</caption>
            <thead><tr>
                <th scope="col">{ "Team" }</th>
                if props.online { <th scope="col">{ "Online" }</th> }
                <th scope="col">{ "Prediction" }</th>
                <th scope="col" class="num">{ "Day" }</th>
                <th scope="col" class="num">{ "Throughput" }</th>
                <th scope="col" class="num">{ "Lead time, mean" }</th>
                <th scope="col" class="num">{ "Lead time, 85th pct" }</th>
                if props.on_remove.is_some() { <th scope="col"><span class="sr-only">{ "Remove" }</span></th> }
            </tr></thead>
            <tbody>
                { for props.teams.iter().map(|t| {
                    let prediction = match (&t.prediction, t.predicted) {
                        (Some(p), _) => html! { <span class="prediction-text">{ p.clone() }</span> },
                        (None, true) => html! { <span class="muted">{ "predicted (hidden until reveal)" }</span> },
                        (None, false) => html! { <span class="muted">{ "—" }</span> },
                    };
                    let r = t.results.as_ref();
                    let warming = r.is_some_and(|r| r.day < props.warmup);
                    if let Some(remove) = props.on_remove.as_ref().filter(|_| asking.as_deref() == Some(&t.name)) {
                        // The question takes the whole row, so it reads as one sentence: every
                        // column after the name (online, prediction, day, three results, remove).
                        let columns = 6 + usize::from(props.online);
                        return html! {
                            <tr data-team={t.name.clone()} class="team-asking">
                                <th scope="row" class="team-name">{ t.name.clone() }</th>
                                <td colspan={columns.to_string()}>{ question(&t.name, &asking, remove, &keep_ref) }</td>
                            </tr>
                        };
                    }
                    // The team's colour on the chart beside its name.
                    let colour = format!("team-point s{}", t.seat % 8);
                    html! {
                        <tr data-team={t.name.clone()}>
                            <th scope="row" class={classes!("team-name", colour)}><span class="swatch dot" aria-hidden="true"></span>{ t.name.clone() }</th>
                            if props.online {
                                <td class={classes!("team-online", t.online.then_some("yes"))}>{ if t.online { "● online" } else { "○ away" } }</td>
                            }
                            <td>{ prediction }</td>
                            // The days covered in full: day 99.6 is not yet day 100.
                            <td class="num">{ r.map_or_else(|| "–".to_string(), |r| r.day.floor().to_string()) }</td>
                            if warming {
                                <td class="num muted" colspan="3">{ format!("warming up until day {}", number(props.warmup)) }</td>
                            } else {
                                <td class="num">{ r.map_or_else(|| "–".to_string(), |r| per_day(r.throughput)) }</td>
                                <td class="num">{ days(r.and_then(|r| r.lead_mean)) }</td>
                                <td class="num">{ days(r.and_then(|r| r.lead_p85)) }</td>
                            }
                            if props.on_remove.is_some() {
                                <td class="team-remove">{ ask_button(&t.name, &asking) }</td>
                            }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// Team `name`'s "Remove…" button in the table (found by its label, which holds the name as
/// text: no selector is built from it).
fn remove_button(table: &NodeRef, name: &str) -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let buttons = table
        .cast::<web_sys::Element>()?
        .query_selector_all(".team-remove button")
        .ok()?;
    let label = format!("Remove team {name}");
    (0..buttons.length())
        .filter_map(|i| buttons.get(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| b.get_attribute("aria-label").as_deref() == Some(label.as_str()))
}

/// The facilitator's last cell: a button that asks whether to remove the team.
fn ask_button(name: &str, asking: &UseStateHandle<Option<String>>) -> Html {
    let ask = {
        let (asking, name) = (asking.clone(), name.to_string());
        Callback::from(move |_: MouseEvent| asking.set(Some(name.clone())))
    };
    html! {
        <button class="btn btn-small" aria-label={format!("Remove team {name}")} onclick={ask}>{ "Remove…" }</button>
    }
}

/// The question in place of a team's row, with its two answers (Keep takes the focus).
fn question(
    name: &str,
    asking: &UseStateHandle<Option<String>>,
    remove: &Callback<String>,
    keep_ref: &NodeRef,
) -> Html {
    let keep = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(None))
    };
    let confirm = {
        let (asking, name, remove) = (asking.clone(), name.to_string(), remove.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(None);
            remove.emit(name.clone());
        })
    };
    html! {
        <span class="team-remove-ask" role="group" aria-label={format!("Remove team {name}?")}>
            <span>{ "Remove this team from the room? Its prediction and results go with it, and its laptops are told." }</span>
            <button class="btn btn-small btn-danger" aria-label={format!("Yes, remove team {name}")} onclick={confirm}>{ "Remove" }</button>
            <button class="btn btn-small" ref={keep_ref.clone()} aria-label={format!("Keep team {name}")} onclick={keep}>{ "Keep" }</button>
        </span>
    }
}
