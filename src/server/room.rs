//! One room's state and the rules that change it: pure (no I/O, no clock, no randomness),
//! so every rule is unit-tested directly. [`Room::apply`] checks a message completely before
//! it changes anything: a refused message leaves the room exactly as it was.

use crate::rooms::protocol::{ErrorKind, Host, Join, RemoveTeam};
use crate::rooms::{
    same_name, Challenge, ClientMsg, Content, ProtocolError, Results, RoomView, TeamView,
};
use crate::state::Phase;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

/// A team of a room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    /// The name shown to everyone (unique in the room, ignoring case).
    pub name: String,
    /// The secret that makes a connection this team again.
    pub token: String,
    /// This round's prediction.
    pub prediction: Option<String>,
    /// This round's latest results.
    pub results: Option<Results>,
    /// Its place in the order teams joined, kept when others leave: its colour on the
    /// dashboard.
    pub seat: u32,
}

/// A room: what the facilitator leads and the teams in the order they joined.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Room {
    /// The room code.
    pub code: String,
    /// The facilitator's secret key.
    pub key: String,
    /// Bumped by each `set_content`.
    pub round: u32,
    /// What the room works on.
    pub content: Option<Content>,
    /// Where the room is in predict → run → reveal.
    pub phase: Phase,
    /// The challenge of this round, open (phase `Run`) or closed (phase `Reveal`).
    pub challenge: Option<Challenge>,
    /// The teams, in the order they joined.
    pub teams: Vec<Team>,
}

/// Who sends a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// A connection that has not created, hosted or joined yet.
    None,
    /// The room's facilitator.
    Facilitator,
    /// A team, known by its token.
    Team(String),
}

/// What an accepted message changed, so the server knows what to store, log and send.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A facilitator connection proved the key (nothing in the room changed).
    Hosted,
    /// A team joined (`rejoined`: with its token, as the same team again).
    Joined {
        /// The team's token.
        token: String,
        /// Whether it came back with its token.
        rejoined: bool,
    },
    /// New content: a new round.
    Content,
    /// The phase changed.
    Phase,
    /// A challenge opened (results cleared, phase `Run`).
    ChallengeOpened,
    /// The challenge closed (phase `Reveal`, the challenge kept for its standings).
    ChallengeClosed,
    /// A team was removed.
    TeamRemoved(Box<Team>),
    /// A team's prediction changed.
    Predicted(String),
    /// A team's results changed.
    Reported(String),
}

impl Change {
    /// The team the change concerns (it gets a fresh `you`).
    pub fn team_token(&self) -> Option<&str> {
        match self {
            Change::Joined { token, .. } | Change::Predicted(token) | Change::Reported(token) => {
                Some(token)
            }
            _ => None,
        }
    }
}

fn forbidden(message: &str) -> ProtocolError {
    ProtocolError::new(ErrorKind::Forbidden, message)
}

fn wrong_phase(message: &str) -> ProtocolError {
    ProtocolError::new(ErrorKind::WrongPhase, message)
}

/// Whether two secrets are equal, in time that does not depend on where they differ.
pub fn secrets_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

impl Room {
    /// A new room with no content, in the `Predict` phase of round 0.
    pub fn new(code: String, key: String) -> Room {
        Room {
            code,
            key,
            round: 0,
            content: None,
            phase: Phase::Predict,
            challenge: None,
            teams: Vec::new(),
        }
    }

    /// The team with this token.
    pub fn team(&self, token: &str) -> Option<&Team> {
        self.teams.iter().find(|t| secrets_equal(&t.token, token))
    }

    fn team_index(&self, token: &str) -> Result<usize, ProtocolError> {
        self.teams
            .iter()
            .position(|t| secrets_equal(&t.token, token))
            .ok_or_else(|| forbidden("this team was removed from the room"))
    }

    /// Applies a decoded message from `role`. `new_token` makes a token for a new team (only
    /// called for a `join` that adds one); `max_teams` caps the teams. On `Err` the room is
    /// unchanged. `create` is the server's, not a room's: it is refused here.
    pub fn apply(
        &mut self,
        role: &Role,
        msg: ClientMsg,
        max_teams: usize,
        new_token: impl FnOnce() -> String,
    ) -> Result<Change, ProtocolError> {
        match (role, msg) {
            (Role::None, ClientMsg::Host(Host { key, .. })) => {
                if secrets_equal(&self.key, &key) {
                    Ok(Change::Hosted)
                } else {
                    Err(forbidden("wrong key for this room"))
                }
            }
            (Role::None, ClientMsg::Join(join)) => self.join(join, max_teams, new_token),
            (_, ClientMsg::Create | ClientMsg::Host(_) | ClientMsg::Join(_)) => Err(forbidden(
                "this connection already has a role; open a new connection",
            )),
            (Role::None, _) => Err(forbidden("create, host or join a room first")),
            (Role::Facilitator, msg) => self.lead(msg),
            (Role::Team(token), msg) => self.take_part(token, msg),
        }
    }

