//! Per-stage utilisation and queue length, bottleneck marked.

use super::theme::{BLUE, ORANGE, PURPLE, VERMILLION};
use super::{
    nice_max, prepare, secondary_axis, use_chart, ChartFigure, ChartProps, ChartTheme, Key, Mark,
};
use crate::ui::chart_data::ChartData;
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

fn draw(
    el: HtmlCanvasElement,
    d: &ChartData,
    _other: Option<&ChartData>,
    theme: &ChartTheme,
) -> Option<()> {
    let root = prepare(el, theme)?;
    let bars = &d.current.stages;
    let n = bars.len().max(1);
    let q_max = nice_max(
        bars.iter()
            .map(|b| b.queue_mean.max(b.blocked_mean))
            .fold(1.0, f64::max),
    );
    let bottleneck = d.summary.as_ref().and_then(|s| s.bottleneck_index);
    let mut chart = super::dual(&root, 0.0..n as f64, 0.0..100.0, 0.0..q_max)?;
    super::stage_mesh(&mut chart, theme, &d.stages, "Utilisation (%)", 12);
    secondary_axis(&mut chart, theme, "Mean queue (items)");
    // With blockers, a third bar per stage: the mean number of items blocked there.
    let (q0, q1) = if d.blockers {
        (0.44, 0.66)
    } else {
        (0.52, 0.88)
    };
    for (i, b) in bars.iter().enumerate() {
        let (x, util) = (i as f64, b.utilization);
        let colour = if bottleneck == Some(i) {
            theme.series[VERMILLION]
        } else {
            theme.series[BLUE]
        };
        let _ = chart.draw_series(std::iter::once(Rectangle::new(
            [(x + 0.12, 0.0), (x + 0.48, util * 100.0)],
            colour.filled(),
        )));
    }
    let _ = chart.draw_secondary_series(bars.iter().enumerate().map(|(i, b)| {
        Rectangle::new(
            [(i as f64 + q0, 0.0), (i as f64 + q1, b.queue_mean)],
            theme.series[ORANGE].filled(),
        )
    }));
    if d.blockers {
        let _ = chart.draw_secondary_series(bars.iter().enumerate().map(|(i, b)| {
            Rectangle::new(
                [(i as f64 + 0.68, 0.0), (i as f64 + 0.9, b.blocked_mean)],
                theme.series[PURPLE].filled(),
            )
        }));
    }
    if let Some(i) = bottleneck {
        let util = bars.get(i).map_or(0.0, |b| b.utilization);
        let font = ("sans-serif", 12).into_font().color(&theme.text);
        let _ = chart.draw_series(std::iter::once(Text::new(
            "bottleneck",
            (i as f64 + 0.1, (util * 100.0 + 9.0).min(99.0)),
            font,
        )));
    }
    root.present().ok()
}

/// The chart.
#[function_component(StageBarsChart)]
pub fn stage_bars_chart(props: &ChartProps) -> Html {
    let canvas = use_chart(props, draw);
    let mut legend = vec![
        Key::new("Utilisation", BLUE, Mark::Area),
        Key::new("Bottleneck", VERMILLION, Mark::Area),
        Key::new("Mean queue", ORANGE, Mark::Area),
    ];
    if props.data.blockers {
        legend.push(Key::new(
            "Mean items blocked (right bar)",
            PURPLE,
            Mark::Area,
        ));
    }
    let current = &props.data.current;
    let period = if current.after_change {
        format!("since your latest change, on day {:.1}", current.from)
    } else {
        "over the run so far (after its warm-up)".to_string()
    };
    html! {
        <ChartFigure id="stages" title="Stages: how busy, how much waits" canvas={canvas}
            {legend}
            caption={format!("Share of the workers' time spent working, and the mean number of items waiting, {period}. Work piles up in front of the bottleneck.")} />
    }
}
