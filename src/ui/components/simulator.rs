//! The running simulation — or two, side by side, in A/B mode: owns the [`Runner`]s,
//! advances them once per animation frame within a time budget, applies changes without a
//! reset, and renders the controls, metrics, boards and charts.

use super::ab_summary::AbSummaryProps;
use super::board::Board;
use super::changes::Changes;
use super::controls::Controls;
use super::dora::DoraProps;
use super::export_bar::{Export, ExportBar};
use super::forecast_panel::ForecastPanelProps;
use super::metrics::Metrics;
use super::sweep_panel::SweepPanelProps;
use super::theory::TheoryProps;
use super::timeline::Timeline;
use crate::share::Panel;
use crate::sim::compare::Backlog;
use crate::ui::charts::aging_wip::AgingWipChart;
use crate::ui::charts::cfd::CfdChart;
use crate::ui::charts::lead_histogram::LeadHistogramChart;
use crate::ui::charts::lead_scatter::LeadScatterChart;
use crate::ui::charts::stage_bars::StageBarsChart;
use crate::ui::charts::throughput_wip::ThroughputWipChart;
use crate::ui::charts::ChartTheme;
use crate::ui::lazy::Lazy;
use crate::ui::parts::{AB_SUMMARY, DORA, FORECAST, SWEEP, THEORY};
use crate::ui::runner::Runner;
use crate::ui::state::{Action, AppState, Phase, Speed, Theme};
use gloo::render::AnimationFrame;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds of simulation work allowed per frame (of about 16.7).
const FRAME_BUDGET_MS: f64 = 8.0;
/// Above this speed the board shows counts instead of moving tokens.
const ANIMATE_UP_TO: f64 = 5.0;

/// Properties of [`Simulator`].
#[derive(Properties, PartialEq)]
pub struct SimulatorProps {
    /// The app state: scenario (a changed one is applied to the running simulation),
    /// generation (a new one starts a new run), playing, step requests, speed, theme, and the
    /// B variant in A/B mode.
    pub state: Rc<AppState>,
    /// Sends actions to the app.
    pub dispatch: Callback<Action>,
    /// Receives the run's summary (the one the metrics strip shows) about every
    /// [`REPORT_MS`] of wall time while the run plays, and when it stops (a room team's
    /// reports).
    #[prop_or_default]
    pub on_report: Option<Callback<crate::sim::Summary>>,
    /// The page is entering a room: the few charts a room shows, none of the panels below them.
    #[prop_or_default]
    pub entering_room: bool,
}

/// Wall-clock milliseconds between two reports of a playing run.
const REPORT_MS: f64 = 2000.0;

/// Messages of [`Simulator`].
pub enum Msg {
    /// An animation frame at this timestamp (ms).
    Frame(f64),
    /// Download something of run A.
    Export(Export),
    /// Show this simulated day of run A (time travel).
    Travel(f64),
}

mod notes;
mod runs;
mod tells;

/// Owns and drives the run (A), and in A/B mode the variant (B) on the same seed.
pub struct Simulator {
    a: Runner,
    b: Option<Runner>,
    last_frame: Option<f64>,
    frame: Option<AnimationFrame>,
    /// When the last report was sent (animation-frame time, ms).
    last_report: Option<f64>,
}

