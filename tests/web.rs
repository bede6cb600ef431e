//! Tests that run as wasm32 in headless Chromium (wasm-bindgen-test): the core gives the same
//! results as natively, and the components render what they should.
#![cfg(target_arch = "wasm32")]

mod common;

use flowsim::sim::{Scenario, Simulation};
use flowsim::ui::app::App;
use flowsim::ui::chart_data::ChartData;
use flowsim::ui::components::board::{Board, BoardProps, TOKENS};
use gloo::timers::future::sleep;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_core_gives_bit_identical_results_in_wasm() {
    let (checksum, _) = common::determinism_run();
    assert_eq!(checksum, common::DETERMINISM_CHECKSUM);
}

#[wasm_bindgen_test]
fn forecasts_give_bit_identical_results_in_wasm() {
    assert_eq!(
        common::forecast_determinism_run(),
        common::FORECAST_CHECKSUM
    );
}

fn mount_root() -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

#[wasm_bindgen_test]
async fn the_app_renders_controls_metrics_board_and_drawn_charts() {
    let root = mount_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    sleep(Duration::from_millis(150)).await;
    let text = root.text_content().unwrap_or_default();
    for words in [
        "Play",
        "Step",
        "Reset",
        "Items done",
        "Throughput",
        "Little's law",
        "Bottleneck",
    ] {
        assert!(text.contains(words), "no {words:?} in the page");
    }
    let done = root
        .query_selector("[data-metric=done] .metric-value")
        .unwrap()
        .unwrap();
    // Day 0: no time has passed, so the period's count is empty, like its rates.
    assert_eq!(done.text_content().as_deref(), Some("–"));
    let columns: Vec<String> = (0..6)
        .map(|i| {
            let all = root.query_selector_all(".board-column").unwrap();
            all.item(i)
                .unwrap()
                .dyn_into::<web_sys::Element>()
                .unwrap()
                .get_attribute("data-column")
                .unwrap()
        })
        .collect();
    assert_eq!(
        columns,
        ["Backlog", "Analyse", "Develop", "Test", "Deploy", "Done"]
    );
    for id in [
        "throughput",
        "lead-scatter",
        "cfd",
        "lead-histogram",
        "stages",
        "aging",
    ] {
        let canvas: HtmlCanvasElement = root
            .query_selector(&format!("canvas#chart-{id}"))
            .unwrap()
            .unwrap_or_else(|| panic!("no {id} chart"))
            .dyn_into()
            .unwrap();
        // Charts draw one per animation frame: give them up to two seconds.
        for _ in 0..100 {
            if ink_share(&canvas) > 0.01 {
                break;
            }
            sleep(Duration::from_millis(20)).await;
        }
        assert!(ink_share(&canvas) > 0.01, "the {id} chart is blank");
    }
}

#[wasm_bindgen_test]
async fn the_board_marks_a_full_column_its_limit_and_the_bottleneck() {
    let scenario = Scenario::from_json(
        r#"{"arrival": {"type":"backlog","count":30},
            "stages": [{"name":"Dev","workers":2,"work":{"type":"constant","value":0.5}},
                       {"name":"Test","work":{"type":"constant","value":2},"wip_limit":2}]}"#,
    )
    .unwrap();
    let mut sim = Simulation::new(&scenario).unwrap();
    sim.run_until(41.0); // a bottleneck is named after 40 windows of evidence
    let root = mount_root();
    let props = BoardProps {
        board: Rc::new(sim.board(TOKENS)),
        animate: true,
        bottleneck: sim.bottleneck(),
    };
    yew::Renderer::<Board>::with_root_and_props(root.clone(), props).render();
    sleep(Duration::from_millis(50)).await;
    let test = root.query_selector("[data-column=Test]").unwrap().unwrap();
    let classes = test.class_name();
    assert!(
        classes.contains("full") && classes.contains("bottleneck"),
        "{classes}"
    );
    assert_eq!(
        test.query_selector("[data-limit]")
            .unwrap()
            .unwrap()
            .get_attribute("data-limit")
            .as_deref(),
        Some("2")
    );
    let text = test.text_content().unwrap();
    assert!(
        text.contains("WIP 2") && text.contains("limit 2") && text.contains("full"),
        "{text}"
    );
    let dev = root.query_selector("[data-column=Dev]").unwrap().unwrap();
    // Dev's finished work waits for room in the full Test column.
    assert!(dev.text_content().unwrap().contains("no room"));
    // Tokens: every item shown is a token; the rest are counted.
    let tokens = root.query_selector_all(".token").unwrap().length();
    assert!(tokens > 0 && tokens as usize <= 3 * TOKENS * 2 + 2 * TOKENS);
}

