//! Population attribution: whose figure each claim is.
//!
//! Each rule is a named value of [`PopulationRule`] with one function; for
//! each figure they are tried in this order over what [`Fig`] computes once
//! (with the sentence's phrase layer, [`crate::lang::phrases`]), the first
//! that decides wins, and the claim's `evidence` is the rule's name
//! followed by the words that decided it (a test checks this list against
//! the enum):
//!
//! 1. `label before figure`: a label inside the parenthesis, "(marketing:
//!    62%; IT: 75%)";
//! 2. `share of the sample by role`: "one in four boasted marketing
//!    titles", "16% identified as general management": the role's side;
//! 3. `role named by respondents`: "the CEO was named by 48%, the CMO by
//!    30%": the role is what the figure is about, so unknown;
//! 4. `estimate by`: "CIOs estimate that 40% of marketers ...": the group
//!    estimating;
//! 5. `group after figure`: a group right after the figure, "9 in 10 senior
//!    marketing and technology executives";
//! 6. `of-phrase after figure`: "45% of CIOs", "Half (51%) of IT
//!    respondents", "30% of IT", "of those surveyed", and a part of the
//!    sample that is not a role ("23% of Europe") in an article with a sample;
//! 7. `among-phrase after figure`: "45% among CIOs";
//! 8. `amongst-phrase after figure`: "45% amongst CIOs";
//! 9. `from-phrase after figure`: "45% from CIOs";
//! 10. `in-phrase after figure`: "(81% in marketing, ...)";
//! 11. `share of organisations`: "40% of firms", "7% of IT organisations"
//!     are unknown, whoever is named with them;
//! 12. `pronoun points back`: "59% of them", "42% of whom", "half of you":
//!     the group named last before, else the survey's;
//! 13. `of-phrase names no group`: "25% of their budget", "71% of IT
//!     budgets" are nobody's;
//! 14. `respectively pair`: "54% and 50%, respectively", in the order of the
//!     sides named before them, or of the previous sentence's figures;
//! 15. `vs. pair`: "(58% vs. 35%)", in the order of the sides named before;
//! 16. `group named before parenthesis`: "CMOs (52%) and CIOs (53%)", "220
//!     Marketing (42% share) and IT (58%) leaders", "compared to IT (41%)";
//! 17. `magnitude of a quantity`: "growth of 5%" is nobody's;
//! 18. `change in a quantity`: "spending is 15% higher", "budgets grew
//!     by 12%": a change in a thing is nobody's;
//! 19. `group named earlier in sentence`: the nearest, not as an object,
//!     not inside an earlier figure's subject;
//! 20. `same group as previous figure in sentence`;
//! 21. `carried from previous sentence`: the last group of the previous
//!     sentences of the paragraph, when named after their last figure, for
//!     a figure whose clause has no subject of its own other than people;
//! 22. `carried from previous sentence's figure`: else that figure's;
//! 23. `no group stated`: the survey's population, read from the article's
//!     sample statement ("a survey of 220 marketing and IT leaders"), else
//!     from the groups figures count where the survey is cited, else unknown.
//!
//! A generic group ("respondents") found by rules 5 to 19 takes the
//! sentence's topic ("For CMOs, ...") or else the survey's population; the
//! evidence says which, after the rule's name. "Both sides" or "the two
//! groups" name marketing and IT only in an article that names each. The
//! extractor applies two more, after these:
//!
//! 24. `shares its unit with the next figure`: the first number of "15 and
//!     20 percent" takes the next figure's population (and evidence, in
//!     parentheses);
//! 25. `figure outside any sentence`: unknown.

use crate::lang::analysis::{Mention, Sent, after_restating, lead_in};
use crate::lang::groups::{Group, GroupPop, group_at, paren_with_figure, side_of};
use crate::lang::lexicon::Population;
use crate::lang::phrases::{
    Np, Sense, Tag, department_alone, noun_phrase, people_noun, sample_role,
};
use crate::lang::role::states_change;
use crate::lang::tokens::{TokKind, Token};
use crate::span::Span;
use std::cell::OnceCell;

