//! A team's history: one row per item with the date it entered each workflow state.
//!
//! The CSV has a header row: `id`, an optional `title`, then one column per state in workflow
//! order; each cell holds the date the item entered that state (an ISO 8601 date such as
//! `2026-03-01`, or a date-time such as `2026-03-01T09:30:00Z`, whose calendar date as written
//! is used), or is empty if the item has not entered it. The last column is done. A file with a
//! single state column is a plain list of done dates. Quoted cells (titles with commas), a byte
//! order mark and CRLF or CR line ends are all read. A row that cannot be read, whose dates go
//! back in time, or whose done date lies more than [`LONELY_DAYS`] from the rest (a mistyped
//! year) is reported by line and column and left out; every other row is kept.

mod checks;
mod lines;

use super::calendar::{days_between, is_weekend};
pub use checks::LONELY_DAYS;
use checks::{leave_out_lonely_done_dates, merge_by_line, out_of_order};
use jiff::civil::Date;
use jiff::fmt::temporal::Pieces;
use lines::Lines;
use std::fmt;

/// One item of a history.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryItem {
    /// The line of the file the row starts on (1 is the header).
    pub line: u64,
    /// The item's id as written.
    pub id: String,
    /// Its title, when the file has a `title` column and the cell is not empty.
    pub title: Option<String>,
    /// The date it entered each state, in the order of [`History::states`].
    pub dates: Vec<Option<Date>>,
}

impl HistoryItem {
    /// The date the item was done (entered the last state), if it was.
    pub fn done(&self) -> Option<Date> {
        self.dates.last().copied().flatten()
    }

    /// The date of the first state the item entered (its request, when that was recorded).
    pub fn first(&self) -> Option<Date> {
        self.dates.iter().flatten().next().copied()
    }
}

/// The items of a history file and its workflow states.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    /// The workflow states in order; the last one is done.
    pub states: Vec<String>,
    /// The rows that could be read, in file order.
    pub items: Vec<HistoryItem>,
}

/// A row that could not be read: where, and why in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryProblem {
    /// The line of the file the row starts on (the header is line 1).
    pub line: u64,
    /// The column's name from the header (or `row` when the row as a whole is wrong).
    pub column: String,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for HistoryProblem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.reason
        )
    }
}

/// A history file that cannot be used at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryError {
    /// The file is empty: not even a header row.
    Empty,
    /// The header's first column is not `id`.
    NoIdColumn {
        /// What the first column is called instead.
        found: String,
    },
    /// The header names no state column after `id` (and `title`).
    NoStateColumns,
    /// The CSV reader stopped (not expected for text that is already a string: a file that is
    /// not UTF-8 is refused when it is read into one).
    Unreadable {
        /// The line the reader stopped on.
        line: u64,
        /// Why.
        reason: String,
    },
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            HistoryError::Empty => write!(f, "the file is empty: it needs a header row (id, an optional title, then one column per workflow state)"),
            HistoryError::NoIdColumn { found } => write!(f, "line 1: the first column must be called id, not {found:?}"),
            HistoryError::NoStateColumns => write!(f, "line 1: the header names no workflow state: after id (and title) comes one column per state, the last being done"),
            HistoryError::Unreadable { line, reason } => write!(f, "line {line}: cannot read the CSV: {reason}"),
        }
    }
}

impl std::error::Error for HistoryError {}

/// A parsed history and the problems of the rows left out.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedHistory {
    /// Every row that could be read.
    pub history: History,
    /// One entry per problem in the rows left out, in file order.
    pub problems: Vec<HistoryProblem>,
}

