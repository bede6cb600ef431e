//! Custom hooks.

pub mod use_shortcuts;
