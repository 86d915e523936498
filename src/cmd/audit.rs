//! `claimscan audit`: check a dataset against the current articles, and with
//! `--fix` rewrite it (see [`crate::dataset::audit`] for the checks and re-anchoring).
//!
//! The text report lists changed and missing articles, then every claim
//! that does not verify with its problems, then the counts. With `--json`
//! it is JSON lines instead, one object per claim that does not verify and
//! a final summary (shown wrapped):
//!
//! ```json
//! {"type":"claim","id":"c-3f2a9c1e0b7d4a55","article":"003.txt","start":383,"end":386,
//!  "line":2,"column":113,"text":"77%","status":"moved","article_changed":true,
//!  "location":{"start":401,"end":404,"char_start":399,"char_end":402,"line":3,"column":20},
//!  "problems":["text at bytes 383..386 is \"of \", record has \"77%\""]}
//! {"type":"summary","claims":12,"verified":11,"moved":1,"inconsistent":0,"missing":0,
//!  "gone":0,"ambiguous":0,"article_missing":0,"articles":3,"articles_changed":1,
//!  "articles_missing":0,"changed_articles":["003.txt"],"missing_articles":[]}
//! ```
//!
//! `status` is `moved`, `inconsistent` (both with the correct `location`),
//! `missing` (with `reason` `gone` or `ambiguous`, and `candidates` for the
//! latter) or `article_missing`. With `--fix` the summary gains a `fix`
//! object. The exit status is 0 when the dataset is clean (after fixing,
//! when fixing), 1 when not, 2 when the dataset cannot be read.

use crate::cli::AuditArgs;
use crate::cmd::Status as Exit;
use crate::cmd::dataset::{corpus_dir, load, read_article};
use crate::dataset::audit::{
    self, ArticleState, ClaimAudit, Dataset, FixCounts, Missing, Report, Status,
};
use crate::io::files::write_atomic;
use crate::record::{ClaimRecord, Manifest};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Runs `claimscan audit`.
pub(crate) fn run(args: &AuditArgs) -> anyhow::Result<Exit> {
    let dataset = load(&args.dataset)?;
    let corpus = corpus_dir(args.corpus.as_deref(), &dataset.manifest)?;
    let report = audit::audit(&dataset, &read_sources(&corpus, &dataset.manifest));
    let mut fixed: Option<(FixCounts, Report)> = None;
    if args.fix {
        let (repaired, counts) = audit::fix(&dataset, &report);
        let after = if counts.is_empty() {
            report.clone()
        } else {
            let mut claims = String::new();
            for line in &repaired.raw {
                claims.push_str(line);
                claims.push('\n');
            }
            let mut manifest = serde_json::to_vec_pretty(&repaired.manifest)?;
            manifest.push(b'\n');
            write_atomic(&args.dataset.join("claims.jsonl"), claims.as_bytes())?;
            write_atomic(&args.dataset.join("manifest.json"), &manifest)?;
            // Audit what was written, as a new run would.
            let written = load(&args.dataset)?;
            audit::audit(&written, &read_sources(&corpus, &written.manifest))
        };
        fixed = Some((counts, after));
    }

    let out = if args.json {
        render_json(&dataset, &report, fixed.as_ref())
    } else {
        render_text(&dataset, &report, &args.dataset, fixed.as_ref())
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    let clean = match &fixed {
        Some((_, after)) => after.summary.is_clean(),
        None => report.summary.is_clean(),
    };
    Ok(if clean { Exit::Success } else { Exit::Partial })
}

fn read_sources(corpus: &Path, manifest: &Manifest) -> BTreeMap<String, audit::Source> {
    manifest
        .articles
        .iter()
        .map(|entry| {
            let read = if entry.sha256.is_some() {
                read_article(corpus, &entry.path)
            } else {
                Err("not checked".to_string())
            };
            (entry.path.clone(), audit::source(entry, read))
        })
        .collect()
}

/// One line naming a claim: `id article:line:column "text"`.
fn claim_label(r: &ClaimRecord) -> String {
    format!("{} {}:{}:{} {:?}", r.id, r.article, r.line, r.column, r.text)
}

fn describe(r: &ClaimRecord, a: &ClaimAudit) -> String {
    match a.status {
        Status::Verified => "verified".into(),
        Status::Inconsistent(at) => format!(
            "inconsistent (code points {}..{} at {}:{})",
            at.char_start, at.char_end, at.line, at.column
        ),
        Status::Moved(at) => format!(
            "moved to {}:{}:{} (bytes {}..{}, was {}..{})",
            r.article, at.line, at.column, at.start, at.end, r.start, r.end
        ),
        Status::Missing(Missing::Gone) => "missing (gone)".into(),
        Status::Missing(Missing::Ambiguous(n)) => format!("missing (ambiguous: {n} places)"),
        Status::ArticleMissing => "article missing".into(),
    }
}

fn render_text(
    dataset: &Dataset,
    report: &Report,
    dir: &Path,
    fixed: Option<&(FixCounts, Report)>,
) -> String {
    let mut out = String::new();
    let bytes_of: BTreeMap<&str, u64> =
        dataset.manifest.articles.iter().map(|a| (a.path.as_str(), a.bytes)).collect();
    for (path, state) in &report.articles {
        match state {
            ArticleState::Changed { bytes, .. } => {
                let _ = writeln!(
                    out,
                    "article {path}: changed since extraction ({} bytes, now {bytes})",
                    bytes_of.get(path.as_str()).copied().unwrap_or(0)
                );
            }
            ArticleState::Missing(why) => {
                let _ = writeln!(out, "article {path}: missing ({why})");
            }
            ArticleState::Unchanged | ArticleState::Skipped => {}
        }
    }
    for (r, a) in dataset.claims.iter().zip(&report.claims) {
        if a.status == Status::Verified {
            continue;
        }
        let _ = writeln!(out, "{}: {}", claim_label(r), describe(r, a));
        for p in &a.problems {
            let _ = writeln!(out, "  - {p}");
        }
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{} claims: {} verified, {} moved, {} inconsistent, {} missing ({} gone, {} ambiguous), {} in missing articles",
        s.claims,
        s.verified,
        s.moved,
        s.inconsistent,
        s.missing(),
        s.gone,
        s.ambiguous,
        s.article_missing
    );
    let _ = writeln!(
        out,
        "{} articles: {} changed, {} missing",
        s.articles, s.articles_changed, s.articles_missing
    );
    if let Some((counts, after)) = fixed {
        if counts.is_empty() {
            let _ = writeln!(out, "fix: nothing to rewrite");
        } else {
            let _ = writeln!(
                out,
                "fix: rewrote {}: {} claims re-anchored, {} flagged, {} unflagged, {} article checksums updated; now {} of {} claims verify",
                dir.display(),
                counts.relocated,
                counts.flagged,
                counts.unflagged,
                counts.articles,
                after.summary.verified,
                after.summary.claims
            );
        }
    }
    out
}

/// A JSON line for a claim that does not verify.
#[derive(Serialize)]
struct ClaimLine<'a> {
    r#type: &'static str,
    id: &'a str,
    article: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    candidates: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<LocationOut>,
    article_changed: bool,
    problems: &'a [String],
}

