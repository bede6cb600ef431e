//! Offered load from the parameters, worked out by hand: visits through rework loops, set-up
//! shared by a batch, multitasking's lost time, generalists' shares, classes' work scales; the
//! expected bottleneck; the summary's plain-words bottleneck and warnings; and a whole summary
//! worked out by hand.

use crate::helpers::scenario;
use flowsim::sim::Simulation;

fn loads(json: &str) -> Vec<f64> {
    Simulation::new(&scenario(json)).unwrap().offered_loads()
}

#[track_caller]
fn assert_loads(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-12, "{got:?} vs {want:?}");
    }
}

#[test]
fn every_parameter_counts_in_the_offered_load() {
    // One request a day. B sends a fifth back to A: visits v_A = 1 + 0.2·v_B, v_B = v_A,
    // v_C = 0.8·v_B, so 1.25, 1.25, 1.
    // A: 2 workers, 0.5 days: 1.25 × 0.5 / 2.
    // B: 0.3 days + a set-up of 0.8 per batch of 4; one worker holding two items keeps 80 % of
    //    the time, plus half of the two generalists: 1.25 × (0.3 + 0.2) / (0.8 + 1).
    // C: only the other half of the generalists: 1 × 0.4 / 1.
    let json = r#"{"arrival":{"type":"poisson","rate":1},"stages":[
        {"name":"A","workers":2,"work":{"type":"exponential","mean":0.5}},
        {"name":"B","multitask":2,"batch_size":4,"setup":{"type":"constant","value":0.8},
         "work":{"type":"constant","value":0.3},"rework":{"probability":0.2,"to":"A"}},
        {"name":"C","workers":0,"work":{"type":"constant","value":0.4}}],
        "generalists":[{"count":2,"stages":["B","C"]}]}"#;
    assert_loads(&loads(json), &[0.3125, 0.625 / 1.8, 0.4]);
    let s = Simulation::new(&scenario(json)).unwrap();
    assert_eq!(s.expected_bottleneck(), Some(2));
}

#[test]
fn a_long_rework_loop_doubles_the_visits_of_every_stage_in_it() {
    // A quarter of a request a day. First C loops on itself: v_C = 1 + 0.5·v_C = 2, the
    // others are visited once.
    let got = loads(
        r#"{"arrival":{"type":"fixed","interval":4},"stages":[
            {"name":"A","work":{"type":"constant","value":1}},
            {"name":"B","work":{"type":"constant","value":0.5}},
            {"name":"C","work":{"type":"constant","value":0.25},"rework":{"probability":0.5,"to":"C"}},
            {"name":"D","work":{"type":"constant","value":1}}]}"#,
    );
    assert_loads(&got, &[0.25, 0.125, 0.125, 0.25]);
    // Then half of what leaves C goes back to A: v = 1 + 0.5·v at A, B and C alike: 2 each.
    let back = loads(
        r#"{"arrival":{"type":"fixed","interval":4},"stages":[
            {"name":"A","work":{"type":"constant","value":1}},
            {"name":"B","work":{"type":"constant","value":0.5}},
            {"name":"C","work":{"type":"constant","value":0.25},"rework":{"probability":0.5,"to":"A"}}]}"#,
    );
    assert_loads(&back, &[0.5, 0.25, 0.125]);
}

#[test]
fn classes_bring_work_by_their_scale_and_set_up_by_their_count() {
    // Two requests a day: X (a quarter, three times the work) and Y. Work brought per day:
    // 2 × (0.25 × 3 + 0.75 × 1) = 3 units; set-up 1 per batch of 2, per request: 2 × 0.5.
    let got = loads(
        r#"{"arrival":{"type":"poisson","rate":2},"stages":[
            {"name":"A","workers":4,"batch_size":2,"setup":{"type":"constant","value":1},
             "work":{"type":"constant","value":0.5}}],
            "classes":[{"name":"X","share":0.25,"work_scale":3},{"name":"Y","share":0.75}]}"#,
    );
    assert_loads(&got, &[(3.0 * 0.5 + 2.0 * 0.5) / 4.0]);
}

#[test]
fn a_class_with_its_own_arrivals_adds_its_requests_and_its_work() {
    // Main arrivals: one a day, all class X. Class Y arrives on its own, one every 2 days, with
    // twice the work. Requests: 1.5 a day; work: 1 × 1 + 0.5 × 2 = 2 units a day; set-up 1 per
    // batch of 2 for every request: 1.5 × 0.5. Two workers.
    let json = r#"{"arrival":{"type":"poisson","rate":1},"stages":[
        {"name":"A","workers":2,"batch_size":2,"setup":{"type":"constant","value":1},
         "work":{"type":"constant","value":0.25}}],
        "classes":[{"name":"X","share":1},
                   {"name":"Y","arrival":{"type":"fixed","interval":2},"work_scale":2}]}"#;
    let sc = scenario(json);
    assert_eq!((sc.request_rate(), sc.work_rate()), (1.5, 2.0));
    assert_loads(&loads(json), &[(2.0 * 0.25 + 1.5 * 0.5) / 2.0]);
}

