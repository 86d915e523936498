//! The noun-phrase reader that maps group phrases to populations, from the
//! lexicon classes of their words ([`crate::lang::lexicon`]).
//!
//! A group phrase is a short noun phrase naming people: "CIOs", "senior
//! marketing and IT executives", "respondents in both marketing and IT",
//! "those on the technology side", "global marketing decision makers at B2B
//! brands". Its population comes from the role words it holds (marketing,
//! IT, both), else from a third group or an organisation ("CEOs",
//! "companies": unknown), else it is generic ("respondents"), to be resolved
//! from context by [`crate::lang::attribute`].

use crate::lang::lexicon::{Population, class};
use crate::lang::tokens::{TokKind, Token};

/// What a group phrase says about its population.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupPop {
    /// It names the population.
    Specific(Population),
    /// It names survey takers in general ("respondents", "executives").
    Generic,
}

/// A group phrase found in a token list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Group {
    /// First token of the phrase.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// What it says about the population.
    pub pop: GroupPop,
    /// True when it has only department words and no head noun ("IT", "marketing").
    pub bare: bool,
    /// True when it names an organisation ("companies") rather than people.
    pub organisation: bool,
    /// True when role or department words decided it ("CMOs", "IT leaders",
    /// "CEOs", "both groups"), not a head noun alone or an unknown modifier.
    pub explicit: bool,
    /// True when "both" or "two" decided it ("both sides", "the two
    /// groups") and no role word names a side: it names marketing and IT
    /// only in an article that names each of them.
    pub both_word: bool,
}

/// False when no group phrase can start at token `j`: a cheap test before
/// [`group_at`], which tries every rule. A phrase starts with a count, a
/// lexicon word, or a word right before a head noun ("sales leaders").
pub(crate) fn may_start_group(toks: &[Token], j: usize) -> bool {
    let t = &toks[j];
    let lexicon = |t: &Token| t.lex & class::LEXICON != 0;
    t.kind == TokKind::Number
        || t.lex & (class::FIRST_SPELLING | class::SECOND_SPELLING) != 0
        || lexicon(t)
        || toks.get(j + 1).is_some_and(lexicon)
        || toks.get(j + 2).is_some_and(lexicon)
}

/// True when the word token `t` is in one of the `classes`.
#[inline]
fn lower_in(t: &Token, classes: u32) -> bool {
    t.lex & classes != 0
}

/// True for a word that names a population's department rather than its
/// people: a modifier or a spelling ("marketing", "IT"), not a head ("CIOs").
pub(crate) fn department_word(t: &Token) -> bool {
    lower_in(
        t,
        class::FIRST_WORD | class::SECOND_WORD | class::FIRST_SPELLING | class::SECOND_SPELLING,
    )
}

/// The population a single word names, if any: one of the populations
/// file's heads, modifiers or spellings.
pub(crate) fn side_of(t: &Token) -> Option<Population> {
    if lower_in(t, class::FIRST) {
        Some(Population::First)
    } else if lower_in(t, class::SECOND) {
        Some(Population::Second)
    } else {
        None
    }
}

/// What [`group_at`] has read so far: where it is, where the phrase could
/// end, and what its words say.
#[derive(Default)]
struct Reader {
    /// The next token to read.
    j: usize,
    /// One past the last token that completed the phrase.
    last: Option<usize>,
    /// Head nouns read, and modifiers since the last one.
    heads: usize,
    mods_since_head: usize,
    first: bool,
    second: bool,
    third: bool,
    organisation: bool,
    generic: bool,
    both_word: bool,
    third_modifier: bool,
}

impl Reader {
    /// The phrase names side `p`.
    fn side(&mut self, p: Population) {
        match p {
            Population::First => self.first = true,
            Population::Second => self.second = true,
            _ => {}
        }
    }

    /// Reads past `n` tokens that neither complete the phrase nor modify a head.
    fn skip(&mut self, n: usize) {
        self.j += n;
    }

    /// Reads a head noun of `n` tokens: the phrase is complete after it.
    fn head(&mut self, n: usize) {
        self.heads += 1;
        self.mods_since_head = 0;
        self.complete_at(self.j + n);
    }

