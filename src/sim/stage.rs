//! A stage inside the engine: its parameters as the event loop reads them, and its items,
//! workers and counters.

use super::classes::Lanes;
use super::counters::StageCounters;
use super::dist::Dist;
use super::engine::ItemId;
use super::scenario::Scenario;
use std::collections::VecDeque;

/// A stage's parameters as the event loop reads them.
#[derive(Clone, Debug)]
pub(crate) struct StageParams {
    pub work: Dist,
    pub wip_limit: Option<u32>,
    pub batch: u32,
    pub setup: Option<Dist>,
    pub rework: Option<(f64, u16)>,
    pub release_every: Option<f64>,
    pub multitask: u32,
    /// Chance of a block, and how long blocks last.
    pub blockers: Option<(f64, Dist)>,
}

impl StageParams {
    pub(crate) fn of(scenario: &Scenario, index: usize) -> StageParams {
        let s = &scenario.stages[index];
        StageParams {
            work: s.work.clone(),
            wip_limit: s.wip_limit,
            batch: s.batch_size,
            setup: s.setup.clone(),
            rework: s.rework.as_ref().and_then(|r| {
                let to = scenario.stage_index(&r.to)?;
                (r.probability > 0.0).then_some((r.probability, to as u16))
            }),
            release_every: s.release_every,
            multitask: s.multitask,
            blockers: s
                .blockers
                .as_ref()
                .map(|b| (b.probability, b.duration.clone())),
        }
    }
}

/// A stage's items and workers.
#[derive(Clone, Debug, Default)]
pub(crate) struct StageState {
    /// Items waiting to be worked, by class, each class in order of entry.
    pub queue: Lanes,
    /// Finished items waiting to move on (batch filling, release, or blocked).
    pub outbox: VecDeque<ItemId>,
    /// Items in the stage: queue + in progress + outbox.
    pub wip: u32,
    /// Items blocked now (still in the stage's WIP), in the order they were blocked.
    pub blocked: Vec<ItemId>,
    /// Items started here, for set-up per batch.
    pub started: u64,
    /// Specialists that may take another task.
    pub available: Vec<u32>,
    /// Bumped when the release cadence changes.
    pub release_generation: u32,
    /// Statistics.
    pub counters: StageCounters,
}
