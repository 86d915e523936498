//! The phrase layer: what each word of a sentence is, the noun phrases and
//! verb groups the words make, and the clause around each figure.
//!
//! The population and subject rules need phrase structure, not only words:
//! whether "45% of X" counts people, organisations or things; where the
//! predicate after "45% of CIOs" starts and ends; whether "CFOs (57%)" is
//! the subject of its clause or an answer named in it. This module reads
//! that structure once per sentence that holds a figure, with closed word
//! classes written here and a lexicon of open-class words (which forms can
//! be verbs, adjectives, adverbs) derived from a tagger's output over news
//! text (`data/pos-lexicon.tsv`, made by `scripts/derive_pos_lexicon.py`).
//!
//! Three layers, each a pure function of the one before:
//! 1. [`tag`]: one [`Tag`] per token, from the closed classes, the lexicon
//!    and the tags around it (a word that can be a noun or a verb is a verb
//!    after a subject pronoun or a people noun and before what a verb takes);
//! 2. [`noun_phrase`]: a noun phrase read from a token: determiners and
//!    quantifiers, pre-modifiers, the head, post-modifiers, and what the
//!    head names ([`Sense`]);
//! 3. [`Phrases`]: the verb groups of the sentence and, for any token, the
//!    clause it stands in, its subject and its predicate.

use crate::lang::groups::{Group, GroupPop, group_at};
use crate::lang::lexicon::{Population, class};
use crate::lang::tokens::{TokKind, Token};
use std::sync::LazyLock;

/// The part of speech of a token in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    /// Determiner or quantifier word: "the", "all", "their", "these".
    Det,
    /// Pronoun: "they", "them", "you", "who", "others".
    Pron,
    /// Preposition: "of", "among", "than".
    Prep,
    /// "to": preposition or infinitive marker.
    To,
    /// Coordinating conjunction: "and", "or", "but", "&".
    Conj,
    /// Subordinator: "while", "whereas", "because", "if".
    Sub,
    /// "that": complementiser, relative pronoun or demonstrative.
    That,
    /// "as".
    As,
    /// Modal verb: "can", "will".
    Modal,
    /// A form of "be", "have" or "do".
    Aux,
    /// Adverb.
    Adv,
    /// Adjective.
    Adj,
    /// Common noun.
    Noun,
    /// Capitalised word inside a sentence: a name.
    Proper,
    /// Finite verb: "say", "rose".
    Verb,
    /// Base form after "to" or a modal: "improve".
    Base,
    /// "-ing" form.
    Ing,
    /// Past participle: "surveyed", "cited".
    En,
    /// Particle: "up", "out".
    Part,
    /// A number that is not a figure.
    Num,
    /// A proportion expression.
    Fig,
    /// Punctuation.
    Punct,
}

impl Tag {
    /// True for the tags that may stand inside a noun phrase before its head.
    fn premodifier(self) -> bool {
        matches!(
            self,
            Tag::Adj | Tag::Noun | Tag::Proper | Tag::Num | Tag::Fig | Tag::En | Tag::Ing
        )
    }
}

/// Word-class bits of the part-of-speech lexicon (letters of
/// `data/pos-lexicon.tsv`).
pub(crate) mod pos {
    /// N: noun.
    pub(crate) const NOUN: u16 = 1;
    /// V: finite verb.
    pub(crate) const VERB: u16 = 1 << 1;
    /// B: base form.
    pub(crate) const BASE: u16 = 1 << 2;
    /// G: -ing form.
    pub(crate) const ING: u16 = 1 << 3;
    /// E: past participle.
    pub(crate) const EN: u16 = 1 << 4;
    /// J: adjective.
    pub(crate) const ADJ: u16 = 1 << 5;
    /// R: adverb.
    pub(crate) const ADV: u16 = 1 << 6;
    /// I: preposition or subordinator.
    pub(crate) const PREP: u16 = 1 << 7;
    /// D: determiner.
    pub(crate) const DET: u16 = 1 << 8;
    /// P: pronoun.
    pub(crate) const PRON: u16 = 1 << 9;
    /// M: modal.
    pub(crate) const MODAL: u16 = 1 << 10;
    /// C: conjunction.
    pub(crate) const CONJ: u16 = 1 << 11;
    /// T: "to".
    pub(crate) const TO: u16 = 1 << 12;
    /// U: particle.
    pub(crate) const PART: u16 = 1 << 13;
    /// Any verb form.
    pub(crate) const VERBAL: u16 = VERB | BASE | ING | EN;
}

/// The bit of a lexicon letter.
fn pos_bit(letter: u8) -> u16 {
    match letter {
        b'N' => pos::NOUN,
        b'V' => pos::VERB,
        b'B' => pos::BASE,
        b'G' => pos::ING,
        b'E' => pos::EN,
        b'J' => pos::ADJ,
        b'R' => pos::ADV,
        b'I' => pos::PREP,
        b'D' => pos::DET,
        b'P' => pos::PRON,
        b'M' => pos::MODAL,
        b'C' => pos::CONJ,
        b'T' => pos::TO,
        b'U' => pos::PART,
        _ => 0,
    }
}

