//! The workshop's three phases, predict → run → reveal, as steps with the current one marked:
//! the same in the facilitator's panel and on every team's laptop.

use crate::ui::state::Phase;
use yew::prelude::*;

/// The steps, `phase` marked as the current one. A plain view function, not a component: it
/// has no state, and each component costs the app its own compiled lifecycle.
pub fn phase_steps(phase: Phase) -> Html {
    let phases = [
        (Phase::Predict, "1 Predict"),
        (Phase::Run, "2 Run"),
        (Phase::Reveal, "3 Reveal"),
    ];
    html! {
        <ol class="phases">
            { for phases.iter().map(|(p, name)| html! {
                <li class={classes!((*p == phase).then_some("current"))} aria-current={(*p == phase).then_some("step")}>{ *name }</li>
            }) }
        </ol>
    }
}
