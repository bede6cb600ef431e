//! Scenarios: the JSON description of a value stream that a run starts from.
//!
//! The format is documented field by field, with examples, in `docs/scenario-format.md`.

use super::dist::Dist;
use super::validate::Limits;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The scenario format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
/// The seed used when a scenario names none.
pub const DEFAULT_SEED: u64 = 20_261_122;

/// A complete description of a simulated value stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; only [`FORMAT_VERSION`] is accepted.
    #[serde(default = "format_version")]
    pub version: u32,
    /// A title for people; optional.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Seed of every random stream of the run.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Simulated days a batch run covers.
    #[serde(default = "default_duration")]
    pub duration: f64,
    /// Days at the start excluded from the statistics.
    #[serde(default)]
    pub warmup: f64,
    /// Length of a statistics window in days (run charts, per-window summaries).
    #[serde(default = "default_window")]
    pub window: f64,
    /// How requests arrive.
    pub arrival: Arrival,
    /// System WIP cap (CONWIP): new work starts only while fewer items than this are in process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wip_limit: Option<u32>,
    /// The stages in the order work flows through them.
    pub stages: Vec<Stage>,
    /// Pools of T-shaped workers who can work in several stages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generalists: Vec<Generalists>,
    /// Classes of service; empty: every request is alike.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<Class>,
}

/// A class of service: urgent, standard, fixed-date or unplanned work.
///
/// A class takes a `share` of the main arrival stream, or has its own `arrival` process (how
/// unplanned work and incidents enter); exactly one of the two is given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    /// Shown on the board, in charts and in the summary; unique within the scenario.
    pub name: String,
    /// Chance that a request of the main arrival stream is of this class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// The class's own arrival process, instead of a share of the main stream.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrival: Option<Arrival>,
    /// Higher is served first at every stage and in the backlog; first come, first served
    /// within a priority. Work in progress is never interrupted.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub priority: u32,
    /// Items of this class enter a stage or the system even when its WIP limit is reached,
    /// and move on alone as soon as they are finished (an expedite lane); they still count
    /// in WIP.
    #[serde(default, skip_serializing_if = "is_false")]
    pub wip_exempt: bool,
    /// Multiplies this class's work at every stage (1: the stage's work as given).
    #[serde(default = "one_f64", skip_serializing_if = "is_one_f64")]
    pub work_scale: f64,
}

/// Blockers at a stage: an item waits on someone or something once during its work there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blockers {
    /// Chance (0 to 1) that an item is blocked once during its work at the stage, at a
    /// uniformly random point of that work.
    pub probability: f64,
    /// How long a block lasts (days).
    pub duration: Dist,
}

/// How requests arrive. Poisson and fixed arrivals may start with a backlog as well.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum Arrival {
    /// A Poisson process with `rate` requests per day.
    Poisson {
        /// Mean requests per day.
        rate: f64,
        /// Requests already waiting at time 0.
        #[serde(default, skip_serializing_if = "is_zero")]
        backlog: u32,
    },
    /// One request every `interval` days, the first after one interval.
    Fixed {
        /// Days between requests.
        interval: f64,
        /// Requests already waiting at time 0.
        #[serde(default, skip_serializing_if = "is_zero")]
        backlog: u32,
    },
    /// `count` requests all waiting at time 0, and no more.
    Backlog {
        /// Number of requests.
        count: u32,
    },
}

impl Arrival {
    /// Requests waiting at time 0.
    pub fn backlog(&self) -> u32 {
        match *self {
            Arrival::Poisson { backlog, .. } | Arrival::Fixed { backlog, .. } => backlog,
            Arrival::Backlog { count } => count,
        }
    }

    /// Long-run requests per day (0 for a pure backlog).
    pub fn rate(&self) -> f64 {
        match *self {
            Arrival::Poisson { rate, .. } => rate,
            Arrival::Fixed { interval, .. } => 1.0 / interval,
            Arrival::Backlog { .. } => 0.0,
        }
    }
}

/// One step of the value stream.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Shown on the board and in charts; unique within the scenario.
    pub name: String,
    /// Specialist workers of this stage.
    #[serde(default = "one")]
    pub workers: u32,
    /// Work time per item (days of one worker's undivided effort).
    pub work: Dist,
    /// Kanban limit on items in the stage (waiting, in progress and finished but not moved on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wip_limit: Option<u32>,
    /// Finished items move on together once this many are finished.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub batch_size: u32,
    /// Set-up time a worker spends before the first item of each batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup: Option<Dist>,
    /// Chance that a finished item is defective and goes back to an earlier stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rework: Option<Rework>,
    /// Release cadence: finished items wait and move on together every this many days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_every: Option<f64>,
    /// Items one worker holds at once (1 to 5); more than one costs context switching.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub multitask: u32,
    /// Items blocked during their work here: blocked items keep their place in the stage's
    /// WIP, their worker takes other work, and they return to the front of their class's
    /// queue when the block clears.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blockers: Option<Blockers>,
}

