//! What a dataset says in aggregate: counts of claims by population, role,
//! kind and bound, the gap table that puts the two populations' figures for
//! the same statement side by side (the populations of the dataset's
//! manifest: marketing and IT by default), and the claims of each article.
//!
//! Surveys of marketing and IT executives mostly report one statement for
//! both sides ("58% of CMOs vs. 35% of CIOs say ..."); the interesting
//! number is the difference. The extractor pairs such claims when the text
//! states the same thing for both (each record's `pair`, see
//! [`crate::lang::pairs`]); [`gaps`] reads those pairs, keeps the findings
//! (a share of the sample or a change is no opinion to compare) and sorts
//! them by the size of the gap. Everything here is pure; `claimscan stats`
//! reads the dataset and prints.

use crate::lang::role::Role;
use crate::record::ClaimRecord;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The columns of the gap table (`claimscan stats --csv`), in order, for
/// a dataset whose populations are `first` and `second` (`marketing` and
/// `it` by default: `article, subject, marketing, it, gap, match,
/// marketing_id, it_id, it_subject, line, marketing_subject`).
pub fn gap_columns(first: &str, second: &str) -> Vec<String> {
    let named = |name: &str, suffix: &str| format!("{name}{suffix}");
    vec![
        "article".into(),
        "subject".into(),
        named(first, ""),
        named(second, ""),
        "gap".into(),
        "match".into(),
        named(first, "_id"),
        named(second, "_id"),
        named(second, "_subject"),
        "line".into(),
        named(first, "_subject"),
    ]
}

/// Rows a table shows in text when `--top` is not given.
pub(crate) const DEFAULT_TOP: usize = 20;

/// Counts and gaps of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Stats {
    /// Number of claims.
    pub claims: usize,
    /// Number of articles in the manifest.
    pub articles: usize,
    /// Number of articles with at least one claim.
    pub articles_with_claims: usize,
    /// Claims per population.
    pub by_population: BTreeMap<String, usize>,
    /// Claims per role (`finding`, `sample`, `change`).
    pub by_role: BTreeMap<String, usize>,
    /// Claims per kind (`percent`, `ratio`, `fraction`).
    pub by_kind: BTreeMap<String, usize>,
    /// Claims per bound.
    pub by_bound: BTreeMap<String, usize>,
    /// Claims per article, for the articles with claims: most claims
    /// first, then in the manifest's order.
    pub by_article: Vec<ArticleCounts>,
    /// The two populations the gaps compare (the manifest's names).
    pub populations: [String; 2],
    /// Findings the text compares between the two populations, largest
    /// absolute gap first.
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

/// One statement the text makes for both populations, with both figures.
/// In JSON the figures, ids and subjects are keyed by the populations'
/// names (`marketing`, `it_id`, ...), as the CSV columns are.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gap {
    /// The names of the first and second population.
    pub names: [String; 2],
    /// Article path.
    pub article: String,
    /// 1-based line of the claim stated first.
    pub line: usize,
    /// The statement: the subject of the claim stated first (the other may
    /// only repeat it: "feel the same").
    pub subject: String,
    /// The first population's figure (a percentage).
    pub first: f64,
    /// The second population's figure (a percentage).
    pub second: f64,
    /// `first - second`, rounded to 6 decimals.
    pub gap: f64,
    /// The rule that paired the claims (the records' `pair.rule`).
    pub matched_by: String,
    /// Id of the first population's claim.
    pub first_id: String,
    /// Id of the second population's claim.
    pub second_id: String,
    /// The first population's claim's own subject text.
    pub first_subject: String,
    /// The second population's claim's own subject text.
    pub second_subject: String,
}

impl Serialize for Gap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let [a, b] = &self.names;
        let mut m = s.serialize_map(Some(11))?;
        m.serialize_entry("article", &self.article)?;
        m.serialize_entry("line", &self.line)?;
        m.serialize_entry("subject", &self.subject)?;
        m.serialize_entry(a, &self.first)?;
        m.serialize_entry(b, &self.second)?;
        m.serialize_entry("gap", &self.gap)?;
        m.serialize_entry("match", &self.matched_by)?;
        m.serialize_entry(&format!("{a}_id"), &self.first_id)?;
        m.serialize_entry(&format!("{b}_id"), &self.second_id)?;
        m.serialize_entry(&format!("{a}_subject"), &self.first_subject)?;
        m.serialize_entry(&format!("{b}_subject"), &self.second_subject)?;
        m.end()
    }
}