impl Component for Simulator {
    type Message = Msg;
    type Properties = SimulatorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let mut s = Self::runs(&ctx.props().state, true);
        if ctx.props().state.playing {
            s.request_frame(ctx);
        }
        s.keep_run(ctx);
        s
    }

    fn changed(&mut self, ctx: &Context<Self>, old: &Self::Properties) -> bool {
        let (p, old) = (&ctx.props().state, &old.state);
        let (b_now, b_old) = (p.snap.variant_b(), old.snap.variant_b());
        if p.generation != old.generation || b_now.is_some() != b_old.is_some() {
            let playing = self.frame.take();
            *self = Self::runs(p, false);
            self.frame = playing;
        } else {
            if p.snap.scenario != old.snap.scenario {
                self.a.apply(&p.snap.scenario);
            }
            if let (Some(b), Some(scenario)) = (&mut self.b, b_now) {
                if b_old != Some(scenario) {
                    b.apply(scenario);
                }
            }
        }
        if p.steps != old.steps {
            // Several Step presses may reach us in one render: handle each.
            let steps = p.steps.wrapping_sub(old.steps) as u64;
            self.a.step(steps);
            self.b_follows_a();
        }
        if let Some(day) = p.resume_to.filter(|_| p.resume_to != old.resume_to) {
            // A team's page back in its room catches up with the results it had reported.
            if self.a.sim.now() < day {
                self.a
                    .advance(0.0, p.snap.speed, Some(day), f64::INFINITY, false);
            }
        }
        if p.backs != old.backs {
            self.a.back(p.backs.wrapping_sub(old.backs) as u64);
            self.b_follows_a();
        }
        let paused = old.playing && !p.playing;
        if paused {
            // B catches up with A's moment if a frame left it short of it.
            self.b_follows_a();
        }
        self.refresh(true);
        self.keep_run(ctx);
        if paused {
            self.report(ctx, None);
        }
        if p.playing && self.frame.is_none() {
            self.last_frame = None;
            self.request_frame(ctx);
        } else if !p.playing {
            self.frame = None;
        }
        true
    }

    fn rendered(&mut self, ctx: &Context<Self>, _first_render: bool) {
        self.tell_the_app(ctx);
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let ts = match msg {
            Msg::Frame(ts) => ts,
            Msg::Export(what) => {
                self.export(what);
                return false;
            }
            Msg::Travel(day) => {
                self.a.travel(day);
                self.b_follows_a();
                self.refresh(true);
                return true;
            }
        };
        let state = &ctx.props().state;
        if !state.playing {
            self.frame = None;
            return false;
        }
        let dt = self
            .last_frame
            .map_or(0.0, |last| ((ts - last) / 1000.0).clamp(0.0, 0.1));
        self.last_frame = Some(ts);
        let budget = if self.b.is_some() {
            FRAME_BUDGET_MS / 2.0
        } else {
            FRAME_BUDGET_MS
        };
        // A run that is over stops where its last item was done; in A/B, once both are over
        // (they share one clock, so the earlier one waits for the later).
        let b_over = self.b.as_ref().is_none_or(|b| b.sim.is_finished());
        // B runs to A's moment: the live one, or the past one A is playing on from. When B's
        // half of a frame did not get it there (as fast as possible, B with more events a day),
        // A waits and B has the whole frame: the two stay at one moment instead of B falling
        // further behind every frame while the A/B table compared different days.
        let b_behind = (self.b.as_ref()).is_some_and(|b| b.shown().now() < self.a.shown().now());
        if !b_behind {
            self.a.advance(dt, state.snap.speed, None, budget, b_over);
        }
        let t = self.a.shown().now();
        if let Some(b) = &mut self.b {
            let budget = if b_behind { FRAME_BUDGET_MS } else { budget };
            b.advance(dt, state.snap.speed, Some(t), budget, false);
        }
        self.refresh(false);
        if !self.a.travelling() && self.a.sim.is_finished() && b_over {
            ctx.props().dispatch.emit(Action::RunOver);
            self.frame = None;
            return true;
        }
        if self.last_report.is_none_or(|last| ts - last >= REPORT_MS) {
            self.report(ctx, Some(ts));
        }
        self.request_frame(ctx);
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let p = &ctx.props().state;
        let dispatch = &ctx.props().dispatch;
        let a = &self.a;
        // One moment for everything on the screen: the past one when travelling.
        let shown = a.shown();
        let summary = self.summary();
        let snap = &p.snap;
        let animate = matches!(snap.speed, Speed::DaysPerSecond(d) if d <= ANIMATE_UP_TO);
        let theme = ChartTheme::new(snap.theme == Theme::Dark);
        let embed = p.embed.as_ref();
        let show = |panel: Panel| embed.is_none_or(|e| e.shows(panel));
        let full = embed.is_none();
        let controls = html! { <>
            if show(Panel::Controls) {
                <Controls playing={p.playing} day={shown.now()} events={shown.events()} speed={snap.speed} dispatch={dispatch.clone()}
                    ab={self.b.is_some()} allowed={embed.map(|e| e.controls.clone())}
                    locked={p.run_locked().map(AttrValue::from)} />
            }
            // In A/B the timeline moves A, and B follows A's day.
            if show(Panel::Timeline) {
                <Timeline day={shown.now()} events={shown.events()} latest={a.sim.now()} travelling={a.travelling()}
                    on_travel={ctx.link().callback(Msg::Travel)} dispatch={dispatch.clone()} />
            }
        </> };
        let phase = snap.workshop.as_ref().map(|w| w.phase);
        let hidden = phase == Some(Phase::Predict);
        // The one bottleneck of this frame, for every view that names it.
        let bottleneck = summary.bottleneck_index;
        // Theory and the expected bottleneck give away a lesson that asks where the
        // bottleneck is: hidden until the run has named it.
        let asks = snap
            .lesson
            .and_then(|at| crate::lessons::all().get(at.lesson))
            .is_some_and(|l| l.asks_for_the_bottleneck);
        let spoilers = hidden || (asks && bottleneck.is_none());
        let hidden_note = notes::hidden(p.room.as_ref().is_some_and(|r| !r.host));
        let few_charts = phase.is_some() || ctx.props().entering_room;
        let warmup = snap.scenario.warmup;
        let labels = snap
            .ab
            .as_ref()
            .map(|ab| (ab.label_a.clone(), ab.label_b.clone()))
            .unwrap_or_default();
        // The moment shown is the end of a run that is over (both runs, in A/B).
        let over = shown.is_finished() && self.b.as_ref().is_none_or(|b| b.shown().is_finished());
        let warming = notes::run_status(shown.now(), warmup, over);
        if let Some(b) = &self.b {
            let summary_b = b
                .data
                .summary
                .clone()
                .unwrap_or_else(|| b.shown().summary());
            let other = Some(b.charts.clone());
            let table = if hidden {
                hidden_note.clone()
            } else {
                let backlog = Backlog::of(a.shown(), b.shown());
                html! { <Lazy<AbSummaryProps> part={&AB_SUMMARY} props={AbSummaryProps { a: summary.clone(), b: summary_b.clone(), label_a: labels.0.clone().into(), label_b: labels.1.clone().into(), backlog }} /> }
            };
            // At a workshop's Reveal the runs are paused and the numbers prove the debrief just
            // above: the table comes first, straight under it, even on a 1280×720 projector.
            let (first, then) = if phase == Some(Phase::Reveal) {
                (table, controls)
            } else {
                (controls, table)
            };
            return html! {
                <section class="simulator ab" aria-label="A/B comparison">
                    { first }
                    { warming.clone().unwrap_or_default() }
                    { then }
                    <div class="ab-boards">
                        <div class="ab-board" data-variant="A">
                            <h3 class="variant-label"><span class="variant-tag a">{ "A" }</span>{ labels.0.clone() }</h3>
                            { notes::warnings(&summary.warnings) }
                            <Board board={a.board.clone()} {animate} {bottleneck} />
                        </div>
                        <div class="ab-board" data-variant="B">
                            <h3 class="variant-label"><span class="variant-tag b">{ "B" }</span>{ labels.1.clone() }</h3>
                            { notes::warnings(&summary_b.warnings) }
                            <Board board={b.board.clone()} {animate} bottleneck={summary_b.bottleneck_index} />
                        </div>
                    </div>
                    if !hidden {
                        <div class="charts">
                            <ThroughputWipChart data={a.charts.clone()} other={other.clone()} {theme} />
                            <LeadScatterChart data={a.charts.clone()} other={other.clone()} {theme} />
                            if !few_charts { <LeadHistogramChart data={a.charts.clone()} {other} {theme} /> }
                        </div>
                        if !few_charts { <Lazy<ForecastPanelProps> part={&FORECAST} props={ForecastPanelProps { scenario: snap.scenario.clone(), scenario_b: snap.ab.as_ref().map(|ab| ab.b.clone()), charts: a.charts.clone(), theme, on_import: dispatch.reform(|(n, s)| Action::Import(n, s)) }} /> }
                    }
                </section>
            };
        }
        let previous = shown.previous_period().cloned();
        let compare = if snap.compare {
            previous
                .clone()
                .map(|before| (before, shown.current_period()))
        } else {
            None
        };
        html! {
            <section class={classes!("simulator", embed.map(|_| "embedded"))} aria-label="Simulation">
                { controls }
                { warming.unwrap_or_default() }
                if hidden { { hidden_note } } else if show(Panel::Metrics) {
                    <Metrics summary={summary.clone()} {compare} on_compare={dispatch.reform(Action::SetCompare)}
                        can_compare={previous.is_some()} compare_on={snap.compare} compare_toggle={full}
                        show_expected={!spoilers} />
                }
                if full { { notes::warnings(&summary.warnings) } }
                if show(Panel::Board) { <Board board={a.board.clone()} {animate} {bottleneck} /> }
                if full {
                    <Changes interventions={a.data.interventions.clone()} />
                    <ExportBar on_export={ctx.link().callback(Msg::Export)}
                        logged={a.sim.item_log().map_or((0, false), |l| (l.items.len(), l.truncated()))} />
                    if !hidden && !ctx.props().entering_room { <Lazy<DoraProps> part={&DORA} quiet=true props={DoraProps { scenario: p.shown_scenario().clone(), summary: summary.clone() }} /> }
                }
                if !hidden {
                    <div class="charts">
                        if show(Panel::Throughput) { <ThroughputWipChart data={a.charts.clone()} {theme} /> }
                        if show(Panel::Lead) { <LeadScatterChart data={a.charts.clone()} {theme} /> }
                        if !few_charts && show(Panel::Cfd) { <CfdChart data={a.charts.clone()} {theme} /> }
                        if !few_charts && show(Panel::Histogram) { <LeadHistogramChart data={a.charts.clone()} {theme} /> }
                        if show(Panel::Stages) { <StageBarsChart data={a.charts.clone()} {theme} /> }
                        if !few_charts && show(Panel::Aging) { <AgingWipChart data={a.charts.clone()} {theme} /> }
                    </div>
                    if !few_charts && full {
                        if spoilers {
                            <section class="theory" aria-label="Theory beside the simulation">
                                <h3>{ "Theory beside the simulation" }</h3>
                                <p class="muted">{ "This lesson asks you to find the bottleneck, so the theory (which would give it away) appears once the run has named it." }</p>
                            </section>
                        } else {
                            <Lazy<TheoryProps> part={&THEORY} props={TheoryProps { scenario: p.shown_scenario().clone(), summary: summary.clone(), current: a.data.current.clone() }} />
                        }
                        <Lazy<SweepPanelProps> part={&SWEEP} props={SweepPanelProps { scenario: snap.scenario.clone(), theme }} />
                        <Lazy<ForecastPanelProps> part={&FORECAST} props={ForecastPanelProps { scenario: snap.scenario.clone(), scenario_b: None, charts: a.charts.clone(), theme, on_import: dispatch.reform(|(n, s)| Action::Import(n, s)) }} />
                    }
                }
            </section>
        }
    }
}