    fn join(
        &mut self,
        Join { team, token, .. }: Join,
        max_teams: usize,
        new_token: impl FnOnce() -> String,
    ) -> Result<Change, ProtocolError> {
        if let Some(token) = token {
            return match self.team(&token) {
                Some(t) => Ok(Change::Joined {
                    token: t.token.clone(),
                    rejoined: true,
                }),
                None => Err(forbidden("this team token is not valid in this room")),
            };
        }
        if self.teams.iter().any(|t| same_name(&t.name, &team)) {
            return Err(ProtocolError {
                kind: ErrorKind::Taken,
                path: Some("team".into()),
                message: format!("a team named {team:?} is already in the room"),
            });
        }
        if self.teams.len() >= max_teams {
            return Err(ProtocolError::new(
                ErrorKind::Full,
                format!("the room has its maximum of {max_teams} teams"),
            ));
        }
        let token = new_token();
        let seat = self.teams.iter().map(|t| t.seat + 1).max().unwrap_or(0);
        self.teams.push(Team {
            name: team,
            token: token.clone(),
            prediction: None,
            results: None,
            seat,
        });
        Ok(Change::Joined {
            token,
            rejoined: false,
        })
    }

    fn lead(&mut self, msg: ClientMsg) -> Result<Change, ProtocolError> {
        match msg {
            ClientMsg::SetContent(m) => {
                self.round = self.round.saturating_add(1);
                self.content = Some(m.content);
                self.phase = Phase::Predict;
                self.challenge = None;
                for t in &mut self.teams {
                    t.prediction = None;
                    t.results = None;
                }
                Ok(Change::Content)
            }
            ClientMsg::SetPhase(m) => {
                self.phase = m.phase;
                Ok(Change::Phase)
            }
            ClientMsg::OpenChallenge(m) => {
                let Some(content) = &self.content else {
                    return Err(wrong_phase("choose the room's content before a challenge"));
                };
                let warmup = content.scenario.warmup;
                if let Some((path, why)) = m.challenge.warmup_problem("challenge", warmup) {
                    return Err(ProtocolError::invalid(path, why));
                }
                self.challenge = Some(m.challenge);
                self.phase = Phase::Run;
                self.teams.iter_mut().for_each(|t| t.results = None);
                Ok(Change::ChallengeOpened)
            }
            ClientMsg::CloseChallenge => {
                if self.challenge.is_none() || self.phase == Phase::Reveal {
                    return Err(wrong_phase("no challenge is open"));
                }
                self.phase = Phase::Reveal;
                Ok(Change::ChallengeClosed)
            }
            ClientMsg::RemoveTeam(RemoveTeam { team }) => {
                let Some(i) = self.teams.iter().position(|t| same_name(&t.name, &team)) else {
                    return Err(ProtocolError::invalid(
                        "team",
                        format!("no team named {team:?} in the room"),
                    ));
                };
                Ok(Change::TeamRemoved(Box::new(self.teams.remove(i))))
            }
            ClientMsg::Predict(_) | ClientMsg::Report(_) => {
                Err(forbidden("only a team can predict or report"))
            }
            ClientMsg::Create | ClientMsg::Host(_) | ClientMsg::Join(_) => {
                Err(forbidden("this connection already has a role"))
            }
        }
    }

    fn take_part(&mut self, token: &str, msg: ClientMsg) -> Result<Change, ProtocolError> {
        let i = self.team_index(token)?;
        match msg {
            ClientMsg::Predict(m) => {
                if self.phase != Phase::Predict {
                    return Err(wrong_phase("predictions are written in the Predict phase"));
                }
                self.teams[i].prediction = Some(m.text);
                Ok(Change::Predicted(self.teams[i].token.clone()))
            }
            ClientMsg::Report(m) => {
                if self.phase == Phase::Predict {
                    return Err(wrong_phase(
                        "results are reported in the Run or Reveal phase",
                    ));
                }
                if let Some(c) = &self.challenge {
                    let Some(theirs) = &m.results.scenario else {
                        return Err(ProtocolError::invalid(
                            "results.scenario",
                            "during a challenge a report includes the scenario the team ran",
                        ));
                    };
                    if let Some(base) = &self.content {
                        c.check_edit(&base.scenario, theirs)
                            .map_err(|e| ProtocolError::invalid("results.scenario", e))?;
                    }
                }
                self.teams[i].results = Some(m.results);
                Ok(Change::Reported(self.teams[i].token.clone()))
            }
            _ => Err(forbidden("only the facilitator can do this")),
        }
    }

    /// The room as the facilitator sees it; `online` says whether a team (by token) is
    /// connected.
    pub fn view(&self, facilitator_online: bool, online: impl Fn(&str) -> bool) -> RoomView {
        RoomView {
            code: self.code.clone(),
            round: self.round,
            content: self.content.clone(),
            phase: self.phase,
            challenge: self.challenge.clone(),
            facilitator_online,
            teams: self
                .teams
                .iter()
                .map(|t| team_view(t, online(&t.token)))
                .collect(),
        }
    }

    /// The team's own view (its `you`), if the token is one of the room's.
    pub fn you(&self, token: &str, online: bool) -> Option<TeamView> {
        self.team(token).map(|t| team_view(t, online))
    }
}

fn team_view(t: &Team, online: bool) -> TeamView {
    TeamView {
        name: t.name.clone(),
        online,
        predicted: t.prediction.is_some(),
        prediction: t.prediction.clone(),
        results: t.results.clone(),
        seat: t.seat,
    }
}

#[cfg(test)]
#[path = "room_tests.rs"]
mod tests;
