//! The four key metrics (DORA / *Accelerate*) for scenarios with a deploy stage.
//!
//! - **Deployment frequency**: deployments per day, a deployment being each time work leaves
//!   the deploy stage (one release train or batch counts once).
//! - **Lead time for changes**: from a change being committed (leaving the last stage before
//!   the deploy path, e.g. Develop) to running in production (done). Computed per stage with
//!   Little's law: time in a stage = its mean WIP ÷ its entry rate, summed over the stages
//!   from the first one after development to the end.
//! - **Change failure rate**: the share of changes reaching the deploy stage that are found
//!   defective there (its `rework` probability in the model).
//! - **Time to restore**: the mean time a failed change takes to come back fixed: the time
//!   in every stage from the rework target up to and including the deploy stage.

use super::scenario::Scenario;
use super::summary::Summary;
use serde::Serialize;

/// The four key metrics.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dora {
    /// Name of the deploy stage.
    pub deploy_stage: String,
    /// Deployments per day.
    pub deployment_frequency: f64,
    /// Mean days from commit to production.
    pub lead_time_for_changes: Option<f64>,
    /// Share of changes that fail at deployment.
    pub change_failure_rate: f64,
    /// Mean days to restore after a failed deployment (None if none failed).
    pub time_to_restore: Option<f64>,
}

/// Words that mark a deploy stage.
const DEPLOY_WORDS: [&str; 4] = ["deploy", "release", "production", "prod"];
/// Words that mark development (commits happen when work leaves it).
const DEV_WORDS: [&str; 4] = ["develop", "dev", "build", "code"];

fn has_word(name: &str, words: &[&str]) -> bool {
    let name = name.to_lowercase();
    words.iter().any(|w| {
        name.split(|c: char| !c.is_alphanumeric())
            .any(|part| part == *w || part.starts_with(w))
    })
}

/// The four key metrics, if the scenario has a deploy stage (by name: deploy, release,
/// production).
pub fn dora(scenario: &Scenario, summary: &Summary) -> Option<Dora> {
    let deploy = scenario
        .stages
        .iter()
        .rposition(|s| has_word(&s.name, &DEPLOY_WORDS))?;
    let span = summary.time - summary.stats_from;
    if span <= 0.0 {
        return None;
    }
    let time_in = |i: usize| {
        let st = &summary.stages[i];
        let rate = st.entered as f64 / span;
        (rate > 0.0).then(|| st.wip_mean / rate)
    };
    let commit = scenario.stages[..deploy]
        .iter()
        .rposition(|s| has_word(&s.name, &DEV_WORDS))
        .map_or(0, |i| i + 1);
    let lead = (commit..scenario.stages.len())
        .map(time_in)
        .sum::<Option<f64>>();
    let st = &summary.stages[deploy];
    let failed = st.defects as f64;
    let cfr = if st.entered > 0 {
        failed / st.entered as f64
    } else {
        0.0
    };
    let restore = scenario.stages[deploy].rework.as_ref().and_then(|r| {
        let target = scenario.stage_index(&r.to)?;
        (failed > 0.0)
            .then(|| (target..=deploy).map(time_in).sum::<Option<f64>>())
            .flatten()
    });
    Some(Dora {
        deploy_stage: scenario.stages[deploy].name.clone(),
        deployment_frequency: st.departures as f64 / span,
        lead_time_for_changes: lead,
        change_failure_rate: cfr,
        time_to_restore: restore,
    })
}
