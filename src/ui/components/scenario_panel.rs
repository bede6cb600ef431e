//! The scenario editor: arrivals, system WIP cap, seed, stages, generalists and classes of
//! service.

use super::edit::Editor;
use super::field::NumberField;
use super::stage_editor::StageEditor;
use super::text_field::TextField;
use crate::sim::{Arrival, Dist, Generalists, Scenario, Stage};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`ScenarioPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct ScenarioPanelProps {
    /// The scenario and how to change it.
    pub editor: Editor,
    /// Asks for a new seed (and a new run).
    pub on_new_seed: Callback<()>,
}

fn arrival_fields(ed: &Editor) -> Html {
    let a = &ed.scenario.arrival;
    let onchange = ed.field("arrival.type", |s: &mut Scenario, kind: String| {
        let rate = s.arrival.rate().max(0.1);
        let backlog = s.arrival.backlog();
        s.arrival = match kind.as_str() {
            "fixed" => Arrival::Fixed {
                interval: 1.0 / rate,
                backlog: 0,
            },
            "backlog" => Arrival::Backlog {
                count: backlog.max(20),
            },
            _ => Arrival::Poisson { rate, backlog: 0 },
        };
    });
    let kind = match a {
        Arrival::Poisson { .. } => "poisson",
        Arrival::Fixed { .. } => "fixed",
        Arrival::Backlog { .. } => "backlog",
    };
    let main = match *a {
        Arrival::Poisson { rate, .. } => html! {
            <NumberField label="Arrival rate" name="arrival.rate" value={Some(rate)} unit="per day" step={0.1} min={0.001} max={100000.0}
                help="Mean requests per day; the gaps between them are random (a Poisson process)."
                on_change={ed.field("arrival.rate", |s: &mut Scenario, v: Option<f64>| {
                    if let Arrival::Poisson { rate, .. } = &mut s.arrival { *rate = v.unwrap_or(0.0) }
                })} />
        },
        Arrival::Fixed { interval, .. } => html! {
            <NumberField label="One request every" name="arrival.interval" value={Some(interval)} unit="days" step={0.1} min={0.00001}
                on_change={ed.field("arrival.interval", |s: &mut Scenario, v: Option<f64>| {
                    if let Arrival::Fixed { interval, .. } = &mut s.arrival { *interval = v.unwrap_or(0.0) }
                })} />
        },
        Arrival::Backlog { count } => html! {
            <NumberField label="Requests at the start" name="arrival.count" value={Some(count as f64)} integer=true min={1.0} max={1000000.0}
                on_change={ed.field("arrival.count", |s: &mut Scenario, v: Option<f64>| {
                    if let Arrival::Backlog { count } = &mut s.arrival { *count = v.unwrap_or(0.0) as u32 }
                })} />
        },
    };
    let backlog = match *a {
        Arrival::Poisson { backlog, .. } | Arrival::Fixed { backlog, .. } => html! {
            <NumberField label="Backlog at the start" name="arrival.backlog" value={Some(backlog as f64)} integer=true max={1000000.0}
                help="Requests already waiting at day 0 (applies from the next reset)."
                on_change={ed.field("arrival.backlog", |s: &mut Scenario, v: Option<f64>| match &mut s.arrival {
                    Arrival::Poisson { backlog, .. } | Arrival::Fixed { backlog, .. } => *backlog = v.unwrap_or(0.0) as u32,
                    Arrival::Backlog { .. } => {}
                })} />
        },
        Arrival::Backlog { .. } => html! {},
    };
    html! {
        <section class="panel-section" aria-labelledby="arrivals-title">
            <h3 id="arrivals-title">{ "Arrivals" }</h3>
            <div class="field">
                <label for="field-arrival.type">{ "Requests arrive" }</label>
                <select id="field-arrival.type" onchange={move |e: Event| { onchange.emit(e.target_unchecked_into::<HtmlSelectElement>().value()); }}>
                    <option value="poisson" selected={kind == "poisson"}>{ "At random (Poisson)" }</option>
                    <option value="fixed" selected={kind == "fixed"}>{ "At a fixed interval" }</option>
                    <option value="backlog" selected={kind == "backlog"}>{ "All at the start (a backlog)" }</option>
                </select>
            </div>
            <div class="field-row">{ main }{ backlog }</div>
        </section>
    }
}

fn generalist_fields(ed: &Editor) -> Html {
    let sc = &ed.scenario;
    let pool = sc.generalists.first();
    let count = pool.map_or(0, |g| g.count);
    let on_count = ed.field(
        "generalists[0].count",
        |s: &mut Scenario, v: Option<f64>| {
            let n = v.unwrap_or(0.0) as u32;
            if n == 0 {
                s.generalists.clear();
            } else if let Some(g) = s.generalists.first_mut() {
                g.count = n;
            } else {
                let stages = s.stages.iter().map(|st| st.name.clone()).collect();
                s.generalists.push(Generalists { count: n, stages });
            }
        },
    );
    html! {
        <section class="panel-section" aria-labelledby="generalists-title">
            <h3 id="generalists-title" title="T-shaped workers who can work in several stages. A free generalist takes work from the most downstream stage that has some: they swarm to where work piles up.">{ "Generalists" }</h3>
            <NumberField label="T-shaped workers" name="generalists[0].count" value={Some(count as f64)} integer=true max={500.0}
                help="0: specialists only." on_change={on_count} />
            if let Some(pool) = pool {
                <div class="checks" role="group" aria-label="Stages the generalists can work in">
                    { for sc.stages.iter().map(|st| {
                        let name = st.name.clone();
                        let checked = pool.stages.contains(&name);
                        let cb = ed.field("generalists[0].stages", {
                            let name = name.clone();
                            move |s: &mut Scenario, on: bool| {
                                let g = &mut s.generalists[0];
                                g.stages.retain(|n| *n != name);
                                if on {
                                    g.stages.push(name.clone());
                                }
                                let order: Vec<String> = s.stages.iter().map(|st| st.name.clone()).collect();
                                s.generalists[0].stages.sort_by_key(|n| order.iter().position(|o| o == n));
                            }
                        });
                        html! {
                            <label class="check">
                                <input type="checkbox" checked={checked}
                                    onchange={move |e: Event| { cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked()); }} />
                                { name }
                            </label>
                        }
                    }) }
                </div>
            }
        </section>
    }
}

/// The whole editor.
#[function_component(ScenarioPanel)]
pub fn scenario_panel(props: &ScenarioPanelProps) -> Html {
    let open = use_state(|| None::<usize>);
    let ed = &props.editor;
    let sc = &ed.scenario;
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |i: usize| open.set(if *open == Some(i) { None } else { Some(i) }))
    };
    let add_stage = {
        let open = open.clone();
        let n = sc.stages.len();
        let add = ed.action::<MouseEvent>(|s: &mut Scenario| {
            let mut k = s.stages.len() + 1;
            while s.stage_index(&format!("Stage {k}")).is_some() {
                k += 1;
            }
            s.stages.push(Stage::new(
                &format!("Stage {k}"),
                1,
                Dist::Exponential { mean: 0.3 },
            ));
        });
        move |e: MouseEvent| {
            add.emit(e);
            open.set(Some(n));
        }
    };
    let new_seed = props.on_new_seed.reform(|_: MouseEvent| ());
    html! {
        <aside class="scenario-panel" aria-label="Scenario">
            <h2>{ "Scenario" }</h2>
            <TextField label="Title" name="name" value={sc.name.clone()}
                on_change={ed.field("name", |s: &mut Scenario, v: String| s.name = v)} />
            { arrival_fields(ed) }
            <section class="panel-section" aria-labelledby="stages-title">
                <h3 id="stages-title">{ "Stages" }</h3>
                <ol class="stage-list">
                    { for (0..sc.stages.len()).map(|i| html! {
                        <StageEditor key={format!("{i}-{}", sc.stages[i].name)} editor={ed.clone()} index={i}
                            open={*open == Some(i)} on_toggle={on_toggle.clone()} />
                    }) }
                </ol>
                <button class="btn btn-small" onclick={add_stage} disabled={sc.stages.len() >= 50}>{ "+ Add stage" }</button>
            </section>
            <section class="panel-section" aria-labelledby="system-title">
                <h3 id="system-title">{ "System" }</h3>
                <NumberField label="System WIP limit" name="wip_limit" value={sc.wip_limit.map(f64::from)} integer=true optional=true min={1.0}
                        placeholder="none" help="CONWIP: new work starts only while fewer items than this are in process. Empty: no limit."
                        on_change={ed.field("wip_limit", |s: &mut Scenario, v: Option<f64>| s.wip_limit = v.map(|v| v as u32))} />
                    <div class="seed-field">
                        <NumberField label="Seed" name="seed" value={Some(sc.seed as f64)} integer=true max={1e15}
                            help="The same seed gives the same run. Changing it starts a new run."
                            on_change={ed.field("seed", |s: &mut Scenario, v: Option<f64>| s.seed = v.unwrap_or(0.0) as u64)} />
                        <button class="btn btn-small" onclick={new_seed}>{ "New seed" }</button>
                    </div>
            </section>
            { generalist_fields(ed) }
            { super::class_editor::class_fields(ed) }
        </aside>
    }
}
