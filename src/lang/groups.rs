//! The group lexicon and the noun-phrase reader that maps words to populations.
//!
//! A group phrase is a short noun phrase naming people: "CIOs", "senior
//! marketing and IT executives", "respondents in both marketing and IT",
//! "those on the technology side", "global marketing decision makers at B2B
//! brands". Its population comes from the role words it holds (marketing,
//! IT, both), else from a third group or an organisation ("CEOs",
//! "companies": unknown), else it is generic ("respondents"), to be resolved
//! from context by [`crate::lang::attribute`].

use crate::lang::tokens::{TokKind, Token};
use crate::scan::words::WordStarts;

/// Whose figure a claim is; in the dataset, its name ([`Population::as_str`]).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Population {
    /// Marketers, CMOs, marketing executives and teams.
    Marketing,
    /// IT leaders, CIOs, CTOs, technology executives.
    It,
    /// A population mixing the two.
    Both,
    /// Neither group, or not determinable.
    Unknown,
}

impl Population {
    /// The name used in the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            Population::Marketing => "marketing",
            Population::It => "it",
            Population::Both => "both",
            Population::Unknown => "unknown",
        }
    }

    /// Every population, in order.
    pub const ALL: [Population; 4] =
        [Population::Marketing, Population::It, Population::Both, Population::Unknown];

    /// Marketing for IT and IT for marketing.
    pub fn other(self) -> Option<Population> {
        match self {
            Population::Marketing => Some(Population::It),
            Population::It => Some(Population::Marketing),
            _ => None,
        }
    }
}

impl std::fmt::Display for Population {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

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
}

/// Words that name the marketing side when they modify a head noun, or alone.
const MARKETING_WORDS: &[&str] = &["marketing", "cmo", "cmo's", "cmos'"];
/// Words that name the IT side (the uppercase "IT" is checked separately).
const IT_WORDS: &[&str] = &["technology", "tech", "cio", "cto", "cio's"];
/// Heads that name marketing people.
const MARKETING_HEADS: &[&str] = &["cmos", "cmo", "marketers", "marketer"];
/// Heads that name IT people.
const IT_HEADS: &[&str] = &["cios", "cio", "ctos", "cto"];
/// Heads that name a third group of people.
const THIRD_HEADS: &[&str] = &["ceos", "ceo", "cfos", "cfo", "cdos", "cdo", "coos", "coo"];
/// Heads that name people in general; the modifiers say which.
const GENERIC_HEADS: &[&str] = &[
    "executives", "executive", "execs", "exec", "leaders", "leader", "directors", "director",
    "respondents", "respondent", "professionals", "professional", "people", "teams", "team",
    "departments", "department", "managers", "manager", "officers", "chiefs", "heads", "pros",
    "staff", "functions", "function", "participants", "practitioners", "side", "sides", "groups",
    "parties", "decision-makers", "makers", "employees", "workers", "specialists", "experts",
    "organization", "organisation", "counterparts", "colleagues", "personnel", "buyers",
];
/// Heads that name organisations or the public rather than survey takers.
const ORGANISATION_HEADS: &[&str] = &[
    "companies", "company", "businesses", "business", "brands", "brand", "firms", "firm",
    "organizations", "organisations", "enterprises", "consumers", "consumer", "customers",
    "shoppers", "users", "retailers", "agencies", "households", "adults", "americans",
];
/// Function words, never the modifier of a group ("for IT respondents").
const FUNCTION_WORDS: &[&str] = &[
    "for", "to", "of", "in", "on", "by", "with", "than", "that", "as", "at", "from", "and", "or",
    "but", "is", "are", "was", "were", "be", "been", "who", "which", "while", "whereas", "if",
    "when", "where", "so", "not", "no", "into", "over", "under", "about", "between", "among",
    "per", "via", "said", "say", "says", "think", "believe", "feel", "agree", "report",
];
/// Words that may open or qualify a group phrase without changing its population.
const NEUTRAL: &[&str] = &[
    "the", "all", "those", "these", "our", "their", "its", "surveyed", "senior", "senior-level",
    "top", "global", "select", "responding", "participating", "u.s.", "us", "uk", "u.k.", "b2b",
    "b2c", "c-suite", "c-level", "other", "many", "most", "more", "fewer", "some", "management",
    "information", "chief", "level", "mid-level", "junior", "individual", "various", "each",
    "every", "both", "two", "several", "certain", "such", "key", "large", "small", "enterprise",
    "european", "american", "british", "asian", "uk-based", "us-based", "leading", "decision", "a",
    "an", "any", "of",
];

