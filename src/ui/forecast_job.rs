//! Forecasts in the background worker: the page sends a [`Setup`], then asks for the trials in
//! chunks (progress is exact and Cancel is simply not asking for more), and gets every
//! variant's outcomes, percentiles and dates at the end. History parsing, dates and
//! calibration happen here too, so the page's own wasm carries none of them.

use crate::sim::forecast::calendar::{date_of_day, days_between, is_weekend};
use crate::sim::forecast::calibrate::calibrate;
use crate::sim::forecast::history::parse_history;
use crate::sim::forecast::{
    run_trials, Levels, Model, Plan, SimulationModel, Target, ThroughputModel, DEFAULT_SEED,
    MAX_DAYS, MAX_TRIALS,
};
use crate::sim::validate::Limits;
use crate::sim::Scenario;
use crate::ui::count;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where a forecast's trials come from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Source {
    /// Items done on each past day (this run so far).
    Days(Vec<u32>),
    /// A history CSV as pasted or dropped.
    Csv(String),
    /// Replications of a scenario from day 0, labelled (A, B).
    Scenario(String, Box<Scenario>),
}

/// The question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Question {
    /// How long for this many items?
    Items(u32),
    /// How many by this date (`YYYY-MM-DD`)?
    ByDate(String),
}

/// Everything a forecast needs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Setup {
    /// One source, or two simulated scenarios in A/B mode.
    pub sources: Vec<Source>,
    /// The question.
    pub question: Question,
    /// Day 1 of the forecast, `YYYY-MM-DD`.
    pub start: String,
    /// Split rate (1: none).
    pub split: u32,
    /// Count working days only.
    pub weekdays: bool,
    /// Trials per source.
    pub trials: u32,
}

/// A request to the worker's forecast side.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// Check and keep a forecast; answered with [`Answer::Started`].
    Start(Setup),
    /// Run the kept forecast's trials up to this many per source; answered with
    /// [`Answer::Progress`], or [`Answer::Done`] after the last.
    Chunk(u32),
    /// Build a scenario from a history CSV; answered with [`Answer::Calibrated`].
    Calibrate(String),
}

/// What a started forecast found in its inputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Started {
    /// Trials per source.
    pub trials: u32,
    /// Rows of the history left out, as "line L, column C: why".
    pub problems: Vec<String>,
    /// What the trials draw from, in words ("62 days of history, 140 items done").
    pub basis: String,
}

/// One source's finished forecast.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// "A", "B", or empty with a single source.
    pub label: String,
    /// Each trial's outcome: days (how long) or items (how many).
    pub outcomes: Vec<u32>,
    /// The 50, 70, 85 and 95 % levels.
    pub levels: [u32; 4],
    /// The date of each level (`YYYY-MM-DD`) for "how long"; the by-date for "how many".
    pub dates: Vec<String>,
    /// The same dates in words, e.g. "Friday 12 March 2027".
    pub long_dates: Vec<String>,
}

/// A finished forecast.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Done {
    /// Per source.
    pub outcomes: Vec<Outcome>,
    /// Days in the question ("how many by a date"), or `None` for "how long".
    pub days: Option<u32>,
}

/// A calibration's result for the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    /// The calibrated scenario.
    pub scenario: Scenario,
    /// (measure, history, simulated): throughput/day, lead-time p50 and p85.
    pub rows: Vec<(String, f64, f64)>,
    /// Whether the fit is within calibration's tolerances.
    pub within: bool,
    /// Per state: the most items seen in it on one day (a starting WIP limit).
    pub max_wip: Vec<(String, u32)>,
    /// Workers per item seen in a state on average, as the stages' workers were set.
    pub workers_share: f64,
}

/// The worker's forecast answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answer {
    /// The forecast is set, or why it cannot be.
    Started(Result<Started, String>),
    /// Trials done per source.
    Progress(u32),
    /// All trials done.
    Done(Done),
    /// A trial failed.
    Failed(String),
    /// A calibration, or why there is none.
    Calibrated(Result<Fit, String>),
}

/// A kept forecast.
pub struct Running {
    models: Vec<(String, Box<dyn Model>)>,
    plan: Plan,
    setup: Setup,
    start: Date,
    outcomes: Vec<Vec<u32>>,
    done: u32,
}

