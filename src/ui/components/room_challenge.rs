//! The facilitator's challenge form: goal, levers, limits and days to rank after.
//! [`super::room_standings`] shows how the teams stand.

use crate::rooms::{Challenge, Goal, Lever};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`ChallengeForm`].
#[derive(Properties, PartialEq)]
pub struct ChallengeFormProps {
    /// Opens the challenge.
    pub on_open: Callback<Challenge>,
    /// The warm-up of the room's scenario (days): runs are ranked after it.
    #[prop_or(0.0)]
    pub warmup: f64,
}

fn limit(text: &str) -> Option<u32> {
    text.trim().parse().ok().filter(|v| *v > 0)
}

/// The facilitator's challenge form.
#[function_component(ChallengeForm)]
pub fn challenge_form(props: &ChallengeFormProps) -> Html {
    let goal = use_state(|| Goal::Throughput);
    let levers = use_state(|| vec![Lever::Workers, Lever::WipLimits]);
    let max_wip = use_state(|| "8".to_string());
    let max_people = use_state(|| "6".to_string());
    let days = use_state(|| "200".to_string());
    let problem = use_state(|| None::<String>);
    let goals = [Goal::Throughput, Goal::LeadTime, Goal::LeadTimeP85];
    let on_goal = {
        let goal = goal.clone();
        move |e: Event| {
            let i: usize = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(0);
            goal.set(goals[i.min(2)]);
        }
    };
    let text = |s: &UseStateHandle<String>| {
        let s = s.clone();
        move |e: InputEvent| s.set(e.target_unchecked_into::<HtmlInputElement>().value())
    };
    let submit = {
        let warmup = props.warmup;
        let (goal, levers, max_wip, max_people, days, problem, open) = (
            goal.clone(),
            levers.clone(),
            max_wip.clone(),
            max_people.clone(),
            days.clone(),
            problem.clone(),
            props.on_open.clone(),
        );
        move |e: SubmitEvent| {
            e.prevent_default();
            let c = Challenge {
                goal: *goal,
                levers: Lever::ALL
                    .into_iter()
                    .filter(|l| levers.contains(l))
                    .collect(),
                max_wip: limit(&max_wip),
                max_people: limit(&max_people),
                days: days.trim().parse().unwrap_or(f64::NAN),
            };
            let mut problems = c.problems("challenge");
            problems.extend(c.warmup_problem("challenge", warmup));
            if problems.is_empty() {
                problem.set(None);
                open.emit(c);
            } else {
                let list: Vec<String> = problems
                    .into_iter()
                    .map(|(path, why)| format!("{}: {why}", path.trim_start_matches("challenge.")))
                    .collect();
                problem.set(Some(list.join("; ")));
            }
        }
    };
    html! {
        <form class="challenge-form" onsubmit={submit} aria-label="Challenge">
            <label>{ "Goal" }
                <select onchange={on_goal}>
                    { for goals.iter().enumerate().map(|(i, g)| html! {
                        <option value={i.to_string()} selected={*g == *goal}>{ g.label() }</option>
                    }) }
                </select>
            </label>
            <fieldset class="levers">
                <legend>{ "Teams may change" }</legend>
                { for Lever::ALL.iter().map(|l| {
                    let l = *l;
                    let checked = levers.contains(&l);
                    let levers = levers.clone();
                    let toggle = move |_: Event| {
                        let mut v = (*levers).clone();
                        if checked { v.retain(|x| *x != l) } else { v.push(l) }
                        levers.set(v);
                    };
                    html! { <label class="check"><input type="checkbox" {checked} onchange={toggle} />{ l.label() }</label> }
                }) }
            </fieldset>
            <label>{ "Max system WIP" }<input type="number" min="1" max="1000" value={(*max_wip).clone()} oninput={text(&max_wip)} /></label>
            <label>{ "Max people" }<input type="number" min="1" max="1000" value={(*max_people).clone()} oninput={text(&max_people)} /></label>
            <label>{ "Rank after (days)" }<input type="number" min="1" value={(*days).clone()} oninput={text(&days)} /></label>
            <button type="submit" class="btn btn-primary">{ "Open challenge" }</button>
            if let Some(p) = &*problem { <p class="room-error" role="alert">{ p.clone() }</p> }
        </form>
    }
}
