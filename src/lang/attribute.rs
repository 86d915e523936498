//! Population attribution: whose figure each claim is.
//!
//! Each rule is a named value of [`PopulationRule`] with one function; for
//! each figure they are tried in this order over what [`Fig`] computes once,
//! the first that decides wins, and the claim's `evidence` is the rule's
//! name followed by the words that decided it (a test checks this list
//! against the enum):
//!
//! 1. `label before figure`: a label inside the parenthesis, "(marketing:
//!    62%; IT: 75%)";
//! 2. `group after figure`: a group right after the figure, "9 in 10 senior
//!    marketing and technology executives";
//! 3. `of-phrase after figure`: "45% of CIOs", "Half (51%) of IT
//!    respondents", "of those surveyed";
//! 4. `among-phrase after figure`: "45% among CIOs";
//! 5. `amongst-phrase after figure`: "45% amongst CIOs";
//! 6. `from-phrase after figure`: "45% from CIOs";
//! 7. `in-phrase after figure`: "(81% in marketing, ...)";
//! 8. `of-phrase names no group`: "25% of their budget" is nobody's;
//! 9. `respectively pair`: "54% and 50%, respectively", in the order of the
//!    sides named before them, or of the previous sentence's figures;
//! 10. `vs. pair`: "(58% vs. 35%)", in the order of the sides named before;
//! 11. `group named before parenthesis`: "CMOs (52%) and CIOs (53%)", "220
//!     Marketing (42% share) and IT (58%) leaders";
//! 12. `magnitude of a quantity`: "growth of 5%" is nobody's;
//! 13. `group named earlier in sentence`: the nearest, not as an object,
//!     not inside an earlier figure's subject;
//! 14. `same group as previous figure in sentence`;
//! 15. `carried from previous sentence`: the last group of the previous
//!     sentences of the paragraph, when named after their last figure;
//! 16. `carried from previous sentence's figure`: else that figure's;
//! 17. `no group stated`: the survey's population, read from the article's
//!     sample statement ("a survey of 220 marketing and IT leaders").
//!
//! A generic group ("respondents") found by rules 2 to 13 takes the
//! sentence's topic ("For CMOs, ...") or else the survey's population; the
//! evidence says which, after the rule's name. The extractor applies two
//! more, after these:
//!
//! 18. `shares its unit with the next figure`: the first number of "15 and
//!     20 percent" takes the next figure's population (and evidence, in
//!     parentheses);
//! 19. `figure outside any sentence`: unknown.

use crate::lang::analysis::{Mention, Sent, after_restating, lead_in};
use crate::lang::groups::{Group, GroupPop, group_at, paren_with_figure, side_of};
use crate::lang::lexicon::Population;
use crate::lang::tokens::{TokKind, Token};
use crate::span::Span;
use std::cell::OnceCell;

/// A rule that decides a claim's population. Its [`name`](Self::name)
/// begins the claim's `evidence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PopulationRule {
    /// A side's label before the figure inside a parenthesis.
    Label,
    /// A group phrase right after the figure.
    GroupAfter,
    /// "of" and a group after the figure.
    OfPhrase,
    /// "among" and a group after the figure.
    AmongPhrase,
    /// "amongst" and a group after the figure.
    AmongstPhrase,
    /// "from" and a group after the figure.
    FromPhrase,
    /// "in" and a department after the figure.
    InPhrase,
    /// "of" and words that name no group: unknown.
    OfPhraseNoGroup,
    /// A pair or list of figures followed by "respectively".
    RespectivelyPair,
    /// A pair or list of figures joined by "vs." or in one parenthesis.
    VersusPair,
    /// A group right before the figure's parenthesis.
    GroupBeforeParenthesis,
    /// "NOUN of N%": a quantity, not people: unknown.
    Magnitude,
    /// The nearest group named earlier in the sentence.
    GroupEarlier,
    /// The population of the figure before it in the sentence.
    PreviousFigure,
    /// A group named in the previous sentences of the paragraph.
    CarriedGroup,
    /// The population of the last figure of the previous sentences.
    CarriedFigure,
    /// The survey's population.
    NoGroup,
    /// The next figure's population, for a number sharing its unit.
    SharesUnit,
    /// A figure that no sentence holds: unknown.
    OutsideSentence,
}

impl PopulationRule {
    /// Every rule, in the order they are tried.
    pub const ALL: [PopulationRule; 19] = [
        PopulationRule::Label,
        PopulationRule::GroupAfter,
        PopulationRule::OfPhrase,
        PopulationRule::AmongPhrase,
        PopulationRule::AmongstPhrase,
        PopulationRule::FromPhrase,
        PopulationRule::InPhrase,
        PopulationRule::OfPhraseNoGroup,
        PopulationRule::RespectivelyPair,
        PopulationRule::VersusPair,
        PopulationRule::GroupBeforeParenthesis,
        PopulationRule::Magnitude,
        PopulationRule::GroupEarlier,
        PopulationRule::PreviousFigure,
        PopulationRule::CarriedGroup,
        PopulationRule::CarriedFigure,
        PopulationRule::NoGroup,
        PopulationRule::SharesUnit,
        PopulationRule::OutsideSentence,
    ];

