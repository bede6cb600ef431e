//! Checks a parsed scenario against the model's rules and the limits that keep a run bounded.

use super::dist::{Dist, MAX_DURATION};
use super::scenario::{Arrival, FieldError, Scenario, ScenarioError, FORMAT_VERSION};
use std::collections::HashSet;

/// Most stages a scenario may have.
pub const MAX_STAGES: usize = 50;
/// Most workers in one stage or one generalist pool.
pub const MAX_WORKERS: u32 = 500;
/// Largest batch size.
pub const MAX_BATCH: u32 = 10_000;
/// Largest WIP limit (stage or system).
pub const MAX_WIP_LIMIT: u32 = 1_000_000;
/// Largest initial backlog.
pub const MAX_BACKLOG: u32 = 1_000_000;
/// Highest arrival rate, requests per day.
pub const MAX_RATE: f64 = 100_000.0;
/// Most items one worker may hold at once (Weinberg's table stops at five).
pub const MAX_MULTITASK: u32 = 5;
/// Longest stage name, in characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Most classes of service (the board tells them apart by shape).
pub const MAX_CLASSES: usize = 6;
/// Highest class priority.
pub const MAX_PRIORITY: u32 = 100;
/// Largest work scale of a class.
pub const MAX_WORK_SCALE: f64 = 100.0;
/// Highest rework probability.
pub const MAX_REWORK: f64 = 0.99;
/// Longest run the command-line tool accepts, in days. A run's memory does not grow with its
/// length (statistics windows are kept in a bounded ring, percentiles in fixed histograms, the
/// item log only when asked for), so this only keeps simulated times precise: at a billion
/// days an `f64` still resolves about a fiftieth of a second.
pub const MAX_CLI_DURATION: f64 = 1e9;

/// The limits that depend on who runs a scenario; every other rule is the same for all.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// Longest `duration` and `window`, in days.
    pub max_duration: f64,
}

impl Limits {
    /// The web app and share links: runs of at most [`MAX_DURATION`] days.
    pub const APP: Limits = Limits {
        max_duration: MAX_DURATION,
    };
    /// The command-line tool, made for long batch experiments: at most [`MAX_CLI_DURATION`].
    pub const CLI: Limits = Limits {
        max_duration: MAX_CLI_DURATION,
    };
}