/// Closed word classes, as bits above the lexicon's part-of-speech bits
/// in [`WORDS`].
mod closed {
    pub(super) const AUX: u32 = 1 << 16;
    pub(super) const MODAL: u32 = 1 << 17;
    pub(super) const CONJ: u32 = 1 << 18;
    pub(super) const SUB: u32 = 1 << 19;
    pub(super) const DEMONSTRATIVE: u32 = 1 << 20;
    pub(super) const PRONOUN: u32 = 1 << 21;
    pub(super) const DETERMINER: u32 = 1 << 22;
    pub(super) const PREPOSITION: u32 = 1 << 23;
    pub(super) const ADVERB: u32 = 1 << 24;
    pub(super) const PARTICLE: u32 = 1 << 25;
}

/// Every word of the closed classes below and of the part-of-speech
/// lexicon, lowercase, with its bits: one hashed look-up per token.
static WORDS: LazyLock<rustc_hash::FxHashMap<u128, u32>> = LazyLock::new(|| {
    let mut map: rustc_hash::FxHashMap<u128, u32> = rustc_hash::FxHashMap::default();
    for line in include_str!("../../data/pos-lexicon.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((form, letters)) = line.split_once('\t') else { continue };
        let bits = letters.bytes().fold(0, |b, l| b | pos_bit(l));
        if let Some(key) = word_key(form.as_bytes()) {
            map.insert(key, u32::from(bits));
        }
    }
    for (form, bits) in SURVEY_WORDS {
        map.insert(word_key(form.as_bytes()).expect("short word"), u32::from(*bits));
    }
    let lists: [(&[&str], u32); 10] = [
        (AUXILIARIES, closed::AUX),
        (MODALS, closed::MODAL),
        (CONJUNCTIONS, closed::CONJ),
        (SUBORDINATORS, closed::SUB),
        (&["this", "these", "those"], closed::DEMONSTRATIVE),
        (PRONOUNS, closed::PRONOUN),
        (DETERMINERS, closed::DETERMINER),
        (PREPOSITIONS, closed::PREPOSITION),
        (ADVERBS, closed::ADVERB),
        (PARTICLES, closed::PARTICLE),
    ];
    for (list, bit) in lists {
        for w in list {
            *map.entry(word_key(w.as_bytes()).expect("short word")).or_insert(0) |= bit;
        }
    }
    map
});

/// A word of at most 16 bytes, ASCII-lowercased, as a number (zero bytes
/// pad it): the key of [`WORDS`]. Longer words are in no closed class and
/// read as unknown words.
fn word_key(bytes: &[u8]) -> Option<u128> {
    if bytes.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    buf.make_ascii_lowercase();
    Some(u128::from_le_bytes(buf))
}

/// The bits of a word in [`WORDS`] (ASCII case ignored, a curly apostrophe
/// read as a straight one); 0 when it is in none.
fn word_bits(word: &str) -> u32 {
    let key = if !word.is_ascii() && word.contains('’') {
        word_key(word.replace('’', "'").as_bytes())
    } else {
        word_key(word.as_bytes())
    };
    key.and_then(|k| WORDS.get(&k)).copied().unwrap_or(0)
}

/// The lexicon classes of a word (ASCII case ignored); 0 when unknown.
pub(crate) fn lexicon_pos(word: &str) -> u16 {
    (word_bits(word) & 0xFFFF) as u16
}

/// Words of survey reporting that news text gives the tagger too rarely.
const SURVEY_WORDS: &[(&str, u16)] = &[
    ("rate", pos::NOUN | pos::BASE),
    ("rank", pos::NOUN | pos::BASE),
    ("cite", pos::BASE),
    ("view", pos::NOUN | pos::BASE),
    ("plan", pos::NOUN | pos::BASE),
    ("report", pos::NOUN | pos::BASE),
    ("name", pos::NOUN | pos::BASE),
    ("place", pos::NOUN | pos::BASE),
    ("prioritize", pos::BASE),
    ("prioritise", pos::BASE),
    ("martech", pos::NOUN),
    ("respondents", pos::NOUN),
    ("omnichannel", pos::ADJ | pos::NOUN),
    ("outperformers", pos::NOUN),
    ("underperformers", pos::NOUN),
];

/// Determiners and quantifier words.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "each", "every", "all", "both", "some", "any",
    "no", "another", "other", "such", "its", "their", "our", "his", "her", "my", "your", "whose",
    "either", "neither", "many", "most", "more", "fewer", "few", "several", "much", "less",
];
/// Pronouns.
const PRONOUNS: &[&str] = &[
    "they", "them", "we", "us", "you", "he", "she", "it", "i", "me", "him", "one", "ones",
    "themselves", "ourselves", "itself", "who", "whom", "which", "what", "others", "everyone",
    "everybody", "someone", "anyone", "nobody", "none", "respectively",
];
/// Prepositions ("to" and "as" have tags of their own).
const PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "about", "among",
    "amongst", "between", "across", "through", "throughout", "over", "under", "within", "without",
    "via", "per", "than", "versus", "vs.", "vs", "against", "toward", "towards", "during", "after",
    "before", "despite", "including", "like", "upon", "around", "behind", "beyond", "below",
    "above", "near", "outside", "inside", "along", "amid", "according", "compared",
];
/// Coordinating conjunctions.
const CONJUNCTIONS: &[&str] = &["and", "or", "nor", "but", "yet", "&", "/"];
/// Subordinators.
const SUBORDINATORS: &[&str] = &[
    "while", "whereas", "although", "though", "because", "if", "when", "whether", "unless",
    "since", "where", "whilst",
];
/// Modal verbs.
const MODALS: &[&str] =
    &["can", "could", "will", "would", "shall", "should", "may", "might", "must", "ca", "wo"];
