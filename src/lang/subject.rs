//! Subject phrases: what each figure is about.
//!
//! Each rule is a named value of [`SubjectRule`] with one function, over
//! the sentence's phrase layer ([`crate::lang::phrases`]). A figure is in a
//! parenthesis, followed by the noun phrase it counts ("of CIOs", "of IT
//! budgets"), or neither, and only the rules of its shape apply (the first
//! two apply to all); they are tried in this order, and the first that
//! decides wins (a test checks this list against the enum):
//!
//! 1. `share of the sample by role`: "one in four boasted marketing
//!    titles": the sample the share divides;
//! 2. `likely to`: "A (34%) are more likely than B (24%) to say X": what
//!    they are likely to do, for every figure of the comparison;
//! 3. `restating figure`: "Half (51%) of ...": 51% takes half's subject;
//! 4. `restating the counted phrase`: "nearly half of you (44%)", "half of
//!    the teams, 48%,": the figure takes half's subject;
//! 5. `list in parenthesis`: "(58% vs. 35%)": 35% takes 58%'s;
//! 6. `sample share`: "(42% share)", "(81% in marketing, ...)": the
//!    sample's head noun;
//! 7. `subject of the verb before parenthesis`: "CEOs are most commonly
//!    cited (35%) as ...": CEOs;
//! 8. `what a rate is of`: "report being at risk at a higher percentage
//!    (67%) than ...": being at risk;
//! 9. `compared group`: "That's more than CIOs (35%)", "compared to IT
//!    (41%)": the subject of the statement compared;
//! 10. `cleft`: "it was security that the most respondents (45%) named";
//! 11. `sample divided`: "Respondents included CMOs (50%) and CIOs (50%)":
//!     the sample;
//! 12. `department as subject`: "Marketing (62%) says speed matters":
//!     the predicate;
//! 13. `noun phrase before parenthesis`: "data quality (31%)", back to the
//!     clause boundary or verb before it, unless it names people (and
//!     people named as an answer: "at the top are CFOs (57%)");
//! 14. `passive subject`: "X was cited as a top challenge by CMOs (52%)";
//! 15. `clause after groups`: "For most CMOs (52%) and CIOs (47%), X";
//! 16. `difference`: "10% higher than other companies": the subject of
//!     the figure before it;
//! 17. `clause before share`: "X at 34% of companies";
//! 18. `clause after share`: "In 20% of businesses(,) X";
//! 19. `predicate of share`: "78% of organisations report X": X;
//! 20. `thing and what qualifies it`: "22% of the budget now going to
//!     technology";
//! 21. `what is counted`: "controls 71% of IT budgets in the US": IT
//!     budgets in the US (or, when nothing follows a short phrase, the
//!     previous figure's subject: "and only 31% at B2C brands");
//! 22. `predicate after group`: "N% of GROUP PREDICATE", to the end of its
//!     clause; coordinated groups share it ("70% of A and 59% of B said",
//!     "44% of CMOs vs. 29% of CIOs say");
//! 23. `cited by`: "X was cited by N% of respondents";
//! 24. `clause before`: "X, according to N% of respondents";
//! 25. `points back`: "A number that rises to 41% among their colleagues":
//!     the subject it points back at;
//! 26. `group without predicate`: the previous figure's subject, else the
//!     group;
//! 27. `passive by`: "X was the top priority listed by 6 in 10";
//! 28. `noun the figure modifies`: "a 20% stake in Acme", "its remaining
//!     35 pct holding in the bank": the noun phrase after the figure;
//! 29. `for-phrase`: "from 55% for managing the roadmap to 71% for ...";
//! 30. `change`: "a change from N% to M%": the clause that changed;
//! 31. `after the main clause`: "The index reached a record, up 57.7 pct
//!     from end-June": the index;
//! 32. `change verb`: "Sales rose 12%";
//! 33. `range`: "between 23% and 32%": 32% takes 23%'s subject;
//! 34. `own predicate`: "the study shows 70% see AI as a priority";
//! 35. `clause subject`: "X was 54.5 pct", "X accounts for 27%", "X went
//!     up to 5.5%", "spending rose 1.7 billion dlrs, or 0.4 pct", "At 2.6%,
//!     X remains ...": X (what "that", "a number that", "which" or "the
//!     (comparable) figure (for B)" points back at: the clause before, the
//!     previous figure's subject, the paragraph's last subject);
//!     "cutting production by 10,000 vehicles, or 1.2%": the
//!     object that changes;
//! 36. `noun before preposition`: "NOUN of / between / for N%", else the
//!     subject of the verb before ("growth will be between 4.7% and 4.8%");
//! 37. `noun before a bound`: "inflation below 2%", likewise;
//! 38. `predicate after figure`: "15% are ready for the change";
//! 39. `the rest of the sample`: "Of the remaining 47%, ...": the sample;
//! 40. `label before figure`: "Parent bank dividend 12 pct", "the retail
//!     area, 12.4 pct,";
//! 41. `previous figure's subject`: when no other rule decides.
//!
//! The extractor applies two more, after these:
//!
//! 42. `shares its unit with the next figure`: the first number of "15 and
//!     20 percent" takes the next figure's subject;
//! 43. `linked figure`: a figure with no subject joined to the next by a
//!     range or change word ("from 38 pct in February, only 31 pct") takes
//!     the next figure's subject.

