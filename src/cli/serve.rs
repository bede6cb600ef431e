//! `flowsim serve`: the built app and workshop rooms on one port (see `docs/rooms.md`).

use clap::Args;
use flowsim::server::{self, Config, Limits};
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// Arguments of `flowsim serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The port to listen on.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The built app (trunk's output folder, with index.html).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dist: PathBuf,
    /// Where rooms are stored (rooms.sqlite3 inside).
    #[arg(long, value_name = "DIR", default_value = ".flowsim-data")]
    data: PathBuf,
    /// The address to listen on: 127.0.0.1 is this computer only; 0.0.0.0 lets laptops on the
    /// same network join.
    #[arg(long, default_value = "127.0.0.1", value_parser = host)]
    host: IpAddr,
    /// An origin (e.g. https://rooms.example.org) whose pages may open room connections,
    /// besides the server's own; repeatable. Needed behind a proxy that rewrites Host.
    #[arg(long = "allow-origin", value_name = "URL", value_parser = origin)]
    allow_origin: Vec<String>,
}

/// An IP address to listen on; `localhost` is 127.0.0.1.
fn host(s: &str) -> Result<IpAddr, String> {
    if s.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::from([127, 0, 0, 1]));
    }
    s.parse().map_err(|_| {
        format!("{s:?} is not an IP address: use 127.0.0.1 (this computer only) or 0.0.0.0 (every network)")
    })
}

/// An origin as browsers send it: scheme://host[:port], nothing after.
fn origin(s: &str) -> Result<String, String> {
    let bad = || {
        format!("{s:?} is not an origin: write scheme://host[:port], such as https://rooms.example.org, with no path")
    };
    let s = s.strip_suffix('/').unwrap_or(s);
    let (scheme, rest) = s.split_once("://").ok_or_else(bad)?;
    let scheme_ok = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let rest_ok = !rest.is_empty() && !rest.contains(['/', '?', '#', ' ', '@']);
    if scheme_ok && rest_ok {
        Ok(s.to_string())
    } else {
        Err(bad())
    }
}

/// Runs the server until Ctrl+C or SIGTERM; the error is for people.
pub fn run(args: ServeArgs) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
    runtime.block_on(async move {
        let config = Config {
            addr: SocketAddr::new(args.host, args.port),
            dist: args.dist,
            data: args.data,
            allow_origins: args.allow_origin,
            limits: Limits::default(),
            clock: server::system_clock(),
        };
        let data = config.data.clone();
        let srv = server::start(config).await.map_err(|e| e.to_string())?;
        let addr = srv.addr();
        let shown = if addr.ip().is_unspecified() {
            format!("http://<this computer's address>:{}/", addr.port())
        } else {
            format!("http://{addr}/")
        };
        // A closed stdout (e.g. `| head`) must not stop the server: write, never panic.
        let mut out = std::io::stdout();
        let _ = writeln!(
            out,
            "flowsim: open {shown} in a browser (rooms stored in {})",
            data.display()
        );
        if addr.ip().is_loopback() {
            let _ = writeln!(
                out,
                "flowsim: only this computer can connect; for laptops on the venue's network \
                 use --host 0.0.0.0 (and allow port {} through the firewall)",
                addr.port()
            );
        }
        server::shutdown_signal().await;
        tracing::info!("shutting down");
        srv.stop().await;
        Ok(())
    })
}
