//! The app's reducer and snapshot, natively: every transition the UI relies on, and the
//! snapshot's round trip through local storage's JSON.

use crate::share::full_snapshot;
use flowsim::share::{Control, Embed, Panel};
use flowsim::sim::Scenario;
use flowsim::state::{Action, AppState, Key, Phase, Snapshot, Speed, Theme, Variant};

pub(crate) fn fresh() -> AppState {
    AppState::initial(Theme::Light)
}

pub(crate) fn apply(s: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions.into_iter().fold(s, AppState::reduce)
}

#[test]
fn every_part_of_the_snapshot_round_trips_through_storage_json() {
    let s = full_snapshot();
    assert_eq!(Snapshot::from_json(&s.to_json()).unwrap(), s);
}

#[test]
fn a_stored_snapshot_that_cannot_be_used_names_the_part_and_why() {
    let good = full_snapshot();
    let mut no_lesson = good.clone();
    no_lesson.lesson = None;
    let mut slow = good.clone();
    slow.speed = Speed::DaysPerSecond(-1.0);
    let mut ghost = good.clone();
    ghost.lesson = Some(flowsim::state::LessonAt {
        lesson: 99,
        step: 0,
    });
    for (snap, words) in [
        (no_lesson, "workshop mode needs a lesson"),
        (slow, "speed"),
        (ghost, "there is no lesson 100"),
    ] {
        let e = Snapshot::from_json(&snap.to_json()).unwrap_err();
        assert!(e.contains(words), "{e}");
    }
    let e = Snapshot::from_json(r#"{"scenario": 3}"#).unwrap_err();
    assert!(e.starts_with("scenario"), "{e}");
    assert!(Snapshot::from_json("{").is_err());
    let bad = r#"{"scenario":{"arrival":{"type":"poisson","rate":-1},"stages":[]},"speed":"Max","theme":"Dark","compare":false}"#;
    let e = Snapshot::from_json(bad).unwrap_err();
    assert!(e.contains("arrival.rate"), "{e}");
    // What builds before the snapshot stored is still read, variant B and labels included.
    let v1 = r#"{"scenario":{"arrival":{"type":"backlog","count":3},"stages":[{"name":"A","work":{"type":"constant","value":1}}]},
        "speed":{"DaysPerSecond":2.0},"theme":"Dark","compare":true,"lesson":{"lesson":2,"step":0},
        "variant_b":{"arrival":{"type":"backlog","count":4},"stages":[{"name":"B","work":{"type":"constant","value":1}}]},
        "labels":["As it is","Your variant"]}"#;
    let old = Snapshot::from_v1_storage_json(v1).unwrap();
    let ab = old.ab.unwrap();
    assert_eq!(
        (ab.b.stages[0].name.as_str(), ab.label_b.as_str()),
        ("B", "Your variant")
    );
    assert_eq!(
        (old.speed, old.theme, old.compare),
        (Speed::DaysPerSecond(2.0), Theme::Dark, true)
    );
    assert_eq!(old.lesson.unwrap().lesson, 2);
}

#[test]
fn an_edit_in_ab_mode_goes_to_the_variant_being_edited_and_both_keep_one_seed() {
    let s = apply(fresh(), [Action::StartAb(None)]);
    assert!(s.editing_b(), "a new comparison edits the variant");
    let mut b = (**s.edited()).clone();
    b.name = "Only B".into();
    b.seed = 77;
    let s = apply(s, [Action::SetScenario(b)]);
    let ab = s.snap.ab.as_ref().unwrap();
    assert_eq!(ab.b.name, "Only B");
    assert_ne!(s.snap.scenario.name, "Only B");
    assert_eq!((s.snap.scenario.seed, ab.b.seed), (77, 77));
    // Editing A now.
    let s = apply(s, [Action::EditVariant(Variant::A)]);
    let mut a = (**s.edited()).clone();
    a.name = "Only A".into();
    let s = apply(s, [Action::SetScenario(a)]);
    assert_eq!(s.snap.scenario.name, "Only A");
    assert_eq!(s.snap.ab.as_ref().unwrap().b.name, "Only B");
    // Leaving A/B keeps A; choosing a variant outside A/B does nothing.
    let s = apply(s, [Action::EndAb, Action::EditVariant(Variant::B)]);
    assert!(s.snap.ab.is_none() && !s.editing_b());
    assert_eq!(s.edited().name, "Only A");
}

