//! The `flowsim forecast` command's contract (issue #12): its arguments, its JSON fields and
//! its errors, and help for every subcommand.

use crate::forecast::history_csv;
use crate::helpers::flowsim;

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn keys(v: &serde_json::Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn cli_forecast_prints_the_contract() {
    let dir = std::env::temp_dir().join(format!("flowsim-forecast-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("history.csv");
    std::fs::write(&file, history_csv(&[2; 10]) + "99,someday\n").unwrap();
    let history = file.to_str().unwrap();
    let out = flowsim(&[
        "forecast",
        "--history",
        history,
        "--items",
        "10",
        "--start",
        "2026-11-27",
        "--weekdays",
    ]);
    // The bad row is reported on stderr by line and column; the forecast goes on.
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 22, column Done"));
    let v = json(&out);
    assert_eq!(keys(&v), ["dates", "days", "items", "method", "trials"]);
    assert_eq!(v["method"], "throughput");
    assert_eq!(v["trials"], 10_000);
    assert_eq!(v["items"], 10);
    for p in ["p50", "p70", "p85", "p95"] {
        // 2 a day: 5 working days from Friday 27 November is Thursday 3 December.
        assert_eq!(v["days"][p], 5);
        assert_eq!(v["dates"][p], "2026-12-03");
    }
    assert_eq!(keys(&v["days"]), ["p50", "p70", "p85", "p95"]);
    let v = json(&flowsim(&[
        "forecast",
        "--history",
        history,
        "--days",
        "4",
        "--trials",
        "50",
        "--seed",
        "3",
    ]));
    assert_eq!(keys(&v), ["days", "items", "method", "trials"]);
    assert_eq!(
        (v["trials"].as_u64(), v["days"].as_u64()),
        (Some(50), Some(4))
    );
    assert_eq!(v["items"]["p85"], 8);
    // By simulation: the penny game with batches of 1 delivers its 20th coin at day 23.
    let v = json(&flowsim(&[
        "forecast",
        "--scenario",
        "scenarios/penny-game.json",
        "--items",
        "20",
        "--trials",
        "3",
    ]));
    assert_eq!(keys(&v), ["days", "items", "method", "trials"]);
    assert_eq!(v["method"], "simulation");
    assert_eq!(v["trials"], 3);
    // Usage errors exit 2, bad input 1.
    for args in [
        &["forecast", "--items", "5"][..],
        &["forecast", "--history", history][..],
        &[
            "forecast",
            "--history",
            history,
            "--items",
            "5",
            "--days",
            "3",
        ][..],
        &["forecast", "--history", history, "--items", "0"][..],
        &[
            "forecast",
            "--history",
            history,
            "--scenario",
            "x.json",
            "--items",
            "5",
        ][..],
    ] {
        assert_eq!(flowsim(args).status.code(), Some(2), "{args:?}");
    }
    // A missing source or question names both choices.
    let out = flowsim(&["forecast", "--items", "5"]);
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("<--history <FILE.csv>|--scenario <FILE.json>>"));
    let out = flowsim(&["forecast", "--history", history]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("<--items <N>|--days <D>>"));
    // A date of the right form that is not in the calendar is told apart from a wrong form.
    let start = |date: &str| {
        let out = flowsim(&[
            "forecast",
            "--history",
            history,
            "--items",
            "5",
            "--start",
            date,
        ]);
        assert_eq!(out.status.code(), Some(2), "{date}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(start("2026-02-30").contains("\"2026-02-30\" is not a real date"));
    assert!(start("27/11/2026").contains("is not a date of the form YYYY-MM-DD"));
    let out = flowsim(&["forecast", "--history", "/no/such.csv", "--items", "5"]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(&file, "id,Done\n1,\n").unwrap();
    let out = flowsim(&["forecast", "--history", history, "--items", "5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no done item"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_subcommand_has_help() {
    for command in ["run", "check", "link", "forecast"] {
        let out = flowsim(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{command}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: flowsim"));
    }
}
