//! The app's reducer in a workshop room: following the room's view (content, phase, round,
//! challenge) and what a team's browser reports.

use crate::state::{apply, fresh};
use flowsim::rooms::{Challenge, Content, Goal, Lever, RoomView};
use flowsim::sim::Scenario;
use flowsim::state::{results_of, Action, Key, LessonAt, Phase};

fn view(round: u32, phase: Phase, challenge: Option<Challenge>) -> Action {
    let lesson = &flowsim::lessons::all()[1];
    Action::FollowRoom(Box::new(RoomView {
        code: "ACEFH".into(),
        round,
        content: Some(Content {
            lesson: Some(LessonAt { lesson: 1, step: 0 }),
            scenario: lesson.steps[0].scenario.clone(),
        }),
        phase,
        challenge,
        facilitator_online: true,
        teams: vec![],
    }))
}

fn challenge() -> Challenge {
    Challenge {
        goal: Goal::Throughput,
        levers: vec![Lever::Workers],
        max_wip: Some(8),
        max_people: Some(6),
        days: 100.0,
    }
}

#[test]
fn a_team_follows_the_rooms_content_and_phases_keeping_its_prediction_within_a_round() {
    let s = apply(fresh(), [Action::JoinRoom { host: false }]);
    let g = s.generation;
    // Until the facilitator chooses, a team has nothing of the room's to run.
    let waiting = "Not yet: the facilitator has not chosen what the room works on.";
    assert_eq!(s.run_locked(), Some(waiting));
    let eager = apply(s.clone(), [Action::TogglePlay, Action::Step]);
    assert_eq!((eager.playing, eager.steps), (false, 0));
    assert_eq!(eager.notice.as_deref(), Some(waiting));
    // The facilitator's own page may run whatever it holds.
    let host = apply(
        fresh(),
        [Action::JoinRoom { host: true }, Action::TogglePlay],
    );
    assert_eq!((host.run_locked(), host.playing), (None, true));
    let s = apply(eager, [view(1, Phase::Predict, None)]);
    assert_eq!(s.notice, None, "the wait for content is over");
    let lesson = &flowsim::lessons::all()[1];
    assert_eq!(*s.snap.scenario, lesson.steps[0].scenario);
    assert_eq!(s.snap.lesson, Some(LessonAt { lesson: 1, step: 0 }));
    assert_eq!(s.snap.workshop.as_ref().unwrap().phase, Phase::Predict);
    assert!(!s.playing);
    assert_eq!(s.generation, g + 1, "new content starts at day 0");
    // The same view again (every team's report sends one) changes nothing.
    let s = apply(s, [Action::SetPrediction("longer".into())]);
    let again = apply(s.clone(), [view(1, Phase::Predict, None)]);
    assert_eq!(again, s);
    // The team's own keys do not move the room's phases.
    let keyed = apply(s.clone(), [Action::Key(Key::Next), Action::ToggleWorkshop]);
    assert_eq!(keyed.snap.workshop, s.snap.workshop);
    // Nor start its run before the room does: refused, and said why.
    let why = "Not yet: the run starts when the facilitator moves the room to Run.";
    assert_eq!(s.run_locked(), Some(why));
    let eager = apply(s.clone(), [Action::Key(Key::Space), Action::Step]);
    assert_eq!((eager.playing, eager.steps), (false, 0));
    assert_eq!(eager.notice.as_deref(), Some(why));
    let s = apply(eager, [view(1, Phase::Run, None)]);
    assert!(s.playing, "Run plays");
    assert_eq!(s.notice, None, "the refusal is over");
    assert_eq!(s.generation, g + 1, "Run continues the same run");
    assert_eq!(s.snap.workshop.as_ref().unwrap().prediction, "longer");
    let s = apply(s, [view(1, Phase::Reveal, None)]);
    assert_eq!(s.snap.workshop.as_ref().unwrap().phase, Phase::Reveal);
    assert!(!s.playing, "Reveal holds the numbers still");
    assert_eq!(s.generation, g + 1, "and keeps the run");
    let s = apply(s, [view(1, Phase::Predict, None)]);
    assert!(!s.playing);
    assert_eq!(s.generation, g + 2, "back to Predict starts again at day 0");
    let s = apply(s, [view(2, Phase::Predict, None)]);
    assert_eq!(
        s.snap.workshop.as_ref().unwrap().prediction,
        "",
        "a new round"
    );
    let left = apply(s, [Action::LeaveRoom]);
    assert_eq!(left.room, None);
    assert_eq!(left.snap.workshop, None);
}

