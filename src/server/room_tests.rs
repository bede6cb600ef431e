use super::*;
use crate::rooms::protocol::{OpenChallenge, Predict, Report, SetContent, SetPhase};
use crate::rooms::{Goal, Lever};

fn token(n: u8) -> String {
    format!("{n:032x}")
}

fn room_with_teams() -> Room {
    let mut r = Room::new("ACEFH".into(), "k".repeat(32));
    for (i, name) in ["Blue", "Red"].iter().enumerate() {
        let join = ClientMsg::Join(Join {
            code: "ACEFH".into(),
            team: name.to_string(),
            token: None,
        });
        r.apply(&Role::None, join, 10, || token(i as u8)).unwrap();
    }
    r
}

fn content() -> ClientMsg {
    ClientMsg::SetContent(SetContent {
        content: Content {
            lesson: None,
            scenario: crate::state::default_scenario(),
        },
    })
}

fn results(scenario: Option<crate::sim::Scenario>) -> ClientMsg {
    ClientMsg::Report(Report {
        results: Results {
            day: 10.0,
            completed: 5,
            throughput: 0.5,
            lead_mean: Some(3.0),
            lead_p85: None,
            wip_mean: 2.0,
            scenario,
        },
    })
}

fn refused(r: &mut Room, role: &Role, msg: ClientMsg) -> ErrorKind {
    let before = r.clone();
    let e = r.apply(role, msg, 10, || token(99)).unwrap_err();
    assert_eq!(*r, before, "a refused message changed the room");
    assert!(!e.message.is_empty());
    e.kind
}

#[test]
fn joining_names_are_unique_ignoring_case_and_tokens_rejoin() {
    let mut r = room_with_teams();
    let join = |team: &str, tok: Option<String>| {
        ClientMsg::Join(Join {
            code: "ACEFH".into(),
            team: team.into(),
            token: tok,
        })
    };
    assert_eq!(
        refused(&mut r, &Role::None, join("bLUE", None)),
        ErrorKind::Taken
    );
    // A joiner or a variation selector inside does not make another name: it looks the same.
    for lookalike in ["Bl\u{200D}ue", "B\u{200C}lue", "Blue\u{FE0F}"] {
        assert_eq!(
            refused(&mut r, &Role::None, join(lookalike, None)),
            ErrorKind::Taken,
            "{lookalike:?}"
        );
    }
    assert_eq!(
        r.apply(&Role::None, join("ignored", Some(token(1))), 10, || token(
            9
        )),
        Ok(Change::Joined {
            token: token(1),
            rejoined: true
        })
    );
    assert_eq!(
        refused(&mut r, &Role::None, join("x", Some(token(7)))),
        ErrorKind::Forbidden
    );
    let full = r.apply(&Role::None, join("Green", None), 2, || token(3));
    assert_eq!(full.unwrap_err().kind, ErrorKind::Full);
}

#[test]
fn only_the_facilitator_leads_and_only_teams_take_part() {
    let mut r = room_with_teams();
    let team = Role::Team(token(0));
    let lead = [
        content(),
        ClientMsg::SetPhase(SetPhase {
            phase: Phase::Reveal,
        }),
        ClientMsg::CloseChallenge,
        ClientMsg::RemoveTeam(RemoveTeam { team: "Red".into() }),
    ];
    for msg in lead {
        assert_eq!(refused(&mut r, &team, msg), ErrorKind::Forbidden);
    }
    let predict = ClientMsg::Predict(Predict { text: "x".into() });
    assert_eq!(
        refused(&mut r, &Role::Facilitator, predict.clone()),
        ErrorKind::Forbidden
    );
    assert_eq!(
        refused(&mut r, &Role::Facilitator, ClientMsg::Create),
        ErrorKind::Forbidden
    );
    assert_eq!(refused(&mut r, &Role::None, predict), ErrorKind::Forbidden);
    let removed = r.apply(
        &Role::Facilitator,
        ClientMsg::RemoveTeam(RemoveTeam { team: "red".into() }),
        10,
        || token(9),
    );
    assert!(matches!(removed, Ok(Change::TeamRemoved(t)) if t.name == "Red"));
    let gone = ClientMsg::Predict(Predict { text: "y".into() });
    assert_eq!(
        refused(&mut r, &Role::Team(token(1)), gone),
        ErrorKind::Forbidden
    );
}

