//! The parts of the app that the release build ships in wasm files of their own (see
//! [`super::lazy`]): what an embed, a room's laptop or the first paint does not need. Each
//! file is fetched the first time one of its parts is shown:
//!
//! - `panels`: theory, delivery metrics, sweeps and forecasts, which the full page shows below
//!   its charts (together, so the page fetches one file for them);
//! - `editor`: the scenario editor beside the simulation;
//! - `share`, `lessons` (lesson and workshop panels), `compare` (the A/B table): when opened;
//! - `rooms`: a room's dashboard and team panel, and the protocol's JSON
//!   (`hooks::use_room`'s codec), when a page joins a room.
//!
//! Code that two files share and the main module does not use goes in `chunk_*` files that
//! both fetch.

use super::components::ab_summary::{AbSummary, AbSummaryProps};
use super::components::dora::{DoraPanel, DoraProps};
use super::components::forecast_panel::{ForecastPanel, ForecastPanelProps};
use super::components::lesson_panel::{LessonPanel, LessonPanelProps};
use super::components::room_host::{RoomHost, RoomHostProps};
use super::components::room_participant::{RoomParticipant, RoomParticipantProps};
use super::components::scenario_panel::{ScenarioPanel, ScenarioPanelProps};
use super::components::share_dialog::{ShareDialog, ShareDialogProps};
use super::components::sweep_panel::{SweepPanel, SweepPanelProps};
use super::components::theory::{Theory, TheoryProps};
use super::components::workshop::{Workshop, WorkshopProps};

crate::parts! {
    /// The Forecast panel ("when will it be done?"), with its history reader and charts.
    pub static FORECAST: ForecastPanel[ForecastPanelProps] in panels as forecast_panel, "the forecast panel";

    /// The Sweep panel.
    pub static SWEEP: SweepPanel[SweepPanelProps] in panels as sweep_panel, "the sweep panel";

    /// A room's dashboard on the facilitator's screen.
    pub static ROOM_HOST: RoomHost[RoomHostProps] in rooms as room_host, "the room's dashboard";

    /// A team's room panel on a participant's laptop.
    pub static ROOM_PARTICIPANT: RoomParticipant[RoomParticipantProps] in rooms as room_participant, "the room panel";

    /// The scenario editor beside the simulation (not in embeds, nor on a room's laptops).
    pub static SCENARIO_EDITOR: ScenarioPanel[ScenarioPanelProps] in editor as scenario_panel, "the scenario editor";

    /// The Share dialog: links, embed snippets and their preview.
    pub static SHARE: ShareDialog[ShareDialogProps] in share as share_dialog, "the share dialog";

    /// A lesson's panel: its steps, claims and debrief.
    pub static LESSON: LessonPanel[LessonPanelProps] in lessons as lesson_panel, "the lesson";

    /// Workshop mode's predict → run → reveal panel.
    pub static WORKSHOP: Workshop[WorkshopProps] in lessons as workshop_panel, "the workshop panel";

    /// The A/B table.
    pub static AB_SUMMARY: AbSummary[AbSummaryProps] in compare as ab_summary, "the comparison";

    /// Theory beside the simulation (queueing formulas against the run).
    pub static THEORY: Theory[TheoryProps] in panels as theory_panel, "the theory";

    /// The DORA-style delivery metrics.
    pub static DORA: DoraPanel[DoraProps] in panels as dora_panel, "the delivery metrics";
}