    /// The rule's stable name, the start of the `evidence` of the claims it
    /// decides (downstream users filter on it: the README lists them).
    pub const fn name(self) -> &'static str {
        match self {
            PopulationRule::Label => "label before figure",
            PopulationRule::GroupAfter => "group after figure",
            PopulationRule::OfPhrase => "of-phrase after figure",
            PopulationRule::AmongPhrase => "among-phrase after figure",
            PopulationRule::AmongstPhrase => "amongst-phrase after figure",
            PopulationRule::FromPhrase => "from-phrase after figure",
            PopulationRule::InPhrase => "in-phrase after figure",
            PopulationRule::OfPhraseNoGroup => "of-phrase names no group",
            PopulationRule::RespectivelyPair => "respectively pair",
            PopulationRule::VersusPair => "vs. pair",
            PopulationRule::GroupBeforeParenthesis => "group named before parenthesis",
            PopulationRule::Magnitude => "magnitude of a quantity",
            PopulationRule::GroupEarlier => "group named earlier in sentence",
            PopulationRule::PreviousFigure => "same group as previous figure in sentence",
            PopulationRule::CarriedGroup => "carried from previous sentence",
            PopulationRule::CarriedFigure => "carried from previous sentence's figure",
            PopulationRule::NoGroup => "no group stated",
            PopulationRule::SharesUnit => "shares its unit with the next figure",
            PopulationRule::OutsideSentence => "figure outside any sentence",
        }
    }

    /// The rule whose name begins `evidence`, if one does.
    pub fn named_in(evidence: &str) -> Option<PopulationRule> {
        PopulationRule::ALL.into_iter().find(|r| r.name_begins(evidence))
    }

    /// `evidence` begins with this rule's name, followed by its end, a space,
    /// `:`, `;` or `,`.
    fn name_begins(self, evidence: &str) -> bool {
        evidence
            .strip_prefix(self.name())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', ';', ',']))
    }

    /// Applies the rule to a figure; `None` when it does not decide.
    fn apply(self, f: &Fig) -> Option<Decision> {
        match self {
            PopulationRule::Label => label(f),
            PopulationRule::GroupAfter => group_after(f),
            PopulationRule::OfPhrase => preposition_phrase(f, Preposition::Of),
            PopulationRule::AmongPhrase => preposition_phrase(f, Preposition::Among),
            PopulationRule::AmongstPhrase => preposition_phrase(f, Preposition::Amongst),
            PopulationRule::FromPhrase => preposition_phrase(f, Preposition::From),
            PopulationRule::InPhrase => preposition_phrase(f, Preposition::In),
            PopulationRule::OfPhraseNoGroup => of_phrase_no_group(f),
            PopulationRule::RespectivelyPair => pair(f, true),
            PopulationRule::VersusPair => pair(f, false),
            PopulationRule::GroupBeforeParenthesis => group_before_parenthesis(f),
            PopulationRule::Magnitude => magnitude(f),
            PopulationRule::GroupEarlier => group_earlier(f),
            PopulationRule::PreviousFigure => previous_figure(f),
            PopulationRule::CarriedGroup => carried_group(f),
            PopulationRule::CarriedFigure => carried_figure(f),
            PopulationRule::NoGroup => Some(no_group(f)),
            // Applied by the extractor, after the sentence's figures.
            PopulationRule::SharesUnit | PopulationRule::OutsideSentence => None,
        }
    }

    /// The attribution this rule makes with `population`, `phrase` and the
    /// words after its name in the evidence.
    pub(crate) fn decides(
        self,
        population: Population,
        phrase: Option<Span>,
        words: &str,
    ) -> Attribution {
        let mut evidence = String::with_capacity(self.name().len() + words.len());
        evidence.push_str(self.name());
        evidence.push_str(words);
        Attribution { population, phrase, evidence, rule: self }
    }
}

/// The population of a claim and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The population.
    pub population: Population,
    /// The words that decided it, if any.
    pub phrase: Option<Span>,
    /// The rule's name and the words that decided, for auditors.
    pub evidence: String,
    /// The rule that decided it.
    pub rule: PopulationRule,
}

/// The survey's population as stated in the article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SurveyDefault {
    /// The population of survey takers.
    pub population: Population,
    /// The sample statement it was read from.
    pub phrase: Option<Span>,
    /// How it was found.
    pub how: &'static str,
}

/// Reads the survey's population from sample statements ("a survey of 220
/// marketing and IT leaders", "the executives surveyed"), else from the
/// groups the article names.
///
/// `mentions[i]` holds the groups named in sentence `i`.
pub(crate) fn survey_default(mentions: &[Vec<Mention>]) -> SurveyDefault {
    let mut marketing = None;
    let mut it = None;
    let mut unknown = None;
    for m in mentions.iter().flatten() {
        if !m.counted && (!m.surveyed || m.object) {
            continue;
        }
        match m.group.pop {
            GroupPop::Specific(Population::Marketing) => {
                marketing.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::It) => {
                it.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::Both) => {
                marketing.get_or_insert(m.span);
                it.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::Unknown) if !m.group.organisation => {
                unknown.get_or_insert(m.span);
            }
            _ => {}
        }
    }
    let how = "survey sample";
    match (marketing, it, unknown) {
        (Some(a), Some(b), _) => SurveyDefault {
            population: Population::Both,
            phrase: Some(if a == b {
                a
            } else {
                Span::new(a.start.min(b.start), a.end.max(b.end))
            }),
            how,
        },
        (Some(a), None, _) => {
            SurveyDefault { population: Population::Marketing, phrase: Some(a), how }
        }
        (None, Some(b), _) => SurveyDefault { population: Population::It, phrase: Some(b), how },
        (None, None, Some(u)) => {
            SurveyDefault { population: Population::Unknown, phrase: Some(u), how }
        }
        (None, None, None) => {
            // No sample statement: an article that keeps naming both sides (or
            // one side) reports on them; a passing mention is not enough.
            let (mut m, mut i) = (Vec::new(), Vec::new());
            for men in
                mentions.iter().flatten().filter(|m| m.group.explicit && !m.object && !m.group.bare)
            {
                match men.group.pop {
                    GroupPop::Specific(Population::Marketing) => m.push(men.span),
                    GroupPop::Specific(Population::It) => i.push(men.span),
                    GroupPop::Specific(Population::Both) => {
                        m.push(men.span);
                        i.push(men.span);
                    }
                    _ => {}
                }
            }
            let how = "no sample stated; groups the article names";
            let found =
                |population, phrase: Span| SurveyDefault { population, phrase: Some(phrase), how };
            if !m.is_empty() && !i.is_empty() && m.len() + i.len() >= 3 {
                found(Population::Both, m[0])
            } else if m.len() >= 2 && i.is_empty() {
                found(Population::Marketing, m[0])
            } else if i.len() >= 2 && m.is_empty() {
                found(Population::It, i[0])
            } else {
                SurveyDefault {
                    population: Population::Unknown,
                    phrase: None,
                    how: "no sample stated and no group the article keeps naming",
                }
            }
        }
    }
}

