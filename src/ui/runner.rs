//! One running simulation as the page shows it: the [`Simulation`], what its charts plot and
//! its board, advanced frame by frame within a time budget; and time travel: any moment
//! already run, rebuilt from the run's [`History`], shown instead of the live run.
//!
//! While a past moment is shown, everything on the page (clock, board, metrics, charts) is
//! that moment's — [`Runner::shown`]. Playing or stepping on goes through the same run (the
//! future is recomputed identically) until it meets the live run again; a change made there
//! starts a new branch from that moment and the old future is discarded.

use super::chart_data::ChartData;
use super::components::board::TOKENS;
use super::state::Speed;
use crate::sim::{BoardSnapshot, History, Point, Scenario, Simulation, Target};
use crate::state::{RunChange, RunChanges};
use std::rc::Rc;

/// Events handled between two looks at the clock.
const CHUNK: u64 = 2_000;
/// Items the per-item log keeps (for the CSV download); memory stays bounded.
pub const ITEM_LOG_LIMIT: u64 = 20_000;
/// Charts get a new snapshot at most this often (ms).
const CHART_INTERVAL_MS: f64 = 200.0;

/// Milliseconds since the page loaded.
pub fn now_ms() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

/// A simulation with its chart data and board.
pub struct Runner {
    /// The live run: the latest moment simulated.
    pub sim: Simulation,
    /// Snapshots and changes, to rebuild earlier moments.
    history: History,
    /// The past moment shown, when travelling back.
    view: Option<Point>,
    /// Chart data, updated every frame.
    pub data: ChartData,
    /// The snapshot the charts draw (updated at most every [`CHART_INTERVAL_MS`]).
    pub charts: Rc<ChartData>,
    charts_at: f64,
    /// The board now.
    pub board: Rc<BoardSnapshot>,
}

impl Runner {
    /// A new run of `scenario` (or of the built-in one if it is invalid, which the editor
    /// prevents).
    pub fn new(scenario: &Scenario) -> Self {
        let mut sim =
            Simulation::with_item_log_limit(scenario, ITEM_LOG_LIMIT).unwrap_or_else(|_| {
                Simulation::with_item_log_limit(&Scenario::single_stage(), ITEM_LOG_LIMIT)
                    .expect("valid")
            });
        let history = History::new(&mut sim);
        Self::of(sim, history)
    }

    /// The live run `sim` with its `history`, shown as it stands.
    fn of(sim: Simulation, history: History) -> Self {
        let data = ChartData::new(&sim);
        Runner {
            history,
            view: None,
            board: Rc::new(sim.board(TOKENS)),
            charts: Rc::new(data.clone()),
            data,
            sim,
            charts_at: 0.0,
        }
    }

    /// The run `run` describes (its start and the changes made while it played), shown at
    /// day 0: playing goes through the same run, changes included. `None` when the changes do
    /// not fit the run (a link made by hand, say).
    pub fn restore(run: &RunChanges) -> Option<Self> {
        let mut sim = Simulation::with_item_log_limit(&run.start, ITEM_LOG_LIMIT).ok()?;
        let changes: Vec<_> = run
            .changes
            .iter()
            .map(|c| (c.events, c.time, (*c.scenario).clone()))
            .collect();
        let history = History::replay(&mut sim, &changes)?;
        let mut runner = Self::of(sim, history);
        runner.travel(0.0);
        Some(runner)
    }

    /// The changes made while this run played, with the scenario it started with, as the
    /// saved state keeps them ([`RunChanges::kept`]): what a reload or a link needs to play
    /// the same run.
    pub fn run_changes(&self) -> Option<RunChanges> {
        let changes: Vec<RunChange> = self
            .history
            .changes()
            .map(|(events, time, scenario)| RunChange {
                events,
                time,
                scenario: Rc::new(scenario.clone()),
            })
            .collect();
        RunChanges::kept(Rc::new(self.history.initial().clone()), changes)
    }

    /// The simulation the page shows: the past moment travelled to, else the live run.
    pub fn shown(&self) -> &Simulation {
        self.view.as_ref().map_or(&self.sim, |p| p.sim())
    }

    /// Whether a past moment is shown.
    pub fn travelling(&self) -> bool {
        self.view.is_some()
    }