/// Where a moved or inconsistent claim is now.
#[derive(Serialize)]
struct LocationOut {
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    line: usize,
    column: usize,
}

/// The final JSON line.
#[derive(Serialize)]
struct SummaryLine<'a> {
    r#type: &'static str,
    claims: usize,
    verified: usize,
    moved: usize,
    inconsistent: usize,
    missing: usize,
    gone: usize,
    ambiguous: usize,
    article_missing: usize,
    articles: usize,
    articles_changed: usize,
    articles_missing: usize,
    changed_articles: Vec<&'a str>,
    missing_articles: Vec<MissingArticle<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixLine>,
}

/// An article that cannot be read, and why.
#[derive(Serialize)]
struct MissingArticle<'a> {
    path: &'a str,
    reason: &'a str,
}

/// What `--fix` did, and whether the rewritten dataset is clean.
#[derive(Serialize)]
struct FixLine {
    relocated: usize,
    flagged: usize,
    unflagged: usize,
    articles: usize,
    verified_after: usize,
    clean_after: bool,
}

fn render_json(dataset: &Dataset, report: &Report, fixed: Option<&(FixCounts, Report)>) -> String {
    let mut out = String::new();
    for (r, a) in dataset.claims.iter().zip(&report.claims) {
        if a.status == Status::Verified {
            continue;
        }
        let (reason, candidates) = match a.status {
            Status::Missing(Missing::Gone) => (Some("gone"), None),
            Status::Missing(Missing::Ambiguous(n)) => (Some("ambiguous"), Some(n)),
            _ => (None, None),
        };
        let location = match a.status {
            Status::Moved(at) | Status::Inconsistent(at) => Some(LocationOut {
                start: at.start,
                end: at.end,
                char_start: at.char_start,
                char_end: at.char_end,
                line: at.line,
                column: at.column,
            }),
            _ => None,
        };
        push_line(
            &mut out,
            &ClaimLine {
                r#type: "claim",
                id: &r.id,
                article: &r.article,
                start: r.start,
                end: r.end,
                line: r.line,
                column: r.column,
                text: &r.text,
                status: a.status.name(),
                reason,
                candidates,
                location,
                article_changed: matches!(
                    report.articles.get(&r.article),
                    Some(ArticleState::Changed { .. })
                ),
                problems: &a.problems,
            },
        );
    }
    let s = &report.summary;
    push_line(
        &mut out,
        &SummaryLine {
            r#type: "summary",
            claims: s.claims,
            verified: s.verified,
            moved: s.moved,
            inconsistent: s.inconsistent,
            missing: s.missing(),
            gone: s.gone,
            ambiguous: s.ambiguous,
            article_missing: s.article_missing,
            articles: s.articles,
            articles_changed: s.articles_changed,
            articles_missing: s.articles_missing,
            changed_articles: report
                .articles
                .iter()
                .filter(|(_, st)| matches!(st, ArticleState::Changed { .. }))
                .map(|(p, _)| p.as_str())
                .collect(),
            missing_articles: report
                .articles
                .iter()
                .filter_map(|(p, st)| match st {
                    ArticleState::Missing(why) => Some(MissingArticle { path: p, reason: why }),
                    _ => None,
                })
                .collect(),
            fix: fixed.map(|(counts, after)| FixLine {
                relocated: counts.relocated,
                flagged: counts.flagged,
                unflagged: counts.unflagged,
                articles: counts.articles,
                verified_after: after.summary.verified,
                clean_after: after.summary.is_clean(),
            }),
        },
    );
    out
}

fn push_line<T: Serialize>(out: &mut String, value: &T) {
    out.push_str(&serde_json::to_string(value).expect("report lines serialize"));
    out.push('\n');
}
