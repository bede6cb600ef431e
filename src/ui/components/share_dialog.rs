//! Share and embed: a link to the exact current state, and an iframe snippet for a wiki page
//! with chosen panels and controls, with a live preview.

use super::modal::Modal;
use crate::share::{in_order, Choice, Control, Embed, Panel};
use crate::ui::link::link_to;
use crate::ui::state::AppState;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`ShareDialog`].
#[derive(Properties, PartialEq, Clone)]
pub struct ShareDialogProps {
    /// The state to share.
    pub state: Rc<AppState>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// What the host page adds once so that embedded frames take the height of their content.
const RESIZE_SCRIPT: &str = r#"<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="flowsim:height")return;document.querySelectorAll("iframe[data-flowsim]").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})})</script>"#;

/// The dialog.
#[function_component(ShareDialog)]
pub fn share_dialog(props: &ShareDialogProps) -> Html {
    let embed = use_state(|| Embed {
        panels: vec![Panel::Controls, Panel::Metrics, Panel::Board, Panel::Lead],
        controls: vec![Control::Play, Control::Reset],
        autoplay: false,
    });
    let copied = use_state(|| false);
    let with_controls = embed.shows(Panel::Controls);
    let link = link_to(&props.state, None);
    let embed_link = link_to(&props.state, Some(&embed));
    let name = &props.state.snap.scenario.name;
    let title = if name.is_empty() {
        "flowsim"
    } else {
        name.as_str()
    };
    let title_attr: String = title
        .chars()
        .filter(|c| !matches!(c, '"' | '<' | '>' | '&'))
        .collect();
    let snippet = format!(
        "<iframe data-flowsim src=\"{embed_link}\" title=\"flowsim: {title_attr}\" style=\"width:100%;height:560px;border:0\" loading=\"lazy\"></iframe>\n{RESIZE_SCRIPT}"
    );
    let copy = {
        let link = link.clone();
        let copied = copied.clone();
        move |_: MouseEvent| {
            let clipboard = gloo::utils::window().navigator().clipboard();
            let _ = clipboard.write_text(&link);
            copied.set(true);
        }
    };
    // A checkbox that adds or removes one option of a list of the embed.
    fn toggle<C: Choice>(
        embed: &UseStateHandle<Embed>,
        list: fn(&mut Embed) -> &mut Vec<C>,
        item: C,
    ) -> impl Fn(Event) {
        let embed = embed.clone();
        move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next = (*embed).clone();
            let items = list(&mut next);
            items.retain(|&k| k != item);
            if on {
                items.push(item);
            }
            *items = in_order(items);
            embed.set(next);
        }
    }
    let autoplay = {
        let embed = embed.clone();
        move |e: Event| {
            let mut next = (*embed).clone();
            next.autoplay = e.target_unchecked_into::<HtmlInputElement>().checked();
            embed.set(next);
        }
    };
    let select_all = |e: FocusEvent| {
        if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
            el.select();
        }
    };
    html! {
        <Modal title_id="share-title" title="Share and embed" on_close={props.on_close.clone()}>
                <h3>{ "Link" }</h3>
                <p class="muted">{ "Opens this scenario, seed, lesson, A/B variant and view as they are now, at day 0, with the changes you made during the run at the moments you made them: playing it gives the same run." }</p>
                <div class="copy-row">
                    <input class="link-field" readonly=true value={link.clone()} aria-label="Link to this state" onfocus={select_all} />
                    <button class="btn btn-primary" onclick={copy}>{ if *copied { "Copied" } else { "Copy link" } }</button>
                </div>
                <h3>{ "Embed in a wiki page" }</h3>
                <div class="embed-options">
                    <fieldset>
                        <legend>{ "Panels" }</legend>
                        { for Panel::ALL.iter().map(|&k| {
                            // The last panel ticked stays: an embed shows at least one.
                            let last = embed.panels == [k];
                            html! {
                                <label class="check" title={last.then_some("An embed shows at least one panel")}><input type="checkbox" checked={embed.shows(k)} disabled={last} onchange={toggle(&embed, |e| &mut e.panels, k)} />{ k.label() }</label>
                            }
                        }) }
                    </fieldset>
                    <fieldset disabled={!with_controls}>
                        <legend>{ if with_controls { "Controls (the others are locked)" } else { "Controls (tick Run controls to offer any)" } }</legend>
                        { for Control::ALL.iter().map(|&k| html! {
                            <label class="check"><input type="checkbox" checked={with_controls && embed.offers(k)} onchange={toggle(&embed, |e| &mut e.controls, k)} />{ k.label() }</label>
                        }) }
                    </fieldset>
                    <label class="check"><input type="checkbox" checked={embed.autoplay} onchange={autoplay} />{ "Start running at once" }</label>
                </div>
                <label for="embed-snippet">{ "Paste this into the page (the script lets the frame grow to fit):" }</label>
                <textarea id="embed-snippet" class="snippet" readonly=true rows="4" value={snippet} />
                <p class="muted">{ "Preview:" }</p>
                // Keyed by its link: a new fragment alone would not reload the frame.
                <iframe key={embed_link.clone()} class="preview" src={embed_link} title="Preview of the embedded simulation"></iframe>
        </Modal>
    }
}
