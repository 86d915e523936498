//! One module per subcommand, each with one `run`.

pub mod audit;
pub mod completions;
pub mod dataset;
pub mod eval;
pub mod export;
pub mod extract;
pub mod report;
pub mod schema;
pub mod show;
pub mod stats;
pub mod stream;

/// Exit statuses of the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// Everything worked.
    Success = 0,
    /// The run finished, but some inputs failed (named on stderr).
    Partial = 1,
    /// Usage error, or nothing could be written.
    Failure = 2,
}
