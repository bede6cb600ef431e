//! The metrics strip.

use yew::prelude::*;

/// Properties of [`Metrics`].
#[derive(Properties, PartialEq)]
pub struct MetricsProps {
    /// Items done so far.
    pub done: u64,
    /// Items done per day.
    pub throughput: f64,
    /// Items in process now.
    pub wip: u32,
    /// Mean lead time in days, once an item is done.
    pub lead_time: Option<f64>,
}

fn metric(id: &str, label: &str, value: String, help: &str) -> Html {
    html! {
        <div class="metric" data-metric={id.to_string()} title={help.to_string()}>
            <span class="metric-label">{ label }</span>
            <span class="metric-value">{ value }</span>
        </div>
    }
}

/// Key numbers of the run.
#[function_component(Metrics)]
pub fn metrics(props: &MetricsProps) -> Html {
    html! {
        <div class="metrics">
            { metric("done", "Items done", props.done.to_string(), "Items that have left the last stage.") }
            { metric("throughput", "Throughput", format!("{:.2} /day", props.throughput), "Items done per day.") }
            { metric("wip", "WIP", props.wip.to_string(), "Work in process: items started and not done.") }
            { metric("lead", "Lead time", props.lead_time.map_or("–".into(), |l| format!("{l:.2} d")),
                "Mean days from request to done.") }
        </div>
    }
}
