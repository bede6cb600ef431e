//! Run controls.

use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether the simulation is running.
    pub playing: bool,
    /// Simulated time now (days).
    pub day: f64,
    /// Called when Play or Pause is pressed.
    pub on_toggle: Callback<()>,
}

/// The Play / Pause button and the simulated clock.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let onclick = props.on_toggle.reform(|_: MouseEvent| ());
    let label = if props.playing { "Pause" } else { "Play" };
    html! {
        <div class="controls" role="group" aria-label="Run controls">
            <button class={classes!("btn", (!props.playing).then_some("btn-primary"))} {onclick}>
                <span aria-hidden="true" class="btn-icon">{ if props.playing { "❚❚" } else { "▶" } }</span>
                { label }
            </button>
            <span class="clock" title="Simulated time">{ format!("Day {:.1}", props.day) }</span>
        </div>
    }
}
