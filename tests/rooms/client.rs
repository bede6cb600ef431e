//! A test server with a fresh data folder and a clock the test moves, and a WebSocket client
//! that waits for the message it expects (never a fixed sleep).

use flowsim::rooms::protocol::{ErrorKind, Predict, SetContent, SetPhase};
use flowsim::rooms::{ClientMsg, Content, RoomView, ServerMsg, TeamView};
use flowsim::server::{self, Config, Limits, Server};
use flowsim::state::Phase;
use futures_util::{SinkExt, StreamExt};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a client waits for a message it expects.
pub const WAIT: Duration = Duration::from_secs(5);

/// A server in this process, its folders and its clock.
pub struct TestServer {
    pub srv: Server,
    pub data: Arc<tempfile::TempDir>,
    pub dist: Arc<tempfile::TempDir>,
    pub clock: Arc<AtomicI64>,
    pub allow: Vec<String>,
    pub limits: Limits,
}

pub const INDEX: &str = "<html><head><title>flowsim</title></head><body></body></html>";

impl TestServer {
    pub async fn start() -> TestServer {
        Self::with_limits(Limits::default()).await
    }

    /// A server holding at most what `limits` allow.
    pub async fn with_limits(limits: Limits) -> TestServer {
        let dist = tempfile::tempdir().unwrap();
        std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
        std::fs::write(dist.path().join("app.js"), "// app").unwrap();
        let data = tempfile::tempdir().unwrap();
        Self::on(
            Arc::new(data),
            Arc::new(dist),
            Arc::new(AtomicI64::new(1_000_000)),
            vec![],
            limits,
        )
        .await
    }

    pub async fn on(
        data: Arc<tempfile::TempDir>,
        dist: Arc<tempfile::TempDir>,
        clock: Arc<AtomicI64>,
        allow: Vec<String>,
        limits: Limits,
    ) -> TestServer {
        let c = clock.clone();
        let config = Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            dist: dist.path().to_path_buf(),
            data: data.path().to_path_buf(),
            allow_origins: allow.clone(),
            limits: limits.clone(),
            clock: Arc::new(move || c.load(Ordering::SeqCst)),
        };
        let srv = server::start(config).await.expect("server starts");
        TestServer {
            srv,
            data,
            dist,
            clock,
            allow,
            limits,
        }
    }

    /// Stops this server and starts another on the same data folder.
    pub async fn restart(self) -> TestServer {
        let TestServer {
            srv,
            data,
            dist,
            clock,
            allow,
            limits,
        } = self;
        srv.stop().await;
        Self::on(data, dist, clock, allow, limits).await
    }

    pub fn addr(&self) -> SocketAddr {
        self.srv.addr()
    }

    pub fn data_path(&self) -> PathBuf {
        self.data.path().to_path_buf()
    }

    pub fn advance(&self, secs: i64) {
        self.clock.fetch_add(secs, Ordering::SeqCst);
    }
}

