//! claimscan: percentage claims from article texts, with offsets anyone can audit.
//!
//! The library is a chain of pure stages over `&str` that return spans:
//! [`lang::segment`] (sentences), [`lang::detect`] (proportion expressions),
//! [`lang::attribute`] (whose figure it is), [`lang::subject`] (what it is about).
//! [`lang::extract::extract_article`] runs them all on one article. File I/O,
//! threads and progress bars live in [`io`] and the command modules.
//!
//! ```
//! use claimscan::lang::extract::extract_article;
//! use claimscan::lang::groups::Population;
//!
//! let text = "On the CIO side, 49% said budgets are too tight (58% vs. 35%).";
//! let claims = extract_article(text);
//! let first = &claims[0];
//! assert_eq!(first.figure.span.slice(text), "49%");
//! assert_eq!(first.attribution.population, Population::It);
//! assert_eq!(first.subject.map(|s| s.slice(text)), Some("said budgets are too tight"));
//! ```
#![deny(missing_docs)]

pub mod cli;
pub mod cmd;
pub mod dataset;
pub mod io;
pub mod lang;
pub mod record;
mod scan;
pub mod span;
