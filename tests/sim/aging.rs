//! The Aging WIP view: which items the chart plots and where, from the items in process.

use crate::helpers::scenario;
use flowsim::sim::Simulation;

/// A horizontal offset by the golden-ratio sequence: what the chart's spread must be.
fn golden(id: u64) -> f64 {
    (id as f64 * 0.618_033_988_749_894_9).fract() - 0.5
}

#[test]
fn every_item_is_plotted_at_its_age_with_a_stable_golden_ratio_offset() {
    // 20 one-day items waiting for one worker: at day 0.5 one is worked, 19 wait.
    let sc = crate::helpers::one_day_items();
    let mut sim = Simulation::new(&sc).unwrap();
    sim.run_until(0.5);
    let items = sim.wip_items();
    assert_eq!(items.len(), 20);
    let view = sim.aging(100);
    assert_eq!(
        (view.wip, view.flagged),
        (20, 0),
        "no item has left, so no band flags"
    );
    assert_eq!(
        view.points.len(),
        20,
        "fewer items than points: every item is plotted"
    );
    for (p, it) in view.points.iter().zip(&items) {
        assert_eq!((p.stage, p.age, p.flagged), (it.stage, it.age, false));
        assert_eq!(p.offset, golden(it.id), "item {}", it.id);
        assert!((-0.5..0.5).contains(&p.offset));
    }
    // Neighbours in arrival order land apart (no two within 0.2 of a column for ids 0..3).
    let spread: Vec<f64> = (0..4).map(golden).collect();
    for (i, a) in spread.iter().enumerate() {
        for b in &spread[i + 1..] {
            assert!((a - b).abs() > 0.2, "{spread:?}");
        }
    }
    assert_eq!(sim.aging(100), view, "the same moment plots the same way");
}

#[test]
fn many_items_are_thinned_evenly() {
    let sc = crate::helpers::one_day_items();
    let mut sim = Simulation::new(&sc).unwrap();
    sim.run_until(0.5);
    let items = sim.wip_items();
    // 20 items for 5 points: every 4th, starting with the first.
    let view = sim.aging(5);
    let ages: Vec<(f64, f64)> = view.points.iter().map(|p| (p.age, p.offset)).collect();
    let expected: Vec<(f64, f64)> = items
        .iter()
        .step_by(4)
        .map(|it| (it.age, golden(it.id)))
        .collect();
    assert_eq!(ages, expected);
    assert_eq!(view.wip, 20);
}

#[test]
fn flagged_items_are_always_plotted_and_counted() {
    // Random work builds a spread of past ages; some items in process are older than 85 %
    // of those that left the stage.
    let sc = scenario(
        r#"{"duration": 400, "arrival": {"type":"poisson","rate":0.95},
            "stages": [{"name":"Dev","work":{"type":"exponential","mean":1}}]}"#,
    );
    let mut sim = Simulation::new(&sc).unwrap();
    let mut checked = 0;
    for day in (50..400).step_by(10) {
        sim.run_until(day as f64);
        let bands = sim.aging_bands();
        let items = sim.wip_items();
        let flagged: Vec<f64> = items
            .iter()
            .filter(|it| bands[it.stage as usize].flags(it.age))
            .map(|it| it.age)
            .collect();
        let view = sim.aging(2);
        assert_eq!(view.flagged, flagged.len(), "day {day}");
        if flagged.len() < 4 {
            let plotted: Vec<f64> = view
                .points
                .iter()
                .filter(|p| p.flagged)
                .map(|p| p.age)
                .collect();
            assert_eq!(plotted, flagged, "day {day}: every flagged item is plotted");
            checked += usize::from(!flagged.is_empty());
        }
        assert!(view.points.len() <= 4);
    }
    assert!(
        checked >= 3,
        "the run must have moments with flagged items ({checked})"
    );
}
