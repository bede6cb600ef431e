//! The Web Worker that runs sweep jobs off the main thread. The page sends one job at a
//! time and sends the next when the answer arrives, so progress is exact and Cancel is
//! simply not sending more.

use crate::sim::sweep::{Job, Point};
use gloo::worker::{Codec, HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Messages to and from the worker travel as JSON text: scenarios use tagged enums, which
/// gloo-worker's default (bincode) cannot decode.
pub struct JsonCodec;

impl Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).expect("worker messages serialise"))
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        serde_json::from_str(&text).expect("worker messages come from this program's own encoder")
    }
}

/// Runs [`Job`]s.
pub struct SweepWorker;

impl Worker for SweepWorker {
    type Message = ();
    type Input = Job;
    type Output = Result<Point, String>;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        SweepWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, job: Job, id: HandlerId) {
        scope.respond(id, job.run());
    }
}
