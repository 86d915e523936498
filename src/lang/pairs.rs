//! Comparisons: two claims that state the same thing for the two sides.
//!
//! A gap between marketing's and IT's figures means something only when
//! the text states one thing for both: "44% of CMOs vs. 29% of CIOs say
//! X". Two figures whose subjects merely look alike ("one fifth of
//! marketers agree" about one thing, "4% of technology executives agree"
//! about another) are no comparison. A figure is paired with the nearest
//! figure before it (in its sentence, or the last of the sentence before,
//! in the same paragraph, for the rules that read across sentences) when
//! that one is of the other side, has the same role
//! ([`crate::lang::role`]), is no share of the sample and is not paired
//! yet, and one of these rules, tried in order, reads a comparison (a
//! test checks this list against the enum):
//!
//! 1. `respectively`: both sides of one "respectively" list, "A and B
//!    agree that X (54% and 50%, respectively)";
//! 2. `vs. or one parenthesis`: figures joined by "vs." or in one
//!    parenthesis: "(58% vs. 35%)", "(marketing: 62%; IT: 75%)", "(24% of
//!    marketers, 30% of IT)";
//! 3. `comparison with than`: "A (x%) are more likely than B (y%) to X",
//!    "more A (x%) than B (y%)", and "53% of CMOs say X. That's more than
//!    CIOs (35%)";
//! 4. `parallel clauses`: one predicate after both groups, "X% of A and Y%
//!    of B say ...", "44% of CMOs vs. 29% of CIOs say ...", "For most A
//!    (x%) and B (y%), X" (the subject rules give both the same span);
//! 5. `compared to`: the second figure has no predicate of its own: "X% of
//!    A say X, compared to Y% of B", "in contrast to", "versus";
//! 6. `same statement repeated`: the second figure's predicate repeats
//!    the first's: "77% of CIOs think X, only 56% of CMOs feel the same",
//!    "... just 4% of IT leaders agree", "CIOs (30%) were as satisfied".
//!
//! Each claim of a pair names the other ([`Pair::with`]) and the rule.

use crate::lang::analysis::{Sent, after_restating, lead_in};
use crate::lang::attribute::{Attribution, PopulationRule};
use crate::lang::detect::Figure;
use crate::lang::phrases::{Tag, clause_punct};
use crate::lang::role::{Role, RoleRule};
use crate::lang::tokens::Token;
use crate::span::Span;

/// A rule that pairs two claims as a comparison. Its [`name`](Self::name)
/// is written in both records' `pair`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PairRule {
    /// Both sides of one "respectively" list.
    Respectively,
    /// Figures joined by "vs." or in one parenthesis.
    VersusOrParenthesis,
    /// "more likely than", "more A than B", "more than B".
    ComparisonThan,
    /// One predicate after both groups.
    ParallelClauses,
    /// "compared to Y% of B": no predicate of its own.
    ComparedTo,
    /// "feel the same", "agree": the predicate repeats the other's.
    SameStatement,
}

impl PairRule {
    /// Every rule, in the order they are tried.
    pub const ALL: [PairRule; 6] = [
        PairRule::Respectively,
        PairRule::VersusOrParenthesis,
        PairRule::ComparisonThan,
        PairRule::ParallelClauses,
        PairRule::ComparedTo,
        PairRule::SameStatement,
    ];

    /// The rule's stable name, written in the records of both claims.
    pub const fn name(self) -> &'static str {
        match self {
            PairRule::Respectively => "respectively",
            PairRule::VersusOrParenthesis => "vs. or one parenthesis",
            PairRule::ParallelClauses => "parallel clauses",
            PairRule::ComparisonThan => "comparison with than",
            PairRule::ComparedTo => "compared to",
            PairRule::SameStatement => "same statement repeated",
        }
    }

    /// The rule named `name`, if one is.
    pub fn named(name: &str) -> Option<PairRule> {
        PairRule::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// A claim's counterpart in a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The index of the other claim in the article's claims.
    pub with: usize,
    /// How they were paired.
    pub rule: PairRule,
}

/// What the extractor knows of each figure of the article so far, by index.
pub(crate) struct Known<'a> {
    /// The article's figures.
    pub figures: &'a [Figure],
    /// Populations, for the figures decided so far.
    pub attributions: &'a [Option<Attribution>],
    /// Subjects.
    pub subjects: &'a [Option<Span>],
    /// Roles (and the rules that decided them), for the figures decided so far.
    pub roles: &'a [Option<(Role, RoleRule)>],
}

