//! Calibration: a scenario whose simulation reproduces a team's history.
//!
//! The first state of the history is the request, the last is done, and each state between
//! becomes a stage (a history with only those two gets one stage, `Work`). Arrivals are a
//! Poisson process at the history's throughput (items done per day, as [`Stats`] measures it:
//! requests never done, abandoned or open at the export, are not work the team got through).
//! Time in a state includes waiting, so the times in state are not work times: each stage's
//! work time is a lognormal with mean `scale × (mean time in the state)` and a common
//! coefficient of variation `cv`, and the stage gets workers for a share of the items seen in
//! it on average (Little's law: arrival rate × mean time in the state). For each share in
//! turn, fewest workers first, the simulator fits `scale` (which sets the median lead time)
//! and `cv` (which sets the spread) by alternating bisections, and the best fit is kept (the
//! search stops early at a close one). Each evaluation simulates the history's span several
//! times with fixed seeds, reading the runs as a team's tool would ([`Stats::of`]
//! on [`super::record::history_from_log`]), so history and simulation are measured alike.
//!
//! What a history cannot show, WIP limits, is bounded instead: the most items ever seen at
//! once in each state ([`Calibration::max_wip`]), below which a limit would start to bite.

mod stats;

pub use stats::{whole_day_quantile, Stats};

use super::calendar::days_between;
use super::history::History;
use super::record::history_of;
use crate::sim::{Arrival, Dist, Scenario, Stage};
use jiff::civil::Date;
use stats::requested;
use std::fmt;

/// Replications pooled in each evaluation of a candidate scenario.
pub const REPLICATIONS: u64 = 12;
/// Rounds of the alternating search.
const ROUNDS: usize = 3;
/// Workers per item seen in a state on average (Little's law), tried in turn until a fit is
/// within tolerance: fewer workers mean more of the time in state is waiting.
const WORKER_SHARES: [f64; 4] = [0.5, 0.75, 1.0, 1.5];
/// Bisection steps per parameter and round.
const STEPS: usize = 16;

/// A calibrated scenario, how well it fits, and what could not be inferred.
#[derive(Clone, Debug)]
pub struct Calibration {
    /// The scenario.
    pub scenario: Scenario,
    /// The history's statistics.
    pub actual: Stats,
    /// The same statistics of the scenario simulated over the history's span (pooled
    /// replications).
    pub simulated: Stats,
    /// Per stage: the most items seen in the state on one day: a starting point for a WIP
    /// limit, which a history cannot show.
    pub max_wip: Vec<(String, u32)>,
    /// Workers per item seen in a state on average (one of the shares tried): each stage got
    /// `⌈share × request rate × mean days in the state⌉` workers, at least one.
    pub workers_share: f64,
}

impl Calibration {
    /// Whether the fit is within the tolerances calibration aims at: throughput within 5 %,
    /// lead-time p50 and p85 within 10 %.
    pub fn within_tolerance(&self) -> bool {
        miss(&self.actual, &self.simulated) <= 1.0
    }
}

impl fmt::Display for Calibration {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (a, s) = (&self.actual, &self.simulated);
        writeln!(f, "fit              history   simulated")?;
        writeln!(
            f,
            "throughput/day   {:>7.3}   {:>9.3}",
            a.throughput, s.throughput
        )?;
        for (name, x, y) in [
            ("lead time p50", a.lead_p50, s.lead_p50),
            ("lead time p85", a.lead_p85, s.lead_p85),
            ("lead time p95", a.lead_p95, s.lead_p95),
        ] {
            writeln!(f, "{name:<16} {x:>7.1}   {y:>9.1}")?;
        }
        writeln!(
            f,
            "{}",
            if self.within_tolerance() {
                "within tolerance (throughput 5 %, lead time p50 and p85 10 %)"
            } else {
                "NOT within tolerance (throughput 5 %, lead time p50 and p85 10 %)"
            }
        )?;
        writeln!(
            f,
            "workers: {} per item seen in a state on average (Little's law)",
            self.workers_share
        )?;
        write!(
            f,
            "not inferred: WIP limits; the most items seen at once per state were "
        )?;
        let list: Vec<String> = self
            .max_wip
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        write!(f, "{}", list.join(", "))
    }
}

