//! A server's life: restart on the same data folder, idle rooms expiring, the app's files with
//! the rooms marker, origins, shutdown.

use crate::client::*;
use flowsim::rooms::protocol::ErrorKind;
use flowsim::rooms::{ClientMsg, ServerMsg};
use flowsim::server;
use flowsim::state::Phase;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

#[tokio::test]
async fn a_restart_on_the_same_data_folder_keeps_everything() {
    let s = TestServer::start().await;
    let (mut f, code, key) = Client::create(s.addr()).await;
    f.send(&content()).await;
    f.room().await;
    let (mut a, token_a, _, _) = Client::join(s.addr(), &code, "Ants", None).await;
    f.room().await;
    let (b, token_b, _, _) = Client::join(s.addr(), &code, "Bees", None).await;
    f.room().await;
    a.room().await;
    a.send(&predict("more WIP, longer waits")).await;
    a.room().await;
    a.you().await;
    f.room().await;
    f.send(&phase(Phase::Run)).await;
    f.room().await;
    a.room().await;
    a.send(&report(4.5, None)).await;
    a.you().await;
    let before = f.room().await;
    drop((a, b));

    let s = s.restart().await;
    f.closed().await;
    let mut f = Client::connect(s.addr()).await;
    f.send_text(&host_msg(&code, &key)).await;
    let after = f.room().await;
    assert_eq!(after.round, before.round);
    assert_eq!(after.phase, Phase::Run);
    assert_eq!(after.content, before.content);
    let names: Vec<&str> = after.teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Ants", "Bees"]);
    assert!(
        after.teams.iter().all(|t| !t.online),
        "teams are offline after a restart"
    );
    assert_eq!(after.teams[0].prediction, before.teams[0].prediction);
    assert_eq!(after.teams[0].results, before.teams[0].results);
    let (_a, _, _, you) = Client::join(s.addr(), &code, "Ants", Some(&token_a)).await;
    assert_eq!(you.prediction.as_deref(), Some("more WIP, longer waits"));
    assert_eq!(you.results.unwrap().throughput, 4.5);
    let (_b, _, room, _) = Client::join(s.addr(), &code, "Bees", Some(&token_b)).await;
    assert!(room.teams.iter().all(|t| t.online));
    // Teams joining after the restart come after the stored ones.
    let (_c, _, room, _) = Client::join(s.addr(), &code, "Cats", None).await;
    assert_eq!(room.teams.last().unwrap().name, "Cats");
}

#[tokio::test]
async fn rooms_idle_for_a_day_expire() {
    let s = TestServer::start().await;
    let (mut f, code, key) = Client::create(s.addr()).await;
    let (mut t, _, _, _) = Client::join(s.addr(), &code, "Owls", None).await;
    f.room().await;
    let (_g, kept, kept_key) = Client::create(s.addr()).await;
    s.advance(23 * 3600);
    // Activity in `kept` keeps it; `code` stays idle.
    let mut g2 = Client::connect(s.addr()).await;
    g2.send_text(&host_msg(&kept, &kept_key)).await;
    g2.room().await;
    s.advance(2 * 3600);
    t.send(&predict("late")).await;
    let told = t.closed().await;
    assert!(
        told.iter().any(|m| matches!(m, ServerMsg::Closed { .. })),
        "{told:?}"
    );
    let told = f.closed().await;
    assert!(
        told.iter().any(|m| matches!(m, ServerMsg::Closed { .. })),
        "{told:?}"
    );
    let mut again = Client::connect(s.addr()).await;
    again.send_text(&host_msg(&code, &key)).await;
    assert_eq!(again.error().await.0, ErrorKind::NotFound);
    assert!(s.srv.hub().room(&kept).is_some());
    // The sweep (as at start and hourly) deletes what is idle, also on disk.
    s.advance(25 * 3600);
    assert_eq!(s.srv.hub().expire_idle(), 1);
    let s = s.restart().await;
    assert_eq!(s.srv.hub().room_count(), 0);
}

#[tokio::test]
async fn a_restart_deletes_rooms_that_were_idle_meanwhile() {
    let s = TestServer::start().await;
    let (_f, code, key) = Client::create(s.addr()).await;
    s.advance(24 * 3600 + 1);
    let s = s.restart().await;
    let mut f = Client::connect(s.addr()).await;
    f.send_text(&host_msg(&code, &key)).await;
    assert_eq!(f.error().await.0, ErrorKind::NotFound);
    assert!(s.data_path().join("rooms.sqlite3").exists());
}

async fn http_get(addr: SocketAddr, path: &str) -> String {
    let mut tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let req = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    tcp.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    tokio::time::timeout(WAIT, tcp.read_to_string(&mut out))
        .await
        .unwrap()
        .unwrap();
    out
}

