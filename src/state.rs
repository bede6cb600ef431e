//! The app's state and its reducer, pure so that `cargo test` covers every transition natively
//! (the web app wraps it in Yew's `use_reducer`).
//!
//! [`AppState`] is a [`Snapshot`] — what survives a reload and travels in a share link — plus
//! what belongs to this page only: the run counters the simulator follows, a notice, and embed
//! mode. Invalid combinations cannot be written down: A/B is `Option<Ab>` with the variant being
//! edited inside it, and workshop mode is `Option<Workshop>` with its phase and prediction.

pub mod snapshot;

mod reduce;
pub mod room;

use crate::share::{Control, Embed, Panel};
use crate::sim::{Scenario, Stage};
pub use room::{results_of, RoomFollow};
pub use snapshot::{
    Ab, LessonAt, Phase, RunChange, RunChanges, Snapshot, Speed, Theme, Variant, Workshop,
};
use std::rc::Rc;

/// The whole app state.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// What survives a reload and travels in a share link.
    pub snap: Snapshot,
    /// Bumped to start a new run (Reset, or a change the running simulation cannot absorb).
    pub generation: u32,
    /// Whether the simulation runs.
    pub playing: bool,
    /// Bumped for each Step request.
    pub steps: u32,
    /// Bumped for each request to go one event back (time travel).
    pub backs: u32,
    /// Whether the runs shown are settled (each has finished enough items since its warm-up to
    /// tell a change from chance, or is over), as the simulator, which owns the runs, last
    /// said: workshop mode reveals only then, so the debrief never stands beside an empty or
    /// still noisy table. False again for every new run.
    pub settled: bool,
    /// A day the run is to reach at once: a team's page, reloaded during a round, catches up
    /// with the results it had reported (the run is deterministic, so it finds them again).
    pub resume_to: Option<f64>,
    /// A message for the person (e.g. the saved state could not be read).
    pub notice: Option<String>,
    /// Embed mode: the panels and controls shown.
    pub embed: Option<Embed>,
    /// The workshop room this page takes part in, as far as the simulation is concerned.
    pub room: Option<RoomFollow>,
    /// The scenarios in effect at the past moment the simulator shows (time travel), when a
    /// change made later differs from them: the editor shows and changes these, because a
    /// change made at a past moment starts a new branch from there.
    pub past: Option<Past>,
}

/// The scenarios in effect at a past moment shown (see [`AppState::past`]), each only where it
/// differs from the latest.
#[derive(Clone, Debug, PartialEq)]
pub struct Past {
    /// Run A's scenario at that moment.
    pub a: Option<Rc<Scenario>>,
    /// Run B's, in A/B mode.
    pub b: Option<Rc<Scenario>>,
}

/// A shortcut key, interpreted by the reducer (its meaning depends on workshop mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Space: play or pause.
    Space,
    /// → : step (workshop: next phase).
    Next,
    /// PageDown: next phase in workshop mode.
    PageDown,
    /// ← or PageUp: previous phase in workshop mode.
    Back,
    /// Shift+← : one event back (workshop: previous phase, as ←).
    StepBack,
    /// R: reset.
    Reset,
}

impl Key {
    /// Whether the key may act in embed `e`: the control it stands for is offered (Shift+←,
    /// one event back, goes with the Timeline panel).
    fn allowed_in(self, e: &Embed) -> bool {
        match self {
            Key::Space => e.offers(Control::Play),
            Key::Next => e.offers(Control::Step),
            Key::Reset => e.offers(Control::Reset),
            Key::StepBack => e.shows(Panel::Timeline),
            Key::PageDown | Key::Back => false,
        }
    }
}

