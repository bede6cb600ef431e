//! Share links: the whole state of the app — scenario, variant B, lesson, view options and
//! embed options — in the URL fragment, compact and versioned.
//!
//! A link's fragment is a list of `key=value` pairs separated by `&`:
//! - `s=1.<data>`: the state, format version 1: JSON, deflate-compressed, base64url-encoded.
//! - `embed=board,metrics,…`: embed mode with these panels (see [`PANELS`]).
//! - `controls=play,reset,…`: the controls an embed shows (see [`CONTROLS`]); the rest are
//!   locked.
//! - `autoplay=1`: an embed starts running at once.
//!
//! The fragment never reaches a server. Decoding is bounded (fragment length, decompressed
//! size, and the scenario's own limits) and every failure is a sentence, never a panic.
//! Versions are kept forever: a link made today must open in every later build
//! (`tests/sim/share.rs` keeps one from each version).

use crate::sim::{Scenario, ScenarioError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The state format written by this build.
pub const VERSION: u32 = 1;
/// The longest fragment accepted, in bytes.
pub const MAX_FRAGMENT: usize = 64 * 1024;
/// The most the state may decompress to, in bytes.
pub const MAX_STATE_JSON: usize = 512 * 1024;
/// Panels an embed can show.
pub const PANELS: [&str; 8] = [
    "controls",
    "metrics",
    "board",
    "throughput",
    "lead",
    "cfd",
    "histogram",
    "stages",
];
/// Controls an embed can offer.
pub const CONTROLS: [&str; 4] = ["play", "step", "reset", "speed"];

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// The scenario (variant A).
    #[serde(rename = "s")]
    pub scenario: Scenario,
    /// Variant B in A/B mode.
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub variant_b: Option<Scenario>,
    /// Labels of A and B.
    #[serde(rename = "ab", default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<(String, String)>,
    /// Open lesson and step.
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<(usize, usize)>,
    /// Speed in simulated days per second (absent: as fast as possible is `0`).
    #[serde(rename = "sp", default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<f64>,
    /// Dark theme.
    #[serde(rename = "d", default, skip_serializing_if = "std::ops::Not::not")]
    pub dark: bool,
    /// Show before/after the latest change.
    #[serde(rename = "c", default, skip_serializing_if = "std::ops::Not::not")]
    pub compare: bool,
}

/// What an embed shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Embed {
    /// Panels shown, in [`PANELS`] order.
    pub panels: Vec<String>,
    /// Controls offered, in [`CONTROLS`] order; the others are absent.
    pub controls: Vec<String>,
    /// Start running at once.
    pub autoplay: bool,
}

/// A decoded link.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Link {
    /// The state, if the link carries one.
    pub shared: Option<Shared>,
    /// Embed mode, if asked for.
    pub embed: Option<Embed>,
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkError(pub String);

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(message: impl Into<String>) -> Result<T, LinkError> {
    Err(LinkError(message.into()))
}

/// Encodes the state as the value of `s=`.
pub fn encode_state(shared: &Shared) -> String {
    let json = serde_json::to_vec(shared).expect("the state serialises");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes the value of `s=`, checking every limit and validating the scenarios.
pub fn decode_state(value: &str) -> Result<Shared, LinkError> {
    let Some((version, data)) = value.split_once('.') else {
        return err("the link's state has no version");
    };
    match version {
        "1" => decode_v1(data),
        v if v.parse::<u32>().is_ok_and(|v| v > VERSION) => err(format!(
            "the link was made by a newer flowsim (format {v}); this one reads up to {VERSION}"
        )),
        v => err(format!("unknown link format {v:?}")),
    }
}

fn decode_v1(data: &str) -> Result<Shared, LinkError> {
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| {
            LinkError("the link is damaged (not valid base64); was it cut short?".into())
        })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_STATE_JSON)
        .map_err(|_| {
            LinkError("the link is damaged or too large to unpack; was it cut short?".into())
        })?;
    let mut de = serde_json::Deserializer::from_slice(&json);
    let shared: Shared = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        LinkError(format!(
            "the link's state is not readable: {}: {}",
            e.path(),
            e.inner()
        ))
    })?;
    let check = |s: &Scenario, which: &str| -> Result<(), LinkError> {
        s.validate()
            .map_err(|e: ScenarioError| LinkError(format!("the link's {which} is not valid: {e}")))
    };
    check(&shared.scenario, "scenario")?;
    if let Some(b) = &shared.variant_b {
        check(b, "variant B")?;
    }
    if let Some(sp) = shared.speed {
        if !(sp.is_finite() && (0.0..=1e6).contains(&sp)) {
            return err("the link's speed is not a sensible number");
        }
    }
    Ok(shared)
}

/// Parses a URL fragment (with or without the leading `#`).
pub fn parse(fragment: &str) -> Result<Link, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_FRAGMENT {
        return err(format!(
            "the link is {} characters long; at most {MAX_FRAGMENT} are accepted",
            fragment.len()
        ));
    }
    let mut link = Link::default();
    let mut embed: Option<Embed> = None;
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let list = |v: &str, allowed: &[&str]| -> Result<Vec<String>, LinkError> {
            let mut out = Vec::new();
            for item in v.split(',').filter(|i| !i.is_empty()) {
                if !allowed.contains(&item) {
                    return err(format!(
                        "unknown {key} item {item:?} (known: {})",
                        allowed.join(", ")
                    ));
                }
                out.push(item.to_string());
            }
            Ok(allowed
                .iter()
                .filter(|a| out.iter().any(|o| o == *a))
                .map(|a| a.to_string())
                .collect())
        };
        match key {
            "s" => link.shared = Some(decode_state(value)?),
            "embed" => {
                let panels = if value.is_empty() || value == "1" {
                    PANELS.iter().map(|p| p.to_string()).collect()
                } else {
                    list(value, &PANELS)?
                };
                embed
                    .get_or_insert_with(|| Embed {
                        controls: CONTROLS.iter().map(|c| c.to_string()).collect(),
                        ..Embed::default()
                    })
                    .panels = panels;
            }
            "controls" => {
                let controls = list(value, &CONTROLS)?;
                embed.get_or_insert_with(Embed::default).controls = controls;
            }
            "autoplay" => embed.get_or_insert_with(Embed::default).autoplay = value != "0",
            _ => return err(format!("unknown link part {key:?}")),
        }
    }
    if let Some(e) = &mut embed {
        if e.panels.is_empty() {
            e.panels = PANELS.iter().map(|p| p.to_string()).collect();
        }
    }
    link.embed = embed;
    Ok(link)
}

/// The fragment for `shared`, with embed options if given.
pub fn fragment(shared: &Shared, embed: Option<&Embed>) -> String {
    let mut out = String::new();
    if let Some(e) = embed {
        out.push_str(&format!(
            "embed={}&controls={}&",
            e.panels.join(","),
            e.controls.join(",")
        ));
        if e.autoplay {
            out.push_str("autoplay=1&");
        }
    }
    out.push_str("s=");
    out.push_str(&encode_state(shared));
    out
}
