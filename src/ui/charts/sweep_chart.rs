//! A sweep's result: mean lead time and throughput against the parameter, each with its
//! 10th–90th percentile band across replications; for a system WIP limit, Factory Physics'
//! best case and practical worst case for throughput.

use super::theme::{BLUE, GREEN, ORANGE, VERMILLION};
use super::{
    line, mesh, nice_max, prepare, secondary_axis, ChartFigure, ChartTheme, Key, Mark, Stroke,
};
use crate::sim::sweep::Stat;
use plotters::prelude::*;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties of [`SweepChart`].
#[derive(Properties, PartialEq)]
pub struct SweepChartProps {
    /// One entry per parameter value.
    pub stats: Rc<Vec<Stat>>,
    /// The parameter's name.
    pub label: AttrValue,
    /// Factory Physics' (value, best-case, practical-worst-case) throughput, when it applies.
    #[prop_or_default]
    pub bounds: Option<Rc<Vec<(f64, f64, f64)>>>,
    /// Plot cycle time instead of lead time (when all requests wait from day 0).
    #[prop_or_default]
    pub cycle: bool,
    /// Colours.
    pub theme: ChartTheme,
}

/// Factory Physics' throughput bounds: name, colour, stroke.
const BOUNDS: [(&str, usize, Stroke); 2] = [
    ("Best case", GREEN, Stroke::Dashed),
    ("Practical worst case", VERMILLION, Stroke::Dotted),
];

type Draw<'a> = (&'a [Stat], &'a str, Option<&'a [(f64, f64, f64)]>, bool);

fn draw(
    el: HtmlCanvasElement,
    (stats, label, bounds, cycle): Draw,
    theme: &ChartTheme,
) -> Option<()> {
    let time = |s: &Stat| if cycle { s.cycle } else { s.lead };
    let root = prepare(el, theme)?;
    let (x0, x1) = (stats.first()?.value, stats.last()?.value);
    let pad = ((x1 - x0) * 0.05).max(0.5);
    let lead_max = nice_max(
        stats
            .iter()
            .filter_map(|s| time(s).map(|b| b.p90))
            .fold(0.1, f64::max),
    );
    let th_top = stats
        .iter()
        .map(|s| s.throughput.p90)
        .chain(bounds.iter().flat_map(|b| b.iter().map(|x| x.1)))
        .fold(0.1, f64::max);
    let mut chart = super::dual(
        &root,
        (x0 - pad)..(x1 + pad),
        0.0..lead_max,
        0.0..nice_max(th_top),
    )?;
    mesh(
        &mut chart,
        theme,
        label,
        if cycle {
            "Mean cycle time (days)"
        } else {
            "Mean lead time (days)"
        },
    );
    secondary_axis(&mut chart, theme, "Throughput (items/day)");
    let lead: Vec<(f64, f64, f64, f64)> = stats
        .iter()
        .filter_map(|s| time(s).map(|b| (s.value, b.mean, b.p10, b.p90)))
        .collect();
    let band = |pts: &[(f64, f64, f64, f64)]| -> Vec<(f64, f64)> {
        pts.iter()
            .map(|p| (p.0, p.3))
            .chain(pts.iter().rev().map(|p| (p.0, p.2)))
            .collect()
    };
    let blue = theme.series[BLUE];
    let _ = chart.draw_series(std::iter::once(Polygon::new(
        band(&lead),
        blue.mix(0.2).filled(),
    )));
    let _ = chart.draw_series(LineSeries::new(
        lead.iter().map(|p| (p.0, p.1)),
        blue.stroke_width(3),
    ));
    let _ = chart.draw_series(
        lead.iter()
            .map(|p| Circle::new((p.0, p.1), 4, blue.filled())),
    );
    let th: Vec<(f64, f64, f64, f64)> = stats
        .iter()
        .map(|s| {
            (
                s.value,
                s.throughput.mean,
                s.throughput.p10,
                s.throughput.p90,
            )
        })
        .collect();
    let orange = theme.series[ORANGE];
    let _ = chart.draw_secondary_series(std::iter::once(Polygon::new(
        band(&th),
        orange.mix(0.2).filled(),
    )));
    let _ = chart.draw_secondary_series(LineSeries::new(
        th.iter().map(|p| (p.0, p.1)),
        orange.stroke_width(3),
    ));
    let _ = chart.draw_secondary_series(
        th.iter()
            .map(|p| TriangleMarker::new((p.0, p.1), 5, orange.filled())),
    );
    if let Some(b) = bounds {
        for (k, &(_, slot, stroke)) in BOUNDS.iter().enumerate() {
            let _ = chart.draw_secondary_series(std::iter::once(line(
                b.iter().map(move |x| (x.0, if k == 0 { x.1 } else { x.2 })),
                theme.series[slot],
                2,
                stroke,
            )));
        }
    }
    root.present().ok()
}

/// The chart.
#[function_component(SweepChart)]
pub fn sweep_chart(props: &SweepChartProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let deps = (
            props.stats.clone(),
            props.label.clone(),
            props.bounds.clone(),
            props.cycle,
            props.theme,
        );
        use_effect_with(deps, move |(stats, label, bounds, cycle, theme)| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                if !stats.is_empty() {
                    draw(
                        el,
                        (
                            stats,
                            label,
                            bounds.as_deref().map(|b| b.as_slice()),
                            *cycle,
                        ),
                        theme,
                    );
                }
            }
        });
    }
    let mut legend = vec![
        Key::new(
            format!(
                "Mean {} time (band: 10–90 %)",
                if props.cycle { "cycle" } else { "lead" }
            ),
            BLUE,
            Mark::Dot,
        ),
        Key::new("Throughput (band: 10–90 %)", ORANGE, Mark::Triangle),
    ];
    if props.bounds.is_some() {
        legend.extend(
            BOUNDS
                .iter()
                .map(|&(name, slot, stroke)| Key::new(name, slot, Mark::Line(stroke))),
        );
    }
    html! {
        <ChartFigure id="sweep" title={format!("Sweep: {}", props.label)} canvas={canvas} {legend}
            caption={if props.bounds.is_some() {
                "Each point is the mean over the replications; the shaded band holds the middle 80 % of them. The dashed green and dotted vermillion lines are Factory Physics' best case and practical worst case for a CONWIP line's throughput."
            } else {
                "Each point is the mean over the replications; the shaded band holds the middle 80 % of them."
            }} />
    }
}
