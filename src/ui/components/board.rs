//! The kanban board: one column per stage, between the backlog and done. Items are tokens
//! that glide between places at low speeds; at high speeds the board shows counts instead.

use crate::sim::{BoardSnapshot, Place, StageBoard, Token};
use std::rc::Rc;
use yew::prelude::*;

/// Tokens shown per section of a column.
pub const TOKENS: usize = 10;
const PER_ROW: usize = 5;
/// Vertical offset (px) of the first section's token area inside the token layer.
const SECTION_TOP: usize = 24;
/// Height of a section (px; the CSS `--section`).
const SECTION_PX: usize = 78;

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

/// A token placed on the board.
struct Placed {
    item: u64,
    column: usize,
    section: usize,
    slot: usize,
    /// The state it shows (working, finished, held, blocked, done).
    state: &'static str,
    /// Its class of service, when the scenario has classes.
    class: Option<u8>,
}

/// The sections of every stage column, top to bottom: the expedite lane when a class is
/// WIP-exempt, then waiting, in progress, finished, and blocked when a stage has blockers.
#[derive(Clone, Copy)]
struct Layout {
    lane: bool,
    blocked: bool,
}

impl Layout {
    fn of(b: &BoardSnapshot) -> Layout {
        Layout {
            lane: b.classes.iter().any(|c| c.exempt),
            blocked: b.stages.iter().any(|s| s.blockers),
        }
    }

    /// Row of the waiting section (the lane, if any, is row 0).
    fn waiting(self) -> usize {
        usize::from(self.lane)
    }

    fn rows(self) -> usize {
        3 + usize::from(self.lane) + usize::from(self.blocked)
    }
}

