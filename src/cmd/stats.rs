//! `claimscan stats [DATASET] [--json|--csv] [--top N]`: a summary (claims
//! by population, role, kind and bound), the marketing-vs-IT gap table and
//! the articles with claims (see [`crate::dataset::stats`]).
//!
//! Plain text by default, each table at most `--top` rows (20 unless
//! given; 0 for all); `--json` prints everything as one object, `--csv`
//! the gap table alone (the counts are one `--json` or one `export --format
//! csv` away), both whole unless `--top` is given. Only the dataset is
//! read, not the corpus.

use crate::cli::StatsArgs;
use crate::cmd::Status;
use crate::cmd::dataset::{dataset_dir, load};
use crate::dataset::stats::{DEFAULT_TOP, gaps_csv, render_text, stats};
use std::io::Write;

/// Runs `claimscan stats`.
pub(crate) fn run(args: &StatsArgs) -> anyhow::Result<Status> {
    let dataset = load(&dataset_dir(&args.dataset)?)?;
    let paths: Vec<&str> = dataset.manifest.articles.iter().map(|a| a.path.as_str()).collect();
    let mut s = stats(&paths, &dataset.claims, &dataset.manifest.populations);
    if let Some(top) = args.top.filter(|&t| t > 0)
        && (args.json || args.csv)
    {
        s.truncate(top);
    }
    let out = if args.json {
        let mut json = serde_json::to_string_pretty(&s)?;
        json.push('\n');
        json
    } else if args.csv {
        gaps_csv(&s.gaps)
    } else {
        render_text(&s, Some(args.top.unwrap_or(DEFAULT_TOP)))
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(Status::Success)
}