/// The simulator hands over both runs' changes; the snapshot keeps B's with B, and only in
/// A/B mode.
#[test]
fn the_changes_of_both_runs_are_kept_with_their_variants() {
    let full = full_snapshot();
    let (a, b) = (full.run.clone(), full.ab.as_ref().unwrap().run.clone());
    assert!(a.is_some() && b.is_some());
    let s = apply(
        fresh(),
        [Action::SetRun {
            a: a.clone(),
            b: b.clone(),
        }],
    );
    assert_eq!((&s.snap.run, s.snap.ab.is_none()), (&a, true));
    let s = apply(s, [Action::StartAb(None)]);
    assert_eq!(
        s.snap.ab.as_ref().unwrap().run,
        None,
        "a new comparison has no changes"
    );
    let s = apply(
        s,
        [Action::SetRun {
            a: None,
            b: b.clone(),
        }],
    );
    assert_eq!((&s.snap.run, &s.snap.ab.as_ref().unwrap().run), (&None, &b));
}

#[test]
fn a_structural_edit_restarts_the_run_with_a_notice_and_a_parameter_edit_does_not() {
    let s = fresh();
    let mut sc = (**s.edited()).clone();
    sc.stages[0].workers = 2;
    let s2 = apply(s.clone(), [Action::SetScenario(sc.clone())]);
    assert_eq!((s2.generation, s2.notice.is_none()), (s.generation, true));
    sc.stages.pop();
    let s3 = apply(s2, [Action::SetScenario(sc)]);
    assert_eq!(s3.generation, s.generation + 1);
    assert!(s3.notice.unwrap().contains("started again"));
}

#[test]
fn run_controls_and_keys() {
    let s = apply(fresh(), [Action::TogglePlay]);
    assert!(s.playing);
    let s = apply(s, [Action::Key(Key::Next), Action::Key(Key::Next)]);
    assert_eq!(
        (s.playing, s.steps),
        (false, 2),
        "→ pauses and steps, each press"
    );
    let s = apply(s, [Action::Key(Key::Space), Action::Key(Key::Reset)]);
    assert_eq!((s.playing, s.generation), (false, 1));
    // PageDown and ← do nothing outside workshop mode.
    let before = s.clone();
    let s = apply(s, [Action::Key(Key::PageDown), Action::Key(Key::Back)]);
    assert_eq!(s, before);
}

#[test]
fn shift_left_goes_one_event_back_and_pauses_but_is_the_workshop_back_key_there() {
    let s = apply(fresh(), [Action::TogglePlay, Action::Key(Key::StepBack)]);
    assert_eq!((s.playing, s.backs), (false, 1));
    let s = apply(s, [Action::StepBack]);
    assert_eq!(s.backs, 2);
    let s = apply(fresh(), [Action::OpenLesson(1), Action::ToggleWorkshop]);
    let s = apply(s, [Action::Key(Key::Next), Action::Key(Key::StepBack)]);
    assert_eq!(s.snap.workshop.as_ref().unwrap().phase, Phase::Predict);
    assert_eq!(s.backs, 0);
    // In an embed Shift+← goes with the Timeline panel: without it the key does nothing.
    let mut e = fresh();
    e.embed = Some(Embed {
        panels: vec![Panel::Controls, Panel::Board],
        ..Embed::default()
    });
    let e2 = apply(e.clone(), [Action::Key(Key::StepBack)]);
    assert_eq!(e2, e);
    e.embed = Some(Embed {
        panels: vec![Panel::Board, Panel::Timeline],
        ..Embed::default()
    });
    assert_eq!(apply(e, [Action::Key(Key::StepBack)]).backs, 1);
}

#[test]
fn an_embed_obeys_only_the_keys_of_the_controls_it_offers() {
    let mut s = fresh();
    s.embed = Some(Embed {
        controls: vec![Control::Play],
        ..Embed::default()
    });
    let s = apply(s, [Action::Key(Key::Next), Action::Key(Key::Reset)]);
    assert_eq!((s.steps, s.generation), (0, 0));
    let s = apply(s, [Action::Key(Key::Space)]);
    assert!(s.playing);
}

