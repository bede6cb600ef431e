//! A history CSV pasted, dropped or picked, as text.

use crate::ui::hooks::use_file_reader::use_file_reader;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`HistoryInput`].
#[derive(Properties, PartialEq)]
pub struct HistoryInputProps {
    /// The text so far.
    pub text: AttrValue,
    /// A new text (typed, pasted, dropped or picked).
    pub on_text: Callback<String>,
}

/// A text area that also takes a dropped file, and a file picker.
#[function_component(HistoryInput)]
pub fn history_input(props: &HistoryInputProps) -> Html {
    let error = use_state(|| None::<String>);
    let read = {
        let on_text = props.on_text.clone();
        let ok = error.clone();
        let on_error = {
            let error = error.clone();
            Callback::from(move |e: String| error.set(Some(e)))
        };
        use_file_reader(
            Callback::from(move |(_, text): (String, String)| {
                ok.set(None);
                on_text.emit(text)
            }),
            on_error,
        )
    };
    let oninput = props
        .on_text
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    let ondrop = {
        let read = read.clone();
        move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read.emit(f);
            }
        }
    };
    let ondragover = |e: DragEvent| e.prevent_default();
    let onchange = move |e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        if let Some(f) = input.files().and_then(|f| f.get(0)) {
            read.emit(f);
        }
        input.set_value("");
    };
    html! {
        <div class="field history-input">
            <label for="forecast-history">{ "History (CSV)" }</label>
            <textarea id="forecast-history" rows="6" spellcheck="false" value={props.text.clone()}
                placeholder={"id,Started,Done\n1,2026-01-05,2026-01-08\n…  (paste or drop a file here)"}
                {oninput} {ondrop} {ondragover} />
            <label class="btn file-btn">{ "Choose a CSV file…" }
                <input type="file" accept=".csv,text/csv,text/plain" class="sr-only" {onchange} />
            </label>
            if let Some(e) = &*error { <p class="field-error" role="alert">{ e.clone() }</p> }
        </div>
    }
}
