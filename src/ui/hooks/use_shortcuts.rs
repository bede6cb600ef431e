//! Keyboard shortcuts: Space play/pause, → step, Shift+← one event back, R reset; in workshop
//! mode (where Shift+← is ←) → / PageDown and
//! ← / PageUp move through the facilitator flow (presentation clickers send these keys).

use crate::ui::state::{Action, Key};
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// The action a key press asks for, if any. Keys typed into form fields (but for a clicker's
/// page keys in the workshop's prediction), and Space on a focused button (which presses that
/// button), are left alone.
fn action_for(e: &KeyboardEvent) -> Option<Action> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let tag = target.as_ref().map(|el| el.tag_name().to_ascii_lowercase());
    let tag = tag.as_deref().unwrap_or("");
    // A clicker's PageDown / PageUp still move the workshop on while the prediction just typed
    // has the focus (in a two-line field they would only scroll the page).
    let clicker_in_prediction = matches!(e.key().as_str(), "PageDown" | "PageUp")
        && target.as_ref().is_some_and(|el| el.id() == "prediction");
    if matches!(tag, "input" | "select" | "textarea") && !clicker_in_prediction {
        return None;
    }
    let key = match e.key().as_str() {
        " " if tag != "button" => Key::Space,
        "ArrowRight" => Key::Next,
        "ArrowLeft" if e.shift_key() => Key::StepBack,
        "PageDown" => Key::PageDown,
        "ArrowLeft" | "PageUp" => Key::Back,
        "r" | "R" => Key::Reset,
        _ => return None,
    };
    Some(Action::Key(key))
}

/// Listens for the shortcuts on the document while the component lives.
#[hook]
pub fn use_shortcuts(dispatch: Callback<Action>) {
    use_effect_with((), move |_| {
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            options,
            move |e| {
                let e = e
                    .dyn_ref::<KeyboardEvent>()
                    .expect("keydown is a KeyboardEvent");
                if let Some(action) = action_for(e) {
                    e.prevent_default();
                    dispatch.emit(action);
                }
            },
        );
        move || drop(listener)
    });
}