/// Attributes the figures of the last sentence of `window`, which holds it
/// and up to three sentences before it (what the carrying rules read).
/// `done[i]` receives figure `i`'s attribution; `subjects[i]` is figure
/// `i`'s subject: groups named inside an earlier figure's subject do not
/// decide a later figure's population.
pub(crate) fn attribute_sentence(
    text: &str,
    window: &[Sent],
    default: &SurveyDefault,
    done: &mut [Option<Attribution>],
    subjects: &[Option<Span>],
) {
    let Some(si) = window.len().checked_sub(1) else { return };
    for (k, &(fi, ti)) in window[si].figs.iter().enumerate() {
        let fig = Fig::new(text, window, done, default, subjects, k, ti);
        let a = decide(&fig);
        done[fi] = Some(a);
    }
}

/// The first rule that decides, in [`PopulationRule::ALL`]'s order.
fn decide(f: &Fig) -> Attribution {
    for rule in PopulationRule::ALL {
        if let Some(d) = rule.apply(f) {
            return rule.decides(d.population, d.phrase, &d.words);
        }
    }
    unreachable!("the survey's population always decides")
}

/// What a rule decided: the population, the words that decided it, and the
/// evidence after the rule's name.
struct Decision {
    population: Population,
    phrase: Option<Span>,
    words: String,
}

impl Decision {
    /// `population`, decided by the words of `span`, quoted.
    fn quoting(text: &str, population: Population, span: Span) -> Decision {
        Decision { population, phrase: Some(span), words: format!(": '{}'", quote(text, span)) }
    }
}

fn phrase_of(s: &Sent, first: usize, end: usize) -> Span {
    Span::new(s.toks[first].span.start, s.toks[end - 1].span.end)
}

fn quote(text: &str, span: Span) -> String {
    let q = span.slice(text);
    if q.chars().count() > 60 {
        let cut: String = q.chars().take(57).collect();
        format!("{cut}...")
    } else {
        q.to_string()
    }
}

/// What the rules read about one figure: the article and the window of
/// sentences, and what most rules need, computed once before the first
/// rule; what two rules each share (the pair run, the carried source) is
/// computed on first use.
struct Fig<'a, 'b> {
    text: &'a str,
    /// The window; the figure's sentence is the last.
    sents: &'b [Sent<'a>],
    /// Attributions of the figures before it in the article.
    done: &'b [Option<Attribution>],
    default: &'b SurveyDefault,
    subjects: &'b [Option<Span>],
    /// The figure's sentence and its index in `sents`.
    s: &'b Sent<'a>,
    si: usize,
    /// The figure's index among the sentence's figures, and its token.
    k: usize,
    ti: usize,
    /// The parenthesis that holds the figure: (open, close) token indices.
    paren: Option<(usize, usize)>,
    /// The token after the figure, past a parenthesis restating it.
    after: usize,
    /// The preposition there, if any, and the token after it.
    preposition: Option<Preposition>,
    group_start: usize,
    /// The group phrase that starts at `group_start`.
    group: Option<Group>,
    /// The first token of the figure's qualifier ("more than"), or `ti`.
    lead: usize,
    /// A figure listed after "followed by" in the sentence's first figure's
    /// clause: the names in the list are its items, not its group.
    continues_list: bool,
    pair: OnceCell<Option<Pair>>,
    carried: OnceCell<Option<Carried<'b>>>,
}

impl<'a, 'b> Fig<'a, 'b> {
    fn new(
        text: &'a str,
        sents: &'b [Sent<'a>],
        done: &'b [Option<Attribution>],
        default: &'b SurveyDefault,
        subjects: &'b [Option<Span>],
        k: usize,
        ti: usize,
    ) -> Self {
        let si = sents.len() - 1;
        let s = &sents[si];
        let toks = &s.toks;
        let paren = enclosing_paren(toks, ti);
        let after = after_restating(toks, ti);
        let preposition =
            toks.get(after).and_then(|t| Preposition::ALL.into_iter().find(|p| t.is(p.word())));
        let group_start = after + usize::from(preposition.is_some());
        let group = if after < toks.len() {
            group_at(toks, group_start, preposition == Some(Preposition::In))
        } else {
            None
        };
        let continues_list = k > 0
            && paren.is_some_and(|(open, _)| {
                s.figs[0].1 < open && toks[s.figs[0].1..open].iter().any(|t| t.is("followed"))
            });
        Fig {
            text,
            sents,
            done,
            default,
            subjects,
            s,
            si,
            k,
            ti,
            paren,
            after,
            preposition,
            group_start,
            group,
            lead: lead_in(toks, ti),
            continues_list,
            pair: OnceCell::new(),
            carried: OnceCell::new(),
        }
    }

    fn toks(&self) -> &'b [Token<'a>] {
        &self.s.toks
    }
}

/// A preposition that opens the group after a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Preposition {
    Of,
    Among,
    Amongst,
    From,
    In,
}

