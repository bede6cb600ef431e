//! Theory beside the simulation: Little's law and, where it applies, Kingman's approximation
//! per stage and for the line — or a plain sentence saying why it does not apply.

use crate::sim::theory::kingman;
use crate::sim::{Scenario, Summary};
use crate::ui::chart_data::Current;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Theory`].
#[derive(Properties, PartialEq, Clone)]
pub struct TheoryProps {
    /// The scenario running.
    pub scenario: Rc<Scenario>,
    /// Its summary so far.
    pub summary: Summary,
    /// The statistics under the current settings (since the latest change), which the
    /// theory of those settings is compared with.
    pub current: Rc<Current>,
}

fn num(v: Option<f64>) -> String {
    unit(v, "")
}

/// `v` with two decimals and its unit, or "–" alone.
fn unit(v: Option<f64>, unit: &str) -> String {
    v.map_or("–".into(), |v| format!("{v:.2}{unit}"))
}

/// The theory panel.
#[function_component(Theory)]
pub fn theory(props: &TheoryProps) -> Html {
    let s = &props.summary;
    let ll = s.littles_law;
    // Before the statistics cover any time (day 0, the warm-up) the period's measures are
    // empty, as in the metrics.
    let stat = |v: f64| s.has_stats().then_some(v);
    // Theory describes the current settings: it is compared with the period run under them.
    let c = &props.current;
    let measured = s.has_stats() && c.span > 0.0;
    let now = |v: f64| measured.then_some(v);
    // More than 10 % apart: say why, so the law does not look broken.
    let apart = match (stat(ll.in_system_mean), ll.throughput_x_lead_time) {
        (Some(l), Some(tw)) => (l - tw).abs() > 0.1 * l.max(tw),
        _ => false,
    };
    let little = html! {
        <p class="little">
            <strong>{ "Little's law: " }</strong>
            { format!("items in the system {} ≈ throughput {} × mean lead time {} = {}",
                num(stat(ll.in_system_mean)), unit(stat(s.throughput), "/day"), unit(s.lead_time.mean, " d"), num(ll.throughput_x_lead_time)) }
            <span class="muted">{ " — it holds over any stable period, whatever the process." }</span>
            if apart {
                <span class="muted" data-testid="little-apart">{ " The two sides still differ: early in a run, or while a queue grows, the items in the system have not finished, so their time is not in the mean lead time yet." }</span>
            }
        </p>
    };
    let body = match kingman(&props.scenario) {
        Err(why) => html! {
            <p class="not-applicable" data-testid="kingman-na">
                <strong>{ "Kingman's formula does not apply here: " }</strong>{ why }{ "." }
            </p>
        },
        Ok(est) => html! {
            <>
            <table class="theory-table">
                <thead><tr>
                    <th scope="col">{ "Stage" }</th>
                    <th scope="col" title="Utilisation: theory (arrival rate × work ÷ workers) / simulated">{ "Utilisation" }</th>
                    <th scope="col" title="Mean wait before work starts: Kingman (VUT) / simulated">{ "Wait (days)" }</th>
                    <th scope="col" title="Variability of arrivals and of work (squared coefficients of variation)">{ "c²ₐ, c²ₑ" }</th>
                </tr></thead>
                <tbody>
                    { for est.stages.iter().zip(&c.stages).map(|(e, st)| html! {
                        <tr>
                            <th scope="row">{ e.name.clone() }</th>
                            <td>{ format!("{:.0} % / {}", e.utilization * 100.0, now(st.utilization).map_or("–".into(), |u| format!("{:.0} %", u * 100.0))) }</td>
                            <td>{ format!("{:.2} / {}", e.wait, num(st.wait_mean.filter(|_| measured))) }</td>
                            <td>{ format!("{:.2}, {:.2}", e.ca2, e.ce2) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr>
                    <th scope="row">{ "Lead time" }</th>
                    <td colspan="3" data-testid="kingman-lead">{ format!("Kingman {:.2} d / simulated {}", est.lead_time, unit(c.lead_mean.filter(|_| measured), " d")) }</td>
                </tr></tfoot>
            </table>
            if c.after_change {
                <p class="muted" data-testid="theory-period">{ format!("Simulated: since your latest change, on day {:.1}, so both figures describe the settings as they are now.", c.from) }</p>
            }
            <p class="muted">{ "Kingman (VUT): wait ≈ (c²ₐ + c²ₑ)/2 × u/(1 − u) × work time, per stage, with departures feeding the next stage's arrivals. Exact for random (Poisson) arrivals with exponential or constant work at one worker; an approximation otherwise." }</p>
            </>
        },
    };
    html! {
        <section class="theory" aria-label="Theory beside the simulation">
            <h3>{ "Theory beside the simulation" }</h3>
            { little }
            { body }
        </section>
    }
}
