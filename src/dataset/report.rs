//! The HTML report: one self-contained page for an analyst asking where
//! marketing and IT differ, and for a reader checking claims in their text.
//!
//! [`render`] turns the records and the article texts into one HTML file
//! with its CSS and JavaScript inline (no network, no external asset; they
//! are written in `report.css` and `report.js` beside this file). The page
//! has three views:
//!
//! - **Overview**: counts by population, role, audit status, bound and
//!   kind, the gap table of [`crate::dataset::stats::gaps`] (the findings
//!   the text states for both sides, largest gap first) and a chart of
//!   marketing's and IT's figures for each of them (an SVG the script
//!   draws: one bar pair per gap);
//! - **Claims**: every claim in a table, sortable by any column and
//!   filtered by population, role, bound, audit status and a text search;
//!   only the rows on screen are in the document, so a corpus of tens of
//!   thousands of claims scrolls smoothly; each row links to its claim in
//!   its article;
//! - **Articles**: every article with its claims highlighted in place, as
//!   a checker reads them: each claim's expression marked with `<mark
//!   class="claim" data-id data-population data-role data-status ...>`,
//!   coloured by population, its subject underlined and its population
//!   phrase dotted (`<span class="ul">` pieces); paired claims link to each
//!   other. An article is rendered when it scrolls near the viewport, in
//!   blocks of a few thousand characters cut where no span is, each also
//!   rendered only near the viewport, so a 50 MB article opens at once.
//!
//! Expressions nest (an expression inside another is a child `<mark>`; one
//! that crosses another's end is clipped there and flagged
//! `data-clipped`), and underlines are split at every boundary, so a
//! subject that overlaps another claim's expression, or another subject,
//! never breaks a mark: the text of each `<mark>` is exactly its claim's
//! `text`.
//!
//! Data: the claims, articles and gaps are one JSON index, and the article
//! texts are packed into chunks of about [`CHUNK_BYTES`] (each article in
//! one chunk, once); index and chunks are gzip-compressed and base64-coded
//! in `<script type="application/x-gzip-base64">` elements, which the page
//! decodes (a small inflater in the script, or the browser's
//! `DecompressionStream` for a large chunk once the page is read). The
//! index, the first chunk and the script come before the other chunks, so
//! the overview and the first articles are drawn while the browser still
//! reads the rest. Offsets in the index are UTF-16 code
//! units of each article's text, as the page slices its strings.
//!
//! The page reads its state from the URL hash and writes it back:
//! `#view=claims&population=it,both&role=finding&bound=exact&status=verified&q=budget&sort=-value&all=1&claim=c-...`
//! (`view`: `overview` (default), `claims` or `articles`; `q` searches a
//! claim's text, subject, evidence and article path; `all=1` also shows
//! articles without a matching claim; `claim` selects a claim and shows it
//! in its article; `render=all` renders every article and every table row
//! at once, which tests and printing use).
//!
//! Claim statuses come from `claimscan audit --json` output when one is
//! given ([`parse_audit`]; a claim it does not list verified), otherwise
//! from checking each claim's spans against the text ([`check`]):
//! `verified` or `mismatch`. A claim whose spans do not hold (and that the
//! audit did not re-anchor) is listed under its article, not highlighted.
//!
//! Escaping: text in HTML goes through [`escape_html`]; the JSON index is
//! compressed, and base64 holds no character that could close a script
//! element. Everything here is pure: `claimscan report` reads the files.

use crate::dataset::export::{COLOURS, check, labels};
use crate::dataset::stats::{Stats, plural, stats};
use crate::lang::role::Role;
use crate::record::{ClaimRecord, Phrase};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Bounds in the order the filters list them (the names of
/// [`crate::lang::detect::Bound`]).
const BOUNDS: [&str; 4] = ["exact", "approx", "at_least", "at_most"];

/// Audit statuses in the order the sidebar lists them.
pub(crate) const STATUSES: [&str; 7] =
    ["verified", "moved", "inconsistent", "mismatch", "missing", "article_missing", "unchecked"];

/// An article as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArticleText {
    /// Path relative to the corpus, as in the records.
    pub path: String,
    /// The text decoded by the extraction's policy, or why it cannot be shown.
    pub text: Result<String, String>,
}

/// What `claimscan audit --json` says about a claim that does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AuditEntry {
    /// `moved`, `inconsistent`, `missing` or `article_missing`.
    pub status: String,
    /// For `missing`: `gone` or `ambiguous`.
    pub reason: Option<String>,
    /// For `moved` (and `inconsistent`): the expression's byte offset now.
    pub start: Option<usize>,
    /// The failed checks, in words.
    pub problems: Vec<String>,
}

