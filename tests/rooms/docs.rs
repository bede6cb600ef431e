//! docs/rooms.md's examples are real messages: each line of a `json client` block decodes,
//! each line of a `json server` block reads as a server message.

use flowsim::rooms::{ClientMsg, ServerMsg};

fn blocks(kind: &str) -> Vec<String> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rooms.md"))
        .expect("docs/rooms.md");
    let mut out = Vec::new();
    let mut inside = false;
    for line in doc.lines() {
        if line.starts_with("```") {
            inside = line == format!("```json {kind}");
        } else if inside && !line.trim().is_empty() {
            out.push(line.to_string());
        }
    }
    out
}

#[test]
fn every_documented_message_is_a_real_one() {
    let client = blocks("client");
    assert!(client.len() >= 12, "{client:?}");
    for line in &client {
        if let Err(e) = ClientMsg::decode(line) {
            panic!("{line}: {e}");
        }
    }
    let server = blocks("server");
    assert!(server.len() >= 14, "{server:?}");
    for line in &server {
        if let Err(e) = serde_json::from_str::<ServerMsg>(line) {
            panic!("{line}: {e}");
        }
    }
    let kinds: Vec<&String> = server
        .iter()
        .filter(|l| l.contains(r#""type":"error""#))
        .collect();
    for kind in [
        "invalid",
        "not_found",
        "forbidden",
        "taken",
        "full",
        "rate_limited",
        "wrong_phase",
    ] {
        let tag = format!(r#""kind":"{kind}""#);
        assert!(
            kinds.iter().any(|l| l.contains(&tag)),
            "no example of {kind}"
        );
    }
}
