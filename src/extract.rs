//! One article in, its claims out: the stages chained over one `&str`.

use crate::analysis::analyse;
use crate::attribute::{Attribution, attribute};
use crate::detect::{Figure, detect};
use crate::segment::sentences;
use crate::span::Span;
use crate::subject::subject;

/// A claim found in an article, with byte spans into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The proportion expression, its value and bound.
    pub figure: Figure,
    /// The sentence that holds it.
    pub sentence: Span,
    /// Whose figure it is, and why.
    pub attribution: Attribution,
    /// What it is about, if found.
    pub subject: Option<Span>,
}

/// Extracts every claim of an article, in order of position.
pub fn extract_article(text: &str) -> Vec<Claim> {
    let figures = detect(text);
    if figures.is_empty() {
        return Vec::new();
    }
    let sents = sentences(text);
    let views = analyse(text, &sents, &figures);
    let mut subjects: Vec<Option<Span>> = vec![None; figures.len()];
    let mut sentence_of: Vec<Option<Span>> = vec![None; figures.len()];
    for v in &views {
        let mut prev = None;
        for (k, &(fi, _)) in v.figs.iter().enumerate() {
            let s = subject(v, k, prev);
            subjects[fi] = s;
            sentence_of[fi] = Some(v.sentence.span);
            prev = s;
        }
    }
    // "60 to 70 percent": the first number shares the unit, the subject and
    // the population of the second.
    let shares_unit: Vec<bool> = figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let t = f.span.slice(text);
            figures.get(i + 1).is_some_and(|n| n.span.start - f.span.end <= 5)
                && f.kind == crate::detect::Kind::Percent
                && !t.contains('%')
                && !t.to_ascii_lowercase().contains("per")
                && !t.to_ascii_lowercase().contains("pct")
        })
        .collect();
    for i in (0..figures.len()).rev() {
        if shares_unit[i] {
            subjects[i] = subjects[i + 1];
        }
    }
    let mut attributions = attribute(text, &views, &subjects);
    for i in (0..figures.len()).rev() {
        if shares_unit[i] {
            attributions[i] = attributions[i + 1].clone();
            attributions[i].evidence =
                format!("shares its unit with the next figure ({})", attributions[i].evidence);
        }
    }
    figures
        .into_iter()
        .zip(attributions)
        .enumerate()
        .map(|(i, (figure, attribution))| Claim {
            sentence: sentence_of[i].unwrap_or(figure.span),
            subject: subjects[i],
            figure,
            attribution,
        })
        .collect()
}
