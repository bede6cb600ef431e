//! The app state to and from share links (see [`crate::share`]): the link carries the same
//! [`crate::state::Snapshot`] that local storage keeps.

use super::state::AppState;
use crate::share::{parse, Embed, Link};

/// Applies a decoded link to the start-up state.
pub fn apply(state: &mut AppState, link: Link) {
    if let Some(snap) = link.snapshot {
        state.snap = snap;
    }
    if let Some(e) = &link.embed {
        state.playing = e.autoplay;
    }
    state.embed = link.embed;
}

/// Reads the page's URL fragment into the state; a bad link leaves the state as it was and
/// says why.
pub fn apply_location(state: &mut AppState) {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    if hash.len() <= 1 {
        return;
    }
    match parse(&hash) {
        Ok(link) => apply(state, link),
        Err(e) => {
            state.notice = Some(format!("This link could not be opened: {e}. The scenario below is the one you had before (or the default)."));
            // An embed's broken link still opens as an embed (in a wiki page's frame the
            // whole app would not fit), with the panels it names if they read, not running.
            state.embed = embed_part(&hash).map(|embed| Embed {
                autoplay: false,
                ..embed
            });
        }
    }
}

/// The embed options of a link whose other parts do not read: `None` unless it is an embed.
fn embed_part(hash: &str) -> Option<Embed> {
    let pairs: Vec<&str> = hash
        .trim_start_matches('#')
        .split('&')
        .filter(|p| p.starts_with("embed=") || p.starts_with("controls="))
        .collect();
    if !pairs.iter().any(|p| p.starts_with("embed=")) {
        return None;
    }
    let embed = parse(&pairs.join("&")).ok().and_then(|l| l.embed);
    Some(embed.unwrap_or_default())
}

/// The page's address without its fragment.
pub fn page_url() -> String {
    let loc = gloo::utils::window().location();
    let href = loc.href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// A full link to the current state, as an embed if `embed` is given.
pub fn link_to(state: &AppState, embed: Option<&Embed>) -> String {
    format!(
        "{}#{}",
        page_url(),
        crate::share::fragment(&state.snap, embed)
    )
}
