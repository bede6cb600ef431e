//! Forecasts: "when will these N items be done?" and "how many will be done in D days?",
//! answered with a probability by Monte Carlo trials.
//!
//! Two models give a trial's outcome:
//! - [`ThroughputModel`]: a team's own throughput history. Each future day draws one past
//!   day's throughput uniformly, with replacement (days with nothing done count as 0).
//! - [`SimulationModel`]: replications of a scenario (trial i uses seed `seed + i`) run from
//!   day 0; the day of the N-th completion (rounded up), or the count done by day D.
//!
//! Trials are independent and each has its own random stream
//! ([`super::random::forecast_stream`]), so [`run_trials`] over any split of `0..trials` into
//! chunks gives the same outcomes: a worker can run chunks, report progress between them and
//! stop when cancelled. [`forecast`] runs them all and takes the percentiles.
//!
//! Days count from 1: the start day is day 1, so an item done during the first day is done
//! "in 1 day". For "how long", `days.pXX` is the smallest day count by which XX % of trials
//! have finished; for "how many", `items.pXX` is the count reached or exceeded in XX % of
//! trials (so p85 ≤ p50: higher confidence, fewer items).
//!
//! The history file format is in [`history`]; [`calendar`] turns day counts into dates, with
//! weekends skipped when forecasting in working days; [`calibrate`] builds a scenario whose
//! simulation reproduces a history.

pub mod calendar;
pub mod calibrate;
pub mod history;
pub mod record;
mod simulate;
mod throughput;

pub use simulate::SimulationModel;
pub use throughput::ThroughputModel;

use super::random::{below, forecast_stream};
use super::scenario::ScenarioError;
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// The seed of a throughput forecast unless asked otherwise (the scenarios' default seed).
pub const DEFAULT_SEED: u64 = super::scenario::DEFAULT_SEED;
/// Trials of a throughput forecast unless asked otherwise.
pub const DEFAULT_THROUGHPUT_TRIALS: u32 = 10_000;
/// Trials of a simulation forecast unless asked otherwise.
pub const DEFAULT_SIMULATION_TRIALS: u32 = 1_000;
/// The most trials a forecast runs.
pub const MAX_TRIALS: u32 = 1_000_000;
/// The most items or days a forecast may ask about.
pub const MAX_TARGET: u32 = 1_000_000;
/// The longest future a trial may take, in days (about 270 years): a trial that has not
/// reached its target by then fails with [`ForecastError::TooLong`].
pub const MAX_DAYS: u32 = 100_000;
/// The largest split rate.
pub const MAX_SPLIT: u32 = 100;

/// What a forecast asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// How many days until this many items are done?
    Items(u32),
    /// How many items are done in this many days?
    Days(u32),
}

/// A forecast's question and its settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The question.
    pub target: Target,
    /// Split rate: each backlog item turns into 1 to `split` items (uniformly) before the
    /// trial; 1 means no splitting.
    pub split: u32,
    /// Seed of the trials' random streams (split draws and sampled days).
    pub seed: u64,
}

impl Plan {
    /// Checks the plan's numbers against the limits above.
    pub fn validate(&self) -> Result<(), ForecastError> {
        let n = match self.target {
            Target::Items(n) | Target::Days(n) => n,
        };
        if n == 0 || n > MAX_TARGET {
            return Err(ForecastError::Target(n));
        }
        if self.split == 0 || self.split > MAX_SPLIT {
            return Err(ForecastError::Split(self.split));
        }
        Ok(())
    }

    /// The random stream of trial `trial`.
    pub fn stream(&self, trial: u64) -> Xoshiro256PlusPlus {
        forecast_stream(self.seed, trial)
    }

    /// The done items that `items` backlog items become after splitting, drawn from `rng`.
    pub fn units_for(&self, items: u32, rng: &mut Xoshiro256PlusPlus) -> u64 {
        if self.split <= 1 {
            return u64::from(items);
        }
        (0..items)
            .map(|_| 1 + below(rng, u64::from(self.split)))
            .sum()
    }

    /// How many whole backlog items `units` done items finish after splitting, drawn from
    /// `rng`: backlog items are finished in order, each needing its own 1 to `split` items.
    pub fn items_in(&self, units: u64, rng: &mut Xoshiro256PlusPlus) -> u32 {
        if self.split <= 1 {
            return units.min(u64::from(u32::MAX)) as u32;
        }
        let (mut items, mut used) = (0u32, 0u64);
        loop {
            used += 1 + below(rng, u64::from(self.split));
            if used > units {
                return items;
            }
            items += 1;
        }
    }
}

/// Something that gives the outcome of one forecast trial.
pub trait Model {
    /// The outcome of trial `trial` of `plan`: the day the target is reached for
    /// [`Target::Items`], the items done for [`Target::Days`].
    fn trial(&self, plan: &Plan, trial: u64) -> Result<u32, ForecastError>;
}

/// The outcomes of trials `range` of `plan`, appended to `out` in trial order. The same trial
/// always gives the same outcome, whatever chunks the trials are run in.
pub fn run_trials<M: Model + ?Sized>(
    model: &M,
    plan: &Plan,
    range: Range<u64>,
    out: &mut Vec<u32>,
) -> Result<(), ForecastError> {
    plan.validate()?;
    for trial in range {
        out.push(model.trial(plan, trial)?);
    }
    Ok(())
}

