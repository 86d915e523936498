//! What reads a finished dataset: audit, export, stats, the HTML report and
//! the scorer against a gold file.

pub(crate) mod audit;
pub(crate) mod eval;
pub(crate) mod export;
pub(crate) mod report;
pub(crate) mod stats;
