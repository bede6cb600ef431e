//! The open lesson: its question, steps, what to try, what to notice and the takeaway.

use crate::ui::focus::focus_when_shown;
use crate::ui::state::{Action, LessonAt};
use yew::prelude::*;

/// Properties of [`LessonPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct LessonPanelProps {
    /// The open one and its step.
    pub at: LessonAt,
    /// Sends actions to the app.
    pub dispatch: Callback<Action>,
}

/// The lesson's narrative and its steps.
#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let d = &props.dispatch;
    let n = crate::lessons::all().len();
    let Some(lesson) = crate::lessons::all().get(props.at.lesson) else {
        return html! {};
    };
    let at = props.at;
    let step = &lesson.steps[at.step.min(lesson.steps.len() - 1)];
    // At the first or the last lesson the arrow pressed turns off: focus goes to the heading.
    let open = |i: usize| {
        d.reform(move |_: MouseEvent| {
            focus_when_shown(".lesson-panel h2");
            Action::OpenLesson(i)
        })
    };
    let prev = (at.lesson > 0).then(|| open(at.lesson - 1));
    let next = (at.lesson + 1 < n).then(|| open(at.lesson + 1));
    let close = d.reform(|_: MouseEvent| {
        // The panel goes: focus goes back to the button that opens a lesson.
        focus_when_shown(".lesson-picker > button");
        Action::CloseLesson
    });
    let compare = (lesson.steps.len() > 1).then(|| {
        // From the first step of the pair the lesson names for comparison (its debrief's:
        // lesson 6's 70 % against 90 % load), that pair; otherwise this step and the next.
        let j = match lesson.compare {
            Some([a, b]) if a == at.step => b,
            _ if at.step + 1 < lesson.steps.len() => at.step + 1,
            _ => 0,
        };
        let (a, b) = (&lesson.steps[at.step], &lesson.steps[j]);
        let mut b_scenario = b.scenario.clone();
        b_scenario.seed = a.scenario.seed;
        let (la, lb) = (a.label.clone(), b.label.clone());
        let title = format!("Run “{la}” and “{lb}” side by side on the same seed");
        let go = d.reform(move |_: MouseEvent| {
            Action::StartAb(Some((b_scenario.clone(), la.clone(), lb.clone())))
        });
        (go, title)
    });
    html! {
        <section class="lesson-panel" aria-label="Lesson" data-lesson={lesson.id.clone()}>
            <header class="lesson-head">
                <span class="lesson-count">{ format!("Lesson {} of {n}", at.lesson + 1) }</span>
                <h2>{ lesson.title.clone() }</h2>
                <div class="lesson-nav">
                    <button class="icon-btn" aria-label="Previous lesson" disabled={prev.is_none()} onclick={prev.unwrap_or_default()}>{ "←" }</button>
                    <button class="icon-btn" aria-label="Next lesson" disabled={next.is_none()} onclick={next.unwrap_or_default()}>{ "→" }</button>
                    <button class="icon-btn" aria-label="Close the lesson" onclick={close}>{ "✕" }</button>
                </div>
            </header>
            <p class="lesson-question">{ lesson.question.clone() }</p>
            <div class="lesson-steps" role="group" aria-label="Steps of this lesson">
                { for lesson.steps.iter().enumerate().map(|(i, s)| {
                    let go = d.reform(move |_: MouseEvent| Action::LessonStep(i));
                    html! {
                        <button class={classes!("btn", "btn-small", (i == at.step).then_some("btn-primary"))}
                            aria-pressed={(i == at.step).to_string()} onclick={go}>{ s.label.clone() }</button>
                    }
                }) }
                if let Some((cb, title)) = compare {
                    <button class="btn btn-small" onclick={cb} {title}>
                        { "Compare side by side" }
                    </button>
                }
            </div>
            if !step.note.is_empty() { <p class="lesson-note">{ step.note.clone() }</p> }
            <details class="lesson-part" open=true><summary>{ "What to try" }</summary><p>{ lesson.try_this.clone() }</p></details>
            <details class="lesson-part"><summary>{ "What to notice" }</summary><p>{ lesson.notice.clone() }</p></details>
            <details class="lesson-part"><summary>{ "Takeaway" }</summary><p>{ lesson.takeaway.clone() }</p></details>
        </section>
    }
}
