//! Load on one room: starts `flowsim serve` as its own process (a free port, a fresh data
//! folder), opens N participant connections in one room (N teams, default 300), has the
//! facilitator change the phase M times (default 50), and prints the p50/p95/max of the time
//! from the facilitator's send to each participant's receipt, and the server's memory (VmRSS
//! from /proc) idle and with the connections open.
//!
//!     cargo bench --profile test --bench rooms_load          # optimised, without LTO's wait
//!     ROOMS_LOAD_TEAMS=300 ROOMS_LOAD_CHANGES=50 cargo bench --bench rooms_load

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use futures_util::{SinkExt, StreamExt};
    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};
    use tokio::sync::mpsc;
    use tokio_tungstenite::tungstenite::Message;

    const PHASES: [&str; 3] = ["Run", "Reveal", "Predict"];

    fn env(name: &str, default: usize) -> usize {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    }

    fn rss_kib(pid: u32, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    struct Server(Child);

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    fn start(dir: &std::path::Path) -> (Server, String) {
        let dist = dir.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<html><head></head></html>").unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let bin = std::env::var("FLOWSIM_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_flowsim").to_string());
        let mut child = Command::new(bin)
            .args(["serve", "--port", &port.to_string(), "--dist"])
            .arg(&dist)
            .arg("--data")
            .arg(dir.join("data"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("flowsim serve starts");
        let mut line = String::new();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        out.read_line(&mut line).unwrap();
        // Keep reading what the server prints, so its stdout never closes under it.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        assert!(line.contains("open http://"), "{line}");
        (Server(child), format!("ws://127.0.0.1:{port}/ws"))
    }

    fn percentile(sorted: &[f64], p: f64) -> f64 {
        sorted[((sorted.len() - 1) as f64 * p).round() as usize]
    }

    pub fn main() {
        let teams = env("ROOMS_LOAD_TEAMS", 300);
        let changes = env("ROOMS_LOAD_CHANGES", 50);
        let dir = tempfile::tempdir().unwrap();
        let (server, url) = start(dir.path());
        let pid = server.0.id();
        std::thread::sleep(Duration::from_millis(300));
        let idle = rss_kib(pid, "VmRSS:");
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (lat, with_conns, after) = rt.block_on(run(&url, pid, teams, changes));
        let peak = rss_kib(pid, "VmHWM:");
        let mut ms: Vec<f64> = lat.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(|a, b| a.total_cmp(b));
        println!(
            "rooms_load: {teams} participant connections in one room, {changes} phase changes, \
             {} receipts",
            ms.len()
        );
        println!(
            "rooms_load: send → receipt: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            ms[ms.len() - 1]
        );
        println!(
            "rooms_load: server VmRSS: idle {:.1} MiB, {teams} connections joined {:.1} MiB, \
             after the changes {:.1} MiB (peak {:.1} MiB)",
            idle as f64 / 1024.0,
            with_conns as f64 / 1024.0,
            after as f64 / 1024.0,
            peak as f64 / 1024.0
        );
        drop(server);
    }

    async fn run(url: &str, pid: u32, teams: usize, changes: usize) -> (Vec<Duration>, u64, u64) {
        let (mut f, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        f.send(Message::Text(r#"{"type":"create"}"#.into()))
            .await
            .unwrap();
        let created = f.next().await.unwrap().unwrap().into_text().unwrap();
        let v: serde_json::Value = serde_json::from_str(created.as_str()).unwrap();
        let code = v["code"].as_str().unwrap().to_string();
        // Receipts: (team, change, when).
        let (tx, mut rx) = mpsc::unbounded_channel::<(usize, Instant)>();
        let (ready_tx, mut ready_rx) = mpsc::unbounded_channel::<()>();
        for i in 0..teams {
            let (mut ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
            let join = format!(r#"{{"type":"join","code":"{code}","team":"Team {i}"}}"#);
            ws.send(Message::Text(join.into())).await.unwrap();
            let (tx, ready) = (tx.clone(), ready_tx.clone());
            tokio::spawn(async move {
                let mut next = 0;
                let mut joined = false;
                while let Some(Ok(m)) = ws.next().await {
                    let at = Instant::now();
                    let Message::Text(t) = m else { continue };
                    if !joined && t.as_str().contains(r#""type":"joined""#) {
                        joined = true;
                        let _ = ready.send(());
                    }
                    let want = format!(r#""phase":"{}""#, PHASES[next % 3]);
                    if next < usize::MAX
                        && t.as_str().contains(&want)
                        && t.as_str().contains(r#""type":"room""#)
                    {
                        let _ = tx.send((next, at));
                        next += 1;
                    }
                }
            });
        }
        for _ in 0..teams {
            ready_rx.recv().await.unwrap();
        }
        // Let the joins' fan-out settle: wait until the facilitator has seen every team.
        let want = format!(r#""name":"Team {}""#, teams - 1);
        loop {
            let m = f.next().await.unwrap().unwrap();
            if m.into_text().unwrap().as_str().contains(&want) {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let with_conns = rss_kib(pid, "VmRSS:");
        let mut lat = Vec::with_capacity(teams * changes);
        for c in 0..changes {
            let msg = format!(r#"{{"type":"set_phase","phase":"{}"}}"#, PHASES[c % 3]);
            let sent = Instant::now();
            f.send(Message::Text(msg.into())).await.unwrap();
            let mut got = 0;
            while got < teams {
                let (change, at) = tokio::time::timeout(Duration::from_secs(30), rx.recv())
                    .await
                    .expect("every participant hears the change")
                    .unwrap();
                assert_eq!(change, c);
                lat.push(at - sent);
                got += 1;
            }
            // Drain the facilitator's own view of the change.
            let _ = f.next().await;
            // Stay under the facilitator's rate limit (10 messages a second).
            tokio::time::sleep(Duration::from_millis(110)).await;
        }
        (lat, with_conns, rss_kib(pid, "VmRSS:"))
    }
}
