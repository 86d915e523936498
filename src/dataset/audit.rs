//! Checking a dataset against the articles it was extracted from.
//!
//! A claim record promises that its `text` is the article's bytes at
//! `start..end`, and likewise for its subject and population phrase; that
//! `char_start`/`char_end` count code points and `line`/`column` locate
//! `start`; and the manifest promises each article's SHA-256. Articles get
//! edited after extraction, so [`audit`] checks every promise against the
//! files as they are now and sorts each claim into a [`Status`]:
//!
//! - **verified**: every span holds and every position agrees;
//! - **inconsistent**: the spans hold, but the record's code-point offsets,
//!   line or column (or its sentence) disagree with them;
//! - **moved**: the spans no longer hold where recorded, but the claim was
//!   found again at exactly one other place (see below);
//! - **missing**, *gone* (found nowhere) or *ambiguous* (found at several
//!   places), so it cannot be re-anchored;
//! - **article missing**: the article cannot be read or decoded any more.
//!
//! # Re-anchoring
//!
//! The idea is the W3C Web Annotation `TextQuoteSelector` (an exact quote
//! plus a prefix and suffix that make it unique). The dataset stores no
//! prefix or suffix, and the old article text is gone, so the context is
//! what the record itself carries: a candidate is a byte offset `at` where
//!
//! 1. the claim's `text` occurs;
//! 2. the subject text and the population-phrase text (when the record has
//!    them) occur at the same offsets relative to the expression as recorded
//!    (a phrase that was 7 bytes after the figure must still be 7 bytes
//!    after it);
//! 3. the sentence span, shifted by the same amount, still lies inside the
//!    article on character boundaries (its length is kept);
//! 4. no verified claim of the same article sits there already.
//!
//! Exactly one candidate makes the claim *moved*, with every offset shifted
//! by the same delta and the code-point offsets, line and column recomputed;
//! none makes it *gone*, several *ambiguous*. Two claims that would move to
//! the same place are both *ambiguous*. A bare figure with no subject and no
//! phrase is anchored by its text alone, so a second "35%" in the article
//! makes it ambiguous: the audit never guesses.
//!
//! A claim that is gone but whose subject or population phrase is still
//! there around another figure (an edit from "30%" to "31%") is reported
//! with the figure now in its place ([`ClaimAudit::figure_now`]): the
//! claim to expect once `extract` has extracted the article again.
//!
//! # The manifest's checksums
//!
//! An article's `sha256` and `bytes` always describe the file its claims
//! were *extracted* from: that is what tells an incremental `extract` to
//! reuse them. [`fix`] never changes them; it records the file it
//! re-anchored the claims to in the entry's `audited`, which the audit then
//! checks against ([`ArticleState::Reanchored`]) and which makes `extract`
//! extract the article again. An article whose extraction failed (its
//! `status`) and that still is the same file, or still cannot be read, is
//! [`ArticleState::FailedAsRecorded`]: reported, but not a problem.
//!
//! # HTML articles
//!
//! An article read as a web page (`format` `html`) has two texts: the page
//! (`path`, which `sha256` and `bytes` describe) and its article text,
//! stored in the dataset (`text_file`, described by `text_sha256` and
//! `text_bytes`), which its claims' offsets refer to ([`html_source`]):
//!
//! - the page is classified as a text article is ([`ArticleState`]);
//! - its claims are checked, and re-anchored, against the text the page
//!   reads as now ([`html_to_text`]), which is the stored text whenever
//!   nothing changed;
//! - the stored text must have its recorded checksum and, while the page
//!   is unchanged, be the page's text ([`StoredText`]); when it is not, the
//!   claims that do not hold in it are counted ([`TextCheck`]);
//! - each claim's `source_span` must be the range of the page its
//!   expression maps to, and those bytes, read as HTML on their own, must
//!   be its text ([`source_problems`]).
//!
//! [`fix`] re-anchors the claims of an edited page to its new text, as for
//! a text article, and points `text_file` at that text (named by its
//! checksum, so the old one stays until the new manifest is in place); the
//! caller writes it ([`texts_to_write`]). A stored text that was deleted or
//! altered is written again from the page. When the page is missing, the
//! claims are checked against the stored text, if it holds, and the source
//! spans are left as they are.
//!
//! Moved claims keep their `id` (an identifier must survive re-anchoring,
//! even though it was first derived from the old span). Articles are decoded
//! with the extraction policy ([`crate::io::corpus::decode`]), so offsets always
//! refer to the stored bytes.
//!
//! Everything here is pure: the caller reads the files and prints.
//! [`parse_dataset`] turns the two files into a [`Dataset`] (or says which
//! file and line are malformed), [`source`] classifies an article's current
//! bytes, [`audit`] produces a [`Report`], and [`fix`] the repaired dataset.

use crate::html::{SourceMap, collapse_white_space, fragment_text, html_to_text};
use crate::io::corpus::decode;
use crate::io::driver::html_text_file;
use crate::record::hex;
use crate::record::{
    ArticleEntry, Audited, ClaimRecord, Manifest, Phrase, SCHEMA_VERSION, SpanRecord,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A dataset as read from disk: the manifest and every claim with its line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dataset {
    /// The contents of `manifest.json`.
    pub manifest: Manifest,
    /// The records of `claims.jsonl`, in file order.
    pub claims: Vec<ClaimRecord>,
    /// For each record, its 1-based line in `claims.jsonl`.
    pub lines: Vec<usize>,
    /// For each record, its line as stored (without the newline), so that
    /// records left unchanged by [`fix`] are written back byte for byte.
    pub raw: Vec<String>,
}

/// Why a dataset cannot be audited: which file, which line, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DatasetError {
    /// The file as named by the caller, e.g. `extracted/claims.jsonl`.
    pub file: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong, in lowercase.
    pub message: String,
}

impl std::fmt::Display for DatasetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for DatasetError {}

/// serde_json's message without its " at line L column C" suffix.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).replace('`', "'")
}

