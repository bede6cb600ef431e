//! The simulator's runs: A, and B in A/B mode, set up from the app's state, kept at one
//! moment, refreshed for the views, and driven by animation frames.

use super::{Msg, Runner, Simulator};
use crate::sim::Scenario;
use crate::state::RunChanges;
use crate::ui::components::export_bar::Export;
use crate::ui::download;
use crate::ui::state::AppState;
use gloo::render::request_animation_frame;
use yew::prelude::*;

impl Simulator {
    /// Runs of the state's scenarios. With `resume`, the runs the saved state describes,
    /// changes made while they played included (shown at day 0), where they fit; else, and
    /// where there were none, fresh runs.
    pub(super) fn runs(state: &AppState, resume: bool) -> Self {
        let run = |kept: Option<&RunChanges>, scenario: &Scenario| {
            kept.filter(|_| resume)
                .and_then(Runner::restore)
                .unwrap_or_else(|| Runner::new(scenario))
        };
        let snap = &state.snap;
        Simulator {
            a: run(snap.run.as_ref(), &snap.scenario),
            b: snap.ab.as_ref().map(|ab| run(ab.run.as_ref(), &ab.b)),
            last_frame: None,
            frame: None,
            last_report: None,
        }
    }

    /// The summary of what the page shows: the metrics strip's numbers and the reports'.
    pub(super) fn summary(&self) -> crate::sim::Summary {
        self.a
            .data
            .summary
            .clone()
            .unwrap_or_else(|| self.a.shown().summary())
    }

    /// Brings variant B to the simulated day A shows (A/B time travel and steps).
    pub(super) fn b_follows_a(&mut self) {
        let t = self.a.shown().now();
        if let Some(b) = &mut self.b {
            b.follow(t);
        }
    }

    /// Brings what the views draw of each run up to date (`force`: even mid-frame).
    pub(super) fn refresh(&mut self, force: bool) {
        self.a.refresh(force);
        if let Some(b) = &mut self.b {
            b.refresh(force);
        }
    }

    /// Downloads `what` of run A.
    pub(super) fn export(&self, what: Export) {
        // What the page shows (a past moment when travelling); the item log is the live run's.
        download::export(what, self.a.shown(), &self.a.sim);
    }

    /// Asks for the next animation frame.
    pub(super) fn request_frame(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.frame = Some(request_animation_frame(move |ts| {
            link.send_message(Msg::Frame(ts))
        }));
    }
}
