//! `claimscan audit`: check a dataset against the current articles, and with
//! `--fix` rewrite it (see [`crate::dataset::audit`] for the checks and re-anchoring).
//!
//! The text report lists changed, missing, re-anchored and failed articles
//! (one line each), then every claim that does not verify in one line: a
//! moved claim with where it went, a gone claim whose figure was edited with
//! the figure now there, the others followed by the checks that failed; then
//! a line for all moved claims, and the counts. With `--json` it is JSON
//! lines instead, one object per claim that does not verify and a final
//! summary (shown wrapped):
//!
//! ```json
//! {"type":"claim","id":"c-3f2a9c1e0b7d4a55","article":"003.txt","start":383,"end":386,
//!  "line":2,"column":113,"text":"77%","status":"moved","article_changed":true,
//!  "location":{"start":401,"end":404,"char_start":399,"char_end":402,"line":3,"column":20},
//!  "problems":["text at bytes 383..386 is \"of \", record has \"77%\""]}
//! {"type":"summary","claims":12,"verified":11,"moved":1,"inconsistent":0,"missing":0,
//!  "gone":0,"ambiguous":0,"article_missing":0,"articles":3,"articles_changed":1,
//!  "articles_missing":0,"changed_articles":["003.txt"],"missing_articles":[],
//!  "reanchored_articles":[],"failed_as_recorded":[]}
//! ```
//!
//! `status` is `moved`, `inconsistent` (both with the correct `location`),
//! `missing` (with `reason` `gone` or `ambiguous`, and `candidates` for the
//! latter; a gone claim whose figure was edited has `figure_now`, the
//! figure's `text` and location) or `article_missing`. A `location` of a
//! claim of an HTML page has its `source_span`. The summary lists HTML
//! articles whose stored text is wrong in `wrong_stored_texts` (`path`,
//! `text_file`, `reason`; absent when there are none). With `--fix` the
//! summary gains a `fix` object (with `texts`, the stored texts written,
//! when there are any). The exit status is 0 when the dataset is clean (after fixing,
//! when fixing), 1 when not, 2 when the dataset cannot be read.

