//! The edges: finding and reading articles ([`corpus`]), the extraction
//! driver, the only place with threads ([`driver`]), incremental reuse of a
//! previous dataset ([`incremental`]), the manifest writer ([`manifest`]),
//! atomic files and the page-cache and fsync tricks ([`files`]), the
//! progress bar ([`progress`]) and the line reader of `stream` ([`lines`]).
//! Nothing outside `io/` starts a thread: `stream` maps its batches on
//! [`driver::Workers`].

pub(crate) mod corpus;
pub(crate) mod driver;
pub(crate) mod files;
pub(crate) mod incremental;
pub(crate) mod lines;
pub(crate) mod manifest;
pub(crate) mod progress;
