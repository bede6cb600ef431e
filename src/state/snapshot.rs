//! The shareable part of the app's state: one type that local storage and share links both
//! write and read, so a reload and a link reproduce exactly the same thing.

use crate::sim::Scenario;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// Longest A/B label, in characters.
pub const MAX_LABEL_CHARS: usize = 80;
/// Longest workshop prediction, in characters.
pub const MAX_PREDICTION_CHARS: usize = 500;

/// How fast simulated time runs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Speed {
    /// Simulated days per second of real time.
    DaysPerSecond(f64),
    /// As fast as the frame budget allows.
    Max,
}

impl Speed {
    /// The choices offered, slowest first.
    pub const CHOICES: [Speed; 8] = [
        Speed::DaysPerSecond(0.5),
        Speed::DaysPerSecond(1.0),
        Speed::DaysPerSecond(2.0),
        Speed::DaysPerSecond(5.0),
        Speed::DaysPerSecond(10.0),
        Speed::DaysPerSecond(30.0),
        Speed::DaysPerSecond(100.0),
        Speed::Max,
    ];

    /// A short label.
    pub fn label(&self) -> String {
        match self {
            Speed::DaysPerSecond(d) => format!("{d} days/s"),
            Speed::Max => "As fast as possible".into(),
        }
    }
}

/// Colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// Which lesson is open, at which step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonAt {
    /// Index into the lessons.
    pub lesson: usize,
    /// Index into its steps.
    pub step: usize,
}

/// One of the two variants in A/B mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Variant {
    /// The scenario as it is.
    A,
    /// The variant.
    B,
}

/// A/B mode: a second scenario run beside the first on the same seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ab {
    /// Variant B (A is the snapshot's scenario).
    pub b: Rc<Scenario>,
    /// What A is.
    pub label_a: String,
    /// What B is.
    pub label_b: String,
    /// Which variant the editor changes.
    pub editing: Variant,
    /// The changes made while run B played, if any (kept by the simulator, as for A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<RunChanges>,
}

/// The facilitator flow of a lesson in workshop mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Participants predict; the numbers are hidden.
    Predict,
    /// The comparison runs.
    Run,
    /// The debrief: what to notice and the takeaway.
    Reveal,
}

/// Workshop mode (always on a lesson: see [`Snapshot::lesson`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workshop {
    /// Where in the flow the room is.
    pub phase: Phase,
    /// The prediction typed so far.
    pub prediction: String,
}

/// Most changes a run keeps for a reload or a link.
pub const MAX_RUN_CHANGES: usize = 200;

/// The changes made while the run played, so that a reload or a link plays the same run:
/// the scenario it started with and each change at the moment it was made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunChanges {
    /// The scenario at day 0 (the snapshot's `scenario` is the one after the last change).
    pub start: Rc<Scenario>,
    /// Each change, in the order made (at least one).
    pub changes: Vec<RunChange>,
}

/// One change made while the run played.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunChange {
    /// Events the run had handled when it was made.
    pub events: u64,
    /// The simulated day it was made.
    pub time: f64,
    /// The scenario from then on.
    pub scenario: Rc<Scenario>,
}

impl RunChanges {
    /// The run that started as `start` and took `changes`, as the saved state keeps it: `None`
    /// without changes, or with more than [`MAX_RUN_CHANGES`] (a reload then starts the
    /// scenario as it is, rather than the saved state being refused as a whole).
    pub fn kept(start: Rc<Scenario>, changes: Vec<RunChange>) -> Option<RunChanges> {
        (!changes.is_empty() && changes.len() <= MAX_RUN_CHANGES)
            .then_some(RunChanges { start, changes })
    }

    /// Checks the parts against each other and `now`, the scenario shown (`shown` names it);
    /// `path` is where the run lies in the snapshot (`run`, `ab.run`).
    fn validate(&self, now: &Scenario, path: &str, shown: &str) -> Result<(), String> {
        self.start
            .validate()
            .map_err(|e| format!("{path}.start: {e}"))?;
        let Some(last) = self.changes.last() else {
            return Err(format!(
                "{path}.changes: empty: a run without changes is left out"
            ));
        };
        if self.changes.len() > MAX_RUN_CHANGES {
            return Err(format!(
                "{path}.changes: at most {MAX_RUN_CHANGES} changes are kept"
            ));
        }
        let mut before = (0, 0.0);
        for (i, c) in self.changes.iter().enumerate() {
            if !(c.time.is_finite() && c.time >= before.1 && c.events >= before.0) {
                return Err(format!(
                    "{path}.changes[{i}]: its moment comes before the change before it"
                ));
            }
            c.scenario
                .validate()
                .map_err(|e| format!("{path}.changes[{i}].scenario: {e}"))?;
            before = (c.events, c.time);
        }
        if *last.scenario != *now {
            return Err(format!("{path}: the last change's scenario is not {shown}"));
        }
        Ok(())
    }
}

