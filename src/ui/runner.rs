//! One running simulation as the page shows it: the [`Simulation`], what its charts plot and
//! its board, advanced frame by frame within a time budget.

use super::chart_data::ChartData;
use super::components::board::TOKENS;
use super::state::Speed;
use crate::sim::{BoardSnapshot, Scenario, Simulation};
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
    /// The simulation.
    pub sim: Simulation,
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
        let sim = Simulation::with_item_log_limit(scenario, ITEM_LOG_LIMIT).unwrap_or_else(|_| {
            Simulation::with_item_log_limit(&Scenario::single_stage(), ITEM_LOG_LIMIT)
                .expect("valid")
        });
        let data = ChartData::new(&sim);
        Runner {
            board: Rc::new(sim.board(TOKENS)),
            charts: Rc::new(data.clone()),
            data,
            sim,
            charts_at: 0.0,
        }
    }

    /// Applies a changed scenario without a reset when the simulation accepts it, else starts
    /// afresh.
    pub fn apply(&mut self, scenario: &Scenario) {
        if self.sim.update(scenario).is_err() {
            *self = Runner::new(scenario);
        }
    }

    /// Reads what changed into the board and chart data; the charts' snapshot is renewed at
    /// most every [`CHART_INTERVAL_MS`] unless `force` — or when the named bottleneck changed,
    /// so that the charts never name another stage than the board and the metrics.
    pub fn refresh(&mut self, force: bool) {
        self.data.ingest(&self.sim);
        self.board = Rc::new(self.sim.board(TOKENS));
        let t = now_ms();
        let named = |d: &ChartData| d.summary.as_ref().and_then(|s| s.bottleneck_index);
        let moved = named(&self.data) != named(&self.charts);
        if force || moved || t - self.charts_at >= CHART_INTERVAL_MS {
            self.charts = Rc::new(self.data.clone());
            self.charts_at = t;
        }
    }

    /// Runs for one frame of `dt` seconds at `speed`, or up to simulated time `until` if
    /// given, spending at most `budget_ms`.
    pub fn advance(&mut self, dt: f64, speed: Speed, until: Option<f64>, budget_ms: f64) {
        let start = now_ms();
        let target = until.unwrap_or(match speed {
            Speed::DaysPerSecond(d) => self.sim.now() + d * dt,
            Speed::Max => f64::INFINITY,
        });
        loop {
            let handled = self.sim.run_events(CHUNK, target);
            if handled < CHUNK {
                if target.is_finite() {
                    self.sim.run_until(target);
                }
                break;
            }
            if now_ms() - start > budget_ms {
                break;
            }
        }
    }
}
