//! The lexicon: which words name which population, which are heads of
//! group phrases, which are neutral or function words, as class bits the
//! tokenizer puts on each word ([`class`]). It sits below the tokenizer,
//! which is given one ([`crate::lang::tokens::tokenize`]). The words that
//! name the populations come from a populations file
//! ([`crate::lang::populations`]); the neutral and function words below are
//! language, the same for every file. [`Lexicon::builtin`] is the lexicon
//! of the built-in file.

use crate::lang::populations::Populations;
use crate::scan::words::WordStarts;

/// Whose figure a claim is: one of the two populations of the populations
/// file, a mix of both, or neither; in the dataset, its name in that file
/// ([`Populations::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Population {
    /// The file's first population.
    First,
    /// The file's second population.
    Second,
    /// A population mixing the two.
    Both,
    /// Neither group, or not determinable.
    Unknown,
}

impl Population {
    /// Every population, in order.
    pub const ALL: [Population; 4] =
        [Population::First, Population::Second, Population::Both, Population::Unknown];

    /// The first population for the second and the second for the first.
    pub fn other(self) -> Option<Population> {
        match self {
            Population::First => Some(Population::Second),
            Population::Second => Some(Population::First),
            _ => None,
        }
    }
}

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
/// Words that open or continue a phrase ([`class::PHRASE_WORD`]).
const PHRASE_WORDS: &[&str] = &["chief", "those", "ones"];

/// Lexicon classes of a word, as bits of [`crate::lang::tokens::Token::lex`]:
/// which lists hold it (ASCII case ignored, but for spellings), so that the
/// rules test a bit instead of comparing the word with every entry of a list.
pub(crate) mod class {
    /// A modifier of the first population ("marketing").
    pub(crate) const FIRST_WORD: u32 = 1;
    /// A modifier of the second population.
    pub(crate) const SECOND_WORD: u32 = 1 << 1;
    /// A head naming the first population's people ("marketers").
    pub(crate) const FIRST_HEAD: u32 = 1 << 2;
    /// A head naming the second population's people.
    pub(crate) const SECOND_HEAD: u32 = 1 << 3;
    /// A head naming a third group of people.
    pub(crate) const THIRD_HEAD: u32 = 1 << 4;
    /// A head naming people in general ("respondents").
    pub(crate) const GENERIC_HEAD: u32 = 1 << 5;
    /// A head naming organisations or the public ("companies").
    pub(crate) const ORGANISATION_HEAD: u32 = 1 << 6;
    /// A word that qualifies a group without changing it ("senior").
    pub(crate) const NEUTRAL: u32 = 1 << 7;
    /// A function word ("for").
    pub(crate) const FUNCTION_WORD: u32 = 1 << 8;
    /// "chief", "those", "ones": words that open or continue a phrase.
    pub(crate) const PHRASE_WORD: u32 = 1 << 9;
    /// A spelling of the first population, as written.
    pub(crate) const FIRST_SPELLING: u32 = 1 << 10;
    /// A spelling of the second population, as written ("IT", not "it").
    pub(crate) const SECOND_SPELLING: u32 = 1 << 11;
    /// The first word of a role of several words ("chief" of "chief
    /// marketing officer").
    pub(crate) const ROLE_START: u32 = 1 << 12;
    /// A spelling of a group word that is no group near certain words ("CMOs").
    pub(crate) const NOT_A_GROUP: u32 = 1 << 13;
    /// One of the words near which a [`NOT_A_GROUP`] spelling is no group.
    pub(crate) const SENSE_CONTEXT: u32 = 1 << 14;
    /// Words that may open a group phrase.
    pub(crate) const LEXICON: u32 = FIRST_WORD
        | SECOND_WORD
        | FIRST_HEAD
        | SECOND_HEAD
        | THIRD_HEAD
        | GENERIC_HEAD
        | ORGANISATION_HEAD
        | NEUTRAL
        | PHRASE_WORD
        | ROLE_START;
    /// The words naming the first population.
    pub(crate) const FIRST: u32 = FIRST_WORD | FIRST_HEAD | FIRST_SPELLING;
    /// The words naming the second population.
    pub(crate) const SECOND: u32 = SECOND_WORD | SECOND_HEAD | SECOND_SPELLING;
}