/// Everything that survives a reload and travels in a share link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// The scenario (variant A in A/B mode); its seed is the run's seed.
    pub scenario: Rc<Scenario>,
    /// A/B mode, if on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ab: Option<Ab>,
    /// The open lesson and step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<LessonAt>,
    /// Workshop mode, if on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workshop: Option<Workshop>,
    /// Simulation speed.
    pub speed: Speed,
    /// Colour theme.
    pub theme: Theme,
    /// Show metrics before and after the latest change.
    #[serde(default)]
    pub compare: bool,
    /// The changes made while run A played, if any (kept by the simulator; B's are in
    /// [`Ab::run`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<RunChanges>,
}

impl Snapshot {
    /// A scenario with everything else at its default.
    pub fn of(scenario: Scenario) -> Snapshot {
        Snapshot {
            scenario: Rc::new(scenario),
            ab: None,
            lesson: None,
            workshop: None,
            speed: Speed::DaysPerSecond(5.0),
            theme: Theme::Light,
            compare: false,
            run: None,
        }
    }

    /// The scenario the editor changes: B when editing B in A/B mode, else A.
    pub fn edited(&self) -> &Rc<Scenario> {
        match &self.ab {
            Some(ab) if ab.editing == Variant::B => &ab.b,
            _ => &self.scenario,
        }
    }

    /// Variant B, in A/B mode.
    pub fn variant_b(&self) -> Option<&Rc<Scenario>> {
        self.ab.as_ref().map(|ab| &ab.b)
    }

    /// Checks every part; the error names the part and says why, in plain words.
    pub fn validate(&self) -> Result<(), String> {
        self.scenario
            .validate()
            .map_err(|e| format!("scenario: {e}"))?;
        if let Some(run) = &self.run {
            run.validate(&self.scenario, "run", "the snapshot's scenario")?;
        }
        if let Some(ab) = &self.ab {
            ab.b.validate().map_err(|e| format!("variant B: {e}"))?;
            if let Some(run) = &ab.run {
                run.validate(&ab.b, "ab.run", "variant B")?;
            }
            for (name, label) in [("label A", &ab.label_a), ("label B", &ab.label_b)] {
                if label.chars().count() > MAX_LABEL_CHARS {
                    return Err(format!("{name}: at most {MAX_LABEL_CHARS} characters"));
                }
            }
        }
        if let Some(at) = self.lesson {
            let lessons = crate::lessons::all();
            let Some(lesson) = lessons.get(at.lesson) else {
                return Err(format!(
                    "lesson: there is no lesson {} (there are {})",
                    at.lesson + 1,
                    lessons.len()
                ));
            };
            if at.step >= lesson.steps.len() {
                return Err(format!(
                    "lesson: \"{}\" has no step {}",
                    lesson.title,
                    at.step + 1
                ));
            }
        }
        if let Some(w) = &self.workshop {
            if self.lesson.is_none() {
                return Err("workshop: workshop mode needs a lesson".into());
            }
            if w.prediction.chars().count() > MAX_PREDICTION_CHARS {
                return Err(format!(
                    "workshop.prediction: at most {MAX_PREDICTION_CHARS} characters"
                ));
            }
        }
        if let Speed::DaysPerSecond(d) = self.speed {
            if !(d.is_finite() && d > 0.0 && d <= 1e6) {
                return Err(format!(
                    "speed: must be a number of days per second above 0, got {}",
                    crate::sim::validate::Shown(d)
                ));
            }
        }
        Ok(())
    }

    /// The snapshot as JSON (what local storage keeps; share links compress it).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a snapshot always serialises")
    }

    /// Reads and validates a snapshot; the error names the field and says why.
    pub fn from_json(text: &str) -> Result<Snapshot, String> {
        let snapshot: Snapshot =
            crate::sim::json::read(text).map_err(|e| format!("{}: {}", e.path(), e.inner()))?;
        snapshot.validate()?;
        Ok(snapshot)
    }
}

/// What local storage held before the snapshot (key `flowsim.state.v1`): read once so an
/// upgrade loses nothing, never written.
#[derive(Deserialize)]
struct SavedV1 {
    scenario: Scenario,
    speed: Speed,
    theme: Theme,
    compare: bool,
    #[serde(default)]
    lesson: Option<LessonAt>,
    #[serde(default)]
    variant_b: Option<Scenario>,
    #[serde(default)]
    labels: (String, String),
}

impl Snapshot {
    /// Reads what an earlier build stored under `flowsim.state.v1`.
    pub fn from_v1_storage_json(text: &str) -> Result<Snapshot, String> {
        let v1: SavedV1 = crate::sim::json::read(text).map_err(|e| e.to_string())?;
        let snapshot = Snapshot {
            scenario: Rc::new(v1.scenario),
            ab: v1.variant_b.map(|b| Ab {
                b: Rc::new(b),
                label_a: v1.labels.0,
                label_b: v1.labels.1,
                editing: Variant::A,
                run: None,
            }),
            lesson: v1.lesson,
            workshop: None,
            speed: v1.speed,
            theme: v1.theme,
            compare: v1.compare,
            run: None,
        };
        snapshot.validate()?;
        Ok(snapshot)
    }
}
