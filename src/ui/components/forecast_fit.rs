//! The fit of a scenario built from a history: actual against simulated throughput and lead
//! time, the most items seen at once per state (where a WIP limit would start to bite), and a button that loads the scenario.

use crate::ui::forecast_job::Fit;
use yew::prelude::*;

/// Properties of [`FitReport`].
#[derive(Properties, PartialEq)]
pub struct FitReportProps {
    /// The calibration, or why there is none.
    pub fit: Result<Fit, String>,
    /// Load the scenario.
    pub on_load: Callback<()>,
}

/// The report.
#[function_component(FitReport)]
pub fn fit_report(props: &FitReportProps) -> Html {
    let fit = match &props.fit {
        Err(e) => return html! { <p class="field-error" role="alert">{ e.clone() }</p> },
        Ok(f) => f,
    };
    let limits: Vec<String> = fit
        .max_wip
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect();
    html! {
        <div class="fit-report" data-testid="fit-report">
            <table>
                <caption>{ "How well the built scenario reproduces the history" }</caption>
                <thead><tr><th scope="col">{ "Measure" }</th><th scope="col">{ "History" }</th><th scope="col">{ "Simulated" }</th></tr></thead>
                <tbody>
                    { for fit.rows.iter().map(|(name, a, s)| html! {
                        <tr><th scope="row">{ name.clone() }</th><td>{ format!("{a:.2}") }</td><td>{ format!("{s:.2}") }</td></tr>
                    }) }
                </tbody>
            </table>
            <p>{ if fit.within { "Within tolerance: throughput within 5 %, lead time p50 and p85 within 10 %." }
                 else { "Not within tolerance (throughput 5 %, lead time p50 and p85 10 %): treat the scenario as a rough sketch." } }</p>
            <p>{ format!("Workers: {} per item seen in a state on average (Little's law), at least one per stage; change them if you know your team's.", fit.workers_share) }</p>
            <p>{ format!("Not in a history: WIP limits. The most items seen at once per state were {}; a limit changes the flow only below these.", limits.join(", ")) }</p>
            <button class="btn btn-primary" onclick={props.on_load.reform(|_| ())}>{ "Load this scenario" }</button>
        </div>
    }
}
