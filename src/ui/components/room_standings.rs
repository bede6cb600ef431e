//! A challenge's standings ([`Challenge::standings`]): each team's rank and result, with the
//! reason a team is not ranked.

use crate::rooms::{Challenge, Goal, TeamView};
use crate::ui::charts::number;
use yew::prelude::*;

/// Properties of [`Standings`].
#[derive(Properties, PartialEq)]
pub struct StandingsProps {
    /// The challenge.
    pub challenge: Challenge,
    /// The teams with their results.
    pub teams: Vec<TeamView>,
}

/// The challenge's standings.
#[function_component(Standings)]
pub fn standings(props: &StandingsProps) -> Html {
    let rows = props.challenge.standings(&props.teams);
    let goal = props.challenge.goal;
    let unit = if goal == Goal::Throughput {
        " /d"
    } else {
        " d"
    };
    html! {
        // Scrolls sideways on its own when the screen is narrower than the table (focusable,
        // so a keyboard can scroll it too).
        <div class="table-scroll" tabindex="0" role="region" aria-label="Standings">
        <table class="room-standings">
            <caption>{ format!("Standings: {}", goal.label()) }</caption>
            <thead><tr>
                <th scope="col" class="num">{ "Rank" }</th>
                <th scope="col">{ "Team" }</th>
                <th scope="col" class="num">{ "Result" }</th>
                <th scope="col">{ "Status" }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().map(|s| html! {
                    <tr data-team={s.team.clone()}>
                        <td class="num">{ s.rank.map_or_else(|| "—".to_string(), |r| r.to_string()) }</td>
                        <th scope="row" class="team-name">{ s.team.clone() }</th>
                        <td class="num">{ s.value.map_or_else(|| "—".to_string(), |v| format!("{}{unit}", number(v))) }</td>
                        <td class="standing-status">{ s.status.clone().unwrap_or_else(|| "ranked".into()) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}
