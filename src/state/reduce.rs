//! The reducer, one function per concern: the run, the scenario, A/B, lessons and workshop
//! mode, and the shortcut keys that map onto them.

use super::{Ab, Action, AppState, Key, LessonAt, Phase, Variant, Workshop};
use crate::sim::Scenario;
use std::rc::Rc;

/// The state after `action`.
pub(super) fn reduce(s: AppState, action: Action) -> AppState {
    let locked = s.run_locked();
    let generation = s.generation;
    let mut next = reduce_action(s, action);
    // A new run has no statistics until the simulator says so, and nothing to catch up with.
    if next.generation != generation {
        next.settled = false;
        next.resume_to = None;
    }
    // A "not yet" notice is over once its reason is (the run may start, or waits for another).
    if locked.is_some() && next.notice.as_deref() == locked && next.run_locked() != locked {
        next.notice = None;
    }
    next
}

fn reduce_action(s: AppState, action: Action) -> AppState {
    match action {
        Action::TogglePlay | Action::Step | Action::StepBack | Action::Reset => run(s, action),
        Action::SetSpeed(speed) => AppState {
            snap: super::Snapshot { speed, ..s.snap },
            ..s
        },
        Action::SetTheme(theme) => AppState {
            snap: super::Snapshot { theme, ..s.snap },
            ..s
        },
        Action::SetCompare(compare) => AppState {
            snap: super::Snapshot { compare, ..s.snap },
            ..s
        },
        Action::SetRun { a, b } => {
            let mut s = s;
            s.snap.run = a;
            if let Some(ab) = &mut s.snap.ab {
                ab.run = b;
            }
            s
        }
        Action::DismissNotice => AppState { notice: None, ..s },
        Action::Settled(settled) => AppState { settled, ..s },
        Action::Past(past) => AppState { past, ..s },
        Action::RunOver => AppState {
            playing: false,
            ..s
        },
        Action::Notice(text) => AppState {
            notice: Some(text),
            ..s
        },
        Action::SetScenario(_) | Action::NewSeed | Action::Import(..) => edit(s, action),
        Action::StartAb(_) | Action::EndAb | Action::EditVariant(_) => ab(s, action),
        Action::OpenLesson(_) | Action::LessonStep(_) | Action::CloseLesson => lesson(s, action),
        Action::ToggleWorkshop
        | Action::WorkshopNext
        | Action::WorkshopBack
        | Action::SetPrediction(_) => workshop(s, action),
        Action::Key(k) => key(s, k),
        Action::JoinRoom { .. }
        | Action::FollowRoom(_)
        | Action::LeaveRoom
        | Action::ResumeRun { .. } => super::room::reduce(s, action),
    }
}

/// Play, pause, step and reset. While a workshop predicts, the run waits at day 0 for Run:
/// play and step are refused with a notice (a reset is harmless).
fn run(mut s: AppState, action: Action) -> AppState {
    if let Some(why) = s.run_locked().filter(|_| action != Action::Reset) {
        s.notice = Some(why.into());
        return s;
    }
    match action {
        Action::TogglePlay => s.playing = !s.playing,
        Action::Step => {
            s.playing = false;
            s.steps = s.steps.wrapping_add(1);
        }
        Action::StepBack => {
            s.playing = false;
            s.backs = s.backs.wrapping_add(1);
        }
        Action::Reset => {
            s.generation += 1;
            s.playing = false;
        }
        _ => unreachable!("run actions only"),
    }
    s
}

impl AppState {
    /// Why the run may not start yet: a workshop or a room is at Predict, where everyone
    /// predicts before anything runs; a team's room has nothing chosen yet (what it would run
    /// is not what the room will work on).
    pub fn run_locked(&self) -> Option<&'static str> {
        if self
            .room
            .as_ref()
            .is_some_and(|r| !r.host && r.round.is_none())
        {
            return Some("Not yet: the facilitator has not chosen what the room works on.");
        }
        let phase = self.snap.workshop.as_ref().map(|w| w.phase);
        (phase == Some(Phase::Predict)).then_some(match &self.room {
            Some(r) if r.host => "Predict first: the run starts when you move the room to Run.",
            // A team may have predicted already: the wait is for the facilitator.
            Some(_) => "Not yet: the run starts when the facilitator moves the room to Run.",
            None => "Predict first: the run starts when you press Run in the workshop panel.",
        })
    }
}

