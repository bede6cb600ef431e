//! The forecast lab: "how long for N items?" or "how many by a date?", answered from this run's
//! throughput, a team's history CSV, or by simulating the scenario (both variants in A/B
//! mode). The trials run in the background worker, in chunks, with progress and Cancel; the
//! answer is a histogram with the 50/70/85/95 % lines, their dates and one plain sentence.
//! Its parts: [`SourceSelect`], [`DateField`], [`HistoryInput`], [`FitReport`],
//! [`ForecastProgress`] and [`ForecastResult`].

use super::date_field::{today, DateField};
use super::field::NumberField;
use super::forecast_fit::FitReport;
use super::forecast_progress::ForecastProgress;
use super::forecast_result::ForecastResult;
use super::forecast_source::{SourceKind, SourceSelect};
use super::history_input::HistoryInput;
use crate::sim::forecast::{DEFAULT_SIMULATION_TRIALS, DEFAULT_THROUGHPUT_TRIALS};
use crate::sim::Scenario;
use crate::ui::chart_data::ChartData;
use crate::ui::charts::ChartTheme;
use crate::ui::forecast_job::{
    Answer as F, Done, Fit, Question, Request as R, Setup, Source, Started,
};
use crate::ui::sweep_worker::{self, Answer, Request, SweepWorker};
use gloo::worker::WorkerBridge;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The most trials a panel forecast may ask for.
pub const MAX_PANEL_TRIALS: f64 = 100_000.0;

/// Properties of [`ForecastPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct ForecastPanelProps {
    /// The scenario (A in A/B mode).
    pub scenario: Rc<Scenario>,
    /// Variant B in A/B mode.
    #[prop_or_default]
    pub scenario_b: Option<Rc<Scenario>>,
    /// The run so far: read only when a forecast from it starts (it changes every frame, so
    /// it alone never redraws the panel).
    pub charts: Rc<ChartData>,
    /// Chart colours.
    pub theme: ChartTheme,
    /// Loads a scenario built from the history, as Import does: (name, scenario).
    pub on_import: Callback<(String, Scenario)>,
}

/// The panel's actions.
pub enum Msg {
    /// Choose the source.
    Source(SourceKind),
    /// Ask "how many by a date" (true) or "how long for N items" (false).
    ByDate(bool),
    /// Items, split rate or trials (by index: 0, 1, 2).
    Number(usize, u32),
    /// Whether the text of number field `.0` stands (false: refused, its message shown).
    Valid(usize, bool),
    /// The by-date.
    By(String),
    /// The start date.
    Start(String),
    /// Weekdays only.
    Weekdays(bool),
    /// The history text.
    Csv(String),
    /// Start the forecast.
    Run,
    /// Stop it.
    Cancel,
    /// Build a scenario from the history.
    Calibrate,
    /// Load the calibrated scenario.
    LoadFit,
    /// The worker's answer, with the generation of the worker that sent it.
    Worker(u32, F),
}

/// The forecast panel.
pub struct ForecastPanel {
    source: SourceKind,
    by_date: bool,
    /// items, split rate, trials (0: the source's default)
    numbers: [u32; 3],
    /// Which of those fields hold text that was refused: Run waits until it is fixed.
    refused: [bool; 3],
    by: String,
    start: String,
    weekdays: bool,
    csv: String,
    bridge: Option<WorkerBridge<SweepWorker>>,
    /// Bumped for each worker started: answers from an earlier (cancelled) one are ignored.
    generation: u32,
    /// The chunk size and trials of the forecast being run.
    chunk: u32,
    started: Option<Started>,
    progress: u32,
    cancelled: bool,
    result: Option<(Rc<Vec<crate::ui::forecast_job::Outcome>>, Option<u32>)>,
    /// The settings of the result shown (start, items, weekdays), for its sentence.
    asked: (String, u32, bool),
    error: Option<String>,
    fit: Option<Result<Fit, String>>,
}

