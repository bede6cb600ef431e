//! Distribution of the lead times of the latest items done; in A/B mode both variants.

use super::theme::{BLUE, ORANGE};
use super::{
    line, nice_max, prepare, use_chart, ChartFigure, ChartProps, ChartTheme, Key, Mark, Stroke,
};
use crate::ui::chart_data::ChartData;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

const BINS: usize = 24;

fn counts(d: &ChartData, width: f64) -> [u32; BINS] {
    let mut counts = [0u32; BINS];
    for &l in &d.recent_leads {
        counts[((l / width) as usize).min(BINS - 1)] += 1;
    }
    counts
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
        .copied()
        .fold(0.0, f64::max);
    let x_max = nice_max(max.max(0.1));
    let width = x_max / BINS as f64;
    let all: Vec<[u32; BINS]> = runs.iter().map(|r| counts(r, width)).collect();
    let y_max = nice_max(all.iter().flatten().copied().max().unwrap_or(1).max(1) as f64);
    let mut chart = super::cartesian(&root, 0.0..x_max, 0.0..y_max)?;
    super::mesh(&mut chart, theme, "Lead time (days)", "Items");
    let colours = [theme.series[BLUE], theme.series[ORANGE]];
    let share = 1.0 / all.len() as f64;
    for (k, (c, colour)) in all.iter().zip(colours).enumerate() {
        let fill = colour.mix(0.8).filled();
        let _ = chart.draw_series(c.iter().enumerate().map(|(i, &n)| {
            let x0 = (i as f64 + k as f64 * share) * width;
            Rectangle::new([(x0, 0.0), (x0 + share * width * 0.95, n as f64)], fill)
        }));
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
