//! Statistics per fixed-length window of simulated time, kept in a bounded ring.

use super::counters::{stage_period, FlowPeriod, Mark, StagePeriod};
use super::engine::Simulation;
use super::stats::Percentiles;
use serde::Serialize;
use std::collections::VecDeque;

/// Most windows kept; older ones are dropped (the run's overall summary keeps everything).
pub const MAX_WINDOWS: usize = 4096;

/// What happened during one window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Window {
    /// Start time (days).
    pub start: f64,
    /// End time (days).
    pub end: f64,
    /// Arrivals, items done, throughput, mean WIP, mean items in the system and flow
    /// efficiency over the window (in JSON, fields of the window itself).
    #[serde(flatten)]
    pub flow: FlowPeriod,
    /// Lead times of the items done in the window.
    pub lead_time: Percentiles,
    /// Cycle times of the items done in the window.
    pub cycle_time: Percentiles,
    /// Per-stage statistics.
    pub stages: Vec<StagePeriod>,
    /// Items in the backlog at the end (not started).
    pub backlog_end: u32,
    /// Items in each stage at the end.
    pub stage_wip_end: Vec<u32>,
    /// Requests arrived since time 0, at the end.
    pub arrivals_total: u64,
    /// Items done since time 0, at the end.
    pub completed_total: u64,
}

/// The ring of closed windows and the state of the open one.
#[derive(Clone, Debug)]
pub struct WindowSeries {
    width: f64,
    windows: VecDeque<Window>,
    /// False when nobody reads the windows: a close then works out only the stage statistics
    /// the bottleneck tracker needs.
    keep: bool,
    last: Mark,
    /// The mark before `last`, kept so the next close can reuse its memory.
    spare: Mark,
    /// The stage statistics of the latest close when windows are not kept (memory reused).
    scratch: (Vec<StagePeriod>, Vec<u32>),
    lead: Vec<f64>,
    cycle: Vec<f64>,
    closed: u64,
    /// When the open window ends: `(closed + 1) × width`, kept because every event checks it.
    next_end: f64,
}

impl WindowSeries {
    /// An empty series of windows `width` days long.
    pub fn new(width: f64) -> Self {
        WindowSeries {
            width,
            windows: VecDeque::new(),
            keep: true,
            last: Mark::default(),
            spare: Mark::default(),
            scratch: Default::default(),
            lead: Vec::new(),
            cycle: Vec::new(),
            closed: 0,
            next_end: width,
        }
    }

    /// Whether closed windows are kept (the default). Not keeping them drops those kept so far
    /// and changes no other result.
    pub fn set_keep(&mut self, keep: bool) {
        self.keep = keep;
        if !keep {
            self.windows.clear();
            self.lead.clear();
            self.cycle.clear();
        }
    }

    /// Starts the first window at `mark`.
    pub fn reset(&mut self, mark: Mark) {
        self.last = mark;
    }

    /// When the open window ends.
    #[inline]
    pub fn next_end(&self) -> f64 {
        self.next_end
    }

    /// Records an item done in the open window.
    #[inline]
    pub fn record(&mut self, lead: f64, cycle: f64) {
        if self.keep {
            self.lead.push(lead);
            self.cycle.push(cycle);
        }
    }

    /// A mark to fill for the next [`Self::close`]: an old one, so its memory is reused.
    pub fn spare_mark(&mut self) -> Mark {
        std::mem::take(&mut self.spare)
    }