impl Preposition {
    const ALL: [Preposition; 5] = [
        Preposition::Of,
        Preposition::Among,
        Preposition::Amongst,
        Preposition::From,
        Preposition::In,
    ];

    fn word(self) -> &'static str {
        match self {
            Preposition::Of => "of",
            Preposition::Among => "among",
            Preposition::Amongst => "amongst",
            Preposition::From => "from",
            Preposition::In => "in",
        }
    }
}

/// `label before figure`: "(marketing: 62%; IT: 75%)".
fn label(f: &Fig) -> Option<Decision> {
    let (toks, ti) = (f.toks(), f.ti);
    if f.paren.is_some()
        && ti >= 2
        && toks[ti - 1].is_punct(":")
        && let Some(p) = side_of(&toks[ti - 2])
    {
        let words = format!(": '{}:'", toks[ti - 2].text);
        return Some(Decision { population: p, phrase: Some(toks[ti - 2].span), words });
    }
    None
}

/// The decision for group `g` after the figure: its population, or, for a
/// generic group, the topic's or the survey's.
fn group_decision(f: &Fig, g: Group) -> Decision {
    let span = phrase_of(f.s, g.first, g.end);
    match g.pop {
        GroupPop::Specific(p) => Decision::quoting(f.text, p, span),
        GroupPop::Generic => generic(f, span),
    }
}

/// `group after figure`: "9 in 10 marketing executives", right after it.
fn group_after(f: &Fig) -> Option<Decision> {
    let g = f.group.filter(|_| f.preposition.is_none())?;
    if !(g.explicit || g.pop == GroupPop::Generic) || g.bare || f.after != f.ti + 1 {
        return None;
    }
    Some(group_decision(f, g))
}

/// `of-phrase after figure` and its siblings: "45% of CIOs", "(81% in
/// marketing)"; "of those surveyed" is generic.
fn preposition_phrase(f: &Fig, preposition: Preposition) -> Option<Decision> {
    if f.preposition != Some(preposition) {
        return None;
    }
    let Some(g) = f.group else {
        let toks = f.toks();
        let start = f.group_start;
        if preposition == Preposition::Of
            && toks.get(start).is_some_and(|t| t.is("those"))
            && toks
                .get(start + 1)
                .is_some_and(|t| t.is("surveyed") || t.is("polled") || t.is("questioned"))
        {
            return Some(generic(f, phrase_of(f.s, start, start + 2)));
        }
        return None;
    };
    if preposition == Preposition::In && !g.explicit {
        return None;
    }
    Some(group_decision(f, g))
}

/// `of-phrase names no group`: "25% of their budget", up to four words.
fn of_phrase_no_group(f: &Fig) -> Option<Decision> {
    if f.preposition != Some(Preposition::Of) || f.group.is_some() {
        return None;
    }
    let (toks, start) = (f.toks(), f.group_start);
    let next = toks.get(start)?;
    if ["them", "those", "these", "us", "you", "which", "whom", "it", "all", "each"]
        .iter()
        .any(|w| next.is(w))
        || !next.is_word()
    {
        return None;
    }
    let end = (start..toks.len().min(start + 4)).take_while(|&j| toks[j].is_word()).last()? + 1;
    Some(Decision::quoting(f.text, Population::Unknown, phrase_of(f.s, start, end)))
}

/// A generic group ("respondents") at `span`: the sentence's topic, else
/// the survey's population.
fn generic(f: &Fig, span: Span) -> Decision {
    let (text, s, default) = (f.text, f.s, f.default);
    let here = s.toks[f.ti].span.start;
    let topic: Option<&Mention> = s.mentions.iter().rev().find(|m| {
        m.span.end <= here
            && m.topic
            && m.group.explicit
            && !m.counted
            && fronted(&s.toks, m.group.first, m.group.end)
    });
    if let Some(m) = topic
        && let GroupPop::Specific(p) = m.group.pop
    {
        let words = format!(
            ": '{}' read as the sentence's topic '{}'",
            quote(text, span),
            quote(text, m.span)
        );
        return Decision { population: p, phrase: Some(m.span), words };
    }
    Decision {
        population: default.population,
        phrase: default.phrase.or(Some(span)),
        words: format!(": '{}' of the survey ({})", quote(text, span), default.how),
    }
}

/// The run of figures joined by connectors ("and", "vs.", ",") that holds
/// the figure, when it is a pair: token indices.
#[derive(Debug, Clone, Copy)]
struct Pair {
    /// The first and the last figure of the run.
    first: usize,
    last: usize,
    /// The figure's place in the run, and the run's length.
    idx: usize,
    n: usize,
    /// "respectively" follows the run.
    respectively: bool,
    /// "vs." joins it, or one parenthesis holds it.
    versus_or_parenthesis: bool,
}

impl Fig<'_, '_> {
    fn pair(&self) -> Option<Pair> {
        *self.pair.get_or_init(|| pair_run(self.toks(), self.ti))
    }
}

