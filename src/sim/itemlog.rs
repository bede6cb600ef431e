//! The optional per-item log: every item's arrival, start and completion, and every stage
//! visit's entry, start of work, finish and departure.

use super::scenario::Scenario;
use std::fmt::Write;

/// Times of one item (NaN where it has not happened yet).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ItemRow {
    /// When it was requested.
    pub arrival: f64,
    /// When it entered the first stage.
    pub start: f64,
    /// When it left the last stage.
    pub done: f64,
    /// Its class of service: an index into the scenario's classes (0 when it has none).
    pub class: u8,
}

/// One visit of an item to a stage (NaN where it has not happened yet).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VisitRow {
    /// The item's sequence number.
    pub item: u64,
    /// Stage index.
    pub stage: u16,
    /// 0 for the first pass, 1 after the first defect, and so on.
    pub visit: u32,
    /// Entered the stage.
    pub enter: f64,
    /// A worker started it.
    pub start: f64,
    /// Work finished.
    pub finish: f64,
    /// Left the stage.
    pub leave: f64,
}

/// The log of a run, in order of arrival and of stage entry.
#[derive(Clone, Debug)]
pub struct ItemLog {
    stage_names: Vec<String>,
    /// The scenario's class names, by index; empty when it has no classes.
    class_names: Vec<String>,
    /// One row per item, indexed by the item's sequence number.
    pub items: Vec<ItemRow>,
    /// One row per stage visit, in order of entry.
    pub visits: Vec<VisitRow>,
    /// Items with a sequence number from this on are not logged.
    limit: u64,
    /// Whether items arrived that were not logged because of the limit.
    truncated: bool,
}

impl ItemLog {
    pub(crate) fn new(scenario: &Scenario, limit: u64) -> Self {
        ItemLog {
            stage_names: scenario.stages.iter().map(|s| s.name.clone()).collect(),
            class_names: scenario.classes.iter().map(|c| c.name.clone()).collect(),
            items: Vec::new(),
            visits: Vec::new(),
            limit,
            truncated: false,
        }
    }

    /// The names of the scenario's stages, in order (visits name stages by index).
    pub fn stage_names(&self) -> &[String] {
        &self.stage_names
    }

    /// True when later items were not logged because the log reached its limit.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    pub(crate) fn arrive(&mut self, id: u64, class: u8, t: f64) {
        if id >= self.limit {
            self.truncated = true;
            return;
        }
        let id = id as usize;
        if self.items.len() <= id {
            self.items.resize(
                id + 1,
                ItemRow {
                    arrival: f64::NAN,
                    start: f64::NAN,
                    done: f64::NAN,
                    class: 0,
                },
            );
        }
        self.items[id].arrival = t;
        self.items[id].class = class;
    }

    pub(crate) fn start(&mut self, id: u64, t: f64) {
        if let Some(row) = self.items.get_mut(id as usize) {
            row.start = t;
        }
    }

    pub(crate) fn done(&mut self, id: u64, t: f64) {
        if let Some(row) = self.items.get_mut(id as usize) {
            row.done = t;
        }
    }

    pub(crate) fn enter(&mut self, item: u64, stage: usize, visit: u32, t: f64) -> u32 {
        if item >= self.limit {
            return u32::MAX;
        }
        self.visits.push(VisitRow {
            item,
            stage: stage as u16,
            visit,
            enter: t,
            start: f64::NAN,
            finish: f64::NAN,
            leave: f64::NAN,
        });
        (self.visits.len() - 1) as u32
    }

    fn visit(&mut self, row: u32) -> Option<&mut VisitRow> {
        self.visits.get_mut(row as usize)
    }

    pub(crate) fn work_start(&mut self, row: u32, t: f64) {
        if let Some(v) = self.visit(row) {
            v.start = t;
        }
    }

    pub(crate) fn finish(&mut self, row: u32, t: f64) {
        if let Some(v) = self.visit(row) {
            v.finish = t;
        }
    }

    pub(crate) fn leave(&mut self, row: u32, t: f64) {
        if let Some(v) = self.visit(row) {
            v.leave = t;
        }
    }

    /// A checksum of every timestamp (FNV-1a over the bit patterns): equal logs, equal sums.
    pub fn checksum(&self) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |x: u64| {
            for b in x.to_le_bytes() {
                h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
            }
        };
        for r in &self.items {
            [r.arrival, r.start, r.done]
                .iter()
                .for_each(|t| eat(t.to_bits()));
        }
        for v in &self.visits {
            eat(v.item);
            eat(((v.stage as u64) << 32) | v.visit as u64);
            [v.enter, v.start, v.finish, v.leave]
                .iter()
                .for_each(|t| eat(t.to_bits()));
        }
        h
    }

    /// The log as CSV, one row per stage visit, with the item's own times repeated on each
    /// and, last, its class of service (empty when the scenario has no classes). Empty time
    /// cells mark what has not happened yet.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "item,arrival,start,done,stage,visit,enter,work_start,finish,leave,class\n",
        );
        let cell = |t: f64| {
            if t.is_nan() {
                String::new()
            } else {
                format!("{t}")
            }
        };
        for v in &self.visits {
            let r = self.items[v.item as usize];
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{}",
                v.item,
                cell(r.arrival),
                cell(r.start),
                cell(r.done),
                csv_text(&self.stage_names[v.stage as usize]),
                v.visit,
                cell(v.enter),
                cell(v.start),
                cell(v.finish),
                cell(v.leave),
                self.class_names
                    .get(r.class as usize)
                    .map_or(String::new(), |name| csv_text(name))
            );
        }
        out
    }
}

