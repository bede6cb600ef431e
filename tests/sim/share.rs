//! Share links: round trips, links from earlier versions, and hostile fragments.

use flowsim::share::{decode_state, encode_state, fragment, parse, Control, Embed, Panel};
use flowsim::sim::Scenario;
use flowsim::state::{
    Ab, LessonAt, Phase, RunChange, RunChanges, Snapshot, Speed, Theme, Variant, Workshop,
};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::rc::Rc;

fn everything() -> Scenario {
    Scenario::from_json(include_str!("../../scenarios/everything.json")).unwrap()
}

/// A snapshot with every part set to something other than its default.
pub fn full_snapshot() -> Snapshot {
    let b = variant_b();
    let mut b_start = b.clone();
    b_start.stages[2].workers += 1;
    Snapshot {
        scenario: Rc::new(everything()),
        ab: Some(Ab {
            b: Rc::new(b.clone()),
            label_a: "As it is".into(),
            label_b: "Ünïcode & <script>alert(1)</script>".into(),
            editing: Variant::B,
            run: Some(RunChanges {
                start: Rc::new(b_start),
                changes: vec![RunChange {
                    events: 2345,
                    time: 60.25,
                    scenario: Rc::new(b),
                }],
            }),
        }),
        lesson: Some(LessonAt { lesson: 3, step: 1 }),
        workshop: Some(Workshop {
            phase: Phase::Reveal,
            prediction: "Lead time falls by half".into(),
        }),
        speed: Speed::Max,
        theme: Theme::Dark,
        compare: true,
        run: Some(RunChanges {
            start: Rc::new(fewer_workers()),
            changes: vec![RunChange {
                events: 1234,
                time: 40.5,
                scenario: Rc::new(everything()),
            }],
        }),
    }
}

/// Variant B of the full snapshot.
fn variant_b() -> Scenario {
    let mut b = everything();
    b.name = "With a <b>twist</b>".into();
    b.stages[0].workers += 1;
    b
}

/// The run of `everything.json` started with one developer fewer.
fn fewer_workers() -> Scenario {
    let mut s = everything();
    s.stages[1].workers -= 1;
    s
}

#[test]
fn every_part_of_the_snapshot_round_trips_through_a_link_and_is_compact() {
    let s = full_snapshot();
    let embed = Embed {
        panels: vec![Panel::Controls, Panel::Board, Panel::Lead],
        controls: vec![Control::Play],
        autoplay: true,
    };
    let f = fragment(&s, Some(&embed));
    assert!(f.len() < 2000, "{} characters", f.len());
    assert!(f.contains("s=2."), "{f:.80}");
    let link = parse(&format!("#{f}")).unwrap();
    assert_eq!(link.snapshot.unwrap(), s);
    assert_eq!(link.embed.unwrap(), embed);
    // Each part on its own, so a field dropped by the codec cannot hide behind another.
    let mut one = Snapshot::of(everything());
    one.speed = Speed::DaysPerSecond(0.5);
    assert_eq!(decode_state(&encode_state(&one)).unwrap(), one);
}

/// The README's example, `--embed board,lead --controls play,reset`: the controls it names
/// come with the panel that holds them. Without that panel (the Share dialog's "Run controls"
/// unticked) a link offers no control, whatever was ticked before.
#[test]
fn controls_named_by_a_link_bring_their_panel_and_none_come_without_it() {
    let e = parse("embed=board,lead&controls=play,reset")
        .unwrap()
        .embed
        .unwrap();
    assert_eq!(e.panels, [Panel::Controls, Panel::Board, Panel::Lead]);
    assert_eq!(e.controls, [Control::Play, Control::Reset]);
    // No controls named: the panels are as listed.
    let e = parse("embed=board,lead").unwrap().embed.unwrap();
    assert_eq!(e.panels, [Panel::Board, Panel::Lead]);
    let e = parse("embed=board&controls=").unwrap().embed.unwrap();
    assert_eq!((e.panels, e.controls), (vec![Panel::Board], vec![]));
    let unticked = Embed {
        panels: vec![Panel::Board],
        controls: vec![Control::Play, Control::Reset],
        autoplay: false,
    };
    let f = fragment(&Snapshot::of(everything()), Some(&unticked));
    assert!(f.starts_with("embed=board&controls=&"), "{f:.60}");
    let e = parse(&f).unwrap().embed.unwrap();
    assert_eq!((e.panels, e.controls), (vec![Panel::Board], vec![]));
}

