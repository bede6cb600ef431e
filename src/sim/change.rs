//! Changing parameters while a run goes on. Every change is recorded as an intervention, so
//! charts can mark it and statistics can compare before and after.

use super::engine::{Simulation, StageParams};
use super::queue::Event;
use super::scenario::{Scenario, ScenarioError, Stage};
use serde::Serialize;

/// Most interventions kept; older ones are dropped.
pub const MAX_INTERVENTIONS: usize = 10_000;

/// A change made during a run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Intervention {
    /// Simulated time of the change (days).
    pub time: f64,
    /// What changed, e.g. `Test: WIP limit 5 → 3`.
    pub label: String,
}

fn limit(v: Option<u32>) -> String {
    v.map_or("none".into(), |v| v.to_string())
}

fn days(v: Option<f64>) -> String {
    v.map_or("none".into(), |v| format!("{v} d"))
}

impl Simulation {
    /// Applies the parameters of `new` to the running simulation without a reset and records
    /// an intervention for each difference. Stages may be renamed and any of their parameters
    /// changed; adding, removing or reordering stages, or changing the seed, generalists,
    /// warm-up or window, needs a new [`Simulation`]. Returns the number of changes made.
    /// On error nothing changes.
    pub fn update(&mut self, new: &Scenario) -> Result<usize, ScenarioError> {
        new.validate()?;
        let old = self.scenario.clone();
        if let Some((path, what)) = old.reset_needed_for(new) {
            return Err(ScenarioError::single(
                path,
                format!("changing {what} needs a reset"),
            ));
        }
        self.scenario = new.clone();
        self.params = (0..new.stages.len())
            .map(|i| StageParams::of(new, i))
            .collect();
        let mut labels = Vec::new();
        if new.arrival != old.arrival {
            labels.push(format!(
                "arrivals {} → {}",
                describe_arrival(&old),
                describe_arrival(new)
            ));
            self.restart_arrivals(0);
        }
        if new.wip_limit != old.wip_limit {
            labels.push(format!(
                "system WIP limit {} → {}",
                limit(old.wip_limit),
                limit(new.wip_limit)
            ));
        }
        for (s, (a, b)) in old.stages.iter().zip(&new.stages).enumerate() {
            self.update_stage(s, a, b, &mut labels);
        }
        self.update_classes(&old, new, &mut labels);
        self.update_capacity();
        self.admit();
        for s in 0..new.stages.len() {
            self.try_move_out(s);
            self.dispatch(s);
        }
        let count = labels.len();
        for label in labels {
            if self.interventions.len() == MAX_INTERVENTIONS {
                self.interventions.remove(0);
            }
            self.interventions.push(Intervention {
                time: self.now,
                label,
            });
        }
        if count > 0 {
            self.start_period(true);
            self.bottleneck.reset(self.now);
        }
        Ok(count)
    }

    fn update_stage(&mut self, s: usize, a: &Stage, b: &Stage, labels: &mut Vec<String>) {
        let name = &b.name;
        let mut note = |what: &str, from: String, to: String| {
            labels.push(format!("{name}: {what} {from} → {to}"))
        };
        if a.name != b.name {
            note("renamed", format!("{:?}", a.name), format!("{:?}", b.name));
        }
        if a.workers != b.workers || a.multitask != b.multitask {
            if a.workers != b.workers {
                note("workers", a.workers.to_string(), b.workers.to_string());
            }
            if a.multitask != b.multitask {
                note(
                    "items per worker",
                    a.multitask.to_string(),
                    b.multitask.to_string(),
                );
            }
            self.set_specialists(s, b.workers);
        }
        if a.work != b.work {
            note(
                "work time",
                describe_mean(a.work.mean()),
                describe_mean(b.work.mean()),
            );
        }
        if a.wip_limit != b.wip_limit {
            note("WIP limit", limit(a.wip_limit), limit(b.wip_limit));
        }
        if a.batch_size != b.batch_size {
            note(
                "batch size",
                a.batch_size.to_string(),
                b.batch_size.to_string(),
            );
        }
        if a.setup != b.setup {
            note(
                "set-up",
                days(a.setup.as_ref().map(|d| d.mean())),
                days(b.setup.as_ref().map(|d| d.mean())),
            );
        }
        if a.rework != b.rework {
            let p = |st: &Stage| {
                st.rework.as_ref().map_or("none".into(), |r| {
                    format!("{}% to {}", r.probability * 100.0, r.to)
                })
            };
            note("rework", p(a), p(b));
        }
        if a.blockers != b.blockers {
            let p = |st: &Stage| {
                st.blockers.as_ref().map_or("none".into(), |b| {
                    format!(
                        "{}% for {}",
                        round3(b.probability * 100.0),
                        describe_mean(b.duration.mean())
                    )
                })
            };
            note("blockers", p(a), p(b));
        }
        if a.release_every != b.release_every {
            note(
                "release every",
                days(a.release_every),
                days(b.release_every),
            );
            let stage = &mut self.stages[s];
            stage.release_generation = stage.release_generation.wrapping_add(1);
            if let Some(every) = b.release_every {
                let generation = stage.release_generation;
                self.agenda.schedule(
                    self.now + every,
                    Event::Release {
                        stage: s as u16,
                        generation,
                    },
                );
            }
        }
    }
}

