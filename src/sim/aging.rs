//! Aging WIP: how old the items in process are, against how old past items were when they
//! left the same stage.
//!
//! An item's **age** is the time since it started (entered the first stage: the start of
//! work), so an item's age when it leaves the last stage is its cycle time. For each stage the
//! run keeps a log histogram (a `Histogram`, bounded memory) of the ages at which items
//! *moved on* from it — to the next stage or, from the last stage, to done. A rework return
//! (a defective item sent back to an earlier stage or this one) is not recorded: the item did
//! not finish the stage, and counting it would pull the bands down with the youngest,
//! defective items. Like the other statistics, ages are recorded only after the warm-up.
//!
//! An item in process above the 85th percentile of its stage is *flagged*: it is older than
//! 85 % of past items were when they were done with that stage, a signal to look at it.

use super::engine::{ItemId, Simulation};
use super::stats::Histogram;

/// The percentiles of the bands, in order.
pub const BAND_PERCENTILES: [f64; 4] = [0.50, 0.70, 0.85, 0.95];
/// Index in [`StageAging::bands`] of the percentile above which an item is flagged (85 %).
pub const FLAG_BAND: usize = 2;

/// Per stage: the ages at which items moved on from it.
#[derive(Clone, Debug, Default)]
pub(crate) struct AgingStats {
    /// Coarse buckets, none of the values kept: the bands are drawn, not read to the day.
    stages: Vec<Histogram<5, 0>>,
    /// Whether departures are recorded (see [`Simulation::keep_aging`]).
    keep: bool,
}

impl AgingStats {
    /// Empty statistics for `stages` stages.
    pub(crate) fn new(stages: usize) -> Self {
        AgingStats {
            stages: vec![Histogram::default(); stages],
            keep: true,
        }
    }
}

/// One item in process, as the Aging WIP chart plots it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WipItem {
    /// The item's sequence number (in order of arrival).
    pub id: u64,
    /// Index of the stage it is in.
    pub stage: u16,
    /// Days since it started (entered the first stage).
    pub age: f64,
}

/// A stage's bands: the ages at which past items moved on from it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StageAging {
    /// The 50th, 70th, 85th and 95th percentiles ([`BAND_PERCENTILES`]) of the age at leaving
    /// (days; `None` before any item left the stage after the warm-up).
    pub bands: [Option<f64>; 4],
    /// Items that moved on from the stage since the warm-up.
    pub departures: u64,
}

impl StageAging {
    /// Whether an item of age `age` in this stage is older than 85 % of past items were when
    /// they left it (never before the stage has a band).
    pub fn flags(&self, age: f64) -> bool {
        self.bands[FLAG_BAND].is_some_and(|p85| age > p85)
    }
}

impl Simulation {
    /// Records that the item in `slot` moves on from stage `s` (to the next stage or done).
    #[inline(always)]
    pub(crate) fn record_departure(&mut self, s: usize, slot: ItemId) {
        if self.warm && self.aging.keep {
            let age = self.now - self.items[slot as usize].start;
            self.aging.stages[s].record(age);
        }
    }

    /// Whether the ages at which items move on from each stage are recorded for the Aging WIP
    /// bands (the default). A run that never shows them (the CLI, sweeps, forecasts) saves a
    /// histogram record per stage visit, about a tenth of a long run's time; every other
    /// result stays the same, and [`Simulation::aging_bands`] then has no bands.
    pub fn keep_aging(&mut self, keep: bool) {
        self.aging.keep = keep;
    }

    /// Per stage, the percentile bands of the age at which items moved on from it.
    pub fn aging_bands(&self) -> Vec<StageAging> {
        self.aging
            .stages
            .iter()
            .map(|h| StageAging {
                bands: BAND_PERCENTILES.map(|p| h.quantile(p)),
                departures: h.count(),
            })
            .collect()
    }

