//! What a lesson claims the simulation shows, and the check of each claim against runs.

use crate::sim::Summary;
use serde::{Deserialize, Serialize};

/// A measure a claim is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Items done per day.
    Throughput,
    /// Mean lead time.
    LeadMean,
    /// 85th percentile of lead time.
    LeadP85,
    /// 95th percentile of lead time.
    LeadP95,
    /// The spread of lead time: p85 − p50, how much a promise at 85 % adds to the median.
    LeadSpread,
    /// Mean cycle time.
    CycleMean,
    /// Time-average WIP.
    WipMean,
    /// When the first item was done.
    FirstCompletion,
    /// When the last item was done (makespan).
    LastCompletion,
    /// Share of work that was rework.
    FailureLoad,
    /// Mean queue in front of the named stage.
    Queue(String),
    /// Utilisation of the named stage.
    Utilization(String),
    /// Touch time ÷ lead time.
    FlowEfficiency,
    /// Mean lead time of the named class of service.
    ClassLeadMean(String),
    /// 85th percentile of the lead time of the named class of service.
    ClassLeadP85(String),
    /// Share of the items started at the named stage that were blocked there.
    BlockedShare(String),
    /// Mean length of the blocks at the named stage.
    BlockedTimeMean(String),
}

impl Measure {
    /// The measure's value in a summary (NaN when undefined).
    pub fn of(&self, s: &Summary) -> f64 {
        let stage = |name: &str| s.stages.iter().find(|st| st.name == name);
        let class = |name: &str| s.classes.iter().find(|c| c.name == name);
        let v = match self {
            Measure::Throughput => Some(s.throughput),
            Measure::LeadMean => s.lead_time.mean,
            Measure::LeadP85 => s.lead_time.p85,
            Measure::LeadP95 => s.lead_time.p95,
            Measure::LeadSpread => s.lead_time.p85.zip(s.lead_time.p50).map(|(a, b)| a - b),
            Measure::CycleMean => s.cycle_time.mean,
            Measure::WipMean => Some(s.wip_mean),
            Measure::FirstCompletion => s.first_completion,
            Measure::LastCompletion => s.last_completion,
            Measure::FailureLoad => s.failure_load,
            Measure::Queue(name) => stage(name).map(|st| st.queue_mean),
            Measure::Utilization(name) => stage(name).map(|st| st.utilization),
            Measure::FlowEfficiency => s.flow_efficiency,
            Measure::ClassLeadMean(name) => class(name).and_then(|c| c.lead_time.mean),
            Measure::ClassLeadP85(name) => class(name).and_then(|c| c.lead_time.p85),
            Measure::BlockedShare(name) => stage(name).map(|st| st.blocked_share),
            Measure::BlockedTimeMean(name) => stage(name).and_then(|st| st.blocked_time_mean),
        };
        v.unwrap_or(f64::NAN)
    }

    /// A name for people.
    pub fn label(&self) -> String {
        let text = match self {
            Measure::Throughput => "throughput",
            Measure::LeadMean => "mean lead time",
            Measure::LeadP85 => "lead time p85",
            Measure::LeadP95 => "lead time p95",
            Measure::LeadSpread => "lead-time spread (p85 − p50)",
            Measure::CycleMean => "mean cycle time",
            Measure::WipMean => "mean WIP",
            Measure::FirstCompletion => "first delivery",
            Measure::LastCompletion => "total time",
            Measure::FailureLoad => "failure load",
            Measure::Queue(name) => return format!("queue at {name}"),
            Measure::Utilization(name) => return format!("utilisation of {name}"),
            Measure::FlowEfficiency => "flow efficiency",
            Measure::ClassLeadMean(name) => return format!("mean lead time of {name}"),
            Measure::ClassLeadP85(name) => return format!("lead time p85 of {name}"),
            Measure::BlockedShare(name) => return format!("share of items blocked at {name}"),
            Measure::BlockedTimeMean(name) => return format!("mean block at {name}"),
        };
        text.to_string()
    }
}

