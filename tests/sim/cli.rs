//! The `flowsim` command-line tool.

use crate::helpers::flowsim;

#[test]
fn run_prints_a_json_summary_with_the_documented_fields() {
    let out = flowsim(&["run", "scenarios/penny-game.json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "completed",
        "throughput",
        "wip_mean",
        "first_completion",
        "last_completion",
        "events",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    for key in ["lead_time", "cycle_time"] {
        for stat in ["mean", "p50", "p85", "p95", "max"] {
            assert!(v[key][stat].is_number(), "missing {key}.{stat}");
        }
    }
    for key in ["name", "utilization", "queue_mean", "wait_mean"] {
        assert!(v["stages"][0].get(key).is_some(), "missing stages[0].{key}");
    }
    assert_eq!(v["completed"], 20);
    assert_eq!(v["last_completion"], 35.0);
}

#[test]
fn items_csv_has_a_row_per_stage_visit() {
    let dir = std::env::temp_dir().join(format!("flowsim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("items.csv");
    let out = flowsim(&[
        "run",
        "scenarios/penny-game.json",
        "--items",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), 1 + 20 * 4);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_windows_file_says_when_it_holds_only_the_latest_windows() {
    let dir = std::env::temp_dir().join(format!("flowsim-cli-win-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("w.json");
    let path = file.to_str().unwrap();
    // 5000 one-day windows: the latest 4096 are kept, and stderr says so.
    let long = dir.join("long.json");
    std::fs::write(
        &long,
        r#"{"duration": 5000, "arrival": {"type":"poisson","rate":1},"stages":[{"name":"S","work":{"type":"exponential","mean":0.5}}]}"#,
    )
    .unwrap();
    let out = flowsim(&["run", long.to_str().unwrap(), "--windows", path]);
    assert!(out.status.success());
    let windows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(windows.as_array().unwrap().len(), 4096);
    assert_eq!(windows[0]["start"], 904.0);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("flowsim: {path}: the latest 4096 windows, from day 904; the 904 before are not kept (at most 4096 are)\n")
    );
    // A run with fewer windows says nothing.
    let out = flowsim(&["run", "scenarios/penny-game.json", "--windows", path]);
    assert!(out.status.success() && out.stderr.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn serve_refuses_a_bad_address_origin_or_data_folder_in_plain_words() {
    let err = |args: &[&str]| {
        let out = flowsim(args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, text) = err(&["serve", "--host", "lokalhost"]);
    assert_eq!(code, Some(2));
    assert!(
        text.contains("\"lokalhost\" is not an IP address: use 127.0.0.1"),
        "{text}"
    );
    let (code, text) = err(&["serve", "--allow-origin", "notaurl"]);
    assert_eq!(code, Some(2));
    assert!(
        text.contains("\"notaurl\" is not an origin: write scheme://host[:port]"),
        "{text}"
    );
    let (code, text) = err(&["serve", "--allow-origin", "https://x.org/path"]);
    assert_eq!(code, Some(2), "{text}");
    let dir = std::env::temp_dir().join(format!("flowsim-serve-bad-{}", std::process::id()));
    // A built app of its own, so the data folder is what is wrong (a fresh clone has no dist).
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<html></html>").unwrap();
    let serve = |data: &std::path::Path| {
        err(&[
            "serve",
            "--port",
            "0",
            "--dist",
            dist.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
        ])
    };
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let (code, text) = serve(&file);
    assert_eq!(code, Some(1));
    assert!(text.contains("it is a file, not a folder"), "{text}");
    let corrupt = dir.join("corrupt");
    std::fs::create_dir_all(&corrupt).unwrap();
    std::fs::write(
        corrupt.join("rooms.sqlite3"),
        "not a database at all, just text",
    )
    .unwrap();
    let (code, text) = serve(&corrupt);
    assert_eq!(code, Some(1));
    assert!(
        text.contains("rooms.sqlite3\": file is not a database"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_exit() {
    let dir = std::env::temp_dir().join(format!("flowsim-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"arrival":{"type":"poisson","rate":-1},"stages":[]}"#,
    )
    .unwrap();
    let out = flowsim(&["run", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("arrival.rate: must be greater than 0")
            && err.contains("stages: must list at least one stage"),
        "{err}"
    );
    assert_eq!(flowsim(&["run"]).status.code(), Some(2));
    assert_eq!(flowsim(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        flowsim(&["run", "/no/such/file.json"]).status.code(),
        Some(1)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Writes `text` to a fresh file and runs `flowsim` with `args` and the file's path.
fn on_file(name: &str, text: &str, args: &[&str]) -> std::process::Output {
    let dir = std::env::temp_dir().join(format!("flowsim-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("scenario.json");
    std::fs::write(&file, text).unwrap();
    let mut all = args.to_vec();
    all.push(file.to_str().unwrap());
    let out = flowsim(&all);
    std::fs::remove_dir_all(&dir).unwrap();
    out
}

#[test]
fn check_lists_every_problem_and_exits_1() {
    let out = on_file(
        "check",
        r#"{"stages":[{"name":"A","workers":-3,"work":{"type":"exponential","mean":-1}}],"arrival":{"type":"poisson","rate":"fast"}}"#,
        &["check"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for line in [
        r#"  arrival.rate: must be a number, got "fast""#,
        "  stages[0].workers: must be a whole number from 1 to 500, got -3",
        "  stages[0].work.mean: must be greater than 0 (got -1)",
    ] {
        assert!(err.lines().any(|l| l == line), "missing {line:?} in\n{err}");
    }
}

#[test]
fn runs_may_be_long_on_the_command_line_but_not_in_the_app() {
    let long = r#"{"duration":1000000,"arrival":{"type":"poisson","rate":0.01},
        "stages":[{"name":"Work","work":{"type":"exponential","mean":1}}]}"#;
    let out = on_file("long", long, &["run"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["time"], 1e6);
    let done = v["completed"].as_u64().unwrap();
    assert!(
        (9_000..11_000).contains(&done),
        "{done} done in a million days"
    );
    let out = on_file("long-check", long, &["check"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(
        "the web app and share links would refuse it:\nduration: must be at most 365000 days (got 1000000)"
    ));
    let e = flowsim::sim::Scenario::from_json(long).unwrap_err();
    assert_eq!(
        e.to_string(),
        "duration: must be at most 365000 days (got 1000000)"
    );
    let out = on_file("too-long", &long.replace("1000000", "2e9"), &["run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("duration: must be at most 1000000000 days (got 2000000000)"));
}

#[test]
fn csp_prints_the_policy_for_the_inline_scripts_of_dir_index_html() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        r#"<html><head><script src="app.js"></script><script type="module">init()</script>
        <script data-src="x.js">load()</script></head><body></body></html>"#,
    )
    .unwrap();
    let out = flowsim(&["csp", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // python3: base64.b64encode(hashlib.sha256(b'init()').digest()), and of b'load()'; the
    // external script has no hash.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' \
         'sha256-w4ujnOpjBoH2vcasx+reJRUwYivG8Q3afx/XevGJod8=' \
         'sha256-Qn5QVYTzqsxnj0ilm2l+WQZU301YmwVBksEDoZZ/Fbk='; worker-src 'self'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         base-uri 'self'; form-action 'none'\n"
    );
}

#[test]
fn csp_of_a_missing_dir_names_the_file_and_the_reason_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dist");
    let out = flowsim(&["csp", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    let prefix = format!(
        "flowsim: cannot read {}: ",
        missing.join("index.html").display()
    );
    let reason = err.strip_prefix(&prefix).unwrap_or_else(|| panic!("{err}"));
    assert!(!reason.trim().is_empty(), "no reason in {err}");
}
