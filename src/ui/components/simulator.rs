//! The running simulation: owns the [`Simulation`], advances it once per animation frame
//! within a time budget, applies changes without a reset, and renders the controls, metrics,
//! board and charts.

use super::board::{Board, TOKENS};
use super::changes::Changes;
use super::controls::Controls;
use super::metrics::Metrics;
use crate::sim::{Board as BoardData, Scenario, Simulation};
use crate::ui::chart_data::ChartData;
use crate::ui::charts::cfd::CfdChart;
use crate::ui::charts::lead_histogram::LeadHistogramChart;
use crate::ui::charts::lead_scatter::LeadScatterChart;
use crate::ui::charts::stage_bars::StageBarsChart;
use crate::ui::charts::throughput_wip::ThroughputWipChart;
use crate::ui::charts::ChartTheme;
use crate::ui::state::{Action, AppState, Speed, Theme};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds of simulation work allowed per frame (of about 16.7).
const FRAME_BUDGET_MS: f64 = 8.0;
/// Events handled between two looks at the clock.
const CHUNK: u64 = 2_000;
/// Charts redraw at most this often (ms).
const CHART_INTERVAL_MS: f64 = 200.0;
/// Above this speed the board shows counts instead of moving tokens.
const ANIMATE_UP_TO: f64 = 5.0;

/// Properties of [`Simulator`].
#[derive(Properties, PartialEq)]
pub struct SimulatorProps {
    /// The app state: scenario (a changed one is applied to the running simulation),
    /// generation (a new one starts a new run), playing, step requests, speed, theme.
    pub state: Rc<AppState>,
    /// Sends actions to the app.
    pub dispatch: Callback<Action>,
}

/// Messages of [`Simulator`].
pub enum Msg {
    /// An animation frame at this timestamp (ms).
    Frame(f64),
}

/// Owns and drives one simulation run.
pub struct Simulator {
    sim: Simulation,
    last_frame: Option<f64>,
    frame: Option<AnimationFrame>,
    data: ChartData,
    charts: Rc<ChartData>,
    charts_at: f64,
    board: Rc<BoardData>,
}

fn now_ms() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

impl Simulator {
    fn build(scenario: &Scenario) -> Simulation {
        Simulation::new(scenario)
            .unwrap_or_else(|_| Simulation::new(&Scenario::single_stage()).expect("valid"))
    }

    fn fresh(scenario: &Scenario) -> Self {
        let sim = Self::build(scenario);
        let data = ChartData::new(&sim);
        Simulator {
            board: Rc::new(sim.board(TOKENS)),
            charts: Rc::new(data.clone()),
            data,
            sim,
            last_frame: None,
            frame: None,
            charts_at: 0.0,
        }
    }

    /// Reads what changed into the board and chart data; charts get a new snapshot at most
    /// every [`CHART_INTERVAL_MS`] unless `force`.
    fn refresh(&mut self, force: bool) {
        self.data.ingest(&self.sim);
        self.board = Rc::new(self.sim.board(TOKENS));
        let t = now_ms();
        if force || t - self.charts_at >= CHART_INTERVAL_MS {
            self.charts = Rc::new(self.data.clone());
            self.charts_at = t;
        }
    }

    fn request_frame(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.frame = Some(request_animation_frame(move |ts| {
            link.send_message(Msg::Frame(ts))
        }));
    }

    /// Runs the simulation for one frame of `dt` seconds at `speed`, within the frame budget.
    fn advance(&mut self, dt: f64, speed: Speed) {
        let start = now_ms();
        let target = match speed {
            Speed::DaysPerSecond(d) => self.sim.now() + d * dt,
            Speed::Max => f64::INFINITY,
        };
        loop {
            let handled = self.sim.run_events(CHUNK, target);
            if handled < CHUNK {
                if target.is_finite() {
                    self.sim.run_until(target);
                }
                break;
            }
            if now_ms() - start > FRAME_BUDGET_MS {
                break;
            }
        }
    }
}

impl Component for Simulator {
    type Message = Msg;
    type Properties = SimulatorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let mut s = Self::fresh(&ctx.props().state.scenario);
        if ctx.props().state.playing {
            s.request_frame(ctx);
        }
        s
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &Self::Properties) -> bool {
        let (p, old) = (&ctx.props().state, &old.state);
        if p.generation != old.generation {
            *self = Self::fresh(&p.scenario);
        } else if p.scenario != old.scenario && self.sim.update(&p.scenario).is_err() {
            // The app only sends changes a running simulation accepts; start afresh otherwise.
            *self = Self::fresh(&p.scenario);
        }
        if p.steps != old.steps {
            self.sim.run_events(1, f64::INFINITY);
        }
        self.refresh(true);
        if p.playing && self.frame.is_none() {
            self.last_frame = None;
            self.request_frame(ctx);
        } else if !p.playing {
            self.frame = None;
        }
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let Msg::Frame(ts) = msg;
        let state = &ctx.props().state;
        if !state.playing {
            self.frame = None;
            return false;
        }
        let dt = self
            .last_frame
            .map_or(0.0, |last| ((ts - last) / 1000.0).clamp(0.0, 0.1));
        self.last_frame = Some(ts);
        self.advance(dt, state.speed);
        self.refresh(false);
        self.request_frame(ctx);
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let p = &ctx.props().state;
        let dispatch = &ctx.props().dispatch;
        let summary = self
            .data
            .summary
            .clone()
            .unwrap_or_else(|| self.sim.summary());
        let previous = self.sim.previous_period().cloned();
        let compare = if p.compare {
            previous.clone().map(|b| (b, self.sim.current_period()))
        } else {
            None
        };
        let on_compare = dispatch.reform(Action::SetCompare);
        let animate = matches!(p.speed, Speed::DaysPerSecond(d) if d <= ANIMATE_UP_TO);
        let theme = ChartTheme::new(p.theme == Theme::Dark);
        html! {
            <section class="simulator" aria-label="Simulation">
                <Controls playing={p.playing} day={self.sim.now()} speed={p.speed} dispatch={dispatch.clone()} />
                <Metrics summary={summary.clone()} {compare} {on_compare} can_compare={previous.is_some()} compare_on={p.compare} />
                if !summary.warnings.is_empty() {
                    <ul class="warnings" role="status">
                        { for summary.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }
                    </ul>
                }
                <Board board={self.board.clone()} {animate} />
                <Changes interventions={self.data.interventions.clone()} />
                <div class="charts">
                    <ThroughputWipChart data={self.charts.clone()} {theme} />
                    <LeadScatterChart data={self.charts.clone()} {theme} />
                    <CfdChart data={self.charts.clone()} {theme} />
                    <LeadHistogramChart data={self.charts.clone()} {theme} />
                    <StageBarsChart data={self.charts.clone()} {theme} />
                </div>
            </section>
        }
    }
}