/// Counts `claims` and lists their gaps; `articles` are the manifest's
/// paths, in its order; `populations` the dataset's two populations (the
/// gaps are the first's figure minus the second's).
pub(crate) fn stats(
    articles: &[&str],
    claims: &[ClaimRecord],
    populations: &crate::record::PopulationsUsed,
) -> Stats {
    let mut by_population = BTreeMap::new();
    let mut by_role = BTreeMap::new();
    let mut by_kind = BTreeMap::new();
    let mut by_bound = BTreeMap::new();
    let mut per_article: HashMap<&str, ArticleCounts> = HashMap::new();
    for c in claims {
        *by_population.entry(c.population.to_string()).or_default() += 1;
        *by_role.entry(c.role.to_string()).or_default() += 1;
        *by_kind.entry(c.kind.to_string()).or_default() += 1;
        *by_bound.entry(c.bound.to_string()).or_default() += 1;
        let a = per_article.entry(c.article.as_str()).or_insert_with(|| ArticleCounts {
            article: c.article.clone(),
            claims: 0,
            by_population: BTreeMap::new(),
        });
        a.claims += 1;
        *a.by_population.entry(c.population.to_string()).or_default() += 1;
    }
    // The manifest's order, then articles it does not list (not in a parsed
    // dataset) by path; most claims first.
    let mut by_article: Vec<ArticleCounts> =
        articles.iter().filter_map(|&path| per_article.remove(path)).collect();
    let mut rest: Vec<ArticleCounts> = per_article.into_values().collect();
    rest.sort_by(|a, b| a.article.cmp(&b.article));
    by_article.extend(rest);
    by_article.sort_by_key(|a| std::cmp::Reverse(a.claims));
    Stats {
        claims: claims.len(),
        articles: articles.len(),
        articles_with_claims: by_article.len(),
        by_population,
        by_role,
        by_kind,
        by_bound,
        by_article,
        populations: [populations.first().to_string(), populations.second().to_string()],
        gaps: gaps(claims, populations.first(), populations.second()),
    }
}

impl Stats {
    /// Keeps at most `top` rows of the gap and article tables.
    pub(crate) fn truncate(&mut self, top: usize) {
        self.gaps.truncate(top);
        self.by_article.truncate(top);
    }
}

/// The pairs of findings the records name (`pair`: a claim of the `first`
/// population and one of the `second` in one article, each naming the
/// other), as gaps. Sorted by absolute gap, largest first, then by article
/// and position.
pub(crate) fn gaps(claims: &[ClaimRecord], first: &str, second: &str) -> Vec<Gap> {
    let by_id: HashMap<(&str, &str), &ClaimRecord> =
        claims.iter().map(|c| ((c.article.as_str(), c.id.as_str()), c)).collect();
    let subject = |c: &ClaimRecord| c.subject.as_ref().map_or("", |s| s.text.as_str()).to_string();
    let mut out: Vec<(usize, Gap)> = Vec::new();
    let first_name = first;
    for m in claims.iter().filter(|c| c.population == first) {
        let Some(pair) = &m.pair else { continue };
        let Some(&i) = by_id.get(&(m.article.as_str(), pair.id.as_str())) else { continue };
        let mutual = i.pair.as_ref().is_some_and(|p| p.id == m.id);
        if i.population != second || !mutual || m.role != Role::Finding || i.role != Role::Finding {
            continue;
        }
        let first = if i.start < m.start { i } else { m };
        let shared = match &first.subject {
            Some(s) => s.text.clone(),
            None => subject(if first.id == m.id { i } else { m }),
        };
        out.push((
            first.start,
            Gap {
                article: m.article.clone(),
                line: first.line,
                subject: shared,
                names: [first_name.to_string(), second.to_string()],
                first: m.value,
                second: i.value,
                gap: ((m.value - i.value) * 1e6).round() / 1e6,
                matched_by: pair.rule.clone(),
                first_id: m.id.clone(),
                second_id: i.id.clone(),
                first_subject: subject(m),
                second_subject: subject(i),
            },
        ));
    }
    out.sort_by(|(pa, a), (pb, b)| {
        b.gap.abs().total_cmp(&a.gap.abs()).then(a.article.cmp(&b.article)).then(pa.cmp(pb))
    });
    out.into_iter().map(|(_, g)| g).collect()
}