/// A parsed `claimscan audit --json` output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AuditLog {
    /// The claims that do not verify, by id; every other claim verified.
    pub entries: HashMap<String, AuditEntry>,
    /// The summary line's count of claims (to notice a stale audit).
    pub claims: usize,
}

/// Parses the JSON lines of `claimscan audit --json`: `claim` lines and the
/// final `summary` line (required, so that a truncated file is noticed).
/// Errors name the 1-based line.
pub(crate) fn parse_audit(text: &str) -> Result<AuditLog, String> {
    let mut log = AuditLog::default();
    let mut summary = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {n}: {e}"))?;
        let str_field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        match v.get("type").and_then(|t| t.as_str()) {
            Some("claim") => {
                let (Some(id), Some(status)) = (str_field("id"), str_field("status")) else {
                    return Err(format!("line {n}: a claim line needs string 'id' and 'status'"));
                };
                let start = v
                    .get("location")
                    .and_then(|l| l.get("start"))
                    .and_then(|s| s.as_u64())
                    .map(|s| s as usize);
                let problems = v
                    .get("problems")
                    .and_then(|p| p.as_array())
                    .map(|a| a.iter().filter_map(|p| p.as_str().map(str::to_string)).collect())
                    .unwrap_or_default();
                let entry = AuditEntry { status, reason: str_field("reason"), start, problems };
                log.entries.insert(id, entry);
            }
            Some("summary") => {
                summary = true;
                log.claims = v.get("claims").and_then(|c| c.as_u64()).unwrap_or(0) as usize;
            }
            other => {
                return Err(format!("line {n}: type {other:?} is neither 'claim' nor 'summary'"));
            }
        }
    }
    if !summary {
        return Err("no summary line: is this the output of claimscan audit --json?".into());
    }
    Ok(log)
}

/// Everything the report shows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Input<'a> {
    /// What the report is of, its subtitle: the corpus's name.
    pub title: &'a str,
    /// Every article of the manifest, in its order.
    pub articles: &'a [ArticleText],
    /// The dataset's claims.
    pub claims: &'a [ClaimRecord],
    /// The audit to take statuses from; None: check spans against the texts.
    pub audit: Option<&'a AuditLog>,
    /// The populations the claims were attributed to.
    pub populations: &'a crate::record::PopulationsUsed,
}

/// A rendered report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    /// The HTML document.
    pub html: String,
    /// Claims highlighted in their article's text.
    pub placed: usize,
    /// Claims that could not be highlighted, as `id (article): why`.
    pub unplaced: Vec<String>,
    /// Claims per status.
    pub statuses: BTreeMap<String, usize>,
}

/// Raw bytes of article text per chunk: an article larger than this is a
/// chunk of its own.
pub(crate) const CHUNK_BYTES: usize = 256 * 1024;

/// A quoted span: its text and UTF-16 offsets when placed.
struct PhraseOut<'a> {
    text: &'a str,
    at: Option<[usize; 2]>,
}

/// A claim as the page reads it (written out by columns, [`ClaimColumns`]).
struct ClaimOut<'a> {
    id: &'a str,
    /// Index of its article in the index's articles.
    article: usize,
    text: &'a str,
    value: f64,
    bound: &'a str,
    kind: &'a str,
    population: &'a str,
    role: &'a str,
    role_rule: &'a str,
    evidence: &'a str,
    line: usize,
    column: usize,
    status: String,
    note: String,
    /// UTF-16 span of the expression in its article's text, None when unplaced.
    at: Option<[usize; 2]>,
    subject: Option<PhraseOut<'a>>,
    phrase: Option<PhraseOut<'a>>,
    /// Index of the claim it is paired with.
    pair: Option<usize>,
    /// The rule that paired them.
    pair_rule: Option<&'a str>,
}

/// Strings that repeat (bounds, populations, rules, evidence, statuses),
/// each written once: the columns hold their indices.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    at: HashMap<String, usize>,
}

