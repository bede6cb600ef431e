//! Where keyboard focus goes when the control that had it leaves the page.
//!
//! Picking a lesson closes the list whose item was pressed; Compare A/B lays the page out again
//! around a new control bar; closing a lesson removes its panel; a part that could not be
//! fetched gives way to the part. Left alone, focus would fall to the page's body, and someone
//! on a keyboard or a screen reader would start again from the top of the page. These helpers
//! put it on what the action brought (a heading is announced) or back on what opens it again.

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// How long to wait for the element (a part may still be on its way): 200 × 50 ms.
const TRIES: u32 = 200;
const EVERY_MS: u32 = 50;

/// Moves focus to the first element matching `selector` once it is on the page, if focus is
/// still lost by then (on the body, or on an element that has left the page): someone who
/// moved on meanwhile keeps their place. Gives up after ten seconds.
pub fn focus_when_shown(selector: &'static str) {
    focus_when(Box::new(move |doc| {
        doc.query_selector(selector).ok().flatten()
    }));
}

/// Finds the element to focus, once it is there.
pub type Find = Box<dyn Fn(&Document) -> Option<Element>>;

/// Like [`focus_when_shown`], for what `find` returns: the element itself when it is a
/// control, else its first heading or control, else the element (focusable from script only).
pub fn focus_when(find: Find) {
    yew::platform::spawn_local(async move {
        for _ in 0..TRIES {
            // First let the action's render happen.
            TimeoutFuture::new(EVERY_MS).await;
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            if !lost(&doc) {
                return;
            }
            if let Some(found) = find(&doc) {
                focus(&target(found));
                return;
            }
        }
    });
}

/// True when focus is nowhere in particular: on the body, or on an element no longer on the
/// page.
fn lost(doc: &Document) -> bool {
    match doc.active_element() {
        None => true,
        Some(el) => doc.body().is_some_and(|b| *b == el) || !el.is_connected(),
    }
}

/// What to focus in `el`: itself if it is a control or a heading, else its first heading, else
/// its first control, else itself.
fn target(el: Element) -> Element {
    const CONTROLS: &str =
        "button:not([disabled]), a[href], input, select, textarea, summary, [tabindex]";
    const HEADINGS: &str = "h1, h2, h3, h4";
    if el.matches(CONTROLS).unwrap_or(false) || el.matches(HEADINGS).unwrap_or(false) {
        return el;
    }
    let first = |s: &str| el.query_selector(s).ok().flatten();
    first(HEADINGS).or_else(|| first(CONTROLS)).unwrap_or(el)
}

/// Focuses `el`, making it focusable from script first if it is not a control.
fn focus(el: &Element) {
    let Some(el) = el.dyn_ref::<HtmlElement>() else {
        return;
    };
    if el.tab_index() < 0 && !el.has_attribute("tabindex") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
}
