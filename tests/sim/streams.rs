//! Random streams: each request's draws are its own, whichever arrival stream made it.

use crate::helpers::scenario;
use flowsim::sim::Simulation;

#[test]
fn requests_of_different_streams_never_share_their_work_draws() {
    // Main-stream requests and incidents with their own arrivals are numbered 0, 1, 2, … in
    // each stream; the stream's index keeps their random keys apart, so no two visits get the
    // same exponential work time (a tie has probability ~0 for continuous draws).
    let sc = scenario(
        r#"{"duration": 300, "arrival": {"type":"poisson","rate":0.5},
            "stages": [{"name":"Fix","workers":4,"work":{"type":"exponential","mean":1}}],
            "classes": [
              {"name":"Standard","share":1},
              {"name":"Incident","arrival":{"type":"poisson","rate":0.5},"priority":1}]}"#,
    );
    let mut sim = Simulation::with_item_log(&sc).unwrap();
    sim.run();
    let log = sim.item_log().unwrap();
    let mut work: Vec<f64> = log.visits.iter().map(|v| v.finish - v.start).collect();
    assert!(work.len() > 200, "{} visits", work.len());
    work.sort_by(f64::total_cmp);
    let ties = work
        .windows(2)
        .filter(|w| (w[1] - w[0]).abs() <= 1e-9 * w[1].abs())
        .count();
    assert_eq!(ties, 0, "requests of two streams drew the same work");
}

#[test]
fn the_board_lists_expedite_items_in_their_lane_and_caps_each_list() {
    // A stage with one worker and a long queue of standard and expedite items: the board shows
    // at most `tokens` of each list, counts every item in its own list, and never puts an
    // expedite item among the standard ones.
    let sc = crate::helpers::scenario(
        r#"{"duration": 100, "arrival": {"type":"poisson","rate":3},
            "stages": [{"name":"Dev","work":{"type":"constant","value":1}}],
            "classes": [
              {"name":"Standard","share":0.7},
              {"name":"Expedite","share":0.3,"wip_exempt":true,"priority":1}]}"#,
    );
    let mut sim = Simulation::new(&sc).unwrap();
    sim.run_until(30.0);
    let tokens = 3;
    let board = sim.board(tokens);
    let dev = &board.stages[0];
    let items = sim.wip_items();
    let expedite_ids: Vec<u64> = dev.expedite.iter().map(|t| t.id).collect();
    assert!(
        dev.waiting_len > tokens && dev.expedite_len > tokens,
        "{} {}",
        dev.waiting_len,
        dev.expedite_len
    );
    assert_eq!(dev.waiting.len(), tokens);
    assert_eq!(dev.expedite.len(), tokens);
    assert!(
        dev.waiting.iter().all(|t| t.class == 0),
        "only standard items wait in the main list"
    );
    assert!(
        dev.expedite.iter().all(|t| t.class == 1),
        "{expedite_ids:?}"
    );
    let sections =
        dev.waiting_len + dev.working_len + dev.finished_len + dev.blocked_len + dev.expedite_len;
    assert_eq!(
        sections,
        items.len(),
        "every item in process is counted once"
    );
}

#[test]
fn the_board_counts_the_backlog_waiting_behind_the_system_cap() {
    // 20 requests, a cap of 3 in the system, one worker taking exactly a day each: at day
    // d + 0.5 the worker has finished d items, so 3 + d have started and 17 - d wait.
    let mut sim = Simulation::new(&scenario(
        r#"{"duration": 100, "arrival": {"type":"backlog","count":20}, "wip_limit": 3,
            "stages": [{"name":"Do","workers":1,"work":{"type":"constant","value":1}}]}"#,
    ))
    .unwrap();
    for d in 0..=17u32 {
        sim.run_until(d as f64 + 0.5);
        let b = sim.board(5);
        assert_eq!(b.backlog_len, (17 - d) as usize, "at day {d}.5");
        assert_eq!(b.backlog.len(), b.backlog_len.min(5), "at day {d}.5");
        assert_eq!(b.done, d as u64, "at day {d}.5");
    }
}
