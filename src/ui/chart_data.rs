//! What the live charts plot, collected from the simulation with bounded memory.

use super::series::Series;
use crate::sim::{AgingView, Intervention, Simulation, StagePeriod, Summary};
use std::collections::VecDeque;
use std::rc::Rc;

/// Points kept per series.
const POINTS: usize = 1200;
/// Lead times kept for the histogram.
const HISTOGRAM_ITEMS: usize = 1000;
/// Items in process the Aging WIP chart plots at most (every flagged one up to twice this).
const AGING_POINTS: usize = 1500;
/// Windows kept in [`ChartData::done_per_window`] (ten years of days).
pub const DONE_WINDOWS: usize = 3650;
/// Windows in the rolling throughput.
pub const ROLLING: usize = 7;

/// Statistics since the latest change made during the run (or the end of the warm-up): the
/// period run under the scenario's current settings, which is what theory describes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Current {
    /// When the period began (days).
    pub from: f64,
    /// Whether it began at a change made during the run, not at the end of the warm-up.
    pub after_change: bool,
    /// Its length so far (days); 0 at the moment it begins.
    pub span: f64,
    /// Per stage: what the stage chart's bars show (utilisation, mean queue, mean items
    /// blocked) and theory's simulated figures.
    pub stages: Vec<StagePeriod>,
    /// Mean lead time of the items done in it.
    pub lead_mean: Option<f64>,
}

/// Everything the charts draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// Simulated time now.
    pub now: f64,
    /// Window length (days).
    pub window: f64,
    /// Items done per day, rolling over [`ROLLING`] windows.
    pub throughput: Series,
    /// Mean WIP per window.
    pub wip: Series,
    /// Cumulative flow: per window end, the boundaries of the bands from the bottom: done,
    /// then each stage from the last to the first, then the backlog (top = arrivals).
    pub cfd: Series<Vec<f64>>,
    /// Stage names, first to last.
    pub stages: Vec<String>,
    /// (done time, (lead time, class)) of finished items.
    pub scatter: Series<(f64, u8)>,
    /// Lead times of the latest items done, with their class.
    pub recent_leads: VecDeque<(f64, u8)>,
    /// Class names (empty without classes of service).
    pub classes: Vec<String>,
    /// The summary when collected.
    pub summary: Option<Summary>,
    /// The statistics under the scenario's current settings, which theory is compared with.
    pub current: Rc<Current>,
    /// Whether any stage has blockers.
    pub blockers: bool,
    /// The interventions so far.
    pub interventions: Vec<Intervention>,
    /// Items in process by stage and age, over the bands of past items' ages.
    pub aging: AgingView,
    /// Items done in each window so far (the latest [`DONE_WINDOWS`]): a throughput history
    /// for forecasts.
    pub done_per_window: Vec<u32>,
    rolling: VecDeque<(u64, f64)>,
    last_window_end: f64,
    seen: u64,
}

impl ChartData {
    /// Empty chart data for a run of `sim`.
    pub fn new(sim: &Simulation) -> Self {
        let mut d = ChartData {
            now: 0.0,
            window: sim.scenario().window,
            throughput: Series::new(POINTS),
            wip: Series::new(POINTS),
            cfd: Series::new(POINTS),
            stages: sim
                .scenario()
                .stages
                .iter()
                .map(|s| s.name.clone())
                .collect(),
            scatter: Series::new(POINTS * 2),
            classes: sim
                .scenario()
                .classes
                .iter()
                .map(|c| c.name.clone())
                .collect(),
            recent_leads: VecDeque::new(),
            summary: None,
            current: Rc::default(),
            blockers: false,
            interventions: Vec::new(),
            aging: AgingView::default(),
            done_per_window: Vec::new(),
            rolling: VecDeque::new(),
            last_window_end: 0.0,
            seen: 0,
        };
        d.ingest(sim);
        d
    }

    /// The right end of a time axis: now, but at least ten windows.
    pub fn time_span(&self) -> f64 {
        self.now.max(self.window * 10.0)
    }

    /// This run and, in A/B mode, the other one.
    pub fn with<'a>(&'a self, other: Option<&'a ChartData>) -> Vec<&'a ChartData> {
        std::iter::once(self).chain(other).collect()
    }

    /// Takes in what happened since the last call.
    pub fn ingest(&mut self, sim: &Simulation) {
        self.now = sim.now();
        let seen_until = self.last_window_end;
        for w in sim.windows().iter().filter(|w| w.end > seen_until) {
            self.rolling.push_back((w.flow.completed, w.end - w.start));
            if self.done_per_window.len() == DONE_WINDOWS {
                self.done_per_window.remove(0);
            }
            self.done_per_window
                .push(w.flow.completed.min(u64::from(u32::MAX)) as u32);
            if self.rolling.len() > ROLLING {
                self.rolling.pop_front();
            }
            let (done, span) = self
                .rolling
                .iter()
                .fold((0, 0.0), |(n, t), (c, s)| (n + c, t + s));
            self.throughput.push(w.end, done as f64 / span);
            self.wip.push(w.end, w.flow.wip_mean);
            let mut bands = vec![w.completed_total as f64];
            for wip in w.stage_wip_end.iter().rev() {
                bands.push(bands.last().unwrap() + *wip as f64);
            }
            bands.push(bands.last().unwrap() + w.backlog_end as f64);
            self.cfd.push(w.end, bands);
            self.last_window_end = w.end;
        }
        for c in sim.completions_since(self.seen) {
            self.scatter.push(c.time, (c.lead, c.class));
            self.recent_leads.push_back((c.lead, c.class));
            if self.recent_leads.len() > HISTOGRAM_ITEMS {
                self.recent_leads.pop_front();
            }
            self.seen = c.index + 1;
        }
        self.summary = Some(sim.summary());
        let from = sim.current_period_from();
        self.current = Rc::new(Current {
            from,
            after_change: from > sim.scenario().warmup,
            span: sim.now() - from,
            stages: sim.recent_stages(),
            lead_mean: sim.current_lead_mean(),
        });
        self.blockers = sim.scenario().stages.iter().any(|s| s.blockers.is_some());
        self.interventions = sim.interventions().to_vec();
        self.aging = sim.aging(AGING_POINTS);
    }
}
