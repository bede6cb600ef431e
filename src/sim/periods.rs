//! "Before and after": statistics of the period since the latest intervention and of the
//! period before it, and a bounded ring of recent completions for live charts.

use super::counters::{FlowPeriod, Mark};
use super::engine::Simulation;
use super::stats::{Histogram, Percentiles};
use serde::Serialize;
use std::collections::VecDeque;

/// Most recent completions kept for charts.
pub const MAX_RECENT: usize = 8192;

/// One item done.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Completion {
    /// Sequence number of the completion (0 for the first item done).
    pub index: u64,
    /// The item's number (in order of arrival).
    pub item: u64,
    /// Its class of service (0 without classes).
    pub class: u8,
    /// When it was done (days).
    pub time: f64,
    /// Its lead time (days).
    pub lead: f64,
    /// Its cycle time (days).
    pub cycle: f64,
}

/// Flow measures over a period of the run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodStats {
    /// Start of the period (days).
    pub from: f64,
    /// End of the period (days).
    pub to: f64,
    /// Items done in the period.
    pub completed: u64,
    /// Items done per day.
    pub throughput: f64,
    /// Lead times of the items done in the period.
    pub lead_time: Percentiles,
    /// Cycle times of the items done in the period.
    pub cycle_time: Percentiles,
    /// Time-average work in process.
    pub wip_mean: f64,
}

/// The state behind [`Simulation::current_period`] and [`Simulation::previous_period`].
#[derive(Clone, Debug, Default)]
pub struct Periods {
    recent: VecDeque<Completion>,
    total: u64,
    lead: Histogram,
    cycle: Histogram,
    previous: Option<PeriodStats>,
}

impl Periods {
    /// Records an item done at `time`.
    pub(crate) fn record(
        &mut self,
        (item, class): (u64, u8),
        time: f64,
        lead: f64,
        cycle: f64,
        counted: bool,
    ) {
        if self.recent.len() == MAX_RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(Completion {
            index: self.total,
            item,
            class,
            time,
            lead,
            cycle,
        });
        self.total += 1;
        if counted {
            self.lead.record(lead);
            self.cycle.record(cycle);
        }
    }

    fn stats(&self, from: &Mark, to: &Mark) -> PeriodStats {
        let flow = FlowPeriod::between(from, to);
        PeriodStats {
            from: from.time,
            to: to.time,
            completed: flow.completed,
            throughput: flow.throughput,
            lead_time: self.lead.percentiles(),
            cycle_time: self.cycle.percentiles(),
            wip_mean: flow.wip_mean,
        }
    }
}

impl Simulation {
    /// Flow measures since the latest intervention (or the end of the warm-up).
    pub fn current_period(&self) -> PeriodStats {
        self.periods.stats(&self.recent_mark, &self.mark())
    }

    /// When the period of [`Simulation::current_period`] began (days): the latest
    /// intervention, or the end of the warm-up.
    pub fn current_period_from(&self) -> f64 {
        self.recent_mark.time
    }

    /// The mean lead time of the items done in the period of [`Simulation::current_period`]
    /// (its `lead_time.mean`), without working out its percentiles: for a view that reads it
    /// every frame.
    pub fn current_lead_mean(&self) -> Option<f64> {
        self.periods.lead.mean()
    }

    /// Flow measures of the period before the latest intervention, if there was one.
    pub fn previous_period(&self) -> Option<&PeriodStats> {
        self.periods.previous.as_ref()
    }

    /// Items done after the first `seen` completions, oldest first (at most the last
    /// [`MAX_RECENT`]). Pass the `index + 1` of the last one you saw to get only new ones.
    pub fn completions_since(&self, seen: u64) -> impl Iterator<Item = &Completion> {
        let skip = self
            .periods
            .recent
            .iter()
            .take_while(|c| c.index < seen)
            .count();
        self.periods.recent.iter().skip(skip)
    }

    /// Starts a new period now (at an intervention or at the end of the warm-up).
    pub(crate) fn start_period(&mut self, keep_previous: bool) {
        let now = self.mark();
        if keep_previous {
            self.periods.previous = Some(self.periods.stats(&self.recent_mark, &now));
        }
        self.periods.lead = Histogram::default();
        self.periods.cycle = Histogram::default();
        self.recent_mark = now;
    }
}