use crate::cli::AuditArgs;
use crate::cmd::Status as Exit;
use crate::cmd::dataset::{Sources, dataset_dir, load};
use crate::dataset::audit::{
    self, ArticleState, ClaimAudit, Dataset, FixCounts, Location, Missing, Report, Status,
};
use crate::io::driver::forget_texts;
use crate::io::files::write_atomic;
use crate::record::{ArticleEntry, ClaimRecord, HTML, Manifest, SpanRecord, hex};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Runs `claimscan audit`.
pub(crate) fn run(args: &AuditArgs) -> anyhow::Result<Exit> {
    let dir = dataset_dir(&args.dataset)?;
    let dataset = load(&dir)?;
    let sources = Sources::locate_with_pages(args.corpus.as_deref(), &dir, &dataset.manifest)?;
    let read = read_sources(&sources, &dataset.manifest);
    let report = audit::audit(&dataset, &read);
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
            // The texts of HTML articles first, each named by its checksum:
            // until the manifest is replaced, the one it names is intact.
            let holds = |rel: &str, size: u64, sha: &str| {
                std::fs::read(dir.join(rel))
                    .is_ok_and(|b| b.len() as u64 == size && hex(&Sha256::digest(&b)) == sha)
            };
            for (rel, text) in audit::texts_to_write(&repaired.manifest, &report, &read, holds) {
                let path = dir.join(&rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                write_atomic(&path, text.as_bytes())?;
            }
            write_atomic(&dir.join("claims.jsonl"), claims.as_bytes())?;
            write_atomic(&dir.join("manifest.json"), &manifest)?;
            let named = |m: &Manifest| -> Vec<String> {
                m.articles.iter().filter_map(|a| a.text_file.clone()).collect()
            };
            forget_texts(&dir, &named(&dataset.manifest), &named(&repaired.manifest));
            // Audit what was written, as a new run would.
            let written = load(&dir)?;
            let sources = sources.for_manifest(&written.manifest);
            audit::audit(&written, &read_sources(&sources, &written.manifest))
        };
        fixed = Some((counts, after));
    }

    let out = if args.json {
        render_json(&dataset, &report, fixed.as_ref())
    } else {
        render_text(&dataset, &report, &dir, fixed.as_ref())
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

fn read_sources(sources: &Sources, manifest: &Manifest) -> BTreeMap<String, audit::Source> {
    manifest
        .articles
        .iter()
        .map(|entry| {
            let path = &entry.path;
            let source = if entry.format.as_deref() == Some(HTML) {
                audit::html_source(entry, sources.read_page(path), sources.read(path))
            } else {
                audit::source(entry, sources.read(path))
            };
            (path.clone(), source)
        })
        .collect()
}

/// One line naming a claim: `id article:line:column "text"`.
fn claim_label(r: &ClaimRecord) -> String {
    format!("{} {}:{}:{} {:?}", r.id, r.article, r.line, r.column, r.text)
}

/// What became of a claim, in one line: where it went, or why it is not
/// there any more.
fn describe(r: &ClaimRecord, a: &ClaimAudit) -> String {
    match a.status {
        Status::Verified => "verified".into(),
        Status::Inconsistent(at) => format!(
            "inconsistent (code points {}..{} at {}:{})",
            at.char_start, at.char_end, at.line, at.column
        ),
        Status::Moved(at) => format!("moved to {}:{}", at.line, at.column),
        Status::Missing(Missing::Gone) => match &a.figure_now {
            Some(now) if (now.location.line, now.location.column) == (r.line, r.column) => format!(
                "the figure there changed to {:?}: claimscan extract will extract the new one",
                now.text
            ),
            Some(now) => format!(
                "the figure changed to {:?}, now at {}:{}: claimscan extract will extract \
                 the new one",
                now.text, now.location.line, now.location.column
            ),
            None => "missing: its text is no longer in the article".into(),
        },
        Status::Missing(Missing::Ambiguous(n)) => {
            format!("missing: it could be at any of {n} places")
        }
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
    let entries: BTreeMap<&str, &ArticleEntry> =
        dataset.manifest.articles.iter().map(|a| (a.path.as_str(), a)).collect();
    for (path, state) in &report.articles {
        let entry = entries.get(path.as_str());
        let failed_as =
            entry.map_or("", |e| e.status.as_str()).trim_start_matches("error: ").to_string();
        let _ = match state {
            ArticleState::Changed { bytes, .. } if entry.is_some_and(|e| e.status != "ok") => {
                writeln!(
                    out,
                    "article {path}: changed since extraction, which failed ({failed_as}): \
                     claimscan extract will try it again (now {bytes} bytes)"
                )
            }
            ArticleState::Changed { bytes, .. } => {
                let was = entry.map_or(0, |e| e.audited.as_ref().map_or(e.bytes, |a| a.bytes));
                if was == *bytes {
                    writeln!(
                        out,
                        "article {path}: changed since extraction (same size, {bytes} bytes)"
                    )
                } else {
                    writeln!(
                        out,
                        "article {path}: changed since extraction ({was} bytes, now {bytes})"
                    )
                }
            }
            ArticleState::Missing(why) => writeln!(out, "article {path}: missing ({why})"),
            ArticleState::Reanchored
                if entry
                    .is_some_and(|e| e.audited.as_ref().is_some_and(|a| a.sha256 == e.sha256)) =>
            {
                writeln!(
                    out,
                    "article {path}: audit --fix rewrote its claims; claimscan extract will \
                 extract it again"
                )
            }
            ArticleState::Reanchored => writeln!(
                out,
                "article {path}: edited since extraction; audit --fix re-anchored its claims \
                 to the edited text, and claimscan extract will extract it again"
            ),
            ArticleState::FailedAsRecorded => {
                writeln!(out, "article {path}: not extracted, as recorded: {failed_as}")
            }
            ArticleState::Unchanged => Ok(()),
        };
        if let Some(check) = report.texts.get(path)
            && let Some(problem) = check.problem()
        {
            let file = entry.and_then(|e| e.text_file.as_deref()).unwrap_or("");
            let remedy = if check.now.is_some() {
                "audit --fix stores the text the page reads as now"
            } else {
                "audit --fix can store it again once the page is there"
            };
            let _ = writeln!(out, "article {path}: its stored text {file} is {problem}: {remedy}");
        }
    }
    for (r, a) in dataset.claims.iter().zip(&report.claims) {
        if a.status == Status::Verified {
            continue;
        }
        let _ = writeln!(out, "{}: {}", claim_label(r), describe(r, a));
        // A moved claim, or one whose figure was edited, is said in full
        // above; the failed checks explain the others.
        let explained = matches!(a.status, Status::Moved(_)) || a.figure_now.is_some();
        if !explained {
            for p in &a.problems {
                let _ = writeln!(out, "  - {p}");
            }
        }
    }
    let s = &report.summary;
    if s.moved > 0 && fixed.is_none() {
        let _ = writeln!(
            out,
            "{} claim(s) moved with edits to their articles: claimscan audit --fix re-anchors \
             them; claimscan extract extracts the edited articles again",
            s.moved
        );
    }
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
    let mut articles = format!(
        "{} articles: {} changed, {} missing",
        s.articles, s.articles_changed, s.articles_missing
    );
    if s.articles_reanchored > 0 {
        let _ = write!(articles, ", {} re-anchored by audit --fix", s.articles_reanchored);
    }
    if s.articles_failed > 0 {
        let _ = write!(articles, ", {} not extracted (as recorded)", s.articles_failed);
    }
    if s.texts_wrong > 0 {
        let _ = write!(articles, ", {} stored texts wrong", s.texts_wrong);
    }
    let _ = writeln!(out, "{articles}");
    if let Some((counts, after)) = fixed {
        if counts.is_empty() {
            let _ = writeln!(out, "fix: nothing to rewrite");
        } else {
            let texts = match counts.texts {
                0 => String::new(),
                n => format!(", {n} stored texts written"),
            };
            let _ = writeln!(
                out,
                "fix: rewrote {}: {} claims re-anchored, {} flagged, {} unflagged, {} articles \
                 marked re-anchored{texts}; now {} of {} claims verify",
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
    /// For a gone claim: the figure now in its place (an edited value).
    #[serde(skip_serializing_if = "Option::is_none")]
    figure_now: Option<FigureNowOut<'a>>,
    article_changed: bool,
    problems: &'a [String],
}

/// The figure in a gone claim's place.
#[derive(Serialize)]
struct FigureNowOut<'a> {
    text: &'a str,
    #[serde(flatten)]
    location: LocationOut,
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
    /// For an HTML article: the expression's bytes in the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    source_span: Option<SpanRecord>,
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
    /// Articles edited since extraction that `audit --fix` re-anchored.
    reanchored_articles: Vec<&'a str>,
    /// Articles that failed at extraction and still fail the same way.
    failed_as_recorded: Vec<&'a str>,
    /// HTML articles whose stored text is wrong (omitted when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    wrong_stored_texts: Vec<WrongText<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixLine>,
}

/// An HTML article whose stored text is missing, changed, or not its page's.
#[derive(Serialize)]
struct WrongText<'a> {
    path: &'a str,
    text_file: Option<&'a str>,
    reason: String,
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
    #[serde(skip_serializing_if = "is_zero")]
    texts: usize,
    verified_after: usize,
    clean_after: bool,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
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
            Status::Moved(at) | Status::Inconsistent(at) => Some(LocationOut::from(&at)),
            _ => None,
        };
        let figure_now = a
            .figure_now
            .as_ref()
            .map(|f| FigureNowOut { text: &f.text, location: LocationOut::from(&f.location) });
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
                figure_now,
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
            reanchored_articles: paths_in(report, &ArticleState::Reanchored),
            failed_as_recorded: paths_in(report, &ArticleState::FailedAsRecorded),
            wrong_stored_texts: report
                .texts
                .iter()
                .filter_map(|(path, check)| {
                    let text_file = dataset
                        .manifest
                        .articles
                        .iter()
                        .find(|a| &a.path == path)
                        .and_then(|a| a.text_file.as_deref());
                    check.problem().map(|reason| WrongText { path, text_file, reason })
                })
                .collect(),
            fix: fixed.map(|(counts, after)| FixLine {
                relocated: counts.relocated,
                flagged: counts.flagged,
                unflagged: counts.unflagged,
                articles: counts.articles,
                texts: counts.texts,
                verified_after: after.summary.verified,
                clean_after: after.summary.is_clean(),
            }),
        },
    );
    out
}

/// The articles of the report in `state`.
fn paths_in<'a>(report: &'a Report, state: &ArticleState) -> Vec<&'a str> {
    report.articles.iter().filter(|(_, st)| *st == state).map(|(p, _)| p.as_str()).collect()
}

impl From<&Location> for LocationOut {
    fn from(at: &Location) -> LocationOut {
        LocationOut {
            start: at.start,
            end: at.end,
            char_start: at.char_start,
            char_end: at.char_end,
            line: at.line,
            column: at.column,
            source_span: at.source.flatten().map(|(start, end)| SpanRecord { start, end }),
        }
    }
}

fn push_line<T: Serialize>(out: &mut String, value: &T) {
    out.push_str(&serde_json::to_string(value).expect("report lines serialize"));
    out.push('\n');
}
