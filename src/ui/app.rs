//! The page: header, notices, the scenario editor and the simulator.

use super::components::edit::Editor;
use super::components::lesson_panel::LessonPanel;
use super::components::lesson_picker::LessonPicker;
use super::components::scenario_panel::ScenarioPanel;
use super::components::share_dialog::ShareDialog;
use super::components::simulator::Simulator;
use super::components::workshop::Workshop;
use super::hooks::use_file_reader::use_file_reader;
use super::hooks::use_report_height::use_report_height;
use super::hooks::use_shortcuts::use_shortcuts;
use super::state::{Action, AppState, Theme};
use crate::sim::{Scenario, ScenarioError};
use std::rc::Rc;
use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::load);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    use_shortcuts(dispatch.clone());
    {
        let saved = (
            state.scenario.clone(),
            state.speed,
            state.theme,
            state.compare,
        );
        let state = state.clone();
        use_effect_with(saved, move |_| state.save());
    }
    use_effect_with(state.theme, |theme| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute(
                "data-theme",
                if *theme == Theme::Dark {
                    "dark"
                } else {
                    "light"
                },
            );
        }
    });
    let editing_b = state.editing_b && state.variant_b.is_some();
    let sharing = use_state(|| false);
    use_report_height(state.embed.is_some());
    let read_file = use_file_reader(
        dispatch.reform(
            |(name, text): (String, String)| match Scenario::from_json(&text) {
                Ok(scenario) => Action::Import(name, scenario),
                Err(e) => Action::Notice(import_problems(&name, &e)),
            },
        ),
        dispatch.reform(Action::Notice),
    );
    let on_pick = {
        let read_file = read_file.clone();
        move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file.emit(file);
            }
            input.set_value("");
        }
    };
    let on_drop = {
        let read_file = read_file.clone();
        move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read_file.emit(file);
            }
        }
    };
    let on_drag_over = |e: DragEvent| e.prevent_default();
    if let Some(embed) = &state.embed {
        let _ = embed;
        return html! {
            <div class="app embed">
                if let Some(notice) = &state.notice {
                    <div class="notice" role="status"><span>{ notice.clone() }</span></div>
                }
                <Simulator state={Rc::new((*state).clone())} dispatch={dispatch.clone()} />
            </div>
        };
    }
    let editor = Editor {
        scenario: if editing_b {
            state.variant_b.clone().expect("checked")
        } else {
            state.scenario.clone()
        },
        apply: dispatch.reform(Action::SetScenario),
    };
    let next_theme = if state.theme == Theme::Dark {
        Theme::Light
    } else {
        Theme::Dark
    };
    let toggle_theme = dispatch.reform(move |_: MouseEvent| Action::SetTheme(next_theme));
    let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
    html! {
        <div class={classes!("app", state.workshop.is_some().then_some("workshop"))} ondrop={on_drop} ondragover={on_drag_over}>
            <header class="app-header">
                <h1>{ "flowsim" }</h1>
                <p class="tagline">{ "Watch work flow through a value stream." }</p>
                <LessonPicker dispatch={dispatch.clone()} />
                <p class="scenario-name" title="Scenario">{ state.scenario.name.clone() }</p>
                <label class="btn btn-small file-btn" title="Open a scenario JSON file (or drop one on the page)">
                    { "Import…" }
                    <input type="file" accept=".json,application/json" class="sr-only" onchange={on_pick} aria-label="Import a scenario file" />
                </label>
                <button class="btn btn-small" onclick={{ let sharing = sharing.clone(); move |_| sharing.set(true) }}>{ "Share" }</button>
                <button class={classes!("btn", "btn-small", state.workshop.is_some().then_some("btn-active"))}
                    aria-pressed={state.workshop.is_some().to_string()} onclick={dispatch.reform(|_: MouseEvent| Action::ToggleWorkshop)}
                    title="Projector view with a predict → run → reveal flow per lesson">
                    { if state.workshop.is_some() { "Leave workshop" } else { "Workshop mode" } }
                </button>
                <button class="btn btn-small theme-toggle" onclick={toggle_theme}
                    aria-label={if state.theme == Theme::Dark { "Light theme" } else { "Dark theme" }}>
                    { if state.theme == Theme::Dark { "☀ Light" } else { "☾ Dark" } }
                </button>
            </header>
            if *sharing {
                <ShareDialog state={Rc::new((*state).clone())} on_close={{ let sharing = sharing.clone(); move |_| sharing.set(false) }} />
            }
            if let Some(notice) = &state.notice {
                <div class="notice" role="status">
                    <span>{ notice.clone() }</span>
                    <button class="icon-btn" aria-label="Dismiss" onclick={dismiss}>{ "✕" }</button>
                </div>
            }
            <main class="layout">
                if state.workshop.is_none() {
                <div class="side">
                    if state.variant_b.is_some() {
                        <div class="variant-tabs" role="tablist" aria-label="Which variant the editor changes">
                            <button role="tab" aria-selected={(!editing_b).to_string()} class={classes!("tab", (!editing_b).then_some("active"))}
                                onclick={dispatch.reform(|_: MouseEvent| Action::EditVariant(false))}>
                                <span class="variant-tag a">{ "A" }</span>{ state.label_a.clone() }
                            </button>
                            <button role="tab" aria-selected={editing_b.to_string()} class={classes!("tab", editing_b.then_some("active"))}
                                onclick={dispatch.reform(|_: MouseEvent| Action::EditVariant(true))}>
                                <span class="variant-tag b">{ "B" }</span>{ state.label_b.clone() }
                            </button>
                        </div>
                    }
                    <ScenarioPanel editor={editor} on_new_seed={dispatch.reform(|_| Action::NewSeed)} />
                </div>
                }
                <div class="main-column">
                    if let (Some(phase), Some(at)) = (state.workshop, state.lesson) {
                        <Workshop {at} {phase} prediction={state.prediction.clone()}
                            labels={(AttrValue::from(state.label_a.clone()), AttrValue::from(state.label_b.clone()))}
                            dispatch={dispatch.clone()} />
                    } else if let Some(at) = state.lesson {
                        <LessonPanel {at} dispatch={dispatch.clone()} />
                    }
                    <Simulator state={Rc::new((*state).clone())} dispatch={dispatch.clone()} />
                </div>
            </main>
        </div>
    }
}

/// The notice for a scenario file that could not be imported: every problem with its path.
fn import_problems(name: &str, e: &ScenarioError) -> String {
    let list: Vec<String> = e
        .problems
        .iter()
        .map(|p| format!("• {}: {}", p.path, p.message))
        .collect();
    format!(
        "{name} was not imported; your scenario is unchanged. Problems:\n{}",
        list.join("\n")
    )
}
