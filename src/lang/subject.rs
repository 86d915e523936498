//! Subject phrases: what each figure is about.
//!
//! Each rule is a named value of [`SubjectRule`] with one function. A
//! figure is in a parenthesis, followed by a group ("of CIOs"), or neither,
//! and only the rules of its shape apply; they are tried in this order, and
//! the first that decides wins (a test checks this list against the enum):
//!
//! 1. `restating figure`: "Half (51%) of ...": 51% takes half's subject;
//! 2. `list in parenthesis`: "(58% vs. 35%)": 35% takes 58%'s;
//! 3. `sample share`: "(42% share)", "(81% in marketing, ...)": the
//!    sample's head noun;
//! 4. `noun phrase before parenthesis`: "data quality (31%)", back to the
//!    clause boundary or verb before it, unless it names people;
//! 5. `cleft`: "it was security that the most respondents (45%) named";
//! 6. `passive subject`: "X was cited as a top hurdle by CMOs (52%)";
//! 7. `clause after groups`: "For most CMOs (52%) and CIOs (47%), X";
//! 8. `clause before share`: "X at 34% of companies";
//! 9. `clause after share`: "in 20% of businesses, X";
//! 10. `predicate of share`: "N% of companies X", or the previous figure's
//!     subject when nothing follows;
//! 11. `predicate after group`: "N% of GROUP PREDICATE", to the end of its
//!     clause; coordinated groups share it ("70% of A and 59% of B said");
//! 12. `cited by`: "X was cited by N% of respondents";
//! 13. `clause before`: "X, according to N% of respondents";
//! 14. `change`: "a change from N% to M%": the clause that changed;
//! 15. `change verb`: "Sales rose 12%";
//! 16. `range`: "between 23% and 32%": 32% takes 23%'s subject;
//! 17. `noun before preposition`: "NOUN of / between / for N%";
//! 18. `predicate after figure`: "15% are ready for the change";
//! 19. `previous figure's subject`: when no other rule decides.
//!
//! The extractor applies one more, after these:
//!
//! 20. `shares its unit with the next figure`: the first number of "15 and
//!     20 percent" takes the next figure's subject.

use crate::lang::analysis::{Sent, after_restating, lead_in};
use crate::lang::groups::{GroupPop, group_at, paren_with_figure, side_of};
use crate::lang::tokens::Token;
use crate::span::Span;
use std::cell::OnceCell;

/// Words at which a backward search for a noun phrase stops (verbs and
/// complementisers that open the phrase).
const BACK_STOPS: &[&str] = &[
    "include", "includes", "included", "including", "see", "sees", "saw", "rate", "rates", "rated",
    "say", "says", "said", "cite", "cites", "cited", "indicate", "indicates", "indicated",
    "consider", "considers", "considered", "describe", "describes", "described", "pointing",
    "point", "points", "are", "is", "was", "were", "be", "been", "being", "than", "by", "received",
    "receive", "receives", "followed", "about", "rank", "ranks", "ranked", "think", "thinks",
    "thought", "believe", "believes", "believed", "placed", "named", "chose", "chosen", "selected",
    "report", "reports", "reported", "which", "likely", "unlikely", "where", "show", "shows",
    "showed", "found", "finds", "suggest", "suggests", "reveal", "reveals", "revealed", "when",
    "while", "whereas", "because", "if", "agree", "agrees", "feel", "feels", "want", "wants",
    "involve", "involves", "includes", "according", "versus", "vs.", "vs", "among", "like",
    "namely", "especially", "particularly", "mainly",
];
/// Words stripped from either end of a subject.
const EDGE_WORDS: &[&str] = &[
    "and", "or", "but", "also", "only", "just", "such", "as", "like", "these", "those", "which",
    "while", "whereas", "with", "of", "for", "by", "at", "between", "over", "more", "than", "less",
    "fewer", "about", "nearly", "almost", "around", "roughly", "some", "up", "to", "from", "in",
    "on", "approximately", "slightly", "least", "most", "a", "an", "the", "who", "that", "then",
    "so", "yet", "even", "still", "this", "year", "last", "next", "respectively",
];
/// Verbs of change: "sales rose 12%".
const CHANGE_VERBS: &[&str] = &[
    "rose", "rise", "rises", "risen", "fell", "fall", "falls", "fallen", "grew", "grow", "grows",
    "grown", "increased", "increase", "increases", "decreased", "decrease", "decreases",
    "declined", "decline", "declines", "jumped", "jumps", "climbed", "climbs", "dropped", "drops",
    "slipped", "slips", "gained", "gains", "lost", "loses", "surged", "soared", "plunged",
    "tumbled", "slumped", "eased", "edged", "advanced", "shrank", "expanded", "cut", "raised",
    "lowered", "up", "down",
];
/// Words that end a predicate when a figure follows soon after.
const CLAUSE_JOINERS: &[&str] = &[
    "and", "but", "while", "whereas", "compared", "versus", "vs.", "vs", "or", "yet", "with",
    "than", "up", "down", "from",
];

