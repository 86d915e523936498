//! What a dataset says in aggregate: counts of claims by population, bound
//! and article, and the gap table that puts marketing's and IT's figures
//! for the same subject side by side.
//!
//! Surveys of marketing and IT executives mostly report one subject for
//! both sides ("58% of CMOs vs. 35% of CIOs say ..."); the interesting
//! number is the difference. [`gaps`] pairs, within an article, a marketing
//! claim and an IT claim whose subjects are the same span or whose subject
//! texts have a token F1 ([`crate::dataset::eval::token_f1`]) of at least
//! [`MIN_SUBJECT_F1`], one-to-one, the closest match first. Everything here
//! is pure; `claimscan stats` reads the dataset and prints.

use crate::dataset::eval::token_f1;
use crate::record::ClaimRecord;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

/// Least token F1 between two subject texts for their claims to pair.
pub(crate) const MIN_SUBJECT_F1: f64 = 0.5;

/// The columns of the gap table (`claimscan stats --csv`), in order.
pub const GAP_COLUMNS: [&str; 9] = [
    "article", "subject", "marketing", "it", "gap", "match", "marketing_id", "it_id", "it_subject",
];

/// Counts and gaps of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Stats {
    /// Number of claims.
    pub claims: usize,
    /// Number of articles in the manifest.
    pub articles: usize,
    /// Claims per population.
    pub by_population: BTreeMap<String, usize>,
    /// Claims per bound.
    pub by_bound: BTreeMap<String, usize>,
    /// Claims per article, in the manifest's order (articles without claims included).
    pub by_article: Vec<ArticleCounts>,
    /// Marketing-vs-IT pairs, largest absolute gap first.
    pub gaps: Vec<Gap>,
}

/// The claims of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ArticleCounts {
    /// Article path, as in the records.
    pub article: String,
    /// Its number of claims.
    pub claims: usize,
    /// Its claims per population.
    pub by_population: BTreeMap<String, usize>,
}

/// A subject reported for both marketing and IT in one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Gap {
    /// Article path.
    pub article: String,
    /// The marketing claim's subject text.
    pub subject: String,
    /// The marketing figure (a percentage).
    pub marketing: f64,
    /// The IT figure (a percentage).
    pub it: f64,
    /// `marketing - it`, rounded to 6 decimals.
    pub gap: f64,
    /// `span` when both subjects are the same span, `tokens` when their texts
    /// are close enough.
    #[serde(rename = "match")]
    pub matched_by: String,
    /// Token F1 of the two subject texts.
    pub subject_f1: f64,
    /// Id of the marketing claim.
    pub marketing_id: String,
    /// Id of the IT claim.
    pub it_id: String,
    /// The IT claim's subject text.
    pub it_subject: String,
}

/// Counts `claims` and pairs their gaps; `articles` are the manifest's
/// paths, in its order.
pub(crate) fn stats(
    articles: &[&str],
    claims: &[ClaimRecord],
    populations: &crate::record::PopulationsUsed,
) -> Stats {
    let mut by_population = BTreeMap::new();
    let mut by_bound = BTreeMap::new();
    let mut per_article: BTreeMap<&str, ArticleCounts> = BTreeMap::new();
    for c in claims {
        *by_population.entry(c.population.to_string()).or_default() += 1;
        *by_bound.entry(c.bound.to_string()).or_default() += 1;
        let a = per_article.entry(c.article.as_str()).or_insert_with(|| ArticleCounts {
            article: c.article.clone(),
            claims: 0,
            by_population: BTreeMap::new(),
        });
        a.claims += 1;
        *a.by_population.entry(c.population.to_string()).or_default() += 1;
    }
    let mut by_article: Vec<ArticleCounts> = articles
        .iter()
        .map(|&path| {
            per_article.remove(path).unwrap_or_else(|| ArticleCounts {
                article: path.to_string(),
                claims: 0,
                by_population: BTreeMap::new(),
            })
        })
        .collect();
    // Claims of articles the manifest does not list (not in a parsed dataset).
    by_article.extend(per_article.into_values());
    Stats {
        claims: claims.len(),
        articles: articles.len(),
        by_population,
        by_bound,
        by_article,
        gaps: gaps(claims, populations.first(), populations.second()),
    }
}

