//! One article in, its claims out: the stages chained over one `&str`.

use crate::lang::analysis::{self, Mention, Sent};
use crate::lang::attribute::{Attribution, PopulationRule, attribute_sentence, survey_default};
use crate::lang::detect::{Figure, detect};
use crate::lang::lexicon::{Lexicon, Population, class};
use crate::lang::pairs::{Known, Pair, pair_sentence};
use crate::lang::phrases::Phrases;
use crate::lang::role::{Role, RoleRule, role_sentence};
use crate::lang::segment::Sentence;
use crate::lang::segment::sentences_where;
use crate::lang::subject::Context;
use crate::lang::subject::{SubjectRule, subject};
use crate::lang::tokens::tokenize;
use crate::span::Span;
use std::collections::VecDeque;
use std::ops::Range;

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
    /// The rule that decided the subject (even when it found none); `None`
    /// for a figure outside any sentence.
    pub subject_rule: Option<SubjectRule>,
    /// What the claim is for: a finding, a share of the sample or a change.
    pub role: Role,
    /// The rule that decided the role.
    pub role_rule: RoleRule,
    /// The claim it is compared with ("58% of CMOs vs. 35% of CIOs"), by
    /// its index in the article's claims, and the rule that paired them.
    pub pair: Option<Pair>,
}

/// Tokens of sentences with figures kept from the first pass for the second
/// (about 56 bytes each: at most ~3.6 MB per article).
const KEPT_TOKENS: usize = 1 << 16;

/// Sentences the carrying rules look back over, plus the current one.
const WINDOW: usize = 4;

/// Extracts every claim of an article, in order of position.
///
/// Two passes over the sentences keep memory to the article, its figures
/// and a few sentences' tokens: the first reads the groups every sentence
/// names (for the survey's population), the second tokenizes the sentences
/// that hold figures again and decides their subjects and populations with
/// a window of the sentences before them. Words are read with the built-in
/// lexicon ([`Lexicon::builtin`]).
pub fn extract_article(text: &str) -> Vec<Claim> {
    extract_with(text, Lexicon::builtin(), false)
}

/// [`extract_article`], reading words with `lexicon`.
pub fn extract_article_with(text: &str, lexicon: &Lexicon) -> Vec<Claim> {
    extract_with(text, lexicon, false)
}

