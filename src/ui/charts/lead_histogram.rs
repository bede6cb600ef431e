//! Distribution of the lead times of the latest items done; in A/B mode both variants.

use super::class_marks::{class_mark, CLASS_SLOTS};
use super::theme::{BLUE, ORANGE};
use super::{
    line, nice_max, prepare, use_chart, ChartFigure, ChartProps, ChartTheme, Key, Mark, Stroke,
};
use crate::ui::chart_data::ChartData;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

const BINS: usize = 24;

/// Items per bin, per class (one row without classes).
fn counts(d: &ChartData, width: f64) -> Vec<[u32; BINS]> {
    let mut counts = vec![[0u32; BINS]; d.classes.len().max(1)];
    for &(l, c) in &d.recent_leads {
        let row = (c as usize).min(counts.len() - 1);
        counts[row][((l / width) as usize).min(BINS - 1)] += 1;
    }
    counts
}

/// Total items per bin.
fn totals(rows: &[[u32; BINS]]) -> [u32; BINS] {
    let mut t = [0u32; BINS];
    for row in rows {
        for (t, n) in t.iter_mut().zip(row) {
            *t += n;
        }
    }
    t
}

fn draw(
    el: HtmlCanvasElement,
    d: &ChartData,
    other: Option<&ChartData>,
    theme: &ChartTheme,
) -> Option<()> {
    let root = prepare(el, theme)?;
    let runs = d.with(other);
    let max = runs
        .iter()
        .flat_map(|r| r.recent_leads.iter())
        .map(|p| p.0)
        .fold(0.0, f64::max);
    let x_max = nice_max(max.max(0.1));
    let width = x_max / BINS as f64;
    let per_class: Vec<Vec<[u32; BINS]>> = runs.iter().map(|r| counts(r, width)).collect();
    let all: Vec<[u32; BINS]> = per_class.iter().map(|rows| totals(rows)).collect();
    let y_max = nice_max(all.iter().flatten().copied().max().unwrap_or(1).max(1) as f64);
    let mut chart = super::cartesian(&root, 0.0..x_max, 0.0..y_max)?;
    super::mesh(&mut chart, theme, "Lead time (days)", "Items");
    if other.is_none() && !d.classes.is_empty() {
        // Classes stacked in each bar, in their board colours, outlined so that adjacent
        // classes stay apart without relying on colour.
        let mut base = [0u32; BINS];
        for (c, row) in per_class[0].iter().enumerate() {
            let fill = theme.series[CLASS_SLOTS[c % 6]].mix(0.85).filled();
            let _ =
                chart.draw_series(row.iter().enumerate().filter(|p| *p.1 > 0).map(|(i, &n)| {
                    let x0 = i as f64 * width;
                    let (y0, y1) = (base[i] as f64, (base[i] + n) as f64);
                    Rectangle::new([(x0, y0), (x0 + width * 0.95, y1)], fill)
                }));
            let edge = theme.background.stroke_width(1);
            let _ =
                chart.draw_series(row.iter().enumerate().filter(|p| *p.1 > 0).map(|(i, &n)| {
                    let x0 = i as f64 * width;
                    let (y0, y1) = (base[i] as f64, (base[i] + n) as f64);
                    Rectangle::new([(x0, y0), (x0 + width * 0.95, y1)], edge)
                }));
            // The class's shape on every segment of two items or more.
            let mark = theme.background.filled();
            let _ =
                chart.draw_series(row.iter().enumerate().filter(|p| *p.1 >= 2).map(|(i, &n)| {
                    let x = (i as f64 + 0.475) * width;
                    let y = base[i] as f64 + n as f64 / 2.0;
                    class_mark(c as u8, (x, y), 3, mark)
                }));
            for (b, n) in base.iter_mut().zip(row) {
                *b += n;
            }
        }
    } else {
        let colours = [theme.series[BLUE], theme.series[ORANGE]];
        let share = 1.0 / all.len() as f64;
        for (k, (c, colour)) in all.iter().zip(colours).enumerate() {
            let fill = colour.mix(0.8).filled();
            let _ = chart.draw_series(c.iter().enumerate().map(|(i, &n)| {
                let x0 = (i as f64 + k as f64 * share) * width;
                Rectangle::new([(x0, 0.0), (x0 + share * width * 0.95, n as f64)], fill)
            }));
        }
    }
    if other.is_none() {
        if let Some(p85) = d.summary.as_ref().and_then(|s| s.lead_time.p85) {
            let _ = chart.draw_series(std::iter::once(line(
                [(p85, 0.0), (p85, y_max)],
                theme.series[ORANGE],
                2,
                Stroke::Dashed,
            )));
        }
    }
    root.present().ok()
}

/// The chart.
#[function_component(LeadHistogramChart)]
pub fn lead_histogram_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let n = props.data.recent_leads.len();
    let legend = if props.other.is_some() {
        vec![
            Key::new("A (left bars)", BLUE, Mark::Area),
            Key::new("B (right bars)", ORANGE, Mark::Area),
        ]
    } else if !props.data.classes.is_empty() {
        let mut keys: Vec<Key> = props
            .data
            .classes
            .iter()
            .enumerate()
            .map(|(c, name)| Key::new(name.clone(), CLASS_SLOTS[c % 6], Mark::Class(c as u8)))
            .collect();
        keys.push(Key::new(
            "p85, all (whole run)",
            ORANGE,
            Mark::Line(Stroke::Dashed),
        ));
        keys
    } else {
        vec![
            Key::new(format!("Latest {n} items"), BLUE, Mark::Area),
            Key::new("p85 (whole run)", ORANGE, Mark::Line(Stroke::Dashed)),
        ]
    };
    html! {
        <ChartFigure id="lead-histogram" title="Lead-time distribution" canvas={canvas} {legend}
            caption="How long the latest items took from request to done. A long tail to the right is what makes promises hard." />
    }
}
