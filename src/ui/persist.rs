//! What survives a reload: the app's [`Snapshot`] in local storage, saved whenever any part of
//! it changes. A stored value that cannot be read is ignored with a notice, never a crash;
//! where the browser refuses storage the app runs without it.

use super::state::{AppState, Snapshot, Theme};
use super::storage;

/// Where the snapshot is stored.
const STORAGE_KEY: &str = "flowsim.state.v2";
/// Where builds before the snapshot stored their state (read once, then replaced).
const STORAGE_KEY_V1: &str = "flowsim.state.v1";

impl AppState {
    /// The state at start-up: a link in the address if there is one, else what was saved,
    /// else the defaults (with a notice saying why a saved state could not be read).
    pub fn load() -> AppState {
        let mut state = Self::load_saved();
        super::link::apply_location(&mut state);
        state
    }

    fn load_saved() -> AppState {
        let mut state = AppState::initial(if prefers_dark() {
            Theme::Dark
        } else {
            Theme::Light
        });
        let read = if let Some(text) = storage::get(STORAGE_KEY) {
            Snapshot::from_json(&text)
        } else if let Some(text) = storage::get(STORAGE_KEY_V1) {
            Snapshot::from_v1_storage_json(&text)
        } else {
            return state;
        };
        match read {
            Ok(snap) => state.snap = snap,
            Err(why) => {
                state.notice = Some(format!(
                    "Your saved state could not be read ({why}), so the default scenario is shown."
                ));
            }
        }
        state
    }

    /// Stores the snapshot (not in embed mode: an embedded copy must not overwrite what the
    /// reader saved in the full app).
    pub fn save(&self) {
        if self.embed.is_some() {
            return;
        }
        storage::set(STORAGE_KEY, &self.snap.to_json());
        storage::remove(STORAGE_KEY_V1);
    }
}

fn prefers_dark() -> bool {
    gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