/// Forms of "be", "have" and "do".
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "has", "have", "had",
    "having", "do", "does", "did", "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't",
    "didn't", "hasn't", "haven't", "it's", "that's", "there's",
];
/// Adverbs that the lexicon may call something else.
const ADVERBS: &[&str] = &[
    "not", "n't", "also", "only", "just", "even", "still", "already", "very", "almost", "nearly",
    "roughly", "approximately", "about", "around", "some", "now", "then", "currently", "really",
    "often", "never", "always", "either", "too", "so", "least", "well", "far", "much",
];
/// Particles.
const PARTICLES: &[&str] = &["up", "down", "out", "off"];

fn in_words(t: &Token, list: &[&str]) -> bool {
    if !t.is_word() {
        return false;
    }
    if t.text.contains('’') {
        let plain = t.text.replace('’', "'");
        return list.iter().any(|w| plain.eq_ignore_ascii_case(w));
    }
    list.iter().any(|w| t.is(w))
}

/// A contraction holding a verb: "they're", "we've", "that's", "won't".
fn contraction_with_verb(t: &Token) -> bool {
    let w = t.text.replace('’', "'").to_ascii_lowercase();
    ["'re", "'ve", "'ll", "'d", "'m", "n't"].iter().any(|e| w.ends_with(e))
        || ["it's", "that's", "there's", "what's", "he's", "she's", "who's", "here's"]
            .contains(&w.as_str())
}

/// The possible classes of a word before context decides: lexicon bits,
/// else guessed from its ending.
fn open_bits(t: &Token, bits: u16) -> u16 {
    if bits != 0 {
        return bits;
    }
    let w = t.text.to_ascii_lowercase();
    if w.ends_with("ly") && w.len() > 4 {
        pos::ADV
    } else if w.ends_with("ing") && w.len() > 5 {
        pos::ING | pos::NOUN
    } else if w.ends_with("ed") && w.len() > 4 {
        pos::EN | pos::VERB | pos::ADJ
    } else {
        pos::NOUN
    }
}

/// True for a noun that names people (a head of the group lexicon).
pub(crate) fn people_noun(t: &Token) -> bool {
    t.lex & (class::FIRST_HEAD | class::SECOND_HEAD | class::THIRD_HEAD | class::GENERIC_HEAD) != 0
        || t.is("people")
}

/// Tags every token of a sentence.
pub(crate) fn tag(toks: &[Token]) -> Vec<Tag> {
    let bits: Vec<u32> =
        toks.iter().map(|t| if t.is_word() { word_bits(t.text) } else { 0 }).collect();
    let mut tags: Vec<Tag> = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| tags[p]);
        let tag = match t.kind {
            TokKind::Figure(_) => Tag::Fig,
            TokKind::Number => Tag::Num,
            TokKind::Punct if t.text == "&" || t.text == "/" => Tag::Conj,
            TokKind::Punct => Tag::Punct,
            TokKind::Word => word_tag(toks, &bits, &tags, i, prev),
        };
        tags.push(tag);
    }
    tags
}

/// Words that open a noun phrase a figure can modify: "a 20% stake",
/// "its 52 pct holding".
pub(crate) const MODIFYING_DETERMINERS: &[&str] =
    &["a", "an", "the", "its", "his", "her", "their", "our", "your", "whose"];

/// The determiner that opens the noun phrase a figure starting at token
/// `lead` modifies, past at most two adjectives or adverbs ("its remaining
/// 52 pct stake", "a nearly 20% rise", "Acme's 20% stake"); `tags` needs
/// to be known only before `lead`.
pub(crate) fn modifying_determiner(toks: &[Token], tags: &[Tag], lead: usize) -> Option<usize> {
    let mut d = lead;
    while d > 0 && lead - d < 2 && matches!(tags[d - 1], Tag::Adj | Tag::Ing | Tag::En | Tag::Adv) {
        d -= 1;
    }
    let det = d.checked_sub(1)?;
    let t = &toks[det];
    let possessive = matches!(tags[det], Tag::Noun | Tag::Proper)
        && (t.text.ends_with("'s") || t.text.ends_with("’s"));
    (in_words(t, MODIFYING_DETERMINERS) || possessive).then_some(det)
}

