//! Chart draws paced by animation frames: a few milliseconds of drawing per frame.
//!
//! A new run or a tick of a playing one changes the data of every chart at once. Drawing them
//! all in the same task holds the page for the sum of their draws (six charts: 20 to 80 ms
//! depending on the machine), so nothing is painted until the last one is done. Instead, the
//! first chart to ask in a frame is drawn at once, and others as long as the frame's drawing
//! has taken under [`BUDGET_MS`]; the rest wait in a queue for the following frames. A fast
//! machine still draws every chart within a frame or two; a slow one paints the first chart
//! sooner and keeps a playing run's frames short.
//!
//! A chart asking again while it waits replaces its queued draw in place (it keeps its turn and
//! draws only its newest data), so the queue never holds more than one draw per chart.
//!
//! The number of draws waiting is published on the page as `data-charts-waiting` of the root
//! element, so that a script (a benchmark, a test, a screenshot) can tell when every chart
//! shows the latest data: it is "0" then.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;

/// Identifies one chart on the page (see [`chart_key`]).
pub type ChartKey = u32;

/// Milliseconds of a frame that chart drawing may start in: a chart starting later waits for
/// the next frame (one chart is always drawn per frame, however long it takes).
pub const BUDGET_MS: f64 = 8.0;

type Draw = Box<dyn FnOnce()>;

#[derive(Default)]
struct Pacer {
    /// Draws waiting for a frame, at most one per chart, oldest first.
    queue: VecDeque<(ChartKey, Draw)>,
    /// When the first draw since the latest animation frame began (ms, `performance.now()`).
    drawing_since: Option<f64>,
    /// An animation frame has been requested and has not run yet.
    requested: bool,
}

impl Pacer {
    /// True when a draw may start now, at `t`: nothing waits and the frame's budget is left.
    fn may_draw(&mut self, t: f64) -> bool {
        let start = *self.drawing_since.get_or_insert(t);
        t - start < BUDGET_MS
    }
}

thread_local! {
    static PACER: RefCell<Pacer> = RefCell::default();
    static NEXT_KEY: Cell<ChartKey> = const { Cell::new(0) };
    /// The frame callback, made once and kept for the page's lifetime (never dropped while it
    /// might run).
    static ON_FRAME: Closure<dyn FnMut()> = Closure::new(on_frame);
}

/// A key for a new chart, different from every other chart's.
pub fn chart_key() -> ChartKey {
    NEXT_KEY.with(|k| {
        let key = k.get();
        k.set(key.wrapping_add(1));
        key
    })
}

/// Draws `draw` for chart `key` now if this frame's drawing budget is left and no other
/// draw waits, otherwise in a following frame (replacing a draw of the same chart still
/// waiting).
pub fn draw_paced(key: ChartKey, draw: impl FnOnce() + 'static) {
    let t = clock();
    let now = PACER.with(|p| {
        let mut p = p.borrow_mut();
        let draw: Draw = Box::new(draw);
        if p.queue.is_empty() && p.may_draw(t) {
            return Some(draw);
        }
        match p.queue.iter_mut().find(|(k, _)| *k == key) {
            Some(waiting) => waiting.1 = draw,
            None => {
                p.queue.push_back((key, draw));
                publish(p.queue.len());
            }
        }
        None
    });
    request_frame();
    if let Some(draw) = now {
        draw();
    }
}

/// Asks for an animation frame unless one is already on its way.
fn request_frame() {
    let ask = PACER.with(|p| {
        let mut p = p.borrow_mut();
        !std::mem::replace(&mut p.requested, true)
    });
    if ask {
        let asked = web_sys::window().and_then(|w| {
            ON_FRAME.with(|f| w.request_animation_frame(f.as_ref().unchecked_ref()).ok())
        });
        if asked.is_none() {
            // No frames to wait for (no window): nothing would ever drain the queue, so
            // draw everything now.
            PACER.with(|p| p.borrow_mut().requested = false);
            while let Some(draw) = next_draw() {
                draw();
            }
        }
    }
}

/// Takes the draw waiting longest.
fn next_draw() -> Option<Draw> {
    PACER.with(|p| {
        let mut p = p.borrow_mut();
        let draw = p.queue.pop_front().map(|(_, d)| d);
        publish(p.queue.len());
        draw
    })
}

/// Shows how many draws wait as the root element's `data-charts-waiting`.
fn publish(waiting: usize) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-charts-waiting", &waiting.to_string());
    }
}

/// Milliseconds since the page started.
fn clock() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A new frame: draw the charts waiting longest while the frame's budget lasts (at least
/// one), and keep asking for frames while any draw waits.
fn on_frame() {
    PACER.with(|p| {
        let mut p = p.borrow_mut();
        p.requested = false;
        p.drawing_since = None;
    });
    let mut drew = false;
    loop {
        let t = clock();
        let draw = PACER
            .with(|p| p.borrow_mut().may_draw(t))
            .then(next_draw)
            .flatten();
        let Some(draw) = draw else { break };
        drew = true;
        draw();
    }
    if drew {
        // Another frame: until it begins, the budget spent here holds.
        request_frame();
    } else {
        PACER.with(|p| p.borrow_mut().drawing_since = None);
    }
}
