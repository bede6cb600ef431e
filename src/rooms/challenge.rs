//! A challenge: the facilitator sets a goal and limits ("highest throughput with system WIP ≤ 8
//! and no more than 6 people") and names the levers teams may pull; each team edits its own
//! copy of the room's scenario, runs it, and reports. The rules live here once: the app uses
//! them to refuse an edit outside the levers, the server to rank the reports.

use super::Results;
use crate::sim::Scenario;
use serde::{Deserialize, Serialize};

/// Longest run a challenge may ask for, in simulated days.
pub const MAX_CHALLENGE_DAYS: f64 = 10_000.0;

/// What teams may change in their copy of the room's scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lever {
    /// Workers per stage and the size of generalist pools.
    Workers,
    /// Stage WIP limits and the system WIP cap.
    WipLimits,
    /// Batch sizes.
    BatchSize,
    /// How many items a worker juggles.
    Multitasking,
}

impl Lever {
    /// Every lever, in the order the app lists them.
    pub const ALL: [Lever; 4] = [
        Lever::Workers,
        Lever::WipLimits,
        Lever::BatchSize,
        Lever::Multitasking,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Lever::Workers => "workers",
            Lever::WipLimits => "WIP limits",
            Lever::BatchSize => "batch sizes",
            Lever::Multitasking => "multitasking",
        }
    }
}

/// What a challenge ranks teams by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Highest throughput (items per day).
    Throughput,
    /// Shortest mean lead time.
    LeadTime,
    /// Shortest 85th-percentile lead time.
    LeadTimeP85,
}

impl Goal {
    /// A label for people, e.g. "highest throughput".
    pub fn label(self) -> &'static str {
        match self {
            Goal::Throughput => "highest throughput",
            Goal::LeadTime => "shortest mean lead time",
            Goal::LeadTimeP85 => "shortest 85th-percentile lead time",
        }
    }

    /// The ranked number in a team's results; `None` before the run has one.
    pub fn value(self, r: &Results) -> Option<f64> {
        match self {
            // Nothing done (the warm-up, or a stalled run) is no result yet, not 0 /d.
            Goal::Throughput => (r.completed > 0).then_some(r.throughput),
            Goal::LeadTime => r.lead_mean,
            Goal::LeadTimeP85 => r.lead_p85,
        }
    }

    /// Whether a larger value ranks higher.
    pub fn higher_is_better(self) -> bool {
        self == Goal::Throughput
    }
}

/// A challenge the facilitator opens for the room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// What teams are ranked by.
    pub goal: Goal,
    /// What teams may change (at least one).
    pub levers: Vec<Lever>,
    /// The most work in process the scenario may allow: its system WIP cap, or the sum of the
    /// stage WIP limits when every stage has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_wip: Option<u32>,
    /// The most people: workers of every stage plus generalists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_people: Option<u32>,
    /// Simulated days a run must cover before it is ranked.
    pub days: f64,
}

impl Challenge {
    /// The challenge in one sentence, e.g. "Highest throughput with system WIP ≤ 8 and no more
    /// than 6 people. You may change workers and WIP limits; runs are ranked after 200 days."
    pub fn describe(&self) -> String {
        let mut limits = Vec::new();
        if let Some(w) = self.max_wip {
            limits.push(format!("system WIP ≤ {w}"));
        }
        if let Some(p) = self.max_people {
            limits.push(format!("no more than {p} people"));
        }
        let goal = self.goal.label();
        let mut s = capitalise(goal);
        if !limits.is_empty() {
            s += &format!(" with {}", limits.join(" and "));
        }
        let levers: Vec<&str> = self.levers.iter().map(|l| l.label()).collect();
        s += &format!(
            ". You may change {}; runs are ranked after {} days.",
            join_and(&levers),
            self.days
        );
        s
    }

    /// Problems with the challenge itself, each with its path under `path`.
    pub fn problems(&self, path: &str) -> Vec<(String, String)> {
        let mut p = Vec::new();
        if self.levers.is_empty() {
            p.push((format!("{path}.levers"), "name at least one lever".into()));
        }
        let mut sorted = self.levers.clone();
        sorted.sort();
        sorted.dedup();
        if sorted.len() != self.levers.len() {
            p.push((format!("{path}.levers"), "each lever at most once".into()));
        }
        for (field, v) in [("max_wip", self.max_wip), ("max_people", self.max_people)] {
            if v.is_some_and(|v| !(1..=1000).contains(&v)) {
                p.push((format!("{path}.{field}"), "must be from 1 to 1000".into()));
            }
        }
        if !(self.days.is_finite() && self.days >= 1.0 && self.days <= MAX_CHALLENGE_DAYS) {
            p.push((
                format!("{path}.days"),
                format!("must be from 1 to {MAX_CHALLENGE_DAYS} days"),
            ));
        }
        p
    }

    /// The problem with ranking runs of a scenario with a `warmup` of that many days: ranked
    /// before the warm-up ends, every team's results would still be empty.
    pub fn warmup_problem(&self, path: &str, warmup: f64) -> Option<(String, String)> {
        (self.days <= warmup).then(|| {
            (
                format!("{path}.days"),
                format!("must be more than the scenario's warm-up ({warmup} days): until it ends every team's results are empty"),
            )
        })
    }

