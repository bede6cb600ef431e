//! The facilitator's dashboard: the room code large enough for the back of the room, the join
//! link (read-only field, Copy, QR code), what the room works on, the phase, the challenge,
//! and every team's prediction and results in a table and a chart.

use super::lesson_debrief::lesson_debrief;
use super::qr_code::QrCodeView;
use super::room_challenge::ChallengeForm;
use super::room_join_screen::room_join_screen;
use super::room_standings::Standings;
use super::room_teams::RoomTeams;
use crate::rooms::protocol::{OpenChallenge, RemoveTeam, SetContent, SetPhase};
use crate::rooms::{ClientMsg, Content, RoomView, TeamView};
use crate::sim::Scenario;
use crate::ui::charts::number;
use crate::ui::charts::room_teams::RoomTeamsChart;
use crate::ui::state::{LessonAt, Phase};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`RoomHost`].
#[derive(Properties, PartialEq, Clone)]
pub struct RoomHostProps {
    /// The room, everything in it.
    pub view: Rc<RoomView>,
    /// The link participants open.
    pub join_link: AttrValue,
    /// The facilitator's scenario now ("Use the current scenario").
    pub scenario: Rc<Scenario>,
    /// Sends a message to the room.
    pub send: Callback<ClientMsg>,
}

/// The dashboard.
#[function_component(RoomHost)]
pub fn room_host(props: &RoomHostProps) -> Html {
    let v = &props.view;
    let lessons = crate::lessons::all();
    // "" : the current scenario; "l:s": lesson l, step s.
    // At first what the room works on now (a reloaded dashboard keeps it), else lesson 1.
    let choice = use_state(|| match &v.content {
        Some(Content {
            lesson: Some(at), ..
        }) => format!("{}:{}", at.lesson, at.step),
        Some(_) => String::new(),
        None => "0:0".to_string(),
    });
    let copied = use_state(|| false);
    let enlarged = use_state(|| false);
    // The dashboard is on the projector: before reveal, teams' predictions show only when the
    // facilitator asks, so no team is swayed by another's; and only during the visit to the
    // phase where they asked. Each change of round or phase starts a new visit (going back to
    // Predict is a new one), counted here while rendering, so no frame shows them after it.
    let visits = use_mut_ref(|| (v.round, v.phase, 0u32));
    let visit = {
        let mut last = visits.borrow_mut();
        if (last.0, last.1) != (v.round, v.phase) {
            *last = (v.round, v.phase, last.2.wrapping_add(1));
        }
        last.2
    };
    let shown_in = use_state(|| None::<u32>);
    let on_choice = {
        let choice = choice.clone();
        move |e: Event| choice.set(e.target_unchecked_into::<HtmlSelectElement>().value())
    };
    let set_content = {
        let (choice, send, scenario) = (choice.clone(), props.send.clone(), props.scenario.clone());
        move |_: MouseEvent| {
            let at = choice.split_once(':').and_then(|(l, s)| {
                Some(LessonAt {
                    lesson: l.parse().ok()?,
                    step: s.parse().ok()?,
                })
            });
            let content = match at.and_then(|at| {
                Some((
                    at,
                    crate::lessons::all().get(at.lesson)?.steps.get(at.step)?,
                ))
            }) {
                Some((at, step)) => Content {
                    lesson: Some(at),
                    scenario: step.scenario.clone(),
                },
                None => Content {
                    lesson: None,
                    scenario: (*scenario).clone(),
                },
            };
            send.emit(ClientMsg::SetContent(SetContent { content }));
        }
    };
    let copy = {
        let (link, copied) = (props.join_link.clone(), copied.clone());
        move |_: MouseEvent| {
            let clipboard = gloo::utils::window().navigator().clipboard();
            let _ = clipboard.write_text(&link);
            copied.set(true);
        }
    };
    let phase_button = |p: Phase, label: &'static str| {
        let send = props.send.clone();
        // Before anything is chosen no phase is under way.
        let current = v.content.is_some() && v.phase == p;
        let go = move |_: MouseEvent| send.emit(ClientMsg::SetPhase(SetPhase { phase: p }));
        html! {
            <button class={classes!("btn", current.then_some("btn-primary"))} aria-pressed={current.to_string()}
                disabled={v.content.is_none()} onclick={go}>{ label }</button>
        }
    };
    let open = props
        .send
        .reform(|challenge| ClientMsg::OpenChallenge(OpenChallenge { challenge }));
    let close = props.send.reform(|_: MouseEvent| ClientMsg::CloseChallenge);
    let remove_team = props
        .send
        .reform(|team| ClientMsg::RemoveTeam(RemoveTeam { team }));
    // While the room runs, a team online still in the warm-up (or with no results yet) would
    // have nothing to show at a reveal: the facilitator is told so before pressing it.
    let warmup = v.content.as_ref().map_or(0.0, |c| c.scenario.warmup);
    let warming_until = (v.phase == Phase::Run
        && warmup > 0.0
        && v.teams
            .iter()
            .filter(|t| t.online)
            .any(|t| t.results.as_ref().is_none_or(|r| r.day < warmup)))
    .then_some(warmup);
    let content_name = v.content.as_ref().map(|content| match content {
        Content {
            lesson: Some(at),
            scenario,
        } => lessons.get(at.lesson).map_or_else(
            || scenario.name.clone(),
            |l| {
                format!(
                    "{} — {}",
                    l.title,
                    l.steps.get(at.step).map_or("", |s| s.label.as_str())
                )
            },
        ),
        Content {
            lesson: None,
            scenario,
        } => scenario.name.clone(),
    });
    let lesson = v
        .content
        .as_ref()
        .and_then(|c| c.lesson)
        .and_then(|at| lessons.get(at.lesson));
    let online = v.teams.iter().filter(|t| t.online).count();
    let hiding = v.phase != Phase::Reveal && *shown_in != Some(visit);
    let teams: Vec<_> = v
        .teams
        .iter()
        .map(|t| TeamView {
            prediction: t.prediction.clone().filter(|_| !hiding),
            ..t.clone()
        })
        .collect();
    let toggle_predictions = {
        let shown_in = shown_in.clone();
        move |_: MouseEvent| shown_in.set(hiding.then_some(visit))
    };
    // Once the room runs or reveals, the join block takes one line (the QR code is a press of
    // Enlarge away), so the teams' table and chart come up the projector's screen.
    let compact = v.content.is_some() && v.phase != Phase::Predict;
    html! {
        <section class="room-host" aria-label="Room dashboard">
            <div class={classes!("room-join-info", compact.then_some("compact"))}>
                <div class="room-code-block">
                    <span class="room-code-label">{ "Room code" }</span>
                    <span class="room-code" aria-label={format!("Room code {}", v.code)}>{ v.code.clone() }</span>
                </div>
                <div class="room-link">
                    <label for="join-link">{ "Join link" }</label>
                    <div class="room-link-row">
                        <input id="join-link" type="text" readonly=true value={props.join_link.clone()} />
                        <button class="btn btn-small" onclick={copy}>{ if *copied { "Copied" } else { "Copy" } }</button>
                    </div>
                    <p class="muted">{ format!("{} of {} team{} online", online, v.teams.len(), if v.teams.len() == 1 { "" } else { "s" }) }</p>
                </div>
                <div class="room-qr">
                    if !compact {
                        <QrCodeView text={props.join_link.clone()} label="QR code to open on a phone" />
                    }
                    <button class="btn btn-small" aria-label="Enlarge the room code and QR code"
                        onclick={let e = enlarged.clone(); move |_: MouseEvent| e.set(true)}>{ "Enlarge" }</button>
                </div>
            </div>
            if *enlarged {
                { room_join_screen(&v.code, &props.join_link, {let e = enlarged.clone(); Callback::from(move |()| e.set(false))}) }
            }
            <div class="room-controls">
                <div class="room-content">
                    <label for="room-content">{ "The room works on" }</label>
                    <select id="room-content" onchange={on_choice}>
                        // A group per lesson with its steps inside: "8. Release cadence: hand-offs,
                        // release trains and environments — Continuous delivery" would be cut.
                        { for lessons.iter().enumerate().map(|(l, lesson)| html! {
                            <optgroup label={format!("{}. {}", l + 1, lesson.title)}>
                                { for lesson.steps.iter().enumerate().map(|(s, step)| {
                                    let value = format!("{l}:{s}");
                                    let selected = *choice == value;
                                    html! { <option {selected} {value}>{ step.label.clone() }</option> }
                                }) }
                            </optgroup>
                        }) }
                        <option value="" selected={choice.is_empty()}>{ "Use the current scenario" }</option>
                    </select>
                    <button class="btn" onclick={set_content}>{ "Set for the room" }</button>
                    <p class="room-now">{ match content_name {
                        Some(name) => format!("Now: {name} (round {})", v.round),
                        None => "Now: nothing chosen yet. Choose, then press “Set for the room”.".into(),
                    } }</p>
                </div>
                <div class="room-phases" role="group" aria-label="Phase">
                    { phase_button(Phase::Predict, "1 Predict") }
                    { phase_button(Phase::Run, "2 Run") }
                    { phase_button(Phase::Reveal, "3 Reveal") }
                </div>
                if let Some(day) = warming_until {
                    <p class="muted room-warming" role="status">{ format!("Teams are still warming up (until day {}): a reveal now would show their results empty.", number(day)) }</p>
                }
            </div>
            <details class="room-challenge" open={v.challenge.is_some()}>
                <summary>{ "Challenge" }</summary>
                if let Some(c) = &v.challenge {
                    <p class="challenge-sentence">{ c.describe() }</p>
                    if v.phase == Phase::Run {
                        <button class="btn" onclick={close}>{ "Close challenge" }</button>
                    }
                    <Standings challenge={c.clone()} teams={v.teams.clone()} />
                }
                if v.content.is_none() {
                    <p class="muted">{ "Choose what the room works on first." }</p>
                } else if v.challenge.is_none() || v.phase != Phase::Run {
                    <ChallengeForm on_open={open} {warmup} />
                }
            </details>
            <div class={classes!("room-results", (v.phase == Phase::Reveal && lesson.is_some()).then_some("revealing"))}>
                // On the projector at Reveal: the debrief every team reads on its laptop.
                if let Some(l) = lesson.filter(|_| v.phase == Phase::Reveal) {
                    <div class="debrief room-debrief">{ lesson_debrief(l) }</div>
                }
                if v.phase != Phase::Reveal && v.teams.iter().any(|t| t.predicted) {
                    <p class="room-predictions-bar">
                        <button class={classes!("btn", "btn-small", (!hiding).then_some("btn-primary"))}
                            aria-pressed={(!hiding).to_string()} onclick={toggle_predictions}>{ "Show predictions" }</button>
                        <span class="muted">{ if hiding {
                            "Predictions stay off this screen until reveal, so no team is swayed by another's."
                        } else {
                            "Predictions are on this screen: press again to hide them before the room sees it."
                        } }</span>
                    </p>
                }
                <RoomTeams {teams} online=true {warmup} on_remove={remove_team} />
                <RoomTeamsChart teams={v.teams.clone()} />
            </div>
        </section>
    }
}