    /// Reads a department modifier ("marketing", "IT"): the phrase is
    /// complete after it only when bare words are allowed and no head came.
    fn modifier(&mut self, allow_bare: bool) {
        self.mods_since_head += 1;
        self.j += 1;
        if allow_bare && self.heads == 0 {
            self.last = Some(self.j);
        }
    }

    /// Reads to `end`, where the phrase is complete.
    fn complete_at(&mut self, end: usize) {
        self.j = end;
        self.last = Some(end);
    }
}

/// Reads a group phrase starting at token `i`. With `allow_bare`, department
/// words alone ("IT", "marketing") count as a group.
pub(crate) fn group_at(toks: &[Token], i: usize, allow_bare: bool) -> Option<Group> {
    let mut r = Reader { j: i, ..Reader::default() };
    while r.j < toks.len() {
        let j = r.j;
        let t = &toks[j];
        match t.kind {
            TokKind::Figure(_) => break,
            TokKind::Number => {
                // A count opens a sample statement: "220 marketing leaders".
                let counted = toks[i].kind == TokKind::Number;
                if j == i
                    || toks[i..j].iter().all(|t| lower_in(t, class::NEUTRAL) || t.is("than"))
                    || toks[j - 1].is("than")
                    || toks[j - 1].is("of")
                    || counted && (toks[j - 1].is("and") || toks[j - 1].is_punct("&"))
                {
                    r.skip(1);
                    continue;
                }
                break;
            }
            TokKind::Punct => {
                if (t.text == "&" || t.text == "/") && (r.heads > 0 || r.mods_since_head > 0) {
                    r.skip(1);
                    continue;
                }
                // "sales, marketing and IT leaders": a list of modifiers.
                if t.text == ","
                    && r.mods_since_head > 0
                    && r.heads == 0
                    && toks.get(j + 1).is_some_and(|n| {
                        side_of(n).is_some()
                            || n.is_word()
                                && n.lex == 0
                                && toks.get(j + 2).is_some_and(|m| m.is("and") || m.is("or"))
                    })
                {
                    r.skip(1);
                    continue;
                }
                // "Marketing (42% share) and IT (58%) leaders": skip a parenthesis holding a figure.
                if t.text == "("
                    && r.mods_since_head > 0
                    && let Some(close) = paren_with_figure(toks, j)
                {
                    r.skip(close + 1 - j);
                    continue;
                }
                break;
            }
            TokKind::Word => {}
        }
        // "the more than 800 executives", "the nearly 500 CIOs": a qualifier of the count.
        if r.heads == 0
            && r.mods_since_head == 0
            && COUNT_QUALIFIERS.iter().any(|w| t.is(w))
            && (toks.get(j + 1).is_some_and(|n| n.kind == TokKind::Number)
                || toks.get(j + 1).is_some_and(|n| n.is("than"))
                    && toks.get(j + 2).is_some_and(|n| n.kind == TokKind::Number))
        {
            r.skip(1);
            continue;
        }
        if t.is("and") || t.is("or") {
            // Coordination continues only into another group word.
            let next = toks.get(j + 1);
            let counted =
                toks[i].kind == TokKind::Number && next.is_some_and(|n| n.kind == TokKind::Number);
            let into_group = next.is_some_and(|n| {
                n.is_word()
                    && (side_of(n).is_some()
                        || lower_in(n, class::GENERIC_HEAD)
                        || lower_in(n, class::THIRD_HEAD)
                        || lower_in(n, class::NEUTRAL) && !n.is("a") && !n.is("an") && !n.is("of"))
            });
            // "237 marketing and 211 IT executives": counts coordinate too.
            if (into_group || counted) && (r.heads > 0 || r.mods_since_head > 0) {
                r.skip(1);
                continue;
            }
            break;
        }
        if let Some((n, side)) = multiword_role(toks, j) {
            match side {
                Some(p) => r.side(p),
                None => r.third = true,
            }
            r.head(n);
            continue;
        }
        if lower_in(t, class::FIRST_HEAD | class::SECOND_HEAD) {
            r.side(side_of(t).unwrap());
            r.head(1);
            continue;
        }
        if lower_in(t, class::THIRD_HEAD) {
            r.third = true;
            r.head(1);
            continue;
        }
        if let Some(p) = side_of(t) {
            r.side(p);
            r.modifier(allow_bare);
            continue;
        }
        if lower_in(t, class::GENERIC_HEAD) && !(t.is("decision")) {
            if t.is("makers") && !j.checked_sub(1).is_some_and(|k| toks[k].is("decision")) {
                break;
            }
            if matches!(
                t.text.to_ascii_lowercase().as_str(),
                "groups" | "parties" | "sides" | "functions" | "departments" | "teams"
            ) && toks[i..j].iter().any(|w| w.is("both") || w.is("two"))
            {
                r.both_word = true;
            }
            r.generic = true;
            r.head(1);
            continue;
        }
        if lower_in(t, class::ORGANISATION_HEAD) && r.mods_since_head == 0 {
            r.organisation = true;
            r.head(1);
            continue;
        }
        if r.heads > 0 {
            // After a head: a prepositional phrase may name the side
            // ("respondents in both marketing and IT", "those on the technology side").
            if let Some((end, side)) = side_phrase(toks, j) {
                for p in side {
                    r.side(p);
                }
                r.complete_at(end);
                continue;
            }
            if t.is("surveyed") || t.is("polled") || t.is("questioned") || t.is("interviewed") {
                let mut end = j + 1;
                // "polled by IDC", "surveyed by Forrester and Forbes"
                if toks.get(end).is_some_and(|t| t.is("by")) {
                    let mut k = end + 1;
                    while toks.get(k).is_some_and(|t| {
                        t.is_word() && t.text.starts_with(char::is_uppercase)
                            || t.is("and")
                            || t.is_punct("&")
                    }) {
                        k += 1;
                    }
                    if k > end + 1 {
                        end = k;
                    }
                }
                r.complete_at(end);
                continue;
            }
            if t.is("at") || t.is("in") {
                // "decision makers at B2B brands": an organisation qualifier, not the population.
                let mut k = j + 1;
                while k < toks.len() && lower_in(&toks[k], class::NEUTRAL) {
                    k += 1;
                }
                if k < toks.len() && lower_in(&toks[k], class::ORGANISATION_HEAD) {
                    r.complete_at(k + 1);
                    continue;
                }
            }
            break;
        }
        if lower_in(t, class::NEUTRAL) || t.is("those") || t.is("ones") || demonym(t) {
            r.skip(1);
            continue;
        }
        // "advertising and marketing executives", "sales, marketing and IT
        // leaders": another department coordinated with the side words.
        if t.is_word()
            && t.text.starts_with(|c: char| c.is_lowercase())
            && t.lex == 0
            && toks.get(j + 1).is_some_and(|n| n.is("and") || n.is("or") || n.is_punct(","))
            && toks.get(j + 2).is_some_and(|n| side_of(n).is_some())
        {
            r.third_modifier = true;
            r.mods_since_head += 1;
            r.skip(1);
            continue;
        }

        // A word just before a head of a population: a compound ("job
        // seekers", "knowledge workers").
        if t.is_word()
            && t.text.starts_with(|c: char| c.is_lowercase())
            && !lower_in(t, class::FUNCTION_WORD)
            && noun_like(t)
            && toks.get(j + 1).is_some_and(|n| lower_in(n, class::FIRST_HEAD | class::SECOND_HEAD))
        {
            r.skip(1);
            continue;
        }
        // An unknown word just before a generic head: a third group ("sales leaders").
        if t.is_word()
            && t.text.chars().next().is_some_and(char::is_lowercase)
            && !lower_in(t, class::FUNCTION_WORD)
            && (toks.get(j + 1).is_some_and(|n| lower_in(n, class::GENERIC_HEAD))
                || toks.get(j + 2).is_some_and(|n| {
                    lower_in(n, class::GENERIC_HEAD)
                        && toks[j + 1].is_word()
                        && !lower_in(&toks[j + 1], class::NEUTRAL)
                        && side_of(&toks[j + 1]).is_none()
                        && !lower_in(&toks[j + 1], class::FUNCTION_WORD)
                }))
        {
            r.third_modifier = true;
            r.skip(1);
            continue;
        }
        // "those in marketing", "those on the technology side", and counts
        // of a sample: "300 in marketing and 300 in IT": a head, though
        // modifiers before it still count.
        if (toks[i..j].iter().any(|w| w.is("those"))
            || j > i && toks[j - 1].kind == TokKind::Number && r.heads == 0)
            && let Some((end, side)) = side_phrase(toks, j)
        {
            for p in side {
                r.side(p);
            }
            r.heads += 1;
            r.complete_at(end);
            continue;
        }
        // "those in sales", "those from finance": people by a department
        // the populations file does not name, a third group.
        if toks[i..j].iter().any(|w| w.is("those"))
            && r.heads == 0
            && (t.is("in") || t.is("from") || t.is("within"))
            && toks.get(j + 1).is_some_and(|d| {
                d.is_word()
                    && d.lex == 0
                    && d.text.starts_with(|c: char| c.is_lowercase())
                    && !toks.get(j + 2).is_some_and(|n| n.is_word() && n.lex == 0)
            })
        {
            r.third = true;
            r.heads += 1;
            r.complete_at(j + 2);
            continue;
        }
        break;
    }
    let end = r.last?;
    let pop = if r.first && r.second {
        GroupPop::Specific(Population::Both)
    } else if r.first {
        GroupPop::Specific(Population::First)
    } else if r.second {
        GroupPop::Specific(Population::Second)
    } else if r.both_word {
        GroupPop::Specific(Population::Both)
    } else if r.third || r.organisation || r.third_modifier {
        GroupPop::Specific(Population::Unknown)
    } else if r.generic {
        GroupPop::Generic
    } else {
        return None;
    };
    // Leading neutral words are part of the phrase only when something follows them.
    let first = (i..end).find(|&k| !(toks[k].is("the") || toks[k].is("of"))).unwrap_or(i);
    Some(Group {
        first,
        end,
        pop,
        bare: r.heads == 0,
        organisation: r.organisation && !r.first && !r.second,
        explicit: r.first || r.second || r.third || r.both_word,
        both_word: r.both_word && !r.first && !r.second,
    })
}