fn boundary(t: &Token) -> bool {
    t.figure().is_some()
        || matches!(
            t.text,
            "," | ";" | ":" | "–" | "—" | "(" | ")" | "\"" | "“" | "”" | "[" | "]" | "•" | "|"
        )
        || t.text == "-" && t.kind == crate::lang::tokens::TokKind::Punct
}

fn in_list(t: &Token, list: &[&str]) -> bool {
    t.is_word() && list.iter().any(|w| t.is(w))
}

/// Trims edge words and edge punctuation from `[a, b)`; None when empty.
fn trim(toks: &[Token], mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    while a < b
        && (in_list(&toks[a], EDGE_WORDS)
            && !toks[a].is("a")
            && !toks[a].is("an")
            && !toks[a].is("the")
            || boundary(&toks[a])
            || toks[a].is_punct(".")
            || toks[a].is_punct("'")
            || toks[a].is_punct("‘"))
    {
        a += 1;
    }
    while b > a
        && (in_list(&toks[b - 1], EDGE_WORDS)
            || boundary(&toks[b - 1])
            || toks[b - 1].is_punct(".")
            || toks[b - 1].is_punct("’")
            || toks[b - 1].is_punct("'"))
    {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// The noun phrase ending at token `end` (exclusive), back to a boundary.
fn backward(toks: &[Token], end: usize, min: usize) -> Option<(usize, usize)> {
    let mut j = end;
    let quote = |t: &Token| matches!(t.text, "\"" | "“" | "”");
    while j > min
        && (!boundary(&toks[j - 1]) || quote(&toks[j - 1]))
        && !in_list(&toks[j - 1], BACK_STOPS)
    {
        j -= 1;
    }
    // "more likely than IT executives to prioritize security (55% vs. 29%)":
    // the comparison's group is not the subject.
    if let Some(g) =
        group_at(&toks[..end], j, false).filter(|g| g.end < end && toks[g.end].is("to"))
    {
        j = g.end + 1;
    }
    // Back at the sentence start with no verb found: "Others blame a culture
    // that punishes risk (22%)": the object starts at its determiner.
    if j == 0
        && end > 3
        && let Some(d) = (2..end).find(|&k| in_list(&toks[k], &["a", "an", "the", "their", "its"]))
    {
        j = d;
    }
    trim(toks, j, end)
}

/// The predicate starting at token `start`, to the end of its clause.
fn forward(toks: &[Token], start: usize) -> Option<(usize, usize)> {
    let mut a = start;
    // Time adverbials right after the figure: "92% this year describe".
    while a + 1 < toks.len()
        && (toks[a].is("this") || toks[a].is("last"))
        && (toks[a + 1].is("year") || toks[a + 1].is("month") || toks[a + 1].is("week"))
    {
        a += 2;
    }
    if toks.get(a).is_some_and(|t| t.is("who")) {
        a += 1;
    }
    let mut b = a;
    while b < toks.len() {
        let t = &toks[b];
        if boundary(t) {
            break;
        }
        if in_list(t, CLAUSE_JOINERS)
            && toks[b + 1..toks.len().min(b + 5)].iter().any(|n| n.figure().is_some())
        {
            break;
        }
        if t.is("according") {
            break;
        }
        b += 1;
    }
    trim(toks, a, b)
}

/// The end of the group that follows figure `ti` ("of CIOs", "of IT
/// respondents", "(51%) of ..."), and whether it named people.
fn group_end(toks: &[Token], ti: usize) -> Option<(usize, usize, bool)> {
    let k = after_restating(toks, ti);
    let t = toks.get(k)?;
    let via = ["of", "among", "amongst", "from", "in", "at"].iter().find(|p| t.is(p)).copied();
    let start = if via.is_some() { k + 1 } else { k };
    let g = group_at(toks, start, via == Some("in"));
    match g {
        Some(g) if via.is_some() || g.explicit || g.pop == GroupPop::Generic => {
            Some((start, g.end, !g.organisation))
        }
        _ if via == Some("of") => {
            // "of global marketing budget": a thing, not a group.
            let end = (start..toks.len())
                .take_while(|&j| toks[j].is_word() && !in_list(&toks[j], BACK_STOPS))
                .last()?
                + 1;
            Some((start, end.min(start + 4), false))
        }
        _ => None,
    }
}

/// A rule that finds a figure's subject. Tried in this order; each applies
/// only to a figure of its shape (in a parenthesis, followed by a group, or
/// neither), and the first that decides wins (its subject may be none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectRule {
    /// A figure restating the one right before its parenthesis: its subject.
    RestatingFigure,
    /// A figure after another in the same parenthesis: its subject.
    ListInParenthesis,
    /// A sample share, "(42% share)", "(81% in marketing, ...)": the
    /// sample's head noun.
    SampleShare,
    /// The noun phrase the parenthesis qualifies.
    ParenthesisNoun,
    /// "it was X that ... (N%)": X.
    Cleft,
    /// "X was cited ... by GROUP (N%)": X.
    PassiveSubject,
    /// "For most CMOs (52%) and CIOs (47%), X": X.
    ClauseAfterGroups,
    /// "X at 34% of companies": X.
    ClauseBeforeShare,
    /// "In 20% of businesses, X": X.
    ClauseAfterShare,
    /// "N% of companies X": X, or the previous figure's subject when nothing
    /// follows.
    PredicateOfShare,
    /// "N% of GROUP PREDICATE": the predicate.
    PredicateAfterGroup,
    /// "X was cited by N% of respondents": X.
    CitedBy,
    /// "X, according to N% of respondents": X.
    ClauseBefore,
    /// "a change from N% to M%": what changed.
    Change,
    /// "Sales rose 12%": what changed.
    ChangeVerb,
    /// "between 23% and 32%": the second takes the first's subject.
    Range,
    /// "NOUN of / between / for N%": the noun phrase.
    NounBefore,
    /// "N% PREDICATE": the predicate.
    PredicateAfterFigure,
    /// The previous figure's subject, when no other rule decides.
    PreviousFigure,
    /// The first number of "15 and 20 percent": the next figure's subject
    /// (the extractor applies it).
    SharesUnit,
}

impl SubjectRule {
    /// Every rule, in the order they are tried.
    pub const ALL: [SubjectRule; 20] = [
        SubjectRule::RestatingFigure,
        SubjectRule::ListInParenthesis,
        SubjectRule::SampleShare,
        SubjectRule::ParenthesisNoun,
        SubjectRule::Cleft,
        SubjectRule::PassiveSubject,
        SubjectRule::ClauseAfterGroups,
        SubjectRule::ClauseBeforeShare,
        SubjectRule::ClauseAfterShare,
        SubjectRule::PredicateOfShare,
        SubjectRule::PredicateAfterGroup,
        SubjectRule::CitedBy,
        SubjectRule::ClauseBefore,
        SubjectRule::Change,
        SubjectRule::ChangeVerb,
        SubjectRule::Range,
        SubjectRule::NounBefore,
        SubjectRule::PredicateAfterFigure,
        SubjectRule::PreviousFigure,
        SubjectRule::SharesUnit,
    ];

    /// The rule's name, as the module doc lists it.
    pub const fn name(self) -> &'static str {
        match self {
            SubjectRule::RestatingFigure => "restating figure",
            SubjectRule::ListInParenthesis => "list in parenthesis",
            SubjectRule::SampleShare => "sample share",
            SubjectRule::ParenthesisNoun => "noun phrase before parenthesis",
            SubjectRule::Cleft => "cleft",
            SubjectRule::PassiveSubject => "passive subject",
            SubjectRule::ClauseAfterGroups => "clause after groups",
            SubjectRule::ClauseBeforeShare => "clause before share",
            SubjectRule::ClauseAfterShare => "clause after share",
            SubjectRule::PredicateOfShare => "predicate of share",
            SubjectRule::PredicateAfterGroup => "predicate after group",
            SubjectRule::CitedBy => "cited by",
            SubjectRule::ClauseBefore => "clause before",
            SubjectRule::Change => "change",
            SubjectRule::ChangeVerb => "change verb",
            SubjectRule::Range => "range",
            SubjectRule::NounBefore => "noun before preposition",
            SubjectRule::PredicateAfterFigure => "predicate after figure",
            SubjectRule::PreviousFigure => "previous figure's subject",
            SubjectRule::SharesUnit => "shares its unit with the next figure",
        }
    }

    /// Applies the rule to a figure: `None` when it does not decide, else
    /// the subject it finds (which may be none).
    fn apply(self, f: &Fig) -> Option<Option<Span>> {
        match self {
            SubjectRule::RestatingFigure => restating_figure(f),
            SubjectRule::ListInParenthesis => list_in_parenthesis(f),
            SubjectRule::SampleShare => sample_share(f),
            SubjectRule::ParenthesisNoun => parenthesis_noun(f),
            SubjectRule::Cleft => cleft_subject(f),
            SubjectRule::PassiveSubject => passive_before_parenthesis(f),
            SubjectRule::ClauseAfterGroups => clause_after_groups(f),
            SubjectRule::ClauseBeforeShare => clause_before_share(f),
            SubjectRule::ClauseAfterShare => clause_after_share(f),
            SubjectRule::PredicateOfShare => predicate_of_share(f),
            SubjectRule::PredicateAfterGroup => predicate_after_group(f),
            SubjectRule::CitedBy => cited_by(f),
            SubjectRule::ClauseBefore => clause_before(f),
            SubjectRule::Change => change(f),
            SubjectRule::ChangeVerb => change_verb(f),
            SubjectRule::Range => range(f),
            SubjectRule::NounBefore => noun_before(f),
            SubjectRule::PredicateAfterFigure => predicate_after_figure(f),
            SubjectRule::PreviousFigure => Some(f.prev),
            // Applied by the extractor, after the sentence's figures.
            SubjectRule::SharesUnit => None,
        }
    }
}