/// Rework: a defective item returns to stage `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rework {
    /// Chance (0 to 0.99) that an item finished here is defective.
    pub probability: f64,
    /// Name of this stage or an earlier one, where the defective item is redone.
    pub to: String,
}

/// A pool of generalists: each can work in any of `stages`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generalists {
    /// How many workers the pool has.
    #[serde(default = "one")]
    pub count: u32,
    /// Names of the stages they can work in.
    pub stages: Vec<String>,
}

pub(super) fn format_version() -> u32 {
    FORMAT_VERSION
}
pub(super) fn default_seed() -> u64 {
    DEFAULT_SEED
}
pub(super) fn default_duration() -> f64 {
    100.0
}
pub(super) fn default_window() -> f64 {
    1.0
}
pub(super) fn one() -> u32 {
    1
}
fn is_one(v: &u32) -> bool {
    *v == 1
}
fn is_zero(v: &u32) -> bool {
    *v == 0
}
pub(super) fn one_f64() -> f64 {
    1.0
}
fn is_one_f64(v: &f64) -> bool {
    *v == 1.0
}
fn is_false(v: &bool) -> bool {
    !*v
}

/// One problem with a scenario: where (a field path like `stages[1].work.mean`) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Path of the offending field; `.` for the document itself.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

/// Every problem found in a scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    /// The problems, in document order.
    pub problems: Vec<FieldError>,
}

impl ScenarioError {
    /// An error with a single problem.
    pub fn single(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            problems: vec![FieldError {
                path: path.into(),
                message: message.into(),
            }],
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {}", p.path, p.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// The largest scenario document accepted, in bytes.
pub const MAX_JSON_BYTES: usize = 1 << 20;

impl Scenario {
    /// Parses and validates a scenario with the web app's limits ([`Limits::APP`]). Every
    /// problem in the document is listed, each with its field path and a reason in plain words.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        Self::from_json_with(text, &Limits::APP)
    }

    /// Like [`Scenario::from_json`], with the given limits (the CLI's are [`Limits::CLI`]).
    pub fn from_json_with(text: &str, limits: &Limits) -> Result<Scenario, ScenarioError> {
        super::decode::decode(text, limits)
    }

    /// The scenario as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serialises")
    }

    /// Long-run requests per day, all arrival streams together (0 for pure backlogs).
    pub fn request_rate(&self) -> f64 {
        let own: f64 = self
            .classes
            .iter()
            .filter_map(|c| c.arrival.as_ref())
            .map(Arrival::rate)
            .sum();
        self.arrival.rate() + own
    }

    /// How many requests there are in all when every one is in a backlog at time 0 (no
    /// arrivals later), else `None`.
    pub fn backlog_only(&self) -> Option<u64> {
        let streams = std::iter::once(&self.arrival)
            .chain(self.classes.iter().filter_map(|c| c.arrival.as_ref()));
        let mut total = 0;
        for a in streams {
            match a {
                Arrival::Backlog { count } => total += u64::from(*count),
                _ => return None,
            }
        }
        Some(total)
    }

    /// Long-run work brought per day, in units of each stage's work per item: requests per
    /// day weighted by their class's work scale.
    pub fn work_rate(&self) -> f64 {
        if self.classes.is_empty() {
            return self.arrival.rate();
        }
        self.classes
            .iter()
            .map(|c| {
                let rate = match (&c.arrival, c.share) {
                    (Some(a), _) => a.rate(),
                    (None, Some(share)) => self.arrival.rate() * share,
                    (None, None) => 0.0,
                };
                rate * c.work_scale
            })
            .sum()
    }

    /// Index of the class called `name`.
    pub fn class_index(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c.name == name)
    }

    /// Index of the stage called `name`.
    pub fn stage_index(&self, name: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.name == name)
    }

    /// The scenario the app opens with: one stage, work arriving a little slower than it is done.
    pub fn single_stage() -> Scenario {
        Scenario {
            version: FORMAT_VERSION,
            name: "One stage".into(),
            seed: DEFAULT_SEED,
            duration: 100.0,
            warmup: 0.0,
            window: 1.0,
            arrival: Arrival::Poisson {
                rate: 4.0,
                backlog: 0,
            },
            wip_limit: None,
            stages: vec![Stage::new("Work", 1, Dist::Exponential { mean: 0.2 })],
            generalists: Vec::new(),
            classes: Vec::new(),
        }
    }
}

impl Stage {
    /// A stage with `workers` workers and the given work time, and every option off.
    pub fn new(name: &str, workers: u32, work: Dist) -> Stage {
        Stage {
            name: name.into(),
            workers,
            work,
            wip_limit: None,
            batch_size: 1,
            setup: None,
            rework: None,
            release_every: None,
            multitask: 1,
            blockers: None,
        }
    }
}
