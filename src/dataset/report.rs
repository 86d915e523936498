//! The HTML audit report: one self-contained page that shows every article
//! with its claims highlighted in place, for a reader checking the dataset.
//!
//! A reader auditing claims wants the figure in its text, not a table of
//! offsets. [`render`] turns the records and the article texts into one HTML
//! file with its CSS and JavaScript inline (no network, no external asset;
//! they are written in `report.css` and `report.js` beside this file):
//!
//! - a sidebar with the counts of [`crate::dataset::stats::stats`] (by population and
//!   by bound), filters by population and by audit status, a path filter,
//!   and a panel with the selected claim's value, bound, evidence and id;
//! - one section per article of the manifest. Each article's text is
//!   embedded as a JSON string in its own `<script type="application/json"
//!   id="tN">`, and the paths and claims of all articles in one index
//!   (`<script type="application/json" id="index">`). The script builds the
//!   (empty) sections from the index, renders the first three shown at
//!   once and every other one only when it scrolls near the viewport (an
//!   `IntersectionObserver`), so a corpus of thousands of articles opens
//!   almost as fast as a small one.
//!
//! Rendering an article (in the page's script) marks each claim's
//! expression with `<mark class="claim" data-id data-population
//! data-status ...>`, coloured by population, and underlines subjects and
//! population phrases with `<span class="ul">` pieces. Expressions nest
//! (an expression inside another is a child `<mark>`; one that crosses
//! another's end is clipped there and flagged `data-clipped`), and
//! underlines are split at every boundary, so a subject that overlaps
//! another claim's expression, or another subject, never breaks a mark:
//! the text of each `<mark>` is exactly its claim's `text`.
//!
//! The page reads its state from the URL hash and writes it back:
//! `#population=it,both&status=verified&all=1&q=tech&claim=c-...`
//! (`all=1` also shows articles without a matching claim, `q` filters by
//! path, `claim` selects a claim; `render=all` renders every article at
//! once, which tests and printing use).
//!
//! Claim statuses come from `claimscan audit --json` output when one is
//! given ([`parse_audit`]; a claim it does not list verified), otherwise
//! from checking each claim's spans against the text ([`check`]):
//! `verified` or `mismatch`. A claim whose spans do not hold (and that the
//! audit did not re-anchor) is listed under its article, not highlighted.
//!
//! Escaping: text in HTML goes through [`escape_html`]; JSON inside a
//! `<script>` goes through [`script_json`], which writes `<`, `>` and `&`
//! as `\u003c`, `\u003e`, `\u0026`, so no article can close the script
//! element. Everything here is pure: `claimscan report` reads the files.

use crate::dataset::export::{CodePoints, LABELS, check};
use crate::dataset::stats::stats;
use crate::record::{ClaimRecord, Phrase};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

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
    /// What the report is of, in its title (e.g. the dataset folder).
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

/// A quoted span in the index: its text and code-point offsets when placed.
#[derive(Serialize)]
struct PhraseOut<'a> {
    text: &'a str,
    at: Option<[usize; 2]>,
}

/// A claim in the index, as the page's script reads it.
#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    text: &'a str,
    value: f64,
    bound: &'a str,
    kind: &'a str,
    population: &'a str,
    evidence: &'a str,
    line: usize,
    column: usize,
    status: String,
    note: String,
    /// Code-point span of the expression in the text, None when unplaced.
    at: Option<[usize; 2]>,
    subject: Option<PhraseOut<'a>>,
    phrase: Option<PhraseOut<'a>>,
}

/// An article in the index.
#[derive(Serialize)]
struct ArticleOut<'a> {
    path: &'a str,
    error: Option<&'a str>,
    /// Height to reserve before the article is rendered, in `em`.
    height: usize,
    claims: Vec<ClaimOut<'a>>,
}

/// The index: every article with its claims, and the filter values.
#[derive(Serialize)]
struct IndexOut<'a> {
    articles: Vec<ArticleOut<'a>>,
    populations: Vec<&'a str>,
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

