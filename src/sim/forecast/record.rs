//! A history made by the simulator: a run's item log as the dates a team's tool would have
//! recorded, and a history written back as CSV. Used for the example history and to check
//! calibration on data whose origin is known.

use super::calendar::add_days;
use super::history::{History, HistoryItem};
use crate::sim::itemlog::csv_text;
use crate::sim::{ItemLog, Scenario, ScenarioError, Simulation};
use jiff::civil::Date;
use std::fmt::Write;

/// The name of the first state of a history made from a run: when the item was requested.
pub const REQUESTED: &str = "Requested";
/// The name of the last state of a history made from a run.
pub const DONE: &str = "Done";

/// The history a team would have recorded for a run, day 0 being `start`: states
/// `Requested`, then one per stage, then `Done`. An item enters `Requested` when it arrives,
/// the first stage when work on it starts (time waiting before that counts as requested),
/// each later stage when it first enters it, and `Done` when it is done; each time becomes the
/// date of the day it falls on. Items not logged (past the log's limit) are left out.
pub fn history_from_log(log: &ItemLog, start: Date) -> History {
    let stages = log.stage_names().len();
    let date = |t: f64| -> Option<Date> {
        if t.is_finite() {
            add_days(start, libm::floor(t) as i64)
        } else {
            None
        }
    };
    let mut items: Vec<HistoryItem> = log
        .items
        .iter()
        .enumerate()
        .map(|(id, row)| {
            let mut dates = vec![None; stages + 2];
            dates[0] = date(row.arrival);
            dates[stages + 1] = date(row.done);
            HistoryItem {
                line: id as u64 + 2,
                id: (id + 1).to_string(),
                title: None,
                dates,
            }
        })
        .collect();
    for v in log.visits.iter().filter(|v| v.visit == 0) {
        let t = if v.stage == 0 { v.start } else { v.enter };
        if let Some(item) = items.get_mut(v.item as usize) {
            item.dates[v.stage as usize + 1] = date(t);
        }
    }
    let mut states = vec![REQUESTED.to_string()];
    states.extend(log.stage_names().iter().cloned());
    states.push(DONE.to_string());
    items.retain(|i| i.dates[0].is_some());
    History { states, items }
}

/// Runs `scenario` for its duration with the item log and returns the history of the run,
/// day 0 being `start` (see [`history_from_log`]).
pub fn history_of(scenario: &Scenario, start: Date) -> Result<History, ScenarioError> {
    let mut sim = Simulation::with_item_log(scenario)?;
    sim.run();
    Ok(history_from_log(
        sim.item_log().expect("the run keeps its log"),
        start,
    ))
}

impl History {
    /// The history as CSV in the format [`super::history::parse_history`] reads: `id`,
    /// `title` when any item has one, then a date column per state; LF line ends.
    pub fn to_csv(&self) -> String {
        let titled = self.items.iter().any(|i| i.title.is_some());
        let mut out = String::from("id");
        if titled {
            out.push_str(",title");
        }
        for s in &self.states {
            let _ = write!(out, ",{}", csv_text(s));
        }
        out.push('\n');
        for item in &self.items {
            out.push_str(&csv_text(&item.id));
            if titled {
                let _ = write!(out, ",{}", csv_text(item.title.as_deref().unwrap_or("")));
            }
            for d in &item.dates {
                out.push(',');
                if let Some(d) = d {
                    let _ = write!(out, "{d}");
                }
            }
            out.push('\n');
        }
        out
    }
}
