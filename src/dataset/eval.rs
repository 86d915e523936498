//! Scoring a claims file against a gold file, figure for figure as `shared/eval/score.py`.
//!
//! The Python scorer is the reference every extractor is judged by; this
//! module is a port of it so that `claimscan eval` can be run without Python
//! and still print the same report. "Same" is meant literally: the matching,
//! the arithmetic and the printed text follow score.py step by step,
//! including its Python quirks, which are named where they happen:
//!
//! - a prediction's value goes through `float(p.get("value") or -1e9)`, so a
//!   value of `0` (falsy in Python) counts as missing;
//! - a prediction without `bound` has bound `"exact"`, but one with
//!   `"bound": null` has bound `None`;
//! - equality of JSON values is Python's (`1 == 1.0 == true`, `null == missing`);
//! - articles are visited in dict insertion order: gold articles first, then
//!   articles that only predictions name;
//! - the confusion counts are sorted by the `str()` of `((gold, pred), n)`;
//! - means are plain left-to-right float sums, as `sum()` does up to
//!   Python 3.11.
//!
//! Where score.py would stop with a Python exception (a value that `float()`
//! rejects, a subject that is neither a string nor an object), this module
//! picks the reading that marks the claim wrong, as documented on each
//! helper. Everything here is pure except [`load_jsonl`].

use anyhow::{Context, Result, bail};
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;

/// Reads a JSON Lines file: one JSON value per line, blank lines skipped.
///
/// Lines are split like Python's text mode (`\n`, `\r\n` or `\r`) and
/// stripped of whitespace. A line that is not JSON is an error naming
/// `path:line`, as in score.py.
pub fn load_jsonl(path: &Path) -> Result<Vec<Value>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text =
        String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8", path.display()))?;
    parse_jsonl(&text).map_err(|(n, e)| anyhow::anyhow!("{}:{n}: not JSON: {e}", path.display()))
}

/// Parses JSON Lines text; on failure returns the 1-based line number and the error.
fn parse_jsonl(text: &str) -> std::result::Result<Vec<Value>, (usize, serde_json::Error)> {
    let mut rows = Vec::new();
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in normalized.split_terminator('\n').enumerate() {
        let line = line.trim_matches(is_py_space);
        if !line.is_empty() {
            rows.push(serde_json::from_str(line).map_err(|e| (i + 1, e))?);
        }
    }
    Ok(rows)
}

/// Python's `str.isspace`: Unicode white space plus the ASCII separators 0x1c–0x1f.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Which file is which: fails when the gold file is claimscan's output (its
/// records have a claim `id` and `evidence`), saying the arguments look
/// swapped when the predictions look like a gold file (no `id`, no
/// `evidence`, subjects as strings). Predictions that look like a gold file
/// while the gold file does too (two annotations compared) are allowed; the
/// caller may warn ([`looks_like_gold`]).
pub(crate) fn check_roles(
    gold: &[Value],
    pred: &[Value],
    gold_name: &str,
    pred_name: &str,
) -> Result<()> {
    if looks_like_output(gold) {
        if looks_like_gold(pred) {
            bail!(
                "the arguments look swapped: {gold_name} is claimscan output (records with 'id' \
                 and 'evidence') and {pred_name} a gold file; the gold file comes first: \
                 claimscan eval {pred_name} {gold_name}"
            );
        }
        bail!(
            "{gold_name} is claimscan output (records with 'id' and 'evidence'), not a gold \
             file: the gold file comes first, then the claims: claimscan eval GOLD.jsonl \
             {gold_name}"
        );
    }
    Ok(())
}

/// True when every row is a claimscan record: a string `id` starting with
/// `c-` and an `evidence`.
fn looks_like_output(rows: &[Value]) -> bool {
    !rows.is_empty()
        && rows.iter().all(|r| {
            r.get("id").and_then(Value::as_str).is_some_and(|id| id.starts_with("c-"))
                && r.get("evidence").is_some()
        })
}

/// True when no row has an `id` or `evidence` and every subject is a
/// string or null, as in a gold file.
pub(crate) fn looks_like_gold(rows: &[Value]) -> bool {
    !rows.is_empty()
        && rows.iter().all(|r| {
            r.get("id").is_none()
                && r.get("evidence").is_none()
                && r.get("subject").is_none_or(|s| s.is_string() || s.is_null())
        })
}

/// Fails, as score.py does, on the first prediction lacking `article`, `start` or `end`.
///
/// The message names the prediction by its 1-based number among the
/// non-blank lines and shows the start of the claim as JSON.
pub(crate) fn check_predictions(pred: &[Value]) -> Result<()> {
    check_fields(pred, "prediction", &["article", "start", "end"])
}

