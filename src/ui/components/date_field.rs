//! A date input (`YYYY-MM-DD`, as the browser's date picker gives it) with a message when no
//! date is chosen or the owner finds the date wrong.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Today's local date as `YYYY-MM-DD`, as a date input gives it.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Properties of [`DateField`].
#[derive(Properties, PartialEq)]
pub struct DateFieldProps {
    /// The input's id; its message's is `{id}-error`.
    pub id: AttrValue,
    /// Visible label.
    pub label: AttrValue,
    /// The date, `YYYY-MM-DD`; empty when none is chosen.
    pub value: AttrValue,
    /// What is wrong with the chosen date, if anything (an empty one is always "Choose a
    /// date.").
    #[prop_or_default]
    pub problem: Option<&'static str>,
    /// The input's new text, at each change.
    pub on_input: Callback<String>,
}

/// The date field.
#[function_component(DateField)]
pub fn date_field(props: &DateFieldProps) -> Html {
    let DateFieldProps {
        id,
        label,
        value,
        problem,
        on_input,
    } = props;
    let oninput =
        on_input.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let problem = if value.trim().is_empty() {
        Some("Choose a date.")
    } else {
        *problem
    };
    let err_id = format!("{id}-error");
    html! {
        <div class={classes!("field", problem.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ label.clone() }</label>
            <div class="field-input">
                <input id={id.clone()} type="date" value={value.to_string()} aria-invalid={problem.is_some().to_string()}
                    aria-describedby={problem.is_some().then(|| err_id.clone())} {oninput} />
            </div>
            if let Some(problem) = problem { <p class="field-error" id={err_id} role="alert">{ problem }</p> }
        </div>
    }
}
