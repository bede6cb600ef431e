//! Distribution of the lead times of the latest items done.

use super::{nice_max, prepare, use_chart, ChartFigure, ChartProps, ChartTheme};
use crate::ui::chart_data::ChartData;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

const BINS: usize = 24;

fn draw(el: HtmlCanvasElement, d: &ChartData, theme: &ChartTheme) -> Option<()> {
    let root = prepare(el, theme)?;
    let max = d.recent_leads.iter().copied().fold(0.0, f64::max);
    let x_max = nice_max(max.max(0.1));
    let width = x_max / BINS as f64;
    let mut counts = [0u32; BINS];
    for &l in &d.recent_leads {
        counts[((l / width) as usize).min(BINS - 1)] += 1;
    }
    let y_max = nice_max(counts.iter().copied().max().unwrap_or(1).max(1) as f64);
    let mut chart = super::cartesian(&root, 0.0..x_max, 0.0..y_max)?;
    super::mesh(&mut chart, theme, "Lead time (days)", "Items");
    let fill = theme.series[0].mix(0.8).filled();
    let _ = chart.draw_series(counts.iter().enumerate().map(|(i, &c)| {
        Rectangle::new(
            [
                (i as f64 * width, 0.0),
                ((i + 1) as f64 * width * 0.999, c as f64),
            ],
            fill,
        )
    }));
    if let Some(p85) = d.summary.as_ref().and_then(|s| s.lead_time.p85) {
        let _ = chart.draw_series(LineSeries::new(
            vec![(p85, 0.0), (p85, y_max)],
            theme.series[1].stroke_width(2),
        ));
    }
    root.present().ok()
}

/// The chart.
#[function_component(LeadHistogramChart)]
pub fn lead_histogram_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let n = props.data.recent_leads.len();
    html! {
        <ChartFigure id="lead-histogram" title="Lead-time distribution" canvas={canvas}
            legend={vec![(format!("Latest {n} items"), props.theme.css(0)), ("p85 (whole run)".into(), props.theme.css(1))]}
            caption="How long the latest items took from request to done. A long tail to the right is what makes promises hard." />
    }
}