/// A figure where a pair rule reads it.
#[derive(Clone, Copy)]
struct At<'s, 'a> {
    s: &'s Sent<'a>,
    /// Its index in the article.
    fi: usize,
    /// Its token in `s`.
    ti: usize,
}

/// Pairs the figures of the window's last sentence with those before them
/// (module doc), writing both ends of each pair into `pairs`.
pub(crate) fn pair_sentence(window: &[Sent], known: &Known, pairs: &mut [Option<Pair>]) {
    let Some(last) = window.len().checked_sub(1) else { return };
    let s = &window[last];
    let before = last
        .checked_sub(1)
        .map(|p| &window[p])
        .filter(|p| p.sentence.paragraph == s.sentence.paragraph);
    for (k, &(fi, ti)) in s.figs.iter().enumerate() {
        let prev = match k.checked_sub(1) {
            Some(j) => Some(At { s, fi: s.figs[j].0, ti: s.figs[j].1 }),
            None => before.and_then(|p| p.figs.last().map(|&(fi, ti)| At { s: p, fi, ti })),
        };
        let Some(g) = prev else { continue };
        let f = At { s, fi, ti };
        if !comparable(known, pairs, g.fi, f.fi) {
            continue;
        }
        if let Some(rule) = PairRule::ALL.into_iter().find(|r| r.applies(known, g, f)) {
            pairs[g.fi] = Some(Pair { with: f.fi, rule });
            pairs[f.fi] = Some(Pair { with: g.fi, rule });
        }
    }
}

/// Two figures may be compared: of the two sides, the same role other than
/// a share of the sample, neither paired yet nor the first number of a
/// range.
fn comparable(known: &Known, pairs: &[Option<Pair>], g: usize, f: usize) -> bool {
    let pop = |i: usize| known.attributions[i].as_ref().map(|a| a.population);
    let role = |i: usize| known.roles[i].map(|(r, _)| r);
    pop(g).is_some_and(|p| p.other().is_some() && p.other() == pop(f))
        && role(g).is_some()
        && role(g) == role(f)
        && role(f) != Some(Role::Sample)
        && pairs[g].is_none()
        && pairs[f].is_none()
        && !known.figures[g].shares_unit
        && !known.figures[f].shares_unit
}

impl PairRule {
    /// The rule reads `g` (the earlier figure) and `f` as a comparison.
    fn applies(self, known: &Known, g: At, f: At) -> bool {
        let same_sentence = std::ptr::eq(g.s, f.s);
        let rule = |i: usize| known.attributions[i].as_ref().map(|a| a.rule);
        match self {
            PairRule::Respectively => {
                same_sentence
                    && rule(g.fi) == Some(PopulationRule::RespectivelyPair)
                    && rule(f.fi) == Some(PopulationRule::RespectivelyPair)
            }
            PairRule::VersusOrParenthesis => {
                same_sentence
                    && (joined_by_versus(f.s, g.ti, f.ti) || one_parenthesis(f.s, g.ti, f.ti))
            }
            PairRule::ParallelClauses => {
                same_sentence
                    && known.subjects[g.fi].is_some_and(|sg| {
                        Some(sg) == known.subjects[f.fi] && sg.start >= f.s.toks[f.ti].span.end
                    })
                    && !f.s.toks[g.ti..f.ti].iter().any(|t| t.is_punct(";"))
            }
            PairRule::ComparisonThan => {
                let than = than_before(known, f);
                than.is_some_and(|k| {
                    if same_sentence {
                        g.ti < k
                    } else {
                        f.s.figs[0].1 == f.ti && points_back(&f.s.toks[0])
                    }
                })
            }
            PairRule::ComparedTo => {
                same_sentence
                    && compared_before(f.s, np_start(known, f))
                    && no_predicate(f.s, np_end(known, f))
            }
            PairRule::SameStatement => {
                let k = predicate_start(f.s, np_end(known, f));
                // "62% disagree with the plan, and 40% agree": the opposite.
                let opposite = in_list_at(f.s, k, AGREE)
                    && in_list_at(g.s, predicate_start(g.s, np_end(known, g)), DISAGREE);
                repeats_a_statement(f.s, k) && !opposite
            }
        }
    }
}