/// Pairs marketing and IT claims of the same article about the same
/// subject (module doc), one-to-one: identical spans first, then higher
/// subject F1, then the claims nearer each other. Sorted by absolute gap,
/// largest first, then by article and position.
pub(crate) fn gaps(claims: &[ClaimRecord], first: &str, second: &str) -> Vec<Gap> {
    let mut by_article: BTreeMap<&str, Vec<&ClaimRecord>> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.subject.is_some()) {
        by_article.entry(c.article.as_str()).or_default().push(c);
    }
    let mut out: Vec<(usize, Gap)> = Vec::new();
    for (article, cs) in by_article {
        let side = |p: &str| {
            let p = p.to_string();
            cs.iter().copied().filter(move |c| c.population == p)
        };
        let mut candidates = Vec::new();
        for m in side(first) {
            for i in side(second) {
                let (ms, is) = (m.subject.as_ref().unwrap(), i.subject.as_ref().unwrap());
                let same = (ms.start, ms.end) == (is.start, is.end);
                let f1 = token_f1(&ms.text, &is.text);
                if same || f1 >= MIN_SUBJECT_F1 {
                    candidates.push((same, f1, m, i));
                }
            }
        }
        candidates.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.start.abs_diff(a.3.start).cmp(&b.2.start.abs_diff(b.3.start)))
                .then((a.2.start, a.3.start).cmp(&(b.2.start, b.3.start)))
        });
        let mut used = HashSet::new();
        for (same, f1, m, i) in candidates {
            if used.contains(&m.id) || used.contains(&i.id) {
                continue;
            }
            used.insert(&m.id);
            used.insert(&i.id);
            out.push((
                m.start,
                Gap {
                    article: article.to_string(),
                    subject: m.subject.as_ref().unwrap().text.clone(),
                    marketing: m.value,
                    it: i.value,
                    gap: ((m.value - i.value) * 1e6).round() / 1e6,
                    matched_by: if same { "span" } else { "tokens" }.to_string(),
                    subject_f1: (f1 * 1e3).round() / 1e3,
                    marketing_id: m.id.clone(),
                    it_id: i.id.clone(),
                    it_subject: i.subject.as_ref().unwrap().text.clone(),
                },
            ));
        }
    }
    out.sort_by(|(pa, a), (pb, b)| {
        b.gap.abs().total_cmp(&a.gap.abs()).then(a.article.cmp(&b.article)).then(pa.cmp(pb))
    });
    out.into_iter().map(|(_, g)| g).collect()
}

/// The gap table as CSV ([`GAP_COLUMNS`]), with a header row.
pub(crate) fn gaps_csv(gaps: &[Gap]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
    w.write_record(GAP_COLUMNS).expect("writing to memory does not fail");
    for g in gaps {
        w.write_record([
            g.article.clone(),
            g.subject.clone(),
            g.marketing.to_string(),
            g.it.to_string(),
            g.gap.to_string(),
            g.matched_by.clone(),
            g.marketing_id.clone(),
            g.it_id.clone(),
            g.it_subject.clone(),
        ])
        .expect("writing to memory does not fail");
    }
    let bytes = w.into_inner().expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("the fields are UTF-8")
}

