//! Lessons: a question, a preset scenario in steps (each a variant to compare), what to try,
//! what to notice, a takeaway, and claims that the simulation must bear out.
//!
//! Lessons are JSON files in `lessons/`, compiled in. Each claim is checked by the test suite
//! over several seeds (`tests/sim/lessons.rs`), so what a lesson teaches is what the model does.
//! Pure data and core code: no web dependencies.

mod claim;

pub use claim::{Claim, Measure};

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
    /// What the simulation must show, as the lesson file writes it: read with
    /// [`Lesson::claims`]. Only the tests check claims, so a build that never reads them (the
    /// web app) leaves their reader out, and compiles in the lessons with no claims at all.
    #[serde(rename = "claims")]
    pub claims_text: ClaimsText,
    /// The two steps (indices) workshop mode runs side by side as A and B: the pair that
    /// answers the lesson's question. Without it, the first and the last step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<[usize; 2]>,
    /// The question is which stage is the bottleneck: the app hides what would give the
    /// answer away (theory, the bottleneck expected from the parameters) until the run has
    /// named it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub asks_for_the_bottleneck: bool,
}

/// A lesson's claims as JSON text, read on demand with [`Lesson::claims`].
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClaimsText(Box<serde_json::value::RawValue>);

impl PartialEq for ClaimsText {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
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

/// Compiles in the lesson files, in order: as written for native builds (the tests check the
/// claims), and for the web app as `build.rs` copies them, without the claims it never reads.
macro_rules! lesson_files {
    ($($file:literal),* $(,)?) => {
        /// The lesson files, in order.
        #[cfg(not(target_arch = "wasm32"))]
        const FILES: &[&str] = &[$(include_str!(concat!("../lessons/", $file))),*];
        /// The lesson files, in order, without their claims (see `build.rs`).
        #[cfg(target_arch = "wasm32")]
        const FILES: &[&str] = &[$(include_str!(concat!(env!("OUT_DIR"), "/lessons/", $file))),*];
    };
}

lesson_files![
    "01-small-batches.json",
    "02-limit-wip.json",
    "03-find-the-bottleneck.json",
    "04-non-bottleneck-illusion.json",
    "05-five-focusing-steps.json",
    "06-variability-utilisation.json",
    "07-multitasking.json",
    "08-release-cadence.json",
    "09-shift-quality-left.json",
    "10-t-shaped-generalists.json",
    "11-expedite-everything.json",
    "12-blocked-work.json",
    "13-unplanned-work.json",
    "14-forecast.json",
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
        crate::sim::json::read(text).map_err(|e| ScenarioError::single(".", e.to_string()))?;
    if let Some(pair) = lesson.compare {
        let n = lesson.steps.len();
        if pair.iter().any(|&i| i >= n) || pair[0] == pair[1] {
            return Err(ScenarioError::single(
                "compare",
                format!("two different step indices below {n} (the lesson has {n} steps)"),
            ));
        }
    }
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
    /// The steps workshop mode compares as A and B ([`Lesson::compare`], else the first and
    /// the last); `None` for a lesson of one step.
    pub fn workshop_pair(&self) -> Option<(usize, usize)> {
        match (self.compare, self.steps.len()) {
            (_, 0 | 1) => None,
            (Some([a, b]), _) => Some((a, b)),
            (None, n) => Some((0, n - 1)),
        }
    }

    /// The lesson's claims. Panics if they do not read, which the tests rule out for the
    /// compiled-in lessons; [`Lesson::try_claims`] says why instead.
    pub fn claims(&self) -> Vec<Claim> {
        self.try_claims()
            .unwrap_or_else(|e| panic!("the claims of {} do not read: {e}", self.id))
    }

    /// The lesson's claims, or why they do not read (the path starts at `claims`).
    pub fn try_claims(&self) -> Result<Vec<Claim>, ScenarioError> {
        crate::sim::json::read(self.claims_text.0.get()).map_err(|e| {
            let path = match e.path().to_string() {
                p if p == "." => "claims".to_string(),
                p if p.starts_with('[') => format!("claims{p}"),
                p => format!("claims.{p}"),
            };
            ScenarioError::single(path, e.inner().to_string())
        })
    }

    /// Runs every step with `seed` and returns the summaries.
    pub fn run(&self, seed: u64) -> Vec<Summary> {
        self.run_with(seed, |_, _| {})
    }

    /// Runs every step with `seed`, each step's scenario first changed by `change` (given the
    /// step's index): what-if runs, such as the lesson with its mechanism switched off.
    /// Panics if a changed scenario is invalid.
    pub fn run_with(&self, seed: u64, change: impl Fn(usize, &mut Scenario)) -> Vec<Summary> {
        self.steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let mut s = step.scenario.clone();
                s.seed = seed;
                change(i, &mut s);
                Simulation::new(&s)
                    .unwrap_or_else(|e| panic!("step {i} of {} is invalid: {e}", self.id))
                    .run()
                    .summary()
            })
            .collect()
    }
}
