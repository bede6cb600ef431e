//! Benchmark: time travel in a 10-simulated-year run of the default scenario. Runs it as the
//! app does (frames of a fifth of a day, a snapshot check after each), then rebuilds 200
//! moments spread over the run from the nearest snapshot and reports the time per moment
//! (median and worst), natively. The app adds the wasm slowdown and its chart data.
//!
//!     cargo bench --bench history
//!
//! Not a test: it asserts nothing about speed, it measures and prints.

use flowsim::sim::{History, Simulation, Target};
use std::time::Instant;

fn main() {
    let mut scenario = flowsim::state::default_scenario();
    scenario.duration = 3650.0;
    let mut sim = Simulation::with_item_log_limit(&scenario, 20_000).unwrap();
    let mut history = History::new(&mut sim);
    let start = Instant::now();
    let mut t = 0.0;
    while t < 3650.0 {
        t += 0.2;
        sim.run_until(t);
        history.observe(&mut sim);
    }
    println!(
        "10-year run: {} events, {} snapshots, {:.0} ms to run with snapshots",
        sim.events(),
        history.snapshots(),
        start.elapsed().as_secs_f64() * 1e3
    );
    let mut times = Vec::new();
    for k in 0..200 {
        // Spread over the run, off the snapshot grid.
        let day = (k as f64 * 18.2537) % 3650.0;
        let start = Instant::now();
        let point = history.at(Target::Time(day));
        let board = point.sim().board(50);
        let summary = point.sim().summary();
        let ms = start.elapsed().as_secs_f64() * 1e3;
        assert!(board.stages.len() == 4 && summary.completed > 0 || day < 5.0);
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "any moment of it (replay + board + summary): median {:.2} ms, worst {:.2} ms over {} moments",
        times[times.len() / 2],
        times[times.len() - 1],
        times.len()
    );
}
