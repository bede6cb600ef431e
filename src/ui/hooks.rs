//! Custom hooks.

pub mod room_ui;
pub mod use_file_reader;
pub mod use_report_height;
pub mod use_room;
pub mod use_shortcuts;