fn in_list(t: &Token, list: &[&str]) -> bool {
    t.is_word() && list.iter().any(|w| t.is(w))
}

/// Words of a "vs." pair.
const VERSUS: &[&str] = &["vs.", "vs", "versus", "v."];

/// "58% vs. 35%": only "vs." and list punctuation between the figures.
fn joined_by_versus(s: &Sent, a: usize, b: usize) -> bool {
    let between = &s.toks[a + 1..b];
    between.iter().any(|t| in_list(t, VERSUS))
        && between.iter().all(|t| in_list(t, VERSUS) || t.is_punct(",") || t.is_punct("/"))
}

/// Figures `a` and `b` stand in one parenthesis that holds no verb:
/// "(58% vs. 35%)", "(marketing: 62%; IT: 75%)", "(24% of marketers, 30% of IT)".
fn one_parenthesis(s: &Sent, a: usize, b: usize) -> bool {
    let toks = &s.toks;
    let open = (0..a).rev().find(|&k| toks[k].is_punct("(") || toks[k].is_punct(")"));
    let close = (b + 1..toks.len()).find(|&k| toks[k].is_punct("(") || toks[k].is_punct(")"));
    let (Some(open), Some(close)) = (open, close) else { return false };
    toks[open].is_punct("(")
        && toks[close].is_punct(")")
        && !toks[a..b].iter().any(|t| t.is_punct("(") || t.is_punct(")"))
        && !s.phr.verbs.iter().any(|v| v.first > open && v.first < close)
}

/// The token where figure `f`'s noun phrase starts: its qualifier, or the
/// group its parenthesis follows ("CIOs (35%)").
fn np_start(known: &Known, f: At) -> usize {
    let toks = &f.s.toks;
    lead_in(toks, np_first(known, f))
}

/// The figure's token, or the first of the group its parenthesis follows
/// ("CIOs (35%)").
fn np_first(known: &Known, f: At) -> usize {
    let toks = &f.s.toks;
    let phrase = known.attributions[f.fi].as_ref().and_then(|a| a.phrase);
    if f.ti >= 2
        && toks[f.ti - 1].is_punct("(")
        && let Some(p) = phrase.filter(|p| p.end == toks[f.ti - 2].span.end)
        && let Some(first) = (0..f.ti - 1).rev().find(|&k| toks[k].span.start == p.start)
    {
        return first;
    }
    f.ti
}

/// The "than" that compares figure `f` with what comes before it ("more
/// likely than CIOs (52%)", "more than 29% of CIOs"): within the words
/// right before its noun phrase, and not the figure's own bound ("more
/// than 30%").
fn than_before(known: &Known, f: At) -> Option<usize> {
    let toks = &f.s.toks;
    let first = np_first(known, f);
    let bound = known.figures[f.fi].qualifier;
    (first.saturating_sub(3)..first).rev().find(|&k| {
        is_than(f.s, k)
            && !bound.is_some_and(|b| b.start <= toks[k].span.start && toks[k].span.end <= b.end)
    })
}

/// The token after figure `f`'s noun phrase: past its restating
/// parenthesis, its closing parenthesis ("CIOs (30%) were"), and the group
/// it counts ("of CMOs", "CMOs").
fn np_end(known: &Known, f: At) -> usize {
    let toks = &f.s.toks;
    let mut k = after_restating(toks, f.ti);
    if f.ti > 0 && toks[f.ti - 1].is_punct("(") && toks.get(k).is_some_and(|t| t.is_punct(")")) {
        return k + 1;
    }
    let phrase = known.attributions[f.fi].as_ref().and_then(|a| a.phrase);
    if let Some(p) = phrase {
        let mut j = k;
        if toks.get(j).is_some_and(|t| in_list(t, &["of", "among", "amongst", "from"])) {
            j += 1;
        }
        // "of the CIOs": the phrase may leave out a determiner.
        while toks.get(j).is_some_and(|t| t.span.end <= p.start) && f.s.phr.tags[j] == Tag::Det {
            j += 1;
        }
        if toks.get(j).is_some_and(|t| t.span.start == p.start) {
            k = j;
            while toks.get(k).is_some_and(|t| t.span.start < p.end) {
                k += 1;
            }
        }
    }
    k
}

