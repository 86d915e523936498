//! claimscan: percentage claims from article texts, with offsets anyone can audit.
//!
//! The library is a chain of pure stages over `&str` that return spans:
//! [`segment`] (sentences), [`detect`] (proportion expressions),
//! [`attribute`] (whose figure it is), [`subject`] (what it is about).
//! [`extract::extract_article`] runs them all on one article. File I/O,
//! threads and progress bars live in [`pipeline`] and the command modules.
#![deny(missing_docs)]

pub mod analysis;
pub mod attribute;
pub mod audit;
pub mod cli;
pub mod cmd;
pub mod corpus;
pub mod detect;
pub mod eval;
pub mod extract;
pub mod groups;
pub mod pipeline;
pub mod record;
pub mod segment;
pub mod span;
pub mod subject;
pub mod tokens;
