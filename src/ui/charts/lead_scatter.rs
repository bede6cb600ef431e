//! Lead time of every finished item at the time it finished, with percentile lines; in A/B
//! mode both variants' items.

use super::class_marks::{class_mark, CLASS_SLOTS};
use super::theme::{BLUE, GREEN, ORANGE, VERMILLION};
use super::{
    line, markers, mesh, nice_max, prepare, use_chart, ChartFigure, ChartProps, ChartTheme, Key,
    Mark, Stroke,
};
use crate::ui::chart_data::ChartData;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Labels closer than this (pixels) would overlap: the later one goes beside the earlier.
const LABEL_GAP: i32 = 15;

/// The percentile lines of a single run: name, colour, stroke.
const PERCENTILES: [(&str, usize, Stroke); 3] = [
    ("p50", GREEN, Stroke::Solid),
    ("p85", ORANGE, Stroke::Dashed),
    ("p95", VERMILLION, Stroke::Dotted),
];

fn draw(
    el: HtmlCanvasElement,
    d: &ChartData,
    other: Option<&ChartData>,
    theme: &ChartTheme,
) -> Option<()> {
    let root = prepare(el, theme)?;
    let x_max = d.time_span();
    let lt = d.summary.as_ref().map(|s| s.lead_time).unwrap_or_default();
    let runs = d.with(other);
    let top = runs
        .iter()
        .flat_map(|r| r.scatter.points())
        .map(|p| p.1 .0)
        .fold(lt.p95.unwrap_or(1.0), f64::max);
    let y_max = nice_max(top);
    let mut chart = super::cartesian(&root, 0.0..x_max, 0.0..y_max)?;
    mesh(
        &mut chart,
        theme,
        "Simulated days (when the item was done)",
        "Lead time (days)",
    );
    let dot = theme.series[BLUE].mix(theme.marks).filled();
    if d.classes.is_empty() || other.is_some() {
        let _ = chart.draw_series(
            d.scatter
                .points()
                .iter()
                .map(|&(t, (l, _))| Circle::new((t, l), 2, dot)),
        );
    } else {
        // Each class in its colour and shape, as on the board.
        let _ = chart.draw_series(d.scatter.points().iter().map(|&(t, (l, c))| {
            let colour = theme.series[CLASS_SLOTS[c as usize % 6]];
            class_mark(c, (t, l), 3, colour.mix(theme.marks.max(0.7)).filled())
        }));
    }
    let lines: Vec<(Option<f64>, usize, Stroke, &str)> = match other {
        None => PERCENTILES
            .iter()
            .zip([lt.p50, lt.p85, lt.p95])
            .map(|(&(name, slot, stroke), v)| (v, slot, stroke, name))
            .collect(),
        Some(b) => {
            let dot_b = theme.series[ORANGE].mix(theme.marks).filled();
            let _ = chart.draw_series(
                b.scatter
                    .points()
                    .iter()
                    .map(|&(t, (l, _))| TriangleMarker::new((t, l), 3, dot_b)),
            );
            let p85_b = b.summary.as_ref().and_then(|s| s.lead_time.p85);
            vec![
                (lt.p85, BLUE, Stroke::Solid, "A p85"),
                (p85_b, ORANGE, Stroke::Dashed, "B p85"),
            ]
        }
    };
    // Just above its line, so the line stays visible under the label.
    let font = ("sans-serif", 12)
        .into_font()
        .color(&theme.text)
        .pos(Pos::new(HPos::Left, VPos::Bottom));
    let left = chart.backend_coord(&(x_max * 0.01, 0.0)).0;
    // Each label placed so far: its baseline and right end, in pixels.
    let mut placed: Vec<(i32, i32)> = Vec::new();
    for (value, slot, stroke, name) in lines {
        if let Some(v) = value {
            let _ = chart.draw_series(std::iter::once(line(
                [(0.0, v), (x_max, v)],
                theme.series[slot],
                2,
                stroke,
            )));
            let label = format!("{name} {v:.1} d");
            // A label within a line of text of one already placed goes to its right, so
            // percentiles that coincide (a batch of 20: p50 = p85 = p95) stay readable.
            let y = chart.backend_coord(&(0.0, v)).1;
            let x = placed
                .iter()
                .filter(|&&(py, _)| (py - y).abs() < LABEL_GAP)
                .map(|&(_, end)| end + 12)
                .fold(left, i32::max);
            let width = root
                .estimate_text_size(&label, &font)
                .map_or(7 * label.len() as i32, |(w, _)| w as i32);
            let _ = root.draw(&Text::new(label, (x, y), font.clone()));
            placed.push((y, x + width));
        }
    }
    markers(&mut chart, theme, &d.interventions, y_max);
    root.present().ok()
}

/// The chart.
#[function_component(LeadScatterChart)]
pub fn lead_scatter_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let legend = if props.other.is_some() {
        vec![
            Key::new("A items (dots)", BLUE, Mark::Dot),
            Key::new("B items (triangles)", ORANGE, Mark::Triangle),
            Key::new("A p85", BLUE, Mark::Line(Stroke::Solid)),
            Key::new("B p85 (dashed)", ORANGE, Mark::Line(Stroke::Dashed)),
        ]
    } else {
        let classes = &props.data.classes;
        let mut legend = if classes.is_empty() {
            vec![Key::new("Item", BLUE, Mark::Dot)]
        } else {
            classes
                .iter()
                .enumerate()
                .map(|(c, name)| Key::new(name.clone(), CLASS_SLOTS[c % 6], Mark::Class(c as u8)))
                .collect()
        };
        legend.extend(
            PERCENTILES
                .iter()
                .map(|&(name, slot, stroke)| Key::new(name, slot, Mark::Line(stroke))),
        );
        legend
    };
    let lines = if props.other.is_some() {
        "Lines: 85 % of each variant's items took at most this long."
    } else {
        "Lines: 50 %, 85 % and 95 % of items took at most this long."
    };
    html! {
        <ChartFigure id="lead-scatter" title="Lead time of each item" canvas={canvas} {legend}
            caption={format!("Each mark is an item, placed when it was done, at its lead time: days from the request to done (cycle time would start the clock when work starts). {lines}")} />
    }
}
