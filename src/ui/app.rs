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
use super::state::{Action, AppState, Theme, Variant};
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
        // The whole snapshot: any part of it that changes is saved.
        let state = state.clone();
        use_effect_with(state.snap.clone(), move |_| state.save());
    }
    use_effect_with(state.snap.theme, |theme| {
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
    let editing_b = state.editing_b();
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
        scenario: state.snap.edited().clone(),
        apply: dispatch.reform(Action::SetScenario),
    };
    let theme = state.snap.theme;
    let workshop = state.snap.workshop.as_ref();
    let next_theme = if theme == Theme::Dark {
        Theme::Light
    } else {
        Theme::Dark
    };
    let toggle_theme = dispatch.reform(move |_: MouseEvent| Action::SetTheme(next_theme));
    let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
    html! {
        <div class={classes!("app", workshop.is_some().then_some("workshop"))} ondrop={on_drop} ondragover={on_drag_over}>
            <header class="app-header">
                <h1>{ "flowsim" }</h1>
                <p class="tagline">{ "Watch work flow through a value stream." }</p>
                <LessonPicker dispatch={dispatch.clone()} />
                <p class="scenario-name" title="Scenario">{ state.snap.scenario.name.clone() }</p>
                <label class="btn btn-small file-btn" title="Open a scenario JSON file (or drop one on the page)">
                    { "Import…" }
                    <input type="file" accept=".json,application/json" class="sr-only" onchange={on_pick} aria-label="Import a scenario file" />
                </label>
                <button class="btn btn-small" onclick={{ let sharing = sharing.clone(); move |_| sharing.set(true) }}>{ "Share" }</button>
                <button class={classes!("btn", "btn-small", workshop.is_some().then_some("btn-active"))}
                    aria-pressed={workshop.is_some().to_string()} onclick={dispatch.reform(|_: MouseEvent| Action::ToggleWorkshop)}
                    title="Projector view with a predict → run → reveal flow per lesson">
                    { if workshop.is_some() { "Leave workshop" } else { "Workshop mode" } }
                </button>
                <button class="btn btn-small theme-toggle" onclick={toggle_theme}
                    aria-label={if theme == Theme::Dark { "Light theme" } else { "Dark theme" }}>
                    { if theme == Theme::Dark { "☀ Light" } else { "☾ Dark" } }
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
                if workshop.is_none() {
                <div class="side">
                    if let Some(ab) = &state.snap.ab {
                        <div class="variant-tabs" role="tablist" aria-label="Which variant the editor changes">
                            <button role="tab" aria-selected={(!editing_b).to_string()} class={classes!("tab", (!editing_b).then_some("active"))}
                                onclick={dispatch.reform(|_: MouseEvent| Action::EditVariant(Variant::A))}>
                                <span class="variant-tag a">{ "A" }</span>{ ab.label_a.clone() }
                            </button>
                            <button role="tab" aria-selected={editing_b.to_string()} class={classes!("tab", editing_b.then_some("active"))}
                                onclick={dispatch.reform(|_: MouseEvent| Action::EditVariant(Variant::B))}>
                                <span class="variant-tag b">{ "B" }</span>{ ab.label_b.clone() }
                            </button>
                        </div>
                    }
                    <ScenarioPanel editor={editor} on_new_seed={dispatch.reform(|_| Action::NewSeed)} />
                </div>
                }
                <div class="main-column">
                    if let (Some(w), Some(at)) = (workshop, state.snap.lesson) {
                        <Workshop {at} phase={w.phase} prediction={w.prediction.clone()}
                            labels={state.snap.ab.as_ref().map(|ab| (AttrValue::from(ab.label_a.clone()), AttrValue::from(ab.label_b.clone()))).unwrap_or_default()}
                            dispatch={dispatch.clone()} />
                    } else if let Some(at) = state.snap.lesson {
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
