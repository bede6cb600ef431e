//! Reading a browser's message: [`ClientMsg::decode`] checks size, shape, names, ranges and
//! any scenario before the server acts on it, naming the path of the first bad field.

use super::code;
use super::protocol::*;
use crate::lessons;
use crate::sim::Scenario;
use crate::state::snapshot::MAX_PREDICTION_CHARS;

impl ClientMsg {
    /// Reads and checks a browser's message: at most [`MAX_MESSAGE_BYTES`], one of the message
    /// types with exactly its fields, a well-formed room code, team name, key and token, and
    /// every value in range (a scenario passes the same validation as in the app). Room codes
    /// come back normalised and team names trimmed.
    pub fn decode(text: &str) -> Result<ClientMsg, ProtocolError> {
        if text.len() > MAX_MESSAGE_BYTES {
            return Err(ProtocolError::new(
                ErrorKind::Full,
                format!("a message may be at most {MAX_MESSAGE_BYTES} bytes"),
            ));
        }
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| ProtocolError::invalid(".", format!("not JSON: {e}")))?;
        let serde_json::Value::Object(mut fields) = value else {
            return Err(ProtocolError::invalid(".", "a message is a JSON object"));
        };
        let Some(serde_json::Value::String(ty)) = fields.remove("type") else {
            return Err(ProtocolError::invalid(
                "type",
                "a message needs a \"type\" text",
            ));
        };
        let rest = serde_json::Value::Object(fields);
        let msg = match ty.as_str() {
            "create" => none(rest).map(|_| ClientMsg::Create),
            "close_challenge" => none(rest).map(|_| ClientMsg::CloseChallenge),
            "host" => fields_of(rest).map(ClientMsg::Host),
            "join" => fields_of(rest).map(ClientMsg::Join),
            "set_content" => fields_of(rest).map(ClientMsg::SetContent),
            "set_phase" => fields_of(rest).map(ClientMsg::SetPhase),
            "open_challenge" => fields_of(rest).map(ClientMsg::OpenChallenge),
            "remove_team" => fields_of(rest).map(ClientMsg::RemoveTeam),
            "predict" => fields_of(rest).map(ClientMsg::Predict),
            "report" => fields_of(rest).map(ClientMsg::Report),
            _ => Err(ProtocolError::invalid(
                "type",
                format!("unknown message type {ty:?}"),
            )),
        }?;
        msg.checked()
    }

    /// The message with its values checked and normalised.
    fn checked(self) -> Result<ClientMsg, ProtocolError> {
        Ok(match self {
            ClientMsg::Create | ClientMsg::CloseChallenge | ClientMsg::SetPhase(_) => self,
            ClientMsg::Host(Host { code, key }) => ClientMsg::Host(Host {
                code: room_code(&code)?,
                key: secret("key", key)?,
            }),
            ClientMsg::Join(Join { code, team, token }) => ClientMsg::Join(Join {
                code: room_code(&code)?,
                team: team_name("team", &team)?,
                token: token.map(|t| secret("token", t)).transpose()?,
            }),
            ClientMsg::SetContent(m) => {
                check_content(&m.content)?;
                ClientMsg::SetContent(m)
            }
            ClientMsg::OpenChallenge(m) => {
                if let Some((path, message)) = m.challenge.problems("challenge").into_iter().next()
                {
                    return Err(ProtocolError::invalid(path, message));
                }
                ClientMsg::OpenChallenge(m)
            }
            ClientMsg::RemoveTeam(m) => ClientMsg::RemoveTeam(RemoveTeam {
                team: team_name("team", &m.team)?,
            }),
            ClientMsg::Predict(m) => {
                if m.text.chars().count() > MAX_PREDICTION_CHARS {
                    return Err(ProtocolError::invalid(
                        "text",
                        format!("a prediction may be at most {MAX_PREDICTION_CHARS} characters"),
                    ));
                }
                ClientMsg::Predict(m)
            }
            ClientMsg::Report(m) => {
                check_results(&m.results)?;
                ClientMsg::Report(m)
            }
        })
    }
}

/// A variant's fields, with the path of the first bad one.
fn fields_of<T: serde::de::DeserializeOwned>(rest: serde_json::Value) -> Result<T, ProtocolError> {
    serde_path_to_error::deserialize(rest).map_err(|e| {
        let path = e.path().to_string();
        let (field, message) = plain(&e.into_inner().to_string());
        let path = match (field, path.as_str()) {
            (Some(f), "." | "") => f,
            (Some(f), p) => format!("{p}.{f}"),
            (None, p) => p.to_string(),
        };
        ProtocolError::invalid(path, message)
    })
}

