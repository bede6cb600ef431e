//! Days and dates: turning a forecast's day counts into calendar dates, with or without
//! weekends, and dates back into day numbers.

use jiff::civil::{Date, Weekday};
use jiff::Span;

/// Whether `date` falls on a Saturday or a Sunday.
pub fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// `date` as ISO 8601 (`2026-03-01`), written here so the web app's wasm does not need
/// jiff's whole printer for it.
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `date` moved by `days` calendar days; `None` past the calendar's end (year 9999).
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(Span::new().try_days(days).ok()?).ok()
}

/// The date of forecast day `day` (the start day is day 1). With `weekdays`, days count
/// working days only: Saturdays and Sundays are skipped, and a start on a weekend counts from
/// the Monday after. `None` for day 0 or past the calendar's end.
pub fn date_of_day(start: Date, day: u32, weekdays: bool) -> Option<Date> {
    let n = i64::from(day.checked_sub(1)?);
    if !weekdays {
        return add_days(start, n);
    }
    // Monday of the start's week, and the start's place in the working week (0..=4).
    let from_monday = i64::from(start.weekday().to_monday_zero_offset());
    let monday = add_days(start, -from_monday)?;
    let (week, total) = if from_monday >= 5 {
        (7, n)
    } else {
        (0, from_monday + n)
    };
    add_days(monday, week + total / 5 * 7 + total % 5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn iso_dates_are_written_as_jiff_writes_them() {
        for d in [date(2026, 1, 5), date(1, 2, 3), date(9999, 12, 31)] {
            assert_eq!(iso(d), d.to_string());
        }
    }

    #[test]
    fn working_days_skip_weekends() {
        // 2026-11-23 is a Monday.
        let mon = date(2026, 11, 23);
        assert_eq!(date_of_day(mon, 1, true), Some(mon));
        assert_eq!(date_of_day(mon, 5, true), Some(date(2026, 11, 27)));
        assert_eq!(date_of_day(mon, 6, true), Some(date(2026, 11, 30)));
        assert_eq!(date_of_day(mon, 6, false), Some(date(2026, 11, 28)));
        let sat = date(2026, 11, 28);
        assert_eq!(
            date_of_day(sat, 1, true),
            Some(mon.checked_add(Span::new().days(7)).unwrap())
        );
        assert_eq!(date_of_day(sat, 1, false), Some(sat));
        let fri = date(2026, 11, 27);
        assert_eq!(date_of_day(fri, 2, true), Some(date(2026, 11, 30)));
        assert_eq!(date_of_day(fri, 0, true), None);
        assert_eq!(days_between(mon, fri), 4);
        assert!(is_weekend(sat) && !is_weekend(fri));
    }
}