/// The tag of word `i`, given the tags before it.
fn word_tag(toks: &[Token], words: &[u32], tags: &[Tag], i: usize, prev: Option<Tag>) -> Tag {
    let t = &toks[i];
    let next = toks.get(i + 1);
    let w = words[i];
    let next_w = words.get(i + 1).copied().unwrap_or(0);
    let has = |bits: u32, class: u32| bits & class != 0;
    if t.is("to") {
        return Tag::To;
    }
    if t.is("as") {
        return Tag::As;
    }
    if t.is("that") {
        return Tag::That;
    }
    let apostrophe = t.text.bytes().any(|b| b == b'\'' || b == 0xE2);
    if has(w, closed::AUX) || apostrophe && contraction_with_verb(t) {
        return if has(w, closed::MODAL) { Tag::Modal } else { Tag::Aux };
    }
    if has(w, closed::MODAL) && !(t.text == "May" && i > 0) {
        return Tag::Modal;
    }
    if has(w, closed::CONJ) {
        return Tag::Conj;
    }
    if has(w, closed::SUB) {
        return Tag::Sub;
    }
    if has(w, closed::DEMONSTRATIVE) {
        // A demonstrative before its noun, else a pronoun.
        let before_noun = next.is_some_and(|n| n.is_word()) && !has(next_w, closed::AUX);
        return if before_noun && !has(next_w, closed::MODAL) { Tag::Det } else { Tag::Pron };
    }
    if t.lex & (class::FIRST_SPELLING | class::SECOND_SPELLING) != 0 {
        return Tag::Noun;
    }
    // "US", "UK", "CX": capitals are a name, not "us".
    if t.text.len() >= 2 && t.text.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
        return Tag::Proper;
    }
    if has(w, closed::PRONOUN) && !t.is("one") && !t.is("respectively") {
        return Tag::Pron;
    }
    if has(w, closed::DETERMINER) {
        return Tag::Det;
    }
    if has(w, closed::PREPOSITION) {
        return Tag::Prep;
    }
    if has(w, closed::ADVERB) || t.is("respectively") {
        return Tag::Adv;
    }
    if has(w, closed::PARTICLE) {
        return Tag::Part;
    }
    if people_noun(t)
        || t.lex & (class::ORGANISATION_HEAD | class::FIRST_WORD | class::SECOND_WORD) != 0
    {
        return Tag::Noun;
    }
    let bits = open_bits(t, (w & 0xFFFF) as u16);
    let capital = t.text.starts_with(|c: char| c.is_uppercase());
    let sentence_start = i == 0 || toks[i - 1].is_punct("\"") || toks[i - 1].is_punct("“");
    let verbish = bits & pos::VERBAL != 0;
    let after_infinitive = matches!(prev, Some(Tag::To | Tag::Modal))
        || prev == Some(Tag::Adv) && i >= 2 && matches!(tags[i - 2], Tag::To | Tag::Modal);
    if after_infinitive && bits & (pos::BASE | pos::VERB) != 0 {
        return Tag::Base;
    }
    if capital && !sentence_start && !verbish {
        return Tag::Proper;
    }
    // "a 9 pct rise in profits", "its 52 pct stake": after a figure that a
    // determiner opens (not "the", as in "the remaining 47% say"), a word
    // that can be a noun is the noun the figure modifies, unless what a
    // verb takes follows ("an additional 20% plan to").
    if prev == Some(Tag::Fig)
        && bits & pos::NOUN != 0
        && !next.is_some_and(|n| {
            n.is("to") || n.is("that") || has(next_w, closed::DETERMINER | closed::PRONOUN)
        })
        && modifying_determiner(toks, tags, i - 1).is_some_and(|d| !toks[d].is("the"))
    {
        return Tag::Noun;
    }
    if bits & pos::ING != 0 {
        return Tag::Ing;
    }
    let subject_before = match prev {
        Some(Tag::Pron | Tag::That | Tag::Fig) => true,
        Some(Tag::Noun | Tag::Proper) => true,
        Some(Tag::Adv) => {
            i >= 2 && matches!(tags[i - 2], Tag::Pron | Tag::Noun | Tag::Proper | Tag::Fig)
        }
        _ => false,
    };
    // A people noun or a subject pronoun right before: a word that can be a
    // verb is one ("marketers report friction", "they plan", "45% cite").
    let people_before = match prev {
        Some(Tag::Pron | Tag::Fig) => true,
        Some(Tag::Noun) => {
            people_noun(&toks[i - 1]) || toks[i - 1].lex & class::ORGANISATION_HEAD != 0
        }
        Some(Tag::Adv) => {
            i >= 2 && (matches!(tags[i - 2], Tag::Pron | Tag::Fig) || people_noun(&toks[i - 2]))
        }
        _ => false,
    };
    // "a strengthened loyalty program": a participle after a determiner.
    if prev == Some(Tag::Det) && bits & pos::EN != 0 && next.is_some_and(|n| n.is_word()) {
        return Tag::Adj;
    }
    let after_aux =
        prev == Some(Tag::Aux) || prev == Some(Tag::Adv) && i >= 2 && tags[i - 2] == Tag::Aux;
    if after_aux && bits & pos::EN != 0 {
        return Tag::En;
    }
    // "a study conducted by IBM", "the executives surveyed by Adobe": a
    // participle after its noun.
    if bits & pos::EN != 0
        && matches!(prev, Some(Tag::Noun | Tag::Proper))
        && next.is_some_and(|n| n.is("by"))
    {
        return Tag::En;
    }
    if people_before && bits & (pos::VERB | pos::BASE) != 0 {
        return Tag::Verb;
    }
    // What a verb takes after it: a noun phrase, a clause, a preposition.
    let object_after = next.is_some_and(|n| {
        n.figure().is_some()
            || n.kind == TokKind::Number
            || has(
                next_w,
                closed::DETERMINER
                    | closed::PRONOUN
                    | closed::PREPOSITION
                    | closed::ADVERB
                    | closed::PARTICLE,
            )
            || n.is("that")
            || n.is("to")
            || n.is_punct("“")
            || n.is_punct("\"")
    });
    if bits & pos::VERB != 0 && bits & (pos::NOUN | pos::ADJ) == 0 {
        return Tag::Verb;
    }
    // After a plural noun, before what a verb takes: "results show that".
    if bits & (pos::VERB | pos::BASE) != 0
        && prev == Some(Tag::Noun)
        && toks[i - 1].text.ends_with('s')
        && object_after
        && !next.is_some_and(|n| n.is("of"))
    {
        return Tag::Verb;
    }
    if bits & pos::EN != 0 && bits & (pos::NOUN | pos::ADJ | pos::VERB) == 0 {
        return Tag::En;
    }
    if bits & (pos::VERB | pos::EN) != 0
        && subject_before
        && (object_after || bits & pos::NOUN == 0)
    {
        // "marketers report friction", "CEOs cited CMOs", "respondents surveyed".
        return if bits & pos::VERB != 0 { Tag::Verb } else { Tag::En };
    }
    if bits & pos::BASE != 0 && bits & pos::NOUN == 0 && bits & pos::ADJ == 0 {
        return if subject_before { Tag::Verb } else { Tag::Base };
    }
    if bits & pos::ADJ != 0 && bits & pos::NOUN == 0 {
        return Tag::Adj;
    }
    if bits & pos::ADV != 0 && bits & (pos::NOUN | pos::ADJ) == 0 {
        return Tag::Adv;
    }
    if bits & pos::EN != 0 && bits & pos::NOUN == 0 {
        return Tag::En;
    }
    if bits & pos::NOUN != 0 || bits == 0 {
        if capital && !sentence_start {
            return Tag::Proper;
        }
        return Tag::Noun;
    }
    if bits & pos::ADJ != 0 {
        return Tag::Adj;
    }
    if bits & pos::PREP != 0 {
        return Tag::Prep;
    }
    Tag::Noun
}