/// A word that can be a noun and not a verb ("job", not "put"), by the
/// part-of-speech lexicon; an unknown word counts as a noun.
fn noun_like(t: &Token) -> bool {
    use crate::lang::phrases::{lexicon_pos, pos};
    let bits = lexicon_pos(t.text);
    bits == 0 || bits & pos::NOUN != 0 && bits & (pos::VERB | pos::BASE | pos::EN) == 0
}

/// Words that qualify the count of a sample: "the more than 800
/// executives", "the nearly 500 CIOs".
const COUNT_QUALIFIERS: &[&str] = &[
    "than", "nearly", "almost", "over", "about", "around", "roughly", "approximately", "just",
    "under", "some",
];

/// A capitalised adjective of place or nationality: "Australian",
/// "German", "Japanese", "North American": it qualifies a group without
/// changing its population.
fn demonym(t: &Token) -> bool {
    t.is_word()
        && t.text.starts_with(|c: char| c.is_ascii_uppercase())
        && t.text.len() > 4
        && ["an", "ish", "ese", "ian", "ean", "ch"].iter().any(|e| t.text.ends_with(e))
        && t.lex == 0
}

/// "chief marketing officer(s)", "chief information officers", "decision makers" ...
fn multiword_role(toks: &[Token], j: usize) -> Option<(usize, Option<Population>)> {
    // A role of the populations file: "chief marketing officer".
    if let Some((n, p)) = toks[j].role {
        return Some((usize::from(n), Some(p)));
    }
    // Any other "chief ... officer" or "chief ... executive": a third group.
    if !toks[j].is("chief") {
        return None;
    }
    let third = toks.get(j + 2).filter(|t| t.is_word())?.text.to_ascii_lowercase();
    toks.get(j + 1).filter(|t| t.is_word())?;
    (third.starts_with("officer") || third.starts_with("executive")).then_some((3, None))
}

