//! Turning one edit of a form field into a validated scenario change.

use super::field::Verdict;
use crate::sim::{Scenario, ScenarioError};
use crate::state::RoomFollow;
use std::rc::Rc;
use yew::prelude::*;

/// The scenario being edited and how to apply a changed one.
#[derive(Clone, PartialEq)]
pub struct Editor {
    /// The applied scenario.
    pub scenario: Rc<Scenario>,
    /// Applies a valid scenario.
    pub apply: Callback<Scenario>,
    /// The room this page is in: a team's edit must also keep to its challenge.
    pub room: Option<RoomFollow>,
}

impl Editor {
    /// A callback for the field at `path`: applies `f` to a copy of the scenario and, if the
    /// copy is valid, applies it; otherwise returns the reason, and nothing changes.
    pub fn field<T: 'static>(
        &self,
        path: impl Into<String>,
        f: impl Fn(&mut Scenario, T) + 'static,
    ) -> Callback<T, Verdict> {
        let scenario = self.scenario.clone();
        let apply = self.apply.clone();
        let room = self.room.clone();
        let path = path.into();
        Callback::from(move |value: T| {
            let mut next = (*scenario).clone();
            f(&mut next, value);
            verdict(next, &apply, &path, room.as_ref())
        })
    }

    /// A button's callback: applies `f` if the result is valid (buttons offer only valid
    /// actions, so a refusal is silent).
    pub fn action<E: 'static>(&self, f: impl Fn(&mut Scenario) + 'static) -> Callback<E> {
        let field = self.field("", move |s: &mut Scenario, ()| f(s));
        Callback::from(move |_| {
            field.emit(());
        })
    }
}

/// Applies `next` if it is valid (and, in a room, allowed), else says why (one copy for every
/// field's callback).
fn verdict(
    next: Scenario,
    apply: &Callback<Scenario>,
    path: &str,
    room: Option<&RoomFollow>,
) -> Verdict {
    if let Err(e) = next.validate() {
        return Some(message_for(&e, path));
    }
    if let Some(Err(why)) = room.map(|r| r.check_edit(&next)) {
        return Some(why);
    }
    apply.emit(next);
    None
}

/// The message for the field at `path`: its own problem, or else the first one with its path.
pub fn message_for(e: &ScenarioError, path: &str) -> String {
    let own = e.problems.iter().find(|p| p.path == path).or_else(|| {
        e.problems.iter().find(|p| {
            !path.is_empty()
                && (p.path.starts_with(&format!("{path}."))
                    || p.path.starts_with(&format!("{path}[")))
        })
    });
    match own {
        Some(p) => sentence(&p.message),
        None => e
            .problems
            .first()
            .map_or_else(String::new, |p| format!("{}: {}", p.path, p.message)),
    }
}

/// Capitalises the first letter and ends with a full stop.
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}