/// Quotes a CSV field when needed, and defuses text a spreadsheet would run as a formula.
pub fn csv_text(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One item's log, written by hand: arrival 1, started 2 at the first stage, done 3.5.
    fn one_item(limit: u64) -> ItemLog {
        let mut log = ItemLog::new(&Scenario::single_stage(), limit);
        log.arrive(0, 0, 1.0);
        let row = log.enter(0, 0, 0, 1.0);
        log.start(0, 2.0);
        log.work_start(row, 2.0);
        log.finish(row, 3.0);
        log.leave(row, 3.5);
        log.done(0, 3.5);
        log
    }

    #[test]
    fn the_csv_has_a_row_per_visit_and_blanks_for_what_has_not_happened() {
        let mut log = one_item(10);
        let row = log.enter(0, 0, 1, 4.0);
        log.work_start(row, 4.5);
        assert_eq!(
            log.to_csv(),
            format!(
                "item,arrival,start,done,stage,visit,enter,work_start,finish,leave,class\n\
                 0,1,2,3.5,{n},0,1,2,3,3.5,\n\
                 0,1,2,3.5,{n},1,4,4.5,,,\n",
                n = log.stage_names()[0]
            )
        );
    }

    #[test]
    fn the_checksum_covers_every_field() {
        // An empty log: FNV-1a's offset basis.
        let empty = ItemLog::new(&Scenario::single_stage(), 10);
        assert_eq!(empty.checksum(), 0xcbf2_9ce4_8422_2325);
        let base = one_item(10).checksum();
        assert_eq!(base, one_item(10).checksum());
        // Any one time, the item, the stage or the visit changed: another checksum.
        let changed: [fn(&mut ItemLog); 5] = [
            |l| l.items[0].done = 3.25,
            |l| l.visits[0].finish = 2.5,
            |l| l.visits[0].item = 1,
            |l| l.visits[0].stage = 1,
            |l| l.visits[0].visit = 1,
        ];
        for change in changed {
            let mut log = one_item(10);
            change(&mut log);
            assert_ne!(log.checksum(), base);
        }
        // Stage and visit are told apart (stage 1 visit 0 is not stage 0 visit 1).
        let mut a = one_item(10);
        a.visits[0].stage = 1;
        let mut b = one_item(10);
        b.visits[0].visit = 1;
        assert_ne!(a.checksum(), b.checksum());
        // Pinned: the native = wasm determinism checks compare this function's result across
        // builds, so its definition must not change unnoticed.
        assert_eq!(base, 0xa293_0fcd_b097_4b2d);
    }

    #[test]
    fn items_past_the_limit_are_not_logged_and_say_so() {
        let mut log = one_item(1);
        assert!(!log.truncated());
        log.arrive(1, 0, 5.0);
        assert!(log.truncated());
        assert_eq!(log.enter(1, 0, 0, 5.0), u32::MAX);
        // Updates to a row that was never written change nothing.
        log.work_start(u32::MAX, 6.0);
        log.start(1, 6.0);
        log.done(1, 7.0);
        assert_eq!((log.items.len(), log.visits.len()), (1, 1));
        assert_eq!(log.checksum(), one_item(1).checksum());
        // An item logged before those with smaller numbers leaves blanks (NaN) for them.
        let mut gaps = ItemLog::new(&Scenario::single_stage(), 10);
        gaps.arrive(2, 0, 5.0);
        assert_eq!(gaps.items.len(), 3);
        assert!(gaps.items[0].arrival.is_nan() && gaps.items[2].arrival == 5.0);
    }

    #[test]
    fn text_cells_are_quoted_and_defused() {
        assert_eq!(csv_text("Dev"), "Dev");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
        assert_eq!(csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_text("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_text("cr\rhere"), "\"cr\rhere\"");
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)"] {
            assert_eq!(csv_text(formula), format!("'{formula}"));
        }
        assert_eq!(csv_text("=a,b"), "\"'=a,b\"");
    }
}
