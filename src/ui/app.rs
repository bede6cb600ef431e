//! The page: header, notices, the scenario editor and the simulator.

use super::components::edit::Editor;
use super::components::scenario_panel::ScenarioPanel;
use super::components::simulator::Simulator;
use super::hooks::use_shortcuts::use_shortcuts;
use super::state::{Action, AppState, Theme};
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
    let editor = Editor {
        scenario: state.scenario.clone(),
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
        <div class="app">
            <header class="app-header">
                <h1>{ "flowsim" }</h1>
                <p class="tagline">{ "Watch work flow through a value stream." }</p>
                <p class="scenario-name" title="Scenario">{ state.scenario.name.clone() }</p>
                <button class="btn btn-small theme-toggle" onclick={toggle_theme}
                    aria-label={if state.theme == Theme::Dark { "Light theme" } else { "Dark theme" }}>
                    { if state.theme == Theme::Dark { "☀ Light" } else { "☾ Dark" } }
                </button>
            </header>
            if let Some(notice) = &state.notice {
                <div class="notice" role="status">
                    <span>{ notice.clone() }</span>
                    <button class="icon-btn" aria-label="Dismiss" onclick={dismiss}>{ "✕" }</button>
                </div>
            }
            <main class="layout">
                <ScenarioPanel editor={editor} on_new_seed={dispatch.reform(|_| Action::NewSeed)} />
                <Simulator state={Rc::new((*state).clone())} dispatch={dispatch.clone()} />
            </main>
        </div>
    }
}
