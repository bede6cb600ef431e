//! Cumulative counters of a run, and marks: copies of them taken at a moment (the end of the
//! warm-up, the latest intervention, a window boundary). Any period's statistics are the
//! difference between two marks, so nothing is accumulated twice.

use super::stats::TimeAvg;
use serde::Serialize;

/// Whole-system counters since time 0.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemCounters {
    /// Items started and not done (work in process).
    pub wip: TimeAvg,
    /// Items arrived and not done (backlog plus WIP).
    pub in_system: TimeAvg,
    /// Items that arrived.
    pub arrivals: u64,
    /// Items done.
    pub completed: u64,
    /// Sum of lead times of items done.
    pub lead_sum: f64,
    /// Sum of touch time (work received) of items done.
    pub touch_sum: f64,
    /// Work time spent, all stages.
    pub work: f64,
    /// Work time spent on items after they had been found defective.
    pub rework: f64,
    /// Arrivals turned away because the system held the most items a run may hold.
    pub balked: u64,
}

/// One stage's counters since time 0.
#[derive(Clone, Copy, Debug, Default)]
pub struct StageCounters {
    /// Items waiting to be worked.
    pub queue: TimeAvg,
    /// Items in the stage (waiting, in progress, finished but not moved on).
    pub wip: TimeAvg,
    /// Workers busy with work of this stage.
    pub busy: TimeAvg,
    /// Workers available to the stage (generalists counted as a share).
    pub capacity: TimeAvg,
    /// 1 while a finished batch cannot move on because the next stage is full.
    pub held: TimeAvg,
    /// Sum of waits between entering the stage and the start of work.
    pub wait_sum: f64,
    /// Number of waits summed.
    pub waits: u64,
    /// Items that entered the stage.
    pub entered: u64,
    /// Items found defective here.
    pub defects: u64,
    /// Times finished work moved on (a batch, a release train, or a single item).
    pub departures: u64,
    /// Items blocked here (blockers).
    pub blocks: u64,
    /// Total length of those blocks (days).
    pub blocked_time: f64,
}

/// The counters as they stood at `time`.
#[derive(Clone, Debug, Default)]
pub struct Mark {
    /// When the mark was taken.
    pub time: f64,
    /// System counters at that time.
    pub system: SystemCounters,
    /// Stage counters at that time.
    pub stages: Vec<StageCounters>,
}

/// Brings `t`'s area up to time `at`, as a mark keeps it.
pub(crate) fn freeze(t: &mut TimeAvg, at: f64) {
    t.area = t.area_at(at);
    t.last = at;
}

impl Mark {
    /// Copies the counters as they stand at `time` (no event may lie between their last
    /// change and `time`).
    pub fn take<'a>(
        time: f64,
        system: &SystemCounters,
        stages: impl Iterator<Item = &'a StageCounters>,
    ) -> Mark {
        let mut mark = Mark::default();
        mark.retake(time, system, stages);
        mark
    }

    /// Like [`Mark::take`], overwriting this mark and reusing its memory (a window closes
    /// every simulated day by default; this keeps the close free of allocation).
    pub fn retake<'a>(
        &mut self,
        time: f64,
        system: &SystemCounters,
        stages: impl Iterator<Item = &'a StageCounters>,
    ) {
        self.time = time;
        self.system = *system;
        freeze(&mut self.system.wip, time);
        freeze(&mut self.system.in_system, time);
        self.stages.clear();
        self.stages.extend(stages.map(|s| {
            let mut s = *s;
            for t in [
                &mut s.queue,
                &mut s.wip,
                &mut s.busy,
                &mut s.capacity,
                &mut s.held,
            ] {
                freeze(t, time);
            }
            s
        }));
    }
}

/// Statistics of one stage over a period between two marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct StagePeriod {
    /// Busy worker-time ÷ available worker-time.
    pub utilization: f64,
    /// Mean number of items waiting to be worked.
    pub queue_mean: f64,
    /// Mean number of items in the stage.
    pub wip_mean: f64,
    /// Mean wait from entering the stage to the start of work (days).
    pub wait_mean: Option<f64>,
    /// Share of the period finished work waited for room in the next stage.
    pub waiting_for_room_share: f64,
    /// Share of the items whose work started here that were blocked here (blockers).
    pub blocked_share: f64,
    /// Mean length of the blocks here (days), if there were any.
    pub blocked_time_mean: Option<f64>,
    /// Mean number of items blocked here: the blocks' total length ÷ the period (a block
    /// counts in full from its start).
    pub blocked_mean: f64,
    /// Items that entered the stage.
    pub entered: u64,
    /// Items found defective at the stage.
    pub defects: u64,
    /// Times finished work moved on (batches, release trains, single items).
    pub departures: u64,
}

/// The mean over a period of `span` days of a quantity whose area grew by `area` in it; for
/// an empty period, its value at the end (`end_value`).
#[inline]
pub(crate) fn period_mean(area: f64, span: f64, end_value: f64) -> f64 {
    if span > 0.0 {
        area / span
    } else {
        end_value
    }
}

