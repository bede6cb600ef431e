//! A modal `<dialog>`: opened as it mounts, the browser keeps the focus inside it and makes
//! the page behind it inert; Escape, a click on the backdrop or the ✕ close it (through the
//! app, which removes it), and the focus goes back where it was.

use web_sys::HtmlDialogElement;
use yew::prelude::*;

/// Properties of [`Modal`].
#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The id of the heading that names the dialog (the modal draws it, with the ✕).
    pub title_id: AttrValue,
    /// The heading's text.
    pub title: AttrValue,
    /// A class for the dialog besides `dialog`.
    #[prop_or_default]
    pub class: Classes,
    /// Closes the dialog.
    pub on_close: Callback<()>,
    /// What the dialog holds under its heading.
    pub children: Html,
}

/// The dialog.
#[function_component(Modal)]
pub fn modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    use_effect_with(dialog.clone(), move |dialog| {
        let dialog = dialog.clone();
        // Focus goes back where it was (the button that opened it) when the dialog closes.
        let before = gloo::utils::document().active_element();
        if let Some(d) = dialog.cast::<HtmlDialogElement>() {
            let _ = d.show_modal();
        }
        move || {
            use wasm_bindgen::JsCast;
            // Still open, the dialog makes the page inert: close it first.
            if let Some(d) = dialog.cast::<HtmlDialogElement>() {
                d.close();
            }
            if let Some(el) = before.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    // Escape asks the dialog to cancel: close it through the app, which removes it.
    let cancel = props.on_close.reform(|e: Event| e.prevent_default());
    // A click on the backdrop lands on the <dialog> itself (its content fills an inner box).
    // Yew listens at its root, so the event's current target is not the dialog: compare with
    // the dialog's node.
    let backdrop = {
        let (on_close, dialog) = (props.on_close.clone(), dialog.clone());
        move |e: MouseEvent| {
            let target = e.target_dyn_into::<web_sys::Element>();
            if target.is_some() && target == dialog.cast::<web_sys::Element>() {
                on_close.emit(());
            }
        }
    };
    html! {
        <dialog ref={dialog} class={classes!("dialog", props.class.clone())} aria-labelledby={props.title_id.clone()}
            oncancel={cancel} onclick={backdrop}>
            <div class="dialog-body">
                <header class="dialog-head">
                    <h2 id={props.title_id.clone()}>{ props.title.clone() }</h2>
                    <button class="icon-btn" aria-label="Close" onclick={close}>{ "✕" }</button>
                </header>
                { props.children.clone() }
            </div>
        </dialog>
    }
}
