//! Forecasts (issue #12): exact answers, a statistical check against the negative binomial,
//! the history CSV's edge cases, weekdays, splitting, chunked runs and the CLI contract.

use crate::helpers::scenario;
use flowsim::sim::forecast::history::parse_history;
use flowsim::sim::forecast::{
    forecast, run_trials, ForecastError, Levels, Plan, SimulationModel, Target, ThroughputModel,
};
use flowsim::sim::validate::Limits;

/// A history CSV with `per_day[i]` items done on day i after 2026-01-05 (a Monday).
pub(crate) fn history_csv(per_day: &[u32]) -> String {
    let start = jiff::civil::date(2026, 1, 5);
    let mut csv = String::from("id,Done\n");
    let mut id = 0;
    for (i, &n) in per_day.iter().enumerate() {
        let day = start.checked_add(jiff::Span::new().days(i as i64)).unwrap();
        for _ in 0..n {
            id += 1;
            csv.push_str(&format!("{id},{day}\n"));
        }
    }
    csv
}

pub(crate) fn plan(target: Target) -> Plan {
    Plan {
        target,
        split: 1,
        seed: 7,
    }
}

fn run(model: &dyn flowsim::sim::forecast::Model, plan: &Plan, trials: u32) -> Levels {
    forecast(model, plan, trials, 1000, |_, _| true)
        .expect("forecast runs")
        .levels
}

fn all(v: u32) -> Levels {
    Levels {
        p50: v,
        p70: v,
        p85: v,
        p95: v,
    }
}

#[test]
fn constant_throughput_gives_one_answer_at_every_level() {
    let parsed = parse_history(&history_csv(&[3; 20])).unwrap();
    assert!(parsed.problems.is_empty());
    let model = ThroughputModel::from_history(&parsed.history, false).unwrap();
    assert_eq!(model.days(), &[3; 20]);
    // 30 items at 3 a day: day 10; 31 items: day 11.
    assert_eq!(run(&model, &plan(Target::Items(30)), 2000), all(10));
    assert_eq!(run(&model, &plan(Target::Items(31)), 2000), all(11));
    assert_eq!(run(&model, &plan(Target::Days(10)), 2000), all(30));
}

#[test]
fn a_deterministic_backlog_scenario_gives_its_makespan() {
    let s = scenario(
        r#"{"arrival":{"type":"backlog","count":20},
            "stages":[{"name":"Work","work":{"type":"constant","value":1}}]}"#,
    );
    let model = SimulationModel::new(&s, &Limits::CLI).unwrap();
    // One item a day: the 20th is done at the end of day 20; 7 are done by day 7.
    assert_eq!(run(&model, &plan(Target::Items(20)), 50), all(20));
    assert_eq!(run(&model, &plan(Target::Items(1)), 50), all(1));
    assert_eq!(run(&model, &plan(Target::Days(7)), 50), all(7));
    assert_eq!(run(&model, &plan(Target::Days(100)), 50), all(20));
    // Asking for more than the backlog holds is an error, not a hang.
    let e = forecast(&model, &plan(Target::Items(21)), 5, 5, |_, _| true).unwrap_err();
    assert_eq!(
        e,
        ForecastError::RunsDry {
            delivered: 20,
            needed: 21
        }
    );
    assert!(e.to_string().contains("delivers only 20 items"), "{e}");
}

#[test]
fn items_done_by_simulation_with_instant_work_are_poisson() {
    // Work takes no time, so the items done by day 10 are the arrivals: Poisson with mean 20.
    let s = scenario(
        r#"{"arrival":{"type":"poisson","rate":2},
            "stages":[{"name":"Work","work":{"type":"constant","value":0}}]}"#,
    );
    let model = SimulationModel::new(&s, &Limits::CLI).unwrap();
    let trials = 4_000u32;
    let levels = run(&model, &plan(Target::Days(10)), trials);
    // P(Poisson(mean) ≥ k).
    let at_least_of = |mean: f64, k: u32| {
        let pmf = |i: u32| (1..=i).fold(libm::exp(-mean), |p, j| p * mean / f64::from(j));
        1.0 - (0..k).map(pmf).sum::<f64>()
    };
    let at_least = |k: u32| at_least_of(20.0, k);
    // As for the binomial above: the empirical share is within 5 standard errors,
    // 5 × sqrt(1/4 / 4000) = 0.04, of the true one.
    let tol = 5.0 * (0.25f64 / f64::from(trials)).sqrt();
    assert_levels(&levels, tol, at_least, |k| k + 1);
    // The 20th item is done by day d when at least 20 arrived by then: Poisson(2d) ≥ 20.
    let levels = run(&model, &plan(Target::Items(20)), trials);
    let done_by = |d: u32| at_least_of(2.0 * f64::from(d), 20);
    assert_levels(&levels, tol, done_by, |d| d - 1);
}