/// serde's reason in plain words, with the field a "missing field" names (for the path).
fn plain(serde: &str) -> (Option<String>, String) {
    if let Some(field) = serde
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return (Some(field.to_string()), "is required".into());
    }
    let Some((got, expected)) = serde
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    else {
        return (None, serde.to_string());
    };
    let want = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number (0 or more)",
        "f32" | "f64" => "a number",
        "a string" => "text in quotes",
        "a boolean" => "true or false",
        other => other,
    };
    // `floating point `1.5`` → `1.5`; `string "x"` → `"x"`.
    let got = got
        .split_once('`')
        .map_or(got, |(_, v)| v.trim_end_matches('`'));
    let got = got.strip_prefix("string ").unwrap_or(got);
    (None, format!("must be {want}, got {got}"))
}

/// A message type without fields: anything besides `type` is refused.
fn none(rest: serde_json::Value) -> Result<(), ProtocolError> {
    match rest.as_object().and_then(|o| o.keys().next()) {
        Some(k) => Err(ProtocolError::invalid(
            k.clone(),
            "this message has no such field",
        )),
        None => Ok(()),
    }
}

fn room_code(typed: &str) -> Result<String, ProtocolError> {
    code::normalise(typed).ok_or_else(|| {
        ProtocolError::invalid(
            "code",
            format!(
                "a room code is {} letters from {}",
                code::LEN,
                code::ALPHABET
            ),
        )
    })
}

/// What two team names are compared by: ignoring case, and the joiners and variation
/// selectors (U+200C, U+200D, U+FE00–U+FE0F) that change how a name looks at most a little, so
/// "ants" and "an\u{200D}ts" are the same name.
pub fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}'))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    key(a) == key(b)
}

/// A team name: trimmed, 1 to [`MAX_TEAM_CHARS`] characters, no control characters.
pub fn team_name(path: &str, name: &str) -> Result<String, ProtocolError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ProtocolError::invalid(path, "a team name cannot be empty"));
    }
    if name.chars().count() > MAX_TEAM_CHARS {
        return Err(ProtocolError::invalid(
            path,
            format!("a team name may be at most {MAX_TEAM_CHARS} characters"),
        ));
    }
    if name.chars().any(crate::sim::validate::is_control) {
        return Err(ProtocolError::invalid(
            path,
            "a team name cannot contain control characters",
        ));
    }
    Ok(name.to_string())
}

fn secret(path: &str, s: String) -> Result<String, ProtocolError> {
    if s.len() == SECRET_CHARS && s.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(s.to_ascii_lowercase())
    } else {
        Err(ProtocolError::invalid(
            path,
            format!("must be {SECRET_CHARS} hexadecimal digits"),
        ))
    }
}

fn check_scenario(path: &str, s: &Scenario) -> Result<(), ProtocolError> {
    s.validate().map_err(|e| {
        let first = &e.problems[0];
        let sub = first.path.trim_start_matches('.');
        let full = if sub.is_empty() {
            path.to_string()
        } else {
            format!("{path}.{sub}")
        };
        ProtocolError::invalid(full, first.message.clone())
    })
}

fn check_content(c: &Content) -> Result<(), ProtocolError> {
    if let Some(at) = c.lesson {
        let Some(lesson) = lessons::all().get(at.lesson) else {
            return Err(ProtocolError::invalid(
                "content.lesson.lesson",
                format!("there are {} lessons", lessons::all().len()),
            ));
        };
        if at.step >= lesson.steps.len() {
            return Err(ProtocolError::invalid(
                "content.lesson.step",
                format!("this lesson has {} steps", lesson.steps.len()),
            ));
        }
    }
    check_scenario("content.scenario", &c.scenario)
}

fn check_results(r: &Results) -> Result<(), ProtocolError> {
    let p = |f: &str| format!("results.{f}");
    if !(r.day.is_finite() && (0.0..=MAX_REPORT_DAYS).contains(&r.day)) {
        return Err(ProtocolError::invalid(
            p("day"),
            format!("must be from 0 to {MAX_REPORT_DAYS}"),
        ));
    }
    let numbers = [
        ("throughput", Some(r.throughput)),
        ("wip_mean", Some(r.wip_mean)),
        ("lead_mean", r.lead_mean),
        ("lead_p85", r.lead_p85),
    ];
    for (field, v) in numbers {
        if v.is_some_and(|v| !(v.is_finite() && (0.0..=1.0e9).contains(&v))) {
            return Err(ProtocolError::invalid(
                p(field),
                "must be a number from 0 to 1e9",
            ));
        }
    }
    if let Some(s) = &r.scenario {
        check_scenario(&p("scenario"), s)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "decode_tests.rs"]
mod tests;
