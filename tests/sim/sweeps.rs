//! Sweeps show the curves the lessons talk about.

use crate::helpers::scenario;
use flowsim::sim::sweep::{jobs, summarise, Knob};
use flowsim::sim::theory::conwip_bounds;

fn sweep(json: &str, knob: Knob, values: &[f64], reps: u64) -> Vec<flowsim::sim::sweep::Stat> {
    let s = scenario(json);
    let points: Vec<_> = jobs(&s, &knob, values, reps)
        .iter()
        .map(|j| j.run().unwrap())
        .collect();
    summarise(&points)
}

#[test]
fn batch_size_has_a_u_curve_when_batches_carry_a_set_up() {
    // Set-up per batch (transaction cost) against waiting for the batch (holding cost).
    let stats = sweep(
        r#"{"duration": 3000, "warmup": 100, "window": 10, "arrival": {"type":"poisson","rate":1.2},
            "stages": [{"name":"Build","work":{"type":"exponential","mean":0.3},"setup":{"type":"constant","value":0.8}},
                       {"name":"Ship","work":{"type":"constant","value":0.05}}]}"#,
        Knob::BatchSize(0),
        &[2.0, 4.0, 6.0, 10.0, 16.0, 24.0],
        3,
    );
    let lead: Vec<f64> = stats.iter().map(|s| s.lead.unwrap().mean).collect();
    let best = lead.iter().cloned().fold(f64::INFINITY, f64::min);
    let at = lead.iter().position(|&l| l == best).unwrap();
    assert!(
        at > 0 && at < lead.len() - 1,
        "the minimum should be inside the range: {lead:?}"
    );
    assert!(
        lead[0] > 1.3 * best && lead[lead.len() - 1] > 2.0 * best,
        "{lead:?}"
    );
}

#[test]
fn lead_time_grows_with_wip_while_throughput_saturates() {
    let json = r#"{"duration": 3000, "warmup": 100, "window": 10, "arrival": {"type":"backlog","count":100000},
        "stages": [{"name":"A","work":{"type":"exponential","mean":1}},{"name":"B","work":{"type":"exponential","mean":1}},
                   {"name":"C","work":{"type":"exponential","mean":1}}]}"#;
    let values = [1.0, 2.0, 3.0, 5.0, 8.0, 12.0];
    let stats = sweep(json, Knob::SystemWipLimit, &values, 3);
    let s = scenario(json);
    for st in &stats {
        // A balanced line of single exponential stations under CONWIP is a closed Jackson
        // network whose throughput is exactly Factory Physics' practical worst case,
        // w ÷ (w + n − 1) × r_b; 3 × 2,900 days estimate it to about 1 %, so 4 % is wide.
        let (best, worst) = conwip_bounds(&s, st.value).unwrap();
        assert!(st.throughput.mean <= best * 1.02, "above the best case");
        assert!(
            (st.throughput.mean - worst).abs() < 0.04 * worst,
            "w={}: {:?} vs the practical worst case {worst}",
            st.value,
            st.throughput
        );
    }
    let cycle: Vec<f64> = stats.iter().map(|s| s.cycle.unwrap().mean).collect();
    assert!(
        cycle.windows(2).all(|w| w[1] > w[0]),
        "cycle time grows with WIP: {cycle:?}"
    );
    let th: Vec<f64> = stats.iter().map(|s| s.throughput.mean).collect();
    assert!(
        th.windows(2).all(|w| w[1] >= w[0] * 0.97),
        "throughput rises then flattens: {th:?}"
    );
}

#[test]
fn bands_hold_the_replications_and_bad_values_are_refused() {
    let stats = sweep(
        r#"{"duration": 500, "arrival": {"type":"poisson","rate":1},"stages":[{"name":"S","work":{"type":"exponential","mean":0.5}}]}"#,
        Knob::ArrivalRate,
        &[0.5, 1.0, 1.5],
        8,
    );
    for st in &stats {
        let b = st.lead.unwrap();
        assert!(b.p10 <= b.mean && b.mean <= b.p90, "{b:?}");
    }
    assert!(stats[2].lead.unwrap().mean > 2.0 * stats[0].lead.unwrap().mean);
    let s = scenario(
        r#"{"arrival": {"type":"backlog","count":5},"stages":[{"name":"S","work":{"type":"constant","value":1}}]}"#,
    );
    assert!(Knob::ArrivalRate.apply(&s, 2.0).is_err());
    assert!(Knob::Workers(0)
        .apply(&s, 0.0)
        .unwrap_err()
        .to_string()
        .contains("workers"));
    assert!(Knob::BatchSize(3).apply(&s, 2.0).is_err());
}

