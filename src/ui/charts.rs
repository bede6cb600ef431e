//! Charts drawn with plotters on canvas, one per file, and what they share: colours, canvas
//! set-up, intervention markers and the figure around each chart.

pub mod aging_wip;
pub mod backend;
pub mod cfd;
pub mod class_marks;
pub mod forecast_chart;
pub mod lead_histogram;
pub mod lead_scatter;
pub mod pacing;
pub mod room_teams;
pub mod stage_bars;
pub mod sweep_chart;
pub mod theme;
pub mod throughput_wip;

use backend::Canvas;
use theme::VERMILLION;
pub use theme::{line, ChartTheme, Stroke};

use crate::sim::Intervention;
use crate::ui::chart_data::ChartData;
use plotters::chart::DualCoordChartContext;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// A plotters chart on a canvas with two f64 axes.
pub type Chart<'a> = ChartContext<'a, Canvas, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Sizes the canvas to its displayed size, fills it with the background and returns the
/// drawing area; None if the canvas is not laid out.
pub fn prepare(el: HtmlCanvasElement, theme: &ChartTheme) -> Option<DrawingArea<Canvas, Shift>> {
    let (w, h) = (
        el.client_width().max(200) as u32,
        el.client_height().max(120) as u32,
    );
    if el.width() != w {
        el.set_width(w);
    }
    if el.height() != h {
        el.set_height(h);
    }
    let root = Canvas::new(el)?.into_drawing_area();
    root.fill(&theme.background).ok()?;
    Some(root)
}

/// A chart over `x` × `y` on `root`, with room for axis labels.
pub fn cartesian<'a>(
    root: &'a DrawingArea<Canvas, Shift>,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
) -> Option<Chart<'a>> {
    ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d(x, y)
        .ok()
}

/// Like [`cartesian`], with a second y axis `y2` on the right.
pub fn dual<'a>(
    root: &'a DrawingArea<Canvas, Shift>,
    x: std::ops::Range<f64>,
    y: std::ops::Range<f64>,
    y2: std::ops::Range<f64>,
) -> Option<DualChart<'a>> {
    let chart = ChartBuilder::on(root)
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .right_y_label_area_size(52)
        .build_cartesian_2d(x.clone(), y)
        .ok()?;
    Some(chart.set_secondary_coord(x, y2))
}

/// Draws axes and grid with the theme's colours.
pub fn mesh(chart: &mut Chart, theme: &ChartTheme, x_desc: &str, y_desc: &str) {
    let _ = chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(y_desc)
        .axis_style(theme.axis)
        .light_line_style(theme.background)
        .bold_line_style(theme.grid)
        .x_labels(8)
        .y_labels(6)
        .x_label_formatter(&|v| number(*v))
        .y_label_formatter(&|v| number(*v))
        .label_style(("sans-serif", 12).into_font().color(&theme.text))
        .axis_desc_style(("sans-serif", 13).into_font().color(&theme.text))
        .draw();
}

/// A chart with a second y axis on the right.
pub type DualChart<'a> = DualCoordChartContext<
    'a,
    Canvas,
    Cartesian2d<RangedCoordf64, RangedCoordf64>,
    Cartesian2d<RangedCoordf64, RangedCoordf64>,
>;

/// Draws the right-hand axis with the theme's colours.
pub fn secondary_axis(chart: &mut DualChart, theme: &ChartTheme, desc: &str) {
    let _ = chart
        .configure_secondary_axes()
        .y_desc(desc)
        .axis_style(theme.axis)
        .y_label_formatter(&|v| number(*v))
        .label_style(("sans-serif", 12).into_font().color(&theme.text))
        .axis_desc_style(("sans-serif", 13).into_font().color(&theme.text))
        .draw();
}

/// A labelled vertical line at each intervention.
pub fn markers(chart: &mut Chart, theme: &ChartTheme, interventions: &[Intervention], y_top: f64) {
    let style = ShapeStyle::from(&theme.series[VERMILLION]).stroke_width(2);
    let font = ("sans-serif", 11)
        .into_font()
        .color(&theme.series[VERMILLION]);
    for (k, i) in interventions.iter().enumerate() {
        let _ = chart.draw_series(std::iter::once(PathElement::new(
            vec![(i.time, 0.0), (i.time, y_top)],
            style,
        )));
        let label: String = i.label.chars().take(28).collect();
        let row = (k % 3) as f64;
        let _ = chart.draw_series(std::iter::once(Text::new(
            label,
            (i.time, y_top * (0.97 - 0.07 * row)),
            font.clone(),
        )));
    }
}

/// An axis label: no needless decimals.
pub fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round())
    } else if v.abs() >= 10.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Rounds an axis maximum up to a tidy value (1, 2 or 5 × 10ⁿ) with some headroom.
pub fn nice_max(v: f64) -> f64 {
    let v = (v * 1.1).max(1e-9);
    let p = 10f64.powf(v.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|&x| x >= v)
        .unwrap_or(10.0 * p)
}

/// Draws axes and grid for a chart with one column per stage (column i spans [i, i + 1)):
/// each stage's name under the middle of its column, tick labels of `label_px` pixels.
pub fn stage_mesh(
    chart: &mut Chart,
    theme: &ChartTheme,
    names: &[String],
    y_desc: &str,
    label_px: u32,
) {
    let _ = chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(names.len().max(1) * 2 + 1)
        .x_label_formatter(&stage_label(names))
        .y_desc(y_desc)
        .y_label_formatter(&|v| number(*v))
        .axis_style(theme.axis)
        .bold_line_style(theme.grid)
        .light_line_style(theme.background)
        .label_style(("sans-serif", label_px).into_font().color(&theme.text))
        .axis_desc_style(("sans-serif", 13).into_font().color(&theme.text))
        .draw();
}

