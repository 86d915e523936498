//! What a claim is for: a finding, a share of the survey's sample, or a
//! change.
//!
//! "45% of CIOs say X" is a finding; "131 executives (81% in marketing, 19%
//! in IT)" describes who was asked, and "a 16% increase" or "sales rose
//! 12%" states a change. Only findings answer "where do marketing and IT
//! differ?": a share of the sample is not an opinion, and a change is not
//! a level. Each rule is a named value of [`RoleRule`], tried in this
//! order; the first that decides wins (a test checks this list against the
//! enum):
//!
//! 1. `share of the sample`: the population or subject rule already read
//!    the figure as a share of the sample (`share of the sample by role`,
//!    `in-phrase after figure`, `sample share`, `sample divided`): "(81% in
//!    marketing, 19% in IT)", "220 Marketing (42% share) and IT (58%)
//!    leaders", "one in four boasted marketing titles";
//! 2. `sample described`: respondents' place, employer or size: "of those
//!    surveyed, 40% were based in Europe", "55% of respondents work at
//!    companies with more than 1,000 staff";
//! 3. `change noun after figure`: "a 16% increase", "a 5 pct annual rise",
//!    "a 16% and an 8% increase";
//! 4. `change noun before figure`: "growth of 6%", "an increase of 5 pct";
//! 5. `change verb before figure`: "rose 12%", "up 8%", "fell by a third",
//!    "increased its spending by 12%", "rose 15 to 20 percent" (not "rose
//!    to 12%" nor "from 10%": those are levels);
//! 6. `comparative after figure`: "10% higher than", "30% more likely";
//! 7. `listed with the previous figure`: "improving 8% and 3%": the second
//!    of a list takes the first's role when the first is not a finding;
//! 8. `a share or a level`: everything else is a finding.
//!
//! After these, for the figures of a sentence:
//!
//! 9. `shares its unit with the next figure`: the first number of "15 and
//!    20 percent" takes the next figure's role.

use crate::lang::analysis::{Sent, after_restating, lead_in};
use crate::lang::attribute::{Attribution, PopulationRule};
use crate::lang::detect::Figure;
use crate::lang::phrases::{Tag, clause_punct};
use crate::lang::subject::SubjectRule;
use crate::lang::tokens::Token;

/// What a claim is for; in the dataset, its name ([`Role::as_str`]).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A share of respondents, or of something measured: "45% of CIOs say X".
    #[default]
    Finding,
    /// The composition of the survey's sample: "(81% in marketing, 19% in IT)".
    Sample,
    /// An increase or difference stated in percent: "a 16% increase", "rose 12%".
    Change,
}

impl Role {
    /// Every role, in order.
    pub const ALL: [Role; 3] = [Role::Finding, Role::Sample, Role::Change];

    /// The name used in the dataset.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Finding => "finding",
            Role::Sample => "sample",
            Role::Change => "change",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule that decides a claim's [`Role`]. Its [`name`](Self::name) is the
/// record's `role_rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoleRule {
    /// The population or subject rule read a share of the sample.
    SampleShare,
    /// Respondents' place, employer or size.
    SampleDescribed,
    /// "a 16% increase".
    ChangeNounAfter,
    /// "growth of 6%".
    ChangeNounBefore,
    /// "rose 12%", "up 8%".
    ChangeVerbBefore,
    /// "10% higher than".
    ComparativeAfter,
    /// "improving 8% and 3%": the role of the figure it is listed with.
    ListedWith,
    /// Everything else: a finding.
    Level,
    /// The next figure's role, for a number sharing its unit.
    SharesUnit,
}

impl RoleRule {
    /// Every rule, in the order they are tried.
    pub const ALL: [RoleRule; 9] = [
        RoleRule::SampleShare,
        RoleRule::SampleDescribed,
        RoleRule::ChangeNounAfter,
        RoleRule::ChangeNounBefore,
        RoleRule::ChangeVerbBefore,
        RoleRule::ComparativeAfter,
        RoleRule::ListedWith,
        RoleRule::Level,
        RoleRule::SharesUnit,
    ];

