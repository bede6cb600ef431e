//! Keyboard shortcuts: Space play/pause, → step, Shift+← one event back, R reset; in workshop
//! mode (where Shift+← is ←) → / PageDown and
//! ← / PageUp move through the facilitator flow (presentation clickers send these keys).

use crate::ui::state::{Action, Key};
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// The action a key press asks for, if any. Keys typed into form fields and Space on a
/// focused button (which presses that button) are left alone; so are PageDown and PageUp
/// outside workshop mode (they scroll the page). In workshop mode a clicker's PageDown and
/// PageUp move the flow on from anywhere: from the prediction just typed (in a two-line
/// field they would only scroll) and from the Speed menu chosen with the mouse (where they,
/// and ← / →, would change the speed instead).
fn action_for(e: &KeyboardEvent, workshop: bool) -> Option<Action> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    let tag = target.as_ref().map(|el| el.tag_name().to_ascii_lowercase());
    let tag = tag.as_deref().unwrap_or("");
    let page_key = matches!(e.key().as_str(), "PageDown" | "PageUp");
    if page_key && !workshop {
        return None;
    }
    // A clicker sending ← / → instead: in a menu (Speed) they would change its choice, which
    // its ↑ / ↓ still do.
    let side_arrow = matches!(e.key().as_str(), "ArrowLeft" | "ArrowRight");
    let flow_key = page_key || (workshop && tag == "select" && side_arrow);
    if matches!(tag, "input" | "select" | "textarea") && !flow_key {
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

/// Listens for the shortcuts on the document while the component lives; `workshop` says
/// whether workshop mode is on.
#[hook]
pub fn use_shortcuts(dispatch: Callback<Action>, workshop: bool) {
    use_effect_with(workshop, move |&workshop| {
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            options,
            move |e| {
                let e = e
                    .dyn_ref::<KeyboardEvent>()
                    .expect("keydown is a KeyboardEvent");
                if let Some(action) = action_for(e, workshop) {
                    e.prevent_default();
                    dispatch.emit(action);
                }
            },
        );
        move || drop(listener)
    });
}