/// Labels for an x axis with one column per stage: the stage's name under the middle of its
/// column, nothing elsewhere.
fn stage_label(names: &[String]) -> impl Fn(&f64) -> String + '_ {
    move |x| {
        let i = x.floor() as usize;
        if (x - i as f64 - 0.5).abs() < 0.26 {
            names.get(i).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// Properties of every chart.
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// What to draw.
    pub data: Rc<ChartData>,
    /// A second run to overlay (variant B in A/B mode), for charts that can.
    #[prop_or_default]
    pub other: Option<Rc<ChartData>>,
    /// Colours.
    pub theme: ChartTheme,
}

/// A chart's drawing function: canvas, data, the data to overlay if any, colours.
pub type DrawFn = fn(HtmlCanvasElement, &ChartData, Option<&ChartData>, &ChartTheme) -> Option<()>;

/// Redraws the chart's canvas with `draw` whenever its data or theme change, paced with the
/// other charts ([`pacing`]); returns the canvas ref to render.
#[hook]
pub fn use_chart(props: &ChartProps, draw: DrawFn) -> NodeRef {
    let canvas = use_node_ref();
    let key = *use_memo((), |_| pacing::chart_key());
    {
        let canvas = canvas.clone();
        use_effect_with(
            (props.data.clone(), props.other.clone(), props.theme),
            move |(d, other, theme)| {
                let (d, other, theme) = (d.clone(), other.clone(), *theme);
                pacing::draw_paced(key, move || {
                    // Gone when the chart was removed while its draw waited.
                    if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                        draw(el, &d, other.as_deref(), &theme);
                    }
                });
            },
        );
    }
    canvas
}

/// What a legend entry's sample looks like: as the series is drawn, so that colour is never the
/// only cue.
#[derive(Clone, Copy, PartialEq)]
pub enum Mark {
    /// A filled area or bar.
    Area,
    /// A line.
    Line(Stroke),
    /// Round dots.
    Dot,
    /// Triangles.
    Triangle,
    /// The shape of a class of service (its index).
    Class(u8),
}

impl Mark {
    fn class(self) -> &'static str {
        match self {
            Mark::Area => "area",
            Mark::Line(s) => s.class(),
            Mark::Dot => "dot",
            Mark::Triangle => "triangle",
            Mark::Class(c) => [
                "token sample class-0",
                "token sample class-1",
                "token sample class-2",
                "token sample class-3",
                "token sample class-4",
                "token sample class-5",
            ][c as usize % 6],
        }
    }
}

/// A legend entry: its label, its colour (CSS) and how its series is drawn.
#[derive(Clone, PartialEq)]
pub struct Key {
    label: String,
    colour: String,
    mark: Mark,
}

impl Key {
    /// An entry for a series in palette slot `slot` (see [`theme`]).
    pub fn new(label: impl Into<String>, slot: usize, mark: Mark) -> Self {
        Key {
            label: label.into(),
            colour: theme::css(slot),
            mark,
        }
    }

    /// An entry for a series drawn in the axis colour.
    pub fn axis(label: impl Into<String>, mark: Mark) -> Self {
        Key {
            label: label.into(),
            colour: theme::css_axis(),
            mark,
        }
    }
}

/// Properties of [`ChartFigure`].
#[derive(Properties, PartialEq)]
pub struct ChartFigureProps {
    /// Identifies the chart (`data-chart`).
    pub id: AttrValue,
    /// Title.
    pub title: AttrValue,
    /// A plain-language sentence about what the chart shows.
    pub caption: AttrValue,
    /// Legend entries.
    #[prop_or_default]
    pub legend: Vec<Key>,
    /// The canvas element's ref.
    pub canvas: NodeRef,
    /// Text shown under the canvas, before the caption (e.g. what the chart counts).
    #[prop_or_default]
    pub children: Html,
}

/// The frame around a chart: title, legend, PNG download, canvas, caption.
#[function_component(ChartFigure)]
pub fn chart_figure(props: &ChartFigureProps) -> Html {
    let png = {
        let canvas = props.canvas.clone();
        let name = crate::ui::download::file_name(&format!("flowsim {}", props.title), "png");
        move |_: MouseEvent| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                crate::ui::download::canvas_png(&el, &name);
            }
        }
    };
    html! {
        <figure class="chart" data-chart={props.id.clone()}>
            <div class="chart-head">
                <h4>{ props.title.clone() }</h4>
                <button class="icon-btn png" onclick={png} title="Save this chart as a PNG image"
                    aria-label={format!("Save {} as PNG", props.title)}>{ "⤓" }</button>
                <ul class="legend">
                    { for props.legend.iter().map(|k| html! {
                        <li><span class={classes!("swatch", k.mark.class())} style={format!("--c:{}", k.colour)} aria-hidden="true"></span>{ k.label.clone() }</li>
                    }) }
                </ul>
            </div>
            <canvas ref={props.canvas.clone()} id={format!("chart-{}", props.id)} role="img" aria-label={props.title.clone()}></canvas>
            { props.children.clone() }
            <figcaption>{ props.caption.clone() }</figcaption>
        </figure>
    }
}
