//! Run controls: Play/Pause, Step, Reset, speed, and the simulated clock.

use crate::share::Control;
use crate::ui::focus::focus_when_shown;
use crate::ui::state::{Action, Speed};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether the simulation runs.
    pub playing: bool,
    /// Simulated time now (days).
    pub day: f64,
    /// Events handled so far.
    #[prop_or_default]
    pub events: u64,
    /// Simulation speed.
    pub speed: Speed,
    /// Sends actions to the app.
    pub dispatch: Callback<Action>,
    /// Whether two variants run side by side.
    #[prop_or_default]
    pub ab: bool,
    /// In an embed: the only controls shown.
    #[prop_or_default]
    pub allowed: Option<Vec<Control>>,
    /// Why Play and Step are unavailable now (a workshop at Predict), if they are.
    #[prop_or_default]
    pub locked: Option<AttrValue>,
}

/// The control bar.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let d = &props.dispatch;
    let toggle = d.reform(|_: MouseEvent| Action::TogglePlay);
    let step = d.reform(|_: MouseEvent| Action::Step);
    let reset = d.reform(|_: MouseEvent| Action::Reset);
    let speed = d.reform(|e: Event| {
        let i: usize = e
            .target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse()
            .unwrap_or(3);
        Action::SetSpeed(Speed::CHOICES[i.min(Speed::CHOICES.len() - 1)])
    });
    // The page is laid out again around a new control bar: focus follows the button.
    let ab_on = props.ab;
    let ab = d.reform(move |_: MouseEvent| {
        focus_when_shown(".ab-toggle");
        if ab_on {
            Action::EndAb
        } else {
            Action::StartAb(None)
        }
    });
    let full = props.allowed.is_none();
    let show = |c: Control| props.allowed.as_ref().is_none_or(|a| a.contains(&c));
    let (label, icon, key) = if props.playing {
        ("Pause", "❚❚", "Space")
    } else {
        ("Play", "▶", "Space")
    };
    let locked = props.locked.is_some();
    let title = |what: String| props.locked.clone().unwrap_or_else(|| what.into());
    html! {
        <div class="controls" role="toolbar" aria-label="Run controls">
            if show(Control::Play) {
                <button class={classes!("btn", "btn-play", (!props.playing).then_some("btn-primary"))} onclick={toggle}
                    disabled={locked} title={title(format!("{label} ({key})"))} aria-keyshortcuts="Space">
                    <span aria-hidden="true" class="btn-icon">{ icon }</span>{ label }
                </button>
            }
            if show(Control::Step) {
                <button class="btn" onclick={step} disabled={locked} title={title("Advance by one event (→)".into())} aria-keyshortcuts="ArrowRight">
                    <span aria-hidden="true" class="btn-icon">{ "▶|" }</span>{ "Step" }
                </button>
            }
            if show(Control::Reset) {
                <button class="btn" onclick={reset} title="Start again from day 0 (R)" aria-keyshortcuts="R">
                    <span aria-hidden="true" class="btn-icon">{ "↺" }</span>{ "Reset" }
                </button>
            }
            if show(Control::Speed) {
                <label class="speed">
                    <span>{ "Speed" }</span>
                    <select onchange={speed} aria-label="Speed">
                        { for Speed::CHOICES.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={*s == props.speed}>{ s.label() }</option>
                        }) }
                    </select>
                </label>
            }
            if full {
                <button class={classes!("btn", "ab-toggle", props.ab.then_some("btn-active"))} onclick={ab} aria-pressed={props.ab.to_string()}
                    title="Run a copy of this scenario beside it on the same seed, change the copy, and compare">
                    { if props.ab { "Exit A/B" } else { "Compare A/B" } }
                </button>
            }
            // The exact time and event count, for tests and tools that must not read a
            // rounded clock.
            <span class="clock" title="Simulated time" data-testid="clock"
                data-time={props.day.to_string()} data-events={props.events.to_string()}>{ format!("Day {:.1}", props.day) }</span>
            if full { <span class="shortcuts" aria-hidden="true">{ "Space play/pause · → step · Shift+← back · R reset" }</span> }
        </div>
    }
}
