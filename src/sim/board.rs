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
    /// Number of items blocked.
    pub blocked_len: usize,
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
}

impl Simulation {
    /// Where everything is now, listing at most `tokens` item numbers per section.
    pub fn board(&self, tokens: usize) -> BoardSnapshot {
        let token = |slot: u32| {
            let item = &self.items[slot as usize];
            Token {
                id: item.id,
                class: item.class,
            }
        };
        let ids = |slots: &mut dyn Iterator<Item = &u32>| -> Vec<Token> {
            slots.take(tokens).map(|&s| token(s)).collect()
        };
        let order = &self.classes.order;
        let stages = self
            .stages
            .iter()
            .enumerate()
            .map(|(s, st)| {
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
                    working.extend(w.tasks.iter().map(|t| token(t.item)));
                }
                let working_len = working.len();
                working.truncate(tokens);
                let p = &self.params[s];
                StageBoard {
                    name: self.scenario.stages[s].name.clone(),
                    waiting: ids(&mut st.queue.iter(order)),
                    waiting_len: st.queue.len(),
                    working,
                    working_len,
                    finished: ids(&mut st.outbox.iter()),
                    finished_len: st.outbox.len(),
                    blocked: ids(&mut st.blocked.iter()),
                    blocked_len: st.blocked.len(),
                    wip: st.wip,
                    wip_limit: p.wip_limit,
                    full: p.wip_limit.is_some_and(|l| st.wip >= l),
                    waiting_for_room: st.counters.held.value > 0.0,
                    batch_size: p.batch,
                    release_every: p.release_every,
                    workers,
                }
            })
            .collect();
        let recent: Vec<Token> = self
            .completions_since(self.sys.completed.saturating_sub(tokens as u64))
            .map(|c| Token {
                id: c.item,
                class: c.class,
            })
            .collect();
        BoardSnapshot {
            time: self.now,
            backlog: ids(&mut self.backlog.iter(order)),
            backlog_len: self.backlog.len(),
            wip_limit: self.scenario.wip_limit,
            wip: self.sys.wip.value as u32,
            stages,
            done: self.sys.completed,
            recent_done: recent,
            idle_generalists: self.idle_generalists.len() as u32,
        }
    }
}