    /// Every item in process now — waiting, finished and waiting to move on, or being worked —
    /// with its stage and age: stage by stage the waiting and finished ones, then those in
    /// workers' hands.
    pub fn wip_items(&self) -> Vec<WipItem> {
        let now = self.now;
        let item = |slot: ItemId, s: usize| {
            let it = &self.items[slot as usize];
            WipItem {
                id: it.id,
                stage: s as u16,
                age: now - it.start,
            }
        };
        let mut out: Vec<WipItem> = Vec::new();
        for (s, stage) in self.stages.iter().enumerate() {
            out.extend(
                stage
                    .queue
                    .iter(&self.classes.order)
                    .map(|&slot| item(slot, s)),
            );
            out.extend(stage.outbox.iter().map(|&slot| item(slot, s)));
            out.extend(stage.blocked.iter().map(|&slot| item(slot, s)));
        }
        for w in &self.workers {
            out.extend(w.tasks.iter().map(|t| item(t.item, t.stage as usize)));
        }
        out
    }

    /// What the Aging WIP chart shows now: the bands, the items in process (at most about
    /// `max_points` of them, evenly thinned, every flagged one kept) and how many are flagged.
    pub fn aging(&self, max_points: usize) -> AgingView {
        let stages = self.aging_bands();
        let items = self.wip_items();
        let stride = items.len().div_ceil(max_points.max(1)).max(1);
        let mut flagged = 0;
        let mut points = Vec::new();
        for (k, w) in items.iter().enumerate() {
            let flag = stages[w.stage as usize].flags(w.age);
            flagged += usize::from(flag);
            if points.len() < 2 * max_points && (flag || k % stride == 0) {
                points.push(AgingPoint {
                    stage: w.stage,
                    offset: jitter(w.id),
                    age: w.age,
                    flagged: flag,
                });
            }
        }
        AgingView {
            stages,
            points,
            wip: items.len(),
            flagged,
        }
    }
}

/// A horizontal offset in −0.5..0.5 for item `id`, the same in every frame, spread evenly
/// (golden-ratio sequence) so that neighbours in arrival order do not overlap.
fn jitter(id: u64) -> f64 {
    const PHI: f64 = 0.618_033_988_749_894_9;
    (id as f64 * PHI).fract() - 0.5
}

/// An item as the Aging WIP chart plots it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AgingPoint {
    /// Index of its stage (the column).
    pub stage: u16,
    /// Horizontal offset within the column, −0.5..0.5 of its width.
    pub offset: f64,
    /// Days since it started.
    pub age: f64,
    /// Older than 85 % of past items were when they left this stage.
    pub flagged: bool,
}