/// A number as a message shows it: plainly when that is short, else in scientific notation
/// (`1e300`, not 301 digits; `1.5e-9`, not nine zeros), so a refused value stays readable.
#[derive(Clone, Copy, Debug)]
pub struct Shown(pub f64);

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = self.0.abs();
        if a.is_finite() && a != 0.0 && !(1e-6..1e15).contains(&a) {
            write!(f, "{:e}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

struct Problems(Vec<FieldError>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            path: path.into(),
            message: message.into(),
        });
    }

    fn days(&mut self, path: &str, v: f64, min_exclusive: f64, max: f64) {
        if !v.is_finite() {
            self.push(path, "must be a finite number");
        } else if v <= min_exclusive {
            self.push(
                path,
                format!("must be greater than {min_exclusive} (got {})", Shown(v)),
            );
        } else if v > max {
            self.push(
                path,
                format!("must be at most {} days (got {})", Shown(max), Shown(v)),
            );
        }
    }

    fn count(&mut self, path: &str, v: u32, min: u32, max: u32) {
        if v < min || v > max {
            self.push(
                path,
                format!("must be a whole number from {min} to {max} (got {v})"),
            );
        }
    }

    fn dist(&mut self, path: &str, d: &Dist) {
        for (field, message) in d.problems() {
            self.push(format!("{path}.{field}"), message);
        }
    }

    fn arrival(&mut self, path: &str, a: &Arrival) {
        match *a {
            Arrival::Poisson { rate, backlog } => {
                if !(rate.is_finite() && rate > 0.0 && rate <= MAX_RATE) {
                    self.push(
                        format!("{path}.rate"),
                        format!(
                            "must be greater than 0 and at most {MAX_RATE} per day (got {})",
                            Shown(rate)
                        ),
                    );
                }
                self.count(&format!("{path}.backlog"), backlog, 0, MAX_BACKLOG);
            }
            Arrival::Fixed { interval, backlog } => {
                self.days(&format!("{path}.interval"), interval, 0.0, MAX_DURATION);
                if interval.is_finite() && interval > 0.0 && interval < 1.0 / MAX_RATE {
                    self.push(
                        format!("{path}.interval"),
                        format!("must be at least {} days", 1.0 / MAX_RATE),
                    );
                }
                self.count(&format!("{path}.backlog"), backlog, 0, MAX_BACKLOG);
            }
            Arrival::Backlog { count } => {
                self.count(&format!("{path}.count"), count, 1, MAX_BACKLOG)
            }
        }
    }

    /// The classes of service: names, either a share or an own arrival, shares summing to 1.
    fn classes(&mut self, sc: &Scenario) {
        if sc.classes.is_empty() {
            return;
        }
        if sc.classes.len() > MAX_CLASSES {
            self.push(
                "classes",
                format!(
                    "at most {MAX_CLASSES} classes are allowed (got {})",
                    sc.classes.len()
                ),
            );
        }
        let mut names = HashSet::new();
        let mut shares = 0.0;
        let mut sharing = false;
        let mut bad_share = false;
        for (i, c) in sc.classes.iter().enumerate() {
            let at = format!("classes[{i}]");
            self.name(&format!("{at}.name"), &c.name);
            if !names.insert(c.name.as_str()) {
                self.push(
                    format!("{at}.name"),
                    format!("duplicate class name {:?}", c.name),
                );
            }
            match (c.share, &c.arrival) {
                (Some(_), Some(_)) => self.push(
                    format!("{at}.arrival"),
                    "give either a share of the main arrivals or an own arrival, not both",
                ),
                (None, None) => self.push(
                    at.clone(),
                    "needs a share of the main arrivals or an own arrival",
                ),
                (Some(share), None) => {
                    if share.is_finite() && (0.0..=1.0).contains(&share) {
                        shares += share;
                        sharing = true;
                    } else {
                        bad_share = true;
                        self.push(
                            format!("{at}.share"),
                            format!("must be from 0 to 1 (got {})", Shown(share)),
                        );
                    }
                }
                (None, Some(a)) => self.arrival(&format!("{at}.arrival"), a),
            }
            self.count(&format!("{at}.priority"), c.priority, 0, MAX_PRIORITY);
            let scale = c.work_scale;
            if !(scale.is_finite() && scale > 0.0 && scale <= MAX_WORK_SCALE) {
                self.push(
                    format!("{at}.work_scale"),
                    format!(
                        "must be greater than 0 and at most {MAX_WORK_SCALE} (got {})",
                        Shown(scale)
                    ),
                );
            }
        }
        if !sharing {
            self.push(
                "classes",
                "at least one class must take a share of the main arrivals",
            );
        } else if !bad_share && (shares - 1.0).abs() > 1e-6 {
            self.push(
                "classes",
                format!(
                    "the shares of the main arrivals must add up to 1 (they add up to {})",
                    round6(shares)
                ),
            );
        }
    }

    fn name(&mut self, path: &str, name: &str) {
        if name.trim().is_empty() {
            self.push(path, "must not be empty");
        } else if name.chars().count() > MAX_NAME_CHARS {
            self.push(path, format!("must be at most {MAX_NAME_CHARS} characters"));
        } else if name.chars().any(is_control) {
            self.push(path, "must not contain control characters");
        }
    }
}

/// Whether `c` may not appear in a name people read (a stage, a team): a control character,
/// one of Unicode's text-direction controls (U+061C, U+200E–U+200F, U+202A–U+202E,
/// U+2066–U+2069), which could make one name display as another, or a character that shows
/// nothing at all (zero-width space U+200B, word joiner and invisible operators U+2060–U+2064,
/// U+FEFF, soft hyphen U+00AD, U+034F, U+180E), which could make two names look the same.
/// The joiners U+200C and U+200D stay: some scripts and emoji sequences need them.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(
            c,
            '\u{200B}' | '\u{2060}'
                ..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{034F}' | '\u{180E}'
        )
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