impl Scenario {
    /// Whether a simulation running `self` cannot take `new` without a reset: `Some((field,
    /// what))` when the number of stages, the seed, the generalists, the warm-up or the window
    /// differ; `None` when [`Simulation::update`] can apply it.
    pub fn reset_needed_for(&self, new: &Scenario) -> Option<(&'static str, &'static str)> {
        if new.stages.len() != self.stages.len() {
            Some(("stages", "the number of stages"))
        } else if new.seed != self.seed {
            Some(("seed", "the seed"))
        } else if new.generalists != self.generalists {
            Some(("generalists", "the generalists"))
        } else if new.warmup != self.warmup || new.window != self.window {
            Some(("window", "the warm-up or the window"))
        } else if new.classes.len() != self.classes.len()
            || new
                .classes
                .iter()
                .zip(&self.classes)
                .any(|(a, b)| a.arrival.is_some() != b.arrival.is_some())
        {
            Some((
                "classes",
                "the number of classes, or whether a class has its own arrivals,",
            ))
        } else {
            None
        }
    }
}

impl Simulation {
    /// Applies changed classes of service (the same classes, the same streams).
    fn update_classes(&mut self, old: &Scenario, new: &Scenario, labels: &mut Vec<String>) {
        self.classes = super::classes::ClassParams::of(new);
        for (c, (a, b)) in old.classes.iter().zip(&new.classes).enumerate() {
            let name = &b.name;
            let mut note = |what: &str, from: String, to: String| {
                labels.push(format!("{name}: {what} {from} → {to}"))
            };
            if a.name != b.name {
                note("renamed", format!("{:?}", a.name), format!("{:?}", b.name));
            }
            if a.share != b.share {
                let pc = |s: Option<f64>| format!("{}%", round3(s.unwrap_or(0.0) * 100.0));
                note("share", pc(a.share), pc(b.share));
            }
            if a.arrival != b.arrival {
                if let (Some(x), Some(y)) = (&a.arrival, &b.arrival) {
                    note("arrivals", describe(x), describe(y));
                }
                if let Some(k) = self.stream_of_class(c) {
                    self.restart_arrivals(k);
                }
            }
            if a.priority != b.priority {
                note("priority", a.priority.to_string(), b.priority.to_string());
            }
            if a.wip_exempt != b.wip_exempt {
                let lane = |e: bool| if e { "exempt" } else { "counted" }.to_string();
                note("WIP limits", lane(a.wip_exempt), lane(b.wip_exempt));
            }
            if a.work_scale != b.work_scale {
                note(
                    "size",
                    format!("×{}", round3(a.work_scale)),
                    format!("×{}", round3(b.work_scale)),
                );
            }
        }
    }
}

fn describe_mean(mean: f64) -> String {
    format!("mean {} d", round3(mean))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn describe_arrival(s: &Scenario) -> String {
    describe(&s.arrival)
}

fn describe(arrival: &super::scenario::Arrival) -> String {
    use super::scenario::Arrival::*;
    match *arrival {
        Poisson { rate, .. } => format!("Poisson {} /day", round3(rate)),
        Fixed { interval, .. } => format!("every {} d", round3(interval)),
        Backlog { count } => format!("backlog of {count}"),
    }
}