/// Fails on the first gold claim lacking a field that scoring reads.
///
/// score.py would stop with a `KeyError` on such a file as soon as it reads
/// the field; this check says which claim and which field instead.
pub(crate) fn check_gold(gold: &[Value]) -> Result<()> {
    let fields = ["article", "start", "end", "value", "bound", "population", "subject"];
    check_fields(gold, "gold claim", &fields)
}

fn check_fields(rows: &[Value], what: &str, fields: &[&str]) -> Result<()> {
    for (k, row) in rows.iter().enumerate() {
        for field in fields {
            if row.get(field).is_none() {
                let shown: String = py_json(row).chars().take(200).collect();
                bail!("{what} {} lacks '{field}': {shown}", k + 1);
            }
        }
    }
    Ok(())
}

/// The figures of score.py's result dict, plus who matched whom for `--errors`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Number of gold claims.
    pub gold: usize,
    /// Number of predicted claims.
    pub pred: usize,
    /// Number of matched (gold, prediction) pairs.
    pub matched: usize,
    /// Matched pairs over predictions.
    pub detection_precision: f64,
    /// Matched pairs over gold claims.
    pub detection_recall: f64,
    /// F1 of detection precision and recall.
    pub detection_f1: f64,
    /// Share of matched pairs whose value is within 0.5 of gold.
    pub value_accuracy: f64,
    /// Share of matched pairs with the gold bound.
    pub bound_accuracy: f64,
    /// Share of matched pairs with the gold population.
    pub population_accuracy: f64,
    /// Mean subject token F1 over matched pairs.
    pub subject_token_f1: f64,
    /// F1 counting a match only if value and population are right.
    pub claim_f1: f64,
    /// Claim F1 that also needs subject token F1 >= 0.5.
    pub full_f1: f64,
    /// Population confusion as `("gold->pred", count)`, in score.py's order.
    pub confusion: Vec<(String, usize)>,
    /// Matched pairs as (gold index, prediction index), in matching order.
    pub pairs: Vec<(usize, usize)>,
    /// Indices of unmatched gold claims, article by article.
    pub missed: Vec<usize>,
    /// Indices of unmatched predictions, article by article.
    pub extra: Vec<usize>,
}

/// Scores predictions against gold claims exactly as score.py's `score` does.
///
/// Claims are JSON objects as read by [`load_jsonl`]. Inputs are expected
/// to pass `check_gold` and `check_predictions`; a missing offset reads
/// as NaN, which never overlaps anything.
pub fn score(gold: &[Value], pred: &[Value]) -> Scores {
    let (pairs, missed, extra) = match_claims(gold, pred);
    let n = pairs.len();
    let checks: Vec<PairCheck> =
        pairs.iter().map(|&(g, p)| PairCheck::new(&gold[g], &pred[p])).collect();
    let count = |f: fn(&PairCheck) -> bool| checks.iter().filter(|c| f(c)).count();
    let share = |k: usize| if n > 0 { k as f64 / n as f64 } else { 0.0 };
    let subject_sum = checks.iter().fold(0.0, |acc, c| acc + c.subject_f1);
    let claim_tp = count(|c| c.value_ok && c.population_ok);
    let full_tp = count(|c| c.value_ok && c.population_ok && c.subject_f1 >= 0.5);
    let det = f1(n, pred.len(), gold.len());
    Scores {
        gold: gold.len(),
        pred: pred.len(),
        matched: n,
        detection_precision: det.0,
        detection_recall: det.1,
        detection_f1: det.2,
        value_accuracy: share(count(|c| c.value_ok)),
        bound_accuracy: share(count(|c| c.bound_ok)),
        population_accuracy: share(count(|c| c.population_ok)),
        subject_token_f1: if n > 0 { subject_sum / n as f64 } else { 0.0 },
        claim_f1: f1(claim_tp, pred.len(), gold.len()).2,
        full_f1: f1(full_tp, pred.len(), gold.len()).2,
        confusion: confusion(gold, pred, &pairs),
        pairs,
        missed,
        extra,
    }
}

