//! Throughput (rolling) and WIP over time, with intervention markers; in A/B mode both
//! variants, B dashed.

use super::{
    markers, mesh, nice_max, prepare, secondary_axis, use_chart, ChartFigure, ChartProps,
    ChartTheme,
};
use crate::ui::chart_data::{ChartData, ROLLING};
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Every other stretch of a line, for a dashed look.
fn dashes(points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
    points.windows(2).step_by(2).map(|w| w.to_vec()).collect()
}

fn draw(
    el: HtmlCanvasElement,
    d: &ChartData,
    other: Option<&ChartData>,
    theme: &ChartTheme,
) -> Option<()> {
    let root = prepare(el, theme)?;
    let x_max = d.time_span();
    let runs = d.with(other);
    let th_max = nice_max(
        runs.iter()
            .flat_map(|r| r.throughput.points())
            .map(|p| p.1)
            .fold(0.5, f64::max),
    );
    let wip_max = nice_max(
        runs.iter()
            .flat_map(|r| r.wip.points())
            .map(|p| p.1)
            .fold(1.0, f64::max),
    );
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
    if let Some(b) = other {
        for dash in dashes(b.wip.points()) {
            let _ =
                chart.draw_secondary_series(LineSeries::new(dash, theme.series[3].stroke_width(2)));
        }
        for dash in dashes(b.throughput.points()) {
            let _ = chart.draw_series(LineSeries::new(dash, theme.series[4].stroke_width(3)));
        }
    }
    markers(&mut chart, theme, &d.interventions, th_max);
    root.present().ok()
}

/// The chart.
#[function_component(ThroughputWipChart)]
pub fn throughput_wip_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let span = ROLLING as f64 * props.data.window;
    let t = &props.theme;
    let legend = if props.other.is_some() {
        vec![
            ("A throughput".to_string(), t.css(0)),
            ("B throughput (dashed)".to_string(), t.css(4)),
            ("A WIP".to_string(), t.css(1)),
            ("B WIP (dashed)".to_string(), t.css(3)),
        ]
    } else {
        vec![
            (format!("Throughput, rolling {span} days"), t.css(0)),
            ("WIP".to_string(), t.css(1)),
        ]
    };
    html! {
        <ChartFigure id="throughput" title="Throughput and WIP" canvas={canvas} {legend}
            caption={format!("How many items are done per day, averaged over {span} days (left axis), and how many are in process (right axis). Red lines mark your changes.")} />
    }
}
