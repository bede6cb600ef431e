//! The theory estimates: exact where theory is exact, close where it approximates, and
//! honest about where they do not apply.

use crate::helpers::{assert_ci, each, replicate, scenario};
use flowsim::sim::theory::{conwip_bounds, kingman};

#[test]
fn kingman_is_exact_for_mm1_md1_and_jackson_lines() {
    let mm1 = scenario(
        r#"{"arrival":{"type":"poisson","rate":4},"stages":[{"name":"S","work":{"type":"exponential","mean":0.2}}]}"#,
    );
    assert!((kingman(&mm1).unwrap().lead_time - 1.0).abs() < 1e-12);
    let md1 = scenario(
        r#"{"arrival":{"type":"poisson","rate":4},"stages":[{"name":"S","work":{"type":"constant","value":0.2}}]}"#,
    );
    assert!((kingman(&md1).unwrap().lead_time - 0.6).abs() < 1e-12);
    let line = scenario(
        r#"{"arrival":{"type":"poisson","rate":4},"stages":[
            {"name":"A","work":{"type":"exponential","mean":0.2}},{"name":"B","work":{"type":"exponential","mean":0.125}}]}"#,
    );
    assert!((kingman(&line).unwrap().lead_time - (1.0 + 0.25)).abs() < 1e-12);
}

#[test]
fn kingman_approximates_a_general_line_within_ten_percent() {
    let s = scenario(
        r#"{"duration": 20000, "warmup": 200, "window": 20, "arrival":{"type":"poisson","rate":1.5},"stages":[
            {"name":"A","work":{"type":"lognormal","mean":0.5,"cv":0.5}},
            {"name":"B","workers":2,"work":{"type":"uniform","min":0.4,"max":1.6}},
            {"name":"C","work":{"type":"erlang","k":2,"mean":0.55}}]}"#,
    );
    let estimate = kingman(&s).unwrap().lead_time;
    let runs = replicate(&s, 5);
    let sim = each(&runs, |r| r.lead_time.mean.unwrap())
        .iter()
        .sum::<f64>()
        / 5.0;
    assert!(
        (sim - estimate).abs() < 0.1 * sim,
        "simulated {sim:.3}, Kingman {estimate:.3}"
    );
}