/// Lexicon classes of a word, as bits of [`Token::lex`]: which of the word
/// lists above hold it (ASCII case ignored), so that the rules test a bit
/// instead of comparing the word with every entry of a list.
pub(crate) mod class {
    /// [`super::MARKETING_WORDS`].
    pub(crate) const MARKETING_WORD: u16 = 1;
    /// [`super::IT_WORDS`].
    pub(crate) const IT_WORD: u16 = 1 << 1;
    /// [`super::MARKETING_HEADS`].
    pub(crate) const MARKETING_HEAD: u16 = 1 << 2;
    /// [`super::IT_HEADS`].
    pub(crate) const IT_HEAD: u16 = 1 << 3;
    /// [`super::THIRD_HEADS`].
    pub(crate) const THIRD_HEAD: u16 = 1 << 4;
    /// [`super::GENERIC_HEADS`].
    pub(crate) const GENERIC_HEAD: u16 = 1 << 5;
    /// [`super::ORGANISATION_HEADS`].
    pub(crate) const ORGANISATION_HEAD: u16 = 1 << 6;
    /// [`super::NEUTRAL`].
    pub(crate) const NEUTRAL: u16 = 1 << 7;
    /// [`super::FUNCTION_WORDS`].
    pub(crate) const FUNCTION_WORD: u16 = 1 << 8;
    /// "chief", "those", "ones", "i.t.": words that open or continue a phrase.
    pub(crate) const PHRASE_WORD: u16 = 1 << 9;
    /// "IT" or "I.T." as written (the lowercase "it" is a pronoun).
    pub(crate) const IT_UPPER: u16 = 1 << 10;
    /// Words that may open a group phrase.
    pub(crate) const LEXICON: u16 = MARKETING_WORD
        | IT_WORD
        | MARKETING_HEAD
        | IT_HEAD
        | THIRD_HEAD
        | GENERIC_HEAD
        | ORGANISATION_HEAD
        | NEUTRAL
        | PHRASE_WORD;
}

/// How the department "IT" is written ([`class::IT_UPPER`]); case counts.
pub(crate) const IT_UPPER_SPELLINGS: [&str; 2] = ["IT", "I.T."];

/// Each word list with the class bit it gives.
const CLASS_LISTS: [(&[&str], u16); 10] = [
    (MARKETING_WORDS, class::MARKETING_WORD),
    (IT_WORDS, class::IT_WORD),
    (MARKETING_HEADS, class::MARKETING_HEAD),
    (IT_HEADS, class::IT_HEAD),
    (THIRD_HEADS, class::THIRD_HEAD),
    (GENERIC_HEADS, class::GENERIC_HEAD),
    (ORGANISATION_HEADS, class::ORGANISATION_HEAD),
    (NEUTRAL, class::NEUTRAL),
    (FUNCTION_WORDS, class::FUNCTION_WORD),
    (&["chief", "those", "ones", "i.t."], class::PHRASE_WORD),
];

/// Every word of the lexicon, lowercased, with its classes, and a quick
/// filter in front of the table.
struct Lexicon {
    classes: rustc_hash::FxHashMap<u128, u16>,
    /// One bit per [`shape`] of a lexicon word: a word whose shape has no
    /// bit is not in the lexicon, and most words of news text are not.
    shapes: [u64; 256],
}

/// Length (modulo 16), first and last byte (modulo 32: either case of a
/// letter gives the same) of a word, as a number below 16,384.
#[inline]
fn shape(bytes: &[u8]) -> usize {
    let (first, last) = (bytes[0] & 31, bytes[bytes.len() - 1] & 31);
    (bytes.len() & 15) << 10 | usize::from(first) << 5 | usize::from(last)
}

static LEXICON: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| {
    let mut lexicon = Lexicon { classes: Default::default(), shapes: [0; 256] };
    for (list, bit) in CLASS_LISTS {
        for w in list {
            let key = key(w).expect("lexicon words are at most 16 bytes");
            *lexicon.classes.entry(key).or_insert(0) |= bit;
            let s = shape(w.as_bytes());
            lexicon.shapes[s / 64] |= 1 << (s % 64);
        }
    }
    lexicon
});

