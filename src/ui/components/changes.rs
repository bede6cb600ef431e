//! The list of changes made during the run (interventions), newest first.

use crate::sim::Intervention;
use yew::prelude::*;

/// Properties of [`Changes`].
#[derive(Properties, PartialEq)]
pub struct ChangesProps {
    /// Every intervention so far, oldest first.
    pub interventions: Vec<Intervention>,
}

/// Most changes listed.
const SHOWN: usize = 6;

/// The changes log; empty until the first change.
#[function_component(Changes)]
pub fn changes(props: &ChangesProps) -> Html {
    let list = &props.interventions;
    if list.is_empty() {
        return html! {};
    }
    html! {
        <section class="changes" aria-label="Changes during this run">
            <h4>{ "Your changes" }</h4>
            <ol reversed=true>
                { for list.iter().rev().take(SHOWN).map(|i| html! {
                    <li><span class="when">{ format!("Day {:.1}", i.time) }</span>{ i.label.clone() }</li>
                }) }
            </ol>
            if list.len() > SHOWN { <p class="more-changes">{ format!("and {} earlier", list.len() - SHOWN) }</p> }
        </section>
    }
}