/// The subject of figure `k` of sentence `s` and the rule that found it;
/// `prev` is the subject of the figure before it in the sentence.
pub(crate) fn subject(s: &Sent, k: usize, prev: Option<Span>) -> (Option<Span>, SubjectRule) {
    let f = Fig::new(s, k, prev);
    for rule in SubjectRule::ALL {
        if let Some(found) = rule.apply(&f) {
            return (found, rule);
        }
    }
    unreachable!("the previous figure's subject always decides")
}

/// Where a figure stands, which decides the rules that apply to it.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// Inside the parenthesis `open..=close`.
    Parenthesis { open: usize, close: usize },
    /// Followed by a group ("of CIOs") that starts at `start`; `end` is past
    /// the groups coordinated with it ("70% of A and 59% of B"); `people`
    /// when it names people, not organisations.
    Group { start: usize, end: usize, people: bool },
    /// Neither.
    Plain,
}

/// What the subject rules read about one figure, computed once.
struct Fig<'s, 'a> {
    /// The sentence's tokens.
    toks: &'s [Token<'a>],
    /// The figure's token, and that of the figure before it in the sentence.
    ti: usize,
    prev_fig: Option<usize>,
    /// The subject of the figure before it.
    prev: Option<Span>,
    /// The first token of the figure's qualifier.
    lead: usize,
    shape: Shape,
    /// In a parenthesis: the noun phrase before it and whether it names
    /// people, computed on first use.
    noun: OnceCell<Option<((usize, usize), bool)>>,
}

