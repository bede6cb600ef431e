//! The differences between the two variants of an A/B comparison.

use crate::sim::compare::{rows, shows_cycle_time, Backlog, Row, Verdict, NOISE};
use crate::sim::Summary;
use yew::prelude::*;

/// Properties of [`AbSummary`].
#[derive(Properties, PartialEq, Clone)]
pub struct AbSummaryProps {
    /// Variant A's summary.
    pub a: Summary,
    /// Variant B's summary.
    pub b: Summary,
    /// What A is.
    pub label_a: AttrValue,
    /// What B is.
    pub label_b: AttrValue,
    /// Whether every request of both runs was in a day-0 backlog, and which runs are over.
    #[prop_or_default]
    pub backlog: Option<Backlog>,
}

/// A relative change in whole percent with its sign: "+12 %", "-3 %", and "0 %" for a change
/// that rounds to nothing (never "-0 %").
fn signed_percent(r: f64) -> String {
    let percent = (r * 100.0).round();
    if percent == 0.0 {
        "0 %".into()
    } else {
        format!("{percent:+.0} %")
    }
}

/// One measure's row: A, B and the change, coloured by its verdict.
fn row(r: &Row) -> Html {
    let decimals = r.decimals;
    let fmt = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.decimals$}{}", r.unit));
    let class = match r.verdict {
        Verdict::Better => "better",
        Verdict::Worse => "worse",
        Verdict::Same => "same",
    };
    html! {
        <tr title={r.help}>
            <th scope="row">{ r.name.clone() }</th>
            <td data-variant="A">{ fmt(r.a) }</td>
            <td data-variant="B">{ fmt(r.b) }</td>
            <td class={classes!("change", class)}>{ r.change.map_or("–".into(), signed_percent) }</td>
        </tr>
    }
}

/// Why the table has the time rows it has: lead time from a day-0 backlog only counts days
/// (the charts still plot it), and cycle time that equals lead time gets no rows of its own.
fn time_note(backlog: bool, cycle_rows: bool) -> &'static str {
    match (backlog, cycle_rows) {
        (true, true) => " Every request was made on day 0, so lead time (in the charts) only counts the days since then: compare cycle time, from the start of work.",
        (true, false) => " Every request was made on day 0, so lead time (in the charts) only counts the days since then: the table says on which day each run had done them all.",
        (false, false) => " Cycle time is lead time here (work starts as soon as it is requested), so it has no rows of its own.",
        (false, true) => "",
    }
}

/// A table of A against B.
#[function_component(AbSummary)]
pub fn ab_summary(props: &AbSummaryProps) -> Html {
    let (a, b) = (&props.a, &props.b);
    let rows = rows(a, b, props.backlog);
    let note = time_note(props.backlog.is_some(), shows_cycle_time(a, b));
    let (classes, totals): (Vec<&Row>, Vec<&Row>) = rows.iter().partition(|r| r.class);
    let several = !classes.is_empty();
    let noise = (NOISE * 100.0).round();
    html! {
        <section class="ab-summary" aria-label="A/B differences">
            <p class="ab-note">
                { format!("Same seed: the same requests at the same times, each needing the same work, so differences come from the change. Changes within ±{noise} % are chance and not coloured.") }
                if several {
                    { " With classes of service, compare each class with itself: the totals mix the classes, and a class's throughput follows its demand, so neither is coloured." }
                }
                { note }
            </p>
            // Scrolls sideways on its own when the screen is narrower than the table (focusable,
            // so a keyboard can scroll it too).
            <div class="table-scroll" tabindex="0" role="region" aria-label="A/B table">
            <table>
                <thead><tr>
                    <th scope="col">{ "Measure" }</th>
                    <th scope="col"><span class="variant-tag a">{ "A" }</span>{ props.label_a.clone() }</th>
                    <th scope="col"><span class="variant-tag b">{ "B" }</span>{ props.label_b.clone() }</th>
                    <th scope="col">{ "B vs A" }</th>
                </tr></thead>
                // With classes of service each class compared with itself comes first: the
                // totals mix the classes.
                if several {
                    <tbody class="ab-classes">
                        <tr><th colspan="4" scope="rowgroup">{ "By class of service" }</th></tr>
                        { for classes.into_iter().map(row) }
                    </tbody>
                }
                <tbody>
                    if several {
                        <tr><th colspan="4" scope="rowgroup">{ "All classes together" }</th></tr>
                    }
                    { for totals.into_iter().map(row) }
                    <tr title="The stage limiting each run's throughput, once the evidence names it (the same as its board's flag)">
                        <th scope="row">{ "Bottleneck" }</th>
                        <td data-variant="A">{ a.bottleneck_text() }</td>
                        <td data-variant="B">{ b.bottleneck_text() }</td>
                        <td class="change same">{ match (&a.bottleneck, &b.bottleneck) {
                            (Some(x), Some(y)) if x == y => "same",
                            (Some(_), Some(_)) => "moved",
                            // One run has not named its bottleneck yet: nothing to compare.
                            _ => "–",
                        } }</td>
                    </tr>
                </tbody>
            </table>
            </div>
        </section>
    }
}
