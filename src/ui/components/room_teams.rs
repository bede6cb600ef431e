//! The teams of a room in a table: online or not, their prediction (or only whether they made
//! one, before reveal) and the results their browsers reported. Names and predictions are
//! shown as text.

use crate::rooms::TeamView;
use crate::ui::charts::number;
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
}

fn days(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{} d", number(v)))
}

/// The table.
#[function_component(RoomTeams)]
pub fn room_teams(props: &RoomTeamsProps) -> Html {
    if props.teams.is_empty() {
        return html! { <p class="muted room-no-teams">{ "No team has joined yet." }</p> };
    }
    html! {
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
                    html! {
                        <tr data-team={t.name.clone()}>
                            <th scope="row" class="team-name">{ t.name.clone() }</th>
                            if props.online {
                                <td class={classes!("team-online", t.online.then_some("yes"))}>{ if t.online { "● online" } else { "○ away" } }</td>
                            }
                            <td>{ prediction }</td>
                            <td class="num">{ r.map_or_else(|| "—".to_string(), |r| format!("{:.0}", r.day)) }</td>
                            if warming {
                                <td class="num muted" colspan="3">{ format!("warming up until day {}", number(props.warmup)) }</td>
                            } else {
                                <td class="num">{ r.map_or_else(|| "—".to_string(), |r| format!("{} /d", number(r.throughput))) }</td>
                                <td class="num">{ days(r.and_then(|r| r.lead_mean)) }</td>
                                <td class="num">{ days(r.and_then(|r| r.lead_p85)) }</td>
                            }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