    /// Applies a changed scenario without a reset when the simulation accepts it, else starts
    /// afresh. At a past moment, the run goes on from there with the change: a new branch.
    pub fn apply(&mut self, scenario: &Scenario) {
        if let Some(view) = self.view.take() {
            if view.sim().scenario().reset_needed_for(scenario).is_some() {
                *self = Runner::new(scenario);
                return;
            }
            self.history.branch(&view);
            // The live run keeps the per-item log, which snapshots leave out.
            self.sim = self.history.replay_logged(&view, ITEM_LOG_LIMIT);
            self.data = ChartData::new(&self.sim);
        }
        match self.sim.update(scenario) {
            Ok(_) => self.history.record_change(&self.sim, scenario),
            Err(_) => *self = Runner::new(scenario),
        }
    }

    /// Shows simulated day `day` (the live run from its latest moment on).
    pub fn travel(&mut self, day: f64) {
        self.view = (day < self.sim.now()).then(|| self.history.at(Target::Time(day.max(0.0))));
        self.rebuild();
    }

    /// Shows simulated day `t`: a past moment, or the live run, run on to `t` first if it is
    /// not there yet. Variant B follows A's moment this way, event for event of A.
    pub fn follow(&mut self, t: f64) {
        if t > self.sim.now() {
            self.sim.run_until(t);
            self.history.observe(&mut self.sim);
        }
        // Already at the live moment `t`, nothing to redo; else `travel` shows `t`.
        if self.travelling() || t < self.sim.now() {
            self.travel(t);
        }
    }

    /// Shows the moment `n` events before the one shown.
    pub fn back(&mut self, n: u64) {
        let events = self.shown().events().saturating_sub(n);
        self.view = Some(self.history.at(Target::Events(events)));
        self.rebuild();
    }

    /// Handles `n` more events (at a past moment: through the same run, up to the live one).
    pub fn step(&mut self, n: u64) {
        let Some(point) = &mut self.view else {
            self.sim.run_events(n, f64::INFINITY);
            self.history.observe(&mut self.sim);
            return;
        };
        let target = (point.sim().events() + n).min(self.sim.events());
        self.history.advance(point, Target::Events(target));
        if target >= self.sim.events() {
            self.view = None;
        }
        self.rebuild();
    }

    /// Starts the chart data again from the moment shown (after a jump in time).
    fn rebuild(&mut self) {
        self.data = ChartData::new(self.shown());
        self.charts = Rc::new(self.data.clone());
        self.board = Rc::new(self.shown().board(TOKENS));
    }

    /// Reads what changed into the board and chart data; the charts' snapshot is renewed at
    /// most every [`CHART_INTERVAL_MS`] unless `force` — or when the named bottleneck changed,
    /// so that the charts never name another stage than the board and the metrics.
    pub fn refresh(&mut self, force: bool) {
        let shown = self.view.as_ref().map_or(&self.sim, |p| p.sim());
        self.data.ingest(shown);
        self.board = Rc::new(shown.board(TOKENS));
        let t = now_ms();
        let named = |d: &ChartData| d.summary.as_ref().and_then(|s| s.bottleneck_index);
        let moved = named(&self.data) != named(&self.charts);
        if force || moved || t - self.charts_at >= CHART_INTERVAL_MS {
            self.charts = Rc::new(self.data.clone());
            self.charts_at = t;
        }
    }

    /// Runs for one frame of `dt` seconds at `speed`, or up to simulated time `until` if
    /// given, spending at most `budget_ms`. With `hold`, a run that is over
    /// ([`crate::sim::Simulation::is_finished`]) keeps its clock where its last item was done
    /// instead of moving on to an empty stream, which would only dilute its averages.
    pub fn advance(
        &mut self,
        dt: f64,
        speed: Speed,
        until: Option<f64>,
        budget_ms: f64,
        hold: bool,
    ) {
        let start = now_ms();
        let target = until.unwrap_or(match speed {
            Speed::DaysPerSecond(d) => self.shown().now() + d * dt,
            Speed::Max => f64::INFINITY,
        });
        if let Some(point) = &mut self.view {
            // Playing on from a past moment: the same run, until it meets the live one.
            if target < self.sim.now() {
                self.history.advance(point, Target::Time(target));
                return;
            }
            self.view = None;
            self.rebuild();
        }
        loop {
            if hold && self.sim.is_finished() {
                break;
            }
            let handled = self.sim.run_events(CHUNK, target);
            if handled < CHUNK {
                if target.is_finite() && !(hold && self.sim.is_finished()) {
                    self.sim.run_until(target);
                }
                break;
            }
            if now_ms() - start > budget_ms {
                break;
            }
        }
        self.history.observe(&mut self.sim);
    }
}