#[test]
fn workshop_flow_predict_run_reveal_and_on_to_the_next_lesson() {
    let lessons = flowsim::lessons::all();
    let s = apply(fresh(), [Action::OpenLesson(1), Action::ToggleWorkshop]);
    let w = s.snap.workshop.as_ref().unwrap();
    assert_eq!(w.phase, Phase::Predict);
    assert_eq!(s.snap.lesson.unwrap().lesson, 1);
    let ab = s.snap.ab.as_ref().unwrap();
    assert_eq!(ab.label_b, lessons[1].steps.last().unwrap().label);
    // A lesson whose question is about a middle step compares that one: "Improving a
    // non-bottleneck" puts development twice as fast (step 2 of 3) against the starting point.
    let illusion = apply(fresh(), [Action::OpenLesson(3), Action::ToggleWorkshop]);
    let pair = illusion.snap.ab.as_ref().unwrap();
    assert_eq!(
        (pair.label_a.as_str(), pair.label_b.as_str()),
        ("Starting point", "Develop twice as fast")
    );
    assert_eq!(*pair.b, {
        let mut b = lessons[3].steps[1].scenario.clone();
        b.seed = illusion.snap.scenario.seed;
        b
    });
    assert_eq!(*illusion.snap.scenario, lessons[3].steps[0].scenario);
    assert_eq!(ab.b.seed, s.snap.scenario.seed, "common random numbers");
    assert!(!s.playing);
    let s = apply(s, [Action::SetPrediction("x".repeat(600))]);
    assert_eq!(s.snap.workshop.as_ref().unwrap().prediction.len(), 500);
    // Nothing runs before Run: play and step are refused with the reason, a reset is not.
    let why = "Predict first: the run starts when you press Run in the workshop panel.";
    assert_eq!(s.run_locked(), Some(why));
    let eager = apply(
        s.clone(),
        [Action::TogglePlay, Action::Step, Action::StepBack],
    );
    assert_eq!((eager.playing, eager.steps, eager.backs), (false, 0, 0));
    assert_eq!(eager.notice.as_deref(), Some(why));
    assert_eq!(
        apply(s.clone(), [Action::Reset]).generation,
        s.generation + 1
    );
    // Run: the run starts, and the refusal's notice goes with the lock.
    let s = apply(eager, [Action::Key(Key::Next)]);
    assert_eq!(s.snap.workshop.as_ref().unwrap().phase, Phase::Run);
    assert!(s.playing);
    assert_eq!((s.run_locked(), s.notice.as_deref()), (None, None));
    assert!(
        !apply(s.clone(), [Action::TogglePlay]).playing,
        "Run may pause"
    );
    // Reveal waits for the statistics (the end of the warm-up), which the simulator reports.
    let early = apply(s.clone(), [Action::Key(Key::PageDown)]);
    assert_eq!(early.snap.workshop.as_ref().unwrap().phase, Phase::Run);
    let s = apply(s, [Action::Settled(true), Action::Key(Key::PageDown)]);
    assert_eq!(s.snap.workshop.as_ref().unwrap().phase, Phase::Reveal);
    assert!(!s.playing, "the numbers hold still beside the debrief");
    let s = apply(s, [Action::Key(Key::Back)]);
    assert_eq!(s.snap.workshop.as_ref().unwrap().phase, Phase::Run);
    assert!(s.playing, "back to Run runs again");
    let s = apply(s, [Action::Key(Key::Back)]);
    assert_eq!(s.snap.workshop.as_ref().unwrap().phase, Phase::Predict);
    assert!(!s.playing);
    assert!(
        !s.settled,
        "back to Predict is a new run: no statistics yet"
    );
    let s = apply(
        s,
        [
            Action::WorkshopNext,
            Action::Settled(true),
            Action::WorkshopNext,
            Action::WorkshopNext,
        ],
    );
    assert_eq!(
        s.snap.lesson.unwrap().lesson,
        2,
        "after Reveal: the next lesson"
    );
    let w = s.snap.workshop.as_ref().unwrap();
    assert_eq!((w.phase, w.prediction.as_str()), (Phase::Predict, ""));
    // Closing the lesson leaves workshop mode too: the workshop needs a lesson.
    let s = apply(s, [Action::CloseLesson]);
    assert!(s.snap.workshop.is_none() && s.snap.lesson.is_none());
    assert!(s.snap.validate().is_ok());
}

/// A run that is over pauses; the page says why (the simulator, from the run), so no notice
/// outlives it.
#[test]
fn a_run_that_is_over_pauses_without_a_notice() {
    let s = apply(fresh(), [Action::TogglePlay]);
    assert!(s.playing);
    let s = apply(s, [Action::RunOver]);
    assert!(!s.playing);
    assert_eq!(s.notice, None);
}

/// Whether the run has statistics comes from the simulator; every new run starts without.
#[test]
fn a_new_run_has_no_statistics_until_the_simulator_says_so() {
    let s = apply(fresh(), [Action::Settled(true)]);
    assert!(s.settled);
    for action in [Action::Reset, Action::NewSeed, Action::OpenLesson(2)] {
        assert!(!apply(s.clone(), [action.clone()]).settled, "{action:?}");
    }
    // Pausing or a faster speed is the same run.
    let s = apply(s, [Action::TogglePlay, Action::SetSpeed(Speed::Max)]);
    assert!(s.settled);
    assert!(!apply(s, [Action::Settled(false)]).settled);
}

