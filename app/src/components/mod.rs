//! Pieces every page is built from.

pub mod fields;
pub mod page;
pub mod shell;
