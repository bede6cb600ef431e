//! Reading and writing the room protocol's JSON: in the release build, part of the rooms wasm
//! file (see [`crate::ui::lazy`]), fetched before a page's first connection to a room. A page
//! that never joins a room never loads it.

use super::Saved;
use crate::rooms::{ClientMsg, ServerMsg};

/// The room protocol's readers and writers.
#[derive(Clone, Copy)]
pub(super) struct Codec {
    /// A message from the server; `None` for text that is not one.
    pub read: fn(&str) -> Option<ServerMsg>,
    /// A message to the server.
    pub write: fn(&ClientMsg) -> String,
    /// The role kept in local storage; `None` for text that is not one.
    pub saved: fn(&str) -> Option<Saved>,
    /// The role as it is kept.
    pub save: fn(&Saved) -> Option<String>,
}

const CODEC: Codec = Codec {
    read: |text| crate::sim::json::read(text).ok(),
    write: ClientMsg::to_json,
    saved: |text| crate::sim::json::read(text).ok(),
    save: |saved| serde_json::to_string(saved).ok(),
};

#[cfg(feature = "split")]
#[wasm_split_helpers::wasm_split(rooms, fallible)]
fn room_codec() -> Result<Codec, wasm_split_helpers::SplitLoaderError> {
    Ok(CODEC)
}

/// The codec, once its file is here; `None` if it could not be fetched.
pub(super) async fn load() -> Option<Codec> {
    #[cfg(feature = "split")]
    return room_codec().await.ok();
    #[cfg(not(feature = "split"))]
    Some(CODEC)
}
