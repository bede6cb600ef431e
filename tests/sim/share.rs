//! Share links: round trips, links from earlier versions, and hostile fragments.

use flowsim::share::{decode_state, encode_state, fragment, parse, Embed, Shared};
use flowsim::sim::Scenario;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

fn shared(scenario: Scenario) -> Shared {
    Shared {
        scenario,
        variant_b: None,
        labels: None,
        lesson: None,
        speed: Some(5.0),
        dark: false,
        compare: false,
    }
}

fn everything() -> Scenario {
    Scenario::from_json(include_str!("../../scenarios/everything.json")).unwrap()
}

#[test]
fn state_round_trips_and_is_compact() {
    let mut s = shared(everything());
    s.variant_b = Some(Scenario::single_stage());
    s.labels = Some(("As it is".into(), "With a <b>twist</b>".into()));
    s.lesson = Some((3, 1));
    s.dark = true;
    let embed = Embed {
        panels: vec!["board".into(), "lead".into()],
        controls: vec!["play".into()],
        autoplay: true,
    };
    let f = fragment(&s, Some(&embed));
    assert!(f.len() < 1200, "{} characters", f.len());
    let link = parse(&format!("#{f}")).unwrap();
    assert_eq!(link.shared.unwrap(), s);
    assert_eq!(link.embed.unwrap(), embed);
}

#[test]
fn a_link_made_by_version_1_still_opens() {
    // Made with `flowsim link scenarios/everything.json` by the first build with share links.
    // Never change this file: later builds must open it to the same scenario.
    let stored = include_str!("../data/link-v1-everything.txt").trim();
    let link = parse(stored).unwrap();
    assert_eq!(link.shared.unwrap().scenario, everything());
    assert!(link.embed.is_none());
}

#[test]
fn hostile_fragments_get_a_sentence_not_a_panic() {
    let good = encode_state(&shared(everything()));
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
    let good = fragment(&shared(everything()), Some(&Embed::default()));
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
            if let Some(s) = link.shared {
                assert!(s.scenario.validate().is_ok());
            }
        }
    }
}
