//! Share links: the app's state — a [`Snapshot`], the same type local storage keeps — and
//! embed options in the URL fragment, compact and versioned.
//!
//! A link's fragment is a list of `key=value` pairs separated by `&`:
//! - `s=2.<data>`: the snapshot, format version 2: JSON, deflate-compressed,
//!   base64url-encoded. Version 1 (`s=1.…`, a smaller state of its own) is still read.
//! - `embed=board,metrics,…`: embed mode with these panels (see [`Panel`]).
//! - `controls=play,reset,…`: the controls an embed shows (see [`Control`]); the rest are
//!   locked. Naming any brings the run controls panel that holds them, whatever `embed=`
//!   lists.
//! - `autoplay=1`: an embed starts running at once.
//!
//! The fragment never reaches a server. Decoding is bounded (fragment length, decompressed
//! size, and the scenario's own limits) and every failure is a sentence, never a panic.
//! Versions are kept forever: a link made today must open in every later build
//! (`tests/sim/share.rs` keeps one from each version).

mod embed;
mod v1;

pub use embed::{in_order, keys, Choice, Control, Embed, Panel};

use crate::state::Snapshot;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The state format written by this build.
pub const VERSION: u32 = 2;
/// The longest fragment accepted, in bytes.
pub const MAX_FRAGMENT: usize = 64 * 1024;
/// The most the state may decompress to, in bytes.
pub const MAX_STATE_JSON: usize = 512 * 1024;

/// A decoded link.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Link {
    /// The state, if the link carries one.
    pub snapshot: Option<Snapshot>,
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
pub fn encode_state(snapshot: &Snapshot) -> String {
    let json = snapshot.to_json().into_bytes();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes the value of `s=`, checking every limit and validating every part.
pub fn decode_state(value: &str) -> Result<Snapshot, LinkError> {
    let Some((version, data)) = value.split_once('.') else {
        return err("the link's state has no version");
    };
    match version {
        "1" => {
            let json = unpack(data)?;
            let v1: v1::SharedV1 = read(&json)?;
            check(v1.into_snapshot())
        }
        "2" => {
            let json = unpack(data)?;
            check(read(&json)?)
        }
        v if v.parse::<u32>().is_ok_and(|v| v > VERSION) => err(format!(
            "the link was made by a newer flowsim (format {v}); this one reads up to {VERSION}"
        )),
        v => err(format!("unknown link format {v:?}")),
    }
}

/// The JSON inside a link's state: base64url, then deflate, within [`MAX_STATE_JSON`].
fn unpack(data: &str) -> Result<Vec<u8>, LinkError> {
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| {
            LinkError("the link is damaged (not valid base64): it may have been cut short".into())
        })?;
    miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_STATE_JSON).map_err(|_| {
        LinkError("the link is damaged or too large to unpack: it may have been cut short".into())
    })
}

fn read<T: serde::de::DeserializeOwned>(json: &[u8]) -> Result<T, LinkError> {
    let text = std::str::from_utf8(json)
        .map_err(|_| LinkError("the link's state is not readable: it is not text".into()))?;
    crate::sim::json::read(text).map_err(|e| {
        LinkError(format!(
            "the link's state is not readable: {}: {}",
            e.path(),
            e.inner()
        ))
    })
}

fn check(snapshot: Snapshot) -> Result<Snapshot, LinkError> {
    snapshot
        .validate()
        .map_err(|e| LinkError(format!("the link's {e}")))?;
    Ok(snapshot)
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
    let mut named_controls = false;
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "s" => link.snapshot = Some(decode_state(value)?),
            "embed" => {
                let panels = if value.is_empty() || value == "1" {
                    Panel::ALL.to_vec()
                } else {
                    list(key, value)?
                };
                embed.get_or_insert_with(Embed::default).panels = panels;
            }
            "controls" => {
                embed.get_or_insert_with(Embed::default).controls = list(key, value)?;
                named_controls = true;
            }
            "autoplay" => embed.get_or_insert_with(Embed::default).autoplay = value != "0",
            _ => return err(format!("unknown link part {key:?}")),
        }
    }
    if let Some(e) = &mut embed {
        if e.panels.is_empty() {
            e.panels = Panel::ALL.to_vec();
        }
        // A control the link names is one the reader gets: the panel that holds it comes
        // with it (`embed=board,lead&controls=play,reset` has Play and Reset).
        if named_controls && !e.controls.is_empty() && !e.shows(Panel::Controls) {
            e.panels.push(Panel::Controls);
            e.panels = in_order(&e.panels);
        }
    }
    link.embed = embed;
    Ok(link)
}

/// The options a comma-separated list names, in their usual order; an unknown word is an
/// error that lists the known ones.
fn list<C: Choice>(key: &str, value: &str) -> Result<Vec<C>, LinkError> {
    let mut out = Vec::new();
    for word in value.split(',').filter(|w| !w.is_empty()) {
        match C::from_key(word) {
            Some(c) => out.push(c),
            None => {
                return err(format!(
                    "unknown {key} item {word:?} (known: {})",
                    keys(C::ALL)
                ))
            }
        }
    }
    Ok(in_order(&out))
}

/// The fragment for `snapshot`, with embed options if given.
pub fn fragment(snapshot: &Snapshot, embed: Option<&Embed>) -> String {
    let mut out = String::new();
    if let Some(e) = embed {
        // Without the run controls panel no control is offered, whatever the list says.
        let controls = if e.shows(Panel::Controls) {
            keys(&e.controls)
        } else {
            String::new()
        };
        out.push_str(&format!("embed={}&controls={controls}&", keys(&e.panels)));
        if e.autoplay {
            out.push_str("autoplay=1&");
        }
    }
    out.push_str("s=");
    out.push_str(&encode_state(snapshot));
    out
}
