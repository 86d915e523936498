//! The edges: finding and reading articles ([`corpus`]), the extraction
//! driver, the only place with threads ([`driver`]), incremental reuse of a
//! previous dataset ([`incremental`]), the manifest writer ([`manifest`]),
//! atomic files and the page-cache and fsync tricks ([`files`]) and the
//! progress bar ([`progress`]).

pub(crate) mod corpus;
pub(crate) mod driver;
pub(crate) mod files;
pub(crate) mod incremental;
pub(crate) mod manifest;
pub(crate) mod progress;
