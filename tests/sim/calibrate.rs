//! The example history (made by the simulator) and calibration: a scenario fitted to a
//! history reproduces it.

use crate::helpers::{assert_file_holds, example};
use flowsim::sim::forecast::calibrate::{calibrate, CalibrateError};
use flowsim::sim::forecast::history::parse_history;
use flowsim::sim::Arrival;

/// The example history's first day (a Monday).
const EXAMPLE_START: (i16, i8, i8) = (2026, 1, 5);

/// The example history made afresh from its scenario.
fn example_history() -> flowsim::sim::forecast::history::History {
    let s = example("team.json");
    let (y, m, d) = EXAMPLE_START;
    flowsim::sim::forecast::record::history_of(&s, jiff::civil::date(y, m, d)).unwrap()
}

/// The names of a scenario's stages, in order.
fn stage_names(s: &flowsim::sim::Scenario) -> Vec<&str> {
    s.stages.iter().map(|st| st.name.as_str()).collect()
}

/// `scenarios/history-example.csv` is what the simulator makes of `scenarios/team.json`;
/// `FLOWSIM_REGENERATE=1 cargo test --test sim example_history` writes it again.
#[test]
fn example_history_is_made_by_the_simulator() {
    let made = example_history();
    let csv = made.to_csv();
    assert_file_holds("scenarios/history-example.csv", &csv);
    let parsed = parse_history(&csv).unwrap();
    assert!(parsed.problems.is_empty());
    // Read back, it is the history made: every date, and each item on its own line of the file
    // (the header is line 1), numbered from 1.
    assert_eq!(parsed.history, made);
    for (i, item) in made.items.iter().enumerate() {
        assert_eq!(
            (item.line, item.id.as_str()),
            (i as u64 + 2, (i + 1).to_string().as_str())
        );
    }
    assert_eq!(
        parsed.history.states,
        ["Requested", "In progress", "Review", "Done"]
    );
    let n = parsed.history.items.len();
    assert!((250..450).contains(&n), "{n} items");
}

/// A history from a known scenario, calibrated back: simulating the calibrated scenario with
/// seeds the fit never saw reproduces the history's throughput within 5 % and its lead-time
/// p50 and p85 within 10 %. 40 runs pool about 13,000 items, so the simulated side's own noise
/// is about 1 % on throughput and 2 % on the percentiles.
#[test]
fn calibration_round_trip_reproduces_the_history() {
    use flowsim::sim::forecast::calibrate::Stats;
    let history = example_history();
    let fit = calibrate(&history, flowsim::sim::forecast::DEFAULT_SEED).unwrap();
    assert!(fit.within_tolerance(), "{fit}");
    // The search is deterministic: its outcome is kept as `flowsim calibrate
    // scenarios/history-example.csv` prints it, so any change to the search shows here.
    // `FLOWSIM_REGENERATE=1 cargo test --test sim calibration_round_trip` writes it again.
    assert_file_holds(
        "scenarios/history-example-calibrated.json",
        &format!("{}\n", fit.scenario.to_json()),
    );
    let actual = Stats::of(std::slice::from_ref(&history)).unwrap();
    assert_eq!(fit.actual, actual);
    let runs: Vec<_> = (0..40)
        .map(|r| {
            let mut s = fit.scenario.clone();
            s.seed = 1_000 + r;
            let (y, m, d) = EXAMPLE_START;
            flowsim::sim::forecast::record::history_of(&s, jiff::civil::date(y, m, d)).unwrap()
        })
        .collect();
    let again = Stats::of(&runs).unwrap();
    let off = |a: f64, b: f64| (a - b).abs() / a;
    assert!(
        off(actual.throughput, again.throughput) <= 0.05,
        "{actual:?}\n{again:?}"
    );
    assert!(
        off(actual.lead_p50, again.lead_p50) <= 0.10,
        "{actual:?}\n{again:?}"
    );
    assert!(
        off(actual.lead_p85, again.lead_p85) <= 0.10,
        "{actual:?}\n{again:?}"
    );
    // The scenario names the history's stages, and says what could not be inferred.
    assert_eq!(stage_names(&fit.scenario), ["In progress", "Review"]);
    // Arrivals: at the history's throughput, the items done over the days from the first done
    // to the last, both counted (requests never done are not work the team got through).
    let done: Vec<jiff::civil::Date> = history.items.iter().filter_map(|i| i.done()).collect();
    let (first_done, last_done) = (done.iter().min().unwrap(), done.iter().max().unwrap());
    let rate = done.len() as f64 / f64::from(first_done.until(*last_done).unwrap().get_days() + 1);
    let requests: Vec<jiff::civil::Date> = history
        .items
        .iter()
        .filter_map(|i| {
            i.dates[..i.dates.len() - 1]
                .iter()
                .flatten()
                .next()
                .copied()
        })
        .collect();
    let first = requests.iter().min().unwrap();
    // The run covers the history: from the first request to the last date in it, both counted.
    let last_date = history
        .items
        .iter()
        .flat_map(|i| i.dates.iter().flatten())
        .max();
    let span = first.until(*last_date.unwrap()).unwrap().get_days() + 1;
    assert_eq!(fit.scenario.duration, f64::from(span));
    match fit.scenario.arrival {
        Arrival::Poisson {
            rate: r,
            backlog: 0,
        } => assert_eq!(r, rate),
        other => panic!("arrivals {other:?}"),
    }
    // Workers: one share (the same for every stage) of the items seen in each state on average,
    // by Little's law the arrival rate × the mean days from entering the state to the next.
    let in_state = |j: usize| {
        let days: Vec<f64> = history
            .items
            .iter()
            .filter_map(|i| {
                let to = i.dates[j + 1..].iter().flatten().next()?;
                Some(i.dates[j]?.until(*to).unwrap().get_days() as f64)
            })
            .collect();
        days.iter().sum::<f64>() / days.len() as f64
    };
    let workers: Vec<u32> = fit.scenario.stages.iter().map(|s| s.workers).collect();
    let share = fit.workers_share;
    // Shares are tried fewest workers first; the search keeps the closest fit and stops at the
    // first within half the tolerances. For this history the outcome is ¾: a pinned value, so a
    // change to the search that moves it has to say why.
    assert_eq!(share, 0.75);
    let expected = [1, 2].map(|j| ((rate * in_state(j) * share).ceil() as u32).max(1));
    assert_eq!(
        workers,
        expected,
        "{share} × {:.2} and {:.2} items in the states on average",
        rate * in_state(1),
        rate * in_state(2)
    );
    assert!(fit
        .to_string()
        .contains(&format!("workers: {share} per item")));
    assert_eq!(fit.max_wip.len(), 2);
    assert!(fit.to_string().contains("not inferred: WIP limits"));
    eprintln!("{fit}\nindependent runs: {again:?}");
}