/// Something a lesson says the simulation shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Claim {
    /// `measure` falls from step `from` to step `to` by at least the share `by` (0.3 = 30 %).
    Falls {
        /// The measure.
        measure: Measure,
        /// Step compared from.
        from: usize,
        /// Step compared to.
        to: usize,
        /// Smallest relative fall.
        by: f64,
    },
    /// `measure` rises from step `from` to step `to` by at least the share `by`.
    Rises {
        /// The measure.
        measure: Measure,
        /// Step compared from.
        from: usize,
        /// Step compared to.
        to: usize,
        /// Smallest relative rise.
        by: f64,
    },
    /// `measure` stays within the share `within` from step `from` to step `to`.
    Holds {
        /// The measure.
        measure: Measure,
        /// Step compared from.
        from: usize,
        /// Step compared to.
        to: usize,
        /// Largest relative change.
        within: f64,
    },
    /// `measure` in step `step` lies within the share `within` of `value`, a value from theory:
    /// a two-sided check that fails if the model is off in either direction.
    Near {
        /// The measure.
        measure: Measure,
        /// The step.
        step: usize,
        /// The expected value.
        value: f64,
        /// Largest relative difference from `value`: wide enough for the run's noise (three
        /// times the rms miss over seeds 1 to 15) and no wider.
        within: f64,
        /// Where `value` comes from (the formula) and how far the runs missed it.
        basis: String,
    },
    /// `measure` in step `to` ÷ `measure` in step `from` lies within the share `within` of
    /// `value`, a ratio from theory (two-sided, like [`Claim::Near`]).
    Ratio {
        /// The measure.
        measure: Measure,
        /// Step compared from.
        from: usize,
        /// Step compared to.
        to: usize,
        /// The expected ratio.
        value: f64,
        /// Largest relative difference from `value`.
        within: f64,
        /// Where `value` comes from and how far the runs missed it.
        basis: String,
    },
    /// In step `step` the bottleneck is the stage called `stage`.
    Bottleneck {
        /// The step.
        step: usize,
        /// The stage's name.
        stage: String,
    },
}

impl Claim {
    /// Checks the claim against summaries of every step of one seed; says why not if it fails,
    /// in words for people (steps counted from 1, as the lesson shows them).
    pub fn check(&self, runs: &[Summary]) -> Result<(), String> {
        match self {
            Claim::Falls {
                measure,
                from,
                to,
                by,
            }
            | Claim::Rises {
                measure,
                from,
                to,
                by,
            } => {
                let (sign, verb) = match self {
                    Claim::Falls { .. } => (-1.0, "fall"),
                    _ => (1.0, "rise"),
                };
                between(
                    runs,
                    measure,
                    [*from, *to],
                    |a, b| sign * (b - a) / a >= *by,
                    || format!("{verb} by {} or more", percent(*by)),
                )
            }
            Claim::Holds {
                measure,
                from,
                to,
                within,
            } => between(
                runs,
                measure,
                [*from, *to],
                |a, b| ((b - a) / a).abs() <= *within,
                || format!("change by {} or less", percent(*within)),
            ),
            Claim::Ratio {
                measure,
                from,
                to,
                value,
                within,
                ..
            } => between(
                runs,
                measure,
                [*from, *to],
                |a, b| close(b / a, *value, *within),
                || {
                    format!(
                        "become {value:.3} times what it was, give or take {}",
                        percent(*within)
                    )
                },
            ),
            Claim::Near {
                measure,
                step,
                value,
                within,
                ..
            } => {
                let v = measure.of(&runs[*step]);
                close(v, *value, *within).then_some(()).ok_or_else(|| {
                    format!(
                        "in step {}, {} should be {value:.3}, give or take {}: it was {v:.3}",
                        step + 1,
                        measure.label(),
                        percent(*within)
                    )
                })
            }
            Claim::Bottleneck { step, stage } => {
                let found = runs[*step].bottleneck.as_deref();
                (found == Some(stage.as_str()))
                    .then_some(())
                    .ok_or_else(|| {
                        format!(
                            "in step {}, the bottleneck should be {stage}, not {}",
                            step + 1,
                            found.unwrap_or("unclear")
                        )
                    })
            }
        }
    }
}

/// Checks a claim about how `measure` changes between two steps: `holds` gets its values in
/// the steps `[from, to]`; `should` says what it should do, for the message.
fn between(
    runs: &[Summary],
    measure: &Measure,
    [from, to]: [usize; 2],
    holds: impl Fn(f64, f64) -> bool,
    should: impl FnOnce() -> String,
) -> Result<(), String> {
    let (a, b) = (measure.of(&runs[from]), measure.of(&runs[to]));
    holds(a, b).then_some(()).ok_or_else(|| {
        format!(
            "from step {} to step {}, {} should {}: {a:.3} → {b:.3}",
            from + 1,
            to + 1,
            measure.label(),
            should()
        )
    })
}

/// True when `v` lies within the share `within` of `value` (NaN never does).
fn close(v: f64, value: f64, within: f64) -> bool {
    (v - value).abs() <= within * value.abs()
}
/// A share as a percentage for people: 0.05 → "5 %", 0.025 → "2.5 %".
fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0} %")
    } else {
        format!("{p:.1} %")
    }
}