/// [`extract_article_with`]; with `every_paragraph`, every paragraph is
/// split into sentences (tests compare the two).
fn extract_with(text: &str, lexicon: &Lexicon, every_paragraph: bool) -> Vec<Claim> {
    let figures = detect(text);
    if figures.is_empty() {
        return Vec::new();
    }
    // Only sentences with figures, or with a word a group phrase needs, can
    // matter (three in four in news text have neither): the paragraphs
    // without either are not split into sentences, and none of their
    // sentences is tokenized.
    let core = lexicon.core_word_starts(text);
    let sents = {
        let mut wanted = paragraph_filter(&figures, &core);
        sentences_where(text, |para| every_paragraph || wanted(para))
    };
    let spans: Vec<(usize, Span)> = figures.iter().enumerate().map(|(i, f)| (i, f.span)).collect();
    let ranges = figure_ranges(&sents, &spans);
    // Tokens of sentences with figures are kept for the second pass, up to
    // a budget that bounds memory on giant claim-dense articles (past it,
    // the second pass tokenizes them again: same function, same tokens).
    let mut kept: Vec<Option<Vec<crate::lang::tokens::Token>>> = vec![None; sents.len()];
    let mut budget = KEPT_TOKENS;
    let mut mentions: Vec<Vec<Mention>> = Vec::with_capacity(sents.len());
    let mut next_core = core.iter().peekable();
    for (i, (s, r)) in sents.iter().zip(&ranges).enumerate() {
        while next_core.next_if(|&&at| at < s.span.start).is_some() {}
        let names_group = next_core.peek().is_some_and(|&&at| at < s.span.end);
        if r.is_empty() && !names_group {
            mentions.push(Vec::new());
            continue;
        }
        let toks = tokenize(text, s.span, &spans[r.clone()], lexicon);
        // Every group phrase holds a core word or "those" ("those in
        // sales"): without one, a sentence names none.
        let may_name = names_group || toks.iter().any(|t| t.lex & class::PHRASE_WORD != 0);
        mentions.push(if may_name { analysis::mentions(&toks) } else { Vec::new() });
        if !r.is_empty() && toks.len() <= budget {
            budget -= toks.len();
            kept[i] = Some(toks);
        }
    }
    let default = survey_default(&mentions);

    let mut subjects: Vec<Option<Span>> = vec![None; figures.len()];
    let mut subject_rules: Vec<Option<SubjectRule>> = vec![None; figures.len()];
    let mut sentence_of: Vec<Option<Span>> = vec![None; figures.len()];
    let mut done: Vec<Option<Attribution>> = vec![None; figures.len()];
    let mut roles: Vec<Option<(Role, RoleRule)>> = vec![None; figures.len()];
    let mut pairs: Vec<Option<Pair>> = vec![None; figures.len()];
    let mut window: VecDeque<Sent> = VecDeque::with_capacity(WINDOW);
    // The sample without its count ("more than 125 Australian leaders"):
    // what a share of the sample is about.
    let sample = default.phrase.map(|p| without_count(text, p));
    // The last subject found and its paragraph, for figures that point back.
    let mut last_subject: Option<(usize, Span)> = None;
    for (i, s) in sents.iter().enumerate() {
        let here = &spans[ranges[i].clone()];
        let toks = match kept[i].take() {
            Some(toks) => toks,
            None if here.is_empty() => Vec::new(),
            None => tokenize(text, s.span, here, lexicon),
        };
        let figs: Vec<(usize, usize)> =
            toks.iter().enumerate().filter_map(|(ti, t)| t.figure().map(|f| (f, ti))).collect();
        if window.len() == WINDOW {
            window.pop_front();
        }
        // The phrase layer, read once for each sentence that holds a figure.
        let phr = if figs.is_empty() { Phrases::default() } else { Phrases::new(&toks) };
        window.push_back(Sent {
            sentence: *s,
            toks,
            figs,
            mentions: std::mem::take(&mut mentions[i]),
            phr,
        });
        let view = window.back().expect("just pushed");
        if view.figs.is_empty() {
            continue;
        }
        let mut prev = None;
        let earlier = last_subject.filter(|&(para, _)| para == s.paragraph).map(|(_, sub)| sub);
        for (k, &(fi, _)) in view.figs.iter().enumerate() {
            let (sub, rule) = subject(view, k, &Context { prev, earlier, sample });
            subjects[fi] = sub;
            subject_rules[fi] = Some(rule);
            sentence_of[fi] = Some(s.span);
            prev = sub;
        }
        // "between one and two pct", "from 38 pct in February, only 31 pct":
        // a figure joined to the next by a range or change word, that found
        // no subject of its own, shares the next one's.
        for w in view.figs.windows(2).rev() {
            let ((a, ta), (b, tb)) = (w[0], w[1]);
            let from = ta > 0 && view.toks[ta - 1].is("from");
            if subjects[a].is_none()
                && subjects[b].is_some()
                && linked(&view.toks[ta + 1..tb], from)
            {
                subjects[a] = subjects[b];
                subject_rules[a] = Some(SubjectRule::LinkedFigure);
            }
        }
        if let Some(sub) = prev {
            last_subject = Some((s.paragraph, sub));
        }
        // "60 to 70 percent": the first number shares the unit, the subject
        // and the population of the second.
        for &(fi, _) in view.figs.iter().rev() {
            if figures[fi].shares_unit {
                subjects[fi] = subjects[fi + 1];
                subject_rules[fi] = Some(SubjectRule::SharesUnit);
            }
        }
        let window = window.make_contiguous();
        attribute_sentence(text, window, &default, &mut done, &subjects);
        let view = window.last().expect("just pushed");
        role_sentence(view, &figures, &done, &subject_rules, &mut roles);
        let known =
            Known { figures: &figures, attributions: &done, subjects: &subjects, roles: &roles };
        pair_sentence(window, &known, &mut pairs);
    }
    let mut attributions: Vec<Attribution> = done
        .into_iter()
        .map(|a| {
            a.unwrap_or_else(|| {
                PopulationRule::OutsideSentence.decides(Population::Unknown, None, "")
            })
        })
        .collect();
    for i in (0..figures.len()).rev() {
        if figures[i].shares_unit {
            let next = &attributions[i + 1];
            attributions[i] = PopulationRule::SharesUnit.decides(
                next.population,
                next.phrase,
                &format!(" ({})", next.evidence),
            );
        }
    }
    figures
        .into_iter()
        .zip(attributions)
        .enumerate()
        .map(|(i, (figure, attribution))| {
            let (role, role_rule) = roles[i].unwrap_or((Role::Finding, RoleRule::Level));
            Claim {
                sentence: sentence_of[i].unwrap_or(figure.span),
                subject: subjects[i],
                subject_rule: subject_rules[i],
                role,
                role_rule,
                pair: pairs[i],
                figure,
                attribution,
            }
        })
        .collect()
}