/// Classes of the words a group phrase cannot do without: every phrase
/// [`crate::lang::groups::group_at`] reads holds a head, a population's word
/// or spelling, or the first word of a role ("chief" of "chief financial
/// officer").
pub(crate) const CORE: u32 = class::FIRST_WORD
    | class::SECOND_WORD
    | class::FIRST_HEAD
    | class::SECOND_HEAD
    | class::THIRD_HEAD
    | class::GENERIC_HEAD
    | class::ORGANISATION_HEAD
    | class::ROLE_START;

/// A role of several words ("chief marketing officer") and the population
/// it names.
#[derive(Debug, Clone)]
pub(crate) struct Role {
    /// Its words after the first, lowercase keys.
    rest: Vec<u128>,
    /// [`Population::First`] or [`Population::Second`].
    pub(crate) population: Population,
}

/// Words with their classes: every word lowercased, with a quick filter in
/// front of the table, and the search for the words group phrases need.
pub struct Lexicon {
    classes: rustc_hash::FxHashMap<u128, u32>,
    /// One bit per [`shape`] of a lexicon word: a word whose shape has no
    /// bit is not in the lexicon, and most words of news text are not.
    shapes: [u64; 256],
    /// Words whose case counts ("IT"), with their classes.
    spellings: Vec<(String, u32)>,
    /// One bit per first byte of `spellings`: most words need no comparison.
    spelling_first: [u64; 4],
    /// Roles of several words, by the key of their first word.
    roles: rustc_hash::FxHashMap<u128, Vec<Role>>,
    /// Where the words of the [`CORE`] classes (and the spellings) start.
    core: WordStarts,
}

