//! claimscan: percentage claims from article texts, with offsets anyone can audit.
//!
//! The library is layered; its public API is the `pub use` block below.
//!
//! - `lang/`: pure stages over one article's `&str` that return spans:
//!   sentences, proportion expressions ([`Figure`]), the [`Lexicon`] of a
//!   populations file ([`Populations`]), tokens and group phrases, whose
//!   figure it is ([`Attribution`]), what it is about; [`extract_article`]
//!   chains them for the built-in marketing/IT populations, an
//!   [`Extractor`] for any.
//! - `scan/`: the byte-level fast paths those stages call, each tested
//!   against a plain reference.
//! - `record.rs`: the dataset's wire types ([`ClaimRecord`], [`Manifest`])
//!   and [`claim_records`], which converts an article's [`Claim`]s to them.
//! - `io/`: finding and reading articles ([`decode`]), the extraction
//!   driver (the only place with threads), incremental reuse, the manifest
//!   writer, atomic files.
//! - `html/`: web pages to article text ([`html_to_text`]), with a
//!   [`SourceMap`] from the text's bytes back to the page's.
//! - `dataset/`: what reads a finished dataset: audit, export, stats, the
//!   HTML report, the scorer ([`score`]).
//! - `cli.rs` and `cmd/`: what the user typed ([`Cli`]) and one module per
//!   subcommand; [`run`] dispatches to them.
//!
//! ```
//! use claimscan::{Population, extract_article};
//!
//! let text = "On the CIO side, 49% said budgets are too tight (58% vs. 35%).";
//! let claims = extract_article(text);
//! let first = &claims[0];
//! assert_eq!(first.figure.span.slice(text), "49%");
//! assert_eq!(first.attribution.population, Population::Second);
//! assert_eq!(first.subject.map(|s| s.slice(text)), Some("said budgets are too tight"));
//! ```
#![deny(missing_docs)]
#![warn(unreachable_pub)]

mod cli;
mod cmd;
mod dataset;
mod html;
mod io;
mod lang;
mod record;
mod scan;
mod span;

pub use crate::cli::{Cli, SchemaKind};
pub use crate::cmd::schema::schema_json;
pub use crate::cmd::{Status, run};
pub use crate::dataset::eval::{Scores, load_jsonl, score};
pub use crate::dataset::export::{
    Article, COLOURS, CSV_COLUMNS, QUOTE_CONTEXT, csv as export_csv, labels as population_labels,
};
pub use crate::dataset::stats::gap_columns;
pub use crate::html::{
    HtmlError, HtmlText, SourceMap, collapse_white_space, fragment_text, html_to_text,
    looks_like_html,
};
pub use crate::io::corpus::{Decoded, decode};
pub use crate::lang::attribute::{Attribution, PopulationRule};
pub use crate::lang::detect::{Bound, Figure, Kind};
pub use crate::lang::extract::{Claim, Extractor, extract_article, extract_article_with};
pub use crate::lang::lexicon::{Lexicon, Population};
pub use crate::lang::pairs::{Pair, PairRule};
pub use crate::lang::populations::{Populations, PopulationsError};
pub use crate::lang::role::{Role, RoleRule};
pub use crate::lang::subject::SubjectRule;
pub use crate::record::{
    ArticleEntry, Audited, ClaimRecord, Manifest, Phrase, PopulationsUsed, SCHEMA_VERSION,
    SpanRecord, claim_id, claim_records,
};
pub use crate::span::Span;
