//! Reading a dropped or picked file as text.

use gloo::file::callbacks::FileReader;
use gloo::file::File;
use yew::prelude::*;

/// The largest file read, in bytes (a scenario is at most 1 MiB).
pub const MAX_FILE_BYTES: f64 = 1024.0 * 1024.0;

/// Returns a callback that reads a file and calls `on_text` with (file name, text), or
/// `on_error` with a sentence if the file is too large or unreadable.
#[hook]
pub fn use_file_reader(
    on_text: Callback<(String, String)>,
    on_error: Callback<String>,
) -> Callback<web_sys::File> {
    let reader = use_mut_ref(|| None::<FileReader>);
    Callback::from(move |file: web_sys::File| {
        let name = file.name();
        if file.size() > MAX_FILE_BYTES {
            on_error.emit(format!(
                "{name} is {:.1} MB; a scenario file is at most 1 MB.",
                file.size() / 1e6
            ));
            return;
        }
        let on_text = on_text.clone();
        let on_error = on_error.clone();
        let file = File::from(file);
        let task = gloo::file::callbacks::read_as_text(&file, move |result| match result {
            Ok(text) => on_text.emit((name, text)),
            Err(e) => on_error.emit(format!("{name} could not be read: {e}")),
        });
        *reader.borrow_mut() = Some(task);
    })
}