/// Parses and cross-checks `claims.jsonl` and `manifest.json`.
///
/// `claims_name` and `manifest_name` are only used in error messages. Blank
/// lines of `claims.jsonl` are skipped. Besides JSON and field errors, the
/// dataset is malformed when an id repeats, a claim names an article the
/// manifest does not list, the claim counts disagree, or the schema's major
/// version is not this crate's.
pub(crate) fn parse_dataset(
    claims_name: &str,
    claims: &[u8],
    manifest_name: &str,
    manifest: &[u8],
) -> Result<Dataset, DatasetError> {
    let manifest_err = |line: Option<usize>, message: String| DatasetError {
        file: manifest_name.to_string(),
        line,
        message,
    };
    let claims_err = |line: usize, message: String| DatasetError {
        file: claims_name.to_string(),
        line: Some(line),
        message,
    };
    let manifest: Manifest = serde_json::from_slice(manifest)
        .map_err(|e| manifest_err((e.line() > 0).then_some(e.line()), json_message(&e)))?;
    let major = |v: &str| v.split('.').next().unwrap_or("").to_string();
    if major(&manifest.schema_version) != major(SCHEMA_VERSION) {
        return Err(manifest_err(
            None,
            format!(
                "schema_version '{}' is not supported (this claimscan reads {}.x)",
                manifest.schema_version,
                major(SCHEMA_VERSION)
            ),
        ));
    }
    let listed: HashMap<&str, usize> =
        manifest.articles.iter().map(|a| (a.path.as_str(), a.claims)).collect();

    let mut records = Vec::new();
    let mut lines = Vec::new();
    let mut raw = Vec::new();
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    let mut per_article: HashMap<String, usize> = HashMap::new();
    for (i, bytes) in claims.split(|&b| b == b'\n').enumerate() {
        let line = i + 1;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|e| claims_err(line, format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
        let record: ClaimRecord =
            serde_json::from_str(text).map_err(|e| claims_err(line, json_message(&e)))?;
        let names = manifest.populations.all();
        if !names.contains(&record.population.as_str()) {
            return Err(claims_err(
                line,
                format!(
                    "population '{}' is not one of the manifest's populations ({})",
                    record.population,
                    names.join(", ")
                ),
            ));
        }
        if let Some(first) = first_line_of.insert(record.id.clone(), line) {
            return Err(claims_err(
                line,
                format!("duplicate id '{}' (first on line {first})", record.id),
            ));
        }
        if !listed.contains_key(record.article.as_str()) {
            return Err(claims_err(
                line,
                format!("article '{}' is not listed in {manifest_name}", record.article),
            ));
        }
        *per_article.entry(record.article.clone()).or_default() += 1;
        records.push(record);
        lines.push(line);
        raw.push(text.trim_end_matches('\r').to_string());
    }
    if manifest.claims != records.len() {
        return Err(manifest_err(
            None,
            format!(
                "claims is {} but {claims_name} holds {} records",
                manifest.claims,
                records.len()
            ),
        ));
    }
    for a in &manifest.articles {
        let found = per_article.get(&a.path).copied().unwrap_or(0);
        if a.claims != found {
            return Err(manifest_err(
                None,
                format!(
                    "article '{}' lists {} claims but {claims_name} holds {found}",
                    a.path, a.claims
                ),
            ));
        }
    }
    Ok(Dataset { manifest, claims: records, lines, raw })
}

/// What became of an article since extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ArticleState {
    /// The same bytes as recorded in the manifest.
    Unchanged,
    /// Edited since extraction, and these are the bytes `audit --fix`
    /// re-anchored the claims to (the manifest's `audited`): the claims
    /// hold, and `extract` will extract the article again.
    Reanchored,
    /// Readable, but different from the bytes the claims refer to (or, for
    /// an article that failed at extraction, no longer failing the same way).
    Changed {
        /// Its size now.
        bytes: u64,
        /// Its SHA-256 now, lowercase hex.
        sha256: String,
    },
    /// Gone, unreadable or no longer decodable: why.
    Missing(String),
    /// Extraction failed on it (the manifest's `status`), and it is still
    /// the same file, or still unreadable: not a problem of the dataset.
    FailedAsRecorded,
}

/// An article as found now: its state and, when usable, its decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    /// Whether it changed since extraction.
    pub state: ArticleState,
    /// The text by the extraction's decoding policy (for an HTML article,
    /// the article text its page reads as now, else its stored text); None
    /// when missing or failed.
    pub text: Option<String>,
    /// For an HTML article whose page could be read: the page, to check
    /// its claims' source spans against.
    pub page: Option<Page>,
    /// For an HTML article: its stored text (`text_file`) as found now.
    pub stored: Option<StoredText>,
    /// For an HTML article: the stored text's contents, when it could be
    /// read as UTF-8 (whether or not it holds).
    pub stored_text: Option<String>,
}

/// An HTML article's page as read now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// The page's bytes.
    pub html: Vec<u8>,
    /// The encoding it was read as (its source spans' bytes are decoded so).
    pub encoding: &'static str,
    /// From its article text back to its bytes.
    pub map: SourceMap,
}

/// The stored text of an HTML article (its manifest `text_file`) as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StoredText {
    /// The size and SHA-256 recorded (`text_bytes`, `text_sha256`) and, when
    /// the page is as recorded, the text its page reads as now.
    Holds,
    /// Gone or unreadable: why.
    Missing(String),
    /// Not the bytes recorded: its size and SHA-256 now.
    Changed {
        /// Its size now.
        bytes: u64,
        /// Its SHA-256 now, lowercase hex.
        sha256: String,
    },
    /// The bytes recorded, but not the text the unchanged page reads as now
    /// (written by another claimscan, or recorded wrongly).
    NotThePage,
}

impl StoredText {
    /// The problem in words, or None when it holds.
    pub(crate) fn problem(&self) -> Option<String> {
        match self {
            StoredText::Holds => None,
            StoredText::Missing(why) => Some(format!("missing ({why})")),
            StoredText::Changed { bytes, .. } => {
                Some(format!("changed since extraction (now {bytes} bytes)"))
            }
            StoredText::NotThePage => {
                Some("not the text claimscan reads from the page now".to_string())
            }
        }
    }
}

/// What the article's bytes say of it against its manifest entry: as
/// extracted, as `audit --fix` re-anchored it, or changed.
fn state_of(entry: &ArticleEntry, bytes: &[u8]) -> ArticleState {
    let (size, sha) = checksum(bytes);
    match &entry.audited {
        Some(a) if a.sha256.as_deref() == Some(sha.as_str()) && a.bytes == size => {
            ArticleState::Reanchored
        }
        None if entry.sha256.as_deref() == Some(sha.as_str()) && size == entry.bytes => {
            ArticleState::Unchanged
        }
        _ => ArticleState::Changed { bytes: size, sha256: sha },
    }
}

/// The size and SHA-256 (lowercase hex) of `bytes`.
fn checksum(bytes: &[u8]) -> (u64, String) {
    (bytes.len() as u64, hex(&Sha256::digest(bytes)))
}

