//! Every limit of a scenario at its edge: the limit itself is accepted, the next value past it
//! is refused with the field's path (so a limit off by one, or a `<` that should be `<=`, shows).

use flowsim::sim::validate::{
    Limits, MAX_BACKLOG, MAX_BATCH, MAX_CLASSES, MAX_CLI_DURATION, MAX_MULTITASK, MAX_NAME_CHARS,
    MAX_PRIORITY, MAX_RATE, MAX_REWORK, MAX_STAGES, MAX_WIP_LIMIT, MAX_WORKERS, MAX_WORK_SCALE,
};
use flowsim::sim::Scenario;
use serde_json::{json, Value};

const MAX_DAYS: f64 = flowsim::sim::dist::MAX_DURATION;

/// A valid scenario of two stages, changed by `edit`.
fn with(edit: impl FnOnce(&mut Value)) -> Value {
    let mut v = json!({
        "duration": 100,
        "arrival": {"type": "poisson", "rate": 1},
        "stages": [
            {"name": "A", "work": {"type": "constant", "value": 1}},
            {"name": "B", "work": {"type": "constant", "value": 1}}
        ]
    });
    edit(&mut v);
    v
}

/// The paths of the problems found with `limits` (empty when the scenario is valid).
fn paths_with(v: &Value, limits: &Limits) -> Vec<String> {
    match Scenario::from_json_with(&v.to_string(), limits) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems.into_iter().map(|p| p.path).collect(),
    }
}

/// `at` is accepted and `past` is refused at `path` alone.
#[track_caller]
fn edge(path: &str, at: Value, past: Value) {
    assert_eq!(paths_with(&at, &Limits::APP), Vec::<String>::new(), "{at}");
    assert_eq!(paths_with(&past, &Limits::APP), [path], "{past}");
}

/// Just above and just below positive `x`: by a relative 10⁻¹², a few thousand steps of an
/// `f64`, so the value survives the trip through JSON text (serde_json's default float parser
/// may be one step off).
fn up(x: f64) -> f64 {
    x * (1.0 + 1e-12)
}
fn down(x: f64) -> f64 {
    x * (1.0 - 1e-12)
}

/// Smallest amounts above and below zero used here.
const TINY: f64 = 1e-9;

#[test]
fn run_length_warm_up_and_window() {
    edge(
        "duration",
        with(|v| v["duration"] = json!(MAX_DAYS)),
        with(|v| v["duration"] = json!(up(MAX_DAYS))),
    );
    edge(
        "duration",
        with(|v| v["duration"] = json!(TINY)),
        with(|v| v["duration"] = json!(0.0)),
    );
    edge(
        "warmup",
        with(|v| v["warmup"] = json!(down(100.0))),
        with(|v| v["warmup"] = json!(100.0)),
    );
    edge(
        "warmup",
        with(|v| v["warmup"] = json!(0.0)),
        with(|v| v["warmup"] = json!(-TINY)),
    );
    edge(
        "window",
        with(|v| v["window"] = json!(0.001)),
        with(|v| v["window"] = json!(down(0.001))),
    );
    edge(
        "window",
        with(|v| v["window"] = json!(MAX_DAYS)),
        with(|v| v["window"] = json!(up(MAX_DAYS))),
    );
    // The command-line tool's own longest run.
    let cli = |d: f64| paths_with(&with(|v| v["duration"] = json!(d)), &Limits::CLI);
    assert!(cli(MAX_CLI_DURATION).is_empty());
    assert_eq!(cli(up(MAX_CLI_DURATION)), ["duration"]);
}

#[test]
fn arrivals() {
    let poisson = |rate: f64, backlog: u32| {
        with(|v| v["arrival"] = json!({"type": "poisson", "rate": rate, "backlog": backlog}))
    };
    edge(
        "arrival.rate",
        poisson(MAX_RATE, 0),
        poisson(up(MAX_RATE), 0),
    );
    edge("arrival.rate", poisson(TINY, 0), poisson(0.0, 0));
    edge(
        "arrival.backlog",
        poisson(1.0, MAX_BACKLOG),
        poisson(1.0, MAX_BACKLOG + 1),
    );
    let fixed = |interval: f64, backlog: u32| {
        with(|v| v["arrival"] = json!({"type": "fixed", "interval": interval, "backlog": backlog}))
    };
    let shortest = 1.0 / MAX_RATE;
    edge(
        "arrival.interval",
        fixed(shortest, 0),
        fixed(down(shortest), 0),
    );
    edge(
        "arrival.interval",
        fixed(MAX_DAYS, 0),
        fixed(up(MAX_DAYS), 0),
    );
    edge(
        "arrival.backlog",
        fixed(1.0, MAX_BACKLOG),
        fixed(1.0, MAX_BACKLOG + 1),
    );
    let backlog = |count: u32| with(|v| v["arrival"] = json!({"type": "backlog", "count": count}));
    edge("arrival.count", backlog(1), backlog(0));
    edge(
        "arrival.count",
        backlog(MAX_BACKLOG),
        backlog(MAX_BACKLOG + 1),
    );
}