/// "than" at `k`, not "rather than" or "other than", after a comparative
/// ("more", "less", "fewer", "-er") not far before it.
fn is_than(s: &Sent, k: usize) -> bool {
    let toks = &s.toks;
    toks[k].is("than")
        && !(k > 0 && in_list(&toks[k - 1], &["rather", "other"]))
        && toks[k.saturating_sub(8)..k].iter().any(|t| {
            in_list(t, &["more", "less", "fewer", "likelier", "greater", "higher", "lower"])
                || t.is_word() && t.text.len() > 4 && t.text.ends_with("er")
        })
}

/// A sentence that opens by pointing back at the one before: "That's",
/// "This is", "It is".
fn points_back(first: &Token) -> bool {
    in_list(first, &["that", "that's", "that’s", "this", "it", "it's", "it’s", "which"])
}

/// "compared to", "compared with", "in contrast to", "versus", "against"
/// right before token `start`.
fn compared_before(s: &Sent, start: usize) -> bool {
    let toks = &s.toks;
    let w = |back: usize, words: &[&str]| {
        start.checked_sub(back).is_some_and(|k| in_list(&toks[k], words))
    };
    w(1, VERSUS)
        || w(1, &["against"])
        || w(1, &["to", "with"])
            && (w(2, &["compared", "contrasted", "relative"])
                || w(2, &["contrast", "comparison"]) && w(3, &["in", "by"])
                || w(2, &["opposed"]) && w(3, &["as"]))
}

/// At token `k`, the clause ends, or a relative clause on the group
/// starts: the figure has no predicate of its own.
fn no_predicate(s: &Sent, k: usize) -> bool {
    let Some(t) = s.toks.get(k) else { return true };
    clause_punct(t) || t.is_punct(".") || in_list(t, &["who", "which", "that"])
}

/// Verbs of saying and thinking that "the same" or "so" can follow.
const SAYING: &[&str] = &[
    "say", "says", "said", "feel", "feels", "felt", "think", "thinks", "thought", "believe",
    "believes", "believed", "do", "does", "did", "agree", "agrees", "agreed", "report", "reported",
    "answered", "responded",
];
/// Verbs of agreement that repeat a statement on their own.
const AGREE: &[&str] = &["agree", "agrees", "agreed", "concur", "concurs", "concurred"];
/// Nouns of a view that "share this ..." repeats.
const VIEW: &[&str] =
    &["view", "views", "opinion", "belief", "sentiment", "concern", "concerns", "feeling"];

/// Verbs of disagreement, whose statement "agree" does not repeat.
const DISAGREE: &[&str] = &["disagree", "disagrees", "disagreed"];

fn in_list_at(s: &Sent, k: usize, list: &[&str]) -> bool {
    s.toks.get(k).is_some_and(|t| in_list(t, list))
}

/// The first token of the predicate at token `k`: past "who" and adverbs
/// other than negations ("only", "also", "actually").
fn predicate_start(s: &Sent, mut k: usize) -> usize {
    let toks = &s.toks;
    let tags = &s.phr.tags;
    let negation = |t: &Token| in_list(t, &["not", "never", "no"]);
    while toks.get(k).is_some_and(|t| {
        t.is("who") || tags[k] == Tag::Adv && !negation(t) && !in_list(t, &["so", "as"])
    }) {
        k += 1;
    }
    k
}