/// Classifies an HTML article ([`ArticleEntry::format`] `html`) from its
/// page's current bytes and its stored text's, against its manifest entry.
///
/// The article's state is its page's, as for a text article ([`source`]).
/// Its claims are checked against the article text the page reads as now
/// ([`html_to_text`]): the stored text when nothing changed, which
/// [`StoredText::NotThePage`] checks, and the edited page's text to
/// re-anchor them to when the page was edited. When the page cannot be
/// read, they are checked against the stored text, if it holds.
pub(crate) fn html_source(
    entry: &ArticleEntry,
    page: Result<Vec<u8>, String>,
    stored: Result<Vec<u8>, String>,
) -> Source {
    if entry.status != "ok" {
        return source(entry, page); // nothing stored: as a text article
    }
    let (stored_state, stored_text) = match stored {
        Err(why) => (StoredText::Missing(why), None),
        Ok(bytes) => {
            let state = match checksum(&bytes) {
                (size, sha)
                    if Some(size) == entry.text_bytes
                        && Some(sha.as_str()) == entry.text_sha256.as_deref() =>
                {
                    StoredText::Holds
                }
                (bytes, sha256) => StoredText::Changed { bytes, sha256 },
            };
            (state, String::from_utf8(bytes).ok())
        }
    };
    let fall_back = |why: String, stored_state: StoredText, stored_text: Option<String>| Source {
        state: ArticleState::Missing(if stored_state == StoredText::Holds {
            format!("{why}; its claims are checked against its stored text")
        } else {
            why
        }),
        text: stored_text.clone().filter(|_| stored_state == StoredText::Holds),
        page: None,
        stored: Some(stored_state),
        stored_text,
    };
    let bytes = match page {
        Ok(b) => b,
        Err(why) => return fall_back(why, stored_state, stored_text),
    };
    let state = state_of(entry, &bytes);
    let read = match html_to_text(&bytes) {
        Ok(read) => read,
        Err(why) => {
            return fall_back(format!("cannot be read: {why}"), stored_state, stored_text);
        }
    };
    let stored_state = match (&stored_state, &state) {
        (StoredText::Holds, ArticleState::Unchanged | ArticleState::Reanchored)
            if stored_text.as_deref() != Some(read.text.as_str()) =>
        {
            StoredText::NotThePage
        }
        _ => stored_state,
    };
    Source {
        state,
        text: Some(read.text),
        page: Some(Page { html: bytes, encoding: read.encoding, map: read.map }),
        stored: Some(stored_state),
        stored_text,
    }
}

/// Classifies an article's current bytes (or the error reading them)
/// against its manifest entry.
///
/// The claims refer to the bytes of `audited` when `audit --fix` set it,
/// else to those of `sha256`. An article whose extraction failed is as
/// recorded when its bytes have the recorded checksum, or, when it could
/// not be read then, when it still cannot be read.
pub(crate) fn source(entry: &ArticleEntry, read: Result<Vec<u8>, String>) -> Source {
    if entry.status != "ok" {
        let state = match (&entry.sha256, read) {
            (Some(recorded), Ok(bytes)) => match checksum(&bytes) {
                (size, sha) if &sha == recorded && size == entry.bytes => {
                    ArticleState::FailedAsRecorded
                }
                (bytes, sha256) => ArticleState::Changed { bytes, sha256 },
            },
            (None, Ok(bytes)) => {
                let (bytes, sha256) = checksum(&bytes);
                ArticleState::Changed { bytes, sha256 }
            }
            (None, Err(_)) => ArticleState::FailedAsRecorded,
            (Some(_), Err(why)) => ArticleState::Missing(why),
        };
        return Source { state, text: None, page: None, stored: None, stored_text: None };
    }
    let bytes = match read {
        Ok(b) => b,
        Err(why) => {
            return Source {
                state: ArticleState::Missing(why),
                text: None,
                page: None,
                stored: None,
                stored_text: None,
            };
        }
    };
    let state = state_of(entry, &bytes);
    match decode(bytes) {
        Ok(d) => Source { state, text: Some(d.text), page: None, stored: None, stored_text: None },
        Err(why) => Source {
            state: ArticleState::Missing(format!("cannot be decoded: {why}")),
            text: None,
            page: None,
            stored: None,
            stored_text: None,
        },
    }
}

/// Where a claim's expression is in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Location {
    /// UTF-8 byte offset of the expression.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Start in code points.
    pub char_start: usize,
    /// End in code points.
    pub char_end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in code points.
    pub column: usize,
    /// The record's `source_span` for this place: `Some(range)` for an HTML
    /// article whose page was read (`None` inside when the expression maps
    /// to no single range of it), `Some(None)` for a text article, and
    /// `None` when it is not known (an HTML article whose page is missing:
    /// the recorded one stays).
    pub source: Option<Option<(usize, usize)>>,
}

/// Why a claim could not be re-anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    /// Its text, with its context, occurs nowhere.
    Gone,
    /// It occurs at this many places (or another claim moves to the same place).
    Ambiguous(usize),
}

/// The outcome of auditing one claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Every span and position agrees with the article.
    Verified,
    /// The spans hold but the positions disagree; the correct ones.
    Inconsistent(Location),
    /// Found again at exactly one other place.
    Moved(Location),
    /// Not found, or not found uniquely.
    Missing(Missing),
    /// The article cannot be read.
    ArticleMissing,
}

impl Status {
    /// The status as written in reports: `verified`, `inconsistent`,
    /// `moved`, `missing` or `article_missing`.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Inconsistent(_) => "inconsistent",
            Status::Moved(_) => "moved",
            Status::Missing(_) => "missing",
            Status::ArticleMissing => "article_missing",
        }
    }
}

/// One claim's outcome and the problems that led to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClaimAudit {
    /// What became of the claim.
    pub status: Status,
    /// Each failed check, in words; empty when verified.
    pub problems: Vec<String>,
    /// For a claim that is gone: the figure now in its place, when its
    /// subject or population phrase is still there around another figure
    /// ("30%" edited to "31%"). Extracting the article again gives its claim.
    pub figure_now: Option<FigureNow>,
}

/// The figure found in a gone claim's place ([`ClaimAudit::figure_now`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FigureNow {
    /// Its text, e.g. `31%`.
    pub text: String,
    /// Where it is.
    pub location: Location,
}

/// Counts of a [`Report`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Claims in the dataset.
    pub claims: usize,
    /// Claims that verify.
    pub verified: usize,
    /// Claims whose positions disagree with their spans.
    pub inconsistent: usize,
    /// Claims re-anchored at a new place.
    pub moved: usize,
    /// Claims whose text is gone.
    pub gone: usize,
    /// Claims found at several places.
    pub ambiguous: usize,
    /// Claims of articles that cannot be read.
    pub article_missing: usize,
    /// Articles of the manifest.
    pub articles: usize,
    /// Articles whose bytes changed.
    pub articles_changed: usize,
    /// Articles that cannot be read.
    pub articles_missing: usize,
    /// Articles edited since extraction whose claims `audit --fix`
    /// re-anchored to their current bytes.
    pub articles_reanchored: usize,
    /// Articles that failed at extraction and still fail the same way.
    pub articles_failed: usize,
    /// HTML articles whose stored text is missing, changed, or not the
    /// text their unchanged page reads as.
    pub texts_wrong: usize,
}

impl Summary {
    /// Claims that are missing, gone or ambiguous.
    pub(crate) fn missing(&self) -> usize {
        self.gone + self.ambiguous
    }

    /// True when every claim verifies and every article is as recorded.
    pub(crate) fn is_clean(&self) -> bool {
        self.verified == self.claims
            && self.articles_changed == 0
            && self.articles_missing == 0
            && self.texts_wrong == 0
    }
}

