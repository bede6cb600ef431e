//! The app's state and its reducer (`use_reducer` with an [`Action`] enum), and what of it
//! survives a reload (local storage).

use crate::sim::{Scenario, Stage};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::prelude::*;

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

/// The whole UI state.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The scenario being edited and run.
    pub scenario: Rc<Scenario>,
    /// Bumped to start a new run (Reset, or a change the running simulation cannot absorb).
    pub generation: u32,
    /// Whether the simulation runs.
    pub playing: bool,
    /// Bumped for each Step request.
    pub steps: u32,
    /// Simulation speed.
    pub speed: Speed,
    /// Colour theme.
    pub theme: Theme,
    /// Show metrics before and after the latest intervention.
    pub compare: bool,
    /// A message for the person (e.g. the saved state could not be read).
    pub notice: Option<String>,
    /// The open lesson, if any.
    pub lesson: Option<LessonAt>,
    /// Variant B in A/B mode (A is `scenario`).
    pub variant_b: Option<Rc<Scenario>>,
    /// What A is, in A/B mode.
    pub label_a: String,
    /// What B is, in A/B mode.
    pub label_b: String,
    /// The editor changes B instead of A.
    pub editing_b: bool,
    /// Workshop mode: the phase of the facilitator flow.
    pub workshop: Option<Phase>,
    /// The prediction typed in workshop mode.
    pub prediction: String,
    /// Embed mode: the panels and controls shown.
    pub embed: Option<crate::share::Embed>,
}

/// A shortcut key, interpreted by the reducer (its meaning depends on workshop mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Space: play or pause.
    Space,
    /// → : step (workshop: next phase).
    Next,
    /// PageDown: next phase in workshop mode.
    PageDown,
    /// ← or PageUp: previous phase in workshop mode.
    Back,
    /// R: reset.
    Reset,
}

/// The facilitator flow of a lesson in workshop mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Participants predict; the metrics are hidden.
    Predict,
    /// The comparison runs.
    Run,
    /// The debrief: what to notice and the takeaway.
    Reveal,
}

/// Everything the UI can do to the state.
pub enum Action {
    /// Replace the scenario (already validated by the editor). Applied to the running
    /// simulation when it can be; otherwise the run restarts with a notice.
    SetScenario(Scenario),
    /// Play or pause.
    TogglePlay,
    /// Pause and advance one event.
    Step,
    /// Start the run again from time 0.
    Reset,
    /// Choose a speed.
    SetSpeed(Speed),
    /// Choose a theme.
    SetTheme(Theme),
    /// Show or hide before/after.
    SetCompare(bool),
    /// A new seed, and a new run.
    NewSeed,
    /// Dismiss the notice.
    DismissNotice,
    /// Open lesson `n` at its first step.
    OpenLesson(usize),
    /// Go to step `n` of the open lesson.
    LessonStep(usize),
    /// Close the lesson.
    CloseLesson,
    /// Compare two variants: B starts as a copy of A, or as the given scenario.
    StartAb(Option<(Scenario, String, String)>),
    /// Leave A/B mode, keeping A.
    EndAb,
    /// Edit A (false) or B (true) in A/B mode.
    EditVariant(bool),
    /// A shortcut key.
    Key(Key),
    /// Turn workshop mode on or off.
    ToggleWorkshop,
    /// The next phase of the facilitator flow (after Reveal: the next lesson).
    WorkshopNext,
    /// The previous phase.
    WorkshopBack,
    /// The participants' prediction, as typed.
    SetPrediction(String),
    /// Replace the scenario with an imported one (file name, scenario), starting a new run.
    Import(String, Scenario),
    /// Show a message.
    Notice(String),
}