/// What the head of a noun phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sense {
    /// People: a group of the lexicon ("CIOs", "respondents", "sales leaders").
    People,
    /// Organisations or the public as units ("companies", "IT organisations", "consumers").
    Organisation,
    /// A pronoun or demonstrative that points back at people ("them", "these executives", "you").
    Anaphor,
    /// A part of the sample that is not a role: a place or a segment ("Europe", "the rest").
    Segment,
    /// Anything else: what is measured ("budgets", "mobile traffic").
    Thing,
}

/// A noun phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Np {
    /// First token.
    pub first: usize,
    /// The head token.
    pub head: usize,
    /// One past the last token, post-modifiers included.
    pub end: usize,
    /// What the head names.
    pub sense: Sense,
    /// The group phrase it holds when it names people or organisations.
    pub group: Option<Group>,
}

/// Heads that name a sample or a part of it rather than a thing: "11% of
/// the field", "of the total".
const SAMPLE_NOUNS: &[&str] = &["field", "sample", "panel", "pool", "cohort", "rest", "remainder"];
/// Pronouns that point back at people.
const PEOPLE_PRONOUNS: &[&str] =
    &["them", "they", "those", "these", "you", "us", "we", "whom", "who", "others", "all", "each"];
/// Words that make a people head organisational: "IT organisations" is a unit.
const UNIT_HEADS: &[&str] = &[
    "organization", "organisation", "organizations", "organisations", "departments", "department",
];

/// A department alone at token `i` standing for its people ("30% of IT",
/// "27% of IT want more say", "(70% in marketing)"): the phrase ends
/// there, or a verb follows it (after adverbs). A noun after it makes it
/// a modifier ("30% of IT budgets").
pub(crate) fn department_alone(toks: &[Token], tags: &[Tag], i: usize) -> Option<Group> {
    group_at(toks, i, true).filter(|g| {
        if !g.bare {
            return false;
        }
        let Some(n) = toks.get(g.end) else { return true };
        if !n.is_word() || n.is("and") || n.is("or") {
            return true;
        }
        let mut k = g.end;
        while tags.get(k) == Some(&Tag::Adv) {
            k += 1;
        }
        matches!(tags.get(k), Some(Tag::Verb | Tag::Aux | Tag::Modal))
    })
}