#[test]
fn kingman_says_plainly_when_it_does_not_apply() {
    let base = r#"{"arrival":{"type":"poisson","rate":1},"stages":[{"name":"Dev","work":{"type":"exponential","mean":0.5}"#;
    for (extra, words) in [
        (r#","wip_limit":3}]}"#, "WIP limit"),
        (r#","batch_size":3}]}"#, "batches"),
        (r#","release_every":5}]}"#, "release cadence"),
        (r#","rework":{"probability":0.1,"to":"Dev"}}]}"#, "rework"),
        (r#","multitask":2}]}"#, "multitask"),
    ] {
        let why = kingman(&scenario(&format!("{base}{extra}"))).unwrap_err();
        assert!(why.contains(words), "{why}");
    }
    let backlog = scenario(
        r#"{"arrival":{"type":"backlog","count":5},"stages":[{"name":"S","work":{"type":"constant","value":1}}]}"#,
    );
    let why = kingman(&backlog).unwrap_err();
    assert!(why.contains("all work is waiting at the start"), "{why}");
    // Arrivals on top of a starting backlog: a rate, but not yet a steady state.
    let both = scenario(
        r#"{"arrival":{"type":"poisson","rate":0.5,"backlog":5},"stages":[{"name":"S","work":{"type":"constant","value":1}}]}"#,
    );
    let why = kingman(&both).unwrap_err();
    assert!(why.contains("not in a steady state"), "{why}");
    // Exactly full is already overloaded: a queue that grows without bound.
    let full = scenario(
        r#"{"arrival":{"type":"poisson","rate":2},"stages":[{"name":"S","work":{"type":"constant","value":0.5}}]}"#,
    );
    let why = kingman(&full).unwrap_err();
    assert!(why.contains("overloaded (utilisation 100 %)"), "{why}");
}

#[test]
fn conwip_bounds_match_factory_physics() {
    let s = scenario(
        r#"{"duration": 20000, "warmup": 500, "window": 20, "wip_limit": 3, "arrival":{"type":"backlog","count":100000},"stages":[
            {"name":"M1","work":{"type":"exponential","mean":1}},{"name":"M2","work":{"type":"exponential","mean":1}},
            {"name":"M3","work":{"type":"exponential","mean":1}},{"name":"M4","work":{"type":"exponential","mean":1}}]}"#,
    );
    let (best, pwc) = conwip_bounds(&s, 3.0).unwrap();
    assert_eq!(best, 0.75);
    assert!((pwc - 0.5).abs() < 1e-12);
    assert_ci(
        "exponential CONWIP line at w=3",
        &each(&replicate(&s, 10), |r| r.throughput),
        pwc,
    );
    let mut batched = s.clone();
    batched.stages[1].batch_size = 2;
    assert!(
        conwip_bounds(&batched, 3.0).is_none(),
        "the bounds do not model batches"
    );
    let mut unstaffed = s.clone();
    unstaffed.stages[2].workers = 0;
    assert!(
        conwip_bounds(&unstaffed, 3.0).is_none(),
        "no capacity, no bounds"
    );
    // A bottleneck rate other than 1: work 0.5 and 0.25 days, one worker each. t₀ = 0.75,
    // r_b = 2, W₀ = 1.5; at w = 3 the best case is min(3 / 0.75, 2) = 2 and the practical
    // worst case 3 / (1.5 + 3 − 1) × 2 = 12 / 7.
    let fast = scenario(
        r#"{"wip_limit": 3, "arrival":{"type":"backlog","count":100},"stages":[
            {"name":"A","work":{"type":"exponential","mean":0.5}},{"name":"B","work":{"type":"exponential","mean":0.25}}]}"#,
    );
    let (best, pwc) = conwip_bounds(&fast, 3.0).unwrap();
    assert_eq!(best, 2.0);
    assert!((pwc - 12.0 / 7.0).abs() < 1e-12, "{pwc}");
}

#[test]
fn dora_metrics_follow_the_deploy_stage() {
    use flowsim::sim::dora::dora;
    // Deploys every 5 days as a release train; 10 % of deployments fail and go back to Develop.
    let s = scenario(
        r#"{"duration": 20000, "warmup": 100, "window": 10, "arrival":{"type":"poisson","rate":1},"stages":[
            {"name":"Develop","workers":2,"work":{"type":"exponential","mean":1}},
            {"name":"Test","work":{"type":"exponential","mean":0.3}},
            {"name":"Deploy","work":{"type":"constant","value":0.1},"release_every":5,
             "rework":{"probability":0.1,"to":"Develop"}}]}"#,
    );
    let summary = crate::helpers::run(&s);
    let d = dora(&s, &summary).expect("a deploy stage");
    assert_eq!(d.deploy_stage, "Deploy");
    // At most one deployment every 5 days; a train with nothing on board does not count.
    assert!(
        d.deployment_frequency <= 0.2 && d.deployment_frequency > 0.195,
        "{}",
        d.deployment_frequency
    );
    assert!(
        (d.change_failure_rate - 0.1).abs() < 0.01,
        "{}",
        d.change_failure_rate
    );
    // Commit to production, by Little's law per stage: Test is M/M/1 with λ = 1/0.9 (every
    // change passes again after a failed deployment) and μ = 1/0.3, so 1/(μ − λ) = 0.45 d;
    // Deploy is 0.1 d of work, a wait for the deploy worker of about 0.006 d (M/D/1 at load
    // 0.11), then the wait for the train: 2.5 d on average for the 90 % that pass (uniform
    // phase against a 5-day cadence), none for the 10 % that fail and go back. Total 2.806 d.
    // 20,000 days give about 22,000 changes: the estimate's noise is well under 1 %, and the
    // approximations (Develop's output is not exactly Poisson with the feedback) a few %.
    // Exactly: deployments per day over the 19,900 days after the warm-up.
    assert_eq!(
        d.deployment_frequency,
        summary.stages[2].departures as f64 / 19_900.0
    );
    let lead = d.lead_time_for_changes.unwrap();
    assert!((lead - 2.806).abs() < 0.1, "{lead}");
    assert!(
        d.time_to_restore.unwrap() > lead,
        "a failed change goes back through development"
    );
    let no_deploy = scenario(
        r#"{"arrival":{"type":"poisson","rate":1},"stages":[{"name":"Work","work":{"type":"exponential","mean":0.5}}]}"#,
    );
    assert!(dora(&no_deploy, &crate::helpers::run(&no_deploy)).is_none());
}

