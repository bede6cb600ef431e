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
