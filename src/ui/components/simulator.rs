//! The running simulation: owns the [`Simulation`], advances it once per animation frame
//! while playing, and renders the controls, metrics and chart.

use super::controls::Controls;
use super::metrics::Metrics;
use crate::sim::{Scenario, Simulation};
use crate::ui::charts::done_chart::DoneChart;
use crate::ui::series::Series;
use gloo::render::{request_animation_frame, AnimationFrame};
use std::rc::Rc;
use yew::prelude::*;

/// Simulated days per second of real time.
const DAYS_PER_SECOND: f64 = 4.0;
/// Most events handled in one frame, so a frame never stalls the page.
const EVENTS_PER_FRAME: u64 = 50_000;
/// Points kept per chart series.
const SERIES_POINTS: usize = 1000;

/// Properties of [`Simulator`].
#[derive(Properties, PartialEq)]
pub struct SimulatorProps {
    /// The scenario to run; a new one starts a new run.
    pub scenario: Rc<Scenario>,
}

/// Messages of [`Simulator`].
pub enum Msg {
    /// Play or pause.
    Toggle,
    /// An animation frame at this timestamp (ms).
    Frame(f64),
}

/// Owns and drives one simulation run.
pub struct Simulator {
    sim: Simulation,
    playing: bool,
    last_frame: Option<f64>,
    frame: Option<AnimationFrame>,
    done: Rc<Series>,
}

impl Simulator {
    fn start(scenario: &Scenario) -> Simulation {
        Simulation::new(scenario).unwrap_or_else(|_| {
            Simulation::new(&Scenario::single_stage()).expect("the built-in scenario is valid")
        })
    }

    fn request_frame(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.frame = Some(request_animation_frame(move |ts| {
            link.send_message(Msg::Frame(ts))
        }));
    }

    fn sample(&mut self) {
        let done = self.sim.summary().completed as f64;
        Rc::make_mut(&mut self.done).push(self.sim.now(), done);
    }
}

impl Component for Simulator {
    type Message = Msg;
    type Properties = SimulatorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let mut s = Simulator {
            sim: Self::start(&ctx.props().scenario),
            playing: false,
            last_frame: None,
            frame: None,
            done: Rc::new(Series::new(SERIES_POINTS)),
        };
        s.sample();
        s
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &Self::Properties) -> bool {
        *self = <Self as Component>::create(ctx);
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Toggle => {
                self.playing = !self.playing;
                self.last_frame = None;
                if self.playing {
                    self.request_frame(ctx);
                } else {
                    self.frame = None;
                }
                true
            }
            Msg::Frame(ts) => {
                if !self.playing {
                    return false;
                }
                let dt = self
                    .last_frame
                    .map_or(0.0, |last| ((ts - last) / 1000.0).clamp(0.0, 0.1));
                self.last_frame = Some(ts);
                let target = self.sim.now() + dt * DAYS_PER_SECOND;
                let handled = self.sim.run_events(EVENTS_PER_FRAME, target);
                if handled < EVENTS_PER_FRAME {
                    self.sim.run_until(target);
                }
                self.sample();
                self.request_frame(ctx);
                true
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let summary = self.sim.summary();
        let on_toggle = ctx.link().callback(|_| Msg::Toggle);
        html! {
            <section class="simulator">
                <Controls playing={self.playing} day={self.sim.now()} {on_toggle} />
                <Metrics done={summary.completed} throughput={summary.throughput}
                    wip={summary.wip_now} lead_time={summary.lead_time.mean} />
                <DoneChart series={self.done.clone()} now={self.sim.now()} />
            </section>
        }
    }
}
