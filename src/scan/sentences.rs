//! UAX #29 sentence boundaries for ASCII text, several times faster than
//! `unicode-segmentation` and the same (the tests compare the two).
//!
//! `unicode-segmentation` 1.13 keeps the last four "parts" of the text (a run
//! of Close or of Sp is one part) and tests the rules against them; its
//! category look-up is a table search per character. For ASCII the parts
//! that matter reduce to the twelve states of `St`, and one table gives, for
//! a state and the category of the next byte, the next state and whether a
//! boundary falls before that byte. The rules are applied in the library's
//! order (it is the reference, where it reads the spec its own way):
//!
//!   SB1   sot ÷                       SB8a  SATerm Close* Sp* × (SContinue|SATerm)
//!   SB3   CR × LF                     SB9   SATerm Close* × (Close|Sp|ParaSep)
//!   SB4   ParaSep ÷                   SB10  SATerm Close* Sp* × (Sp|ParaSep)
//!   SB6   ATerm × Numeric             SB11  SATerm Close* Sp* ParaSep? ÷
//!   SB7   (Upper|Lower) ATerm × Upper SB998 ×
//!   SB8   ATerm Close* Sp* × (¬(OLetter|Upper|Lower|ParaSep|SATerm))* Lower
//!
//! ASCII has no OLetter, Sep, Extend or Format (SB5 never applies), and the
//! "ParaSep?" of SB11 is unreachable (SB4 breaks after CR and LF first).
//!
//! SB8 looks ahead, up to the first byte that is Lower, Upper, SATerm, CR or
//! LF. The library looks at every byte of "ATerm Close* Sp*" and after (which
//! is quadratic on "a.))))...)1111...1"); here only a byte that would
//! otherwise break looks, and such a byte (Other, Numeric, Close) leaves the
//! ATerm states, so the next look needs a new ATerm, which is where the
//! previous look stopped at the latest: looks never overlap, the pass is
//! linear.

/// Sentence_Break property of an ASCII character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Sb {
    Other,
    Cr,
    Lf,
    ATerm,
    STerm,
    Sp,
    Close,
    SContinue,
    Upper,
    Lower,
    Numeric,
}

const SB_COUNT: usize = 11;

impl Sb {
    /// Whether a byte of this category can take the text out of the states
    /// Other and Letter (where nothing else does and no boundary falls).
    #[inline(always)]
    fn ends_run(self) -> bool {
        matches!(self, Sb::Cr | Sb::Lf | Sb::ATerm | Sb::STerm)
    }
}

/// Sentence_Break of every byte, as in the tables of `unicode-segmentation`
/// 1.13 (Unicode 17; the tests check each ASCII character against it).
/// Bytes past ASCII never reach it (`AsciiSentenceBounds::new` checks in
/// debug builds); they read as Other. `flat`: CR and LF read as Sp, as the spaces that
/// `sentences` puts in their place.
const fn sb_table(flat: bool) -> [Sb; 256] {
    let mut t = [Sb::Other; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t' | 0x0B | 0x0C | b' ' => Sb::Sp,
            b'\r' if flat => Sb::Sp,
            b'\n' if flat => Sb::Sp,
            b'\r' => Sb::Cr,
            b'\n' => Sb::Lf,
            b'.' => Sb::ATerm,
            b'!' | b'?' => Sb::STerm,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sb::Close,
            b',' | b'-' | b':' | b';' => Sb::SContinue,
            b'A'..=b'Z' => Sb::Upper,
            b'a'..=b'z' => Sb::Lower,
            b'0'..=b'9' => Sb::Numeric,
            _ => Sb::Other,
        };
        b += 1;
    }
    t
}

static SB_ASCII: [Sb; 256] = sb_table(false);
static SB_FLAT: [Sb; 256] = sb_table(true);

/// Where the text stands for the rules: the tail of the library's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum St {
    /// Start of text (SB1).
    Sot,
    /// Nothing pending: the last part is Other, Numeric, SContinue, or a
    /// Close or Sp run that does not follow a sentence terminator.
    Other,
    /// The last part is Upper or Lower (for SB7).
    Letter,
    /// The last part is CR (SB3, SB4).
    Cr,
    /// The last part is LF (SB4).
    Lf,
    /// ATerm, not after a letter.
    ATerm,
    /// (Upper|Lower) ATerm (SB7).
    LetterATerm,
    /// ATerm Close+.
    ATermClose,
    /// ATerm Close* Sp+.
    ATermSp,
    /// STerm.
    STerm,
    /// STerm Close+.
    STermClose,
    /// STerm Close* Sp+.
    STermSp,
}

