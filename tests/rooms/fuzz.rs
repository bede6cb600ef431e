//! The decoder and the room state machine under hundreds of thousands of random and mutated
//! messages: no panic, every refusal explains itself, and a refused message changes nothing.

use flowsim::rooms::ClientMsg;
use flowsim::server::room::{Role, Room};
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

fn valid_messages() -> Vec<String> {
    let code = "ACEFH";
    let mut v: Vec<String> = [
        r#"{"type":"create"}"#.to_string(),
        r#"{"type":"close_challenge"}"#.into(),
        format!(r#"{{"type":"host","code":"{code}","key":"{}"}}"#, "a".repeat(32)),
        format!(r#"{{"type":"join","code":"{code}","team":"Blue"}}"#),
        format!(r#"{{"type":"join","code":"{code}","team":"Red","token":"{}"}}"#, "b".repeat(32)),
        r#"{"type":"set_phase","phase":"Reveal"}"#.into(),
        r#"{"type":"remove_team","team":"Blue"}"#.into(),
        r#"{"type":"predict","text":"shorter"}"#.into(),
        r#"{"type":"open_challenge","challenge":{"goal":"throughput","levers":["workers","wip_limits"],"max_wip":8,"days":100}}"#.into(),
        r#"{"type":"report","results":{"day":3,"completed":4,"throughput":1.5,"lead_mean":2,"lead_p85":3,"wip_mean":2}}"#.into(),
    ]
    .to_vec();
    v.push(crate::client::content().to_json());
    let mut s = flowsim::state::default_scenario();
    s.stages[0].workers = 2;
    v.push(crate::client::report(1.0, Some(s)).to_json());
    v
}

const PIECES: [&str; 24] = [
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "null",
    "true",
    "-1",
    "1e308",
    "NaN",
    "\\u0000",
    "\"type\"",
    "\"report\"",
    "\"join\"",
    "\"code\"",
    "\"ACEFH\"",
    "\"Blue\"",
    "0",
    "1e999",
    "\u{202e}",
    "\\",
    "\"\"",
];

fn mutate(rng: &mut Xoshiro256PlusPlus, text: &str) -> String {
    let mut b: Vec<u8> = text.as_bytes().to_vec();
    for _ in 0..rng.random_range(1..4) {
        let at = if b.is_empty() {
            0
        } else {
            rng.random_range(0..=b.len())
        };
        match rng.random_range(0..5) {
            0 if !b.is_empty() => {
                let end = (at + rng.random_range(1..8)).min(b.len());
                b.drain(at.min(end)..end);
            }
            1 => {
                let p = PIECES[rng.random_range(0..PIECES.len())];
                b.splice(at..at, p.bytes());
            }
            2 if at < b.len() => b[at] = rng.random(),
            3 => {
                // Swap a number for an extreme one.
                let n: f64 = rng.random::<f64>() * 10f64.powi(rng.random_range(-5..320));
                b.splice(at..at, n.to_string().bytes());
            }
            _ => b.insert(at, rng.random_range(0x20..0x7f)),
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}

#[test]
fn decoding_and_applying_hostile_messages_never_panics() {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(13);
    let valid = valid_messages();
    let roles = [Role::None, Role::Facilitator, Role::Team("b".repeat(32))];
    let mut room = Room::new("ACEFH".into(), "a".repeat(32));
    room.apply(
        &Role::None,
        ClientMsg::decode(&valid[4].replace(",\"token\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"", ""))
            .unwrap(),
        10,
        || "b".repeat(32),
    )
    .unwrap();
    let (mut accepted, mut refused) = (0, 0);
    for i in 0..300_000u32 {
        let text = match i % 10 {
            0 => {
                let len = rng.random_range(0..64);
                (0..len).map(|_| rng.random::<char>()).collect()
            }
            1 => valid[rng.random_range(0..valid.len())].clone(),
            _ => {
                // Mostly the small messages: the scenario ones are slower to validate.
                let pick = if rng.random_range(0..20) == 0 {
                    valid.len()
                } else {
                    valid.len() - 2
                };
                let base = rng.random_range(0..pick);
                mutate(&mut rng, &valid[base])
            }
        };
        match ClientMsg::decode(&text) {
            Err(e) => {
                assert!(!e.message.is_empty(), "{text:?}");
                refused += 1;
            }
            Ok(msg) => {
                accepted += 1;
                let role = &roles[rng.random_range(0..roles.len())];
                let before = room.clone();
                let fresh = format!("{:032x}", rng.random::<u128>());
                match room.apply(role, msg, 50, || fresh) {
                    Ok(_) => {}
                    Err(e) => {
                        assert!(!e.message.is_empty());
                        assert_eq!(room, before, "a refusal changed the room: {text:?}");
                    }
                }
                if room.teams.len() > 40 {
                    room.teams.truncate(1);
                }
            }
        }
    }
    assert!(
        accepted > 10_000 && refused > 100_000,
        "{accepted} accepted, {refused} refused"
    );
}