fn place(
    out: &mut Vec<Placed>,
    items: &[Token],
    (column, section): (usize, usize),
    state: &'static str,
    classes: bool,
) {
    for (slot, t) in items.iter().take(TOKENS).enumerate() {
        out.push(Placed {
            item: t.id,
            column,
            section,
            slot,
            state,
            class: classes.then_some(t.class),
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
        <div class={classes!("board-section", (label == "Expedite lane").then_some("lane"), (label == "Blocked").then_some("blocked-section"))}>
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

fn stage_column(
    i: usize,
    st: &StageBoard,
    bottleneck: bool,
    animate: bool,
    layout: Layout,
) -> Html {
    let limit = st
        .wip_limit
        .map_or("no limit".into(), |l| format!("limit {l}"));
    let finished_note = if st.waiting_for_room {
        html! { <span class="flag held" title="Finished work is waiting for room: the next column is full.">{ "no room" }</span> }
    } else if let Some(every) = st.release_every {
        html! { <span class="flag" title={format!("Finished items wait for the release train, every {every} d.")}>{ format!("release every {every} d") }</span> }
    } else if st.batch_size > 1 {
        let (filled, size) = (st.finished_len % st.batch_size as usize, st.batch_size);
        html! { <span class="flag" title={format!("Finished items move on together once the batch is full: {filled} of {size}.")}>{ format!("batch {filled}/{size}") }</span> }
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
                    if st.blocked_total > 0 { <span class="flag blocked-flag" data-blocked={st.blocked_total.to_string()} title="Items blocked here: they keep their place in WIP while their worker takes other work.">{ format!("{} blocked", st.blocked_total) }</span> }
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
            if layout.lane { { section("Expedite lane", st.expedite_len, animate, html! {}) } }
            { section("Waiting", st.waiting_len, animate, html! {}) }
            { section("In progress", st.working_len, animate, html! {}) }
            { section("Finished", st.finished_len, animate, finished_note) }
            if layout.blocked { { section("Blocked", st.blocked_len, animate, html! {}) } }
        </div>
    }
}

/// The key that says what each class's shape and colour mean, and which are in the lane.
fn class_key(b: &BoardSnapshot) -> Html {
    if b.classes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="class-key" aria-label="Classes of service">
            { for b.classes.iter().enumerate().map(|(c, class)| html! {
                <li data-class={class.name.clone()}>
                    <span class={classes!("token", "sample", format!("class-{c}"))} aria-hidden="true"></span>
                    { class.name.clone() }
                    <span class="key-count">{ format!("· {} in process", class.wip) }</span>
                    if class.exempt { <span class="flag lane-flag" title="WIP-exempt: enters full columns and moves on alone, in the expedite lane; still counted in WIP.">{ "expedite lane" }</span> }
                </li>
            }) }
            <li class="key-note">{ "Faded: waiting · ! blocked" }</li>
        </ul>
    }
}

/// The board.
#[function_component(Board)]
pub fn board(props: &BoardProps) -> Html {
    let b = &props.board;
    let columns = b.stages.len() + 2;
    let layout = Layout::of(b);
    let classes = !b.classes.is_empty();
    let w = layout.waiting();
    let mut tokens = Vec::new();
    if props.animate {
        place(&mut tokens, &b.backlog, (0, w), "", classes);
        for (i, st) in b.stages.iter().enumerate() {
            let c = i + 1;
            for (slot, t) in st.expedite.iter().take(TOKENS).enumerate() {
                let state = match t.place {
                    Place::Waiting => "lane-waiting",
                    Place::Blocked => "blocked",
                    Place::Finished => "finished",
                    _ => "working",
                };
                tokens.push(Placed {
                    item: t.id,
                    column: c,
                    section: 0,
                    slot,
                    state,
                    class: Some(t.class),
                });
            }
            place(&mut tokens, &st.waiting, (c, w), "", classes);
            place(&mut tokens, &st.working, (c, w + 1), "working", classes);
            let finished = if st.waiting_for_room {
                "held"
            } else {
                "finished"
            };
            place(&mut tokens, &st.finished, (c, w + 2), finished, classes);
            place(&mut tokens, &st.blocked, (c, w + 3), "blocked", classes);
        }
        // Done tokens keep their slot (completion number mod TOKENS) so only the new one moves.
        let first = b.done - b.recent_done.len() as u64;
        for (k, t) in b.recent_done.iter().enumerate().rev().take(TOKENS) {
            let slot = ((first + k as u64) % TOKENS as u64) as usize;
            tokens.push(Placed {
                item: t.id,
                column: columns - 1,
                section: w,
                slot,
                state: "done",
                class: classes.then_some(t.class),
            });
        }
    }
    tokens.sort_by_key(|t| t.item);
    let width = 100.0 / columns as f64;
    let cap = b
        .wip_limit
        .map_or(String::new(), |c| format!(" · system limit {c}"));
    // The backlog and done columns line up with the waiting row.
    let spacer = |n: usize| -> Html {
        (0..n)
            .map(|_| html! { <div class="board-section spacer"></div> })
            .collect()
    };
    html! {
        <section class={classes!("board", (!props.animate).then_some("counts-only"), classes.then_some("with-classes"))} aria-label="Board"
            tabindex="0" style={format!("--columns: {columns}; --rows: {}", layout.rows())}>
            { class_key(b) }
            <div class="board-inner">
            <div class="board-columns">
                <div class="board-column backlog" data-column="Backlog">
                    <header class="column-head">
                        <h4>{ "Backlog" }</h4>
                        <div class="column-meta"><span class="wip">{ format!("{} waiting to start{cap}", b.backlog_len) }</span></div>
                    </header>
                    { spacer(w) }
                    { section("Requested", b.backlog_len, props.animate, html! {}) }
                </div>
                { for b.stages.iter().enumerate().map(|(i, st)| stage_column(i, st, props.bottleneck == Some(i), props.animate, layout)) }
                <div class="board-column done" data-column="Done">
                    <header class="column-head">
                        <h4>{ "Done" }</h4>
                        <div class="column-meta"><span class="wip" data-done={b.done.to_string()}>{ format!("{} items", b.done) }</span></div>
                    </header>
                    { spacer(w) }
                    // The latest items as tokens; as a count it would only say how many tokens
                    // are kept (the header has the number done).
                    if props.animate { { section("Latest", b.recent_done.len().min(TOKENS), true, html! {}) } }
                </div>
            </div>
            <div class="token-layer" aria-hidden="true">
                { for tokens.iter().map(|t| {
                    // Steps of `--tok` (the CSS narrows the tokens when the columns are narrow).
                    let left = format!("calc({:.4}% + 10px + {} * var(--tok))", t.column as f64 * width, t.slot % PER_ROW);
                    let top = format!("calc({}px + {} * var(--tok))", SECTION_TOP + t.section * SECTION_PX, t.slot / PER_ROW);
                    let class = t.class.map(|c| format!("class-{c}"));
                    html! {
                        <span key={t.item} class={classes!("token", t.state, class)} style={format!("left:{left};top:{top}")}
                            title={format!("Item {}", t.item + 1)}></span>
                    }
                }) }
            </div>
            </div>
        </section>
    }
}