/// Words that join a figure to the next one as the ends of a range or a
/// change: "between one and two pct", "from 38 pct ... to 31 pct".
const LINKING_WORDS: &[&str] = &["to", "from", "and", "or", "vs", "vs.", "versus", "between"];

/// Words of a date between two linked figures: "from 38 pct in February, only 31 pct".
const DATE_WORDS: &[&str] = &["in", "on", "at", "last", "this", "year", "month", "earlier", "ago"];

/// The tokens between two figures join them as a range or change: a
/// linking word ("5.6 to 9.9", "1.5 to a two"), or "from" before the
/// first ("from 38 pct in February, only 31 pct"), with at most a date and
/// an adverb besides.
fn linked(between: &[crate::lang::tokens::Token], from: bool) -> bool {
    let linking = |t: &crate::lang::tokens::Token| {
        t.is_punct(",")
            || t.is_punct("-")
            || LINKING_WORDS.iter().chain(&["a", "an", "the", "only", "just"]).any(|w| t.is(w))
    };
    let dated = |t: &crate::lang::tokens::Token| {
        DATE_WORDS.iter().any(|w| t.is(w))
            || t.kind == crate::lang::tokens::TokKind::Number
            || t.is_word() && t.text.starts_with(|c: char| c.is_ascii_uppercase())
    };
    between.len() <= 6
        && (from || between.iter().any(|t| LINKING_WORDS.iter().any(|w| t.is(w))))
        && between.iter().all(|t| linking(t) || dated(t))
}

/// A sample phrase without the count and the words that qualify it:
/// "more than 125 Australian leaders" -> "Australian leaders", "surveyed
/// 500 IT leaders" -> "IT leaders".
fn without_count(text: &str, span: Span) -> Span {
    const COUNT_WORDS: &[&str] = &[
        "more", "than", "over", "nearly", "almost", "about", "around", "some", "the", "of",
        "roughly", "approximately", "just", "under", "surveyed", "polled", "asked", "interviewed",
        "questioned", "queried",
    ];
    let phrase = span.slice(text);
    let mut at = 0;
    for word in phrase.split_inclusive(char::is_whitespace) {
        let w = word.trim();
        let count = w.starts_with(|c: char| c.is_ascii_digit())
            || COUNT_WORDS.iter().any(|q| w.eq_ignore_ascii_case(q));
        if !count || at + word.len() >= phrase.len() {
            break;
        }
        at += word.len();
    }
    Span::new(span.start + at, span.end)
}

/// What extraction needs besides the text: the populations the claims are
/// attributed to and the lexicon of their words, built once.
pub struct Extractor {
    /// The populations (from the built-in file or `--populations FILE`).
    pub populations: crate::lang::populations::Populations,
    lexicon: Lexicon,
}

impl Extractor {
    /// An extractor for `populations`.
    pub fn new(populations: crate::lang::populations::Populations) -> Extractor {
        let lexicon = Lexicon::new(&populations);
        Extractor { populations, lexicon }
    }

    /// The extractor of the built-in populations (built once).
    pub fn builtin() -> &'static Extractor {
        static BUILTIN: std::sync::LazyLock<Extractor> = std::sync::LazyLock::new(|| {
            Extractor::new(crate::lang::populations::Populations::builtin().clone())
        });
        &BUILTIN
    }

    /// The claims of an article ([`extract_article_with`]).
    pub fn extract(&self, text: &str) -> Vec<Claim> {
        extract_article_with(text, &self.lexicon)
    }
}

/// Builds what the extractor builds once per process (its regexes and
/// lexicon) by extracting from a short text that uses every part. A batch
/// calls it on a side thread while it lists the corpus, so that no worker
/// waits for the first article to build them.
pub(crate) fn warm_up() {
    const TEXT: &str = "Half (51%) of the 300 marketing leaders surveyed and 3 in 10 CIOs \
        say 15-20 percent of IT budgets, a third, go to caf\u{e9} brands.";
    std::hint::black_box(extract_article(TEXT));
}