/// The scenario: edits, a new seed, an import. In a room, a team's edit must keep to the
/// challenge's levers (refused with a notice otherwise, the state kept).
fn edit(mut s: AppState, action: Action) -> AppState {
    if let Some(room) = &s.room {
        let candidate = match &action {
            Action::SetScenario(scenario) => scenario.clone(),
            Action::NewSeed => Scenario {
                seed: next_seed(s.snap.scenario.seed),
                ..(*s.snap.scenario).clone()
            },
            _ if room.host => (*s.snap.scenario).clone(),
            _ => {
                s.notice = Some("In a room, the facilitator chooses the scenario.".into());
                return s;
            }
        };
        if let Err(why) = room.check_edit(&candidate) {
            s.notice = Some(why);
            return s;
        }
    }
    match action {
        Action::SetScenario(scenario) => {
            if s.edited().reset_needed_for(&scenario).is_some() {
                s.generation += 1;
                s.notice = Some("The stages changed, so the run started again from day 0.".into());
            }
            let seed = scenario.seed;
            // A change at a past moment starts a new branch there, which is live from then on.
            s.past = None;
            match &mut s.snap.ab {
                Some(ab) if ab.editing == Variant::B => ab.b = Rc::new(scenario),
                _ => s.snap.scenario = Rc::new(scenario),
            }
            share_seed(&mut s, seed);
        }
        Action::NewSeed => {
            let seed = next_seed(s.snap.scenario.seed);
            share_seed(&mut s, seed);
            s.generation += 1;
        }
        Action::Import(name, scenario) => {
            s.snap.scenario = Rc::new(scenario);
            s.snap.ab = None;
            s.snap.lesson = None;
            s.snap.workshop = None;
            s.playing = false;
            s.generation += 1;
            s.notice = Some(format!("Imported {name}."));
        }
        _ => unreachable!("edit actions only"),
    }
    s
}

/// A/B mode.
fn ab(mut s: AppState, action: Action) -> AppState {
    match action {
        Action::StartAb(given) => {
            let (b, label_a, label_b) = given.unwrap_or_else(|| {
                (
                    (*s.snap.scenario).clone(),
                    "As it is".into(),
                    "Your variant".into(),
                )
            });
            s.snap.ab = Some(Ab {
                b: Rc::new(b),
                label_a,
                label_b,
                editing: Variant::B,
                run: None,
            });
            let seed = s.snap.scenario.seed;
            share_seed(&mut s, seed);
            s.generation += 1;
        }
        Action::EndAb => {
            if s.snap.ab.take().is_some() {
                s.generation += 1;
            }
        }
        Action::EditVariant(v) => {
            if let Some(ab) = &mut s.snap.ab {
                ab.editing = v;
            }
        }
        _ => unreachable!("A/B actions only"),
    }
    s
}

/// Lessons: open one, move between its steps, close it.
fn lesson(mut s: AppState, action: Action) -> AppState {
    if s.room.is_some() {
        // The room's content decides the lesson.
        return s;
    }
    let lessons = crate::lessons::all();
    match action {
        Action::OpenLesson(n) if s.snap.workshop.is_some() => return workshop_predict(s, n),
        Action::OpenLesson(n) => {
            if let Some(lesson) = lessons.get(n) {
                s.snap.lesson = Some(LessonAt { lesson: n, step: 0 });
                s.snap.scenario = Rc::new(lesson.steps[0].scenario.clone());
                s.snap.ab = None;
                s.generation += 1;
                s.playing = false;
            }
        }
        Action::LessonStep(step) => {
            if let Some(at) = s.snap.lesson {
                if let Some(st) = lessons[at.lesson].steps.get(step) {
                    s.snap.lesson = Some(LessonAt { step, ..at });
                    s.snap.scenario = Rc::new(st.scenario.clone());
                    s.snap.ab = None;
                    s.generation += 1;
                }
            }
        }
        Action::CloseLesson => {
            s.snap.lesson = None;
            s.snap.workshop = None;
        }
        _ => unreachable!("lesson actions only"),
    }
    s
}

