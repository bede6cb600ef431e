//! The checks of a history's rows beyond their cells: dates that go back in time, and done
//! dates so far from the rest that they are taken for typos.

use super::{HistoryItem, HistoryProblem};
use crate::sim::forecast::calendar::{add_days, days_between, iso};
use jiff::civil::Date;

/// Done dates further than this from every other done date are taken for typos.
pub const LONELY_DAYS: i64 = 365;

/// The first date of a row that comes before an earlier state's date (states are in workflow
/// order, so a row cannot enter one before the one before it), with the reason in words.
pub(super) fn out_of_order(dates: &[Option<Date>], states: &[String]) -> Option<(usize, String)> {
    let mut latest: Option<(usize, Date)> = None;
    for (k, date) in dates.iter().enumerate() {
        let Some(date) = *date else { continue };
        if let Some((j, before)) = latest {
            if date < before {
                return Some((
                    k,
                    format!(
                        "{} is before {} ({}): the state columns are in workflow order, so an item cannot enter one before the one before it",
                        iso(date),
                        states[j],
                        iso(before)
                    ),
                ));
            }
        }
        latest = Some((k, date));
    }
    None
}

/// Leaves out the items whose done date lies more than [`LONELY_DAYS`] from the bulk of the
/// history (a mistyped year, say: 2062 for 2026), which would otherwise add years of days with
/// nothing done to every forecast. The done dates split into groups wherever two consecutive
/// ones are further apart than that; the group with the most items is kept (the latest of
/// equals). Returns the line of each item left out, with the reason.
pub(super) fn leave_out_lonely_done_dates(items: &mut Vec<HistoryItem>) -> Vec<(u64, String)> {
    let Some(earliest) = items.iter().filter_map(HistoryItem::done).min() else {
        return Vec::new();
    };
    // Done dates as days from the earliest, in order.
    let mut done: Vec<u32> = items
        .iter()
        .filter_map(HistoryItem::done)
        .map(|d| days_between(earliest, d) as u32)
        .collect();
    done.sort_unstable();
    // Groups of consecutive done dates: (first, last, items), in days from the earliest.
    let mut groups: Vec<(u32, u32, usize)> = Vec::new();
    for &d in &done {
        match groups.last_mut() {
            Some((_, last, n)) if i64::from(d - *last) <= LONELY_DAYS => {
                *last = d;
                *n += 1;
            }
            _ => groups.push((d, d, 1)),
        }
    }
    if groups.len() < 2 {
        return Vec::new();
    }
    // `max_by_key` gives the last of equals: the latest group.
    let &(first, last, _) = groups
        .iter()
        .max_by_key(|g| g.2)
        .expect("two groups or more");
    let day = |n: u32| add_days(earliest, i64::from(n)).expect("a day of the history");
    let (first, last) = (day(first), day(last));
    let mut left_out = Vec::new();
    items.retain(|item| {
        let Some(d) = item.done() else { return true };
        if (first..=last).contains(&d) {
            return true;
        }
        let (near, gap, side) = if d < first {
            (first, days_between(d, first), "before")
        } else {
            (last, days_between(last, d), "after")
        };
        left_out.push((
            item.line,
            format!(
                "{} is {gap} days {side} the rest of the history ({}): left out as a likely mistyped date, since a forecast would count every day between as a day with nothing done",
                iso(d),
                iso(near)
            ),
        ));
        false
    });
    left_out
}

/// Two lists of problems, each in file order, as one in file order (the first's before the
/// second's on the same line).
pub(super) fn merge_by_line(
    a: Vec<HistoryProblem>,
    b: impl Iterator<Item = HistoryProblem>,
) -> Vec<HistoryProblem> {
    let mut b = b.peekable();
    let mut out = Vec::with_capacity(a.len());
    for p in a {
        while let Some(q) = b.next_if(|q| q.line < p.line) {
            out.push(q);
        }
        out.push(p);
    }
    out.extend(b);
    out
}
