//! Reading typed JSON, the way the core and the web app read every document: a scenario, a
//! saved or shared state, a lesson, a room message, the worker's answers.
//!
//! [`read`] names the path of the first field that does not fit. Reading through one
//! deserializer type also means each type's `Deserialize` is compiled once in the web app, not
//! once per kind of reader (that was about a fifth of its code). The sweep worker reads its
//! requests with plain `serde_json` instead, the only reader it links, and the native rooms
//! server reads its own messages and store.

use serde::de::DeserializeOwned;

/// Why a document did not read: the path of the field (`stages[2].work.mean`, or empty for
/// the document itself) and serde_json's reason, with its line and column.
pub type JsonError = serde_path_to_error::Error<serde_json::Error>;

/// Reads `text` as a `T`, naming the path of the first field that does not fit. A UTF-8 byte
/// order mark before the document (Windows editors write one) is skipped.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de)?;
    // Characters after the document are an error, as in `serde_json::from_str`.
    de.end()
        .map_err(|e| JsonError::new(serde_path_to_error::Track::new().path(), e))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::read;
    use crate::sim::Scenario;

    #[test]
    fn names_the_path_of_the_first_field_that_does_not_fit() {
        let text = r#"{"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","work":{"type":"constant","value":1}},{"name":"B","work":{"type":"constant","value":1},"workers":"x"}]}"#;
        let e = read::<Scenario>(text).unwrap_err();
        assert_eq!(e.path().to_string(), "stages[1].workers");
        assert!(
            e.inner().to_string().contains("invalid type: string"),
            "{e}"
        );
    }

    #[test]
    fn refuses_characters_after_the_document_as_serde_json_does() {
        assert!(serde_json::from_str::<Vec<u8>>("[1] x").is_err());
        let e = read::<Vec<u8>>("[1] x").unwrap_err();
        assert!(e.inner().to_string().contains("trailing characters"), "{e}");
        assert_eq!(read::<Vec<u8>>(" [1, 2] \n").unwrap(), vec![1, 2]);
    }

    #[test]
    fn skips_a_byte_order_mark_before_the_document_only() {
        assert_eq!(read::<Vec<u8>>("\u{feff}[1]").unwrap(), vec![1]);
        assert!(read::<Vec<u8>>("[1]\u{feff}").is_err());
        let e = read::<Vec<u8>>("\u{feff}[1,]").unwrap_err();
        // The position is the one an editor shows, which hides the mark.
        assert!(e.inner().to_string().contains("column 4"), "{e}");
    }
}
