//! `claimscan extract`: a folder of articles in, a claims dataset out.

use crate::cli::ExtractArgs;
use crate::cmd::Status;
use crate::io::driver::{Settings, run as run_extraction};
use std::io::IsTerminal;
use std::path::PathBuf;

/// The corpus folder when none is given.
const DEFAULT_CORPUS: &str = "corpus";

/// Runs `claimscan extract`.
pub(crate) fn run(args: &ExtractArgs) -> anyhow::Result<Status> {
    if args.threads == Some(0) {
        anyhow::bail!("--threads must be at least 1");
    }
    let settings = Settings {
        corpus: args.corpus.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS)),
        corpus_is_default: args.corpus.is_none(),
        out: args.out.clone(),
        exts: args.ext.iter().map(|x| x.trim_start_matches('.').to_string()).collect(),
        threads: args.threads,
        progress: !args.quiet && std::io::stderr().is_terminal(),
        full: args.full,
        extractor: std::sync::Arc::new(super::extractor(args.populations.as_deref())?),
    };
    let summary = run_extraction(&settings)?;
    for p in &summary.problems {
        eprintln!("claimscan: {p}");
    }
    if !args.quiet {
        let pops: Vec<String> =
            summary.by_population.iter().map(|(k, v)| format!("{k} {v}")).collect();
        eprintln!(
            "{} articles ({} failed), {} claims ({}) in {:.2}s -> {}",
            summary.articles,
            summary.failed,
            summary.claims,
            if pops.is_empty() { "none".to_string() } else { pops.join(", ") },
            summary.seconds,
            args.out.join("claims.jsonl").display()
        );
        if let Some(c) = summary.changes {
            eprintln!(
                "incremental: {} new, {} changed, {} unchanged, {} removed (--full rebuilds everything)",
                c.new, c.changed, c.unchanged, c.removed
            );
        }
    }
    Ok(if summary.failed > 0 { Status::Partial } else { Status::Success })
}
