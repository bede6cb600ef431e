//! The command-line tool: runs scenarios with the same core as the web app, and forecasts
//! from a scenario or a team's history. Arguments are parsed by clap (derive).

mod serve;

use clap::{Args, Parser, Subcommand};
use flowsim::sim::dist::MAX_DURATION;
use flowsim::sim::forecast::history::{parse_history, ParsedHistory};
use flowsim::sim::forecast::{self, calendar, calibrate, Levels, Plan, SimulationModel, Target};
use flowsim::sim::validate::{Limits, MAX_CLI_DURATION};
use flowsim::sim::{Scenario, Simulation};
use jiff::civil::Date;
use serde::Serialize;
use std::fs;
use std::io::Write;

/// flowsim — value-stream flow simulator
#[derive(Parser, Debug)]
#[command(
    name = "flowsim",
    arg_required_else_help = true,
    after_help = "Scenario format: docs/scenario-format.md; history CSV format: docs/history-format.md.\nErrors go to stderr; the exit code is 1 for an invalid scenario or history, a file that cannot be read or a failed write,\n2 for wrong usage."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Runs the scenario for its duration and prints a JSON summary on stdout.
    #[command(long_about = format!(
        "Runs the scenario for its duration and prints a JSON summary on stdout. Runs may be up \
         to {MAX_CLI_DURATION:e} days long here (the web app stops at {MAX_DURATION})."
    ))]
    Run {
        /// The scenario (JSON, see docs/scenario-format.md).
        #[arg(value_name = "SCENARIO.json")]
        scenario: String,
        /// Writes the per-item log (one row per stage visit) as CSV.
        #[arg(long, value_name = "ITEMS.csv")]
        items: Option<String>,
        /// Writes the per-window statistics as JSON: the latest 4096 windows (a longer run says
        /// how many earlier ones it left out).
        #[arg(long, value_name = "WINDOWS.json")]
        windows: Option<String>,
    },
    /// Validates the scenario for run and lists every problem with its field path; says so if
    /// the web app would refuse it (a longer duration).
    Check {
        /// The scenario (JSON).
        #[arg(value_name = "SCENARIO.json")]
        scenario: String,
    },
    /// Prints the URL fragment (#...) that opens the scenario in the web app.
    Link {
        /// The scenario (JSON).
        #[arg(value_name = "SCENARIO.json")]
        scenario: String,
        /// An embed link showing only these panels, comma-separated:
        /// board,metrics,controls,timeline,throughput,lead,cfd,histogram,stages,aging
        #[arg(long, value_name = "PANELS", value_parser = clap::builder::NonEmptyStringValueParser::new())]
        embed: Option<String>,
        /// The controls an embed offers (play,step,reset,speed).
        #[arg(long, value_name = "CONTROLS", value_parser = clap::builder::NonEmptyStringValueParser::new())]
        controls: Option<String>,
        /// The embed starts running at once.
        #[arg(long)]
        autoplay: bool,
    },
    /// Forecasts how many days N items take (--items) or how many items D days finish
    /// (--days), from a team's history or by simulating a scenario; prints JSON.
    Forecast(ForecastArgs),
    /// Serves the built app and hosts workshop rooms over WebSocket (see docs/rooms.md).
    Serve(serve::ServeArgs),
    /// Prints the Content-Security-Policy the built app in DIR needs, for a static host:
    /// the one `flowsim serve` sends, with the hash of each inline script of DIR/index.html.
    Csp {
        /// The built app (trunk's output folder, with index.html).
        #[arg(value_name = "DIR", default_value = "dist")]
        dir: String,
    },
    /// Builds a scenario from a team's history and prints it (JSON) on stdout; the fit
    /// (history against simulation) and what could not be inferred go to stderr.
    #[command(
        long_about = "Builds a scenario from a team's history and prints it (JSON) on \
        stdout. The first state is the request, the last is done, each state between becomes \
        a stage. Arrivals come from the request dates; work times and workers are fitted by \
        simulating, so that the scenario reproduces the history's throughput and lead-time \
        percentiles. The fit and what could not be inferred (WIP limits) go to stderr."
    )]
    Calibrate {
        /// The history (CSV; see docs/history-format.md).
        #[arg(value_name = "HISTORY.csv")]
        history: String,
        /// Seed of the scenario and of the fitting runs.
        #[arg(long, value_name = "S", default_value_t = forecast::DEFAULT_SEED)]
        seed: u64,
    },
}

/// The arguments of `flowsim forecast`: one source (a history or a scenario) and one question
/// (items or days), each group required and exclusive, so a missing one names both choices.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["history", "scenario"])))]
#[command(group(clap::ArgGroup::new("question").required(true).args(["items", "days"])))]
struct ForecastArgs {
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

/// Runs the tool with `args` (without the program name); returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    let cli = match Cli::try_parse_from(std::iter::once("flowsim".to_string()).chain(args)) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print on stdout and exit 0; usage errors exit 2.
            let _ = e.print();
            return e.exit_code();
        }
    };
    match run(cli.command) {
        Ok(()) => 0,
        Err((code, message)) => {
            eprintln!("{message}");
            code
        }
    }
}