/// Precision, recall and F1 as score.py's `f1` computes them.
fn f1(tp: usize, n_pred: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_pred > 0 { tp as f64 / n_pred as f64 } else { 0.0 };
    let r = if n_gold > 0 { tp as f64 / n_gold as f64 } else { 0.0 };
    let f = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// Matched pairs, unmatched gold and unmatched predictions, as score.py's `match`.
type Matching = (Vec<(usize, usize)>, Vec<usize>, Vec<usize>);

/// Pairs claims of the same article whose spans overlap, largest overlap first, one to one.
fn match_claims(gold: &[Value], pred: &[Value]) -> Matching {
    // Articles in Python dict insertion order: gold first, then prediction-only ones.
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut by_art: HashMap<String, usize> = HashMap::new();
    let empty = Value::String(String::new());
    let mut group_of = |article: &Value| {
        *by_art.entry(py_key(article)).or_insert_with(|| {
            groups.push((Vec::new(), Vec::new()));
            groups.len() - 1
        })
    };
    let gold_groups: Vec<usize> = gold.iter().map(|g| group_of(field(g, "article"))).collect();
    let pred_groups: Vec<usize> =
        pred.iter().map(|p| group_of(p.get("article").unwrap_or(&empty))).collect();
    for (i, k) in gold_groups.into_iter().enumerate() {
        groups[k].0.push(i);
    }
    for (j, k) in pred_groups.into_iter().enumerate() {
        groups[k].1.push(j);
    }

    let (mut pairs, mut missed, mut extra) = (Vec::new(), Vec::new(), Vec::new());
    for (gs, ps) in &groups {
        let mut cands: Vec<(f64, usize, usize)> = Vec::new();
        for (i, &g) in gs.iter().enumerate() {
            for (j, &p) in ps.iter().enumerate() {
                let ov = overlap(&gold[g], &pred[p]);
                if ov > 0.0 {
                    cands.push((-ov, i, j));
                }
            }
        }
        cands.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut used_g = vec![false; gs.len()];
        let mut used_p = vec![false; ps.len()];
        for (_, i, j) in cands {
            if !used_g[i] && !used_p[j] {
                used_g[i] = true;
                used_p[j] = true;
                pairs.push((gs[i], ps[j]));
            }
        }
        missed.extend(gs.iter().zip(&used_g).filter(|(_, u)| !**u).map(|(g, _)| *g));
        extra.extend(ps.iter().zip(&used_p).filter(|(_, u)| !**u).map(|(p, _)| *p));
    }
    (pairs, missed, extra)
}

/// `min(g.end, p.end) - max(g.start, p.start)` in bytes.
fn overlap(g: &Value, p: &Value) -> f64 {
    let num = |c: &Value, k: &str| py_number(field(c, k));
    num(g, "end").min(num(p, "end")) - num(g, "start").max(num(p, "start"))
}

/// What score.py checks on one matched pair.
struct PairCheck {
    /// `abs(value - gold) <= 0.5`.
    value_ok: bool,
    /// `abs(value - gold) > 0.5` (differs from `!value_ok` only for NaN).
    value_off: bool,
    population_ok: bool,
    bound_ok: bool,
    subject_f1: f64,
}

impl PairCheck {
    fn new(g: &Value, p: &Value) -> PairCheck {
        let diff = (pred_value(p) - py_number(field(g, "value"))).abs();
        let exact = Value::String("exact".into());
        PairCheck {
            value_ok: diff <= 0.5,
            value_off: diff > 0.5,
            population_ok: py_eq(field(p, "population"), field(g, "population")),
            bound_ok: py_eq(p.get("bound").unwrap_or(&exact), field(g, "bound")),
            subject_f1: token_f1(subject_text(p), as_str(field(g, "subject"))),
        }
    }
}

/// `float(p.get("value") or -1e9)`: anything falsy (missing, null, 0, "") is -1e9.
///
/// A string goes through a float parse; one Python's `float` would reject,
/// or a non-empty list or object, also reads as -1e9 (score.py would stop).
fn pred_value(p: &Value) -> f64 {
    let v = field(p, "value");
    if !py_truthy(v) {
        return -1e9;
    }
    match v {
        Value::String(s) => s.trim_matches(is_py_space).replace('_', "").parse().unwrap_or(-1e9),
        Value::Array(_) | Value::Object(_) => -1e9,
        _ => py_number(v),
    }
}

/// score.py's `subject_text`: the subject string, or its `"text"` field, or "".
///
/// Anything that is not a string (where Python would fail on `.lower()`)
/// reads as "".
fn subject_text(c: &Value) -> &str {
    match field(c, "subject") {
        Value::Object(o) => o.get("text").map_or("", as_str),
        s => as_str(s),
    }
}

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[a-z0-9]+(?:['’][a-z]+)?").expect("token regex"));

const STOP: [&str; 14] =
    ["the", "a", "an", "of", "to", "and", "that", "their", "its", "is", "are", "was", "were", "be"];

/// Lowercased word tokens of a subject phrase, stop words removed.
fn tokens(s: &str) -> Vec<String> {
    TOKEN
        .find_iter(&s.to_lowercase())
        .map(|m| m.as_str().to_owned())
        .filter(|t| !STOP.contains(&t.as_str()))
        .collect()
}

/// Token F1 of two subject phrases (multiset overlap); 1.0 when both have no tokens.
///
/// `a` is the predicted phrase and `b` the gold one, as in score.py
/// (precision is over `a`'s tokens).
pub(crate) fn token_f1(a: &str, b: &str) -> f64 {
    let (ta, tb) = (counter(tokens(a)), counter(tokens(b)));
    if ta.is_empty() && tb.is_empty() {
        return 1.0;
    }
    let common: usize = ta.iter().map(|(t, &n)| n.min(tb.get(t).copied().unwrap_or(0))).sum();
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / ta.values().sum::<usize>() as f64;
    let r = common as f64 / tb.values().sum::<usize>() as f64;
    2.0 * p * r / (p + r)
}

fn counter(tokens: Vec<String>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for t in tokens {
        *counts.entry(t).or_insert(0) += 1;
    }
    counts
}

/// `{f"{a}->{b}": n for (a, b), n in sorted(Counter(...).items(), key=str)}`.
fn confusion(gold: &[Value], pred: &[Value], pairs: &[(usize, usize)]) -> Vec<(String, usize)> {
    // Counter: first-seen order, keys compared with Python equality.
    let mut counts: Vec<(&Value, &Value, usize)> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for &(g, p) in pairs {
        let (a, b) = (field(&gold[g], "population"), field(&pred[p], "population"));
        let k = *index.entry((py_key(a), py_key(b))).or_insert_with(|| {
            counts.push((a, b, 0));
            counts.len() - 1
        });
        counts[k].2 += 1;
    }
    let mut items: Vec<(String, &Value, &Value, usize)> = counts
        .into_iter()
        .map(|(a, b, n)| (format!("(({}, {}), {n})", py_repr(a), py_repr(b)), a, b, n))
        .collect();
    items.sort_by(|x, y| x.0.cmp(&y.0));
    // A dict comprehension: a repeated key keeps its first place and takes the last count.
    let mut out: Vec<(String, usize)> = Vec::new();
    for (_, a, b, n) in items {
        let key = format!("{}->{}", py_str(a), py_str(b));
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = n,
            None => out.push((key, n)),
        }
    }
    out
}

impl Scores {
    /// The floating-point figures, named and ordered as in score.py's report.
    pub fn figures(&self) -> [(&'static str, f64); 9] {
        [
            ("detection_precision", self.detection_precision),
            ("detection_recall", self.detection_recall),
            ("detection_f1", self.detection_f1),
            ("value_accuracy", self.value_accuracy),
            ("bound_accuracy", self.bound_accuracy),
            ("population_accuracy", self.population_accuracy),
            ("subject_token_f1", self.subject_token_f1),
            ("claim_f1", self.claim_f1),
            ("full_f1", self.full_f1),
        ]
    }
}

/// The text report, byte for byte as score.py prints it (ends with a newline).
pub(crate) fn render_text(s: &Scores) -> String {
    let mut out = format!("gold {}  predicted {}  matched {}\n", s.gold, s.pred, s.matched);
    for (name, value) in s.figures() {
        let _ = writeln!(out, "{name:22} {value:.3}");
    }
    let entries: Vec<String> =
        s.confusion.iter().map(|(k, n)| format!("{}: {n}", py_repr_str(k))).collect();
    let _ = writeln!(out, "population confusion (gold->predicted): {{{}}}", entries.join(", "));
    out
}

/// The report as score.py's `--json` prints it: `json.dumps(res, indent=2)` (ends with a newline).
pub(crate) fn render_json(s: &Scores) -> String {
    let mut lines = vec![
        format!("  \"gold\": {}", s.gold),
        format!("  \"pred\": {}", s.pred),
        format!("  \"matched\": {}", s.matched),
    ];
    for (name, value) in s.figures() {
        lines.push(format!("  \"{name}\": {}", py_json_float(value)));
    }
    if s.confusion.is_empty() {
        lines.push("  \"confusion\": {}".into());
    } else {
        let entries: Vec<String> =
            s.confusion.iter().map(|(k, n)| format!("    {}: {n}", py_json_str(k))).collect();
        lines.push(format!("  \"confusion\": {{\n{}\n  }}", entries.join(",\n")));
    }
    format!("{{\n{}\n}}\n", lines.join(",\n"))
}

/// score.py's `--errors` listing: MISSED, then EXTRA, then WRONG lines.
pub(crate) fn render_errors(gold: &[Value], pred: &[Value], s: &Scores) -> String {
    let mut out = String::new();
    for &i in &s.missed {
        let g = &gold[i];
        let _ = writeln!(
            out,
            "MISSED  {}:{}-{} {} ({})",
            py_str(field(g, "article")),
            py_str(field(g, "start")),
            py_str(field(g, "end")),
            py_repr(field(g, "text")),
            py_str(field(g, "population")),
        );
    }
    for &j in &s.extra {
        let p = &pred[j];
        let _ = writeln!(
            out,
            "EXTRA   {}:{}-{} {}",
            py_str(field(p, "article")),
            py_str(field(p, "start")),
            py_str(field(p, "end")),
            py_repr(field(p, "text")),
        );
    }
    for &(i, j) in &s.pairs {
        let (g, p) = (&gold[i], &pred[j]);
        let check = PairCheck::new(g, p);
        let mut probs = Vec::new();
        let mut differs = |what: &str, k: &str| {
            probs.push(format!("{what} {} != {}", py_str(field(p, k)), py_str(field(g, k))));
        };
        if check.value_off {
            differs("value", "value");
        }
        if !check.population_ok {
            differs("population", "population");
        }
        if !check.bound_ok {
            differs("bound", "bound");
        }
        if check.subject_f1 < 0.5 {
            probs.push(format!(
                "subject {} vs {}",
                py_repr_str(subject_text(p)),
                py_repr(field(g, "subject"))
            ));
        }
        if !probs.is_empty() {
            let _ = writeln!(
                out,
                "WRONG   {}:{} {}: {}",
                py_str(field(g, "article")),
                py_str(field(g, "start")),
                py_repr(field(g, "text")),
                probs.join("; ")
            );
        }
    }
    out
}

// ---- Python semantics of JSON values -------------------------------------

static NULL: Value = Value::Null;

/// `c.get(k)`, with a missing field read as `None`.
fn field<'a>(c: &'a Value, k: &str) -> &'a Value {
    c.get(k).unwrap_or(&NULL)
}

fn as_str(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// A JSON number or boolean as a float; anything else is NaN.
fn py_number(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::Bool(b) => f64::from(u8::from(*b)),
        _ => f64::NAN,
    }
}

/// Python truthiness of a JSON value.
fn py_truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// An integer-valued number (or bool) as an integer, as Python compares them.
fn py_int(v: &Value) -> Option<i128> {
    match v {
        Value::Bool(b) => Some(i128::from(*b)),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i128::from(i))
            } else if let Some(u) = n.as_u64() {
                Some(i128::from(u))
            } else {
                let f = n.as_f64()?;
                (f.is_finite() && f.fract() == 0.0 && f.abs() < 1e38).then_some(f as i128)
            }
        }
        _ => None,
    }
}