/// A rule that decides a claim's population. Its [`name`](Self::name)
/// begins the claim's `evidence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PopulationRule {
    /// A side's label before the figure inside a parenthesis.
    Label,
    /// "One in four boasted marketing titles": a share of the sample by
    /// the role it holds.
    SampleRole,
    /// "The CMO was named by 30%": a role named by respondents is what the
    /// figure is about: unknown.
    RoleNamed,
    /// "CIOs estimate that 40% of marketers ...": the group estimating.
    Estimate,
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
    /// A share of organisations ("40% of firms", "7% of IT
    /// organisations"): unknown, whoever is named with it.
    Organisations,
    /// "59% of them", "42% of whom": the group the pronoun points back at.
    PointsBack,
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
    /// "Marketing spending is 15% higher", "IT budgets grew by 12%": a
    /// change in a thing is nobody's share.
    QuantityChange,
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
    pub const ALL: [PopulationRule; 25] = [
        PopulationRule::Label,
        PopulationRule::SampleRole,
        PopulationRule::RoleNamed,
        PopulationRule::Estimate,
        PopulationRule::GroupAfter,
        PopulationRule::OfPhrase,
        PopulationRule::AmongPhrase,
        PopulationRule::AmongstPhrase,
        PopulationRule::FromPhrase,
        PopulationRule::InPhrase,
        PopulationRule::Organisations,
        PopulationRule::PointsBack,
        PopulationRule::OfPhraseNoGroup,
        PopulationRule::RespectivelyPair,
        PopulationRule::VersusPair,
        PopulationRule::GroupBeforeParenthesis,
        PopulationRule::Magnitude,
        PopulationRule::QuantityChange,
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
            PopulationRule::SampleRole => "share of the sample by role",
            PopulationRule::RoleNamed => "role named by respondents",
            PopulationRule::Estimate => "estimate by",
            PopulationRule::GroupAfter => "group after figure",
            PopulationRule::OfPhrase => "of-phrase after figure",
            PopulationRule::AmongPhrase => "among-phrase after figure",
            PopulationRule::AmongstPhrase => "amongst-phrase after figure",
            PopulationRule::FromPhrase => "from-phrase after figure",
            PopulationRule::InPhrase => "in-phrase after figure",
            PopulationRule::Organisations => "share of organisations",
            PopulationRule::PointsBack => "pronoun points back",
            PopulationRule::OfPhraseNoGroup => "of-phrase names no group",
            PopulationRule::RespectivelyPair => "respectively pair",
            PopulationRule::VersusPair => "vs. pair",
            PopulationRule::GroupBeforeParenthesis => "group named before parenthesis",
            PopulationRule::Magnitude => "magnitude of a quantity",
            PopulationRule::QuantityChange => "change in a quantity",
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
            PopulationRule::SampleRole => sample_role_rule(f),
            PopulationRule::RoleNamed => role_named(f),
            PopulationRule::Estimate => estimate(f),
            PopulationRule::GroupAfter => group_after(f),
            PopulationRule::OfPhrase => preposition_phrase(f, Preposition::Of),
            PopulationRule::AmongPhrase => preposition_phrase(f, Preposition::Among),
            PopulationRule::AmongstPhrase => preposition_phrase(f, Preposition::Amongst),
            PopulationRule::FromPhrase => preposition_phrase(f, Preposition::From),
            PopulationRule::InPhrase => preposition_phrase(f, Preposition::In),
            PopulationRule::Organisations => organisations(f),
            PopulationRule::PointsBack => points_back(f),
            PopulationRule::OfPhraseNoGroup => of_phrase_no_group(f),
            PopulationRule::RespectivelyPair => pair(f, true),
            PopulationRule::VersusPair => pair(f, false),
            PopulationRule::GroupBeforeParenthesis => group_before_parenthesis(f),
            PopulationRule::Magnitude => magnitude(f),
            PopulationRule::QuantityChange => quantity_change(f),
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
    /// True when the article names each side (marketing and IT) by a role
    /// or department word: only then do "both sides" or "the two groups"
    /// name the two.
    pub sides_named: bool,
}

/// The population a group phrase names in an article: "both sides" names
/// marketing and IT only where the article names each of them (not the
/// "both sides" of a negotiation).
fn pop_in_article(g: &Group, default: &SurveyDefault) -> GroupPop {
    if g.both_word && !default.sides_named {
        GroupPop::Specific(Population::Unknown)
    } else {
        g.pop
    }
}

/// Reads the survey's population from sample statements: a count of people
/// in a sentence about a survey ("a survey of 220 marketing and IT
/// leaders"), a group surveyed ("the executives surveyed"); else from the
/// groups figures count in sentences that cite the survey ("Two-thirds of
/// marketers report friction, according to a new survey"); else unknown:
/// groups merely named in the article do not make a sample.
///
/// `mentions[i]` holds the groups named in sentence `i`.
pub(crate) fn survey_default(mentions: &[Vec<Mention>]) -> SurveyDefault {
    let named = |p: Population| {
        mentions.iter().flatten().any(|m| {
            !m.group.both_word
                && (m.group.pop == GroupPop::Specific(p)
                    || m.group.pop == GroupPop::Specific(Population::Both))
        })
    };
    let sides_named = named(Population::First) && named(Population::Second);
    let sample = |m: &Mention| m.counted && m.survey_sentence || m.surveyed && !m.object;
    let cited = |m: &Mention| m.quantified && m.survey_sentence && m.group.explicit && !m.object;
    let (population, phrase, how) = if let Some(found) = sides(mentions, sample, true) {
        (found.0, Some(found.1), "survey sample")
    } else if let Some(found) = sides(mentions, cited, false) {
        (found.0, Some(found.1), "no sample stated; groups counted where the survey is cited")
    } else {
        (Population::Unknown, None, "no sample stated")
    };
    SurveyDefault { population, phrase, how, sides_named }
}

