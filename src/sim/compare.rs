//! Comparing two runs, as the A/B table shows them: which measures, their change, and whether
//! the change is more than two runs of this length differ by chance.
//!
//! The rows follow what a comparison can honestly show:
//! - throughput, lead time p50 and p85, WIP and the items done; where every request was in a
//!   backlog at day 0, lead time only counts the days since then, so the day each run had done
//!   its whole backlog stands in its place (once one has);
//! - cycle time p50 and p85 once either run's cycle time differs from its lead time (requests
//!   wait in a backlog before work starts); otherwise they would repeat the lead-time rows;
//! - flow efficiency, and the failure load (the share of work that was rework) where either
//!   run has rework;
//! - with several classes of service, each class's throughput and lead time p85 (the class's
//!   service-level expectation). The totals then mix classes whose mix a variant may change
//!   (incidents counted as throughput), so they are not judged better or worse; nor is a
//!   class's throughput, which mostly follows that class's demand.

use super::{ClassSummary, Simulation, Summary};

/// Two runs of a few hundred days on the same seed differ by this share by chance: smaller
/// changes are judged [`Verdict::Same`].
pub const NOISE: f64 = 0.05;

/// Workshop mode reveals a comparison once each run has finished this many items since its
/// warm-up (or is over): with 400, a run's throughput is known to about ±5 % (one standard
/// error of a count of 400), the change the A/B table leaves uncoloured as chance ([`NOISE`]).
pub const SETTLED_ITEMS: u64 = 400;

/// Whether `s` has its statistics and [`SETTLED_ITEMS`] items done in them, or its run is
/// over (`finished`: a backlog all done).
pub fn settled(s: &Summary, finished: bool) -> bool {
    s.has_stats() && (s.completed >= SETTLED_ITEMS || finished)
}

/// How B compares with A on one measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Better by more than [`NOISE`].
    Better,
    /// Worse by more than [`NOISE`].
    Worse,
    /// Within [`NOISE`], not comparable (a value missing or zero in A), or not judged.
    Same,
}

/// Which way a measure is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    /// More is better (throughput, items done).
    Higher,
    /// Less is better (lead time, WIP).
    Lower,
    /// Not judged: the row mixes what a variant may change (totals across classes), or
    /// follows demand (a class's throughput).
    Neither,
}

/// One measure of an A/B comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The measure's name, as the table's row header.
    pub name: String,
    /// What it means, in a sentence.
    pub help: &'static str,
    /// A's value, `None` before it has one.
    pub a: Option<f64>,
    /// B's value.
    pub b: Option<f64>,
    /// Unit written after the value ("" for a count).
    pub unit: &'static str,
    /// Decimals the value is written with.
    pub decimals: usize,
    /// The relative change (B − A) ÷ A, when both values exist and A is not zero.
    pub change: Option<f64>,
    /// Whether the change is better, worse or the same.
    pub verdict: Verdict,
    /// Which way the measure is better.
    pub better: Better,
    /// Whether the row belongs to one class of service (shown under "By class of service",
    /// before the totals of all classes together).
    pub class: bool,
}

impl Row {
    fn new(name: impl Into<String>, help: &'static str, (a, b): (Option<f64>, Option<f64>)) -> Row {
        Row {
            name: name.into(),
            help,
            a,
            b,
            unit: " d",
            decimals: 2,
            change: None,
            verdict: Verdict::Same,
            better: Better::Neither,
            class: false,
        }
    }

    fn unit(mut self, unit: &'static str, decimals: usize) -> Row {
        self.unit = unit;
        self.decimals = decimals;
        self
    }

    fn of_a_class(mut self) -> Row {
        self.class = true;
        self
    }

    /// Works out the change and judges it.
    fn judged(mut self, better: Better) -> Row {
        self.better = better;
        self.change = match (self.a, self.b) {
            (Some(a), Some(b)) if a.abs() > 1e-12 => Some((b - a) / a),
            _ => None,
        };
        self.verdict = match (self.change, better) {
            (Some(r), Better::Higher) if r > NOISE => Verdict::Better,
            (Some(r), Better::Higher) if r < -NOISE => Verdict::Worse,
            (Some(r), Better::Lower) if r < -NOISE => Verdict::Better,
            (Some(r), Better::Lower) if r > NOISE => Verdict::Worse,
            _ => Verdict::Same,
        };
        self
    }
}

/// Runs whose every request was in a backlog at day 0
/// ([`Scenario::backlog_only`](crate::sim::Scenario::backlog_only)): whether each is over (its
/// backlog all done).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Backlog {
    /// Run A is over.
    pub a_over: bool,
    /// Run B is over.
    pub b_over: bool,
}

impl Backlog {
    /// For runs `a` and `b` at the moments shown: `Some` when every request of both was in a
    /// day-0 backlog, saying which is over.
    pub fn of(a: &Simulation, b: &Simulation) -> Option<Backlog> {
        [a, b]
            .iter()
            .all(|s| s.scenario().backlog_only().is_some())
            .then(|| Backlog {
                a_over: a.is_finished(),
                b_over: b.is_finished(),
            })
    }
}

/// Whether the comparison has cycle-time rows: either run's cycle time differs from its lead
/// time (otherwise those rows would repeat the lead-time ones).
pub fn shows_cycle_time(a: &Summary, b: &Summary) -> bool {
    let differs =
        |s: &Summary| s.cycle_time.p50 != s.lead_time.p50 || s.cycle_time.p85 != s.lead_time.p85;
    differs(a) || differs(b)
}

