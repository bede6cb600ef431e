//! The summary of a run: the flow measures, Little's law, the bottleneck and warnings.

use super::counters::{stage_period, FlowPeriod, Mark, StagePeriod};
use super::engine::Simulation;
use super::loads::highest_load;
use super::stats::{Percentiles, TimeAvg};
use serde::Serialize;

/// Little's law, both ways round: each pair should agree over a stable period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LittlesLaw {
    /// Time-average work in process.
    pub wip_mean: f64,
    /// Throughput × mean cycle time.
    pub throughput_x_cycle_time: Option<f64>,
    /// Time-average items in the system (backlog included).
    pub in_system_mean: f64,
    /// Throughput × mean lead time.
    pub throughput_x_lead_time: Option<f64>,
}

/// One stage's statistics in a summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageSummary {
    /// Stage name.
    pub name: String,
    /// Busy worker-time ÷ available worker-time.
    pub utilization: f64,
    /// Mean number of items waiting to be worked.
    pub queue_mean: f64,
    /// Mean wait before work starts (days).
    pub wait_mean: Option<f64>,
    /// Mean items in the stage.
    pub wip_mean: f64,
    /// Share of the time finished work waited for room in the next stage (a full stage
    /// downstream).
    pub waiting_for_room_share: f64,
    /// Share of the items whose work started here that were blocked here (blockers).
    pub blocked_share: f64,
    /// Mean length of those blocks (days); `None` when there were none.
    pub blocked_time_mean: Option<f64>,
    /// Items found defective here.
    pub defects: u64,
    /// Items that entered the stage (rework visits included).
    pub entered: u64,
    /// Times finished work moved on: batches, release trains or single items (at a deploy
    /// stage, the deployments).
    pub departures: u64,
    /// Long-run demand on the stage ÷ its capacity, from the parameters (≥ 1: overloaded).
    pub offered_load: f64,
}

/// One class of service's statistics in a summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassSummary {
    /// Class name.
    pub name: String,
    /// Items of the class done in the period.
    pub completed: u64,
    /// Items of the class done per day.
    pub throughput: f64,
    /// Lead time of the class's items (days).
    pub lead_time: Percentiles,
    /// Cycle time of the class's items (days).
    pub cycle_time: Percentiles,
    /// Time-average items of the class in process.
    pub wip_mean: f64,
    /// Time-average items of the class in the system, backlog included.
    pub in_system_mean: f64,
}

/// Statistics of a run from the end of the warm-up to now (for a run that is over, to the
/// moment it was over: see [`Summary::stats_until`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Simulated time now (days).
    pub time: f64,
    /// Statistics cover `[stats_from, stats_until]`.
    pub stats_from: f64,
    /// The end of the statistics' period: `time`, or, for a run that is over (every request
    /// was in a day-0 backlog and all are done), the moment it stopped changing, so the days
    /// the clock runs on after it do not dilute its throughput and means
    /// ([`Simulation::stats_until`]).
    pub stats_until: f64,
    /// Whether the run is over ([`Simulation::is_finished`]): a backlog all done.
    pub finished: bool,
    /// Events handled.
    pub events: u64,
    /// Requests that arrived in the period.
    pub arrivals: u64,
    /// Items done in the period.
    pub completed: u64,
    /// Items done per day.
    pub throughput: f64,
    /// Lead time: request to done (days).
    pub lead_time: Percentiles,
    /// Cycle time: start of work (entering the first stage) to done (days).
    pub cycle_time: Percentiles,
    /// Time-average work in process.
    pub wip_mean: f64,
    /// Time-average items in the system, backlog included.
    pub in_system_mean: f64,
    /// Items in process now.
    pub wip_now: u32,
    /// Items waiting to start now.
    pub backlog_now: u32,
    /// Touch time ÷ lead time of the items done.
    pub flow_efficiency: Option<f64>,
    /// Share of work spent on items after a defect (rework).
    pub failure_load: Option<f64>,
    /// Time the first item was done (whole run).
    pub first_completion: Option<f64>,
    /// Time the last item was done (whole run).
    pub last_completion: Option<f64>,
    /// Little's law check.
    pub littles_law: LittlesLaw,
    /// The stage limiting throughput, named on evidence (see [`super::bottleneck`]); `None`
    /// while that is not clear yet.
    pub bottleneck: Option<String>,
    /// Index of the bottleneck stage.
    pub bottleneck_index: Option<usize>,
    /// The stage expected to limit throughput from the parameters (highest offered load).
    pub bottleneck_expected: Option<String>,
    /// Per-stage statistics.
    pub stages: Vec<StageSummary>,
    /// Per class of service (absent without classes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<ClassSummary>,
    /// Requests turned away because the run held the most items it may.
    pub balked: u64,
    /// Plain-language warnings, e.g. an overloaded stage.
    pub warnings: Vec<String>,
}