/// Reads the noun phrase starting at token `i`, if one starts there.
pub(crate) fn noun_phrase(toks: &[Token], tags: &[Tag], i: usize) -> Option<Np> {
    let t = toks.get(i)?;
    // A people group first: the group reader knows coordination, side
    // phrases and samples ("marketing and IT leaders surveyed").
    if let Some(g) = group_at(toks, i, false).filter(|g| g.first >= i) {
        let head = (g.first..g.end)
            .rev()
            .find(|&k| tags[k] == Tag::Noun || tags[k] == Tag::Pron)
            .unwrap_or(g.end - 1);
        let unit = (g.first..g.end).any(|k| in_words(&toks[k], UNIT_HEADS))
            && g.pop != GroupPop::Specific(Population::Both);
        let sense = if g.organisation || unit { Sense::Organisation } else { Sense::People };
        return Some(Np { first: i, head, end: g.end, sense, group: Some(g) });
    }
    if tags[i] == Tag::Pron || tags[i] == Tag::Det && in_words(t, &["all", "both", "each"]) {
        let sense = if in_words(t, PEOPLE_PRONOUNS) { Sense::Anaphor } else { Sense::Thing };
        if tags[i] == Tag::Pron {
            return Some(Np { first: i, head: i, end: i + 1, sense, group: None });
        }
    }
    // Determiners, pre-modifiers, the head noun.
    let mut j = i;
    while j < toks.len() && tags[j] == Tag::Det {
        j += 1;
    }
    let start_mods = j;
    let mut head = None;
    while j < toks.len() {
        let tg = tags[j];
        if tg == Tag::Noun || tg == Tag::Proper {
            head = Some(j);
            j += 1;
            continue;
        }
        // "customer experience (CX) leaders": an acronym in parentheses inside the phrase.
        if toks[j].is_punct("(")
            && head.is_some()
            && toks.get(j + 2).is_some_and(|c| c.is_punct(")"))
            && toks.get(j + 1).is_some_and(|a| a.is_word())
            && toks.get(j + 3).is_some_and(|n| n.is_word() && matches!(tags[j + 3], Tag::Noun))
        {
            j += 3;
            continue;
        }
        if tg.premodifier() && tg != Tag::Ing && tg != Tag::En || tg == Tag::Ing && j == start_mods
        {
            // A participle or -ing form before a noun modifies it ("growing trust").
            j += 1;
            continue;
        }
        if (tg == Tag::En || tg == Tag::Ing)
            && toks.get(j + 1).is_some_and(|_| matches!(tags[j + 1], Tag::Noun | Tag::Adj))
        {
            j += 1;
            continue;
        }
        // "'s" of a possessive.
        if toks[j].is("'s") || toks[j].is("’s") {
            j += 1;
            continue;
        }
        break;
    }
    let head = head.filter(|&h| h >= i)?;
    let mut end = head + 1;
    // "of" and a noun phrase complete the phrase ("IT budgets in the US",
    // "stake in Acme", "deployment of new technology").
    if toks.get(end).is_some_and(|p| p.is("of") || p.is("in") || p.is("for") || p.is("across"))
        && let Some(inner) = noun_phrase_simple(toks, tags, end + 1)
    {
        end = inner;
    }
    let lower = toks[head].text.to_ascii_lowercase();
    let sense = if toks[head].lex & class::ORGANISATION_HEAD != 0
        || UNIT_HEADS.contains(&lower.as_str())
    {
        Sense::Organisation
    } else if SAMPLE_NOUNS.contains(&lower.as_str())
        || tags[head] == Tag::Proper && (i..=head).all(|k| tags[k] != Tag::Det || toks[k].is("the"))
    {
        Sense::Segment
    } else {
        Sense::Thing
    };
    Some(Np { first: i, head, end, sense, group: None })
}

/// The end of a plain noun phrase (no post-modifier) starting at `i`.
pub(crate) fn noun_phrase_simple(toks: &[Token], tags: &[Tag], i: usize) -> Option<usize> {
    let mut j = i;
    while j < toks.len() && tags[j] == Tag::Det {
        j += 1;
    }
    let mut end = None;
    while j < toks.len() && (tags[j].premodifier() || toks[j].is("'s")) {
        if matches!(tags[j], Tag::Noun | Tag::Proper) {
            end = Some(j + 1);
        }
        j += 1;
    }
    end
}

/// A verb group: auxiliaries, adverbs and the main verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct VerbGroup {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

/// The phrase structure of one sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct Phrases {
    /// One tag per token.
    pub tags: Vec<Tag>,
    /// The verb groups, in order.
    pub verbs: Vec<VerbGroup>,
}

impl Phrases {
    /// Reads a sentence.
    pub(crate) fn new(toks: &[Token]) -> Phrases {
        let tags = tag(toks);
        let verbs = verb_groups(toks, &tags);
        Phrases { tags, verbs }
    }

    /// The first verb group starting at or after token `from` and before `to`.
    pub(crate) fn verb_after(&self, from: usize, to: usize) -> Option<VerbGroup> {
        self.verbs.iter().find(|v| v.first >= from && v.first < to).copied()
    }

    /// The last verb group ending at or before token `to` and starting at or after `from`.
    pub(crate) fn verb_before(&self, from: usize, to: usize) -> Option<VerbGroup> {
        self.verbs.iter().rev().find(|v| v.end <= to && v.first >= from).copied()
    }
}

/// Punctuation that ends a clause.
pub(crate) fn clause_punct(t: &Token) -> bool {
    t.kind == TokKind::Punct
        && matches!(t.text, "," | ";" | ":" | "—" | "–" | "(" | ")" | "-" | "•")
}

impl Phrases {
    /// The first token of the clause holding token `ti`: after the last
    /// clause punctuation or subordinator before it.
    pub(crate) fn clause_start(&self, toks: &[Token], ti: usize) -> usize {
        (0..ti)
            .rev()
            .find(|&k| clause_punct(&toks[k]) || self.tags[k] == Tag::Sub)
            .map_or(0, |k| k + 1)
    }

    /// The head of the subject of the clause holding figure `ti`, when a
    /// verb group stands between it and the figure ("Joint ownership
    /// accounts for 27%": "ownership"; "their shares fell by 4%": "shares").
    pub(crate) fn subject_head_before(&self, toks: &[Token], ti: usize) -> Option<usize> {
        let from = self.clause_start(toks, ti);
        let verb = self.verb_before(from, ti)?;
        let head = verb.first.checked_sub(1)?;
        (head >= from
            && matches!(self.tags[head], Tag::Noun | Tag::Proper | Tag::Pron | Tag::Fig | Tag::Num))
        .then_some(head)
    }
}

