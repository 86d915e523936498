//! claimscan: percentage claims from article texts, with offsets anyone can audit.
//!
//! The library is a chain of pure stages over `&str` that return spans:
//! [`segment`] (sentences), [`detect`] (proportion expressions),
//! [`attribute`] (whose figure it is), [`subject`] (what it is about).
//! [`extract::extract_article`] runs them all on one article. File I/O,
//! threads and progress bars live in [`pipeline`] and the command modules.
//!
//! ```
//! use claimscan::extract::extract_article;
//! use claimscan::groups::Population;
//!
//! let text = "On the CIO side, 49% said budgets are too tight (58% vs. 35%).";
//! let claims = extract_article(text);
//! let first = &claims[0];
//! assert_eq!(first.figure.span.slice(text), "49%");
//! assert_eq!(first.attribution.population, Population::It);
//! assert_eq!(first.subject.map(|s| s.slice(text)), Some("said budgets are too tight"));
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod attribute;
pub mod audit;
pub mod cli;
pub mod cmd;
pub mod corpus;
pub mod detect;
pub mod eval;
pub mod export;
pub mod extract;
pub mod groups;
pub mod html;
pub mod pipeline;
pub mod record;
pub mod report;
pub mod segment;
pub mod span;
pub mod stats;
pub mod subject;
mod swar;
pub mod tokens;