impl<'s, 'a> Fig<'s, 'a> {
    fn new(s: &'s Sent<'a>, k: usize, prev: Option<Span>) -> Self {
        let toks = &s.toks[..];
        let ti = s.figs[k].1;
        let shape = if let Some((open, close)) = paren_around(toks, ti) {
            Shape::Parenthesis { open, close }
        } else if let Some((start, gend, people)) = group_end(toks, ti) {
            let mut j = gend;
            // Appositions and coordinated groups share the predicate:
            // "half of CIOs, 49 percent, complain"; "70% of A and 59% of B said".
            loop {
                if toks.get(j).is_some_and(|t| t.is_punct(","))
                    && toks.get(j + 1).is_some_and(|t| t.figure().is_some())
                    && toks.get(j + 2).is_some_and(|t| t.is_punct(","))
                {
                    j += 3;
                    continue;
                }
                if toks.get(j).is_some_and(|t| t.is("and") || t.is("or"))
                    && toks.get(j + 1).is_some_and(|t| t.figure().is_some())
                    && let Some((_, e2, _)) = group_end(toks, j + 1)
                {
                    j = e2;
                    continue;
                }
                break;
            }
            Shape::Group { start, end: j, people }
        } else {
            Shape::Plain
        };
        Fig {
            toks,
            ti,
            prev_fig: k.checked_sub(1).map(|p| s.figs[p].1),
            prev,
            lead: lead_in(toks, ti),
            shape,
            noun: OnceCell::new(),
        }
    }

    /// A token range as a byte span.
    fn span(&self, (a, b): (usize, usize)) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }

    /// In a parenthesis, its tokens.
    fn parenthesis(&self) -> Option<(usize, usize)> {
        match self.shape {
            Shape::Parenthesis { open, close } => Some((open, close)),
            _ => None,
        }
    }

    /// In a parenthesis, the noun phrase before it, and whether it names
    /// people (a group, "CMOs", or a part of one, "the majority of CMOs";
    /// not when a group word ends it, "cut staff") outside a list after
    /// "followed by".
    fn noun(&self) -> Option<((usize, usize), bool)> {
        let (open, _) = self.parenthesis()?;
        *self.noun.get_or_init(|| {
            let toks = self.toks;
            let np = backward(toks, open, 0)?;
            let in_list_of = toks[..np.0].iter().any(|t| t.is("followed"));
            let names_people = (np.0..np.1)
                .filter(|&st| {
                    st == np.0 || in_list(&toks[st - 1], &["of", "that", "which", "who", "where"])
                })
                .any(|st| {
                    group_at(&toks[..np.1], st, false).is_some_and(|g| {
                        g.end == np.1
                            && !g.organisation
                            && (g.explicit || g.pop == GroupPop::Generic)
                    })
                })
                || toks[np.0..np.1]
                    .iter()
                    .any(|t| in_list(t, &["proportion", "share", "percentage", "number"]));
            Some((np, names_people && !in_list_of))
        })
    }

    /// Followed by a group: (start, end, people).
    fn group(&self) -> Option<(usize, usize, bool)> {
        match self.shape {
            Shape::Group { start, end, people } => Some((start, end, people)),
            _ => None,
        }
    }

    /// Neither in a parenthesis nor followed by a group: the token before
    /// the qualifier, if any.
    fn plain(&self) -> Option<Option<&'s Token<'a>>> {
        match self.shape {
            Shape::Plain => Some(self.lead.checked_sub(1).map(|b| &self.toks[b])),
            _ => None,
        }
    }
}