/// "in (both) marketing (and IT)", "on the technology side", "from both
/// functions": a phrase after a head that names the side. Returns where it
/// ends and the sides it names.
fn side_phrase(toks: &[Token], j: usize) -> Option<(usize, Vec<Population>)> {
    let t = toks.get(j)?;
    // "leaders with marketing, IT or data roles": sides by their roles.
    let with = t.is("with");
    if !(t.is("in") || t.is("on") || t.is("from") || t.is("within") || t.is("of") || with) {
        return None;
    }
    let mut k = j + 1;
    let mut sides = Vec::new();
    let mut both = false;
    while let Some(w) = toks.get(k) {
        // "from marketing, sales and IT": other departments in the list.
        let other_department = w.is_word()
            && w.text.starts_with(|c: char| c.is_lowercase())
            && w.lex == 0
            && toks.get(k + 1).is_some_and(|n| n.is_punct(",") || n.is("and") || n.is("or"))
            && (!sides.is_empty() || toks.get(k + 2).is_some_and(|n| side_of(n).is_some()));
        if let Some(p) = side_of(w) {
            sides.push(p);
        } else if w.is("both") {
            both = true;
        } else if w.is("the")
            || w.is("and")
            || w.is("or")
            || w.is("&")
            || w.is_punct(",")
            || w.is("information")
            || w.is("management")
            || other_department
        {
        } else if with && in_words(w, ROLE_NOUNS) && !sides.is_empty() {
            k += 1;
            break;
        } else if with
            && !sides.is_empty()
            && w.lex == 0
            && w.text.starts_with(|c: char| c.is_lowercase())
            && toks.get(k + 1).is_some_and(|n| in_words(n, ROLE_NOUNS))
        {
            // "with marketing, IT or data roles": the last department of the list.
        } else if (w.is("side")
            || w.is("sides")
            || w.is("functions")
            || w.is("departments")
            || w.is("department")
            || w.is("function")
            || w.is("teams"))
            && (!sides.is_empty() || both)
        {
            k += 1;
            break;
        } else {
            break;
        }
        k += 1;
    }
    // Trim trailing conjunctions and commas.
    while k > j + 1
        && (toks[k - 1].is("and")
            || toks[k - 1].is("or")
            || toks[k - 1].is("the")
            || toks[k - 1].is("&")
            || toks[k - 1].is_punct(","))
    {
        k -= 1;
    }
    // "with" names the sides only with the roles it ends on.
    if with && !in_words(&toks[k - 1], ROLE_NOUNS) {
        return None;
    }
    if sides.is_empty() {
        if both && toks[k - 1].is_word() && !toks[k - 1].is("both") {
            return Some((k, vec![Population::First, Population::Second]));
        }
        return None;
    }
    Some((k, sides))
}

