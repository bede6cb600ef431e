//! Benchmark: a 10-stage tandem line with Poisson arrivals (scenarios/tandem-10.json), run
//! natively. Reports events per second and items per second.
//!
//!     cargo bench --bench tandem
//!
//! Not a test: it asserts nothing about speed, it measures and prints.

use flowsim::sim::{Scenario, Simulation};
use std::time::Instant;

const RUNS: u64 = 9;

fn main() {
    let text =
        std::fs::read_to_string("scenarios/tandem-10.json").expect("run from the repository root");
    let mut scenario = Scenario::from_json(&text).expect("valid");
    scenario.duration = 300_000.0;
    scenario.window = 300.0;
    // One untimed run to warm caches and the allocator.
    Simulation::new(&scenario).unwrap().run_until(20_000.0);
    let mut rates = Vec::new();
    let mut items = Vec::new();
    let mut events = 0;
    for seed in 1..=RUNS {
        scenario.seed = seed;
        let start = Instant::now();
        let mut sim = Simulation::new(&scenario).unwrap();
        sim.run();
        let secs = start.elapsed().as_secs_f64();
        let summary = sim.summary();
        events = sim.events();
        rates.push(events as f64 / secs);
        items.push(summary.completed as f64 / secs);
    }
    rates.sort_by(f64::total_cmp);
    items.sort_by(f64::total_cmp);
    println!(
        "10-stage tandem line, Poisson arrivals, {} events per run, {RUNS} runs",
        events
    );
    println!(
        "  events/s: median {:.2} M, best {:.2} M",
        rates[RUNS as usize / 2] / 1e6,
        rates[RUNS as usize - 1] / 1e6
    );
    println!(
        "  items/s:  median {:.0} k, best {:.0} k",
        items[RUNS as usize / 2] / 1e3,
        items[RUNS as usize - 1] / 1e3
    );
}
