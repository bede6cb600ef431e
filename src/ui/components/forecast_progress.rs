//! A started forecast's state: what its trials draw from, the history rows left out, and,
//! until its result is in, a progress bar with the trials done.

use crate::ui::count;
use crate::ui::forecast_job::Started;
use yew::prelude::*;

/// Properties of [`ForecastProgress`].
#[derive(Properties, PartialEq)]
pub struct ForecastProgressProps {
    /// What the forecast found in its inputs.
    pub started: Started,
    /// Trials done so far.
    pub progress: u32,
    /// Whether it was cancelled.
    pub cancelled: bool,
    /// Whether its result is in, or it stopped on an error (the progress bar is then gone).
    pub finished: bool,
}

/// The forecast's progress.
#[function_component(ForecastProgress)]
pub fn forecast_progress(props: &ForecastProgressProps) -> Html {
    let s = &props.started;
    let trials = s.trials;
    html! {
        <>
            if !s.basis.is_empty() { <p class="muted">{ format!("From {}.", s.basis) }</p> }
            if !s.problems.is_empty() {
                <div class="history-problems" role="alert">
                    <p>{ format!("{} left out; every other row is used:", count(s.problems.len() as u64, "row", "rows")) }</p>
                    <ul>{ for s.problems.iter().take(20).map(|pr| html! { <li>{ pr.clone() }</li> }) }</ul>
                </div>
            }
            if !props.finished {
                <div class="sweep-progress">
                    <progress max={trials.to_string()} value={props.progress.to_string()} aria-label="Forecast progress"></progress>
                    <span data-testid="forecast-progress">{ format!("{} of {} trials{}", props.progress, trials, if props.cancelled { " (cancelled)" } else { "" }) }</span>
                </div>
            }
        </>
    }
}