/// A band's percentiles interpolate between the sorted values.
#[test]
fn bands_are_exact() {
    use flowsim::sim::sweep::Band;
    let mut v: Vec<f64> = (1..=10).rev().map(f64::from).collect();
    let b = Band::of(&mut v).unwrap();
    // p10 at 0.1 × 9 = 0.9 of the way from 1 to 2; p90 at 8.1: from 9 to 10.
    assert_eq!((b.mean, b.p10, b.p90), (5.5, 1.9, 9.1));
    assert_eq!(
        Band::of(&mut [4.0]),
        Some(Band {
            mean: 4.0,
            p10: 4.0,
            p90: 4.0
        })
    );
    assert_eq!(Band::of(&mut []), None);
}

/// The jobs: each value with seeds 1..=n, values outside; results grouped back by value.
#[test]
fn jobs_and_their_summary_line_up_by_value() {
    use flowsim::sim::sweep::Point;
    let s = scenario(
        r#"{"arrival": {"type":"poisson","rate":1},"stages":[{"name":"S","work":{"type":"constant","value":0.5}}]}"#,
    );
    let js = jobs(&s, &Knob::Workers(0), &[3.0, 1.0], 2);
    let order: Vec<(f64, u64)> = js.iter().map(|j| (j.value, j.seed)).collect();
    assert_eq!(order, [(3.0, 1), (3.0, 2), (1.0, 1), (1.0, 2)]);
    let point = |value: f64, lead: Option<f64>, throughput: f64| Point {
        value,
        lead_mean: lead,
        cycle_mean: lead.map(|l| l / 2.0),
        throughput,
        wip_mean: 1.0,
    };
    let stats = summarise(&[
        point(3.0, Some(2.0), 1.0),
        point(1.0, None, 0.0),
        point(3.0, Some(4.0), 3.0),
    ]);
    assert_eq!(stats.len(), 2);
    assert_eq!((stats[0].value, stats[1].value), (1.0, 3.0));
    assert_eq!(stats[0].lead, None, "no item done at 1: no lead time");
    assert_eq!(stats[1].lead.unwrap().mean, 3.0);
    assert_eq!(stats[1].cycle.unwrap().mean, 1.5);
    assert_eq!(stats[1].throughput.mean, 2.0);
}

/// Each knob sets its field (whole numbers rounded), and says what it is.
#[test]
fn knobs_set_what_they_name() {
    use flowsim::sim::sweep::KnobKind;
    use flowsim::sim::Arrival;
    let s = scenario(
        r#"{"arrival": {"type":"fixed","interval":1},"stages":[
            {"name":"A","work":{"type":"constant","value":0.5}},{"name":"B","work":{"type":"constant","value":0.5}}]}"#,
    );
    assert_eq!(
        Knob::BatchSize(1).apply(&s, 2.6).unwrap().stages[1].batch_size,
        3
    );
    assert_eq!(
        Knob::WipLimit(0).apply(&s, 4.0).unwrap().stages[0].wip_limit,
        Some(4)
    );
    assert_eq!(
        Knob::Workers(1).apply(&s, 2.4).unwrap().stages[1].workers,
        2
    );
    assert_eq!(
        Knob::SystemWipLimit.apply(&s, 7.0).unwrap().wip_limit,
        Some(7)
    );
    match Knob::ArrivalRate.apply(&s, 4.0).unwrap().arrival {
        Arrival::Fixed { interval, .. } => assert_eq!(interval, 0.25),
        other => panic!("{other:?}"),
    }
    let poisson = scenario(
        r#"{"arrival": {"type":"poisson","rate":1},"stages":[{"name":"A","work":{"type":"constant","value":0.5}}]}"#,
    );
    match Knob::ArrivalRate.apply(&poisson, 1.5).unwrap().arrival {
        Arrival::Poisson { rate, .. } => assert_eq!(rate, 1.5),
        other => panic!("{other:?}"),
    }
    assert_eq!(Knob::WipLimit(1).label(&s), "WIP limit at B");
    assert_eq!(Knob::WipLimit(9).label(&s), "WIP limit at ?");
    assert_eq!(Knob::ArrivalRate.label(&s), "Arrival rate (per day)");
    assert!(Knob::Workers(0).integer() && !Knob::ArrivalRate.integer());
    for kind in KnobKind::ALL {
        assert_eq!(KnobKind::from_key(kind.key()), Some(kind));
        let knob = kind.at(1);
        assert_eq!(
            kind.needs_stage(),
            knob.label(&s).ends_with(" at B"),
            "{knob:?}"
        );
    }
    assert_eq!(KnobKind::from_key("speed"), None);
    // The sweep panel's choices, as people read them: each begins its knobs' labels.
    assert_eq!(
        KnobKind::ALL.map(KnobKind::label),
        [
            "Batch size",
            "WIP limit",
            "Workers",
            "System WIP limit",
            "Arrival rate"
        ]
    );
    for kind in KnobKind::ALL {
        assert!(kind.at(0).label(&s).starts_with(kind.label()), "{kind:?}");
    }
    // A stage past the last one is refused by name, not an out-of-range panic.
    for knob in [Knob::BatchSize(2), Knob::WipLimit(2), Knob::Workers(2)] {
        let e = knob.apply(&s, 1.0).unwrap_err();
        assert_eq!(e.to_string(), "stages: there is no stage 3", "{knob:?}");
    }
    // Workers may be swept from 0 (generalists may cover the stage), arrival rates from 0.
    assert_eq!(
        (KnobKind::Workers.least(), KnobKind::ArrivalRate.least()),
        (0.0, 0.0)
    );
    // The least value the form offers is allowed, and for counts of items one less is not.
    for kind in KnobKind::ALL {
        let least = kind.least();
        if kind != KnobKind::ArrivalRate && kind != KnobKind::Workers {
            assert!(kind.at(0).apply(&s, least).is_ok(), "{kind:?} at {least}");
            assert!(
                kind.at(0).apply(&s, least - 1.0).is_err(),
                "{kind:?} below {least}"
            );
        }
    }
}

