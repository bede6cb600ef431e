//! Parameter sweeps: run a scenario with one parameter set to each of a range of values,
//! several replications each, and summarise lead time and throughput per value (mean and the
//! 10th–90th percentile band across replications). The web app runs the jobs in a Web Worker.

use super::scenario::{Arrival, Scenario, ScenarioError};
use super::Simulation;
use serde::{Deserialize, Serialize};

/// The parameter a sweep varies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Knob {
    /// Batch size of a stage.
    BatchSize(usize),
    /// WIP limit of a stage.
    WipLimit(usize),
    /// Workers of a stage.
    Workers(usize),
    /// The system WIP limit (CONWIP).
    SystemWipLimit,
    /// Requests per day (Poisson or fixed arrivals).
    ArrivalRate,
}

/// Which kind of parameter a sweep varies, before a stage is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnobKind {
    /// Batch size of a stage.
    BatchSize,
    /// WIP limit of a stage.
    WipLimit,
    /// Workers of a stage.
    Workers,
    /// The system WIP limit.
    SystemWipLimit,
    /// Requests per day.
    ArrivalRate,
}

impl KnobKind {
    /// Every kind, in the order offered.
    pub const ALL: [KnobKind; 5] = [
        KnobKind::BatchSize,
        KnobKind::WipLimit,
        KnobKind::Workers,
        KnobKind::SystemWipLimit,
        KnobKind::ArrivalRate,
    ];

    /// A short word for forms and tests.
    pub fn key(self) -> &'static str {
        match self {
            KnobKind::BatchSize => "batch",
            KnobKind::WipLimit => "wip",
            KnobKind::Workers => "workers",
            KnobKind::SystemWipLimit => "system",
            KnobKind::ArrivalRate => "rate",
        }
    }

    /// The kind a word names.
    pub fn from_key(key: &str) -> Option<KnobKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            KnobKind::BatchSize => "Batch size",
            KnobKind::WipLimit => "WIP limit",
            KnobKind::Workers => "Workers",
            KnobKind::SystemWipLimit => "System WIP limit",
            KnobKind::ArrivalRate => "Arrival rate",
        }
    }

    /// The least value a sweep of this kind may start or end at: limits and batch sizes
    /// count items from 1; workers and arrival rates from 0 (where the scenario still needs
    /// more, running the sweep says so).
    pub fn least(self) -> f64 {
        match self {
            KnobKind::BatchSize | KnobKind::WipLimit | KnobKind::SystemWipLimit => 1.0,
            KnobKind::Workers | KnobKind::ArrivalRate => 0.0,
        }
    }

    /// Whether the kind belongs to one stage.
    pub fn needs_stage(self) -> bool {
        matches!(
            self,
            KnobKind::BatchSize | KnobKind::WipLimit | KnobKind::Workers
        )
    }

    /// The knob of this kind at `stage` (ignored by kinds of the whole stream).
    pub fn at(self, stage: usize) -> Knob {
        match self {
            KnobKind::BatchSize => Knob::BatchSize(stage),
            KnobKind::WipLimit => Knob::WipLimit(stage),
            KnobKind::Workers => Knob::Workers(stage),
            KnobKind::SystemWipLimit => Knob::SystemWipLimit,
            KnobKind::ArrivalRate => Knob::ArrivalRate,
        }
    }
}

impl Knob {
    /// A label, e.g. "Batch size at Test".
    pub fn label(&self, s: &Scenario) -> String {
        let name = |i: &usize| {
            s.stages
                .get(*i)
                .map_or("?".to_string(), |st| st.name.clone())
        };
        match self {
            Knob::BatchSize(i) => format!("Batch size at {}", name(i)),
            Knob::WipLimit(i) => format!("WIP limit at {}", name(i)),
            Knob::Workers(i) => format!("Workers at {}", name(i)),
            Knob::SystemWipLimit => "System WIP limit".into(),
            Knob::ArrivalRate => "Arrival rate (per day)".into(),
        }
    }

    /// Whether the knob takes whole numbers.
    pub fn integer(&self) -> bool {
        !matches!(self, Knob::ArrivalRate)
    }

    /// `scenario` with this knob set to `value`, validated.
    pub fn apply(&self, scenario: &Scenario, value: f64) -> Result<Scenario, ScenarioError> {
        let mut s = scenario.clone();
        let count = value.round().max(0.0) as u32;
        let stage = |s: &mut Scenario, i: usize| -> Result<(), ScenarioError> {
            if i < s.stages.len() {
                Ok(())
            } else {
                Err(ScenarioError::single(
                    "stages",
                    format!("there is no stage {}", i + 1),
                ))
            }
        };
        match self {
            Knob::BatchSize(i) => {
                stage(&mut s, *i)?;
                s.stages[*i].batch_size = count;
            }
            Knob::WipLimit(i) => {
                stage(&mut s, *i)?;
                s.stages[*i].wip_limit = Some(count);
            }
            Knob::Workers(i) => {
                stage(&mut s, *i)?;
                s.stages[*i].workers = count;
            }
            Knob::SystemWipLimit => s.wip_limit = Some(count),
            Knob::ArrivalRate => match &mut s.arrival {
                Arrival::Poisson { rate, .. } => *rate = value,
                Arrival::Fixed { interval, .. } => *interval = 1.0 / value,
                Arrival::Backlog { .. } => {
                    return Err(ScenarioError::single(
                        "arrival",
                        "a backlog has no arrival rate to vary",
                    ))
                }
            },
        }
        s.validate()?;
        Ok(s)
    }
}