/// The population of the mentions that `keep` keeps (not "both sides"):
/// both sides, one, or (with `third`) a third group of people; and the
/// words that name it.
fn sides(
    mentions: &[Vec<Mention>],
    keep: impl Fn(&Mention) -> bool,
    third: bool,
) -> Option<(Population, Span)> {
    let (mut marketing, mut it, mut unknown) = (None, None, None);
    for m in mentions.iter().flatten().filter(|m| !m.group.both_word && keep(m)) {
        match m.group.pop {
            GroupPop::Specific(Population::First) => {
                marketing.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::Second) => {
                it.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::Both) => {
                marketing.get_or_insert(m.span);
                it.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::Unknown) if third && !m.group.organisation => {
                unknown.get_or_insert(m.span);
            }
            _ => {}
        }
    }
    match (marketing, it, unknown) {
        (Some(a), Some(b), _) => Some((
            Population::Both,
            if a == b { a } else { Span::new(a.start.min(b.start), a.end.max(b.end)) },
        )),
        (Some(a), None, _) => Some((Population::First, a)),
        (None, Some(b), _) => Some((Population::Second, b)),
        (None, None, Some(u)) => Some((Population::Unknown, u)),
        (None, None, None) => None,
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
    /// The noun phrase at `group_start`, read on first use.
    np: OnceCell<Option<Np>>,
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
            np: OnceCell::new(),
        }
    }

    fn toks(&self) -> &'b [Token<'a>] {
        &self.s.toks
    }

    /// The noun phrase after the figure's preposition ("of IT budgets",
    /// "of them"), and what its head names.
    fn np(&self) -> Option<Np> {
        *self.np.get_or_init(|| {
            self.preposition?;
            noun_phrase(self.toks(), &self.s.phr.tags, self.group_start)
        })
    }

    /// "30% of IT", "(70% in marketing)": a department alone after "of" or
    /// "in", standing for its people ([`department_alone`]).
    fn bare_department(&self) -> Option<Group> {
        if !matches!(self.preposition, Some(Preposition::Of | Preposition::In)) {
            return None;
        }
        department_alone(self.toks(), &self.s.phr.tags, self.group_start)
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
    match pop_in_article(&g, f.default) {
        GroupPop::Specific(p) => Decision::quoting(f.text, p, span),
        GroupPop::Generic => generic(f, span),
    }
}

/// `group after figure`: "9 in 10 marketing executives", right after it.
fn group_after(f: &Fig) -> Option<Decision> {
    let g = f.group.filter(|_| f.preposition.is_none())?;
    // Right after it, or after the figure restating it: "six in 10 (59%)
    // marketing leaders".
    let right_after =
        f.after == f.ti + 1 || f.toks().get(f.ti + 1).is_some_and(|t| t.is_punct("("));
    if !(g.explicit || g.pop == GroupPop::Generic) || g.bare || !right_after {
        return None;
    }
    Some(group_decision(f, g))
}