fn pair_run(toks: &[Token], ti: usize) -> Option<Pair> {
    let connector = |t: &Token| {
        t.is("vs.")
            || t.is("vs")
            || t.is("versus")
            || t.is("and")
            || t.is("an")
            || t.is("a")
            || t.is_punct(",")
            || t.is_punct(";")
            || t.is("to")
    };
    let mut first = ti;
    while let Some(prev_fig) = (0..first).rev().find(|&j| toks[j].figure().is_some()) {
        if prev_fig + 1 < first
            && toks[prev_fig + 1..first].iter().all(connector)
            && first - prev_fig <= 3
        {
            first = prev_fig;
        } else {
            break;
        }
    }
    let mut last = ti;
    while let Some(next_fig) = (last + 1..toks.len()).find(|&j| toks[j].figure().is_some()) {
        if next_fig > last + 1
            && toks[last + 1..next_fig].iter().all(connector)
            && next_fig - last <= 3
        {
            last = next_fig;
        } else {
            break;
        }
    }
    let run: Vec<usize> = (first..=last).filter(|&j| toks[j].figure().is_some()).collect();
    if run.len() < 2 {
        return None;
    }
    let idx = run.iter().position(|&j| j == ti)?;
    let respectively =
        toks[last + 1..toks.len().min(last + 5)].iter().any(|t| t.is("respectively"));
    let versus = toks[first..last].iter().any(|t| t.is("vs.") || t.is("vs") || t.is("versus"));
    let in_paren = enclosing_paren(toks, first).is_some_and(|(_, c)| c > last);
    Some(Pair {
        first,
        last,
        idx,
        n: run.len(),
        respectively,
        versus_or_parenthesis: versus || in_paren,
    })
}

/// `respectively pair` (`respectively`) and `vs. pair`: figures in a pair
/// take their order from the sides named before them ("respectively" also
/// from the previous sentence's figures).
fn pair(f: &Fig, respectively: bool) -> Option<Decision> {
    let run = f.pair()?;
    let applies = if respectively {
        run.respectively
    } else {
        !run.respectively && run.versus_or_parenthesis
    };
    if !applies {
        return None;
    }
    let (text, toks) = (f.text, f.toks());
    let Pair { first, idx, n, .. } = run;
    debug_assert!(run.last >= first);
    // Sides named before the run, in order of first mention, skipping earlier figure parentheses.
    let mut order: Vec<(Population, Span)> = Vec::new();
    let mut j = 0;
    while j < first {
        if toks[j].is_punct("(")
            && let Some(c) = paren_with_figure(toks, j)
        {
            j = c + 1;
            continue;
        }
        if let Some(p) = side_of(&toks[j])
            && !order.iter().any(|(q, _)| *q == p)
        {
            order.push((p, toks[j].span));
        }
        j += 1;
    }
    let pos = |i: usize| match i {
        0 => "1st".to_string(),
        1 => "2nd".to_string(),
        2 => "3rd".to_string(),
        i => format!("{}th", i + 1),
    };
    if order.len() >= n {
        let (p, span) = order[idx];
        let names: Vec<&str> = order.iter().map(|(_, s)| s.slice(text)).collect();
        let words = format!(", {} of {n}: order from '{}'", pos(idx), names.join(" ... "));
        return Some(Decision { population: p, phrase: Some(span), words });
    }
    if order.len() == 1 && n == 2 {
        let (p, span) = order[0];
        let p = if idx == 0 { p } else { p.other()? };
        let words =
            format!(", {} of 2: first is '{}', second the other group", pos(idx), span.slice(text));
        return Some(Decision { population: p, phrase: Some(span), words });
    }
    if respectively && order.is_empty() {
        // "These numbers represent a 16% and an 8% increase, respectively": the previous sentence's figures.
        let prev = f.si.checked_sub(1).map(|i| &f.sents[i])?;
        let pops: Vec<&Attribution> =
            prev.figs.iter().filter_map(|&(fi, _)| f.done[fi].as_ref()).collect();
        if pops.len() == n && (1..n).all(|i| pops[i].population != pops[i - 1].population) {
            let a = pops[idx];
            let words = format!(", {} of {n}: order of the previous sentence's figures", pos(idx));
            return Some(Decision { population: a.population, phrase: a.phrase, words });
        }
    }
    None
}

/// `group named before parenthesis`: "CMOs (52%) and CIOs (53%)".
fn group_before_parenthesis(f: &Fig) -> Option<Decision> {
    let (open, _) = f.paren?;
    let (toks, ti) = (f.toks(), f.ti);
    let first_in_paren = toks[open + 1..ti].iter().all(|t| t.figure().is_none());
    if !first_in_paren || f.continues_list {
        return None;
    }
    let before = &toks[..open];
    let g =
        (open.saturating_sub(8)..open).filter_map(|st| group_at(before, st, true)).find(|g| {
            g.end == open
                && g.explicit
                && (!g.bare || bare_sample_word(toks, g.first))
                && toks[g.first..g.end].iter().all(|t| t.figure().is_none())
        })?;
    let GroupPop::Specific(p) = g.pop else { return None };
    Some(Decision::quoting(f.text, p, phrase_of(f.s, g.first, g.end)))
}

/// `magnitude of a quantity`: "profit growth of over 5%" is nobody's.
fn magnitude(f: &Fig) -> Option<Decision> {
    let (toks, li) = (f.toks(), f.lead);
    if li >= 2
        && toks[li - 1].is("of")
        && toks[li - 2].is_word()
        && group_at(toks, li - 2, false).is_none()
        && side_of(&toks[li - 2]).is_none()
    {
        let span = Span::new(toks[li - 2].span.start, toks[li - 1].span.end);
        return Some(Decision::quoting(f.text, Population::Unknown, span));
    }
    None
}

/// `group named earlier in sentence`: the nearest group named after the
/// previous figure, not as an object, outside the subjects of earlier figures.
fn group_earlier(f: &Fig) -> Option<Decision> {
    if f.continues_list {
        return None;
    }
    let (s, k) = (f.s, f.k);
    let from = if k > 0 { s.toks[s.figs[k - 1].1].span.end } else { s.sentence.span.start };
    let here = s.toks[f.ti].span.start;
    let m = s.mentions.iter().rev().find(|m| {
        m.span.start >= from
            && m.span.end <= here
            && !m.object
            && !m.counted
            && (m.group.explicit || m.group.pop == GroupPop::Generic)
            && !s.figs[..k].iter().any(|&(fi, _)| {
                f.subjects[fi].is_some_and(|sub| sub.contains(m.span))
                    || f.done[fi]
                        .as_ref()
                        .is_some_and(|a| a.phrase.is_some_and(|p| p.contains(m.span)))
            })
    })?;
    Some(match m.group.pop {
        GroupPop::Specific(p) => Decision::quoting(f.text, p, m.span),
        GroupPop::Generic => generic(f, m.span),
    })
}

