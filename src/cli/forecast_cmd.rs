//! `flowsim forecast`: how many days N items take, or how many items D days finish, from a
//! team's history or by simulating a scenario; prints JSON (its field names are a contract).

use super::{failed, load, load_history, print, Failure};
use clap::Args;
use flowsim::sim::forecast::{self, calendar, Levels, Plan, SimulationModel, Target};
use flowsim::sim::validate::Limits;
use jiff::civil::Date;
use serde::Serialize;

/// The arguments of `flowsim forecast`: one source (a history or a scenario) and one question
/// (items or days), each group required and exclusive, so a missing one names both choices.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["history", "scenario"])))]
#[command(group(clap::ArgGroup::new("question").required(true).args(["items", "days"])))]
pub struct ForecastArgs {
    /// Forecast from this throughput history (CSV: id, optional title, one date column per
    /// workflow state, the last being done; see docs/history-format.md).
    #[arg(long, value_name = "FILE.csv")]
    history: Option<String>,
    /// Forecast by simulating this scenario (JSON), trial i with seed `seed + i`.
    #[arg(long, value_name = "FILE.json")]
    scenario: Option<String>,
    /// How many days until N items are done?
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=i64::from(forecast::MAX_TARGET)))]
    items: Option<u32>,
    /// How many items are done in D days?
    #[arg(long, value_name = "D", value_parser = clap::value_parser!(u32).range(1..=i64::from(forecast::MAX_TARGET)))]
    days: Option<u32>,
    /// Number of trials [default: 10000 from a history, 1000 by simulation].
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u32).range(1..=i64::from(forecast::MAX_TRIALS)))]
    trials: Option<u32>,
    /// Seed of the trials [default: 20261122 for a history; the scenario's seed].
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// The first day of the forecast (day 1); adds the dates to a --items forecast.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_start)]
    start: Option<Date>,
    /// Each backlog item turns into 1 to K items (uniformly) before each trial.
    #[arg(long, value_name = "K", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=i64::from(forecast::MAX_SPLIT)))]
    split: u32,
    /// Count working days only: weekends are skipped in the dates and left out of the history.
    #[arg(long)]
    weekdays: bool,
}

fn parse_start(s: &str) -> Result<Date, String> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    s.parse::<Date>().map_err(|_| {
        if shaped {
            format!(
                "{s:?} is not a real date: there is no such month, or no such day in that month"
            )
        } else {
            format!("{s:?} is not a date of the form YYYY-MM-DD")
        }
    })
}

/// `flowsim forecast --items N`'s output (the field names are a contract).
#[derive(Serialize)]
struct ItemsAnswer {
    method: &'static str,
    trials: u32,
    items: u32,
    days: Levels,
    #[serde(skip_serializing_if = "Option::is_none")]
    dates: Option<DateLevels>,
}

/// `flowsim forecast --days D`'s output (the field names are a contract).
#[derive(Serialize)]
struct DaysAnswer {
    method: &'static str,
    trials: u32,
    days: u32,
    items: Levels,
}

/// The dates of a forecast's levels, `YYYY-MM-DD`.
#[derive(Serialize)]
struct DateLevels {
    p50: String,
    p70: String,
    p85: String,
    p95: String,
}

/// Runs `flowsim forecast`.
pub fn run(args: ForecastArgs) -> Result<(), Failure> {
    let target = match (args.items, args.days) {
        (Some(n), _) => Target::Items(n),
        (None, Some(d)) => Target::Days(d),
        (None, None) => unreachable!("clap requires --items or --days"),
    };
    let (method, model, seed, trials): (_, Box<dyn forecast::Model>, _, _) =
        if let Some(path) = &args.scenario {
            let mut scenario = load(path, &Limits::CLI)?;
            if let Some(seed) = args.seed {
                scenario.seed = seed;
            }
            let seed = scenario.seed;
            let model = SimulationModel::new(&scenario, &Limits::CLI).map_err(failed)?;
            let trials = args.trials.unwrap_or(forecast::DEFAULT_SIMULATION_TRIALS);
            ("simulation", Box::new(model), seed, trials)
        } else {
            let path = args
                .history
                .as_deref()
                .expect("clap requires --history or --scenario");
            let parsed = load_history(path)?;
            let model = forecast::ThroughputModel::from_history(&parsed.history, args.weekdays)
                .map_err(|e| failed(format!("{path}: {e}")))?;
            let seed = args.seed.unwrap_or(forecast::DEFAULT_SEED);
            let trials = args.trials.unwrap_or(forecast::DEFAULT_THROUGHPUT_TRIALS);
            ("throughput", Box::new(model), seed, trials)
        };
    let plan = Plan {
        target,
        split: args.split,
        seed,
    };
    let result = forecast::forecast(&*model, &plan, trials, trials, |_, _| true).map_err(failed)?;
    let levels = result.levels;
    let text = match target {
        Target::Items(items) => {
            let dates = match args.start {
                None => None,
                Some(start) => {
                    let date = |day: u32| {
                        calendar::date_of_day(start, day, args.weekdays)
                            .map(|d| d.to_string())
                            .ok_or_else(|| {
                                failed(format!("day {day} from {start} is past the year 9999"))
                            })
                    };
                    Some(DateLevels {
                        p50: date(levels.p50)?,
                        p70: date(levels.p70)?,
                        p85: date(levels.p85)?,
                        p95: date(levels.p95)?,
                    })
                }
            };
            serde_json::to_string_pretty(&ItemsAnswer {
                method,
                trials,
                items,
                days: levels,
                dates,
            })
        }
        Target::Days(days) => serde_json::to_string_pretty(&DaysAnswer {
            method,
            trials,
            days,
            items: levels,
        }),
    };
    print(&text.expect("the answer serialises"));
    Ok(())
}
