//! Finished work waiting to move on, on timelines worked out by hand: a stage is "waiting for
//! room" exactly while its outbox is held by a full stage downstream, and release trains move
//! only what the next stage has room for, then come back on their schedule.

use crate::helpers::scenario;
use flowsim::sim::Simulation;

/// Build (a day per item) feeds Review (10 days, room for one). S1: Build 0–1, Review 1–11.
/// S2: Build 1–2, then held in Build's outbox from day 2 until S1 leaves Review on day 11,
/// Review 11–21. Build waited for room 9 of the 21 days, and not after S2 moved on.
#[test]
fn a_stage_waits_for_room_exactly_while_its_outbox_is_held() {
    let s = scenario(
        r#"{"duration": 21, "arrival": {"type": "backlog", "count": 2},
            "stages": [{"name": "Build", "work": {"type": "constant", "value": 1}},
                       {"name": "Review", "work": {"type": "constant", "value": 10}, "wip_limit": 1}]}"#,
    );
    let s = Simulation::new(&s).unwrap().run().summary();
    assert_eq!(s.completed, 2);
    assert_eq!(s.last_completion, Some(21.0));
    assert!((s.stages[0].waiting_for_room_share - 9.0 / 21.0).abs() < 1e-12);
    assert_eq!(s.stages[1].waiting_for_room_share, 0.0);
}

/// Build (a day per item, a release train every 5 days) feeds Review (3 days, room for one).
/// S1, S2, S3 are built by day 3 and wait for the train, which is not waiting for room. The
/// train of day 5 takes S1 only (Review is then full), so Build waits for room from day 5;
/// Review frees up on day 8, but the outbox moves only with a train: day 10 takes S2, day 15
/// takes S3 and empties the outbox. Review finishes on days 8, 13 and 18; Build waited for
/// room 10 of the 18 days until the run was over (the last item done); each of the three
/// trains was one departure.
#[test]
fn a_release_train_moves_what_the_next_stage_has_room_for_and_comes_back() {
    let s = scenario(
        r#"{"duration": 20, "arrival": {"type": "backlog", "count": 3},
            "stages": [{"name": "Build", "work": {"type": "constant", "value": 1}, "release_every": 5},
                       {"name": "Review", "work": {"type": "constant", "value": 3}, "wip_limit": 1}]}"#,
    );
    let mut sim = Simulation::new(&s).unwrap();
    sim.run_until(13.0);
    assert_eq!(sim.summary().completed, 2);
    let s = sim.run().summary();
    assert_eq!(s.completed, 3);
    assert_eq!(s.last_completion, Some(18.0));
    assert!((s.stages[0].waiting_for_room_share - 10.0 / 18.0).abs() < 1e-12);
    assert_eq!(s.stages[0].departures, 3);
}