    /// Closes the open window at `mark` (taken at [`Self::next_end`]); returns when it started
    /// and its per-stage statistics. Once the ring is full, the dropped window's memory holds
    /// the new one.
    pub fn close(
        &mut self,
        mark: Mark,
        backlog: u32,
        stage_wip: impl Iterator<Item = u32>,
    ) -> (f64, &[StagePeriod]) {
        let (mut stages, mut stage_wip_end) = if !self.keep {
            std::mem::take(&mut self.scratch)
        } else if self.windows.len() == MAX_WINDOWS {
            let old = self.windows.pop_front().expect("the ring is full");
            (old.stages, old.stage_wip_end)
        } else {
            (
                Vec::with_capacity(mark.stages.len()),
                Vec::with_capacity(mark.stages.len()),
            )
        };
        let a = &self.last;
        let start = a.time;
        let flow = FlowPeriod::between(a, &mark);
        stages.clear();
        stages.extend(
            a.stages
                .iter()
                .zip(&mark.stages)
                .map(|(x, y)| stage_period(x, y, flow.span)),
        );
        if self.keep {
            stage_wip_end.clear();
            stage_wip_end.extend(stage_wip);
            self.windows.push_back(Window {
                start,
                end: mark.time,
                flow,
                lead_time: Percentiles::exact(&mut self.lead),
                cycle_time: Percentiles::exact(&mut self.cycle),
                stages,
                backlog_end: backlog,
                stage_wip_end,
                arrivals_total: mark.system.arrivals,
                completed_total: mark.system.completed,
            });
            self.lead.clear();
            self.cycle.clear();
        } else {
            self.scratch = (stages, stage_wip_end);
        }
        self.closed += 1;
        self.next_end = (self.closed + 1) as f64 * self.width;
        self.spare = std::mem::replace(&mut self.last, mark);
        // Kept windows end with this one; otherwise none are kept and it is in the scratch.
        let stages = match self.windows.back() {
            Some(w) => &w.stages,
            None => &self.scratch.0,
        };
        (start, stages)
    }

    /// The closed windows still kept, oldest first.
    pub fn windows(&self) -> &VecDeque<Window> {
        &self.windows
    }
}

impl Simulation {
    /// Whether closed statistics windows are kept for [`Simulation::windows`] (the default).
    /// A run that never reads them (the CLI without `--windows`) saves most of the work of
    /// each window close; every other result, the bottleneck included, stays the same.
    pub fn keep_windows(&mut self, keep: bool) {
        self.windows.set_keep(keep);
    }

    /// Closes every statistics window that ends at or before `t` and feeds each to the
    /// bottleneck tracker.
    #[inline(never)]
    pub(crate) fn close_windows(&mut self, t: f64) {
        while self.windows.next_end() <= t {
            let end = self.windows.next_end();
            let mut mark = self.windows.spare_mark();
            mark.retake(end, &self.sys, self.stages.iter().map(|s| &s.counters));
            let (start, stages) = self.windows.close(
                mark,
                self.backlog.len() as u32,
                self.stages.iter().map(|s| s.wip),
            );
            self.bottleneck.observe(
                start,
                stages
                    .iter()
                    .map(|p| p.utilization * (1.0 - p.waiting_for_room_share)),
            );
        }
    }
}

/// The windows as CSV: one row per window with the flow measures, then each stage's
/// utilisation and mean queue. Empty cells where a measure is undefined (no item done).
pub fn windows_csv<'a>(
    windows: impl Iterator<Item = &'a Window>,
    stage_names: &[String],
) -> String {
    use std::fmt::Write;
    let mut out = String::from(
        "start,end,arrivals,completed,throughput,wip_mean,in_system_mean,lead_mean,lead_p50,lead_p85,lead_p95,cycle_mean,flow_efficiency,backlog_end,arrivals_total,completed_total",
    );
    for name in stage_names {
        for what in ["utilization", "queue_mean", "wip_end"] {
            let _ = write!(
                out,
                ",{}",
                super::itemlog::csv_text(&format!("{name} {what}"))
            );
        }
    }
    out.push('\n');
    let cell = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
    for w in windows {
        let _ = write!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
            w.start,
            w.end,
            w.flow.arrivals,
            w.flow.completed,
            w.flow.throughput,
            w.flow.wip_mean,
            w.flow.in_system_mean,
            cell(w.lead_time.mean),
            cell(w.lead_time.p50),
            cell(w.lead_time.p85),
            cell(w.lead_time.p95),
            cell(w.cycle_time.mean),
            cell(w.flow.flow_efficiency),
            w.backlog_end,
            w.arrivals_total,
            w.completed_total
        );
        for (st, wip) in w.stages.iter().zip(&w.stage_wip_end) {
            let _ = write!(out, ",{},{},{}", st.utilization, st.queue_mean, wip);
        }
        out.push('\n');
    }
    out
}
