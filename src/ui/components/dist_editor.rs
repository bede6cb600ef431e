//! Editing a work-time distribution: its type and parameters.

use super::field::{NumberField, Verdict};
use crate::sim::dist::{MAX_CV, MAX_DURATION, MAX_ERLANG_K};
use crate::sim::Dist;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`DistEditor`].
#[derive(Properties, PartialEq)]
pub struct DistEditorProps {
    /// Label of the whole group.
    pub label: AttrValue,
    /// Field path of the distribution, e.g. `stages[0].work`.
    pub path: AttrValue,
    /// The applied distribution.
    pub dist: Dist,
    /// Applies a distribution; returns why it was refused, if it was.
    pub on_change: Callback<Dist, Verdict>,
}

const TYPES: [(&str, &str); 6] = [
    ("constant", "Constant"),
    ("exponential", "Exponential (cv 1)"),
    ("lognormal", "Lognormal (mean, cv)"),
    ("erlang", "Erlang (k phases)"),
    ("uniform", "Uniform (min–max)"),
    ("triangular", "Triangular (min, mode, max)"),
];

fn type_of(d: &Dist) -> &'static str {
    match d {
        Dist::Constant { .. } => "constant",
        Dist::Uniform { .. } => "uniform",
        Dist::Triangular { .. } => "triangular",
        Dist::Exponential { .. } => "exponential",
        Dist::Lognormal { .. } => "lognormal",
        Dist::Erlang { .. } => "erlang",
    }
}

/// A distribution of the given type with (about) the same mean as `old`.
fn convert(old: &Dist, to: &str) -> Dist {
    let m = old.mean().max(0.01);
    match to {
        "constant" => Dist::Constant { value: m },
        "uniform" => Dist::Uniform {
            min: m * 0.5,
            max: m * 1.5,
        },
        "triangular" => Dist::Triangular {
            min: m * 0.5,
            mode: m * 0.75,
            max: m * 1.75,
        },
        "lognormal" => Dist::Lognormal { mean: m, cv: 1.0 },
        "erlang" => Dist::Erlang { k: 3, mean: m },
        _ => Dist::Exponential { mean: m },
    }
}

/// One parameter of a distribution.
fn param(
    props: &DistEditorProps,
    key: &'static str,
    label: &'static str,
    value: f64,
    unit: &'static str,
    set: fn(&mut Dist, f64),
) -> Html {
    let dist = props.dist.clone();
    let on_change = props.on_change.clone();
    let integer = key == "k";
    // As the scenario's rules say: mean times and the cv must be greater than 0 (a constant
    // or a range may be 0); times are at most MAX_DURATION days, the cv at most MAX_CV.
    let above = matches!(key, "mean" | "cv");
    let max = match key {
        "k" => MAX_ERLANG_K as f64,
        "cv" => MAX_CV,
        _ => MAX_DURATION,
    };
    let cb = Callback::from(move |v: Option<f64>| {
        let mut d = dist.clone();
        set(&mut d, v.unwrap_or(0.0));
        on_change.emit(d)
    });
    html! {
        <NumberField label={label} name={format!("{}.{key}", props.path)} value={Some(value)} unit={unit}
            step={if integer { 1.0 } else { 0.05 }} integer={integer} min={if integer { 1.0 } else { 0.0 }} {above} {max}
            on_change={cb} />
    }
}

/// Type selector and the parameter fields of that type.
#[function_component(DistEditor)]
pub fn dist_editor(props: &DistEditorProps) -> Html {
    let onchange = {
        let dist = props.dist.clone();
        let on_change = props.on_change.clone();
        move |e: Event| {
            let to = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_change.emit(convert(&dist, &to));
        }
    };
    let current = type_of(&props.dist);
    let fields = match props.dist {
        Dist::Constant { value } => param(props, "value", "Time", value, "days", |d, v| {
            if let Dist::Constant { value } = d {
                *value = v
            }
        }),
        Dist::Exponential { mean } => param(props, "mean", "Mean", mean, "days", |d, v| {
            if let Dist::Exponential { mean } = d {
                *mean = v
            }
        }),
        Dist::Lognormal { mean, cv } => html! { <>
            { param(props, "mean", "Mean", mean, "days", |d, v| if let Dist::Lognormal { mean, .. } = d { *mean = v }) }
            { param(props, "cv", "Variation (cv)", cv, "", |d, v| if let Dist::Lognormal { cv, .. } = d { *cv = v }) }
        </> },
        Dist::Erlang { k, mean } => html! { <>
            { param(props, "mean", "Mean", mean, "days", |d, v| if let Dist::Erlang { mean, .. } = d { *mean = v }) }
            { param(props, "k", "Phases (k)", k as f64, "", |d, v| if let Dist::Erlang { k, .. } = d { *k = v as u32 }) }
        </> },
        Dist::Uniform { min, max } => html! { <>
            { param(props, "min", "Min", min, "days", |d, v| if let Dist::Uniform { min, .. } = d { *min = v }) }
            { param(props, "max", "Max", max, "days", |d, v| if let Dist::Uniform { max, .. } = d { *max = v }) }
        </> },
        Dist::Triangular { min, mode, max } => html! { <>
            { param(props, "min", "Min", min, "days", |d, v| if let Dist::Triangular { min, .. } = d { *min = v }) }
            { param(props, "mode", "Most likely", mode, "days", |d, v| if let Dist::Triangular { mode, .. } = d { *mode = v }) }
            { param(props, "max", "Max", max, "days", |d, v| if let Dist::Triangular { max, .. } = d { *max = v }) }
        </> },
    };
    let id = format!("field-{}.type", props.path);
    html! {
        <fieldset class="dist">
            <legend>{ props.label.clone() }</legend>
            <div class="field">
                <label for={id.clone()}>{ "Distribution" }</label>
                <select id={id} {onchange}>
                    { for TYPES.iter().map(|(key, name)| html! {
                        <option value={*key} selected={*key == current}>{ *name }</option>
                    }) }
                </select>
            </div>
            <div class="field-row">{ fields }</div>
        </fieldset>
    }
}

/// A short description, e.g. "lognormal, mean 1.2 d, cv 0.8".
pub fn describe(d: &Dist) -> String {
    let n = |x: f64| format!("{}", (x * 100.0).round() / 100.0);
    match *d {
        Dist::Constant { value } => format!("{} d", n(value)),
        Dist::Exponential { mean } => format!("exp, mean {} d", n(mean)),
        Dist::Lognormal { mean, cv } => format!("lognormal, mean {} d, cv {}", n(mean), n(cv)),
        Dist::Erlang { k, mean } => format!("Erlang-{k}, mean {} d", n(mean)),
        Dist::Uniform { min, max } => format!("{}–{} d", n(min), n(max)),
        Dist::Triangular { min, mode, max } => format!("{}/{}/{} d", n(min), n(mode), n(max)),
    }
}