#[test]
fn in_a_challenge_a_team_may_change_only_the_levers_and_a_refused_edit_keeps_the_state() {
    let s = apply(
        fresh(),
        [Action::JoinRoom { host: false }, view(1, Phase::Run, None)],
    );
    let mut more_workers: Scenario = (*s.snap.scenario).clone();
    more_workers.stages[0].workers += 1;
    let refused = apply(s.clone(), [Action::SetScenario(more_workers.clone())]);
    assert_eq!(
        refused.snap.scenario, s.snap.scenario,
        "no challenge: no edits"
    );
    assert!(refused.notice.unwrap().contains("during a challenge"));
    let g = s.generation;
    let s = apply(s, [view(1, Phase::Run, Some(challenge()))]);
    assert_eq!(s.generation, g + 1, "a challenge starts from day 0");
    assert!(s.room.as_ref().unwrap().may_edit());
    let s = apply(s, [Action::SetScenario(more_workers.clone())]);
    assert_eq!(*s.snap.scenario, more_workers);
    assert_eq!(s.notice, None);
    let mut batched = more_workers.clone();
    batched.stages[0].batch_size = 4;
    let refused = apply(s.clone(), [Action::SetScenario(batched), Action::NewSeed]);
    assert_eq!(refused.snap.scenario, s.snap.scenario);
    let notice = refused.notice.unwrap();
    assert!(notice.contains("only workers"), "{notice}");
    // Closing the challenge (Reveal) keeps it for the standings, and edits stop.
    let s = apply(s, [view(1, Phase::Reveal, Some(challenge()))]);
    assert_eq!(*s.snap.scenario, more_workers);
    assert!(!s.room.as_ref().unwrap().may_edit());
    // The facilitator edits freely (then offers the scenario to the room).
    let host = apply(
        fresh(),
        [Action::JoinRoom { host: true }, view(1, Phase::Run, None)],
    );
    let mut edited = (*host.snap.scenario).clone();
    edited.stages[0].batch_size = 3;
    let host = apply(host, [Action::SetScenario(edited.clone())]);
    assert_eq!(*host.snap.scenario, edited);
    // At Predict the facilitator's own run waits for Run too.
    let host = apply(host, [view(2, Phase::Predict, None), Action::TogglePlay]);
    assert!(!host.playing);
    assert_eq!(
        host.notice.as_deref(),
        Some("Predict first: the run starts when you move the room to Run.")
    );
}

#[test]
fn a_report_is_the_metrics_summary_with_the_scenario_only_when_asked() {
    let scenario = flowsim::state::default_scenario();
    let mut sim = flowsim::sim::Simulation::new(&scenario).unwrap();
    sim.run_until(60.0);
    let summary = sim.summary();
    let r = results_of(&summary, None);
    assert_eq!(r.day, summary.time);
    assert_eq!(r.completed, summary.completed);
    assert_eq!(r.throughput, summary.throughput);
    assert_eq!(r.lead_mean, summary.lead_time.mean);
    assert_eq!(r.lead_p85, summary.lead_time.p85);
    assert_eq!(r.wip_mean, summary.wip_mean);
    assert!(r.lead_mean.is_some() && r.completed > 0);
    assert_eq!(r.scenario, None);
    assert_eq!(
        results_of(&summary, Some(&scenario)).scenario,
        Some(scenario)
    );
}

/// A team's page back in its room: its results had reached `day`, and it had `paused` there.
fn resume(day: f64, paused: bool) -> Action {
    Action::ResumeRun { day, paused }
}

/// A team's page reloaded during a round catches up with the day its reported results had
/// reached; not at Predict, not in a challenge (its edits are not replayed), not the
/// facilitator's page, and not past a new run.
#[test]
fn a_reloaded_team_catches_up_with_the_results_it_had_reported() {
    let team = apply(fresh(), [Action::JoinRoom { host: false }]);
    let running = apply(team.clone(), [view(1, Phase::Run, None)]);
    assert_eq!(
        apply(running.clone(), [resume(42.5, false)]).resume_to,
        Some(42.5)
    );
    let revealed = apply(team.clone(), [view(1, Phase::Reveal, None)]);
    assert_eq!(apply(revealed, [resume(42.5, false)]).resume_to, Some(42.5));
    for s in [
        apply(team.clone(), [view(1, Phase::Predict, None)]),
        apply(team, [view(1, Phase::Run, Some(challenge()))]),
        apply(
            fresh(),
            [Action::JoinRoom { host: true }, view(1, Phase::Run, None)],
        ),
    ] {
        assert_eq!(apply(s, [resume(42.5, false)]).resume_to, None);
    }
    assert_eq!(
        apply(running.clone(), [resume(f64::NAN, false)]).resume_to,
        None
    );
    // A team that had paused stays paused; one that had not plays on in Run.
    assert!(apply(running.clone(), [resume(42.5, false)]).playing);
    assert!(!apply(running.clone(), [resume(42.5, true)]).playing);
    // A new round is a new run: nothing to catch up with.
    let s = apply(running, [resume(42.5, false), view(2, Phase::Run, None)]);
    assert_eq!(s.resume_to, None);
}