#[wasm_bindgen_test]
fn chart_data_stays_bounded_over_ten_simulated_years() {
    let scenario = flowsim::ui::state::default_scenario();
    let mut sim = Simulation::new(&scenario).unwrap();
    let mut data = ChartData::new(&sim);
    let mut day = 0.0;
    while day < 3650.0 {
        day += 0.5;
        sim.run_until(day);
        data.ingest(&sim);
    }
    assert!(sim.summary().completed > 6000);
    assert!(data.throughput.points().len() <= 1200 && data.cfd.points().len() <= 1200);
    assert!(data.scatter.points().len() <= 2400 && data.recent_leads.len() <= 1000);
    // The decimated series still span the whole run.
    assert!(data.throughput.points()[0].0 < 10.0 && data.throughput.last().unwrap().0 > 3640.0);
}

/// Share of the canvas pixels that differ from the top-left (background) pixel.
fn ink_share(canvas: &HtmlCanvasElement) -> f64 {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let (w, h) = (canvas.width(), canvas.height());
    let data = ctx
        .get_image_data(0.0, 0.0, w as f64, h as f64)
        .unwrap()
        .data();
    let ink = data.chunks(4).filter(|px| px[..3] != data[..3]).count();
    ink as f64 / (w * h) as f64
}

/// The room bar's refusal stays while the room changes around it (every team's report changes
/// the room, so it used to vanish within a second) and goes when dismissed.
#[wasm_bindgen_test]
fn a_room_refusal_stays_until_dismissed() {
    use flowsim::rooms::{RoomView, ServerMsg};
    use flowsim::state::Phase;
    use flowsim::ui::hooks::room_ui::{Event, RoomUi};
    use yew::Reducible;
    let refused = "only the facilitator can do that";
    let ui = Rc::new(RoomUi::default()).reduce(Event::Error(refused.into()));
    let room = RoomView {
        code: "ACEFH".into(),
        round: 1,
        content: None,
        phase: Phase::Run,
        challenge: None,
        facilitator_online: true,
        teams: vec![],
    };
    let ui = ui.reduce(Event::Msg(ServerMsg::Room { room }));
    assert!(ui.view.is_some());
    assert_eq!(ui.error.as_deref(), Some(refused));
    assert_eq!(ui.reduce(Event::ClearError).error, None);
}

/// The A/B table's rows as (header, change text, change class), read from the page.
fn ab_rows(root: &web_sys::Element) -> Vec<(String, String, String)> {
    let rows = root.query_selector_all("tbody tr").unwrap();
    (0..rows.length())
        .filter_map(|i| {
            let row: web_sys::Element = rows.get(i).unwrap().dyn_into().unwrap();
            let head = row.query_selector("th").unwrap()?.text_content()?;
            let change = row.query_selector("td.change").unwrap()?;
            Some((head, change.text_content()?, change.class_name()))
        })
        .collect()
}

/// The change shown in the A/B row called `name`: (text, class).
fn ab_change(rows: &[(String, String, String)], name: &str) -> (String, String) {
    let (_, text, class) = rows
        .iter()
        .find(|(head, ..)| head == name)
        .unwrap_or_else(|| panic!("no row {name}: {rows:?}"));
    (text.clone(), class.clone())
}

/// Renders the A/B table of `a` against `b` and reads its rows.
async fn render_ab(
    a: flowsim::sim::Summary,
    b: flowsim::sim::Summary,
) -> (web_sys::Element, Vec<(String, String, String)>) {
    use flowsim::ui::components::ab_summary::{AbSummary, AbSummaryProps};
    let root = mount_root();
    let props = AbSummaryProps {
        a,
        b,
        label_a: "A".into(),
        label_b: "B".into(),
        backlog: None,
    };
    yew::Renderer::<AbSummary>::with_root_and_props(root.clone(), props).render();
    sleep(Duration::from_millis(50)).await;
    let rows = ab_rows(&root);
    (root, rows)
}

/// The A/B table writes a change that rounds to nothing as "0 %" (never "-0 %"), others with
/// their sign, and compares bottlenecks only once both runs have named theirs.
#[wasm_bindgen_test]
async fn the_ab_table_writes_changes_with_their_sign_and_no_negative_zero() {
    let mut sim = Simulation::new(&flowsim::state::default_scenario()).unwrap();
    sim.run_until(200.0);
    let a = sim.summary();
    assert!(a.has_stats() && a.throughput > 0.0);
    let mut b = a.clone();
    b.throughput = a.throughput * 0.997; // -0.3 %
    b.wip_mean = a.wip_mean * 1.124; // +12.4 %
                                     // B has not named its bottleneck yet: that is no move.
    assert!(a.bottleneck.is_some());
    b.bottleneck = None;
    let (_, rows) = render_ab(a, b).await;
    assert_eq!(
        ab_change(&rows, "Throughput"),
        ("0 %".into(), "change same".into())
    );
    assert_eq!(
        ab_change(&rows, "WIP (mean)"),
        ("+12 %".into(), "change worse".into())
    );
    assert!(!rows.iter().any(|(_, c, _)| c.contains("-0 ")), "{rows:?}");
    assert_eq!(ab_change(&rows, "Bottleneck").0, "–");
}

