//! What a team has to say to its room, kept until the room has it: a prediction written while
//! the connection was lost, and the team's latest results (a finished or paused run reports
//! nothing more by itself, so after a lost connection the room would keep stale numbers).
//!
//! The app's room session notes every message a team sends ([`Outbox::note`]) and, at the
//! first `room` message of each new connection, sends what [`Outbox::room`] gives back,
//! provided it still belongs to the room's round and phase.

use super::protocol::{ClientMsg, Predict, RoomView};
use crate::state::Phase;

/// A team's unsent prediction and latest report, each with the round it belongs to.
#[derive(Clone, Debug, Default)]
pub struct Outbox {
    /// The round of the room's latest `room` message.
    round: Option<u32>,
    /// Whether this connection has had its first `room` message.
    caught_up: bool,
    /// A prediction written while the room could not be reached.
    unsent_prediction: Option<(u32, String)>,
    /// The latest report.
    last_report: Option<(u32, ClientMsg)>,
}

/// What to do at a connection's first `room` message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatchUp {
    /// Messages to send, in order.
    pub send: Vec<ClientMsg>,
    /// The page's prediction went to the room: the server's older one must not be restored
    /// over it.
    pub kept_prediction: bool,
    /// The room moved on before an unsent prediction could reach it.
    pub lost_prediction: bool,
}

impl Outbox {
    /// Whether messages may go now: the connection has caught up with the room.
    pub fn caught_up(&self) -> bool {
        self.caught_up
    }

    /// A new connection: nothing has caught up yet.
    pub fn connecting(&mut self) {
        self.caught_up = false;
    }

    /// Notes `msg`, which the team sends now; `sent` says whether the connection took it.
    pub fn note(&mut self, msg: &ClientMsg, sent: bool) {
        let Some(round) = self.round else { return };
        match msg {
            ClientMsg::Report(_) => self.last_report = Some((round, msg.clone())),
            ClientMsg::Predict(p) if !sent => {
                self.unsent_prediction = Some((round, p.text.clone()))
            }
            ClientMsg::Predict(_) => self.unsent_prediction = None,
            _ => {}
        }
    }

    /// The room as a `room` message shows it; at a connection's first, what the team has to
    /// say again.
    pub fn room(&mut self, room: &RoomView) -> CatchUp {
        self.round = Some(room.round);
        if std::mem::replace(&mut self.caught_up, true) {
            return CatchUp::default();
        }
        let mut out = CatchUp::default();
        if let Some((round, text)) = self.unsent_prediction.take() {
            if round == room.round && room.phase == Phase::Predict {
                out.kept_prediction = true;
                out.send.push(ClientMsg::Predict(Predict { text }));
            } else if round == room.round {
                out.lost_prediction = true;
            }
        }
        if let Some((round, report)) = &self.last_report {
            if *round == room.round && room.phase != Phase::Predict {
                out.send.push(report.clone());
            }
        }
        out
    }

    /// Forgets everything: the team left the room, or starts with another.
    pub fn forget(&mut self) {
        *self = Outbox::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rooms::protocol::{Report, Results};

    fn room(round: u32, phase: Phase) -> RoomView {
        RoomView {
            code: "ABCDE".into(),
            round,
            content: None,
            phase,
            challenge: None,
            facilitator_online: true,
            teams: vec![],
        }
    }

    fn report(day: f64) -> ClientMsg {
        ClientMsg::Report(Report {
            results: Results {
                day,
                completed: 20,
                throughput: 0.57,
                lead_mean: Some(17.5),
                lead_p85: Some(30.0),
                wip_mean: 10.0,
                scenario: None,
            },
        })
    }

    fn predict(text: &str) -> ClientMsg {
        ClientMsg::Predict(Predict { text: text.into() })
    }

    #[test]
    fn the_latest_report_goes_again_after_a_lost_connection_in_its_own_round_only() {
        let mut o = Outbox::default();
        assert_eq!(o.room(&room(1, Phase::Run)), CatchUp::default());
        o.note(&report(4.0), true);
        // The connection drops; the run goes on to its end, its last report not sent.
        o.connecting();
        assert!(!o.caught_up());
        o.note(&report(35.0), false);
        let back = o.room(&room(1, Phase::Reveal));
        assert_eq!(back.send, [report(35.0)]);
        assert!(o.caught_up());
        // Only at a connection's first `room` message.
        assert_eq!(o.room(&room(1, Phase::Reveal)), CatchUp::default());
        // A new round (or the Predict phase) has no use for it.
        o.connecting();
        assert_eq!(o.room(&room(2, Phase::Run)).send, []);
        o.connecting();
        assert_eq!(o.room(&room(1, Phase::Predict)).send, []);
    }

    #[test]
    fn a_prediction_written_offline_is_sent_and_kept_or_said_to_be_lost() {
        let mut o = Outbox::default();
        o.room(&room(3, Phase::Predict));
        o.note(&predict("sooner"), true);
        o.connecting();
        o.note(&predict("much sooner"), false);
        let back = o.room(&room(3, Phase::Predict));
        assert_eq!(back.send, [predict("much sooner")]);
        assert!(back.kept_prediction && !back.lost_prediction);
        // Sent later: nothing is waiting.
        o.connecting();
        assert_eq!(o.room(&room(3, Phase::Predict)), CatchUp::default());
        // A prediction the connection took is not sent again, and it replaces one that was
        // waiting (the room has the newer one).
        o.note(&predict("taken"), true);
        o.connecting();
        assert_eq!(o.room(&room(3, Phase::Predict)), CatchUp::default());
        o.connecting();
        o.note(&predict("waiting"), false);
        o.note(&predict("newer, taken"), true);
        assert_eq!(o.room(&room(3, Phase::Predict)), CatchUp::default());
        // The room moved on to Run while the team was offline: it is said to be lost.
        o.connecting();
        o.note(&predict("later"), false);
        let back = o.room(&room(3, Phase::Run));
        assert!(back.lost_prediction && back.send.is_empty());
        // A new round: an old prediction is simply dropped.
        o.connecting();
        o.note(&predict("old"), false);
        assert_eq!(o.room(&room(4, Phase::Predict)), CatchUp::default());
        o.forget();
        assert!(!o.caught_up());
    }
}