/// Python's `==` between two values loaded by `json.loads`.
fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| py_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        (Value::Number(_) | Value::Bool(_), Value::Number(_) | Value::Bool(_)) => {
            match (py_int(a), py_int(b)) {
                (Some(x), Some(y)) => x == y,
                _ => py_number(a) == py_number(b),
            }
        }
        _ => false,
    }
}

/// A string that is equal for values Python finds equal (a dict key).
fn py_key(v: &Value) -> String {
    match v {
        Value::Null => "N".into(),
        Value::String(s) => format!("S{s}"),
        Value::Number(_) | Value::Bool(_) => match py_int(v) {
            Some(i) => format!("I{i}"),
            None => format!("F{}", py_float_repr(py_number(v))),
        },
        Value::Array(a) => {
            let keys: Vec<String> = a.iter().map(py_key).collect();
            format!("A{keys:?}")
        }
        Value::Object(_) => format!("O{}", py_json(v)),
    }
}

/// Python's `str()` of a value loaded by `json.loads`.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => py_repr(v),
    }
}

/// Python's `repr()` of a value loaded by `json.loads`.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (_, Some(u)) => u.to_string(),
            _ => py_float_repr(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => py_repr_str(s),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(o) => {
            let items: Vec<String> =
                o.iter().map(|(k, v)| format!("{}: {}", py_repr_str(k), py_repr(v))).collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// Python's `repr()` of a float: shortest round-trip digits, exponent outside 1e-4..1e16.
fn py_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').expect("{:e} has an exponent");
    let exp: i32 = exp.parse().expect("{:e} exponent is an integer");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    if !(-4..16).contains(&exp) {
        let (head, tail) = digits.split_at(1);
        let dot = if tail.is_empty() { "" } else { "." };
        let esign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{head}{dot}{tail}e{esign}{:02}", exp.abs());
    }
    let point = exp + 1; // digits before the decimal point
    let body = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}.0", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    };
    format!("{sign}{body}")
}

