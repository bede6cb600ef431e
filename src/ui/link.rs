//! The app state to and from share links (see [`crate::share`]).

use super::state::{AppState, LessonAt, Speed, Theme};
use crate::share::{parse, Embed, Link, Shared};
use std::rc::Rc;

/// What a share link of the current state carries.
pub fn shared_of(state: &AppState) -> Shared {
    Shared {
        scenario: (*state.scenario).clone(),
        variant_b: state.variant_b.as_deref().cloned(),
        labels: state
            .variant_b
            .is_some()
            .then(|| (state.label_a.clone(), state.label_b.clone())),
        lesson: state.lesson.map(|at| (at.lesson, at.step)),
        speed: Some(match state.speed {
            Speed::DaysPerSecond(d) => d,
            Speed::Max => 0.0,
        }),
        dark: state.theme == Theme::Dark,
        compare: state.compare,
    }
}

/// Applies a decoded link to the start-up state.
pub fn apply(state: &mut AppState, link: Link) {
    if let Some(s) = link.shared {
        state.scenario = Rc::new(s.scenario);
        state.variant_b = s.variant_b.map(Rc::new);
        if let Some((a, b)) = s.labels {
            (state.label_a, state.label_b) = (a, b);
        } else if state.variant_b.is_some() {
            (state.label_a, state.label_b) = ("A".into(), "B".into());
        }
        state.editing_b = false;
        let lessons = crate::lessons::all();
        state.lesson = s
            .lesson
            .filter(|(l, st)| {
                lessons
                    .get(*l)
                    .is_some_and(|lesson| *st < lesson.steps.len())
            })
            .map(|(lesson, step)| LessonAt { lesson, step });
        if let Some(sp) = s.speed {
            state.speed = if sp == 0.0 {
                Speed::Max
            } else {
                Speed::DaysPerSecond(sp)
            };
        }
        state.theme = if s.dark { Theme::Dark } else { Theme::Light };
        state.compare = s.compare;
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
        Err(e) => state.notice = Some(format!("This link could not be opened: {e}. The scenario below is the one you had before (or the default).")),
    }
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
        crate::share::fragment(&shared_of(state), embed)
    )
}