/// The 50th, 70th, 85th and 95th percentiles of a forecast, in its unit (days or items).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Levels {
    /// 50 % confidence.
    pub p50: u32,
    /// 70 % confidence.
    pub p70: u32,
    /// 85 % confidence.
    pub p85: u32,
    /// 95 % confidence.
    pub p95: u32,
}

/// The confidence levels reported, as shares.
pub const LEVELS: [f64; 4] = [0.50, 0.70, 0.85, 0.95];

impl Levels {
    /// The levels of `outcomes` for `target`: for [`Target::Items`] (outcomes are days) the
    /// smallest day by which that share of trials finished; for [`Target::Days`] (outcomes are
    /// items) the count reached or exceeded in that share of trials. `None` when empty.
    pub fn of(target: Target, outcomes: &[u32]) -> Option<Levels> {
        if outcomes.is_empty() {
            return None;
        }
        let mut sorted = outcomes.to_vec();
        sorted.sort_unstable();
        let n = sorted.len();
        let at = |share: f64| {
            // The nearest rank: at least `share` of the trials lie at or below it.
            let rank = (libm::ceil(share * n as f64) as usize).clamp(1, n);
            match target {
                Target::Items(_) => sorted[rank - 1],
                Target::Days(_) => sorted[n - rank],
            }
        };
        let [p50, p70, p85, p95] = LEVELS.map(at);
        Some(Levels { p50, p70, p85, p95 })
    }

    /// The levels as (share in percent, value) pairs.
    pub fn pairs(&self) -> [(u32, u32); 4] {
        [
            (50, self.p50),
            (70, self.p70),
            (85, self.p85),
            (95, self.p95),
        ]
    }
}

/// A finished forecast: every trial's outcome and the percentiles.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// The question it answers.
    pub target: Target,
    /// One outcome per trial, in trial order (days for items, items for days).
    pub outcomes: Vec<u32>,
    /// The percentiles of the outcomes.
    pub levels: Levels,
}

/// Runs `trials` trials of `plan` on `model` in chunks of `chunk`, calling `progress(done,
/// trials)` after each chunk; `progress` returning false cancels ([`ForecastError::Cancelled`]).
pub fn forecast<M: Model + ?Sized>(
    model: &M,
    plan: &Plan,
    trials: u32,
    chunk: u32,
    mut progress: impl FnMut(u32, u32) -> bool,
) -> Result<Forecast, ForecastError> {
    if trials == 0 || trials > MAX_TRIALS {
        return Err(ForecastError::Trials(trials));
    }
    let chunk = chunk.max(1);
    let mut outcomes = Vec::with_capacity(trials as usize);
    let mut done = 0;
    while done < trials {
        let next = (done + chunk).min(trials);
        run_trials(model, plan, u64::from(done)..u64::from(next), &mut outcomes)?;
        done = next;
        if !progress(done, trials) {
            return Err(ForecastError::Cancelled);
        }
    }
    let levels = Levels::of(plan.target, &outcomes).expect("at least one trial");
    Ok(Forecast {
        target: plan.target,
        outcomes,
        levels,
    })
}

/// Why a forecast cannot be made.
#[derive(Clone, Debug, PartialEq)]
pub enum ForecastError {
    /// The number of trials is 0 or above [`MAX_TRIALS`].
    Trials(u32),
    /// The number of items or days is 0 or above [`MAX_TARGET`].
    Target(u32),
    /// The split rate is 0 or above [`MAX_SPLIT`].
    Split(u32),
    /// The history has no done item (on a working day, with `weekdays`).
    NoHistory,
    /// Every done item was done on a Saturday or Sunday, and working days only were asked for.
    OnlyWeekends,
    /// Nothing was ever done on a day of the history, so no number of days gets anything done.
    NoThroughput,
    /// A trial had not reached its target after [`MAX_DAYS`] days.
    TooLong,
    /// The scenario stops delivering (a backlog with no arrivals) before the target.
    RunsDry {
        /// Items the scenario delivers in all.
        delivered: u64,
        /// Items the trial needed.
        needed: u64,
    },
    /// The scenario is not valid.
    Scenario(ScenarioError),
    /// The progress callback asked to stop.
    Cancelled,
}

impl fmt::Display for ForecastError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ForecastError::Trials(n) => write!(f, "trials: must be a whole number from 1 to {MAX_TRIALS}, got {n}"),
            ForecastError::Target(n) => write!(f, "items or days: must be a whole number from 1 to {MAX_TARGET}, got {n}"),
            ForecastError::Split(n) => write!(f, "split: must be a whole number from 1 to {MAX_SPLIT}, got {n}"),
            ForecastError::NoHistory => write!(f, "the history has no done item to learn a throughput from"),
            ForecastError::OnlyWeekends => write!(f, "every item of the history was done on a Saturday or Sunday, and counting working days only leaves those days out"),
            ForecastError::NoThroughput => write!(f, "the history's throughput is 0 on every day, so no number of days finishes anything"),
            ForecastError::TooLong => write!(f, "a trial had not reached its target after {MAX_DAYS} days: the target is out of reach at this throughput"),
            ForecastError::RunsDry { delivered, needed } => write!(f, "the scenario delivers only {delivered} items in all, and a trial needed {needed}: give it arrivals or a larger backlog"),
            ForecastError::Scenario(e) => write!(f, "{e}"),
            ForecastError::Cancelled => write!(f, "cancelled"),
        }
    }
}

impl std::error::Error for ForecastError {}
