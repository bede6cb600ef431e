//! The list of lessons, opened from the header.

use crate::ui::focus::focus_when_shown;
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
    let picker = use_node_ref();
    let button = use_node_ref();
    let toggle = {
        let open = open.clone();
        move |_: MouseEvent| open.set(!*open)
    };
    // Escape closes the list and gives focus back to its button.
    let keydown = {
        let (open, button) = (open.clone(), button.clone());
        move |e: KeyboardEvent| {
            if *open && e.key() == "Escape" {
                e.stop_propagation();
                open.set(false);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        }
    };
    // So does focus leaving it: a click or a Tab anywhere else.
    let focusout = {
        let (open, picker) = (open.clone(), picker.clone());
        move |e: FocusEvent| {
            use wasm_bindgen::JsCast;
            let to = e
                .related_target()
                .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = picker
                .cast::<web_sys::Node>()
                .is_some_and(|p| to.is_some_and(|t| p.contains(Some(&t))));
            if !inside {
                open.set(false);
            }
        }
    };
    html! {
        <div class="lesson-picker" ref={picker} onkeydown={keydown} onfocusout={focusout}>
            <button ref={button} class="btn btn-small" aria-expanded={open.to_string()} aria-controls="lesson-list" onclick={toggle}>
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
                                // The list closes under the item: focus goes to the lesson (in
                                // workshop mode, its workshop panel).
                                focus_when_shown(".lesson-panel h2, .workshop-panel h2");
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
