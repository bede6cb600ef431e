//! Downloads of the run: the scenario (JSON), the metrics over time (CSV) and the per-item
//! event log (CSV). Charts have their own PNG buttons.

use yew::prelude::*;

/// What to download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// The scenario as JSON.
    Scenario,
    /// The statistics windows as CSV.
    Metrics,
    /// The per-item log as CSV.
    Items,
}

/// Properties of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// Called with what to download.
    pub on_export: Callback<Export>,
    /// Items logged so far, and whether the log stopped at its limit.
    pub logged: (usize, bool),
}

/// A row of download buttons.
#[function_component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let button = |what: Export, label: &str, help: &str| {
        let cb = props.on_export.reform(move |_: MouseEvent| what);
        html! { <button class="btn btn-small" onclick={cb} title={help.to_string()}>{ label }</button> }
    };
    let (items, truncated) = props.logged;
    html! {
        <div class="export-bar" role="group" aria-label="Download">
            <span class="export-label">{ "Download" }</span>
            { button(Export::Scenario, "Scenario (JSON)", "The scenario as a JSON file you can import again or run with the flowsim command-line tool.") }
            { button(Export::Metrics, "Metrics over time (CSV)", "Throughput, WIP, lead and cycle time, and each stage's utilisation and queue, per window.") }
            { button(Export::Items, "Item log (CSV)", "Every item's arrival, start and done, and each stage visit's enter, start of work, finish and leave.") }
            if truncated {
                <span class="muted">{ format!("The item log keeps the first {items} items.") }</span>
            }
        </div>
    }
}