impl Summary {
    /// Whether the statistics cover any time yet: not at day 0, nor during the warm-up, when
    /// every period measure (throughput, items done, means) is still empty.
    pub fn has_stats(&self) -> bool {
        self.time > self.stats_from
    }

    /// What [`Summary::completed`] counts, as a label: "Items done", or "Items done since day
    /// N" when the statistics start after a warm-up (the board's Done column counts every
    /// item, so the two numbers differ and the label says why).
    pub fn done_label(&self) -> String {
        if self.has_stats() && self.stats_from > 0.0 {
            format!("Items done since day {}", self.stats_from)
        } else {
            "Items done".into()
        }
    }

    /// The bottleneck as people read it: the stage's name, "Not clear yet" while the evidence
    /// separates no stage, "None stands out" once a run that separated none is over (no more
    /// evidence will come: the penny game's four equal people), "–" before there are any
    /// statistics.
    pub fn bottleneck_text(&self) -> String {
        match &self.bottleneck {
            Some(name) => name.clone(),
            None if !self.has_stats() => "–".into(),
            None if self.finished => "None stands out".into(),
            None => "Not clear yet".into(),
        }
    }
}

impl Simulation {
    /// Keeps only what [`Simulation::summary`] reads: no Aging WIP bands
    /// ([`Simulation::keep_aging`]) and no statistics windows ([`Simulation::keep_windows`]);
    /// the summary is the same either way. For runs whose one result is their summary, such
    /// as sweep points and forecast trials.
    pub fn summary_only(&mut self) {
        self.keep_aging(false);
        self.keep_windows(false);
    }

