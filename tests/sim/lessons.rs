//! Every lesson's claims hold, on several seeds: what a lesson teaches is what the model does.
//!
//! Claims with a value from theory (`near`, `ratio`) are two-sided. Their tolerance is at least
//! three times the root-mean-square miss over seeds 1 to 15 and half as much again as the
//! largest miss there; each claim's `basis` names the formula and those misses.

use flowsim::lessons::{self, Claim, Measure};
use flowsim::sim::compare::{self, Better, Verdict};
use flowsim::sim::{Scenario, Simulation, Summary};

/// Seeds every claim is checked on (`tests/sim/mechanisms.rs` uses them too).
pub(crate) const SEEDS: u64 = 5;

#[test]
fn there_are_fourteen_lessons_with_unique_ids_and_every_part() {
    let all = lessons::all();
    assert_eq!(all.len(), 14);
    let mut ids: Vec<&str> = all.iter().map(|l| l.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 14);
    for l in all {
        for text in [&l.title, &l.question, &l.try_this, &l.notice, &l.takeaway] {
            assert!(text.len() > 10, "{}: a part is missing", l.id);
        }
        assert!(!l.steps.is_empty() && !l.claims().is_empty(), "{}", l.id);
    }
}

#[test]
fn claims_name_real_steps_and_theory_claims_say_where_their_value_comes_from() {
    for l in lessons::all() {
        let steps = l.steps.len();
        for claim in &l.claims() {
            let (used, within) = match claim {
                Claim::Falls { from, to, .. } | Claim::Rises { from, to, .. } => {
                    (vec![*from, *to], None)
                }
                Claim::Holds {
                    from, to, within, ..
                } => (vec![*from, *to], Some(*within)),
                Claim::Near {
                    step,
                    within,
                    basis,
                    ..
                } => {
                    assert!(basis.len() > 20, "{}: {claim:?} needs a basis", l.id);
                    (vec![*step], Some(*within))
                }
                Claim::Ratio {
                    from,
                    to,
                    within,
                    basis,
                    ..
                } => {
                    assert!(basis.len() > 20, "{}: {claim:?} needs a basis", l.id);
                    (vec![*from, *to], Some(*within))
                }
                Claim::Bottleneck { step, .. } => (vec![*step], None),
            };
            assert!(used.iter().all(|&s| s < steps), "{}: {claim:?}", l.id);
            // Two-sided claims must be tight enough to tell a model that is off by a factor
            // of two (in waiting or in throughput) from one that is right.
            if let Some(w) = within {
                assert!(w > 0.0 && w <= 0.15, "{}: {claim:?} is too loose", l.id);
            }
        }
    }
}

#[test]
fn near_and_ratio_claims_are_two_sided_and_say_why_in_plain_words() {
    // The penny game is deterministic: batches of 20 deliver the first coin on day 80.
    let penny = &lessons::all()[0];
    let runs = penny.run(1);
    let near = |value: f64| Claim::Near {
        measure: Measure::FirstCompletion,
        step: 0,
        value,
        within: 0.05,
        basis: String::new(),
    };
    assert!(near(80.0).check(&runs).is_ok());
    assert!(near(78.0).check(&runs).is_ok());
    assert!(near(85.0).check(&runs).is_err());
    assert_eq!(
        near(40.0).check(&runs).unwrap_err(),
        "in step 1, first delivery should be 40.000, give or take 5 %: it was 80.000"
    );
    // 80 → 4 days is a factor of 0.05.
    let ratio = |value: f64| Claim::Ratio {
        measure: Measure::FirstCompletion,
        from: 0,
        to: 2,
        value,
        within: 0.025,
        basis: String::new(),
    };
    assert!(ratio(0.05).check(&runs).is_ok());
    assert!(ratio(0.1).check(&runs).is_err());
    assert_eq!(
        ratio(0.025).check(&runs).unwrap_err(),
        "from step 1 to step 3, first delivery should become 0.025 times what it was, \
         give or take 2.5 %: 80.000 → 4.000"
    );
    // A measure that is undefined never passes.
    let queue = Claim::Near {
        measure: Measure::Queue("Nobody".into()),
        step: 0,
        value: 1.0,
        within: 0.1,
        basis: String::new(),
    };
    assert!(queue.check(&runs).is_err());
}