/// A word of at most 16 bytes, ASCII-lowercased, as a number (zero bytes
/// pad it: words hold no NUL). Comparing keys is comparing words ignoring
/// ASCII case, as [`Token::is`] does.
#[inline]
fn key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    buf.make_ascii_lowercase(); // all 16 bytes at once
    Some(u128::from_le_bytes(buf))
}

/// The lexicon classes of a word token's text (see [`class`]).
pub(crate) fn classes(word: &str) -> u16 {
    let upper = if IT_UPPER_SPELLINGS.contains(&word) { class::IT_UPPER } else { 0 };
    if word.is_empty() {
        return upper;
    }
    let lexicon = &*LEXICON;
    let s = shape(word.as_bytes());
    if lexicon.shapes[s / 64] & (1 << (s % 64)) == 0 {
        return upper;
    }
    let Some(key) = key(word) else {
        return upper; // longer than any word of the lexicon
    };
    lexicon.classes.get(&key).copied().unwrap_or(0) | upper
}

/// Classes of the words a group phrase cannot do without: every phrase
/// [`group_at`] reads holds a head, a department or role word (or "IT"),
/// or "chief" of a multiword role ("chief financial officer").
const CORE: u16 = class::MARKETING_WORD
    | class::IT_WORD
    | class::MARKETING_HEAD
    | class::IT_HEAD
    | class::THIRD_HEAD
    | class::GENERIC_HEAD
    | class::ORGANISATION_HEAD;

/// The words of the [`CORE`] classes, and "chief", lowercase.
pub(crate) fn core_words() -> impl Iterator<Item = &'static str> {
    CLASS_LISTS
        .iter()
        .filter(|(_, bit)| bit & CORE != 0)
        .flat_map(|(list, _)| list.iter().copied())
        .chain(["chief"])
}

/// The search for the [`core_words`] and the uppercase IT spellings.
static CORE_WORDS: std::sync::LazyLock<WordStarts> =
    std::sync::LazyLock::new(|| WordStarts::new(core_words(), IT_UPPER_SPELLINGS));

/// Where in `text` a word token may start that a group phrase needs (see
/// [`CORE`]), in order: a sentence with none of them names no group, and
/// [`crate::lang::analysis::mentions`] finds nothing in it.
///
/// Every such token's text is in `text`, at a place that no letter or digit
/// precedes (a word token never starts right after one), and is found here;
/// the places found are more (the word may go on: "sides" in "besides" is
/// not found, "side" in "sidelined" is).
///
/// One pass over the text, eight bytes at a time ([`WordStarts`]).
pub(crate) fn core_word_starts(text: &str) -> Vec<usize> {
    CORE_WORDS.find(text)
}

/// False when no group phrase can start at token `j`: a cheap test before
/// [`group_at`], which tries every rule. A phrase starts with a count, a
/// lexicon word, or a word right before a head noun ("sales leaders").
pub(crate) fn may_start_group(toks: &[Token], j: usize) -> bool {
    let t = &toks[j];
    let lexicon = |t: &Token| t.lex & class::LEXICON != 0;
    t.kind == TokKind::Number
        || t.lex & class::IT_UPPER != 0
        || lexicon(t)
        || toks.get(j + 1).is_some_and(lexicon)
        || toks.get(j + 2).is_some_and(lexicon)
}

/// True when the word token `t` is in one of the `classes`.
#[inline]
fn lower_in(t: &Token, classes: u16) -> bool {
    t.lex & classes != 0
}

/// True for a word naming the marketing side ("marketing", "CMO", "marketers").
pub(crate) fn is_marketing_word(t: &Token) -> bool {
    lower_in(t, class::MARKETING_WORD | class::MARKETING_HEAD)
}

/// True for a word naming the IT side ("IT", "technology", "CIOs").
pub(crate) fn is_it_word(t: &Token) -> bool {
    lower_in(t, class::IT_UPPER | class::IT_WORD | class::IT_HEAD)
}

/// The side a single word names, if any.
pub(crate) fn side_of(t: &Token) -> Option<Population> {
    if is_marketing_word(t) {
        Some(Population::Marketing)
    } else if is_it_word(t) {
        Some(Population::It)
    } else {
        None
    }
}

