//! One module per subcommand, each with one `run`; [`dataset`] loads the
//! datasets that `audit`, `show`, `export`, `stats` and `report` read.

use crate::cli::{Cli, Command};

pub(crate) mod audit;
pub(crate) mod completions;
pub(crate) mod dataset;
pub(crate) mod eval;
pub(crate) mod export;
pub(crate) mod extract;
pub(crate) mod report;
pub(crate) mod schema;
pub(crate) mod show;
pub(crate) mod stats;
pub(crate) mod stream;

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

/// Runs the command the user typed; the error, if any, is for `main` to print.
pub fn run(cli: &Cli) -> anyhow::Result<Status> {
    match &cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Stream(args) => stream::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Show(args) => show::run(args),
        Command::Export(args) => export::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Report(args) => report::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
    }
}

/// The extractor of the populations file at `path`, or of the built-in one;
/// a bad file is a usage error (exit status 2) naming its line.
pub(crate) fn extractor(
    path: Option<&std::path::Path>,
) -> anyhow::Result<crate::lang::extract::Extractor> {
    use crate::lang::populations::Populations;
    let pops = match path {
        Some(p) => Populations::load(p).map_err(|e| anyhow::anyhow!("bad populations file {e}"))?,
        None => Populations::builtin().clone(),
    };
    Ok(crate::lang::extract::Extractor::new(pops))
}