/// Asserts that the levels p50, p85 and p95 are right for a distribution known exactly:
/// `share(v)`, the true share of trials that reach level value v, is at least p − tol at the
/// level and below p + tol one step further on (`step(v)`).
fn assert_levels(levels: &Levels, tol: f64, share: impl Fn(u32) -> f64, step: impl Fn(u32) -> u32) {
    for (p, v) in [(0.50, levels.p50), (0.85, levels.p85), (0.95, levels.p95)] {
        assert!(share(v) >= p - tol, "p{p}: {v}, true share {}", share(v));
        let next = share(step(v));
        assert!(next < p + tol, "p{p}: {v}, true share one step on {next}");
    }
}

/// P(X ≤ k) for X ~ Binomial(n, 1/2), exactly enough in f64 for n ≤ 200.
fn binomial_half_cdf(n: u32, k: i64) -> f64 {
    if k < 0 {
        return 0.0;
    }
    let mut term = 0.5f64.powi(n as i32); // C(n, 0) / 2^n
    let mut sum = 0.0;
    for i in 0..=(k.min(n as i64) as u32) {
        sum += term;
        term *= f64::from(n - i) / f64::from(i + 1);
    }
    sum
}

#[test]
fn days_to_n_items_from_a_fair_coin_history_is_negative_binomial() {
    // Days with 0 and 1 done, half each: the day the 20th item is done is negative binomial.
    // P(done by day d) = P(Binomial(d, 1/2) ≥ 20).
    let per_day: Vec<u32> = (0..200).map(|i| i % 2).collect();
    let parsed = parse_history(&history_csv(&per_day)).unwrap();
    let model = ThroughputModel::from_history(&parsed.history, false).unwrap();
    let n = 20;
    let trials = 10_000u32;
    let levels = run(&model, &plan(Target::Items(n)), trials);
    let done_by = |d: u32| 1.0 - binomial_half_cdf(d, i64::from(n) - 1);
    // The estimated level d̂ has an empirical CDF ≥ p at d̂ and < p at d̂ − 1. The empirical
    // CDF is within 5 standard errors, sqrt(p(1 − p)/T) ≤ 0.005, of the true one (a failure
    // once in millions of seeds), so the true CDF is ≥ p − 0.025 at d̂ and < p + 0.025 below.
    let tol = 5.0 * (0.25f64 / f64::from(trials)).sqrt();
    assert_levels(&levels, tol, done_by, |d| d - 1);
    // The exact levels: p50 39 (P(done by 39) is exactly 1/2, so 40 is as likely an estimate),
    // p85 47 (the CDF at 46 is 0.849, so 46 is a fair estimate too), p95 51.
    assert!((39..=40).contains(&levels.p50), "{levels:?}");
    assert!((46..=47).contains(&levels.p85), "{levels:?}");
    assert!((50..=51).contains(&levels.p95), "{levels:?}");
    // Items done in 40 days is Binomial(40, 1/2); items.pXX is reached or exceeded in XX %.
    let levels = run(&model, &plan(Target::Days(40)), trials);
    let at_least = |k: u32| 1.0 - binomial_half_cdf(40, i64::from(k) - 1);
    assert_levels(&levels, tol, at_least, |k| k + 1);
    assert!(levels.p95 <= levels.p85 && levels.p85 <= levels.p70 && levels.p70 <= levels.p50);
}