#[test]
fn lesson_steps_replace_the_scenario_and_an_import_replaces_everything() {
    let lessons = flowsim::lessons::all();
    let s = apply(fresh(), [Action::OpenLesson(0), Action::LessonStep(1)]);
    assert_eq!(*s.snap.scenario, lessons[0].steps[1].scenario);
    let s = apply(s, [Action::LessonStep(99)]);
    assert_eq!(
        s.snap.lesson.unwrap().step,
        1,
        "a step that does not exist is ignored"
    );
    let s = apply(
        s,
        [
            Action::StartAb(None),
            Action::Import("mine.json".into(), Scenario::single_stage()),
        ],
    );
    assert_eq!(*s.snap.scenario, Scenario::single_stage());
    assert!(s.snap.ab.is_none() && s.snap.lesson.is_none());
    assert_eq!(s.notice.as_deref(), Some("Imported mine.json."));
}

#[test]
fn a_new_seed_is_shared_by_both_variants_and_starts_a_new_run() {
    let s = apply(fresh(), [Action::StartAb(None), Action::NewSeed]);
    let seed = s.snap.scenario.seed;
    assert_ne!(seed, flowsim::state::default_scenario().seed);
    assert_eq!(s.snap.ab.as_ref().unwrap().b.seed, seed);
    assert_eq!(s.generation, 2);
}

#[test]
fn every_state_the_reducer_reaches_is_a_valid_snapshot() {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(5);
    let mut s = fresh();
    for _ in 0..5000 {
        let action = match rng.random_range(0..14) {
            0 => Action::TogglePlay,
            1 => Action::Key(Key::Next),
            2 => Action::Key(Key::Back),
            3 => Action::Key(Key::PageDown),
            4 => Action::OpenLesson(rng.random_range(0..12)),
            5 => Action::LessonStep(rng.random_range(0..4)),
            6 => Action::CloseLesson,
            7 => Action::StartAb(None),
            8 => Action::EndAb,
            9 => Action::EditVariant(if rng.random() { Variant::A } else { Variant::B }),
            10 => Action::ToggleWorkshop,
            11 => Action::NewSeed,
            12 => Action::SetSpeed(Speed::CHOICES[rng.random_range(0..8)]),
            _ => Action::SetPrediction("p".into()),
        };
        s = s.reduce(action);
        assert!(s.snap.validate().is_ok(), "{:?}", s.snap.validate());
        assert_eq!(Snapshot::from_json(&s.snap.to_json()).unwrap(), s.snap);
    }
}

/// Time travel to a moment before a change: the editor shows the scenario in effect then (as
/// the board does), and a change made there is made to that scenario — the run goes on from
/// that moment with it (a new branch) — instead of carrying the later change back with it.
#[test]
fn at_a_past_moment_the_editor_changes_the_scenario_in_effect_then() {
    use flowsim::state::Past;
    use std::rc::Rc;
    let s = fresh();
    let then = (*s.snap.scenario).clone();
    // Later in the run, Test got a second worker.
    let mut later = then.clone();
    later.stages[2].workers = 2;
    let s = apply(s, [Action::SetScenario(later.clone())]);
    assert_eq!(s.edited().stages[2].workers, 2);
    // The simulator shows a moment before that change.
    let past = Past {
        a: Some(Rc::new(then.clone())),
        b: None,
    };
    let s = apply(s, [Action::Past(Some(past))]);
    assert_eq!(
        s.edited().stages[2].workers,
        1,
        "the editor shows the moment's scenario"
    );
    assert_eq!(s.shown_scenario().stages[2].workers, 1);
    assert_eq!(
        s.snap.scenario.stages[2].workers, 2,
        "the latest is kept until a change"
    );
    // A WIP limit set there: the moment's scenario with it, the later change gone.
    let mut edited = (**s.edited()).clone();
    edited.stages[2].wip_limit = Some(3);
    let generation = s.generation;
    let s = apply(s, [Action::SetScenario(edited)]);
    assert_eq!(s.past, None, "the new branch is live");
    assert_eq!(
        (
            s.snap.scenario.stages[2].workers,
            s.snap.scenario.stages[2].wip_limit
        ),
        (1, Some(3))
    );
    assert_eq!(
        (s.generation, s.notice.as_deref()),
        (generation, None),
        "no reset"
    );
    // In A/B, editing B at a past moment changes B's scenario of that moment.
    let s = apply(fresh(), [Action::StartAb(None)]);
    let b_then = (**s.edited()).clone();
    let mut b_later = b_then.clone();
    b_later.stages[0].workers = 3;
    let s = apply(s, [Action::SetScenario(b_later)]);
    let past = Past {
        a: None,
        b: Some(Rc::new(b_then)),
    };
    let s = apply(s, [Action::Past(Some(past))]);
    assert_eq!(s.edited().stages[0].workers, 1);
    let s = apply(s, [Action::EditVariant(Variant::A)]);
    assert_eq!(*s.edited(), s.snap.scenario, "A had no change: its latest");
}