/// `same group as previous figure in sentence`.
fn previous_figure(f: &Fig) -> Option<Decision> {
    let (pf, pti) = f.s.figs[f.k.checked_sub(1)?];
    let prev = f.done[pf].as_ref()?;
    let words = format!(" '{}'", f.toks()[pti].text);
    Some(Decision { population: prev.population, phrase: prev.phrase, words })
}

/// What the previous sentences of the paragraph carry to the figure: the
/// last group named after their last figure, or that figure's attribution.
#[derive(Debug, Clone, Copy)]
enum Carried<'b> {
    Group(Population, Span),
    Figure(&'b Attribution),
}

impl<'b> Fig<'_, 'b> {
    fn carried(&self) -> Option<Carried<'b>> {
        *self.carried.get_or_init(|| {
            let (sents, done) = (self.sents, self.done);
            let para = self.s.sentence.paragraph;
            for back in 1..=3 {
                let prev = &sents[self.si.checked_sub(back)?];
                if prev.sentence.paragraph != para {
                    return None;
                }
                let last_fig = prev
                    .figs
                    .last()
                    .and_then(|&(fi, ti)| done[fi].as_ref().map(|a| (prev.toks[ti].span.end, a)));
                let last_mention = prev
                    .mentions
                    .iter()
                    .rev()
                    .find(|m| !m.object && !m.counted && m.group.explicit);
                let pick_mention = match (last_fig, last_mention) {
                    (Some((fe, _)), Some(m)) => m.span.start > fe,
                    (None, Some(_)) => true,
                    _ => false,
                };
                if pick_mention {
                    let m = last_mention.expect("picked");
                    if let GroupPop::Specific(p) = m.group.pop {
                        return Some(Carried::Group(p, m.span));
                    }
                } else if let Some((_, a)) = last_fig {
                    return Some(Carried::Figure(a));
                }
            }
            None
        })
    }
}

/// `carried from previous sentence`: "Marketers are upbeat. Fully 64% ...".
fn carried_group(f: &Fig) -> Option<Decision> {
    match f.carried()? {
        Carried::Group(p, span) => Some(Decision::quoting(f.text, p, span)),
        Carried::Figure(_) => None,
    }
}

/// `carried from previous sentence's figure`, with its evidence in parentheses.
fn carried_figure(f: &Fig) -> Option<Decision> {
    match f.carried()? {
        Carried::Figure(a) => Some(Decision {
            population: a.population,
            phrase: a.phrase,
            words: format!(" ({})", a.evidence),
        }),
        Carried::Group(..) => None,
    }
}

/// `no group stated`: the survey's population, and how it was found.
fn no_group(f: &Fig) -> Decision {
    let d = f.default;
    Decision { population: d.population, phrase: d.phrase, words: format!("; {}", d.how) }
}

/// The parenthesis holding token `ti`: (open, close) token indices.
fn enclosing_paren(toks: &[Token], ti: usize) -> Option<(usize, usize)> {
    let mut open = None;
    for k in (ti.saturating_sub(16)..ti).rev() {
        if toks[k].is_punct(")") {
            return None;
        }
        if toks[k].is_punct("(") {
            open = Some(k);
            break;
        }
    }
    let open = open?;
    let close = (ti + 1..toks.len().min(ti + 16)).find(|&k| toks[k].is_punct(")"))?;
    if toks[ti + 1..close].iter().any(|t| t.is_punct("(")) {
        return None;
    }
    Some((open, close))
}

/// A topic phrase that opens its clause and is closed by a comma: "For CMOs,
/// ...", "On the CIO side, ...".
fn fronted(toks: &[Token], first: usize, end: usize) -> bool {
    let mut start = first;
    while start > 0
        && (toks[start - 1].is("the")
            || toks[start - 1].is("for")
            || toks[start - 1].is("among")
            || toks[start - 1].is("on")
            || toks[start - 1].is("amongst"))
    {
        start -= 1;
    }
    let opens = start == 0
        || toks[start - 1].is_punct(",")
        || toks[start - 1].is_punct(";")
        || toks[start - 1].is_punct(":")
        || toks[start - 1].is("and")
        || toks[start - 1].is("but")
        || toks[start - 1].is("while");
    opens && toks.get(end).is_some_and(|t| t.is_punct(","))
}

/// A department word standing for a sample share: "220 Marketing (42% share)
/// and IT (58%) leaders", not "use of technology (28%)".
fn bare_sample_word(toks: &[Token], at: usize) -> bool {
    let word = &toks[at];
    let department = word.text == "IT" || word.is("marketing");
    let prev_ok = at == 0
        || toks[at - 1].kind == TokKind::Number
        || toks[at - 1].is("and")
        || toks[at - 1].is_punct(",")
        || toks[at - 1].is_punct("(");
    department && prev_ok
}

#[cfg(test)]
mod tests {
    use super::PopulationRule;
    use super::PopulationRule::{self as R, *};
    use crate::lang::extract::extract_article;
    use crate::lang::lexicon::Population::{self, *};

