//! A page in a workshop room follows what the room's server says: the content of the round
//! (scenario and lesson), the phase, and the challenge. These transitions are pure, so that
//! `cargo test` covers them; the web app's room hook only turns messages into actions.

use super::{Action, AppState, LessonAt, Phase, Workshop};
use crate::rooms::{Challenge, Results, RoomView};
use crate::sim::{Scenario, Summary};
use std::rc::Rc;

/// What a page in a room follows. Not part of the snapshot: after a reload the server sends it
/// again.
#[derive(Clone, Debug, PartialEq)]
pub struct RoomFollow {
    /// Whether this page is the facilitator's (who may edit freely and never has numbers
    /// hidden by a challenge).
    pub host: bool,
    /// The round whose content is loaded (`None`: the room has no content yet).
    pub round: Option<u32>,
    /// The room's phase.
    pub phase: Phase,
    /// The open challenge, or the closed one whose standings still show.
    pub challenge: Option<Challenge>,
    /// The room's scenario: a challenge's edits are checked against it.
    pub base: Rc<Scenario>,
}

impl RoomFollow {
    /// The round whose run a reloaded page catches up with, and whose pause it keeps: a
    /// team's, in a round under way (not at Predict), not in a challenge (its edits are not
    /// replayed, so the same run would not find the same results again).
    pub fn resumable_round(&self) -> Option<u32> {
        let resumable = !self.host && self.phase != Phase::Predict && self.challenge.is_none();
        self.round.filter(|_| resumable)
    }

    /// Whether this page may edit the scenario now: the facilitator always, a team only while
    /// a challenge runs.
    pub fn may_edit(&self) -> bool {
        self.host || (self.challenge.is_some() && self.phase == Phase::Run)
    }

    /// Whether an edit of the scenario may be applied in the room: `Err` with the reason when
    /// it may not (the state is kept). The reducer refuses such an edit, and the editor says
    /// why next to the field, as for any value it refuses.
    pub fn check_edit(&self, scenario: &Scenario) -> Result<(), String> {
        if self.host {
            return Ok(());
        }
        match &self.challenge {
            Some(c) if self.phase == Phase::Run => c.check_edit(&self.base, scenario),
            _ => Err(
                "The room's facilitator sets the scenario; you can change it during a challenge."
                    .into(),
            ),
        }
    }
}

/// The transitions a room drives.
pub(super) fn reduce(mut s: AppState, action: Action) -> AppState {
    match action {
        Action::JoinRoom { host } if s.room.as_ref().is_some_and(|r| r.host == host) => s,
        Action::JoinRoom { host } => {
            s.room = Some(RoomFollow {
                host,
                round: None,
                phase: Phase::Predict,
                challenge: None,
                base: s.snap.scenario.clone(),
            });
            s
        }
        Action::FollowRoom(view) => follow(s, *view),
        Action::ResumeRun { day, paused } => {
            if s.room
                .as_ref()
                .and_then(RoomFollow::resumable_round)
                .is_some()
                && day.is_finite()
                && day > 0.0
            {
                s.resume_to = Some(day);
                if paused {
                    s.playing = false;
                }
            }
            s
        }
        Action::LeaveRoom => {
            if s.room.take().is_some() {
                s.snap.workshop = None;
                s.playing = false;
            }
            s
        }
        _ => unreachable!("room actions only"),
    }
}

/// The room as the server last described it: a new round loads its content at day 0; a new
/// phase pauses and resets (Predict), plays (Run) or pauses (Reveal); a new challenge starts
/// every team from the room's scenario.
fn follow(mut s: AppState, view: RoomView) -> AppState {
    let Some(room) = s.room.clone() else {
        return s;
    };
    let Some(content) = view.content else {
        s.room = Some(RoomFollow {
            phase: view.phase,
            challenge: view.challenge,
            ..room
        });
        return s;
    };
    if room.round != Some(view.round) {
        let base = Rc::new(content.scenario);
        let lesson = content.lesson.filter(|at| valid_lesson(*at));
        s.snap.scenario = base.clone();
        s.snap.ab = None;
        s.snap.lesson = lesson;
        s.snap.workshop = Some(Workshop {
            phase: view.phase,
            prediction: String::new(),
        });
        s.generation += 1;
        s.playing = view.phase == Phase::Run;
        s.room = Some(RoomFollow {
            host: room.host,
            round: Some(view.round),
            phase: view.phase,
            challenge: view.challenge,
            base,
        });
        return s;
    }
    if view.challenge.is_some() && view.challenge != room.challenge && view.phase == Phase::Run {
        // A new challenge: everyone starts from the room's scenario, at day 0.
        s.snap.scenario = room.base.clone();
        s.generation += 1;
        s.playing = true;
    }
    if view.phase != room.phase {
        match view.phase {
            Phase::Predict => {
                s.playing = false;
                s.generation += 1;
            }
            Phase::Run => s.playing = true,
            // The numbers hold still while the room talks them through, as in workshop
            // mode (Space plays on).
            Phase::Reveal => s.playing = false,
        }
    }
    if let Some(w) = &mut s.snap.workshop {
        w.phase = view.phase;
    }
    s.room = Some(RoomFollow {
        phase: view.phase,
        challenge: view.challenge,
        ..room
    });
    s
}

fn valid_lesson(at: LessonAt) -> bool {
    crate::lessons::all()
        .get(at.lesson)
        .is_some_and(|l| at.step < l.steps.len())
}

/// The results a team reports: the same summary the metrics strip shows, with the scenario
/// the team ran when a challenge needs it.
pub fn results_of(summary: &Summary, scenario: Option<&Scenario>) -> Results {
    let finite = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
    Results {
        day: finite(summary.time),
        completed: summary.completed,
        throughput: finite(summary.throughput),
        lead_mean: summary.lead_time.mean.filter(|v| v.is_finite()),
        lead_p85: summary.lead_time.p85.filter(|v| v.is_finite()),
        wip_mean: finite(summary.wip_mean),
        scenario: scenario.cloned(),
    }
}