#[test]
fn splitting_each_item_into_one_to_k() {
    let parsed = parse_history(&history_csv(&[1; 10])).unwrap();
    let model = ThroughputModel::from_history(&parsed.history, false).unwrap();
    // One item a day, 100 items each split into 1..=3: the days are a sum of 100 uniform
    // draws from {1, 2, 3}: mean 200, standard deviation √(100 × 2/3) = 8.16. Its exact
    // quantiles (by convolution) are p50 200 and p85 208; the standard error of a quantile
    // estimated from 10,000 trials is about 0.13 days here, so ±1 day is over 5 of them.
    let split = Plan {
        split: 3,
        ..plan(Target::Items(100))
    };
    let levels = run(&model, &split, 10_000);
    assert!((199..=201).contains(&levels.p50), "{levels:?}");
    assert!((207..=209).contains(&levels.p85), "{levels:?}");
    // 200 days deliver 200 done items: the backlog items they finish are a renewal count
    // with exact p50 100 and p85 96 (P(at least 96) = 0.856, P(at least 97) = 0.790).
    let levels = run(
        &model,
        &Plan {
            split: 3,
            ..plan(Target::Days(200))
        },
        10_000,
    );
    assert!((99..=101).contains(&levels.p50), "{levels:?}");
    assert!((95..=97).contains(&levels.p85), "{levels:?}");
    // Split 1 changes nothing.
    let one = Plan { split: 1, ..split };
    assert_eq!(run(&model, &one, 100), all(100));
}

#[test]
fn chunks_give_the_same_trials_as_one_run() {
    let per_day: Vec<u32> = (0..30).map(|i| (i * 7 % 5) as u32).collect();
    let parsed = parse_history(&history_csv(&per_day)).unwrap();
    let model = ThroughputModel::from_history(&parsed.history, false).unwrap();
    let p = plan(Target::Items(50));
    let whole = forecast(&model, &p, 300, 300, |_, _| true).unwrap();
    let mut parts = Vec::new();
    for range in [0..7, 7..150, 150..300] {
        run_trials(&model, &p, range, &mut parts).unwrap();
    }
    assert_eq!(whole.outcomes, parts);
    let mut seen = Vec::new();
    let cancelled = forecast(&model, &p, 300, 100, |done, total| {
        seen.push((done, total));
        done < 200
    });
    assert_eq!(cancelled.unwrap_err(), ForecastError::Cancelled);
    assert_eq!(seen, [(100, 300), (200, 300)]);
    // Another seed, other trials.
    let other = forecast(&model, &Plan { seed: 8, ..p }, 300, 300, |_, _| true).unwrap();
    assert_ne!(whole.outcomes, other.outcomes);
}

#[test]
fn weekdays_leave_weekends_out_of_the_sample_and_the_dates() {
    // Two weeks from a Monday: 2 done each weekday, nothing on the first weekend, and one
    // item done on the second Saturday.
    let mut per_day = vec![2, 2, 2, 2, 2, 0, 0, 2, 2, 2, 2, 2, 1];
    let parsed = parse_history(&history_csv(&per_day)).unwrap();
    let model = ThroughputModel::from_history(&parsed.history, true).unwrap();
    assert_eq!(model.days(), &[2; 10]);
    assert_eq!(run(&model, &plan(Target::Items(10)), 100), all(5));
    // Calendar days keep the weekend's zeros and the Saturday.
    per_day.pop();
    let model = ThroughputModel::from_history(&parsed.history, false).unwrap();
    assert_eq!(model.days().len(), 13);
    assert_eq!(model.days()[5..7], [0, 0]);
    use flowsim::sim::forecast::calendar::date_of_day;
    let thu = jiff::civil::date(2026, 1, 8);
    // Day 5 from a Thursday: Thursday, Friday, Monday, Tuesday, Wednesday.
    assert_eq!(
        date_of_day(thu, 5, true),
        Some(jiff::civil::date(2026, 1, 14))
    );
    assert_eq!(
        date_of_day(thu, 5, false),
        Some(jiff::civil::date(2026, 1, 12))
    );
}