impl Strings {
    fn id(&mut self, s: &str) -> usize {
        if let Some(&i) = self.at.get(s) {
            return i;
        }
        self.list.push(s.to_string());
        self.at.insert(s.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }
}

/// The claims, one array per field (indices into [`IndexOut::strings`]
/// for the fields whose values repeat): a tenth of the size of one object
/// per claim, and parsed as fast.
#[derive(Serialize, Default)]
struct ClaimColumns<'a> {
    id: Vec<&'a str>,
    article: Vec<usize>,
    text: Vec<&'a str>,
    value: Vec<f64>,
    bound: Vec<usize>,
    kind: Vec<usize>,
    population: Vec<usize>,
    role: Vec<usize>,
    role_rule: Vec<usize>,
    evidence: Vec<usize>,
    line: Vec<usize>,
    column: Vec<usize>,
    status: Vec<usize>,
    /// Notes of the claims that have one, by claim index.
    note: BTreeMap<usize, String>,
    at: Vec<Option<[usize; 2]>>,
    subject: Vec<Option<&'a str>>,
    subject_at: Vec<Option<[usize; 2]>>,
    phrase: Vec<Option<&'a str>>,
    phrase_at: Vec<Option<[usize; 2]>>,
    pair: Vec<Option<usize>>,
    pair_rule: Vec<Option<usize>>,
}

impl<'a> ClaimColumns<'a> {
    fn push(&mut self, c: ClaimOut<'a>, strings: &mut Strings) {
        if !c.note.is_empty() {
            self.note.insert(self.id.len(), c.note);
        }
        self.id.push(c.id);
        self.article.push(c.article);
        self.text.push(c.text);
        self.value.push(c.value);
        self.bound.push(strings.id(c.bound));
        self.kind.push(strings.id(c.kind));
        self.population.push(strings.id(c.population));
        self.role.push(strings.id(c.role));
        self.role_rule.push(strings.id(c.role_rule));
        self.evidence.push(strings.id(c.evidence));
        self.line.push(c.line);
        self.column.push(c.column);
        self.status.push(strings.id(&c.status));
        self.at.push(c.at);
        self.subject.push(c.subject.as_ref().map(|p| p.text));
        self.subject_at.push(c.subject.and_then(|p| p.at));
        self.phrase.push(c.phrase.as_ref().map(|p| p.text));
        self.phrase_at.push(c.phrase.and_then(|p| p.at));
        self.pair.push(c.pair);
        self.pair_rule.push(c.pair_rule.map(|r| strings.id(r)));
    }
}

/// The articles, one array per field.
#[derive(Serialize, Default)]
struct ArticleColumns<'a> {
    path: Vec<&'a str>,
    /// Why an article cannot be shown, by article index.
    error: BTreeMap<usize, &'a str>,
    /// Its first claim's index; its claims run to the next article's first.
    first: Vec<usize>,
    /// The chunk holding its text (None when it cannot be shown) and the
    /// byte range of the text in it.
    chunk: Vec<Option<usize>>,
    bytes: Vec<[usize; 2]>,
}

/// The index: articles, claims and the strings they share.
#[derive(Serialize)]
struct IndexOut<'a> {
    articles: ArticleColumns<'a>,
    claims: ClaimColumns<'a>,
    strings: Vec<String>,
}

/// A claim of a gap, as the overview shows it.
#[derive(Serialize)]
struct GapSide<'a> {
    id: &'a str,
    value: f64,
}

/// A row of the gap table: the figures of the first and the second
/// population (`populations[0]` and `[1]` of the head).
#[derive(Serialize)]
struct GapOut<'a> {
    sides: [GapSide<'a>; 2],
    subject: &'a str,
    gap: f64,
    #[serde(rename = "match")]
    matched_by: &'a str,
    /// `article:line` of the claim stated first, and its id.
    at: String,
    first: &'a str,
}

/// What the overview needs, in plain JSON read before anything else: the
/// gaps and the filter values.
#[derive(Serialize)]
struct HeadOut<'a> {
    gaps: Vec<GapOut<'a>>,
    populations: Vec<&'a str>,
    roles: Vec<&'a str>,
    bounds: Vec<&'a str>,
    statuses: Vec<&'a str>,
}

/// `text` with `&`, `<`, `>`, `"` and `'` as character references, for
/// element content and quoted attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `value` as JSON safe inside `<script type="application/json">`: `<`,
/// `>` and `&` are written `\u003c`, `\u003e`, `\u0026` (still the same
/// JSON), so the data can never close the element or open a comment.
pub(crate) fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("report data serializes");
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// `bytes` gzip-compressed, then in base64: what the page's
/// `DecompressionStream("gzip")` reads back. Base64 has no `<`, `>` or
/// `&`, so the data can never close its script element.
pub(crate) fn gzip_base64(bytes: &[u8]) -> String {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    gz.write_all(bytes).expect("writing to memory does not fail");
    base64(&gz.finish().expect("writing to memory does not fail"))
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    String::from_utf8(out).expect("base64 is ASCII")
}

