//! A challenge's standings: who leads, and why a team is not ranked yet.

use super::challenge::Challenge;
use super::Results;

/// A team's place in a challenge.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// The team's name.
    pub team: String,
    /// 1 for the best; `None` when the team is not ranked (see `status`).
    pub rank: Option<usize>,
    /// The goal's value in the team's latest results.
    pub value: Option<f64>,
    /// Days the team's run has covered.
    pub day: Option<f64>,
    /// Why the team is not ranked: no results yet, still running, or the limits it breaks.
    pub status: Option<String>,
}

impl Challenge {
    /// The standings: ranked teams first, best first (ties share a rank), then the others in
    /// the order they joined, each with the reason it is not ranked.
    pub fn standings(&self, teams: &[super::TeamView]) -> Vec<Standing> {
        let mut out: Vec<Standing> = teams
            .iter()
            .map(|t| {
                let r = t.results.as_ref();
                let value = r.and_then(|r| self.goal.value(r));
                let status = match r {
                    None => Some("no results yet".to_string()),
                    // The days it has covered in full (day 99.6 is not yet day 100).
                    Some(r) if r.day < self.days => {
                        Some(format!("running (day {})", r.day.floor()))
                    }
                    Some(Results { scenario: None, .. }) => Some("no scenario reported".into()),
                    Some(Results {
                        scenario: Some(s), ..
                    }) => {
                        let b = self.breaches(s);
                        if b.is_empty() && value.is_none() {
                            Some("nothing done yet".into())
                        } else {
                            (!b.is_empty()).then(|| b.join("; "))
                        }
                    }
                };
                Standing {
                    team: t.name.clone(),
                    rank: None,
                    value,
                    day: r.map(|r| r.day),
                    status,
                }
            })
            .collect();
        let key = |s: &Standing| {
            let v = s.value.unwrap_or(f64::NAN);
            if self.goal.higher_is_better() {
                -v
            } else {
                v
            }
        };
        // Stable: unranked teams keep their joining order after the ranked ones.
        out.sort_by(|a, b| {
            (a.status.is_some(), key(a))
                .partial_cmp(&(b.status.is_some(), key(b)))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let mut last: Option<(f64, usize)> = None;
        for (i, s) in out
            .iter_mut()
            .enumerate()
            .filter(|(_, s)| s.status.is_none())
        {
            let v = s.value.unwrap_or(f64::NAN);
            let rank = match last {
                Some((lv, lr)) if lv == v => lr,
                _ => i + 1,
            };
            s.rank = Some(rank);
            last = Some((v, rank));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::challenge::tests::{base, challenge};
    use super::super::{Goal, Lever};
    use super::*;
    use crate::sim::Scenario;

    #[test]
    fn standings_rank_valid_finished_runs_and_say_why_others_are_not_ranked() {
        let c = challenge(vec![Lever::Workers, Lever::WipLimits]);
        let mut ok = base();
        ok.wip_limit = Some(8);
        let team = |name: &str, day: f64, tp: f64, s: Option<Scenario>| crate::rooms::TeamView {
            name: name.into(),
            online: true,
            predicted: false,
            prediction: None,
            results: Some(Results {
                day,
                completed: 10,
                throughput: tp,
                lead_mean: Some(2.0),
                lead_p85: Some(3.0),
                wip_mean: 4.0,
                scenario: s,
            }),
            seat: 0,
        };
        let mut none = team("Idle", 0.0, 0.0, None);
        none.results = None;
        let teams = vec![
            none,
            team("Slow", 200.0, 1.5, Some(ok.clone())),
            team("Early", 50.0, 9.0, Some(ok.clone())),
            team("Fast", 250.0, 1.9, Some(ok.clone())),
            team("Tie", 200.0, 1.5, Some(ok.clone())),
            team("Unlimited", 200.0, 3.0, Some(base())),
        ];
        let s = c.standings(&teams);
        let rows: Vec<(&str, Option<usize>)> =
            s.iter().map(|s| (s.team.as_str(), s.rank)).collect();
        assert_eq!(
            rows,
            [
                ("Fast", Some(1)),
                ("Slow", Some(2)),
                ("Tie", Some(2)),
                ("Idle", None),
                ("Early", None),
                ("Unlimited", None)
            ]
        );
        assert_eq!(s[3].status.as_deref(), Some("no results yet"));
        assert_eq!(s[4].status.as_deref(), Some("running (day 50)"));
        // In its warm-up a team has done nothing yet: no value (not 0 /d), and the days it
        // has covered in full.
        let mut warming = team("Warming", 9.7, 0.0, Some(ok.clone()));
        warming.results.as_mut().unwrap().completed = 0;
        let w = &c.standings(&[warming])[0];
        assert_eq!(
            (w.value, w.status.as_deref()),
            (None, Some("running (day 9)"))
        );
        assert!(s[5].status.as_deref().unwrap().contains("not limited"));
        let lead = Challenge {
            goal: Goal::LeadTime,
            ..c
        };
        assert_eq!(lead.standings(&teams)[0].rank, Some(1));
    }
}
