//! Sweeps: pick a parameter and a range, run replications in a Web Worker with a progress bar
//! and Cancel, and see mean lead time and throughput against the parameter.

use super::field::NumberField;
use crate::sim::sweep::{jobs, summarise, Job, Knob, KnobKind, Point, Stat};
use crate::sim::theory::conwip_bounds;
use crate::sim::Scenario;
use crate::ui::charts::sweep_chart::SweepChart;
use crate::ui::charts::ChartTheme;
use crate::ui::sweep_worker::{self, Answer, Request, SweepWorker};
use gloo::worker::WorkerBridge;
use std::collections::VecDeque;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The most runs one sweep may ask for.
pub const MAX_RUNS: usize = 400;

/// Properties of [`SweepPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct SweepPanelProps {
    /// The scenario to sweep.
    pub scenario: Rc<Scenario>,
    /// Chart colours.
    pub theme: ChartTheme,
}

/// Messages of [`SweepPanel`].
pub enum Msg {
    /// Choose the parameter kind.
    Kind(KnobKind),
    /// Choose the stage.
    Stage(usize),
    /// Set the first value, last value, number of values, or replications.
    Range(usize, f64),
    /// Start.
    Run,
    /// Stop.
    Cancel,
    /// A job's answer from the worker.
    Done(Result<Point, String>),
}

/// The sweep panel and its worker.
pub struct SweepPanel {
    kind: KnobKind,
    stage: usize,
    /// from, to, values, replications
    range: [f64; 4],
    queue: VecDeque<Job>,
    total: usize,
    points: Vec<Point>,
    stats: Rc<Vec<Stat>>,
    bridge: Option<WorkerBridge<SweepWorker>>,
    error: Option<String>,
    knob: Option<Knob>,
}

impl SweepPanel {
    fn knob(&self) -> Knob {
        self.kind.at(self.stage)
    }

    fn values(&self, integer: bool) -> Vec<f64> {
        let [from, to, n, _] = self.range;
        let n = n.max(2.0) as usize;
        let mut v: Vec<f64> = (0..n)
            .map(|i| from + (to - from) * i as f64 / (n - 1) as f64)
            .collect();
        if integer {
            v.iter_mut().for_each(|x| *x = x.round());
            v.dedup();
        }
        v
    }

    fn start(&mut self, ctx: &Context<Self>) {
        let scenario = &ctx.props().scenario;
        let knob = self.knob();
        let values = self.values(knob.integer());
        let reps = self.range[3].max(1.0) as u64;
        if let Some(e) = values.iter().find_map(|&v| knob.apply(scenario, v).err()) {
            self.error = Some(format!("{}: {}", knob.label(scenario), e));
            return;
        }
        let all = jobs(scenario, &knob, &values, reps);
        if all.len() > MAX_RUNS {
            self.error = Some(format!(
                "That is {} runs; at most {MAX_RUNS} at a time.",
                all.len()
            ));
            return;
        }
        self.error = None;
        self.total = all.len();
        self.queue = all.into();
        self.points.clear();
        self.stats = Rc::new(Vec::new());
        self.knob = Some(knob);
        let link = ctx.link().clone();
        let bridge = sweep_worker::spawn(move |out| {
            if let Answer::Sweep(out) = out {
                link.send_message(Msg::Done(out));
            }
        });
        if let Some(job) = self.queue.pop_front() {
            bridge.send(Request::Sweep(job));
        }
        self.bridge = Some(bridge);
    }
}

impl Component for SweepPanel {
    type Message = Msg;
    type Properties = SweepPanelProps;

