//! What the simulator tells the app about the runs it owns, so the app's state (and what it
//! saves) agrees with what the page shows: whether the runs are settled for workshop mode's
//! Reveal, the scenarios in effect at a past moment shown, the changes each run has taken, and
//! a room's results.

use super::{Runner, Simulator};
use crate::sim::compare::settled;
use crate::sim::Scenario;
use crate::ui::state::{Action, Past};
use std::rc::Rc;
use yew::prelude::*;

/// Whether `run`, at the moment shown, has its statistics and
/// [`SETTLED_ITEMS`](crate::sim::compare::SETTLED_ITEMS) items done in them, or is over (a
/// backlog all done).
fn run_settled(run: &Runner) -> bool {
    let shown = run.shown();
    let check = |s: &crate::sim::Summary| settled(s, shown.is_finished());
    match &run.data.summary {
        Some(summary) => check(summary),
        None => check(&shown.summary()),
    }
}

impl Simulator {
    /// Whether the moment shown is settled enough for workshop mode's Reveal: each run (A, and
    /// B in A/B mode) has finished [`SETTLED_ITEMS`](crate::sim::compare::SETTLED_ITEMS) items
    /// since its warm-up, or is over. Just past the warm-up a handful of items made throughput
    /// differ by ±60 % between A and B, beside a debrief saying it stays the same.
    fn settled(&self) -> bool {
        run_settled(&self.a) && self.b.as_ref().is_none_or(run_settled)
    }

    /// Tells the app the changes runs A and B have taken, when they differ from the ones it
    /// keeps (after a change, a new branch or a new run), so its saved state and links hold
    /// them.
    pub(super) fn keep_run(&self, ctx: &Context<Self>) {
        let snap = &ctx.props().state.snap;
        let a = self.a.run_changes();
        let b = self.b.as_ref().and_then(Runner::run_changes);
        if a != snap.run || b.as_ref() != snap.ab.as_ref().and_then(|ab| ab.run.as_ref()) {
            ctx.props().dispatch.emit(Action::SetRun { a, b });
        }
    }

    pub(super) fn report(&mut self, ctx: &Context<Self>, ts: Option<f64>) {
        if let Some(cb) = &ctx.props().on_report {
            cb.emit(self.summary());
            self.last_report = ts;
        }
    }

    /// Tells the app, from what was just drawn, what changed about the runs shown: whether
    /// they are settled, and which scenarios were in effect at a past moment shown.
    pub(super) fn tell_the_app(&self, ctx: &Context<Self>) {
        // The app learns when the runs shown become settled or stop being so (a new run, time
        // travel): once, from what was just drawn.
        let state = &ctx.props().state;
        let settled = self.settled();
        if state.settled != settled {
            ctx.props().dispatch.emit(Action::Settled(settled));
        }
        // And which scenarios were in effect at a past moment shown, so the editor shows (and
        // changes) those rather than the ones a later change made.
        fn at<'r>(run: &'r Runner, latest: &Scenario) -> Option<&'r Scenario> {
            let shown = run.shown().scenario();
            (run.travelling() && shown != latest).then_some(shown)
        }
        let a = at(&self.a, &state.snap.scenario);
        let b = (self.b.as_ref().zip(state.snap.variant_b())).and_then(|(b, s)| at(b, s));
        let known = state.past.as_ref();
        let known_a = known.and_then(|k| k.a.as_deref());
        if known_a != a || known.and_then(|k| k.b.as_deref()) != b {
            let past = (a.is_some() || b.is_some()).then(|| Past {
                a: a.map(|a| Rc::new(a.clone())),
                b: b.map(|b| Rc::new(b.clone())),
            });
            ctx.props().dispatch.emit(Action::Past(past));
        }
    }
}