#[test]
fn history_csv_edge_cases() {
    let text = "\u{feff}ID,Title,Requested,In progress,Done\r\n\
        1,\"Login, with SSO\",2026-01-05,2026-01-06,2026-01-08\r\n\
        2,\"A \"\"quoted\"\" title\nover two lines\",2026-01-05T09:30:00Z,,2026-01-09 17:00\r\n\
        3,Bad date,2026-01-05,2026-13-01,01/09/2026\r\n\
        4,Not done,2026-01-06,2026-01-07,\r\n\
        ,No id,2026-01-06,,2026-01-10\r\n\
        6,Too short,2026-01-06\r\n\
        \r\n\
        7,Offset,2026-01-06T23:30:00-05:00,2026-01-07T10:00:00+01:00[Europe/Paris],2026-01-12T08:00\r\n";
    let parsed = parse_history(text).unwrap();
    let h = &parsed.history;
    assert_eq!(h.states, ["Requested", "In progress", "Done"]);
    let ids: Vec<&str> = h.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "4", "7"]);
    assert_eq!(h.items[0].title.as_deref(), Some("Login, with SSO"));
    assert_eq!(
        h.items[1].title.as_deref(),
        Some("A \"quoted\" title\nover two lines")
    );
    let d = jiff::civil::date;
    assert_eq!(
        h.items[1].dates,
        [Some(d(2026, 1, 5)), None, Some(d(2026, 1, 9))]
    );
    assert_eq!(h.items[2].done(), None);
    // A date-time's date is the one written, whatever its offset.
    assert_eq!(h.items[3].first(), Some(d(2026, 1, 6)));
    assert_eq!(h.items[3].done(), Some(d(2026, 1, 12)));
    // Problems name the line (the quoted title spans lines 3 and 4) and column.
    let problems: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "line 5, column In progress: \"2026-13-01\" is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS)",
            "line 5, column Done: \"01/09/2026\" is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS)",
            "line 7, column ID: is empty: every item needs an id",
            "line 8, column row: has 3 cells, the header has 5",
        ]
    );
    assert_eq!(h.items[3].line, 10);
    // Done on the 8th, 9th and 12th: 5 calendar days, 3 working days.
    assert_eq!(h.daily_throughput(false), [1, 1, 0, 0, 1]);
    assert_eq!(h.daily_throughput(true), [1, 1, 1]);
}

/// A quote left open swallows the rows after it into one cell: the problem says so and names
/// the lines it took, so the rows lost with it are not lost silently.
#[test]
fn a_quote_left_open_is_named_with_the_lines_it_swallowed() {
    let text = "id,title,Requested,Done\n5,ok,2026-01-05,2026-01-06\n6,\"unterminated, title,2026-01-05,2026-01-07\n7,next,2026-01-05,2026-01-08\n8,last,2026-01-05,2026-01-09\n";
    let parsed = parse_history(text).unwrap();
    let problems: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        ["line 3, column row: has 2 cells, the header has 4: a quote in it is not closed, so lines 3 to 5 were read as this one row"]
    );
    assert_eq!(parsed.history.items.len(), 1);
}

#[test]
fn lone_carriage_returns_end_lines_too() {
    let parsed = parse_history("id,title,Done\r1,a,2026-01-05\r2,b,bad\r3,c,2026-01-07\r").unwrap();
    assert_eq!(parsed.history.items.len(), 2);
    assert_eq!(parsed.history.items[1].line, 4);
    assert_eq!(parsed.problems[0].line, 3);
}

#[test]
fn rows_whose_dates_go_back_in_time_are_left_out() {
    let text = "id,Requested,In progress,Done\n\
        1,2026-01-10,2026-01-08,2026-01-05\n\
        2,2026-01-05,2026-01-06,2026-01-07\n\
        3,2026-01-05,,2026-01-09\n\
        4,2026-01-09,,2026-01-07\n\
        5,2026-01-06,2026-01-06,2026-01-06\n";
    let parsed = parse_history(text).unwrap();
    let ids: Vec<&str> = parsed.history.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["2", "3", "5"]);
    let problems: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "line 2, column In progress: 2026-01-08 is before Requested (2026-01-10): the state columns are in workflow order, so an item cannot enter one before the one before it",
            // An empty cell between is skipped: done is compared with the request.
            "line 5, column Done: 2026-01-07 is before Requested (2026-01-09): the state columns are in workflow order, so an item cannot enter one before the one before it",
        ]
    );
}

