//! Native tests of the simulation core: one binary, one module per theme.
#![cfg(not(target_arch = "wasm32"))]

mod common;

#[test]
fn same_seed_same_run_and_the_checksum_matches_wasm() {
    let (a, done) = common::determinism_run();
    let (b, _) = common::determinism_run();
    assert_eq!(a, b);
    assert!(done > 100, "only {done} items done");
    assert_eq!(
        a,
        common::DETERMINISM_CHECKSUM,
        "checksum changed: update DETERMINISM_CHECKSUM if the model changed on purpose"
    );
}