    fn create(_ctx: &Context<Self>) -> Self {
        SweepPanel {
            kind: KnobKind::BatchSize,
            stage: 0,
            range: [1.0, 10.0, 10.0, 5.0],
            queue: VecDeque::new(),
            total: 0,
            points: Vec::new(),
            stats: Rc::new(Vec::new()),
            bridge: None,
            error: None,
            knob: None,
        }
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &Self::Properties) -> bool {
        self.stage = self
            .stage
            .min(ctx.props().scenario.stages.len().saturating_sub(1));
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Kind(k) => self.kind = k,
            Msg::Stage(i) => self.stage = i,
            Msg::Range(i, v) => self.range[i] = v,
            Msg::Run => self.start(ctx),
            Msg::Cancel => {
                self.bridge = None;
                self.queue.clear();
            }
            Msg::Done(result) => {
                match result {
                    Ok(p) => self.points.push(p),
                    Err(e) => self.error = Some(e),
                }
                self.stats = Rc::new(summarise(&self.points));
                match (self.queue.pop_front(), &self.bridge) {
                    (Some(job), Some(bridge)) => bridge.send(Request::Sweep(job)),
                    _ => self.bridge = None,
                }
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        if crate::ui::single_file() {
            return html! {
                <section class="sweep-panel" aria-label="Sweep a parameter">
                    <h3>{ "Sweep a parameter" }</h3>
                    <p class="muted">{ "Sweeps need the full version of flowsim (a folder, not a single file): they run in a background worker." }</p>
                </section>
            };
        }
        let sc = &ctx.props().scenario;
        let link = ctx.link();
        let running = self.bridge.is_some();
        let on_kind = link.callback(|e: Event| {
            let key = e.target_unchecked_into::<HtmlSelectElement>().value();
            Msg::Kind(KnobKind::from_key(&key).unwrap_or(KnobKind::BatchSize))
        });
        let on_stage = link.callback(|e: Event| {
            Msg::Stage(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse()
                    .unwrap_or(0),
            )
        });
        let range = |i: usize, label: &'static str, min: f64, max: f64, integer: bool| {
            let cb = link.callback(move |v: Option<f64>| Msg::Range(i, v.unwrap_or(min)));
            let on_change = Callback::from(move |v: Option<f64>| {
                cb.emit(v);
                None
            });
            html! { <NumberField {label} name={format!("sweep.{i}")} value={Some(self.range[i])} {min} {max} {integer} step={1.0} {on_change} /> }
        };
        let needs_stage = self.kind.needs_stage();
        let bounds = match (&self.knob, sc.arrival.rate() == 0.0) {
            (Some(Knob::SystemWipLimit), true) => self
                .stats
                .iter()
                .map(|s| conwip_bounds(sc, s.value).map(|(b, w)| (s.value, b, w)))
                .collect::<Option<Vec<_>>>()
                .map(Rc::new),
            _ => None,
        };
        // With every request waiting from day 0, lead time is mostly the backlog's wait; the
        // time in process is the cycle time.
        let cycle = sc.arrival.rate() == 0.0;
        let label = self
            .knob
            .as_ref()
            .map_or_else(|| self.knob().label(sc), |k| k.label(sc));
        html! {
            <section class="sweep-panel" aria-label="Sweep a parameter">
                <h3>{ "Sweep a parameter" }</h3>
                <p class="muted">{ "Runs the scenario for its duration at each value, several times with different seeds, in the background." }</p>
                <div class="sweep-form">
                    <div class="field">
                        <label for="sweep-kind">{ "Parameter" }</label>
                        <select id="sweep-kind" onchange={on_kind} disabled={running}>
                            { for KnobKind::ALL.iter().map(|&k| html! { <option value={k.key()} selected={self.kind == k}>{ k.label() }</option> }) }
                        </select>
                    </div>
                    if needs_stage {
                        <div class="field">
                            <label for="sweep-stage">{ "at stage" }</label>
                            <select id="sweep-stage" onchange={on_stage} disabled={running}>
                                { for sc.stages.iter().enumerate().map(|(i, s)| html! {
                                    <option value={i.to_string()} selected={i == self.stage}>{ s.name.clone() }</option>
                                }) }
                            </select>
                        </div>
                    }
                    { range(0, "From", self.kind.least(), 1e6, false) }
                    { range(1, "To", self.kind.least(), 1e6, false) }
                    { range(2, "Values", 2.0, 40.0, true) }
                    { range(3, "Replications", 1.0, 50.0, true) }
                    if running {
                        <button class="btn" onclick={link.callback(|_| Msg::Cancel)}>{ "Cancel" }</button>
                    } else {
                        <button class="btn btn-primary" onclick={link.callback(|_| Msg::Run)}>{ "Run sweep" }</button>
                    }
                </div>
                if let Some(e) = &self.error { <p class="field-error" role="alert">{ e.clone() }</p> }
                if self.total > 0 {
                    <div class="sweep-progress">
                        <progress max={self.total.to_string()} value={self.points.len().to_string()} aria-label="Sweep progress"></progress>
                        <span data-testid="sweep-progress">{ format!("{} of {} runs{}", self.points.len(), self.total,
                            if !running && self.points.len() < self.total { " (cancelled)" } else { "" }) }</span>
                    </div>
                }
                if !self.stats.is_empty() {
                    <SweepChart stats={self.stats.clone()} label={label} {bounds} {cycle} theme={ctx.props().theme} />
                }
            </section>
        }
    }
}