/// The rows comparing B with A (the bottleneck, a name rather than a number, is not one).
/// With `backlog` (every request in a day-0 backlog) lead time only counts the days since day
/// 0, so instead of its rows the table says on which day each run had done its whole backlog,
/// once one has.
pub fn rows(a: &Summary, b: &Summary, backlog: Option<Backlog>) -> Vec<Row> {
    // Before the statistics cover any time (day 0, the warm-up) the period's measures are
    // empty, not 0. Both variants share one clock and warm-up.
    let stats = a.has_stats();
    let stat = |f: fn(&Summary) -> f64| (stats.then(|| f(a)), stats.then(|| f(b)));
    let several = a.classes.len() > 1 || b.classes.len() > 1;
    let (higher, lower) = if several {
        (Better::Neither, Better::Neither)
    } else {
        (Better::Higher, Better::Lower)
    };
    let mut rows = vec![
        Row::new("Throughput", "Items done per day", stat(|s| s.throughput))
            .unit(" /day", 2)
            .judged(higher),
    ];
    match backlog {
        None => rows.extend([
            Row::new(
                "Lead time p50",
                "Half of the items took at most this long, request to done",
                (a.lead_time.p50, b.lead_time.p50),
            )
            .judged(lower),
            Row::new(
                "Lead time p85",
                "85 % of the items took at most this long, request to done",
                (a.lead_time.p85, b.lead_time.p85),
            )
            .judged(lower),
        ]),
        Some(Backlog { a_over, b_over }) if a_over || b_over => rows.push(
            Row::new(
                "All done on day",
                "The day the last item of the backlog was done (every request was made on day 0)",
                (
                    a.last_completion.filter(|_| a_over),
                    b.last_completion.filter(|_| b_over),
                ),
            )
            .unit("", 1)
            .judged(lower),
        ),
        Some(_) => {}
    }
    if shows_cycle_time(a, b) {
        rows.push(
            Row::new(
                "Cycle time p50",
                "Half of the items took at most this long from the start of work to done",
                (a.cycle_time.p50, b.cycle_time.p50),
            )
            .judged(lower),
        );
        rows.push(
            Row::new(
                "Cycle time p85",
                "85 % of the items took at most this long from the start of work to done",
                (a.cycle_time.p85, b.cycle_time.p85),
            )
            .judged(lower),
        );
    }
    rows.push(
        Row::new(
            "Flow efficiency",
            "Time items were worked ÷ their lead time; the rest of it they waited",
            (pct(a.flow_efficiency), pct(b.flow_efficiency)),
        )
        .unit(" %", 0)
        .judged(higher),
    );
    // Only where work is found defective: otherwise 0 % against 0 %.
    if a.failure_load.unwrap_or(0.0) > 0.0 || b.failure_load.unwrap_or(0.0) > 0.0 {
        rows.push(
            Row::new(
                "Failure load",
                "Share of the work spent on items after they were found defective (rework)",
                (pct(a.failure_load), pct(b.failure_load)),
            )
            .unit(" %", 0)
            .judged(lower),
        );
    }
    rows.push(
        Row::new(
            "WIP (mean)",
            "Items started and not finished, on average",
            stat(|s| s.wip_mean),
        )
        .unit("", 2)
        .judged(lower),
    );
    rows.push(
        Row::new(
            a.done_label(),
            "Items done so far (after the warm-up; the boards count every item)",
            stat(|s| s.completed as f64),
        )
        .unit("", 0)
        .judged(higher),
    );
    if several {
        rows.extend(class_rows(a, b, stats));
    }
    rows
}

/// A share as a percentage.
fn pct(share: Option<f64>) -> Option<f64> {
    share.map(|x| 100.0 * x)
}

/// Each class's throughput and lead time p85, in the order A names the classes (then any only
/// B has).
fn class_rows(a: &Summary, b: &Summary, stats: bool) -> Vec<Row> {
    let mut names: Vec<&str> = a.classes.iter().map(|c| c.name.as_str()).collect();
    for c in &b.classes {
        if !names.contains(&c.name.as_str()) {
            names.push(&c.name);
        }
    }
    fn of<'s>(s: &'s Summary, name: &str) -> Option<&'s ClassSummary> {
        s.classes.iter().find(|c| c.name == name)
    }
    let throughput = |c: Option<&ClassSummary>| stats.then(|| c.map_or(0.0, |c| c.throughput));
    let p85 = |c: Option<&ClassSummary>| c.and_then(|c| c.lead_time.p85);
    let mut rows = Vec::new();
    for name in names {
        let (ca, cb) = (of(a, name), of(b, name));
        rows.push(
            Row::new(
                format!("{name} throughput"),
                "Items of this class done per day: mostly the class's demand, so not judged",
                (throughput(ca), throughput(cb)),
            )
            .unit(" /day", 2)
            .judged(Better::Neither)
            .of_a_class(),
        );
        rows.push(
            Row::new(
                format!("{name} lead time p85"),
                "85 % of this class's items took at most this long: the class's service-level expectation",
                (p85(ca), p85(cb)),
            )
            .judged(Better::Lower)
            .of_a_class(),
        );
    }
    rows
}
