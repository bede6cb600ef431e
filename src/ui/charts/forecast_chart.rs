//! A forecast's outcomes: how many trials ended at each day (or item count), with the 50, 70,
//! 85 and 95 % levels as labelled vertical lines; in A/B mode both variants' distributions,
//! A solid and B dashed, each with its 85 % line.

use super::theme::{BLUE, GREEN, ORANGE, SKY, VERMILLION};
use super::{line, nice_max, prepare, ChartFigure, ChartTheme, Key, Mark, Stroke};
use crate::ui::forecast_job::Outcome;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The levels' names, colours, strokes and widths: never colour alone.
pub const LEVEL_STYLES: [(&str, usize, Stroke, u32); 4] = [
    ("50 %", GREEN, Stroke::Solid, 2),
    ("70 %", SKY, Stroke::Dashed, 2),
    ("85 %", ORANGE, Stroke::Dashed, 3),
    ("95 %", VERMILLION, Stroke::Dotted, 3),
];

/// Most bars drawn.
const MAX_BINS: u32 = 60;

/// Properties of [`ForecastChart`].
#[derive(Properties, PartialEq)]
pub struct ForecastChartProps {
    /// One finished forecast per variant.
    pub outcomes: Rc<Vec<Outcome>>,
    /// Whether outcomes are item counts ("how many by a date") rather than days.
    pub items: bool,
    /// Colours.
    pub theme: ChartTheme,
}

/// Per bin of `width` from `lo`: the share of trials in it, in percent.
fn shares(out: &[u32], lo: u32, width: u32, bins: u32) -> Vec<f64> {
    let mut counts = vec![0u32; bins as usize];
    for &v in out {
        let i = ((v.saturating_sub(lo)) / width).min(bins - 1);
        counts[i as usize] += 1;
    }
    let n = out.len().max(1) as f64;
    counts.iter().map(|&c| 100.0 * f64::from(c) / n).collect()
}

fn draw(
    el: HtmlCanvasElement,
    outcomes: &[Outcome],
    items: bool,
    theme: &ChartTheme,
) -> Option<()> {
    let root = prepare(el, theme)?;
    let all = outcomes.iter().flat_map(|o| o.outcomes.iter().copied());
    let (lo, hi) = all.fold((u32::MAX, 0), |(l, h), v| (l.min(v), h.max(v)));
    if lo > hi {
        return None;
    }
    let width = ((hi - lo) / MAX_BINS + 1).max(1);
    let bins = (hi - lo) / width + 1;
    let hist: Vec<Vec<f64>> = outcomes
        .iter()
        .map(|o| shares(&o.outcomes, lo, width, bins))
        .collect();
    let y_max = nice_max(hist.iter().flatten().copied().fold(1.0, f64::max) * 1.15);
    let (x0, x1) = (f64::from(lo) - 0.5, f64::from(lo + bins * width) - 0.5);
    let pad = (x1 - x0) * 0.03;
    let mut chart = super::cartesian(&root, (x0 - pad)..(x1 + pad), 0.0..y_max)?;
    super::mesh(
        &mut chart,
        theme,
        if items {
            "Items done by the date"
        } else {
            "Days until done"
        },
        "Trials (%)",
    );
    let ab = outcomes.len() > 1;
    for (k, h) in hist.iter().enumerate() {
        let colour = theme.series[if k == 0 { BLUE } else { ORANGE }];
        let left = |i: usize| x0 + (i as f64) * f64::from(width);
        if !ab {
            let _ =
                chart.draw_series(h.iter().enumerate().filter(|p| *p.1 > 0.0).map(|(i, &s)| {
                    Rectangle::new(
                        [(left(i), 0.0), (left(i + 1) - 0.1 * f64::from(width), s)],
                        colour.mix(theme.marks).filled(),
                    )
                }));
        }
        // The outline as a step line: solid for A, dashed for B.
        let mut steps = vec![(left(0), 0.0)];
        for (i, &s) in h.iter().enumerate() {
            steps.push((left(i), s));
            steps.push((left(i + 1), s));
        }
        steps.push((left(h.len()), 0.0));
        let stroke = if k == 0 {
            Stroke::Solid
        } else {
            Stroke::Dashed
        };
        let _ = chart.draw_series(std::iter::once(line(steps, colour, 2, stroke)));
    }
    let font = ("sans-serif", 13).into_font().color(&theme.text);
    let label = |chart: &mut super::Chart, x: f64, y: f64, text: String| {
        let style = font.clone().pos(Pos::new(HPos::Center, VPos::Bottom));
        let _ = chart.draw_series(std::iter::once(Text::new(text, (x, y), style)));
    };
    if ab {
        for (k, o) in outcomes.iter().enumerate() {
            let x = f64::from(o.levels[2]);
            let (slot, stroke) = if k == 0 {
                (BLUE, Stroke::Solid)
            } else {
                (ORANGE, Stroke::Dashed)
            };
            let top = y_max * (0.97 - 0.07 * k as f64);
            let _ = chart.draw_series(std::iter::once(line(
                [(x, 0.0), (x, top * 0.93)],
                theme.series[slot],
                3,
                stroke,
            )));
            label(&mut chart, x, top, format!("{} 85 %", o.label));
        }
    } else if let Some(o) = outcomes.first() {
        for (i, &(name, slot, stroke, w)) in LEVEL_STYLES.iter().enumerate() {
            let x = f64::from(o.levels[i]);
            // Labels at two heights, so that neighbouring levels do not overlap.
            let top = y_max * if i % 2 == 0 { 0.97 } else { 0.89 };
            let _ = chart.draw_series(std::iter::once(line(
                [(x, 0.0), (x, top * 0.93)],
                theme.series[slot],
                w,
                stroke,
            )));
            label(&mut chart, x, top, name.to_string());
        }
    }
    root.present().ok()
}

