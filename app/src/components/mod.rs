//! Pieces every page is built from.

pub mod bars;
pub mod face_scale;
pub mod fields;
pub mod island_scripts;
pub mod list_filters;
pub mod page;
pub mod pager;
pub mod shell;