impl ForecastPanel {
    /// Forgets the answer shown, which was for another source or question.
    fn clear_answer(&mut self) {
        self.result = None;
        self.started = None;
        self.error = None;
    }

    /// Whether a shown field holds refused text (the forecast would use its older value).
    fn has_refused_field(&self) -> bool {
        self.refused.iter().any(|&r| r)
    }

    /// Whether the by-date lies before the start date (both as the date inputs give them,
    /// `YYYY-MM-DD`, which sort as dates do).
    fn by_before_start(&self) -> bool {
        let (by, start) = (self.by.trim(), self.start.trim());
        !by.is_empty() && !start.is_empty() && by < start
    }

    fn spawn(&mut self, ctx: &Context<Self>) -> &WorkerBridge<SweepWorker> {
        let link = ctx.link().clone();
        self.generation += 1;
        let generation = self.generation;
        self.bridge.insert(sweep_worker::spawn(move |out| {
            if let Answer::Forecast(a) = out {
                link.send_message(Msg::Worker(generation, a));
            }
        }))
    }

    fn setup(&self, ctx: &Context<Self>) -> Result<Setup, String> {
        let p = ctx.props();
        let sources = match self.source {
            SourceKind::Run => vec![Source::Days(p.charts.done_per_window.clone())],
            SourceKind::History if self.csv.trim().is_empty() => {
                return Err("History: paste a CSV or choose a file first.".into())
            }
            SourceKind::History => vec![Source::Csv(self.csv.clone())],
            SourceKind::Simulate => {
                let a = if p.scenario_b.is_some() { "A" } else { "" };
                let mut v = vec![Source::Scenario(a.into(), Box::new((*p.scenario).clone()))];
                if let Some(b) = &p.scenario_b {
                    v.push(Source::Scenario("B".into(), Box::new((**b).clone())));
                }
                v
            }
        };
        let default = if self.source == SourceKind::Simulate {
            DEFAULT_SIMULATION_TRIALS
        } else {
            DEFAULT_THROUGHPUT_TRIALS
        };
        if self.by_date && (self.by.trim().is_empty() || self.by_before_start()) {
            return Err("By date: choose a date on or after the start date.".into());
        }
        if self.start.trim().is_empty() {
            return Err("Start date: choose a date.".into());
        }
        Ok(Setup {
            sources,
            question: if self.by_date {
                Question::ByDate(self.by.clone())
            } else {
                Question::Items(self.numbers[0])
            },
            start: self.start.clone(),
            split: self.numbers[1],
            weekdays: self.weekdays,
            trials: if self.numbers[2] == 0 {
                default
            } else {
                self.numbers[2]
            },
        })
    }

    fn run(&mut self, ctx: &Context<Self>) {
        if self.has_refused_field() {
            return;
        }
        self.clear_answer();
        self.cancelled = false;
        self.progress = 0;
        match self.setup(ctx) {
            Err(e) => self.error = Some(e),
            Ok(setup) => {
                let per_chunk = if self.source == SourceKind::Simulate {
                    10
                } else {
                    2_000
                };
                self.chunk = per_chunk;
                self.asked = (self.start.clone(), self.numbers[0], self.weekdays);
                self.spawn(ctx).send(Request::Forecast(R::Start(setup)));
            }
        }
    }

    fn on_answer(&mut self, answer: F) {
        let Some(bridge) = &self.bridge else { return };
        match answer {
            F::Started(Ok(started)) => {
                bridge.send(Request::Forecast(R::Chunk(self.chunk.min(started.trials))));
                self.started = Some(started);
            }
            F::Progress(done) => {
                self.progress = done;
                bridge.send(Request::Forecast(R::Chunk(done + self.chunk)));
            }
            F::Done(Done { outcomes, days }) => {
                self.progress = self.started.as_ref().map_or(0, |s| s.trials);
                self.result = Some((Rc::new(outcomes), days));
                self.bridge = None;
            }
            F::Started(Err(e)) | F::Failed(e) => {
                self.error = Some(e);
                self.bridge = None;
            }
            F::Calibrated(fit) => {
                self.fit = Some(fit);
                self.bridge = None;
            }
        }
    }
}

