//! A snapshot of where every item and worker is, for drawing a kanban board.

use super::engine::Simulation;
use serde::Serialize;

/// A worker as the board shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct WorkerView {
    /// Items held now (0 when idle).
    pub tasks: u32,
    /// A T-shaped generalist (else a specialist of the stage).
    pub generalist: bool,
    /// Removed from the stage, finishing what it holds.
    pub leaving: bool,
}

/// An item as the board shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    /// The item's number (in order of arrival).
    pub id: u64,
    /// Its class of service (index into the scenario's classes; 0 without classes).
    pub class: u8,
    /// Where it is in its column: what the expedite lane shows of an item's state.
    pub place: Place,
}

/// Where an item is in a stage's column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// In the backlog or a stage's queue.
    Waiting,
    /// Being worked.
    Working,
    /// Finished, waiting to move on.
    Finished,
    /// Blocked.
    Blocked,
    /// Done.
    Done,
}

/// A class of service as the board shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassView {
    /// Class name.
    pub name: String,
    /// In the expedite lane: WIP limits do not hold it back.
    pub exempt: bool,
    /// Items of the class in process now.
    pub wip: u32,
}

/// One stage's column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageBoard {
    /// Stage name.
    pub name: String,
    /// Items waiting to be worked (first few, in the order they will be served).
    pub waiting: Vec<Token>,
    /// Number of items waiting.
    pub waiting_len: usize,
    /// Items being worked (first few), and how many there are.
    pub working: Vec<Token>,
    /// Number of items being worked.
    pub working_len: usize,
    /// Finished items waiting to move on: for their batch, the release, or room downstream.
    pub finished: Vec<Token>,
    /// Number of finished items waiting.
    pub finished_len: usize,
    /// Items blocked (blockers), first few; they keep their place in the stage's WIP.
    pub blocked: Vec<Token>,
    /// Number of items blocked (outside the expedite lane).
    pub blocked_len: usize,
    /// Number of items blocked in the column, the expedite lane included.
    pub blocked_total: usize,
    /// Items of WIP-exempt classes in the stage (the expedite lane), first few; they are not
    /// listed in the sections above.
    pub expedite: Vec<Token>,
    /// Number of items in the expedite lane.
    pub expedite_len: usize,
    /// The stage has blockers.
    pub blockers: bool,
    /// Items in the stage.
    pub wip: u32,
    /// The stage's WIP limit.
    pub wip_limit: Option<u32>,
    /// At or over its WIP limit.
    pub full: bool,
    /// A finished batch cannot move on because the next stage is full.
    pub waiting_for_room: bool,
    /// Batch size.
    pub batch_size: u32,
    /// Release cadence (days): finished items leave together every this many days.
    pub release_every: Option<f64>,
    /// The workers: the stage's specialists and generalists working here now.
    pub workers: Vec<WorkerView>,
}

/// The whole board.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoardSnapshot {
    /// Simulated time (days).
    pub time: f64,
    /// Requests not yet started (first few), and how many there are.
    pub backlog: Vec<Token>,
    /// Number of requests not yet started.
    pub backlog_len: usize,
    /// The system WIP cap.
    pub wip_limit: Option<u32>,
    /// Items in process.
    pub wip: u32,
    /// The columns.
    pub stages: Vec<StageBoard>,
    /// Items done since time 0.
    pub done: u64,
    /// The most recently done items (newest last, at most the token limit).
    pub recent_done: Vec<Token>,
    /// Idle generalists.
    pub idle_generalists: u32,
    /// The classes of service (empty without classes).
    pub classes: Vec<ClassView>,
}

/// Items of WIP-exempt classes gathered across a column's sections.
#[derive(Default)]
struct Lane {
    tokens: Vec<Token>,
    len: usize,
}

impl Simulation {
    fn token(&self, slot: u32, place: Place) -> Token {
        let item = &self.items[slot as usize];
        Token {
            id: item.id,
            class: item.class,
            place,
        }
    }