/// Accepts, given paragraph spans in order, those that some figure overlaps
/// or where a core word starts ([`Lexicon::core_word_starts`]). A
/// paragraph without either stands as one sentence without figures or
/// groups: the rules that read earlier sentences stop at a paragraph's
/// start, or look for figures, so they read it as they would read its
/// sentences.
fn paragraph_filter<'a>(figures: &'a [Figure], core: &'a [usize]) -> impl FnMut(Span) -> bool + 'a {
    let (mut f, mut c) = (0, 0);
    move |para| {
        // Figures are sorted and do not overlap: their ends are sorted too.
        while figures.get(f).is_some_and(|x| x.span.end <= para.start) {
            f += 1;
        }
        while core.get(c).is_some_and(|&at| at < para.start) {
            c += 1;
        }
        figures.get(f).is_some_and(|x| x.span.start < para.end)
            || core.get(c).is_some_and(|&at| at < para.end)
    }
}

/// For each sentence, the range of `spans` (sorted figure spans) inside it.
fn figure_ranges(sents: &[Sentence], spans: &[(usize, Span)]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(sents.len());
    let mut next = 0;
    for s in sents {
        while next < spans.len() && spans[next].1.start < s.span.start {
            next += 1;
        }
        let first = next;
        while next < spans.len() && spans[next].1.end <= s.span.end {
            next += 1;
        }
        out.push(first..next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An overlong sentence is cut at white space (`segment::MAX_SENTENCE`):
    /// a figure across the cut is in no sentence, and the rule for it says so.
    #[test]
    fn a_figure_across_a_sentence_cut_is_outside_any_sentence() {
        let text = format!("{}45 per cent of CIOs agree.", "a ".repeat(2045));
        let claims = extract_article(&text);
        let c = claims.iter().find(|c| c.figure.span.slice(&text) == "45 per cent").unwrap();
        assert_eq!(c.attribution.rule, PopulationRule::OutsideSentence);
        assert_eq!(c.attribution.evidence, "figure outside any sentence");
        assert_eq!(c.attribution.population, Population::Unknown);
        assert_eq!(c.sentence, c.figure.span);
    }

    /// Claims are the same when every paragraph is split into sentences:
    /// on the real corpora, and on made-up paragraphs where groups, figures
    /// and "respectively" sit in the paragraphs around ones without either.
    #[test]
    fn paragraphs_left_whole_change_no_claim() {
        let mut texts: Vec<String> = vec![
            "CMOs were asked.\n\nIt rained. It poured.\n\nSome 40% and 60% agreed, respectively."
                .into(),
            "A survey of 300 CIOs.\n\nThe weather held.\n\n45% said yes. Another 30% said no."
                .into(),
            "Marketers: 35%.\nNothing here.\n\n  Indented start. 20% of CMOs and 30% of CIOs.\n\n\
             Quiet paragraph.\n\nThese were 16% and 8% respectively."
                .into(),
            // Read as one sentence, "survey" would come right before "CMOs".
            "We ran a survey. CMOs were asked too.\n\n45% said yes.".into(),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = crate::io::corpus::test_corpora().unwrap_or_default();
        for set in ["gold", "dev"] {
            for e in std::fs::read_dir(root.join("tests/data").join(set).join("corpus")).unwrap() {
                files.push(e.unwrap().path());
            }
        }
        for f in &files {
            texts.push(String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned());
        }
        let mut claims = 0;
        for text in &texts {
            let got = extract_with(text, Lexicon::builtin(), false);
            assert_eq!(
                got,
                extract_with(text, Lexicon::builtin(), true),
                "{}",
                &text[..text.len().min(200)]
            );
            claims += got.len();
        }
        assert!(claims > 100, "only {claims} claims");
    }
}

#[cfg(test)]
mod debug {
    /// Prints each claim of the file named by `CLAIMS_DEBUG` with the rules
    /// that decided its population and subject (run by hand:
    /// `CLAIMS_DEBUG=f cargo test --lib extract::debug -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn print_claims() {
        let Ok(path) = std::env::var("CLAIMS_DEBUG") else { return };
        let text = std::fs::read_to_string(path).unwrap();
        for c in super::extract_article(&text) {
            println!(
                "{:?} | {} | {:?} {:?} | {} ({}) | {:?}",
                c.figure.span.slice(&text),
                c.attribution.evidence,
                c.subject_rule,
                c.subject.map(|s| s.slice(&text)),
                c.role,
                c.role_rule.name(),
                c.pair.map(|p| p.rule.name())
            );
        }
    }
}