/// The default scenario: four stages; Test is the bottleneck (offered load 0.9, the others
/// 0.67 or less), so a queue builds in front of it.
pub fn default_scenario() -> Scenario {
    use crate::sim::Dist::*;
    Scenario {
        name: "A small delivery team".into(),
        duration: 365.0,
        arrival: crate::sim::Arrival::Poisson {
            rate: 2.0,
            backlog: 0,
        },
        stages: vec![
            Stage::new("Analyse", 1, Exponential { mean: 0.3 }),
            Stage::new("Develop", 3, Lognormal { mean: 1.0, cv: 0.8 }),
            Stage::new("Test", 1, Exponential { mean: 0.45 }),
            Stage::new("Deploy", 1, Constant { value: 0.05 }),
        ],
        ..Scenario::single_stage()
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetScenario(scenario) => {
                let editing_b = s.editing_b && s.variant_b.is_some();
                let old = if editing_b {
                    s.variant_b.clone().expect("checked")
                } else {
                    s.scenario.clone()
                };
                if old.reset_needed_for(&scenario).is_some() {
                    s.generation += 1;
                    s.notice =
                        Some("The stages changed, so the run started again from day 0.".into());
                }
                let seed = scenario.seed;
                if editing_b {
                    s.variant_b = Some(Rc::new(scenario));
                } else {
                    s.scenario = Rc::new(scenario);
                }
                s.share_seed(seed);
            }
            Action::TogglePlay => s.playing = !s.playing,
            Action::Step => {
                s.playing = false;
                s.steps += 1;
            }
            Action::Reset => {
                s.generation += 1;
                s.playing = false;
            }
            Action::SetSpeed(speed) => s.speed = speed,
            Action::SetTheme(theme) => s.theme = theme,
            Action::SetCompare(on) => s.compare = on,
            Action::NewSeed => {
                s.share_seed(next_seed(s.scenario.seed));
                s.generation += 1;
            }
            Action::DismissNotice => s.notice = None,
            Action::OpenLesson(n) => {
                let step = crate::lessons::all()
                    .get(n)
                    .map(|l| l.steps[0].scenario.clone());
                if let Some(scenario) = step {
                    s.lesson = Some(LessonAt { lesson: n, step: 0 });
                    s.scenario = Rc::new(scenario);
                    s.variant_b = None;
                    s.editing_b = false;
                    s.generation += 1;
                    s.playing = false;
                }
            }
            Action::LessonStep(step) => {
                if let Some(at) = s.lesson {
                    let lesson = &crate::lessons::all()[at.lesson];
                    if let Some(st) = lesson.steps.get(step) {
                        s.lesson = Some(LessonAt { step, ..at });
                        s.scenario = Rc::new(st.scenario.clone());
                        s.variant_b = None;
                        s.generation += 1;
                    }
                }
            }
            Action::CloseLesson => s.lesson = None,
            Action::StartAb(given) => {
                let (b, la, lb) = given.unwrap_or_else(|| {
                    (
                        (*s.scenario).clone(),
                        "As it is".into(),
                        "Your variant".into(),
                    )
                });
                s.variant_b = Some(Rc::new(b));
                s.label_a = la;
                s.label_b = lb;
                s.editing_b = true;
                s.generation += 1;
            }
            Action::EndAb => {
                s.variant_b = None;
                s.editing_b = false;
                s.generation += 1;
            }
            Action::EditVariant(b) => s.editing_b = b && s.variant_b.is_some(),
            Action::Key(key) => {
                if let Some(e) = &s.embed {
                    let allowed = |c: &str| e.controls.iter().any(|x| x == c);
                    let ok = match key {
                        Key::Space => allowed("play"),
                        Key::Next => allowed("step"),
                        Key::Reset => allowed("reset"),
                        Key::PageDown | Key::Back => false,
                    };
                    if !ok {
                        return self;
                    }
                }
                let action = match (key, s.workshop.is_some()) {
                    (Key::Space, _) => Action::TogglePlay,
                    (Key::Reset, _) => Action::Reset,
                    (Key::Next | Key::PageDown, true) => Action::WorkshopNext,
                    (Key::Back, true) => Action::WorkshopBack,
                    (Key::Next, false) => Action::Step,
                    (Key::PageDown | Key::Back, false) => return self,
                };
                return Rc::new(s).reduce(action);
            }
            Action::ToggleWorkshop => {
                if s.workshop.is_some() {
                    s.workshop = None;
                } else {
                    let lesson = s.lesson.map_or(0, |at| at.lesson);
                    s = workshop_predict(s, lesson);
                }
            }
            Action::WorkshopNext => match s.workshop {
                Some(Phase::Predict) => {
                    s.workshop = Some(Phase::Run);
                    s.playing = true;
                }
                Some(Phase::Run) => s.workshop = Some(Phase::Reveal),
                Some(Phase::Reveal) => {
                    let next = s.lesson.map_or(0, |at| at.lesson + 1) % crate::lessons::all().len();
                    s = workshop_predict(s, next);
                }
                None => {}
            },
            Action::WorkshopBack => match s.workshop {
                Some(Phase::Reveal) => s.workshop = Some(Phase::Run),
                Some(Phase::Run) => {
                    s.workshop = Some(Phase::Predict);
                    s.playing = false;
                    s.generation += 1;
                }
                _ => {}
            },
            Action::SetPrediction(text) => s.prediction = text.chars().take(500).collect(),
            Action::Import(name, scenario) => {
                s.scenario = Rc::new(scenario);
                s.variant_b = None;
                s.editing_b = false;
                s.lesson = None;
                s.workshop = None;
                s.playing = false;
                s.generation += 1;
                s.notice = Some(format!("Imported {name}."));
            }
            Action::Notice(text) => s.notice = Some(text),
        }
        Rc::new(s)
    }
}

/// Workshop mode at the Predict phase of lesson `n`: its first step (A) against its last (B),
/// paused at day 0, with an empty prediction.
fn workshop_predict(mut s: AppState, n: usize) -> AppState {
    let lessons = crate::lessons::all();
    let Some(lesson) = lessons.get(n) else {
        return s;
    };
    let first = &lesson.steps[0];
    let last = &lesson.steps[lesson.steps.len() - 1];
    s.lesson = Some(LessonAt { lesson: n, step: 0 });
    s.scenario = Rc::new(first.scenario.clone());
    if lesson.steps.len() > 1 {
        let mut b = last.scenario.clone();
        b.seed = first.scenario.seed;
        s.variant_b = Some(Rc::new(b));
        s.label_a = first.label.clone();
        s.label_b = last.label.clone();
    } else {
        s.variant_b = None;
    }
    s.editing_b = false;
    s.workshop = Some(Phase::Predict);
    s.prediction.clear();
    s.playing = false;
    s.generation += 1;
    s
}

/// A new seed derived from the old one (SplitMix64 step), kept to six digits.
fn next_seed(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % 1_000_000
}

impl AppState {
    /// Gives A and B (if any) the same seed, so they see the same arrivals and work.
    fn share_seed(&mut self, seed: u64) {
        if self.scenario.seed != seed {
            Rc::make_mut(&mut self.scenario).seed = seed;
        }
        if let Some(b) = &mut self.variant_b {
            if b.seed != seed {
                Rc::make_mut(b).seed = seed;
            }
        }
    }
}