pub struct Client {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl Client {
    pub async fn connect(addr: SocketAddr) -> Client {
        let (ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws"))
            .await
            .expect("connects");
        Client { ws }
    }

    pub async fn send_text(&mut self, text: &str) {
        self.ws
            .send(Message::Text(text.into()))
            .await
            .expect("sends");
    }

    pub async fn send_raw(&mut self, msg: Message) {
        self.ws.send(msg).await.expect("sends");
    }

    pub async fn send(&mut self, msg: &ClientMsg) {
        self.send_text(&msg.to_json()).await;
    }

    /// The next message (pings skipped); panics after [`WAIT`] or when the socket closes.
    pub async fn next(&mut self) -> ServerMsg {
        loop {
            let m = tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("a message in time")
                .expect("the socket is open")
                .expect("a message");
            match m {
                Message::Text(t) => return serde_json::from_str(t.as_str()).expect("server JSON"),
                Message::Ping(_) | Message::Pong(_) => continue,
                other => panic!("unexpected frame {other:?}"),
            }
        }
    }

    /// Waits until the socket is closed by the server; returns what it was told before.
    pub async fn closed(&mut self) -> Vec<ServerMsg> {
        self.closed_with_code().await.0
    }

    /// Like [`Client::closed`], with the close frame's code (`None` when the connection ended
    /// without one, or failed).
    pub async fn closed_with_code(&mut self) -> (Vec<ServerMsg>, Option<u16>) {
        let mut seen = Vec::new();
        loop {
            match tokio::time::timeout(WAIT, self.ws.next())
                .await
                .expect("closes in time")
            {
                Some(Ok(Message::Text(t))) => seen.push(serde_json::from_str(t.as_str()).unwrap()),
                Some(Ok(Message::Close(frame))) => return (seen, frame.map(|f| f.code.into())),
                None | Some(Err(_)) => return (seen, None),
                Some(Ok(_)) => {}
            }
        }
    }

    pub async fn room(&mut self) -> RoomView {
        match self.next().await {
            ServerMsg::Room { room } => room,
            other => panic!("expected room, got {other:?}"),
        }
    }

    pub async fn you(&mut self) -> TeamView {
        match self.next().await {
            ServerMsg::You { team } => team,
            other => panic!("expected you, got {other:?}"),
        }
    }

    /// The next message, which must be an error: its kind and path.
    pub async fn error(&mut self) -> (ErrorKind, Option<String>) {
        match self.next().await {
            ServerMsg::Error {
                kind,
                path,
                message,
            } => {
                assert!(!message.is_empty());
                (kind, path)
            }
            other => panic!("expected an error, got {other:?}"),
        }
    }

    /// Opens a room: the client, the code and the key.
    pub async fn create(addr: SocketAddr) -> (Client, String, String) {
        let mut c = Client::connect(addr).await;
        c.send(&ClientMsg::Create).await;
        let ServerMsg::Created { code, key } = c.next().await else {
            panic!("expected created")
        };
        let view = c.room().await;
        assert_eq!(view.code, code);
        assert!(view.facilitator_online);
        (c, code, key)
    }

    /// Joins a room as a team: the client, the token, the room and `you`.
    pub async fn join(
        addr: SocketAddr,
        code: &str,
        team: &str,
        token: Option<&str>,
    ) -> (Client, String, RoomView, TeamView) {
        let mut c = Client::connect(addr).await;
        c.send_text(&join_msg(code, team, token)).await;
        let ServerMsg::Joined {
            code: got, token, ..
        } = c.next().await
        else {
            panic!("expected joined")
        };
        assert_eq!(got, code);
        let room = c.room().await;
        let you = c.you().await;
        (c, token, room, you)
    }
}

pub fn join_msg(code: &str, team: &str, token: Option<&str>) -> String {
    match token {
        Some(t) => serde_json::json!({"type": "join", "code": code, "team": team, "token": t}),
        None => serde_json::json!({"type": "join", "code": code, "team": team}),
    }
    .to_string()
}

pub fn host_msg(code: &str, key: &str) -> String {
    serde_json::json!({"type": "host", "code": code, "key": key}).to_string()
}

pub fn content() -> ClientMsg {
    ClientMsg::SetContent(SetContent {
        content: Content {
            lesson: None,
            scenario: flowsim::state::default_scenario(),
        },
    })
}

pub fn phase(phase: Phase) -> ClientMsg {
    ClientMsg::SetPhase(SetPhase { phase })
}

pub fn predict(text: &str) -> ClientMsg {
    ClientMsg::Predict(Predict { text: text.into() })
}

pub fn report(throughput: f64, scenario: Option<flowsim::sim::Scenario>) -> ClientMsg {
    serde_json::from_value(serde_json::json!({
        "type": "report",
        "results": {
            "day": 20.0, "completed": 9, "throughput": throughput, "lead_mean": 2.5,
            "lead_p85": 4.0, "wip_mean": 3.0, "scenario": scenario
        }
    }))
    .unwrap()
}