impl Component for ForecastPanel {
    type Message = Msg;
    type Properties = ForecastPanelProps;

    fn create(_ctx: &Context<Self>) -> Self {
        ForecastPanel {
            source: SourceKind::Simulate,
            by_date: false,
            numbers: [100, 1, 0],
            refused: [false; 3],
            by: String::new(),
            start: today(),
            weekdays: false,
            csv: String::new(),
            bridge: None,
            generation: 0,
            chunk: 0,
            started: None,
            progress: 0,
            cancelled: false,
            result: None,
            asked: (String::new(), 0, false),
            error: None,
            fit: None,
        }
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &Self::Properties) -> bool {
        let p = ctx.props();
        // The run's data alone changes every frame: read at Run, never redrawn for.
        p.scenario != old.scenario || p.scenario_b != old.scenario_b || p.theme != old.theme
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Source(s) => {
                self.source = s;
                self.clear_answer();
            }
            Msg::ByDate(b) => {
                self.by_date = b;
                // The items field is shown again with its value, or hidden.
                self.refused[0] = false;
                self.clear_answer();
            }
            Msg::Number(i, v) => self.numbers[i] = v,
            Msg::Valid(i, ok) => self.refused[i] = !ok,
            Msg::By(v) => self.by = v,
            Msg::Start(v) => self.start = v,
            Msg::Weekdays(v) => self.weekdays = v,
            Msg::Csv(v) => {
                self.csv = v;
                self.fit = None;
            }
            Msg::Run => self.run(ctx),
            Msg::Cancel => {
                self.bridge = None;
                self.cancelled = true;
            }
            Msg::Calibrate => {
                self.fit = None;
                self.error = None;
                let csv = self.csv.clone();
                self.spawn(ctx).send(Request::Forecast(R::Calibrate(csv)));
            }
            Msg::LoadFit => {
                if let Some(Ok(fit)) = &self.fit {
                    ctx.props()
                        .on_import
                        .emit(("the history (calibrated)".into(), fit.scenario.clone()));
                }
            }
            Msg::Worker(generation, a) if generation == self.generation => self.on_answer(a),
            Msg::Worker(..) => return false,
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        if crate::ui::single_file() {
            return html! {
                <section class="forecast-panel" aria-labelledby="forecast-title">
                    <h3 id="forecast-title">{ "Forecast" }</h3>
                    <p class="muted">{ "Forecasts need the full version of flowsim (a folder, not a single file): they run in a background worker." }</p>
                </section>
            };
        }
        let link = ctx.link();
        let p = ctx.props();
        let running = self.bridge.is_some();
        let on_question = link.callback(|e: Event| {
            Msg::ByDate(e.target_unchecked_into::<HtmlSelectElement>().value() == "by-date")
        });
        let number = |i: usize,
                      label: &'static str,
                      name: &'static str,
                      min: f64,
                      max: f64,
                      value: Option<f64>,
                      help: &'static str| {
            let cb = link.callback(move |v: Option<f64>| Msg::Number(i, v.unwrap_or(0.0) as u32));
            let on_change = Callback::from(move |v: Option<f64>| {
                cb.emit(v);
                None
            });
            let on_validity = Some(link.callback(move |ok| Msg::Valid(i, ok)));
            html! { <NumberField {label} name={name} {value} {min} {max} integer=true optional={i == 2} placeholder={if i == 2 { "default" } else { "" }} {help} {on_change} {on_validity} /> }
        };
        let ab = p.scenario_b.is_some();
        html! {
            <section class="forecast-panel" aria-labelledby="forecast-title">
                <h3 id="forecast-title">{ "Forecast" }</h3>
                <p class="muted">{ "When will these items be done, or how many by a date? Answered with a probability: each trial is one possible future." }</p>
                <div class="sweep-form forecast-form">
                    <SourceSelect source={self.source} {ab} disabled={running} on_change={link.callback(Msg::Source)} />
                    <div class="field">
                        <label for="forecast-question">{ "Question" }</label>
                        <select id="forecast-question" onchange={on_question} disabled={running}>
                            <option value="items" selected={!self.by_date}>{ "How long for N items?" }</option>
                            <option value="by-date" selected={self.by_date}>{ "How many by a date?" }</option>
                        </select>
                    </div>
                    if self.by_date {
                        <DateField id="forecast-by" label="By date" value={self.by.clone()}
                            problem={self.by_before_start().then_some("Choose a date on or after the start date.")} on_input={link.callback(Msg::By)} />
                    }
                    else { { number(0, "Items", "forecast.items", 1.0, 1_000_000.0, Some(f64::from(self.numbers[0])), "How many items to finish.") } }
                    <DateField id="forecast-start" label="Start date" value={self.start.clone()} on_input={link.callback(Msg::Start)} />
                    { number(1, "Split rate", "forecast.split", 1.0, 100.0, Some(f64::from(self.numbers[1])), "Each item may turn into 1 to this many items before it is done (1: no splitting).") }
                    { number(2, "Trials", "forecast.trials", 1.0, MAX_PANEL_TRIALS, (self.numbers[2] > 0).then(|| f64::from(self.numbers[2])), "How many futures to simulate; empty: the default.") }
                    <div class="field checkbox-field">
                        <label><input type="checkbox" checked={self.weekdays}
                            onchange={link.callback(|e: Event| Msg::Weekdays(e.target_unchecked_into::<HtmlInputElement>().checked()))} />{ " Weekdays only" }</label>
                    </div>
                    if running {
                        <button class="btn" onclick={link.callback(|_| Msg::Cancel)}>{ "Cancel" }</button>
                    } else {
                        <button class="btn btn-primary" disabled={self.has_refused_field()}
                            aria-describedby={self.has_refused_field().then_some("forecast-fix")}
                            onclick={link.callback(|_| Msg::Run)}>{ "Run forecast" }</button>
                    }
                    if self.has_refused_field() && !running {
                        <p class="muted" id="forecast-fix">{ "Correct the marked field to run the forecast." }</p>
                    }
                </div>
                if self.source == SourceKind::History {
                    <HistoryInput text={self.csv.clone()} on_text={link.callback(Msg::Csv)} />
                    <div class="forecast-fit">
                        <button class="btn" disabled={running || self.csv.trim().is_empty()} onclick={link.callback(|_| Msg::Calibrate)}>{ "Build a scenario from my data" }</button>
                        if let Some(fit) = &self.fit {
                            <FitReport fit={fit.clone()} on_load={link.callback(|_| Msg::LoadFit)} />
                        }
                    </div>
                }
                if let Some(e) = &self.error { <p class="field-error" role="alert">{ e.clone() }</p> }
                // Always there, so a screen reader hears when a forecast is done.
                <p class="sr-only" role="status">{ match (&self.result, &self.started, &self.error) {
                    (Some(_), _, _) => "The forecast is done: its answer is below.",
                    (None, Some(_), None) => "The forecast is running.",
                    _ => "",
                } }</p>
                if let Some(s) = &self.started {
                    <ForecastProgress started={s.clone()} progress={self.progress} cancelled={self.cancelled} finished={self.result.is_some() || self.error.is_some()} />
                }
                if let Some((outcomes, days)) = &self.result {
                    <ForecastResult outcomes={outcomes.clone()} days={*days} start={self.asked.0.clone()}
                        items={self.asked.1} weekdays={self.asked.2} today={today()} theme={p.theme} />
                }
            </section>
        }
    }
}
