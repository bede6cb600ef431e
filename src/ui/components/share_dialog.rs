//! Share and embed: a link to the exact current state, and an iframe snippet for a wiki page
//! with chosen panels and controls, with a live preview.

use crate::share::{Embed, CONTROLS, PANELS};
use crate::ui::link::link_to;
use crate::ui::state::AppState;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`ShareDialog`].
#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    /// The state to share.
    pub state: Rc<AppState>,
    /// Closes the dialog.
    pub on_close: Callback<()>,
}

/// What the host page adds once so that embedded frames take the height of their content.
const RESIZE_SCRIPT: &str = r#"<script>addEventListener("message",function(e){var d=e.data;if(!d||d.type!=="flowsim:height")return;document.querySelectorAll("iframe[data-flowsim]").forEach(function(f){if(f.contentWindow===e.source)f.style.height=d.height+"px"})})</script>"#;

fn label(key: &str) -> &'static str {
    match key {
        "controls" => "Run controls",
        "metrics" => "Metrics",
        "board" => "Board",
        "throughput" => "Throughput chart",
        "lead" => "Lead-time chart",
        "cfd" => "Cumulative flow",
        "histogram" => "Lead-time histogram",
        "stages" => "Stage chart",
        "play" => "Play / Pause",
        "step" => "Step",
        "reset" => "Reset",
        "speed" => "Speed",
        _ => "?",
    }
}

/// The dialog.
#[function_component(ShareDialog)]
pub fn share_dialog(props: &ShareDialogProps) -> Html {
    let embed = use_state(|| Embed {
        panels: ["controls", "metrics", "board", "lead"]
            .map(String::from)
            .to_vec(),
        controls: ["play", "reset"].map(String::from).to_vec(),
        autoplay: false,
    });
    let copied = use_state(|| false);
    let link = link_to(&props.state, None);
    let embed_link = link_to(&props.state, Some(&embed));
    let title = if props.state.scenario.name.is_empty() {
        "flowsim"
    } else {
        props.state.scenario.name.as_str()
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
    let toggle = |list: &'static str, key: &'static str| {
        let embed = embed.clone();
        move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next = (*embed).clone();
            let (items, order): (&mut Vec<String>, &[&str]) = if list == "panels" {
                (&mut next.panels, &PANELS)
            } else {
                (&mut next.controls, &CONTROLS)
            };
            items.retain(|k| k != key);
            if on {
                items.push(key.to_string());
            }
            items.sort_by_key(|k| order.iter().position(|o| o == k));
            embed.set(next);
        }
    };
    let autoplay = {
        let embed = embed.clone();
        move |e: Event| {
            let mut next = (*embed).clone();
            next.autoplay = e.target_unchecked_into::<HtmlInputElement>().checked();
            embed.set(next);
        }
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let select_all = |e: FocusEvent| {
        if let Some(el) = e.target_dyn_into::<HtmlInputElement>() {
            el.select();
        }
    };
    html! {
        <div class="dialog-backdrop">
            <section class="dialog" role="dialog" aria-modal="true" aria-labelledby="share-title">
                <header class="dialog-head">
                    <h2 id="share-title">{ "Share and embed" }</h2>
                    <button class="icon-btn" aria-label="Close" onclick={close}>{ "✕" }</button>
                </header>
                <h3>{ "Link" }</h3>
                <p class="muted">{ "Opens this scenario, seed, lesson, A/B variant and view exactly as they are now: the same seed gives the same run." }</p>
                <div class="copy-row">
                    <input class="link-field" readonly=true value={link.clone()} aria-label="Link to this state" onfocus={select_all} />
                    <button class="btn btn-primary" onclick={copy}>{ if *copied { "Copied" } else { "Copy link" } }</button>
                </div>
                <h3>{ "Embed in a wiki page" }</h3>
                <div class="embed-options">
                    <fieldset>
                        <legend>{ "Panels" }</legend>
                        { for PANELS.iter().map(|k| html! {
                            <label class="check"><input type="checkbox" checked={embed.panels.iter().any(|p| p == k)} onchange={toggle("panels", k)} />{ label(k) }</label>
                        }) }
                    </fieldset>
                    <fieldset>
                        <legend>{ "Controls (the others are locked)" }</legend>
                        { for CONTROLS.iter().map(|k| html! {
                            <label class="check"><input type="checkbox" checked={embed.controls.iter().any(|p| p == k)} onchange={toggle("controls", k)} />{ label(k) }</label>
                        }) }
                        <label class="check"><input type="checkbox" checked={embed.autoplay} onchange={autoplay} />{ "Start running at once" }</label>
                    </fieldset>
                </div>
                <label for="embed-snippet">{ "Paste this into the page (the script lets the frame grow to fit):" }</label>
                <textarea id="embed-snippet" class="snippet" readonly=true rows="4" value={snippet} />
                <p class="muted">{ "Preview:" }</p>
                <iframe class="preview" src={embed_link} title="Preview of the embedded simulation"></iframe>
            </section>
        </div>
    }
}
