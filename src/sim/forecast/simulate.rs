//! Forecasting by simulation: replications of a scenario, each stopped as soon as its answer
//! is known.

use super::{ForecastError, Model, Plan, Target, MAX_DAYS};
use crate::sim::validate::Limits;
use crate::sim::{Scenario, Simulation};

/// A scenario to forecast from: trial i runs it with seed `seed + i` from day 0.
#[derive(Clone, Debug)]
pub struct SimulationModel {
    scenario: Scenario,
    limits: Limits,
}

impl SimulationModel {
    /// A model of `scenario`, checked against `limits` (its `duration` plays no part: each
    /// trial runs exactly as long as its question needs).
    pub fn new(scenario: &Scenario, limits: &Limits) -> Result<SimulationModel, ForecastError> {
        scenario
            .validate_with(limits)
            .map_err(ForecastError::Scenario)?;
        Ok(SimulationModel {
            scenario: scenario.clone(),
            limits: *limits,
        })
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
}

impl Model for SimulationModel {
    fn trial(&self, plan: &Plan, trial: u64) -> Result<u32, ForecastError> {
        let mut rng = plan.stream(trial);
        let mut scenario = self.scenario.clone();
        scenario.seed = self.scenario.seed.wrapping_add(trial);
        let mut sim = Simulation::with_limits(&scenario, &self.limits, false)
            .map_err(ForecastError::Scenario)?;
        sim.summary_only();
        match plan.target {
            Target::Items(items) => {
                let needed = plan.units_for(items, &mut rng);
                let horizon = f64::from(MAX_DAYS);
                // One event at a time: a single event may deliver a whole batch, all at once,
                // so the run stops on the event that delivers the needed item.
                while sim.sys.completed < needed {
                    if sim.run_events(1, horizon) == 0 {
                        return Err(if sim.next_event_time().is_some() {
                            ForecastError::TooLong
                        } else {
                            ForecastError::RunsDry {
                                delivered: sim.sys.completed,
                                needed,
                            }
                        });
                    }
                }
                let t = sim.last_completion.unwrap_or(0.0);
                Ok((libm::ceil(t) as u32).max(1))
            }
            Target::Days(days) => {
                sim.run_until(f64::from(days));
                Ok(plan.items_in(sim.sys.completed, &mut rng))
            }
        }
    }
}