const ST_COUNT: usize = 12;
const ST_ALL: [St; ST_COUNT] = [
    St::Sot,
    St::Other,
    St::Letter,
    St::Cr,
    St::Lf,
    St::ATerm,
    St::LetterATerm,
    St::ATermClose,
    St::ATermSp,
    St::STerm,
    St::STermClose,
    St::STermSp,
];
const SB_ALL: [Sb; SB_COUNT] = [
    Sb::Other,
    Sb::Cr,
    Sb::Lf,
    Sb::ATerm,
    Sb::STerm,
    Sb::Sp,
    Sb::Close,
    Sb::SContinue,
    Sb::Upper,
    Sb::Lower,
    Sb::Numeric,
];

/// What to do before a byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Act {
    Keep,
    Break,
    /// Break unless SB8's look-ahead, from this byte on, finds Lower.
    Sb8,
}

/// The state after a byte of category `c` in state `s` (the library's part
/// window, shifted: a Close after Close and an Sp after Sp extend a run).
const fn next_state(s: St, c: Sb) -> St {
    let aterm = matches!(s, St::ATerm | St::LetterATerm | St::ATermClose | St::ATermSp);
    let sterm = matches!(s, St::STerm | St::STermClose | St::STermSp);
    match c {
        Sb::Cr => St::Cr,
        Sb::Lf => St::Lf,
        Sb::Upper | Sb::Lower => St::Letter,
        Sb::Other | Sb::Numeric | Sb::SContinue => St::Other,
        Sb::ATerm if matches!(s, St::Letter) => St::LetterATerm,
        Sb::ATerm => St::ATerm,
        Sb::STerm => St::STerm,
        Sb::Close => match s {
            St::ATerm | St::LetterATerm | St::ATermClose => St::ATermClose,
            St::STerm | St::STermClose => St::STermClose,
            _ => St::Other, // a Close run after Sp, or after no terminator
        },
        Sb::Sp if aterm => St::ATermSp,
        Sb::Sp if sterm => St::STermSp,
        Sb::Sp => St::Other,
    }
}

/// Whether a boundary falls before a byte of category `c` in state `s`: the
/// library's rules in its order.
const fn action(s: St, c: Sb) -> Act {
    let aterm = matches!(s, St::ATerm | St::LetterATerm | St::ATermClose | St::ATermSp);
    let sterm = matches!(s, St::STerm | St::STermClose | St::STermSp);
    let satclose =
        matches!(s, St::ATerm | St::LetterATerm | St::ATermClose | St::STerm | St::STermClose);
    match (s, c) {
        (St::Sot, _) => Act::Break,                              // SB1
        (St::Cr, Sb::Lf) => Act::Keep,                           // SB3
        (St::Cr | St::Lf, _) => Act::Break,                      // SB4
        (St::ATerm | St::LetterATerm, Sb::Numeric) => Act::Keep, // SB6
        (St::LetterATerm, Sb::Upper) => Act::Keep,               // SB7
        // SB8: the look-ahead ends at once on Lower (match) and on Upper,
        // SATerm, CR and LF (no match); other bytes fall to the rules below,
        // and only those that would break need the look-ahead.
        (_, Sb::Lower) if aterm => Act::Keep,
        (_, Sb::SContinue | Sb::STerm | Sb::ATerm) if aterm || sterm => Act::Keep, // SB8a
        (_, Sb::Close | Sb::Sp | Sb::Cr | Sb::Lf) if satclose => Act::Keep,        // SB9
        (_, Sb::Sp | Sb::Cr | Sb::Lf) if aterm || sterm => Act::Keep,              // SB10
        (_, Sb::Other | Sb::Numeric | Sb::Close) if aterm => Act::Sb8,             // SB8, else SB11
        _ if aterm || sterm => Act::Break,                                         // SB11
        _ => Act::Keep,                                                            // SB998
    }
}

const KEEP: u8 = 0;
const BREAK: u8 = 0x40;
const SB8: u8 = 0x80;
const ACT_MASK: u8 = 0xC0;

/// `TRANSITIONS[state * 16 + category]`: next state in the low bits, the
/// action in the top two.
static TRANSITIONS: [u8; ST_COUNT * 16] = {
    let mut t = [0u8; ST_COUNT * 16];
    let mut si = 0;
    while si < ST_COUNT {
        let mut ci = 0;
        while ci < SB_COUNT {
            let (s, c) = (ST_ALL[si], SB_ALL[ci]);
            let act = match action(s, c) {
                Act::Keep => KEEP,
                Act::Break => BREAK,
                Act::Sb8 => SB8,
            };
            t[s as usize * 16 + c as usize] = next_state(s, c) as u8 | act;
            ci += 1;
        }
        si += 1;
    }
    t
};

