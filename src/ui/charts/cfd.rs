//! Cumulative flow diagram: one band per stage between arrivals and done.

use super::theme::BANDS;
use super::{
    markers, mesh, nice_max, prepare, use_chart, ChartFigure, ChartProps, ChartTheme, Key, Mark,
};
use crate::ui::chart_data::ChartData;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Palette slot of band `b` (0 = done, then stages from the last); the backlog, the last
/// band, takes the axis colour.
fn band_slot(b: usize) -> usize {
    BANDS[b % BANDS.len()]
}

fn band_colour(theme: &ChartTheme, b: usize, bands: usize) -> RGBColor {
    if b + 1 == bands {
        theme.axis
    } else {
        theme.series[band_slot(b)]
    }
}

fn draw(
    el: HtmlCanvasElement,
    d: &ChartData,
    _other: Option<&ChartData>,
    theme: &ChartTheme,
) -> Option<()> {
    let root = prepare(el, theme)?;
    let points = d.cfd.points();
    let x_max = d.time_span();
    let top = points
        .last()
        .and_then(|p| p.1.last().copied())
        .unwrap_or(0.0);
    let y_max = nice_max(top.max(5.0));
    let mut chart = super::cartesian(&root, 0.0..x_max, 0.0..y_max)?;
    mesh(&mut chart, theme, "Simulated days", "Items (cumulative)");
    let bands = d.stages.len() + 2;
    if points.len() >= 2 {
        for b in 0..bands {
            let upper = points.iter().map(|(t, v)| (*t, v[b]));
            let lower: Vec<(f64, f64)> = points
                .iter()
                .rev()
                .map(|(t, v)| (*t, if b == 0 { 0.0 } else { v[b - 1] }))
                .collect();
            let outline: Vec<(f64, f64)> = upper.chain(lower).collect();
            let colour = band_colour(theme, b, bands);
            let _ = chart.draw_series(std::iter::once(Polygon::new(outline, colour.filled())));
            // A line in the background colour along the top of each band, so that neighbours
            // are told apart by more than their colours.
            let _ = chart.draw_series(LineSeries::new(
                points.iter().map(|(t, v)| (*t, v[b])),
                theme.background.stroke_width(1),
            ));
        }
    }
    markers(&mut chart, theme, &d.interventions, y_max);
    root.present().ok()
}

/// The chart.
#[function_component(CfdChart)]
pub fn cfd_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let bands = props.data.stages.len() + 2;
    let mut legend = vec![Key::axis("Backlog", Mark::Area)];
    for (k, name) in props.data.stages.iter().enumerate() {
        legend.push(Key::new(name.clone(), band_slot(bands - 2 - k), Mark::Area));
    }
    legend.push(Key::new("Done", band_slot(0), Mark::Area));
    html! {
        <ChartFigure id="cfd" title="Cumulative flow" canvas={canvas} legend={legend}
            caption="Items that have arrived, stacked by where they are. The width of a band is the work waiting or in progress in that stage; a widening band is a queue growing; the slope of Done is throughput." />
    }
}
