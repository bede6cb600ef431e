//! The app's state and its reducer (`use_reducer` with an [`Action`] enum), and what of it
//! survives a reload (local storage).

use crate::sim::{Scenario, Stage};
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::prelude::*;

/// Where the state is stored.
const STORAGE_KEY: &str = "flowsim.state.v1";

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

/// What survives a reload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The scenario being edited and run.
    pub scenario: Scenario,
    /// Simulation speed.
    pub speed: Speed,
    /// Colour theme.
    pub theme: Theme,
    /// Show metrics before and after the latest intervention.
    pub compare: bool,
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

/// True when `b` cannot be applied to a simulation running `a` (see `Simulation::update`).
fn needs_reset(a: &Scenario, b: &Scenario) -> bool {
    a.stages.len() != b.stages.len()
        || a.seed != b.seed
        || a.generalists != b.generalists
        || a.warmup != b.warmup
        || a.window != b.window
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetScenario(scenario) => {
                if needs_reset(&s.scenario, &scenario) {
                    s.generation += 1;
                    s.notice =
                        Some("The stages changed, so the run started again from day 0.".into());
                }
                s.scenario = Rc::new(scenario);
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
                let mut next = (*s.scenario).clone();
                next.seed = next_seed(next.seed);
                s.scenario = Rc::new(next);
                s.generation += 1;
            }
            Action::DismissNotice => s.notice = None,
        }
        Rc::new(s)
    }
}

/// A new seed derived from the old one (SplitMix64 step), kept to six digits.
fn next_seed(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % 1_000_000
}

impl AppState {
    /// The state at start-up: what was saved, if it can be read; otherwise the defaults and a
    /// notice saying why.
    pub fn load() -> AppState {
        let mut state = AppState {
            scenario: Rc::new(default_scenario()),
            generation: 0,
            playing: false,
            steps: 0,
            speed: Speed::DaysPerSecond(5.0),
            theme: if prefers_dark() {
                Theme::Dark
            } else {
                Theme::Light
            },
            compare: false,
            notice: None,
        };
        let Some(text) = LocalStorage::raw().get_item(STORAGE_KEY).ok().flatten() else {
            return state;
        };
        match read_saved(&text) {
            Ok(saved) => {
                state.scenario = Rc::new(saved.scenario);
                state.speed = saved.speed;
                state.theme = saved.theme;
                state.compare = saved.compare;
            }
            Err(why) => {
                state.notice = Some(format!("Your saved scenario could not be read ({why}), so the default scenario is shown."));
            }
        }
        state
    }

    /// Stores what should survive a reload.
    pub fn save(&self) {
        let saved = Saved {
            scenario: (*self.scenario).clone(),
            speed: self.speed,
            theme: self.theme,
            compare: self.compare,
        };
        let _ = LocalStorage::set(STORAGE_KEY, saved);
    }
}

/// Parses and validates saved state.
pub fn read_saved(text: &str) -> Result<Saved, String> {
    let saved: Saved = serde_json::from_str(text).map_err(|e| e.to_string())?;
    saved.scenario.validate().map_err(|e| e.to_string())?;
    if let Speed::DaysPerSecond(d) = saved.speed {
        if !(d.is_finite() && d > 0.0) {
            return Err("speed: must be a positive number".into());
        }
    }
    Ok(saved)
}

fn prefers_dark() -> bool {
    gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