/// What the audit found of an HTML article's stored text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextCheck {
    /// The stored text as found.
    pub stored: StoredText,
    /// The size and SHA-256 of the text its page reads as now, when the
    /// page could be read: what `fix` stores.
    pub now: Option<(u64, String)>,
    /// When the stored text is readable but not the page's text: how many
    /// of the article's claims do not hold in it (the claims themselves are
    /// checked against the page's text).
    pub claims_broken: usize,
}

impl TextCheck {
    /// The problem in words, with the claims that do not hold in the
    /// stored text; None when it holds.
    pub(crate) fn problem(&self) -> Option<String> {
        let problem = self.stored.problem()?;
        Some(match self.claims_broken {
            0 => problem,
            n => format!("{problem}; {n} of its claims do not hold in it"),
        })
    }
}

/// The audit of a whole dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Report {
    /// One entry per claim, in the dataset's order.
    pub claims: Vec<ClaimAudit>,
    /// The state of every article of the manifest, by path.
    pub articles: BTreeMap<String, ArticleState>,
    /// Every HTML article's stored text, by path.
    pub texts: BTreeMap<String, TextCheck>,
    /// The counts.
    pub summary: Summary,
}

/// Audits every claim of `dataset` against `sources`, keyed by article path.
///
/// An article of the manifest absent from `sources` counts as missing.
pub(crate) fn audit(dataset: &Dataset, sources: &BTreeMap<String, Source>) -> Report {
    let mut summary = Summary { claims: dataset.claims.len(), ..Summary::default() };
    let mut articles = BTreeMap::new();
    let mut texts = BTreeMap::new();
    for entry in &dataset.manifest.articles {
        let state = match sources.get(&entry.path) {
            Some(s) => s.state.clone(),
            None => ArticleState::Missing("not read".into()),
        };
        match state {
            ArticleState::Changed { .. } => summary.articles_changed += 1,
            ArticleState::Missing(_) => summary.articles_missing += 1,
            ArticleState::Reanchored => summary.articles_reanchored += 1,
            ArticleState::FailedAsRecorded => summary.articles_failed += 1,
            ArticleState::Unchanged => {}
        }
        summary.articles += 1;
        articles.insert(entry.path.clone(), state);
        if let Some(source) = sources.get(&entry.path)
            && let Some(stored) = &source.stored
        {
            if *stored != StoredText::Holds {
                summary.texts_wrong += 1;
            }
            let now =
                source.page.as_ref().and(source.text.as_deref()).map(|t| checksum(t.as_bytes()));
            // Offsets are promised against the stored text: how many do
            // not hold in it, when it is not the text they were checked in.
            let claims_broken = match &source.stored_text {
                Some(kept) if source.text.as_ref() != Some(kept) => dataset
                    .claims
                    .iter()
                    .filter(|c| c.article == entry.path && !span_problems(c, kept).is_empty())
                    .count(),
                _ => 0,
            };
            texts.insert(
                entry.path.clone(),
                TextCheck { stored: stored.clone(), now, claims_broken },
            );
        }
    }

    let mut by_article: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in dataset.claims.iter().enumerate() {
        by_article.entry(c.article.as_str()).or_default().push(i);
    }
    let mut claims: Vec<Option<ClaimAudit>> = vec![None; dataset.claims.len()];
    for (article, indices) in by_article {
        let source = sources.get(article);
        let text = source.and_then(|s| s.text.as_deref());
        let results = match text {
            Some(text) => {
                let records: Vec<&ClaimRecord> =
                    indices.iter().map(|&i| &dataset.claims[i]).collect();
                let pages = match source {
                    Some(Source { page: Some(page), .. }) => Pages::Read(page),
                    Some(Source { stored: Some(_), .. }) => Pages::Missing,
                    _ => Pages::None,
                };
                audit_article_in(text, &records, pages)
            }
            None => {
                let why = match articles.get(article) {
                    Some(ArticleState::Missing(why)) => why.clone(),
                    _ => "not read".to_string(),
                };
                let problem = format!("article '{article}': {why}");
                indices
                    .iter()
                    .map(|_| ClaimAudit {
                        status: Status::ArticleMissing,
                        problems: vec![problem.clone()],
                        figure_now: None,
                    })
                    .collect()
            }
        };
        for (i, r) in indices.into_iter().zip(results) {
            claims[i] = Some(r);
        }
    }
    let claims: Vec<ClaimAudit> =
        claims.into_iter().map(|c| c.expect("every claim belongs to an article")).collect();
    for c in &claims {
        match c.status {
            Status::Verified => summary.verified += 1,
            Status::Inconsistent(_) => summary.inconsistent += 1,
            Status::Moved(_) => summary.moved += 1,
            Status::Missing(Missing::Gone) => summary.gone += 1,
            Status::Missing(Missing::Ambiguous(_)) => summary.ambiguous += 1,
            Status::ArticleMissing => summary.article_missing += 1,
        }
    }
    Report { claims, articles, texts, summary }
}

/// Audits the claims of one article against its current text.
///
/// Claims whose spans hold are settled first, so that their places are not
/// offered to the others (see the module documentation).
#[cfg(test)]
pub(crate) fn audit_article(text: &str, records: &[&ClaimRecord]) -> Vec<ClaimAudit> {
    audit_article_in(text, records, Pages::None)
}

/// [`audit_article`] for an article of a text file or of a page (`pages`):
/// each claim's source span is checked too ([`source_problems`]) and every
/// location carries one, when known.
fn audit_article_in(text: &str, records: &[&ClaimRecord], pages: Pages) -> Vec<ClaimAudit> {
    let index = LineIndex::with_pages(text, pages);
    let mut out: Vec<Option<ClaimAudit>> = vec![None; records.len()];
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    let mut unanchored = Vec::new();
    for (k, r) in records.iter().enumerate() {
        let problems = span_problems(r, text);
        if !problems.is_empty() {
            unanchored.push((k, problems));
            continue;
        }
        taken.insert((r.start, r.end));
        let location = index.locate(text, r.start, r.end);
        let mut problems = position_problems(r, &location);
        problems.extend(source_problems(r, &location, pages));
        let status =
            if problems.is_empty() { Status::Verified } else { Status::Inconsistent(location) };
        out[k] = Some(ClaimAudit { status, problems, figure_now: None });
    }
    let mut moved_to: HashMap<(usize, usize), usize> = HashMap::new();
    for (k, problems) in unanchored {
        let r = records[k];
        let found = candidates(r, text, &taken);
        let status = match found.as_slice() {
            [] => Status::Missing(Missing::Gone),
            [at] => {
                let location = index.locate(text, *at, at + r.text.len());
                *moved_to.entry((location.start, location.end)).or_default() += 1;
                Status::Moved(location)
            }
            several => Status::Missing(Missing::Ambiguous(several.len())),
        };
        let figure_now = match status {
            Status::Missing(Missing::Gone) => figure_now(r, text, &index),
            _ => None,
        };
        out[k] = Some(ClaimAudit { status, problems, figure_now });
    }
    for audit in out.iter_mut().flatten() {
        if let Status::Moved(l) = audit.status {
            let n = moved_to[&(l.start, l.end)];
            if n > 1 {
                audit.status = Status::Missing(Missing::Ambiguous(n));
                audit
                    .problems
                    .push(format!("bytes {}..{} are where {n} claims would move", l.start, l.end));
            }
        }
    }
    out.into_iter().map(|a| a.expect("every claim was audited")).collect()
}