/// A stage's utilisation over a period: busy worker-time ÷ available worker-time; without
/// available time, 1 if work waited (a positive mean queue, asked for only then) and 0 if not.
#[inline]
pub(crate) fn utilization(busy: f64, capacity: f64, queue_mean: impl FnOnce() -> f64) -> f64 {
    if capacity > 0.0 {
        busy / capacity
    } else if queue_mean() > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// What happened over the period from mark `a` to mark `b`, stage by stage.
pub fn stage_period(a: &StageCounters, b: &StageCounters, span: f64) -> StagePeriod {
    let avg = |x: &TimeAvg, y: &TimeAvg| period_mean(y.area - x.area, span, y.value);
    let capacity = b.capacity.area - a.capacity.area;
    let busy = b.busy.area - a.busy.area;
    let queue_mean = avg(&a.queue, &b.queue);
    let waits = b.waits - a.waits;
    StagePeriod {
        utilization: utilization(busy, capacity, || queue_mean),
        queue_mean,
        wip_mean: avg(&a.wip, &b.wip),
        wait_mean: (waits > 0).then(|| (b.wait_sum - a.wait_sum) / waits as f64),
        waiting_for_room_share: avg(&a.held, &b.held),
        blocked_share: if waits > 0 {
            (b.blocks - a.blocks) as f64 / waits as f64
        } else {
            0.0
        },
        blocked_mean: if span > 0.0 {
            (b.blocked_time - a.blocked_time) / span
        } else {
            0.0
        },
        blocked_time_mean: (b.blocks > a.blocks)
            .then(|| (b.blocked_time - a.blocked_time) / (b.blocks - a.blocks) as f64),
        entered: b.entered - a.entered,
        defects: b.defects - a.defects,
        departures: b.departures - a.departures,
    }
}

/// Whole-system flow measures over the period from mark `a` to mark `b`: the one place where
/// throughput, mean WIP, mean items in the system and flow efficiency are computed (for the
/// summary, each window and the before/after periods alike).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct FlowPeriod {
    /// Length of the period (days).
    #[serde(skip)]
    pub span: f64,
    /// Requests that arrived.
    pub arrivals: u64,
    /// Items done.
    pub completed: u64,
    /// Items done per day (0 for an empty period).
    pub throughput: f64,
    /// Time-average work in process (the value at `b` for an empty period).
    pub wip_mean: f64,
    /// Time-average items in the system, backlog included (likewise).
    pub in_system_mean: f64,
    /// Touch time ÷ lead time of the items done, if any were.
    pub flow_efficiency: Option<f64>,
}

impl FlowPeriod {
    /// The measures between two marks (`a` taken before `b`).
    pub fn between(a: &Mark, b: &Mark) -> FlowPeriod {
        let span = b.time - a.time;
        let (x, y) = (&a.system, &b.system);
        let avg = |p: &TimeAvg, q: &TimeAvg| {
            if span > 0.0 {
                (q.area - p.area) / span
            } else {
                q.value
            }
        };
        let completed = y.completed - x.completed;
        let lead_sum = y.lead_sum - x.lead_sum;
        FlowPeriod {
            span,
            arrivals: y.arrivals - x.arrivals,
            completed,
            throughput: if span > 0.0 {
                completed as f64 / span
            } else {
                0.0
            },
            wip_mean: avg(&x.wip, &y.wip),
            in_system_mean: avg(&x.in_system, &y.in_system),
            flow_efficiency: (lead_sum > 0.0).then(|| (y.touch_sum - x.touch_sum) / lead_sum),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A period of `span` days from empty counters to `b`.
    fn period(b: StageCounters, span: f64) -> StagePeriod {
        stage_period(&StageCounters::default(), &b, span)
    }

    #[test]
    fn a_stage_without_capacity_is_fully_used_only_when_work_waits() {
        let mut b = StageCounters::default();
        assert_eq!(period(b, 10.0).utilization, 0.0);
        b.queue.area = 5.0;
        assert_eq!(period(b, 10.0).utilization, 1.0);
        b.capacity.area = 20.0;
        b.busy.area = 5.0;
        assert_eq!(period(b, 10.0).utilization, 0.25);
    }

    #[test]
    fn empty_periods_give_zeros_not_divisions_by_zero() {
        let mut b = StageCounters {
            blocked_time: 3.0,
            blocks: 2,
            ..StageCounters::default()
        };
        let p = period(b, 0.0);
        assert_eq!(
            (p.blocked_share, p.blocked_mean, p.wait_mean),
            (0.0, 0.0, None)
        );
        // Four waits, two of them blocked: half the items met a blocker.
        b.waits = 4;
        b.wait_sum = 8.0;
        let p = period(b, 6.0);
        assert_eq!(
            (p.blocked_share, p.blocked_mean, p.wait_mean),
            (0.5, 0.5, Some(2.0))
        );
        // No item done: no flow efficiency.
        let a = Mark::default();
        assert_eq!(
            FlowPeriod::between(
                &a,
                &Mark {
                    time: 1.0,
                    ..Mark::default()
                }
            )
            .flow_efficiency,
            None
        );
    }
}
