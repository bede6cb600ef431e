//! The workshop's three phases, predict → run → reveal, as steps with the current one marked:
//! the same in the facilitator's panel and on every team's laptop.

use crate::ui::state::Phase;
use yew::prelude::*;

/// Properties of [`PhaseSteps`].
#[derive(Properties, PartialEq)]
pub struct PhaseStepsProps {
    /// The phase now.
    pub phase: Phase,
}

/// The steps.
#[function_component(PhaseSteps)]
pub fn phase_steps(props: &PhaseStepsProps) -> Html {
    let phases = [
        (Phase::Predict, "1 Predict"),
        (Phase::Run, "2 Run"),
        (Phase::Reveal, "3 Reveal"),
    ];
    html! {
        <ol class="phases">
            { for phases.iter().map(|(p, name)| html! {
                <li class={classes!((*p == props.phase).then_some("current"))} aria-current={(*p == props.phase).then_some("step")}>{ *name }</li>
            }) }
        </ol>
    }
}