/// The figure now in the place of a claim that is gone: found by the
/// record's subject or population phrase, whichever is still in the article
/// at exactly one place, at the same distance from the figure as recorded
/// (counted from the figure's start for a phrase before it, from its end for
/// one after it, as an edit of the figure moves only what follows). The
/// figure there is its run of digits, `.`, `,` and `%`, and it must differ
/// from the record's text. Without a subject or phrase, the figure at the
/// recorded offset.
fn figure_now(r: &ClaimRecord, text: &str, index: &LineIndex) -> Option<FigureNow> {
    let figure_char = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '%');
    // The figure's run of characters around byte `at`, where it starts
    // (`forward`) or ends.
    let run = |at: usize, forward: bool| -> Option<(usize, usize)> {
        let (start, end) = if forward {
            let len = text.get(at..)?.find(|c: char| !figure_char(c)).unwrap_or(text.len() - at);
            (at, at + len)
        } else {
            let before = text.get(..at)?;
            let start = before.rfind(|c: char| !figure_char(c)).map_or(0, |i| i + 1);
            (start, at)
        };
        let found = &text[start..end];
        let found = found.trim_end_matches([',', '.']);
        (found.bytes().any(|b| b.is_ascii_digit()) && found != r.text)
            .then(|| (start, start + found.len()))
    };
    let anchors: Vec<&Phrase> = [&r.subject, &r.population_phrase]
        .into_iter()
        .flatten()
        .filter(|p| !p.text.is_empty())
        .collect();
    let mut places = Vec::new();
    for p in &anchors {
        let occurrences: Vec<usize> = text.match_indices(p.text.as_str()).map(|(i, _)| i).collect();
        let [at] = occurrences.as_slice() else { continue };
        let place = if p.start >= r.end {
            // After the figure: the figure ends as far before it as recorded.
            at.checked_sub(p.start - r.end).and_then(|end| run(end, false))
        } else if p.end <= r.start {
            run(at + (r.start - p.start), true)
        } else {
            None
        };
        places.extend(place);
    }
    if anchors.is_empty() {
        places.extend(run(r.start, true));
    }
    places.dedup();
    let [(start, end)] = places.as_slice() else { return None };
    Some(FigureNow {
        text: text[*start..*end].to_string(),
        location: index.locate(text, *start, *end),
    })
}

/// Every start offset where the record's anchor holds (module doc, steps
/// 1–4), in ascending order, skipping the spans in `taken`.
pub(crate) fn candidates(
    record: &ClaimRecord,
    text: &str,
    taken: &HashSet<(usize, usize)>,
) -> Vec<usize> {
    let needle = record.text.as_str();
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let at = from + i;
        if !taken.contains(&(at, at + needle.len())) && anchor_holds(record, text, at) {
            found.push(at);
        }
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// True when the record's text, subject, phrase and sentence fit with the
/// expression starting at byte `at`.
fn anchor_holds(record: &ClaimRecord, text: &str, at: usize) -> bool {
    let delta = at as isize - record.start as isize;
    let shift = |x: usize| x.checked_add_signed(delta);
    let phrase_holds = |p: &Option<Phrase>| match p {
        None => true,
        Some(p) => match (shift(p.start), shift(p.end)) {
            (Some(s), Some(e)) => text.get(s..e) == Some(p.text.as_str()),
            _ => false,
        },
    };
    text.get(at..at + record.text.len()) == Some(record.text.as_str())
        && phrase_holds(&record.subject)
        && phrase_holds(&record.population_phrase)
        && match (shift(record.sentence.start), shift(record.sentence.end)) {
            (Some(s), Some(e)) => text.get(s..e).is_some(),
            _ => false,
        }
}

/// What is wrong with `label`'s recorded span `start..end` in `text`.
fn span_problem(
    label: &str,
    start: usize,
    end: usize,
    want: Option<&str>,
    text: &str,
) -> Option<String> {
    if start > end {
        return Some(format!("{label} start {start} is after its end {end}"));
    }
    if end > text.len() {
        return Some(format!(
            "{label} bytes {start}..{end} are past the end of the article ({} bytes)",
            text.len()
        ));
    }
    let Some(found) = text.get(start..end) else {
        return Some(format!("{label} bytes {start}..{end} do not fall on character boundaries"));
    };
    match want {
        Some(want) if found != want => {
            Some(format!("{label} at bytes {start}..{end} is {found:?}, record has {want:?}"))
        }
        _ => None,
    }
}

/// The record's spans that do not hold in `text` (expression, subject,
/// population phrase, sentence bounds).
fn span_problems(r: &ClaimRecord, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    problems.extend(span_problem("text", r.start, r.end, Some(&r.text), text));
    if let Some(p) = &r.subject {
        problems.extend(span_problem("subject", p.start, p.end, Some(&p.text), text));
    }
    if let Some(p) = &r.population_phrase {
        problems.extend(span_problem("population phrase", p.start, p.end, Some(&p.text), text));
    }
    problems.extend(span_problem("sentence", r.sentence.start, r.sentence.end, None, text));
    problems
}

/// What is wrong with the record's `source_span`, for the claim at `at`:
/// on an HTML article whose page was read, it must be the range the page's
/// map gives for the expression (`at.source`), and those bytes of the page,
/// read as HTML on their own ([`fragment_text`]), must be the claim's text
/// (white space collapsed); on a text article it must be absent; on an HTML
/// article whose page is missing it cannot be checked.
fn source_problems(r: &ClaimRecord, at: &Location, pages: Pages) -> Vec<String> {
    let recorded = r.source_span.map(|s| (s.start, s.end));
    let range = |s: Option<(usize, usize)>| match s {
        Some((a, b)) => format!("{a}..{b}"),
        None => "absent".to_string(),
    };
    let mut problems = Vec::new();
    let page = match pages {
        Pages::Missing => return problems,
        Pages::None => {
            if recorded.is_some() {
                problems.push(format!("source_span is {} on a text article", range(recorded)));
            }
            return problems;
        }
        Pages::Read(page) => page,
    };
    let expected = at.source.flatten();
    if recorded != expected {
        let now = match expected {
            Some((a, b)) => format!("bytes {a}..{b}"),
            None => "in no single range".to_string(),
        };
        problems.push(format!(
            "source_span is {}, the expression's bytes in the page are {now}",
            range(recorded)
        ));
    }
    if let Some((a, b)) = recorded {
        match page.html.get(a..b) {
            None => problems.push(format!(
                "source_span {a}..{b} is past the end of the page ({} bytes)",
                page.html.len()
            )),
            Some(bytes) => {
                let read = fragment_text(bytes, page.encoding);
                if read != collapse_white_space(&r.text) {
                    problems.push(format!(
                        "source bytes {a}..{b} of the page read as {read:?}, record has {:?}",
                        r.text
                    ));
                }
            }
        }
    }
    problems
}

/// The record's positions that disagree with `at`, where its spans hold.
fn position_problems(r: &ClaimRecord, at: &Location) -> Vec<String> {
    let mut problems = Vec::new();
    if r.char_start != at.char_start {
        problems.push(format!(
            "char_start is {}, byte {} is code point {}",
            r.char_start, r.start, at.char_start
        ));
    }
    if r.char_end != at.char_end {
        problems.push(format!(
            "char_end is {}, byte {} is code point {}",
            r.char_end, r.end, at.char_end
        ));
    }
    if (r.line, r.column) != (at.line, at.column) {
        problems.push(format!(
            "line:column is {}:{}, byte {} is at {}:{}",
            r.line, r.column, r.start, at.line, at.column
        ));
    }
    if !(r.sentence.start <= r.start && r.end <= r.sentence.end) {
        problems.push(format!(
            "sentence {}..{} does not contain the expression at {}..{}",
            r.sentence.start, r.sentence.end, r.start, r.end
        ));
    }
    problems
}

/// Byte offset → code point, line and column, as the extraction counts them
/// (lines end at `\n`; columns are 1-based code points).
struct LineIndex<'p> {
    /// Byte offset of each line's first byte.
    starts: Vec<usize>,
    /// Code points before each line's first byte.
    chars_before: Vec<usize>,
    /// Where each location's source span comes from.
    pages: Pages<'p>,
}

