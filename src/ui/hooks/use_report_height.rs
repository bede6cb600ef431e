//! In embed mode: tell the page around the iframe how tall the content is, so the frame can
//! size itself. Posts `{ type: "flowsim:height", height }` to the parent window.

use gloo::events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

fn post_height(last: &Cell<i32>) {
    let window = gloo::utils::window();
    let Some(root) = gloo::utils::document().document_element() else {
        return;
    };
    let height = root.scroll_height();
    if height == last.get() {
        return;
    }
    last.set(height);
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"flowsim:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
    let _ = parent.post_message(&message, "*");
}

/// Reports the height after every render and on resize, when `active`.
#[hook]
pub fn use_report_height(active: bool) {
    let last = use_mut_ref(|| Rc::new(Cell::new(-1)));
    let last = last.borrow().clone();
    {
        let last = last.clone();
        use_effect(move || {
            if active {
                post_height(&last);
            }
        });
    }
    use_effect_with(active, move |active| {
        let listener = active.then(|| {
            EventListener::new(&gloo::utils::window(), "resize", move |_| {
                post_height(&last)
            })
        });
        move || drop(listener)
    });
}
