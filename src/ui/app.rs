//! The page: header, notices, the scenario editor and the simulator.

use super::components::edit::Editor;
use super::components::lesson_panel::LessonPanelProps;
use super::components::lesson_picker::LessonPicker;
use super::components::room_host::RoomHostProps;
use super::components::room_join::RoomJoin;
use super::components::room_participant::RoomParticipantProps;
use super::components::room_status::RoomStatus;
use super::components::scenario_panel::ScenarioPanelProps;
use super::components::share_dialog::ShareDialogProps;
use super::components::simulator::Simulator;
use super::components::workshop::WorkshopProps;
use super::hooks::use_file_reader::use_file_reader;
use super::hooks::use_report_height::use_report_height;
use super::hooks::use_room::{use_remember_pause, use_room, Status};
use super::hooks::use_shortcuts::use_shortcuts;
use super::lazy::Lazy;
use super::parts::{LESSON, ROOM_HOST, ROOM_PARTICIPANT, SCENARIO_EDITOR, SHARE, WORKSHOP};
use super::state::{Action, AppState, Phase, Theme, Variant};
use crate::rooms::protocol::Report;
use crate::rooms::ClientMsg;
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
    use_shortcuts(dispatch.clone(), state.snap.workshop.is_some());
    let room = use_room(dispatch.clone());
    use_remember_pause(room.ui.saved.as_ref(), state.room.as_ref(), state.playing);
    // The join form: open, with the code of a join link (`?join=CODE`) filled in.
    let joining = use_state(join_param);
    {
        // The whole snapshot: any part of it that changes is saved (not while a room drives
        // it: the room's server gives it again, and the page's own work stays saved).
        let state = state.clone();
        use_effect_with(state.snap.clone(), move |_| {
            if state.room.is_none() {
                state.save();
            }
        });
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
    let close_share = {
        let sharing = sharing.clone();
        Callback::from(move |_| sharing.set(false))
    };
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
        scenario: state.edited().clone(),
        apply: dispatch.reform(Action::SetScenario),
        room: state.room.clone(),
    };
    let theme = state.snap.theme;
    let in_room = state.room.as_ref();
    let host = room.ui.host();
    let workshop = state.snap.workshop.as_ref().filter(|_| in_room.is_none());
    // Entering a room (its role taken again after a reload, or a room being started or joined)
    // until the room's content is here: without the editor and the panels a room may not show.
    let entering_room = room.ui.active() && room.ui.view.is_none();
    let show_editor = !entering_room && in_room.map_or(workshop.is_none(), |r| r.may_edit());
    let on_report = in_room
        .filter(|r| !r.host && r.round.is_some() && r.phase != Phase::Predict)
        .map(|r| {
            let scenario = r
                .challenge
                .is_some()
                .then(|| (*state.snap.scenario).clone());
            room.send.reform(move |summary: crate::sim::Summary| {
                ClientMsg::Report(Report {
                    results: crate::state::results_of(&summary, scenario.as_ref()),
                })
            })
        });
    let room_panel = match (&room.ui.view, in_room) {
        (Some(view), Some(_)) if host => html! {
            <Lazy<RoomHostProps> part={&ROOM_HOST} props={RoomHostProps { view: view.clone(), join_link: join_link(&view.code), scenario: state.snap.scenario.clone(), send: room.send.clone() }} />
        },
        (Some(view), Some(_)) => html! {
            <Lazy<RoomParticipantProps> part={&ROOM_PARTICIPANT} props={RoomParticipantProps { view: view.clone(), send: room.send.clone(), on_prediction: dispatch.reform(Action::SetPrediction),
                prediction: state.snap.workshop.as_ref().map(|w| AttrValue::from(w.prediction.clone())).unwrap_or_default() }} />
        },
        _ => html! {},
    };
    let room_bar = (room.ui.saved.is_some()).then(|| {
        html! {
            <RoomStatus status={room.ui.status.clone()} saved={room.ui.saved.clone()}
                error={room.ui.error.clone().map(AttrValue::from)} on_leave={room.leave.clone()}
                on_dismiss={room.dismiss.clone()} />
        }
    });
    // A join link for another room than the one this browser is in: said, with the choice.
    let other_room = (*joining).clone().and_then(|code| {
        let here = room.ui.saved.as_ref()?.code().to_string();
        let there = crate::rooms::code::normalise(&code)?;
        (there != here).then_some((here, there))
    });
    let other_room = other_room.map(|(here, there)| {
        let stay = {
            let joining = joining.clone();
            move |_: MouseEvent| joining.set(None)
        };
        html! {
            <div class="notice room-other" role="status">
                <span>{ format!("This link is for room {there}, and this browser is in room {here}. Leave room {here} to join {there}?") }</span>
                <button class="btn btn-small" onclick={room.leave.reform(|_: MouseEvent| ())}>{ format!("Leave and join {there}") }</button>
                <button class="btn btn-small" onclick={stay}>{ format!("Stay in {here}") }</button>
            </div>
        }
    });
    let join_form = (*joining).clone().filter(|_| room.ui.saved.is_none()).map(|code| {
        let idle = room.ui.status == Status::Idle;
        html! {
            <RoomJoin code={code} busy={!idle} error={room.ui.error.clone().filter(|_| idle).map(AttrValue::from)}
                on_join={room.join.clone()} on_cancel={{ let joining = joining.clone(); move |_| joining.set(None) }} />
        }
    });
    let room_buttons = (room.available && room.ui.saved.is_none()).then(|| html! { <>
        <button class="btn btn-small" onclick={room.start.reform(|_: MouseEvent| ())}
            disabled={room.ui.status == Status::Connecting}>{ "Start a room" }</button>
        <button class={classes!("btn", "btn-small", joining.is_some().then_some("btn-active"))} aria-expanded={joining.is_some().to_string()}
            onclick={{ let joining = joining.clone(); move |_| joining.set(if joining.is_some() { None } else { Some(String::new()) }) }}>
            { "Join a room" }
        </button>
    </> });
    let next_theme = if theme == Theme::Dark {
        Theme::Light
    } else {
        Theme::Dark
    };
    let toggle_theme = dispatch.reform(move |_: MouseEvent| Action::SetTheme(next_theme));
    let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
    html! {
        <div class={classes!("app", workshop.is_some().then_some("workshop"))} ondrop={on_drop} ondragover={on_drag_over}>
            <header class={classes!("app-header", room_buttons.is_some().then_some("has-rooms"))}>
                <h1>{ "flowsim" }</h1>
                <p class="tagline">{ "Watch work flow through a value stream." }</p>
                if in_room.is_none() { <LessonPicker dispatch={dispatch.clone()} /> }
                <p class="scenario-name" title={format!("Scenario: {}", state.snap.scenario.name)}>{ state.snap.scenario.name.clone() }</p>
                <label class="btn btn-small file-btn" title="Open a scenario JSON file (or drop one on the page)">
                    { "Import…" }
                    <input type="file" accept=".json,application/json" class="sr-only" onchange={on_pick} aria-label="Import a scenario file" />
                </label>
                <button class="btn btn-small" onclick={{ let sharing = sharing.clone(); move |_| sharing.set(true) }}>{ "Share" }</button>
                { room_buttons.unwrap_or_default() }
                if in_room.is_none() {
                <button class={classes!("btn", "btn-small", workshop.is_some().then_some("btn-active"))}
                    aria-pressed={workshop.is_some().to_string()} onclick={dispatch.reform(|_: MouseEvent| Action::ToggleWorkshop)}
                    title="Projector view with a predict → run → reveal flow per lesson">
                    { if workshop.is_some() { "Leave workshop" } else { "Workshop mode" } }
                </button>
                }
                <button class="btn btn-small theme-toggle" onclick={toggle_theme}
                    aria-label={if theme == Theme::Dark { "Light theme" } else { "Dark theme" }}>
                    { if theme == Theme::Dark { "☀ Light" } else { "☾ Dark" } }
                </button>
            </header>
            if *sharing {
                <Lazy<ShareDialogProps> part={&SHARE} quiet=true on_dismiss={close_share.clone()}
                    props={ShareDialogProps { state: Rc::new((*state).clone()), on_close: close_share.clone() }} />
            }
            { room_bar.unwrap_or_default() }
            { other_room.unwrap_or_default() }
            { join_form.unwrap_or_default() }
            if let Some(notice) = &state.notice {
                <div class="notice" role="status">
                    <span>{ notice.clone() }</span>
                    <button class="icon-btn" aria-label="Dismiss" onclick={dismiss}>{ "✕" }</button>
                </div>
            }
            <main class={classes!("layout", (!show_editor).then_some("single"))}>
                if show_editor {
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
                    <Lazy<ScenarioPanelProps> part={&SCENARIO_EDITOR} props={ScenarioPanelProps { editor, on_new_seed: dispatch.reform(|_| Action::NewSeed) }} />
                </div>
                }
                <div class="main-column">
                    { room_panel }
                    if in_room.is_some() {
                    } else if let (Some(w), Some(at)) = (workshop, state.snap.lesson) {
                        <Lazy<WorkshopProps> part={&WORKSHOP} props={WorkshopProps { at, phase: w.phase, prediction: w.prediction.clone().into(),
                            labels: state.snap.ab.as_ref().map(|ab| (AttrValue::from(ab.label_a.clone()), AttrValue::from(ab.label_b.clone()))).unwrap_or_default(),
                            settled: state.settled, warmup: state.snap.scenario.warmup,
                            backlog: state.snap.scenario.backlog_only(),
                            dispatch: dispatch.clone() }} />
                    } else if let Some(at) = state.snap.lesson {
                        <Lazy<LessonPanelProps> part={&LESSON} props={LessonPanelProps { at, dispatch: dispatch.clone() }} />
                    }
                    <Simulator state={Rc::new((*state).clone())} dispatch={dispatch.clone()} {on_report} {entering_room} />
                </div>
            </main>
        </div>
    }
}

/// The room code of a join link (`?join=CODE`), which opens the join form with it.
fn join_param() -> Option<String> {
    let search = gloo::utils::window().location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("join="))
        .map(|code| {
            code.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(12)
                .collect()
        })
}

/// The link participants open to join room `code`: this page with `?join=CODE`.
fn join_link(code: &str) -> AttrValue {
    let loc = gloo::utils::window().location();
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    format!("{origin}{path}?join={code}").into()
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