/// The point of one sweep job: `json` with `knob` set to `value`, seed 1.
fn point(json: &str, knob: Knob, value: f64) -> flowsim::sim::sweep::Point {
    flowsim::sim::sweep::Job {
        scenario: scenario(json),
        knob,
        value,
        seed: 1,
    }
    .run()
    .unwrap()
}

/// A run is its summary's numbers; one whose events run out early still counts the whole
/// duration, except a backlog all done, whose throughput is over the time it was worked.
#[test]
fn a_job_reports_its_run() {
    // One request every 2 days (the first at day 2), a day's work each: by day 100, 49 done,
    // each in exactly a day; the worker busy half the time from day 2.
    let p = point(
        r#"{"duration": 100, "arrival": {"type":"fixed","interval":1},"stages":[{"name":"S","work":{"type":"constant","value":1}}]}"#,
        Knob::ArrivalRate,
        0.5,
    );
    assert_eq!(
        (p.value, p.lead_mean, p.cycle_mean),
        (0.5, Some(1.0), Some(1.0))
    );
    assert!(
        (p.throughput - 0.49).abs() < 1e-12 && (p.wip_mean - 0.49).abs() < 1e-12,
        "{p:?}"
    );
    // Five items, all done by day 5, in a run of 100 days: 1 a day while there was work (the
    // 95 idle days after would make it 0.05, and far below any CONWIP bound).
    let backlog = |count: u32, workers: f64| {
        point(
            &format!(r#"{{"duration": 100, "arrival": {{"type":"backlog","count":{count}}},"stages":[{{"name":"S","work":{{"type":"constant","value":1}}}}]}}"#),
            Knob::Workers(0),
            workers,
        )
        .throughput
    };
    assert_eq!(backlog(5, 1.0), 1.0);
    assert_eq!(backlog(6, 2.0), 2.0);
    // A backlog not done by the end: busy all the way, the run's own throughput.
    assert_eq!(backlog(500, 2.0), 2.0);
    let run = |json: &str| point(json, Knob::Workers(0), 1.0).throughput;
    // Nothing waits at the end but an item is still in work: not all done, so the run's own
    // throughput (2 done in 2.5 days).
    let p = run(
        r#"{"duration": 2.5, "arrival": {"type":"backlog","count":3},"stages":[{"name":"S","work":{"type":"constant","value":1}}]}"#,
    );
    assert_eq!(p, 0.8);
    // With a warm-up of 2.5 days: the 8 items done from day 3 to 10, over the 7.5 days from
    // the end of the warm-up to the last one.
    let p = run(
        r#"{"duration": 100, "warmup": 2.5, "arrival": {"type":"backlog","count":10},"stages":[{"name":"S","work":{"type":"constant","value":1}}]}"#,
    );
    assert!((p - 8.0 / 7.5).abs() < 1e-12, "{p}");
    // The last item done the moment the warm-up ends: no time worked after it to divide by,
    // so the run's own throughput (1 item over the 9 days after the warm-up).
    let p = run(
        r#"{"duration": 10, "warmup": 1, "arrival": {"type":"backlog","count":1},"stages":[{"name":"S","work":{"type":"constant","value":1}}]}"#,
    );
    assert!((p - 1.0 / 9.0).abs() < 1e-12, "{p}");
    // A run whose next event lies past its end still ends at its duration: a request a day,
    // a quarter day's work each, 10.5 days. The last event is day 10's work done at 10.25,
    // the next the request of day 11: 10 done in 10.5 days, busy 2.5 of them.
    let p = point(
        r#"{"duration": 10.5, "arrival": {"type":"fixed","interval":1},"stages":[{"name":"S","work":{"type":"constant","value":0.25}}]}"#,
        Knob::ArrivalRate,
        1.0,
    );
    assert!((p.throughput - 10.0 / 10.5).abs() < 1e-12, "{p:?}");
    assert!((p.wip_mean - 2.5 / 10.5).abs() < 1e-12, "{p:?}");
}