use crate::lang::analysis::{Sent, after_restating, lead_in};
use crate::lang::groups::{GroupPop, group_at, paren_with_figure, side_of};
use crate::lang::phrases::{
    Sense, Tag, VerbGroup, clause_punct, department_alone, modifying_determiner, noun_phrase,
    noun_phrase_simple, people_noun, sample_role,
};
use crate::lang::tokens::{TokKind, Token};
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
    "namely", "especially", "particularly", "mainly", "compared",
];
/// Words of [`BACK_STOPS`] that stop the search whatever their tag.
const NON_VERB_STOPS: &[&str] = &[
    "than", "by", "about", "which", "where", "when", "while", "whereas", "because", "if",
    "according", "versus", "vs.", "vs", "among", "like", "namely", "especially", "particularly",
    "mainly", "likely", "unlikely", "including", "compared",
];
/// Words stripped from either end of a subject.
const EDGE_WORDS: &[&str] = &[
    "and", "or", "but", "also", "only", "just", "such", "as", "like", "these", "those", "which",
    "while", "whereas", "with", "of", "for", "by", "at", "between", "over", "more", "than", "less",
    "fewer", "about", "nearly", "almost", "around", "roughly", "some", "up", "to", "from", "in",
    "on", "approximately", "slightly", "least", "most", "a", "an", "the", "who", "that", "then",
    "so", "yet", "even", "still", "this", "year", "last", "next", "respectively", "against",
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
    "than", "up", "down", "from", "against",
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
fn backward(s: &Sent, end: usize, min: usize) -> Option<(usize, usize)> {
    let toks = &s.toks;
    let tags = &s.phr.tags;
    let mut j = end;
    let quote = |t: &Token| matches!(t.text, "\"" | "“" | "”");
    // A word of the list stops the search unless it is used as a noun ("an
    // interest rate of").
    let stops = |k: usize| {
        let t = &toks[k];
        in_list(t, BACK_STOPS) && (tags[k] != Tag::Noun || NON_VERB_STOPS.iter().any(|w| t.is(w)))
    };
    loop {
        while j > min && (!boundary(&toks[j - 1]) || quote(&toks[j - 1])) && !stops(j - 1) {
            j -= 1;
        }
        // "its Jeep sales, however, rose": a short aside between commas.
        if j >= 2 && j > min + 1 && toks[j - 1].is_punct(",") {
            let open = (j.saturating_sub(5).max(min)..j - 1).rev().find(|&k| toks[k].is_punct(","));
            if let Some(o) = open
                && o > min
                && (o + 1..j - 1).all(|k| {
                    matches!(tags[k], Tag::Adv | Tag::Adj | Tag::En | Tag::Pron | Tag::Verb)
                })
                && matches!(tags[o - 1], Tag::Noun | Tag::Proper)
            {
                j = o;
                continue;
            }
        }
        break;
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

/// The noun phrase that is the subject of a verb at `end`: back to a
/// boundary or to a verb, "that" or a reporting verb ("the Fund estimated
/// world output would grow": "world output").
fn np_before(s: &Sent, end: usize, min: usize) -> Option<(usize, usize)> {
    let tags = &s.phr.tags;
    let (a, b) = backward(s, end, min)?;
    let start = (a..b)
        .rev()
        .find(|&k| {
            matches!(
                tags[k],
                Tag::Verb | Tag::Aux | Tag::Modal | Tag::That | Tag::Ing | Tag::Sub | Tag::Base
            )
        })
        .map_or(a, |k| k + 1);
    trim(&s.toks, start, b)
}

/// Words after a comma that open a reporting tail, not a predicate:
/// "..., says the report".
const REPORTING_TAIL: &[&str] = &[
    "said", "says", "say", "notes", "noted", "added", "adds", "explains", "explained", "told",
    "writes", "wrote", "according", "reports", "reported", "finds", "found", "shows", "showed",
];

fn quote_mark(t: &Token) -> bool {
    matches!(t.text, "\"" | "“" | "”" | "‘" | "’" | "'")
}

/// If `toks[open]` is "(" and the parenthesis closes within a few tokens
/// without a figure ("(CMOs)", "(or client)"), the index of ")".
fn aside(toks: &[Token], open: usize) -> Option<usize> {
    if !toks.get(open)?.is_punct("(") {
        return None;
    }
    for (k, t) in toks.iter().enumerate().skip(open + 1).take(10) {
        if t.is_punct(")") {
            return Some(k);
        }
        if t.figure().is_some() || t.is_punct("(") {
            return None;
        }
    }
    None
}

/// After the comma at `c`, the predicate goes on with the same subject:
/// "say they are at risk, know they need to engage, but have yet to act".
fn continues_predicate(s: &Sent, c: usize) -> bool {
    let toks = &s.toks;
    let mut n = c + 1;
    while toks.get(n).is_some_and(|t| in_list(t, &["but", "and", "or", "yet", "then", "also"])) {
        n += 1;
    }
    let Some(t) = toks.get(n) else { return false };
    let verb = matches!(s.phr.tags[n], Tag::Verb | Tag::Base | Tag::Modal | Tag::Aux)
        && !t.text.contains('\'')
        && !t.text.contains('’');
    if !verb || in_list(t, REPORTING_TAIL) {
        return false;
    }
    // No figure before the clause ends: a new figure is a new claim's clause.
    !toks[n..]
        .iter()
        .take_while(|t| !t.is_punct(",") && !t.is_punct(";"))
        .any(|t| t.figure().is_some())
}

/// After a relative pronoun at `a - 1` ("respondents who characterized
/// their companies as high-performing pointed to ..."), where the main
/// verb starts: the verb group after the relative clause's own.
fn main_verb_after_relative(s: &Sent, a: usize) -> Option<usize> {
    let toks = &s.toks;
    let tags = &s.phr.tags;
    let end = (a..toks.len()).find(|&k| boundary(&toks[k])).unwrap_or(toks.len());
    let own = s.phr.verb_after(a, end)?;
    let main = s.phr.verb_after(own.end, end)?;
    let before = main.first.checked_sub(1)?;
    // "who said their team understood": a noun or pronoun right before the
    // verb is the subject of a clause of its own.
    let opens_clause = matches!(
        tags[before],
        Tag::Pron | Tag::That | Tag::To | Tag::Sub | Tag::Conj | Tag::Noun | Tag::Proper
    ) || matches!(tags[main.first], Tag::Base);
    (!opens_clause).then_some(main.first)
}

/// The predicate starting at token `start`, to the end of its clause.
fn forward(s: &Sent, start: usize) -> Option<(usize, usize)> {
    let toks = &s.toks;
    let mut a = start;
    loop {
        // Time adverbials right after the figure: "92% this year describe".
        if a + 1 < toks.len()
            && (toks[a].is("this") || toks[a].is("last"))
            && (toks[a + 1].is("year") || toks[a + 1].is("month") || toks[a + 1].is("week"))
        {
            a += 2;
            continue;
        }
        // An aside in parentheses: "Chief Marketing Officers (CMOs) don't".
        if let Some(c) = aside(toks, a) {
            a = c + 1;
            continue;
        }
        // A coordinated group: "51% of CTOs & Chief Data Officers (CDOs) lacking".
        if toks.get(a).is_some_and(|t| t.is("and") || t.is("or") || t.is_punct("&"))
            && let Some(g) = group_at(toks, a + 1, false).filter(|g| g.first == a + 1)
        {
            a = g.end;
            continue;
        }
        if toks.get(a).is_some_and(|t| {
            in_list(t, &["each", "alone", "surveyed", "polled", "questioned", "interviewed"])
        }) {
            a += 1;
            continue;
        }
        break;
    }
    if toks.get(a).is_some_and(|t| t.is("who") || t.is("whom") || t.is("that") || t.is("which")) {
        a += 1;
        if let Some(main) = main_verb_after_relative(s, a) {
            a = main;
        }
    }
    // "and compared with nil growth": not a predicate of this figure.
    if toks.get(a).is_some_and(|t| in_list(t, &["compared", "versus", "against", "vs.", "vs"]))
        || toks.get(a).is_some_and(|t| t.is("and") || t.is("or"))
            && toks.get(a + 1).is_some_and(|t| in_list(t, &["compared", "versus", "against"]))
    {
        return None;
    }
    let mut b = a;
    while b < toks.len() {
        let t = &toks[b];
        // "(or client)" inside the predicate; an aside at its end is left out.
        if let Some(c) = aside(toks, b)
            && toks.get(c + 1).is_some_and(|n| !boundary(n) && !n.is_punct("."))
        {
            b = c + 1;
            continue;
        }
        if quote_mark(t) {
            b += 1;
            continue;
        }
        if t.is_punct(",") && continues_predicate(s, b) {
            b += 1;
            continue;
        }
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

/// The noun phrase the figure `ti` counts ("of CIOs", "of IT
/// respondents", "(51%) of them", "of IT budgets"): its first token, its
/// end, and whether a predicate about its members may follow (people,
/// pronouns for people and parts of the sample).
fn group_end(s: &Sent, ti: usize) -> Option<(usize, usize, bool)> {
    let toks = &s.toks;
    let k = after_restating(toks, ti);
    let t = toks.get(k)?;
    let via = ["of", "among", "amongst", "from", "in", "at"].iter().find(|p| t.is(p)).copied();
    let start = if via.is_some() { k + 1 } else { k };
    if let Some(g) = department_alone(toks, &s.phr.tags, start)
        .filter(|_| via == Some("of") || via == Some("in"))
    {
        return Some((start, g.end, true));
    }
    let np = noun_phrase(toks, &s.phr.tags, start)?;
    match (np.sense, np.group) {
        (Sense::People | Sense::Organisation, Some(g))
            if via.is_some() || g.explicit || g.pop == GroupPop::Generic =>
        {
            Some((start, past_post_modifiers(s, g.end), np.sense == Sense::People))
        }
        (Sense::People, None) if via.is_some() || start == ti + 1 => Some((start, np.end, true)),
        (Sense::Anaphor | Sense::Segment, _) if matches!(via, Some("of" | "among" | "amongst")) => {
            Some((start, np.end, true))
        }
        (Sense::Thing | Sense::Organisation, _) if via == Some("of") => {
            Some((start, np.end, false))
        }
        _ => None,
    }
}

/// Prepositions that open a post-modifier of a group phrase:
/// "respondents from large firms", "companies with a dedicated CMO".
const POST_MODIFIER_PREPOSITIONS: &[&str] =
    &["from", "with", "without", "in", "at", "across", "within", "outside"];

/// The end of a group phrase ending at `end` with its post-modifiers
/// ("respondents from large firms said ...") when a verb follows them
/// (after adverbs); else `end`: without a verb after it, a prepositional
/// phrase may as well belong to the clause ("30% of firms in 2020").
fn past_post_modifiers(s: &Sent, end: usize) -> usize {
    let (toks, tags) = (&s.toks, &s.phr.tags);
    let mut j = end;
    while toks.get(j).is_some_and(|t| POST_MODIFIER_PREPOSITIONS.iter().any(|p| t.is(p))) {
        let Some(e) = noun_phrase_simple(toks, tags, j + 1) else { break };
        j = e;
    }
    let mut verb = j;
    while tags.get(verb) == Some(&Tag::Adv) {
        verb += 1;
    }
    if j > end && matches!(tags.get(verb), Some(Tag::Verb | Tag::Aux | Tag::Modal)) {
        j
    } else {
        end
    }
}

/// Words after a figure that make it a difference from another figure:
/// "10% higher than other companies".
const COMPARATIVES: &[&str] =
    &["higher", "lower", "more", "less", "greater", "fewer", "above", "below", "bigger", "smaller"];

/// "A (34%) are more likely than B (24%) to say X", "41% more likely than
/// others to say X": what they are more likely to do, for every figure of
/// the comparison.
fn likely_to(s: &Sent, ti: usize) -> Option<(usize, usize)> {
    let toks = &s.toks;
    // "likely" after the figure, in its clause (parentheses skipped).
    let mut j = ti + 1;
    let mut likely = None;
    while j < toks.len() && j < ti + 14 {
        if toks[j].is_punct(")") || toks[j].is_punct("(") {
            j += 1;
            continue;
        }
        if toks[j].is_punct(",") || toks[j].is_punct(";") || toks[j].is_punct(".") {
            break;
        }
        // "X (30%) and least likely to ...": another clause.
        if (toks[j].is("and") || toks[j].is("or"))
            && !toks.get(j + 1).is_some_and(|n| {
                n.is_word() && s.phr.tags[j + 1] == Tag::Proper || n.figure().is_some()
            })
            && group_at(toks, j + 1, true).is_none()
        {
            break;
        }
        if toks[j].is("likely") || toks[j].is("unlikely") {
            likely = Some(j);
            break;
        }
        j += 1;
    }
    // "Marketers were twice as likely as IT leaders (40%) to cite speed":
    // "likely" before the figure, in its clause.
    let likely = likely.or_else(|| {
        let anchor = paren_around(toks, ti).map_or(ti, |(open, _)| open);
        let from = s.phr.clause_start(toks, anchor);
        let k = (from..ti).rev().find(|&k| toks[k].is("likely") || toks[k].is("unlikely"))?;
        // "most likely to say they have X (30%)": the figure is inside what they are likely to do.
        (!toks[k..anchor].iter().any(|t| t.is("to"))).then_some(k)
    })?;
    // "to VERB" after it, past "than B (24%)".
    let to = (likely.max(ti) + 1..toks.len().min(likely.max(ti) + 14))
        .take_while(|&k| !toks[k].is_punct(",") && !toks[k].is_punct(";"))
        .find(|&k| {
            toks[k].is("to")
                && s.phr.tags.get(k + 1).is_some_and(|t| *t == Tag::Base || *t == Tag::Verb)
        })?;
    forward(s, to + 1)
}

/// A rule that finds a figure's subject. Tried in this order; each applies
/// only to a figure of its shape (in a parenthesis, followed by the phrase
/// it counts, or neither; the first two to any), and the first that decides
/// wins (its subject may be none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubjectRule {
    /// "One in four boasted marketing titles": the sample.
    SampleRole,
    /// "A (34%) are more likely than B (24%) to say X": X.
    LikelyTo,
    /// A figure restating the one right before its parenthesis: its subject.
    RestatingFigure,
    /// "nearly half of you (44%)": the subject of the figure that counts
    /// the phrase before the parenthesis.
    RestatingCounted,
    /// A figure after another in the same parenthesis: its subject.
    ListInParenthesis,
    /// A sample share, "(42% share)", "(81% in marketing, ...)": the
    /// sample's head noun.
    SampleShare,
    /// "CEOs are most commonly cited (35%) as ...": the verb's subject.
    VerbBeforeParenthesis,
    /// "at a much higher percentage (67%) than ...": what the rate is of.
    RateOf,
    /// "more than CIOs (35%)": the subject of the statement compared.
    ComparedGroup,
    /// "it was X that ... (N%)": X.
    Cleft,
    /// "Respondents included CMOs (50%)": the sample.
    SampleDivided,
    /// "Marketing (62%) says X": X.
    DepartmentSubject,
    /// The noun phrase the parenthesis qualifies.
    ParenthesisNoun,
    /// "X was cited ... by GROUP (N%)": X.
    PassiveSubject,
    /// "For most CMOs (52%) and CIOs (47%), X": X.
    ClauseAfterGroups,
    /// "10% higher than other companies": the previous figure's subject.
    Difference,
    /// "X at 34% of companies": X.
    ClauseBeforeShare,
    /// "In 20% of businesses(,) X": X.
    ClauseAfterShare,
    /// "78% of organisations report X": X.
    PredicateOfShare,
    /// "22% of the budget now going to technology": all of it.
    ThingQualified,
    /// "controls 71% of IT budgets in the US": what is counted.
    WhatIsCounted,
    /// "N% of GROUP PREDICATE": the predicate.
    PredicateAfterGroup,
    /// "X was cited by N% of respondents": X.
    CitedBy,
    /// "X, according to N% of respondents": X.
    ClauseBefore,
    /// "A number that rises to 41% among ...": what it points back at.
    PointsBack,
    /// A group and no predicate: the previous figure's subject, else the group.
    GroupWithoutPredicate,
    /// "X was the top priority listed by 6 in 10": X.
    PassiveBy,
    /// "a 20% stake in Acme": the noun phrase the figure modifies.
    ModifiedNoun,
    /// "55% for managing the roadmap": the for-phrase.
    ForPhrase,
    /// "a change from N% to M%": what changed.
    Change,
    /// ", up 57.7 pct from ...": the subject of the sentence's first clause.
    AfterMainClause,
    /// "Sales rose 12%": what changed.
    ChangeVerb,
    /// "between 23% and 32%": the second takes the first's subject.
    Range,
    /// "shows 70% see AI as a priority": the figure's own predicate.
    OwnPredicate,
    /// "X was 54.5 pct", "X accounts for 27%": X.
    ClauseSubject,
    /// "NOUN of / between / for N%": the noun phrase.
    NounBefore,
    /// "council tax rises below 5%": the noun phrase.
    NounBeforeBound,
    /// "N% PREDICATE": the predicate.
    PredicateAfterFigure,
    /// "Of the remaining 47%, ...": the sample the rest is of.
    Remainder,
    /// "Parent bank dividend 12 pct": the noun phrase right before.
    LabelBefore,
    /// The previous figure's subject, when no other rule decides.
    PreviousFigure,
    /// The first number of "15 and 20 percent": the next figure's subject
    /// (the extractor applies it).
    SharesUnit,
    /// A figure with no subject joined to the next by a range or change
    /// word: the next figure's subject (the extractor applies it).
    LinkedFigure,
}

impl SubjectRule {
    /// Every rule, in the order they are tried.
    pub const ALL: [SubjectRule; 43] = [
        SubjectRule::SampleRole,
        SubjectRule::LikelyTo,
        SubjectRule::RestatingFigure,
        SubjectRule::RestatingCounted,
        SubjectRule::ListInParenthesis,
        SubjectRule::SampleShare,
        SubjectRule::VerbBeforeParenthesis,
        SubjectRule::RateOf,
        SubjectRule::ComparedGroup,
        SubjectRule::Cleft,
        SubjectRule::SampleDivided,
        SubjectRule::DepartmentSubject,
        SubjectRule::ParenthesisNoun,
        SubjectRule::PassiveSubject,
        SubjectRule::ClauseAfterGroups,
        SubjectRule::Difference,
        SubjectRule::ClauseBeforeShare,
        SubjectRule::ClauseAfterShare,
        SubjectRule::PredicateOfShare,
        SubjectRule::ThingQualified,
        SubjectRule::WhatIsCounted,
        SubjectRule::PredicateAfterGroup,
        SubjectRule::CitedBy,
        SubjectRule::ClauseBefore,
        SubjectRule::PointsBack,
        SubjectRule::GroupWithoutPredicate,
        SubjectRule::PassiveBy,
        SubjectRule::ModifiedNoun,
        SubjectRule::ForPhrase,
        SubjectRule::Change,
        SubjectRule::AfterMainClause,
        SubjectRule::ChangeVerb,
        SubjectRule::Range,
        SubjectRule::OwnPredicate,
        SubjectRule::ClauseSubject,
        SubjectRule::NounBefore,
        SubjectRule::NounBeforeBound,
        SubjectRule::PredicateAfterFigure,
        SubjectRule::Remainder,
        SubjectRule::LabelBefore,
        SubjectRule::PreviousFigure,
        SubjectRule::SharesUnit,
        SubjectRule::LinkedFigure,
    ];

    /// The rule's name, as the module doc lists it.
    pub const fn name(self) -> &'static str {
        match self {
            SubjectRule::SampleRole => "share of the sample by role",
            SubjectRule::LikelyTo => "likely to",
            SubjectRule::RestatingFigure => "restating figure",
            SubjectRule::RestatingCounted => "restating the counted phrase",
            SubjectRule::ListInParenthesis => "list in parenthesis",
            SubjectRule::SampleShare => "sample share",
            SubjectRule::VerbBeforeParenthesis => "subject of the verb before parenthesis",
            SubjectRule::RateOf => "what a rate is of",
            SubjectRule::ComparedGroup => "compared group",
            SubjectRule::Cleft => "cleft",
            SubjectRule::SampleDivided => "sample divided",
            SubjectRule::DepartmentSubject => "department as subject",
            SubjectRule::ParenthesisNoun => "noun phrase before parenthesis",
            SubjectRule::PassiveSubject => "passive subject",
            SubjectRule::ClauseAfterGroups => "clause after groups",
            SubjectRule::Difference => "difference",
            SubjectRule::ClauseBeforeShare => "clause before share",
            SubjectRule::ClauseAfterShare => "clause after share",
            SubjectRule::PredicateOfShare => "predicate of share",
            SubjectRule::ThingQualified => "thing and what qualifies it",
            SubjectRule::WhatIsCounted => "what is counted",
            SubjectRule::PredicateAfterGroup => "predicate after group",
            SubjectRule::CitedBy => "cited by",
            SubjectRule::ClauseBefore => "clause before",
            SubjectRule::PointsBack => "points back",
            SubjectRule::GroupWithoutPredicate => "group without predicate",
            SubjectRule::PassiveBy => "passive by",
            SubjectRule::ModifiedNoun => "noun the figure modifies",
            SubjectRule::ForPhrase => "for-phrase",
            SubjectRule::Change => "change",
            SubjectRule::AfterMainClause => "after the main clause",
            SubjectRule::ChangeVerb => "change verb",
            SubjectRule::Range => "range",
            SubjectRule::OwnPredicate => "own predicate",
            SubjectRule::ClauseSubject => "clause subject",
            SubjectRule::NounBefore => "noun before preposition",
            SubjectRule::NounBeforeBound => "noun before a bound",
            SubjectRule::PredicateAfterFigure => "predicate after figure",
            SubjectRule::Remainder => "the rest of the sample",
            SubjectRule::LabelBefore => "label before figure",
            SubjectRule::PreviousFigure => "previous figure's subject",
            SubjectRule::SharesUnit => "shares its unit with the next figure",
            SubjectRule::LinkedFigure => "linked figure",
        }
    }

    /// Applies the rule to a figure: `None` when it does not decide, else
    /// the subject it finds (which may be none).
    fn apply(self, f: &Fig) -> Option<Option<Span>> {
        match self {
            SubjectRule::SampleRole => sample_role_subject(f),
            SubjectRule::LikelyTo => likely_to(f.s, f.ti).map(|x| Some(f.span(x))),
            SubjectRule::RestatingFigure => restating_figure(f),
            SubjectRule::RestatingCounted => restating_counted(f),
            SubjectRule::ListInParenthesis => list_in_parenthesis(f),
            SubjectRule::SampleShare => sample_share(f),
            SubjectRule::VerbBeforeParenthesis => verb_before_parenthesis(f),
            SubjectRule::RateOf => {
                let (open, _) = f.parenthesis()?;
                rate_of(f.s, open).map(|x| Some(f.span(x)))
            }
            SubjectRule::ComparedGroup => compared_group(f),
            SubjectRule::Cleft => cleft_subject(f),
            SubjectRule::SampleDivided => sample_divided(f),
            SubjectRule::DepartmentSubject => department_subject(f),
            SubjectRule::ParenthesisNoun => parenthesis_noun(f),
            SubjectRule::PassiveSubject => passive_before_parenthesis(f),
            SubjectRule::ClauseAfterGroups => clause_after_groups(f),
            SubjectRule::Difference => difference(f),
            SubjectRule::ClauseBeforeShare => clause_before_share(f),
            SubjectRule::ClauseAfterShare => clause_after_share(f),
            SubjectRule::PredicateOfShare => predicate_of_share(f),
            SubjectRule::ThingQualified => thing_qualified(f),
            SubjectRule::WhatIsCounted => what_is_counted(f),
            SubjectRule::PredicateAfterGroup => predicate_after_group(f),
            SubjectRule::CitedBy => cited_by(f),
            SubjectRule::ClauseBefore => clause_before(f),
            SubjectRule::PointsBack => points_back(f),
            SubjectRule::GroupWithoutPredicate => group_without_predicate(f),
            SubjectRule::PassiveBy => passive_by(f),
            SubjectRule::ModifiedNoun => modified_noun(f),
            SubjectRule::ForPhrase => {
                let before = f.plain()?;
                let toks = f.toks;
                let gerund = f.s.phr.tags.get(f.ti + 2) == Some(&Tag::Ing);
                let listed = before.is_some_and(|t| t.is("from") || t.is("to"));
                if !toks.get(f.ti + 1).is_some_and(|t| t.is("for")) || !(gerund || listed) {
                    return None;
                }
                for_phrase(f.s, f.ti + 2).map(|x| Some(f.span(x)))
            }
            SubjectRule::Change => change(f),
            SubjectRule::AfterMainClause => after_main_clause(f),
            SubjectRule::ChangeVerb => change_verb(f),
            SubjectRule::Range => range(f),
            SubjectRule::OwnPredicate => own_predicate(f),
            SubjectRule::ClauseSubject => clause_subject_rule(f),
            SubjectRule::NounBefore => noun_before(f, &["of", "between", "by", "at", "for", "in"]),
            SubjectRule::NounBeforeBound => {
                noun_before(f, &["below", "above", "under", "over", "near"])
            }
            SubjectRule::PredicateAfterFigure => {
                f.plain()?;
                forward(f.s, after_restating(f.toks, f.ti)).map(|x| Some(f.span(x)))
            }
            SubjectRule::Remainder => remainder(f),
            SubjectRule::LabelBefore => {
                f.plain()?;
                label_before(f.s, f.lead, f.prev_fig).map(|x| Some(f.span(x)))
            }
            SubjectRule::PreviousFigure => Some(f.ctx.prev),
            // Applied by the extractor, after the sentence's figures.
            SubjectRule::SharesUnit | SubjectRule::LinkedFigure => None,
        }
    }
}

/// What a figure's subject may borrow from outside its own clause.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// The subject of the figure before it in the sentence.
    pub prev: Option<Span>,
    /// The last subject of the sentences before it in the paragraph.
    pub earlier: Option<Span>,
    /// The survey's sample phrase without its count.
    pub sample: Option<Span>,
}

/// The subject of figure `k` of sentence `s` and the rule that found it.
pub(crate) fn subject(s: &Sent, k: usize, ctx: &Context) -> (Option<Span>, SubjectRule) {
    let f = Fig::new(s, k, ctx);
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
    /// Followed by the phrase it counts ("of CIOs", "of IT budgets") that
    /// starts at `start` and ends at `gend`; `end` is past the groups
    /// coordinated with it ("70% of A and 59% of B"); `people` when it
    /// names people (or points at them, or at a part of the sample), not
    /// organisations or things.
    Group { start: usize, gend: usize, end: usize, people: bool },
    /// Neither.
    Plain,
}

/// What the subject rules read about one figure, computed once.
struct Fig<'s, 'a> {
    /// The sentence, its tokens.
    s: &'s Sent<'a>,
    toks: &'s [Token<'a>],
    /// The figure's token, and that of the figure before it in the sentence.
    ti: usize,
    prev_fig: Option<usize>,
    ctx: &'s Context,
    /// The first token of the figure's qualifier.
    lead: usize,
    shape: Shape,
    /// In a parenthesis: the noun phrase before it and whether it names
    /// people, computed on first use.
    noun: OnceCell<Option<((usize, usize), bool)>>,
}

impl<'s, 'a> Fig<'s, 'a> {
    fn new(s: &'s Sent<'a>, k: usize, ctx: &'s Context) -> Self {
        let toks = &s.toks[..];
        let ti = s.figs[k].1;
        let shape = if let Some((open, close)) = paren_around(toks, ti) {
            Shape::Parenthesis { open, close }
        } else if let Some((start, gend, people)) = group_end(s, ti) {
            let mut j = gend;
            // Appositions and coordinated groups share the predicate:
            // "half of CIOs, 49 percent, complain"; "70% of A and 59% of B
            // said"; "44% of CMOs vs. 29% of CIOs say".
            loop {
                if toks.get(j).is_some_and(|t| t.is_punct(","))
                    && toks.get(j + 1).is_some_and(|t| t.figure().is_some())
                    && toks.get(j + 2).is_some_and(|t| t.is_punct(","))
                {
                    j += 3;
                    continue;
                }
                // "14% of CIOs, versus 31% of CMOs, said ...": the other
                // side's share set off by commas.
                if toks.get(j).is_some_and(|t| t.is_punct(","))
                    && toks.get(j + 1).is_some_and(|t| {
                        t.is("versus") || t.is("vs.") || t.is("vs") || t.is("against")
                    })
                    && toks.get(j + 2).is_some_and(|t| t.figure().is_some())
                    && let Some((_, e2, _)) = group_end(s, j + 2)
                    && toks.get(e2).is_some_and(|t| t.is_punct(","))
                {
                    j = e2 + 1;
                    continue;
                }
                // "a third of marketers (36%) and a quarter of IT leaders
                // (25%) plan ...": a figure restating the share, before
                // the next share of the coordination.
                if toks.get(j).is_some_and(|t| t.is_punct("("))
                    && let Some(close) = paren_with_figure(toks, j)
                    && toks.get(close + 1).is_some_and(|t| t.is("and") || t.is("or"))
                    && toks.get(close + 2).is_some_and(|t| t.figure().is_some())
                {
                    j = close + 1;
                    continue;
                }
                if toks.get(j).is_some_and(|t| {
                    t.is("and") || t.is("or") || t.is("vs.") || t.is("vs") || t.is("versus")
                }) && toks.get(j + 1).is_some_and(|t| t.figure().is_some())
                    && let Some((_, e2, _)) = group_end(s, j + 1)
                {
                    j = e2;
                    continue;
                }
                break;
            }
            Shape::Group { start, gend, end: j, people }
        } else {
            Shape::Plain
        };
        Fig {
            s,
            toks,
            ti,
            prev_fig: k.checked_sub(1).map(|p| s.figs[p].1),
            ctx,
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
            let np = backward(self.s, open, 0)?;
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
                    .any(|t| in_list(t, QUANTITY_OF_PEOPLE))
                // "the “totally partnered” respondents": quotes the group reader stops at.
                || toks[np.0..np.1].iter().any(quote_mark) && people_noun(&toks[np.1 - 1]);
            Some((np, names_people && !in_list_of))
        })
    }

    /// Where the run of "X (N%), Y (M%) and Z (K%)" that ends with the
    /// figure's parenthesis starts.
    fn run_start(&self) -> Option<usize> {
        let ((np0, _), _) = self.noun()?;
        let toks = self.toks;
        let mut start = np0;
        while start >= 2
            && (toks[start - 1].is("and")
                || toks[start - 1].is("or")
                || toks[start - 1].is_punct(","))
            && toks[start - 2].is_punct(")")
        {
            let Some(o) = (0..start - 2).rev().find(|&j| toks[j].is_punct("(")) else { break };
            let Some(before) = backward(self.s, o, 0) else { break };
            start = before.0;
        }
        Some(start)
    }

    /// Groups counted inside the parenthesis: "(24% of marketers, 30% of IT)".
    fn groups_inside(&self) -> bool {
        group_end(self.s, self.ti).is_some_and(|(_, _, people)| people)
    }

    /// Followed by the phrase it counts: (start, end of the phrase, end
    /// of the coordination, people).
    fn group(&self) -> Option<(usize, usize, usize, bool)> {
        match self.shape {
            Shape::Group { start, gend, end, people } => Some((start, gend, end, people)),
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

/// `share of the sample by role`: "One in four boasted marketing titles".
fn sample_role_subject(f: &Fig) -> Option<Option<Span>> {
    let sample = f.ctx.sample?;
    sample_role(f.toks, &f.s.phr.tags, f.ti).map(|_| Some(sample))
}

/// `restating figure`: "Half (51%) of ...": 51% is about what half is.
fn restating_figure(f: &Fig) -> Option<Option<Span>> {
    let (open, _) = f.parenthesis()?;
    f.prev_fig.is_some_and(|p| p + 1 == open).then_some(f.ctx.prev)
}

/// `restating the counted phrase`: "nearly half of you (44%) are ...",
/// "half of the teams, 48%, now report ...".
fn restating_counted(f: &Fig) -> Option<Option<Span>> {
    let p = f.prev_fig?;
    let toks = f.toks;
    // "(44%)", or ", 48%," in apposition: "half of marketing teams, 48%, now report".
    let open = match f.parenthesis() {
        Some((open, _)) => open,
        None if f.lead > 0
            && toks[f.lead - 1].is_punct(",")
            && toks.get(f.ti + 1).is_some_and(|t| t.is_punct(",")) =>
        {
            f.lead - 1
        }
        None => return None,
    };
    group_end(f.s, p).is_some_and(|(_, end, _)| end == open).then_some(f.ctx.prev)
}

/// `list in parenthesis`: "(58% vs. 35%)": the second is about the first's subject.
fn list_in_parenthesis(f: &Fig) -> Option<Option<Span>> {
    let (open, _) = f.parenthesis()?;
    (f.prev_fig.is_some_and(|p| p > open) && f.ctx.prev.is_some()).then_some(f.ctx.prev)
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
            && crate::lang::groups::department_word(&toks[open - 1])
            && (open == 1 || !toks[open - 2].is_word() || toks[open - 2].is("and"));
    if !breakdown {
        return None;
    }
    if open > 0 && people_noun(&toks[open - 1]) {
        return Some(Some(toks[open - 1].span));
    }
    let head = toks[close + 1..toks.len().min(close + 10)].iter().find(|t| people_noun(t))?;
    Some(Some(head.span))
}

/// `subject of the verb before parenthesis`: "CEOs are most commonly cited
/// (35%) as the full owner": CEOs.
fn verb_before_parenthesis(f: &Fig) -> Option<Option<Span>> {
    let (open, _) = f.parenthesis()?;
    let tags = &f.s.phr.tags;
    if open == 0 || !matches!(tags[open - 1], Tag::En | Tag::Verb) || f.groups_inside() {
        return None;
    }
    let from = f.s.phr.clause_start(f.toks, open - 1);
    f.s.phr.verbs.iter().find(|v| v.end == open && v.first > from)?;
    // "CEOs are most commonly cited": the subject ends at the clause's first verb.
    let first = (from..open).find(|&k| matches!(tags[k], Tag::Aux | Tag::Verb | Tag::Modal))?;
    trim(f.toks, from, first).map(|x| Some(f.span(x)))
}

/// Words that make a noun phrase a measure rather than people compared:
/// "more than twice the proportion of respondents (58% vs. 27%)".
const MEASURES: &[&str] = &["proportion", "share", "percentage", "number", "twice"];

/// `compared group`: "That's significantly more than CIOs (35%)",
/// "compared to IT (41%)": the subject of the statement compared, the
/// figure's before it or the last one before the sentence.
fn compared_group(f: &Fig) -> Option<Option<Span>> {
    let ((np0, np1), _) = f.noun()?;
    let toks = f.toks;
    let start = f.run_start()?;
    let before = start.checked_sub(1).map(|b| &toks[b]);
    let compared = before
        .is_some_and(|t| t.is("than") || t.is("versus") || t.is("vs.") || t.is("vs"))
        || start >= 2
            && (toks[start - 1].is("to") || toks[start - 1].is("with"))
            && toks[start - 2].is("compared");
    let measure = toks[np0..np1].iter().any(|t| in_list(t, MEASURES));
    let earlier = f.ctx.prev.or(f.ctx.earlier);
    (compared && !measure && earlier.is_some()).then_some(earlier)
}

/// `cleft`: "it was human experience that the most respondents (35%) placed".
fn cleft_subject(f: &Fig) -> Option<Option<Span>> {
    let (open, _) = f.parenthesis()?;
    let (_, people) = f.noun()?;
    if !people {
        return None;
    }
    cleft(f.toks, open).map(|x| Some(f.span(x)))
}

/// People named as an answer, after a verb: "at the top are CFOs (57%)".
fn answer(f: &Fig) -> Option<usize> {
    let start = f.run_start()?;
    (start > 0
        && matches!(f.s.phr.tags[start - 1], Tag::Aux | Tag::Verb | Tag::En)
        && !f.groups_inside())
    .then_some(start)
}

/// Verbs by which a sample is divided: "Respondents included CMOs (50%)".
const DIVIDING_VERBS: &[&str] =
    &["included", "include", "includes", "comprised", "comprise", "comprises", "were", "are"];

/// `sample divided`: "Respondents included CMOs (50%) and CIOs (50%)": the sample.
fn sample_divided(f: &Fig) -> Option<Option<Span>> {
    let (_, people) = f.noun()?;
    let start = answer(f)?;
    if !people || !in_list(&f.toks[start - 1], DIVIDING_VERBS) {
        return None;
    }
    let v = f.s.phr.verbs.iter().find(|v| v.end == start)?;
    let x = trim(f.toks, f.s.phr.clause_start(f.toks, v.first), v.first)?;
    f.toks[x.0..x.1].iter().any(people_noun).then(|| Some(f.span(x)))
}

/// `department as subject`: "Marketing (62%) says speed matters most".
fn department_subject(f: &Fig) -> Option<Option<Span>> {
    let (_, close) = f.parenthesis()?;
    let ((np0, np1), _) = f.noun()?;
    let verb_after = matches!(f.s.phr.tags.get(close + 1), Some(Tag::Verb | Tag::Aux | Tag::Modal));
    if np1 - np0 != 1 || side_of(&f.toks[np0]).is_none() || !verb_after {
        return None;
    }
    forward(f.s, close + 1).map(|x| Some(f.span(x)))
}

/// `noun phrase before parenthesis`: "data quality (31%)", unless it names
/// people who are not named as an answer.
fn parenthesis_noun(f: &Fig) -> Option<Option<Span>> {
    let (np, people) = f.noun()?;
    // "More partnered respondents (24% of marketers, 30% of IT) named ...":
    // the parenthesis divides the people before it.
    if f.groups_inside() && people_noun(&f.toks[np.1 - 1]) {
        return None;
    }
    (!people || answer(f).is_some()).then(|| Some(f.span(np)))
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
    after_groups(f.s, close).map(|x| Some(f.span(x)))
}

/// `difference`: "10% higher than other companies": the figure it differs from.
fn difference(f: &Fig) -> Option<Option<Span>> {
    if f.parenthesis().is_some() || f.ctx.prev.is_none() {
        return None;
    }
    let toks = f.toks;
    (toks.get(f.ti + 1).is_some_and(|t| in_list(t, COMPARATIVES))
        && toks.get(f.ti + 2).is_some_and(|t| t.is("than")))
    .then_some(f.ctx.prev)
}

/// `clause before share`: "at 34 percent of the companies": the clause before.
fn clause_before_share(f: &Fig) -> Option<Option<Span>> {
    let (_, _, _, false) = f.group()? else { return None };
    let (toks, li) = (f.toks, f.lead);
    if f.ti > 0 && li > 0 && in_list(&toks[li - 1], &["at", "in", "for", "on"]) {
        return backward(f.s, li - 1, 0).map(|x| Some(f.span(x)));
    }
    None
}

/// `clause after share`: "in 20% of businesses(,) there are ...": the
/// clause after a share of organisations that opens its clause.
fn clause_after_share(f: &Fig) -> Option<Option<Span>> {
    let (start, _, end, people) = f.group()?;
    let (toks, li, phr) = (f.toks, f.lead, &f.s.phr);
    // People: only in a fronted phrase closed by a comma, "For 37% of
    // CMOs, brand safety is the top concern".
    if people
        && !(li >= 1
            && group_at(toks, start, true).is_some()
            && in_list(&toks[li - 1], &["for", "to", "among", "amongst", "in", "at"])
            && li - 1 == phr.clause_start(toks, f.ti)
            && toks.get(end).is_some_and(|t| t.is_punct(",")))
    {
        return None;
    }
    let opens = |k: usize| {
        k == phr.clause_start(toks, f.ti)
            || k >= 1 && matches!(phr.tags[k - 1], Tag::That | Tag::Sub | Tag::Conj)
    };
    let fronted = opens(li) || li >= 1 && phr.tags[li - 1] == Tag::Prep && opens(li - 1);
    let comma = toks.get(end).is_some_and(|t| t.is_punct(","));
    let clause_follows =
        comma || matches!(phr.tags.get(end), Some(Tag::Det | Tag::Pron | Tag::Noun | Tag::Proper));
    if !(fronted && clause_follows) {
        return None;
    }
    forward(f.s, if comma { end + 1 } else { end }).map(|x| Some(f.span(x)))
}

/// `predicate of share`: "78% of organisations report ...", "28 per cent
/// of B2B businesses reporting ...": the predicate.
fn predicate_of_share(f: &Fig) -> Option<Option<Span>> {
    let (start, _, end, false) = f.group()? else { return None };
    let phr = &f.s.phr;
    // "of firms now expect": adverbs before the verb.
    let mut verb_at = end;
    while phr.tags.get(verb_at) == Some(&Tag::Adv) {
        verb_at += 1;
    }
    let finite = phr.verb_after(verb_at, verb_at + 1).is_some();
    let participle = phr.tags.get(end) == Some(&Tag::Ing);
    let organisations = group_at(f.toks, start, false).is_some();
    if !(finite || participle && organisations) {
        return None;
    }
    let x = forward(f.s, end)?;
    // "10 pct of the old bridge remained": a lone verb names nothing; the
    // share of the thing that did it does.
    if x.1 - x.0 == 1 && !organisations {
        return trim(f.toks, start, x.1).map(|x| Some(f.span(x)));
    }
    Some(Some(f.span(x)))
}

/// `thing and what qualifies it`: "22 per cent of global marketing budget
/// now going to technology".
fn thing_qualified(f: &Fig) -> Option<Option<Span>> {
    let (start, _, end, false) = f.group()? else { return None };
    let tags = &f.s.phr.tags;
    let qualified = tags.get(end) == Some(&Tag::Ing)
        || tags.get(end) == Some(&Tag::Adv) && tags.get(end + 1) == Some(&Tag::Ing);
    if !qualified {
        return None;
    }
    forward(f.s, start).map(|x| Some(f.span(x)))
}

/// `what is counted`: "controls 71% of IT budgets in the US"; "and only
/// 31 per cent at B2C brands.", a short phrase with nothing after, is
/// about the previous figure's subject.
fn what_is_counted(f: &Fig) -> Option<Option<Span>> {
    let (start, _, end, false) = f.group()? else { return None };
    if forward(f.s, end).is_none() && f.ctx.prev.is_some() && end - start <= 2 {
        return Some(f.ctx.prev);
    }
    Some(trim(f.toks, start, end).map(|x| f.span(x)))
}

/// `predicate after group`: "55% of CIOs say budgets are too tight".
fn predicate_after_group(f: &Fig) -> Option<Option<Span>> {
    let (_, _, mut j, true) = f.group()? else { return None };
    let toks = f.toks;
    // "two-thirds of all respondents (64%) believe": skip the restating figure.
    if toks.get(j).is_some_and(|t| t.is_punct("("))
        && let Some(close) = paren_with_figure(toks, j)
    {
        j = close + 1;
    }
    // "72% of the CIOs we spoke to had ...": a relative clause without
    // "who" or "that" (a pronoun, its verb, a preposition) before the
    // group's own verb.
    let phr = &f.s.phr;
    if toks.get(j).is_some_and(|t| in_list(t, &["we", "i", "you", "they"]))
        && let Some(v) = phr.verb_after(j + 1, j + 3).filter(|v| v.first == j + 1)
    {
        let mut k = v.end;
        while toks.get(k).is_some_and(|t| phr.tags[k] == Tag::Prep || t.is("to")) {
            k += 1;
        }
        if phr.verb_after(k, k + 2).is_some_and(|w| w.first == k) {
            j = k;
        }
    }
    forward(f.s, j).map(|x| Some(f.span(x)))
}

/// `cited by`: "X was cited by 44% of respondents": X.
fn cited_by(f: &Fig) -> Option<Option<Span>> {
    let (_, _, _, true) = f.group()? else { return None };
    let (toks, li) = (f.toks, f.lead);
    if li > 0 && toks[li - 1].is("by") {
        return passive_subject(toks, li - 1).map(|x| Some(f.span(x)));
    }
    None
}

/// `clause before`: "For CMOs, the biggest frustration is ..., according
/// to 45% of respondents": the clause before the comma; "X was the top
/// concern for 52% of CIOs": X, the subject of the copula before "for".
fn clause_before(f: &Fig) -> Option<Option<Span>> {
    let (_, _, _, true) = f.group()? else { return None };
    let (toks, li) = (f.toks, f.lead);
    let according = li > 1 && toks[li - 1].is("to") && toks[li - 2].is("according");
    // "Security was the top concern for 52% of CIOs": what the copula's
    // subject is for them ("account for 38%" is no copula).
    if li > 1 && toks[li - 1].is("for") {
        let start = f.s.phr.clause_start(toks, li - 1);
        if start >= li - 1 {
            return None;
        }
        // A copula, not an auxiliary ("is offering 48 dlrs for 89 pct").
        let copula = (start + 1..li - 1).find(|&k| {
            f.s.phr.tags[k] == Tag::Aux
                && in_list(&toks[k], &["is", "was", "are", "were", "remains", "remained"])
                && !matches!(
                    f.s.phr.tags.get(k + 1),
                    Some(Tag::Verb | Tag::Ing | Tag::En | Tag::Base)
                )
        })?;
        return trim(toks, start, copula).map(|x| Some(f.span(x)));
    }
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

/// `points back`: "A number that rises to 41% among their data analyst
/// colleagues": what "a number" stands for.
fn points_back(f: &Fig) -> Option<Option<Span>> {
    let (_, _, _, true) = f.group()? else { return None };
    let x = clause_subject(f.s, f.ti, f.lead, f.prev_fig, false)?;
    anaphor_resolved(f.s, x, f.ctx.earlier).map(Some)
}

/// `group without predicate`: "and 40% of CMOs.": the previous figure's
/// subject; else, "owns 55 pct of Quebecor", what is counted.
fn group_without_predicate(f: &Fig) -> Option<Option<Span>> {
    let (start, gend, _, true) = f.group()? else { return None };
    Some(f.ctx.prev.or_else(|| trim(f.toks, start, gend).map(|x| f.span(x))))
}

/// `passive by`: "delivering a better experience was the top priority
/// listed by 6 in 10 outperformers", "X was a priority, but was cited by
/// fewer than 4 in 10": X.
fn passive_by(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    if !before.is_some_and(|t| t.is("by")) {
        return None;
    }
    passive_subject(f.toks, f.lead - 1).map(|x| Some(f.span(x)))
}

/// Words that make the figure the end point of a change or a comparison.
const CHANGE_POINTS: &[&str] = &["from", "to", "than", "versus", "vs.", "compared"];

/// Verbs whose object is what changes: "raised its stake to 20%".
const TRANSITIVE_CHANGE: &[&str] = &[
    "raise", "raised", "raises", "raising", "increase", "increased", "increases", "increasing",
    "lift", "lifted", "lifts", "lifting", "boost", "boosted", "boosts", "boosting", "cut", "cuts",
    "cutting", "lower", "lowered", "lowers", "lowering", "reduce", "reduced", "reduces",
    "reducing", "trim", "trimmed", "trims", "trimming", "hike", "hiked", "hikes", "revise",
    "revised", "revises", "bring", "brought", "brings", "take", "took", "takes", "taking", "push",
    "pushed", "pushes", "expand", "expanded", "expands", "double", "doubled",
];

/// Words before "to" or "from" in a change that are not its subject.
const CHANGE_WORDS: &[&str] = &[
    "up", "down", "dropped", "fell", "rose", "grew", "increased", "decreased", "declined",
    "jumped", "climbed", "slipped", "compared", "from", "to", "went", "go", "goes", "gone", "came",
    "come", "reduced", "cut", "raised", "lowered", "shot", "moved", "slid", "edged", "eased",
    "soared", "plunged",
];

/// `change`: "dropped from 23% in 2020 to 12%", "up from 83% last year":
/// the clause that changed, or the previous figure's subject; "versus 65%
/// centralised and 27% federated": the word the figure qualifies.
fn change(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    let (toks, li, ti) = (f.toks, f.lead, f.ti);
    let compared_with = before.is_some_and(|t| t.is("with"))
        && li >= 2
        && in_list(&toks[li - 2], &["compared", "comparison", "contrast"]);
    if !(before.is_some_and(|t| in_list(t, CHANGE_POINTS)) || compared_with) {
        return None;
    }
    // "65% centralised and 27% federated", "a 15 to 20 pct audience share"
    // (not "23 pct effective from June 15").
    let elliptic = toks.get(ti + 1).is_some_and(|t| t.is_word())
        && match f.s.phr.tags.get(ti + 1) {
            Some(Tag::Noun) => true,
            Some(Tag::Adj | Tag::En | Tag::Verb) => toks.get(ti + 2).is_none_or(|n| {
                n.kind == TokKind::Punct
                    || n.is("and")
                    || n.is("or")
                    || n.is("than")
                    || n.figure().is_some()
            }),
            _ => false,
        };
    if elliptic && let Some(x) = forward(f.s, ti + 1) {
        return Some(Some(f.span(x)));
    }
    let mut b = li - 1;
    while b > 0 && in_list(&toks[b - 1], CHANGE_WORDS) {
        b -= 1;
    }
    if before.is_some_and(|t| t.is("to"))
        && f.prev_fig.is_some_and(|p| toks[p..li].iter().any(|t| t.is("from")))
    {
        return Some(f.ctx.prev);
    }
    let stop = f.prev_fig.map_or(0, |p| p + 1);
    // What changed is the whole clause subject, verbs and all: "the share
    // of marketers who said so rose to 45%".
    let mut a = b;
    while a > stop && !boundary(&toks[a - 1]) {
        a -= 1;
    }
    // "raised its lending rate to 7 pct": what the verb changed, its object
    // (not when a change verb of its own stands before the figure).
    if b == li - 1
        && let Some(v) = (a..b).rev().find(|&k| {
            in_list(&toks[k], TRANSITIVE_CHANGE)
                && matches!(f.s.phr.tags[k], Tag::Verb | Tag::Base | Tag::Ing | Tag::En)
        })
        && (v + 1..b).any(|k| matches!(f.s.phr.tags[k], Tag::Noun | Tag::Proper))
        && (v + 1..b).all(|k| !matches!(f.s.phr.tags[k], Tag::Verb | Tag::Aux | Tag::Modal))
        && let Some(x) = trim(toks, v + 1, b)
    {
        return Some(Some(f.span(x)));
    }
    if let Some(x) = trim(toks, a, b)
        && !(toks[x.0..x.1].len() <= 2 && f.ctx.prev.is_some())
    {
        return Some(anaphor_resolved(f.s, x, f.ctx.earlier).or(Some(f.span(x))));
    }
    // "voter turnout, which fell to 59%": the relative's antecedent.
    if a + 1 == b && in_list(&toks[a], &["which", "who"]) && a >= 1 && toks[a - 1].is_punct(",") {
        return Some(np_before(f.s, a - 1, stop).map(|x| f.span(x)).or(f.ctx.prev));
    }
    Some(f.ctx.prev)
}

/// `noun the figure modifies`: "a 20% stake in Acme", "its remaining 35
/// pct holding in the bank": the noun phrase after the figure.
fn modified_noun(f: &Fig) -> Option<Option<Span>> {
    f.plain()?;
    let (toks, tags) = (f.toks, &f.s.phr.tags);
    modifying_determiner(toks, tags, f.lead)?;
    let np = noun_phrase(toks, tags, f.ti + 1).filter(|np| {
        np.first == f.ti + 1
            && matches!(np.sense, Sense::Thing | Sense::Segment)
            && matches!(tags[np.head], Tag::Noun | Tag::Proper)
    })?;
    // "a 2.7 pct decrease from the previous month": a change says what
    // changed only with a modifier ("a 9 pct rise in profits", "a five pct
    // economic growth").
    if np.first == np.head && np.end == np.head + 1 && in_list(&toks[np.head], CHANGE_NOUNS) {
        return None;
    }
    let mut end = np.end;
    // "an increase in the number of messages", "a 5/8 pct management and
    // underwriting fee", "a seven pct coupon and par pricing".
    loop {
        let more = match toks.get(end) {
            Some(t) if t.is("of") => noun_phrase_simple(toks, tags, end + 1),
            Some(t) if t.is("and") || t.is("or") => noun_phrase(toks, tags, end + 1)
                .filter(|n| n.first == end + 1 && n.sense == Sense::Thing && n.group.is_none())
                .map(|n| n.end),
            _ => None,
        };
        match more {
            Some(e) if e > end + 1 => end = e,
            _ => break,
        }
    }
    trim(toks, np.first, end).map(|x| Some(f.span(x)))
}

/// Nouns of a change, which need what changed after them.
const CHANGE_NOUNS: &[&str] = &[
    "rise", "rises", "increase", "increases", "decrease", "decreases", "fall", "falls", "drop",
    "drops", "gain", "gains", "decline", "declines", "cut", "cuts", "jump", "jumps", "reduction",
    "reductions", "growth", "hike", "hikes", "improvement", "loss", "losses", "surge", "slump",
    "advance", "climb", "change", "shift", "swing",
];

/// `the rest of the sample`: "Of the remaining 47%, most ...", "the
/// other 40%.": a remainder with no predicate of its own is a part of the
/// sample (else of what the figure before it divides).
fn remainder(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()??;
    if !in_list(before, &["remaining", "other", "rest"]) {
        return None;
    }
    let after = f.toks.get(f.ti + 1);
    if !after.is_none_or(|t| t.kind == TokKind::Punct) {
        return None;
    }
    Some(f.ctx.sample.or(f.ctx.prev).or(f.ctx.earlier))
}

/// `after the main clause`: "The index reached a record, up 57.7 pct from
/// end-June": what the sentence's first clause is about.
fn after_main_clause(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    let (toks, li) = (f.toks, f.lead);
    if !(before.is_some_and(|t| t.is("up") || t.is("down"))
        && li >= 2
        && toks[li - 2].is_punct(","))
    {
        return None;
    }
    let v = f.s.phr.verb_after(0, li - 2)?;
    backward(f.s, v.first, 0).map(|x| Some(f.span(x)))
}

/// `change verb`: "Sales rose 12%", "revenue fell by 3%": what changed.
fn change_verb(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    let (toks, li) = (f.toks, f.lead);
    let verb_at =
        if before.is_some_and(|t| t.is("by")) { li.checked_sub(2) } else { li.checked_sub(1) };
    let v = verb_at.filter(|&v| in_list(&toks[v], CHANGE_VERBS))?;
    // The subject ends where the verb group starts ("has fallen", "will rise").
    let first = f.s.phr.verbs.iter().find(|g| g.end == v + 1).map_or(v, |g| g.first);
    let first = before_infinitive(f.s, first);
    np_before(f.s, first, f.prev_fig.map_or(0, |p| p + 1)).map(|x| Some(f.span(x)))
}

/// `range`: "between 23% and 32%": the second is about the first's subject.
fn range(f: &Fig) -> Option<Option<Span>> {
    let before = f.plain()?;
    let toks = f.toks;
    (before.is_some_and(|t| t.is("and"))
        && f.prev_fig
            .is_some_and(|p| lead_in(toks, p) > 0 && toks[lead_in(toks, p) - 1].is("between")))
    .then_some(f.ctx.prev)
}

/// `own predicate`: "the study shows 70% see AI as a priority": the
/// figure's own predicate, before the clause it stands in.
fn own_predicate(f: &Fig) -> Option<Option<Span>> {
    f.plain()?;
    let verb_before = f.lead > 0
        && matches!(f.s.phr.tags[f.lead - 1], Tag::Verb | Tag::Aux | Tag::En | Tag::That);
    if !verb_before {
        return None;
    }
    let after = after_restating(f.toks, f.ti);
    if !matches!(f.s.phr.tags.get(after), Some(Tag::Verb | Tag::Modal | Tag::Aux)) {
        return None;
    }
    // "Crops were 90 pct harvested": a lone verb is a degree of the
    // clause's own subject, not a predicate of the figure.
    forward(f.s, after).filter(|x| x.1 - x.0 > 1).map(|x| Some(f.span(x)))
}

/// `clause subject`: "X was 54.5 pct", "X accounts for 27%": X, or what
/// it points back at ("even that was only 8%").
fn clause_subject_rule(f: &Fig) -> Option<Option<Span>> {
    f.plain()?;
    let x = clause_subject(f.s, f.ti, f.lead, f.prev_fig, false).or_else(|| fronted_figure(f))?;
    if let Some(a) = anaphor_resolved(f.s, x, f.ctx.prev.or(f.ctx.earlier)) {
        return Some(Some(a));
    }
    trim(f.toks, x.0, x.1).map(|x| Some(f.span(x)))
}

/// "At 2.6%, inflation remains within the target": the subject of the
/// clause a fronted figure opens.
fn fronted_figure(f: &Fig) -> Option<(usize, usize)> {
    let (toks, tags, li, ti) = (f.toks, &f.s.phr.tags, f.lead, f.ti);
    let opens = |k: usize| k == 0 || clause_punct(&toks[k - 1]);
    // "At 2.6%, ...", "Priced at 99 pct, ...".
    let fronted = li >= 1
        && tags[li - 1] == Tag::Prep
        && (opens(li - 1)
            || li >= 2 && matches!(tags[li - 2], Tag::En | Tag::Ing | Tag::Verb) && opens(li - 2));
    if !fronted || !toks.get(ti + 1).is_some_and(|t| t.is_punct(",")) {
        return None;
    }
    let verb = f.s.phr.verb_after(ti + 2, toks.len())?;
    Some((ti + 2, verb.first))
}

/// `noun before preposition` ("NOUN of N%", "ratings between N%", "for
/// seven out of the 10 categories") and `noun before a bound` ("council
/// tax rises below 5%"): the noun phrase before the word.
fn noun_before(f: &Fig, words: &[&str]) -> Option<Option<Span>> {
    let before = f.plain()?;
    if !before.is_some_and(|t| in_list(t, words)) {
        return None;
    }
    let min = f.prev_fig.map_or(0, |p| p + 1);
    if let Some(x) = backward(f.s, f.lead - 1, min) {
        return Some(Some(f.span(x)));
    }
    // "growth will be between 4.7% and 4.8%", "when it was below 12 pct":
    // the subject of the verb before.
    let x = clause_subject(f.s, f.ti, f.lead, f.prev_fig, true)?;
    if let Some(a) = anaphor_resolved(f.s, x, f.ctx.earlier) {
        return Some(Some(a));
    }
    trim(f.toks, x.0, x.1).map(|x| Some(f.span(x)))
}

/// "for managing the martech roadmap": the phrase after "for", to the end
/// of its clause or the next figure.
fn for_phrase(s: &Sent, start: usize) -> Option<(usize, usize)> {
    let toks = &s.toks;
    let mut b = start;
    while b < toks.len() && !boundary(&toks[b]) {
        if toks[b].is("to") && toks.get(b + 1).is_some_and(|t| t.figure().is_some()) {
            break;
        }
        if in_list(&toks[b], CLAUSE_JOINERS)
            && toks[b + 1..toks.len().min(b + 4)].iter().any(|n| n.figure().is_some())
        {
            break;
        }
        b += 1;
    }
    trim(toks, start, b)
}

/// Measure nouns that, without a complement, point back at an earlier
/// figure: "A number that rises to 41%", "that number jumped".
const ANAPHORIC_MEASURES: &[&str] = &[
    "number", "figure", "share", "proportion", "percentage", "numbers", "figures", "proportions",
    "percentages", "that", "this", "it",
];
/// Nouns of a part of people that a parenthesised figure restates: "the
/// majority (61%) said ...", "a small share (8%) expect ...".
const QUANTITY_OF_PEOPLE: &[&str] =
    &["proportion", "share", "percentage", "number", "majority", "minority", "plurality"];

/// Adjectives that make a measure the same as one stated before: "the
/// comparable figure", "the corresponding share".
const SAME_MEASURE: &[&str] = &["comparable", "corresponding", "equivalent", "same", "similar"];

/// When the subject `x` found for a figure only points back ("A number
/// that rises to 41%", "even that was only 8%"), what it points at: the
/// subject of the clause before in the sentence, else `earlier`, the last
/// subject of the sentences before.
fn anaphor_resolved(s: &Sent, x: (usize, usize), earlier: Option<Span>) -> Option<Span> {
    let toks = &s.toks;
    let words: Vec<usize> = (x.0..x.1).filter(|&i| toks[i].is_word()).collect();
    let head = *words.iter().find(|&&i| in_list(&toks[i], ANAPHORIC_MEASURES))?;
    // "the comparable figure for CMOs": the same measure for another group.
    let for_group = toks.get(head + 1).is_some_and(|t| in_list(t, &["for", "among", "amongst"]));
    // Only the measure and words that point or link: "a number that rises", "even that".
    let pointing = words.iter().all(|&i| {
        i == head
            || in_list(
                &toks[i],
                &["a", "an", "the", "that", "this", "even", "which", "only", "but", "and", "yet"],
            )
            || i < head && in_list(&toks[i], SAME_MEASURE)
            || i > head && for_group
            || i > head && matches!(s.phr.tags[i], Tag::Verb | Tag::Aux | Tag::En | Tag::Adv)
    });
    if !pointing {
        return None;
    }
    // The clause before, in this sentence: "X had the highest percentage, but even that".
    let start = s.phr.clause_start(toks, x.0);
    if start > 1 {
        let prev_start = s.phr.clause_start(toks, start - 1);
        if let Some(v) = s.phr.verb_after(prev_start, start - 1)
            && let Some((a, b)) = trim(toks, prev_start, v.first)
        {
            return Some(Span::new(toks[a].span.start, toks[b - 1].span.end));
        }
    }
    earlier
}

/// Words of an amount restated by a figure: "rose 1.7 billion dlrs, or 0.4 pct".
const AMOUNT_WORDS: &[&str] = &[
    "mln", "million", "billion", "bln", "trillion", "dlrs", "dlr", "shares", "pence", "points",
    "cents", "yen", "marks", "francs", "pounds", "euros", "tonnes", "barrels", "stg", "lire",
];

/// "Joint ownership accounts for 27%", "its load factor was 54.5 pct",
/// "rates stood at 5%", "spending rose 1.7 billion dlrs, or 0.4 pct",
/// "demand will rise an annual two pct": the subject of the verb group
/// before the figure.
fn clause_subject(
    s: &Sent,
    ti: usize,
    li: usize,
    prev_fig: Option<usize>,
    bounds: bool,
) -> Option<(usize, usize)> {
    let toks = &s.toks;
    let tags = &s.phr.tags;
    let mut v_end = li;
    // An amount the figure restates: "rose 1.7 billion dlrs, or 0.4 pct",
    // "by another 10,000 vehicles, or 1.2%".
    if v_end >= 2 && toks[v_end - 1].is("or") {
        let mut k = if toks[v_end - 2].is_punct(",") { v_end - 2 } else { v_end - 1 };
        let amount_start = k;
        while k > 0
            && k + 8 > amount_start
            && (matches!(tags[k - 1], Tag::Num | Tag::Det | Tag::Adj)
                || tags[k - 1] == Tag::Noun && k == amount_start
                || in_list(&toks[k - 1], AMOUNT_WORDS)
                || toks[k - 1].text.starts_with(['$', '£', '€'])
                || toks[k - 1].text.starts_with(|c: char| c.is_ascii_digit()))
        {
            k -= 1;
        }
        if k < amount_start {
            v_end = k;
        }
    }
    for _ in 0..2 {
        if v_end > 0 && matches!(tags[v_end - 1], Tag::Det | Tag::Adj) {
            v_end -= 1;
        }
    }
    let mut preposition = None;
    for _ in 0..2 {
        if v_end > 0
            && (in_list(
                &toks[v_end - 1],
                &["at", "to", "for", "of", "by", "around", "about", "from"],
            ) || bounds && in_list(&toks[v_end - 1], BOUND_WORDS))
        {
            preposition.get_or_insert(v_end - 1);
            v_end -= 1;
        }
    }
    // "went up to 5.5%": the verb group may hold the start of the qualifier.
    let verb = s
        .phr
        .verbs
        .iter()
        .rev()
        .find(|v| v.first < v_end && v.end >= v_end && v.end <= ti)
        .copied()
        .or_else(|| {
            // "yielding 9.60 pct", "priced to yield 6.88 pct".
            (v_end > 0 && matches!(tags[v_end - 1], Tag::Ing | Tag::Base | Tag::En))
                .then(|| VerbGroup { first: v_end - 1, end: v_end })
        });
    let Some(verb) = verb else {
        // "cutting production by 10,000 vehicles, or 1.2%", "sent shares up
        // 8.5p, or 8.1%", "increase interest rates from their current
        // 4.75%": the object that changes.
        let mut end = v_end;
        while end > 0 && (toks[end - 1].is("up") || toks[end - 1].is("down")) {
            end -= 1;
        }
        let changes =
            preposition.is_some_and(|p| in_list(&toks[p], &["from", "to", "by"])) || end < v_end;
        if changes && end > 0 && matches!(tags[end - 1], Tag::Noun | Tag::Proper) {
            return np_before(s, end, prev_fig.map_or(0, |p| p + 1));
        }
        return None;
    };
    let from = s.phr.clause_start(toks, verb.first).max(prev_fig.map_or(0, |p| p + 1));
    let mut first = before_infinitive(s, verb.first);
    if first > 0 && toks[first - 1].is("to") {
        first -= 1;
    }
    // "the Fund estimated world output would grow": after the reporting verb.
    // A relative "that" right before the verb belongs to the subject: "A number that rises".
    let from = (from..first)
        .rev()
        .find(|&k| {
            matches!(tags[k], Tag::Verb | Tag::Aux | Tag::Modal | Tag::Sub)
                || tags[k] == Tag::That && k + 1 < first
        })
        .map_or(from, |k| k + 1);
    // "voter turnout, which fell to 59%": the relative's antecedent.
    if first == from + 1
        && in_list(&toks[from], &["which", "who"])
        && from >= 1
        && toks[from - 1].is_punct(",")
    {
        return np_before(s, from - 1, prev_fig.map_or(0, |p| p + 1));
    }
    (from < first).then_some((from, first))
}

/// Where the verbs of a clause start when the verb at `first` is an
/// infinitive: "is expected to grow", "were revised to show", "plans to
/// raise" all belong to the same subject.
fn before_infinitive(s: &Sent, mut first: usize) -> usize {
    let (toks, tags) = (&s.toks, &s.phr.tags);
    while first >= 2
        && toks[first - 1].is("to")
        && matches!(tags[first - 2], Tag::Verb | Tag::En | Tag::Adj | Tag::Base)
    {
        first -= 2;
        while first > 0
            && matches!(tags[first - 1], Tag::Aux | Tag::Modal | Tag::Adv | Tag::Verb | Tag::En)
        {
            first -= 1;
        }
    }
    first
}

/// Words of a bound before a figure: "below 12 pct", "between 4.7% and 4.8%".
const BOUND_WORDS: &[&str] = &["below", "above", "under", "over", "near", "between"];

/// "Parent bank dividend 12 pct vs 10 pct", "in the retail store area,
/// 12.4 pct, as ...", "Imperial Oil Ltd, 70 pct-owned by Exxon": the noun
/// phrase right before the figure, when nothing follows it.
fn label_before(s: &Sent, li: usize, prev_fig: Option<usize>) -> Option<(usize, usize)> {
    let toks = &s.toks;
    let tags = &s.phr.tags;
    let mut end = li;
    // "the rate of inflation, which is currently 1.6%".
    while end > 0
        && (tags[end - 1] == Tag::Adv
            || in_list(&toks[end - 1], &["which", "is", "was", "are", "were", "current"]))
    {
        end -= 1;
    }
    if end > 0
        && (toks[end - 1].is_punct(",")
            || toks[end - 1].is_punct("-")
            || toks[end - 1].is_punct("—")
            || toks[end - 1].is_punct("–")
            || toks[end - 1].is_punct(":")
            || toks[end - 1].is("with"))
    {
        end -= 1;
    }
    if end == 0 || !matches!(tags[end - 1], Tag::Noun | Tag::Proper | Tag::Num) {
        return None;
    }
    let min = prev_fig.map_or(0, |p| p + 1);
    let mut a = end;
    while a > min
        && (matches!(
            tags[a - 1],
            Tag::Noun | Tag::Proper | Tag::Num | Tag::Adj | Tag::Det | Tag::En
        ) || toks[a - 1].is("of") && a >= 2 && matches!(tags[a - 2], Tag::Noun | Tag::Proper))
    {
        a -= 1;
    }
    trim(toks, a, end)
}

/// Nouns of a rate compared between groups: "at a much higher percentage (67%)".
const RATE_NOUNS: &[&str] = &["percentage", "rate", "proportion", "share", "clip", "level"];

/// "European marketers report being at risk at a much higher percentage
/// (67%) than ...": what the rate is of, between the verb and "at".
fn rate_of(s: &Sent, open: usize) -> Option<(usize, usize)> {
    let toks = &s.toks;
    let noun = open.checked_sub(1)?;
    if !in_list(&toks[noun], RATE_NOUNS) {
        return None;
    }
    let at = (noun.saturating_sub(5)..noun).rev().find(|&j| toks[j].is("at"))?;
    let from = s.phr.clause_start(toks, at);
    let verb = s.phr.verb_after(from, at)?;
    trim(toks, verb.end, at)
}

/// The clause after a run of "GROUP (N%)" coordinations that ends at `close`:
/// the clause after the next comma when the run is fronted, else what follows.
fn after_groups(s: &Sent, close: usize) -> Option<(usize, usize)> {
    let toks = &s.toks;
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
            return forward(s, close + 1);
        }
        if toks[j].is_punct("(") {
            j = paren_with_figure(toks, j).unwrap_or(j);
        }
        j += 1;
    }
    if toks.get(j).is_some_and(|t| t.is_punct(",")) {
        return forward(s, j + 1);
    }
    forward(s, close + 1)
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
    // "X was still a priority, but was cited by": the subject of the clause
    // the elliptic one is coordinated with.
    if a >= 2
        && toks[a - 1].is_punct(",")
        && toks[a..first_aux].iter().all(|t| in_list(t, &["but", "and", "yet", "also", "still"]))
    {
        let mut b = a - 1;
        while b > 0 && !boundary(&toks[b - 1]) {
            b -= 1;
        }
        let aux2 = (b..a - 1).find(|&k| in_list(&toks[k], &["was", "were", "is", "are"]))?;
        return trim(toks, b, aux2);
    }
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
            "share of the sample by role",
            "The poll covered 125 customer leaders. One in four boasted marketing titles.",
            "One in four",
            Some("customer leaders"),
            SampleRole,
        ),
        (
            "more likely than, to do",
            "European respondents (34% each) are more likely than others (24%) to say there is no friction.",
            "24%",
            Some("say there is no friction"),
            LikelyTo,
        ),
        (
            "as likely as, before the figure",
            "Marketers were twice as likely as IT leaders (40%) to cite speed.",
            "40%",
            Some("cite speed"),
            LikelyTo,
        ),
        (
            "restating figure",
            "Nearly half (48%) of CIOs want control.",
            "48%",
            Some("want control"),
            RestatingFigure,
        ),
        (
            "restating the phrase a figure counts",
            "We polled 700 CIOs: nearly half of you (44%) report to the CEO.",
            "44%",
            Some("report to the CEO"),
            RestatingCounted,
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
            "the subject of the verb a parenthesis follows",
            "CEOs are most commonly cited (35%) as the owner of AI.",
            "35%",
            Some("CEOs"),
            VerbBeforeParenthesis,
        ),
        (
            "what a rate is of",
            "European marketers report being at risk at a much higher percentage (67%) than others.",
            "67%",
            Some("being at risk"),
            RateOf,
        ),
        (
            "a group compared takes the compared statement",
            "Some 53% of CMOs say customer channels matter. That is far more than CIOs (35%).",
            "35%",
            Some("say customer channels matter"),
            ComparedGroup,
        ),
        (
            "a department compared",
            "Marketing (62%) says speed matters, compared to IT (41%).",
            "41%",
            Some("says speed matters"),
            ComparedGroup,
        ),
        (
            "cleft",
            "It was security that the most respondents (45%) named first.",
            "45%",
            Some("security"),
            Cleft,
        ),
        (
            "a sample divided by roles",
            "We surveyed 500 people. Respondents included CMOs (50%) and CIOs (50%).",
            "50%",
            Some("Respondents"),
            SampleDivided,
        ),
        (
            "a department as the subject of its clause",
            "Marketing (62%) says speed matters.",
            "62%",
            Some("says speed matters"),
            DepartmentSubject,
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
            "people named as an answer",
            "Instead, at the top are CFOs (57%) and COOs (56%).",
            "56%",
            Some("COOs"),
            ParenthesisNoun,
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
            "groups inside the parenthesis: the predicate after it",
            "More partnered respondents (24% of marketers, 30% of IT) named the CEO as owner.",
            "24%",
            Some("named the CEO as owner"),
            ClauseAfterGroups,
        ),
        (
            "a difference from the figure before",
            "Half of high performers cite IT, 10% higher than other companies.",
            "10%",
            Some("cite IT"),
            Difference,
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
            "clause after a share of organisations, no comma",
            "In 40% of firms the CTO leads digital projects.",
            "40%",
            Some("the CTO leads digital projects"),
            ClauseAfterShare,
        ),
        (
            "predicate of a share of organisations",
            "Some 40% of firms have a budget.",
            "40%",
            Some("have a budget"),
            PredicateOfShare,
        ),
        (
            "a thing and what qualifies it",
            "With 22% of the marketing budget now going to technology, IT matters.",
            "22%",
            Some("the marketing budget now going to technology"),
            ThingQualified,
        ),
        (
            "what is counted",
            "Corporate IT still controls 71% of IT budgets in the US.",
            "71%",
            Some("IT budgets in the US"),
            WhatIsCounted,
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
            "groups compared with vs. share the predicate",
            "Some 44% of CMOs vs. 29% of CIOs say engagement matters.",
            "44%",
            Some("say engagement matters"),
            PredicateAfterGroup,
        ),
        (
            "a relative clause on the group is not the predicate",
            "In contrast, 20% of marketers who answered want more data.",
            "20%",
            Some("want more data"),
            PredicateAfterGroup,
        ),
        (
            "an aside after the group",
            "Over a third of Chief Marketing Officers (CMOs) don't trust their data.",
            "a third",
            Some("don't trust their data"),
            PredicateAfterGroup,
        ),
        (
            "a predicate goes on across commas and quotes",
            "Another 13% of respondents say they are at risk, know they need to act, but have yet to start.",
            "13%",
            Some("say they are at risk, know they need to act, but have yet to start"),
            PredicateAfterGroup,
        ),
        (
            "a pronoun counted",
            "The survey found 59% of them agreed with the statement that “IT constrains us.”",
            "59%",
            Some("agreed with the statement that “IT constrains us"),
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
            "a number that points back",
            "A third of marketers distrust their data. A number that rises to 41% among their analyst colleagues.",
            "41%",
            Some("distrust their data"),
            PointsBack,
        ),
        (
            "a group and nothing after it borrows",
            "Some 55% of CIOs say budgets are tight, and 40% of CMOs.",
            "40%",
            Some("say budgets are tight"),
            GroupWithoutPredicate,
        ),
        (
            "passive by after a copula",
            "Delivering better service was the top priority listed by 6 in 10 outperformers.",
            "6 in 10",
            Some("Delivering better service"),
            PassiveBy,
        ),
        (
            "passive by in a coordinated clause",
            "Better service was still a priority, but was cited by fewer than 4 in 10.",
            "4 in 10",
            Some("Better service"),
            PassiveBy,
        ),
        (
            "for-phrase",
            "Joint control ranges from 55% for managing the roadmap to 71% for deploying new tools.",
            "71%",
            Some("deploying new tools"),
            ForPhrase,
        ),
        (
            "up from borrows",
            "Now 70% of marketers use video, up from 52% last year.",
            "52%",
            Some("use video"),
            Change,
        ),
        (
            "a figure qualifying the word after it",
            "Just 7% use a decentralised structure, versus 65% centralised and 27% federated.",
            "65%",
            Some("centralised"),
            Change,
        ),
        (
            "after the main clause",
            "The index reached a record last Friday, up 57.7 pct from end-June.",
            "57.7 pct",
            Some("The index"),
            AfterMainClause,
        ),
        (
            "a relative's antecedent changed",
            "Ministers tried to boost voter turnout, which fell to 59% in 2001.",
            "59%",
            Some("voter turnout"),
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
            "change verb after an auxiliary",
            "Sri Lanka's stock market has fallen about 5% since the weekend.",
            "5%",
            Some("Sri Lanka's stock market"),
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
            "own predicate after a verb",
            "Research among 600 decision-makers shows 70% see AI as a priority.",
            "70%",
            Some("see AI as a priority"),
            OwnPredicate,
        ),
        (
            "clause subject of a copula",
            "For the first five months, its passenger load factor was 54.5 pct.",
            "54.5 pct",
            Some("its passenger load factor"),
            ClauseSubject,
        ),
        (
            "clause subject of accounts for",
            "Joint ownership accounts for 27%.",
            "27%",
            Some("Joint ownership"),
            ClauseSubject,
        ),
        (
            "clause subject after an amount",
            "U.S. construction spending rose 1.7 billion dlrs, or 0.4 pct, in April.",
            "0.4 pct",
            Some("U.S. construction spending"),
            ClauseSubject,
        ),
        (
            "clause subject of a verb and its particle",
            "While the unemployment rate went up to 5.5% in September, jobs grew.",
            "5.5%",
            Some("the unemployment rate"),
            ClauseSubject,
        ),
        (
            "the object changed by an amount",
            "Ford is cutting its production by another 10,000 vehicles, or 1.2%.",
            "1.2%",
            Some("its production"),
            ClauseSubject,
        ),
        (
            "the object changed from a figure",
            "The bank may increase interest rates from their current 4.75%.",
            "4.75%",
            Some("interest rates"),
            ClauseSubject,
        ),
        (
            "a fronted figure opens its clause",
            "At 2.6%, inflation remains within the target range.",
            "2.6%",
            Some("inflation"),
            ClauseSubject,
        ),
        (
            "that points back at the clause before",
            "Deployment of new technology had the highest percentage, but even that was only 8%.",
            "8%",
            Some("Deployment of new technology"),
            ClauseSubject,
        ),
        (
            "noun before of",
            "Firms reported revenue growth of 9%.",
            "9%",
            Some("revenue growth"),
            NounBefore,
        ),
        (
            "a noun used as a verb elsewhere",
            "The loan carries an interest rate of 6.13 pct.",
            "6.13 pct",
            Some("an interest rate"),
            NounBefore,
        ),
        (
            "a bound after a copula",
            "In 2004, growth will be between 4.7% and 4.8%, the ministry said.",
            "4.7%",
            Some("growth"),
            NounBefore,
        ),
        (
            "noun before a bound",
            "The target is inflation below 2% by 2027.",
            "2%",
            Some("inflation"),
            NounBeforeBound,
        ),
        (
            "a figure modifying the noun after it",
            "Acme bought a 20% stake in Beta last year.",
            "20%",
            Some("stake in Beta"),
            ModifiedNoun,
        ),
        (
            "a possessive and an adjective before a modifying figure",
            "The group sold its remaining 35 pct holding in the bank.",
            "35 pct",
            Some("holding in the bank"),
            ModifiedNoun,
        ),
        (
            "a change noun after a modifying figure",
            "The firm reported a 9 pct rise in quarterly profits.",
            "9 pct",
            Some("rise in quarterly profits"),
            ModifiedNoun,
        ),
        (
            "coordinated nouns after a modifying figure",
            "There is a 5/8 pct management and underwriting fee.",
            "5/8 pct",
            Some("management and underwriting fee"),
            ModifiedNoun,
        ),
        (
            "a change noun alone does not say what changed",
            "Car sales were revised to show a 2.7 pct decrease from the month before.",
            "2.7 pct",
            Some("Car sales"),
            ClauseSubject,
        ),
        (
            "the object of a transitive change verb",
            "The bank raised its lending rate to 7 pct from 6 pct.",
            "7 pct",
            Some("its lending rate"),
            Change,
        ),
        (
            "the object of a change verb in an infinitive",
            "The insurer plans to increase its stake in the mill to 30 pct, officials said.",
            "30 pct",
            Some("its stake in the mill"),
            Change,
        ),
        (
            "a change verb after an infinitive",
            "The economy is expected to grow about 3% this year.",
            "3%",
            Some("The economy"),
            ChangeVerb,
        ),
        (
            "a figure fronted by a participle",
            "Priced at 99 pct, the bonds sold well.",
            "99 pct",
            Some("the bonds"),
            ClauseSubject,
        ),
        (
            "a figure of degree before a lone participle",
            "Crops in the south were 90 pct harvested, officials said.",
            "90 pct",
            Some("Crops in the south"),
            ClauseSubject,
        ),
        (
            "the other side's share set off by commas shares the predicate",
            "Only 14% of CIOs, versus 31% of CMOs, said the partnership was strong.",
            "14%",
            Some("said the partnership was strong"),
            PredicateAfterGroup,
        ),
        (
            "coordinated shares restated in parentheses share the predicate",
            "More than a third of marketers (36%) and a quarter of IT leaders (25%) plan to cut vendors.",
            "a third",
            Some("plan to cut vendors"),
            PredicateAfterGroup,
        ),
        (
            "a relative clause without a relative pronoun on the group",
            "A full 72% of the CIOs we spoke to had a formal AI policy.",
            "72%",
            Some("had a formal AI policy"),
            PredicateAfterGroup,
        ),
        (
            "a fronted share of people and the clause after it",
            "For 37% of CMOs, brand safety is the top concern.",
            "37%",
            Some("brand safety is the top concern"),
            ClauseAfterShare,
        ),
        (
            "a comparison's second share is no fronted phrase",
            "Some 11% of CIOs say X, versus 5% of CMOs, the report finds.",
            "5%",
            Some("say X"),
            GroupWithoutPredicate,
        ),
        (
            "what a copula says is something for a share of people",
            "Security was the top concern for 52% of CIOs.",
            "52%",
            Some("Security"),
            ClauseBefore,
        ),
        (
            "a figure in apposition restates the counted phrase",
            "Nearly half of marketing teams, 48%, now report to the CEO.",
            "48%",
            Some("now report to the CEO"),
            RestatingCounted,
        ),
        (
            "the majority restated in a parenthesis",
            "The majority (61%) said their budgets were flat.",
            "61%",
            Some("said their budgets were flat"),
            ClauseAfterGroups,
        ),
        (
            "the figure stands for the previous figure's subject",
            "Of the IT leaders, 55% said data quality was their top concern; among the marketing leaders, the figure was 38%.",
            "38%",
            Some("said data quality was their top concern"),
            ClauseSubject,
        ),
        (
            "the comparable figure for another group",
            "Some 55% of CIOs said data quality was their top concern. The comparable figure for CMOs was 38%.",
            "38%",
            Some("said data quality was their top concern"),
            ClauseSubject,
        ),
        (
            "the figures for another group",
            "Some 64% of CIOs say budgets are tight. The figures for CMOs were 51% and 47%.",
            "51%",
            Some("say budgets are tight"),
            ClauseSubject,
        ),
        (
            "a measure with a noun of its own is no anaphor",
            "The unemployment rate was 5%.",
            "5%",
            Some("The unemployment rate"),
            ClauseSubject,
        ),
        (
            "people with a post-modifier, then the predicate",
            "About 30% of respondents from large firms said budgets will rise.",
            "30%",
            Some("said budgets will rise"),
            PredicateAfterGroup,
        ),
        (
            "organisations with a post-modifier, then the predicate",
            "Two-thirds of companies with a dedicated CMO said revenue grew.",
            "Two-thirds",
            Some("said revenue grew"),
            PredicateOfShare,
        ),
        (
            "organisations in a place, adverb, predicate",
            "About 30% of firms in the survey now expect cuts.",
            "30%",
            Some("now expect cuts"),
            PredicateOfShare,
        ),
        (
            "a share of a department's people and a lone verb",
            "Just 12% of marketing agree.",
            "12%",
            Some("agree"),
            PredicateAfterGroup,
        ),
        (
            "a share of a thing and a lone verb",
            "Only 10 pct of the old bridge remained.",
            "10 pct",
            Some("the old bridge remained"),
            PredicateOfShare,
        ),
        (
            "bare figure predicate",
            "Only 14% are ready for the change.",
            "14%",
            Some("are ready for the change"),
            PredicateAfterFigure,
        ),
        (
            "with a figure and a participle",
            "Service matters, with more than half (55%) pointing to relationships.",
            "half",
            Some("pointing to relationships"),
            PredicateAfterFigure,
        ),
        (
            "a breakdown of the sample by role, continued in parentheses",
            "The poll covered 125 customer leaders. A further 16% identified as general \
             management, followed by 'chief revenue officer' (15%) and 'chief information \
             officer' (13%).",
            "13%",
            Some("customer leaders"),
            SampleRole,
        ),
        (
            "the rest of the sample",
            "We surveyed 500 IT leaders about budgets. Some 53% own the budget. Of the \
             remaining 47%, most share it with finance.",
            "47%",
            Some("IT leaders"),
            Remainder,
        ),
        (
            "the rest with a predicate of its own is not one",
            "The study polled 300 marketers. About 60% run the website, and the other 40% rely \
             on IT for it.",
            "40%",
            Some("rely on IT for it"),
            PredicateAfterFigure,
        ),
        (
            "label before figure",
            "Parent bank dividend 12 pct vs 10 pct",
            "12 pct",
            Some("Parent bank dividend"),
            LabelBefore,
        ),
        (
            "apposition after a noun phrase",
            "Growth is marked in the retail store area, 12.4 pct, as stores open.",
            "12.4 pct",
            Some("the retail store area"),
            LabelBefore,
        ),
        ("nothing else: the previous figure's", "And 40%.", "40%", None, PreviousFigure),
        (
            "shared unit borrows its partner's",
            "Between 15 and 20 percent of CIOs agree.",
            "15",
            Some("agree"),
            SharesUnit,
        ),
        (
            "a linked figure borrows the next one's",
            "From 38 pct in February, only 31 pct of firms now expect prices to rise.",
            "38 pct",
            Some("now expect prices to rise"),
            LinkedFigure,
        ),
    ];

    #[test]
    fn subject_rules() {
        let mut failed = Vec::new();
        for &(name, text, figure, want, rule) in CASES {
            let claims = extract_article(text);
            let claim = claims
                .iter()
                .find(|c| c.figure.span.slice(text) == figure)
                .unwrap_or_else(|| panic!("case {name:?}: figure {figure:?} not found"));
            let got = claim.subject.map(|s| s.slice(text));
            if claim.subject_rule != Some(rule) || got != want {
                failed.push(format!(
                    "case {name:?}: {:?} {got:?}, want {rule:?} {want:?}",
                    claim.subject_rule
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
        let listed = crate::lang::rule_lists::module_doc(include_str!("subject.rs"));
        let names: Vec<&str> = R::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(listed, names);
    }
}
