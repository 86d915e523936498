//! The edges: finding and reading articles, the extraction driver (the only
//! place with threads), incremental reuse, the manifest writer, atomic files
//! and the progress bar.

pub mod corpus;
pub mod driver;
