//! Statistics per fixed-length window of simulated time, kept in a bounded ring.

use super::counters::{
    period_mean, stage_period, utilization, FlowPeriod, Mark, StageCounters, StagePeriod,
};
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

/// A stage's time integrals at a window boundary: all the bottleneck evidence needs of it.
#[derive(Clone, Copy, Debug, Default)]
struct Areas {
    busy: f64,
    capacity: f64,
    held: f64,
    queue: f64,
}

impl Areas {
    /// The integrals of `c` from time 0 to `t` (no event may lie between their last change
    /// and `t`), as a [`Mark`] taken at `t` holds them.
    #[inline]
    fn of(c: &StageCounters, t: f64) -> Areas {
        Areas {
            busy: c.busy.area_at(t),
            capacity: c.capacity.area_at(t),
            held: c.held.area_at(t),
            queue: c.queue.area_at(t),
        }
    }
}

/// The ring of closed windows and the state of the open one.
#[derive(Clone, Debug)]
pub struct WindowSeries {
    width: f64,
    windows: VecDeque<Window>,
    /// False when nobody reads the windows: a close then works out only the bottleneck
    /// evidence, without copying the counters.
    keep: bool,
    /// The counters at the start of the open window; valid only when `last_valid`.
    last: Mark,
    /// False when `last` did not follow the latest close (windows were not kept then).
    last_valid: bool,
    /// The mark before `last`, kept so the next close can reuse its memory.
    spare: Mark,
    /// When the open window started, and each stage's integrals then.
    start: f64,
    areas: Vec<Areas>,
    /// Each stage's effective utilisation over the latest closed window (memory reused).
    effective: Vec<f64>,
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
            last_valid: false,
            spare: Mark::default(),
            start: 0.0,
            areas: Vec::new(),
            effective: Vec::new(),
            lead: Vec::new(),
            cycle: Vec::new(),
            closed: 0,
            next_end: width,
        }
    }

    /// Whether closed windows are kept (the default). Not keeping them drops those kept so far
    /// and changes no other result. Keeping them again starts with the next window that opens
    /// (the one open then has no record of its start).
    pub fn set_keep(&mut self, keep: bool) {
        if keep != self.keep {
            self.last_valid = false;
        }
        self.keep = keep;
        if !keep {
            self.windows.clear();
            self.lead.clear();
            self.cycle.clear();
        }
    }

    /// Whether closed windows are kept.
    #[inline]
    pub fn keeps(&self) -> bool {
        self.keep
    }

    /// Starts the first window at `mark`.
    pub fn reset(&mut self, mark: Mark) {
        self.start = mark.time;
        self.areas.clear();
        self.areas
            .extend(mark.stages.iter().map(|c| Areas::of(c, mark.time)));
        self.last = mark;
        self.last_valid = true;
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

    /// A mark to fill for the next [`Self::keep_window`]: an old one, so its memory is reused.
    pub fn spare_mark(&mut self) -> Mark {
        std::mem::take(&mut self.spare)
    }

    /// Keeps the open window, ending at `mark` (taken at [`Self::next_end`]), in the ring;
    /// call before [`Self::close`], and only when windows are kept. Once the ring is full, the
    /// dropped window's memory holds the new one.
    pub fn keep_window(&mut self, mark: Mark, backlog: u32, stage_wip: impl Iterator<Item = u32>) {
        if self.last_valid {
            let (mut stages, mut stage_wip_end) = if self.windows.len() == MAX_WINDOWS {
                let old = self.windows.pop_front().expect("the ring is full");
                (old.stages, old.stage_wip_end)
            } else {
                (
                    Vec::with_capacity(mark.stages.len()),
                    Vec::with_capacity(mark.stages.len()),
                )
            };
            let a = &self.last;
            let flow = FlowPeriod::between(a, &mark);
            stages.clear();
            stages.extend(
                a.stages
                    .iter()
                    .zip(&mark.stages)
                    .map(|(x, y)| stage_period(x, y, flow.span)),
            );
            stage_wip_end.clear();
            stage_wip_end.extend(stage_wip);
            self.windows.push_back(Window {
                start: a.time,
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
        }
        self.lead.clear();
        self.cycle.clear();
        self.spare = std::mem::replace(&mut self.last, mark);
        self.last_valid = true;
    }

    /// Closes the open window at [`Self::next_end`], given each stage's counters then;
    /// returns when it started and each stage's effective utilisation over it: utilisation
    /// times the share of the window its finished work was not held by a full next stage,
    /// exactly as the window's [`StagePeriod`]s give them.
    pub fn close<'a>(&mut self, stages: impl Iterator<Item = &'a StageCounters>) -> (f64, &[f64]) {
        let (start, end) = (self.start, self.next_end);
        let span = end - start;
        self.effective.clear();
        for (a, c) in self.areas.iter_mut().zip(stages) {
            let b = Areas::of(c, end);
            let queue_mean = || period_mean(b.queue - a.queue, span, c.queue.value);
            let u = utilization(b.busy - a.busy, b.capacity - a.capacity, queue_mean);
            let held = period_mean(b.held - a.held, span, c.held.value);
            self.effective.push(u * (1.0 - held));
            *a = b;
        }
        self.start = end;
        self.closed += 1;
        self.next_end = (self.closed + 1) as f64 * self.width;
        (start, &self.effective)
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
            if self.windows.keeps() {
                let mut mark = self.windows.spare_mark();
                let end = self.windows.next_end();
                mark.retake(end, &self.sys, self.stages.iter().map(|s| &s.counters));
                self.windows.keep_window(
                    mark,
                    self.backlog.len() as u32,
                    self.stages.iter().map(|s| s.wip),
                );
            }
            let (start, effective) = self.windows.close(self.stages.iter().map(|s| &s.counters));
            self.bottleneck.observe(start, effective.iter().copied());
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
