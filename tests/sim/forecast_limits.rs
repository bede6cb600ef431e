//! Forecast limits (issue #12): a plan's and the trial count's limits are inclusive, and each
//! refusal has its own error.

use crate::forecast::{history_csv, plan};
use flowsim::sim::forecast::history::parse_history;
use flowsim::sim::forecast::{forecast, ForecastError, Levels, Plan, Target, ThroughputModel};

/// The limits of a plan and of the trial count are allowed; one past them is refused, each with
/// its own error; the levels pair up with their percent in order.
#[test]
fn plan_and_trial_limits_are_inclusive() {
    use flowsim::sim::forecast::{MAX_SPLIT, MAX_TARGET, MAX_TRIALS};
    let parsed = parse_history(&history_csv(&[3; 20])).unwrap();
    let model = ThroughputModel::from_history(&parsed.history, false).unwrap();
    assert_eq!(model.days(), &[3; 20]);
    let ok = |p: &Plan, trials| forecast(&model, p, trials, 100_000, |_, _| true);
    let items = plan(Target::Items(3));
    assert_eq!(
        ok(&items, MAX_TRIALS).unwrap().outcomes.len(),
        MAX_TRIALS as usize
    );
    assert_eq!(ok(&items, 0), Err(ForecastError::Trials(0)));
    assert_eq!(
        ok(&items, MAX_TRIALS + 1),
        Err(ForecastError::Trials(MAX_TRIALS + 1))
    );
    // A million days at 3 a day: three million items, exactly.
    let days = plan(Target::Days(MAX_TARGET));
    assert_eq!(ok(&days, 1).unwrap().outcomes, vec![3 * MAX_TARGET]);
    for target in [Target::Items(0), Target::Days(0)] {
        assert_eq!(plan(target).validate(), Err(ForecastError::Target(0)));
    }
    let over = MAX_TARGET + 1;
    assert_eq!(
        plan(Target::Items(over)).validate(),
        Err(ForecastError::Target(over))
    );
    assert_eq!(
        plan(Target::Days(over)).validate(),
        Err(ForecastError::Target(over))
    );
    let split = |split| Plan {
        split,
        ..plan(Target::Items(30))
    };
    assert_eq!(split(MAX_SPLIT).validate(), Ok(()));
    assert!(ok(&split(MAX_SPLIT), 10).is_ok());
    assert_eq!(split(0).validate(), Err(ForecastError::Split(0)));
    assert_eq!(
        split(MAX_SPLIT + 1).validate(),
        Err(ForecastError::Split(MAX_SPLIT + 1))
    );
    let levels = Levels {
        p50: 1,
        p70: 2,
        p85: 3,
        p95: 4,
    };
    assert_eq!(levels.pairs(), [(50, 1), (70, 2), (85, 3), (95, 4)]);
}