/// One run of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// The scenario before the knob is applied.
    pub scenario: Scenario,
    /// What varies.
    pub knob: Knob,
    /// The knob's value for this run.
    pub value: f64,
    /// The replication's seed.
    pub seed: u64,
}

/// The outcome of one run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The knob's value.
    pub value: f64,
    /// Mean lead time (days), if any item was done.
    pub lead_mean: Option<f64>,
    /// Mean cycle time (days), if any item was done.
    pub cycle_mean: Option<f64>,
    /// Items done per day (for a backlog that was all done, up to the moment it was: see
    /// [`super::Summary::stats_until`]).
    pub throughput: f64,
    /// Mean WIP (over the same days).
    pub wip_mean: f64,
}

/// Most simulated days one sweep run may cover with many events: runs stop at this many events.
pub const MAX_EVENTS_PER_RUN: u64 = 2_000_000;

impl Job {
    /// Runs the job (to the scenario's duration, or [`MAX_EVENTS_PER_RUN`] events).
    pub fn run(&self) -> Result<Point, String> {
        let mut s = self
            .knob
            .apply(&self.scenario, self.value)
            .map_err(|e| e.to_string())?;
        s.seed = self.seed;
        let mut sim = Simulation::new(&s).map_err(|e| e.to_string())?;
        // A point needs the run's summary only.
        sim.summary_only();
        sim.run_events(MAX_EVENTS_PER_RUN, s.duration);
        if sim.next_event_time().is_none_or(|t| t > s.duration) {
            sim.run_until(s.duration);
        }
        let summary = sim.summary();
        Ok(Point {
            value: self.value,
            lead_mean: summary.lead_time.mean,
            cycle_mean: summary.cycle_time.mean,
            throughput: summary.throughput,
            wip_mean: summary.wip_mean,
        })
    }
}

/// Mean and the 10th and 90th percentiles of a set of values.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// Mean.
    pub mean: f64,
    /// 10th percentile.
    pub p10: f64,
    /// 90th percentile.
    pub p90: f64,
}

impl Band {
    /// The band of `values` (None when empty).
    pub fn of(values: &mut [f64]) -> Option<Band> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let q = |p: f64| {
            let x = p * (values.len() - 1) as f64;
            let (i, f) = (x.floor() as usize, x.fract());
            values[i] + (values[(i + 1).min(values.len() - 1)] - values[i]) * f
        };
        Some(Band {
            mean: values.iter().sum::<f64>() / values.len() as f64,
            p10: q(0.1),
            p90: q(0.9),
        })
    }
}

/// Per knob value: lead time and throughput across replications.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    /// The knob's value.
    pub value: f64,
    /// Mean lead time across replications.
    pub lead: Option<Band>,
    /// Mean cycle time across replications.
    pub cycle: Option<Band>,
    /// Throughput across replications.
    pub throughput: Band,
}

/// Groups points by value (in order of value).
pub fn summarise(points: &[Point]) -> Vec<Stat> {
    let mut values: Vec<f64> = points.iter().map(|p| p.value).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    values
        .into_iter()
        .filter_map(|v| {
            let at: Vec<&Point> = points.iter().filter(|p| p.value == v).collect();
            let mut leads: Vec<f64> = at.iter().filter_map(|p| p.lead_mean).collect();
            let mut cycles: Vec<f64> = at.iter().filter_map(|p| p.cycle_mean).collect();
            let mut ths: Vec<f64> = at.iter().map(|p| p.throughput).collect();
            Some(Stat {
                value: v,
                lead: Band::of(&mut leads),
                cycle: Band::of(&mut cycles),
                throughput: Band::of(&mut ths)?,
            })
        })
        .collect()
}

/// The jobs of a sweep: every value × `replications` seeds (1, 2, …), values in the outer loop.
pub fn jobs(scenario: &Scenario, knob: &Knob, values: &[f64], replications: u64) -> Vec<Job> {
    values
        .iter()
        .flat_map(|&value| {
            (1..=replications).map(move |seed| Job {
                scenario: scenario.clone(),
                knob: knob.clone(),
                value,
                seed,
            })
        })
        .collect()
}