/// Why a history cannot be calibrated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalibrateError {
    /// The history has a single state: no request dates to learn arrivals from.
    OneState,
    /// Fewer than 2 items have both a request and a done date.
    TooFewDone(usize),
    /// No simulated run of any candidate finished an item.
    NoFit,
}

impl fmt::Display for CalibrateError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            CalibrateError::OneState => write!(f, "the history has one state: calibration needs a first state (the request) and a last (done)"),
            CalibrateError::TooFewDone(n) => write!(f, "calibration needs at least 2 items with both a request and a done date; the history has {n}"),
            CalibrateError::NoFit => write!(f, "no candidate scenario finished any item in the history's span: the history is too short to fit"),
        }
    }
}

impl std::error::Error for CalibrateError {}

/// What the search varies, and what it derives from the history.
struct Shape {
    names: Vec<String>,
    /// Mean days in each stage's state.
    means: Vec<f64>,
    workers: Vec<u32>,
    /// The share of the items seen in a state the workers were set from.
    share: f64,
    rate: f64,
    span: f64,
    start: Date,
    seed: u64,
}

impl Shape {
    fn scenario(&self, scale: f64, cv: f64) -> Scenario {
        let mut s = Scenario::single_stage();
        s.name = "Calibrated from a history".into();
        s.seed = self.seed;
        s.duration = self.span;
        s.arrival = Arrival::Poisson {
            rate: self.rate,
            backlog: 0,
        };
        s.stages = (0..self.names.len())
            .map(|j| {
                let mean = (scale * self.means[j]).max(1e-3);
                Stage::new(
                    &self.names[j],
                    self.workers[j],
                    Dist::Lognormal { mean, cv },
                )
            })
            .collect();
        s
    }

    fn stats(&self, scale: f64, cv: f64) -> Option<Stats> {
        let base = self.scenario(scale, cv);
        let histories: Vec<History> = (0..REPLICATIONS)
            .filter_map(|r| {
                let mut s = base.clone();
                s.seed = base.seed.wrapping_add(r);
                history_of(&s, self.start).ok()
            })
            .collect();
        Stats::of(&histories)
    }
}

impl Shape {
    /// The scale (fitting the median lead time) and cv (fitting p85 ÷ p50) for these workers.
    fn fit(&self, actual: &Stats) -> (f64, f64) {
        // The largest scale keeps every stage below full utilisation.
        let max_scale = (0..self.names.len())
            .map(|j| f64::from(self.workers[j]) / (self.rate * self.means[j]))
            .fold(f64::INFINITY, f64::min)
            * 0.99;
        let ratio = actual.lead_p85 / actual.lead_p50.max(0.5);
        let fit_scale = |cv: f64| {
            bisect(max_scale * 1e-3, max_scale, actual.lead_p50, |x| {
                self.stats(x, cv).map(|s| s.lead_p50)
            })
        };
        let fit_cv = |scale: f64| {
            bisect(0.05, 5.0, ratio, |c| {
                self.stats(scale, c)
                    .map(|s| s.lead_p85 / s.lead_p50.max(0.5))
            })
        };
        let mut cv = 1.0;
        let mut scale = fit_scale(cv);
        for _ in 0..ROUNDS {
            cv = fit_cv(scale);
            scale = fit_scale(cv);
        }
        (scale, cv)
    }
}

/// How far `simulated` is from `actual`, in tolerances: at most 1 when throughput is within
/// 5 % and lead-time p50 and p85 within 10 %.
fn miss(actual: &Stats, simulated: &Stats) -> f64 {
    let off = |a: f64, b: f64| (a - b).abs() / a.max(1e-9);
    let m = (off(actual.throughput, simulated.throughput) / 0.05)
        .max(off(actual.lead_p50, simulated.lead_p50) / 0.10)
        .max(off(actual.lead_p85, simulated.lead_p85) / 0.10);
    if m.is_nan() {
        f64::INFINITY
    } else {
        m
    }
}

/// Bisects `x` in `[lo, hi]` so that `f(x)` (increasing in x) comes close to `goal`.
fn bisect(mut lo: f64, mut hi: f64, goal: f64, mut f: impl FnMut(f64) -> Option<f64>) -> f64 {
    for _ in 0..STEPS {
        let mid = libm::sqrt(lo * hi);
        match f(mid) {
            Some(v) if v < goal => lo = mid,
            _ => hi = mid,
        }
    }
    libm::sqrt(lo * hi)
}