/// Verbs that state what part of a sample is or holds: "one in four
/// boasted marketing titles", "16% identified as general management".
const ROLE_VERBS: &[&str] = &[
    "boasted", "held", "hold", "holds", "had", "have", "has", "were", "are", "identified",
    "described", "work", "worked", "came", "come",
];
/// Words that make a noun phrase a job or role.
const ROLE_WORDS: &[&str] = &[
    "title", "titles", "role", "roles", "position", "positions", "job", "background",
    "backgrounds", "management", "function", "functions", "officer", "officers", "chief",
    "director", "directors", "manager", "managers",
];

/// "One in four boasted marketing leadership titles", "16 per cent
/// identified as general management", "30% were CIOs": a share of the
/// sample by role. Returns the tokens of the role phrase.
pub(crate) fn sample_role(toks: &[Token], tags: &[Tag], ti: usize) -> Option<(usize, usize)> {
    if let Some(role) = role_after_verb(toks, tags, ti) {
        return Some(role);
    }
    if let Some(role) = breakdown_continued(toks, tags, ti) {
        return Some(role);
    }
    // The verb gapped: "One in four held marketing titles, while (just shy
    // of) 30 per cent a sales title".
    let next = toks.get(ti + 1)?;
    if !(matches!(tags[ti + 1], Tag::Det | Tag::Adj | Tag::Noun) || quote_like(next)) {
        return None;
    }
    let p = (0..ti).rev().find(|&k| toks[k].figure().is_some())?;
    let (_, end) = role_after_verb(toks, tags, p)?;
    let joined = toks[end..ti]
        .iter()
        .any(|t| t.is("while") || t.is("whereas") || t.is("and") || t.is("but") || t.is_punct(";"));
    // Nothing between but an aside ("such as CMO or head of marketing"):
    // no verb of its own.
    let verb_between =
        (end..ti).any(|k| matches!(tags[k], Tag::Verb | Tag::Aux | Tag::Modal | Tag::Base));
    if !joined || verb_between || ti - end > 14 {
        return None;
    }
    role_phrase(toks, tags, ti + 1)
}

/// A breakdown by role continued in parentheses: "A further 16% identified
/// as general management, followed by 'chief customer officer' (15%) and
/// ...": the role before the parenthesis, when the figure before it
/// counted the sample by role and no other verb stands between.
fn breakdown_continued(toks: &[Token], tags: &[Tag], ti: usize) -> Option<(usize, usize)> {
    let open = ti.checked_sub(1).filter(|&o| toks[o].is_punct("("))?;
    if !toks.get(ti + 1).is_some_and(|t| t.is_punct(")")) {
        return None;
    }
    let mut a = open;
    while a > 0
        && (matches!(tags[a - 1], Tag::Det | Tag::Adj | Tag::Noun | Tag::Proper)
            || quote_like(&toks[a - 1])
            || toks[a - 1].is_punct("/"))
    {
        a -= 1;
    }
    let role = role_phrase(toks, tags, a).filter(|&(_, b)| b == open)?;
    let p = (0..a).rev().find(|&k| toks[k].figure().is_some())?;
    // Between the role the figure before counted and this one.
    let (_, end) = sample_role(toks, tags, p)?;
    let end = end.max(p + 1).min(a);
    let linked = toks[end..a].iter().any(|t| t.is("followed") || t.is("and") || t.is_punct(","));
    let verb = (end..a).any(|k| {
        matches!(tags[k], Tag::Verb | Tag::Aux | Tag::Modal | Tag::Base) && !toks[k].is("followed")
    });
    (linked && !verb).then_some(role)
}

/// "One in four boasted marketing titles": the role after the figure's verb.
fn role_after_verb(toks: &[Token], tags: &[Tag], ti: usize) -> Option<(usize, usize)> {
    let v = ti + 1;
    let verb = toks.get(v)?;
    if !ROLE_VERBS.iter().any(|w| verb.is(w)) {
        return None;
    }
    role_phrase(toks, tags, v + 1)
}

/// A noun phrase naming a role, from token `a` ("as" and "themselves" skipped).
fn role_phrase(toks: &[Token], tags: &[Tag], mut a: usize) -> Option<(usize, usize)> {
    while toks.get(a).is_some_and(|t| t.is("as") || t.is("themselves")) {
        a += 1;
    }
    let mut b = a;
    // "chief customer experience/engagement officer".
    while b < toks.len()
        && (matches!(tags[b], Tag::Det | Tag::Adj | Tag::Noun | Tag::Proper)
            || quote_like(&toks[b])
            || toks[b].is_punct("/") && b > a)
    {
        b += 1;
    }
    let role = toks[a..b].iter().any(|t| {
        ROLE_WORDS.iter().any(|w| t.is(w)) || people_noun(t) && t.lex & class::GENERIC_HEAD == 0
    });
    (b > a && role).then_some((a, b))
}

fn quote_like(t: &Token) -> bool {
    matches!(t.text, "‘" | "’" | "'" | "\"" | "“" | "”")
}

