//! What survives a reload: the scenario, A/B variant, lesson and view choices in local
//! storage. A stored value that cannot be read is ignored with a notice, never a crash.

use super::state::{default_scenario, AppState, LessonAt, Speed, Theme};
use crate::sim::Scenario;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// Where the state is stored.
const STORAGE_KEY: &str = "flowsim.state.v1";

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
    /// The open lesson and step.
    #[serde(default)]
    pub lesson: Option<LessonAt>,
    /// Variant B in A/B mode.
    #[serde(default)]
    pub variant_b: Option<Scenario>,
    /// Labels of A and B.
    #[serde(default)]
    pub labels: (String, String),
}

impl AppState {
    /// The state at start-up: what was saved, if it can be read; otherwise the defaults and a
    /// notice saying why.
    pub fn load() -> AppState {
        let mut state = Self::load_saved();
        super::link::apply_location(&mut state);
        state
    }

    /// The saved state, or the defaults with a notice saying why it could not be read.
    fn load_saved() -> AppState {
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
            lesson: None,
            variant_b: None,
            label_a: String::new(),
            label_b: String::new(),
            editing_b: false,
            workshop: None,
            prediction: String::new(),
            embed: None,
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
                state.lesson = saved
                    .lesson
                    .filter(|at| at.lesson < crate::lessons::all().len());
                state.variant_b = saved.variant_b.map(Rc::new);
                (state.label_a, state.label_b) = saved.labels;
            }
            Err(why) => {
                state.notice = Some(format!("Your saved scenario could not be read ({why}), so the default scenario is shown."));
            }
        }
        state
    }

    /// Stores what should survive a reload (not in embed mode: an embedded copy must not
    /// overwrite what the reader saved in the full app).
    pub fn save(&self) {
        if self.embed.is_some() {
            return;
        }
        let saved = Saved {
            scenario: (*self.scenario).clone(),
            speed: self.speed,
            theme: self.theme,
            compare: self.compare,
            lesson: self.lesson,
            variant_b: self.variant_b.as_deref().cloned(),
            labels: (self.label_a.clone(), self.label_b.clone()),
        };
        let _ = LocalStorage::set(STORAGE_KEY, saved);
    }
}

/// Parses and validates saved state.
pub fn read_saved(text: &str) -> Result<Saved, String> {
    let saved: Saved = serde_json::from_str(text).map_err(|e| e.to_string())?;
    saved.scenario.validate().map_err(|e| e.to_string())?;
    if let Some(b) = &saved.variant_b {
        b.validate().map_err(|e| format!("variant B: {e}"))?;
    }
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
