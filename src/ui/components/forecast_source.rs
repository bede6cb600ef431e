//! Where a forecast's trials come from: this run's throughput, a history CSV, or simulating
//! the scenario; the forecast panel's first field.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Where the trials come from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// This run's throughput so far.
    Run,
    /// A history CSV.
    History,
    /// Simulating the scenario (A and B in A/B mode).
    Simulate,
}

/// Properties of [`SourceSelect`].
#[derive(Properties, PartialEq)]
pub struct SourceSelectProps {
    /// The source chosen.
    pub source: SourceKind,
    /// A/B mode: simulating means both variants.
    pub ab: bool,
    /// A forecast is running: the choice waits.
    pub disabled: bool,
    /// A source is chosen.
    pub on_change: Callback<SourceKind>,
}

/// The "Forecast from" field.
#[function_component(SourceSelect)]
pub fn source_select(props: &SourceSelectProps) -> Html {
    let onchange = props.on_change.reform(|e: Event| {
        match e
            .target_unchecked_into::<HtmlSelectElement>()
            .value()
            .as_str()
        {
            "run" => SourceKind::Run,
            "history" => SourceKind::History,
            _ => SourceKind::Simulate,
        }
    });
    let source = props.source;
    html! {
        <div class="field">
            <label for="forecast-source">{ "Forecast from" }</label>
            <select id="forecast-source" {onchange} disabled={props.disabled}>
                <option value="simulate" selected={source == SourceKind::Simulate}>{ if props.ab { "Simulating A and B" } else { "Simulating the scenario" } }</option>
                <option value="run" selected={source == SourceKind::Run}>{ "This run's throughput" }</option>
                <option value="history" selected={source == SourceKind::History}>{ "A history (CSV)" }</option>
            </select>
        </div>
    }
}
