//! Where expressions can start in ASCII text, found without running the
//! candidate regex over every byte: numbers in digits by a scan that reads
//! eight bytes at a time, number and fraction words by a SIMD multi-word
//! search (Teddy, from aho-corasick) over the lowercased text, then, at each
//! of them, the byte tests the candidate pattern spells out.
//!
//! In ASCII text `\b` falls only where a run of word characters
//! (`[A-Za-z0-9_]`) begins or ends. A match of the percent, range or ratio
//! pattern starts where no word character is before it
//! (`\b{start-half}`) with a number: digits, a period and digits
//! (".06"), or a number word; a unit, a range word or "in"/"out"/"of"
//! follows the number (or a fraction: "1/4 pct"). A
//! match of the fraction pattern starts at a fraction word followed by
//! `\b`, or at a small number word that begins a word, followed by dashes or
//! spaces and a fraction word. [`FigureStarts::starts`] returns every such position (and
//! a few more, where the anchored search then finds nothing).

use crate::scan::space;

/// The words the detector's patterns are built from, lowercase.
pub(crate) struct FigureWords {
    /// Number words below twenty, from "zero".
    pub ones: &'static [&'static str],
    /// "twenty" to "ninety".
    pub tens: &'static [&'static str],
    /// Fraction words ("half", "third", ...).
    pub denominators: &'static [&'static str],
    /// Words before a fraction word ("a", "two", ...).
    pub numerators: &'static [&'static str],
    /// Whether a fraction word also takes a plural "s".
    pub has_plural: fn(&str) -> bool,
}

/// The search for candidate starts in ASCII text.
pub(crate) struct FigureStarts {
    words: FigureWords,
    /// Number words, "a hundred" and fraction words; `None` where the
    /// processor lacks the SIMD instructions of the Teddy search.
    teddy: Option<aho_corasick::packed::Searcher>,
}

impl FigureStarts {
    /// The search for the patterns built from `words`.
    pub(crate) fn new(words: FigureWords) -> FigureStarts {
        let mut builder = aho_corasick::packed::Config::new().builder();
        for w in words.ones.iter().chain(words.tens).chain(&["a hundred"]).chain(words.denominators)
        {
            builder.add(w);
        }
        FigureStarts { teddy: builder.build(), words }
    }

    /// Every position of the ASCII text `b` where one of the detector's
    /// patterns can match, in order; `None` without the Teddy search.
    pub(crate) fn starts(&self, b: &[u8]) -> Option<Vec<usize>> {
        debug_assert!(b.is_ascii());
        let teddy = self.teddy.as_ref()?;
        let w = &self.words;
        let mut out = Vec::new();
        digit_starts(b, &mut out);
        let lower = b.to_ascii_lowercase();
        let mut at = 0;
        while let Some(m) = teddy.find_in(&lower, aho_corasick::Span::from(at..lower.len())) {
            let p = m.start();
            if word_starts(b, p) && number_word_then_unit(w, b, p) {
                out.push(p);
            }
            if fraction_word(w, b, p) {
                out.push(p);
                if let Some(n) = numerator_before(w, b, p)
                    && word_starts(b, n)
                {
                    out.push(n);
                }
            }
            at = p + 1;
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }
}

/// `\w` in ASCII text.
#[inline]
fn word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `\b` before `at`, with `at` the start of a word character.
#[inline]
fn word_starts(b: &[u8], at: usize) -> bool {
    at == 0 || !word(b[at - 1])
}

/// `w` (lowercase) is at `at` in `b`, ignoring ASCII case.
#[inline]
fn at_ci(b: &[u8], at: usize, w: &[u8]) -> bool {
    b.get(at..at + w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w))
}

/// What the candidate pattern asks after a number ending at `q`: a unit
/// (`\s?%`, `\s?per`, `\s?pc`), a range word (`\s*,?\s*(-|to|and|or)`; the
/// long dashes are not ASCII; a comma before it ends the number's run of
/// digits, commas and periods, so `q` is past it) or `(\s+|-)(in|out|of)`.
fn unit_follows(b: &[u8], q: usize) -> bool {
    let sp = |i: usize| b.get(i).is_some_and(|&c| space(c));
    // Whatever follows begins, past the spaces (at `r`), with one of these
    // bytes (either case); most numbers are followed by a word that does not.
    let mut r = q;
    while sp(r) {
        r += 1;
    }
    // A range or list word may follow a comma: "5 , and 6 pct".
    let comma = b.get(r) == Some(&b',');
    if comma {
        r += 1;
        while sp(r) {
            r += 1;
        }
    }
    if !b
        .get(r)
        .is_some_and(|&c| matches!(c | 0x20, b'%' | b'-' | b'p' | b't' | b'a' | b'o' | b'i'))
    {
        return false;
    }
    let unit = |r: usize| b.get(r) == Some(&b'%') || at_ci(b, r, b"per") || at_ci(b, r, b"pc");
    if !comma && (unit(q) || sp(q) && unit(q + 1)) {
        return true;
    }
    if b.get(r) == Some(&b'-') || at_ci(b, r, b"to") || at_ci(b, r, b"and") || at_ci(b, r, b"or") {
        return true;
    }
    if comma {
        return false;
    }
    let r = if r > q {
        r
    } else if b.get(q) == Some(&b'-') {
        q + 1
    } else {
        return false;
    };
    at_ci(b, r, b"in") || at_ci(b, r, b"out") || at_ci(b, r, b"of")
}