/// The chart.
#[function_component(ForecastChart)]
pub fn forecast_chart(props: &ForecastChartProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let deps = (props.outcomes.clone(), props.items, props.theme);
        use_effect_with(deps, move |(outcomes, items, theme)| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                draw(el, outcomes, *items, theme);
            }
        });
    }
    let ab = props.outcomes.len() > 1;
    let legend: Vec<Key> = if ab {
        props
            .outcomes
            .iter()
            .enumerate()
            .map(|(k, o)| {
                let (slot, stroke) = if k == 0 {
                    (BLUE, Stroke::Solid)
                } else {
                    (ORANGE, Stroke::Dashed)
                };
                Key::new(
                    format!("{} (line: 85 %)", o.label),
                    slot,
                    Mark::Line(stroke),
                )
            })
            .collect()
    } else {
        std::iter::once(Key::new("Trials", BLUE, Mark::Area))
            .chain(
                LEVEL_STYLES
                    .iter()
                    .map(|&(name, slot, stroke, _)| Key::new(name, slot, Mark::Line(stroke))),
            )
            .collect()
    };
    // In A/B mode each variant has its 85 % line only (the table below has every level).
    let caption = match (props.items, ab) {
        (true, false) => "How many items each simulated future finished by the date. The lines mark the counts reached in 50, 70, 85 and 95 % of the futures: more confidence, fewer items.",
        (false, false) => "How many days each simulated future took. The lines mark the days by which 50, 70, 85 and 95 % of the futures were done: a wider spread is a less certain promise.",
        (true, true) => "How many items each simulated future finished by the date, A and B. Each line marks the count its variant reached in 85 % of the futures; the table has every level.",
        (false, true) => "How many days each simulated future took, A and B. Each line marks the day by which 85 % of its variant's futures were done; the table has every level.",
    };
    html! {
        <ChartFigure id="forecast" title="Forecast outcomes" canvas={canvas} {legend} {caption} />
    }
}