/// `restating figure`: "Half (51%) of ...": 51% is about what half is.
fn restating_figure(f: &Fig) -> Option<Option<Span>> {
    let (open, _) = f.parenthesis()?;
    f.prev_fig.is_some_and(|p| p + 1 == open).then_some(f.prev)
}

/// `list in parenthesis`: "(58% vs. 35%)": the second is about the first's subject.
fn list_in_parenthesis(f: &Fig) -> Option<Option<Span>> {
    let (open, _) = f.parenthesis()?;
    (f.prev_fig.is_some_and(|p| p > open) && f.prev.is_some()).then_some(f.prev)
}

/// `sample share`: "131 executives (81% in marketing, ...)", "220
/// Marketing (42% share) and IT (58%) leaders": the sample's head noun.
fn sample_share(f: &Fig) -> Option<Option<Span>> {
    let (open, close) = f.parenthesis()?;
    let toks = f.toks;
    let inside = &toks[open + 1..close];
    let breakdown = inside.iter().any(|t| t.is("share"))
        || inside.iter().any(|t| t.is("in")) && inside.iter().any(|t| side_of(t).is_some())
        || open > 0
            && (toks[open - 1].text == "IT" || toks[open - 1].is("marketing"))
            && (open == 1 || !toks[open - 2].is_word() || toks[open - 2].is("and"));
    if !breakdown {
        return None;
    }
    if open > 0 && in_list(&toks[open - 1], SAMPLE_HEADS) {
        return Some(Some(toks[open - 1].span));
    }
    let head =
        toks[close + 1..toks.len().min(close + 10)].iter().find(|t| in_list(t, SAMPLE_HEADS))?;
    Some(Some(head.span))
}

/// `noun phrase before parenthesis`: "data quality (31%)", unless it names people.
fn parenthesis_noun(f: &Fig) -> Option<Option<Span>> {
    let (np, people) = f.noun()?;
    (!people).then(|| Some(f.span(np)))
}

/// `cleft`: "it was human experience that the most respondents (35%) placed".
fn cleft_subject(f: &Fig) -> Option<Option<Span>> {
    let (open, _) = f.parenthesis()?;
    f.noun()?;
    cleft(f.toks, open).map(|x| Some(f.span(x)))
}

/// `passive subject`: "X was cited as a top challenge by CMOs (52%)".
fn passive_before_parenthesis(f: &Fig) -> Option<Option<Span>> {
    let ((np0, _), _) = f.noun()?;
    passive_subject(f.toks, np0).map(|x| Some(f.span(x)))
}

/// `clause after groups`: "For the majority of CMOs (52%) and CIOs (53%),
/// marketing IT is considered ...".
fn clause_after_groups(f: &Fig) -> Option<Option<Span>> {
    let (_, close) = f.parenthesis()?;
    after_groups(f.toks, close).map(|x| Some(f.span(x)))
}

/// `clause before share`: "at 34 percent of the companies": the clause before.
fn clause_before_share(f: &Fig) -> Option<Option<Span>> {
    let (_, _, false) = f.group()? else { return None };
    let (toks, li) = (f.toks, f.lead);
    if f.ti > 0 && li > 0 && in_list(&toks[li - 1], &["at", "in", "for", "on"]) {
        return backward(toks, li - 1, 0).map(|x| Some(f.span(x)));
    }
    None
}

/// `clause after share`: "in 20% of businesses, there are ...": the clause after.
fn clause_after_share(f: &Fig) -> Option<Option<Span>> {
    let (_, end, false) = f.group()? else { return None };
    if f.toks.get(end).is_some_and(|t| t.is_punct(",")) {
        return forward(f.toks, end + 1).map(|x| Some(f.span(x)));
    }
    None
}

/// `predicate of share`: what follows the organisations; "and only 31 per
/// cent at B2C brands.", with nothing after, is about the previous
/// figure's subject.
fn predicate_of_share(f: &Fig) -> Option<Option<Span>> {
    let (start, end, false) = f.group()? else { return None };
    if forward(f.toks, end).is_none() && f.prev.is_some() {
        return Some(f.prev);
    }
    Some(forward(f.toks, start).map(|x| f.span(x)))
}

