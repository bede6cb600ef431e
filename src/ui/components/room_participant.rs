//! A team's view of the room: the lesson's question, the phase, "Your prediction" while
//! predicting (sent as typed, debounced, and on leaving the field), the challenge's sentence,
//! and at reveal the debrief with every team's prediction and results.

use super::lesson_debrief::lesson_debrief;
use super::phase_steps::phase_steps;
use super::room_standings::Standings;
use super::room_teams::RoomTeams;
use crate::rooms::protocol::Predict;
use crate::rooms::{ClientMsg, RoomView};
use crate::ui::state::Phase;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Milliseconds after the last key before a prediction is sent.
const DEBOUNCE_MS: u32 = 600;

/// Properties of [`RoomParticipant`].
#[derive(Properties, PartialEq, Clone)]
pub struct RoomParticipantProps {
    /// The room as participants see it.
    pub view: Rc<RoomView>,
    /// The team's prediction as typed.
    pub prediction: AttrValue,
    /// The prediction as typed, to the app's state.
    pub on_prediction: Callback<String>,
    /// Sends a message to the room.
    pub send: Callback<ClientMsg>,
}

/// The participant's panel.
#[function_component(RoomParticipant)]
pub fn room_participant(props: &RoomParticipantProps) -> Html {
    let v = &props.view;
    let pending = use_mut_ref(|| None::<Timeout>);
    let at = v.content.as_ref().and_then(|c| c.lesson);
    let lesson = at.and_then(|at| crate::lessons::all().get(at.lesson));
    // Which of the lesson's steps: a new round of the same lesson says what changed.
    let step = lesson
        .zip(at)
        .and_then(|(l, at)| l.steps.get(at.step))
        .filter(|_| lesson.is_some_and(|l| l.steps.len() > 1));
    let send_now = {
        let send = props.send.clone();
        move |text: String| send.emit(ClientMsg::Predict(Predict { text }))
    };
    let on_input = {
        let (pending, local, send_now) = (
            pending.clone(),
            props.on_prediction.clone(),
            send_now.clone(),
        );
        move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            local.emit(text.clone());
            let send_now = send_now.clone();
            *pending.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || send_now(text)));
        }
    };
    let on_blur = {
        let pending = pending.clone();
        move |e: FocusEvent| {
            if pending.borrow_mut().take().is_some() {
                send_now(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            }
        }
    };
    let hint = match (v.content.is_some(), v.phase, v.challenge.is_some()) {
        (false, _, _) => "Waiting for the facilitator to choose what the room works on.",
        (true, Phase::Predict, _) => "Write what you expect. The run starts when the facilitator says so.",
        (true, Phase::Run, true) => "Change the allowed fields in the editor and watch your run; your results go to the facilitator.",
        (true, Phase::Run, false) => "Watch your run; your results go to the facilitator as it goes.",
        (true, Phase::Reveal, _) => "Everyone's predictions and results, side by side.",
    };
    html! {
        <section class="room-participant workshop-panel" aria-label="Room" data-phase={format!("{:?}", v.phase).to_lowercase()}>
            if v.content.is_some() {
                { phase_steps(v.phase) }
            }
            if let Some(l) = lesson {
                <h2>{ l.title.clone() }</h2>
                if let Some(step) = step {
                    <p class="room-step">{ format!("This round: {}", step.label) }</p>
                }
                <p class="workshop-question">{ l.question.clone() }</p>
            } else if let Some(c) = &v.content {
                <h2>{ c.scenario.name.clone() }</h2>
            }
            if let Some(c) = &v.challenge {
                <p class="challenge-sentence" role="note">{ c.describe() }</p>
            }
            <p class="hint">{ hint }</p>
            if v.content.is_some() && v.phase == Phase::Predict {
                <div class="prediction">
                    <label for="prediction">{ "Your prediction" }</label>
                    <textarea id="prediction" rows="2" maxlength="500" placeholder="What will happen to lead time and throughput?"
                        value={props.prediction.clone()} oninput={on_input} onblur={on_blur} />
                </div>
            } else if !props.prediction.is_empty() {
                <p class="your-prediction"><strong>{ "You predicted: " }</strong>{ props.prediction.clone() }</p>
            }
            if v.phase == Phase::Reveal {
                <div class="debrief">
                    if let Some(l) = lesson {
                        { lesson_debrief(l) }
                    }
                    if let Some(c) = &v.challenge {
                        <Standings challenge={c.clone()} teams={v.teams.clone()} />
                    }
                    <RoomTeams teams={v.teams.clone()} warmup={v.content.as_ref().map_or(0.0, |c| c.scenario.warmup)} />
                </div>
            }
        </section>
    }
}