    /// (case, article text, figure, expected population, the rule that decides)
    type Case = (&'static str, &'static str, &'static str, Population, PopulationRule);

    const CASES: &[Case] = &[
        (
            "label in parenthesis",
            "Both sides value speed (marketing: 61%; IT: 48%).",
            "48%",
            It,
            Label,
        ),
        (
            "group right after a ratio",
            "Four in 10 technology executives disagree.",
            "Four in 10",
            It,
            GroupAfter,
        ),
        ("of-phrase", "Some 44% of CIOs expect cuts.", "44%", It, OfPhrase),
        ("of-phrase, marketing", "Only 17% of marketers agree.", "17%", Marketing, OfPhrase),
        (
            "of-phrase, coordinated roles",
            "About 12% of CMOs and CIOs meet weekly.",
            "12%",
            Both,
            OfPhrase,
        ),
        ("of-phrase, organisation", "Just 40% of firms have a budget.", "40%", Unknown, OfPhrase),
        ("of-phrase, third group", "Roughly 30% of CEOs sign off.", "30%", Unknown, OfPhrase),
        ("restating parenthesis", "Half (52%) of IT managers say so.", "52%", It, OfPhrase),
        ("among-phrase", "Support is strong: 45% among CIOs agree.", "45%", It, AmongPhrase),
        ("amongst-phrase", "Some 30% amongst marketers say so.", "30%", Marketing, AmongstPhrase),
        ("from-phrase", "About 20% from IT leaders said yes.", "20%", It, FromPhrase),
        (
            "in-phrase breakdown",
            "We asked 90 executives (70% in marketing, 30% in IT).",
            "30%",
            It,
            InPhrase,
        ),
        (
            "of-phrase names a thing",
            "They spend 25% of their budget on ads.",
            "25%",
            Unknown,
            OfPhraseNoGroup,
        ),
        (
            "respectively pair",
            "Marketing and IT chiefs want speed (71% and 55%, respectively).",
            "55%",
            It,
            RespectivelyPair,
        ),
        (
            "respectively from previous sentence",
            "Most CMOs (60%) and CIOs (45%) plan hires. That is a 10% and a 5% rise, respectively.",
            "5%",
            It,
            RespectivelyPair,
        ),
        (
            "vs. pair ordered by sides",
            "For IT staff, cost matters more than for marketing staff (61% vs. 42%).",
            "42%",
            Marketing,
            VersusPair,
        ),
        (
            "vs. pair with one side named",
            "IT teams worry more about risk (48% vs. 30%).",
            "30%",
            Marketing,
            VersusPair,
        ),
        (
            "group before parenthesis",
            "Budgets rose for CMOs (58%) and CIOs (41%).",
            "41%",
            It,
            GroupBeforeParenthesis,
        ),
        (
            "sample share",
            "We polled 200 Marketing (40% share) and IT (60%) leaders.",
            "40%",
            Marketing,
            GroupBeforeParenthesis,
        ),
        (
            "second sample share does not reach over the first",
            "We polled 200 Marketing (40% share) and IT (60%) leaders.",
            "60%",
            It,
            GroupBeforeParenthesis,
        ),
        ("magnitude", "CIOs reported margin growth of over 6%.", "6%", Unknown, Magnitude),
        (
            "group named earlier in sentence",
            "On the CMO side, 33% plan to hire.",
            "33%",
            Marketing,
            GroupEarlier,
        ),
        (
            "previous figure in sentence",
            "Some 41% of CMOs want data, and 22% want speed.",
            "22%",
            Marketing,
            PreviousFigure,
        ),
        (
            "list after followed by keeps the first figure's group",
            "Owners lead at 30% of firms, followed by CIOs (20%).",
            "20%",
            Unknown,
            PreviousFigure,
        ),
        (
            "list items after followed by are not groups",
            "Owners lead at 30% of firms, followed by CEOs (20%), CIOs or CTOs (15%).",
            "15%",
            Unknown,
            PreviousFigure,
        ),
        (
            "mention inside an earlier subject",
            "In 2021, 30% of marketers say that CMOs and CIOs are partners, and the share dropped to 12% in 2022.",
            "12%",
            Marketing,
            PreviousFigure,
        ),
        (
            "carried from previous sentence",
            "Marketers are upbeat. Fully 64% expect growth.",
            "64%",
            Marketing,
            CarriedGroup,
        ),
        (
            "carried from the previous sentence's figure",
            "Among CIOs, 40% want data. Another 20% want speed.",
            "20%",
            It,
            CarriedFigure,
        ),
        (
            "object group does not decide",
            "A survey of 100 CMOs and 100 CIOs. They told us that, compared with CIOs, 20% wanted more.",
            "20%",
            Both,
            NoGroup,
        ),
        (
            "not carried across paragraphs",
            "Marketers are upbeat.\n\nA survey of 80 CIOs and 90 CMOs found 64% expect growth.",
            "64%",
            Both,
            NoGroup,
        ),
        (
            "no sample: a passing mention is not enough",
            "The CIO of Acme spoke.\n\nPrices rose 5% this year.",
            "5%",
            Unknown,
            NoGroup,
        ),
        (
            "no sample: an article that keeps naming both sides",
            "CMOs want speed. CIOs want control. Marketing leaders agree.\n\nOverall, 40% see progress.",
            "40%",
            Both,
            NoGroup,
        ),
        (
            "generic group takes the fronted topic",
            "For CIOs, the top worry is cost, according to 52% of respondents.",
            "52%",
            It,
            OfPhrase,
        ),
        (
            "generic group takes the survey sample",
            "We surveyed 120 marketing and IT leaders. Of them, 38% of respondents want change.",
            "38%",
            Both,
            OfPhrase,
        ),
        (
            "survey of one side",
            "A poll of 300 CMOs was run. Overall, 47% of respondents plan cuts.",
            "47%",
            Marketing,
            OfPhrase,
        ),
        (
            "topic must be fronted",
            "It is a priority for CMOs to hire, yet only 15% of surveyed execs do. The study polled 50 CMOs and 50 CIOs.",
            "15%",
            Both,
            OfPhrase,
        ),
        (
            "shared unit borrows its partner",
            "Between 15 and 20 percent of CIOs agree.",
            "15",
            It,
            SharesUnit,
        ),
    ];

    /// The claim of `figure` in `text`.
    fn claim_of(name: &str, text: &str, figure: &str) -> crate::lang::extract::Claim {
        extract_article(text)
            .into_iter()
            .find(|c| c.figure.span.slice(text) == figure)
            .unwrap_or_else(|| panic!("case {name:?}: figure {figure:?} not found"))
    }

    #[test]
    fn attribution_rules() {
        for &(name, text, figure, want, rule) in CASES {
            let a = claim_of(name, text, figure).attribution;
            assert_eq!(a.rule, rule, "case {name:?}: evidence {:?}", a.evidence);
            assert_eq!(a.population, want, "case {name:?}: evidence {:?}", a.evidence);
            if let Some(p) = a.phrase {
                assert!(
                    p.end <= text.len() && text.is_char_boundary(p.start),
                    "case {name:?}: phrase span"
                );
            }
        }
    }

    /// Every rule that decides in sentences has a case (the extractor's own
    /// two: figures outside any sentence, tested in extract.rs, and shared units).
    #[test]
    fn every_rule_has_a_case() {
        for rule in R::ALL {
            assert!(
                rule == OutsideSentence || CASES.iter().any(|c| c.4 == rule),
                "no case for {rule:?}"
            );
        }
    }

    /// (case, text, figure, the whole evidence): the rule's name, then the
    /// words that decided, quoted; a generic group says how it was resolved.
    const EVIDENCE: &[(&str, &str, &str, &str)] = &[
        ("of-phrase", "Some 44% of CIOs expect cuts.", "44%", "of-phrase after figure: 'CIOs'"),
        (
            "generic group, topic",
            "For CIOs, the top worry is cost, according to 52% of respondents.",
            "52%",
            "of-phrase after figure: 'respondents' read as the sentence's topic 'CIOs'",
        ),
        (
            "generic group named earlier, survey",
            "A poll of 300 CMOs was run. Overall, most respondents (47%) plan cuts.",
            "47%",
            "group named earlier in sentence: 'most respondents' of the survey (survey sample)",
        ),
        (
            "pair",
            "Marketing and IT chiefs want speed (71% and 55%, respectively).",
            "55%",
            "respectively pair, 2nd of 2: order from 'Marketing ... IT'",
        ),
        (
            "previous figure",
            "Some 41% of CMOs want data, and 22% want speed.",
            "22%",
            "same group as previous figure in sentence '41%'",
        ),
        (
            "shared unit wraps its partner's",
            "Between 15 and 20 percent of CIOs agree.",
            "15",
            "shares its unit with the next figure (of-phrase after figure: 'CIOs')",
        ),
        (
            "survey",
            "A survey of 100 CMOs and 100 CIOs. They told us that, compared with CIOs, 20% wanted more.",
            "20%",
            "no group stated; survey sample",
        ),
    ];

    #[test]
    fn evidence_is_the_rules_name_and_the_words_that_decided() {
        for (name, text, figure, want) in EVIDENCE {
            assert_eq!(claim_of(name, text, figure).attribution.evidence, *want, "case {name:?}");
        }
    }

    /// The evidence of every claim names the rule that decided it, and no
    /// other: on every case here, the gold and dev sets, and the corpora.
    #[test]
    fn evidence_names_the_rule_that_fired() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = CASES.iter().map(|c| c.1.to_string()).collect();
        let mut files = crate::io::corpus::test_corpora().unwrap_or_default();
        for set in ["gold", "dev"] {
            for e in std::fs::read_dir(root.join("tests/data").join(set).join("corpus")).unwrap() {
                files.push(e.unwrap().path());
            }
        }
        for f in &files {
            texts.push(String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned());
        }
        let mut fired = std::collections::HashSet::new();
        for text in &texts {
            for c in extract_article(text) {
                let a = &c.attribution;
                assert_eq!(R::named_in(&a.evidence), Some(a.rule), "evidence {:?}", a.evidence);
                fired.insert(a.rule);
            }
        }
        assert!(fired.len() >= 12, "only {} rules fired: {fired:?}", fired.len());
    }

