//! `claimscan report [DATASET] -o report.html [--corpus DIR] [--audit AUDIT.jsonl]`:
//! one self-contained HTML page showing every article with its claims
//! highlighted (see [`crate::dataset::report`] for what the page does).
//!
//! The dataset is loaded and checked as `claimscan audit` does, every
//! article of the manifest is read from the corpus and decoded by the
//! extraction policy, and `--audit` (the output of `claimscan audit --json`)
//! gives the claims' statuses; without it each claim's spans are checked
//! against its article (`verified` or `mismatch`). The page is written
//! atomically to `-o` (default `report.html`) and a line on stderr says what
//! it holds. Exit status 1 when an article cannot be read or a claim cannot
//! be highlighted (each named on stderr; the page lists them too), 2 when
//! the dataset or the audit file cannot be read.

use crate::cli::ReportArgs;
use crate::cmd::Status;
use crate::cmd::dataset::{corpus_dir, load, read_article};
use crate::dataset::report::{ArticleText, Input, parse_audit, render};
use crate::io::corpus::decode;
use crate::io::files::write_atomic;
use anyhow::Context;

/// Runs `claimscan report`.
pub(crate) fn run(args: &ReportArgs) -> anyhow::Result<Status> {
    let dataset = load(&args.dataset)?;
    let corpus = corpus_dir(args.corpus.as_deref(), &dataset.manifest)?;
    let audit = match &args.audit {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let log = parse_audit(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            if log.claims != dataset.claims.len() {
                eprintln!(
                    "claimscan: warning: {} audited {} claims but the dataset holds {}: \
                     it may be stale (run claimscan audit --json again)",
                    path.display(),
                    log.claims,
                    dataset.claims.len()
                );
            }
            Some(log)
        }
    };

    let mut status = Status::Success;
    let articles: Vec<ArticleText> = dataset
        .manifest
        .articles
        .iter()
        .map(|entry| {
            let text = if entry.sha256.is_none() {
                Err(format!("extraction failed: {}", entry.status))
            } else {
                let text = read_article(&corpus, &entry.path).and_then(decode).map(|d| d.text);
                if let Err(why) = &text {
                    eprintln!("claimscan: article {}: {why}", entry.path);
                    status = Status::Partial;
                }
                text
            };
            ArticleText { path: entry.path.clone(), text }
        })
        .collect();

    let title = args.dataset.display().to_string();
    let page = render(&Input {
        title: &title,
        articles: &articles,
        claims: &dataset.claims,
        audit: audit.as_ref(),
        populations: &dataset.manifest.populations,
    });
    for why in &page.unplaced {
        eprintln!("claimscan: claim {why}");
        status = Status::Partial;
    }
    write_atomic(&args.out, page.html.as_bytes())
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let statuses: Vec<String> = page.statuses.iter().map(|(k, v)| format!("{k} {v}")).collect();
    eprintln!(
        "{}: {} articles, {} of {} claims highlighted ({}), {} bytes",
        args.out.display(),
        articles.len(),
        page.placed,
        dataset.claims.len(),
        if statuses.is_empty() { "none".to_string() } else { statuses.join(", ") },
        page.html.len()
    );
    Ok(status)
}
