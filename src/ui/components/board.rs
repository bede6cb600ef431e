//! The kanban board: one column per stage, between the backlog and done. Items are tokens
//! that glide between places at low speeds; at high speeds the board shows counts instead.

use crate::sim::{BoardSnapshot, StageBoard};
use std::rc::Rc;
use yew::prelude::*;

/// Tokens shown per section of a column.
pub const TOKENS: usize = 10;
const PER_ROW: usize = 5;
const TOKEN_PX: usize = 22;
/// Vertical offsets (px) of the three sections' token areas inside the token layer.
const SECTION_TOP: [usize; 3] = [24, 102, 180];

/// Properties of [`Board`].
#[derive(Properties, PartialEq)]
pub struct BoardProps {
    /// Where everything is.
    pub board: Rc<BoardSnapshot>,
    /// Animate tokens (low speeds) or show counts only (high speeds).
    pub animate: bool,
    /// The bottleneck named in this frame's summary (the one every view shows).
    #[prop_or_default]
    pub bottleneck: Option<usize>,
}

struct Token {
    item: u64,
    column: usize,
    section: usize,
    slot: usize,
    class: &'static str,
}

fn place(out: &mut Vec<Token>, items: &[u64], column: usize, section: usize, class: &'static str) {
    for (slot, &item) in items.iter().take(TOKENS).enumerate() {
        out.push(Token {
            item,
            column,
            section,
            slot,
            class,
        });
    }
}

fn count_badge(shown: usize, total: usize) -> Html {
    if total > shown {
        html! { <span class="more">{ format!("+{}", total - shown) }</span> }
    } else {
        html! {}
    }
}

fn section(label: &str, total: usize, animate: bool, note: Html) -> Html {
    let shown = if animate { total.min(TOKENS) } else { 0 };
    html! {
        <div class="board-section">
            <div class="section-label"><span>{ label }</span>{ note }</div>
            <div class="section-body">
                if animate { { count_badge(shown, total) } } else { <span class="section-count">{ total }</span> }
            </div>
        </div>
    }
}

/// What the worker dots show, for screen readers: "3 workers, 1 busy".
fn workers_label(st: &StageBoard) -> String {
    let n = st.workers.len();
    let busy = st.workers.iter().filter(|w| w.tasks > 0).count();
    format!("{n} worker{}, {busy} busy", if n == 1 { "" } else { "s" })
}

fn stage_column(i: usize, st: &StageBoard, bottleneck: bool, animate: bool) -> Html {
    let limit = st
        .wip_limit
        .map_or("no limit".into(), |l| format!("limit {l}"));
    let finished_note = if st.blocked {
        html! { <span class="flag blocked" title="Finished work cannot move on: the next column is full.">{ "blocked" }</span> }
    } else if let Some(every) = st.release_every {
        html! { <span class="flag" title="Finished items wait for the release train.">{ format!("release every {every} d") }</span> }
    } else if st.batch_size > 1 {
        html! { <span class="flag" title="Finished items move on together once the batch is full.">{ format!("batch {}/{}", st.finished_len % st.batch_size as usize, st.batch_size) }</span> }
    } else {
        html! {}
    };
    html! {
        <div class={classes!("board-column", st.full.then_some("full"), bottleneck.then_some("bottleneck"))}
            data-column={st.name.clone()} data-index={i.to_string()}>
            <header class="column-head">
                <h4 title={st.name.clone()}>{ st.name.clone() }</h4>
                <div class="column-meta">
                    <span class="wip" data-wip={st.wip.to_string()} title="Items in this column / its WIP limit">
                        { format!("WIP {}", st.wip) }<span class="limit" data-limit={st.wip_limit.map(|l| l.to_string()).unwrap_or_default()}>{ format!(" · {limit}") }</span>
                    </span>
                    if st.full { <span class="flag full-flag" title="At its WIP limit: the column before holds its finished work.">{ "full" }</span> }
                    if bottleneck { <span class="flag bottleneck-flag" title="The stage that limits throughput now.">{ "bottleneck" }</span> }
                </div>
                <div class="workers" role="img" aria-label={workers_label(st)}>
                    { for st.workers.iter().map(|w| html! {
                        <span class={classes!("worker", (w.tasks > 0).then_some("busy"), w.generalist.then_some("generalist"), w.leaving.then_some("leaving"))}
                            title={format!("{}{}{}", if w.generalist { "Generalist" } else { "Worker" },
                                if w.tasks > 0 { format!(", busy with {} item{}", w.tasks, if w.tasks == 1 { "" } else { "s" }) } else { ", idle".into() },
                                if w.leaving { ", leaving" } else { "" })}></span>
                    }) }
                </div>
            </header>
            { section("Waiting", st.waiting_len, animate, html! {}) }
            { section("In progress", st.working_len, animate, html! {}) }
            { section("Finished", st.finished_len, animate, finished_note) }
        </div>
    }
}

