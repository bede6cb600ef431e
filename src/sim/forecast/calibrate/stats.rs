//! What calibration compares: a history's lead time and throughput ([`Stats`]), measured
//! alike on a team's history and on simulated ones.

use crate::sim::forecast::calendar::days_between;
use crate::sim::forecast::history::{History, HistoryItem};
use jiff::civil::Date;

/// Lead time and throughput, measured the same way on a history and on simulated ones.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stats {
    /// Items done.
    pub done: usize,
    /// Items done per day, from the first done date to the last.
    pub throughput: f64,
    /// Median lead time: request (the first state before done the item entered) to done, in
    /// whole days, interpolated within the day.
    pub lead_p50: f64,
    /// 85th percentile of lead time.
    pub lead_p85: f64,
    /// 95th percentile of lead time.
    pub lead_p95: f64,
}

impl Stats {
    /// The statistics of several histories pooled (each history's own done span counts).
    /// `None` when no item has both a request and a done date.
    pub fn of(histories: &[History]) -> Option<Stats> {
        let mut leads = Vec::new();
        let (mut done, mut span) = (0usize, 0i64);
        for h in histories {
            let dates: Vec<Date> = h.items.iter().filter_map(|i| i.done()).collect();
            if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
                done += dates.len();
                span += days_between(*first, *last) + 1;
            }
            leads.extend(
                h.items
                    .iter()
                    .filter_map(|i| Some(days_between(requested(i)?, i.done()?).max(0) as u32)),
            );
        }
        if leads.is_empty() {
            return None;
        }
        leads.sort_unstable();
        Some(Stats {
            done,
            throughput: done as f64 / span as f64,
            lead_p50: whole_day_quantile(&leads, 0.50),
            lead_p85: whole_day_quantile(&leads, 0.85),
            lead_p95: whole_day_quantile(&leads, 0.95),
        })
    }
}

/// When an item was requested: the date of the first state before done that it entered (an
/// item that skipped the first state counts from the next one it entered).
pub(super) fn requested(item: &HistoryItem) -> Option<Date> {
    let before_done = item.dates.len().saturating_sub(1);
    item.dates[..before_done].iter().flatten().next().copied()
}

/// The `p` quantile of whole-day values (sorted), each value k read as spread evenly over
/// [k − ½, k + ½): a continuous, monotone measure, so a search can home in on it.
pub fn whole_day_quantile(sorted: &[u32], p: f64) -> f64 {
    let n = sorted.len() as f64;
    let target = p * n;
    let k = sorted[(target as usize).min(sorted.len() - 1)];
    let below = sorted.partition_point(|&v| v < k) as f64;
    let at = sorted.partition_point(|&v| v <= k) as f64 - below;
    f64::from(k) - 0.5 + (target - below) / at
}