#[tokio::test]
async fn the_app_is_served_with_the_rooms_marker() {
    let s = TestServer::start().await;
    for path in ["/", "/index.html"] {
        let page = http_get(s.addr(), path).await;
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(
            page.contains("<meta name=\"flowsim-rooms\" content=\"ws\">\n</head>"),
            "{page}"
        );
    }
    let js = http_get(s.addr(), "/app.js").await;
    assert!(
        js.starts_with("HTTP/1.1 200") && js.ends_with("// app"),
        "{js}"
    );
    assert!(http_get(s.addr(), "/nope.js")
        .await
        .starts_with("HTTP/1.1 404"));
    // A rebuild while the server runs (new hashed file names in index.html) is served at once.
    let rebuilt = "<html><head><script src=\"app-2.js\"></script></head><body></body></html>";
    std::fs::write(s.dist.path().join("index.html"), rebuilt).unwrap();
    let page = http_get(s.addr(), "/").await;
    assert!(
        page.contains("app-2.js") && page.contains("flowsim-rooms"),
        "{page}"
    );
}

#[tokio::test]
async fn the_page_comes_with_a_policy_naming_its_inline_loader_by_hash() {
    let s = TestServer::start().await;
    // Trunk's page loads the app with one inline module script.
    let index = "<html><head><script type=\"module\">one()</script></head><body></body></html>";
    std::fs::write(s.dist.path().join("index.html"), index).unwrap();
    let page = http_get(s.addr(), "/").await.to_lowercase();
    // python3: base64.b64encode(hashlib.sha256(b'one()').digest())
    let hash = "'sha256-hr7iaask9dalmrrskmi++qejtjwdojypa6lgzygzkw4='";
    let policy = page
        .lines()
        .find_map(|l| l.strip_prefix("content-security-policy: "))
        .unwrap_or_else(|| panic!("no policy in {page}"));
    assert!(
        policy.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {hash};")),
        "{policy}"
    );
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    assert!(page.contains("x-content-type-options: nosniff"), "{page}");
}

#[tokio::test]
async fn a_missing_app_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = flowsim::server::Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        dist: dir.path().join("dist"),
        data: dir.path().join("data"),
        allow_origins: vec![],
        limits: Default::default(),
        clock: flowsim::server::system_clock(),
    };
    let e = flowsim::server::start(config).await.err().unwrap();
    assert!(e.to_string().contains("index.html is missing"), "{e}");
}

async fn upgrade(addr: SocketAddr, origin: Option<&str>) -> Result<(), u16> {
    let mut req = format!("ws://{addr}/ws").into_client_request().unwrap();
    if let Some(o) = origin {
        req.headers_mut().insert("Origin", o.parse().unwrap());
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok(_) => Ok(()),
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => Err(r.status().as_u16()),
        Err(e) => panic!("{e}"),
    }
}

#[tokio::test]
async fn upgrades_from_other_origins_are_refused_unless_allowed() {
    let s = TestServer::start().await;
    let a = s.addr();
    assert_eq!(upgrade(a, None).await, Ok(()));
    assert_eq!(upgrade(a, Some(&format!("http://{a}"))).await, Ok(()));
    assert_eq!(upgrade(a, Some("http://evil.example")).await, Err(403));
    assert_eq!(
        upgrade(a, Some("https://rooms.example.org")).await,
        Err(403)
    );
    let allowed = TestServer::on(
        s.data.clone(),
        s.dist.clone(),
        s.clock.clone(),
        vec!["https://rooms.example.org/".into()],
        s.limits.clone(),
    )
    .await;
    assert_eq!(
        upgrade(allowed.addr(), Some("https://rooms.example.org")).await,
        Ok(())
    );
    assert_eq!(
        upgrade(allowed.addr(), Some("http://evil.example")).await,
        Err(403)
    );
}

#[tokio::test]
async fn stopping_closes_open_sockets_promptly() {
    let s = TestServer::start().await;
    let (mut f, code, _) = Client::create(s.addr()).await;
    let (mut t, _, _, _) = Client::join(s.addr(), &code, "Moles", None).await;
    f.room().await;
    tokio::time::timeout(WAIT, s.srv.stop())
        .await
        .expect("stops in time");
    f.closed().await;
    t.closed().await;
}