impl Lexicon {
    /// The lexicon of the built-in populations file (built once).
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: std::sync::LazyLock<Lexicon> =
            std::sync::LazyLock::new(|| Lexicon::new(Populations::builtin()));
        &BUILTIN
    }

    /// The lexicon of a populations file and of the language's own lists.
    pub fn new(pops: &Populations) -> Lexicon {
        let mut words: Vec<(&str, u32)> = Vec::new();
        let side_bits = [
            (class::FIRST_WORD, class::FIRST_HEAD, class::FIRST_SPELLING),
            (class::SECOND_WORD, class::SECOND_HEAD, class::SECOND_SPELLING),
        ];
        let mut spellings: Vec<(String, u32)> = Vec::new();
        let mut roles: rustc_hash::FxHashMap<u128, Vec<Role>> = Default::default();
        let mut role_starts: Vec<String> = Vec::new();
        for (side, (word, head, spelling)) in pops.sides.iter().zip(side_bits) {
            words.extend(side.modifiers.iter().map(|w| (w.as_str(), word)));
            words.extend(side.heads.iter().map(|w| (w.as_str(), head)));
            spellings.extend(side.spellings.iter().map(|w| (w.clone(), spelling)));
        }
        for (side, population) in pops.sides.iter().zip([Population::First, Population::Second]) {
            for role in &side.roles {
                let first = key(&role[0]).expect("role words are at most 16 bytes");
                let rest = role[1..].iter().map(|w| key(w).expect("at most 16 bytes")).collect();
                roles.entry(first).or_default().push(Role { rest, population });
                role_starts.push(role[0].clone());
            }
        }
        words.extend(role_starts.iter().map(|w| (w.as_str(), class::ROLE_START)));
        words.extend(pops.third.iter().map(|w| (w.as_str(), class::THIRD_HEAD)));
        words.extend(pops.generic.iter().map(|w| (w.as_str(), class::GENERIC_HEAD)));
        words.extend(pops.organisations.iter().map(|w| (w.as_str(), class::ORGANISATION_HEAD)));
        words.extend(NEUTRAL.iter().map(|w| (*w, class::NEUTRAL)));
        words.extend(FUNCTION_WORDS.iter().map(|w| (*w, class::FUNCTION_WORD)));
        words.extend(PHRASE_WORDS.iter().map(|w| (*w, class::PHRASE_WORD)));
        for n in &pops.not_a_group {
            spellings.extend(n.spellings.iter().map(|w| (w.clone(), class::NOT_A_GROUP)));
            words.extend(n.when_two_of.iter().map(|w| (w.as_str(), class::SENSE_CONTEXT)));
        }
        let mut classes: rustc_hash::FxHashMap<u128, u32> = Default::default();
        let mut shapes = [0; 256];
        let mut core = Vec::new();
        for (w, bit) in words {
            let Some(key) = key(w) else { continue };
            *classes.entry(key).or_insert(0) |= bit;
            let s = shape(w.as_bytes());
            shapes[s / 64] |= 1 << (s % 64);
            if bit & CORE != 0 {
                core.push(w.to_string());
            }
        }
        core.push("chief".to_string());
        core.sort();
        core.dedup();
        // The spellings of a population are core; those that are no group are
        // not. Words the folded search cannot take (shorter than three bytes,
        // "hr") are searched as written, in their three cases.
        let (folded, short): (Vec<String>, Vec<String>) = core
            .into_iter()
            .partition(|w| w.len() >= 3 && w.starts_with(|c: char| c.is_ascii_lowercase()));
        let mut exact: Vec<String> = spellings
            .iter()
            .filter(|(_, bit)| bit & (class::FIRST_SPELLING | class::SECOND_SPELLING) != 0)
            .map(|(w, _)| w.clone())
            .collect();
        for w in short {
            let title = w[..1].to_ascii_uppercase() + &w[1..];
            exact.extend([w.to_ascii_uppercase(), title, w]);
        }
        let core =
            WordStarts::new(folded.iter().map(String::as_str), exact.iter().map(String::as_str));
        let mut spelling_first = [0u64; 4];
        for b in spellings.iter().filter_map(|(u, _)| u.as_bytes().first()) {
            spelling_first[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        Lexicon { classes, shapes, spellings, spelling_first, roles, core }
    }

    /// The classes of a word token's text (see [`class`]).
    #[inline]
    pub(crate) fn classes(&self, word: &str) -> u32 {
        let Some(&first) = word.as_bytes().first() else { return 0 };
        let mut spelled = 0;
        if self.spelling_first[usize::from(first >> 6)] & (1 << (first & 63)) != 0 {
            for (w, bit) in &self.spellings {
                if w == word {
                    spelled |= bit;
                }
            }
        }
        let s = shape(word.as_bytes());
        if self.shapes[s / 64] & (1 << (s % 64)) == 0 {
            return spelled;
        }
        let Some(key) = key(word) else {
            return spelled; // longer than any word of the lexicon
        };
        self.classes.get(&key).copied().unwrap_or(0) | spelled
    }

    /// The role of several words that starts at word `words[0]` (the tokens
    /// of a sentence from there: their texts), as its length and population.
    pub(crate) fn role_at<'a>(
        &self,
        words: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<(usize, Population)> {
        let mut it = words.clone();
        let first = key(it.next()?)?;
        let roles = self.roles.get(&first)?;
        'role: for role in roles {
            let mut it = words.clone().skip(1);
            for (i, want) in role.rest.iter().enumerate() {
                let Some(w) = it.next() else { continue 'role };
                let last = i + 1 == role.rest.len();
                // The last word may take a plural "s": "chief marketing officers".
                let plain = key(w);
                let singular = w.strip_suffix('s').and_then(key);
                if !(plain == Some(*want) || last && singular == Some(*want)) {
                    continue 'role;
                }
            }
            return Some((role.rest.len() + 1, role.population));
        }
        None
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

/// The built-in file's word lists with their classes, and the language's
/// (for tests that compare the lexicon with scanning the lists).
#[cfg(test)]
pub(crate) fn word_lists() -> Vec<(Vec<String>, u32)> {
    let pops = Populations::builtin();
    let own = |l: &[&str]| l.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let mut lists = Vec::new();
    for (side, (word, head)) in pops
        .sides
        .iter()
        .zip([(class::FIRST_WORD, class::FIRST_HEAD), (class::SECOND_WORD, class::SECOND_HEAD)])
    {
        lists.push((side.modifiers.clone(), word));
        lists.push((side.heads.clone(), head));
        lists.push((side.roles.iter().map(|r| r[0].clone()).collect(), class::ROLE_START));
    }
    lists.push((pops.third.clone(), class::THIRD_HEAD));
    lists.push((pops.generic.clone(), class::GENERIC_HEAD));
    lists.push((pops.organisations.clone(), class::ORGANISATION_HEAD));
    lists.push((own(NEUTRAL), class::NEUTRAL));
    lists.push((own(FUNCTION_WORDS), class::FUNCTION_WORD));
    lists.push((own(PHRASE_WORDS), class::PHRASE_WORD));
    for n in &pops.not_a_group {
        lists.push((n.when_two_of.clone(), class::SENSE_CONTEXT));
    }
    lists
}

/// The built-in file's spellings, with their classes.
#[cfg(test)]
pub(crate) fn spellings() -> Vec<(String, u32)> {
    let pops = Populations::builtin();
    let mut out: Vec<(String, u32)> = Vec::new();
    for (side, bit) in pops.sides.iter().zip([class::FIRST_SPELLING, class::SECOND_SPELLING]) {
        out.extend(side.spellings.iter().map(|w| (w.clone(), bit)));
    }
    for n in &pops.not_a_group {
        out.extend(n.spellings.iter().map(|w| (w.clone(), class::NOT_A_GROUP)));
    }
    out
}

/// The words of the built-in lists in the [`CORE`] classes, and "chief",
/// lowercase (what [`Lexicon::core_word_starts`] looks for, but the
/// spellings).
#[cfg(test)]
pub(crate) fn core_words() -> Vec<String> {
    let mut out: Vec<String> = word_lists()
        .into_iter()
        .filter(|(_, bit)| bit & CORE != 0)
        .flat_map(|(list, _)| list)
        .chain(["chief".to_string()])
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The classes of a word by comparing it with every entry of every list.
    fn classes_by_scan(word: &str) -> u32 {
        let mut bits = 0;
        for (w, bit) in spellings() {
            if w == word {
                bits |= bit;
            }
        }
        for (list, bit) in word_lists() {
            if list.iter().any(|w| word.eq_ignore_ascii_case(w)) {
                bits |= bit;
            }
        }
        bits
    }

    #[test]
    fn classes_agree_with_scanning_the_lists() {
        let mut words: Vec<String> = Vec::new();
        for w in word_lists().into_iter().flat_map(|(list, _)| list) {
            let upper = w.to_ascii_uppercase();
            let title = format!("{}{}", &upper[..1], &w[1..]);
            let longer = format!("{w}s");
            let shorter = w[..w.len() - 1].to_string();
            words.extend([w.to_string(), upper, title, longer, shorter]);
        }
        words.extend(spellings().into_iter().map(|(w, _)| w));
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

    /// (case, words after the role's first, the role's length and population)
    #[test]
    fn roles_of_several_words() {
        let lexicon = Lexicon::builtin();
        type Case = (&'static str, &'static str, Option<(usize, Population)>);
        let cases: &[Case] = &[
            (
                "first population's role",
                "Chief Marketing Officer says",
                Some((3, Population::First)),
            ),
            ("plural", "chief marketing officers say", Some((3, Population::First))),
            (
                "second population's role",
                "chief information officers",
                Some((3, Population::Second)),
            ),
            ("no role", "chief financial officer", None),
            ("cut short", "chief marketing", None),
        ];
        for (name, text, want) in cases {
            assert_eq!(lexicon.role_at(text.split_whitespace()), *want, "case {name:?}");
        }
    }

    /// Sentences of lexicon words (every list, and the pieces of multiword
    /// roles), other words, numbers and punctuation, in any case.
    pub(crate) fn sentence() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let mut words: Vec<String> = word_lists().into_iter().flat_map(|(l, _)| l).collect();
        words.extend(spellings().into_iter().map(|(w, _)| w));
        words.extend(
            [
                "it", "It", "chief", "chief financial officer", "chief marketing officer",
                "officer", "information", "sales", "said", "rose", "surveyed", "polled", "by",
                "220", "5", ",", ";", ":", "(", ")", "&", "/", "-", "'", "director", "besides",
                "x",
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
