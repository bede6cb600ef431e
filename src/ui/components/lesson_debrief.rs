//! A lesson's debrief at Reveal: what to notice and the takeaway, the same in the
//! facilitator's panel and on every team's laptop.

use crate::lessons::Lesson;
use yew::prelude::*;

/// The debrief's text for lesson `l`. A plain view function, not a component: it has no
/// state, and each component costs the app its own compiled lifecycle.
pub fn lesson_debrief(l: &Lesson) -> Html {
    html! { <>
        <h3>{ "What to notice" }</h3>
        <p>{ l.notice.clone() }</p>
        <h3>{ "Takeaway" }</h3>
        <p>{ l.takeaway.clone() }</p>
    </> }
}