/// The stats as text for a reader: totals, the three count tables, then
/// the gap table.
pub(crate) fn render_text(s: &Stats) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} claims in {} articles", s.claims, s.articles);
    let table = |out: &mut String, title: &str, counts: &BTreeMap<String, usize>| {
        let _ = writeln!(out, "\n{title}");
        for (k, n) in counts {
            let _ = writeln!(out, "  {k:<12} {n:>6}");
        }
    };
    table(&mut out, "by population", &s.by_population);
    table(&mut out, "by bound", &s.by_bound);
    let pops: Vec<&String> = s.by_population.keys().collect();
    let width = s.by_article.iter().map(|a| a.article.chars().count()).max().unwrap_or(0).max(7);
    let _ = write!(out, "\nby article\n  {:<width$} {:>6}", "article", "claims");
    for p in &pops {
        let _ = write!(out, " {p:>9}");
    }
    out.push('\n');
    for a in &s.by_article {
        let _ = write!(out, "  {:<width$} {:>6}", a.article, a.claims);
        for p in &pops {
            let _ = write!(out, " {:>9}", a.by_population.get(*p).copied().unwrap_or(0));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\ngaps (marketing minus IT, same subject and article), largest first");
    if s.gaps.is_empty() {
        let _ = writeln!(out, "  none");
    } else {
        let _ = writeln!(out, "  {:>8} {:>9} {:>9}  article: subject", "gap", "marketing", "it");
        for g in &s.gaps {
            let _ = writeln!(
                out,
                "  {:>+8} {:>9} {:>9}  {}: {}",
                g.gap, g.marketing, g.it, g.article, g.subject
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Phrase, SpanRecord};

    fn claim(
        id: &str,
        article: &str,
        at: usize,
        value: f64,
        pop: &str,
        subject: Phrase,
    ) -> ClaimRecord {
        ClaimRecord {
            id: id.into(),
            article: article.into(),
            start: at,
            end: at + 3,
            text: "x".into(),
            char_start: at,
            char_end: at + 3,
            line: 1,
            column: at + 1,
            value,
            bound: crate::lang::detect::Bound::Exact,
            kind: crate::lang::detect::Kind::Percent,
            population: pop.to_string(),
            population_phrase: None,
            subject: Some(subject),
            sentence: SpanRecord { start: 0, end: 100 },
            evidence: "test".into(),
            audit: None,
            source_span: None,
        }
    }

    fn phrase(text: &str, start: usize) -> Phrase {
        Phrase { text: text.into(), start, end: start + text.len() }
    }

    #[test]
    fn pairs_by_span_then_tokens_one_to_one_largest_gap_first() {
        let claims = [
            claim("m1", "a", 50, 58.0, "marketing", phrase("budgets are tight", 10)),
            claim("i1", "a", 60, 35.0, "it", phrase("budgets are tight", 10)),
            claim("i2", "a", 70, 30.0, "it", phrase("budgets are tight", 10)),
            claim("m2", "a", 80, 10.0, "marketing", phrase("hiring data scientists", 200)),
            claim("i3", "a", 90, 50.0, "it", phrase("hiring more data scientists", 300)),
            claim("m3", "b", 10, 20.0, "marketing", phrase("budgets are tight", 10)),
            claim("u1", "a", 95, 90.0, "unknown", phrase("budgets are tight", 10)),
            claim("i4", "a", 99, 1.0, "it", phrase("something else", 400)),
        ];
        let gaps = gaps(&claims, "marketing", "it");
        let got: Vec<(&str, &str, f64, &str)> = gaps
            .iter()
            .map(|g| (g.marketing_id.as_str(), g.it_id.as_str(), g.gap, g.matched_by.as_str()))
            .collect();
        assert_eq!(got, [("m2", "i3", -40.0, "tokens"), ("m1", "i1", 23.0, "span")]);
    }

    #[test]
    fn counts_include_articles_without_claims() {
        let claims = [claim("m1", "a", 5, 58.0, "marketing", phrase("x", 0))];
        let s = stats(&["a", "b"], &claims, &crate::record::PopulationsUsed::default());
        assert_eq!(s.by_article[1].claims, 0);
        assert_eq!(s.by_population["marketing"], 1);
        assert!(render_text(&s).contains("1 claims in 2 articles"));
    }
}
