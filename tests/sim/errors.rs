//! Invalid scenarios: every problem is reported with its field path and a reason.

use flowsim::sim::Scenario;

fn problems(json: &str) -> Vec<(String, String)> {
    match Scenario::from_json(json) {
        Ok(_) => panic!("accepted an invalid scenario: {json}"),
        Err(e) => e
            .problems
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect(),
    }
}

fn has(problems: &[(String, String)], path: &str, words: &str) -> bool {
    problems.iter().any(|(p, m)| p == path && m.contains(words))
}

const STAGE: &str = r#"{"name":"Dev","work":{"type":"constant","value":1}}"#;

#[test]
fn malformed_json_says_where() {
    let p = problems(r#"{"arrival": {"type":"backlog","count":3}, "stages": [ "#);
    assert!(p[0].1.contains("line 1"), "{p:?}");
}

#[test]
fn unknown_fields_are_named_with_their_path() {
    let p = problems(&format!(
        r#"{{"arrival":{{"type":"backlog","count":3}},"stages":[{STAGE}],"sped":1}}"#
    ));
    assert!(p[0].1.contains("unknown field `sped`"), "{p:?}");
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","work":{"type":"constant","value":1},"wip":3}]}"#,
    );
    assert!(
        p[0].0 == "stages[0].wip" && p[0].1.contains("unknown field `wip`"),
        "{p:?}"
    );
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","work":{"type":"gamma","mean":1}}]}"#,
    );
    assert!(
        p[0].0 == "stages[0].work.type" && p[0].1.contains("unknown type \"gamma\""),
        "{p:?}"
    );
}

#[test]
fn negative_and_zero_values_are_refused() {
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","workers":-1,"work":{"type":"constant","value":1}}]}"#,
    );
    assert!(
        p[0].0 == "stages[0].workers" && p[0].1.contains("-1"),
        "{p:?}"
    );
    let p = problems(
        r#"{"duration":0,"arrival":{"type":"poisson","rate":0},"stages":[{"name":"A","workers":0,"work":{"type":"exponential","mean":-2}}]}"#,
    );
    assert!(has(&p, "duration", "greater than 0"), "{p:?}");
    assert!(has(&p, "arrival.rate", "greater than 0"), "{p:?}");
    assert!(has(&p, "stages[0].workers", "at least 1"), "{p:?}");
    assert!(has(&p, "stages[0].work.mean", "greater than 0"), "{p:?}");
    assert_eq!(p.len(), 4, "every problem is listed: {p:?}");
    // A zero interval is one problem, said once (not also "must be at least …").
    let p = problems(
        r#"{"arrival":{"type":"fixed","interval":0},"stages":[{"name":"A","work":{"type":"constant","value":1}}]}"#,
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(has(&p, "arrival.interval", "greater than 0"), "{p:?}");
    // So is a zero release cadence.
    let p = problems(
        r#"{"arrival":{"type":"poisson","rate":1},"stages":[{"name":"A","release_every":0,"work":{"type":"constant","value":1}}]}"#,
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        has(&p, "stages[0].release_every", "greater than 0"),
        "{p:?}"
    );
}

#[test]
fn rework_target_must_exist_and_lie_upstream() {
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3},"stages":[
        {"name":"Dev","work":{"type":"constant","value":1},"rework":{"probability":0.1,"to":"Test"}},
        {"name":"Test","work":{"type":"constant","value":1},"rework":{"probability":1.5,"to":"QA"}}]}"#,
    );
    assert!(
        has(&p, "stages[0].rework.to", "comes after this stage"),
        "{p:?}"
    );
    assert!(
        has(&p, "stages[1].rework.to", "no stage is called \"QA\""),
        "{p:?}"
    );
    assert!(
        has(&p, "stages[1].rework.probability", "from 0 to 0.99"),
        "{p:?}"
    );
}