#[derive(Default)]
struct Acc {
    marketing: bool,
    it: bool,
    third: bool,
    organisation: bool,
    generic: bool,
    both_word: bool,
    third_modifier: bool,
    heads: usize,
}

impl Acc {
    fn side(&mut self, p: Population) {
        match p {
            Population::Marketing => self.marketing = true,
            Population::It => self.it = true,
            _ => {}
        }
    }
}

/// Reads a group phrase starting at token `i`. With `allow_bare`, department
/// words alone ("IT", "marketing") count as a group.
pub(crate) fn group_at(toks: &[Token], i: usize, allow_bare: bool) -> Option<Group> {
    let mut acc = Acc::default();
    let mut j = i;
    let mut last = None; // one past the last token that completed the phrase
    let mut mods_since_head = 0;
    while j < toks.len() {
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
                    j += 1;
                    continue;
                }
                break;
            }
            TokKind::Punct => {
                if (t.text == "&" || t.text == "/") && (acc.heads > 0 || mods_since_head > 0) {
                    j += 1;
                    continue;
                }
                // "Marketing (42% share) and IT (58%) leaders": skip a parenthesis holding a figure.
                if t.text == "("
                    && mods_since_head > 0
                    && let Some(close) = paren_with_figure(toks, j)
                {
                    j = close + 1;
                    continue;
                }
                break;
            }
            TokKind::Word => {}
        }
        if t.is("and") || t.is("or") {
            // Coordination continues only into another group word.
            let next = toks.get(j + 1);
            let counted =
                toks[i].kind == TokKind::Number && next.is_some_and(|n| n.kind == TokKind::Number);
            if next.is_some_and(|n| {
                n.is_word()
                    && (side_of(n).is_some()
                        || lower_in(n, class::GENERIC_HEAD)
                        || lower_in(n, class::THIRD_HEAD)
                        || lower_in(n, class::NEUTRAL) && !n.is("a") && !n.is("an") && !n.is("of"))
            }) && (acc.heads > 0 || mods_since_head > 0)
                || counted && acc.heads > 0
            {
                j += 1;
                continue;
            }
            break;
        }
        if let Some(n) = multiword_role(toks, j) {
            acc.heads += 1;
            match n.1 {
                Some(p) => acc.side(p),
                None => acc.third = true,
            }
            j += n.0;
            last = Some(j);
            mods_since_head = 0;
            continue;
        }
        if lower_in(t, class::MARKETING_HEAD | class::IT_HEAD) {
            acc.side(side_of(t).unwrap());
            acc.heads += 1;
            j += 1;
            last = Some(j);
            mods_since_head = 0;
            continue;
        }
        if lower_in(t, class::THIRD_HEAD) {
            acc.third = true;
            acc.heads += 1;
            j += 1;
            last = Some(j);
            mods_since_head = 0;
            continue;
        }
        if let Some(p) = side_of(t) {
            acc.side(p);
            mods_since_head += 1;
            j += 1;
            if allow_bare && acc.heads == 0 {
                last = Some(j);
            }
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
                acc.both_word = true;
            }
            acc.generic = true;
            acc.heads += 1;
            j += 1;
            last = Some(j);
            mods_since_head = 0;
            continue;
        }
        if lower_in(t, class::ORGANISATION_HEAD) && mods_since_head == 0 {
            acc.organisation = true;
            acc.heads += 1;
            j += 1;
            last = Some(j);
            continue;
        }
        if acc.heads > 0 {
            // After a head: a prepositional phrase may name the side
            // ("respondents in both marketing and IT", "those on the technology side").
            if let Some((end, side)) = side_phrase(toks, j) {
                for p in side {
                    acc.side(p);
                }
                j = end;
                last = Some(j);
                continue;
            }
            if t.is("surveyed") || t.is("polled") || t.is("questioned") || t.is("interviewed") {
                j += 1;
                // "polled by IDC", "surveyed by Forrester and Forbes"
                if toks.get(j).is_some_and(|t| t.is("by")) {
                    let mut k = j + 1;
                    while toks.get(k).is_some_and(|t| {
                        t.is_word() && t.text.starts_with(char::is_uppercase)
                            || t.is("and")
                            || t.is_punct("&")
                    }) {
                        k += 1;
                    }
                    if k > j + 1 {
                        j = k;
                    }
                }
                last = Some(j);
                continue;
            }
            if t.is("at") || t.is("in") {
                // "decision makers at B2B brands": an organisation qualifier, not the population.
                let mut k = j + 1;
                while k < toks.len() && lower_in(&toks[k], class::NEUTRAL) {
                    k += 1;
                }
                if k < toks.len() && lower_in(&toks[k], class::ORGANISATION_HEAD) {
                    j = k + 1;
                    last = Some(j);
                    continue;
                }
            }
            break;
        }
        if lower_in(t, class::NEUTRAL) {
            j += 1;
            continue;
        }
        if t.is("those") || t.is("ones") {
            j += 1;
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
            acc.third_modifier = true;
            j += 1;
            continue;
        }
        // "those in marketing", "those on the technology side", and counts
        // of a sample: "300 in marketing and 300 in IT".
        if (toks[i..j].iter().any(|w| w.is("those"))
            || j > i && toks[j - 1].kind == TokKind::Number && acc.heads == 0)
            && let Some((end, side)) = side_phrase(toks, j)
        {
            for p in side {
                acc.side(p);
            }
            acc.heads += 1;
            j = end;
            last = Some(j);
            continue;
        }
        break;
    }
    let end = last?;
    let pop = if acc.marketing && acc.it {
        GroupPop::Specific(Population::Both)
    } else if acc.marketing {
        GroupPop::Specific(Population::Marketing)
    } else if acc.it {
        GroupPop::Specific(Population::It)
    } else if acc.both_word {
        GroupPop::Specific(Population::Both)
    } else if acc.third || acc.organisation || acc.third_modifier {
        GroupPop::Specific(Population::Unknown)
    } else if acc.generic {
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
        bare: acc.heads == 0,
        organisation: acc.organisation && !acc.marketing && !acc.it,
        explicit: acc.marketing || acc.it || acc.third || acc.both_word,
    })
}

