//! The `claimscan` binary: parse arguments, run a command, map the result to an exit code.

use claimscan::cli::{Cli, Command};
use claimscan::cmd;
use clap::Parser;
use std::process::ExitCode;

/// mimalloc: extraction makes many short-lived allocations per article
/// (tokens, records, JSON lines) across threads; glibc's allocator spent
/// ~6% of a batch's CPU time in malloc/free (perf over BBC+Reuters).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Stream(args) => cmd::stream::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Audit(args) => cmd::audit::run(args),
        Command::Show(args) => cmd::show::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Completions(args) => cmd::completions::run(args),
        Command::Man => cmd::completions::man(),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("claimscan: {err:#}");
            ExitCode::from(cmd::Status::Failure as u8)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
