//! Blockers: an item waits on someone or something once during its work at a stage.
//!
//! When work starts at a stage with blockers, one keyed draw decides whether the item will be
//! blocked there, at which point of its work, and for how long; the same item, stage and visit
//! always get the same three numbers, so variants of a scenario see the same blocks (common
//! random numbers) even when one of them changes the probability. The worker does the work up
//! to that point and is then free; the item stays in the stage's WIP, blocked, until the block
//! clears, and then goes to the front of its class's queue, to be finished by the next free
//! worker. Blocked time is waiting, not touch time.

use super::dist::Dist;
use super::engine::{Item, ItemId, Simulation};
use super::queue::Event;
use super::random::{keyed, Purpose, Uniform};

/// Decides whether `item`, starting work `work` at stage `s`, will be blocked there. Returns
/// the work done before the block (all of it when there is none) and records the rest and the
/// block's length in the item.
#[inline]
pub(crate) fn plan(
    seed_key: u64,
    item: &mut Item,
    s: usize,
    work: f64,
    &(probability, ref duration): &(f64, Dist),
) -> f64 {
    let mut rng = keyed(
        seed_key,
        item.key,
        s as u64,
        item.defects as u64,
        Purpose::Block,
    );
    let happens = rng.uniform() < probability;
    let at = rng.uniform();
    let length = duration.sample(&mut rng);
    if !happens {
        return work;
    }
    let before = work * at;
    item.resume = work - before;
    item.block_for = length;
    before
}

impl Simulation {
    /// Item `slot` reached its block at stage `s`: it waits, blocked, for the block's length.
    pub(crate) fn block(&mut self, slot: ItemId, s: usize) {
        let item = &mut self.items[slot as usize];
        let length = std::mem::replace(&mut item.block_for, -1.0);
        let stage = &mut self.stages[s];
        stage.blocked.push(slot);
        stage.counters.blocks += 1;
        stage.counters.blocked_time += length;
        self.agenda
            .schedule(self.now + length, Event::Unblock { item: slot });
    }

    /// The block of item `slot` cleared: it goes to the front of its class's queue.
    pub(crate) fn unblock(&mut self, slot: ItemId) {
        let item = &self.items[slot as usize];
        let (s, lane) = (item.stage as usize, item.class as usize);
        let stage = &mut self.stages[s];
        if let Some(i) = stage.blocked.iter().position(|&b| b == slot) {
            stage.blocked.remove(i);
        }
        stage.queue.push_front(lane, slot);
        stage.counters.queue.set(self.now, stage.queue.len() as f64);
        self.dispatch(s);
    }
}