/// `r` is, whole, a number in digits as the patterns write them:
/// `\d{1,3}(,\d{3})+(\.\d+)?`, `\d+(\.\d+)?` or `\.\d+`.
fn digits_number(r: &[u8]) -> bool {
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let decimals = |s: &[u8]| s.is_empty() || s[0] == b'.' && digits(&s[1..]);
    let n = r.iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 {
        return r.first() == Some(&b'.') && digits(&r[1..]);
    }
    if decimals(&r[n..]) {
        return true;
    }
    if n > 3 {
        return false;
    }
    let mut i = n;
    while r.len() >= i + 4 && r[i] == b',' && r[i + 1..i + 4].iter().all(u8::is_ascii_digit) {
        i += 4;
    }
    i > n && decimals(&r[i..])
}

/// A number in digits starts at `at` and a unit, range word or "in"/"of"
/// follows it. The number can only end where the run of digits, commas
/// and periods from `at` ends (nothing that may follow it starts with one
/// of those, but a comma, which the run then holds), or go on past it as a
/// fraction: "1/4", "7-3/4" ([`fraction_end`]).
fn digits_then_unit(b: &[u8], at: usize) -> bool {
    let end =
        at + b[at..].iter().take_while(|&&c| c.is_ascii_digit() || c == b'.' || c == b',').count();
    // "5, 6, or 7": the comma ends the run (and the number before it); only
    // a range word may follow it.
    let number_end = if b[end - 1] == b',' { end - 1 } else { end };
    unit_follows(b, number_end) && digits_number(&b[at..number_end])
        || fraction_end(b, at, end).is_some_and(|e| unit_follows(b, e))
}