/// Workshop mode's predict → run → reveal flow.
fn workshop(mut s: AppState, action: Action) -> AppState {
    if s.room.is_some() && !matches!(action, Action::SetPrediction(_)) {
        // The room's facilitator moves the phases.
        return s;
    }
    let phase = s.snap.workshop.as_ref().map(|w| w.phase);
    match (action, phase) {
        (Action::ToggleWorkshop, Some(_)) => s.snap.workshop = None,
        (Action::ToggleWorkshop, None) => {
            let lesson = s.snap.lesson.map_or(0, |at| at.lesson);
            s = workshop_predict(s, lesson);
        }
        (Action::WorkshopNext, Some(Phase::Predict)) => {
            set_phase(&mut s, Phase::Run);
            s.playing = true;
        }
        // The debrief waits for numbers to stand beside it: not during the warm-up. They then
        // hold still while the room talks them through (Play goes on; Back runs again).
        (Action::WorkshopNext, Some(Phase::Run)) if s.settled => {
            set_phase(&mut s, Phase::Reveal);
            s.playing = false;
        }
        (Action::WorkshopNext, Some(Phase::Reveal)) => {
            let next = s.snap.lesson.map_or(0, |at| at.lesson + 1) % crate::lessons::all().len();
            s = workshop_predict(s, next);
        }
        (Action::WorkshopBack, Some(Phase::Reveal)) => {
            set_phase(&mut s, Phase::Run);
            s.playing = true;
        }
        (Action::WorkshopBack, Some(Phase::Run)) => {
            set_phase(&mut s, Phase::Predict);
            s.playing = false;
            s.generation += 1;
        }
        (Action::SetPrediction(text), Some(_)) => {
            if let Some(w) = &mut s.snap.workshop {
                w.prediction = text
                    .chars()
                    .take(super::snapshot::MAX_PREDICTION_CHARS)
                    .collect();
            }
        }
        _ => {}
    }
    s
}

fn set_phase(s: &mut AppState, phase: Phase) {
    if let Some(w) = &mut s.snap.workshop {
        w.phase = phase;
    }
}

/// A shortcut key: in an embed only the controls it offers; in workshop mode → and ← move
/// through the flow, elsewhere → steps.
fn key(s: AppState, key: Key) -> AppState {
    if let Some(e) = &s.embed {
        if !key.allowed_in(e) {
            return s;
        }
    }
    let action = match (key, s.snap.workshop.is_some()) {
        (Key::Space, _) => Action::TogglePlay,
        (Key::Reset, _) => Action::Reset,
        (Key::Next | Key::PageDown, true) => Action::WorkshopNext,
        (Key::Back | Key::StepBack, true) => Action::WorkshopBack,
        (Key::StepBack, false) => Action::StepBack,
        (Key::Next, false) => Action::Step,
        (Key::PageDown | Key::Back, false) => return s,
    };
    reduce(s, action)
}

/// Workshop mode at the Predict phase of lesson `n`: the two steps that answer its question
/// ([`crate::lessons::Lesson::workshop_pair`]) as A and B on the same seed, paused at day 0,
/// with an empty prediction.
fn workshop_predict(mut s: AppState, n: usize) -> AppState {
    let Some(lesson) = crate::lessons::all().get(n) else {
        return s;
    };
    // A lesson of one step runs it alone.
    let pair = lesson.workshop_pair();
    let a = pair.map_or(0, |(a, _)| a);
    let first = &lesson.steps[a];
    s.snap.lesson = Some(LessonAt { lesson: n, step: a });
    s.snap.scenario = Rc::new(first.scenario.clone());
    s.snap.ab = pair.map(|(_, b)| {
        let second = &lesson.steps[b];
        Ab {
            b: Rc::new(Scenario {
                seed: first.scenario.seed,
                ..second.scenario.clone()
            }),
            label_a: first.label.clone(),
            label_b: second.label.clone(),
            editing: Variant::A,
            run: None,
        }
    });
    s.snap.workshop = Some(Workshop {
        phase: Phase::Predict,
        prediction: String::new(),
    });
    s.playing = false;
    s.generation += 1;
    s
}

/// A new seed derived from the old one (SplitMix64 step), kept to six digits.
pub(super) fn next_seed(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) % 1_000_000
}

/// Gives A and B (if any) the same seed, so they see the same arrivals and work.
fn share_seed(s: &mut AppState, seed: u64) {
    if s.snap.scenario.seed != seed {
        Rc::make_mut(&mut s.snap.scenario).seed = seed;
    }
    if let Some(ab) = &mut s.snap.ab {
        if ab.b.seed != seed {
            Rc::make_mut(&mut ab.b).seed = seed;
        }
    }
}
