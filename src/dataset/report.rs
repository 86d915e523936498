//! The HTML audit report: one self-contained page that shows every article
//! with its claims highlighted in place, for a reader checking the dataset.
//!
//! A reader auditing claims wants the figure in its text, not a table of
//! offsets. [`render`] turns the records and the article texts into one HTML
//! file with its CSS and JavaScript inline (no network, no external asset):
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
                bound: &r.bound,
                kind: &r.kind,
                population: &r.population,
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
    let s = stats(&paths, input.claims);
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

/// The page's style sheet; population colours as in the Label Studio config.
const CSS: &str = r#"
:root { --marketing: #1f77b4; --it: #ff7f0e; --both: #2ca02c; --unknown: #7f7f7f; }
* { box-sizing: border-box; }
body { margin: 0; display: flex; font: 14px/1.4 system-ui, sans-serif; color: #222; }
#side { height: 100vh; overflow: auto; width: 320px; flex: none;
  padding: 12px 16px; background: #f6f6f4; border-right: 1px solid #ddd; }
#side h1 { font-size: 18px; margin: 0 0 4px; }
#side .title { margin: 0 0 8px; color: #555; word-break: break-all; }
fieldset { border: 1px solid #ddd; margin: 8px 0; padding: 6px 8px; }
fieldset label { display: block; }
fieldset .n, .counts .n { color: #666; font-variant-numeric: tabular-nums; }
#q { width: 100%; margin-top: 4px; }
.counts caption { text-align: left; font-weight: bold; }
.counts td { padding: 0 8px 0 0; }
.sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px; background: var(--c); }
.hint { color: #777; font-size: 12px; margin: 2px 0; }
#panel { border: 1px solid #ccc; background: #fff; padding: 6px 8px; margin: 8px 0; min-height: 4em; }
#panel dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; }
#panel dt { color: #666; } #panel dd { margin: 0; word-break: break-word; }
#main { flex: 1; min-width: 0; height: 100vh; overflow: auto; padding: 8px 24px 50vh; }
section.article { border-bottom: 1px solid #eee; padding: 4px 0 12px; }
section.article h2 { font-size: 13px; font-weight: normal; color: #555; margin: 8px 0; }
section.article .path { font-family: ui-monospace, monospace; color: #000; }
.text { white-space: pre-wrap; font: 16px/1.5 Georgia, serif; max-width: 48em; }
.error { color: #b00; }
.p-marketing { --c: var(--marketing); --bg: rgba(31,119,180,.22); }
.p-it { --c: var(--it); --bg: rgba(255,127,14,.28); }
.p-both { --c: var(--both); --bg: rgba(44,160,44,.25); }
.p-unknown { --c: var(--unknown); --bg: rgba(127,127,127,.25); }
mark.claim { background: var(--bg); color: inherit; border-radius: 2px; box-shadow: inset 0 -2px var(--c);
  cursor: pointer; padding: 0 1px; }
mark.claim:not([data-status="verified"]) { outline: 1px dashed #c00; }
mark.claim.off { background: none; box-shadow: none; outline: none; cursor: auto; }
mark.claim.sel { outline: 2px solid #000; }
.ul.subj:not(.nosubj) { text-decoration: underline 2px; text-decoration-color: var(--c);
  text-underline-offset: 3px; }
.ul.subj.multi:not(.nosubj) { text-decoration-style: double; }
.ul.pp:not(.nopp) { border-bottom: 1px dotted #444; }
.ul.selsubj { background: #fff1a8; }
ul.unplaced { font-size: 13px; color: #555; }
ul.unplaced .claim { outline: 1px dashed #c00; background: var(--bg); cursor: pointer; }
ul.unplaced li.off { display: none; }
"#;

/// The page's script: filters, lazy rendering and the claim panel (module doc).
const JS: &str = r##"
(function () {
"use strict";
var INDEX = JSON.parse(document.getElementById("index").textContent);
var arts = INDEX.articles, byId = new Map();
arts.forEach(function (a, i) { a.claims.forEach(function (c) { c.article = i; byId.set(c.id, c); }); });
// One section per article, built here rather than parsed: faster on large corpora.
var sections = arts.map(function (a, i) {
  var sec = document.createElement("section"), h2 = document.createElement("h2");
  var path = document.createElement("span"), count = document.createElement("span");
  sec.className = "article";
  sec.id = "a" + i;
  sec.dataset.i = i;
  path.className = "path";
  path.textContent = a.path;
  count.className = "count";
  h2.appendChild(path);
  h2.appendChild(document.createTextNode(" "));
  h2.appendChild(count);
  sec.appendChild(h2);
  if (a.error) {
    var err = document.createElement("p");
    err.className = "error";
    err.textContent = "cannot be shown: " + a.error;
    sec.appendChild(err);
  }
  var box = document.createElement("div");
  box.className = "text";
  if (a.height) box.style.minHeight = a.height + "em";
  sec.appendChild(box);
  return sec;
});
var rendered = arts.map(function () { return false; });
var state = { pops: new Set(INDEX.populations), statuses: new Set(INDEX.statuses), all: false, q: "" };
var selected = null;

function isOn(c) { return state.pops.has(c.population) && state.statuses.has(c.status); }

function hashParams() {
  var out = new Map();
  location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
    if (!kv) return;
    var k = kv.indexOf("=");
    if (k < 0) out.set(decodeURIComponent(kv), "");
    else out.set(decodeURIComponent(kv.slice(0, k)), decodeURIComponent(kv.slice(k + 1)));
  });
  return out;
}
function readHash() {
  var h = hashParams();
  function set(k, all) { return h.has(k) ? new Set(h.get(k).split(",").filter(Boolean)) : new Set(all); }
  state.pops = set("population", INDEX.populations);
  state.statuses = set("status", INDEX.statuses);
  state.all = h.get("all") === "1";
  state.q = h.get("q") || "";
  return h;
}
function writeHash() {
  var parts = [];
  function list(k, s, all) {
    if (s.size !== all.length || all.some(function (x) { return !s.has(x); }))
      parts.push(k + "=" + all.filter(function (x) { return s.has(x); }).map(encodeURIComponent).join(","));
  }
  list("population", state.pops, INDEX.populations);
  list("status", state.statuses, INDEX.statuses);
  if (state.all) parts.push("all=1");
  if (state.q) parts.push("q=" + encodeURIComponent(state.q));
  if (selected) parts.push("claim=" + encodeURIComponent(selected));
  history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
}
function syncInputs() {
  document.querySelectorAll("input[name=population]").forEach(function (el) { el.checked = state.pops.has(el.value); });
  document.querySelectorAll("input[name=status]").forEach(function (el) { el.checked = state.statuses.has(el.value); });
  document.getElementById("all").checked = state.all;
  document.getElementById("q").value = state.q;
}

// Code-point offset -> UTF-16 offset, for one text.
function cpMap(text) {
  var m = [], k = 0;
  for (var ch of text) { m.push(k); k += ch.length; }
  m.push(k);
  return m;
}

function claimTitle(c) {
  return c.text + " = " + c.value + "% (" + c.bound + ", " + c.kind + "), " + c.population +
    "\n" + c.evidence + "\n" + c.id + " [" + c.status + "]";
}
function setClaimAttrs(el, c) {
  el.className = "claim p-" + c.population;
  el.dataset.id = c.id;
  el.dataset.population = c.population;
  el.dataset.status = c.status;
  el.dataset.value = c.value;
  el.dataset.bound = c.bound;
  el.title = claimTitle(c);
}

function renderArticle(i) {
  if (rendered[i]) return;
  rendered[i] = true;
  var a = arts[i], box = sections[i].querySelector(".text");
  var src = document.getElementById("t" + i);
  var text = src ? JSON.parse(src.textContent) : "";
  var m = cpMap(text);
  var marks = [], lines = [], unplaced = [];
  a.claims.forEach(function (c) {
    if (!c.at) { unplaced.push(c); return; }
    marks.push({ s: m[c.at[0]], e: m[c.at[1]], c: c, kids: [] });
    [["subj", c.subject], ["pp", c.phrase]].forEach(function (kp) {
      var p = kp[1];
      if (p && p.at && p.at[1] > p.at[0]) lines.push({ s: m[p.at[0]], e: m[p.at[1]], c: c, kind: kp[0] });
    });
  });
  // Expressions form a tree: one inside another nests, one crossing another's end is clipped.
  marks.sort(function (x, y) { return x.s - y.s || y.e - x.e; });
  var root = { s: 0, e: text.length, kids: [] }, stack = [root];
  marks.forEach(function (mk) {
    while (stack.length > 1 && stack[stack.length - 1].e <= mk.s) stack.pop();
    var top = stack[stack.length - 1];
    if (mk.e > top.e) { mk.e = top.e; mk.clipped = true; }
    top.kids.push(mk);
    stack.push(mk);
  });
  // Underlines are split at every boundary of every underline.
  var cuts = Array.from(new Set(lines.reduce(function (acc, l) { acc.push(l.s, l.e); return acc; }, [])))
    .sort(function (x, y) { return x - y; });
  function emitText(s, e, parent) {
    if (s >= e) return;
    var pts = [s];
    cuts.forEach(function (p) { if (p > s && p < e) pts.push(p); });
    pts.push(e);
    for (var k = 0; k + 1 < pts.length; k++) {
      var a0 = pts[k], b0 = pts[k + 1], t = text.slice(a0, b0);
      var cov = lines.filter(function (l) { return l.s <= a0 && l.e >= b0; });
      if (!cov.length) { parent.appendChild(document.createTextNode(t)); continue; }
      var subj = cov.filter(function (l) { return l.kind === "subj"; });
      var pp = cov.filter(function (l) { return l.kind === "pp"; });
      var sp = document.createElement("span");
      sp.className = "ul" + (subj.length ? " subj p-" + subj[0].c.population : "") +
        (subj.length > 1 ? " multi" : "") + (pp.length ? " pp" : "");
      if (subj.length) sp.dataset.subj = subj.map(function (l) { return l.c.id; }).join(" ");
      if (pp.length) sp.dataset.pp = pp.map(function (l) { return l.c.id; }).join(" ");
      sp.textContent = t;
      parent.appendChild(sp);
    }
  }
  function emitNode(node, parent) {
    var cur = node.s;
    node.kids.forEach(function (k) {
      emitText(cur, k.s, parent);
      var el = document.createElement("mark");
      setClaimAttrs(el, k.c);
      if (k.clipped) el.dataset.clipped = "1";
      emitNode(k, el);
      parent.appendChild(el);
      cur = k.e;
    });
    emitText(cur, node.e, parent);
  }
  var frag = document.createDocumentFragment();
  emitNode(root, frag);
  if (unplaced.length) {
    var ul = document.createElement("ul");
    ul.className = "unplaced";
    unplaced.forEach(function (c) {
      var li = document.createElement("li"), sp = document.createElement("span");
      setClaimAttrs(sp, c);
      sp.classList.add("unplaced");
      sp.textContent = c.text;
      li.appendChild(document.createTextNode("not in the text: "));
      li.appendChild(sp);
      li.appendChild(document.createTextNode(" (" + c.status + (c.note ? ": " + c.note : "") + ")"));
      ul.appendChild(li);
    });
    frag.appendChild(ul);
  }
  box.textContent = "";
  box.style.minHeight = "";
  box.appendChild(frag);
  box.dataset.rendered = "1";
  applyArticle(i);
}

function anyOn(ids) {
  return ids.split(" ").some(function (id) { var c = byId.get(id); return c && isOn(c); });
}
function applyArticle(i) {
  var sec = sections[i];
  sec.querySelectorAll(".claim").forEach(function (el) {
    var on = isOn(byId.get(el.dataset.id));
    el.classList.toggle("off", !on);
    if (el.parentNode.tagName === "LI") el.parentNode.classList.toggle("off", !on);
  });
  sec.querySelectorAll("span.ul").forEach(function (el) {
    if (el.dataset.subj) el.classList.toggle("nosubj", !anyOn(el.dataset.subj));
    if (el.dataset.pp) el.classList.toggle("nopp", !anyOn(el.dataset.pp));
  });
}
function applyAll() {
  var claims = 0, articles = 0;
  arts.forEach(function (a, i) {
    var n = a.claims.filter(isOn).length;
    var show = (state.all || n > 0) && (!state.q || a.path.toLowerCase().indexOf(state.q.toLowerCase()) >= 0);
    sections[i].hidden = !show;
    sections[i].querySelector(".count").textContent = n === a.claims.length
      ? n + (n === 1 ? " claim" : " claims") : n + " of " + a.claims.length + " claims shown";
    if (show) { articles++; claims += n; }
    if (rendered[i]) applyArticle(i);
  });
  document.getElementById("shown").textContent = claims + " claims shown in " + articles + " articles";
}

function select(id) {
  var c = byId.get(id);
  if (!c) return;
  selected = id;
  document.querySelectorAll(".sel").forEach(function (el) { el.classList.remove("sel"); });
  document.querySelectorAll(".selsubj").forEach(function (el) { el.classList.remove("selsubj"); });
  renderArticle(c.article);
  var sec = sections[c.article];
  sec.querySelectorAll(".claim").forEach(function (el) { if (el.dataset.id === id) el.classList.add("sel"); });
  sec.querySelectorAll("span.ul").forEach(function (el) {
    if ((el.dataset.subj || "").split(" ").indexOf(id) >= 0) el.classList.add("selsubj");
  });
  var panel = document.getElementById("panel");
  panel.textContent = "";
  var dl = document.createElement("dl");
  [["claim", c.text], ["value", c.value + "%"], ["bound", c.bound], ["kind", c.kind],
   ["population", c.population], ["evidence", c.evidence],
   ["subject", c.subject ? c.subject.text : "(none)"],
   ["population phrase", c.phrase ? c.phrase.text : "(none)"],
   ["status", c.status + (c.note ? ": " + c.note : "")],
   ["article", arts[c.article].path + ":" + c.line + ":" + c.column], ["id", c.id]
  ].forEach(function (kv) {
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = kv[0];
    dd.textContent = kv[1];
    dl.appendChild(dt);
    dl.appendChild(dd);
  });
  panel.appendChild(dl);
  panel.dataset.id = id;
}

function onFilter() {
  state.pops = new Set(Array.from(document.querySelectorAll("input[name=population]:checked"), function (el) { return el.value; }));
  state.statuses = new Set(Array.from(document.querySelectorAll("input[name=status]:checked"), function (el) { return el.value; }));
  state.all = document.getElementById("all").checked;
  state.q = document.getElementById("q").value;
  applyAll();
  writeHash();
}
document.getElementById("side").addEventListener("change", onFilter);
document.getElementById("q").addEventListener("input", onFilter);
document.getElementById("main").addEventListener("click", function (ev) {
  var el = ev.target.closest(".claim, span.ul[data-subj]");
  if (!el) return;
  select(el.dataset.id || el.dataset.subj.split(" ")[0]);
  writeHash();
});
window.addEventListener("hashchange", function () {
  var h = readHash();
  syncInputs();
  applyAll();
  if (h.get("claim")) select(h.get("claim"));
});

var h = readHash();
syncInputs();
applyAll();
var frag = document.createDocumentFragment();
sections.forEach(function (sec) { frag.appendChild(sec); });
document.getElementById("main").appendChild(frag);
if (h.get("render") === "all") {
  arts.forEach(function (a, i) { renderArticle(i); });
} else {
  // The first articles now, so the page is never blank; the rest as they come near.
  var first = 0;
  for (var i = 0; i < sections.length && first < 3; i++) {
    if (!sections[i].hidden) { renderArticle(i); first++; }
  }
  var io = new IntersectionObserver(function (entries) {
    entries.forEach(function (en) {
      if (!en.isIntersecting) return;
      var i = +en.target.parentNode.dataset.i;
      renderArticle(i);
      io.unobserve(en.target);
    });
  }, { root: document.getElementById("main"), rootMargin: "1500px 0px" });
  sections.forEach(function (s, i) { if (!rendered[i]) io.observe(s.querySelector(".text")); });
}
if (h.get("claim")) {
  select(h.get("claim"));
  var el = document.querySelector(".claim.sel");
  if (el) el.scrollIntoView({ block: "center" });
}
var ms = performance.now();
document.body.dataset.firstRender = ms.toFixed(1);
document.getElementById("timing").textContent = "first render " + ms.toFixed(0) + " ms after navigation start; " +
  rendered.filter(Boolean).length + " of " + arts.length + " articles rendered so far";
})();
"##;

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
            bound: "exact".into(),
            kind: "percent".into(),
            population: "it".into(),
            population_phrase: None,
            subject: None,
            sentence: crate::record::SpanRecord { start, end },
            evidence: "test".into(),
            audit: None,
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