/// With classes of service the A/B table compares each class with itself first (lesson 13:
/// with incidents, planned work's lead time p85 is worse) and leaves the totals uncoloured:
/// the incidents add +50 % throughput that is not better. Cycle time gets rows only where it
/// differs from lead time.
#[wasm_bindgen_test]
async fn the_ab_table_compares_classes_with_themselves_and_leaves_mixed_totals_uncoloured() {
    let lesson = flowsim::lessons::all()
        .iter()
        .find(|l| l.id == "unplanned-work")
        .unwrap();
    let run = |step: usize| {
        let mut sim = Simulation::new(&lesson.steps[step].scenario).unwrap();
        sim.run_until(1500.0);
        sim.summary()
    };
    let (root, rows) = render_ab(run(0), run(1)).await;
    let (text, class) = ab_change(&rows, "Throughput");
    assert!(
        text.starts_with('+') && class == "change same",
        "{text} {class}"
    );
    assert_eq!(ab_change(&rows, "Planned lead time p85").1, "change worse");
    assert_eq!(ab_change(&rows, "Planned throughput").1, "change same");
    // No incident in A: nothing to compare with.
    assert_eq!(ab_change(&rows, "Incident lead time p85").0, "–");
    assert!(
        !rows.iter().any(|(head, ..)| head.starts_with("Cycle time")),
        "{rows:?}"
    );
    let note = root.query_selector(".ab-note").unwrap().unwrap();
    assert!(
        note.text_content()
            .unwrap()
            .contains("Cycle time is lead time here"),
        "the note says why there are no cycle-time rows"
    );
    // The classes first, then the totals.
    let groups = root.query_selector_all("th[scope=rowgroup]").unwrap();
    let group = |i| groups.get(i).unwrap().text_content().unwrap();
    assert_eq!(
        (group(0), group(1)),
        ("By class of service".into(), "All classes together".into())
    );
}

#[wasm_bindgen_test]
async fn the_team_chart_keeps_each_teams_colour_and_says_when_teams_share_a_dot() {
    use flowsim::rooms::{Results, TeamView};
    use flowsim::ui::charts::room_teams::{RoomTeamsChart, RoomTeamsChartProps};
    let results = |throughput: f64, lead: f64| Results {
        day: 200.0,
        completed: 100,
        throughput,
        lead_mean: Some(lead),
        lead_p85: Some(lead * 1.5),
        wip_mean: 4.0,
        scenario: None,
    };
    let team = |name: &str, seat: u32, results: Option<Results>| TeamView {
        name: name.into(),
        online: true,
        predicted: false,
        prediction: None,
        results,
        seat,
    };
    // Bees has no results yet; Ants and Cats ran the same run (same seed, same settings); the
    // team that joined after Cats was removed; Eels came within 0.01 items/day of Dogs, which
    // a dot of its own would all but cover.
    let teams = vec![
        team("Ants", 0, Some(results(0.5, 10.0))),
        team("Bees", 1, None),
        team("Cats", 2, Some(results(0.5, 10.0))),
        team("Dogs", 4, Some(results(0.8, 6.0))),
        team("Eels", 5, Some(results(0.81, 6.05))),
    ];
    let root = mount_root();
    yew::Renderer::<RoomTeamsChart>::with_root_and_props(
        root.clone(),
        RoomTeamsChartProps { teams },
    )
    .render();
    sleep(Duration::from_millis(50)).await;
    let all = |selector: &str| {
        let list = root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.get(i).unwrap().dyn_into::<web_sys::Element>().unwrap())
            .collect::<Vec<_>>()
    };
    // Two dots: Ants's (standing for Cats too, and saying so) and Dogs's (for Eels too).
    let dots: Vec<String> = all("g.team-point")
        .iter()
        .filter(|g| g.query_selector("circle").unwrap().is_some())
        .map(|g| g.get_attribute("class").unwrap())
        .collect();
    // Colours follow the seats, the order teams joined: Dogs keeps the fifth colour (s4), not
    // the fourth team's, nor the third with results.
    assert_eq!(dots, ["team-point s0", "team-point s4"]);
    let counts: Vec<String> = all("text.team-count")
        .iter()
        .map(|t| t.text_content().unwrap())
        .collect();
    assert_eq!(counts, ["2 teams", "2 teams"]);
    let legend: Vec<String> = all(".room-teams-legend li")
        .iter()
        .map(|li| li.text_content().unwrap())
        .collect();
    assert_eq!(
        legend,
        [
            "Ants",
            "Cats (same dot as Ants)",
            "Dogs",
            "Eels (same dot as Dogs)"
        ]
    );
}
