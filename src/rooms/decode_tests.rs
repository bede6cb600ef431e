//! Tests of the message decoder: what browsers send, normalised; what they must not send,
//! refused with the path and a reason.

use super::*;
use crate::state::Phase;

fn err(text: &str) -> ProtocolError {
    ClientMsg::decode(text).unwrap_err()
}

#[test]
fn decodes_and_normalises_what_browsers_send() {
    assert_eq!(
        ClientMsg::decode(r#"{"type":"create"}"#),
        Ok(ClientMsg::Create)
    );
    assert_eq!(
        ClientMsg::decode(r#"{"type":"join","code":"ace-fh","team":"  Blue  "}"#),
        Ok(ClientMsg::Join(Join {
            code: "ACEFH".into(),
            team: "Blue".into(),
            token: None
        }))
    );
    let msg = ClientMsg::SetPhase(SetPhase {
        phase: Phase::Reveal,
    });
    assert_eq!(ClientMsg::decode(&msg.to_json()), Ok(msg));
}

#[test]
fn refuses_with_the_path_and_a_reason() {
    let e = err(r#"{"type":"join","code":"ACEFH","team":""}"#);
    assert_eq!(e.path.as_deref(), Some("team"));
    let e = err(r#"{"type":"join","code":"ACEF0","team":"Blue"}"#);
    assert_eq!(e.path.as_deref(), Some("code"));
    let e = err(r#"{"type":"host","code":"ACEFH","key":"not hex"}"#);
    assert_eq!(e.path.as_deref(), Some("key"));
    let e =
        err(r#"{"type":"report","results":{"day":1,"completed":3,"throughput":-1,"wip_mean":2}}"#);
    assert_eq!(e.path.as_deref(), Some("results.throughput"));
    let e =
        err(r#"{"type":"report","results":{"day":1,"completed":"3","throughput":1,"wip_mean":2}}"#);
    assert_eq!(e.path.as_deref(), Some("results.completed"));
    let e = err(r#"{"type":"set_phase","phase":"Run","admin":true}"#);
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(err(r#"{"type":"shutdown"}"#)
        .message
        .contains("unknown message type"));
    assert_eq!(err(r#"{"type":"create","x":1}"#).path.as_deref(), Some("x"));
    assert_eq!(err("[1]").path.as_deref(), Some("."));
    assert_eq!(err("{").path.as_deref(), Some("."));
    assert_eq!(
        err(&" ".repeat(MAX_MESSAGE_BYTES + 1)).kind,
        ErrorKind::Full
    );
    // serde's reasons in plain words, a missing field named in the path.
    let e = err(r#"{"type":"set_phase"}"#);
    assert_eq!(
        (e.path.as_deref(), e.message.as_str()),
        (Some("phase"), "is required")
    );
    let e = err(r#"{"type":"predict","text":7}"#);
    assert_eq!(e.message, "must be text in quotes, got 7");
    let e = err(r#"{"type":"report","results":{"day":1.5,"completed":1.5,"throughput":0}}"#);
    assert_eq!(e.path.as_deref(), Some("results.completed"));
    assert!(e.message.starts_with("must be "), "{e:?}");
    assert!(!e.message.contains("invalid type"), "{e:?}");
    let e = err(r#"{"type":"join","code":"ACEFH","team":"a\u0007b"}"#);
    assert!(e.message.contains("control"), "{e}");
    // A text-direction override would make a name display as another; a character that
    // shows nothing would make two names look the same.
    for c in [
        "\\u202e", "\\u2066", "\\u200f", "\\u200b", "\\u2060", "\\ufeff", "\\u00ad",
    ] {
        let e = err(&format!(
            r#"{{"type":"join","code":"ACEFH","team":"evil{c}emaN"}}"#
        ));
        assert!(e.message.contains("control"), "{c}: {e}");
    }
    assert!(team_name("team", "Équipe ☕ 東京").is_ok());
    // Joiners stay: emoji sequences and some scripts need them.
    assert!(team_name("team", "👩\u{200D}💻 devs").is_ok());
    let long = "x".repeat(MAX_PREDICTION_CHARS + 1);
    assert_eq!(
        err(&format!(r#"{{"type":"predict","text":"{long}"}}"#))
            .path
            .as_deref(),
        Some("text")
    );
}

#[test]
fn a_bad_scenario_is_named_by_its_path() {
    let mut s = crate::state::default_scenario();
    s.stages[1].workers = 0;
    let msg = ClientMsg::SetContent(SetContent {
        content: Content {
            lesson: None,
            scenario: s,
        },
    });
    let e = ClientMsg::decode(&msg.to_json()).unwrap_err();
    assert_eq!(
        e.path.as_deref(),
        Some("content.scenario.stages[1].workers"),
        "{e}"
    );
    let e =
        err(r#"{"type":"set_content","content":{"lesson":{"lesson":99,"step":0},"scenario":{}}}"#);
    assert_eq!(e.kind, ErrorKind::Invalid);
}

#[test]
fn participants_see_others_only_after_reveal() {
    let team = |name: &str| TeamView {
        name: name.into(),
        online: true,
        predicted: true,
        prediction: Some("shorter".into()),
        results: None,
        seat: 0,
    };
    let mut v = RoomView {
        code: "ACEFH".into(),
        round: 1,
        content: None,
        phase: Phase::Run,
        challenge: None,
        facilitator_online: true,
        teams: vec![team("Blue"), team("Red")],
    };
    assert!(v
        .for_participants()
        .teams
        .iter()
        .all(|t| t.prediction.is_none() && t.predicted));
    v.phase = Phase::Reveal;
    assert_eq!(v.for_participants(), v);
}
