//! Benchmark: sweep points, natively: the default scenario (one simulated year) swept over
//! Test's WIP limit 1–8 with 20 replications, 160 runs as the app's sweep worker makes them
//! (`Job::run`). Reports runs per second.
//!
//!     cargo bench --bench sweep
//!
//! Not a test: it asserts nothing about speed, it measures and prints.

use flowsim::sim::sweep::{Job, Knob};
use std::time::Instant;

const ROUNDS: usize = 9;

fn main() {
    let scenario = flowsim::state::default_scenario();
    let jobs: Vec<Job> = (0..20u64)
        .flat_map(|seed| {
            let scenario = scenario.clone();
            (1..=8).map(move |v| Job {
                scenario: scenario.clone(),
                knob: Knob::WipLimit(2),
                value: f64::from(v),
                seed,
            })
        })
        .collect();
    let mut rates = Vec::new();
    for round in 0..=ROUNDS {
        let start = Instant::now();
        let mut sum = 0.0;
        for job in &jobs {
            sum += job.run().expect("a valid job").throughput;
        }
        std::hint::black_box(sum);
        // The first round warms caches and the allocator.
        if round > 0 {
            rates.push(jobs.len() as f64 / start.elapsed().as_secs_f64());
        }
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "sweep of the default scenario ({} days), {} runs per round, {ROUNDS} rounds",
        scenario.duration,
        jobs.len()
    );
    println!(
        "  runs/s: median {:.0}, best {:.0}",
        rates[ROUNDS / 2],
        rates[ROUNDS - 1]
    );
}
