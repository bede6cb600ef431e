//! Tests that run as wasm32 in headless Chromium (wasm-bindgen-test): the core gives the same
//! results as natively, and the components render what they should.
#![cfg(target_arch = "wasm32")]

mod common;

use flowsim::ui::app::App;
use gloo::timers::future::sleep;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_core_gives_bit_identical_results_in_wasm() {
    let (checksum, _) = common::determinism_run();
    assert_eq!(checksum, common::DETERMINISM_CHECKSUM);
}

fn mount_root() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

#[wasm_bindgen_test]
async fn the_app_renders_controls_metrics_and_a_drawn_chart() {
    let root = mount_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    sleep(Duration::from_millis(100)).await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Play"), "no Play button in {text:?}");
    assert!(text.contains("Items done"), "no done metric in {text:?}");
    let done = root
        .query_selector("[data-metric=done] .metric-value")
        .unwrap()
        .unwrap();
    assert_eq!(done.text_content().as_deref(), Some("0"));
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas#done-chart")
        .unwrap()
        .expect("chart canvas")
        .dyn_into()
        .unwrap();
    let label = canvas.get_attribute("aria-label").unwrap_or_default();
    assert!(label.contains("items done"), "{label}");
    assert!(ink_share(&canvas) > 0.01, "the chart canvas is blank");
}

/// Share of the canvas pixels that differ from the top-left (background) pixel.
fn ink_share(canvas: &HtmlCanvasElement) -> f64 {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let (w, h) = (canvas.width(), canvas.height());
    let data = ctx
        .get_image_data(0.0, 0.0, w as f64, h as f64)
        .unwrap()
        .data();
    let ink = data.chunks(4).filter(|px| px[..3] != data[..3]).count();
    ink as f64 / (w * h) as f64
}