/// `predicate after group`: "55% of CIOs say budgets are too tight".
fn predicate_after_group(f: &Fig) -> Option<Option<Span>> {
    let (_, mut j, true) = f.group()? else { return None };
    let toks = f.toks;
    // "two-thirds of all respondents (64%) believe": skip the restating figure.
    if toks.get(j).is_some_and(|t| t.is_punct("("))
        && let Some(close) = paren_with_figure(toks, j)
    {
        j = close + 1;
    }
    forward(toks, j).map(|x| Some(f.span(x)))
}

/// `cited by`: "X was cited by 44% of respondents": X.
fn cited_by(f: &Fig) -> Option<Option<Span>> {
    let (_, _, true) = f.group()? else { return None };
    let (toks, li) = (f.toks, f.lead);
    if li > 0 && toks[li - 1].is("by") {
        return passive_subject(toks, li - 1).map(|x| Some(f.span(x)));
    }
    None
}

/// `clause before`: "For CMOs, the biggest frustration is ..., according
/// to 45% of respondents": the clause before the comma.
fn clause_before(f: &Fig) -> Option<Option<Span>> {
    let (_, _, true) = f.group()? else { return None };
    let (toks, li) = (f.toks, f.lead);
    let according = li > 1 && toks[li - 1].is("to") && toks[li - 2].is("according");
    if !(li > 0 && (toks[li - 1].is("by") || according)) {
        return None;
    }
    let mut stop = if according { li - 2 } else { li - 1 };
    while stop > 0 && toks[stop - 1].is_punct(",") {
        stop -= 1;
    }
    let mut a = stop;
    while a > 0 && !toks[a - 1].is_punct(",") && !toks[a - 1].is_punct(";") {
        a -= 1;
    }
    trim(toks, a, stop).map(|x| Some(f.span(x)))
}

/// `change`: "dropped from 23% in 2020 to 12%", "up from 83% last year":
/// the clause that changed, or the previous figure's subject.
fn change(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    if !before
        .is_some_and(|t| in_list(t, &["from", "to", "than", "versus", "vs.", "compared", "with"]))
    {
        return None;
    }
    let (toks, li) = (f.toks, f.lead);
    let mut b = li - 1;
    while b > 0
        && in_list(
            &toks[b - 1],
            &[
                "up", "down", "dropped", "fell", "rose", "grew", "increased", "decreased",
                "declined", "jumped", "climbed", "slipped", "compared", "from", "to",
            ],
        )
    {
        b -= 1;
    }
    if before.is_some_and(|t| t.is("to"))
        && f.prev_fig.is_some_and(|p| toks[p..li].iter().any(|t| t.is("from")))
    {
        return Some(f.prev);
    }
    let stop = f.prev_fig.map_or(0, |p| p + 1);
    // What changed is the whole clause subject, verbs and all: "the share
    // of marketers who said so rose to 45%".
    let mut a = b;
    while a > stop && !boundary(&toks[a - 1]) {
        a -= 1;
    }
    if let Some(x) = trim(toks, a, b)
        && !(toks[x.0..x.1].len() <= 2 && f.prev.is_some())
    {
        return Some(Some(f.span(x)));
    }
    Some(f.prev)
}

/// `change verb`: "Sales rose 12%", "revenue fell by 3%": what changed.
fn change_verb(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    let (toks, li) = (f.toks, f.lead);
    let verb_at =
        if before.is_some_and(|t| t.is("by")) { li.checked_sub(2) } else { li.checked_sub(1) };
    let v = verb_at.filter(|&v| in_list(&toks[v], CHANGE_VERBS))?;
    backward(toks, v, f.prev_fig.map_or(0, |p| p + 1)).map(|x| Some(f.span(x)))
}

/// `range`: "between 23% and 32%": the second is about the first's subject.
fn range(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    let toks = f.toks;
    (before.is_some_and(|t| t.is("and"))
        && f.prev_fig
            .is_some_and(|p| lead_in(toks, p) > 0 && toks[lead_in(toks, p) - 1].is("between")))
    .then_some(f.prev)
}

/// `noun before preposition`: "NOUN of N%", "ratings between N%", "for
/// seven out of the 10 categories".
fn noun_before(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    if !before.is_some_and(|t| in_list(t, &["of", "between", "by", "at", "for", "in"])) {
        return None;
    }
    backward(f.toks, f.lead - 1, f.prev_fig.map_or(0, |p| p + 1)).map(|x| Some(f.span(x)))
}

/// `predicate after figure`: "15% are knowledgeable about ...".
fn predicate_after_figure(f: &Fig) -> Option<Option<Span>> {
    f.plain()?;
    forward(f.toks, f.ti + 1).map(|x| Some(f.span(x)))
}

