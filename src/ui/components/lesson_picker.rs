//! The list of lessons, opened from the header.

use crate::ui::state::Action;
use yew::prelude::*;

/// Properties of [`LessonPicker`].
#[derive(Properties, PartialEq)]
pub struct LessonPickerProps {
    /// Sends actions to the app.
    pub dispatch: Callback<Action>,
}

/// A "Lessons" button that opens the list.
#[function_component(LessonPicker)]
pub fn lesson_picker(props: &LessonPickerProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        move |_: MouseEvent| open.set(!*open)
    };
    html! {
        <div class="lesson-picker">
            <button class="btn btn-small" aria-expanded={open.to_string()} aria-controls="lesson-list" onclick={toggle}>
                { "Lessons ▾" }
            </button>
            if *open {
                <ol class="lesson-list" id="lesson-list">
                    { for crate::lessons::all().iter().enumerate().map(|(i, l)| {
                        let pick = {
                            let open = open.clone();
                            let d = props.dispatch.clone();
                            move |_: MouseEvent| {
                                open.set(false);
                                d.emit(Action::OpenLesson(i));
                            }
                        };
                        html! {
                            <li>
                                <button class="lesson-item" onclick={pick}>
                                    <span class="lesson-title">{ format!("{}. {}", i + 1, l.title) }</span>
                                    <span class="lesson-q">{ l.question.clone() }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            }
        </div>
    }
}
