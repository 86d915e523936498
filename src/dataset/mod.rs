//! What reads a finished dataset: audit, export, stats, the HTML report and
//! the scorer against a gold file.

pub mod audit;
pub mod eval;
pub mod export;
pub mod report;
pub mod stats;