    /// The summary from the end of the warm-up (or time 0) to now; for a run that is over
    /// ([`Simulation::is_finished`]), to the moment it was over instead, so the days after its
    /// last item (an A/B partner still running, a long `duration`) do not dilute its
    /// throughput and means (see [`Simulation::stats_until`]).
    pub fn summary(&self) -> Summary {
        let now = self.mark();
        let from = if self.warm { &self.warmup_mark } else { &now };
        let finished = self.is_finished();
        let over;
        let end = match finished.then(|| self.last_change()).flatten() {
            Some(t) if t > from.time && t < now.time => {
                over = self.mark_at(t);
                &over
            }
            _ => &now,
        };
        let flow = FlowPeriod::between(from, end);
        let (span, completed, throughput) = (flow.span, flow.completed, flow.throughput);
        let (wip_mean, in_system_mean) = (flow.wip_mean, flow.in_system_mean);
        let a = &from.system;
        let b = &end.system;
        let lead = self.lead.percentiles();
        let cycle = self.cycle.percentiles();
        let work = b.work - a.work;
        let loads = self.offered_loads();
        let stages: Vec<StageSummary> = (0..self.stages.len())
            .map(|s| {
                let p = stage_period(&from.stages[s], &end.stages[s], span);
                StageSummary {
                    name: self.scenario.stages[s].name.clone(),
                    utilization: p.utilization,
                    queue_mean: p.queue_mean,
                    wait_mean: p.wait_mean,
                    wip_mean: p.wip_mean,
                    waiting_for_room_share: p.waiting_for_room_share,
                    blocked_share: p.blocked_share,
                    blocked_time_mean: p.blocked_time_mean,
                    defects: p.defects,
                    entered: p.entered,
                    departures: p.departures,
                    offered_load: loads[s],
                }
            })
            .collect();
        let bottleneck_index = self.bottleneck();
        let mut warnings = Vec::new();
        for st in stages.iter().filter(|s| s.offered_load >= 1.0) {
            warnings.push(format!(
                "{} is overloaded: work arrives faster than it can be done (load {:.2}), so its queue grows without bound",
                st.name, st.offered_load
            ));
        }
        if b.balked > 0 {
            warnings.push(format!(
                "{} requests were turned away: the run reached its limit of {} items in the system",
                b.balked,
                super::engine::MAX_LIVE_ITEMS
            ));
        }
        Summary {
            time: now.time,
            stats_from: from.time,
            stats_until: end.time,
            finished,
            events: self.events,
            arrivals: flow.arrivals,
            completed,
            throughput,
            lead_time: lead,
            cycle_time: cycle,
            wip_mean,
            in_system_mean,
            wip_now: now.system.wip.value as u32,
            backlog_now: self.backlog.len() as u32,
            flow_efficiency: flow.flow_efficiency,
            failure_load: (work > 0.0).then(|| (b.rework - a.rework) / work),
            first_completion: self.first_completion,
            last_completion: self.last_completion,
            littles_law: LittlesLaw {
                wip_mean,
                throughput_x_cycle_time: cycle.mean.map(|c| throughput * c),
                in_system_mean,
                throughput_x_lead_time: lead.mean.map(|l| throughput * l),
            },
            bottleneck: bottleneck_index.map(|i| self.scenario.stages[i].name.clone()),
            bottleneck_index,
            bottleneck_expected: highest_load(&loads).map(|i| self.scenario.stages[i].name.clone()),
            stages,
            classes: self.class_summaries(from.time, end.time),
            balked: now.system.balked,
            warnings,
        }
    }

    /// Each class's statistics over `[from, to]` (the warm-up excluded).
    fn class_summaries(&self, from: f64, to: f64) -> Vec<ClassSummary> {
        let span = to - from;
        let avg = |a: Option<&TimeAvg>, b: &TimeAvg| {
            if span > 0.0 {
                (b.area_at(to) - a.map_or(0.0, |a| a.area)) / span
            } else {
                b.value
            }
        };
        self.class_stats
            .iter()
            .zip(&self.scenario.classes)
            .map(|(c, class)| {
                let warm = c.at_warmup.as_ref();
                let completed = if self.warm { c.lead.count() } else { 0 };
                ClassSummary {
                    name: class.name.clone(),
                    completed,
                    throughput: if span > 0.0 {
                        completed as f64 / span
                    } else {
                        0.0
                    },
                    lead_time: c.lead.percentiles(),
                    cycle_time: c.cycle.percentiles(),
                    wip_mean: avg(warm.map(|w| &w.0), &c.wip),
                    in_system_mean: avg(warm.map(|w| &w.1), &c.in_system),
                }
            })
            .collect()
    }

    /// Per-stage statistics since the latest intervention (or the end of the warm-up).
    pub fn recent_stages(&self) -> Vec<StagePeriod> {
        let now = self.mark();
        let from: &Mark = if self.recent_mark.time < now.time {
            &self.recent_mark
        } else {
            &self.warmup_mark
        };
        let span = now.time - from.time;
        (0..self.stages.len())
            .map(|s| stage_period(&from.stages[s], &now.stages[s], span))
            .collect()
    }

    /// The bottleneck named now: the stage whose effective utilisation the evidence
    /// separates from every other's (see [`super::bottleneck`] for the rule), or `None`
    /// while that is not clear yet.
    pub fn bottleneck(&self) -> Option<usize> {
        self.bottleneck.named()
    }
}