#[test]
fn rounds_phases_and_challenges_follow_the_rules() {
    let mut r = room_with_teams();
    let (f, blue) = (Role::Facilitator, Role::Team(token(0)));
    let challenge = ClientMsg::OpenChallenge(OpenChallenge {
        challenge: Challenge {
            goal: Goal::Throughput,
            levers: vec![Lever::Workers],
            max_wip: None,
            max_people: None,
            days: 10.0,
        },
    });
    assert_eq!(
        refused(&mut r, &f, challenge.clone()),
        ErrorKind::WrongPhase
    );
    assert_eq!(refused(&mut r, &blue, results(None)), ErrorKind::WrongPhase);
    // Ranked before the scenario's warm-up ends, every team would show empty results.
    let mut warm = crate::state::default_scenario();
    warm.warmup = 10.0;
    let warm = ClientMsg::SetContent(SetContent {
        content: Content {
            lesson: None,
            scenario: warm,
        },
    });
    r.apply(&f, warm, 10, String::new).unwrap();
    let before = r.clone();
    let e = r.apply(&f, challenge.clone(), 10, String::new).unwrap_err();
    assert_eq!(
        (e.kind, e.path.as_deref()),
        (ErrorKind::Invalid, Some("challenge.days"))
    );
    assert!(e.message.contains("warm-up (10 days)"), "{e:?}");
    assert_eq!(r, before, "nothing changed");
    r.apply(&f, content(), 10, String::new).unwrap();
    assert_eq!(
        (r.round, r.phase),
        (2, Phase::Predict),
        "a round for each content"
    );
    let predict = ClientMsg::Predict(Predict {
        text: "shorter".into(),
    });
    r.apply(&blue, predict.clone(), 10, String::new).unwrap();
    r.apply(
        &f,
        ClientMsg::SetPhase(SetPhase { phase: Phase::Run }),
        10,
        String::new,
    )
    .unwrap();
    assert_eq!(refused(&mut r, &blue, predict), ErrorKind::WrongPhase);
    r.apply(&blue, results(None), 10, String::new).unwrap();
    assert!(r.teams[0].results.is_some() && r.teams[0].prediction.is_some());
    r.apply(&f, challenge, 10, String::new).unwrap();
    assert_eq!(r.phase, Phase::Run);
    assert!(r.teams[0].results.is_none(), "a challenge clears results");
    assert_eq!(refused(&mut r, &blue, results(None)), ErrorKind::Invalid);
    let mut other = crate::state::default_scenario();
    other.seed += 1;
    assert_eq!(
        refused(&mut r, &blue, results(Some(other))),
        ErrorKind::Invalid
    );
    let mut ours = crate::state::default_scenario();
    ours.stages[0].workers += 1;
    r.apply(&blue, results(Some(ours)), 10, String::new)
        .unwrap();
    r.apply(&f, ClientMsg::CloseChallenge, 10, String::new)
        .unwrap();
    assert_eq!(r.phase, Phase::Reveal);
    assert!(
        r.challenge.is_some(),
        "the closed challenge stays for its standings"
    );
    assert_eq!(
        refused(&mut r, &f, ClientMsg::CloseChallenge),
        ErrorKind::WrongPhase
    );
    r.apply(&f, content(), 10, String::new).unwrap();
    assert_eq!(
        (r.round, r.phase, r.challenge.is_none()),
        (3, Phase::Predict, true)
    );
    assert!(r
        .teams
        .iter()
        .all(|t| t.prediction.is_none() && t.results.is_none()));
}

#[test]
fn views_show_online_teams_and_the_key_check_is_exact() {
    let r = room_with_teams();
    let v = r.view(true, |t| t == token(1));
    let online: Vec<bool> = v.teams.iter().map(|t| t.online).collect();
    assert_eq!(online, [false, true]);
    assert!(
        secrets_equal("abc", "abc") && !secrets_equal("abc", "abd") && !secrets_equal("ab", "abc")
    );
    let mut r = r;
    let host = |key: String| {
        ClientMsg::Host(Host {
            code: "ACEFH".into(),
            key,
        })
    };
    assert_eq!(
        refused(&mut r, &Role::None, host("0".repeat(32))),
        ErrorKind::Forbidden
    );
    assert_eq!(
        r.apply(&Role::None, host("k".repeat(32)), 10, String::new),
        Ok(Change::Hosted)
    );
}