/// Python's `repr()` of a string: single quotes unless it holds `'` and no `"`.
fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_py_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character, for the characters that matter in text.
///
/// Covers controls, format characters, separators other than the ASCII
/// space and private use; unassigned code points (also unprintable in
/// Python) would need Unicode tables and are shown as they are.
fn is_py_printable(c: char) -> bool {
    let u = c as u32;
    let unprintable = matches!(
        u,
        0x00..=0x1f
            | 0x7f..=0xa0
            | 0xad
            | 0x600..=0x605
            | 0x61c
            | 0x6dd
            | 0x70f
            | 0x890..=0x891
            | 0x8e2
            | 0x1680
            | 0x180e
            | 0x2000..=0x200f
            | 0x2028..=0x202f
            | 0x205f..=0x2064
            | 0x2066..=0x206f
            | 0x3000
            | 0xe000..=0xf8ff
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0xfffe..=0xffff
            | 0x110bd
            | 0x110cd
            | 0x13430..=0x1343f
            | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a
            | 0xe0001
            | 0xe0020..=0xe007f
            | 0xf0000..
    );
    !unprintable
}

/// Python's `json.dumps` of a string (`ensure_ascii=True`).
fn py_json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
    out
}

/// Python's `json.dumps` of a float (`NaN` and `Infinity` for the non-finite).
fn py_json_float(x: f64) -> String {
    match x {
        x if x.is_nan() => "NaN".into(),
        x if x.is_infinite() => if x > 0.0 { "Infinity" } else { "-Infinity" }.into(),
        x => py_float_repr(x),
    }
}