/// Parses `YYYY-MM-DD`.
fn date(text: &str, what: &str) -> Result<Date, String> {
    text.trim()
        .parse::<Date>()
        .map_err(|_| format!("{what}: enter a date such as 2026-03-01."))
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Friday 12 March 2027".
pub fn long_date(d: Date) -> String {
    format!(
        "{} {} {} {}",
        WEEKDAYS[d.weekday().to_monday_zero_offset() as usize],
        d.day(),
        MONTHS[(d.month() - 1) as usize],
        d.year()
    )
}

/// `n` days, or working days with `weekdays`, in words: "1 working day", "12 days".
pub fn day_count(n: u64, weekdays: bool) -> String {
    if weekdays {
        count(n, "working day", "working days")
    } else {
        count(n, "day", "days")
    }
}

/// Forecast days from `start` to `by` inclusive (working days only with `weekdays`).
fn days_until(start: Date, by: Date, weekdays: bool) -> u32 {
    let n = days_between(start, by) + 1;
    if n <= 0 {
        return 0;
    }
    if !weekdays {
        return n as u32;
    }
    let mut d = start;
    let mut count = 0;
    for _ in 0..n {
        if !is_weekend(d) {
            count += 1;
        }
        d = d.tomorrow().unwrap_or(d);
    }
    count
}

/// Checks `setup` and builds its models.
pub fn start(setup: Setup) -> Result<(Running, Started), String> {
    let start = date(&setup.start, "Start date")?;
    let target = match &setup.question {
        Question::Items(n) => Target::Items(*n),
        Question::ByDate(text) => {
            let by = date(text, "By date")?;
            let days = days_until(start, by, setup.weekdays);
            if days == 0 && days_between(start, by) >= 0 {
                return Err(format!(
                    "By date: from {} to {text} there is no working day to count; choose a later date, or count every day.",
                    setup.start
                ));
            }
            if days == 0 {
                return Err(format!(
                    "By date: enter a date from {} on (the start date).",
                    setup.start
                ));
            }
            Target::Days(days)
        }
    };
    if setup.trials == 0 || setup.trials > MAX_TRIALS {
        return Err(format!("Trials: enter a number from 1 to {MAX_TRIALS}."));
    }
    let mut problems = Vec::new();
    let mut basis = String::new();
    let mut seed = DEFAULT_SEED;
    let mut models: Vec<(String, Box<dyn Model>)> = Vec::new();
    for source in &setup.sources {
        match source {
            Source::Days(days) => {
                let total: u32 = days.iter().sum();
                basis = format!(
                    "{} of this run, {} done",
                    count(days.len() as u64, "day", "days"),
                    count(total, "item", "items")
                );
                let m = ThroughputModel::new(days.clone())
                    .map_err(|e| format!("This run: {e}. Let it run a few days first."))?;
                models.push((String::new(), Box::new(m)));
            }
            Source::Csv(text) => {
                let parsed = parse_history(text).map_err(|e| format!("History: {e}"))?;
                problems = parsed.problems.iter().map(ToString::to_string).collect();
                // The model the command-line tool builds, and what it draws from: with
                // working days only, the items done on them.
                let m = ThroughputModel::from_history(&parsed.history, setup.weekdays)
                    .map_err(|e| format!("History: {e}"))?;
                let days = m.days();
                basis = format!(
                    "{} of history, {} done",
                    day_count(days.len() as u64, setup.weekdays),
                    count(
                        days.iter().map(|&d| u64::from(d)).sum::<u64>(),
                        "item",
                        "items"
                    )
                );
                models.push((String::new(), Box::new(m)));
            }
            Source::Scenario(label, scenario) => {
                seed = scenario.seed;
                basis = format!(
                    "{} replications of {} from day 0, each with its own seed",
                    setup.trials,
                    if label.is_empty() {
                        "the scenario".to_string()
                    } else {
                        "A and of B".to_string()
                    }
                );
                let m = SimulationModel::new(scenario, &Limits::APP)
                    .map_err(|e| format!("Scenario {label}: {e}"))?;
                models.push((label.clone(), Box::new(m)));
            }
        }
    }
    let plan = Plan {
        target,
        split: setup.split,
        seed,
    };
    plan.validate().map_err(|e| e.to_string())?;
    let started = Started {
        trials: setup.trials,
        problems,
        basis,
    };
    let running = Running {
        outcomes: vec![Vec::with_capacity(setup.trials as usize); models.len()],
        models,
        plan,
        setup,
        start,
        done: 0,
    };
    Ok((running, started))
}

impl Running {
    /// Runs trials up to `upto` per source.
    pub fn chunk(&mut self, upto: u32) -> Answer {
        let upto = upto.min(self.setup.trials);
        for ((label, model), out) in self.models.iter().zip(&mut self.outcomes) {
            if let Err(e) = run_trials(
                model.as_ref(),
                &self.plan,
                u64::from(self.done)..u64::from(upto),
                out,
            ) {
                let who = if label.is_empty() {
                    String::new()
                } else {
                    format!(" ({label})")
                };
                return Answer::Failed(format!("The forecast stopped{who}: {e}."));
            }
        }
        self.done = upto.max(self.done);
        if self.done < self.setup.trials {
            return Answer::Progress(self.done);
        }
        Answer::Done(self.finish())
    }

    fn finish(&self) -> Done {
        let weekdays = self.setup.weekdays;
        let outcomes = self
            .models
            .iter()
            .zip(&self.outcomes)
            .map(|((label, _), out)| {
                let l = Levels::of(self.plan.target, out).expect("at least one trial");
                let levels = [l.p50, l.p70, l.p85, l.p95];
                let dates: Vec<Date> = match self.plan.target {
                    Target::Items(_) => levels
                        .iter()
                        .map(|&d| date_of_day(self.start, d.min(MAX_DAYS), weekdays))
                        .collect::<Option<Vec<_>>>()
                        .unwrap_or_default(),
                    Target::Days(d) => date_of_day(self.start, d, weekdays).into_iter().collect(),
                };
                Outcome {
                    label: label.clone(),
                    outcomes: out.clone(),
                    levels,
                    dates: dates.iter().map(ToString::to_string).collect(),
                    long_dates: dates.iter().map(|&d| long_date(d)).collect(),
                }
            })
            .collect();
        Done {
            outcomes,
            days: match self.plan.target {
                Target::Days(d) => Some(d),
                Target::Items(_) => None,
            },
        }
    }
}

/// Calibrates a scenario from a history CSV.
pub fn fit(text: &str) -> Result<Fit, String> {
    let parsed = parse_history(text).map_err(|e| format!("History: {e}"))?;
    let c = calibrate(&parsed.history, DEFAULT_SEED).map_err(|e| format!("Calibration: {e}"))?;
    let (a, s) = (&c.actual, &c.simulated);
    Ok(Fit {
        within: c.within_tolerance(),
        rows: vec![
            ("Throughput (items/day)".into(), a.throughput, s.throughput),
            ("Lead time p50 (days)".into(), a.lead_p50, s.lead_p50),
            ("Lead time p85 (days)".into(), a.lead_p85, s.lead_p85),
        ],
        max_wip: c.max_wip.clone(),
        workers_share: c.workers_share,
        scenario: c.scenario,
    })
}
