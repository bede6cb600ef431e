//! Every lesson depends on its mechanism. Each test switches one lesson's mechanism off in the
//! lesson's own scenarios (everything else as it is) and shows that a named claim then fails
//! on every seed: a lesson whose claims survive without the mechanism would be proving
//! something else.

use crate::lessons::SEEDS;
use flowsim::lessons::{self, Lesson};
use flowsim::sim::{Arrival, Dist, Scenario, Stage};

/// The lesson whose id is `id`.
fn lesson(id: &str) -> &'static Lesson {
    lessons::all()
        .iter()
        .find(|l| l.id == id)
        .unwrap_or_else(|| panic!("no lesson {id}"))
}

/// Runs lesson `id` with `off` applied to each step's scenario (given the step's index) and
/// asserts that claim `claim` (its index in the lesson) fails on every seed; prints how it
/// fails on the first.
#[track_caller]
fn fails_without(id: &str, claim: usize, off: impl Fn(usize, &mut Scenario)) {
    let lesson = lesson(id);
    let claims = lesson.claims();
    let claim_ = &claims[claim];
    for seed in 1..=SEEDS {
        let runs = lesson.run_with(seed, &off);
        match claim_.check(&runs) {
            Ok(()) => panic!("{id} (seed {seed}): {claim_:?} still holds without the mechanism"),
            Err(why) if seed == 1 => println!("{id}, mechanism off: {why}"),
            Err(_) => {}
        }
    }
}

/// Applies `f` to every stage.
fn every_stage(s: &mut Scenario, f: impl Fn(&mut Stage)) {
    s.stages.iter_mut().for_each(f);
}

/// The stage called `name`.
fn stage<'a>(s: &'a mut Scenario, name: &str) -> &'a mut Stage {
    let i = s.stage_index(name).expect("the stage exists");
    &mut s.stages[i]
}

#[test]
fn small_batches_without_batches_deliver_the_first_coin_at_once() {
    fails_without("small-batches", 0, |_, s| {
        every_stage(s, |st| st.batch_size = 1)
    });
}

#[test]
fn limit_wip_without_column_limits_keeps_cycle_time_and_wip() {
    let off = |_: usize, s: &mut Scenario| every_stage(s, |st| st.wip_limit = None);
    fails_without("limit-wip", 1, off);
    fails_without("limit-wip", 2, off);
}

#[test]
fn limit_wip_without_the_personal_limit_keeps_the_multitasking_tax() {
    fails_without("limit-wip", 0, |_, s| every_stage(s, |st| st.multitask = 2));
}

#[test]
fn find_the_bottleneck_with_a_second_reviewer_finds_another_stage() {
    let off = |_: usize, s: &mut Scenario| stage(s, "Review").workers = 2;
    fails_without("find-the-bottleneck", 0, off);
    fails_without("find-the-bottleneck", 1, off);
}

#[test]
fn non_bottleneck_illusion_is_no_illusion_when_develop_is_the_constraint() {
    // Two testers from the start: Develop limits throughput, so developing faster helps.
    fails_without("non-bottleneck-illusion", 3, |_, s| {
        stage(s, "Test").workers = 2
    });
}

#[test]
fn five_focusing_steps_each_step_needs_its_change() {
    // Exploit: without batches at Test, the set-up still costs as much as the work.
    fails_without("five-focusing-steps", 3, |_, s| {
        stage(s, "Test").batch_size = 1
    });
    // Subordinate: without the lower system WIP limit, cycle time stays long.
    fails_without("five-focusing-steps", 6, |_, s| s.wip_limit = Some(60));
    // Elevate: without the second tester, Test still sets the pace.
    fails_without("five-focusing-steps", 7, |_, s| {
        stage(s, "Test").workers = 1
    });
}

#[test]
fn variability_and_utilisation_without_more_load_or_less_variability() {
    // The load of the first step everywhere: lead time at "80 %" is the 70 % value.
    fails_without("variability-utilisation", 3, |_, s| {
        if let Arrival::Poisson { rate, .. } = &mut s.arrival {
            *rate = 1.4;
        }
    });
    // Variability unchanged: the "predictable" step keeps exponential work.
    fails_without("variability-utilisation", 6, |_, s| {
        every_stage(s, |st| {
            if let Dist::Constant { value } = st.work {
                st.work = Dist::Exponential { mean: value };
            }
        })
    });
}

#[test]
fn multitasking_without_multitasking_costs_nothing() {
    fails_without("multitasking", 1, |_, s| {
        every_stage(s, |st| st.multitask = 1)
    });
}

#[test]
fn release_cadence_without_release_trains_adds_no_wait() {
    fails_without("release-cadence", 1, |_, s| {
        every_stage(s, |st| st.release_every = None)
    });
}

#[test]
fn shift_quality_left_without_defects_has_no_rework() {
    fails_without("shift-quality-left", 0, |_, s| {
        every_stage(s, |st| st.rework = None)
    });
}

#[test]
fn t_shaped_generalists_put_back_as_developers_change_nothing() {
    fails_without("t-shaped-generalists", 3, |_, s| {
        for pool in std::mem::take(&mut s.generalists) {
            stage(s, "Develop").workers += pool.count;
        }
    });
}

#[test]
fn expedite_everything_without_priorities_is_first_come_first_served() {
    let off = |_: usize, s: &mut Scenario| s.classes.iter_mut().for_each(|c| c.priority = 0);
    // Half expedited: standard items no longer wait behind the urgent ones, nor do urgent
    // items pass them.
    fails_without("expedite-everything", 2, off);
    fails_without("expedite-everything", 3, off);
}

#[test]
fn blocked_work_without_blockers_loses_no_flow_efficiency() {
    let off = |_: usize, s: &mut Scenario| every_stage(s, |st| st.blockers = None);
    fails_without("blocked-work", 2, off);
    fails_without("blocked-work", 3, off);
}

#[test]
fn blocked_work_without_swarming_keeps_lead_time() {
    // Blocks as long in the last step as before: swarming is what shortens lead time.
    fails_without("blocked-work", 4, |i, s| {
        if i == 3 {
            if let Some(b) = &mut stage(s, "Develop").blockers {
                b.duration = Dist::Exponential { mean: 5.0 };
            }
        }
    });
}

#[test]
fn unplanned_work_without_incidents_costs_planned_work_nothing() {
    fails_without("unplanned-work", 2, |_, s| {
        let incident = s.class_index("Incident").expect("the class exists");
        s.classes[incident].arrival = None;
        s.classes[incident].share = Some(0.0);
    });
}

#[test]
fn forecast_without_juggling_keeps_the_spread() {
    // Everyone holds one item in both steps: the lead-time spread does not narrow.
    fails_without("forecast", 1, |_, s| every_stage(s, |st| st.multitask = 1));
}