#[test]
fn histories_that_cannot_be_calibrated_say_why() {
    let one = parse_history("id,Done\n1,2026-01-05\n2,2026-01-06\n").unwrap();
    assert_eq!(
        calibrate(&one.history, 1).unwrap_err(),
        CalibrateError::OneState
    );
    let few = parse_history("id,Requested,Done\n1,2026-01-05,2026-01-07\n2,2026-01-05,\n").unwrap();
    let e = calibrate(&few.history, 1).unwrap_err();
    assert_eq!(e, CalibrateError::TooFewDone(1));
    assert!(
        e.to_string().ends_with("a done date; the history has 1"),
        "{e}"
    );
}

#[test]
fn cli_calibrate_prints_a_scenario_and_reports_the_fit_on_stderr() {
    let mut s = example("team.json");
    s.duration = 60.0;
    let (y, m, d) = EXAMPLE_START;
    let history =
        flowsim::sim::forecast::record::history_of(&s, jiff::civil::date(y, m, d)).unwrap();
    let dir = std::env::temp_dir().join(format!("flowsim-calibrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("history.csv");
    std::fs::write(&file, history.to_csv()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_flowsim"))
        .args(["calibrate", file.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("lead time p85") && err.contains("not inferred: WIP limits"),
        "{err}"
    );
    let fitted = flowsim::sim::Scenario::from_json(std::str::from_utf8(&out.stdout).unwrap())
        .expect("calibrate prints a valid scenario");
    assert_eq!(fitted.stages.len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Whole-day values read as spread evenly over [k − ½, k + ½): exact values of the
/// interpolated quantile, including the top (p = 1, the last value's upper edge).
#[test]
fn whole_day_quantiles_are_exact() {
    use flowsim::sim::forecast::calibrate::whole_day_quantile;
    let sorted = [1, 2, 2, 3];
    for (p, want) in [(0.0, 0.5), (0.25, 1.5), (0.5, 2.0), (0.9, 3.1), (1.0, 3.5)] {
        let got = whole_day_quantile(&sorted, p);
        assert!((got - want).abs() < 1e-12, "p = {p}: {got}, want {want}");
    }
}

/// Two histories pooled: done items add up, and so do the done spans (first to last done date,
/// both days counted); the lead times of all items together give the percentiles.
#[test]
fn stats_pool_histories_exactly() {
    use flowsim::sim::forecast::calibrate::Stats;
    use flowsim::sim::forecast::history::parse_history;
    let parse = |csv: &str| parse_history(csv).unwrap().history;
    // Leads 0, 4 and 8 days; done from Jan 5 to Jan 14: a span of 10 days.
    let a = parse("id,Requested,Done\n1,2026-01-05,2026-01-05\n2,2026-01-05,2026-01-09\n3,2026-01-06,2026-01-14\n");
    // One item, lead 2, done on one day: a span of 1.
    let b = parse("id,Requested,Done\n1,2026-01-01,2026-01-03\n");
    let s = Stats::of(&[a, b]).unwrap();
    assert_eq!(s.done, 4);
    assert_eq!(s.throughput, 4.0 / 11.0);
    // Leads [0, 2, 4, 8], each day k spread over [k − ½, k + ½).
    for (got, want) in [(s.lead_p50, 3.5), (s.lead_p85, 7.9), (s.lead_p95, 8.3)] {
        assert!((got - want).abs() < 1e-9, "{s:?}");
    }
}

/// The tolerances are throughput within 5 % and lead-time p50 and p85 within 10 %, each edge
/// included; a miss just past any one of them fails the fit.
#[test]
fn within_tolerance_is_the_stated_tolerances() {
    use flowsim::sim::forecast::calibrate::{Calibration, Stats};
    let actual = Stats {
        done: 100,
        throughput: 1.0,
        lead_p50: 10.0,
        lead_p85: 20.0,
        lead_p95: 30.0,
    };
    let fit = |simulated: Stats| Calibration {
        scenario: flowsim::sim::Scenario::single_stage(),
        actual,
        simulated,
        max_wip: Vec::new(),
        workers_share: 1.0,
    };
    assert!(fit(actual).within_tolerance());
    let edge = Stats {
        throughput: 0.96,
        lead_p50: 10.5,
        lead_p85: 21.9,
        ..actual
    };
    assert!(fit(edge).within_tolerance());
    for off in [
        Stats {
            throughput: 0.94,
            ..actual
        },
        Stats {
            throughput: 1.06,
            ..actual
        },
        Stats {
            lead_p50: 8.9,
            ..actual
        },
        Stats {
            lead_p85: 22.1,
            ..actual
        },
        Stats {
            lead_p95: 90.0,
            ..edge
        },
    ] {
        let ok = off.lead_p95 == 90.0;
        assert_eq!(fit(off).within_tolerance(), ok, "{off:?}");
    }
}

/// The suggested WIP limit of a state is the most items in it on any one day: an item counts
/// from the day it entered to the day it entered the next state, and one in and out on the same
/// day is not counted.
#[test]
fn the_most_items_seen_in_a_state_are_counted_day_by_day() {
    let history = parse_history(
        "id,Requested,Doing,Done\n\
         1,2026-01-05,2026-01-05,2026-01-08\n\
         2,2026-01-05,2026-01-06,2026-01-07\n\
         3,2026-01-06,2026-01-07,2026-01-07\n\
         4,2026-01-06,2026-01-08,2026-01-12\n",
    )
    .unwrap()
    .history;
    // Doing: item 1 from the 5th, item 2 from the 6th (two), item 2 leaves on the 7th as item 3
    // passes through, item 1 leaves on the 8th as item 4 enters: never more than two.
    let fit = calibrate(&history, 1).unwrap();
    assert_eq!(fit.max_wip, [("Doing".to_string(), 2)]);
}

/// Shares that give the same workers give the same model, and the search keeps the first of
/// them (the fewest workers per item): here one worker at every share (about 0.6 items in
/// progress on average), and no fit within the tolerances, so all four shares are tried.
#[test]
fn shares_that_give_the_same_workers_keep_the_first() {
    let mut csv = String::from("id,Requested,Doing,Done\n");
    let start = jiff::civil::date(2026, 1, 5);
    for i in 0..20 {
        let day = start + jiff::Span::new().days(5 * i);
        let took = if i % 5 == 4 { 10 } else { 1 };
        let done = day + jiff::Span::new().days(took);
        csv += &format!("{},{day},{day},{done}\n", i + 1);
    }
    let history = parse_history(&csv).unwrap().history;
    let fit = calibrate(&history, 1).unwrap();
    assert!(!fit.within_tolerance(), "{fit}");
    assert_eq!(fit.scenario.stages[0].workers, 1);
    assert_eq!(fit.workers_share, 0.5);
}

/// With only a request date and a done date, the whole time between is one stage, "Work".
#[test]
fn a_history_of_requests_and_done_dates_is_one_stage_of_work() {
    let history = parse_history(
        "id,Requested,Done\n\
         1,2026-01-05,2026-01-07\n\
         2,2026-01-06,2026-01-09\n\
         3,2026-01-08,2026-01-09\n\
         4,2026-01-09,2026-01-13\n",
    )
    .unwrap()
    .history;
    let fit = calibrate(&history, 1).unwrap();
    assert_eq!(stage_names(&fit.scenario), ["Work"]);
    // Items 1 and 2 on the 6th, 2 and 3 on the 8th: never more than two at once.
    assert_eq!(fit.max_wip, [("Work".to_string(), 2)]);
}

/// Real exports hold items started and never finished (abandoned, or stuck when the history
/// was taken). They are requests the team did not get through: a model taking them in as
/// arrivals would finish more than the team did. With 30 such items added to the example
/// history, the fit is still within its tolerances.
#[test]
fn items_never_done_do_not_pull_the_fit_off() {
    let mut csv = example_history().to_csv();
    for k in 0..30 {
        let day = 5 + k * 3;
        let (m, d) = (1 + (day - 1) / 28, 1 + (day - 1) % 28);
        csv.push_str(&format!(
            "stale{k},2026-{m:02}-{d:02},2026-{m:02}-{d:02},,\n"
        ));
    }
    let history = parse_history(&csv).unwrap().history;
    let fit = calibrate(&history, flowsim::sim::forecast::DEFAULT_SEED).unwrap();
    assert!(fit.within_tolerance(), "{fit}");
}
