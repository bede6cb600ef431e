//! Hostile and broken messages: each gets an error on its own connection only, the room stays
//! as it was and the connection stays open (except past the size cap, where it is closed).

use crate::client::*;
use flowsim::rooms::protocol::{ErrorKind, MAX_MESSAGE_BYTES};
use flowsim::state::Phase;
use tokio_tungstenite::tungstenite::Message;

#[tokio::test]
async fn hostile_messages_get_errors_only_on_their_connection() {
    let s = TestServer::start().await;
    let (mut f, code, _) = Client::create(s.addr()).await;
    f.send(&content()).await;
    f.room().await;
    let (mut bad, _, _, _) = Client::join(s.addr(), &code, "Mallory", None).await;
    f.room().await;
    let (mut good, _, _, _) = Client::join(s.addr(), &code, "Alice", None).await;
    f.room().await;
    bad.room().await;
    let before = s.srv.hub().room(&code).unwrap();
    let hostile = [
        ("garbage", "\u{0}\u{1}not json at all"),
        ("empty", ""),
        ("array", "[1,2,3]"),
        ("number", "42"),
        ("no type", r#"{"code":"ACEFH"}"#),
        ("type not text", r#"{"type":7}"#),
        ("unknown type", r#"{"type":"drop_tables"}"#),
        (
            "extra field",
            r#"{"type":"predict","text":"x","admin":true}"#,
        ),
        ("wrong type", r#"{"type":"predict","text":12}"#),
        (
            "nested wrong type",
            r#"{"type":"report","results":{"day":"soon"}}"#,
        ),
        (
            "negative",
            r#"{"type":"report","results":{"day":1,"completed":-3,"throughput":1,"wip_mean":1}}"#,
        ),
        (
            "infinite",
            r#"{"type":"report","results":{"day":1e999,"completed":3,"throughput":1,"wip_mean":1}}"#,
        ),
        ("deep", &format!("{}{}", "[".repeat(5000), "]".repeat(5000))),
        (
            "near the cap",
            &format!(
                r#"{{"type":"predict","text":"{}"}}"#,
                "x".repeat(MAX_MESSAGE_BYTES - 40)
            ),
        ),
        ("huge name", &join_msg(&code, &"n".repeat(5000), None)),
        ("control chars", &join_msg(&code, "a\u{1b}[31m", None)),
    ];
    for (what, text) in hostile {
        bad.send_text(text).await;
        let (kind, _) = bad.error().await;
        assert!(
            matches!(kind, ErrorKind::Invalid | ErrorKind::Forbidden),
            "{what}: {kind:?}"
        );
    }
    bad.send_raw(Message::Binary(vec![1, 2, 3].into())).await;
    assert_eq!(bad.error().await, (ErrorKind::Invalid, Some(".".into())));
    assert_eq!(s.srv.hub().room(&code).unwrap(), before, "nothing changed");
    // Still open and still the same team.
    bad.send(&predict("ok")).await;
    assert_eq!(bad.room().await.teams[0].name, "Mallory");
    assert_eq!(bad.you().await.prediction.as_deref(), Some("ok"));
    // The others heard only that one real change.
    assert!(f.room().await.teams[0].predicted);
    assert!(good.room().await.teams[0].predicted);
    f.send(&phase(Phase::Run)).await;
    assert_eq!(good.room().await.phase, Phase::Run);
}

#[tokio::test]
async fn a_message_over_the_size_cap_closes_only_that_connection() {
    let s = TestServer::start().await;
    let (mut f, code, _) = Client::create(s.addr()).await;
    let (mut bad, _, _, _) = Client::join(s.addr(), &code, "Big", None).await;
    f.room().await;
    bad.send_text(&"x".repeat(MAX_MESSAGE_BYTES + 1)).await;
    let told = bad.closed().await;
    assert!(
        told.iter().any(|m| matches!(
            m,
            flowsim::rooms::ServerMsg::Error {
                kind: ErrorKind::Full,
                ..
            }
        )),
        "{told:?}"
    );
    assert!(!f.room().await.teams[0].online);
    f.send(&phase(Phase::Run)).await;
    assert_eq!(f.room().await.phase, Phase::Run);
}

/// A client that reads only some time after sending (a busy laptop) still learns why its
/// socket was closed: the server keeps it open a moment rather than resetting it with the
/// unread rest of the message.
#[tokio::test]
async fn a_slow_reader_still_hears_why_its_message_was_refused() {
    use tokio_tungstenite::tungstenite::protocol::frame::coding::{Data, OpCode};
    use tokio_tungstenite::tungstenite::protocol::frame::Frame;
    let s = TestServer::start().await;
    let not_utf8 = Frame::message(
        b"{\"type\":\"create\"\xff}".to_vec(),
        OpCode::Data(Data::Text),
        true,
    );
    let cases = [
        (
            Message::Text("x".repeat(4 * MAX_MESSAGE_BYTES).into()),
            ErrorKind::Full,
            1009,
        ),
        (Message::Frame(not_utf8), ErrorKind::Invalid, 1007),
    ];
    for (msg, kind, close) in cases {
        let mut c = Client::connect(s.addr()).await;
        c.send_raw(msg).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let (told, got) = c.closed_with_code().await;
        let kinds: Vec<ErrorKind> = told
            .iter()
            .filter_map(|m| match m {
                flowsim::rooms::ServerMsg::Error { kind, .. } => Some(*kind),
                _ => None,
            })
            .collect();
        assert_eq!((kinds, got), (vec![kind], Some(close)), "{told:?}");
    }
}

#[tokio::test]
async fn a_flood_is_rate_limited_per_connection() {
    let s = TestServer::start().await;
    let (mut f, code, _) = Client::create(s.addr()).await;
    let (mut flood, _, _, _) = Client::join(s.addr(), &code, "Flood", None).await;
    f.room().await;
    let n = 200;
    let started = std::time::Instant::now();
    for _ in 0..n {
        flood.send(&phase(Phase::Reveal)).await;
    }
    let (mut limited, mut refused) = (0, 0);
    for _ in 0..n {
        match flood.error().await.0 {
            ErrorKind::RateLimited => limited += 1,
            ErrorKind::Forbidden => refused += 1,
            other => panic!("{other:?}"),
        }
    }
    // The bucket lets through at most the burst plus the rate for the time the flood took.
    let allowed = 30.0 + 10.0 * started.elapsed().as_secs_f64() + 1.0;
    assert!(
        f64::from(refused) <= allowed,
        "{refused} let through, at most {allowed}"
    );
    assert!(limited > 0 && limited + refused == n);
    // Other connections are not limited by it.
    f.send(&phase(Phase::Run)).await;
    assert_eq!(f.room().await.phase, Phase::Run);
}