type Failure = (i32, String);

fn failed(message: impl std::fmt::Display) -> Failure {
    (1, format!("flowsim: {message}"))
}

fn read(path: &str) -> Result<String, Failure> {
    fs::read_to_string(path).map_err(|e| failed(format!("cannot read {path}: {e}")))
}

/// Reads and validates a scenario file with `limits`.
fn load(path: &str, limits: &Limits) -> Result<Scenario, Failure> {
    Scenario::from_json_with(&read(path)?, limits).map_err(|e| {
        let lines: Vec<String> = e
            .problems
            .iter()
            .map(|p| format!("  {}: {}", p.path, p.message))
            .collect();
        failed(format!(
            "{path} is not a valid scenario:\n{}",
            lines.join("\n")
        ))
    })
}

/// Reads a history file; problems in single rows are reported on stderr and those rows left
/// out.
fn load_history(path: &str) -> Result<ParsedHistory, Failure> {
    let parsed = parse_history(&read(path)?).map_err(|e| failed(format!("{path}: {e}")))?;
    for p in &parsed.problems {
        eprintln!("flowsim: {path}: {p} (row left out)");
    }
    Ok(parsed)
}

/// Prints `text` on stdout; a closed pipe (e.g. `| head`) is not an error worth a panic.
fn print(text: &str) {
    let _ = writeln!(std::io::stdout(), "{text}");
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Check { scenario: path } => {
            let scenario = load(&path, &Limits::CLI)?;
            match scenario.validate() {
                Ok(()) => print(&format!("{path}: valid")),
                Err(e) => print(&format!(
                    "{path}: valid for flowsim run; the web app and share links would refuse it:\n{e}"
                )),
            }
            Ok(())
        }
        Command::Run {
            scenario: path,
            items,
            windows,
        } => {
            let scenario = load(&path, &Limits::CLI)?;
            let mut sim = Simulation::with_limits(&scenario, &Limits::CLI, items.is_some())
                .map_err(failed)?;
            sim.keep_windows(windows.is_some());
            sim.keep_aging(false);
            sim.run();
            let write = |file: &str, text: String| {
                fs::write(file, text).map_err(|e| failed(format!("cannot write {file}: {e}")))
            };
            if let (Some(file), Some(log)) = (&items, sim.item_log()) {
                write(file, log.to_csv())?;
            }
            if let Some(file) = &windows {
                let list: Vec<_> = sim.windows().iter().collect();
                if let Some(first) = list.first().filter(|w| w.start > 0.0) {
                    eprintln!(
                        "flowsim: {file}: the latest {} windows, from day {}; the {} before are not kept (at most {} are)",
                        list.len(),
                        first.start,
                        (first.start / sim.scenario().window).round(),
                        flowsim::sim::windows::MAX_WINDOWS
                    );
                }
                write(
                    file,
                    serde_json::to_string_pretty(&list).expect("windows serialise"),
                )?;
            }
            print(&serde_json::to_string_pretty(&sim.summary()).expect("summary serialises"));
            Ok(())
        }
        Command::Link {
            scenario: path,
            embed,
            controls,
            autoplay,
        } => {
            // The embed options as a link would spell them; parsing them checks every word.
            let mut parts = Vec::new();
            if let Some(v) = embed {
                parts.push(format!("embed={v}"));
            }
            if let Some(v) = controls {
                parts.push(format!("controls={v}"));
            }
            if autoplay {
                parts.push("autoplay=1".into());
            }
            let embed = flowsim::share::parse(&parts.join("&"))
                .map_err(|e| (2, format!("flowsim: {e}")))?
                .embed;
            let scenario = load(&path, &Limits::APP)?;
            let snapshot = flowsim::state::Snapshot::of(scenario);
            print(&format!(
                "#{}",
                flowsim::share::fragment(&snapshot, embed.as_ref())
            ));
            Ok(())
        }
        Command::Forecast(args) => run_forecast(args),
        Command::Serve(args) => serve::run(args).map_err(failed),
        Command::Csp { dir } => {
            let index = std::path::Path::new(&dir).join("index.html");
            let page = read(&index.to_string_lossy())?;
            print(&flowsim::server::csp::policy(&page));
            Ok(())
        }
        Command::Calibrate { history, seed } => {
            let parsed = load_history(&history)?;
            let fit = calibrate::calibrate(&parsed.history, seed)
                .map_err(|e| failed(format!("{history}: {e}")))?;
            eprintln!("{fit}");
            print(&fit.scenario.to_json());
            Ok(())
        }
    }
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

fn run_forecast(args: ForecastArgs) -> Result<(), Failure> {
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