/// `r` with every byte offset moved so that its expression starts at `start`.
fn shifted(r: &ClaimRecord, start: usize) -> Option<ClaimRecord> {
    let delta = start as i128 - r.start as i128;
    let at = |o: usize| usize::try_from(o as i128 + delta).ok();
    let phrase = |p: &Option<Phrase>| match p {
        None => Some(None),
        Some(p) => {
            Some(Some(Phrase { text: p.text.clone(), start: at(p.start)?, end: at(p.end)? }))
        }
    };
    let mut out = r.clone();
    out.start = at(r.start)?;
    out.end = at(r.end)?;
    out.subject = phrase(&r.subject)?;
    out.population_phrase = phrase(&r.population_phrase)?;
    out.sentence.start = at(r.sentence.start)?;
    out.sentence.end = at(r.sentence.end)?;
    Some(out)
}

/// A claim's status, a note for the reader, and the record whose spans
/// hold in `text` (the claim itself, or re-anchored where the audit says it
/// moved), if any.
fn assess(
    r: &ClaimRecord,
    text: Result<&str, &str>,
    audit: Option<&AuditLog>,
) -> (String, String, Option<ClaimRecord>) {
    let entry = audit.and_then(|log| log.entries.get(&r.id));
    let mut notes: Vec<String> = Vec::new();
    if let Some(e) = entry {
        if let Some(reason) = &e.reason {
            notes.push(reason.clone());
        }
        notes.extend(e.problems.iter().cloned());
    }
    let status = |own: &str| match (audit, entry) {
        (Some(_), Some(e)) => e.status.clone(),
        (Some(_), None) => "verified".to_string(),
        (None, _) => own.to_string(),
    };
    let text = match text {
        Ok(t) => t,
        Err(why) => {
            notes.push(format!("article cannot be shown: {why}"));
            return (status("article_missing"), notes.join("; "), None);
        }
    };
    match check(r, text) {
        Ok(()) => (status("verified"), notes.join("; "), Some(r.clone())),
        Err(why) => {
            let moved = entry
                .and_then(|e| e.start)
                .and_then(|s| shifted(r, s))
                .filter(|m| check(m, text).is_ok());
            if moved.is_none() {
                notes.push(format!("not highlighted: {why}"));
            }
            (status("mismatch"), notes.join("; "), moved)
        }
    }
}

/// Byte offsets of one text converted to UTF-16 code units, as the page's
/// strings count: the offsets are gathered, then converted in one pass
/// (ASCII stretches a byte per unit), so a 50 MB article costs one scan.
#[derive(Debug, Default)]
struct Utf16 {
    /// (byte offset, UTF-16 offset), sorted by byte offset.
    map: Vec<(usize, usize)>,
}

impl Utf16 {
    /// Converts `offsets` (character boundaries of `text`, any order).
    fn new(text: &str, mut offsets: Vec<usize>) -> Utf16 {
        offsets.sort_unstable();
        offsets.dedup();
        let (mut byte, mut unit) = (0, 0);
        let map = offsets
            .into_iter()
            .map(|at| {
                let piece = &text[byte..at];
                unit += if piece.is_ascii() {
                    piece.len()
                } else {
                    piece.chars().map(char::len_utf16).sum()
                };
                byte = at;
                (at, unit)
            })
            .collect();
        Utf16 { map }
    }

    /// The UTF-16 offset of byte offset `byte`, one of those converted.
    fn at(&self, byte: usize) -> usize {
        let i = self.map.partition_point(|&(b, _)| b < byte);
        self.map[i].1
    }
}

