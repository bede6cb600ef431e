//! The four key metrics (DORA) when the scenario has a deploy stage.

use crate::sim::dora::dora;
use crate::sim::{Scenario, Summary};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`DoraPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct DoraProps {
    /// The scenario running.
    pub scenario: Rc<Scenario>,
    /// Its summary so far.
    pub summary: Summary,
}

fn card(label: &str, value: String, help: &str) -> Html {
    html! {
        <div class="dora-card" title={help.to_string()}>
            <span class="metric-label">{ label }</span>
            <span class="metric-value">{ value }</span>
            <span class="dora-help">{ help }</span>
        </div>
    }
}

/// The four key metrics, or nothing without a deploy stage.
#[function_component(DoraPanel)]
pub fn dora_panel(props: &DoraProps) -> Html {
    let Some(d) = dora(&props.scenario, &props.summary) else {
        return html! {};
    };
    let days = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.1} d"));
    let freq = if d.deployment_frequency >= 1.0 || d.deployment_frequency == 0.0 {
        format!("{:.1} /day", d.deployment_frequency)
    } else {
        format!("every {:.1} d", 1.0 / d.deployment_frequency)
    };
    html! {
        <section class="dora" aria-label="The four key metrics">
            <h3>{ format!("The four key metrics (deploy stage: {})", d.deploy_stage) }</h3>
            <div class="dora-cards">
                { card("Deployment frequency", freq, "How often changes reach production. Each release train or batch leaving the deploy stage counts once.") }
                { card("Lead time for changes", days(d.lead_time_for_changes), "From a change being committed (leaving development) to running in production.") }
                { card("Change failure rate", format!("{:.0} %", d.change_failure_rate * 100.0), "Share of deployments that fail and need a fix (the deploy stage's defect rate).") }
                { card("Time to restore", days(d.time_to_restore), "How long a failed change takes to come back fixed: back through the rework loop and deployed again.") }
            </div>
        </section>
    }
}