/// The board.
#[function_component(Board)]
pub fn board(props: &BoardProps) -> Html {
    let b = &props.board;
    let columns = b.stages.len() + 2;
    let mut tokens = Vec::new();
    if props.animate {
        place(&mut tokens, &b.backlog, 0, 0, "");
        for (i, st) in b.stages.iter().enumerate() {
            place(&mut tokens, &st.waiting, i + 1, 0, "");
            place(&mut tokens, &st.working, i + 1, 1, "working");
            place(
                &mut tokens,
                &st.finished,
                i + 1,
                2,
                if st.blocked { "blocked" } else { "finished" },
            );
        }
        // Done tokens keep their slot (completion number mod TOKENS) so only the new one moves.
        let first = b.done - b.recent_done.len() as u64;
        for (k, &item) in b.recent_done.iter().enumerate().rev().take(TOKENS) {
            let slot = ((first + k as u64) % TOKENS as u64) as usize;
            tokens.push(Token {
                item,
                column: columns - 1,
                section: 0,
                slot,
                class: "done",
            });
        }
    }
    tokens.sort_by_key(|t| t.item);
    let width = 100.0 / columns as f64;
    let cap = b
        .wip_limit
        .map_or(String::new(), |c| format!(" · system limit {c}"));
    html! {
        <section class={classes!("board", (!props.animate).then_some("counts-only"))} aria-label="Board"
            style={format!("--columns: {columns}")}>
            <div class="board-inner">
            <div class="board-columns">
                <div class="board-column backlog" data-column="Backlog">
                    <header class="column-head">
                        <h4>{ "Backlog" }</h4>
                        <div class="column-meta"><span class="wip">{ format!("{} waiting to start{cap}", b.backlog_len) }</span></div>
                    </header>
                    { section("Requested", b.backlog_len, props.animate, html! {}) }
                </div>
                { for b.stages.iter().enumerate().map(|(i, st)| stage_column(i, st, props.bottleneck == Some(i), props.animate)) }
                <div class="board-column done" data-column="Done">
                    <header class="column-head">
                        <h4>{ "Done" }</h4>
                        <div class="column-meta"><span class="wip" data-done={b.done.to_string()}>{ format!("{} items", b.done) }</span></div>
                    </header>
                    { section("Latest", b.recent_done.len().min(TOKENS), props.animate, html! {}) }
                </div>
            </div>
            <div class="token-layer" aria-hidden="true">
                { for tokens.iter().map(|t| {
                    let left = format!("calc({:.4}% + {}px)", t.column as f64 * width, 10 + (t.slot % PER_ROW) * TOKEN_PX);
                    let top = SECTION_TOP[t.section] + (t.slot / PER_ROW) * TOKEN_PX;
                    html! {
                        <span key={t.item} class={classes!("token", t.class)} style={format!("left:{left};top:{top}px")}
                            title={format!("Item {}", t.item + 1)}></span>
                    }
                }) }
            </div>
            </div>
        </section>
    }
}
