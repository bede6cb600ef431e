//! A team that paused its run keeps it paused across a reload. Otherwise a reloaded page in a
//! round that runs catches up with the day it had reported and plays on, and the team's
//! pause is lost.
//!
//! While a team's round is under way, local storage holds the room's code and the round in which the
//! team has paused its run (nothing while it plays). A reloaded page reads that once, when it
//! takes its role again, and says so when it catches up (`Action::ResumeRun`).

use super::Saved;
use crate::state::RoomFollow;
use crate::ui::storage;
use yew::prelude::*;

/// Where the pause is kept: `CODE ROUND`.
const PAUSED_KEY: &str = "flowsim.room.paused";

/// Forgets a pause kept (the page leaves its room, or takes another role).
pub(super) fn forget() {
    storage::remove(PAUSED_KEY);
}

/// The round in which the team of `saved` had paused its run before this page was loaded.
pub(super) fn stored(saved: &Saved) -> Option<u32> {
    let text = storage::get(PAUSED_KEY)?;
    let (code, round) = text.split_once(' ')?;
    (code == saved.code()).then(|| round.parse().ok())?
}

/// Keeps the pause of a team's run (`saved`'s role, following `room`) in local storage while
/// its round is one a reload resumes ([`RoomFollow::resumable_round`]): set while it is
/// paused, cleared while it plays.
#[hook]
pub fn use_remember_pause(saved: Option<&Saved>, room: Option<&RoomFollow>, playing: bool) {
    let running = match (saved, room.and_then(RoomFollow::resumable_round)) {
        (Some(Saved::Team { code, .. }), Some(round)) => Some((code.clone(), round)),
        _ => None,
    };
    use_effect_with((running, playing), |(running, playing)| match running {
        Some((code, round)) if !*playing => storage::set(PAUSED_KEY, &format!("{code} {round}")),
        Some(_) => storage::remove(PAUSED_KEY),
        None => {}
    });
}