/// Head nouns of a survey sample.
const SAMPLE_HEADS: &[&str] = &[
    "executives", "leaders", "respondents", "professionals", "directors", "managers", "people",
    "execs", "marketers", "participants",
];

/// The clause after a run of "GROUP (N%)" coordinations that ends at `close`:
/// the clause after the next comma when the run is fronted, else what follows.
fn after_groups(toks: &[Token], close: usize) -> Option<(usize, usize)> {
    let mut j = close + 1;
    while j < toks.len()
        && !toks[j].is_punct(",")
        && !toks[j].is_punct(".")
        && !toks[j].is_punct(";")
    {
        if toks[j].is_word()
            && !(toks[j].is("and") || toks[j].is("or") || group_at(toks, j, true).is_some())
        {
            // Not a coordination of groups: the text goes on in the same clause.
            return forward(toks, close + 1);
        }
        if toks[j].is_punct("(") {
            j = paren_with_figure(toks, j).unwrap_or(j);
        }
        j += 1;
    }
    if toks.get(j).is_some_and(|t| t.is_punct(",")) {
        return forward(toks, j + 1);
    }
    forward(toks, close + 1)
}

/// The parenthesis that holds figure `ti`.
fn paren_around(toks: &[Token], ti: usize) -> Option<(usize, usize)> {
    let open = (ti.saturating_sub(12)..ti)
        .rev()
        .take_while(|&k| !toks[k].is_punct(")"))
        .find(|&k| toks[k].is_punct("("))?;
    let close = (ti + 1..toks.len().min(ti + 14))
        .take_while(|&k| !toks[k].is_punct("("))
        .find(|&k| toks[k].is_punct(")"))?;
    Some((open, close))
}

/// "it was X that ...": X.
fn cleft(toks: &[Token], before: usize) -> Option<(usize, usize)> {
    let it = (1..before)
        .rev()
        .find(|&k| toks[k - 1].is("it") && (toks[k].is("was") || toks[k].is("is")))?;
    let that = (it + 1..before)
        .find(|&k| toks[k].is("that") || toks[k].is("which") || toks[k].is("who"))?;
    trim(toks, it + 1, that)
}

/// "X was cited as a top challenge by": X, the subject before the auxiliary;
/// "X are a greater barrier ..., cited by": the same across one comma.
fn passive_subject(toks: &[Token], before: usize) -> Option<(usize, usize)> {
    let mut commas = 0;
    let mut k = before;
    let aux = loop {
        if k == 0 {
            return None;
        }
        k -= 1;
        let t = &toks[k];
        if t.is_punct(",") {
            // Only a participle clause ("..., cited by") reaches back over a comma.
            let participle = toks.get(k + 1).is_some_and(|n| n.text.ends_with("ed"));
            commas += 1;
            if commas > 1 || !participle {
                return None;
            }
            continue;
        }
        if boundary(t) {
            return None;
        }
        if in_list(t, &["was", "were", "is", "are", "been"]) {
            break k;
        }
    };
    let mut a = aux;
    while a > 0 && !boundary(&toks[a - 1]) {
        a -= 1;
    }
    // The clause's first auxiliary ends its subject: "X is a greater
    // challenge than it is for IT respondents (58% vs. 35%)" is about X.
    let first_aux =
        (a..aux).find(|&k| in_list(&toks[k], &["was", "were", "is", "are"])).unwrap_or(aux);
    trim(toks, a, first_aux)
}

#[cfg(test)]
mod tests {
    use super::SubjectRule::{self as R, *};
    use crate::lang::extract::extract_article;

    /// (case, article text, figure, expected subject or None, the rule that decides)
    type Case = (&'static str, &'static str, &'static str, Option<&'static str>, R);