#[test]
fn impossible_distributions_are_refused() {
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3},"stages":[
        {"name":"A","work":{"type":"triangular","min":2,"mode":1,"max":3}},
        {"name":"B","work":{"type":"uniform","min":5,"max":1}},
        {"name":"C","work":{"type":"erlang","k":0,"mean":1}},
        {"name":"D","work":{"type":"lognormal","mean":1,"cv":0}}]}"#,
    );
    assert!(
        has(&p, "stages[0].work.mode", "between min and max"),
        "{p:?}"
    );
    assert!(has(&p, "stages[1].work.max", "at least min"), "{p:?}");
    assert!(has(&p, "stages[2].work.k", "from 1 to"), "{p:?}");
    assert!(has(&p, "stages[3].work.cv", "greater than 0"), "{p:?}");
}

/// A refused number is shown as it was meant, in scientific notation when it is huge or tiny,
/// not as hundreds of digits.
#[test]
fn huge_and_tiny_numbers_are_named_readably() {
    let p = problems(
        r#"{"duration":1e300,"arrival":{"type":"poisson","rate":1e300},"stages":[
        {"name":"A","work":{"type":"exponential","mean":-2.5e200}},
        {"name":"B","work":{"type":"uniform","min":1e20,"max":0.5}}]}"#,
    );
    assert!(has(&p, "duration", "(got 1e300)"), "{p:?}");
    assert!(has(&p, "arrival.rate", "(got 1e300)"), "{p:?}");
    assert!(has(&p, "stages[0].work.mean", "(got -2.5e200)"), "{p:?}");
    assert!(
        has(&p, "stages[1].work.max", "at least min (1e20), got 0.5"),
        "{p:?}"
    );
    assert!(p.iter().all(|(_, m)| m.len() < 120), "{p:?}");
    // Everyday numbers stay as they are.
    let p = problems(
        r#"{"warmup":-3,"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","work":{"type":"lognormal","mean":1,"cv":12.5}}]}"#,
    );
    assert!(has(&p, "warmup", "(got -3)"), "{p:?}");
    assert!(has(&p, "stages[0].work.cv", "(got 12.5)"), "{p:?}");
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","work":{"type":"exponential","mean":-1.5e-9}}]}"#,
    );
    assert!(has(&p, "stages[0].work.mean", "(got -1.5e-9)"), "{p:?}");
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","work":{"type":"exponential","mean":0}}]}"#,
    );
    assert!(has(&p, "stages[0].work.mean", "(got 0)"), "{p:?}");
}

#[test]
fn names_versions_and_sizes_are_checked() {
    let p = problems(&format!(
        r#"{{"version":2,"arrival":{{"type":"backlog","count":3}},"stages":[{STAGE},{STAGE}]}}"#
    ));
    assert!(has(&p, "version", "unsupported version 2"), "{p:?}");
    assert!(has(&p, "stages[1].name", "duplicate stage name"), "{p:?}");
    let many = vec![STAGE; 10_000].join(",");
    let p = problems(&format!(
        r#"{{"arrival":{{"type":"backlog","count":3}},"stages":[{many}]}}"#
    ));
    assert!(has(&p, "stages", "at most 50 stages"), "{p:?}");
    let huge = format!(
        r#"{{"name":"{}","arrival":{{"type":"backlog","count":3}},"stages":[{STAGE}]}}"#,
        "x".repeat(5_000_000)
    );
    let p = problems(&huge);
    assert!(has(&p, ".", "at most 1048576"), "{p:?}");
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","work":{"type":"constant","value":1e400}}]}"#,
    );
    assert!(p[0].1.contains("number out of range"), "{p:?}");
}

#[test]
fn a_valid_scenario_round_trips_through_json() {
    let text = include_str!("../../scenarios/everything.json");
    let s = Scenario::from_json(text).unwrap();
    let again = Scenario::from_json(&s.to_json()).unwrap();
    assert_eq!(s, again);
}

