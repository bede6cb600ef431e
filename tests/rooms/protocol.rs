//! The protocol's rules over real sockets: keys, joining, roles, hidden predictions,
//! challenges, isolation of rooms, reconnecting.

use crate::client::*;
use flowsim::rooms::protocol::{ErrorKind, OpenChallenge, RemoveTeam};
use flowsim::rooms::{Challenge, ClientMsg, Goal, Lever, ServerMsg};
use flowsim::state::Phase;

#[tokio::test]
async fn create_and_host_with_the_key_a_wrong_key_is_refused() {
    let s = TestServer::start().await;
    let (mut f, code, key) = Client::create(s.addr()).await;
    assert_eq!(code.len(), 5);
    assert!(
        key.len() == 32
            && key
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    let mut g = Client::connect(s.addr()).await;
    g.send_text(&host_msg(&code, &"0".repeat(32))).await;
    assert_eq!(g.error().await.0, ErrorKind::Forbidden);
    g.send_text(&host_msg("AAAAA", &key)).await;
    assert_eq!(g.error().await.0, ErrorKind::NotFound);
    g.send_text(&host_msg(&code.to_lowercase(), &key.to_uppercase()))
        .await;
    let v = g.room().await;
    assert_eq!(
        (v.code.as_str(), v.round, v.facilitator_online),
        (code.as_str(), 0, true)
    );
    // A second facilitator connection: both lead the room.
    g.send(&content()).await;
    assert_eq!(g.room().await.round, 1);
    assert_eq!(f.room().await.round, 1);
    // One role per connection.
    g.send(&ClientMsg::Create).await;
    assert_eq!(g.error().await.0, ErrorKind::Forbidden);
    g.send_text(&join_msg(&code, "Sneaky", None)).await;
    assert_eq!(g.error().await.0, ErrorKind::Forbidden);
}

#[tokio::test]
async fn teams_join_with_unique_names_and_rejoin_with_their_token() {
    let s = TestServer::start().await;
    let (mut f, code, _) = Client::create(s.addr()).await;
    let (mut blue, token, room, you) = Client::join(s.addr(), &code, " Blue ", None).await;
    assert_eq!(you.name, "Blue");
    assert!(you.online && room.teams.len() == 1 && room.teams[0].online);
    assert_eq!(f.room().await.teams[0].name, "Blue");
    let mut dup = Client::connect(s.addr()).await;
    dup.send_text(&join_msg(&code, "bLUE", None)).await;
    assert_eq!(dup.error().await, (ErrorKind::Taken, Some("team".into())));
    dup.send_text(&join_msg(&code, "Blue", Some(&"f".repeat(32))))
        .await;
    assert_eq!(dup.error().await.0, ErrorKind::Forbidden);
    dup.send_text(&join_msg("WWWWW", "Blue", None)).await;
    assert_eq!(dup.error().await.0, ErrorKind::NotFound);

    f.send(&content()).await;
    f.room().await;
    blue.room().await;
    blue.send(&predict("lead time doubles")).await;
    assert!(blue.room().await.teams[0].predicted);
    assert_eq!(
        blue.you().await.prediction.as_deref(),
        Some("lead time doubles")
    );
    assert!(f.room().await.teams[0].predicted);
    f.send(&phase(Phase::Run)).await;
    f.room().await;
    blue.room().await;
    blue.send(&report(1.25, None)).await;
    assert_eq!(blue.you().await.results.unwrap().throughput, 1.25);
    assert_eq!(
        f.room().await.teams[0].results.as_ref().unwrap().throughput,
        1.25
    );

    // A second laptop of the team, by token: the same team, its prediction and results kept.
    let (mut again, t2, room, you) = Client::join(s.addr(), &code, "ignored", Some(&token)).await;
    assert_eq!(t2, token);
    assert_eq!(room.teams.len(), 1);
    assert_eq!(you.name, "Blue");
    assert_eq!(you.prediction.as_deref(), Some("lead time doubles"));
    assert_eq!(you.results.unwrap().throughput, 1.25);
    // The first connection also gets `you`; nobody else's view changed.
    assert_eq!(blue.you().await.name, "Blue");
    again.send(&report(2.0, None)).await;
    assert_eq!(again.you().await.results.unwrap().throughput, 2.0);
    assert_eq!(blue.you().await.results.unwrap().throughput, 2.0);
    assert_eq!(
        f.room().await.teams[0].results.as_ref().unwrap().throughput,
        2.0
    );
}

#[tokio::test]
async fn a_participant_never_acts_as_the_facilitator() {
    let s = TestServer::start().await;
    let (mut f, code, key) = Client::create(s.addr()).await;
    let (mut red, _, _, _) = Client::join(s.addr(), &code, "Red", None).await;
    f.room().await;
    let before = s.srv.hub().room(&code).unwrap();
    let challenge = ClientMsg::OpenChallenge(OpenChallenge {
        challenge: Challenge {
            goal: Goal::Throughput,
            levers: vec![Lever::Workers],
            max_wip: None,
            max_people: None,
            days: 10.0,
        },
    });
    let lead = [
        content(),
        phase(Phase::Reveal),
        challenge,
        ClientMsg::CloseChallenge,
        ClientMsg::RemoveTeam(RemoveTeam { team: "Red".into() }),
        ClientMsg::Create,
    ];
    for msg in &lead {
        red.send(msg).await;
        assert_eq!(red.error().await.0, ErrorKind::Forbidden, "{msg:?}");
    }
    red.send_text(&host_msg(&code, &key)).await;
    assert_eq!(red.error().await.0, ErrorKind::Forbidden);
    assert_eq!(s.srv.hub().room(&code).unwrap(), before, "nothing changed");
    // The facilitator heard nothing of it: its next message is its own change.
    f.send(&phase(Phase::Run)).await;
    assert_eq!(f.room().await.phase, Phase::Run);
    f.send(&predict("x")).await;
    assert_eq!(f.error().await.0, ErrorKind::Forbidden);
}

#[tokio::test]
async fn predictions_are_hidden_from_other_teams_until_reveal() {
    let s = TestServer::start().await;
    let (mut f, code, _) = Client::create(s.addr()).await;
    f.send(&content()).await;
    f.room().await;
    let (mut a, _, _, _) = Client::join(s.addr(), &code, "A", None).await;
    f.room().await;
    let (mut b, _, _, _) = Client::join(s.addr(), &code, "B", None).await;
    f.room().await;
    a.room().await;
    a.send(&predict("A's secret")).await;
    a.room().await;
    a.you().await;
    let seen_by_b = b.room().await;
    assert!(seen_by_b.teams[0].predicted);
    assert_eq!(seen_by_b.teams[0].prediction, None);
    let full = f.room().await;
    assert_eq!(full.teams[0].prediction.as_deref(), Some("A's secret"));
    f.send(&phase(Phase::Run)).await;
    f.room().await;
    a.room().await;
    let run = b.room().await;
    assert!(run.teams.iter().all(|t| t.prediction.is_none()));
    a.send(&report(3.0, None)).await;
    a.you().await;
    f.room().await;
    f.send(&phase(Phase::Reveal)).await;
    f.room().await;
    a.room().await;
    let reveal = b.room().await;
    assert_eq!(reveal.teams[0].prediction.as_deref(), Some("A's secret"));
    assert_eq!(reveal.teams[0].results.as_ref().unwrap().throughput, 3.0);
}

#[tokio::test]
async fn challenge_reports_must_change_only_the_levers() {
    let s = TestServer::start().await;
    let (mut f, code, _) = Client::create(s.addr()).await;
    let open = ClientMsg::OpenChallenge(OpenChallenge {
        challenge: Challenge {
            goal: Goal::Throughput,
            levers: vec![Lever::Workers],
            max_wip: None,
            max_people: Some(9),
            days: 10.0,
        },
    });
    f.send(&open).await;
    assert_eq!(f.error().await.0, ErrorKind::WrongPhase);
    f.send(&content()).await;
    f.room().await;
    let (mut t, _, _, _) = Client::join(s.addr(), &code, "T", None).await;
    f.room().await;
    f.send(&open).await;
    let v = f.room().await;
    assert_eq!((v.phase, v.challenge.is_some()), (Phase::Run, true));
    t.room().await;
    t.send(&report(1.0, None)).await;
    assert_eq!(
        t.error().await,
        (
            flowsim::rooms::protocol::ErrorKind::Invalid,
            Some("results.scenario".into())
        )
    );
    let mut other = flowsim::state::default_scenario();
    other.stages[0].batch_size = 4;
    t.send(&report(1.0, Some(other))).await;
    assert_eq!(t.error().await.1.as_deref(), Some("results.scenario"));
    let mut ours = flowsim::state::default_scenario();
    ours.stages[0].workers += 1;
    t.send(&report(1.5, Some(ours.clone()))).await;
    assert_eq!(t.you().await.results.unwrap().scenario, Some(ours));
    f.room().await;
    f.send(&ClientMsg::CloseChallenge).await;
    let v = f.room().await;
    assert_eq!((v.phase, v.challenge.is_some()), (Phase::Reveal, true));
    let seen = t.room().await;
    assert_eq!(seen.teams[0].results.as_ref().unwrap().throughput, 1.5);
}

#[tokio::test]
async fn two_rooms_are_isolated() {
    let s = TestServer::start().await;
    let (mut fa, a, _) = Client::create(s.addr()).await;
    let (mut fb, b, key_b) = Client::create(s.addr()).await;
    assert_ne!(a, b);
    let (mut ta, token_a, _, _) = Client::join(s.addr(), &a, "Alpha", None).await;
    fa.room().await;
    let (mut tb, _, _, _) = Client::join(s.addr(), &b, "Alpha", None).await;
    let vb = fb.room().await;
    assert_eq!(
        vb.teams.len(),
        1,
        "the same name in another room is a new team"
    );
    // A's token is not a team of B, and A's facilitator key does not open B.
    let mut probe = Client::connect(s.addr()).await;
    probe.send_text(&join_msg(&b, "x", Some(&token_a))).await;
    assert_eq!(probe.error().await.0, ErrorKind::Forbidden);
    let before = s.srv.hub().room(&b).unwrap();
    fa.send(&phase(Phase::Reveal)).await;
    fa.room().await;
    ta.room().await;
    ta.send(&ClientMsg::RemoveTeam(RemoveTeam {
        team: "Alpha".into(),
    }))
    .await;
    assert_eq!(ta.error().await.0, ErrorKind::Forbidden);
    assert_eq!(s.srv.hub().room(&b).unwrap(), before);
    // B heard nothing of A: its next messages are its own.
    fb.send(&content()).await;
    assert_eq!(fb.room().await.code, b);
    assert_eq!(tb.room().await.code, b);
    let _ = key_b;
}

#[tokio::test]
async fn reconnecting_keeps_the_team_and_online_flags_follow_connections() {
    let s = TestServer::start().await;
    let (mut f, code, key) = Client::create(s.addr()).await;
    let (t, token, _, _) = Client::join(s.addr(), &code, "Green", None).await;
    assert!(f.room().await.teams[0].online);
    drop(t);
    assert!(
        !f.room().await.teams[0].online,
        "a dropped socket goes offline"
    );
    let (mut t, _, room, you) = Client::join(s.addr(), &code, "Green", Some(&token)).await;
    assert!(room.teams[0].online && you.online);
    assert!(f.room().await.teams[0].online);
    drop(f);
    assert!(!t.room().await.facilitator_online);
    let mut f2 = Client::connect(s.addr()).await;
    f2.send_text(&host_msg(&code, &key)).await;
    assert!(f2.room().await.facilitator_online);
    assert!(t.room().await.facilitator_online);
    f2.send(&ClientMsg::RemoveTeam(RemoveTeam {
        team: "green".into(),
    }))
    .await;
    assert!(f2.room().await.teams.is_empty());
    let told = t.closed().await;
    assert!(
        matches!(told.last(), Some(ServerMsg::Closed { .. })),
        "{told:?}"
    );
    let mut back = Client::connect(s.addr()).await;
    back.send_text(&join_msg(&code, "Green", Some(&token)))
        .await;
    assert_eq!(
        back.error().await.0,
        ErrorKind::Forbidden,
        "a removed team's token stops working"
    );
}
