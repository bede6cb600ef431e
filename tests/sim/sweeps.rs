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