/// Python's compact `json.dumps` of a value (object keys in serde_json's order).
fn py_json(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (_, Some(u)) => u.to_string(),
            _ => py_json_float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => py_json_str(s),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(py_json).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(o) => {
            let items: Vec<String> =
                o.iter().map(|(k, v)| format!("{}: {}", py_json_str(k), py_json(v))).collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claim(article: &str, start: u64, end: u64, extra: Value) -> Value {
        let mut c = json!({"article": article, "start": start, "end": end});
        if let (Value::Object(c), Value::Object(extra)) = (&mut c, extra) {
            c.extend(extra);
        }
        c
    }

    fn gold_claim(article: &str, start: u64, end: u64) -> Value {
        claim(
            article,
            start,
            end,
            json!({"text": "35%", "value": 35.0, "bound": "exact",
                   "population": "both", "subject": "remote teams"}),
        )
    }

    #[test]
    fn token_f1_cases() {
        let cases: &[(&str, &str, &str, f64)] = &[
            ("identical", "remote teams", "remote teams", 1.0),
            ("both empty", "", "", 1.0),
            ("only stop words on both sides", "the of a", "", 1.0),
            ("one side empty", "", "remote teams", 0.0),
            ("disjoint", "budget", "remote teams", 0.0),
            ("stop words ignored", "the remote teams", "remote teams", 1.0),
            ("case folded", "Remote TEAMS", "remote teams", 1.0),
            ("half precision", "remote teams budget cuts", "remote teams", 2.0 / 3.0),
            ("curly apostrophe kept in token", "company’s goals", "company’s goals", 1.0),
            ("curly and straight apostrophes differ", "company’s", "company's", 0.0),
            ("apostrophe token vs bare word", "company’s goals", "company goals", 0.5),
            ("repeated tokens count as a multiset", "it it it", "it", 0.5),
            ("punctuation splits", "marketing-IT meetings", "marketing it meetings", 1.0),
        ];
        for (name, a, b, want) in cases {
            let got = token_f1(a, b);
            assert!(
                (got - want).abs() < 1e-12,
                "{name}: token_f1({a:?}, {b:?}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn tokens_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("stop words dropped", "The share of IT and marketing", &["share", "it", "marketing"]),
            ("curly apostrophe suffix", "there’s a need", &["there’s", "need"]),
            ("straight apostrophe suffix", "it's fine", &["it's", "fine"]),
            ("apostrophe without letters after", "teams' goals", &["teams", "goals"]),
            ("digits are tokens", "top-5 in 2023", &["top", "5", "in", "2023"]),
        ];
        for (name, text, want) in cases {
            assert_eq!(tokens(text), *want, "{name}");
        }
    }

    #[test]
    fn matching_cases() {
        struct Case {
            name: &'static str,
            gold: Vec<Value>,
            pred: Vec<Value>,
            pairs: Vec<(usize, usize)>,
            missed: Vec<usize>,
            extra: Vec<usize>,
        }
        let p = |a: &str, s: u64, e: u64| claim(a, s, e, json!({}));
        let cases = vec![
            Case {
                name: "largest overlap wins",
                gold: vec![gold_claim("a", 0, 10)],
                pred: vec![p("a", 8, 12), p("a", 2, 9)],
                pairs: vec![(0, 1)],
                missed: vec![],
                extra: vec![0],
            },
            Case {
                name: "one to one: a prediction covering two gold claims takes one",
                gold: vec![gold_claim("a", 0, 5), gold_claim("a", 5, 12)],
                pred: vec![p("a", 0, 12)],
                pairs: vec![(1, 0)],
                missed: vec![0],
                extra: vec![],
            },
            Case {
                name: "equal overlaps go to the earlier gold claim",
                gold: vec![gold_claim("a", 0, 4), gold_claim("a", 6, 10)],
                pred: vec![p("a", 2, 8)],
                pairs: vec![(0, 0)],
                missed: vec![1],
                extra: vec![],
            },
            Case {
                name: "touching spans do not overlap",
                gold: vec![gold_claim("a", 0, 5)],
                pred: vec![p("a", 5, 9)],
                pairs: vec![],
                missed: vec![0],
                extra: vec![0],
            },
            Case {
                name: "other article does not match",
                gold: vec![gold_claim("a", 0, 5)],
                pred: vec![p("b", 0, 5)],
                pairs: vec![],
                missed: vec![0],
                extra: vec![0],
            },
            Case {
                name: "articles in insertion order: gold first, then prediction-only",
                gold: vec![gold_claim("b", 0, 5), gold_claim("a", 0, 5)],
                pred: vec![p("c", 0, 5), p("a", 9, 12), p("b", 9, 12)],
                pairs: vec![],
                missed: vec![0, 1],
                extra: vec![2, 1, 0],
            },
        ];
        for c in cases {
            let s = score(&c.gold, &c.pred);
            assert_eq!(s.pairs, c.pairs, "{}: pairs", c.name);
            assert_eq!(s.missed, c.missed, "{}: missed", c.name);
            assert_eq!(s.extra, c.extra, "{}: extra", c.name);
        }
    }

    /// A case name, the fields of a prediction, and the figures it must get.
    type FieldCase = (&'static str, Value, &'static [(&'static str, f64)]);

    #[test]
    fn field_cases() {
        // One gold claim (value 35, bound exact, population both, subject
        // "remote teams") and one overlapping prediction with these fields.
        let cases: &[FieldCase] = &[
            (
                "all right",
                json!({"value": 35, "bound": "exact", "population": "both", "subject": "remote teams"}),
                &[
                    ("value", 1.0),
                    ("bound", 1.0),
                    ("population", 1.0),
                    ("subject", 1.0),
                    ("full", 1.0),
                ],
            ),
            ("value within 0.5", json!({"value": 35.5}), &[("value", 1.0)]),
            ("value just outside 0.5", json!({"value": 35.51}), &[("value", 0.0)]),
            ("value as a numeric string", json!({"value": "35"}), &[("value", 1.0)]),
            ("missing value", json!({}), &[("value", 0.0)]),
            ("missing bound defaults to exact", json!({}), &[("bound", 1.0)]),
            ("null bound is not exact", json!({"bound": null}), &[("bound", 0.0)]),
            ("other bound", json!({"bound": "approx"}), &[("bound", 0.0)]),
            ("missing population", json!({}), &[("population", 0.0), ("claim", 0.0)]),
            (
                "subject as object",
                json!({"value": 35, "population": "both", "subject": {"text": "remote teams"}}),
                &[("subject", 1.0), ("full", 1.0)],
            ),
            (
                "subject as string",
                json!({"value": 35, "population": "both", "subject": "the remote teams"}),
                &[("subject", 1.0), ("full", 1.0)],
            ),
            ("subject object without text", json!({"subject": {"start": 3}}), &[("subject", 0.0)]),
            ("null subject", json!({"subject": null}), &[("subject", 0.0)]),
            (
                "subject F1 below 0.5 fails full F1 only",
                json!({"value": 35, "population": "both", "subject": "remote budget cuts now"}),
                &[("claim", 1.0), ("full", 0.0)],
            ),
        ];
        for (name, fields, want) in cases {
            let gold = vec![gold_claim("a", 0, 3)];
            let pred = vec![claim("a", 0, 3, fields.clone())];
            let s = score(&gold, &pred);
            for (figure, want) in *want {
                let got = match *figure {
                    "value" => s.value_accuracy,
                    "bound" => s.bound_accuracy,
                    "population" => s.population_accuracy,
                    "subject" => s.subject_token_f1,
                    "claim" => s.claim_f1,
                    "full" => s.full_f1,
                    other => panic!("no figure {other}"),
                };
                assert!((got - want).abs() < 1e-12, "{name}: {figure} = {got}, want {want}");
            }
        }
    }

    #[test]
    fn value_zero_counts_as_missing_like_python() {
        let mut gold = gold_claim("a", 0, 2);
        gold["value"] = json!(0.0);
        gold["text"] = json!("0%");
        for (name, value) in
            [("int zero", json!(0)), ("float zero", json!(0.0)), ("false", json!(false))]
        {
            let pred = vec![claim("a", 0, 2, json!({ "value": value }))];
            let s = score(std::slice::from_ref(&gold), &pred);
            assert_eq!(s.value_accuracy, 0.0, "{name}");
            let errors = render_errors(std::slice::from_ref(&gold), &pred, &s);
            assert!(
                errors.contains(&format!("value {} != 0.0", py_str(&value))),
                "{name}: {errors}"
            );
        }
    }

    #[test]
    fn figures_and_confusion() {
        let gold = vec![gold_claim("a", 0, 3), gold_claim("a", 10, 13), gold_claim("a", 20, 23)];
        let pred = vec![
            claim("a", 0, 3, json!({"value": 35, "population": "both"})),
            claim("a", 10, 13, json!({"value": 35, "population": "it"})),
            claim("b", 0, 3, json!({"value": 35})),
        ];
        let s = score(&gold, &pred);
        assert_eq!((s.gold, s.pred, s.matched), (3, 3, 2));
        assert!((s.detection_f1 - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.population_accuracy - 0.5).abs() < 1e-12);
        assert!((s.claim_f1 - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.confusion, vec![("both->both".to_owned(), 1), ("both->it".to_owned(), 1)]);
        let text = render_text(&s);
        assert!(
            text.starts_with("gold 3  predicted 3  matched 2\ndetection_precision    0.667\n"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "population confusion (gold->predicted): {'both->both': 1, 'both->it': 1}\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn confusion_sorts_like_python_str_of_items() {
        // str((('both', 'it'), 1)) < str((('both', None), 1)) because "'" < "N".
        let gold = vec![gold_claim("a", 0, 3), gold_claim("a", 10, 13)];
        let pred =
            vec![claim("a", 0, 3, json!({"population": "it"})), claim("a", 10, 13, json!({}))];
        let s = score(&gold, &pred);
        let keys: Vec<&str> = s.confusion.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["both->it", "both->None"]);
    }

    #[test]
    fn empty_inputs() {
        let s = score(&[], &[]);
        assert_eq!(s.detection_f1, 0.0);
        assert!(render_text(&s).ends_with("(gold->predicted): {}\n"));
        assert!(render_json(&s).contains("  \"confusion\": {}\n}"));
    }

    #[test]
    fn python_repr_cases() {
        let cases: &[(&str, Value, &str)] = &[
            ("plain string", json!("35%"), "'35%'"),
            ("single quote switches to double", json!("it's 5%"), "\"it's 5%\""),
            ("both quotes escape the single", json!("it's \"5%\""), "'it\\'s \"5%\"'"),
            ("curly quotes are printable", json!("“very” it’s"), "'“very” it’s'"),
            ("no-break space escaped", json!("35\u{a0}%"), "'35\\xa0%'"),
            ("newline and backslash", json!("a\nb\\"), "'a\\nb\\\\'"),
            ("null", json!(null), "None"),
            ("int", json!(35), "35"),
            ("float", json!(35.0), "35.0"),
            ("bool", json!(true), "True"),
        ];
        for (name, v, want) in cases {
            assert_eq!(py_repr(v), *want, "{name}");
        }
    }

    #[test]
    fn python_float_repr_cases() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.0, "0.0"),
            (0.5, "0.5"),
            (2.0 / 3.0, "0.6666666666666666"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-4, "0.0001"),
            (1.5e-5, "1.5e-05"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (-1e9, "-1000000000.0"),
        ];
        for (x, want) in cases {
            assert_eq!(py_float_repr(*x), *want, "{x:e}");
        }
    }

    #[test]
    fn python_equality_cases() {
        let cases: &[(&str, Value, Value, bool)] = &[
            ("int and float", json!(1), json!(1.0), true),
            ("true and one", json!(true), json!(1), true),
            ("null and null", json!(null), json!(null), true),
            ("string and number", json!("1"), json!(1), false),
            ("different strings", json!("it"), json!("IT"), false),
        ];
        for (name, a, b, want) in cases {
            assert_eq!(py_eq(a, b), *want, "{name}");
            assert_eq!(py_key(a) == py_key(b), *want, "{name}: key");
        }
    }

    #[test]
    fn jsonl_lines() {
        let rows = parse_jsonl("{\"a\": 1}\r\n\n  \r{\"b\": 2}\n").expect("parses");
        assert_eq!(rows, vec![json!({"a": 1}), json!({"b": 2})]);
        let (line, _) = parse_jsonl("{}\n\nnot json\n").expect_err("line 3 is bad");
        assert_eq!(line, 3);
    }

    #[test]
    fn prediction_lacking_a_field_is_named() {
        let pred = vec![
            json!({"article": "a", "start": 0, "end": 1}),
            json!({"article": "a", "start": 0}),
        ];
        let err = check_predictions(&pred).expect_err("second lacks end");
        assert_eq!(err.to_string(), "prediction 2 lacks 'end': {\"article\": \"a\", \"start\": 0}");
    }
}