#[test]
fn a_link_made_by_version_1_still_opens() {
    // Made with `flowsim link scenarios/everything.json` by the first build with share links.
    // Never change this file: later builds must open it to the same scenario.
    let stored = include_str!("../data/link-v1-everything.txt").trim();
    let link = parse(stored).unwrap();
    let snap = link.snapshot.unwrap();
    assert_eq!(*snap.scenario, everything());
    assert_eq!(
        (snap.ab, snap.lesson, snap.theme),
        (None, None, Theme::Light)
    );
    assert!(link.embed.is_none());
}

#[test]
fn a_version_1_link_with_ab_lesson_and_view_opens_to_the_same_state() {
    let v1 = serde_json::json!({
        "s": everything(), "b": Scenario::single_stage(), "ab": ["Before", "After"],
        "l": [1, 1], "sp": 0.0, "d": true, "c": true
    });
    let packed = miniz_oxide::deflate::compress_to_vec(v1.to_string().as_bytes(), 6);
    use base64::Engine;
    let value = format!(
        "1.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    );
    let snap = decode_state(&value).unwrap();
    let ab = snap.ab.unwrap();
    assert_eq!(*ab.b, Scenario::single_stage());
    assert_eq!(
        (ab.label_a.as_str(), ab.label_b.as_str()),
        ("Before", "After")
    );
    assert_eq!(snap.lesson, Some(LessonAt { lesson: 1, step: 1 }));
    assert_eq!(
        (snap.speed, snap.theme, snap.compare),
        (Speed::Max, Theme::Dark, true)
    );
}

#[test]
fn hostile_fragments_get_a_sentence_not_a_panic() {
    let good = encode_state(&Snapshot::of(everything()));
    let cases: Vec<(String, &str)> = vec![
        (format!("s={}", &good[..good.len() / 2]), "damaged"),
        ("s=9.abc".into(), "newer flowsim"),
        ("s=x.abc".into(), "unknown link format"),
        ("s=1.!!!".into(), "not valid base64"),
        ("s=nothing".into(), "no version"),
        (format!("s=1.{}", "A".repeat(70_000)), "at most"),
        ("embed=board,teapot".into(), "unknown embed item \"teapot\""),
        ("controls=launch".into(), "unknown controls item"),
        ("colour=red".into(), "unknown link part"),
    ];
    for (f, words) in cases {
        let e = parse(&f).unwrap_err();
        assert!(e.0.contains(words), "{f:.60}: {e}");
    }
    // Valid encodings of invalid states: validation names the field.
    let state = |json: &str| {
        let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6);
        use base64::Engine;
        format!(
            "1.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
        )
    };
    let stage = r#"{"name":"A","work":{"type":"constant","value":1}}"#;
    let many = vec![stage; 10_000].join(",");
    for (json, words) in [
        (
            r#"{"s":{"arrival":{"type":"backlog","count":-5},"stages":[]}}"#.to_string(),
            "s.arrival: invalid value: integer `-5`",
        ),
        (
            r#"{"s":{"arrival":{"type":"poisson","rate":1e999},"stages":[]}}"#.to_string(),
            "number out of range",
        ),
        (
            r#"{"s":{"arrival":{"type":"poisson","rate":NaN},"stages":[]}}"#.to_string(),
            "not readable",
        ),
        (
            format!(r#"{{"s":{{"arrival":{{"type":"backlog","count":3}},"stages":[{many}]}}}}"#),
            "at most 50 stages",
        ),
        (
            format!(
                r#"{{"s":{{"name":"{}","arrival":{{"type":"backlog","count":3}},"stages":[{stage}]}}}}"#,
                "x".repeat(5_000_000)
            ),
            "too large",
        ),
        (
            r#"{"s":{"version":2,"arrival":{"type":"backlog","count":3},"stages":[]}}"#.to_string(),
            "unsupported version 2",
        ),
    ] {
        let e = decode_state(&state(&json)).unwrap_err();
        assert!(e.0.contains(words), "{json:.80}: {e}");
    }
}

#[test]
fn mangled_links_never_panic() {
    let good = fragment(&full_snapshot(), Some(&Embed::default()));
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
    let alphabet = b"abcXYZ019-_=&,.#%";
    for _ in 0..5000 {
        let mut bytes = good.as_bytes().to_vec();
        match rng.random_range(0..3) {
            0 => bytes.truncate(rng.random_range(0..bytes.len())),
            1 => {
                for _ in 0..rng.random_range(1..4) {
                    let i = rng.random_range(0..bytes.len());
                    bytes[i] = alphabet[rng.random_range(0..alphabet.len())];
                }
            }
            _ => {
                let i = rng.random_range(0..bytes.len());
                bytes.insert(i, alphabet[rng.random_range(0..alphabet.len())]);
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(link) = parse(&text) {
            if let Some(s) = link.snapshot {
                assert!(s.validate().is_ok());
            }
        }
    }
}

/// A link's run must fit its snapshot: changes in order, the last one the scenario shown.
#[test]
fn a_run_that_does_not_fit_its_snapshot_is_refused_by_name() {
    let refused = |edit: fn(&mut Snapshot)| {
        let mut s = full_snapshot();
        edit(&mut s);
        decode_state(&encode_state(&s)).unwrap_err().to_string()
    };
    let e = refused(|s| s.scenario = Rc::new(fewer_workers()));
    assert!(
        e.contains("run: the last change's scenario is not the snapshot's scenario"),
        "{e}"
    );
    let e = refused(|s| {
        let changes = &mut s.run.as_mut().unwrap().changes;
        let early = RunChange {
            events: 5000,
            time: 90.0,
            ..changes[0].clone()
        };
        changes.insert(0, early);
    });
    assert!(
        e.contains("run.changes[1]: its moment comes before the change before it"),
        "{e}"
    );
    let e = refused(|s| s.run.as_mut().unwrap().changes.clear());
    assert!(e.contains("run.changes: empty"), "{e}");
    // B's run is checked against B, and named as B's.
    let e = refused(|s| Rc::make_mut(&mut s.ab.as_mut().unwrap().b).stages[0].workers += 1);
    assert!(
        e.contains("ab.run: the last change's scenario is not variant B"),
        "{e}"
    );
    let e = refused(|s| {
        let run = s.ab.as_mut().unwrap().run.as_mut().unwrap();
        run.changes[0].time = -1.0;
    });
    assert!(
        e.contains("ab.run.changes[0]: its moment comes before"),
        "{e}"
    );
}

/// The saved state keeps a run's changes only while a link or reload can take them back:
/// none is nothing to keep, and past the most kept the scenario as it is starts again.
#[test]
fn a_run_keeps_its_changes_only_while_a_reload_can_take_them() {
    use flowsim::state::snapshot::MAX_RUN_CHANGES;
    let start = Rc::new(fewer_workers());
    let change = |i: u64| RunChange {
        events: 10 * i,
        time: i as f64,
        scenario: Rc::new(everything()),
    };
    assert_eq!(RunChanges::kept(start.clone(), vec![]), None);
    let most: Vec<RunChange> = (0..MAX_RUN_CHANGES as u64).map(change).collect();
    let mut s = full_snapshot();
    s.run = RunChanges::kept(start.clone(), most.clone());
    assert!(s.run.is_some());
    assert_eq!(decode_state(&encode_state(&s)).unwrap(), s);
    let mut too_many = most;
    too_many.push(change(MAX_RUN_CHANGES as u64));
    assert_eq!(RunChanges::kept(start, too_many), None);
}
