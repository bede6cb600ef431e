//! One stage of the scenario editor: a summary line that opens into every option.

use super::dist_editor::{describe, DistEditor};
use super::edit::Editor;
use super::field::NumberField;
use super::text_field::TextField;
use crate::sim::{Blockers, Dist, Rework, Scenario};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`StageEditor`].
#[derive(Properties, PartialEq)]
pub struct StageEditorProps {
    /// The scenario and how to change it.
    pub editor: Editor,
    /// Which stage.
    pub index: usize,
    /// Whether the options are shown.
    pub open: bool,
    /// Opens or closes the options.
    pub on_toggle: Callback<usize>,
}

fn summary(s: &crate::sim::Stage) -> String {
    let mut parts = vec![
        format!(
            "{} worker{}",
            s.workers,
            if s.workers == 1 { "" } else { "s" }
        ),
        describe(&s.work),
    ];
    if let Some(l) = s.wip_limit {
        parts.push(format!("WIP ≤ {l}"));
    }
    if s.batch_size > 1 {
        parts.push(format!("batch {}", s.batch_size));
    }
    if let Some(r) = s.release_every {
        parts.push(format!("release every {r} d"));
    }
    if let Some(r) = &s.rework {
        parts.push(format!("{}% rework", (r.probability * 100.0).round()));
    }
    if s.multitask > 1 {
        parts.push(format!("{} items per worker", s.multitask));
    }
    if let Some(b) = &s.blockers {
        parts.push(format!("{}% blocked", (b.probability * 100.0).round()));
    }
    parts.join(" · ")
}

/// Renames stage `i` and every reference to it (rework targets, generalist pools).
fn rename(s: &mut Scenario, i: usize, name: String) {
    let old = std::mem::replace(&mut s.stages[i].name, name.clone());
    for st in &mut s.stages {
        if let Some(r) = &mut st.rework {
            if r.to == old {
                r.to = name.clone();
            }
        }
    }
    for g in &mut s.generalists {
        for n in &mut g.stages {
            if *n == old {
                *n = name.clone();
            }
        }
    }
}

