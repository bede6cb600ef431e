//! The timeline under the run controls: a slider over every simulated day already run
//! (drag, arrow keys, Home / End) and a Back button that goes one event back (Shift+←).

use crate::ui::state::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The slider's step: a tenth of a day.
pub const STEP: f64 = 0.1;

/// Properties of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Simulated day shown.
    pub day: f64,
    /// Events handled by the moment shown.
    pub events: u64,
    /// The latest simulated day run.
    pub latest: f64,
    /// Whether a past moment is shown.
    pub travelling: bool,
    /// Asks to show a simulated day (the latest moment from `latest` on).
    pub on_travel: Callback<f64>,
    /// Sends actions to the app (Back).
    pub dispatch: Callback<Action>,
}

/// The slider's right end: the latest day rounded up to its step, so End reaches it.
fn slider_max(latest: f64) -> f64 {
    (latest / STEP).ceil() * STEP
}

/// The timeline.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let latest = props.latest;
    let max = slider_max(latest);
    let on_input = props.on_travel.reform(move |e: InputEvent| {
        let v: f64 = e
            .target_unchecked_into::<HtmlInputElement>()
            .value()
            .parse()
            .unwrap_or(latest);
        // The last step reaches past the latest moment: that is the latest moment.
        if v >= latest - 1e-9 {
            latest
        } else {
            v
        }
    });
    let back = props.dispatch.reform(|_: MouseEvent| Action::StepBack);
    let value = if props.travelling { props.day } else { max };
    let text = if props.travelling {
        format!("Day {:.1} of {:.1}", props.day, latest)
    } else {
        format!("Day {:.1} (latest)", latest)
    };
    html! {
        <div class={classes!("timeline", props.travelling.then_some("travelling"))} role="group" aria-label="Time travel">
            <button class="btn" onclick={back} disabled={props.events == 0}
                title="Go back one event (Shift+←)" aria-keyshortcuts="Shift+ArrowLeft">
                <span aria-hidden="true" class="btn-icon">{ "|◀" }</span>{ "Back" }
            </button>
            <input type="range" class="timeline-slider" aria-label="Timeline" min="0" max={max.to_string()}
                step={STEP.to_string()} value={value.to_string()} disabled={latest <= 0.0}
                aria-valuetext={text.clone()} oninput={on_input}
                title="Drag to any day already run; ←/→ a tenth of a day, Home the start, End the latest" />
            <span class="timeline-day" data-testid="timeline-day">{ text }</span>
            if props.travelling {
                <span class="timeline-note">{ "Viewing the past: Play goes on from here, a change starts a new branch." }</span>
            }
        </div>
    }
}
