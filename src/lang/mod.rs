//! The language layer: pure stages over one article's `&str` that return
//! spans. [`segment`] (sentences), [`detect`] (proportion expressions),
//! [`tokens`] and [`groups`] (words and group phrases), [`attribute`]
//! (whose figure it is), [`subject`] (what it is about); [`extract`] chains
//! them. Nothing here reads files or spawns threads; the byte-level fast
//! paths it calls live in [`crate::scan`].

pub mod analysis;
pub mod attribute;
pub mod detect;
pub mod extract;
pub mod groups;
pub mod segment;
pub mod subject;
pub mod tokens;
