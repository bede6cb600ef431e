//! Custom hooks.

pub mod use_file_reader;
pub mod use_report_height;
pub mod use_shortcuts;