/// Sentence pieces of an ASCII string with their byte offsets: the same
/// pieces as `UnicodeSegmentation::split_sentence_bound_indices`. With
/// `FLAT`, CR and LF count as spaces.
pub(crate) struct AsciiSentenceBounds<'a, const FLAT: bool> {
    text: &'a str,
    /// Start of the next piece.
    start: usize,
    /// Next byte to look at.
    pos: usize,
    /// State before the byte at `pos` (as a `St`).
    state: u8,
}

impl<'a, const FLAT: bool> AsciiSentenceBounds<'a, FLAT> {
    pub(crate) fn new(text: &'a str) -> Self {
        debug_assert!(text.is_ascii(), "AsciiSentenceBounds needs ASCII text");
        let mut it = AsciiSentenceBounds { text, start: 0, pos: 0, state: St::Sot as u8 };
        if let Some(&b) = text.as_bytes().first() {
            // SB1 breaks before the first byte: it opens the first piece.
            it.state = TRANSITIONS[St::Sot as usize * 16 + Self::category(b) as usize] & !ACT_MASK;
            it.pos = 1;
        }
        it
    }

    #[inline(always)]
    fn category(b: u8) -> Sb {
        if FLAT { SB_FLAT[b as usize] } else { SB_ASCII[b as usize] }
    }

    /// SB8's look-ahead from `at`: is the first byte from `at` on that is
    /// Lower, Upper, SATerm, CR or LF a Lower one?
    #[cold]
    fn sb8_lower_ahead(&self, at: usize) -> bool {
        for &b in &self.text.as_bytes()[at..] {
            match Self::category(b) {
                Sb::Lower => return true,
                Sb::Upper | Sb::ATerm | Sb::STerm | Sb::Cr | Sb::Lf => return false,
                _ => {}
            }
        }
        false
    }
}