/// Reads a history CSV (see the module docs). Fails only when the file as a whole cannot be
/// used; bad rows are left out and listed in [`ParsedHistory::problems`].
pub fn parse_history(text: &str) -> Result<ParsedHistory, HistoryError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err(HistoryError::Empty),
        Some(r) => r.map_err(unreadable)?,
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    if !names[0].eq_ignore_ascii_case("id") {
        return Err(HistoryError::NoIdColumn {
            found: names[0].clone(),
        });
    }
    let has_title = names
        .get(1)
        .is_some_and(|n| n.eq_ignore_ascii_case("title"));
    let first_state = if has_title { 2 } else { 1 };
    if names.len() <= first_state {
        return Err(HistoryError::NoStateColumns);
    }
    let states = names[first_state..].to_vec();
    let mut items = Vec::new();
    let mut problems = Vec::new();
    let mut lines = Lines::new(text);
    for record in records {
        let record = record.map_err(unreadable)?;
        // The reader's own line count skips line breaks inside quoted cells; count them.
        let line = record.position().map_or(0, |p| lines.at(p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line
        }
        let mut problem = |column: &str, reason: String| {
            problems.push(HistoryProblem {
                line,
                column: column.to_string(),
                reason,
            })
        };
        if record.len() != names.len() {
            // A quote left open takes the lines after it into one cell: say so, and which.
            let breaks: u64 = record
                .iter()
                .map(|c| {
                    let c = c.trim_end_matches(['\n', '\r']).replace("\r\n", "\n");
                    c.matches(['\n', '\r']).count() as u64
                })
                .sum();
            let unclosed = if breaks > 0 {
                format!(
                    ": a quote in it is not closed, so lines {line} to {} were read as this one row",
                    line + breaks
                )
            } else {
                String::new()
            };
            problem(
                "row",
                format!(
                    "has {} cells, the header has {}{unclosed}",
                    record.len(),
                    names.len()
                ),
            );
            continue;
        }
        let id = record[0].trim();
        let mut ok = true;
        if id.is_empty() {
            problem(&names[0], "is empty: every item needs an id".into());
            ok = false;
        }
        let mut dates = Vec::with_capacity(states.len());
        for (k, cell) in record.iter().enumerate().skip(first_state) {
            match parse_date(cell) {
                Ok(d) => dates.push(d),
                Err(reason) => {
                    problem(&names[k], reason);
                    ok = false;
                }
            }
        }
        if ok {
            if let Some((k, reason)) = out_of_order(&dates, &states) {
                problem(&states[k], reason);
                continue;
            }
            let title = has_title
                .then(|| record[1].trim())
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            items.push(HistoryItem {
                line,
                id: id.to_string(),
                title,
                dates,
            });
        }
    }
    let done_column = states.last().expect("at least one state");
    let lonely = leave_out_lonely_done_dates(&mut items)
        .into_iter()
        .map(|(line, reason)| HistoryProblem {
            line,
            column: done_column.clone(),
            reason,
        });
    let problems = merge_by_line(problems, lonely);
    Ok(ParsedHistory {
        history: History { states, items },
        problems,
    })
}

/// The reader's error as it stands. (Text that is already a `str` splits into valid UTF-8
/// cells at ASCII delimiters, and the reader is flexible about row lengths, so this is not
/// expected to happen; it keeps any reader error from being lost.)
fn unreadable(e: csv::Error) -> HistoryError {
    let line = e.position().map_or(0, |p| p.line());
    HistoryError::Unreadable {
        line,
        reason: e.to_string(),
    }
}

/// A cell's date: `None` when empty, an error naming the cell otherwise.
fn parse_date(cell: &str) -> Result<Option<Date>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    Pieces::parse(cell).map(|p| Some(p.date())).map_err(|_| {
        format!("{cell:?} is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS)")
    })
}

impl History {
    /// The number of items done on each day from the first done date to the last (days with
    /// nothing done count as 0). With `weekdays`, Saturdays and Sundays are left out, and so
    /// are the items done on them. Empty when no item is done.
    pub fn daily_throughput(&self, weekdays: bool) -> Vec<u32> {
        let done: Vec<Date> = self
            .items
            .iter()
            .filter_map(HistoryItem::done)
            .filter(|d| !(weekdays && is_weekend(*d)))
            .collect();
        let (Some(&first), Some(&last)) = (done.iter().min(), done.iter().max()) else {
            return Vec::new();
        };
        let mut counts = vec![0u32; days_between(first, last) as usize + 1];
        for d in &done {
            counts[days_between(first, *d) as usize] += 1;
        }
        if weekdays {
            let mut day = first;
            let mut kept = Vec::with_capacity(counts.len());
            for c in counts {
                if !is_weekend(day) {
                    kept.push(c);
                }
                day = day.tomorrow().unwrap_or(day);
            }
            kept
        } else {
            counts
        }
    }
}
