//! Where words of a list may start in a text, found eight bytes at a time
//! (the group words of the lexicon, for [`crate::lang::groups`]): at each
//! ASCII letter that no ASCII letter or digit precedes, a bit table of the
//! words' first three letters, then, rarely, the words themselves. The
//! tests compare it with an Aho-Corasick automaton run over every byte.

use crate::scan::swar::{in_range, padded};

/// Words to find where a word starts: some in either ASCII case, some
/// exactly as written.
pub(crate) struct WordStarts {
    /// One bit per [`trigram`] of the first three bytes of a word.
    trigrams: [u64; 1 << 15 >> 6],
    /// For each [`trigram`] `>> 5` (the first two bytes), the range of
    /// `words` that begin with them.
    by_pair: Vec<std::ops::Range<usize>>,
    /// The words found in either case, sorted.
    words: Vec<Pattern>,
    /// The words found only as written ("IT").
    exact: Vec<String>,
}

/// The low five bits of each of three bytes, as a number below 2^15: the
/// same for a letter in either case (and for a few other bytes).
#[inline]
fn trigram(b: &[u8]) -> usize {
    usize::from(b[0] & 31) << 10 | usize::from(b[1] & 31) << 5 | usize::from(b[2] & 31)
}

/// A word of at most 16 bytes to compare with 16 bytes of text at once.
struct Pattern {
    /// The word, lowercase, as a number (zero bytes after it).
    word: u128,
    /// 0xFF over the word's bytes.
    mask: u128,
    /// 0x20 over its letters: or-ed into the text, it lowercases them.
    fold: u128,
}

impl Pattern {
    fn new(w: &[u8]) -> Self {
        let mut word = [0u8; 16];
        let mut mask = [0u8; 16];
        let mut fold = [0u8; 16];
        for (i, &c) in w.iter().enumerate() {
            word[i] = c;
            mask[i] = 0xFF;
            fold[i] = if c.is_ascii_lowercase() { 0x20 } else { 0 };
        }
        let n = u128::from_le_bytes;
        Pattern { word: n(word), mask: n(mask), fold: n(fold) }
    }

    /// The word is at the start of `text16` (16 bytes of text), ASCII case ignored.
    #[inline]
    fn at(&self, text16: u128) -> bool {
        (text16 | self.fold) & self.mask == self.word
    }
}

impl WordStarts {
    /// A search for `folded` (lowercase words of 3 to 16 bytes that begin
    /// with a letter, found in either ASCII case) and `exact` (found as
    /// written).
    pub(crate) fn new<'a>(
        folded: impl IntoIterator<Item = &'a str>,
        exact: impl IntoIterator<Item = &'a str>,
    ) -> WordStarts {
        let mut words: Vec<&[u8]> = folded.into_iter().map(str::as_bytes).collect();
        words.sort_unstable();
        words.dedup();
        let mut found = WordStarts {
            trigrams: [0; 1 << 15 >> 6],
            by_pair: vec![0..0; 1 << 10],
            words: Vec::with_capacity(words.len()),
            exact: exact.into_iter().map(String::from).collect(),
        };
        for (i, w) in words.iter().enumerate() {
            assert!(
                (3..=16).contains(&w.len()) && w[0].is_ascii_lowercase(),
                "words have 3 to 16 bytes and begin with a lowercase letter: {w:?}"
            );
            found.words.push(Pattern::new(w));
            let t = trigram(w);
            found.trigrams[t >> 6] |= 1 << (t & 63);
            // Words are sorted: each pair's words are together.
            let r = &mut found.by_pair[t >> 5];
            if r.end == 0 {
                r.start = i;
            }
            r.end = i + 1;
        }
        found
    }

    /// Where in `text` one of the words starts at a place that no letter or
    /// digit precedes, in order. The word need not end there ("side" is
    /// found in "sidelined").
    pub(crate) fn find(&self, text: &str) -> Vec<usize> {
        let b = text.as_bytes();
        // A non-ASCII character before `at` may be a letter or digit.
        let starts_word =
            |at: usize| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        let mut check = |i: usize| {
            let Some(t) = b.get(i..i + 3).map(trigram) else { return };
            if self.trigrams[t >> 6] & (1 << (t & 63)) == 0 {
                return;
            }
            // NUL, in no word, past the end.
            let text16 = u128::from_le_bytes(padded(b, i));
            if self.words[self.by_pair[t >> 5].clone()].iter().any(|w| w.at(text16))
                && (i == 0 || b[i - 1].is_ascii() || starts_word(i))
            {
                out.push(i);
            }
        };
        // 0x80 in the top byte when the byte before the chunk is a letter or digit.
        let mut before = 0u64;
        let mut base = 0;
        while base < b.len() {
            // NUL, no letter, past the end.
            let (alnum, letters) = alnum_letters(u64::from_le_bytes(padded(b, base)));
            let mut starts = letters & !(alnum << 8 | before >> 56);
            while starts != 0 {
                check(base + starts.trailing_zeros() as usize / 8);
                starts &= starts - 1;
            }
            before = alnum;
            base += 8;
        }
        let exact = self
            .exact
            .iter()
            .flat_map(|w| memchr::memmem::find_iter(b, w.as_bytes()))
            .filter(|&at| starts_word(at));
        let found = out.len();
        out.extend(exact);
        if out.len() > found {
            out.sort_unstable();
            out.dedup();
        }
        out
    }
}