/// Renders the report (module doc) of `input`.
pub(crate) fn render<'a>(input: &Input<'a>) -> Page {
    let mut by_article: HashMap<&str, Vec<&ClaimRecord>> = HashMap::new();
    for c in input.claims {
        by_article.entry(c.article.as_str()).or_default().push(c);
    }
    let mut placed = 0;
    let mut unplaced = Vec::new();
    let mut status_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut articles = ArticleColumns::default();
    let mut claims: Vec<ClaimOut> = Vec::with_capacity(input.claims.len());
    // Pairs and gaps name claims by id; the page by index.
    let mut position: HashMap<(&str, &str), usize> = HashMap::new();
    let mut pairs: Vec<Option<(&str, &str, &str)>> = Vec::new();
    let mut chunks: Vec<Vec<u8>> = vec![Vec::new()];
    for (ai, a) in input.articles.iter().enumerate() {
        let text = a.text.as_deref().map_err(String::as_str);
        let mut mine = by_article.remove(a.path.as_str()).unwrap_or_default();
        mine.sort_by_key(|c| (c.start, c.end));
        let assessed: Vec<_> = mine.iter().map(|r| assess(r, text, input.audit)).collect();
        // Every byte offset the page needs, converted to UTF-16 at once.
        let units = text.ok().map(|t| {
            let mut offsets = Vec::new();
            for m in assessed.iter().filter_map(|(_, _, m)| m.as_ref()) {
                offsets.extend([m.start, m.end]);
                for p in [&m.subject, &m.population_phrase].into_iter().flatten() {
                    offsets.extend([p.start, p.end]);
                }
            }
            Utf16::new(t, offsets)
        });
        let span = |s: usize, e: usize| units.as_ref().map(|u| [u.at(s), u.at(e)]);
        articles.first.push(claims.len());
        for (r, (status, note, at)) in mine.into_iter().zip(assessed) {
            *status_counts.entry(status.clone()).or_default() += 1;
            match &at {
                Some(_) => placed += 1,
                None => unplaced.push(format!("{} ({}): {note}", r.id, r.article)),
            }
            let quote = |p: &'a Option<Phrase>, q: Option<&Phrase>| {
                p.as_ref().map(|p| PhraseOut {
                    text: p.text.as_str(),
                    at: q.and_then(|q| span(q.start, q.end)),
                })
            };
            position.insert((r.article.as_str(), r.id.as_str()), claims.len());
            pairs.push(
                r.pair.as_ref().map(|p| (r.article.as_str(), p.id.as_str(), p.rule.as_str())),
            );
            claims.push(ClaimOut {
                id: &r.id,
                article: ai,
                text: &r.text,
                value: r.value,
                bound: r.bound.as_str(),
                kind: r.kind.as_str(),
                population: r.population.as_str(),
                role: r.role.as_str(),
                role_rule: &r.role_rule,
                evidence: &r.evidence,
                line: r.line,
                column: r.column,
                status,
                note,
                at: at.as_ref().and_then(|m| span(m.start, m.end)),
                subject: quote(&r.subject, at.as_ref().and_then(|m| m.subject.as_ref())),
                phrase: quote(
                    &r.population_phrase,
                    at.as_ref().and_then(|m| m.population_phrase.as_ref()),
                ),
                pair: None,
                pair_rule: None,
            });
        }
        let (chunk, bytes) = match text {
            Ok(t) => {
                if chunks.last().is_some_and(|c| !c.is_empty() && c.len() + t.len() > CHUNK_BYTES) {
                    chunks.push(Vec::new());
                }
                let n = chunks.len() - 1;
                let c = &mut chunks[n];
                let from = c.len();
                c.extend_from_slice(t.as_bytes());
                (Some(n), [from, c.len()])
            }
            Err(_) => (None, [0, 0]),
        };
        articles.path.push(&a.path);
        if let Err(why) = text {
            articles.error.insert(ai, why);
        }
        articles.chunk.push(chunk);
        articles.bytes.push(bytes);
    }
    for (i, p) in pairs.into_iter().enumerate() {
        if let Some((article, id, rule)) = p
            && let Some(&j) = position.get(&(article, id))
        {
            claims[i].pair = Some(j);
            claims[i].pair_rule = Some(rule);
        }
    }
    let paths: Vec<&str> = input.articles.iter().map(|a| a.path.as_str()).collect();
    let s = stats(&paths, input.claims, input.populations);
    let gaps: Vec<GapOut> = s
        .gaps
        .iter()
        .filter_map(|g| {
            let m = &claims[*position.get(&(g.article.as_str(), g.first_id.as_str()))?];
            let i = &claims[*position.get(&(g.article.as_str(), g.second_id.as_str()))?];
            let first = if (i.line, i.column) < (m.line, m.column) { i } else { m };
            Some(GapOut {
                sides: [GapSide { id: m.id, value: m.value }, GapSide { id: i.id, value: i.value }],
                subject: &g.subject,
                gap: g.gap,
                matched_by: &g.matched_by,
                at: format!("{}:{}", g.article, g.line),
                first: first.id,
            })
        })
        .collect();
    let mut statuses: Vec<&str> =
        STATUSES.iter().copied().filter(|s| status_counts.contains_key(*s)).collect();
    statuses.extend(status_counts.keys().map(String::as_str).filter(|s| !STATUSES.contains(s)));
    let head = HeadOut {
        gaps,
        populations: labels(input.populations),
        roles: Role::ALL.iter().map(|r| r.as_str()).collect(),
        bounds: BOUNDS.to_vec(),
        statuses,
    };
    let head = script_json(&head);

    let mut strings = Strings::default();
    let mut columns = ClaimColumns::default();
    for c in claims {
        columns.push(c, &mut strings);
    }
    let index = IndexOut { articles, claims: columns, strings: strings.list };
    let json = serde_json::to_vec(&index).expect("report data serializes");
    let chunks: Vec<String> = chunks.iter().map(|c| gzip_base64(c)).collect();
    let html = page(input, &s, &head, &gzip_base64(&json), &chunks, &status_counts);
    Page { html, placed, unplaced, statuses: status_counts }
}