/// Calibrates a scenario to `history` (see the module docs); `seed` seeds the scenario and
/// the fitting runs.
pub fn calibrate(history: &History, seed: u64) -> Result<Calibration, CalibrateError> {
    let m = history.states.len();
    if m < 2 {
        return Err(CalibrateError::OneState);
    }
    let complete = history
        .items
        .iter()
        .filter(|i| requested(i).is_some() && i.done().is_some())
        .count();
    let actual = Stats::of(std::slice::from_ref(history))
        .filter(|_| complete >= 2)
        .ok_or(CalibrateError::TooFewDone(complete))?;
    let requests: Vec<Date> = history.items.iter().filter_map(requested).collect();
    let first = *requests.iter().min().expect("items with a request exist");
    let last_request = *requests.iter().max().expect("not empty");
    let last_date = history
        .items
        .iter()
        .flat_map(|i| i.dates.iter().flatten())
        .max()
        .copied()
        .unwrap_or(last_request);
    // Arrivals at the rate the team finished work: items requested and never done (abandoned,
    // or still open when the history was exported) would make a model take in more than the
    // team got through, and its throughput miss the history's.
    let rate = actual.throughput;
    // The stages: the states between the first and the last, or one "Work" stage for the time
    // from request to done. Then the mean days items spent in each (to the next state entered).
    let states: Vec<usize> = if m == 2 {
        vec![0]
    } else {
        (1..m - 1).collect()
    };
    let names: Vec<String> = match states[..] {
        [0] => vec!["Work".to_string()],
        _ => states.iter().map(|&j| history.states[j].clone()).collect(),
    };
    let means: Vec<f64> = states
        .iter()
        .map(|&j| {
            let times: Vec<f64> = history
                .items
                .iter()
                .filter_map(|i| {
                    let from = i.dates[j]?;
                    let to = i.dates[j + 1..].iter().flatten().next()?;
                    Some(days_between(from, *to).max(0) as f64)
                })
                .collect();
            let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
            mean.max(0.1)
        })
        .collect();
    let mut best: Option<(f64, Shape, f64, f64, Stats)> = None;
    // Fewest workers (most queueing) first: time in state is mostly waiting in most teams.
    for share in WORKER_SHARES {
        let workers = means
            .iter()
            .map(|&t| {
                (libm::ceil(rate * t * share) as u32).clamp(1, crate::sim::validate::MAX_WORKERS)
            })
            .collect();
        let shape = Shape {
            names: names.clone(),
            means: means.clone(),
            workers,
            share,
            rate,
            span: (days_between(first, last_date) + 1) as f64,
            start: first,
            seed,
        };
        let (scale, cv) = shape.fit(&actual);
        let Some(stats) = shape.stats(scale, cv) else {
            continue;
        };
        let miss = miss(&actual, &stats);
        if best.as_ref().is_none_or(|b| miss < b.0) {
            best = Some((miss, shape, scale, cv, stats));
        }
        if miss <= 0.5 {
            break;
        }
    }
    let (_, shape, scale, cv, simulated) = best.ok_or(CalibrateError::NoFit)?;
    let max_wip = shape
        .names
        .iter()
        .zip(&states)
        .map(|(name, &j)| (name.clone(), max_in_state(history, j)))
        .collect();
    Ok(Calibration {
        scenario: shape.scenario(scale, cv),
        actual,
        simulated,
        max_wip,
        workers_share: shape.share,
    })
}

/// The most items in state `j` on any one day: entered it and not yet a later state.
fn max_in_state(history: &History, j: usize) -> u32 {
    let mut changes: Vec<(Date, i32)> = Vec::new();
    for i in &history.items {
        if let Some(from) = i.dates[j] {
            changes.push((from, 1));
            if let Some(to) = i.dates[j + 1..].iter().flatten().next() {
                changes.push((*to, -1));
            }
        }
    }
    // Leaving before entering on the same day: an item in and out the same day is not counted.
    changes.sort_unstable();
    let (mut now, mut most) = (0i32, 0i32);
    for (_, c) in changes {
        now += c;
        most = most.max(now);
    }
    most.max(0) as u32
}