impl<'a, const FLAT: bool> Iterator for AsciiSentenceBounds<'a, FLAT> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let start = self.start;
        if start >= bytes.len() {
            return None;
        }
        let mut state = self.state;
        let mut pos = self.pos;
        while pos < bytes.len() {
            if state == St::Other as u8 || state == St::Letter as u8 {
                // Nothing pending: no boundary and no state but Other and
                // Letter until a terminator (or CR, LF): skip to it.
                let from = pos;
                while pos < bytes.len() && !Self::category(bytes[pos]).ends_run() {
                    pos += 1;
                }
                if pos > from {
                    state = match Self::category(bytes[pos - 1]) {
                        Sb::Upper | Sb::Lower => St::Letter as u8,
                        _ => St::Other as u8,
                    };
                }
                if pos == bytes.len() {
                    break;
                }
            }
            let t = TRANSITIONS[state as usize * 16 + Self::category(bytes[pos]) as usize];
            state = t & !ACT_MASK;
            let act = t & ACT_MASK;
            if act != KEEP && (act == BREAK || !self.sb8_lower_ahead(pos)) {
                self.state = state;
                self.pos = pos + 1;
                self.start = pos;
                return Some((start, &self.text[start..pos]));
            }
            pos += 1;
        }
        // SB2: the text ends the last piece.
        self.state = state;
        self.pos = pos;
        self.start = bytes.len();
        Some((start, &self.text[start..]))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    use proptest::prelude::*;

    /// Case count of a property: `default`, or `PROPTEST_CASES` when set.
    fn cases(default: u32) -> ProptestConfig {
        let n =
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
        ProptestConfig::with_cases(n)
    }

    /// One character of each Sentence_Break category found in ASCII.
    const REPRESENTATIVES: [u8; SB_COUNT] =
        [b'%', b'\r', b'\n', b'.', b'?', b' ', b')', b',', b'A', b'a', b'1'];

    /// Checks both modes of the fast iterator on `s` against the library:
    /// as is, and (`FLAT`) against the library on a copy whose CR and LF are
    /// spaces, as `sentences` uses it.
    fn check_bounds(s: &str) {
        let fast: Vec<(usize, &str)> = AsciiSentenceBounds::<false>::new(s).collect();
        let lib: Vec<(usize, &str)> = s.split_sentence_bound_indices().collect();
        assert_eq!(fast, lib, "text {s:?}");
        let flat_copy = s.replace(['\n', '\r'], " ");
        let flat: Vec<(usize, usize)> =
            AsciiSentenceBounds::<true>::new(s).map(|(o, p)| (o, p.len())).collect();
        let lib: Vec<(usize, usize)> =
            flat_copy.split_sentence_bound_indices().map(|(o, p)| (o, p.len())).collect();
        assert_eq!(flat, lib, "flat text {s:?}");
    }

    /// Calls `f` on every string of length `len` over `alphabet`.
    fn for_all_strings(alphabet: &[u8], len: usize, f: &mut impl FnMut(&str)) {
        let mut idx = vec![0usize; len];
        let mut buf = vec![alphabet[0]; len];
        loop {
            f(std::str::from_utf8(&buf).unwrap());
            let mut i = 0;
            loop {
                if i == len {
                    return;
                }
                idx[i] += 1;
                if idx[i] < alphabet.len() {
                    buf[i] = alphabet[idx[i]];
                    break;
                }
                idx[i] = 0;
                buf[i] = alphabet[0];
                i += 1;
            }
        }
    }

    #[test]
    fn representatives_have_their_categories() {
        for (i, &b) in REPRESENTATIVES.iter().enumerate() {
            assert_eq!(SB_ASCII[b as usize], SB_ALL[i], "{:?}", b as char);
        }
    }

    /// Every string of up to five characters over one character per category
    /// (the library's part window is four parts long, plus the next one).
    #[test]
    fn exhaustive_over_representatives() {
        let mut n = 0;
        for len in 0..=5 {
            for_all_strings(&REPRESENTATIVES, len, &mut |s| {
                check_bounds(s);
                n += 1;
            });
        }
        assert_eq!(n, (0..=5).map(|k| SB_COUNT.pow(k)).sum::<usize>());
    }

    /// Every ASCII character alone and in every pair, and every ASCII
    /// character at every position of every string of up to four characters
    /// whose other characters are representatives: this checks the category
    /// of each of the 128 (length three already tells all categories apart).
    #[test]
    fn every_ascii_character_in_context() {
        let all: Vec<u8> = (0..128).collect();
        for len in 1..=2 {
            for_all_strings(&all, len, &mut check_bounds);
        }
        let mut buf = Vec::new();
        for c in 0..128u8 {
            for len in 0..=3 {
                for_all_strings(&REPRESENTATIVES, len, &mut |ctx| {
                    for at in 0..=len {
                        buf.clear();
                        buf.extend_from_slice(&ctx.as_bytes()[..at]);
                        buf.push(c);
                        buf.extend_from_slice(&ctx.as_bytes()[at..]);
                        check_bounds(std::str::from_utf8(&buf).unwrap());
                    }
                });
            }
        }
    }

    /// SB8's look-ahead does not make the pass quadratic: after an ATerm, a
    /// long run of Close, then of Sp, then of digits (where the library looks
    /// ahead from every byte of the runs, each time to the end) takes one
    /// look. A quadratic pass would not finish this test in reasonable time.
    #[test]
    fn sb8_look_ahead_is_linear() {
        let n = 200_000;
        let mut text = String::from("a.");
        text.push_str(&")".repeat(n));
        text.push_str(&" ".repeat(n));
        text.push_str(&"1".repeat(n));
        let pieces: Vec<(usize, &str)> = AsciiSentenceBounds::<false>::new(&text).collect();
        // No Lower after the ATerm: SB11 breaks before the first digit.
        assert_eq!(pieces, vec![(0, &text[..2 + 2 * n]), (2 + 2 * n, &text[2 + 2 * n..])]);
        text.push('x');
        let pieces: Vec<(usize, &str)> = AsciiSentenceBounds::<false>::new(&text).collect();
        assert_eq!(pieces, vec![(0, text.as_str())], "SB8 finds the Lower at the very end");
        // The same shapes, small enough for the library.
        for tail in ["", "x", "X", ".", "!x", "%x", ",x", "\nx"] {
            for n in 0..6 {
                check_bounds(&format!("a.{} {}1{tail}", ")".repeat(n), " ".repeat(n)));
                check_bounds(&format!("a.{}%{}{tail}", "1".repeat(n), ")".repeat(n)));
            }
        }
        let long = format!("a. {}", "1".repeat(1 << 20));
        assert_eq!(AsciiSentenceBounds::<false>::new(&long).count(), 2);
    }

    /// Short pieces of ASCII text that stress the sentence rules.
    pub(crate) fn ascii_piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            ".", ".", "!", "?", "...", "?!", "\"", "'", "(", ")", "[", "]", "{", "}", ",", "-",
            ":", ";", " ", " ", "  ", "\t", "\x0B", "\x0C", "\r", "\n", "\r\n", "A", "Z", "a", "z",
            "The", "it", "Q", "0", "7", "42", "3.5", "%", "#", "/", "&", "*", "@", "_", "~", "+",
            "=", "<", ">", "\\", "^", "`", "|", "$", "\x00", "\x1C", "\x1F", "\x7F", "Mr", "U.S",
            "e.g", "vs", "i.e", ". ", "? ", ".\" ", ".) ", "word", "Word",
        ])
    }

    fn ascii_text() -> impl Strategy<Value = String> {
        prop::collection::vec(ascii_piece(), 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(cases(5000))]

        #[test]
        fn fast_bounds_equal_library(s in ascii_text()) {
            check_bounds(&s);
        }
    }
}