#[test]
fn a_tie_or_no_demand_names_no_expected_bottleneck() {
    let tie = Simulation::new(&scenario(
        r#"{"arrival":{"type":"poisson","rate":1},"stages":[
            {"name":"A","work":{"type":"constant","value":0.5}},
            {"name":"B","workers":2,"work":{"type":"constant","value":1}}]}"#,
    ))
    .unwrap();
    assert_loads(&tie.offered_loads(), &[0.5, 0.5]);
    assert_eq!(tie.expected_bottleneck(), None);
    // Run, the two stay equally busy: the evidence names neither.
    let mut tie = tie;
    let s = tie.run().summary();
    assert_eq!(
        (s.bottleneck.as_deref(), s.bottleneck_text().as_str()),
        (None, "Not clear yet")
    );
    let backlog = Simulation::new(&scenario(
        r#"{"arrival":{"type":"backlog","count":5},"stages":[
            {"name":"A","work":{"type":"constant","value":0.5}}]}"#,
    ))
    .unwrap();
    assert_loads(&backlog.offered_loads(), &[0.0]);
    assert_eq!(backlog.expected_bottleneck(), None);
}

#[test]
fn the_summary_says_what_it_knows_about_the_bottleneck_and_overload() {
    let mut sim = Simulation::new(&scenario(
        r#"{"duration": 200, "warmup": 10, "arrival":{"type":"fixed","interval":0.5},"stages":[
            {"name":"Fast","work":{"type":"constant","value":0.1}},
            {"name":"Slow","work":{"type":"constant","value":0.5}}]}"#,
    ))
    .unwrap();
    // Before the warm-up ends there is no evidence at all.
    assert_eq!(sim.summary().bottleneck_text(), "–");
    sim.run();
    let s = sim.summary();
    // Slow gets exactly what it can do (load 1): overloaded, said in words.
    assert_eq!(s.bottleneck_expected.as_deref(), Some("Slow"));
    assert_eq!(
        s.warnings,
        ["Slow is overloaded: work arrives faster than it can be done (load 1.00), so its queue grows without bound"]
    );
    // And the evidence names it: busy all the time, Fast a fifth of it.
    assert_eq!(s.bottleneck.as_deref(), Some("Slow"));
    assert_eq!(s.bottleneck_text(), "Slow");
}

/// Every number of a summary worked out by hand: 20 one-day items waiting for one worker from
/// day 0, a run of 100 days. Done at days 1 to 20, when the run is over: its statistics cover
/// those 20 days, not the 80 empty ones after. Lead and cycle times 1 to 20 (mean 10.5); a
/// throughput of 1 a day; WIP 20, 19, …, 1 for a day each (mean 210 / 20), and Little's law
/// exact; a day's touch time each (flow efficiency 20 / 210); the worker busy all 20 days; the
/// queue 19, 18, …, 0 (mean 190 / 20), waits 0 to 19 days (mean 9.5).
#[test]
fn a_summary_worked_out_by_hand() {
    let s = Simulation::new(&crate::helpers::one_day_items())
        .unwrap()
        .run()
        .summary();
    assert_eq!((s.time, s.stats_from, s.stats_until), (100.0, 0.0, 20.0));
    assert_eq!(
        (s.arrivals, s.completed, s.wip_now, s.backlog_now),
        (20, 20, 0, 0)
    );
    assert_eq!(
        (s.first_completion, s.last_completion),
        (Some(1.0), Some(20.0))
    );
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    assert!(close(s.throughput, 1.0));
    assert!(close(s.lead_time.mean.unwrap(), 10.5) && close(s.cycle_time.mean.unwrap(), 10.5));
    assert!(close(s.wip_mean, 10.5) && close(s.in_system_mean, 10.5));
    let l = s.littles_law;
    assert!(close(l.throughput_x_cycle_time.unwrap(), 10.5));
    assert!(close(l.throughput_x_lead_time.unwrap(), 10.5));
    assert!(close(l.wip_mean, 10.5) && close(l.in_system_mean, 10.5));
    assert!(close(s.flow_efficiency.unwrap(), 20.0 / 210.0));
    assert_eq!(s.failure_load, Some(0.0));
    assert_eq!((s.bottleneck_expected.as_deref(), s.balked), (None, 0));
    assert!(s.warnings.is_empty());
    let st = &s.stages[0];
    assert_eq!(
        (st.name.as_str(), st.entered, st.departures, st.defects),
        ("Dev", 20, 20, 0)
    );
    assert!(close(st.utilization, 1.0) && close(st.queue_mean, 9.5) && close(st.wip_mean, 10.5));
    assert!(close(st.wait_mean.unwrap(), 9.5));
    assert_eq!((st.waiting_for_room_share, st.offered_load), (0.0, 0.0));
}