/// "chief marketing officer(s)", "chief information officers", "decision makers" ...
fn multiword_role(toks: &[Token], j: usize) -> Option<(usize, Option<Population>)> {
    if !toks[j].is("chief") {
        return None;
    }
    let w = |k: usize| toks.get(j + k).filter(|t| t.is_word()).map(|t| t.text.to_ascii_lowercase());
    if w(0).as_deref() != Some("chief") {
        return None;
    }
    let second = w(1)?;
    let third = w(2)?;
    if !(third.starts_with("officer") || third.starts_with("executive")) {
        return None;
    }
    let side = match second.as_str() {
        "marketing" => Some(Population::Marketing),
        "information" | "technology" => Some(Population::It),
        _ => None,
    };
    Some((3, side))
}

/// "in (both) marketing (and IT)", "on the technology side", "from both
/// functions": a phrase after a head that names the side. Returns where it
/// ends and the sides it names.
fn side_phrase(toks: &[Token], j: usize) -> Option<(usize, Vec<Population>)> {
    let t = toks.get(j)?;
    if !(t.is("in") || t.is("on") || t.is("from") || t.is("within") || t.is("of")) {
        return None;
    }
    let mut k = j + 1;
    let mut sides = Vec::new();
    let mut both = false;
    while let Some(w) = toks.get(k) {
        if let Some(p) = side_of(w) {
            sides.push(p);
        } else if w.is("both") {
            both = true;
        } else if w.is("the")
            || w.is("and")
            || w.is("&")
            || w.is("information")
            || w.is("management")
        {
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
    // Trim trailing conjunctions.
    while k > j + 1 && (toks[k - 1].is("and") || toks[k - 1].is("the") || toks[k - 1].is("&")) {
        k -= 1;
    }
    if sides.is_empty() {
        if both && toks[k - 1].is_word() && !toks[k - 1].is("both") {
            return Some((k, vec![Population::Marketing, Population::It]));
        }
        return None;
    }
    Some((k, sides))
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
pub(crate) mod tests {
    use super::*;
    use crate::lang::tokens::tokenize;
    use crate::span::Span;

    fn read(text: &str) -> Option<(String, GroupPop)> {
        let figs: Vec<(usize, Span)> = crate::lang::detect::detect(text)
            .iter()
            .enumerate()
            .map(|(i, f)| (i, f.span))
            .collect();
        let toks = tokenize(text, Span::new(0, text.len()), &figs);
        let g = group_at(&toks, 0, false)?;
        Some((text[toks[g.first].span.start..toks[g.end - 1].span.end].to_string(), g.pop))
    }

    #[test]
    fn group_phrases() {
        use GroupPop::*;
        use Population::*;
        let cases: &[(&str, &str, &str, GroupPop)] = &[
            ("role noun", "CIOs think so", "CIOs", Specific(It)),
            ("marketers", "marketers say", "marketers", Specific(Marketing)),
            (
                "modifier and head",
                "marketing executives consider",
                "marketing executives",
                Specific(Marketing),
            ),
            (
                "tech management",
                "tech management leaders said",
                "tech management leaders",
                Specific(It),
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
                Specific(It),
            ),
            (
                "chief officer",
                "chief information officers agree",
                "chief information officers",
                Specific(It),
            ),
            (
                "decision makers at brands",
                "global marketing decision makers at B2B brands see",
                "global marketing decision makers at B2B brands",
                Specific(Marketing),
            ),
            ("generic", "respondents see", "respondents", Generic),
            ("surveyed execs", "surveyed execs say", "surveyed execs", Generic),
            ("both groups", "both groups thinking", "both groups", Specific(Both)),
            ("organisation", "the companies surveyed", "companies surveyed", Specific(Unknown)),
            ("third group", "CEOs lead", "CEOs", Specific(Unknown)),
            ("third group by modifier", "sales leaders say", "sales leaders", Specific(Unknown)),
            ("IT people", "IT people think", "IT people", Specific(It)),
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

    /// The classes of a word by comparing it with every entry of every list.
    fn classes_by_scan(word: &str) -> u16 {
        let mut bits = if IT_UPPER_SPELLINGS.contains(&word) { class::IT_UPPER } else { 0 };
        for (list, bit) in CLASS_LISTS {
            if list.iter().any(|w| word.eq_ignore_ascii_case(w)) {
                bits |= bit;
            }
        }
        bits
    }

    #[test]
    fn classes_agree_with_scanning_the_lists() {
        let mut words: Vec<String> = Vec::new();
        for w in CLASS_LISTS.iter().flat_map(|(list, _)| list.iter()) {
            let upper = w.to_ascii_uppercase();
            let title = format!("{}{}", &upper[..1], &w[1..]);
            let longer = format!("{w}s");
            let shorter = w[..w.len() - 1].to_string();
            words.extend([w.to_string(), upper, title, longer, shorter]);
        }
        words.extend(
            [
                "IT", "I.T.", "It", "it", "", "decision-makerss", "marketing\u{e9}", "\u{212a}",
                "abcdefghijklmnopq", "executivesexecutives",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(classes(w), classes_by_scan(w), "word {w:?}");
        }
    }

    #[test]
    fn not_group_phrases() {
        for text in
            ["IT intervention", "marketing technology strategies", "the leadership", "it is"]
        {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    /// Sentences of lexicon words (every list, and the pieces of multiword
    /// roles), other words, numbers and punctuation, in any case.
    pub(crate) fn sentence() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let mut words: Vec<String> =
            CLASS_LISTS.iter().flat_map(|(l, _)| l.iter()).map(|w| w.to_string()).collect();
        words.extend(
            [
                "IT", "I.T.", "it", "It", "chief", "chief financial officer", "officer",
                "information", "sales", "said", "rose", "surveyed", "polled", "by", "220", "5",
                ",", ";", ":", "(", ")", "&", "/", "-", "'", "director", "besides", "x",
            ]
            .map(String::from),
        );
        let word = (prop::sample::select(words), 0..3u8).prop_map(|(w, case)| match case {
            0 => w,
            1 => w.to_uppercase(),
            _ => w[..1].to_uppercase() + &w[1..],
        });
        let glue = prop::sample::select(vec![" ", "", "-", ", "]);
        prop::collection::vec((word, glue), 1..10)
            .prop_map(|v| v.into_iter().map(|(w, g)| w + g).collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn a_sentence_without_core_words_names_no_group(text in sentence()) {
            let toks = crate::lang::tokens::tokenize(&text, crate::span::Span::new(0, text.len()), &[]);
            if core_word_starts(&text).is_empty() {
                proptest::prop_assert!(crate::lang::analysis::mentions(&toks).is_empty(), "{toks:?}");
            }
        }
    }
}
