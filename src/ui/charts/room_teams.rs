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

/// A team drawn on the chart: its colour follows its seat (the order teams joined, kept when
/// another team is removed), so it keeps its colour from round to round whoever has reported
/// yet.
struct Point<'a> {
    name: &'a str,
    colour: usize,
    throughput: f64,
    mean: f64,
    p85: f64,
}

/// The dot's radius, in the drawing's units.
const DOT: f64 = 6.0;

/// The teams whose dots would cover each other (centres closer than a dot's width: the same
/// result, or 1.42 against 1.41 items/day), first come first: one dot is drawn for them, with
/// how many it stands for.
fn spots<'p, 'a>(
    points: &'p [Point<'a>],
    at: impl Fn(&Point) -> (f64, f64),
) -> Vec<Vec<&'p Point<'a>>> {
    let mut spots: Vec<(f64, f64, Vec<&Point>)> = Vec::new();
    for p in points {
        let (px, py) = at(p);
        match spots
            .iter_mut()
            .find(|(x, y, _)| (x - px).hypot(y - py) < 2.0 * DOT)
        {
            Some((.., members)) => members.push(p),
            None => spots.push((px, py, vec![p])),
        }
    }
    spots.into_iter().map(|(.., members)| members).collect()
}

/// The overlay chart.
#[function_component(RoomTeamsChart)]
pub fn room_teams_chart(props: &RoomTeamsChartProps) -> Html {
    let points: Vec<Point> = props
        .teams
        .iter()
        .filter_map(|t| {
            let r = t.results.as_ref()?;
            let mean = r.lead_mean?;
            Some(Point {
                name: t.name.as_str(),
                colour: t.seat as usize % 8,
                throughput: r.throughput,
                mean,
                p85: r.lead_p85.unwrap_or(mean),
            })
        })
        .collect();
    let x_max = nice_max(
        points
            .iter()
            .map(|p| p.throughput)
            .fold(0.0, f64::max)
            .max(0.1),
    );
    let y_max = nice_max(points.iter().map(|p| p.p85).fold(0.0, f64::max).max(0.1));
    let x = |v: f64| LEFT + v / x_max * (W - LEFT - RIGHT);
    let y = |v: f64| H - BOTTOM - v / y_max * (H - BOTTOM - TOP);
    let summary = points
        .iter()
        .map(|p| {
            format!(
                "{}: {} items/day, lead time {} days",
                p.name,
                number(p.throughput),
                number(p.mean)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let spots = spots(&points, |p| (x(p.throughput), y(p.mean)));
    // Each team drawn under another's dot, with the team whose dot it is.
    let under = |name: &str| {
        spots
            .iter()
            .find(|s| s[1..].iter().any(|p| p.name == name))
            .map(|s| s[0].name)
    };
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
                { for spots.iter().map(|spot| {
                    let first = spot[0];
                    let (cx, cy) = (x(first.throughput), y(first.mean));
                    let names = spot.iter().map(|p| p.name).collect::<Vec<_>>().join(", ");
                    html! { <>
                        // The dot's own team's line last, on top, in the dot's colour.
                        { for spot.iter().rev().map(|p| html! {
                            <g class={format!("team-point s{}", p.colour)}>
                                <line x1={cx.to_string()} x2={cx.to_string()} y1={cy.to_string()} y2={y(p.p85).to_string()} />
                            </g>
                        }) }
                        <g class={format!("team-point s{}", first.colour)}>
                            <circle cx={cx.to_string()} cy={cy.to_string()} r={DOT.to_string()} />
                            <title>{ names }</title>
                        </g>
                        if spot.len() > 1 {
                            <text class="team-count" x={(cx + 10.0).to_string()} y={(cy + 4.0).to_string()}>{ format!("{} teams", spot.len()) }</text>
                        }
                    </> }
                }) }
            </svg>
            <ul class="legend room-teams-legend">
                { for points.iter().map(|p| html! {
                    <li class={format!("team-point s{}", p.colour)}><span class="swatch dot" aria-hidden="true"></span>{ p.name.to_string() }
                        if let Some(other) = under(p.name) {
                            <span class="muted">{ format!(" (same dot as {other})") }</span>
                        }
                    </li>
                }) }
            </ul>
            <figcaption>{ "Each dot is a team's mean lead time; the line reaches up to its 85th percentile." }</figcaption>
        </figure>
    }
}
