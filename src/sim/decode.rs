//! Reading a scenario from JSON text so that every problem in the document is named at once,
//! each with its field path and a reason in plain words.
//!
//! The text is parsed to a [`Value`] first (a syntax error names its line and column). A typed
//! walk of the value then builds a best-effort [`Scenario`]: a field of the wrong type, a
//! missing one or an unknown `type` is a problem, and gets a placeholder so the walk goes on.
//! [`Scenario::validate_with`] then checks the ranges of that scenario, so the numeric rules
//! are written once, in `validate.rs`; its problems at (or under) a path that already has a
//! type problem are dropped, and the two lists are merged in the order of the format. Only a
//! document without problems is handed to serde, which gives the scenario its values and defaults
//! just as the derive declares them (the walk must agree, and debug builds check that it does).

mod format;
mod walk;

use super::scenario::{FieldError, Scenario, ScenarioError, MAX_JSON_BYTES};
use super::validate::Limits;
use serde_json::Value;
use std::collections::HashMap;
use walk::Walk;

/// Most problems listed; a last line says how many more there are.
pub const MAX_PROBLEMS: usize = 200;

/// Parses `text` into a valid scenario, or lists every problem in it.
pub(crate) fn decode(text: &str, limits: &Limits) -> Result<Scenario, ScenarioError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(ScenarioError::single(
            ".",
            format!(
                "the scenario is {} bytes; at most {MAX_JSON_BYTES} are accepted",
                text.len()
            ),
        ));
    }
    let value: Value = super::json::read(text).map_err(|e| syntax(e.into_inner()))?;
    let mut walk = Walk::default();
    let best = walk.scenario(&value);
    let ranges = best.validate_with(limits).err().map(|e| e.problems);
    let problems = report(walk, ranges.unwrap_or_default());
    if !problems.is_empty() {
        return Err(ScenarioError { problems });
    }
    let parsed: Scenario = super::json::read(text).map_err(|e| {
        // Only what a `Value` cannot show gets here, such as a field given twice.
        let path = e.path().to_string();
        let path = if path.is_empty() { ".".into() } else { path };
        ScenarioError::single(path, e.inner().to_string())
    })?;
    debug_assert_eq!(parsed, best, "the walk and serde read {text} differently");
    Ok(parsed)
}

/// A syntax error, with its line and column.
fn syntax(e: serde_json::Error) -> ScenarioError {
    let full = e.to_string();
    // serde_json ends its messages with " at line L column C"; the position is said below.
    let reason = match e.classify() {
        serde_json::error::Category::Eof => "the text ends before the scenario does",
        _ => full.split(" at line ").next().unwrap_or(&full),
    };
    ScenarioError::single(
        ".",
        format!(
            "not valid JSON at line {}, column {}: {reason}",
            e.line(),
            e.column()
        ),
    )
}

/// The path one step up (`a.b[2]` → `a.b`, `a` → `.`); `None` for the document.
fn parent(path: &str) -> Option<&str> {
    match path.rfind(['.', '[']) {
        _ if path == "." => None,
        Some(i) if i > 0 => Some(&path[..i]),
        _ => Some("."),
    }
}

/// A range rule from `validate.rs` without the value it was checked against: messages of the
/// form `rule (got value)` give `rule`.
fn rule(message: &str) -> Option<&str> {
    let i = message.rfind(" (got ")?;
    message.ends_with(')').then(|| &message[..i])
}

/// The problems `walk` found, merged with the range problems `checked` of its best-effort
/// scenario, in the order of the format.
fn report(walk: Walk, checked: Vec<FieldError>) -> Vec<FieldError> {
    let rules: HashMap<&str, &str> = checked
        .iter()
        .filter_map(|p| Some((p.path.as_str(), rule(&p.message)?)))
        .collect();
    let moot = |path: &str| {
        std::iter::successors(Some(path), |p| parent(p)).any(|p| walk.moot.contains(p))
    };
    let mut all: Vec<FieldError> = walk
        .found
        .iter()
        .map(|f| {
            let want = match rules.get(f.path.as_str()) {
                Some(rule) if f.ruled => rule,
                _ => f.want.as_str(),
            };
            let message = match &f.got {
                Some(got) => format!("{want}, got {got}"),
                None => want.to_string(),
            };
            FieldError {
                path: f.path.clone(),
                message,
            }
        })
        .chain(checked.iter().filter(|p| !moot(&p.path)).cloned())
        .collect();
    let mut rank: HashMap<&str, usize> = HashMap::new();
    for (i, p) in walk.order.iter().enumerate() {
        rank.entry(p.as_str()).or_insert(i);
    }
    let place = |path: &str| {
        std::iter::successors(Some(path), |p| parent(p))
            .find_map(|p| rank.get(p).copied())
            .unwrap_or(0)
    };
    all.sort_by_cached_key(|p| place(&p.path));
    if all.len() > MAX_PROBLEMS {
        let more = all.len() - MAX_PROBLEMS;
        all.truncate(MAX_PROBLEMS);
        all.push(FieldError {
            path: ".".into(),
            message: format!("and {more} more problems"),
        });
    }
    all
}

#[cfg(test)]
mod tests {
    use super::{parent, walk::describe};
    use serde_json::json;

    #[test]
    fn parent_goes_one_step_up_to_the_document() {
        assert_eq!(parent("a.b[2]"), Some("a.b"));
        assert_eq!(parent("a.b"), Some("a"));
        assert_eq!(parent("a"), Some("."));
        assert_eq!(parent("[0]"), Some("."));
        assert_eq!(parent("."), None);
    }

    #[test]
    fn long_strings_are_cut_after_40_characters() {
        let forty = "é".repeat(40);
        assert_eq!(describe(&json!(forty)), format!("\"{forty}\""));
        assert_eq!(
            describe(&json!(format!("{forty}x"))),
            format!("\"{forty}…\"")
        );
        assert_eq!(describe(&json!(-3)), "-3");
        assert_eq!(describe(&json!([1])), "an array");
        assert_eq!(describe(&json!({})), "an object");
    }
}