#[test]
fn dora_names_by_word_prefix_and_is_undefined_without_evidence() {
    use flowsim::sim::dora::dora;
    let line = |duration: f64, rework: f64| {
        scenario(&format!(
            r#"{{"duration": {duration}, "arrival":{{"type":"backlog","count":50}},"stages":[
            {{"name":"Developing","work":{{"type":"constant","value":1}}}},
            {{"name":"Deployment","work":{{"type":"constant","value":0.1}},
             "rework":{{"probability":{rework},"to":"Developing"}}}}]}}"#
        ))
    };
    // Half a day: nothing has reached the deploy stage yet, so there is no rate to divide by.
    let s = line(0.5, 0.5);
    let d = dora(&s, &crate::helpers::run(&s)).expect("'Deployment' is a deploy stage");
    assert_eq!(d.deploy_stage, "Deployment");
    assert_eq!(d.deployment_frequency, 0.0);
    assert_eq!(d.change_failure_rate, 0.0);
    assert_eq!(d.lead_time_for_changes, None);
    assert_eq!(d.time_to_restore, None);
    // No failed deployment: no time to restore, though every stage has a rate.
    let s = line(20.0, 0.0);
    let d = dora(&s, &crate::helpers::run(&s)).unwrap();
    assert_eq!(d.change_failure_rate, 0.0);
    assert!(d.lead_time_for_changes.is_some());
    assert_eq!(d.time_to_restore, None);
}

/// The estimate is the documented formula, term by term: Sakasegawa's wait for a stage of two,
/// the linking equation carrying variability downstream, deterministic arrivals (c²ₐ = 0).
#[test]
fn kingman_follows_its_formula_term_by_term() {
    let s = scenario(
        r#"{"arrival":{"type":"fixed","interval":0.5},"stages":[
            {"name":"A","workers":2,"work":{"type":"uniform","min":0.2,"max":1.4}},
            {"name":"B","work":{"type":"erlang","k":2,"mean":0.3}}]}"#,
    );
    let e = kingman(&s).unwrap();
    // A: λ = 2, tₑ = 0.8, c = 2: u = 0.8; c²ₑ = (1.2² / 12) / 0.8² = 0.1875; c²ₐ = 0.
    let a = &e.stages[0];
    let wait_a = (0.0 + 0.1875) / 2.0 * 0.8f64.powf(6f64.sqrt() - 1.0) / (2.0 * 0.2) * 0.8;
    let close = |x: f64, y: f64| (x - y).abs() < 1e-12;
    assert!(close(a.utilization, 0.8) && close(a.ca2, 0.0) && close(a.ce2, 0.1875));
    assert!(
        close(a.wait, wait_a) && close(a.time_in_stage, wait_a + 0.8),
        "{a:?}"
    );
    // B's arrivals are A's departures: c²_d = 1 + (1 − u²)(c²ₐ − 1) + u²(c²ₑ − 1)/√c.
    let ca2_b = 1.0 + (1.0 - 0.64) * (0.0 - 1.0) + 0.64 * (0.1875 - 1.0) / 2f64.sqrt();
    let b = &e.stages[1];
    // B: tₑ = 0.3, u = 0.6, c = 1 (exponent √4 − 1 = 1), c²ₑ = 1/k = 0.5.
    let wait_b = (ca2_b + 0.5) / 2.0 * 0.6 / 0.4 * 0.3;
    assert!(close(b.utilization, 0.6) && close(b.ca2, ca2_b) && close(b.ce2, 0.5));
    assert!(close(b.wait, wait_b), "{b:?}");
    assert!(close(e.lead_time, wait_a + 0.8 + wait_b + 0.3));
}