/// From token `k` (a [`predicate_start`]), a predicate that only repeats
/// the statement before: "feel the same (way)", "say the same thing",
/// "agree", "agree that's the case", "agree with this", "think so", "were
/// as satisfied", "share this view"; not negated.
fn repeats_a_statement(s: &Sent, k: usize) -> bool {
    let toks = &s.toks;
    let tags = &s.phr.tags;
    let is = |i: usize, words: &[&str]| toks.get(i).is_some_and(|t| in_list(t, words));
    let ends = |i: usize| {
        toks.get(i).is_none_or(|t| {
            clause_punct(t)
                || t.is_punct(".")
                || in_list(t, &["but", "while", "whereas", "and", "though", "although", "yet"])
        })
    };
    (is(k, SAYING) && is(k + 1, &["the"]) && is(k + 2, &["same"]))
        || is(k, AGREE)
            && (ends(k + 1)
                || is(k + 1, &["with"]) && is(k + 2, &["this", "that", "it", "them"])
                || is(k + 1, &["that's", "that’s"]) && is(k + 2, &["the"]) && is(k + 3, &["case"]))
        || is(k, SAYING) && is(k + 1, &["so", "likewise"]) && ends(k + 2)
        || is(k, &["are", "were", "is", "was"])
            && is(k + 1, &["as", "equally"])
            && toks.get(k + 2).is_some_and(|_| matches!(tags[k + 2], Tag::Adj | Tag::En))
            && ends(k + 3)
        || is(k, &["share", "shares", "shared", "hold", "holds", "held"])
            && is(k + 1, &["this", "that", "the", "these", "those"])
            && (is(k + 2, VIEW) || is(k + 3, VIEW))
}

#[cfg(test)]
mod tests {
    use super::PairRule::{self as R, *};
    use crate::lang::extract::extract_article;

