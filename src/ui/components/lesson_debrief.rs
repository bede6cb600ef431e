//! A lesson's debrief at Reveal: what to notice and the takeaway, the same in the
//! facilitator's panel and on every team's laptop.

use crate::lessons::Lesson;
use yew::prelude::*;

/// Properties of [`LessonDebrief`].
#[derive(Properties, PartialEq)]
pub struct LessonDebriefProps {
    /// The lesson (one of the built-in ones, which live as long as the app).
    pub lesson: &'static Lesson,
}

/// The debrief's text.
#[function_component(LessonDebrief)]
pub fn lesson_debrief(props: &LessonDebriefProps) -> Html {
    let l = props.lesson;
    html! { <>
        <h3>{ "What to notice" }</h3>
        <p>{ l.notice.clone() }</p>
        <h3>{ "Takeaway" }</h3>
        <p>{ l.takeaway.clone() }</p>
    </> }
}
