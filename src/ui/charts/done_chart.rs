//! Items done over time.

use crate::ui::series::Series;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties of [`DoneChart`].
#[derive(Properties, PartialEq)]
pub struct DoneChartProps {
    /// Cumulative items done against simulated days.
    pub series: Rc<Series>,
    /// Simulated time now, the right end of the x axis.
    pub now: f64,
}

/// A line chart of cumulative items done.
#[function_component(DoneChart)]
pub fn done_chart(props: &DoneChartProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let series = props.series.clone();
        let now = props.now;
        use_effect_with((series, now), move |(series, now)| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                draw(el, series, *now);
            }
        });
    }
    html! {
        <figure class="chart">
            <canvas ref={canvas} id="done-chart" width="720" height="300"
                role="img" aria-label="Line chart of items done over simulated days"></canvas>
            <figcaption>{ "Items done over time: the slope is the throughput." }</figcaption>
        </figure>
    }
}

fn draw(el: HtmlCanvasElement, series: &Series, now: f64) {
    let width = el.client_width().max(300) as u32;
    if el.width() != width {
        el.set_width(width);
    }
    let Some(backend) = CanvasBackend::with_canvas_object(el) else {
        return;
    };
    let root = backend.into_drawing_area();
    let style = crate::ui::charts::theme();
    let _ = root.fill(&style.background);
    let x_max = now.max(1.0);
    let y_max = series.last().map_or(0.0, |p| p.1).max(5.0) * 1.1;
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(52)
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)
    else {
        return;
    };
    let _ = chart
        .configure_mesh()
        .x_desc("Simulated days")
        .y_desc("Items done")
        .axis_style(style.axis)
        .light_line_style(style.grid)
        .bold_line_style(style.grid)
        .label_style(("sans-serif", 13).into_font().color(&style.text))
        .axis_desc_style(("sans-serif", 14).into_font().color(&style.text))
        .draw();
    let _ = chart.draw_series(LineSeries::new(
        series.points().iter().copied(),
        style.series[0].stroke_width(3),
    ));
    let _ = root.present();
}
