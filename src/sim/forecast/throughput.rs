//! Forecasting from a throughput history: each future day draws one past day's throughput.

use super::history::History;
use super::{ForecastError, Model, Plan, Target, MAX_DAYS};
use crate::sim::random::below;

/// A sample of daily throughputs to draw future days from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThroughputModel {
    days: Vec<u32>,
}

impl ThroughputModel {
    /// A model drawing from `days`, one entry per past day (items done that day). Fails when
    /// there are no days, or nothing was done on any of them.
    pub fn new(days: Vec<u32>) -> Result<ThroughputModel, ForecastError> {
        if days.is_empty() {
            return Err(ForecastError::NoHistory);
        }
        if days.iter().all(|&d| d == 0) {
            return Err(ForecastError::NoThroughput);
        }
        Ok(ThroughputModel { days })
    }

    /// A model from a history's done dates (see [`History::daily_throughput`]).
    pub fn from_history(history: &History, weekdays: bool) -> Result<Self, ForecastError> {
        let days = history.daily_throughput(weekdays);
        if days.is_empty() && weekdays && !history.daily_throughput(false).is_empty() {
            return Err(ForecastError::OnlyWeekends);
        }
        Self::new(days)
    }

    /// The sample: items done on each past day.
    pub fn days(&self) -> &[u32] {
        &self.days
    }
}

impl Model for ThroughputModel {
    fn trial(&self, plan: &Plan, trial: u64) -> Result<u32, ForecastError> {
        let mut rng = plan.stream(trial);
        let n = self.days.len() as u64;
        match plan.target {
            Target::Items(items) => {
                let needed = plan.units_for(items, &mut rng);
                let mut done = 0u64;
                for day in 1..=MAX_DAYS {
                    done += u64::from(self.days[below(&mut rng, n) as usize]);
                    if done >= needed {
                        return Ok(day);
                    }
                }
                Err(ForecastError::TooLong)
            }
            Target::Days(days) => {
                let units = (0..days)
                    .map(|_| u64::from(self.days[below(&mut rng, n) as usize]))
                    .sum();
                Ok(plan.items_in(units, &mut rng))
            }
        }
    }
}
