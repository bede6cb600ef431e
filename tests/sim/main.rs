//! Native tests of the simulation core: one binary, one module per theme.
//!
//! Validation tests compare the simulation with results nobody here chose (queueing theory,
//! the penny game, Factory Physics). Stochastic ones run independent replications and check
//! that the theoretical value lies inside the 99.9 % confidence interval of the replication
//! means (Student's t), so the tolerance follows from the run length, not from taste.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod aging;
mod blockers;
mod calibrate;
mod capacity;
mod changes;
mod changes_applied;
mod classes;
mod cli;
mod conwip;
mod errors;
mod forecast;
mod forecast_cli;
mod forecast_limits;
mod fuzz;
mod history;
mod lessons;
mod limits;
mod live;
mod loads;
mod mechanics;
mod mechanisms;
mod outbox;
mod penny;
mod periods;
mod queueing;
mod scenarios;
mod share;
mod state;
mod state_rooms;
mod streams;
mod summary;
mod sweeps;
mod theory;

#[test]
fn same_seed_same_run_and_the_checksum_matches_wasm() {
    let (a, done) = common::determinism_run();
    let (b, _) = common::determinism_run();
    assert_eq!(a, b);
    assert!(done > 100, "only {done} items done");
    assert_eq!(
        a,
        common::DETERMINISM_CHECKSUM,
        "checksum changed: the run is not what it was. Unless you changed the model on purpose (then say why in the commit and update DETERMINISM_CHECKSUM), this is a bug: find what changed the run"
    );
}

#[test]
fn forecasts_are_reproducible_and_the_checksum_matches_wasm() {
    let a = common::forecast_determinism_run();
    assert_eq!(a, common::forecast_determinism_run());
    assert_eq!(
        a,
        common::FORECAST_CHECKSUM,
        "forecast checksum changed: unless the model or the forecast changed on purpose (say why in the commit and update FORECAST_CHECKSUM), this is a bug"
    );
}