    /// (case, article text, the two figures, the rule that pairs them, or
    /// None when they must not be paired)
    type Case = (&'static str, &'static str, [&'static str; 2], Option<R>);

    const CASES: &[Case] = &[
        (
            "respectively after the sides",
            "Both marketing and IT executives agree that their sites work (54% and 50%, respectively).",
            ["54%", "50%"],
            Some(Respectively),
        ),
        (
            "vs. in a parenthesis, sides before",
            "For marketing respondents, cost is a greater challenge than it is for IT respondents (58% vs. 35%).",
            ["58%", "35%"],
            Some(VersusOrParenthesis),
        ),
        (
            "vs. list carried from the sentence before",
            "For marketers, cost is harder than for IT (58% vs. 35% respectively), as is speed (69% vs. 46%).",
            ["69%", "46%"],
            Some(VersusOrParenthesis),
        ),
        (
            "labels in one parenthesis",
            "Both expect the role to grow (marketing: 62%; IT: 75%).",
            ["62%", "75%"],
            Some(VersusOrParenthesis),
        ),
        (
            "groups in one parenthesis",
            "More of the leaders (24% of marketers, 30% of IT) named the CEO.",
            ["24%", "30%"],
            Some(VersusOrParenthesis),
        ),
        (
            "parallel clauses with and",
            "The study found 58 per cent of marketers and 51 per cent of IT professionals believe data should be shared.",
            ["58 per cent", "51 per cent"],
            Some(ParallelClauses),
        ),
        (
            "parallel clauses with vs.",
            "Some 44% of CMOs vs. 29% of CIOs say it is critical to improve engagement.",
            ["44%", "29%"],
            Some(ParallelClauses),
        ),
        (
            "parallel groups before their parentheses",
            "For most CMOs (52%) and CIOs (53%), security is a high priority.",
            ["52%", "53%"],
            Some(ParallelClauses),
        ),
        (
            "more likely than, figures after the groups",
            "CMOs (71%) are more likely than CIOs (52%) to prioritise customer data.",
            ["71%", "52%"],
            Some(ComparisonThan),
        ),
        (
            "more A than B",
            "Speed is wanted by more IT directors (77%) than marketing directors (57%).",
            ["77%", "57%"],
            Some(ComparisonThan),
        ),
        (
            "more than, in the next sentence",
            "Some 53% of CMOs say more channels are critical. That's significantly more than CIOs (35%).",
            ["53%", "35%"],
            Some(ComparisonThan),
        ),
        (
            "compared to a figure without a predicate",
            "Some 23% of CIOs think the joint approach is desirable, compared to 9% of CMOs.",
            ["23%", "9%"],
            Some(ComparedTo),
        ),
        (
            "in contrast to",
            "Half of CMOs say testing is important, in contrast to 74% of CIOs.",
            ["Half", "74%"],
            Some(ComparedTo),
        ),
        (
            "versus, with a relative clause restating",
            "Some 34% of CIOs say goals are aligned versus 4% of marketing executives who say so too.",
            ["34%", "4%"],
            Some(ComparedTo),
        ),
        (
            "feel the same",
            "While 77% of CIOs think this partnership is important, only 56% of CMOs feel the same.",
            ["77%", "56%"],
            Some(SameStatement),
        ),
        (
            "feel the same way after a semicolon",
            "Some 30% of marketing executives call IT productive; however, only 13% of IT leaders feel the same way.",
            ["30%", "13%"],
            Some(SameStatement),
        ),
        (
            "agree alone",
            "Although 20% of marketers say alignment improved, just 4% of technology executives agree.",
            ["20%", "4%"],
            Some(SameStatement),
        ),
        (
            "agree that's the case, in the next sentence",
            "The good news is that 78% of IT people think they collaborate. The bad news is that only 58% of marketers agree that’s the case.",
            ["78%", "58%"],
            Some(SameStatement),
        ),
        (
            "as satisfied, in the next sentence",
            "Some 42% of marketers said they are satisfied with their reach. A smaller group of CIOs (30%) were as satisfied.",
            ["42%", "30%"],
            Some(SameStatement),
        ),
        (
            "say the same thing",
            "Only 25% of CIOs think budgets are fair, whereas 41% of CMOs say the same thing.",
            ["25%", "41%"],
            Some(SameStatement),
        ),
        (
            "different statements are no comparison",
            "While 45% of CIOs put marketing first, 64% of CMOs think it is a low priority for IT.",
            ["45%", "64%"],
            None,
        ),
        (
            "agree that, with a statement of its own",
            "Some 45% of CMOs want speed, and 30% of CIOs agree that costs matter.",
            ["45%", "30%"],
            None,
        ),
        (
            "agree after disagree is the opposite",
            "Meanwhile 62% of CMOs disagree with the plan, and about 40% of CIOs agree.",
            ["62%", "40%"],
            None,
        ),
        (
            "a negated repeat is no comparison",
            "Some 60% of CMOs want speed, but 30% of CIOs do not feel the same.",
            ["60%", "30%"],
            None,
        ),
        (
            "the same side is no comparison",
            "Some 60% of CMOs want speed, and 30% of marketers agree.",
            ["60%", "30%"],
            None,
        ),
        (
            "the repeated statement is the nearest",
            "Some 45% of CIOs want speed, 30% of marketers want data, and only 20% of CMOs agree.",
            ["45%", "20%"],
            None,
        ),
        (
            "shares of the sample are no comparison",
            "We analysed 131 executives (81% in marketing, 19% in IT).",
            ["81%", "19%"],
            None,
        ),
        (
            "than without a comparative",
            "Some 40% of CMOs said yes rather than 30% of CIOs.",
            ["40%", "30%"],
            None,
        ),
    ];

    #[test]
    fn pair_rules() {
        let mut failed = Vec::new();
        for &(name, text, [a, b], want) in CASES {
            let claims = extract_article(text);
            let find = |fig: &str| claims.iter().position(|c| c.figure.span.slice(text) == fig);
            let (Some(ia), Some(ib)) = (find(a), find(b)) else {
                failed.push(format!("case {name:?}: figures not found"));
                continue;
            };
            let (pa, pb) = (claims[ia].pair, claims[ib].pair);
            let got = match (pa, pb) {
                (Some(x), Some(y)) if x.with == ib && y.with == ia && x.rule == y.rule => {
                    Some(x.rule)
                }
                _ => None,
            };
            let unpaired = want.is_some() || (pa.is_none() && pb.is_none());
            if got != want || !unpaired {
                let pops: Vec<_> =
                    claims.iter().map(|c| (c.attribution.population, c.role)).collect();
                failed.push(format!(
                    "case {name:?}: {pa:?} / {pb:?}, want {want:?} ({:?} {:?}; {pops:?})",
                    claims[ia].attribution.evidence, claims[ib].attribution.evidence,
                ));
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }

    #[test]
    fn every_rule_has_a_case() {
        for rule in R::ALL {
            assert!(CASES.iter().any(|c| c.3 == Some(rule)), "no case for {rule:?}");
        }
    }

    /// The numbered list of the module doc names the rules in the enum's order.
    #[test]
    fn module_doc_lists_the_rules_in_order() {
        let listed = crate::lang::rule_lists::module_doc(include_str!("pairs.rs"));
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }

    /// The README's table of rule names lists them all, in order.
    #[test]
    fn readme_lists_the_rules_in_order() {
        let listed = crate::lang::rule_lists::readme_table("| rule (`pair.rule`) |");
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }
}
