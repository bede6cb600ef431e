//! Saving files from the page: text (JSON, CSV) and canvases (PNG), without any server.

use super::components::export_bar::Export;
use crate::sim::windows::windows_csv;
use crate::sim::Simulation;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `url` for download as `filename` by clicking a temporary link.
fn click(url: &str, filename: &str) {
    let doc = gloo::utils::document();
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let a: HtmlAnchorElement = a.unchecked_into();
    a.set_href(url);
    a.set_download(filename);
    let _ = doc.body().map(|b| b.append_child(&a));
    a.click();
    a.remove();
}

/// Saves `text` as a file of the given MIME type.
pub fn text(filename: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    click(&url, filename);
    let _ = Url::revoke_object_url(&url);
}

/// Saves a canvas as a PNG image.
pub fn canvas_png(canvas: &web_sys::HtmlCanvasElement, filename: &str) {
    if let Ok(url) = canvas.to_data_url() {
        click(&url, filename);
    }
}

/// A file name from a title: letters, digits and dashes only.
pub fn file_name(title: &str, extension: &str) -> String {
    let mut name: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    let name = name.trim_matches('-');
    format!(
        "{}.{extension}",
        if name.is_empty() { "flowsim" } else { name }
    )
}

/// Saves what `what` names of a run: the scenario and the metrics of `sim` (the moment the
/// page shows), the item log of `live` (the live run, which keeps it).
pub fn export(what: Export, sim: &Simulation, live: &Simulation) {
    let scenario = sim.scenario();
    let title = if scenario.name.is_empty() {
        "flowsim scenario"
    } else {
        scenario.name.as_str()
    };
    match what {
        Export::Scenario => text(
            &file_name(title, "json"),
            "application/json",
            &scenario.to_json(),
        ),
        Export::Metrics => {
            let names: Vec<String> = scenario.stages.iter().map(|s| s.name.clone()).collect();
            let csv = windows_csv(sim.windows().iter(), &names);
            text(
                &file_name(&format!("{title} metrics"), "csv"),
                "text/csv",
                &csv,
            );
        }
        Export::Items => {
            if let Some(log) = live.item_log() {
                text(
                    &file_name(&format!("{title} items"), "csv"),
                    "text/csv",
                    &log.to_csv(),
                );
            }
        }
    }
}
