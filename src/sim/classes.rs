//! Classes of service inside the engine: waiting items kept in one lane per class, served by
//! priority, first come first served within a priority; each class's parameters as the event
//! loop reads them; and each class's statistics.
//!
//! A scenario without classes has a single lane, and every operation takes the one-lane path,
//! so such runs are exactly what they were before classes existed.

use super::counters::freeze;
use super::engine::{Item, ItemId};
use super::scenario::Scenario;
use super::stats::{Histogram, TimeAvg};
use std::collections::VecDeque;

/// Items waiting in one place (a stage's queue or the backlog), one lane per class.
#[derive(Clone, Debug)]
pub(crate) struct Lanes {
    lanes: Vec<VecDeque<ItemId>>,
    len: usize,
}

impl Default for Lanes {
    fn default() -> Self {
        Lanes::new(1)
    }
}

impl Lanes {
    /// Empty lanes, `n` of them (at least one).
    pub(crate) fn new(n: usize) -> Lanes {
        Lanes {
            lanes: vec![VecDeque::new(); n.max(1)],
            len: 0,
        }
    }

    /// Items waiting, all lanes.
    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// True when nothing waits.
    #[inline(always)]
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Joins the back of `lane`.
    #[inline(always)]
    pub(crate) fn push_back(&mut self, lane: usize, slot: ItemId) {
        self.lanes[lane].push_back(slot);
        self.len += 1;
    }

    /// Goes to the front of `lane` (an item whose block has cleared).
    pub(crate) fn push_front(&mut self, lane: usize, slot: ItemId) {
        self.lanes[lane].push_front(slot);
        self.len += 1;
    }

    /// The lane whose front item is served next among the lanes `allowed` lets through: the
    /// highest priority first; among lanes of equal priority, the front item that entered
    /// its place first (then the lower lane).
    #[inline(always)]
    pub(crate) fn next(
        &self,
        order: &ServiceOrder,
        items: &[Item],
        allowed: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        if self.lanes.len() == 1 {
            return (!self.lanes[0].is_empty() && allowed(0)).then_some(0);
        }
        for group in &order.groups {
            let best = group
                .iter()
                .map(|&l| l as usize)
                .filter(|&l| allowed(l))
                .filter_map(|l| Some((l, items[*self.lanes[l].front()? as usize].entered)))
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            if let Some((lane, _)) = best {
                return Some(lane);
            }
        }
        None
    }

    /// Takes the front item of `lane`.
    #[inline(always)]
    pub(crate) fn pop_lane(&mut self, lane: usize) -> Option<ItemId> {
        let slot = self.lanes[lane].pop_front();
        if slot.is_some() {
            self.len -= 1;
        }
        slot
    }

    /// Takes the item served next (see [`Lanes::next`]).
    #[inline(always)]
    pub(crate) fn pop(&mut self, order: &ServiceOrder, items: &[Item]) -> Option<ItemId> {
        let lane = self.next(order, items, |_| true)?;
        self.pop_lane(lane)
    }

    /// The waiting items, highest priority lanes first, each lane in its order.
    pub(crate) fn iter<'a>(&'a self, order: &'a ServiceOrder) -> impl Iterator<Item = &'a u32> {
        order
            .groups
            .iter()
            .flatten()
            .flat_map(|&l| self.lanes[l as usize].iter())
    }
}

/// The lanes grouped by priority, highest first.
#[derive(Clone, Debug)]
pub(crate) struct ServiceOrder {
    groups: Vec<Vec<u8>>,
}

/// Each class's parameters as the event loop reads them (one plain class without classes).
#[derive(Clone, Debug)]
pub(crate) struct ClassParams {
    /// The order in which lanes are served.
    pub order: ServiceOrder,
    /// Per class: may enter a full stage or system, and moves on alone once finished.
    pub exempt: Vec<bool>,
    /// Per class: multiplies the work at every stage.
    pub scale: Vec<f64>,
    /// Classes taking a share of the main stream, with the running sum of the shares.
    pub shares: Vec<(f64, u8)>,
    /// True when any class is exempt (the outbox and admission check only then).
    pub any_exempt: bool,
}

impl ClassParams {
    /// The parameters of `scenario`'s classes.
    pub(crate) fn of(scenario: &Scenario) -> ClassParams {
        let classes = &scenario.classes;
        if classes.is_empty() {
            return ClassParams {
                order: ServiceOrder {
                    groups: vec![vec![0]],
                },
                exempt: vec![false],
                scale: vec![1.0],
                shares: Vec::new(),
                any_exempt: false,
            };
        }
        let mut priorities: Vec<u32> = classes.iter().map(|c| c.priority).collect();
        priorities.sort_unstable_by(|a, b| b.cmp(a));
        priorities.dedup();
        let groups = priorities
            .iter()
            .map(|&p| {
                (0..classes.len() as u8)
                    .filter(|&c| classes[c as usize].priority == p)
                    .collect()
            })
            .collect();
        let mut sum = 0.0;
        let shares = classes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                sum += c.share?;
                Some((sum, i as u8))
            })
            .collect();
        ClassParams {
            order: ServiceOrder { groups },
            exempt: classes.iter().map(|c| c.wip_exempt).collect(),
            scale: classes.iter().map(|c| c.work_scale).collect(),
            shares,
            any_exempt: classes.iter().any(|c| c.wip_exempt),
        }
    }

    /// The class of a main-stream request whose class draw is `u` (uniform in [0, 1)).
    pub(crate) fn class_of_share(&self, u: f64) -> u8 {
        self.shares
            .iter()
            .find(|&&(sum, _)| u < sum)
            .or(self.shares.last())
            .map_or(0, |&(_, c)| c)
    }
}

/// One class's statistics: what was done, and how many were in process and in the system.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClassStats {
    /// Lead times of items done after the warm-up.
    pub lead: Histogram,
    /// Cycle times of items done after the warm-up.
    pub cycle: Histogram,
    /// Items of the class started and not done.
    pub wip: TimeAvg,
    /// Items of the class arrived and not done.
    pub in_system: TimeAvg,
    /// `wip` and `in_system` as they stood at the end of the warm-up.
    pub at_warmup: Option<(TimeAvg, TimeAvg)>,
}

impl ClassStats {
    /// Freezes the time averages at the end of the warm-up, time `t`.
    pub(crate) fn warm_up(&mut self, t: f64) {
        let (mut wip, mut in_system) = (self.wip, self.in_system);
        freeze(&mut wip, t);
        freeze(&mut in_system, t);
        self.at_warmup = Some((wip, in_system));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_draw_falls_in_the_half_open_interval_of_its_share() {
        let scenario = Scenario::from_json(
            r#"{"arrival":{"type":"backlog","count":1},
                "stages":[{"name":"A","work":{"type":"constant","value":1}}]}"#,
        )
        .unwrap();
        let mut p = ClassParams::of(&scenario);
        // Shares 0.5 and 0.5: draws in [0, 0.5) are class 0, draws in [0.5, 1) class 1.
        p.shares = vec![(0.5, 0), (1.0, 1)];
        assert_eq!(p.class_of_share(0.0), 0);
        assert_eq!(p.class_of_share(0.499_999), 0);
        assert_eq!(p.class_of_share(0.5), 1);
        assert_eq!(p.class_of_share(0.999_999), 1);
    }
}