    /// Whether `theirs` differs from the room's `base` only in the levers: `Err` names the
    /// first field changed that is not allowed. The name may always change.
    pub fn check_edit(&self, base: &Scenario, theirs: &Scenario) -> Result<(), String> {
        let refuse = |what: &str| {
            Err(format!(
                "In this challenge only {} may change, not {what}.",
                join_and(&self.levers.iter().map(|l| l.label()).collect::<Vec<_>>())
            ))
        };
        if base.stages.len() != theirs.stages.len() {
            return refuse("the stages");
        }
        let masked = |s: &Scenario| {
            let mut s = s.clone();
            s.name.clear();
            for lever in &self.levers {
                match lever {
                    Lever::Workers => {
                        s.stages.iter_mut().for_each(|st| st.workers = 0);
                        s.generalists.iter_mut().for_each(|g| g.count = 0);
                    }
                    Lever::WipLimits => {
                        s.wip_limit = None;
                        s.stages.iter_mut().for_each(|st| st.wip_limit = None);
                    }
                    Lever::BatchSize => s.stages.iter_mut().for_each(|st| st.batch_size = 0),
                    Lever::Multitasking => s.stages.iter_mut().for_each(|st| st.multitask = 0),
                }
            }
            s
        };
        let (a, b) = (masked(base), masked(theirs));
        if a == b {
            return Ok(());
        }
        for (i, (x, y)) in a.stages.iter().zip(&b.stages).enumerate() {
            if x != y {
                return refuse(&format!("stage {} ({})", i + 1, x.name));
            }
        }
        if a.generalists != b.generalists {
            return refuse("the generalist pools");
        }
        if a.wip_limit != b.wip_limit {
            return refuse("the system WIP cap");
        }
        if a.seed != b.seed {
            return refuse("the seed");
        }
        refuse("the arrivals, classes or run settings")
    }

    /// Why a team's scenario breaks the challenge's limits (empty: it keeps them).
    pub fn breaches(&self, s: &Scenario) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(max) = self.max_wip {
            match wip_cap(s) {
                Some(cap) if cap <= max => {}
                Some(cap) => out.push(format!("WIP can reach {cap}, over the limit of {max}")),
                None => out.push(format!("WIP is not limited (the limit is {max})")),
            }
        }
        if let Some(max) = self.max_people {
            let n = people(s);
            if n > max {
                out.push(format!("{n} people, over the limit of {max}"));
            }
        }
        out
    }
}

/// The most items the scenario lets into process at once: the system WIP cap, or the sum of
/// the stage WIP limits when every stage has one, whichever is smaller; `None`: unlimited.
pub fn wip_cap(s: &Scenario) -> Option<u32> {
    let stages: Option<u32> = s.stages.iter().map(|st| st.wip_limit).sum();
    match (s.wip_limit, stages) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// People in the scenario: every stage's workers plus every generalist.
pub fn people(s: &Scenario) -> u32 {
    s.stages.iter().map(|st| st.workers).sum::<u32>()
        + s.generalists.iter().map(|g| g.count).sum::<u32>()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::sim::{Dist, Stage};

    pub(crate) fn base() -> Scenario {
        Scenario {
            stages: vec![
                Stage::new("Develop", 3, Dist::Exponential { mean: 1.0 }),
                Stage::new("Test", 2, Dist::Exponential { mean: 0.5 }),
            ],
            ..Scenario::single_stage()
        }
    }

    pub(crate) fn challenge(levers: Vec<Lever>) -> Challenge {
        Challenge {
            goal: Goal::Throughput,
            levers,
            max_wip: Some(8),
            max_people: Some(6),
            days: 200.0,
        }
    }

    #[test]
    fn edits_are_allowed_only_on_the_levers() {
        let c = challenge(vec![Lever::Workers, Lever::WipLimits]);
        let mut s = base();
        s.name = "Ours".into();
        s.stages[0].workers = 4;
        s.stages[1].wip_limit = Some(3);
        s.wip_limit = Some(8);
        assert_eq!(c.check_edit(&base(), &s), Ok(()));
        s.stages[1].batch_size = 5;
        let err = c.check_edit(&base(), &s).unwrap_err();
        assert!(err.contains("only workers and WIP limits"), "{err}");
        assert!(err.contains("stage 2 (Test)"), "{err}");
        let mut s = base();
        s.seed += 1;
        assert!(c.check_edit(&base(), &s).unwrap_err().contains("the seed"));
        let mut s = base();
        s.stages.pop();
        assert!(c
            .check_edit(&base(), &s)
            .unwrap_err()
            .contains("the stages"));
    }

    #[test]
    fn limits_count_people_and_the_tightest_wip_cap() {
        let c = challenge(vec![Lever::Workers]);
        let mut s = base();
        assert_eq!(people(&s), 5);
        assert_eq!(wip_cap(&s), None);
        assert_eq!(c.breaches(&s), vec!["WIP is not limited (the limit is 8)"]);
        s.stages[0].wip_limit = Some(5);
        assert_eq!(
            wip_cap(&s),
            None,
            "one stage unlimited leaves WIP unlimited"
        );
        s.stages[1].wip_limit = Some(4);
        assert_eq!(wip_cap(&s), Some(9));
        s.wip_limit = Some(7);
        assert_eq!(wip_cap(&s), Some(7));
        assert!(c.breaches(&s).is_empty());
        s.stages[0].workers = 5;
        assert_eq!(c.breaches(&s), vec!["7 people, over the limit of 6"]);
    }

    #[test]
    fn describes_itself_and_checks_its_own_fields() {
        let c = challenge(vec![Lever::Workers, Lever::WipLimits]);
        assert_eq!(
            c.describe(),
            "Highest throughput with system WIP ≤ 8 and no more than 6 people. \
             You may change workers and WIP limits; runs are ranked after 200 days."
        );
        assert!(c.problems("challenge").is_empty());
        let bad = Challenge {
            levers: vec![Lever::Workers, Lever::Workers],
            max_wip: Some(0),
            days: f64::NAN,
            ..c
        };
        let paths: Vec<String> = bad.problems("challenge").into_iter().map(|p| p.0).collect();
        assert_eq!(
            paths,
            ["challenge.levers", "challenge.max_wip", "challenge.days"]
        );
    }
}