#[test]
fn every_lesson_claim_holds_on_every_seed() {
    let mut failures = Vec::new();
    for lesson in lessons::all() {
        let claims = lesson.claims();
        for seed in 1..=SEEDS {
            let runs = lesson.run(seed);
            for claim in &claims {
                if let Err(why) = claim.check(&runs) {
                    failures.push(format!("{} (seed {seed}): {why}", lesson.id));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "lesson claims that do not hold:\n{}",
        failures.join("\n")
    );
}

/// A lesson keeps its claims as text (the web app never reads them); reading them names the
/// claim that does not fit, from `claims` (a claim is tagged by its `kind`, so serde reads it
/// whole and the path stops at the claim).
#[test]
fn claims_that_do_not_read_are_named_by_their_path() {
    let text = std::fs::read_to_string("lessons/01-small-batches.json").unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["claims"][1]["measure"] = "speed".into();
    let lesson = lessons::parse(&json.to_string()).expect("the rest of the lesson reads");
    let e = lesson.try_claims().unwrap_err();
    assert_eq!(e.problems.len(), 1);
    assert_eq!(e.problems[0].path, "claims[1]");
    assert!(
        e.problems[0].message.contains("unknown variant `speed`"),
        "{e}"
    );
    // The lesson as it is reads, and its claims are the ones written.
    let good = lessons::parse(&text).unwrap();
    assert_eq!(
        good.try_claims().unwrap().len(),
        json["claims"].as_array().unwrap().len()
    );
}

/// Workshop mode runs each lesson's `compare` pair (else its first and last step) as A and B:
/// two different steps, each of which a claim checks, so what the reveal shows is tested.
#[test]
fn every_workshop_pair_is_two_steps_the_claims_check() {
    for l in lessons::all() {
        let Some((a, b)) = l.workshop_pair() else {
            assert_eq!(l.steps.len(), 1, "{}", l.id);
            continue;
        };
        assert!(a != b && a.max(b) < l.steps.len(), "{}", l.id);
        let checked: Vec<usize> = l
            .claims()
            .iter()
            .flat_map(|c| match c {
                Claim::Falls { from, to, .. }
                | Claim::Rises { from, to, .. }
                | Claim::Holds { from, to, .. }
                | Claim::Ratio { from, to, .. } => vec![*from, *to],
                Claim::Near { step, .. } | Claim::Bottleneck { step, .. } => vec![*step],
            })
            .collect();
        for step in [a, b] {
            assert!(
                checked.contains(&step),
                "{}: no claim checks step {step}",
                l.id
            );
        }
    }
    let illusion = lessons::all()
        .iter()
        .find(|l| l.id == "non-bottleneck-illusion")
        .unwrap();
    assert_eq!(illusion.workshop_pair(), Some((0, 1)));
    assert_eq!(lessons::all()[0].workshop_pair(), Some((0, 2)));
}

#[test]
fn a_compare_pair_must_name_two_different_steps_of_the_lesson() {
    let text = std::fs::read_to_string("lessons/01-small-batches.json").unwrap();
    for bad in ["[0, 3]", "[1, 1]", "[0]", "\"first\""] {
        let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
        json["compare"] = serde_json::from_str(bad).unwrap();
        let e = lessons::parse(&json.to_string()).unwrap_err();
        assert!(e.to_string().contains("compare"), "{bad}: {e}");
    }
}

/// The A/B row showing `measure`, if the table has one: the claim's own measure, or the
/// nearest the table shows (the median for a mean, a class's p85 for its mean). `None` for
/// what it does not show.
fn row_of<'r>(rows: &'r [compare::Row], measure: &Measure) -> Option<&'r compare::Row> {
    let name = match measure {
        Measure::Throughput => "Throughput".to_string(),
        Measure::LeadMean => "Lead time p50".into(),
        Measure::LeadP85 => "Lead time p85".into(),
        Measure::WipMean => "WIP (mean)".into(),
        Measure::LastCompletion => "All done on day".into(),
        Measure::FlowEfficiency => "Flow efficiency".into(),
        Measure::FailureLoad => "Failure load".into(),
        Measure::CycleMean if rows.iter().any(|r| r.name == "Cycle time p50") => {
            "Cycle time p50".into()
        }
        Measure::CycleMean => "Lead time p50".into(),
        Measure::ClassLeadMean(class) | Measure::ClassLeadP85(class) => {
            format!("{class} lead time p85")
        }
        _ => return None,
    };
    // With several classes the totals are not judged: a claim that a total holds is then all
    // they can show.
    rows.iter().find(|r| r.name == name)
}

/// What a lesson's claims say of B (step `b`) against A (step `a`), measure by measure: +1 it
/// rises by more than the table's noise, −1 it falls so, 0 it holds. From claims comparing the
/// two steps either way (`falls`, `rises`, `holds`, `ratio`) and from `near` claims on both
/// steps (their values' ratio); a change too close to the noise to call either way is left out.
fn pair_claims(claims: &[Claim], a: usize, b: usize) -> Vec<(Measure, i32)> {
    let call = |ratio: f64| {
        let r = ratio - 1.0;
        if r.abs() < compare::NOISE / 2.0 {
            Some(0)
        } else if r.abs() > 2.0 * compare::NOISE {
            Some(if r > 0.0 { 1 } else { -1 })
        } else {
            None
        }
    };
    let near = |m: &Measure, at: usize| {
        claims.iter().find_map(|c| match c {
            Claim::Near {
                measure,
                step,
                value,
                ..
            } if measure == m && *step == at => Some(*value),
            _ => None,
        })
    };
    let mut out = Vec::new();
    for claim in claims {
        let (measure, steps, expect) = match claim {
            Claim::Falls {
                measure, from, to, ..
            } => (measure, (*from, *to), Some(-1)),
            Claim::Rises {
                measure, from, to, ..
            } => (measure, (*from, *to), Some(1)),
            Claim::Holds {
                measure, from, to, ..
            } => (measure, (*from, *to), Some(0)),
            Claim::Ratio {
                measure,
                from,
                to,
                value,
                ..
            } => (measure, (*from, *to), call(*value)),
            Claim::Near {
                measure,
                step,
                value,
                ..
            } if *step == a => {
                let Some(vb) = near(measure, b) else { continue };
                (measure, (a, b), call(vb / value))
            }
            _ => continue,
        };
        let direction = match steps {
            s if s == (a, b) => 1,
            s if s == (b, a) => -1,
            _ => continue,
        };
        if let Some(expect) = expect {
            out.push((measure.clone(), expect * direction));
        }
    }
    out
}

/// Runs `a` and `b` on one clock, a day at a time as the app's frames do, until both are
/// settled (workshop mode's Reveal opens), then on to `times` × that day.
fn summaries_at_reveal(
    a: &Scenario,
    b: &Scenario,
    times: f64,
) -> (Summary, Summary, Option<compare::Backlog>, f64) {
    let (mut sa, mut sb) = (Simulation::new(a).unwrap(), Simulation::new(b).unwrap());
    let mut day = 0.0;
    while !(compare::settled(&sa.summary(), sa.is_finished())
        && compare::settled(&sb.summary(), sb.is_finished()))
    {
        day += 1.0;
        assert!(day <= a.duration, "never settles");
        sa.run_until(day);
        sb.run_until(day);
    }
    let end = (day * times).min(a.duration);
    sa.run_until(end);
    sb.run_until(end);
    let backlog = compare::Backlog::of(&sa, &sb);
    (sa.summary(), sb.summary(), backlog, end)
}

/// What workshop mode's A/B table shows when Reveal opens, and as the runs go on to four times
/// as long, agrees with the debrief beside it: every claim comparing the two steps the table
/// compares, about a measure the table shows, is coloured as the claim says (a fall of lead
/// time as better, a throughput that holds as uncoloured), and names the bottleneck a claim
/// names; on the lesson's own seed (1, which the workshop runs) and the other seeds the claims
/// are checked on.
#[test]
fn the_workshop_table_at_reveal_agrees_with_the_lessons_claims() {
    let mut failures = Vec::new();
    for l in lessons::all() {
        // A lesson of one step shows that run alone (its metrics, no table).
        let (ia, ib) = l.workshop_pair().unwrap_or((0, 0));
        let claims = l.claims();
        let mut checked = Vec::new();
        for seed in 1..=SEEDS {
            let [a, b] = [ia, ib].map(|i| Scenario {
                seed,
                ..l.steps[i].scenario.clone()
            });
            for times in [1.0, 1.1, 1.2, 1.3, 1.5, 1.7, 2.0, 2.5, 3.0, 4.0] {
                let (sa, sb, backlog, day) = summaries_at_reveal(&a, &b, times);
                let rows = compare::rows(&sa, &sb, backlog);
                for claim in &claims {
                    let Claim::Bottleneck { step, stage } = claim else {
                        continue;
                    };
                    for (at, s) in [(ia, &sa), (ib, &sb)] {
                        if at == *step && s.bottleneck.as_deref() != Some(stage) {
                            failures.push(format!(
                                "{} (seed {seed}) on day {day}: the bottleneck reads {:?}; the \
                                 claim names {stage}",
                                l.id, s.bottleneck
                            ));
                        }
                    }
                    checked.push("Bottleneck".into());
                }
                for (measure, expect) in pair_claims(&claims, ia, ib) {
                    let Some(row) = row_of(&rows, &measure) else {
                        continue;
                    };
                    checked.push(row.name.clone());
                    // The row knows which way is better (more throughput or flow
                    // efficiency, less lead time); totals across classes are not judged.
                    let sign = match row.better {
                        Better::Higher => 1,
                        Better::Lower => -1,
                        Better::Neither => 0,
                    };
                    let want = match expect * sign {
                        1 => Verdict::Better,
                        -1 => Verdict::Worse,
                        _ => Verdict::Same,
                    };
                    if row.verdict != want {
                        failures.push(format!(
                            "{} (seed {seed}) on day {day}: {} shows {:?} ({:?}); the claim \
                             wants {want:?}",
                            l.id, row.name, row.verdict, row.change
                        ));
                    }
                }
            }
        }
        if checked.is_empty() {
            failures.push(format!("{}: no claim compares what its table shows", l.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The penny game (every coin requested on day 0): the A/B table says on which day each run
/// had done its coins, the debrief's "all are done by day 23" against day 80, instead of lead
/// times that would only count the days since day 0; before a run is over its day is "–".
#[test]
fn a_backlog_lesson_compares_the_day_each_run_is_done_instead_of_lead_time() {
    let l = lessons::all()
        .iter()
        .find(|l| l.id == "small-batches")
        .unwrap();
    let (ia, ib) = l.workshop_pair().unwrap();
    let [a, b] = [ia, ib].map(|i| l.steps[i].scenario.clone());
    assert_eq!(a.backlog_only(), Some(20));
    let (sa, sb, backlog, _) = summaries_at_reveal(&a, &b, 1.0);
    let rows = compare::rows(&sa, &sb, backlog);
    assert!(!rows.iter().any(|r| r.name.starts_with("Lead time")));
    let done = rows.iter().find(|r| r.name == "All done on day").unwrap();
    assert_eq!((done.a, done.b), (Some(80.0), Some(23.0)));
    assert_eq!(done.verdict, Verdict::Better);
    let running = compare::Backlog {
        a_over: false,
        b_over: true,
    };
    let done = compare::rows(&sa, &sb, Some(running))
        .into_iter()
        .find(|r| r.name == "All done on day")
        .unwrap();
    assert_eq!((done.a, done.b, done.change), (None, Some(23.0), None));
    let neither = compare::Backlog {
        a_over: false,
        b_over: false,
    };
    let names: Vec<String> = (compare::rows(&sa, &sb, Some(neither)).into_iter())
        .map(|r| r.name)
        .collect();
    assert!(!names.iter().any(|n| n == "All done on day"), "{names:?}");
    let mut poisson = a.clone();
    poisson.arrival = flowsim::sim::Arrival::Poisson {
        rate: 1.0,
        backlog: 20,
    };
    assert_eq!(poisson.backlog_only(), None);
}

/// The A/B table's failure-load row is there only where work is found defective (lesson 9:
/// 30 % of the work is rework when testing late, about 15 % shifted left); without rework it
/// would read 0 % against 0 %. Flow efficiency is always there, a percentage.
#[test]
fn the_failure_load_row_is_there_only_where_there_is_rework() {
    let pair = |id: &str| {
        let l = lessons::all().iter().find(|l| l.id == id).unwrap();
        let (ia, ib) = l.workshop_pair().unwrap();
        let [a, b] = [ia, ib].map(|i| l.steps[i].scenario.clone());
        let (sa, sb, backlog, _) = summaries_at_reveal(&a, &b, 1.0);
        compare::rows(&sa, &sb, backlog)
    };
    let rows = pair("shift-quality-left");
    let load = rows.iter().find(|r| r.name == "Failure load").unwrap();
    let (a, b) = (load.a.unwrap(), load.b.unwrap());
    assert!((a - 30.0).abs() < 3.0 && (b - 15.0).abs() < 5.0, "{a} {b}");
    assert_eq!(load.verdict, Verdict::Better);
    let rows = pair("blocked-work");
    assert!(!rows.iter().any(|r| r.name == "Failure load"));
    let fe = rows.iter().find(|r| r.name == "Flow efficiency").unwrap();
    assert!(fe.a.unwrap() > fe.b.unwrap() && fe.a.unwrap() <= 100.0);
    assert_eq!((fe.unit, fe.verdict), (" %", Verdict::Worse));
}
