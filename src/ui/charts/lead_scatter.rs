//! Lead time of every finished item at the time it finished, with percentile lines.

use super::{markers, mesh, nice_max, prepare, use_chart, ChartFigure, ChartProps, ChartTheme};
use crate::ui::chart_data::ChartData;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

fn draw(el: HtmlCanvasElement, d: &ChartData, theme: &ChartTheme) -> Option<()> {
    let root = prepare(el, theme)?;
    let x_max = d.now.max(d.window * 10.0);
    let lt = d.summary.as_ref().map(|s| s.lead_time).unwrap_or_default();
    let top = d
        .scatter
        .points()
        .iter()
        .map(|p| p.1)
        .fold(lt.p95.unwrap_or(1.0), f64::max);
    let y_max = nice_max(top);
    let mut chart = super::cartesian(&root, 0.0..x_max, 0.0..y_max)?;
    mesh(
        &mut chart,
        theme,
        "Simulated days (when the item was done)",
        "Lead time (days)",
    );
    let dot = theme.series[0].mix(0.55).filled();
    let _ = chart.draw_series(
        d.scatter
            .points()
            .iter()
            .map(|&(t, l)| Circle::new((t, l), 2, dot)),
    );
    for (value, color, name) in [
        (lt.p50, theme.series[2], "p50"),
        (lt.p85, theme.series[1], "p85"),
        (lt.p95, theme.series[5], "p95"),
    ] {
        if let Some(v) = value {
            let _ = chart.draw_series(LineSeries::new(
                vec![(0.0, v), (x_max, v)],
                color.stroke_width(2),
            ));
            let label = format!("{name} {v:.1} d");
            let _ = chart.draw_series(std::iter::once(Text::new(
                label,
                (x_max * 0.01, v),
                ("sans-serif", 12).into_font().color(&color),
            )));
        }
    }
    markers(&mut chart, theme, &d.interventions, y_max);
    root.present().ok()
}

/// The chart.
#[function_component(LeadScatterChart)]
pub fn lead_scatter_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let t = &props.theme;
    html! {
        <ChartFigure id="lead-scatter" title="Lead time of each item" canvas={canvas}
            legend={vec![("Item".into(), t.css(0)), ("p50".into(), t.css(2)), ("p85".into(), t.css(1)), ("p95".into(), t.css(5))]}
            caption="Each dot is an item, placed when it was done, at its lead time: days from the request to done (cycle time would start the clock when work starts). Lines: 50 %, 85 % and 95 % of items took at most this long." />
    }
}
