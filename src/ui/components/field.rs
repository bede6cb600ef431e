//! A number field that checks what is typed as it is typed and applies it when it is committed
//! (Enter, leaving the field, a spinner step): an invalid value shows a message next to the
//! field and is never applied; the applied value stays as it was. [`super::text_field`] is
//! its counterpart for text.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The reply of a field's owner to a new value: `None` when applied, else why it was refused.
pub type Verdict = Option<String>;

/// Properties of [`NumberField`].
#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// Visible label.
    pub label: AttrValue,
    /// Identifies the field for tests and error paths, e.g. `stages[1].workers`.
    pub name: AttrValue,
    /// The applied value (`None`: empty, e.g. no limit).
    pub value: Option<f64>,
    /// Unit shown after the input.
    #[prop_or_default]
    pub unit: AttrValue,
    /// Smallest value offered.
    #[prop_or(0.0)]
    pub min: f64,
    /// The value must be greater than `min`, not equal to it (a mean time, say).
    #[prop_or_default]
    pub above: bool,
    /// Largest value offered.
    #[prop_or(f64::MAX)]
    pub max: f64,
    /// Step of the spinner.
    #[prop_or(1.0)]
    pub step: f64,
    /// Only whole numbers.
    #[prop_or_default]
    pub integer: bool,
    /// Empty is allowed (and means `None`).
    #[prop_or_default]
    pub optional: bool,
    /// Placeholder for an empty optional field.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Tooltip.
    #[prop_or_default]
    pub help: AttrValue,
    /// Applies a value; returns why it was refused, if it was.
    pub on_change: Callback<Option<f64>, Verdict>,
    /// Told after every edit whether the field's text stands (true) or is refused (false), for
    /// an owner that must not act on a refused field's older value (a forecast's Run).
    #[prop_or_default]
    pub on_validity: Option<Callback<bool>>,
}

fn format_value(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    })
}

/// A number field's own rules.
#[derive(Clone, Copy)]
struct Rules {
    min: f64,
    above: bool,
    max: f64,
    integer: bool,
    optional: bool,
}

/// Checks typed text against the field's own rules.
fn parse(props: Rules, text: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return if props.optional {
            Ok(None)
        } else {
            Err("Enter a number.".into())
        };
    }
    let v: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number."))?;
    if !v.is_finite() {
        return Err("Enter a finite number.".into());
    }
    if props.integer && v.fract() != 0.0 {
        return Err("Enter a whole number.".into());
    }
    let too_low = if props.above {
        v <= props.min
    } else {
        v < props.min
    };
    if too_low || v > props.max {
        let min = format_value(Some(props.min));
        let max = format_value(Some(props.max));
        // A value that must be above its least says so, or the most it may be, whichever it
        // broke (both in one sentence are too long for a narrow field).
        return Err(match (props.above, props.max == f64::MAX) {
            (false, true) => format!("Enter a value of at least {min}."),
            (false, false) => format!("Enter a value from {min} to {max}."),
            (true, _) if too_low => format!("Enter a value greater than {min}."),
            (true, _) => format!("Enter a value of at most {max}."),
        });
    }
    Ok(Some(v))
}

/// A number input with a unit and a message when the value is refused.
#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let text = use_state(|| format_value(props.value));
    let error = use_state(|| None::<String>);
    // The text last committed: an owner may round what it applies (a share to 0.01 %), so a
    // committed text can differ from the applied value and still be no longer pending.
    let committed = use_state(|| format_value(props.value));
    {
        // Follow outside changes (reset, a lesson) unless the person is fixing an error.
        let text = text.clone();
        let error = error.clone();
        use_effect_with(props.value, move |v| {
            if error.is_none() && parse_loose(&text) != *v {
                text.set(format_value(*v));
            }
        });
    }
    let rules = Rules {
        min: props.min,
        above: props.above,
        max: props.max,
        integer: props.integer,
        optional: props.optional,
    };
    // Typing only checks: "600" passes through 6 and 60 on the way, which must not reach the
    // model. The value is applied when it is committed (Enter, leaving the field, a spinner
    // step: the input's change event).
    let oninput = {
        let text = text.clone();
        let error = error.clone();
        let on_validity = props.on_validity.clone();
        move |e: InputEvent| {
            let t = e.target_unchecked_into::<HtmlInputElement>().value();
            let verdict = parse(rules, &t).err();
            text.set(t);
            if let Some(cb) = &on_validity {
                cb.emit(verdict.is_none());
            }
            error.set(verdict);
        }
    };
    let onchange = {
        let error = error.clone();
        let committed = committed.clone();
        let on_change = props.on_change.clone();
        let on_validity = props.on_validity.clone();
        let applied = props.value;
        move |e: Event| {
            let t = e.target_unchecked_into::<HtmlInputElement>().value();
            committed.set(t.clone());
            let verdict = match parse(rules, &t) {
                Ok(v) if v == applied => None,
                Ok(v) => on_change.emit(v),
                Err(why) => Some(why),
            };
            if let Some(cb) = &on_validity {
                cb.emit(verdict.is_none());
            }
            error.set(verdict);
        }
    };
    // Typed, allowed, not applied yet.
    let pending = error.is_none()
        && *text != *committed
        && parse(rules, &text).is_ok_and(|v| v != props.value);
    let id = format!("field-{}", props.name);
    let err_id = format!("{id}-error");
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))} data-field={props.name.clone()}>
            <label for={id.clone()} title={props.help.clone()}>{ props.label.clone() }</label>
            <div class="field-input">
                <input id={id} type="number" inputmode="decimal" value={(*text).clone()}
                    min={props.min.to_string()} max={(props.max < f64::MAX).then(|| props.max.to_string())}
                    step={props.step.to_string()} placeholder={props.placeholder.clone()}
                    aria-invalid={error.is_some().to_string()} aria-describedby={error.is_some().then(|| err_id.clone())}
                    title={props.help.clone()} {oninput} {onchange} />
                if !props.unit.is_empty() { <span class="unit">{ props.unit.clone() }</span> }
            </div>
            if let Some(message) = &*error {
                <p class="field-error" id={err_id} role="alert">{ message.clone() }</p>
            } else if pending {
                <p class="field-hint">{ "Press Enter to apply" }</p>
            }
        </div>
    }
}

fn parse_loose(text: &str) -> Option<f64> {
    text.trim().parse().ok()
}
