//! UI components, one per file.

pub mod board;
pub mod changes;
pub mod controls;
pub mod dist_editor;
pub mod edit;
pub mod field;
pub mod metrics;
pub mod scenario_panel;
pub mod simulator;
pub mod stage_editor;
