//! UI components, one per file.

pub mod controls;
pub mod metrics;
pub mod simulator;