/// A small table of counts, each a link to the claims view filtered by it
/// when `filter` names the filter.
fn counts_table(
    out: &mut String,
    caption: &str,
    filter: Option<&str>,
    order: &[&str],
    counts: &BTreeMap<String, usize>,
) {
    let _ = write!(out, "<table class=\"counts\"><caption>{caption}</caption>");
    let mut keys: Vec<&str> = order.iter().copied().filter(|k| counts.contains_key(*k)).collect();
    keys.extend(counts.keys().map(String::as_str).filter(|k| !order.contains(k)));
    for k in keys {
        let n = counts[k];
        let label = escape_html(k);
        let sw = if filter == Some("population") {
            format!("<span class=\"sw p-{label}\"></span>")
        } else {
            String::new()
        };
        let name = match filter {
            Some(f) => format!(
                "<a href=\"#view=claims&amp;{f}={}\">{sw}{label}</a>",
                escape_html(&k.replace(' ', "%20"))
            ),
            None => label,
        };
        let _ = write!(out, "<tr><td>{name}</td><td class=\"n\">{n}</td></tr>");
    }
    out.push_str("</table>\n");
}

/// The document around the index and the chunks.
fn page(
    input: &Input,
    s: &Stats,
    head: &str,
    index: &str,
    chunks: &[String],
    statuses: &BTreeMap<String, usize>,
) -> String {
    let title = escape_html(input.title);
    let labels = labels(input.populations);
    let [a, b] = [escape_html(labels[0]), escape_html(labels[1])];
    let colours = population_css(&labels);
    let mut out = String::with_capacity(
        index.len() + chunks.iter().map(String::len).sum::<usize>() + 64 * 1024,
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>claimscan report: {title}</title>\n<style>{colours}{CSS}</style>\n</head>\n<body>\n\
         <header id=\"top\">\n<div class=\"brand\"><h1>claimscan report</h1>\
         <p class=\"subtitle\">{title}</p></div>\n\
         <nav id=\"tabs\"><a href=\"#view=overview\" data-view=\"overview\">Overview</a>\
         <a href=\"#view=claims\" data-view=\"claims\">Claims</a>\
         <a href=\"#view=articles\" data-view=\"articles\">Articles</a></nav>\n\
         <p id=\"summary\">{} in {} ({} with claims); {} between {a} and {b}</p>\n\
         </header>\n",
        plural(s.claims, "claim", "claims"),
        plural(s.articles, "article", "articles"),
        s.articles_with_claims,
        plural(s.gaps.len(), "finding compared", "findings compared"),
    );
    // Overview.
    out.push_str("<section id=\"v-overview\" class=\"view\">\n<div class=\"card\" id=\"counts\"><h2>Claims</h2>\n");
    counts_table(&mut out, "By population", Some("population"), &labels, &s.by_population);
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    counts_table(&mut out, "By role", Some("role"), &roles, &s.by_role);
    counts_table(&mut out, "By audit status", Some("status"), &STATUSES, statuses);
    let bounds = BOUNDS;
    counts_table(&mut out, "By bound", Some("bound"), &bounds, &s.by_bound);
    counts_table(&mut out, "By kind", None, &[], &s.by_kind);
    let source = if input.audit.is_some() {
        "Statuses from the audit file."
    } else {
        "Statuses: each claim's spans checked against its article."
    };
    let _ = write!(
        out,
        "<p class=\"hint\">{source}</p></div>\n\
         <div class=\"card\" id=\"gaps-card\"><h2>Gaps: {a} minus {b}</h2>\
         <p class=\"hint\">Findings the text states for both sides (&ldquo;44% of one \
         group vs. 29% of the other say &hellip;&rdquo;), largest gap first. Shares of the sample \
         and changes are left out. Click a row to see the claims in their article.</p>\n\
         <table id=\"gap-table\"><thead><tr><th class=\"n\">gap</th><th class=\"n\">{a}</th>\
         <th class=\"n\">{b}</th><th>statement</th><th>article</th><th>paired by</th></tr></thead>\
         <tbody></tbody></table></div>\n\
         <div class=\"card\" id=\"chart-card\"><h2>{a} and {b}, per statement</h2>\
         <p class=\"hint\"><span class=\"sw p-{a}\"></span>{a} \
         <span class=\"sw p-{b}\"></span>{b}, in percent, in the order of the gap table.</p>\
         <div id=\"chart\"></div></div>\n</section>\n"
    );
    // Claims and articles share the filters and the claim panel.
    out.push_str(
        "<div id=\"work\" hidden>\n<aside id=\"side\">\n<form id=\"filters\" onsubmit=\"return false\">\n",
    );
    let fieldset = |out: &mut String, name: &str, legend: &str, values: &[&str]| {
        let _ = write!(out, "<fieldset data-name=\"{name}\"><legend>{legend}</legend>");
        for v in values {
            let v = escape_html(v);
            let sw = if name == "population" {
                format!("<span class=\"sw p-{v}\"></span>")
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<label><input type=\"checkbox\" name=\"{name}\" value=\"{v}\" checked> {sw}{v}</label>"
            );
        }
        out.push_str("</fieldset>\n");
    };
    fieldset(&mut out, "population", "Population", &labels);
    fieldset(&mut out, "role", "Role", &roles);
    fieldset(&mut out, "bound", "Bound", &bounds);
    let present: Vec<&str> = {
        let mut v: Vec<&str> =
            STATUSES.iter().copied().filter(|s| statuses.contains_key(*s)).collect();
        v.extend(statuses.keys().map(String::as_str).filter(|s| !STATUSES.contains(s)));
        v
    };
    fieldset(&mut out, "status", "Audit status", &present);
    out.push_str(
        "<fieldset class=\"wide\"><legend>Search</legend><input type=\"search\" id=\"q\" \
         placeholder=\"figure, subject, evidence or article\" aria-label=\"search claims\">\
         <label><input type=\"checkbox\" id=\"all\"> also articles without a matching claim</label>\
         </fieldset>\n</form>\n<p id=\"shown\" class=\"hint\"></p><p id=\"ashown\" class=\"hint\"></p>\n\
         </aside>\n<section id=\"v-claims\" class=\"view\" hidden>\
         <div id=\"ctable\" role=\"table\" aria-label=\"claims\"><div id=\"chead\" role=\"row\"></div>\
         <div id=\"cscroll\"><div id=\"cspacer\"><div id=\"crows\"></div></div></div></div>\
         </section>\n<section id=\"v-articles\" class=\"view\" hidden>\
         <main id=\"main\">\n<noscript><p>This report needs JavaScript.</p></noscript>\n</main>\
         </section>\n<aside id=\"detail\"><div id=\"panel\"><p class=\"hint\">Point at a claim or click \
         one to see it here.</p></div>\n<p class=\"legend hint\"><mark class=\"claim p-unknown\" \
         data-status=\"verified\">35%</mark> expression, coloured by population; \
         <span class=\"ul subj p-unknown\">subject</span> underlined; <span class=\"ul pp\">population \
         phrase</span> dotted; dashed red: not verified; dashed black: the selected claim's \
         counterpart.</p></aside>\n</div>\n",
    );
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"head\">{head}</script>\n\
         <script type=\"application/x-gzip-base64\" id=\"index\">{index}</script>"
    );
    // The first chunk before the script, so the first articles can be shown
    // at once; the others after it, read while the overview is drawn.
    for (i, c) in chunks.iter().enumerate() {
        let _ =
            writeln!(out, "<script type=\"application/x-gzip-base64\" id=\"z{i}\">{c}</script>");
        if i == 0 {
            let _ = writeln!(out, "<script>{JS}</script>");
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The page's style sheet (`report.css`, beside this file); population
/// colours as in the Label Studio config.
const CSS: &str = include_str!("report.css");

/// How strongly a highlight is tinted by its population's colour, for each
/// of [`COLOURS`].
const TINTS: [f32; 4] = [0.22, 0.28, 0.25, 0.25];

/// The CSS of the populations' colours (one per label, in [`COLOURS`]'s
/// order): a `p-NAME` class setting the mark colour `--c` and tint `--bg`,
/// and `--first`/`--second` for the gap table and chart. Names are
/// letters, digits, `_` and `-` ([`crate::lang::populations`]), valid in a
/// class name.
fn population_css(labels: &[&str]) -> String {
    let mut out = String::new();
    for (i, (label, colour)) in labels.iter().zip(COLOURS).enumerate() {
        let hex = |k: usize| u8::from_str_radix(&colour[k..k + 2], 16).unwrap_or(0);
        let _ = writeln!(
            out,
            ".p-{label} {{ --c: {colour}; --bg: rgba({},{},{},{}); }}",
            hex(1),
            hex(3),
            hex(5),
            TINTS[i]
        );
    }
    let _ = writeln!(out, ":root {{ --first: {}; --second: {}; }}", COLOURS[0], COLOURS[1]);
    out
}

/// The page's script (`report.js`, beside this file): decoding, the three
/// views, filters, lazy rendering and the claim panel (module doc).
const JS: &str = include_str!("report.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_escapes_markup_and_quotes() {
        let cases = [
            ("plain", "35% of CIOs", "35% of CIOs"),
            ("markup", "<b>a & b</b>", "&lt;b&gt;a &amp; b&lt;/b&gt;"),
            ("quotes", r#"say "yes" 'no'"#, "say &quot;yes&quot; &#39;no&#39;"),
        ];
        for (name, input, want) in cases {
            assert_eq!(escape_html(input), want, "case {name}");
        }
    }

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let json = script_json("</script><!-- & é");
        assert_eq!(json, r#""\u003c/script\u003e\u003c!-- \u0026 é""#);
        let back: String = serde_json::from_str(&json).unwrap();
        assert_eq!(back, "</script><!-- & é");
    }

    #[test]
    fn base64_is_rfc_4648() {
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg==")];
        for (input, want) in cases {
            assert_eq!(base64(input.as_bytes()), want, "case {input:?}");
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xfe]), "+//+");
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "a\u{e9}\u{1f600}b\nc";
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let u = Utf16::new(text, offsets.iter().rev().copied().collect());
        let got: Vec<usize> = offsets.iter().map(|&o| u.at(o)).collect();
        assert_eq!(got, [0, 1, 2, 4, 5, 6, 7]);
    }

    #[test]
    fn parse_audit_reads_claims_and_requires_a_summary() {
        let text = r#"{"type":"claim","id":"c-1","article":"a.txt","start":3,"end":6,"line":1,"column":4,"text":"35%","status":"moved","article_changed":true,"location":{"start":9,"end":12,"char_start":9,"char_end":12,"line":1,"column":10},"problems":["text moved"]}
{"type":"summary","claims":2,"verified":1}
"#;
        let log = parse_audit(text).unwrap();
        assert_eq!(log.claims, 2);
        assert_eq!(log.entries["c-1"].status, "moved");
        assert_eq!(log.entries["c-1"].start, Some(9));
        assert!(parse_audit(text.lines().next().unwrap()).unwrap_err().contains("no summary"));
        assert!(parse_audit("{\"type\":\"x\"}").unwrap_err().starts_with("line 1:"));
    }

    fn record(text: &str, start: usize) -> ClaimRecord {
        let end = start + text.len();
        ClaimRecord {
            id: "c-1".into(),
            article: "a.txt".into(),
            start,
            end,
            text: text.into(),
            char_start: start,
            char_end: end,
            line: 1,
            column: start + 1,
            value: 35.0,
            bound: crate::lang::detect::Bound::Exact,
            kind: crate::lang::detect::Kind::Percent,
            population: "it".into(),
            population_phrase: None,
            subject: None,
            sentence: crate::record::SpanRecord { start, end },
            evidence: "test".into(),
            role: crate::lang::role::Role::Finding,
            role_rule: String::new(),
            pair: None,
            audit: None,
            source_span: None,
        }
    }

    #[test]
    fn statuses_come_from_the_audit_or_from_checking_spans() {
        // (name, article text, audit, status, placed)
        let moved = AuditLog {
            entries: HashMap::from([(
                "c-1".to_string(),
                AuditEntry {
                    status: "moved".into(),
                    reason: None,
                    start: Some(8),
                    problems: vec![],
                },
            )]),
            claims: 1,
        };
        type Case<'a> = (&'a str, Result<&'a str, &'a str>, Option<&'a AuditLog>, &'a str, bool);
        let cases: [Case; 5] = [
            ("spans hold", Ok("So 35% of IT"), None, "verified", true),
            ("spans do not hold", Ok("So 36% of IT"), None, "mismatch", false),
            ("article unreadable", Err("not found"), None, "article_missing", false),
            (
                "audit lists nothing: verified",
                Ok("So 35% of IT"),
                Some(&AuditLog::default()),
                "verified",
                true,
            ),
            ("audit moved it", Ok("Now, so 35% of IT"), Some(&moved), "moved", true),
        ];
        for (name, text, audit, status, placed) in cases {
            let (got, _, at) = assess(&record("35%", 3), text, audit);
            assert_eq!((got.as_str(), at.is_some()), (status, placed), "case {name}");
        }
    }
}
