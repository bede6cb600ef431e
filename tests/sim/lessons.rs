//! Every lesson's claims hold, on several seeds: what a lesson teaches is what the model does.
//!
//! Claims with a value from theory (`near`, `ratio`) are two-sided. Their tolerance is at least
//! three times the root-mean-square miss over seeds 1 to 15 and half as much again as the
//! largest miss there; each claim's `basis` names the formula and those misses.

use flowsim::lessons::{self, Claim, Measure};

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