/// The page of an article, if it is an HTML article.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pages<'p> {
    /// A text article: no page, no source spans.
    None,
    /// An HTML article whose page cannot be read now.
    Missing,
    /// An HTML article's page, whose map gives each location's source span.
    Read(&'p Page),
}

impl<'p> LineIndex<'p> {
    fn with_pages(text: &str, pages: Pages<'p>) -> LineIndex<'p> {
        LineIndex { pages, ..LineIndex::new(text) }
    }

    fn new(text: &str) -> LineIndex<'p> {
        let mut starts = vec![0];
        let mut chars_before = vec![0];
        for (n, (i, c)) in text.char_indices().enumerate() {
            if c == '\n' {
                starts.push(i + 1);
                chars_before.push(n + 1);
            }
        }
        LineIndex { starts, chars_before, pages: Pages::None }
    }

    /// Code point, 1-based line and 1-based column of byte `at` (a
    /// character boundary).
    fn position(&self, text: &str, at: usize) -> (usize, usize, usize) {
        let line = self.starts.partition_point(|&s| s <= at) - 1;
        let column = text[self.starts[line]..at].chars().count();
        (self.chars_before[line] + column, line + 1, column + 1)
    }

    fn locate(&self, text: &str, start: usize, end: usize) -> Location {
        let (char_start, line, column) = self.position(text, start);
        Location {
            start,
            end,
            char_start,
            char_end: char_start + text[start..end].chars().count(),
            line,
            column,
            source: match self.pages {
                Pages::None => Some(None),
                Pages::Missing => None,
                Pages::Read(page) => {
                    Some(page.map.source_span(start..end).map(|r| (r.start, r.end)))
                }
            },
        }
    }
}

/// What [`fix`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FixCounts {
    /// Records re-anchored or with recomputed positions (source spans included).
    pub relocated: usize,
    /// Records flagged with `audit`.
    pub flagged: usize,
    /// Records whose stale `audit` flag was removed.
    pub unflagged: usize,
    /// Manifest entries given `audited`: the bytes re-anchored to.
    pub articles: usize,
    /// HTML articles whose stored text is to be written again: the text
    /// their page reads as now (the caller writes it: [`texts_to_write`]).
    pub texts: usize,
}

impl FixCounts {
    /// True when the dataset needs no rewrite.
    pub(crate) fn is_empty(&self) -> bool {
        *self == FixCounts::default()
    }
}

/// The dataset repaired by `report`: moved claims re-anchored (every offset
/// shifted by the same delta, code points, line and column recomputed),
/// inconsistent positions recomputed, missing claims kept and flagged
/// (`audit: "missing"` or `"article_missing"`), stale flags of claims that
/// now verify removed, and changed articles given the size and checksum
/// they were re-anchored to as `audited` (their `sha256` and `bytes` stay
/// those of extraction). Records left as they were keep their stored line
/// byte for byte.
pub(crate) fn fix(dataset: &Dataset, report: &Report) -> (Dataset, FixCounts) {
    let mut counts = FixCounts::default();
    let mut fixed = dataset.clone();
    let mut touched: HashSet<String> = HashSet::new();
    for (k, audit) in report.claims.iter().enumerate() {
        let old = &dataset.claims[k];
        let mut r = old.clone();
        match audit.status {
            Status::Verified => r.audit = None,
            Status::Inconsistent(at) | Status::Moved(at) => {
                relocate(&mut r, &at);
                r.audit = None;
            }
            Status::Missing(_) => r.audit = Some("missing".into()),
            Status::ArticleMissing => r.audit = Some("article_missing".into()),
        }
        if r == *old {
            continue;
        }
        let place =
            |c: &ClaimRecord| (c.start, c.char_start, c.char_end, c.line, c.column, c.source_span);
        if r.audit.is_some() {
            counts.flagged += 1;
        } else if place(&r) != place(old) {
            counts.relocated += 1;
        } else {
            counts.unflagged += 1;
        }
        fixed.raw[k] = serde_json::to_string(&r).expect("records serialize");
        touched.insert(r.article.clone());
        fixed.claims[k] = r;
    }
    // `bytes` and `sha256` stay those the claims were extracted from;
    // `audited` says what they were re-anchored to, and makes `extract`
    // extract the article again, as an edited article or rewritten claims
    // are no longer what extraction gave.
    for entry in &mut fixed.manifest.articles {
        // An HTML article's claims were checked against the text its page
        // reads as now: that is the text to store when the stored one is
        // not it (missing, changed, another text, or the page edited).
        if let Some(TextCheck { stored, now: Some((size, sha)), .. }) =
            report.texts.get(&entry.path)
            && (*stored != StoredText::Holds || entry.text_sha256.as_deref() != Some(sha.as_str()))
        {
            entry.text_file = Some(html_text_file(&entry.path, sha));
            entry.text_bytes = Some(*size);
            entry.text_sha256 = Some(sha.clone());
            counts.texts += 1;
        }
        if entry.status != "ok" {
            continue; // no claims to re-anchor: extract tries it again
        }
        let audited = match report.articles.get(&entry.path) {
            Some(ArticleState::Changed { bytes, sha256 }) => {
                Audited { bytes: *bytes, sha256: Some(sha256.clone()) }
            }
            _ if !touched.contains(&entry.path) => continue,
            Some(ArticleState::Unchanged) => {
                Audited { bytes: entry.bytes, sha256: entry.sha256.clone() }
            }
            Some(ArticleState::Missing(_)) | None => Audited { bytes: 0, sha256: None },
            Some(ArticleState::Reanchored | ArticleState::FailedAsRecorded) => continue,
        };
        if entry.audited.as_ref() != Some(&audited) {
            entry.audited = Some(audited);
            counts.articles += 1;
        }
    }
    (fixed, counts)
}