    const CASES: &[Case] = &[
        (
            "restating figure",
            "Nearly half (48%) of CIOs want control.",
            "48%",
            Some("want control"),
            RestatingFigure,
        ),
        (
            "second figure of a parenthesis",
            "CIOs are less likely to cut staff (22% vs. 61%).",
            "61%",
            Some("cut staff"),
            ListInParenthesis,
        ),
        (
            "sample share",
            "The poll covered 300 Marketing (45% share) and IT (55%) executives.",
            "55%",
            Some("executives"),
            SampleShare,
        ),
        (
            "noun phrase a parenthesis qualifies",
            "Teams picked cloud tools (44%), data quality (31%) and hiring (12%).",
            "31%",
            Some("data quality"),
            ParenthesisNoun,
        ),
        (
            "list item after and",
            "Teams picked cloud tools (44%), data quality (31%) and hiring (12%).",
            "12%",
            Some("hiring"),
            ParenthesisNoun,
        ),
        (
            "after a verb",
            "Respondents cite weak budgets (40%) most.",
            "40%",
            Some("weak budgets"),
            ParenthesisNoun,
        ),
        (
            "relative clause kept",
            "Others blame a culture that punishes risk (22%).",
            "22%",
            Some("a culture that punishes risk"),
            ParenthesisNoun,
        ),
        (
            "comparison group is not the subject",
            "Marketers are more likely than IT executives to buy tools (55% vs. 29%).",
            "55%",
            Some("buy tools"),
            ParenthesisNoun,
        ),
        (
            "likely to",
            "CIOs are less likely to cut staff (22% vs. 61%).",
            "22%",
            Some("cut staff"),
            ParenthesisNoun,
        ),
        (
            "cleft",
            "It was security that the most respondents (45%) named first.",
            "45%",
            Some("security"),
            Cleft,
        ),
        (
            "first auxiliary ends the subject",
            "For IT staff, speed is a bigger worry than it is for marketing staff (61% vs. 42%).",
            "61%",
            Some("speed"),
            PassiveSubject,
        ),
        (
            "clause after fronted groups",
            "For most CMOs (52%) and CIOs (47%), analytics is the top priority.",
            "47%",
            Some("analytics is the top priority"),
            ClauseAfterGroups,
        ),
        (
            "clause before a share of organisations",
            "CMOs lead budgets at 34 percent of the companies.",
            "34 percent",
            Some("CMOs lead budgets"),
            ClauseBeforeShare,
        ),
        (
            "clause after a share of organisations",
            "In 20% of businesses, there are no CIOs.",
            "20%",
            Some("there are no CIOs"),
            ClauseAfterShare,
        ),
        (
            "predicate of a share of organisations",
            "Some 40% of firms have a budget.",
            "40%",
            Some("firms have a budget"),
            PredicateOfShare,
        ),
        (
            "predicate after of-group",
            "Some 55% of CIOs say budgets are too tight, while others disagree.",
            "55%",
            Some("say budgets are too tight"),
            PredicateAfterGroup,
        ),
        (
            "coordinated groups share the predicate",
            "About 61% of CMOs and 48% of CIOs expect higher spending.",
            "61%",
            Some("expect higher spending"),
            PredicateAfterGroup,
        ),
        (
            "relative pronoun dropped",
            "In contrast, 20% of marketers who answered want more data.",
            "20%",
            Some("answered want more data"),
            PredicateAfterGroup,
        ),
        (
            "restating figure after the group",
            "About a third of all CIOs (34%) want control.",
            "a third",
            Some("want control"),
            PredicateAfterGroup,
        ),
        (
            "passive cited by",
            "Data access was cited as a top hurdle by 37% of respondents.",
            "37%",
            Some("Data access"),
            CitedBy,
        ),
        (
            "according to",
            "For CIOs, the real issue is cost, according to 41% of respondents.",
            "41%",
            Some("the real issue is cost"),
            ClauseBefore,
        ),
        (
            "up from borrows",
            "Now 70% of marketers use video, up from 52% last year.",
            "52%",
            Some("use video"),
            Change,
        ),
        (
            "change verb",
            "Online sales rose 12% last year.",
            "12%",
            Some("Online sales"),
            ChangeVerb,
        ),
        (
            "range borrows",
            "Scores ranged between 20% and 35% for all teams.",
            "35%",
            Some("Scores ranged"),
            Range,
        ),
        (
            "noun before of",
            "Firms reported revenue growth of 9%.",
            "9%",
            Some("revenue growth"),
            NounBefore,
        ),
        (
            "bare figure predicate",
            "Only 14% are ready for the change.",
            "14%",
            Some("are ready for the change"),
            PredicateAfterFigure,
        ),
        (
            "a group and nothing after it borrows",
            "Some 55% of CIOs say budgets are tight, and 40% of CMOs.",
            "40%",
            Some("say budgets are tight"),
            PreviousFigure,
        ),
        (
            "shared unit borrows its partner's",
            "Between 15 and 20 percent of CIOs agree.",
            "15",
            Some("agree"),
            SharesUnit,
        ),
    ];

    #[test]
    fn subject_rules() {
        for &(name, text, figure, want, rule) in CASES {
            let claims = extract_article(text);
            let claim = claims
                .iter()
                .find(|c| c.figure.span.slice(text) == figure)
                .unwrap_or_else(|| panic!("case {name:?}: figure {figure:?} not found"));
            let got = claim.subject.map(|s| s.slice(text));
            assert_eq!(claim.subject_rule, Some(rule), "case {name:?}: subject {got:?}");
            assert_eq!(got, want, "case {name:?}");
        }
    }

    #[test]
    fn every_rule_has_a_case() {
        for rule in R::ALL {
            assert!(CASES.iter().any(|c| c.4 == rule), "no case for {rule:?}");
        }
    }

    /// The numbered list of the module doc names the rules in the enum's order.
    #[test]
    fn module_doc_lists_the_rules_in_order() {
        let listed: Vec<&str> = include_str!("subject.rs")
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
}