impl Scenario {
    /// Checks every rule with the web app's limits ([`Limits::APP`]); the error lists each
    /// problem with its field path.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        self.validate_with(&Limits::APP)
    }

    /// Checks every rule with the given limits; the error lists each problem with its path.
    pub fn validate_with(&self, limits: &Limits) -> Result<(), ScenarioError> {
        let mut p = Problems(Vec::new());
        if self.version != FORMAT_VERSION {
            p.push(
                "version",
                format!(
                    "unsupported version {} (this flowsim reads version {FORMAT_VERSION})",
                    self.version
                ),
            );
        }
        if self.name.chars().count() > 200 {
            p.push("name", "must be at most 200 characters");
        }
        p.days("duration", self.duration, 0.0, limits.max_duration);
        if !(self.warmup.is_finite() && self.warmup >= 0.0) {
            p.push(
                "warmup",
                format!("must be 0 or more days (got {})", Shown(self.warmup)),
            );
        } else if self.duration.is_finite() && self.duration > 0.0 && self.warmup >= self.duration {
            p.push(
                "warmup",
                format!("must be shorter than duration ({} days)", self.duration),
            );
        }
        p.days("window", self.window, 0.0, limits.max_duration);
        if self.window.is_finite() && self.window < 0.001 {
            p.push("window", "must be at least 0.001 days");
        }
        p.arrival("arrival", &self.arrival);
        if let Some(cap) = self.wip_limit {
            p.count("wip_limit", cap, 1, MAX_WIP_LIMIT);
        }
        if self.stages.is_empty() {
            p.push("stages", "must list at least one stage");
        }
        if self.stages.len() > MAX_STAGES {
            p.push(
                "stages",
                format!(
                    "at most {MAX_STAGES} stages are allowed (got {})",
                    self.stages.len()
                ),
            );
            return Err(ScenarioError { problems: p.0 });
        }
        let covered: HashSet<&str> = self
            .generalists
            .iter()
            .flat_map(|g| g.stages.iter().map(String::as_str))
            .collect();
        let mut names = HashSet::new();
        for (i, s) in self.stages.iter().enumerate() {
            let at = format!("stages[{i}]");
            p.name(&format!("{at}.name"), &s.name);
            if !names.insert(s.name.as_str()) {
                p.push(
                    format!("{at}.name"),
                    format!("duplicate stage name {:?}", s.name),
                );
            }
            let min_workers = u32::from(!covered.contains(s.name.as_str()));
            if s.workers < min_workers {
                p.push(
                    format!("{at}.workers"),
                    "must be at least 1 (or generalists must cover the stage)",
                );
            } else {
                p.count(
                    &format!("{at}.workers"),
                    s.workers,
                    min_workers,
                    MAX_WORKERS,
                );
            }
            p.dist(&format!("{at}.work"), &s.work);
            if let Some(limit) = s.wip_limit {
                p.count(&format!("{at}.wip_limit"), limit, 1, MAX_WIP_LIMIT);
            }
            p.count(&format!("{at}.batch_size"), s.batch_size, 1, MAX_BATCH);
            if let Some(setup) = &s.setup {
                p.dist(&format!("{at}.setup"), setup);
            }
            if let Some(r) = &s.rework {
                if !(r.probability.is_finite() && (0.0..=MAX_REWORK).contains(&r.probability)) {
                    p.push(
                        format!("{at}.rework.probability"),
                        format!(
                            "must be from 0 to {MAX_REWORK} (got {})",
                            Shown(r.probability)
                        ),
                    );
                }
                match self.stage_index(&r.to) {
                    Some(j) if j <= i => {}
                    Some(_) => p.push(format!("{at}.rework.to"), format!("{:?} comes after this stage; rework goes back to this stage or an earlier one", r.to)),
                    None => p.push(format!("{at}.rework.to"), format!("no stage is called {:?}", r.to)),
                }
            }
            if let Some(every) = s.release_every {
                p.days(&format!("{at}.release_every"), every, 0.0, MAX_DURATION);
                if every.is_finite() && every > 0.0 && every < 0.001 {
                    p.push(format!("{at}.release_every"), "must be at least 0.001 days");
                }
            }
            p.count(&format!("{at}.multitask"), s.multitask, 1, MAX_MULTITASK);
            if let Some(b) = &s.blockers {
                if !(b.probability.is_finite() && (0.0..=1.0).contains(&b.probability)) {
                    p.push(
                        format!("{at}.blockers.probability"),
                        format!("must be from 0 to 1 (got {})", Shown(b.probability)),
                    );
                }
                p.dist(&format!("{at}.blockers.duration"), &b.duration);
            }
        }
        for (g, pool) in self.generalists.iter().enumerate() {
            let at = format!("generalists[{g}]");
            p.count(&format!("{at}.count"), pool.count, 1, MAX_WORKERS);
            if pool.stages.is_empty() {
                p.push(format!("{at}.stages"), "must name at least one stage");
            }
            let mut seen = HashSet::new();
            for (k, name) in pool.stages.iter().enumerate() {
                if self.stage_index(name).is_none() {
                    p.push(
                        format!("{at}.stages[{k}]"),
                        format!("no stage is called {name:?}"),
                    );
                } else if !seen.insert(name) {
                    p.push(
                        format!("{at}.stages[{k}]"),
                        format!("{name:?} is listed twice"),
                    );
                }
            }
        }
        p.classes(self);
        if p.0.is_empty() {
            Ok(())
        } else {
            Err(ScenarioError { problems: p.0 })
        }
    }
}