/// Finds the verb groups: a finite verb, or auxiliaries and modals with the
/// participles, base forms and adverbs that go with them ("have yet to
/// take", "are most commonly cited", "is not").
fn verb_groups(toks: &[Token], tags: &[Tag]) -> Vec<VerbGroup> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let tg = tags[i];
        if !(tg == Tag::Verb || tg == Tag::Aux || tg == Tag::Modal) {
            i += 1;
            continue;
        }
        let first = i;
        let mut j = i + 1;
        while j < toks.len() {
            match tags[j] {
                // After a finite verb only its particle: "report being at
                // risk" is a verb and its object.
                Tag::Part => j += 1,
                _ if tg == Tag::Verb => break,
                Tag::Aux | Tag::Modal | Tag::Base | Tag::En => j += 1,
                Tag::Verb => j += 1,
                Tag::Adv
                    if toks.get(j + 1).is_some_and(|_| {
                        matches!(tags[j + 1], Tag::En | Tag::Base | Tag::Verb | Tag::Adv | Tag::Ing)
                    }) =>
                {
                    j += 1
                }
                Tag::Ing if matches!(tags[j - 1], Tag::Aux) => j += 1,
                _ => break,
            }
        }
        out.push(VerbGroup { first, end: j });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Token<'_>> {
        crate::lang::tokens::tokens_of(text)
    }

    /// (case, sentence, word, expected tag)
    const TAG_CASES: &[(&str, &str, &str, Tag)] = &[
        ("verb after people noun", "Most marketers report friction with IT.", "report", Tag::Verb),
        ("noun after determiner", "The report found gaps.", "report", Tag::Noun),
        ("verb after subject noun", "Joint ownership accounts for 27%.", "accounts", Tag::Verb),
        ("participle after auxiliary", "Security was cited by 40%.", "cited", Tag::En),
        ("base after to", "They want to improve engagement.", "improve", Tag::Base),
        ("ing form", "With 55% pointing to the need.", "pointing", Tag::Ing),
        ("proper name", "The survey by Adobe found this.", "Adobe", Tag::Proper),
        ("demonstrative before noun", "These executives agree.", "These", Tag::Det),
        ("demonstrative alone", "Of these, 40% agree.", "these", Tag::Pron),
        ("verb after figure", "Some 45% say yes.", "say", Tag::Verb),
        ("adjective", "A significant share agreed.", "significant", Tag::Adj),
    ];

    #[test]
    fn tags() {
        for (name, text, word, want) in TAG_CASES {
            let t = toks(text);
            let tags = tag(&t);
            let at = t.iter().position(|x| x.text == *word).unwrap();
            assert_eq!(
                tags[at],
                *want,
                "case {name:?}: {:?}",
                t.iter().zip(&tags).map(|(t, g)| (t.text, g)).collect::<Vec<_>>()
            );
        }
    }

    /// (case, text, first word of the phrase, expected phrase, sense)
    const NP_CASES: &[(&str, &str, &str, &str, Sense)] = &[
        (
            "people group",
            "Most marketing leaders agree.",
            "marketing",
            "marketing leaders",
            Sense::People,
        ),
        ("organisation", "In 40% of firms the CTO leads.", "firms", "firms", Sense::Organisation),
        (
            "unit of IT",
            "A mere 7% of IT organisations do.",
            "IT",
            "IT organisations",
            Sense::Organisation,
        ),
        (
            "thing with of",
            "It controls 71% of IT budgets in the US.",
            "IT",
            "IT budgets in the US",
            Sense::Thing,
        ),
        ("pronoun", "The study found 59% of them agreed.", "them", "them", Sense::Anaphor),
        (
            "place",
            "About 23% of Europe and 21% of North America say so.",
            "North",
            "North America",
            Sense::Segment,
        ),
        ("sample noun", "It was small, 11% of the field.", "the", "the field", Sense::Segment),
        ("things", "They spend 25% of their budget on ads.", "their", "their budget", Sense::Thing),
    ];

    #[test]
    fn noun_phrases() {
        for (name, text, first, want, sense) in NP_CASES {
            let t = toks(text);
            let tags = tag(&t);
            let at = t.iter().position(|x| x.text == *first).unwrap();
            let np =
                noun_phrase(&t, &tags, at).unwrap_or_else(|| panic!("case {name:?}: no phrase"));
            let got = &text[t[np.first].span.start..t[np.end - 1].span.end];
            assert_eq!((got, np.sense), (*want, *sense), "case {name:?}");
        }
    }
}

#[cfg(test)]
mod debug {
    /// Prints the tags of each line of the file named by `TAG_DEBUG`, one
    /// line per sentence: `word/Tag` (run by hand:
    /// `TAG_DEBUG=f cargo test --lib phrases::debug -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn print_tags() {
        let Ok(path) = std::env::var("TAG_DEBUG") else { return };
        let text = std::fs::read_to_string(path).unwrap();
        for s in crate::lang::segment::sentences(&text) {
            let figs: Vec<(usize, crate::span::Span)> = crate::lang::detect::detect(&text)
                .iter()
                .enumerate()
                .map(|(i, f)| (i, f.span))
                .filter(|(_, f)| s.span.contains(*f))
                .collect();
            let toks = crate::lang::tokens::tokenize(
                &text,
                s.span,
                &figs,
                crate::lang::lexicon::Lexicon::builtin(),
            );
            let tags = super::tag(&toks);
            let line: Vec<String> = toks
                .iter()
                .zip(&tags)
                .map(|(t, g)| format!("{}/{:?}/{}", t.text, g, t.span.start))
                .collect();
            println!("{}", line.join(" "));
        }
    }
}
