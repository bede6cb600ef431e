//! The HTTP side: `GET /ws` upgrades to a room connection (same-origin browsers, listed
//! origins, or clients that send no `Origin`), and everything else is the built app from
//! `--dist`, whose `index.html` gains the `flowsim-rooms` marker that shows the room buttons
//! and is sent with its Content-Security-Policy ([`csp`]).

use super::conn;
use super::csp;
use super::hub::Hub;
use crate::rooms::protocol::MAX_MESSAGE_BYTES;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use tokio::sync::watch;
use tower_http::services::ServeDir;

/// The marker the app looks for to offer rooms.
pub const ROOMS_META: &str = r#"<meta name="flowsim-rooms" content="ws">"#;

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The live rooms.
    pub hub: Arc<Hub>,
    /// The built app; its `index.html` is read on every request, so a rebuild while the
    /// server runs (new hashed file names) is served at once.
    pub dist: Arc<std::path::Path>,
    /// Origins allowed besides the server's own (e.g. `https://rooms.example.org`).
    pub allow_origins: Arc<[String]>,
    /// Fires once at shutdown.
    pub shutdown: watch::Receiver<bool>,
}

/// `index.html` with [`ROOMS_META`] before `</head>` (or at the start when there is none).
pub fn with_rooms_marker(index: &str) -> String {
    match index.find("</head>") {
        Some(i) => format!("{}{ROOMS_META}\n{}", &index[..i], &index[i..]),
        None => format!("{ROOMS_META}\n{index}"),
    }
}

/// The router: `/ws`, `/` and `/index.html`, then the static files.
pub fn router(state: AppState, dist: &std::path::Path) -> Router {
    Router::new()
        .route("/ws", get(ws))
        .route("/", get(index))
        .route("/index.html", get(index))
        .fallback_service(ServeDir::new(dist).append_index_html_on_directories(false))
        .with_state(state)
}

async fn index(State(st): State<AppState>) -> Response {
    match tokio::fs::read_to_string(st.dist.join("index.html")).await {
        Ok(text) => {
            let page = with_rooms_marker(&text);
            let headers = [
                (header::CONTENT_SECURITY_POLICY, csp::policy(&page)),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
            ];
            (headers, Html(page)).into_response()
        }
        Err(e) => {
            tracing::warn!("index.html unreadable: {e}");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "The app is not built in --dist (run scripts/serve.sh).",
            )
                .into_response()
        }
    }
}

/// Whether a WebSocket upgrade may proceed: no `Origin` (not a browser), an origin whose host
/// is the request's `Host`, or one of the allowed origins.
pub fn origin_allowed(headers: &HeaderMap, allowed: &[String]) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let origin = origin.trim_end_matches('/');
    if allowed
        .iter()
        .any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(origin))
    {
        return true;
    }
    let authority = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
}

async fn ws(State(st): State<AppState>, headers: HeaderMap, upgrade: WebSocketUpgrade) -> Response {
    if !origin_allowed(&headers, &st.allow_origins) {
        let origin = headers
            .get(header::ORIGIN)
            .map(|o| o.to_str().unwrap_or("?"));
        tracing::warn!(origin = ?origin, "WebSocket from another origin refused");
        return (
            StatusCode::FORBIDDEN,
            "WebSocket connections from this origin are not allowed (see --allow-origin)",
        )
            .into_response();
    }
    let (hub, shutdown) = (st.hub.clone(), st.shutdown.clone());
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        // Small reads: 300 sockets with the default 128 KiB buffer each would hold 37 MiB.
        .read_buffer_size(4 * 1024)
        .on_upgrade(move |socket| conn::serve(socket, hub, shutdown))
}
