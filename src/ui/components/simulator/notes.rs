//! The simulator's status lines: why the numbers are hidden, the runs' warnings, and whether
//! the moment shown is in the warm-up or the end of a run that is over.

use yew::prelude::*;

/// Why the numbers are hidden at a workshop's Predict: a room's team waits for the
/// facilitator, anyone else for their own prediction.
pub(super) fn hidden(room_team: bool) -> Html {
    let why = if room_team {
        "The numbers stay hidden until the facilitator starts the run: make your prediction first."
    } else {
        "The numbers stay hidden until you have made your prediction and pressed Run."
    };
    html! { <p class="hidden-metrics" role="status">{ why }</p> }
}

/// A run's warnings (a scenario that cannot keep up, items turned away), if it has any.
pub(super) fn warnings(w: &[String]) -> Html {
    if w.is_empty() {
        return html! {};
    }
    html! { <ul class="warnings" role="status">{ for w.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul> }
}

/// What the moment shown (`now`) is, when it is not an ordinary one: before the end of the
/// `warmup`, whose statistics stay empty, or the end of a run that is `over`.
pub(super) fn run_status(now: f64, warmup: f64, over: bool) -> Option<Html> {
    if now < warmup {
        Some(html! {
            <p class="warming" role="status">{ format!("Warming up: the statistics start on day {warmup} (the scenario's warm-up); until then the measures stay empty.") }</p>
        })
    } else if over {
        Some(html! {
            <p class="warming run-over" role="status">{ format!("The run is over on day {now:.1}: every item is done and no more can arrive, so the clock stops here.") }</p>
        })
    } else {
        None
    }
}
