//! Throughput (rolling) and WIP over time, with intervention markers.

use super::{
    markers, mesh, nice_max, prepare, secondary_axis, use_chart, ChartFigure, ChartProps,
    ChartTheme,
};
use crate::ui::chart_data::{ChartData, ROLLING};
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

fn draw(el: HtmlCanvasElement, d: &ChartData, theme: &ChartTheme) -> Option<()> {
    let root = prepare(el, theme)?;
    let x_max = d.now.max(d.window * 10.0);
    let th_max = nice_max(
        d.throughput
            .points()
            .iter()
            .map(|p| p.1)
            .fold(0.5, f64::max),
    );
    let wip_max = nice_max(d.wip.points().iter().map(|p| p.1).fold(1.0, f64::max));
    let mut chart = super::dual(&root, 0.0..x_max, 0.0..th_max, 0.0..wip_max)?;
    mesh(
        &mut chart,
        theme,
        "Simulated days",
        "Throughput (items/day)",
    );
    secondary_axis(&mut chart, theme, "WIP (items)");
    let _ = chart.draw_secondary_series(LineSeries::new(
        d.wip.points().iter().copied(),
        theme.series[1].stroke_width(2),
    ));
    let _ = chart.draw_series(LineSeries::new(
        d.throughput.points().iter().copied(),
        theme.series[0].stroke_width(2),
    ));
    markers(&mut chart, theme, &d.interventions, th_max);
    root.present().ok()
}

/// The chart.
#[function_component(ThroughputWipChart)]
pub fn throughput_wip_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let span = ROLLING as f64 * props.data.window;
    html! {
        <ChartFigure id="throughput" title="Throughput and WIP" canvas={canvas}
            legend={vec![(format!("Throughput, rolling {span} days"), props.theme.css(0)), ("WIP".to_string(), props.theme.css(1))]}
            caption="How many items are done per day (left axis) and how many are in process (right axis). Red lines mark your changes." />
    }
}
