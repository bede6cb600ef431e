//! Queueing-theory estimates to show beside the simulation: Kingman's approximation (VUT) per
//! stage and for the line, where it applies; Little's law is in every [`super::Summary`].
//!
//! For a stage with c workers, utilisation u, mean work tₑ, and squared coefficients of
//! variation c²ₐ (arrivals) and c²ₑ (work), the mean wait in queue is approximately
//! (Kingman for one worker, Sakasegawa's extension for several; Hopp & Spearman,
//! *Factory Physics*, ch. 8):
//!
//! Wq ≈ (c²ₐ + c²ₑ)/2 · u^(√(2(c+1)) − 1) / (c(1 − u)) · tₑ
//!
//! and departures, which are the next stage's arrivals, have
//! c²_d = 1 + (1 − u²)(c²ₐ − 1) + u²(c²ₑ − 1)/√c (the linking equation).
//! The line's lead time is the sum of each stage's Wq + tₑ. Exact for M/M/1 and M/D/1 (and
//! for a tandem of M/M/1 stations); an approximation otherwise.

use super::scenario::{Arrival, Scenario};
use serde::Serialize;

/// Kingman's estimate for one stage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageEstimate {
    /// Stage name.
    pub name: String,
    /// Utilisation λ·tₑ/c.
    pub utilization: f64,
    /// Squared coefficient of variation of arrivals to the stage.
    pub ca2: f64,
    /// Squared coefficient of variation of work time.
    pub ce2: f64,
    /// Estimated mean wait before work starts (days).
    pub wait: f64,
    /// Estimated mean time in the stage, wait plus work (days).
    pub time_in_stage: f64,
}

/// Kingman's estimate for a line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineEstimate {
    /// Per stage.
    pub stages: Vec<StageEstimate>,
    /// Estimated mean lead time: the sum of the stages' times (days).
    pub lead_time: f64,
}

/// Why an estimate does not apply, in plain words, or the estimate.
pub fn kingman(s: &Scenario) -> Result<LineEstimate, String> {
    let (rate, mut ca2) = match s.arrival {
        Arrival::Poisson { rate, backlog: 0 } => (rate, 1.0),
        Arrival::Fixed { interval, backlog: 0 } => (1.0 / interval, 0.0),
        Arrival::Backlog { .. } => return Err("all work is waiting at the start (a backlog), so there is no arrival rate to queue against".into()),
        _ => return Err("the run starts with a backlog, so it is not in a steady state".into()),
    };
    if s.wip_limit.is_some() {
        return Err("a system WIP limit (CONWIP) makes it a closed line; see the best and worst cases instead".into());
    }
    if !s.classes.is_empty() {
        return Err("classes of service change who is served first and how much work each brings; the formula has one class".into());
    }
    if !s.generalists.is_empty() {
        return Err("generalists move between stages, so stages are not independent queues".into());
    }
    let mut stages = Vec::new();
    for st in &s.stages {
        let why = if st.wip_limit.is_some() {
            Some("a WIP limit blocks the stage before it")
        } else if st.batch_size > 1 || st.setup.is_some() {
            Some("it moves work in batches")
        } else if st.release_every.is_some() {
            Some("it ships on a release cadence")
        } else if st.rework.is_some() {
            Some("defects loop back for rework")
        } else if st.multitask > 1 {
            Some("workers multitask")
        } else if st.blockers.is_some() {
            Some("blocked items wait outside its queue")
        } else {
            None
        };
        if let Some(why) = why {
            return Err(format!(
                "{}: {why}, which the formula does not model",
                st.name
            ));
        }
        let c = st.workers as f64;
        let te = st.work.mean();
        let ce2 = st.work.cv().powi(2);
        let u = rate * te / c;
        if u >= 1.0 {
            return Err(format!(
                "{} is overloaded (utilisation {:.0} %): its queue grows without bound",
                st.name,
                u * 100.0
            ));
        }
        let wait =
            (ca2 + ce2) / 2.0 * u.powf((2.0 * (c + 1.0)).sqrt() - 1.0) / (c * (1.0 - u)) * te;
        stages.push(StageEstimate {
            name: st.name.clone(),
            utilization: u,
            ca2,
            ce2,
            wait,
            time_in_stage: wait + te,
        });
        ca2 = 1.0 + (1.0 - u * u) * (ca2 - 1.0) + u * u * (ce2 - 1.0) / c.sqrt();
    }
    let lead_time = stages.iter().map(|s| s.time_in_stage).sum();
    Ok(LineEstimate { stages, lead_time })
}

/// Factory Physics' bounds for a CONWIP line with `wip` items: (best-case throughput,
/// practical-worst-case throughput), from the raw process time t₀ (sum of mean work times)
/// and the bottleneck rate r_b (smallest workers ÷ mean work). None where the line has what
/// the bounds do not model: batches, set-ups, rework, release trains, multitasking, stage WIP
/// limits or generalists.
pub fn conwip_bounds(s: &Scenario, wip: f64) -> Option<(f64, f64)> {
    let simple = s.generalists.is_empty()
        && s.stages.iter().all(|st| {
            st.batch_size == 1
                && st.setup.is_none()
                && st.rework.is_none()
                && st.release_every.is_none()
                && st.multitask == 1
                && st.wip_limit.is_none()
                && st.workers > 0
        });
    if !simple {
        return None;
    }
    let t0: f64 = s.stages.iter().map(|st| st.work.mean()).sum();
    let rb = s
        .stages
        .iter()
        .map(|st| st.workers as f64 / st.work.mean())
        .fold(f64::INFINITY, f64::min);
    let w0 = rb * t0;
    Some(((wip / t0).min(rb), wip / (w0 + wip - 1.0) * rb))
}