/// Per byte of `w` (eight bytes of text), 0x80 where the byte is an ASCII
/// letter or digit, and, apart, where it is an ASCII letter.
#[inline]
fn alnum_letters(w: u64) -> (u64, u64) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let ascii = !w & HIGH;
    let x = w & !HIGH;
    let letters = in_range(x | 0x2020_2020_2020_2020, b'a', b'z') & ascii;
    let digits = in_range(x, b'0', b'9') & ascii;
    (letters | digits, letters)
}

#[cfg(test)]
mod tests {
    use crate::lang::lexicon::{Lexicon, class, core_words, spellings};

    fn core_word_starts(text: &str) -> Vec<usize> {
        Lexicon::builtin().core_word_starts(text)
    }

    /// What [`super::WordStarts::find`] finds, by an Aho-Corasick automaton of the
    /// lexicon's core words run over the whole text (overlapping matches),
    /// and the uppercase IT spellings found as written.
    fn core_word_starts_by_automaton(text: &str) -> Vec<usize> {
        static AUTOMATON: std::sync::LazyLock<aho_corasick::AhoCorasick> =
            std::sync::LazyLock::new(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(core_words())
                    .unwrap()
            });
        let starts_word =
            |at: usize| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
        let mut out: Vec<usize> = AUTOMATON
            .find_overlapping_iter(text)
            .map(|m| m.start())
            .chain(
                spellings()
                    .into_iter()
                    .filter(|(_, bit)| bit & (class::FIRST_SPELLING | class::SECOND_SPELLING) != 0)
                    .flat_map(|(w, _)| {
                        memchr::memmem::find_iter(text.as_bytes(), w.as_bytes()).collect::<Vec<_>>()
                    }),
            )
            .filter(|&at| starts_word(at))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn core_words_are_found_as_the_automaton_finds_them_in_the_corpora() {
        let Some(files) = crate::io::corpus::test_corpora() else { return };
        let mut found = 0;
        for f in &files {
            let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
            let got = core_word_starts(&text);
            assert_eq!(got, core_word_starts_by_automaton(&text), "{}", f.display());
            found += got.len();
        }
        assert!(found > 10_000, "only {found} core words in {} files", files.len());
    }

    #[test]
    fn core_words_are_found_where_a_word_starts() {
        let text = "Sales leaders, the sector (CTOs) and IT; I.T. staff, it sidelined CMO's.";
        let found: Vec<&str> = core_word_starts(text).iter().map(|&at| &text[at..at + 3]).collect();
        // "cto" inside "sector" and "it" are not found; "side" in "sidelined" is.
        assert_eq!(found, ["lea", "CTO", "IT;", "I.T", "sta", "sid", "CMO"]);
    }

    /// A sentence of lexicon words ([`crate::lang::lexicon::tests::sentence`])
    /// after and before a few letters (some not ASCII), digits, `_`, spaces
    /// or line breaks, so that its words fall at every place of the
    /// eight-byte chunks and some follow a letter or digit.
    fn sentence_in_context() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let around = "[a-zA-Z\u{e9}\u{df}\u{3b1}_0-9 \n]{0,9}";
        (around, crate::lang::lexicon::tests::sentence(), around)
            .prop_map(|(a, s, b)| format!("{a}{s}{b}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn core_words_are_found_as_the_automaton_finds_them(text in sentence_in_context()) {
            proptest::prop_assert_eq!(core_word_starts(&text), core_word_starts_by_automaton(&text));
        }
    }
}