/// `of-phrase after figure` and its siblings: "45% of CIOs", "(81% in
/// marketing)", "30% of IT"; "of those surveyed", "of respondents" and a
/// part of the sample that is not a role ("23% of Europe", "11% of the
/// field", in an article with a sample) are generic.
fn preposition_phrase(f: &Fig, preposition: Preposition) -> Option<Decision> {
    if f.preposition != Some(preposition) {
        return None;
    }
    if let Some(g) = f.bare_department() {
        return Some(group_decision(f, g));
    }
    let toks = f.toks();
    let start = f.group_start;
    let Some(np) = f.np() else {
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
    match np.sense {
        Sense::People => {
            let g = np.group.filter(|g| {
                g.pop == GroupPop::Generic || g.explicit || preposition != Preposition::In
            })?;
            Some(group_decision(f, g))
        }
        Sense::Segment if preposition == Preposition::Of && f.default.phrase.is_some() => {
            Some(generic(f, phrase_of(f.s, np.first, np.end)))
        }
        _ => None,
    }
}

/// `share of organisations`: "Just 40% of firms have a budget", "7% of IT
/// organisations", "In 40% of firms the CTO leads".
fn organisations(f: &Fig) -> Option<Decision> {
    let np = f.np()?;
    if np.sense != Sense::Organisation {
        return None;
    }
    let span = match np.group {
        Some(g) => phrase_of(f.s, g.first, g.end),
        None => phrase_of(f.s, np.first, np.end),
    };
    Some(Decision::quoting(f.text, Population::Unknown, span))
}

/// `pronoun points back`: "59% of them", "42% of whom", "half of you": the
/// last group named before the figure in its sentence, else in the
/// previous sentences of the paragraph, else the survey's population.
fn points_back(f: &Fig) -> Option<Decision> {
    if !matches!(f.preposition, Some(Preposition::Of | Preposition::Among | Preposition::Amongst)) {
        return None;
    }
    // "Two-thirds of companies with a CMO grew, compared with 48% of those
    // without one": a demonstrative with no noun of its own points back
    // at what the previous figure of the sentence counted.
    let toks = f.toks();
    let demonstrative = toks.get(f.group_start).is_some_and(|t| t.is("those") || t.is("these"))
        && f.np().is_none_or(|np| np.group.is_none() && np.sense != Sense::People);
    let np = f.np().filter(|np| np.sense == Sense::Anaphor);
    if np.is_none() && !demonstrative {
        return None;
    }
    let span = match np {
        Some(np) => phrase_of(f.s, np.first, np.end),
        None => toks[f.group_start].span,
    };
    if let Some(k) = f.k.checked_sub(1)
        && let Some(prev) = f.done[f.s.figs[k].0].as_ref()
        && COUNTED_BY_ITS_PHRASE.contains(&prev.rule)
    {
        let at = prev
            .phrase
            .map_or_else(|| f.toks()[f.s.figs[k].1].text.to_string(), |p| quote(f.text, p));
        let words = format!(": '{}' at '{at}'", quote(f.text, span));
        return Some(Decision { population: prev.population, phrase: prev.phrase, words });
    }
    np?;
    let here = toks[f.ti].span.start;
    let para = f.s.sentence.paragraph;
    for back in 0..=3 {
        let Some(s) = f.si.checked_sub(back).map(|i| &f.sents[i]) else { break };
        if s.sentence.paragraph != para {
            break;
        }
        let found = s.mentions.iter().rev().find(|m| {
            (back > 0 || m.span.end <= here)
                && !m.group.organisation
                && m.group.explicit
                && matches!(m.group.pop, GroupPop::Specific(_))
        });
        if let Some(m) = found
            && let GroupPop::Specific(p) = pop_in_article(&m.group, f.default)
        {
            let words = format!(": '{}' at '{}'", quote(f.text, span), quote(f.text, m.span));
            return Some(Decision { population: p, phrase: Some(m.span), words });
        }
    }
    let d = f.default;
    let words = format!(": '{}' at the survey's sample ({})", quote(f.text, span), d.how);
    Some(Decision { population: d.population, phrase: d.phrase.or(Some(span)), words })
}

/// The rules that attribute a figure by the phrase it counts ("45% of
/// CIOs", "40% of firms"): a pronoun after a later figure points back at
/// that phrase.
const COUNTED_BY_ITS_PHRASE: [PopulationRule; 7] = [
    PopulationRule::GroupAfter,
    PopulationRule::OfPhrase,
    PopulationRule::AmongPhrase,
    PopulationRule::AmongstPhrase,
    PopulationRule::FromPhrase,
    PopulationRule::InPhrase,
    PopulationRule::Organisations,
];

/// `of-phrase names no group`: "25% of their budget", "71% of IT budgets
/// in the US": what is counted is not people.
fn of_phrase_no_group(f: &Fig) -> Option<Decision> {
    if f.preposition != Some(Preposition::Of) {
        return None;
    }
    let (toks, start) = (f.toks(), f.group_start);
    match f.np() {
        Some(np) if matches!(np.sense, Sense::Thing | Sense::Segment) => {
            return Some(Decision::quoting(
                f.text,
                Population::Unknown,
                phrase_of(f.s, np.first, np.end),
            ));
        }
        Some(_) => return None,
        None => {}
    }
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

/// `share of the sample by role`: "One in four boasted marketing
/// leadership titles", "16% identified as general management", "30% were
/// CIOs": the side the role names, else unknown.
fn sample_role_rule(f: &Fig) -> Option<Decision> {
    let (a, b) = sample_role(f.toks(), &f.s.phr.tags, f.ti)?;
    let toks = f.toks();
    // The sides its words name, and a group the role spells out ("chief
    // information officer").
    let mut sides: Vec<Population> = toks[a..b].iter().filter_map(side_of).collect();
    sides.extend((a..b).filter_map(|k| match group_at(&toks[..b], k, false)?.pop {
        GroupPop::Specific(p) => Some(p),
        GroupPop::Generic => None,
    }));
    if sides.contains(&Population::Both) {
        sides.extend([Population::First, Population::Second]);
    }
    let p = match (sides.contains(&Population::First), sides.contains(&Population::Second)) {
        (true, true) => Population::Both,
        (true, false) => Population::First,
        (false, true) => Population::Second,
        (false, false) => Population::Unknown,
    };
    Some(Decision::quoting(f.text, p, phrase_of(f.s, a, b)))
}

/// Participles that make their subject an answer: "the CMO was named by 30%".
const NAMING_PARTICIPLES: &[&str] = &[
    "named", "cited", "chosen", "selected", "picked", "ranked", "mentioned", "identified",
    "nominated", "seen", "considered", "listed", "viewed",
];

/// `role named by respondents`: "The CEO was named by 48%, the CMO by 30%".
fn role_named(f: &Fig) -> Option<Decision> {
    let (toks, li, tags) = (f.toks(), f.lead, &f.s.phr.tags);
    if li == 0 || !toks[li - 1].is("by") {
        return None;
    }
    let mut end = li - 1;
    while end > 0 && tags[end - 1] == Tag::Adv {
        end -= 1;
    }
    let named = end > 0 && NAMING_PARTICIPLES.iter().any(|w| toks[end - 1].is(w));
    let role_end = if named {
        let from = f.s.phr.clause_start(toks, end - 1);
        f.s.phr.verbs.iter().find(|v| v.end == end && v.first >= from)?.first
    } else {
        // "the CMO by 30%": only in a list that a participle opened.
        let listed = (0..end).any(|k| {
            NAMING_PARTICIPLES.iter().any(|w| toks[k].is(w))
                && toks.get(k + 1).is_some_and(|t| t.is("by"))
        });
        if !listed {
            return None;
        }
        end
    };
    let at = toks.get(role_end.checked_sub(1)?)?.span.end;
    let m = f.s.mentions.iter().rev().find(|m| m.span.end == at && m.group.explicit)?;
    Some(Decision::quoting(f.text, Population::Unknown, m.span))
}

/// Verbs of estimating and believing: a figure in their clause is their
/// subject's estimate.
const ESTIMATE_VERBS: &[&str] = &[
    "estimate", "estimates", "estimated", "believe", "believes", "believed", "think", "thinks",
    "thought", "expect", "expects", "expected", "predict", "predicts", "predicted", "reckon",
    "reckons", "guess", "guessed", "say", "says", "said", "feel", "feels", "felt",
];

/// `estimate by`: "CIOs estimate that 40% of marketers use shadow IT": a
/// share that a group estimates belongs to the group estimating, whoever
/// it counts.
fn estimate(f: &Fig) -> Option<Decision> {
    let toks = f.toks();
    // The figure counts something: "40% of marketers", "30% of their budget".
    if !matches!(f.preposition, Some(Preposition::Of | Preposition::Among)) {
        return None;
    }
    let mut end = f.lead;
    if end > 0 && toks[end - 1].is("that") {
        end -= 1;
    }
    let verb = f.s.phr.verbs.iter().find(|v| v.end == end)?;
    if !ESTIMATE_VERBS.iter().any(|w| toks[end - 1].is(w)) {
        return None;
    }
    // Its subject: a group named right before the verb ("CIOs", "many marketers also").
    let mut b = verb.first;
    while b > 0 && f.s.phr.tags[b - 1] == Tag::Adv {
        b -= 1;
    }
    let at = toks.get(b.checked_sub(1)?)?.span.end;
    let m = f.s.mentions.iter().find(|m| m.span.end == at && m.group.explicit && !m.object)?;
    let GroupPop::Specific(p) = pop_in_article(&m.group, f.default) else { return None };
    Some(Decision::quoting(f.text, p, m.span))
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
    // "54% and 50%, respectively"; "64% and 51% for IT and marketing
    // respectively": the word closes the run's clause.
    let respectively = toks[last + 1..toks.len().min(last + 9)]
        .iter()
        .take_while(|t| !t.is_punct(".") && !t.is_punct(";") && t.figure().is_none())
        .any(|t| t.is("respectively"));
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
    // "64% and 51% for IT and marketing respectively": the sides named
    // between the run and "respectively" come first.
    if respectively {
        let mut after: Vec<(Population, Span)> = Vec::new();
        for t in toks[run.last + 1..].iter().take_while(|t| !t.is("respectively")) {
            if let Some(p) = side_of(t)
                && !after.iter().any(|(q, _)| *q == p)
            {
                after.push((p, t.span));
            }
        }
        if after.len() >= n {
            order = after;
        }
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
    if order.len() == 1 && n == 2 && !respectively {
        let (p, span) = order[0];
        let p = if idx == 0 { p } else { p.other()? };
        let words =
            format!(", {} of 2: first is '{}', second the other group", pos(idx), span.slice(text));
        return Some(Decision { population: p, phrase: Some(span), words });
    }
    if order.len() == 1 && respectively {
        // "The majority of leaders ranked X and Y (83% and 70%, respectively)":
        // one group, figures for the things listed.
        let (p, span) = order[0];
        let words = format!(", {} of {n}: all of '{}'", pos(idx), span.slice(text));
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
    let GroupPop::Specific(p) = pop_in_article(&g, f.default) else { return None };
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

/// `change in a quantity`: "Marketing spending on data tools is 15% higher
/// than last year", "IT budgets grew by 12%": a figure that states a
/// change or a difference ([`states_change`]) in a thing, the noun phrase
/// its subject opens with, is nobody's share (GUIDELINES: a relative
/// change in budgets, revenue or companies is unknown). A change in people
/// ("CMOs are 30% more likely") is theirs, by the other rules.
fn quantity_change(f: &Fig) -> Option<Decision> {
    let subject = f.subjects[f.s.figs[f.k].0]?;
    let toks = f.toks();
    let first = toks.iter().position(|t| t.span.start == subject.start)?;
    let np = noun_phrase(toks, &f.s.phr.tags, first)?;
    if np.group.is_some() || !matches!(np.sense, Sense::Thing) || !states_change(f.s, f.ti) {
        return None;
    }
    Some(Decision::quoting(f.text, Population::Unknown, subject))
}

/// Rules under which a role named with a figure is what it is about, not
/// whose share it is: "the CMO owns it at 20% of firms", "the CEO was named
/// by 48%", "named the CEO in 48% of cases".
const ROLE_AS_SUBJECT: [PopulationRule; 3] =
    [PopulationRule::Organisations, PopulationRule::OfPhraseNoGroup, PopulationRule::RoleNamed];

/// "The CMO owns it at 20% of firms, the CIO at 31%": a figure in a clause
/// whose verb is gapped ("ROLE at N%") repeats the previous figure's clause
/// ("ROLE ... at N% of firms", same preposition before the figure); when
/// the role there was what the figure is about, the role here is too, and
/// the figure keeps the previous one's population.
fn gapped_after_subject_role(f: &Fig) -> bool {
    let Some(k) = f.k.checked_sub(1) else { return false };
    let (pf, pti) = f.s.figs[k];
    let toks = f.toks();
    let prep = |lead: usize| lead.checked_sub(1).map(|b| &toks[b]).filter(|t| t.is_word());
    let (Some(here), Some(there)) = (prep(f.lead), prep(lead_in(toks, pti))) else {
        return false;
    };
    ["at", "in", "by", "for"].iter().any(|p| here.is(p))
        && here.text.eq_ignore_ascii_case(there.text)
        && f.done[pf].as_ref().is_some_and(|a| ROLE_AS_SUBJECT.contains(&a.rule))
}

/// `group named earlier in sentence`: the nearest group named after the
/// previous figure, not as an object, outside the subjects of earlier figures.
fn group_earlier(f: &Fig) -> Option<Decision> {
    if f.continues_list || gapped_after_subject_role(f) {
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
    Some(match pop_in_article(&m.group, f.default) {
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
            // "Joint ownership accounts for 27%", "their shares fell by 4%":
            // a clause with a subject of its own that is not people carries nothing.
            if self.own_subject_not_people() {
                return None;
            }
            let (sents, done, text) = (self.sents, self.done, self.text);
            let mut para = self.s.sentence.paragraph;
            let bullet = |s: &Sent| {
                s.sentence.span.slice(text).trim_start().starts_with(['•', '-', '*', '–', '·'])
            };
            for back in 1..=3 {
                let prev = &sents[self.si.checked_sub(back)?];
                let mut intro = false;
                if prev.sentence.paragraph != para {
                    // The items of a list carry across their paragraphs, from
                    // the sentence that opens the list with a colon: "HR
                    // leaders said the benefits include:" / "• More
                    // experience: 44%". The intro's group is its first.
                    let colon = prev.sentence.span.slice(text).trim_end().ends_with(':');
                    if !(bullet(&sents[self.si + 1 - back]) && (colon || bullet(prev))) {
                        return None;
                    }
                    para = prev.sentence.paragraph;
                    intro = colon;
                }
                if intro
                    && let Some(m) = prev.mentions.iter().find(|m| !m.object && m.group.explicit)
                    && let GroupPop::Specific(p) = pop_in_article(&m.group, self.default)
                {
                    return Some(Carried::Group(p, m.span));
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
                    if let GroupPop::Specific(p) = pop_in_article(&m.group, self.default) {
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

impl Fig<'_, '_> {
    /// The figure's clause has a subject of its own before its verb, and it
    /// is not people ("Joint ownership accounts for 27%").
    fn own_subject_not_people(&self) -> bool {
        let (toks, phr) = (self.toks(), &self.s.phr);
        phr.subject_head_before(toks, self.ti).is_some_and(|h| {
            let t = &toks[h];
            match phr.tags[h] {
                Tag::Pron => t.is("it") || t.is("this") || t.is("which"),
                Tag::Fig | Tag::Num => false,
                _ => !people_noun(t),
            }
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
    let department = crate::lang::groups::department_word(word);
    // "compared to IT (41%)", "than marketing (30%)": the department compared.
    let compared = at >= 1
        && (toks[at - 1].is("than")
            || toks[at - 1].is("versus")
            || toks[at - 1].is("vs.")
            || toks[at - 1].is("vs")
            || at >= 2
                && (toks[at - 1].is("to") || toks[at - 1].is("with"))
                && toks[at - 2].is("compared"));
    let prev_ok = at == 0
        || compared
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
            Second,
            Label,
        ),
        (
            "group right after a ratio",
            "Four in 10 technology executives disagree.",
            "Four in 10",
            Second,
            GroupAfter,
        ),
        ("of-phrase", "Some 44% of CIOs expect cuts.", "44%", Second, OfPhrase),
        ("of-phrase, marketing", "Only 17% of marketers agree.", "17%", First, OfPhrase),
        (
            "of-phrase, coordinated roles",
            "About 12% of CMOs and CIOs meet weekly.",
            "12%",
            Both,
            OfPhrase,
        ),
        (
            "share of organisations",
            "Just 40% of firms have a budget.",
            "40%",
            Unknown,
            Organisations,
        ),
        (
            "share of organisations named with a role",
            "In 40% of firms the CTO leads digital projects.",
            "40%",
            Unknown,
            Organisations,
        ),
        (
            "departments as units are organisations",
            "A mere 7% of IT organisations use a decentralised structure.",
            "7%",
            Unknown,
            Organisations,
        ),
        (
            "a department alone stands for its people",
            "More of them agree (24% of marketers, 30% of IT).",
            "30%",
            Second,
            OfPhrase,
        ),
        (
            "a department alone before its verb stands for its people",
            "Nearly 27% of IT want more say, while just 12% of marketing agree.",
            "27%",
            Second,
            OfPhrase,
        ),
        (
            "a department alone before an adverb and its verb",
            "Only 30% of marketing strongly agree.",
            "30%",
            First,
            OfPhrase,
        ),
        (
            "a department before a noun is a modifier, not its people",
            "Some 30% of IT budgets go to maintenance.",
            "30%",
            Unknown,
            OfPhraseNoGroup,
        ),
        (
            "a group inside a quantified phrase",
            "Some 45% of the more than 800 marketing executives surveyed want more budget.",
            "45%",
            First,
            OfPhrase,
        ),
        (
            "coordinated modifiers before a head",
            "Some 52% of advertising and marketing executives plan cuts.",
            "52%",
            First,
            OfPhrase,
        ),
        (
            "a part of the sample that is not a role",
            "We polled 300 marketers. Most cite speed (23% of Europe, 21% of North America).",
            "21%",
            First,
            OfPhrase,
        ),
        (
            "a place without a sample is a thing",
            "The firm sold 55% of Acme to investors.",
            "55%",
            Unknown,
            OfPhraseNoGroup,
        ),
        (
            "pronoun points back at the group",
            "The survey of 405 marketing leaders found 59% of them agreed.",
            "59%",
            First,
            PointsBack,
        ),
        (
            "a pronoun after a comparison points back at the counted phrase",
            "Two-thirds of companies with a CMO grew, compared with 48% of those without one.",
            "48%",
            Unknown,
            PointsBack,
        ),
        (
            "a pronoun after a comparison points back at counted people",
            "Some 61% of CIOs with a data team agree, against 40% of those without.",
            "40%",
            Second,
            PointsBack,
        ),
        (
            "a gapped clause after a share of organisations keeps it",
            "The CMO owns the budget at 20% of firms, the CIO at 31%.",
            "31%",
            Unknown,
            PreviousFigure,
        ),
        (
            "a gapped clause after a share of cases keeps it",
            "Respondents named the CEO in 48% of cases, the CMO in 30% and the CIO in 12%.",
            "30%",
            Unknown,
            PreviousFigure,
        ),
        (
            "a role named by respondents in a gapped clause",
            "The CEO was named by 48%, the CMO by 30%.",
            "30%",
            Unknown,
            RoleNamed,
        ),
        (
            "a gapped clause after a group's own figure names its group",
            "Trust in the data came in at 45% for CMOs, and CIOs at 31%.",
            "31%",
            Second,
            GroupEarlier,
        ),
        (
            "a parenthesis after the group compared is that group's",
            "Marketers are less confident than their IT peers (41%) that the data is accurate.",
            "41%",
            Second,
            GroupBeforeParenthesis,
        ),
        (
            "a sample broken down by role mixes the two",
            "Respondents included CMOs (35%), CIOs (30%) and CEOs (20%).\n\nOverall, 40% of respondents said the data was late.",
            "40%",
            Both,
            OfPhrase,
        ),
        (
            "'report' as a verb does not cite a survey",
            "Nearly half of marketing teams, 48%, now report to the CEO.\n\nOverall, 40% of respondents said the data was late.",
            "40%",
            Unknown,
            OfPhrase,
        ),
        (
            "those in a department the file does not name are a third group",
            "The study polled marketing and IT leaders. Among those in sales, 22% said they never use it.",
            "22%",
            Unknown,
            GroupEarlier,
        ),
        (
            "those in a named department are its people",
            "The study polled marketing and IT leaders. Among those in marketing, 22% said they never use it.",
            "22%",
            First,
            GroupEarlier,
        ),
        (
            "a group after the figure and its restating parenthesis",
            "The study polled marketing and IT leaders. Nearly six in 10 (59%) marketing leaders say their stack is too complex.",
            "six in 10",
            First,
            GroupAfter,
        ),
        (
            "respectively with the sides named after the figures",
            "The figures were 64% and 51% for IT and marketing respectively.",
            "51%",
            First,
            RespectivelyPair,
        ),
        (
            "an abbreviation names the group as the full word does",
            "Some 41% of marcom staff agree.",
            "41%",
            First,
            OfPhrase,
        ),
        (
            "relative pronoun points back",
            "It pleased marketers, 42% of whom said so.",
            "42%",
            First,
            PointsBack,
        ),
        (
            "the reader addressed is the survey's sample",
            "Our poll of 700 CIOs found that nearly half of you (44%) report to the CEO.",
            "half",
            Second,
            PointsBack,
        ),
        (
            "things counted, with a department word",
            "Corporate IT still controls 71% of IT budgets in the US.",
            "71%",
            Unknown,
            OfPhraseNoGroup,
        ),
        (
            "share of the sample by role",
            "The poll covered 125 customer leaders. One in four boasted marketing titles.",
            "One in four",
            First,
            SampleRole,
        ),
        (
            "share of the sample by another role",
            "The poll covered 125 customer leaders. A further 16% identified as general management.",
            "16%",
            Unknown,
            SampleRole,
        ),
        (
            "share of the sample by role, the verb gapped",
            "The poll covered 125 customer leaders. One in four held marketing titles, such as \
             CMO or head of brand, while just shy of 30 per cent a sales title.",
            "30 per cent",
            Unknown,
            SampleRole,
        ),
        (
            "share of the sample by role, the verb gapped, a group's role",
            "The poll covered 125 customer leaders. One in four held sales titles, and 20% an \
             IT title.",
            "20%",
            Second,
            SampleRole,
        ),
        (
            "share of the sample by role, the breakdown continued in parentheses",
            "The poll covered 125 customer leaders. A further 16% identified as general \
             management, followed by 'chief revenue officer' (15%) and 'chief information \
             officer' (13%).",
            "13%",
            Second,
            SampleRole,
        ),
        (
            "share of the sample by another role, the breakdown continued",
            "The poll covered 125 customer leaders. A further 16% identified as general \
             management, followed by 'chief revenue/growth officer' (15%) and 'chief \
             information officer' (13%).",
            "15%",
            Unknown,
            SampleRole,
        ),
        (
            "role named by respondents",
            "Asked who owns the customer, the CEO was named by 48%, the CMO by 30%.",
            "30%",
            Unknown,
            RoleNamed,
        ),
        (
            "role named, with its participle",
            "We asked 300 marketers. The CIO was cited by 25% as a partner.",
            "25%",
            Unknown,
            RoleNamed,
        ),
        (
            "estimate of another group's share",
            "CIOs estimate that 40% of marketers use tools IT never approved.",
            "40%",
            Second,
            Estimate,
        ),
        (
            "estimate of a thing",
            "Many marketers believe 30% of their budget is wasted.",
            "30%",
            First,
            Estimate,
        ),
        ("of-phrase, third group", "Roughly 30% of CEOs sign off.", "30%", Unknown, OfPhrase),
        ("restating parenthesis", "Half (52%) of IT managers say so.", "52%", Second, OfPhrase),
        ("among-phrase", "Support is strong: 45% among CIOs agree.", "45%", Second, AmongPhrase),
        ("amongst-phrase", "Some 30% amongst marketers say so.", "30%", First, AmongstPhrase),
        ("from-phrase", "About 20% from IT leaders said yes.", "20%", Second, FromPhrase),
        (
            "in-phrase breakdown",
            "We asked 90 executives (70% in marketing, 30% in IT).",
            "30%",
            Second,
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
            Second,
            RespectivelyPair,
        ),
        (
            "respectively from previous sentence",
            "Most CMOs (60%) and CIOs (45%) plan hires. That is a 10% and a 5% rise, respectively.",
            "5%",
            Second,
            RespectivelyPair,
        ),
        (
            "vs. pair ordered by sides",
            "For IT staff, cost matters more than for marketing staff (61% vs. 42%).",
            "42%",
            First,
            VersusPair,
        ),
        (
            "vs. pair with one side named",
            "IT teams worry more about risk (48% vs. 30%).",
            "30%",
            First,
            VersusPair,
        ),
        (
            "group before parenthesis",
            "Budgets rose for CMOs (58%) and CIOs (41%).",
            "41%",
            Second,
            GroupBeforeParenthesis,
        ),
        (
            "sample share",
            "We polled 200 Marketing (40% share) and IT (60%) leaders.",
            "40%",
            First,
            GroupBeforeParenthesis,
        ),
        (
            "second sample share does not reach over the first",
            "We polled 200 Marketing (40% share) and IT (60%) leaders.",
            "60%",
            Second,
            GroupBeforeParenthesis,
        ),
        ("magnitude", "CIOs reported margin growth of over 6%.", "6%", Unknown, Magnitude),
        (
            "a change in a thing, stated by a comparative",
            "The study polled marketing and IT leaders. Marketing spending on data tools is 15% higher than last year.",
            "15%",
            Unknown,
            QuantityChange,
        ),
        (
            "a change in a thing, stated by a verb",
            "The study polled marketing and IT leaders. IT budgets grew by 12% this year.",
            "12%",
            Unknown,
            QuantityChange,
        ),
        (
            "a change in a thing with a post-modifier",
            "The study polled marketing and IT leaders. Revenue at firms with a CDO was 8% higher.",
            "8%",
            Unknown,
            QuantityChange,
        ),
        (
            "a difference between people is theirs",
            "CMOs are 30% more likely than CIOs to approve new tools.",
            "30%",
            First,
            GroupEarlier,
        ),
        (
            "group named earlier in sentence",
            "On the CMO side, 33% plan to hire.",
            "33%",
            First,
            GroupEarlier,
        ),
        (
            "previous figure in sentence",
            "Some 41% of CMOs want data, and 22% want speed.",
            "22%",
            First,
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
            First,
            PreviousFigure,
        ),
        (
            "carried from previous sentence",
            "Marketers are upbeat. Fully 64% expect growth.",
            "64%",
            First,
            CarriedGroup,
        ),
        (
            "carried from the previous sentence's figure",
            "Among CIOs, 40% want data. Another 20% want speed.",
            "20%",
            Second,
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
            "The CIO of Acme spoke.\n\nSome 5% agreed this year.",
            "5%",
            Unknown,
            NoGroup,
        ),
        (
            "no sample: groups merely named do not make one",
            "CMOs want speed. CIOs want control. Marketing leaders agree.\n\nOverall, 40% see progress.",
            "40%",
            Unknown,
            NoGroup,
        ),
        (
            "no sample stated: the groups counted where the survey is cited",
            "Two-thirds of marketers report friction, according to a new survey.\n\nOverall, 77% of respondents see risk.",
            "77%",
            First,
            OfPhrase,
        ),
        (
            "a sample mixing the sides and other roles",
            "We surveyed 500 buyers from marketing, sales and IT. Overall, 61% of respondents said data matters.",
            "61%",
            Both,
            OfPhrase,
        ),
        (
            "a sample of people with roles",
            "The poll covered 400 leaders with marketing, IT or data roles. In all, 38% of those polled expect growth.",
            "38%",
            Both,
            OfPhrase,
        ),
        (
            "coordinated counts share their head",
            "The study surveyed 237 marketing and 211 IT executives. Of those, 85% of respondents agree.",
            "85%",
            Both,
            OfPhrase,
        ),
        (
            "an organisation's name is not a sample",
            "A survey by the Marketing AI Institute found it. Just 15% of respondents say so.",
            "15%",
            Unknown,
            OfPhrase,
        ),
        (
            "both sides of a negotiation are not marketing and IT",
            "After the talks, both sides said 5% was enough.",
            "5%",
            Unknown,
            GroupEarlier,
        ),
        (
            "both sides in an article naming each",
            "CMOs and CIOs were asked. Both sides want speed (90%).",
            "90%",
            Both,
            GroupEarlier,
        ),
        (
            "securities called CMOs",
            "The CMOs were assigned a 7.65 pct coupon and par pricing.",
            "7.65 pct",
            Unknown,
            NoGroup,
        ),
        (
            "a thing as its own subject is not carried to",
            "CIOs were asked who owns mobile. Joint ownership accounts for 27%.",
            "27%",
            Unknown,
            NoGroup,
        ),
        (
            "a department as a fronted topic",
            "Among IT, 55% say budgets are flat.",
            "55%",
            Second,
            GroupEarlier,
        ),
        (
            "a department compared",
            "Marketing (62%) says speed matters most, compared to IT (41%).",
            "41%",
            Second,
            GroupBeforeParenthesis,
        ),
        (
            "generic group takes the fronted topic",
            "For CIOs, the top worry is cost, according to 52% of respondents.",
            "52%",
            Second,
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
            First,
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
            Second,
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
        let listed = crate::lang::rule_lists::module_doc(include_str!("attribute.rs"));
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }

    /// The README's table of rule names lists them all, in order.
    #[test]
    fn readme_lists_the_rules_in_order() {
        let listed = crate::lang::rule_lists::readme_table("| rule (`evidence` starts with) |");
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }
}