#[test]
fn whole_numbers_of_a_stage_and_of_the_system() {
    for (field, min, max) in [
        ("workers", 1, MAX_WORKERS),
        ("wip_limit", 1, MAX_WIP_LIMIT),
        ("batch_size", 1, MAX_BATCH),
        ("multitask", 1, MAX_MULTITASK),
    ] {
        let set = |n: u32| with(|v| v["stages"][1][field] = json!(n));
        let path = format!("stages[1].{field}");
        edge(&path, set(min), set(min - 1));
        edge(&path, set(max), set(max + 1));
    }
    let system = |n: u32| with(|v| v["wip_limit"] = json!(n));
    edge("wip_limit", system(1), system(0));
    edge(
        "wip_limit",
        system(MAX_WIP_LIMIT),
        system(MAX_WIP_LIMIT + 1),
    );
}

#[test]
fn probabilities_and_cadences_of_a_stage() {
    let rework = |p: f64| with(|v| v["stages"][1]["rework"] = json!({"probability": p, "to": "A"}));
    edge(
        "stages[1].rework.probability",
        rework(MAX_REWORK),
        rework(up(MAX_REWORK)),
    );
    edge("stages[1].rework.probability", rework(0.0), rework(-TINY));
    let blockers = |p: f64| {
        with(|v| {
            v["stages"][1]["blockers"] =
                json!({"probability": p, "duration": {"type": "constant", "value": 1}})
        })
    };
    edge(
        "stages[1].blockers.probability",
        blockers(1.0),
        blockers(up(1.0)),
    );
    edge(
        "stages[1].blockers.probability",
        blockers(0.0),
        blockers(-TINY),
    );
    let every = |d: f64| with(|v| v["stages"][1]["release_every"] = json!(d));
    edge("stages[1].release_every", every(0.001), every(down(0.001)));
    edge(
        "stages[1].release_every",
        every(MAX_DAYS),
        every(up(MAX_DAYS)),
    );
}

#[test]
fn names_and_the_number_of_stages() {
    let named = |n: usize| with(|v| v["stages"][1]["name"] = json!("é".repeat(n)));
    edge(
        "stages[1].name",
        named(MAX_NAME_CHARS),
        named(MAX_NAME_CHARS + 1),
    );
    let titled = |n: usize| with(|v| v["name"] = json!("é".repeat(n)));
    edge("name", titled(200), titled(201));
    let stages = |n: usize| {
        with(|v| {
            v["stages"] = (0..n)
                .map(|i| json!({"name": format!("S{i}"), "work": {"type": "constant", "value": 1}}))
                .collect()
        })
    };
    edge("stages", stages(MAX_STAGES), stages(MAX_STAGES + 1));
}

#[test]
fn generalist_pools() {
    let pool =
        |count: u32| with(|v| v["generalists"] = json!([{"count": count, "stages": ["A", "B"]}]));
    edge("generalists[0].count", pool(1), pool(0));
    edge(
        "generalists[0].count",
        pool(MAX_WORKERS),
        pool(MAX_WORKERS + 1),
    );
    // A stage covered by a pool may have no specialists; one not covered may not.
    let covered = with(|v| {
        v["generalists"] = json!([{"count": 1, "stages": ["B"]}]);
        v["stages"][1]["workers"] = json!(0);
    });
    assert!(paths_with(&covered, &Limits::APP).is_empty());
}

#[test]
fn classes_of_service() {
    // `n` classes sharing the main arrivals equally, changed by `edit`.
    let classes = |n: usize, edit: &dyn Fn(&mut Value)| {
        with(|v| {
            v["classes"] = (0..n)
                .map(|i| json!({"name": format!("C{i}"), "share": 1.0 / n as f64}))
                .collect();
            edit(v);
        })
    };
    let none = |_: &mut Value| {};
    edge(
        "classes",
        classes(MAX_CLASSES, &none),
        classes(MAX_CLASSES + 1, &none),
    );
    edge(
        "classes[0].priority",
        classes(2, &|v| v["classes"][0]["priority"] = json!(MAX_PRIORITY)),
        classes(2, &|v| {
            v["classes"][0]["priority"] = json!(MAX_PRIORITY + 1)
        }),
    );
    edge(
        "classes[0].work_scale",
        classes(2, &|v| {
            v["classes"][0]["work_scale"] = json!(MAX_WORK_SCALE)
        }),
        classes(2, &|v| {
            v["classes"][0]["work_scale"] = json!(up(MAX_WORK_SCALE))
        }),
    );
    edge(
        "classes[0].work_scale",
        classes(2, &|v| v["classes"][0]["work_scale"] = json!(TINY)),
        classes(2, &|v| v["classes"][0]["work_scale"] = json!(0.0)),
    );
    // Shares: each from 0 to 1, adding up to 1 within a millionth.
    let shares = |a: f64, b: f64| {
        with(|v| v["classes"] = json!([{"name": "X", "share": a}, {"name": "Y", "share": b}]))
    };
    edge(
        "classes",
        shares(0.5, 0.500_000_9),
        shares(0.5, 0.500_001_1),
    );
    edge(
        "classes",
        shares(0.5, 0.499_999_1),
        shares(0.5, 0.499_998_9),
    );
    edge("classes[1].share", shares(1.0, 0.0), shares(1.0, -TINY));
}