/// The stored texts the manifest `fixed` names that are to be written, and
/// what: for each HTML article [`fix`] gave a text to store, the text its
/// page reads as now (`sources`), when the file does not hold it already.
pub(crate) fn texts_to_write<'s>(
    fixed: &Manifest,
    report: &Report,
    sources: &'s BTreeMap<String, Source>,
    holds: impl Fn(&str, u64, &str) -> bool,
) -> Vec<(String, &'s str)> {
    let mut out = Vec::new();
    for entry in &fixed.articles {
        let Some(TextCheck { now: Some((size, sha)), .. }) = report.texts.get(&entry.path) else {
            continue;
        };
        let (Some(rel), Some(text)) =
            (&entry.text_file, sources.get(&entry.path).and_then(|s| s.text.as_deref()))
        else {
            continue;
        };
        if entry.text_sha256.as_deref() == Some(sha.as_str()) && !holds(rel, *size, sha) {
            out.push((rel.clone(), text));
        }
    }
    out
}

/// Moves `r` to `at`: every byte offset shifted by the same delta, the
/// code-point offsets, line and column taken from `at`.
fn relocate(r: &mut ClaimRecord, at: &Location) {
    let delta = at.start as isize - r.start as isize;
    let shift = |x: usize| x.saturating_add_signed(delta);
    r.start = at.start;
    r.end = at.end;
    r.char_start = at.char_start;
    r.char_end = at.char_end;
    r.line = at.line;
    r.column = at.column;
    if let Some(source) = at.source {
        r.source_span = source.map(|(start, end)| SpanRecord { start, end });
    }
    for p in [&mut r.subject, &mut r.population_phrase].into_iter().flatten() {
        p.start = shift(p.start);
        p.end = shift(p.end);
    }
    r.sentence.start = shift(r.sentence.start);
    r.sentence.end = shift(r.sentence.end);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::SpanRecord;

    /// A record for `expr` at its `nth` occurrence in `text`, with subject and
    /// phrase taken at their first occurrence, positions computed as the
    /// extraction does, and the sentence spanning the line.
    fn record(
        text: &str,
        expr: &str,
        nth: usize,
        subject: Option<&str>,
        phrase: Option<&str>,
    ) -> ClaimRecord {
        let start = text.match_indices(expr).nth(nth).expect("expr in text").0;
        let end = start + expr.len();
        let loc = LineIndex::new(text).locate(text, start, end);
        let phrase_of = |p: &str| {
            let s = text.find(p).expect("phrase in text");
            Phrase { text: p.to_string(), start: s, end: s + p.len() }
        };
        let sentence_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let sentence_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        ClaimRecord {
            id: format!("c-{start}"),
            article: "a.txt".into(),
            start,
            end,
            text: expr.into(),
            char_start: loc.char_start,
            char_end: loc.char_end,
            line: loc.line,
            column: loc.column,
            value: 0.0,
            bound: crate::lang::detect::Bound::Exact,
            kind: crate::lang::detect::Kind::Percent,
            population: "unknown".into(),
            population_phrase: phrase.map(phrase_of),
            subject: subject.map(phrase_of),
            sentence: SpanRecord { start: sentence_start, end: sentence_end },
            evidence: "test".into(),
            role: crate::lang::role::Role::Finding,
            role_rule: String::new(),
            pair: None,
            audit: None,
            source_span: None,
        }
    }

    /// What a case expects of the one claim it audits.
    #[derive(Debug, PartialEq)]
    enum Want {
        Verified,
        Inconsistent,
        /// Moved, to the expression's occurrence at this byte of the new text.
        MovedTo(&'static str),
        Gone,
        Ambiguous(usize),
    }

    struct Case {
        name: &'static str,
        old: &'static str,
        new: &'static str,
        expr: &'static str,
        subject: Option<&'static str>,
        phrase: Option<&'static str>,
        want: Want,
    }

    #[test]
    fn reanchoring() {
        let cases = [
            Case {
                name: "unchanged text verifies",
                old: "Intro.\n“Café” says 35% of CMOs agree.\n",
                new: "Intro.\n“Café” says 35% of CMOs agree.\n",
                expr: "35%",
                subject: Some("agree"),
                phrase: Some("CMOs"),
                want: Want::Verified,
            },
            Case {
                name: "text inserted before the claim moves it uniquely",
                old: "Intro.\n“Café” says 35% of CMOs agree.\n",
                new: "Intro 🎉 and more.\nNew line.\n“Café” says 35% of CMOs agree.\n",
                expr: "35%",
                subject: Some("agree"),
                phrase: Some("CMOs"),
                want: Want::MovedTo("35% of CMOs"),
            },
            Case {
                name: "the figure deleted is gone",
                old: "Intro.\nSays 35% of CMOs agree.\n",
                new: "Intro.\nSays most CMOs agree.\n",
                expr: "35%",
                subject: Some("agree"),
                phrase: Some("CMOs"),
                want: Want::Gone,
            },
            Case {
                name: "the figure changed is gone",
                old: "Intro.\nSays 35% of CMOs agree.\n",
                new: "Intro.\nSays 36% of CMOs agree.\n",
                expr: "35%",
                subject: Some("agree"),
                phrase: Some("CMOs"),
                want: Want::Gone,
            },
            Case {
                name: "the figure kept but its phrase reworded is gone",
                old: "Intro.\nSays 35% of CMOs agree.\n",
                new: "Intro, longer.\nSays 35% of marketers agree.\n",
                expr: "35%",
                subject: None,
                phrase: Some("CMOs"),
                want: Want::Gone,
            },
            Case {
                name: "the same context twice is ambiguous",
                old: "Intro.\nSays 35% of CMOs agree.\n",
                new: "New.\nSays 35% of CMOs agree.\nSays 35% of CMOs agree.\n",
                expr: "35%",
                subject: Some("agree"),
                phrase: Some("CMOs"),
                want: Want::Ambiguous(2),
            },
            Case {
                name: "a bare figure occurring twice is ambiguous",
                old: "Up 35%.\n",
                new: "Now: up 35%, then 35%.\n",
                expr: "35%",
                subject: None,
                phrase: None,
                want: Want::Ambiguous(2),
            },
            Case {
                name: "context at another offset does not anchor",
                old: "Intro.\nSays 35% of CMOs agree.\n",
                new: "Intro!\nSays 35% of all CMOs agree.\nAnd 35% of CIOs.\n",
                expr: "35%",
                subject: None,
                phrase: Some("CMOs"),
                want: Want::Gone,
            },
            Case {
                name: "a sentence that no longer fits before the start is gone",
                old: "A long first sentence here. Then 35% rose.\n",
                new: "Then 35% rose.\n",
                expr: "35%",
                subject: None,
                phrase: None,
                want: Want::Gone,
            },
        ];
        for case in cases {
            let r = record(case.old, case.expr, 0, case.subject, case.phrase);
            let got = audit_article(case.new, &[&r]).remove(0);
            let got_want = match got.status {
                Status::Verified => Want::Verified,
                Status::Inconsistent(_) => Want::Inconsistent,
                Status::Moved(at) => {
                    let Want::MovedTo(marker) = case.want else {
                        panic!("{}: moved to {at:?}", case.name);
                    };
                    let want_start = case.new.find(marker).expect("marker");
                    let want = LineIndex::new(case.new).locate(
                        case.new,
                        want_start,
                        want_start + case.expr.len(),
                    );
                    assert_eq!(at, want, "{}", case.name);
                    Want::MovedTo(marker)
                }
                Status::Missing(Missing::Gone) => Want::Gone,
                Status::Missing(Missing::Ambiguous(n)) => Want::Ambiguous(n),
                Status::ArticleMissing => panic!("{}: article missing", case.name),
            };
            assert_eq!(got_want, case.want, "{}: {:?}", case.name, got.problems);
            assert_eq!(
                got.problems.is_empty(),
                case.want == Want::Verified,
                "{}: {:?}",
                case.name,
                got.problems
            );
        }
    }

    #[test]
    fn a_verified_claim_keeps_its_place_from_a_moved_twin() {
        // Two claims with the same text and context; text inserted between
        // them. The first still verifies, so the second has one place left.
        let old = "Says 35% of CMOs.\nSays 35% of CMOs.\n";
        let new = "Says 35% of CMOs.\nInserted 😀.\nSays 35% of CMOs.\n";
        let first = record(old, "35%", 0, None, None);
        let mut second = record(old, "35%", 1, None, None);
        second.id = "c-second".into();
        let got = audit_article(new, &[&first, &second]);
        assert_eq!(got[0].status, Status::Verified);
        let Status::Moved(at) = got[1].status else {
            panic!("second: {:?}", got[1]);
        };
        assert_eq!(at.start, new.rfind("35%").unwrap());
        assert_eq!((at.line, at.column), (3, 6));
    }

    #[test]
    fn two_claims_moving_to_one_place_are_ambiguous() {
        let old = "Says 35% rose.\nSays 35% rose.\n";
        let new = "Intro.\nSays 35% rose.\n";
        let a = record(old, "35%", 0, None, None);
        let b = record(old, "35%", 1, None, None);
        let got = audit_article(new, &[&a, &b]);
        assert_eq!(got[0].status, Status::Missing(Missing::Ambiguous(2)));
        assert_eq!(got[1].status, Status::Missing(Missing::Ambiguous(2)));
    }

    #[test]
    fn wrong_positions_are_inconsistent_and_fixed() {
        let text = "“Café” 🎉\nSays 35% of CMOs agree.\n";
        let good = record(text, "35%", 0, Some("agree"), Some("CMOs"));
        let mut bad = good.clone();
        bad.char_start = bad.start; // byte offset mistaken for code points
        bad.column = 1;
        let got = audit_article(text, &[&bad]).remove(0);
        assert!(matches!(got.status, Status::Inconsistent(_)), "{got:?}");
        assert_eq!(got.problems.len(), 2, "{:?}", got.problems);
        assert!(got.problems[0].contains(&format!("char_start is {}", good.start)));
        let mut fixed = bad.clone();
        let Status::Inconsistent(at) = got.status else { unreachable!() };
        relocate(&mut fixed, &at);
        assert_eq!(fixed, good);
    }

    #[test]
    fn relocating_shifts_every_span() {
        let old = "Says 35% of CMOs agree.\n";
        let new = "Añadido 🎉.\nSays 35% of CMOs agree.\n";
        let mut r = record(old, "35%", 0, Some("agree"), Some("CMOs"));
        let want = record(new, "35%", 0, Some("agree"), Some("CMOs"));
        let Status::Moved(at) = audit_article(new, &[&r])[0].status else {
            panic!("not moved");
        };
        relocate(&mut r, &at);
        assert_eq!(
            (r.start, r.char_start, r.line, r.column),
            (want.start, want.char_start, want.line, want.column)
        );
        assert_eq!(r.subject, want.subject);
        assert_eq!(r.population_phrase, want.population_phrase);
        assert_eq!(r.sentence, want.sentence);
    }

    #[test]
    fn malformed_datasets_name_file_and_line() {
        let text = "Says 35% of CMOs.\n";
        let r = record(text, "35%", 0, None, None);
        let line = serde_json::to_string(&r).unwrap();
        let manifest = |claims: usize| {
            format!(
                r#"{{"schema_version":"1.0","tool_version":"0","corpus":"c","claims":{claims},
                "articles":[{{"path":"a.txt","bytes":1,"sha256":"x","claims":{claims},"status":"ok"}}]}}"#
            )
        };
        let parse = |claims: &str, m: &str| {
            parse_dataset("d/claims.jsonl", claims.as_bytes(), "d/manifest.json", m.as_bytes())
                .map(|d| d.claims.len())
                .map_err(|e| e.to_string())
        };
        let mut no_start: serde_json::Value = serde_json::from_str(&line).unwrap();
        no_start.as_object_mut().unwrap().remove("start");
        let other_article = line.replace("\"a.txt\"", "\"b.txt\"");
        let cases: [(&str, String, String, Result<usize, &str>); 7] = [
            ("good", format!("{line}\n"), manifest(1), Ok(1)),
            ("blank lines skipped", format!("\n{line}\n\n"), manifest(1), Ok(1)),
            (
                "bad json",
                format!("{line}\n{{not json\n"),
                manifest(2),
                Err("d/claims.jsonl:2: key must be a string"),
            ),
            (
                "missing field",
                format!("{line}\n{no_start}\n"),
                manifest(2),
                Err("d/claims.jsonl:2: missing field 'start'"),
            ),
            (
                "duplicate id",
                format!("{line}\n{line}\n"),
                manifest(2),
                Err("d/claims.jsonl:2: duplicate id 'c-5' (first on line 1)"),
            ),
            (
                "unknown article",
                format!("{other_article}\n"),
                manifest(1),
                Err("d/claims.jsonl:1: article 'b.txt' is not listed in d/manifest.json"),
            ),
            (
                "count mismatch",
                format!("{line}\n"),
                manifest(2),
                Err("d/manifest.json: claims is 2 but d/claims.jsonl holds 1 records"),
            ),
        ];
        for (name, claims, m, want) in cases {
            let got = parse(&claims, &m);
            match want {
                Ok(n) => assert_eq!(got, Ok(n), "{name}"),
                Err(prefix) => {
                    let err = got.expect_err(name);
                    assert!(err.starts_with(prefix), "{name}: {err}");
                }
            }
        }
        let err = parse("", "{\n\"schema_version\": 1\n}").unwrap_err();
        assert!(err.starts_with("d/manifest.json:2: invalid type"), "{err}");
    }
}