/// Editor of one stage.
#[function_component(StageEditor)]
pub fn stage_editor(props: &StageEditorProps) -> Html {
    let i = props.index;
    let ed = &props.editor;
    let sc = &ed.scenario;
    let stage = &sc.stages[i];
    let at = |f: &str| format!("stages[{i}].{f}");
    let toggle = {
        let cb = props.on_toggle.clone();
        move |_| cb.emit(i)
    };
    let count = sc.stages.len();
    let move_up = ed.action::<MouseEvent>(move |s| s.stages.swap(i, i - 1));
    let move_down = ed.action::<MouseEvent>(move |s| s.stages.swap(i, i + 1));
    let remove = ed.action::<MouseEvent>(move |s| {
        let gone = s.stages.remove(i).name;
        for st in &mut s.stages {
            if st.rework.as_ref().is_some_and(|r| r.to == gone) {
                st.rework = None;
            }
        }
        for g in &mut s.generalists {
            g.stages.retain(|n| *n != gone);
        }
        s.generalists.retain(|g| !g.stages.is_empty());
    });
    let rework_target = {
        let cb = ed.field(at("rework.to"), move |s: &mut Scenario, to: String| {
            if let Some(r) = &mut s.stages[i].rework {
                r.to = to;
            }
        });
        move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value());
        }
    };
    let rework = stage.rework.clone();
    let blockers = stage.blockers.clone();
    let panel_id = format!("stage-options-{i}");
    html! {
        <li class={classes!("stage-card", props.open.then_some("open"))} data-stage={stage.name.clone()}>
            <div class="stage-head">
                <button class="stage-toggle" aria-expanded={props.open.to_string()} aria-controls={panel_id.clone()}
                    onclick={toggle} title="Show or hide this stage's options">
                    <span class="stage-index">{ i + 1 }</span>
                    <span class="stage-title">{ stage.name.clone() }</span>
                    <span class="stage-summary">{ summary(stage) }</span>
                </button>
                <div class="stage-actions">
                    <button class="icon-btn" aria-label={format!("Move {} up", stage.name)} disabled={i == 0} onclick={move_up}>{ "↑" }</button>
                    <button class="icon-btn" aria-label={format!("Move {} down", stage.name)} disabled={i + 1 == count} onclick={move_down}>{ "↓" }</button>
                    <button class="icon-btn danger" aria-label={format!("Remove {}", stage.name)} disabled={count == 1} onclick={remove}>{ "✕" }</button>
                </div>
            </div>
            if props.open {
                <div class="stage-options" id={panel_id}>
                    <TextField label="Name" name={at("name")} value={stage.name.clone()}
                        on_change={ed.field(at("name"), move |s: &mut Scenario, v: String| rename(s, i, v))} />
                    <div class="field-row">
                        <NumberField label="Workers" name={at("workers")} value={Some(stage.workers as f64)} integer=true max={500.0}
                            help="Specialists who work only in this stage."
                            on_change={ed.field(at("workers"), move |s: &mut Scenario, v: Option<f64>| s.stages[i].workers = v.unwrap_or(0.0) as u32)} />
                        <NumberField label="WIP limit" name={at("wip_limit")} value={stage.wip_limit.map(f64::from)} integer=true optional=true min={1.0}
                            placeholder="none" help="Most items in this column: waiting, in progress and finished. Empty: no limit."
                            on_change={ed.field(at("wip_limit"), move |s: &mut Scenario, v: Option<f64>| s.stages[i].wip_limit = v.map(|v| v as u32))} />
                    </div>
                    <DistEditor label="Work time per item" path={at("work")} dist={stage.work.clone()}
                        on_change={ed.field(at("work"), move |s: &mut Scenario, d: Dist| s.stages[i].work = d)} />
                    <div class="field-row">
                        <NumberField label="Batch size" name={at("batch_size")} value={Some(stage.batch_size as f64)} integer=true min={1.0} max={10000.0}
                            help="Finished items move on together once this many are finished."
                            on_change={ed.field(at("batch_size"), move |s: &mut Scenario, v: Option<f64>| s.stages[i].batch_size = v.unwrap_or(1.0) as u32)} />
                        <NumberField label="Set-up per batch" name={at("setup")} unit="days" step={0.1} optional=true placeholder="none"
                            value={stage.setup.as_ref().map(|d| d.mean())}
                            help="Time a worker spends before the first item of each batch."
                            on_change={ed.field(at("setup"), move |s: &mut Scenario, v: Option<f64>| s.stages[i].setup = v.filter(|v| *v > 0.0).map(|value| Dist::Constant { value }))} />
                    </div>
                    <div class="field-row">
                        <NumberField label="Release every" name={at("release_every")} unit="days" step={1.0} min={0.001} optional=true placeholder="at once"
                            value={stage.release_every} help="Finished items wait for a release train that leaves every this many days. Empty: each item moves on when ready."
                            on_change={ed.field(at("release_every"), move |s: &mut Scenario, v: Option<f64>| s.stages[i].release_every = v)} />
                        <NumberField label="Items per worker" name={at("multitask")} value={Some(stage.multitask as f64)} integer=true min={1.0} max={5.0}
                            help="Multitasking: items one worker holds at once. Weinberg: 2 items keep 80 % of the time for work, 3 keep 60 %."
                            on_change={ed.field(at("multitask"), move |s: &mut Scenario, v: Option<f64>| s.stages[i].multitask = v.unwrap_or(1.0) as u32)} />
                    </div>
                    <div class="field-row">
                        <NumberField label="Defects" name={at("rework.probability")} unit="%" step={1.0} max={99.0} optional=true placeholder="none"
                            value={rework.as_ref().map(|r| (r.probability * 100.0).round())}
                            help="Share of items found defective here and sent back for rework."
                            on_change={ed.field(at("rework.probability"), move |s: &mut Scenario, v: Option<f64>| {
                                let to = s.stages[i].rework.as_ref().map_or_else(|| s.stages[i].name.clone(), |r| r.to.clone());
                                s.stages[i].rework = v.filter(|p| *p > 0.0).map(|p| Rework { probability: p / 100.0, to });
                            })} />
                        if let Some(r) = &rework {
                            <div class="field">
                                <label for={format!("field-{}", at("rework.to"))}>{ "Rework goes back to" }</label>
                                <select id={format!("field-{}", at("rework.to"))} onchange={rework_target}>
                                    { for sc.stages[..=i].iter().map(|s| html! {
                                        <option value={s.name.clone()} selected={s.name == r.to}>{ s.name.clone() }</option>
                                    }) }
                                </select>
                            </div>
                        }
                    </div>
                    <div class="field-row">
                        <NumberField label="Blocked" name={at("blockers.probability")} unit="%" step={5.0} max={100.0} optional=true placeholder="never"
                            value={blockers.as_ref().map(|b| (b.probability * 1000.0).round() / 10.0)}
                            help="Share of items blocked once during their work here (waiting on someone). A blocked item keeps its place in WIP; its worker takes other work."
                            on_change={ed.field(at("blockers.probability"), move |s: &mut Scenario, v: Option<f64>| {
                                let duration = s.stages[i].blockers.as_ref().map_or(Dist::Exponential { mean: 1.0 }, |b| b.duration.clone());
                                s.stages[i].blockers = v.filter(|p| *p > 0.0).map(|p| Blockers { probability: p / 100.0, duration });
                            })} />
                        if let Some(b) = &blockers {
                            <NumberField label="A block lasts" name={at("blockers.duration")} unit="days" step={0.5} min={0.001}
                                value={Some(b.duration.mean())}
                                help="Mean length of a block; lengths vary at random (exponential)."
                                on_change={ed.field(at("blockers.duration"), move |s: &mut Scenario, v: Option<f64>| {
                                    if let Some(b) = &mut s.stages[i].blockers {
                                        b.duration = Dist::Exponential { mean: v.unwrap_or(0.0) };
                                    }
                                })} />
                        }
                    </div>
                </div>
            }
        </li>
    }
}
