//! A finished forecast: one plain sentence per variant, the levels' days and dates, the
//! outcome chart, and the trials as CSV.

use crate::ui::charts::forecast_chart::ForecastChart;
use crate::ui::charts::ChartTheme;
use crate::ui::count;
use crate::ui::forecast_job::{day_count, Outcome};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ForecastResult`].
#[derive(Properties, PartialEq)]
pub struct ForecastResultProps {
    /// One finished forecast per variant.
    pub outcomes: Rc<Vec<Outcome>>,
    /// Days in the question ("how many by a date"), or `None` for "how long".
    pub days: Option<u32>,
    /// The start date asked with (`YYYY-MM-DD`).
    pub start: AttrValue,
    /// The items asked about ("how long").
    pub items: u32,
    /// Whether days count working days only.
    pub weekdays: bool,
    /// Today (`YYYY-MM-DD`): a start today reads "counting today".
    pub today: AttrValue,
    /// Chart colours.
    pub theme: ChartTheme,
}

/// The trials as CSV: one row per trial, one column per variant.
fn trials_csv(outcomes: &[Outcome], by_date: bool) -> String {
    let unit = if by_date { "items" } else { "days" };
    let mut text = String::from("trial");
    for o in outcomes {
        text.push(',');
        text.push_str(&if o.label.is_empty() {
            unit.to_string()
        } else {
            format!("{unit} {}", o.label)
        });
    }
    text.push('\n');
    let n = outcomes.first().map_or(0, |o| o.outcomes.len());
    for i in 0..n {
        text.push_str(&(i + 1).to_string());
        for o in outcomes {
            text.push(',');
            text.push_str(&o.outcomes.get(i).map_or(String::new(), u32::to_string));
        }
        text.push('\n');
    }
    text
}

/// The plain sentence for one variant's answer.
fn sentence(p: &ForecastResultProps, o: &Outcome) -> String {
    let days = |n: u32| day_count(n.into(), p.weekdays);
    // The start day is day 1 of the forecast: "3 days counting today" ends the day after
    // tomorrow, which "3 days from now" would not say.
    let from = if p.start == p.today {
        "today".to_string()
    } else {
        format!("the start day, {}", p.start)
    };
    let who = if o.label.is_empty() {
        String::new()
    } else {
        format!("{}: ", o.label)
    };
    let are = |n: u64| if n == 1 { "is" } else { "are" };
    match p.days {
        None => format!(
            "{who}In 85 of 100 simulated futures the {} {} done by {}, {} counting {from}.",
            count(p.items, "item", "items"),
            are(p.items.into()),
            o.long_dates.get(2).cloned().unwrap_or_default(),
            days(o.levels[2])
        ),
        Some(d) => format!(
            "{who}In 85 of 100 simulated futures at least {} {} done by {}, {} counting {from}.",
            count(o.levels[2], "item", "items"),
            are(o.levels[2].into()),
            o.long_dates.first().cloned().unwrap_or_default(),
            days(d)
        ),
    }
}

/// The result.
#[function_component(ForecastResult)]
pub fn forecast_result(p: &ForecastResultProps) -> Html {
    let by_date = p.days.is_some();
    let export = {
        let outcomes = p.outcomes.clone();
        move |_: MouseEvent| {
            let name = crate::ui::download::file_name("flowsim forecast trials", "csv");
            crate::ui::download::text(&name, "text/csv", &trials_csv(&outcomes, by_date));
        }
    };
    let head = |o: &Outcome| match (o.label.is_empty(), by_date) {
        (true, true) => "Items".to_string(),
        (true, false) => "Days and date".to_string(),
        (false, true) => format!("{}: items", o.label),
        (false, false) => format!("{}: days and date", o.label),
    };
    html! {
        <div class="forecast-result">
            { for p.outcomes.iter().map(|o| html! { <p class="forecast-sentence" data-testid="forecast-sentence">{ sentence(p, o) }</p> }) }
            <table class="forecast-levels" data-testid="forecast-dates">
                <thead><tr>
                    <th scope="col">{ "Confidence" }</th>
                    { for p.outcomes.iter().map(|o| html! { <th scope="col">{ head(o) }</th> }) }
                </tr></thead>
                <tbody>
                    { for ["50 %", "70 %", "85 %", "95 %"].iter().enumerate().map(|(i, name)| html! {
                        <tr data-level={name.trim_end_matches(" %").to_string()}>
                            <th scope="row">{ *name }</th>
                            { for p.outcomes.iter().map(|o| html! {
                                <td data-date={o.dates.get(i).cloned().unwrap_or_default()}>{
                                    if by_date { format!("at least {} items", o.levels[i]) }
                                    else { format!("{} days: {}", o.levels[i], o.long_dates.get(i).cloned().unwrap_or_default()) }
                                }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <ForecastChart outcomes={p.outcomes.clone()} items={by_date} theme={p.theme} />
            <button class="btn" onclick={export}>{ "Save trials as CSV" }</button>
        </div>
    }
}