#[test]
fn kingman_names_every_feature_it_does_not_model() {
    let one = r#"{"name":"Dev","work":{"type":"exponential","mean":0.5}"#;
    for (json, words) in [
        (
            format!(
                r#"{{"arrival":{{"type":"poisson","rate":1,"backlog":3}},"stages":[{one}}}]}}"#
            ),
            "not in a steady state",
        ),
        (
            format!(
                r#"{{"arrival":{{"type":"poisson","rate":1}},"wip_limit":4,"stages":[{one}}}]}}"#
            ),
            "CONWIP",
        ),
        (
            format!(
                r#"{{"arrival":{{"type":"poisson","rate":1}},"stages":[{one}}}],
                    "classes":[{{"name":"X","share":1}}]}}"#
            ),
            "classes of service",
        ),
        (
            format!(
                r#"{{"arrival":{{"type":"poisson","rate":1}},"stages":[{one}}}],
                    "generalists":[{{"count":1,"stages":["Dev"]}}]}}"#
            ),
            "generalists",
        ),
        (
            format!(
                r#"{{"arrival":{{"type":"poisson","rate":1}},"stages":[{one},"setup":{{"type":"constant","value":1}}}}]}}"#
            ),
            "Dev: it moves work in batches",
        ),
        (
            format!(
                r#"{{"arrival":{{"type":"poisson","rate":1}},"stages":[{one},
                    "blockers":{{"probability":0.1,"duration":{{"type":"constant","value":1}}}}}}]}}"#
            ),
            "Dev: blocked items",
        ),
    ] {
        let why = kingman(&scenario(&json)).unwrap_err();
        assert!(why.contains(words), "{json}: {why}");
    }
}

#[test]
fn conwip_bounds_use_the_bottleneck_rate_of_a_stage_of_several() {
    // M1: two workers, 2 days each: 1 item a day; M2: 0.5 days: 2 a day. r_b = 1, t₀ = 2.5,
    // W₀ = r_b·t₀ = 2.5; with w = 3: best min(3 / 2.5, 1) = 1, practical worst 3 / (2.5 + 2) · 1.
    let s = scenario(
        r#"{"wip_limit":3,"arrival":{"type":"backlog","count":100},"stages":[
            {"name":"M1","workers":2,"work":{"type":"exponential","mean":2}},
            {"name":"M2","work":{"type":"exponential","mean":0.5}}]}"#,
    );
    let (best, worst) = conwip_bounds(&s, 3.0).unwrap();
    assert_eq!(best, 1.0);
    assert!((worst - 3.0 / 4.5).abs() < 1e-12);
    // With one item the line is never congested: best = worst = 1 / t₀.
    let (best, worst) = conwip_bounds(&s, 1.0).unwrap();
    assert!((best - 0.4).abs() < 1e-12 && (worst - 0.4).abs() < 1e-12);
    // What the bounds do not model: none given.
    let edits: [fn(&mut flowsim::sim::Scenario); 6] = [
        |s| s.stages[0].setup = Some(flowsim::sim::Dist::Constant { value: 1.0 }),
        |s| {
            s.stages[1].rework = Some(flowsim::sim::Rework {
                probability: 0.1,
                to: "M1".into(),
            })
        },
        |s| s.stages[0].release_every = Some(5.0),
        |s| s.stages[0].multitask = 2,
        |s| s.stages[1].wip_limit = Some(2),
        |s| {
            s.generalists = vec![flowsim::sim::Generalists {
                count: 1,
                stages: vec!["M1".into()],
            }]
        },
    ];
    for edit in edits {
        let mut t = s.clone();
        edit(&mut t);
        assert!(conwip_bounds(&t, 3.0).is_none(), "{t:?}");
    }
}
