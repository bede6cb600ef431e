//! The classes of service in the scenario editor: name, a share of the requests or their own
//! arrivals, priority, the expedite lane and size, each checked like every other field.

use super::edit::Editor;
use super::field::NumberField;
use super::text_field::TextField;
use crate::sim::{Arrival, Class, Scenario};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Most classes the editor offers (the core's limit).
const MAX: usize = crate::sim::validate::MAX_CLASSES;

/// Sets class `i`'s share to `share`; the last other class with a share takes what is left, so
/// the shares keep adding up to 1 (a share too large to balance is refused by validation).
fn set_share(s: &mut Scenario, i: usize, share: f64) {
    s.classes[i].share = Some(share);
    let Some(rest) = (0..s.classes.len())
        .rev()
        .find(|&j| j != i && s.classes[j].share.is_some())
    else {
        return;
    };
    let others: f64 = (0..s.classes.len())
        .filter(|&j| j != rest)
        .filter_map(|j| s.classes[j].share)
        .sum();
    let left = 1.0 - others;
    // A negative remainder stays negative so that validation names the problem.
    s.classes[rest].share = Some((left * 1e9).round() / 1e9);
}

/// Class `i` joins the main stream (`own` false) or gets its own Poisson arrivals.
fn set_source(s: &mut Scenario, i: usize, own: bool) {
    if own {
        let share = s.classes[i].share.take().unwrap_or(0.0);
        let rate = (s.arrival.rate() * share).max(0.1);
        s.classes[i].arrival = Some(Arrival::Poisson { rate, backlog: 0 });
        if let Some(j) = (0..s.classes.len()).find(|&j| j != i && s.classes[j].share.is_some()) {
            let v = s.classes[j].share.unwrap_or(0.0) + share;
            s.classes[j].share = Some(v);
        }
    } else {
        s.classes[i].arrival = None;
        s.classes[i].share = Some(0.0);
    }
}

/// A new class's name: `Class N`, unused.
fn fresh_name(s: &Scenario) -> String {
    let mut k = s.classes.len() + 1;
    while s.class_index(&format!("Class {k}")).is_some() {
        k += 1;
    }
    format!("Class {k}")
}

fn class_card(ed: &Editor, i: usize) -> Html {
    let c = &ed.scenario.classes[i];
    let at = |f: &str| format!("classes[{i}].{f}");
    let own = c.arrival.is_some();
    let on_source = ed.field(at("arrival"), move |s: &mut Scenario, own: bool| {
        set_source(s, i, own)
    });
    let on_exempt = ed.field(at("wip_exempt"), move |s: &mut Scenario, on: bool| {
        s.classes[i].wip_exempt = on
    });
    let remove = ed.action::<MouseEvent>(move |s: &mut Scenario| {
        let gone = s.classes.remove(i);
        if s.classes.len() == 1 {
            s.classes.clear();
        } else if let Some(share) = gone.share {
            if let Some(j) = s.classes.iter().rposition(|c| c.share.is_some()) {
                s.classes[j].share = Some(s.classes[j].share.unwrap_or(0.0) + share);
            }
        }
    });
    let source = match c.arrival {
        Some(Arrival::Poisson { rate, .. }) => html! {
            <NumberField label="Arrival rate" name={at("arrival.rate")} value={Some(rate)} unit="per day" step={0.05} min={0.001} max={100000.0}
                help="This class's own requests per day, at random (unplanned work, incidents)."
                on_change={ed.field(at("arrival.rate"), move |s: &mut Scenario, v: Option<f64>| {
                    s.classes[i].arrival = Some(Arrival::Poisson { rate: v.unwrap_or(0.0), backlog: 0 });
                })} />
        },
        Some(_) => {
            html! { <p class="hint">{ "Own arrivals as written in the scenario file." }</p> }
        }
        None => html! {
            <NumberField label="Share of requests" name={at("share")} value={c.share.map(|p| (p * 1e4).round() / 100.0)} unit="%" step={5.0} max={100.0}
                help="Chance that a request is of this class. The last other class with a share takes the rest, so the shares add up to 100 %."
                on_change={ed.field(at("share"), move |s: &mut Scenario, v: Option<f64>| set_share(s, i, v.unwrap_or(0.0) / 100.0))} />
        },
    };
    let select_id = format!("field-{}", at("source"));
    let check_id = format!("field-{}", at("wip_exempt"));
    html! {
        <li class="class-card" key={format!("{i}-{}", c.name)} data-class={c.name.clone()}>
            <div class="class-head">
                <span class={classes!("token", "sample", format!("class-{i}"))} aria-hidden="true"></span>
                <TextField label="Class name" name={at("name")} value={c.name.clone()}
                    on_change={ed.field(at("name"), move |s: &mut Scenario, v: String| s.classes[i].name = v)} />
                <button class="icon-btn danger" aria-label={format!("Remove class {}", c.name)} onclick={remove}>{ "✕" }</button>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for={select_id.clone()}>{ "Arrives as" }</label>
                    <select id={select_id} onchange={move |e: Event| { on_source.emit(e.target_unchecked_into::<HtmlSelectElement>().value() == "own"); }}>
                        <option value="share" selected={!own}>{ "A share" }</option>
                        <option value="own" selected={own}>{ "Own arrivals" }</option>
                    </select>
                </div>
                { source }
            </div>
            <div class="field-row">
                <NumberField label="Priority" name={at("priority")} value={Some(c.priority as f64)} integer=true max={100.0}
                    help="Higher is served first at every stage; first come, first served within a priority. Work in progress is never interrupted."
                    on_change={ed.field(at("priority"), move |s: &mut Scenario, v: Option<f64>| s.classes[i].priority = v.unwrap_or(0.0) as u32)} />
                <NumberField label="Size" name={at("work_scale")} value={Some(c.work_scale)} unit="× work" step={0.1} min={0.01} max={100.0}
                    help="Multiplies this class's work at every stage: 0.5 for small items, 2 for large ones."
                    on_change={ed.field(at("work_scale"), move |s: &mut Scenario, v: Option<f64>| s.classes[i].work_scale = v.unwrap_or(0.0))} />
            </div>
            <label class="check" for={check_id.clone()}>
                <input type="checkbox" id={check_id} checked={c.wip_exempt}
                    onchange={move |e: Event| { on_exempt.emit(e.target_unchecked_into::<HtmlInputElement>().checked()); }} />
                { "Expedite lane: ignores WIP limits (still counted in WIP)" }
            </label>
        </li>
    }
}

/// The classes-of-service section of the editor.
pub fn class_fields(ed: &Editor) -> Html {
    let sc = &ed.scenario;
    let add = ed.action::<MouseEvent>(|s: &mut Scenario| {
        if s.classes.is_empty() {
            s.classes = vec![
                Class {
                    name: "Expedite".into(),
                    share: Some(0.1),
                    arrival: None,
                    priority: 1,
                    wip_exempt: true,
                    work_scale: 1.0,
                },
                Class {
                    name: "Standard".into(),
                    share: Some(0.9),
                    arrival: None,
                    priority: 0,
                    wip_exempt: false,
                    work_scale: 1.0,
                },
            ];
        } else {
            let name = fresh_name(s);
            s.classes.push(Class {
                name,
                share: None,
                arrival: Some(Arrival::Poisson {
                    rate: 0.2,
                    backlog: 0,
                }),
                priority: 0,
                wip_exempt: false,
                work_scale: 1.0,
            });
        }
    });
    let label = if sc.classes.is_empty() {
        "+ Add classes of service"
    } else {
        "+ Add class"
    };
    html! {
        <section class="panel-section" aria-labelledby="classes-title">
            <h3 id="classes-title" title="Urgent work jumps the queue; unplanned work arrives on its own. Changing how many classes there are starts a new run.">{ "Classes of service" }</h3>
            if sc.classes.is_empty() {
                <p class="hint">{ "Every request is alike." }</p>
            }
            <ul class="class-list">
                { for (0..sc.classes.len()).map(|i| class_card(ed, i)) }
            </ul>
            <button class="btn btn-small" onclick={add} disabled={sc.classes.len() >= MAX}>{ label }</button>
        </section>
    }
}
