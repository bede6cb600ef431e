//! UI components, one per file.

pub mod ab_summary;
pub mod board;
pub mod changes;
pub mod class_editor;
pub mod controls;
pub mod dist_editor;
pub mod dora;
pub mod edit;
pub mod export_bar;
pub mod field;
pub mod forecast_fit;
pub mod forecast_panel;
pub mod forecast_result;
pub mod history_input;
pub mod lesson_panel;
pub mod lesson_picker;
pub mod metrics;
pub mod scenario_panel;
pub mod share_dialog;
pub mod simulator;
pub mod stage_editor;
pub mod sweep_panel;
pub mod theory;
pub mod timeline;
pub mod workshop;
