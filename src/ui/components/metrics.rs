//! The metrics strip: the flow measures, each with a definition on hover.

use crate::sim::{PeriodStats, Summary};
use yew::prelude::*;

/// Properties of [`Metrics`].
#[derive(Properties, PartialEq)]
pub struct MetricsProps {
    /// The run's summary.
    pub summary: Summary,
    /// Before and after the latest intervention, when shown.
    pub compare: Option<(PeriodStats, PeriodStats)>,
    /// Shows or hides before/after.
    pub on_compare: Callback<bool>,
    /// Whether there was an intervention to compare around.
    pub can_compare: bool,
    /// Whether before/after is switched on.
    pub compare_on: bool,
    /// Offer the before/after switch (not in an embed).
    #[prop_or(true)]
    pub compare_toggle: bool,
    /// Show the bottleneck expected from the parameters (hidden while it would give a
    /// lesson's answer away).
    #[prop_or(true)]
    pub show_expected: bool,
}

use crate::ui::{days, per_day, short};

fn metric(id: &str, label: &str, value: Html, help: &str, extra: Html) -> Html {
    html! {
        <div class="metric" data-metric={id.to_string()} title={help.to_string()} tabindex="0">
            <span class="metric-label">{ label }<span class="info" aria-hidden="true">{ "i" }</span></span>
            <span class="metric-value">{ value }</span>
            { extra }
            <span class="sr-only">{ help }</span>
        </div>
    }
}

fn change(before: f64, after: f64, fmt: fn(f64) -> String) -> Html {
    html! { <span class="metric-compare">{ format!("{} → {}", fmt(before), fmt(after)) }</span> }
}

/// Lead time p50 / p85 of each class of service, beside its shape on the board.
fn class_metrics(s: &Summary) -> Html {
    if s.classes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="class-metrics" aria-label="Lead time by class">
            { for s.classes.iter().enumerate().map(|(c, class)| html! {
                <li data-class={class.name.clone()} data-p85={class.lead_time.p85.map(|v| v.to_string()).unwrap_or_default()}
                    title="Lead time of this class: half of its items took at most p50, 85 % at most p85.">
                    <span class={classes!("token", "sample", format!("class-{c}"))} aria-hidden="true"></span>
                    <strong>{ class.name.clone() }</strong>
                    { format!(" lead time p50 {} / p85 {} · {} done", short(class.lead_time.p50), days(class.lead_time.p85), class.completed) }
                </li>
            }) }
        </ul>
    }
}

/// Key numbers of the run.
#[function_component(Metrics)]
pub fn metrics(props: &MetricsProps) -> Html {
    let s = &props.summary;
    let ll = s.littles_law;
    // Before the statistics cover any time (day 0, the warm-up) the period's measures are
    // empty ("–"), not 0: the same rule as the lead time's and the bottleneck's.
    let empty = !s.has_stats();
    let or_dash = |text: String| if empty { "–".into() } else { text };
    let cmp = props.compare.as_ref();
    let none = || html! {};
    let vs = |f: fn(&PeriodStats) -> Option<f64>, fmt: fn(f64) -> String| {
        cmp.and_then(|(b, a)| Some(change(f(b)?, f(a)?, fmt)))
            .unwrap_or_else(none)
    };
    let toggle = props.on_compare.reform(|e: Event| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>()
            .checked()
    });
    html! {
        <section class="metrics-strip" aria-label="Flow metrics">
            <div class="metrics">
                { metric("done", &s.done_label(), html! { or_dash(s.completed.to_string()) }, "Items that have left the last stage (after the warm-up).", none()) }
                { metric("throughput", "Throughput", html! { or_dash(per_day(s.throughput)) },
                    "Items done per day.", vs(|p| Some(p.throughput), |v| format!("{v:.2}"))) }
                { metric("lead", "Lead time p50 / p85", html! { format!("{} / {}", short(s.lead_time.p50), days(s.lead_time.p85)) },
                    "Lead time: from the request to done — what the customer waits. Half of the items took at most p50, 85 % at most p85.",
                    vs(|p| p.lead_time.p85, |v| format!("p85 {v:.1}"))) }
                { metric("cycle", "Cycle time (mean)", html! { days(s.cycle_time.mean) },
                    "Cycle time: from the start of work (entering the first stage) to done — the process's capability.",
                    vs(|p| p.cycle_time.mean, |v| format!("{v:.1}"))) }
                { metric("wip", "WIP", html! { <>{ s.wip_now.to_string() }<small>{ format!(" (mean {})", or_dash(format!("{:.1}", s.wip_mean))) }</small></> },
                    "Work in process: items started and not finished.", vs(|p| Some(p.wip_mean), |v| format!("{v:.1}"))) }
                { metric("efficiency", "Flow efficiency", html! { s.flow_efficiency.map_or("–".into(), |f| format!("{:.0} %", f * 100.0)) },
                    "Time items were actively worked ÷ their lead time. The rest is waiting.", none()) }
                { metric("little", "Little's law", html! {
                    match ll.throughput_x_lead_time {
                        Some(x) => html! { <>{ format!("{:.1} ≈ {x:.1}", ll.in_system_mean) }</> },
                        None => html! { "–" },
                    } },
                    "Items in the system (mean) ≈ throughput × mean lead time, over a stable period. Left: measured; right: throughput × lead time.",
                    html! { <span class="metric-compare">{ or_dash(format!("{:.2}/day × {}", s.throughput, days(s.lead_time.mean))) }</span> }) }
                { metric("bottleneck", "Bottleneck", html! {
                        <span data-bottleneck={s.bottleneck.clone().unwrap_or_default()}>{ s.bottleneck_text() }</span> },
                    "The stage that limits throughput: the busiest one (time its output was blocked does not count), named once the evidence separates it from every other stage; until then \"not clear yet\".",
                    match (&s.bottleneck_expected, props.show_expected) {
                        (Some(e), true) => html! { <span class="metric-compare" data-expected={e.clone()}>{ format!("expected from the parameters: {e}") }</span> },
                        _ => none(),
                    }) }
            </div>
            { class_metrics(s) }
            if props.compare_toggle {
            <label class={classes!("compare-toggle", (!props.can_compare).then_some("disabled"))}
                title="Compare the period before the latest change with the period since.">
                <input type="checkbox" checked={props.compare_on} disabled={!props.can_compare} onchange={toggle} />
                { "Before → after the latest change" }
            </label>
            }
        </section>
    }
}
