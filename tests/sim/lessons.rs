//! Every lesson's claims hold, on several seeds: what a lesson teaches is what the model does.

use flowsim::lessons;

const SEEDS: u64 = 5;

#[test]
fn there_are_ten_lessons_with_unique_ids_and_every_part() {
    let all = lessons::all();
    assert_eq!(all.len(), 10);
    let mut ids: Vec<&str> = all.iter().map(|l| l.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 10);
    for l in all {
        for text in [&l.title, &l.question, &l.try_this, &l.notice, &l.takeaway] {
            assert!(text.len() > 10, "{}: a part is missing", l.id);
        }
        assert!(!l.steps.is_empty() && !l.claims.is_empty(), "{}", l.id);
    }
}

#[test]
fn every_lesson_claim_holds_on_every_seed() {
    let mut failures = Vec::new();
    for lesson in lessons::all() {
        for seed in 1..=SEEDS {
            let runs = lesson.run(seed);
            for claim in &lesson.claims {
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
