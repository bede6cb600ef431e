//! Throughput (rolling) and WIP over time, with intervention markers; in A/B mode both
//! variants, B dashed.

use super::theme::{BLUE, ORANGE, PURPLE, SKY};
use super::{
    line, markers, mesh, nice_max, prepare, secondary_axis, use_chart, ChartFigure, ChartProps,
    ChartTheme, Key, Mark, Stroke,
};
use crate::ui::chart_data::{ChartData, ROLLING};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// How a run's lines are drawn: throughput (left axis) and WIP (right axis).
struct Lines {
    run: &'static str,
    note: &'static str,
    throughput: usize,
    wip: usize,
    stroke: Stroke,
}

/// Run A solid, run B dashed in lighter or other hues.
const LINES: [Lines; 2] = [
    Lines {
        run: "A",
        note: "",
        throughput: BLUE,
        wip: ORANGE,
        stroke: Stroke::Solid,
    },
    Lines {
        run: "B",
        note: " (dashed)",
        throughput: SKY,
        wip: PURPLE,
        stroke: Stroke::Dashed,
    },
];

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
    for (r, l) in runs.iter().zip(LINES.iter()) {
        let _ = chart.draw_secondary_series(std::iter::once(line(
            r.wip.points().iter().copied(),
            theme.series[l.wip],
            2,
            l.stroke,
        )));
        let _ = chart.draw_series(std::iter::once(line(
            r.throughput.points().iter().copied(),
            theme.series[l.throughput],
            2,
            l.stroke,
        )));
    }
    markers(&mut chart, theme, &d.interventions, th_max);
    root.present().ok()
}

/// The chart.
#[function_component(ThroughputWipChart)]
pub fn throughput_wip_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let span = ROLLING as f64 * props.data.window;
    let legend = if props.other.is_some() {
        let keys = |l: &Lines| {
            let (run, note, mark) = (l.run, l.note, Mark::Line(l.stroke));
            [
                Key::new(format!("{run} throughput{note}"), l.throughput, mark),
                Key::new(format!("{run} WIP{note}"), l.wip, mark),
            ]
        };
        LINES.iter().flat_map(keys).collect()
    } else {
        let a = &LINES[0];
        vec![
            Key::new(
                format!("Throughput, rolling {span} days"),
                a.throughput,
                Mark::Line(a.stroke),
            ),
            Key::new("WIP", a.wip, Mark::Line(a.stroke)),
        ]
    };
    html! {
        <ChartFigure id="throughput" title="Throughput and WIP" canvas={canvas} {legend}
            caption={format!("How many items are done per day, averaged over {span} days (left axis), and how many are in process (right axis). Red lines mark your changes.")} />
    }
}
