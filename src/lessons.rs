//! Lessons: a question, a preset scenario in steps (each a variant to compare), what to try,
//! what to notice, a takeaway, and claims that the simulation must bear out.
//!
//! Lessons are JSON files in `lessons/`, compiled in. Each claim is checked by the test suite
//! over several seeds (`tests/sim/lessons.rs`), so what a lesson teaches is what the model does.
//! Pure data and core code: no web dependencies.

use crate::sim::{Scenario, ScenarioError, Simulation, Summary};
use serde::{Deserialize, Serialize};

/// One lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Short identifier, used in URLs.
    pub id: String,
    /// Title.
    pub title: String,
    /// The question the lesson asks.
    pub question: String,
    /// What to try.
    #[serde(rename = "try")]
    pub try_this: String,
    /// What to notice.
    pub notice: String,
    /// The one-paragraph takeaway.
    pub takeaway: String,
    /// The variants to compare, first the starting point.
    pub steps: Vec<Step>,
    /// What the simulation must show.
    pub claims: Vec<Claim>,
    /// The question is which stage is the bottleneck: the app hides what would give the
    /// answer away (theory, the bottleneck expected from the parameters) until the run has
    /// named it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub asks_for_the_bottleneck: bool,
}

/// One variant of a lesson's scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// A short label, e.g. "Batch of 5".
    pub label: String,
    /// What changes in this step, in a sentence.
    #[serde(default)]
    pub note: String,
    /// The scenario (with its fixed seed).
    pub scenario: Scenario,
}

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
}

impl Measure {
    /// The measure's value in a summary (NaN when undefined).
    pub fn of(&self, s: &Summary) -> f64 {
        let stage = |name: &str| s.stages.iter().find(|st| st.name == name);
        let v = match self {
            Measure::Throughput => Some(s.throughput),
            Measure::LeadMean => s.lead_time.mean,
            Measure::LeadP85 => s.lead_time.p85,
            Measure::CycleMean => s.cycle_time.mean,
            Measure::WipMean => Some(s.wip_mean),
            Measure::FirstCompletion => s.first_completion,
            Measure::LastCompletion => s.last_completion,
            Measure::FailureLoad => s.failure_load,
            Measure::Queue(name) => stage(name).map(|st| st.queue_mean),
            Measure::Utilization(name) => stage(name).map(|st| st.utilization),
        };
        v.unwrap_or(f64::NAN)
    }

    /// A name for people.
    pub fn label(&self) -> String {
        let text = match self {
            Measure::Throughput => "throughput",
            Measure::LeadMean => "mean lead time",
            Measure::LeadP85 => "lead time p85",
            Measure::CycleMean => "mean cycle time",
            Measure::WipMean => "mean WIP",
            Measure::FirstCompletion => "first delivery",
            Measure::LastCompletion => "total time",
            Measure::FailureLoad => "failure load",
            Measure::Queue(name) => return format!("queue at {name}"),
            Measure::Utilization(name) => return format!("utilisation of {name}"),
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
    /// In step `step` the bottleneck is the stage called `stage`.
    Bottleneck {
        /// The step.
        step: usize,
        /// The stage's name.
        stage: String,
    },
}

impl Claim {
    /// Checks the claim against summaries of every step of one seed; says why not if it fails.
    pub fn check(&self, runs: &[Summary]) -> Result<(), String> {
        let rel = |m: &Measure, from: usize, to: usize| {
            let (a, b) = (m.of(&runs[from]), m.of(&runs[to]));
            (a, b, (b - a) / a)
        };
        match self {
            Claim::Falls {
                measure,
                from,
                to,
                by,
            } => {
                let (a, b, r) = rel(measure, *from, *to);
                (r <= -by).then_some(()).ok_or_else(|| {
                    format!(
                        "{} should fall by {:.0} % or more: {a:.3} → {b:.3}",
                        measure.label(),
                        by * 100.0
                    )
                })
            }
            Claim::Rises {
                measure,
                from,
                to,
                by,
            } => {
                let (a, b, r) = rel(measure, *from, *to);
                (r >= *by).then_some(()).ok_or_else(|| {
                    format!(
                        "{} should rise by {:.0} % or more: {a:.3} → {b:.3}",
                        measure.label(),
                        by * 100.0
                    )
                })
            }
            Claim::Holds {
                measure,
                from,
                to,
                within,
            } => {
                let (a, b, r) = rel(measure, *from, *to);
                (r.abs() <= *within).then_some(()).ok_or_else(|| {
                    format!(
                        "{} should stay within {:.0} %: {a:.3} → {b:.3}",
                        measure.label(),
                        within * 100.0
                    )
                })
            }
            Claim::Bottleneck { step, stage } => {
                let found = runs[*step].bottleneck.as_deref();
                (found == Some(stage.as_str()))
                    .then_some(())
                    .ok_or_else(|| {
                        format!("step {step}: the bottleneck should be {stage}, not {found:?}")
                    })
            }
        }
    }
}

/// The lesson files, in order.
const FILES: [&str; 10] = [
    include_str!("../lessons/01-small-batches.json"),
    include_str!("../lessons/02-limit-wip.json"),
    include_str!("../lessons/03-find-the-bottleneck.json"),
    include_str!("../lessons/04-non-bottleneck-illusion.json"),
    include_str!("../lessons/05-five-focusing-steps.json"),
    include_str!("../lessons/06-variability-utilisation.json"),
    include_str!("../lessons/07-multitasking.json"),
    include_str!("../lessons/08-release-cadence.json"),
    include_str!("../lessons/09-shift-quality-left.json"),
    include_str!("../lessons/10-t-shaped-generalists.json"),
];

/// Every lesson, in order, parsed once. Panics only if a compiled-in lesson file is invalid,
/// which the tests rule out.
pub fn all() -> &'static [Lesson] {
    static LESSONS: std::sync::OnceLock<Vec<Lesson>> = std::sync::OnceLock::new();
    LESSONS.get_or_init(|| {
        FILES
            .iter()
            .map(|text| parse(text).expect("built-in lessons are valid"))
            .collect()
    })
}

/// Parses a lesson and validates each step's scenario (errors name `steps[i].scenario...`).
pub fn parse(text: &str) -> Result<Lesson, ScenarioError> {
    let lesson: Lesson =
        serde_json::from_str(text).map_err(|e| ScenarioError::single(".", e.to_string()))?;
    for (i, step) in lesson.steps.iter().enumerate() {
        step.scenario.validate().map_err(|e| ScenarioError {
            problems: e
                .problems
                .into_iter()
                .map(|mut p| {
                    p.path = format!("steps[{i}].scenario.{}", p.path);
                    p
                })
                .collect(),
        })?;
    }
    Ok(lesson)
}

impl Lesson {
    /// Runs every step with `seed` and returns the summaries.
    pub fn run(&self, seed: u64) -> Vec<Summary> {
        self.steps
            .iter()
            .map(|step| {
                let mut s = step.scenario.clone();
                s.seed = seed;
                Simulation::new(&s)
                    .expect("lesson scenarios are valid")
                    .run()
                    .summary()
            })
            .collect()
    }
}