/// The gap table as CSV ([`gap_columns`] of `names`), with a header row.
pub(crate) fn gaps_csv(gaps: &[Gap], names: &[String; 2]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
    w.write_record(gap_columns(&names[0], &names[1])).expect("writing to memory does not fail");
    for g in gaps {
        w.write_record([
            g.article.clone(),
            g.subject.clone(),
            g.first.to_string(),
            g.second.to_string(),
            g.gap.to_string(),
            g.matched_by.clone(),
            g.first_id.clone(),
            g.second_id.clone(),
            g.second_subject.clone(),
            g.line.to_string(),
            g.first_subject.clone(),
        ])
        .expect("writing to memory does not fail");
    }
    let bytes = w.into_inner().expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("the fields are UTF-8")
}

/// `n` and the noun, in the singular for one: "1 claim", "2 claims".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A figure as the tables print it: "58", "33.3".
fn figure(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r:.1}") }
}

/// A gap as the tables print it, with its sign: "+23", "-13.3", "0".
fn signed(v: f64) -> String {
    let f = figure(v);
    if f.starts_with('-') || f == "0" { f } else { format!("+{f}") }
}

/// The stats as text for a reader: a summary, the gap table, then the
/// articles with claims; each table at most `top` rows (all with `None`),
/// saying how many it leaves out.
pub(crate) fn render_text(s: &Stats, top: Option<usize>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} in {} ({} with claims)",
        plural(s.claims, "claim", "claims"),
        plural(s.articles, "article", "articles"),
        s.articles_with_claims
    );
    let line = |out: &mut String, title: &str, counts: &BTreeMap<String, usize>| {
        let _ = write!(out, "  {title:<14}");
        for (k, n) in counts {
            let _ = write!(out, " {k} {n},");
        }
        if out.ends_with(',') {
            out.pop();
        }
        out.push('\n');
    };
    line(&mut out, "by population", &s.by_population);
    line(&mut out, "by role", &s.by_role);
    line(&mut out, "by kind", &s.by_kind);
    line(&mut out, "by bound", &s.by_bound);

    let more = |out: &mut String, shown: usize, total: usize, what: &str| {
        if shown < total {
            let _ = writeln!(
                out,
                "  ... and {} more {what} (--top N shows N, --top 0 all)",
                total - shown
            );
        }
    };
    let limit = |n: usize| top.filter(|&t| t > 0).map_or(n, |t| t.min(n));
    let [a, b] = &s.populations;
    let _ = writeln!(
        out,
        "\ngaps: {} stated for both {a} and {b} ({a} minus {b}), largest first",
        plural(s.gaps.len(), "finding", "findings")
    );
    if s.gaps.is_empty() {
        let _ = writeln!(out, "  none");
    } else {
        let _ = writeln!(out, "  {:>6} {a:>9} {b:>9}  article:line  subject  (how paired)", "gap");
        let shown = limit(s.gaps.len());
        for g in &s.gaps[..shown] {
            let _ = writeln!(
                out,
                "  {:>6} {:>9} {:>9}  {}:{}  {}  ({})",
                signed(g.gap),
                figure(g.first),
                figure(g.second),
                g.article,
                g.line,
                g.subject,
                g.matched_by
            );
        }
        more(&mut out, shown, s.gaps.len(), "gaps");
    }

    let _ = writeln!(out, "\narticles with claims, most first");
    if s.by_article.is_empty() {
        let _ = writeln!(out, "  none");
        return out;
    }
    let pops: Vec<&String> = s.by_population.keys().collect();
    let _ = write!(out, "  {:>6}", "claims");
    for p in &pops {
        let _ = write!(out, " {p:>9}");
    }
    out.push_str("  article\n");
    let shown = limit(s.by_article.len());
    for a in &s.by_article[..shown] {
        let _ = write!(out, "  {:>6}", a.claims);
        for p in &pops {
            let _ = write!(out, " {:>9}", a.by_population.get(*p).copied().unwrap_or(0));
        }
        let _ = writeln!(out, "  {}", a.article);
    }
    more(&mut out, shown, s.by_article.len(), "articles");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{PairRecord, Phrase, SpanRecord};

    fn claim(id: &str, article: &str, at: usize, value: f64, pop: &str) -> ClaimRecord {
        ClaimRecord {
            id: id.into(),
            article: article.into(),
            start: at,
            end: at + 3,
            text: "x".into(),
            char_start: at,
            char_end: at + 3,
            line: at / 100 + 1,
            column: at + 1,
            value,
            bound: crate::lang::detect::Bound::Exact,
            kind: crate::lang::detect::Kind::Percent,
            population: pop.to_string(),
            population_phrase: None,
            subject: Some(Phrase { text: format!("subject of {id}"), start: at + 4, end: at + 9 }),
            sentence: SpanRecord { start: 0, end: 100 },
            evidence: "test".into(),
            role: Role::Finding,
            role_rule: String::new(),
            pair: None,
            audit: None,
            source_span: None,
        }
    }

    /// Makes `a` and `b` (indices into `claims`) name each other.
    fn pair(claims: &mut [ClaimRecord], a: usize, b: usize, rule: &str) {
        let (ia, ib) = (claims[a].id.clone(), claims[b].id.clone());
        claims[a].pair = Some(PairRecord { id: ib, rule: rule.into() });
        claims[b].pair = Some(PairRecord { id: ia, rule: rule.into() });
    }

    #[test]
    fn gaps_are_the_paired_findings_largest_first() {
        let (mk, it) = ("marketing", "it");
        let mut claims = vec![
            claim("i1", "a", 50, 77.0, it),
            claim("m1", "a", 60, 56.0, mk),
            claim("m2", "a", 150, 58.0, mk),
            claim("i2", "a", 160, 35.0, it),
            // a share of the sample: paired, but no finding
            claim("m3", "a", 250, 81.0, mk),
            claim("i3", "a", 260, 19.0, it),
            // unpaired claims of both sides about the same subject
            claim("m4", "b", 10, 90.0, mk),
            claim("i4", "b", 20, 10.0, it),
            // a pair that does not name itself back
            claim("m5", "c", 10, 40.0, mk),
            claim("i5", "c", 20, 10.0, it),
        ];
        pair(&mut claims, 0, 1, "same statement repeated");
        pair(&mut claims, 2, 3, "vs. or one parenthesis");
        pair(&mut claims, 4, 5, "vs. or one parenthesis");
        claims[4].role = Role::Sample;
        claims[5].role = Role::Sample;
        claims[7].subject = claims[6].subject.clone();
        claims[8].pair = Some(PairRecord { id: "i5".into(), rule: "compared to".into() });
        let gaps = gaps(&claims, "marketing", "it");
        let got: Vec<(&str, &str, f64, &str, &str, usize)> = gaps
            .iter()
            .map(|g| {
                let (m, i, gap, how) = (&g.first_id, &g.second_id, g.gap, &g.matched_by);
                (m.as_str(), i.as_str(), gap, how.as_str(), g.subject.as_str(), g.line)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("m2", "i2", 23.0, "vs. or one parenthesis", "subject of m2", 2),
                // the statement is the subject of the claim stated first
                ("m1", "i1", -21.0, "same statement repeated", "subject of i1", 1),
            ]
        );
    }

    #[test]
    fn counts_list_only_articles_with_claims_most_first() {
        let claims = [
            claim("m1", "a", 5, 58.0, "marketing"),
            claim("m2", "c", 5, 58.0, "marketing"),
            claim("i2", "c", 9, 58.0, "it"),
        ];
        let s = stats(&["a", "b", "c"], &claims, &Default::default());
        let rows: Vec<(&str, usize)> =
            s.by_article.iter().map(|a| (a.article.as_str(), a.claims)).collect();
        assert_eq!(rows, [("c", 2), ("a", 1)]);
        assert_eq!((s.articles, s.articles_with_claims), (3, 2));
        assert_eq!(s.by_role["finding"], 3);
        assert_eq!(s.by_kind["percent"], 3);
        let text = render_text(&s, None);
        assert!(text.starts_with("3 claims in 3 articles (2 with claims)\n"), "{text}");
        assert!(!text.contains("  b\n"), "{text}");
        let one = render_text(&stats(&["a"], &claims[..1], &Default::default()), None);
        assert!(one.starts_with("1 claim in 1 article (1 with claims)\n"), "{one}");
    }

    #[test]
    fn top_keeps_the_first_rows_and_says_how_many_it_leaves_out() {
        let claims: Vec<ClaimRecord> = (0..5)
            .map(|i| claim(&format!("m{i}"), &format!("a{i}"), 5, 1.0, "marketing"))
            .collect();
        let s = stats(&[], &claims, &Default::default());
        let text = render_text(&s, Some(2));
        assert!(text.contains("a0\n") && text.contains("a1\n") && !text.contains("a2\n"), "{text}");
        assert!(text.contains("... and 3 more articles"), "{text}");
        assert!(render_text(&s, Some(0)).contains("a4\n"));
    }
}
