//! `claimscan report [DATASET] [-o FILE.html] [--corpus DIR] [--audit AUDIT.jsonl]`:
//! one self-contained HTML page showing every article with its claims
//! highlighted (see [`crate::dataset::report`] for what the page does).
//!
//! The dataset is loaded and checked as `claimscan audit` does, every
//! article of the manifest is read from the corpus and decoded by the
//! extraction policy, and `--audit` (the output of `claimscan audit --json`)
//! gives the claims' statuses; without it each claim's spans are checked
//! against its article (`verified` or `mismatch`). The page is written
//! atomically to `-o` (default `report.html` in the dataset folder) and a
//! line on stderr says what it holds. Exit status 1 when an article cannot
//! be read or a claim cannot be highlighted (each named on stderr; the page
//! lists them too), 2 when the dataset or the audit file cannot be read. An
//! article whose extraction failed and that is still the same file is named
//! once on stderr (`not extracted, as recorded`), and is no failure.

use crate::cli::ReportArgs;
use crate::cmd::Status;
use crate::cmd::dataset::{Sources, dataset_dir, load};
use crate::dataset::audit::{self, ArticleState};
use crate::dataset::report::{ArticleText, Input, parse_audit, render};
use crate::dataset::stats::plural;
use crate::io::corpus::decode;
use crate::io::files::write_atomic;
use anyhow::Context;

/// Runs `claimscan report`.
pub(crate) fn run(args: &ReportArgs) -> anyhow::Result<Status> {
    let dir = dataset_dir(&args.dataset)?;
    let dataset = load(&dir)?;
    let sources = Sources::locate(args.corpus.as_deref(), &dir, &dataset.manifest)?;
    let out = args.out.clone().unwrap_or_else(|| dir.join("report.html"));
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
            let read = sources.read(&entry.path);
            let text = match audit::source(entry, read.clone()).state {
                // Failed at extraction and still the same file: not a
                // problem of the dataset, said once.
                ArticleState::FailedAsRecorded => {
                    let why = entry.status.trim_start_matches("error: ");
                    eprintln!(
                        "claimscan: article {}: not extracted, as recorded: {why}",
                        entry.path
                    );
                    Err(format!("not extracted: {why}"))
                }
                _ if entry.status != "ok" => {
                    eprintln!(
                        "claimscan: article {}: changed since its extraction failed: \
                         run claimscan extract",
                        entry.path
                    );
                    status = Status::Partial;
                    Err(format!("extraction failed: {}", entry.status))
                }
                _ => {
                    let text = read.and_then(decode).map(|d| d.text);
                    if let Err(why) = &text {
                        eprintln!("claimscan: article {}: {why}", entry.path);
                        status = Status::Partial;
                    }
                    text
                }
            };
            ArticleText { path: entry.path.clone(), text }
        })
        .collect();

    // The corpus's name (its folder's), as the page's subtitle.
    let named = args.corpus.clone().unwrap_or_else(|| dataset.manifest.corpus.clone().into());
    let title = named
        .canonicalize()
        .unwrap_or_else(|_| named.clone())
        .file_name()
        .map_or_else(|| named.display().to_string(), |n| n.to_string_lossy().into_owned());
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
    write_atomic(&out, page.html.as_bytes())?;
    let statuses: Vec<String> = page.statuses.iter().map(|(k, v)| format!("{k} {v}")).collect();
    eprintln!(
        "{}: {}, {} of {} claims highlighted ({}), {} bytes",
        out.display(),
        plural(articles.len(), "article", "articles"),
        page.placed,
        dataset.claims.len(),
        if statuses.is_empty() { "none".to_string() } else { statuses.join(", ") },
        page.html.len()
    );
    Ok(status)
}