/// Everything the UI can do to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the scenario being edited (A, or B when editing B), already validated by the
    /// editor. Applied to the running simulation when it can be; otherwise the run restarts
    /// with a notice.
    SetScenario(Scenario),
    /// Play or pause.
    TogglePlay,
    /// Pause and advance one event.
    Step,
    /// Pause and go back one event (time travel: the run is replayed to that moment).
    StepBack,
    /// Start the run again from time 0.
    Reset,
    /// Choose a speed.
    SetSpeed(Speed),
    /// Choose a theme.
    SetTheme(Theme),
    /// Show or hide before/after.
    SetCompare(bool),
    /// The changes runs A and B have taken while they played (from the simulator, which keeps
    /// them), so a reload or a link plays the same runs.
    SetRun {
        /// Run A's.
        a: Option<RunChanges>,
        /// Run B's, in A/B mode.
        b: Option<RunChanges>,
    },
    /// A new seed, and a new run.
    NewSeed,
    /// Dismiss the notice.
    DismissNotice,
    /// Open lesson `n` at its first step.
    OpenLesson(usize),
    /// Go to step `n` of the open lesson.
    LessonStep(usize),
    /// Close the lesson (and workshop mode, which needs one).
    CloseLesson,
    /// Compare two variants: B starts as a copy of A, or as the given scenario with labels.
    StartAb(Option<(Scenario, String, String)>),
    /// Leave A/B mode, keeping A.
    EndAb,
    /// Choose which variant the editor changes (in A/B mode).
    EditVariant(Variant),
    /// A shortcut key.
    Key(Key),
    /// Turn workshop mode on or off.
    ToggleWorkshop,
    /// The next phase of the facilitator flow (after Reveal: the next lesson).
    WorkshopNext,
    /// The previous phase.
    WorkshopBack,
    /// The participants' prediction, as typed.
    SetPrediction(String),
    /// Replace the scenario with an imported one (file name, scenario), starting a new run.
    Import(String, Scenario),
    /// Show a message.
    Notice(String),
    /// Whether the runs shown are settled for a reveal (from the simulator, when that changes).
    Settled(bool),
    /// The scenarios in effect at the moment shown, when it is a past one before a change
    /// (from the simulator, when that changes).
    Past(Option<Past>),
    /// The run is over (every item done, none to come): it pauses (the simulator says why).
    RunOver,
    /// A team's page came back to its room (a reload): its results had reached `day`, and
    /// the team had `paused` its run there (it stays paused; otherwise a round that runs plays
    /// on).
    ResumeRun {
        /// The day its reported results had reached.
        day: f64,
        /// Whether the team had paused its run in this round before the reload.
        paused: bool,
    },
    /// This page entered a workshop room, as its facilitator (`host`) or as a team.
    JoinRoom {
        /// Whether this page is the facilitator's.
        host: bool,
    },
    /// The room as its server last described it: new content loads at day 0, a new phase
    /// pauses, resets or plays, a new challenge starts from the room's scenario.
    FollowRoom(Box<crate::rooms::RoomView>),
    /// This page left its room (back to the page as it was before, minus the room's flow).
    LeaveRoom,
}

/// The default scenario: four stages; Test is the bottleneck (offered load 0.9, the others
/// 0.67 or less), so a queue builds in front of it.
pub fn default_scenario() -> Scenario {
    use crate::sim::Dist::*;
    Scenario {
        name: "A small delivery team".into(),
        duration: 365.0,
        arrival: crate::sim::Arrival::Poisson {
            rate: 2.0,
            backlog: 0,
        },
        stages: vec![
            Stage::new("Analyse", 1, Exponential { mean: 0.3 }),
            Stage::new("Develop", 3, Lognormal { mean: 1.0, cv: 0.8 }),
            Stage::new("Test", 1, Exponential { mean: 0.45 }),
            Stage::new("Deploy", 1, Constant { value: 0.05 }),
        ],
        ..Scenario::single_stage()
    }
}

impl AppState {
    /// A page showing `snap`, paused at day 0.
    pub fn new(snap: Snapshot) -> AppState {
        AppState {
            snap,
            generation: 0,
            playing: false,
            steps: 0,
            backs: 0,
            settled: false,
            resume_to: None,
            notice: None,
            embed: None,
            room: None,
            past: None,
        }
    }

    /// The state of a first visit: the default scenario in `theme`.
    pub fn initial(theme: Theme) -> AppState {
        let mut snap = Snapshot::of(default_scenario());
        snap.theme = theme;
        AppState::new(snap)
    }

    /// The scenario the editor shows and changes (B when editing B in A/B mode): the one in
    /// effect at the moment shown, a past one when time travel shows a moment before a change.
    pub fn edited(&self) -> &Rc<Scenario> {
        let past = self.past.as_ref();
        let shown = if self.editing_b() {
            past.and_then(|p| p.b.as_ref())
        } else {
            past.and_then(|p| p.a.as_ref())
        };
        shown.unwrap_or_else(|| self.snap.edited())
    }

    /// Run A's scenario at the moment shown (a past one when time travel shows a moment
    /// before a change): what the theory and the board describe.
    pub fn shown_scenario(&self) -> &Rc<Scenario> {
        (self.past.as_ref())
            .and_then(|p| p.a.as_ref())
            .unwrap_or(&self.snap.scenario)
    }

    /// Whether the editor changes variant B.
    pub fn editing_b(&self) -> bool {
        self.snap
            .ab
            .as_ref()
            .is_some_and(|ab| ab.editing == Variant::B)
    }

    /// The state after `action`.
    pub fn reduce(self, action: Action) -> AppState {
        reduce::reduce(self, action)
    }
}