/// What the Aging WIP chart shows at one moment ([`Simulation::aging`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgingView {
    /// Per stage, its bands.
    pub stages: Vec<StageAging>,
    /// The items plotted.
    pub points: Vec<AgingPoint>,
    /// Items in process.
    pub wip: usize,
    /// Items in process older than 85 % of past items at their stage.
    pub flagged: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Scenario;

    /// Two stages of constant work, one worker each, items arriving every 2 days: no item ever
    /// waits, so every age is known exactly.
    fn tandem() -> Scenario {
        Scenario::from_json(
            r#"{"arrival": {"type": "fixed", "interval": 2},
                "stages": [
                  {"name": "A", "work": {"type": "constant", "value": 1}},
                  {"name": "B", "work": {"type": "constant", "value": 0.5}}
                ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn ages_in_a_constant_tandem_are_exact() {
        let mut sim = Simulation::new(&tandem()).unwrap();
        // Arrivals at 2, 4, 6, …: at 10.25 the item that came at 10 is 0.25 d into A; the one
        // that came at 8 left A at 9 and B at 9.5: done.
        sim.run_until(10.25);
        let wip = sim.wip_items();
        assert_eq!(
            wip,
            vec![WipItem {
                id: 4,
                stage: 0,
                age: 0.25
            }]
        );
        sim.run_until(11.2);
        assert_eq!(sim.wip_items()[0].stage, 1);
        assert!((sim.wip_items()[0].age - 1.2).abs() < 1e-12);
        let bands = sim.aging_bands();
        // Every item left A at age 1 and B at age 1.5.
        assert_eq!(bands[0].bands, [Some(1.0); 4]);
        assert_eq!(bands[1].bands, [Some(1.5); 4]);
        assert_eq!(bands[0].departures, 5);
        assert_eq!(bands[1].departures, 4);
        assert!(!bands[1].flags(1.5) && bands[1].flags(1.51));
    }

    #[test]
    fn bands_are_the_percentiles_of_the_ages_at_leaving() {
        // A backlog of 20 starts at once (no WIP limit); one worker finishes one a day, so
        // item k leaves at age k: nearest-rank p50, p70, p85, p95 of 1..=20 are 10, 14, 17, 19.
        let scenario = Scenario::from_json(
            r#"{"arrival": {"type": "backlog", "count": 20},
                "stages": [{"name": "Only", "work": {"type": "constant", "value": 1}}]}"#,
        )
        .unwrap();
        let mut sim = Simulation::new(&scenario).unwrap();
        sim.run_until(7.5);
        let ages: Vec<f64> = sim.wip_items().iter().map(|w| w.age).collect();
        assert_eq!(ages, vec![7.5; 13]);
        sim.run();
        let stage = &sim.aging_bands()[0];
        assert_eq!(stage.departures, 20);
        for (b, want) in stage.bands.iter().zip([10.0, 14.0, 17.0, 19.0]) {
            let b = b.unwrap();
            // Within the bands' resolution: 32 buckets per doubling, under 1.6 %.
            assert!((b - want).abs() <= 0.016 * want, "{b} vs {want}");
        }
        assert!(stage.flags(17.5) && !stage.flags(16.9));
    }

    #[test]
    fn the_chart_view_counts_flagged_items_and_thins_the_rest() {
        // Two workers on a backlog of 40, one day each: 2 leave a day at ages 1, 2, 3, …, so
        // by day 10 the bands are the ages 1..=10 (p85 = 9) and every waiting item is 10.5.
        let mut scenario = Scenario::from_json(
            r#"{"arrival": {"type": "backlog", "count": 40},
                "stages": [{"name": "Only", "workers": 2,
                  "work": {"type": "constant", "value": 1}}]}"#,
        )
        .unwrap();
        scenario.stages[0].workers = 2;
        let mut sim = Simulation::new(&scenario).unwrap();
        sim.run_until(10.5);
        let view = sim.aging(5);
        assert_eq!(view.wip, 20);
        assert_eq!(view.flagged, 20);
        assert_eq!(
            view.points.len(),
            10,
            "flagged ones kept, up to twice the budget"
        );
        assert!(view
            .points
            .iter()
            .all(|p| p.flagged && p.offset.abs() <= 0.5));
        let bands = &view.stages[0].bands;
        assert!((bands[FLAG_BAND].unwrap() - 9.0).abs() <= 0.016 * 9.0);
    }

    #[test]
    fn rework_returns_are_not_departures_and_warm_up_is_excluded() {
        let mut scenario = tandem();
        scenario.stages[1].rework = Some(crate::sim::Rework {
            probability: 0.5,
            to: "A".into(),
        });
        scenario.warmup = 20.0;
        let mut sim = Simulation::new(&scenario).unwrap();
        sim.run_until(19.9);
        assert!(sim.aging_bands().iter().all(|b| b.departures == 0));
        sim.run_until(400.0);
        let b = sim.aging_bands();
        let done = sim.summary().completed;
        assert!(b[1].departures > 0 && b[1].departures <= done);
        // Every departure from B is a delivery: its age is a cycle time of at least 1.5 d.
        assert!(b[1].bands[0].unwrap() >= 1.5);
    }
}
