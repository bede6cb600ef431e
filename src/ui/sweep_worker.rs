//! The Web Worker that runs sweep jobs and forecasts off the main thread. The page sends one
//! job (or one chunk of trials) at a time and sends the next when the answer arrives, so
//! progress is exact and Cancel is simply not sending more.

use crate::sim::sweep::{Job, Point};
use crate::ui::forecast_job::{self, Running};
use gloo::worker::{Codec, HandlerId, Spawnable, Worker, WorkerBridge, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Messages to and from the worker travel as JSON text: scenarios use tagged enums, which
/// gloo-worker's default (bincode) cannot decode. The page reads answers with the crate's one
/// typed reader ([`crate::sim::json::read`]), as it reads every other document.
pub struct JsonCodec;

impl Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).expect("worker messages serialise"))
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        crate::sim::json::read(&text).expect("worker messages come from this program's own encoder")
    }
}

/// Starts the background worker; `on_answer` takes its answers. It loads through
/// `sweep_worker_loader.js` (a file of the app, copied by Trunk), not the blob script
/// gloo-worker would write: wasm-bindgen's loader is called the current way, and the page's
/// Content-Security-Policy allows workers from its own origin only.
pub fn spawn(on_answer: impl Fn(Answer) + 'static) -> WorkerBridge<SweepWorker> {
    SweepWorker::spawner()
        .encoding::<JsonCodec>()
        .callback(on_answer)
        .spawn_with_loader("./sweep_worker_loader.js")
}

/// The worker's side of [`JsonCodec`]: the same JSON, read with plain `serde_json`, the only
/// reader the worker links (path tracking would add 75 kB to it for errors that cannot happen).
pub struct WorkerJsonCodec;

impl Codec for WorkerJsonCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsonCodec::encode(input)
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        serde_json::from_str(&text).expect("worker messages come from this program's own encoder")
    }
}

/// A message to the worker.
#[derive(Serialize, Deserialize)]
pub enum Request {
    /// A sweep job.
    Sweep(Job),
    /// A forecast step.
    Forecast(forecast_job::Request),
}

/// A message from the worker.
#[derive(Serialize, Deserialize)]
pub enum Answer {
    /// A sweep job's point.
    Sweep(Result<Point, String>),
    /// A forecast step's answer.
    Forecast(forecast_job::Answer),
}

/// Runs sweep [`Job`]s and forecasts; keeps the forecast being run between chunks.
pub struct SweepWorker {
    forecast: Option<Running>,
}

impl Worker for SweepWorker {
    type Message = ();
    type Input = Request;
    type Output = Answer;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        SweepWorker { forecast: None }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Request, id: HandlerId) {
        use forecast_job::{Answer as F, Request as R};
        let answer = match request {
            Request::Sweep(job) => Answer::Sweep(job.run()),
            Request::Forecast(R::Start(setup)) => Answer::Forecast(F::Started(
                forecast_job::start(setup).map(|(run, started)| {
                    self.forecast = Some(run);
                    started
                }),
            )),
            Request::Forecast(R::Chunk(upto)) => Answer::Forecast(match &mut self.forecast {
                Some(run) => run.chunk(upto),
                None => F::Failed("no forecast is running".into()),
            }),
            Request::Forecast(R::Calibrate(text)) => {
                Answer::Forecast(F::Calibrated(forecast_job::fit(&text)))
            }
        };
        scope.respond(id, answer);
    }
}