/// A full server makes space by deleting a room nobody uses (no team ever joined, nobody
/// connected), the one idle longest; rooms in use are never touched, and when all are in use
/// a new one is refused with the reason.
#[tokio::test]
async fn a_full_server_makes_space_only_from_rooms_nobody_uses() {
    let s = TestServer::with_limits(server::Limits {
        max_rooms: 3,
        ..Default::default()
    })
    .await;
    // In use: its facilitator is connected.
    let (hosted, hosted_code, _) = Client::create(s.addr()).await;
    // In use: a team joined (nobody is connected now).
    let (f, joined_code, _) = Client::create(s.addr()).await;
    let (t, _, _, _) = Client::join(s.addr(), &joined_code, "Owls", None).await;
    drop((f, t));
    s.advance(60);
    // Created and left: two of them, the older idle longer.
    let (older, older_code, _) = Client::create(s.addr()).await;
    drop(older);
    s.advance(60);
    let (newer, newer_code) = create_when_space(s.addr()).await.expect("space made");
    assert!(
        s.srv.hub().room(&older_code).is_none(),
        "the unused room made space"
    );
    drop(newer);
    s.advance(60);
    // The newer one is unused too: it makes space next.
    let (_newest, newest_code) = create_when_space(s.addr()).await.expect("space made");
    assert!(s.srv.hub().room(&newer_code).is_none());
    // Now every room is in use: refused, saying why, and nothing deleted.
    let mut c = Client::connect(s.addr()).await;
    c.send(&ClientMsg::Create).await;
    let (kind, _) = c.error().await;
    assert_eq!(kind, ErrorKind::Full);
    for code in [&hosted_code, &joined_code, &newest_code] {
        assert!(s.srv.hub().room(code).is_some(), "{code} kept");
    }
    drop(hosted);
    // Deleted on disk too: a restart loads the three rooms in use.
    let s = s.restart().await;
    assert_eq!(s.srv.hub().room_count(), 3);
}

/// A client that vanishes (a closed laptop: no closing handshake) is offline at once, not
/// after the grace a client refused for a message it sent gets to read why.
#[tokio::test]
async fn a_vanished_team_is_offline_at_once() {
    let s = TestServer::start().await;
    let (mut f, code, _) = Client::create(s.addr()).await;
    let (t, _, _, _) = Client::join(s.addr(), &code, "Owls", None).await;
    assert!(f.room().await.teams[0].online);
    let start = std::time::Instant::now();
    drop(t);
    assert!(!f.room().await.teams[0].online);
    let grace = server::conn::CLOSE_GRACE;
    assert!(start.elapsed() < grace / 2, "{:?}", start.elapsed());
}

/// Creates a room, asking again while the server is full: it may not have seen yet that the
/// clients dropped just before have left. The last refusal if it stays full.
async fn create_when_space(addr: SocketAddr) -> Result<(Client, String), String> {
    let mut last = String::new();
    for _ in 0..100 {
        let mut c = Client::connect(addr).await;
        c.send(&ClientMsg::Create).await;
        match c.next().await {
            ServerMsg::Created { code, .. } => return Ok((c, code)),
            ServerMsg::Error {
                kind: ErrorKind::Full,
                message,
                ..
            } => last = message,
            other => panic!("{other:?}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Err(last)
}

/// Each team keeps its seat (its colour on the dashboard) when another team is removed, and
/// through a restart; a team joining later takes a new one.
#[tokio::test]
async fn a_team_keeps_its_seat_when_another_leaves_and_through_a_restart() {
    let s = TestServer::start().await;
    let (mut f, code, key) = Client::create(s.addr()).await;
    let mut teams = Vec::new();
    for name in ["Ants", "Bees", "Cats"] {
        teams.push(Client::join(s.addr(), &code, name, None).await.0);
        f.room().await;
    }
    f.send(&ClientMsg::RemoveTeam(
        flowsim::rooms::protocol::RemoveTeam {
            team: "Bees".into(),
        },
    ))
    .await;
    f.room().await;
    let (_d, _, room, _) = Client::join(s.addr(), &code, "Dogs", None).await;
    let seats = |room: &flowsim::rooms::RoomView| -> Vec<(String, u32)> {
        room.teams
            .iter()
            .map(|t| (t.name.clone(), t.seat))
            .collect()
    };
    let want = [("Ants", 0), ("Cats", 2), ("Dogs", 3)].map(|(n, k)| (n.to_string(), k));
    assert_eq!(seats(&room), want);
    drop((teams, _d));
    let s = s.restart().await;
    f.closed().await;
    let mut f = Client::connect(s.addr()).await;
    f.send_text(&host_msg(&code, &key)).await;
    assert_eq!(seats(&f.room().await), want);
    let (_e, _, room, _) = Client::join(s.addr(), &code, "Eels", None).await;
    assert_eq!(room.teams.last().map(|t| t.seat), Some(4));
}
