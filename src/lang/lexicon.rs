//! The lexicon: which words name which side, which are heads of group
//! phrases, which are neutral or function words, as class bits the
//! tokenizer puts on each word ([`class`]). It sits below the tokenizer,
//! which is given one ([`crate::lang::tokens::tokenize`]); the built-in one
//! ([`Lexicon::builtin`]) is the marketing/IT lexicon of these lists.

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

/// Lexicon classes of a word, as bits of [`crate::lang::tokens::Token::lex`]: which of the word
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

/// Classes of the words a group phrase cannot do without: every phrase
/// [`crate::lang::groups::group_at`] reads holds a head, a department or
/// role word (or "IT"), or "chief" of a multiword role ("chief financial
/// officer").
const CORE: u16 = class::MARKETING_WORD
    | class::IT_WORD
    | class::MARKETING_HEAD
    | class::IT_HEAD
    | class::THIRD_HEAD
    | class::GENERIC_HEAD
    | class::ORGANISATION_HEAD;

/// The words of the built-in lists in the [`CORE`] classes, and "chief",
/// lowercase (what [`Lexicon::core_word_starts`] looks for).
#[cfg(test)]
pub(crate) fn core_words() -> impl Iterator<Item = &'static str> {
    CLASS_LISTS
        .iter()
        .filter(|(_, bit)| bit & CORE != 0)
        .flat_map(|(list, _)| list.iter().copied())
        .chain(["chief"])
}

/// Words with their classes: every word lowercased, with a quick filter in
/// front of the table, and the search for the words group phrases need.
pub struct Lexicon {
    classes: rustc_hash::FxHashMap<u128, u16>,
    /// One bit per [`shape`] of a lexicon word: a word whose shape has no
    /// bit is not in the lexicon, and most words of news text are not.
    shapes: [u64; 256],
    /// How the department "IT" is written ([`class::IT_UPPER`]).
    upper: Vec<String>,
    /// One bit per first byte of `upper`: most words need no comparison.
    upper_first: [u64; 4],
    /// Where the words of the [`CORE`] classes (and the `upper` ones) start.
    core: WordStarts,
}

impl Lexicon {
    /// The built-in marketing/IT lexicon (built once).
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(|| {
            Lexicon::new(
                CLASS_LISTS.iter().flat_map(|&(list, bit)| list.iter().map(move |w| (*w, bit))),
                IT_UPPER_SPELLINGS,
            )
        });
        &BUILTIN
    }

    /// A lexicon of `words` (lowercase, at most 16 bytes, each with its
    /// [`class`] bits) and the exact spellings of the uppercase department
    /// `upper` ("IT").
    pub(crate) fn new<'a>(
        words: impl IntoIterator<Item = (&'a str, u16)>,
        upper: impl IntoIterator<Item = &'a str>,
    ) -> Lexicon {
        let upper: Vec<String> = upper.into_iter().map(String::from).collect();
        let mut classes: rustc_hash::FxHashMap<u128, u16> = Default::default();
        let mut shapes = [0; 256];
        let mut core = Vec::new();
        for (w, bit) in words {
            let key = key(w).expect("lexicon words are at most 16 bytes");
            *classes.entry(key).or_insert(0) |= bit;
            let s = shape(w.as_bytes());
            shapes[s / 64] |= 1 << (s % 64);
            if bit & CORE != 0 {
                core.push(w);
            }
        }
        core.push("chief");
        let core = WordStarts::new(core, upper.iter().map(String::as_str));
        let mut upper_first = [0u64; 4];
        for b in upper.iter().filter_map(|u| u.as_bytes().first()) {
            upper_first[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        Lexicon { classes, shapes, upper, upper_first, core }
    }

    /// The classes of a word token's text (see [`class`]).
    #[inline]
    pub(crate) fn classes(&self, word: &str) -> u16 {
        let Some(&first) = word.as_bytes().first() else { return 0 };
        let upper = if self.upper_first[usize::from(first >> 6)] & (1 << (first & 63)) != 0
            && self.upper.iter().any(|u| u.as_str() == word)
        {
            class::IT_UPPER
        } else {
            0
        };
        let s = shape(word.as_bytes());
        if self.shapes[s / 64] & (1 << (s % 64)) == 0 {
            return upper;
        }
        let Some(key) = key(word) else {
            return upper; // longer than any word of the lexicon
        };
        self.classes.get(&key).copied().unwrap_or(0) | upper
    }

    /// Where in `text` a word token may start that a group phrase needs (see
    /// [`CORE`]), in order: a sentence with none of them names no group, and
    /// [`crate::lang::analysis::mentions`] finds nothing in it.
    ///
    /// Every such token's text is in `text`, at a place that no letter or
    /// digit precedes (a word token never starts right after one), and is
    /// found here; the places found are more (the word may go on: "sides" in
    /// "besides" is not found, "side" in "sidelined" is).
    ///
    /// One pass over the text, eight bytes at a time ([`WordStarts`]).
    pub(crate) fn core_word_starts(&self, text: &str) -> Vec<usize> {
        self.core.find(text)
    }
}

/// Length (modulo 16), first and last byte (modulo 32: either case of a
/// letter gives the same) of a word, as a number below 16,384.
#[inline]
fn shape(bytes: &[u8]) -> usize {
    let (first, last) = (bytes[0] & 31, bytes[bytes.len() - 1] & 31);
    (bytes.len() & 15) << 10 | usize::from(first) << 5 | usize::from(last)
}

/// A word of at most 16 bytes, ASCII-lowercased, as a number (zero bytes
/// pad it: words hold no NUL). Comparing keys is comparing words ignoring
/// ASCII case, as [`crate::lang::tokens::Token::is`] does.
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

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
            assert_eq!(Lexicon::builtin().classes(w), classes_by_scan(w), "word {w:?}");
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
}