    /// The first `tokens` items of a section of `len` items, and how many there are; items of
    /// exempt classes go to `lane` instead (only scanned when a class is exempt).
    fn section<'a>(
        &self,
        slots: impl Iterator<Item = &'a u32>,
        (len, place): (usize, Place),
        tokens: usize,
        lane: &mut Lane,
    ) -> (Vec<Token>, usize) {
        if !self.classes.any_exempt {
            return (
                slots.take(tokens).map(|&s| self.token(s, place)).collect(),
                len,
            );
        }
        let mut out = Vec::new();
        let mut count = 0;
        for &slot in slots {
            let list = if self.classes.exempt[self.items[slot as usize].class as usize] {
                lane.len += 1;
                &mut lane.tokens
            } else {
                count += 1;
                &mut out
            };
            if list.len() < tokens {
                list.push(self.token(slot, place));
            }
        }
        (out, count)
    }

    /// Where everything is now, listing at most `tokens` item numbers per section.
    pub fn board(&self, tokens: usize) -> BoardSnapshot {
        let order = &self.classes.order;
        let mut stages = Vec::with_capacity(self.stages.len());
        for (s, st) in self.stages.iter().enumerate() {
            let mut working = Vec::new();
            let mut workers = Vec::new();
            for w in &self.workers {
                let here = w.home == Some(s as u16)
                    || w.tasks.first().is_some_and(|t| t.stage as usize == s);
                if !here || (!w.active && w.tasks.is_empty()) {
                    continue;
                }
                workers.push(WorkerView {
                    tasks: w.tasks.len() as u32,
                    generalist: w.home.is_none(),
                    leaving: !w.active,
                });
                working.extend(w.tasks.iter().map(|t| t.item));
            }
            let mut lane = Lane::default();
            let (waiting, waiting_len) = self.section(
                st.queue.iter(order),
                (st.queue.len(), Place::Waiting),
                tokens,
                &mut lane,
            );
            let (working, working_len) = self.section(
                working.iter(),
                (working.len(), Place::Working),
                tokens,
                &mut lane,
            );
            let (finished, finished_len) = self.section(
                st.outbox.iter(),
                (st.outbox.len(), Place::Finished),
                tokens,
                &mut lane,
            );
            let (blocked, blocked_len) = self.section(
                st.blocked.iter(),
                (st.blocked.len(), Place::Blocked),
                tokens,
                &mut lane,
            );
            let p = &self.params[s];
            stages.push(StageBoard {
                name: self.scenario.stages[s].name.clone(),
                waiting,
                waiting_len,
                working,
                working_len,
                finished,
                finished_len,
                blocked,
                blocked_len,
                blocked_total: st.blocked.len(),
                expedite: lane.tokens,
                expedite_len: lane.len,
                blockers: p.blockers.is_some(),
                wip: st.wip,
                wip_limit: p.wip_limit,
                full: p.wip_limit.is_some_and(|l| st.wip >= l),
                waiting_for_room: st.counters.held.value > 0.0,
                batch_size: p.batch,
                release_every: p.release_every,
                workers,
            });
        }
        let recent: Vec<Token> = self
            .completions_since(self.sys.completed.saturating_sub(tokens as u64))
            .map(|c| Token {
                id: c.item,
                class: c.class,
                place: Place::Done,
            })
            .collect();
        let mut backlog_lane = Lane::default();
        let (backlog, backlog_len) = self.section(
            self.backlog.iter(order),
            (self.backlog.len(), Place::Waiting),
            tokens,
            &mut backlog_lane,
        );
        let classes = self
            .scenario
            .classes
            .iter()
            .zip(&self.class_stats)
            .map(|(c, stats)| ClassView {
                name: c.name.clone(),
                exempt: c.wip_exempt,
                wip: stats.wip.value as u32,
            })
            .collect();
        BoardSnapshot {
            time: self.now,
            backlog,
            backlog_len: backlog_len + backlog_lane.len,
            wip_limit: self.scenario.wip_limit,
            wip: self.sys.wip.value as u32,
            stages,
            done: self.sys.completed,
            recent_done: recent,
            idle_generalists: self.idle_generalists.len() as u32,
            classes,
        }
    }
}
