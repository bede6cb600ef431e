//! Workshop mode's facilitator flow for a lesson: predict, run, reveal. Driven from the
//! keyboard or a presentation clicker (→ / PageDown next, ← / PageUp back).

use super::lesson_debrief::lesson_debrief;
use super::phase_steps::phase_steps;
use crate::sim::compare::SETTLED_ITEMS;
use crate::ui::state::{Action, LessonAt, Phase};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Properties of [`Workshop`].
#[derive(Properties, PartialEq, Clone)]
pub struct WorkshopProps {
    /// The lesson being presented.
    pub at: LessonAt,
    /// Where in the flow we are.
    pub phase: Phase,
    /// The prediction typed so far.
    pub prediction: AttrValue,
    /// What A and B are.
    pub labels: (AttrValue, AttrValue),
    /// Whether the runs are settled (see [`SETTLED_ITEMS`]): Reveal waits for it.
    pub settled: bool,
    /// The day the statistics start (the scenario's warm-up).
    pub warmup: f64,
    /// How many requests there are when all are in a day-0 backlog (as in the penny game).
    #[prop_or_default]
    pub backlog: Option<u64>,
    /// Sends actions to the app.
    pub dispatch: Callback<Action>,
}

/// The facilitator's panel.
#[function_component(Workshop)]
pub fn workshop(props: &WorkshopProps) -> Html {
    let d = &props.dispatch;
    let Some(lesson) = crate::lessons::all().get(props.at.lesson) else {
        return html! {};
    };
    let back = d.reform(|_: MouseEvent| Action::WorkshopBack);
    let next = d.reform(|_: MouseEvent| Action::WorkshopNext);
    let predict = d.reform(|e: InputEvent| {
        Action::SetPrediction(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let (next_label, hint) = match props.phase {
        Phase::Predict => (
            "Run",
            "Write down what you expect, then press → or PageDown to run.".to_string(),
        ),
        Phase::Run if props.settled => (
            "Reveal",
            "Watch the boards. Press → to reveal the debrief.".into(),
        ),
        Phase::Run => ("Reveal", settling_hint(props)),
        // After the last lesson → starts again from the first.
        Phase::Reveal if props.at.lesson + 1 == crate::lessons::all().len() => (
            "Lesson 1",
            "The runs are paused so the numbers hold still (Space plays on). This was the last lesson: press → to start again from lesson 1.".into(),
        ),
        Phase::Reveal => (
            "Next lesson",
            "The runs are paused so the numbers hold still (Space plays on). Press → for the next lesson.".into(),
        ),
    };
    let waiting = props.phase == Phase::Run && !props.settled;
    // At Reveal the debrief states a claim and the numbers below prove it: on a short screen
    // (a 1280×720 projector) the page scrolls just enough to show the numbers too, never past
    // the top of the debrief. Back from Reveal the panel's top comes back into view.
    use_effect_with(props.phase, |phase| match phase {
        Phase::Reveal => show_the_evidence(),
        Phase::Run => show_the_panel_top(),
        // A new lesson (or back to its start) opens at the top of the page, the app's header
        // (Lessons, Leave workshop) included.
        Phase::Predict => gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0),
    });
    html! {
        <section class="workshop-panel" aria-label="Workshop" data-phase={format!("{:?}", props.phase).to_lowercase()}>
            { phase_steps(props.phase) }
            <h2>{ format!("{}. {}", props.at.lesson + 1, lesson.title) }</h2>
            <p class="workshop-question">{ lesson.question.clone() }</p>
            if !props.labels.0.is_empty() && lesson.steps.len() > 1 {
                <p class="workshop-compare">
                    <span class="variant-tag a">{ "A" }</span>{ props.labels.0.clone() }
                    <span class="vs">{ "vs" }</span>
                    <span class="variant-tag b">{ "B" }</span>{ props.labels.1.clone() }
                </p>
            }
            { match props.phase {
                Phase::Predict => html! {
                    <div class="prediction">
                        <label for="prediction">{ "Your prediction" }</label>
                        <textarea id="prediction" rows="2" placeholder="What will happen to lead time and throughput?"
                            value={props.prediction.clone()} oninput={predict} />
                    </div>
                },
                Phase::Run => html! {},
                Phase::Reveal => html! {
                    <div class="debrief">
                        if !props.prediction.is_empty() {
                            <p class="your-prediction"><strong>{ "You predicted: " }</strong>{ props.prediction.clone() }</p>
                        }
                        { lesson_debrief(lesson) }
                    </div>
                },
            } }
            <div class="workshop-nav">
                <button class="btn" onclick={back} disabled={props.phase == Phase::Predict}>{ "Back" }</button>
                <button class="btn btn-primary" onclick={next} disabled={waiting}
                    aria-describedby="workshop-hint">{ next_label }</button>
                <span class="hint" id="workshop-hint" role="status">{ hint }</span>
            </div>
        </section>
    }
}

/// What Reveal waits for: every item of a small backlog (a penny game's 20 coins), else
/// [`SETTLED_ITEMS`] items a run since the warm-up.
fn settling_hint(props: &WorkshopProps) -> String {
    let faster = "(a faster speed gets there sooner)";
    if let Some(n) = props.backlog.filter(|n| *n < SETTLED_ITEMS) {
        return format!("Reveal opens once both runs are over, all {n} items done {faster}.");
    }
    let warmup = if props.warmup > 0.0 {
        format!(" after its warm-up (day {})", props.warmup)
    } else {
        String::new()
    };
    format!("Settling: Reveal opens once each run has finished {SETTLED_ITEMS} items{warmup}, or is over, so the differences in the table are not chance {faster}.")
}

/// Scrolls the page so the numbers under the debrief (the A/B table, or the metrics of a
/// single run) end inside the window, by no more than brings the debrief to the top.
fn show_the_evidence() {
    let document = gloo::utils::document();
    let window = gloo::utils::window();
    let find = |selector: &str| document.query_selector(selector).ok().flatten();
    let (Some(debrief), Some(evidence)) = (
        find(".workshop-panel .debrief"),
        find(".ab-summary").or_else(|| find(".metrics-strip")),
    ) else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let below = evidence.get_bounding_client_rect().bottom() - height;
    let room = debrief.get_bounding_client_rect().top();
    let by = below.min(room);
    if by > 0.0 {
        window.scroll_by_with_x_and_y(0.0, by);
    }
}

/// Scrolls the page up to the workshop panel's top if it is above the window.
fn show_the_panel_top() {
    let panel = gloo::utils::document()
        .query_selector(".workshop-panel")
        .ok()
        .flatten();
    if let Some(top) = panel.map(|p| p.get_bounding_client_rect().top()) {
        if top < 0.0 {
            gloo::utils::window().scroll_by_with_x_and_y(0.0, top - 16.0);
        }
    }
}
