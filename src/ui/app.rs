//! The page: header, and the simulator for the current scenario.

use super::components::simulator::Simulator;
use crate::sim::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let scenario = use_state(|| Rc::new(Scenario::single_stage()));
    html! {
        <div class="app">
            <header class="app-header">
                <h1>{ "flowsim" }</h1>
                <p class="tagline">{ "Watch work flow through a value stream." }</p>
            </header>
            <main>
                <Simulator scenario={(*scenario).clone()} />
            </main>
        </div>
    }
}