    /// No rule's name is read as another's, with whatever follows it.
    #[test]
    fn rule_names_are_told_apart() {
        for rule in R::ALL {
            for tail in ["", ": 'x'", "; x", ", x", " 'x'", " (x)"] {
                let evidence = format!("{}{tail}", rule.name());
                let named: Vec<PopulationRule> =
                    R::ALL.into_iter().filter(|r| r.name_begins(&evidence)).collect();
                assert_eq!(named, [rule], "{evidence:?}");
            }
        }
    }

    /// The numbered list of the module doc names the rules in the enum's order.
    #[test]
    fn module_doc_lists_the_rules_in_order() {
        let listed: Vec<&str> = include_str!("attribute.rs")
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .filter_map(|l| {
                let item = l.trim_start_matches("//!").trim_start();
                let (number, rest) = item.split_once(". `")?;
                number.parse::<usize>().ok()?;
                rest.split_once('`').map(|(name, _)| name)
            })
            .collect();
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }

    /// The README's table of rule names lists them all, in order.
    #[test]
    fn readme_lists_the_rules_in_order() {
        let readme = include_str!("../../README.md");
        let table = readme
            .split_once("| rule (`evidence` starts with) |")
            .expect("the README has the table of rules")
            .1;
        let listed: Vec<&str> = table
            .lines()
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| l.split('`').nth(1))
            .collect();
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }
}