/// JSON leaves out what is at its default, and writes whatever is not: a share link or a saved
/// scenario stays short, and nothing set is lost.
#[test]
fn json_leaves_defaults_out_and_keeps_the_rest() {
    let plain = Scenario::single_stage().to_json();
    for default in [
        "\"batch_size\"",
        "\"multitask\"",
        "\"backlog\"",
        "\"wip_limit\"",
        "\"classes\"",
    ] {
        assert!(!plain.contains(default), "{default} in {plain}");
    }
    let set = Scenario::from_json(
        r#"{"arrival":{"type":"poisson","rate":1,"backlog":2},
            "stages":[{"name":"A","batch_size":2,"multitask":2,"work":{"type":"constant","value":1}}],
            "classes":[{"name":"X","share":1,"priority":3,"wip_exempt":true,"work_scale":2}]}"#,
    )
    .unwrap();
    let json = set.to_json();
    for field in [
        "\"backlog\": 2",
        "\"batch_size\": 2",
        "\"multitask\": 2",
        "\"priority\": 3",
        "\"wip_exempt\": true",
        "\"work_scale\": 2.0",
    ] {
        assert!(json.contains(field), "{field} missing from {json}");
    }
    assert_eq!(Scenario::from_json(&json).unwrap(), set);
    // A class at its defaults writes only its name and share.
    let class = Scenario::from_json(
        r#"{"arrival":{"type":"poisson","rate":1},
            "stages":[{"name":"A","work":{"type":"constant","value":1}}],
            "classes":[{"name":"X","share":1}]}"#,
    )
    .unwrap()
    .to_json();
    for default in ["priority", "wip_exempt", "work_scale"] {
        assert!(!class.contains(default), "{default} in {class}");
    }
}

fn listed(json: &str) -> Vec<String> {
    problems(json)
        .into_iter()
        .map(|(path, message)| format!("{path}: {message}"))
        .collect()
}

#[test]
fn every_problem_is_listed_type_errors_included() {
    let p = listed(
        r#"{"stages":[{"name":"A","workers":-3,"work":{"type":"exponential","mean":-1}}],"arrival":{"type":"poisson","rate":"fast"}}"#,
    );
    assert_eq!(
        p,
        [
            r#"arrival.rate: must be a number, got "fast""#,
            "stages[0].workers: must be a whole number from 1 to 500, got -3",
            "stages[0].work.mean: must be greater than 0 (got -1)",
        ],
    );
}

#[test]
fn a_whole_number_with_a_decimal_point_is_told_why() {
    assert_eq!(
        listed(
            r#"{"stages":[{"name":"A","workers":2.0,"work":{"type":"constant","value":1}}],"arrival":{"type":"backlog","count":2.5}}"#
        ),
        [
            "arrival.count: must be a whole number from 1 to 1000000, got 2.5",
            "stages[0].workers: must be a whole number from 1 to 500, got 2.0, with a decimal point: write whole numbers without one",
        ],
    );
}

#[test]
fn a_document_that_is_not_an_object_says_so() {
    assert_eq!(
        listed("[]"),
        [".: must be a JSON object (a scenario), got an array"]
    );
    assert_eq!(
        listed("7"),
        [".: must be a JSON object (a scenario), got 7"]
    );
}

