//! Every team of a room on one chart: lead time (mean, with a line up to the 85th percentile)
//! against throughput, so the facilitator can point at who went where. Drawn as SVG, so names
//! are text and the chart scales to the projector.

use super::{nice_max, number};
use crate::rooms::TeamView;
use yew::prelude::*;

/// Properties of [`RoomTeamsChart`].
#[derive(Properties, PartialEq)]
pub struct RoomTeamsChartProps {
    /// The teams (those with results are drawn).
    pub teams: Vec<TeamView>,
}

const W: f64 = 560.0;
const H: f64 = 300.0;
const LEFT: f64 = 56.0;
const BOTTOM: f64 = 40.0;
const TOP: f64 = 12.0;
const RIGHT: f64 = 16.0;

/// Gridlines from 0 to `max` at a round step (1, 2, 2.5 or 5 × 10ⁿ, about five of them), so
/// each label is its line's exact value (quarters of 25 were labelled 12 and 19).
fn ticks(max: f64) -> Vec<f64> {
    let rough = max / 5.0;
    let p = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|&s| s >= rough * (1.0 - 1e-9))
        .unwrap_or(10.0 * p);
    (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|&v| v <= max * (1.0 + 1e-9))
        .collect()
}

/// The overlay chart.
#[function_component(RoomTeamsChart)]
pub fn room_teams_chart(props: &RoomTeamsChartProps) -> Html {
    let points: Vec<(&str, f64, f64, f64)> = props
        .teams
        .iter()
        .filter_map(|t| {
            let r = t.results.as_ref()?;
            let mean = r.lead_mean?;
            Some((
                t.name.as_str(),
                r.throughput,
                mean,
                r.lead_p85.unwrap_or(mean),
            ))
        })
        .collect();
    let x_max = nice_max(points.iter().map(|p| p.1).fold(0.0, f64::max).max(0.1));
    let y_max = nice_max(points.iter().map(|p| p.3).fold(0.0, f64::max).max(0.1));
    let x = |v: f64| LEFT + v / x_max * (W - LEFT - RIGHT);
    let y = |v: f64| H - BOTTOM - v / y_max * (H - BOTTOM - TOP);
    let summary = points
        .iter()
        .map(|(n, tp, m, _)| {
            format!(
                "{n}: {} items/day, lead time {} days",
                number(*tp),
                number(*m)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    if points.is_empty() {
        return html! {
            <figure class="chart room-teams-chart" data-chart="room-teams">
                <div class="chart-head"><h4>{ "Teams: lead time against throughput" }</h4></div>
                <p class="muted">{ "Each team appears here once its run has finished an item." }</p>
            </figure>
        };
    }
    html! {
        <figure class="chart room-teams-chart" data-chart="room-teams">
            <div class="chart-head"><h4>{ "Teams: lead time against throughput" }</h4></div>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={format!("Teams' lead time against throughput. {summary}")}>
                { for ticks(x_max).into_iter().map(|v| html! { <>
                    <line class="grid" x1={x(v).to_string()} x2={x(v).to_string()} y1={TOP.to_string()} y2={(H - BOTTOM).to_string()} />
                    <text class="tick" x={x(v).to_string()} y={(H - BOTTOM + 16.0).to_string()} text-anchor="middle">{ number(v) }</text>
                </> }) }
                { for ticks(y_max).into_iter().map(|v| html! { <>
                    <line class="grid" x1={LEFT.to_string()} x2={(W - RIGHT).to_string()} y1={y(v).to_string()} y2={y(v).to_string()} />
                    <text class="tick" x={(LEFT - 6.0).to_string()} y={(y(v) + 4.0).to_string()} text-anchor="end">{ number(v) }</text>
                </> }) }
                <text class="axis-desc" x={((W + LEFT) / 2.0).to_string()} y={(H - 4.0).to_string()} text-anchor="middle">{ "Throughput (items/day)" }</text>
                <text class="axis-desc" transform={format!("translate(14 {}) rotate(-90)", (H - BOTTOM + TOP) / 2.0)} text-anchor="middle">{ "Lead time (days)" }</text>
                { for points.iter().enumerate().map(|(i, (name, tp, mean, p85))| html! {
                    <g class={format!("team-point s{}", i % 8)}>
                        <line x1={x(*tp).to_string()} x2={x(*tp).to_string()} y1={y(*mean).to_string()} y2={y(*p85).to_string()} />
                        <circle cx={x(*tp).to_string()} cy={y(*mean).to_string()} r="6" />
                        <title>{ name.to_string() }</title>
                    </g>
                }) }
            </svg>
            <ul class="legend room-teams-legend">
                { for points.iter().enumerate().map(|(i, (name, ..))| html! {
                    <li class={format!("team-point s{}", i % 8)}><span class="swatch dot" aria-hidden="true"></span>{ name.to_string() }</li>
                }) }
            </ul>
            <figcaption>{ "Each dot is a team's mean lead time; the line reaches up to its 85th percentile." }</figcaption>
        </figure>
    }
}
