//! One WebSocket connection's task: reads messages (rate-limited) into the hub, writes what
//! the hub queues for it, and closes on request, when it falls behind, or at shutdown.

use super::hub::{Conn, Hub, Out, Session};
use crate::rooms::protocol::{ErrorKind, MAX_MESSAGE_BYTES};
use crate::rooms::ProtocolError;
use axum::extract::ws::{close_code, CloseFrame, Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch, Notify};

/// Messages a connection may send per second, on average.
pub const RATE_PER_SEC: f64 = 10.0;
/// Messages a connection may send at once before the rate applies.
pub const BURST: f64 = 30.0;
/// How often the server pings a quiet socket, so proxies do not close it as idle.
pub const PING_EVERY: Duration = Duration::from_secs(30);

/// A token bucket: [`BURST`] messages at once, refilled at [`RATE_PER_SEC`].
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn new() -> Bucket {
        Bucket {
            tokens: BURST,
            at: Instant::now(),
        }
    }

    fn take(&mut self) -> bool {
        let now = Instant::now();
        let dt = now.duration_since(self.at).as_secs_f64();
        self.at = now;
        self.tokens = (self.tokens + dt * RATE_PER_SEC).min(BURST);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

fn close(code: u16, reason: &'static str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

/// Serves one upgraded socket until it closes.
pub async fn serve(socket: WebSocket, hub: Arc<Hub>, mut shutdown: watch::Receiver<bool>) {
    let (tx, mut rx) = mpsc::channel(hub.limits().outbox);
    let kill = Arc::new(Notify::new());
    let mut session = Session::new(Conn::new(hub.next_id(), tx, kill.clone()));
    let (mut sink, mut stream) = socket.split();
    let mut bucket = Bucket::new();
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
    loop {
        tokio::select! {
            _ = ping.tick() => {
                if sink.send(Message::Ping(Default::default())).await.is_err() {
                    break;
                }
            }
            out = rx.recv() => match out {
                Some(Out::Text(text)) => {
                    if sink.send(Message::Text(text.as_ref().into())).await.is_err() {
                        break;
                    }
                }
                Some(Out::Close) | None => {
                    let _ = sink.send(close(close_code::NORMAL, "closed")).await;
                    break;
                }
            },
            _ = kill.notified() => {
                tracing::warn!("dropping a connection that cannot keep up");
                let _ = sink.send(close(close_code::POLICY, "too slow")).await;
                break;
            }
            _ = shutdown.changed() => {
                let _ = sink.send(close(close_code::AWAY, "server shutting down")).await;
                break;
            }
            msg = stream.next() => match msg {
                Some(Ok(Message::Text(text))) => {
                    if bucket.take() {
                        hub.handle(&mut session, text.as_str());
                    } else {
                        session.refuse(&ProtocolError::new(
                            ErrorKind::RateLimited,
                            "too many messages; this one was dropped",
                        ));
                    }
                }
                Some(Ok(Message::Binary(_))) => session.refuse(&ProtocolError::invalid(
                    ".",
                    "messages are JSON text, not binary",
                )),
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                Some(Ok(Message::Close(_))) | None => break,
                Some(Err(e)) => {
                    // A client that went away (a closed laptop, a dropped network) is gone
                    // at once: nobody is left to tell.
                    let Some((e, code, reason)) = read_failure(e) else {
                        break;
                    };
                    // The socket cannot read on after a message it could not take: say why,
                    // close, and stay a moment so the client reads both (dropping a socket
                    // with the rest of the message unread would reset the connection).
                    let msg = crate::rooms::ServerMsg::error(&e).to_json();
                    let _ = sink.send(Message::Text(msg.into())).await;
                    let _ = sink.send(close(code, reason)).await;
                    tokio::select! {
                        _ = tokio::time::sleep(CLOSE_GRACE) => {}
                        _ = shutdown.changed() => {}
                    }
                    break;
                }
            },
        }
    }
    hub.disconnect(&session);
}

/// How long a socket closed because a message could not be read stays open, so the client
/// can read why before the connection goes.
pub const CLOSE_GRACE: Duration = Duration::from_secs(2);

/// Why a message could not be read, as the client is told: the error, and the close code and
/// reason that end the socket; `None` when the client is gone (the connection reset or
/// closed without the closing handshake).
fn read_failure(e: axum::Error) -> Option<(ProtocolError, u16, &'static str)> {
    use tungstenite::error::ProtocolError as WsProtocol;
    use tungstenite::Error as WsError;
    Some(match e.into_inner().downcast::<WsError>().map(|e| *e) {
        Ok(
            WsError::ConnectionClosed
            | WsError::AlreadyClosed
            | WsError::Io(_)
            | WsError::Protocol(WsProtocol::ResetWithoutClosingHandshake),
        ) => return None,
        Ok(WsError::Capacity(_)) => (
            ProtocolError::new(
                ErrorKind::Full,
                format!("a message may be at most {MAX_MESSAGE_BYTES} bytes"),
            ),
            close_code::SIZE,
            "message too big",
        ),
        Ok(WsError::Utf8(_)) => (
            ProtocolError::invalid(".", "a text message must be UTF-8"),
            close_code::INVALID,
            "not UTF-8",
        ),
        other => {
            let why = other.map_or_else(|e| e.to_string(), |e| e.to_string());
            (
                ProtocolError::invalid(".", format!("the message could not be read ({why})")),
                close_code::PROTOCOL,
                "unreadable message",
            )
        }
    })
}