#[test]
fn text_where_a_number_belongs_is_named_at_every_level() {
    let p = problems(
        r#"{"duration":"10","arrival":{"type":"fixed","interval":"1"},"stages":[
        {"name":"A","batch_size":"2","release_every":"x","work":{"type":"erlang","k":"3","mean":"1"}},
        {"name":"B","work":{"type":"constant","value":1},"rework":{"probability":"0.1","to":"A"}}],
        "generalists":[{"count":"2","stages":["A"]}]}"#,
    );
    let expected = [
        ("duration", r#"must be a number, got "10""#),
        ("arrival.interval", r#"must be a number, got "1""#),
        (
            "stages[0].batch_size",
            r#"must be a whole number from 1 to 10000, got "2""#,
        ),
        (
            "stages[0].work.k",
            r#"must be a whole number from 1 to 1000, got "3""#,
        ),
        ("stages[0].work.mean", r#"must be a number, got "1""#),
        ("stages[0].release_every", r#"must be a number, got "x""#),
        (
            "stages[1].rework.probability",
            r#"must be a number, got "0.1""#,
        ),
        (
            "generalists[0].count",
            r#"must be a whole number from 1 to 500, got "2""#,
        ),
    ];
    for (path, message) in expected {
        assert!(
            p.iter().any(|(pp, m)| pp == path && m == message),
            "{path}: {p:?}"
        );
    }
    assert_eq!(p.len(), expected.len(), "nothing else: {p:?}");
}

#[test]
fn an_unknown_arrival_type_names_the_allowed_ones() {
    let p = listed(&format!(
        r#"{{"arrival":{{"type":"weekly","rate":2}},"stages":[{STAGE}]}}"#
    ));
    assert_eq!(
        p,
        ["arrival.type: unknown type \"weekly\" (the types are poisson, fixed, backlog)"]
    );
    let p = listed(&format!(r#"{{"arrival":{{"rate":2}},"stages":[{STAGE}]}}"#));
    assert_eq!(
        p,
        ["arrival.type: is required: one of poisson, fixed, backlog"]
    );
}

#[test]
fn unknown_fields_are_listed_with_the_other_problems() {
    let p = problems(
        r#"{"arrival":{"type":"backlog","count":3,"cont":4},"stages":[{"name":"A","wip":3,"workers":0,"work":{"type":"constant","value":1}}]}"#,
    );
    assert!(
        has(
            &p,
            "arrival.cont",
            "unknown field `cont` (the fields here are type, count)"
        ),
        "{p:?}"
    );
    assert!(has(&p, "stages[0].wip", "unknown field `wip`"), "{p:?}");
    assert!(has(&p, "stages[0].workers", "at least 1"), "{p:?}");
    assert_eq!(p.len(), 3, "{p:?}");
}

#[test]
fn missing_required_fields_are_named() {
    assert_eq!(
        listed(r#"{"arrival":{"type":"backlog","count":3}}"#),
        ["stages: is required"]
    );
    let p = listed(r#"{"stages":[{"work":{"type":"exponential"}},{"name":"B"}]}"#);
    assert_eq!(
        p,
        [
            "arrival: is required",
            "stages[0].name: is required",
            "stages[0].work.mean: is required",
            "stages[1].work: is required",
        ]
    );
}

#[test]
fn a_truncated_scenario_says_the_text_ended_early() {
    let p = problems(r#"{"arrival": {"type":"backlog","count":3}, "stages": [ "#);
    assert_eq!(p.len(), 1);
    assert!(
        p[0].1.contains("the text ends before the scenario does"),
        "{p:?}"
    );
}

#[test]
fn a_scenario_of_exactly_the_size_limit_is_read_and_one_byte_more_is_not() {
    let json = format!(r#"{{"arrival":{{"type":"backlog","count":3}},"stages":[{STAGE}]}}"#);
    let pad = |n: usize| format!("{json}{}", " ".repeat(n - json.len()));
    let limit = flowsim::sim::MAX_JSON_BYTES;
    assert!(Scenario::from_json(&pad(limit)).is_ok());
    let p = problems(&pad(limit + 1));
    assert_eq!(p.len(), 1);
    assert!(p[0].1.contains("bytes; at most"), "{p:?}");
}

#[test]
fn past_the_most_problems_listed_a_last_line_counts_the_rest() {
    // One unknown field is one problem: 200 are all listed, 250 are 200 and a count of 50.
    let with_unknown = |n: usize| {
        let extra: String = (0..n).map(|i| format!(r#","x{i}":1"#)).collect();
        format!(r#"{{"arrival":{{"type":"backlog","count":3}},"stages":[{STAGE}]{extra}}}"#)
    };
    let p = problems(&with_unknown(200));
    assert_eq!(p.len(), 200);
    assert!(p.iter().all(|(_, m)| m.contains("unknown field")));
    let p = problems(&with_unknown(250));
    assert_eq!(p.len(), 201);
    assert_eq!(
        p[200],
        (".".to_string(), "and 50 more problems".to_string())
    );
}

/// As text (what the CLI prints), an error is its problems one per line, each as "path: reason".
#[test]
fn an_error_reads_as_one_problem_per_line() {
    let e = Scenario::from_json(r#"{"arrival": {"type": "backlog", "count": 0}, "stages": []}"#)
        .unwrap_err();
    let lines: Vec<String> = e
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect();
    assert!(lines.len() >= 2, "{lines:?}");
    assert_eq!(e.to_string(), lines.join("\n"));
}