/// Renders the report (module doc) of `input`.
pub(crate) fn render<'a>(input: &Input<'a>) -> Page {
    let mut by_article: HashMap<&str, Vec<&ClaimRecord>> = HashMap::new();
    for c in input.claims {
        by_article.entry(c.article.as_str()).or_default().push(c);
    }
    let mut placed = 0;
    let mut unplaced = Vec::new();
    let mut status_counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut index =
        IndexOut { articles: Vec::new(), populations: LABELS.to_vec(), statuses: vec![] };
    for a in input.articles {
        let text = a.text.as_deref().map_err(String::as_str);
        let cp = text.ok().map(CodePoints::new);
        let mut claims = by_article.remove(a.path.as_str()).unwrap_or_default();
        claims.sort_by_key(|c| (c.start, c.end));
        let mut out = Vec::with_capacity(claims.len());
        for r in claims {
            let (status, note, at) = assess(r, text, input.audit);
            *status_counts.entry(status.clone()).or_default() += 1;
            let span = |s: usize, e: usize| cp.as_ref().map(|cp| [cp.at(s), cp.at(e)]);
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
            out.push(ClaimOut {
                id: &r.id,
                text: &r.text,
                value: r.value,
                bound: r.bound.as_str(),
                kind: r.kind.as_str(),
                population: r.population.as_str(),
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
            });
        }
        index.articles.push(ArticleOut {
            path: &a.path,
            error: text.err(),
            height: text.map_or(0, estimated_height),
            claims: out,
        });
    }
    let mut statuses: Vec<&str> =
        STATUSES.iter().copied().filter(|s| status_counts.contains_key(*s)).collect();
    statuses.extend(status_counts.keys().map(String::as_str).filter(|s| !STATUSES.contains(s)));
    index.statuses = statuses;

    let html = page(input, &index, &status_counts);
    Page { html, placed, unplaced, statuses: status_counts }
}

/// Height to reserve for an article not rendered yet, in `em`: its lines at
/// about 95 characters each, 1.5em apiece, so the scroll bar is about right.
fn estimated_height(text: &str) -> usize {
    let lines: usize = text.split('\n').map(|l| l.chars().count() / 95 + 1).sum();
    lines * 3 / 2
}

/// The document around the index.
fn page(input: &Input, index: &IndexOut, statuses: &BTreeMap<String, usize>) -> String {
    let paths: Vec<&str> = input.articles.iter().map(|a| a.path.as_str()).collect();
    let s = stats(&paths, input.claims, input.populations);
    let title = escape_html(input.title);
    let mut out = String::with_capacity(
        input.articles.iter().map(|a| a.text.as_ref().map_or(0, String::len)).sum::<usize>() * 11
            / 10
            + 64 * 1024,
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>claimscan report: {title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <aside id=\"side\">\n<h1>claimscan report</h1>\n<p class=\"title\">{title}</p>\n\
         <p>{} claims in {} articles; {} marketing-vs-IT gaps (<code>claimscan stats</code>)</p>\n",
        s.claims,
        s.articles,
        s.gaps.len()
    );
    out.push_str("<fieldset id=\"f-population\"><legend>Population</legend>\n");
    for p in LABELS {
        let n = s.by_population.get(p).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"population\" value=\"{p}\" checked> \
             <span class=\"sw p-{p}\"></span>{p} <span class=\"n\">{n}</span></label>"
        );
    }
    out.push_str("</fieldset>\n");
    let source = if input.audit.is_some() {
        "from the audit file"
    } else {
        "spans checked against the articles"
    };
    let _ = writeln!(
        out,
        "<fieldset id=\"f-status\"><legend>Audit status</legend><p class=\"hint\">{source}</p>"
    );
    for st in &index.statuses {
        let n = statuses.get(*st).copied().unwrap_or(0);
        let st = escape_html(st);
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"status\" value=\"{st}\" checked> \
             {st} <span class=\"n\">{n}</span></label>"
        );
    }
    out.push_str(
        "</fieldset>\n<fieldset><legend>Articles</legend>\
         <label><input type=\"checkbox\" id=\"all\"> also those without a matching claim</label>\
         <input type=\"search\" id=\"q\" placeholder=\"filter by path\" aria-label=\"filter by path\">\
         </fieldset>\n<table class=\"counts\"><caption>By bound</caption>\n",
    );
    for (b, n) in &s.by_bound {
        let _ = writeln!(out, "<tr><td>{}</td><td class=\"n\">{n}</td></tr>", escape_html(b));
    }
    out.push_str(
        "</table>\n<p id=\"shown\"></p>\n<div id=\"panel\"><p class=\"hint\">Click a highlighted \
         figure to see its claim.</p></div>\n<p class=\"legend\"><mark class=\"claim p-unknown\" data-status=\"verified\">35%</mark> \
         expression, coloured by population; <span class=\"ul subj p-unknown\">subject</span> \
         underlined; <span class=\"ul pp\">population phrase</span> dotted; a dashed red frame: \
         not verified.</p>\n<p id=\"timing\" class=\"hint\"></p>\n</aside>\n<main id=\"main\">\n\
         <noscript><p>This report needs JavaScript to show the articles.</p></noscript>\n",
    );
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"index\">{}</script>",
        script_json(index)
    );
    for (i, a) in input.articles.iter().enumerate() {
        if let Ok(text) = &a.text {
            let _ = writeln!(
                out,
                "<script type=\"application/json\" id=\"t{i}\">{}</script>",
                script_json(text)
            );
        }
    }
    let _ = write!(out, "<script>{JS}</script>\n</body>\n</html>\n");
    out
}

/// The page's style sheet (`report.css`, beside this file); population
/// colours as in the Label Studio config.
const CSS: &str = include_str!("report.css");

/// The page's script (`report.js`, beside this file): filters, lazy
/// rendering and the claim panel (module doc).
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