    /// The rule's stable name, written in the record's `role_rule`.
    pub const fn name(self) -> &'static str {
        match self {
            RoleRule::SampleShare => "share of the sample",
            RoleRule::SampleDescribed => "sample described",
            RoleRule::ChangeNounAfter => "change noun after figure",
            RoleRule::ChangeNounBefore => "change noun before figure",
            RoleRule::ChangeVerbBefore => "change verb before figure",
            RoleRule::ComparativeAfter => "comparative after figure",
            RoleRule::ListedWith => "listed with the previous figure",
            RoleRule::Level => "a share or a level",
            RoleRule::SharesUnit => "shares its unit with the next figure",
        }
    }

    /// The rule named `name`, if one is.
    pub fn named(name: &str) -> Option<RoleRule> {
        RoleRule::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// Nouns of change: "a 16% increase", "growth of 6%".
const CHANGE_NOUNS: &[&str] = &[
    "increase", "increases", "rise", "rises", "gain", "gains", "growth", "jump", "jumps", "drop",
    "drops", "decline", "declines", "fall", "falls", "decrease", "decreases", "cut", "cuts",
    "reduction", "reductions", "hike", "hikes", "improvement", "improvements", "boost", "surge",
    "slump", "plunge", "climb", "dip", "loss", "losses", "advance", "slide", "rebound",
    "contraction", "expansion", "upturn", "downturn", "uptick", "increment", "markup", "markdown",
];

/// Verbs (and adverbs) of change before the amount: "rose 12%", "up 8%"
/// (longer than the subject rules' list of the verbs whose clause subject
/// is what changed, `subject::CHANGE_VERBS`: here any change counts).
const CHANGE_VERBS: &[&str] = &[
    "rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen", "falling",
    "grew", "grow", "grows", "grown", "growing", "increased", "increase", "increases",
    "increasing", "decreased", "decrease", "decreases", "decreasing", "declined", "decline",
    "declines", "declining", "jumped", "jump", "jumps", "climbed", "climb", "climbs", "dropped",
    "drop", "drops", "dropping", "slipped", "slip", "slips", "gained", "gain", "gains", "gaining",
    "lost", "lose", "loses", "losing", "surged", "surge", "soared", "soar", "plunged", "plunge",
    "tumbled", "tumble", "slumped", "slump", "eased", "ease", "advanced", "shrank", "shrunk",
    "expanded", "expand", "cut", "cuts", "cutting", "raised", "raise", "raising", "lowered",
    "lowering", "improved", "improve", "improving", "boosted", "boost", "reduced", "reduce",
    "reducing", "slashed", "trimmed", "dipped", "rebounded", "recovered", "widened", "narrowed",
    "accelerated", "slowed", "appreciated", "depreciated", "firmed", "weakened", "strengthened",
    "up", "down", "off",
];

/// Comparatives right after the amount: "10% higher than", "30% more likely".
const COMPARATIVES: &[&str] = &[
    "higher", "lower", "more", "less", "fewer", "greater", "smaller", "bigger", "larger", "faster",
    "slower", "cheaper", "dearer", "better", "worse", "above", "below", "up", "down",
];

/// Verbs that say where respondents are or work: "were based in Europe".
const SAMPLE_VERBS: &[&str] = &[
    "based", "located", "headquartered", "employed", "work", "works", "worked", "came", "come",
    "comes", "hail", "hailed",
];

/// Words that name a survey's respondents: the clause must name them for
/// [`RoleRule::SampleDescribed`].
const RESPONDENT_WORDS: &[&str] = &[
    "respondents", "respondent", "surveyed", "polled", "participants", "sample", "interviewees",
    "interviewed", "panel", "questioned",
];

fn in_list(t: &Token, list: &[&str]) -> bool {
    t.is_word() && list.iter().any(|w| t.is(w))
}

/// Where a figure stands: what the change rules read.
struct FigureAt<'s, 'a> {
    /// The sentence.
    s: &'s Sent<'a>,
    /// The figure's token index in it.
    ti: usize,
    /// The article's figures (for units shared across a range); empty when
    /// unknown.
    figures: &'s [Figure],
}

/// What the role rules read about one figure.
struct RoleInput<'s, 'a> {
    /// The sentence.
    pub s: &'s Sent<'a>,
    /// The figure's token index in it.
    pub ti: usize,
    /// The article's figures (for units shared across a range).
    pub figures: &'s [Figure],
    /// The rule that decided the figure's population.
    pub population_rule: PopulationRule,
    /// The rule that decided its subject.
    pub subject_rule: Option<SubjectRule>,
    /// The role of the previous figure of the sentence, if any.
    pub previous: Option<Role>,
}

impl RoleRule {
    /// Applies the rule to a figure; `None` when it does not decide.
    fn apply(self, f: &RoleInput) -> Option<Role> {
        let yes = |b: bool, role: Role| b.then_some(role);
        match self {
            RoleRule::SampleShare => yes(sample_share(f), Role::Sample),
            RoleRule::SampleDescribed => yes(sample_described(f), Role::Sample),
            RoleRule::ChangeNounAfter => yes(change_noun_after(&f.at()), Role::Change),
            RoleRule::ChangeNounBefore => yes(change_noun_before(&f.at()), Role::Change),
            RoleRule::ChangeVerbBefore => yes(change_verb_before(&f.at()), Role::Change),
            RoleRule::ComparativeAfter => yes(comparative_after(&f.at()), Role::Change),
            RoleRule::ListedWith => listed_with(f),
            RoleRule::Level => Some(Role::Finding),
            RoleRule::SharesUnit => None,
        }
    }
}

/// Decides the role of each figure of sentence `s` (by article index in
/// `roles`), in order: a figure listed after another reads its role; then
/// the first number of "15 and 20 percent" takes the next one's.
pub(crate) fn role_sentence(
    s: &Sent,
    figures: &[Figure],
    attributions: &[Option<Attribution>],
    subject_rules: &[Option<SubjectRule>],
    roles: &mut [Option<(Role, RoleRule)>],
) {
    let mut previous = None;
    for &(fi, ti) in &s.figs {
        let population_rule = attributions[fi].as_ref().expect("attributed").rule;
        let input = RoleInput {
            s,
            ti,
            figures,
            population_rule,
            subject_rule: subject_rules[fi],
            previous,
        };
        let decided = decide_role(&input);
        roles[fi] = Some(decided);
        previous = Some(decided.0);
    }
    for &(fi, _) in s.figs.iter().rev() {
        if figures[fi].shares_unit
            && let Some((role, _)) = roles.get(fi + 1).copied().flatten()
        {
            roles[fi] = Some((role, RoleRule::SharesUnit));
        }
    }
}

/// Whether the figure at token `ti` of `s` states a change or a difference
/// ("rose 12%", "grew by 12%", "15% higher than", "a 5% rise", "growth of
/// 6%"), by the change rules alone: attribution asks it before the roles
/// are decided (they read the population). Ranges sharing a unit are not
/// followed here.
pub(crate) fn states_change(s: &Sent, ti: usize) -> bool {
    let at = FigureAt { s, ti, figures: &[] };
    change_verb_before(&at)
        || comparative_after(&at)
        || change_noun_after(&at)
        || change_noun_before(&at)
}

impl<'s, 'a> RoleInput<'s, 'a> {
    /// Where the figure stands.
    fn at(&self) -> FigureAt<'s, 'a> {
        FigureAt { s: self.s, ti: self.ti, figures: self.figures }
    }
}

/// The role of a figure and the rule that decided it: the first rule of
/// [`RoleRule::ALL`] that decides.
fn decide_role(f: &RoleInput) -> (Role, RoleRule) {
    for rule in RoleRule::ALL {
        if let Some(role) = rule.apply(f) {
            return (role, rule);
        }
    }
    unreachable!("a share or a level always decides")
}

fn sample_share(f: &RoleInput) -> bool {
    matches!(f.population_rule, PopulationRule::SampleRole | PopulationRule::InPhrase)
        || matches!(
            f.subject_rule,
            Some(SubjectRule::SampleRole | SubjectRule::SampleShare | SubjectRule::SampleDivided)
        )
}

/// "40% were based in Europe", "55% of respondents work at companies ...":
/// a verb of place or employer right after the figure (and its of-phrase),
/// in a clause that names respondents.
fn sample_described(f: &RoleInput) -> bool {
    let toks = &f.s.toks;
    let from = f.s.phr.clause_start(toks, f.ti);
    let mut k = after_restating(toks, f.ti);
    if toks.get(k).is_some_and(|t| t.is("of")) {
        while k < toks.len() && !clause_punct(&toks[k]) && f.s.phr.tags[k] != Tag::Verb {
            k += 1;
        }
    }
    // "were based", "are located", "work at".
    if toks.get(k).is_some_and(|t| in_list(t, &["were", "are", "was", "is", "all"])) {
        k += 1;
    }
    let place = toks.get(k).is_some_and(|t| in_list(t, SAMPLE_VERBS))
        && toks.get(k + 1).is_some_and(|t| in_list(t, &["in", "at", "for", "from", "by"]));
    let named = toks[from..toks.len().min(k + 1)].iter().any(|t| in_list(t, RESPONDENT_WORDS))
        || (0..from).any(|j| in_list(&toks[j], RESPONDENT_WORDS));
    place && named
}

/// "a 16% increase", "a 5 pct annual rise", "a 16% and an 8% increase":
/// a change noun after the figure, past up to two modifiers and, in a
/// list, past the figures that follow.
fn change_noun_after(f: &FigureAt) -> bool {
    let toks = &f.s.toks;
    let tags = &f.s.phr.tags;
    let mut k = f.ti + 1;
    // "16% and an 8% increase": the list's last figure has the noun.
    loop {
        let mut j = k;
        if toks.get(j).is_some_and(|t| t.is("and") || t.is("or") || t.is_punct(",")) {
            j += 1;
            while toks.get(j).is_some_and(|t| t.is("a") || t.is("an")) {
                j += 1;
            }
            if toks.get(j).is_some_and(|t| t.figure().is_some()) {
                k = j + 1;
                continue;
            }
        }
        break;
    }
    for _ in 0..3 {
        let Some(t) = toks.get(k) else { return false };
        if in_list(t, CHANGE_NOUNS) {
            // "a 5% rise in" or the sentence's end; not "5% fall ill".
            return tags[k] != Tag::Verb || k + 1 == toks.len() || !toks[k + 1].is_word();
        }
        if !matches!(tags[k], Tag::Adj | Tag::Noun | Tag::En) || t.is("of") {
            return false;
        }
        k += 1;
    }
    false
}

/// "growth of 6%", "an increase of about 5 pct".
fn change_noun_before(f: &FigureAt) -> bool {
    let toks = &f.s.toks;
    let j = lead_in(toks, f.ti);
    j >= 2 && toks[j - 1].is("of") && in_list(&toks[j - 2], CHANGE_NOUNS)
}

/// The first token before the figure that is not its qualifier nor the
/// first number of a range sharing its unit ("rose 15 to 20 percent").
fn before_amount(f: &FigureAt) -> usize {
    let toks = &f.s.toks;
    let mut j = lead_in(toks, f.ti);
    if j >= 2
        && (toks[j - 1].is("to") || toks[j - 1].is("and") || toks[j - 1].is_punct("-"))
        && toks[j - 2].figure().is_some_and(|i| f.figures.get(i).is_some_and(|x| x.shares_unit))
    {
        j = lead_in(toks, j - 2);
    }
    j
}

/// Change words that are also particles of other verbs ("made up").
const PARTICLES: &[&str] = &["up", "down", "off"];

/// "40% of the total": an of-phrase after the figure says what it counts.
fn counts_something(f: &FigureAt) -> bool {
    f.s.toks.get(after_restating(&f.s.toks, f.ti)).is_some_and(|t| t.is("of"))
}

/// "rose 12%", "up 8%", "fell by a third", "increased its spending by 12%".
fn change_verb_before(f: &FigureAt) -> bool {
    let toks = &f.s.toks;
    let j = before_amount(f);
    let Some(prev) = j.checked_sub(1).map(|p| &toks[p]) else { return false };
    // "made up 40% of the total", "stump up a third of it": a particle of
    // another verb before a share.
    if in_list(prev, CHANGE_VERBS) {
        return !(in_list(prev, PARTICLES) && counts_something(f));
    }
    // "by": a change verb earlier in the clause ("cut its workforce by 10%").
    prev.is("by")
        && toks[j.saturating_sub(7)..j - 1]
            .iter()
            .rev()
            .take_while(|t| !clause_punct(t) && t.figure().is_none())
            .any(|t| in_list(t, CHANGE_VERBS) && !in_list(t, PARTICLES))
}

/// "10% higher than", "30% more likely", "5 pct up on the year"; not "up to".
fn comparative_after(f: &FigureAt) -> bool {
    let toks = &f.s.toks;
    let k = after_restating(toks, f.ti);
    toks.get(k).is_some_and(|t| in_list(t, COMPARATIVES))
        && !(toks[k].is("up") && toks.get(k + 1).is_some_and(|t| t.is("to")))
}

/// "improving 8% and 3%": right after "and", "or" or a comma that follows
/// a figure of another role than a finding, and counting nothing of its own.
fn listed_with(f: &RoleInput) -> Option<Role> {
    let toks = &f.s.toks;
    let prev = f.previous.filter(|&r| r != Role::Finding)?;
    let j = lead_in(toks, f.ti);
    let joined = j >= 2
        && (toks[j - 1].is("and") || toks[j - 1].is("or") || toks[j - 1].is_punct(","))
        && toks[j - 2].figure().is_some();
    (joined && !counts_something(&f.at())).then_some(prev)
}

#[cfg(test)]
mod tests {
    use super::Role::{self, *};
    use super::RoleRule::{self as R, *};
    use crate::lang::extract::extract_article;

    /// (case, article text, figure, expected role, the rule that decides)
    type Case = (&'static str, &'static str, &'static str, Role, R);

    const CASES: &[Case] = &[
        (
            "sample by department in a parenthesis",
            "We analysed 131 executives (81% in marketing, 19% in IT).",
            "19%",
            Sample,
            SampleShare,
        ),
        (
            "sample share in a parenthesis",
            "A survey of 220 Marketing (42% share) and IT (58%) leaders.",
            "42%",
            Sample,
            SampleShare,
        ),
        (
            "sample by role held",
            "The poll covered 125 customer leaders. One in four boasted marketing titles.",
            "One in four",
            Sample,
            SampleShare,
        ),
        (
            "sample by region",
            "Of those surveyed, 40% were based in Europe.",
            "40%",
            Sample,
            SampleDescribed,
        ),
        (
            "sample by employer size",
            "Some 55% of respondents work at companies with more than 1,000 staff.",
            "55%",
            Sample,
            SampleDescribed,
        ),
        (
            "working somewhere is no sample outside a survey",
            "About 12% of adults work in retail.",
            "12%",
            Finding,
            Level,
        ),
        (
            "change noun after",
            "Marketing budgets saw a 16% increase.",
            "16%",
            Change,
            ChangeNounAfter,
        ),
        (
            "change noun after a modifier",
            "Profits showed a 5 pct annual rise in the year.",
            "5 pct",
            Change,
            ChangeNounAfter,
        ),
        (
            "change noun after a list",
            "These numbers represent a 16% and an 8% increase, respectively.",
            "16%",
            Change,
            ChangeNounAfter,
        ),
        (
            "change noun before",
            "Analysts expect growth of 6% next year.",
            "6%",
            Change,
            ChangeNounBefore,
        ),
        ("change verb", "Sales rose 12% in the quarter.", "12%", Change, ChangeVerbBefore),
        ("change adverb", "Spending was up 8% on last year.", "8%", Change, ChangeVerbBefore),
        (
            "a particle before a share is no change",
            "Marketing made up 40% of the total.",
            "40%",
            Finding,
            Level,
        ),
        (
            "change verb and by",
            "The bank cut its workforce by about 10% last year.",
            "10%",
            Change,
            ChangeVerbBefore,
        ),
        (
            "change verb before a range",
            "Prices rose 15 to 20 percent in March.",
            "20 percent",
            Change,
            ChangeVerbBefore,
        ),
        (
            "a change to a level is a level",
            "The share of CMOs who agree rose to 45% this year.",
            "45%",
            Finding,
            Level,
        ),
        (
            "a change from a level is a level",
            "Some 87% of marketers agree, up from 83% last year.",
            "83%",
            Finding,
            Level,
        ),
        (
            "comparative",
            "Their spending is 15% higher than last year.",
            "15%",
            Change,
            ComparativeAfter,
        ),
        ("more likely", "CMOs are 30% more likely to agree.", "30%", Change, ComparativeAfter),
        (
            "a bound after the figure is no comparative",
            "Some 40% or more of CIOs agree.",
            "40%",
            Finding,
            Level,
        ),
        (
            "listed with a change",
            "Trust grew too, improving 8% and 3%, respectively, this year.",
            "3%",
            Change,
            ListedWith,
        ),
        ("listed with a finding", "Some 45% of CMOs and 30% of CIOs agree.", "30%", Finding, Level),
        ("a share", "Some 45% of CIOs say budgets are tight.", "45%", Finding, Level),
        ("shares its unit", "Prices rose 15 to 20 percent in March.", "15", Change, SharesUnit),
    ];

    #[test]
    fn role_rules() {
        let mut failed = Vec::new();
        for &(name, text, figure, want, rule) in CASES {
            let claims = extract_article(text);
            let Some(c) = claims.iter().find(|c| c.figure.span.slice(text) == figure) else {
                failed.push(format!("case {name:?}: figure {figure:?} not found"));
                continue;
            };
            if (c.role, c.role_rule) != (want, rule) {
                failed.push(format!(
                    "case {name:?}: {:?} by {:?}, want {want:?} by {rule:?}",
                    c.role, c.role_rule
                ));
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
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
        let listed = crate::lang::rule_lists::module_doc(include_str!("role.rs"));
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }

    /// The README's table of rule names lists them all, in order.
    #[test]
    fn readme_lists_the_rules_in_order() {
        let listed = crate::lang::rule_lists::readme_table("| rule (`role_rule`) |");
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }
}