/// Nouns of roles that end "with marketing, IT or data roles".
const ROLE_NOUNS: &[&str] = &["roles", "role", "backgrounds", "titles", "responsibilities"];

fn in_words(t: &Token, list: &[&str]) -> bool {
    t.is_word() && list.iter().any(|w| t.is(w))
}

/// If `toks[open]` is "(" and the parenthesis holds a figure, the index of ")".
pub(crate) fn paren_with_figure(toks: &[Token], open: usize) -> Option<usize> {
    let mut has_figure = false;
    for (k, t) in toks.iter().enumerate().skip(open + 1).take(12) {
        if t.is_punct(")") {
            return has_figure.then_some(k);
        }
        if t.is_punct("(") {
            return None;
        }
        if t.figure().is_some() {
            has_figure = true;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::Lexicon;
    use crate::lang::lexicon::tests::sentence;

    fn read(text: &str) -> Option<(String, GroupPop)> {
        let toks = crate::lang::tokens::tokens_of(text);
        let g = group_at(&toks, 0, false)?;
        Some((text[toks[g.first].span.start..toks[g.end - 1].span.end].to_string(), g.pop))
    }

    #[test]
    fn group_phrases() {
        use GroupPop::*;
        use Population::*;
        let cases: &[(&str, &str, &str, GroupPop)] = &[
            ("role noun", "CIOs think so", "CIOs", Specific(Second)),
            ("marketers", "marketers say", "marketers", Specific(First)),
            (
                "modifier and head",
                "marketing executives consider",
                "marketing executives",
                Specific(First),
            ),
            (
                "tech management",
                "tech management leaders said",
                "tech management leaders",
                Specific(Second),
            ),
            (
                "coordinated modifiers",
                "senior marketing and IT executives say",
                "senior marketing and IT executives",
                Specific(Both),
            ),
            ("coordinated roles", "CMOs and CIOs agree", "CMOs and CIOs", Specific(Both)),
            ("ampersand roles", "CMOs & CIOs believe", "CMOs & CIOs", Specific(Both)),
            (
                "side phrase",
                "respondents in both marketing and IT say",
                "respondents in both marketing and IT",
                Specific(Both),
            ),
            (
                "those on the side",
                "those on the technology side also",
                "those on the technology side",
                Specific(Second),
            ),
            (
                "chief officer",
                "chief information officers agree",
                "chief information officers",
                Specific(Second),
            ),
            (
                "decision makers at brands",
                "global marketing decision makers at B2B brands see",
                "global marketing decision makers at B2B brands",
                Specific(First),
            ),
            (
                "those in a department the file does not name",
                "those in sales, 22% said",
                "those in sales",
                Specific(Unknown),
            ),
            ("generic", "respondents see", "respondents", Generic),
            ("surveyed execs", "surveyed execs say", "surveyed execs", Generic),
            ("both groups", "both groups thinking", "both groups", Specific(Both)),
            ("organisation", "the companies surveyed", "companies surveyed", Specific(Unknown)),
            ("third group", "CEOs lead", "CEOs", Specific(Unknown)),
            ("third group by modifier", "sales leaders say", "sales leaders", Specific(Unknown)),
            ("IT people", "IT people think", "IT people", Specific(Second)),
            (
                "a qualified count",
                "the more than 800 marketing executives surveyed",
                "more than 800 marketing executives surveyed",
                Specific(First),
            ),
            (
                "another department coordinated",
                "advertising and marketing executives say",
                "advertising and marketing executives",
                Specific(First),
            ),
            (
                "a list of departments",
                "sales, marketing and IT leaders agree",
                "sales, marketing and IT leaders",
                Specific(Both),
            ),
            (
                "coordinated counts",
                "237 marketing and 211 IT executives",
                "237 marketing and 211 IT executives",
                Specific(Both),
            ),
            (
                "a place before the head",
                "Australian customer leaders said",
                "Australian customer leaders",
                Specific(Unknown),
            ),
            (
                "sides named by roles",
                "leaders with marketing, IT or data roles agree",
                "leaders with marketing, IT or data roles",
                Specific(Both),
            ),
            (
                "departments in a list",
                "buyers from marketing, sales and IT said",
                "buyers from marketing, sales and IT",
                Specific(Both),
            ),
            (
                "count opens sample",
                "400 marketing director and 250 director in the information technology",
                "400 marketing director and 250 director in the information technology",
                Specific(Both),
            ),
            (
                "sample with shares",
                "220 Marketing (42% share) and IT (58%) leaders",
                "220 Marketing (42% share) and IT (58%) leaders",
                Specific(Both),
            ),
            (
                "organisation after side",
                "B2B businesses reporting",
                "B2B businesses",
                Specific(Unknown),
            ),
            (
                "counts in departments",
                "300 in marketing and 300 in IT",
                "300 in marketing and 300 in IT",
                Specific(Both),
            ),
        ];
        for (name, text, want, pop) in cases {
            let got = read(text);
            assert_eq!(got, Some((want.to_string(), *pop)), "case {name:?}");
        }
    }

    #[test]
    fn not_group_phrases() {
        // "than" qualifies a count ("more than 800 CIOs"), not a group
        // compared: "than marketing directors (57%)" is read by the rules.
        for text in [
            "IT intervention",
            "marketing technology strategies",
            "the leadership",
            "it is",
            "than marketing directors",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn a_sentence_without_core_words_names_no_group(text in sentence()) {
            let lexicon = Lexicon::builtin();
            let toks = crate::lang::tokens::tokenize(&text, crate::span::Span::new(0, text.len()), &[], lexicon);
            if lexicon.core_word_starts(&text).is_empty() {
                proptest::prop_assert!(crate::lang::analysis::mentions(&toks).is_empty(), "{toks:?}");
            }
        }
    }
}