#[test]
fn a_done_date_years_away_from_the_rest_is_left_out_as_a_typo() {
    // Sixty items done in January and February 2026, one typed as 2062 and one as 2016.
    let mut text = String::from("id,Done\n");
    for i in 0..60 {
        text += &format!("{i},2026-0{}-{:02}\n", 1 + i / 30, 1 + i % 28);
    }
    text = text.replace("id,Done\n", "id,Done\nbad,2026-13-01\n");
    text += "typo,2062-02-01\nold,2016-02-01\n,2026-01-05\n";
    let parsed = parse_history(&text).unwrap();
    assert_eq!(parsed.history.items.len(), 60);
    let problems: Vec<String> = parsed.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "line 2, column Done: \"2026-13-01\" is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS)",
            "line 63, column Done: 2062-02-01 is 13122 days after the rest of the history (2026-02-28): left out as a likely mistyped date, since a forecast would count every day between as a day with nothing done",
            "line 64, column Done: 2016-02-01 is 3622 days before the rest of the history (2026-01-01): left out as a likely mistyped date, since a forecast would count every day between as a day with nothing done",
            "line 65, column id: is empty: every item needs an id",
        ]
    );
    // The forecast sees the two months only.
    assert_eq!(parsed.history.daily_throughput(false).len(), 59);
    // One typo alone, the rest one group: still left out.
    let one = parse_history("id,Done\n1,2026-01-05\n2,2026-01-06\n3,2062-01-06\n").unwrap();
    assert_eq!((one.history.items.len(), one.problems.len()), (2, 1));
    // Two groups of equal size: the latest is kept.
    let tie =
        parse_history("id,Done\n1,2020-01-05\n2,2020-01-06\n3,2026-01-05\n4,2026-01-06\n").unwrap();
    let kept: Vec<&str> = tie.history.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(kept, ["3", "4"]);
    // Groups of done dates a year apart or less are one history, however sparse.
    let sparse = parse_history("id,Done\n1,2024-01-01\n2,2024-12-31\n3,2025-12-31\n").unwrap();
    assert_eq!((sparse.history.items.len(), sparse.problems.len()), (3, 0));
}

#[test]
fn working_days_only_of_a_history_done_at_weekends_says_so() {
    let parsed = parse_history("id,Done\n1,2026-01-03\n2,2026-01-04\n3,2026-01-10\n").unwrap();
    assert_eq!(
        ThroughputModel::from_history(&parsed.history, true).unwrap_err(),
        ForecastError::OnlyWeekends
    );
    assert!(ThroughputModel::from_history(&parsed.history, false).is_ok());
}

#[test]
fn unusable_history_files_say_why() {
    use flowsim::sim::forecast::history::HistoryError;
    assert_eq!(parse_history("").unwrap_err(), HistoryError::Empty);
    assert_eq!(
        parse_history("key,Done\n1,2026-01-01\n")
            .unwrap_err()
            .to_string(),
        "line 1: the first column must be called id, not \"key\""
    );
    assert_eq!(
        parse_history("id,title\n").unwrap_err(),
        HistoryError::NoStateColumns
    );
    // A single state column is a plain list of done dates; no done item, no forecast.
    let parsed = parse_history("id,Done\n1,\n").unwrap();
    assert_eq!(
        ThroughputModel::from_history(&parsed.history, false).unwrap_err(),
        ForecastError::NoHistory
    );
}

/// Any text reads without a panic (the line counter's order check included): CSV pieces,
/// quotes, CR, LF, CRLF and blank lines at random.
#[test]
fn any_text_reads_without_a_panic() {
    use rand::{Rng, SeedableRng};
    let pieces = [
        "1,2026-01-05",
        "\"a,\nb\",2026-01-06",
        "",
        "\r",
        "\n",
        "\r\n",
        "x",
        ",",
        "\"",
        "2,2062-01-01",
        "3,2016-01-01",
        "\u{feff}",
        "4,2026-01-04,2026-01-03",
    ];
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(7);
    for _ in 0..3000 {
        let mut text =
            String::from(["id,Done\n", "id,title,Requested,Done\r", ""][rng.random_range(0..3)]);
        for _ in 0..rng.random_range(0..40) {
            text += pieces[rng.random_range(0..pieces.len())];
        }
        if let Ok(parsed) = parse_history(&text) {
            let lines: Vec<u64> = parsed.history.items.iter().map(|i| i.line).collect();
            assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{text:?}");
        }
    }
}
