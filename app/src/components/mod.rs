//! Pieces every page is built from.

pub mod bars;
pub mod face_scale;
pub mod fields;
pub mod island_scripts;
pub mod page;
pub mod shell;
