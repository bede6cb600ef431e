//! The command-line tool: runs scenarios with the same core as the web app.

use flowsim::sim::dist::MAX_DURATION;
use flowsim::sim::validate::{Limits, MAX_CLI_DURATION};
use flowsim::sim::{Scenario, Simulation};
use std::fs;
use std::io::Write;

fn usage_text() -> String {
    format!(
        "\
flowsim — value-stream flow simulator

Usage:
  flowsim run SCENARIO.json [--items ITEMS.csv] [--windows WINDOWS.json]
      Runs the scenario for its duration and prints a JSON summary on stdout. Runs may be
      up to {MAX_CLI_DURATION:e} days long here (the web app stops at {MAX_DURATION}).
      --items    writes the per-item log (one row per stage visit) as CSV
      --windows  writes the per-window statistics as JSON
  flowsim check SCENARIO.json
      Validates the scenario for run and lists every problem with its field path; says
      so if the web app would refuse it (a longer duration).
  flowsim link SCENARIO.json [--embed PANELS] [--controls CONTROLS] [--autoplay]
      Prints the URL fragment (#...) that opens the scenario in the web app; with --embed,
      an embed link showing only PANELS (board,metrics,controls,throughput,lead,cfd,
      histogram,stages,aging) and CONTROLS (play,step,reset,speed).
  flowsim --help

Scenario format: docs/scenario-format.md. Errors go to stderr; the exit code is 1 for an
invalid scenario or failed write, 2 for wrong usage."
    )
}

/// Runs the tool with `args` (without the program name); returns the exit code.
pub fn main(args: Vec<String>) -> i32 {
    match run(&args) {
        Ok(()) => 0,
        Err((code, message)) => {
            eprintln!("{message}");
            code
        }
    }
}

type Failure = (i32, String);

fn usage(problem: &str) -> Failure {
    (2, format!("flowsim: {problem}\n\n{}", usage_text()))
}

/// Reads and validates a scenario file with `limits`.
fn load(path: &str, limits: &Limits) -> Result<Scenario, Failure> {
    let text =
        fs::read_to_string(path).map_err(|e| (1, format!("flowsim: cannot read {path}: {e}")))?;
    Scenario::from_json_with(&text, limits).map_err(|e| {
        let lines: Vec<String> = e
            .problems
            .iter()
            .map(|p| format!("  {}: {}", p.path, p.message))
            .collect();
        (
            1,
            format!(
                "flowsim: {path} is not a valid scenario:\n{}",
                lines.join("\n")
            ),
        )
    })
}

fn run(args: &[String]) -> Result<(), Failure> {
    let Some(command) = args.first() else {
        return Err(usage("no command given"));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{}", usage_text());
            Ok(())
        }
        "check" => {
            let [_, path] = args else {
                return Err(usage("check takes one scenario file"));
            };
            let scenario = load(path, &Limits::CLI)?;
            match scenario.validate() {
                Ok(()) => println!("{path}: valid"),
                Err(e) => println!(
                    "{path}: valid for flowsim run; the web app and share links would refuse it:\n{e}"
                ),
            }
            Ok(())
        }
        "run" => {
            let mut path = None;
            let mut items = None;
            let mut windows = None;
            let mut rest = args[1..].iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--items" => {
                        items = Some(
                            rest.next()
                                .ok_or_else(|| usage("--items needs a file name"))?,
                        )
                    }
                    "--windows" => {
                        windows = Some(
                            rest.next()
                                .ok_or_else(|| usage("--windows needs a file name"))?,
                        )
                    }
                    flag if flag.starts_with('-') => {
                        return Err(usage(&format!("unknown option {flag}")))
                    }
                    file if path.is_none() => path = Some(file),
                    extra => return Err(usage(&format!("unexpected argument {extra}"))),
                }
            }
            let path = path.ok_or_else(|| usage("run needs a scenario file"))?;
            let scenario = load(path, &Limits::CLI)?;
            let mut sim = Simulation::with_limits(&scenario, &Limits::CLI, items.is_some())
                .map_err(|e| (1, format!("flowsim: {e}")))?;
            sim.keep_windows(windows.is_some());
            sim.run();
            let write = |file: &str, text: String| {
                fs::write(file, text).map_err(|e| (1, format!("flowsim: cannot write {file}: {e}")))
            };
            if let (Some(file), Some(log)) = (items, sim.item_log()) {
                write(file, log.to_csv())?;
            }
            if let Some(file) = windows {
                let list: Vec<_> = sim.windows().iter().collect();
                write(
                    file,
                    serde_json::to_string_pretty(&list).expect("windows serialise"),
                )?;
            }
            let summary = serde_json::to_string_pretty(&sim.summary()).expect("summary serialises");
            // A closed pipe (e.g. `| head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout(), "{summary}");
            Ok(())
        }
        "link" => {
            let mut path = None;
            // The embed options as a link would spell them; parsing them checks every word.
            let mut parts = Vec::new();
            let mut rest = args[1..].iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--embed" => {
                        let v = rest
                            .next()
                            .ok_or_else(|| usage("--embed needs a list of panels"))?;
                        parts.push(format!("embed={v}"));
                    }
                    "--controls" => {
                        let v = rest
                            .next()
                            .ok_or_else(|| usage("--controls needs a list of controls"))?;
                        parts.push(format!("controls={v}"));
                    }
                    "--autoplay" => parts.push("autoplay=1".into()),
                    flag if flag.starts_with('-') => {
                        return Err(usage(&format!("unknown option {flag}")))
                    }
                    file if path.is_none() => path = Some(file),
                    extra => return Err(usage(&format!("unexpected argument {extra}"))),
                }
            }
            let embed = flowsim::share::parse(&parts.join("&"))
                .map_err(|e| (2, format!("flowsim: {e}")))?
                .embed;
            let path = path.ok_or_else(|| usage("link needs a scenario file"))?;
            let scenario = load(path, &Limits::APP)?;
            let snapshot = flowsim::state::Snapshot::of(scenario);
            let fragment = flowsim::share::fragment(&snapshot, embed.as_ref());
            let _ = writeln!(std::io::stdout(), "#{fragment}");
            Ok(())
        }
        other => Err(usage(&format!("unknown command {other:?}"))),
    }
}
