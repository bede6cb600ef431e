//! Statistics windows hold what happened in them, not since the start: each window's counts
//! and means are recomputed here from the item log of the same run.

use crate::changes::visits;
use crate::helpers::scenario;
use flowsim::sim::Simulation;

#[test]
fn each_window_counts_exactly_what_the_item_log_shows_in_it() {
    let mut sim = Simulation::with_item_log(&scenario(
        r#"{"duration": 400, "window": 10, "arrival": {"type":"poisson","rate":1.2},
            "stages": [
                {"name":"Build","workers":2,"work":{"type":"exponential","mean":0.8},
                 "blockers":{"probability":0.3,"duration":{"type":"exponential","mean":2}}},
                {"name":"Check","workers":2,"work":{"type":"exponential","mean":0.6},
                 "rework":{"probability":0.2,"to":"Build"}}]}"#,
    ))
    .unwrap();
    sim.run();
    let log = sim.item_log().unwrap();
    let stages = [visits(&sim, 0), visits(&sim, 1)];
    let windows = sim.windows();
    assert_eq!(windows.len(), 40);
    // Events at a window's end belong to the next window: windows are [start, end).
    let within = |t: f64, w: &flowsim::sim::Window| t >= w.start && t < w.end;
    let mut blocked_anywhere = 0.0;
    for w in windows.iter().skip(1) {
        let count = |f: &dyn Fn(f64) -> bool, ts: &mut dyn Iterator<Item = f64>| {
            ts.filter(|&t| f(t)).count() as u64
        };
        let inside = |t: f64| within(t, w);
        assert_eq!(
            w.flow.arrivals,
            count(&inside, &mut log.items.iter().map(|i| i.arrival))
        );
        assert_eq!(
            w.flow.completed,
            count(&inside, &mut log.items.iter().map(|i| i.done))
        );
        for (s, v) in stages.iter().enumerate() {
            let p = &w.stages[s];
            assert_eq!(
                p.entered,
                count(&inside, &mut v.iter().map(|x| x.0)),
                "{s} at {}",
                w.start
            );
            // Finished work either moves on (one departure per item: no batches here) or is
            // found defective and goes back.
            assert_eq!(
                p.departures + p.defects,
                count(&inside, &mut v.iter().map(|x| x.3)),
                "{s} at {}",
                w.start
            );
            // The wait of every visit whose work started in the window, from entering to start.
            let waits: Vec<f64> = v
                .iter()
                .filter(|x| inside(x.1))
                .map(|x| x.1 - x.0)
                .collect();
            match p.wait_mean {
                Some(m) => {
                    let mean = waits.iter().sum::<f64>() / waits.len() as f64;
                    assert!((m - mean).abs() < 1e-9, "wait {m} vs {mean} at {}", w.start);
                }
                None => assert!(waits.is_empty()),
            }
            assert!(
                (0.0..=1.0).contains(&p.blocked_share),
                "{}",
                p.blocked_share
            );
            assert!(p.blocked_mean <= p.wip_mean + 1e-9);
            blocked_anywhere += p.blocked_mean;
            if let Some(m) = p.blocked_time_mean {
                assert!(m > 0.0 && m < 30.0, "blocked for {m} days on average");
            }
        }
        // Rework sends items back from Check: Build is entered more often than items start.
        let started = count(&inside, &mut log.items.iter().map(|i| i.start));
        let defects = w.stages[1].defects;
        assert_eq!(w.stages[0].entered, started + defects, "at {}", w.start);
    }
    assert!(blocked_anywhere > 0.0);
}

#[test]
fn each_window_flow_efficiency_is_the_touch_time_over_the_lead_time_of_its_items() {
    // No blockers and one item per worker: an item's touch time is the sum of its visits' work.
    let mut sim = Simulation::with_item_log(&scenario(
        r#"{"duration": 300, "window": 10, "arrival": {"type":"poisson","rate":1.2},
            "stages": [
                {"name":"Build","workers":2,"work":{"type":"exponential","mean":0.8}},
                {"name":"Check","workers":2,"work":{"type":"exponential","mean":0.6},
                 "rework":{"probability":0.2,"to":"Build"}}]}"#,
    ))
    .unwrap();
    sim.run();
    let log = sim.item_log().unwrap();
    let mut touch = vec![0.0; log.items.len()];
    for v in &log.visits {
        if v.finish.is_finite() {
            touch[v.item as usize] += v.finish - v.start;
        }
    }
    for w in sim.windows().iter().skip(1) {
        let done: Vec<usize> = (0..log.items.len())
            .filter(|&i| log.items[i].done >= w.start && log.items[i].done < w.end)
            .collect();
        let lead: f64 = done
            .iter()
            .map(|&i| log.items[i].done - log.items[i].arrival)
            .sum();
        let touched: f64 = done.iter().map(|&i| touch[i]).sum();
        match w.flow.flow_efficiency {
            Some(e) => assert!((e - touched / lead).abs() < 1e-9, "at {}", w.start),
            None => assert!(done.is_empty(), "at {}", w.start),
        }
    }
}

/// A window's numbers worked out by hand, as the CSV gives them: 20 one-day items waiting for
/// one worker from day 0, windows of 5 days. In [0, 5): all 20 arrive; those done at days 1 to
/// 4 are done in it (the one done at day 5 belongs to the next window); WIP 20, 19, 18, 17, 16
/// for a day each (mean 18), all in the system; lead and cycle times 1 to 4 (mean 2.5,
/// nearest-rank p50 2, p85 and p95 4); a day's touch time each: flow efficiency 4 / 10; the
/// worker busy throughout; the queue one less than the WIP (mean 17); 16 left at the end.
#[test]
fn a_window_is_worked_out_by_hand() {
    use flowsim::sim::windows::windows_csv;
    let mut sc = crate::helpers::one_day_items();
    sc.window = 5.0;
    let mut sim = flowsim::sim::Simulation::new(&sc).unwrap();
    sim.run_until(10.0);
    let csv = windows_csv(sim.windows().iter(), &["Dev".to_string()]);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert_eq!(
        rows[1],
        "0,5,20,4,0.8,18,18,2.5,2,4,4,2.5,0.4,0,20,4,1,17,16"
    );
    // [5, 10): nothing arrives, items 5 to 9 done (lead times 5 to 9).
    assert_eq!(
        rows[2],
        "5,10,0,5,1,13,13,7,7,9,9,7,0.14285714285714285,0,20,9,1,12,11"
    );
}
