//! The differences between the two variants of an A/B comparison.

use crate::sim::Summary;
use yew::prelude::*;

/// Properties of [`AbSummary`].
#[derive(Properties, PartialEq)]
pub struct AbSummaryProps {
    /// Variant A's summary.
    pub a: Summary,
    /// Variant B's summary.
    pub b: Summary,
    /// What A is.
    pub label_a: AttrValue,
    /// What B is.
    pub label_b: AttrValue,
}

/// Changes smaller than this share are not coloured better or worse: two runs of a few
/// hundred days differ that much by chance even on the same seed (in lesson 4's reveal,
/// "develop twice as fast" showed +3 % throughput beside a debrief saying it stays the same).
const NOISE: f64 = 0.05;

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

/// One measure's row: A, B and the change; `(unit, decimals)` say how its values are written.
fn row(
    name: &str,
    help: &str,
    a: Option<f64>,
    b: Option<f64>,
    (unit, decimals): (&str, usize),
    lower_is_better: bool,
) -> Html {
    let fmt = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.decimals$}{unit}"));
    let (change, class) = match (a, b) {
        (Some(a), Some(b)) if a.abs() > 1e-12 => {
            let r = (b - a) / a;
            let better = if lower_is_better {
                r < -NOISE
            } else {
                r > NOISE
            };
            let worse = if lower_is_better {
                r > NOISE
            } else {
                r < -NOISE
            };
            (
                signed_percent(r),
                if better {
                    "better"
                } else if worse {
                    "worse"
                } else {
                    "same"
                },
            )
        }
        _ => ("–".into(), "same"),
    };
    html! {
        <tr title={help.to_string()}>
            <th scope="row">{ name }</th>
            <td data-variant="A">{ fmt(a) }</td>
            <td data-variant="B">{ fmt(b) }</td>
            <td class={classes!("change", class)}>{ change }</td>
        </tr>
    }
}

/// A table of A against B.
#[function_component(AbSummary)]
pub fn ab_summary(props: &AbSummaryProps) -> Html {
    let (a, b) = (&props.a, &props.b);
    // Before the statistics cover any time (day 0, the warm-up) the period's measures are
    // empty ("–"), not 0. Both variants share one clock and warm-up.
    let stat = |v: f64| a.has_stats().then_some(v);
    html! {
        <section class="ab-summary" aria-label="A/B differences">
            <p class="ab-note">{ "Both variants run on the same seed: the same requests arrive at the same times and each item needs the same work, so differences come mostly from the change. Changes within ±5 % are not coloured: runs this long can differ that much by chance." }</p>
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
                <tbody>
                    { row("Throughput", "Items done per day", stat(a.throughput), stat(b.throughput), (" /day", 2), false) }
                    { row("Lead time p50", "Half of the items took at most this long, request to done", a.lead_time.p50, b.lead_time.p50, (" d", 2), true) }
                    { row("Lead time p85", "85 % of the items took at most this long", a.lead_time.p85, b.lead_time.p85, (" d", 2), true) }
                    { row("WIP (mean)", "Items started and not finished, on average", stat(a.wip_mean), stat(b.wip_mean), ("", 2), true) }
                    { row(&a.done_label(), "Items done so far (after the warm-up; the boards count every item)", stat(a.completed as f64), stat(b.completed as f64), ("", 0), false) }
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
