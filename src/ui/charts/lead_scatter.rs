//! Lead time of every finished item at the time it finished, with percentile lines; in A/B
//! mode both variants' items.

use super::{markers, mesh, nice_max, prepare, use_chart, ChartFigure, ChartProps, ChartTheme};
use crate::ui::chart_data::ChartData;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

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
    let lines: Vec<(Option<f64>, RGBColor, String)> = match other {
        None => vec![
            (lt.p50, theme.series[2], "p50".into()),
            (lt.p85, theme.series[1], "p85".into()),
            (lt.p95, theme.series[5], "p95".into()),
        ],
        Some(b) => {
            let dot_b = theme.series[1].mix(0.55).filled();
            let _ = chart.draw_series(
                b.scatter
                    .points()
                    .iter()
                    .map(|&(t, l)| TriangleMarker::new((t, l), 3, dot_b)),
            );
            let p85_b = b.summary.as_ref().and_then(|s| s.lead_time.p85);
            vec![
                (lt.p85, theme.series[0], "A p85".into()),
                (p85_b, theme.series[1], "B p85".into()),
            ]
        }
    };
    for (value, color, name) in lines {
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
    let legend = if props.other.is_some() {
        vec![
            ("A items (dots)".into(), t.css(0)),
            ("B items (triangles)".into(), t.css(1)),
        ]
    } else {
        vec![
            ("Item".into(), t.css(0)),
            ("p50".into(), t.css(2)),
            ("p85".into(), t.css(1)),
            ("p95".into(), t.css(5)),
        ]
    };
    html! {
        <ChartFigure id="lead-scatter" title="Lead time of each item" canvas={canvas} {legend}
            caption="Each mark is an item, placed when it was done, at its lead time: days from the request to done (cycle time would start the clock when work starts). Lines: 50 %, 85 % and 95 % of items took at most this long." />
    }
}
