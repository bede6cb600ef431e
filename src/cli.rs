//! The command-line tool: runs scenarios with the same core as the web app, and forecasts
//! from a scenario or a team's history. Arguments are parsed by clap (derive).

mod forecast_cmd;
mod serve;

use clap::{Parser, Subcommand};
use flowsim::sim::dist::MAX_DURATION;
use flowsim::sim::forecast::history::{parse_history, ParsedHistory};
use flowsim::sim::forecast::{self, calibrate};
use flowsim::sim::validate::{Limits, MAX_CLI_DURATION};
use flowsim::sim::{Scenario, Simulation};
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
    Forecast(forecast_cmd::ForecastArgs),
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
        Command::Forecast(args) => forecast_cmd::run(args),
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