/// Where a fraction in digits that starts at `at` ends, when the run of
/// digits from `at` (ending at `end`) goes on as `/\d+` or `-\d+/\d+`.
fn fraction_end(b: &[u8], at: usize, end: usize) -> Option<usize> {
    let digits = |i: usize| b[i.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !b[at..end].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut i = end;
    if b.get(i) == Some(&b'-') {
        let n = digits(i + 1);
        if n == 0 {
            return None;
        }
        i += 1 + n;
    }
    if b.get(i) != Some(&b'/') {
        return None;
    }
    let n = digits(i + 1);
    (n > 0).then_some(i + 1 + n)
}

/// A number in words starts at `at` and a unit, range word or "in"/"of"
/// follows it: "ten percent", "twenty-one in", "a hundred per cent". The
/// number need not end the word ("tenor" is "ten" and "or" to the pattern).
fn number_word_then_unit(w: &FigureWords, b: &[u8], at: usize) -> bool {
    for n in ["a hundred", "one hundred"] {
        if at_ci(b, at, n.as_bytes()) && unit_follows(b, at + n.len()) {
            return true;
        }
    }
    for n in w.ones.iter().chain(w.tens) {
        if !at_ci(b, at, n.as_bytes()) {
            continue;
        }
        let q = at + n.len();
        if unit_follows(b, q) {
            return true;
        }
        // "twenty-one", "ninety nine"
        if w.tens.contains(n) && matches!(b.get(q), Some(b'-' | b' ')) {
            for u in &w.ones[1..10] {
                if at_ci(b, q + 1, u.as_bytes()) && unit_follows(b, q + 1 + u.len()) {
                    return true;
                }
            }
        }
    }
    false
}

/// A fraction word (or its plural) at `at`, followed by `\b`.
fn fraction_word(w: &FigureWords, b: &[u8], at: usize) -> bool {
    w.denominators.iter().any(|d| {
        let end = at + d.len();
        at_ci(b, at, d.as_bytes())
            && [
                end,
                end + usize::from((w.has_plural)(d) && matches!(b.get(end), Some(b's' | b'S'))),
            ]
            .iter()
            .any(|&e| !b.get(e).is_some_and(|&c| word(c)))
    })
}

/// The start of a word of [`NUMERATORS`] before a fraction word at `at`,
/// past dashes and spaces: "a third", "two-fifths".
fn numerator_before(w: &FigureWords, b: &[u8], at: usize) -> Option<usize> {
    let gap = b[..at].iter().rev().take_while(|&&c| space(c) || c == b'-').count();
    let end = at - gap;
    let start = end - b[..end].iter().rev().take_while(|&&c| word(c)).count();
    (gap > 0 && w.numerators.iter().any(|n| b[start..end].eq_ignore_ascii_case(n.as_bytes())))
        .then_some(start)
}

/// Candidates that start with a number in digits: digits that begin a
/// word, or a period that precedes digits and follows no word character
/// (`\b{start-half}\.\d+`: ".06 pct"). Runs of digits are found eight
/// bytes at a time.
fn digit_starts(b: &[u8], out: &mut Vec<usize>) {
    let mut i = 0;
    while i < b.len() {
        // Skip to the next digit, eight (ASCII) bytes at a time.
        if let Some(chunk) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            let digits = crate::scan::swar::in_range(w, b'0', b'9');
            if digits == 0 {
                i += 8;
                continue;
            }
            i += (digits.trailing_zeros() / 8) as usize;
        } else if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // b[i] is the first digit of a run.
        if i >= 1 && b[i - 1] == b'.' && word_starts(b, i - 1) && digits_then_unit(b, i - 1) {
            out.push(i - 1);
        }
        if word_starts(b, i) && digits_then_unit(b, i) {
            out.push(i);
        }
        i += b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::detect::tests::{
        candidate_regex, figure_soup, figure_starts, pattern_regexes,
    };

    /// The starts of the ASCII text `text`, checked against the two plain
    /// references they sit between: every start is a start of the
    /// candidate regex (its matches, overlapping), and every match of the
    /// four patterns (what the detector's anchored searches find) begins at
    /// a start. `None` without the Teddy search.
    fn checked_starts(text: &str) -> Option<Vec<usize>> {
        let starts = figure_starts().starts(text.as_bytes())?;
        let re = candidate_regex();
        let mut candidates = Vec::new();
        let mut at = 0;
        while let Some(m) = re.find_at(text, at) {
            candidates.push(m.start());
            at = m.start() + 1;
        }
        for p in &starts {
            assert!(candidates.contains(p), "{text:?}: {p} is not a candidate");
        }
        for pattern in pattern_regexes() {
            for m in pattern.find_iter(text) {
                assert!(
                    starts.contains(&m.start()),
                    "{text:?}: {:?} of {} starts at no start",
                    m.as_str(),
                    pattern.as_str()
                );
            }
        }
        Some(starts)
    }

    /// (case, ASCII text, the words at the starts found)
    const CASES: &[(&str, &str, &[&str])] = &[
        ("percent sign", "rose 45% in May", &["45%"]),
        ("unit words", "45 per cent, 12 pct and 7percent", &["45", "12", "7percent"]),
        ("range words", "15 to 20, 3-4 and 5 or 6", &["15", "3-4", "4", "5"]),
        ("ratio words", "3 in 10, 7 out of 10, 8 of 10", &["3", "7", "8"]),
        ("number alone", "In 2014, 300 firms and 12 staff", &[]),
        (
            "number words",
            "one in ten, twenty-one percent, a hundred per cent",
            &["one", "twenty-one", "one", "a"],
        ),
        ("a number word may run on", "a tenor sang", &["tenor"]),
        (
            "fraction words and their numerators",
            "a third, two-fifths, halves and thirds",
            &["a", "third,", "two-fifths,", "fifths,", "halves", "thirds"],
        ),
        ("fraction word inside a word", "quarterly, halfway and Chalfont", &[]),
        ("digits glued to letters", "B2B, v2% and x45%", &[]),
        ("decimals", "up .5% and rate.5 percent", &[".5%", "5%", "5"]),
        (
            "fractions, hyphened and glued units",
            "1/4 pct, 7-3/4 pct, a 50-pct stake, 5pc, 3.85/95 pct",
            &["1/4", "4", "7-3/4", "3/4", "4", "50-pct", "5pc,", "85/95", "95"],
        ),
        ("a comma before a range word, not before in", "5, 6, or 7 pct; 9, in", &["6,", "7"]),
        ("thousands: and the digits after the comma", "rose 1,200% in a year", &["1,200%", "200%"]),
    ];

    #[test]
    fn starts_of_named_cases() {
        for (name, text, want) in CASES {
            let Some(starts) = checked_starts(text) else { return };
            let got: Vec<&str> =
                starts.iter().map(|&p| text[p..].split(' ').next().unwrap()).collect();
            assert_eq!(got, *want, "case {name:?}");
        }
    }

    /// On every ASCII article of the real corpora (see
    /// [`crate::io::corpus::test_corpora`]).
    #[test]
    fn starts_sit_between_the_references_on_the_corpora() {
        let Some(files) = crate::io::corpus::test_corpora() else { return };
        let mut checked = 0;
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            let Ok(text) = std::str::from_utf8(&bytes) else { continue };
            if text.is_ascii() && checked_starts(text).is_some() {
                checked += 1;
            }
        }
        assert!(checked > 10_000, "only {checked} ASCII files");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn starts_sit_between_the_references(text in figure_soup()) {
            let ascii: String =
                text.chars().map(|c| if c.is_ascii() { c } else { ' ' }).collect();
            checked_starts(&ascii);
        }
    }
}
