//! A text field that checks what is typed, like [`super::field::NumberField`]: a refused
//! value shows why next to the field and is never applied. Shows text as text, always.

use super::field::Verdict;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// Visible label.
    pub label: AttrValue,
    /// Identifies the field, e.g. `stages[1].name`.
    pub name: AttrValue,
    /// The applied value.
    pub value: AttrValue,
    /// Applies a value; returns why it was refused, if it was.
    pub on_change: Callback<String, Verdict>,
}

/// A text input with a message when the value is refused. Shows text as text, always.
#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let text = use_state(|| props.value.to_string());
    let error = use_state(|| None::<String>);
    {
        let text = text.clone();
        let error = error.clone();
        use_effect_with(props.value.clone(), move |v| {
            if error.is_none() && **text != **v {
                text.set(v.to_string());
            }
        });
    }
    let oninput = {
        let text = text.clone();
        let error = error.clone();
        let on_change = props.on_change.clone();
        move |e: InputEvent| {
            let t = e.target_unchecked_into::<HtmlInputElement>().value();
            text.set(t.clone());
            error.set(on_change.emit(t));
        }
    };
    let id = format!("field-{}", props.name);
    let err_id = format!("{id}-error");
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))} data-field={props.name.clone()}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            <div class="field-input">
                <input id={id} type="text" value={(*text).clone()} aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.is_some().then(|| err_id.clone())} {oninput} />
            </div>
            if let Some(message) = &*error {
                <p class="field-error" id={err_id} role="alert">{ message.clone() }</p>
            }
        </div>
    }
}
