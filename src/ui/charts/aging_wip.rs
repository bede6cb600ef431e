//! Aging WIP: every item in process at its stage (one column per stage, items spread across
//! the column) by its age since it started, over bands of how old past items were when they
//! moved on from that stage. Items above the 85 % band are flagged.

use super::theme::{BLUE, GREEN, ORANGE, VERMILLION, YELLOW};
use super::{line, nice_max, prepare, use_chart, ChartFigure, ChartProps, ChartTheme, Key, Mark};
use crate::sim::aging::{AgingView, BAND_PERCENTILES};
use crate::ui::chart_data::ChartData;
use crate::ui::charts::Stroke;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The bands from the bottom: up to 50 %, 70 %, 85 % and 95 % of past items, each in its
/// colour, its upper edge drawn with its stroke (so colour is not the only cue) and labelled.
/// The 70 % edge is drawn in the axis colour: yellow lines are not readable on white.
const BANDS: [(usize, Stroke); 4] = [
    (GREEN, Stroke::Solid),
    (YELLOW, Stroke::Dotted),
    (ORANGE, Stroke::Dashed),
    (VERMILLION, Stroke::Solid),
];
/// Pixels between two band labels of a column, so they never overlap.
const LABEL_GAP: i32 = 14;
/// Opacity of the band fills: light, so the items stay readable on them.
const BAND_ALPHA: f64 = 0.28;
/// Share of a column's width the items spread over, and the centre of the spread: left of
/// the column's middle, so the band labels at its right edge cover few items.
const SPREAD: f64 = 0.6;
const CENTRE: f64 = 0.4;

fn draw(
    el: HtmlCanvasElement,
    d: &ChartData,
    _other: Option<&ChartData>,
    theme: &ChartTheme,
) -> Option<()> {
    let root = prepare(el, theme)?;
    let a = &d.aging;
    let n = d.stages.len().max(1);
    let top = a
        .points
        .iter()
        .map(|p| p.age)
        .chain(a.stages.iter().filter_map(|s| s.bands[3]))
        .fold(1.0, f64::max);
    let y_max = nice_max(top);
    let mut chart = super::cartesian(&root, 0.0..n as f64, 0.0..y_max)?;
    super::stage_mesh(&mut chart, theme, &d.stages, "Age since start (days)", 13);
    draw_bands(&mut chart, a, theme);
    let dot = theme.series[BLUE].filled();
    let _ = chart.draw_series(a.points.iter().filter(|p| !p.flagged).map(|p| {
        let x = p.stage as f64 + CENTRE + p.offset * SPREAD;
        Circle::new((x, p.age), 4, dot)
    }));
    // Flagged: larger, a different shape, outlined in the text colour.
    let _ = chart.draw_series(a.points.iter().filter(|p| p.flagged).flat_map(|p| {
        let x = p.stage as f64 + CENTRE + p.offset * SPREAD;
        [
            TriangleMarker::new((x, p.age), 7, theme.text.filled()),
            TriangleMarker::new((x, p.age), 5, theme.series[VERMILLION].filled()),
        ]
    }));
    root.present().ok()
}

/// The bands of each stage's column, with their percentile at the upper edge.
fn draw_bands(chart: &mut super::Chart, a: &AgingView, theme: &ChartTheme) {
    let font = ("sans-serif", 12)
        .into_font()
        .color(&theme.text)
        .pos(Pos::new(HPos::Right, VPos::Bottom));
    for (s, stage) in a.stages.iter().enumerate() {
        let (x0, x1) = (s as f64 + 0.04, s as f64 + 0.96);
        let mut below = 0.0;
        let mut labelled = i32::MAX;
        for (k, (&(slot, stroke), value)) in BANDS.iter().zip(stage.bands).enumerate() {
            let Some(v) = value else { continue };
            let colour = theme.series[slot];
            let _ = chart.draw_series(std::iter::once(Rectangle::new(
                [(x0, below), (x1, v)],
                colour.mix(BAND_ALPHA).filled(),
            )));
            let edge = if slot == YELLOW { theme.axis } else { colour };
            let _ = chart.draw_series(std::iter::once(line([(x0, v), (x1, v)], edge, 2, stroke)));
            let y = chart.backend_coord(&(x1, v)).1;
            if labelled - y >= LABEL_GAP {
                let label = format!("{:.0} %", BAND_PERCENTILES[k] * 100.0);
                let _ = chart.draw_series(std::iter::once(Text::new(label, (x1, v), font.clone())));
                labelled = y;
            }
            below = v;
        }
    }
}

/// The sentence under the chart: how many items are in process and how many are flagged.
pub fn summary(a: &AgingView) -> String {
    let have_bands = a.stages.iter().any(|s| s.bands[2].is_some());
    let items = |n: usize| {
        if n == 1 {
            "1 item".to_string()
        } else {
            format!("{n} items")
        }
    };
    if a.wip == 0 {
        "No items in process.".into()
    } else if !have_bands {
        format!(
            "{} in process; no item has moved on from a stage yet (after the warm-up), so there are no bands to compare with.",
            items(a.wip)
        )
    } else {
        format!(
            "{} older than 85 % of past items at their stage ({} in process).",
            items(a.flagged),
            a.wip
        )
    }
}

/// The chart.
#[function_component(AgingWipChart)]
pub fn aging_wip_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let legend = vec![
        Key::new("Item in process", BLUE, Mark::Dot),
        Key::new("Older than 85 % (flagged)", VERMILLION, Mark::Triangle),
        Key::new("50 %", GREEN, Mark::Line(Stroke::Solid)),
        Key::axis("70 %", Mark::Line(Stroke::Dotted)),
        Key::new("85 %", ORANGE, Mark::Line(Stroke::Dashed)),
        Key::new("95 %", VERMILLION, Mark::Line(Stroke::Solid)),
    ];
    let text = summary(&props.data.aging);
    html! {
        <ChartFigure id="aging" title="Aging WIP" canvas={canvas} {legend}
            caption="Each mark is an item in process, in the column of its stage, at its age: days since work on it started. Bands: 50 %, 70 %, 85 % and 95 % of past items were at most this old when they moved on from that stage. An item above the 85 % band is old for where it is: look at it.">
            <p class="aging-summary" data-testid="aging-summary"
                data-flagged={props.data.aging.flagged.to_string()}>{ text }</p>
        </ChartFigure>
    }
}
