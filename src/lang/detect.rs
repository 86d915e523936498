//! Proportion expressions: where they are, what they are worth, how they are bounded.
//!
//! The detector finds every expression the annotation guidelines count as a
//! proportion ("35%", "45 per cent", "3 in 10", "one third", "half", the
//! first number of "15 and 16 percent") and none of the look-alikes they
//! exclude (years, counts, ranks, multipliers, percentage points, URL
//! escapes). One candidate search finds where expressions can start; each
//! pattern is then tried only there.

use crate::span::Span;
use regex::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, meta};
use std::sync::LazyLock;

use crate::scan::space;
use crate::scan::starts::{FigureStarts, FigureWords};

/// How a figure is bounded by the qualifier in front of it; in the
/// dataset, its name ([`Bound::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// No qualifier, or an emphasis word ("only 12%").
    Exact,
    /// "about", "nearly", "roughly", "some", ...
    Approx,
    /// "more than", "over", "at least", ...
    AtLeast,
    /// "less than", "up to", "as many as", ...
    AtMost,
}

impl Bound {
    /// The name used in the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::Approx => "approx",
            Bound::AtLeast => "at_least",
            Bound::AtMost => "at_most",
        }
    }
}

/// The form a proportion is written in; in the dataset, its name
/// ([`Kind::as_str`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// "35%", "45 percent", "forty per cent".
    Percent,
    /// "3 in 10", "seven out of the 10".
    Ratio,
    /// "half", "one third", "three quarters".
    Fraction,
}

impl Kind {
    /// The name used in the dataset.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Percent => "percent",
            Kind::Ratio => "ratio",
            Kind::Fraction => "fraction",
        }
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One proportion expression found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The expression itself, without qualifiers ("35%", "3 in 10", "half").
    pub span: Span,
    /// The qualifier that set the bound ("more than"), if any.
    pub qualifier: Option<Span>,
    /// The proportion as a percentage (below zero with a sign: "-0.1%").
    pub value: f64,
    /// The bound set by the qualifier.
    pub bound: Bound,
    /// The form of the expression.
    pub kind: Kind,
    /// True for the first number of "15 and 20 percent" and "15-20%": it
    /// has no unit of its own and shares the next figure's (and its subject
    /// and population).
    pub shares_unit: bool,
}

const ONES: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
];
const TENS: &[&str] =
    &["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// A number written in digits or (up to one hundred) in words; in digits
/// also a fraction ("1/4") or a whole number and a fraction ("7-3/4", as
/// news agencies write rates), tried first.
fn num() -> String {
    format!(
        r"(?:\d+-\d+/\d+|\d+/\d+|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|(?:{tens})(?:[- ](?:{units}))?|(?:a|one) hundred|{ones})",
        tens = TENS.join("|"),
        units = ONES[1..10].join("|"),
        ones = ONES.join("|"),
    )
}
/// A fraction in words as a number before a unit: "a half", "two and a
/// half", "eleven and three-quarters", "half a".
fn spelled_fraction() -> String {
    format!(
        r"(?:(?:{num})\s+and\s+)?(?:{numerators})[\s-]+(?:{denominator})\b|half\s+an?\b",
        num = num(),
        numerators = NUMERATORS.join("|"),
        denominator = denominator(),
    )
}
/// `%`, `percent`, `per cent`, `pct`, also hyphened to the number ("a
/// 50-pct stake"), and the British `pc` in lower case ("5pc": "386 PC" is
/// a computer).
const UNIT: &str = r"(?:\s?%|(?:\s?|-)(?:percent|per\s?cent|per-cent|pct)\b\.?|\s?(?-i:pc)\b)";
/// Where a number starts: not after a word character. Unlike `\b`, it
/// holds before a leading period (".06 pct") after a space, and not after
/// a word ("v.2").
const NUMBER_START: &str = r"\b{start-half}";
/// What joins the first number of a range or list to the next: "15-20",
/// "15 to 20", "12-to-15", "15 and 20", "15, or 20".
const JOINER: &str = r"\s*,?\s*(?P<j>-|–|—|(?:-\s*)?(?:to|and|or)(?:\s*-)?)\s*";

fn percent_pattern() -> String {
    format!(
        r"(?i){NUMBER_START}(?P<n>{num}|{spelled}){UNIT}",
        num = num(),
        spelled = spelled_fraction()
    )
}
/// The first number of "15 and 16 percent" / "15-20%": it shares the unit
/// (the next number may carry a sign: "-0.5 to -1.2 pct").
fn shared_unit_pattern() -> String {
    let num = num();
    format!(r"(?i){NUMBER_START}(?P<n>{num}){JOINER}[-+]?(?P<m>{num}){UNIT}")
}
/// "3 in 10", "seven out of the 10", "eight of 10"; and a fraction in
/// digits before "of" ("1/4 of the flour"), tried first.
fn ratio_pattern() -> String {
    let num = num();
    format!(
        r"(?i){NUMBER_START}(?:(?P<f>\d+/\d+)\s+of\b|(?P<n>{num})(?:\s+|-)(?P<w>in|out\s+of|of)(?:\s+|-)(?:(?:the|every|each)\s+)?(?P<m>{num})\b)"
    )
}
/// Fraction words and the denominators they stand for; all but "half" and
/// "halves" also take a plural "s".
const DENOMINATORS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halves", 2.0),
    ("third", 3.0),
    ("quarter", 4.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("sixtieth", 60.0),
    ("seventieth", 70.0),
    ("eightieth", 80.0),
    ("ninetieth", 90.0),
    ("hundredth", 100.0),
    ("thousandth", 1000.0),
];
/// The fraction words of [`DENOMINATORS`].
const DENOMINATOR_WORDS: &[&str] = &{
    let mut words = [""; DENOMINATORS.len()];
    let mut i = 0;
    while i < words.len() {
        words[i] = DENOMINATORS[i].0;
        i += 1;
    }
    words
};
/// True when the fraction word `d` takes a plural "s" ("thirds").
fn has_plural(d: &str) -> bool {
    !d.starts_with("hal")
}
fn denominator() -> String {
    let forms: Vec<String> = DENOMINATOR_WORDS
        .iter()
        .map(|d| if has_plural(d) { format!("{d}s?") } else { d.to_string() })
        .collect();
    forms.join("|")
}
/// Words before a fraction word: "a third", "two-fifths", "eleven-twelfths"
/// ("an" before "a", as `an?` prefers it).
const NUMERATORS: &[&str] = &[
    "an", "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
fn fraction_pattern() -> String {
    format!(
        r"(?i)(?:\b(?P<n>{numerators})[\s-]+)?(?P<d>{denominator})\b",
        numerators = NUMERATORS.join("|"),
        denominator = denominator(),
    )
}
/// A match of this pattern starts wherever a match of any of the four
/// patterns above can start: it is their beginnings, up to the first word
/// after the number (the unit, the range word, "in"/"of") or the
/// denominator. One search for it replaces four full searches; each
/// pattern is then tried only, anchored, where a candidate starts. ASCII
/// text is searched with byte tests instead (see [`STARTS`]).
fn candidate_pattern() -> String {
    format!(
        r"(?i){NUMBER_START}(?:{num})(?:\s?%|\s?per|\s?pc|\s*,?\s*(?:-|–|—|to|and|or)|(?:\s+|-)(?:in|out|of))|\b(?:{numerators})[\s-]+(?:{denominator})|(?:{denominator})",
        num = num(),
        numerators = NUMERATORS.join("|"),
        denominator = denominator(),
    )
}
fn compile(pattern: String) -> meta::Regex {
    meta::Regex::new(&pattern).expect("detector patterns compile")
}
static PERCENT: LazyLock<meta::Regex> = LazyLock::new(|| compile(percent_pattern()));
static SHARED_UNIT: LazyLock<meta::Regex> = LazyLock::new(|| compile(shared_unit_pattern()));
static RATIO: LazyLock<meta::Regex> = LazyLock::new(|| compile(ratio_pattern()));
static FRACTION: LazyLock<meta::Regex> = LazyLock::new(|| compile(fraction_pattern()));
static CANDIDATES: LazyLock<meta::Regex> = LazyLock::new(|| compile(candidate_pattern()));
/// The count and its noun before "out of" ("39 nations "), at the end of
/// the text before it.
static COUNTED_BEFORE_OUT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i){NUMBER_START}(?P<n>{num})[ \t]+(?P<w>[a-z]+(?:[ -][a-z]+)?)\s+\z",
        num = num()
    ))
    .expect("the pattern compiles")
});
/// The total after "out of" (" the 15").
static TOTAL_AFTER_OUT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\A\s+(?:(?:the|every|each)\s+)?(?P<m>{num})\b", num = num()))
        .expect("the pattern compiles")
});
/// Where the patterns can start in ASCII text, found with byte tests.
static STARTS: LazyLock<FigureStarts> = LazyLock::new(|| {
    FigureStarts::new(FigureWords {
        ones: ONES,
        tens: TENS,
        denominators: DENOMINATOR_WORDS,
        numerators: NUMERATORS,
        has_plural,
    })
});
/// Literals one of which every expression contains (case-insensitively;
/// for the first number of a shared-unit range, the range does): text
/// without them has no expression (a test checks it). The detector does not
/// search for them (its candidate search is as fast and finds more); the
/// benchmark's ripgrep baseline does, as the bare cost of scanning
/// (`bench/run.sh` reads this line).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const PREFILTER: &str = r"(?i)%|per\s?-?cent|pct?\b|\bin\b|out of|\bof\b|half|halves|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|tieth|hundredth|thousandth";
/// Characters no expression can contain or sit next to as a word character:
/// non-ASCII, not a word character (Unicode `\w`, which also covers `\d` and
/// the case variants `ſ` and `K` of `s` and `k`), not white space, not the
/// dashes of a range. Curly quotes, `£`, `…` are the common ones.
static BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[^\x00-\x7F\w\s\x{2013}\x{2014}]+").unwrap());

/// Splits `text` at [`BREAK`] characters into (offset, piece) pairs.
///
/// Every pattern here reads only ASCII, `\s`, `\d`, the two dashes and
/// letters, so no match crosses a break character, and a break character is a
/// non-word character, as the start and end of a piece are to `\b`: searching
/// the pieces one by one finds exactly the matches of searching `text`. It is
/// much faster: a Unicode `\b` stops the regex crate's lazy DFA at the first
/// non-ASCII byte and the slow engines take over for the rest of the
/// haystack; after the split only the rare pieces holding a non-ASCII space,
/// dash or letter are searched by them.
fn pieces(text: &str) -> Vec<(usize, &str)> {
    if text.is_ascii() {
        return vec![(0, text)];
    }
    let mut out = Vec::new();
    let mut at = 0;
    for b in BREAK.find_iter(text) {
        if b.start() > at {
            out.push((at, &text[at..b.start()]));
        }
        at = b.end();
    }
    if at < text.len() {
        out.push((at, &text[at..]));
    }
    out
}

/// A capture group with its offsets in the whole text.
#[derive(Debug, Clone, Copy)]
struct Found<'t> {
    start: usize,
    text: &'t str,
}

impl<'t> Found<'t> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
    fn as_str(&self) -> &'t str {
        self.text
    }
}

/// The captures of one match found in a piece, read in whole-text offsets.
struct Caps<'t> {
    offset: usize,
    piece: &'t str,
    caps: Captures,
}

impl<'t> Caps<'t> {
    fn found(&self, span: Option<regex_automata::Span>) -> Option<Found<'t>> {
        span.map(|m| Found { start: self.offset + m.start, text: &self.piece[m.start..m.end] })
    }
    fn get(&self, i: usize) -> Option<Found<'t>> {
        self.found(self.caps.get_group(i))
    }
    fn name(&self, name: &str) -> Option<Found<'t>> {
        self.found(self.caps.get_group_by_name(name))
    }
}

/// Where matches can start in each piece: in ASCII pieces, the positions
/// [`STARTS`] finds with byte tests; in others (or with `fast`
/// false, or without the SIMD instructions it needs), the start of every
/// match of [`CANDIDATES`], overlapping ones included.
fn candidates(pieces: &[(usize, &str)], fast: bool) -> Vec<Vec<usize>> {
    pieces
        .iter()
        .map(|&(_, piece)| {
            if fast
                && piece.is_ascii()
                && let Some(starts) = STARTS.starts(piece.as_bytes())
            {
                return starts;
            }
            let mut starts = Vec::new();
            let mut at = 0;
            while let Some(m) = CANDIDATES.search(&Input::new(piece).range(at..)) {
                starts.push(m.start());
                at = m.start() + piece[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
            starts
        })
        .collect()
}

/// Every match of `re` in the pieces, in order, as [`Regex::captures_iter`]
/// over the whole text would give them, given where matches can start.
///
/// The iteration finds, from the end of the previous match, the leftmost
/// start where `re` matches and the match leftmost-first semantics prefer
/// there. A start is always a candidate, the candidates before it do not
/// match, and an anchored search at it prefers the same match: trying the
/// candidates in order, anchored, finds the same matches.
///
/// `may_start` skips candidates cheaply in ASCII pieces: it must be true
/// wherever `re` can match (see [`Follows`]).
fn captures<'t>(
    re: &meta::Regex,
    may_start: impl Fn(Follows<'_>) -> bool,
    pieces: &[(usize, &'t str)],
    starts: &[Vec<usize>],
) -> Vec<Caps<'t>> {
    let mut out = Vec::new();
    // Made on the first search: most articles have no candidate to try.
    let mut caps = None;
    anchored(may_start, pieces, starts, |offset, piece, input| {
        let caps = caps.get_or_insert_with(|| re.create_captures());
        re.search_captures(input, caps);
        let end = caps.get_match()?.end();
        out.push(Caps { offset, piece, caps: caps.clone() });
        Some(end)
    });
    out
}

/// The spans of the matches [`captures`] finds, without their groups: an
/// anchored search that only finds where a match ends costs a fraction of
/// one that also reports its groups (most of [`PERCENT`]'s are read from
/// the match instead, see [`percent_number_len`]).
fn spans(
    re: &meta::Regex,
    may_start: impl Fn(Follows<'_>) -> bool,
    pieces: &[(usize, &str)],
    starts: &[Vec<usize>],
) -> Vec<Span> {
    let mut out = Vec::new();
    anchored(may_start, pieces, starts, |offset, _, input| {
        let m = re.search(input)?;
        out.push(Span::new(offset + m.start(), offset + m.end()));
        Some(m.end())
    });
    out
}

/// The iteration of [`captures`] and [`spans`]: `search` is tried, anchored,
/// at each candidate of each piece that `may_start` allows and that the
/// previous match does not cover; it returns where its match ends (in the
/// piece), or `None`.
fn anchored<'t>(
    may_start: impl Fn(Follows<'_>) -> bool,
    pieces: &[(usize, &'t str)],
    starts: &[Vec<usize>],
    mut search: impl FnMut(usize, &'t str, &Input<'t>) -> Option<usize>,
) {
    for (&(offset, piece), starts) in pieces.iter().zip(starts) {
        let ascii = piece.is_ascii();
        let mut end = 0;
        for &at in starts {
            if at < end || ascii && !may_start(Follows::at(piece.as_bytes(), at)) {
                continue;
            }
            let input = Input::new(piece).range(at..).anchored(Anchored::Yes);
            if let Some(e) = search(offset, piece, &input) {
                end = e;
            }
        }
    }
}

/// How long the number (group `n`) of a [`PERCENT`] match is: it ends
/// where the unit begins, at the first `%` or `p` (no form of [`num`] or
/// [`spelled_fraction`] holds either), less the one white space character
/// (`\s?`) or hyphen before it.
fn percent_number_len(whole: &str) -> usize {
    let unit = whole.find(['%', 'p', 'P']).expect("a percent match ends with its unit");
    match whole[..unit].chars().next_back() {
        Some(c) if c.is_whitespace() || c == '-' => unit - c.len_utf8(),
        _ => unit,
    }
}

/// The groups of a [`FRACTION`] match: the number word `n`, if any, is its
/// first word and the fraction word `d` its last (neither holds white space
/// or a hyphen, the only characters between them).
fn fraction_parts(text: &str, whole: Span) -> (Option<Span>, Span) {
    let gap = |c: char| c.is_whitespace() || c == '-';
    let s = whole.slice(text);
    match (s.find(gap), s.rfind(gap)) {
        (Some(first), Some(last)) => {
            let d = whole.start + last + s[last..].chars().next().map_or(1, char::len_utf8);
            (Some(Span::new(whole.start, whole.start + first)), Span::new(d, whole.end))
        }
        _ => (None, whole),
    }
}

/// What follows a candidate start in an ASCII piece, for a cheap test of
/// which patterns can match there.
///
/// A candidate that starts with a digit or a period starts a number in
/// digits. Every form of [`num`] but the fractions ("1/4", "7-3/4") is
/// then a prefix of the run of digits, commas and periods from there; what
/// follows the number in each pattern (white space, `%`, `p`, a hyphen,
/// `to`, `and`, `or`, `in`, `of`, `out`, or a comma and one of those) is
/// none of those characters but a comma, so the number can only end where
/// the run ends or at a comma that ends it. A fraction goes on past the run
/// with `/` or `-`: see [`fraction_follows`].
#[derive(Debug, Clone, Copy)]
enum Follows<'a> {
    /// A number in digits, then these bytes (the rest of the piece).
    Digits(&'a [u8]),
    /// Anything else: number words, fraction words.
    Other,
}

impl<'a> Follows<'a> {
    fn at(piece: &'a [u8], at: usize) -> Follows<'a> {
        let number = |b: &u8| b.is_ascii_digit() || *b == b'.' || *b == b',';
        if !piece.get(at).is_some_and(|b| b.is_ascii_digit() || *b == b'.') {
            return Follows::Other;
        }
        let end = at + piece[at..].iter().take_while(|b| number(b)).count();
        Follows::Digits(&piece[end..])
    }
}

/// The run of digits goes on as a fraction: "1/4", "7-3/4". Every pattern
/// may match there (the cheap tests stop at the run).
fn fraction_follows(after: &[u8]) -> bool {
    match after {
        [b'/', ..] => true,
        [b'-', d, ..] => d.is_ascii_digit(),
        _ => false,
    }
}

/// [`PERCENT`] can match: a number in digits is followed by `\s?` and `%`
/// or `p`, by a hyphen ("50-pct"), by "and" ("2 and a half pct"), or is a
/// fraction.
fn percent_may_start(f: Follows) -> bool {
    match f {
        Follows::Digits(after) => {
            let skip = usize::from(after.first().is_some_and(|&b| space(b)));
            matches!(after.get(skip), Some(b'%' | b'p' | b'P' | b'-' | b'/')) || {
                let rest = &after[after.iter().take_while(|&&b| space(b)).count()..];
                rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case(b"and"))
            }
        }
        Follows::Other => true,
    }
}

/// [`SHARED_UNIT`] can match: a number in digits is followed by `\s*` and a
/// hyphen or the start of `to`, `and`, `or` (the long dashes are not ASCII),
/// past a comma, or is a fraction.
fn shared_unit_may_start(f: Follows) -> bool {
    match f {
        Follows::Digits(after) => {
            fraction_follows(after)
                || matches!(
                    after.iter().find(|&&b| !space(b) && b != b','),
                    Some(b'-' | b't' | b'T' | b'a' | b'A' | b'o' | b'O')
                )
        }
        Follows::Other => true,
    }
}

/// [`RATIO`] can match: a number in digits is followed by white space or a
/// hyphen, then (past any more of them) the start of `in`, `of`, `out`, or
/// is a fraction.
fn ratio_may_start(f: Follows) -> bool {
    match f {
        Follows::Digits(after) => {
            fraction_follows(after)
                || after.first().is_some_and(|&b| space(b) || b == b'-')
                    && matches!(
                        after.iter().find(|&&b| !(space(b) || b == b'-')),
                        Some(b'i' | b'I' | b'o' | b'O')
                    )
        }
        Follows::Other => true,
    }
}

/// [`FRACTION`] can match: it starts with a word, never with a digit or a period.
fn fraction_may_start(f: Follows) -> bool {
    matches!(f, Follows::Other)
}

/// Qualifiers, matched right before a figure (the longest that matches
/// wins: "no more than" over "more than"). Words are single-spaced here and
/// match any white space in the text.
const QUALIFIERS: &[(&str, Bound)] = &[
    ("slightly more than", Bound::AtLeast),
    ("a little more than", Bound::AtLeast),
    ("more than", Bound::AtLeast),
    ("greater than", Bound::AtLeast),
    ("at least", Bound::AtLeast),
    ("upwards of", Bound::AtLeast),
    ("in excess of", Bound::AtLeast),
    ("no fewer than", Bound::AtLeast),
    ("no less than", Bound::AtLeast),
    ("not less than", Bound::AtLeast),
    ("not fewer than", Bound::AtLeast),
    ("a minimum of", Bound::AtLeast),
    ("minimum of", Bound::AtLeast),
    ("a minimum", Bound::AtLeast),
    ("minimum", Bound::AtLeast),
    ("north of", Bound::AtLeast),
    ("over", Bound::AtLeast),
    ("above", Bound::AtLeast),
    ("exceeding", Bound::AtLeast),
    ("less than", Bound::AtMost),
    ("fewer than", Bound::AtMost),
    ("no more than", Bound::AtMost),
    ("not more than", Bound::AtMost),
    ("as many as", Bound::AtMost),
    ("as much as", Bound::AtMost),
    ("up to", Bound::AtMost),
    ("at most", Bound::AtMost),
    ("a maximum of", Bound::AtMost),
    ("maximum of", Bound::AtMost),
    ("a maximum", Bound::AtMost),
    ("maximum", Bound::AtMost),
    ("under", Bound::AtMost),
    ("below", Bound::AtMost),
    ("approximately", Bound::Approx),
    ("an estimated", Bound::Approx),
    ("close to", Bound::Approx),
    ("just shy of", Bound::Approx),
    ("shy of", Bound::Approx),
    ("roughly", Bound::Approx),
    ("around", Bound::Approx),
    ("about", Bound::Approx),
    ("nearly", Bound::Approx),
    ("almost", Bound::Approx),
    ("approx.", Bound::Approx),
    ("circa", Bound::Approx),
    ("some", Bound::Approx),
    ("~", Bound::Approx),
];

/// Words after a fraction word that make it a measure of something else
/// ("half a million", "half an hour", "a quarter point", "one-half ct") or
/// a multiplier ("half as many").
const HALF_NOT_PROPORTION: &[&str] = &[
    "a", "an", "as", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year",
    "years", "decade", "decades", "century", "mile", "miles", "dozen", "time", "point", "points",
    "price", "way", "term", "life", "measure", "measures", "inch", "inches", "pound", "pounds",
    "million", "billion", "trillion", "cent", "percent", "percentage", "past", "size", "length",
    "speed", "brother", "sister", "sibling", "marathon", "volley", "back", "backs", "nelson",
    "mln", "bln", "billions", "millions", "dlrs", "dollars", "euros", "barrels", "tons", "yr",
    "yrs", "yearly", "ct", "cts", "cents", "pence", "penny", "pct", "dlr", "ounce", "ounces",
];
/// Units after "a quarter of a ...": the fraction measures an amount.
const MEASURES: &[&str] = &[
    "million", "billion", "trillion", "percentage", "point", "percent", "mile", "hour", "second",
    "minute", "century", "decade", "year", "day", "inch", "pound", "dollar", "cent", "ton",
    "tonne", "barrel", "kilometre", "kilometer", "metre", "meter", "mln", "bln", "pct", "share",
    "ounce", "gram", "kilo", "kilogram", "acre", "hectare", "litre", "liter", "gallon", "foot",
    "yard",
];
/// Words before a fraction that make it a part of time or an ordinal ("second half").
const FRACTION_NOT_AFTER: &[&str] = &[
    "first", "second", "third", "fourth", "latter", "former", "back", "front", "bottom", "top",
    "upper", "lower", "past", "last", "next", "previous", "recent", "consecutive", "straight",
    "successive", "1st", "2nd", "3rd", "4th", "the", "preceding", "following", "coming", "final",
    "opening", "closing", "own", "opposition", "northern", "southern", "eastern", "western",
    "north", "south", "east", "west",
];
/// Nouns an ordinal stands before ("a third party", "a third straight
/// session"): a fraction word before them is no share, whatever precedes it.
const ORDINAL_NOUNS: &[&str] = &[
    "party", "parties", "term", "terms", "time", "times", "round", "rounds", "place", "world",
    "generation", "reading", "division", "tier", "way", "person", "leg", "set", "game", "match",
    "test", "day", "week", "month", "year", "season", "straight", "consecutive", "successive",
    "quarter", "half", "runway", "session", "attempt", "child", "son", "daughter", "wife",
    "husband", "film", "album", "book", "title", "goal", "win", "victory", "defeat", "case", "man",
    "woman", "country", "company", "bank", "option", "phase", "stage", "level", "floor", "grade",
    "class", "edition", "version", "mandate", "largest", "biggest", "highest", "lowest", "best",
    "worst", "greatest", "smallest", "century", "birthday", "anniversary", "row", "lap", "final",
    "finals", "finalist", "finalists",
];
/// Words after which "a quarter" is a period a rate is counted by
/// ("140,000 dlrs a quarter").
const PER_QUARTER: &[&str] = &[
    "dlrs", "dlr", "dollars", "cts", "cents", "pounds", "stg", "yen", "marks", "francs", "shares",
    "share", "barrels", "tonnes", "tons", "ounces", "units", "mln", "bln", "billion", "million",
];
/// Words that, capitalised before "Half", make it a title word ("Nearly
/// Half Of Heads") rather than part of a name ("Robert Half").
const TITLE_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "but", "or", "only", "just", "by", "in", "to", "for", "with",
    "than", "about", "over", "under", "more", "less", "nearly", "almost", "some", "around",
    "roughly", "fully", "exactly", "another", "other", "all", "at", "on", "from", "what", "why",
    "how", "cut", "cuts", "by", "up", "down", "fell", "falls", "rises", "rose", "profits", "sales",
    "shr", "net", "approximately", "least", "most", "well",
];
/// Words that may follow an ordinal-looking fraction ("a third", "one fifth")
/// when it is a proportion: "a third say", "one fifth who".
const FRACTION_FOLLOWERS: &[&str] = &[
    "of", "who", "that", "which", "are", "were", "is", "was", "have", "had", "has", "say", "said",
    "says", "believe", "believed", "think", "thought", "agree", "agreed", "feel", "felt", "report",
    "reported", "see", "saw", "do", "did", "will", "would", "can", "could", "should", "may",
    "might", "also", "now", "still", "plan", "expect", "want", "use", "consider", "rate", "cite",
    "indicate", "claim", "describe", "prefer", "already", "only", "just", "more", "less", "fewer",
    "less", "among", "and", "or", "but", "while", "whereas", "respectively", "compared", "versus",
    "vs", "this", "these", "those", "they", "admit", "spend", "own", "lack", "struggle", "do",
    "don't", "can't", "won't", "aren't", "rely", "depend", "live", "work", "go", "went", "get",
    "got", "buy", "bought", "hold", "held", "earn", "pay", "paid", "receive", "vote", "voted",
    "oppose", "opposed", "support", "supported", "favour", "favor", "back", "backed", "suffer",
    "face", "lose", "lost", "remain", "remained", "fail", "failed", "need", "like", "trust",
    "read", "watch", "visit", "access", "make", "made", "take", "took", "give", "gave", "come",
    "came", "owned", "regularly", "never", "always", "often", "rarely", "usually", "currently",
    "typically", "actually", "feels", "wants", "needs", "uses", "works", "lives", "goes",
];

/// Finds every proportion expression in `text`, in order of position.
pub(crate) fn detect(text: &str) -> Vec<Figure> {
    detect_with(text, true)
}

/// [`detect`], with the candidates of ASCII pieces found by byte tests
/// (`fast`) or by the candidate regex.
fn detect_with(text: &str, fast: bool) -> Vec<Figure> {
    let pieces = pieces(text);
    let starts = candidates(&pieces, fast);
    let mut found: Vec<Figure> = Vec::new();
    for whole in spans(&PERCENT, percent_may_start, &pieces, &starts) {
        let n = Span::new(whole.start, whole.start + percent_number_len(whole.slice(text)));
        let end = trim_end(text, whole.end);
        // "10.1/8 PCT": 10-1/8 written with a period.
        if let Some((start, value)) = dotted_fraction(text, n) {
            if percent_ok(text, start, whole.end) {
                found.push(figure(text, Span::new(start, end), value, Kind::Percent));
            }
            continue;
        }
        // "7 3/4 pct": a whole number, a space, a fraction.
        if let Some(whole_start) = spaced_whole_before(text, n) {
            let units = text[whole_start..n.start].trim_end().parse::<f64>().ok();
            if let (Some(w), Some(f)) = (units, parse_number(n.slice(text)))
                && percent_ok(text, whole_start, whole.end)
            {
                found.push(figure(text, Span::new(whole_start, end), w + f, Kind::Percent));
            }
            continue;
        }
        // "3.85/95 pct", "9-9/16 7/16 pct": a bid and an offer, two figures.
        if let Some(q) = quote_before(text, n) {
            if percent_ok(text, q.bid.start, whole.end) {
                let bid = figure(text, q.bid, q.bid_value, Kind::Percent);
                found.push(Figure { shares_unit: true, ..bid });
                found.push(figure(text, Span::new(q.offer, end), q.offer_value, Kind::Percent));
            }
            continue;
        }
        let (start, sign) = sign_before(text, n.start);
        if !percent_ok(text, start, whole.end) {
            continue;
        }
        let Some(value) = parse_number(n.slice(text)) else {
            continue;
        };
        found.push(figure(text, Span::new(start, end), sign * value, Kind::Percent));
    }
    for m in captures(&SHARED_UNIT, shared_unit_may_start, &pieces, &starts) {
        let (n, j, next) = (m.name("n").unwrap(), m.name("j").unwrap(), m.name("m").unwrap());
        let Some(next_value) = parse_number(next.as_str()) else {
            continue;
        };
        // "7-3/4 pct" is one number, not a range from 7.
        if j.as_str() == "-" && next.as_str().contains('/') && !next.as_str().contains('-') {
            continue;
        }
        let n = Span::new(n.start(), n.end());
        // "aged 18 and 24, and 19%": after a comma, "and" starts a clause
        // unless a list leads to it ("5, 6, or 7 percent").
        if j.start() > n.end
            && text[n.end..j.start()].contains(',')
            && list_item_before(text, n.start).is_none()
        {
            continue;
        }
        let Some(first) = shares_unit_with(text, n, next_value) else {
            continue;
        };
        // "0.5, 0.6 and 0.7 pct": a list before "and"/"or" shares the unit too.
        let listed = !matches!(j.as_str(), "-" | "–" | "—")
            && !j.as_str().to_ascii_lowercase().contains("to");
        let mut at = first.span.start;
        while let Some(item) = listed.then(|| list_item_before(text, at)).flatten() {
            let Some(f) = shares_unit_with(text, item, next_value) else { break };
            at = f.span.start;
            found.push(f);
        }
        found.push(first);
    }
    for m in captures(&RATIO, ratio_may_start, &pieces, &starts) {
        if let Some(f) = m.name("f") {
            let span = Span::new(f.start(), f.end());
            if let Some(value) = slash_fraction_of(text, span) {
                found.push(figure(text, span, value, Kind::Fraction));
            }
            continue;
        }
        let whole = m.get(0).unwrap();
        let (n, d) = (m.name("n").unwrap(), m.name("m").unwrap());
        if !boundary_before(text, n.start())
            || text[d.end()..].starts_with(['%', '.', ',']) && next_is_digit(text, d.end() + 1)
        {
            continue;
        }
        let (Some(a), Some(b)) = (parse_number(n.as_str()), parse_number(d.as_str())) else {
            continue;
        };
        let w = m.name("w").unwrap();
        // "7 in the 8 warehouses" is a place (but "53 in the 200-seat
        // chamber" a share); "round four in eight" a rank.
        if w.as_str().eq_ignore_ascii_case("in")
            && text[w.end()..d.start()].trim().eq_ignore_ascii_case("the")
            && !(text[d.end()..].starts_with('-') && next_is_alpha(text, d.end() + 1))
            || ranked(text, n.start())
        {
            continue;
        }
        // "eight of 10 marketers" is a ratio; "3 of 7 games" and "page 2 of 5"
        // read better as counts: "of" only with 10, 100, 1000.
        if m.name("w").is_some_and(|w| w.as_str().eq_ignore_ascii_case("of"))
            && (![10.0, 100.0, 1000.0].contains(&b) || {
                // "one of the 100 largest companies": a ranking, not a share.
                let next = next_word(text, d.end()).to_ascii_lowercase();
                next.ends_with("est") || matches!(next.as_str(), "most" | "top" | "leading")
            })
        {
            continue;
        }
        if b < 2.0
            || a > b
            || looks_like_year(d.as_str())
            || looks_like_year(n.as_str())
            || a.fract() != 0.0
        {
            continue;
        }
        if text[d.end()..].trim_start().starts_with(['%']) || followed_by_unit_word(text, d.end()) {
            continue;
        }
        found.push(figure(text, Span::new(n.start(), whole.end()), a / b * 100.0, Kind::Ratio));
    }
    for whole in spans(&FRACTION, fraction_may_start, &pieces, &starts) {
        if !word_start(text, whole.start) {
            continue;
        }
        if let Some(value) = fraction_value(text, whole) {
            found.push(figure(text, whole, value, Kind::Fraction));
        }
    }
    found.extend(counted_out_of(text));
    // Keep the earliest, then longest, of overlapping candidates.
    found.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)));
    let mut out: Vec<Figure> = Vec::with_capacity(found.len());
    for f in found {
        match out.last() {
            Some(last) if f.span.start < last.span.end => {}
            _ => out.push(f),
        }
    }
    // A number of the range pattern shares the unit of the figure right
    // after it, the rest of its range.
    for i in 0..out.len() {
        if out[i].shares_unit {
            out[i].shares_unit =
                out.get(i + 1).is_some_and(|n| n.span.start - out[i].span.end <= 5);
        }
    }
    out
}

/// A bid/offer quote ending with the number `n` of a percent figure: "3.85/
/// 95 pct" (the offer "95" replaces the last digits of the bid: 3.95;
/// "13.75/14.00" gives it whole) or "9-9/16 7/16 pct" (the offer's fraction
/// goes with the bid's whole number: 9-7/16).
struct Quote {
    bid: Span,
    bid_value: f64,
    /// Where the offer starts (in `n`, or `n` itself).
    offer: usize,
    offer_value: f64,
}

fn quote_before(text: &str, n: Span) -> Option<Quote> {
    let digits_back = |s: &str| s.len() - s.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    // The slash of a decimal quote: before `n` ("13.75/14.00", and "4.13/00"
    // where "13/00" is no fraction), or inside it ("3.85/95": the pattern
    // reads "85/95", a fraction, after the period).
    let slash = if text[..n.start].ends_with('/') {
        Some(n.start - 1)
    } else if text[..n.start].ends_with('.') && n.slice(text).contains('/') {
        n.slice(text).find('/').map(|i| n.start + i)
    } else {
        None
    };
    if let Some(slash) = slash {
        let rest = &text[..slash];
        let decimals = digits_back(rest);
        let whole = rest[..rest.len() - decimals].strip_suffix('.')?;
        let units = digits_back(whole);
        let bid = Span::new(slash - decimals - 1 - units, slash);
        let offer = &text[slash + 1..n.end];
        if decimals == 0 || units == 0 || !offer.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
            return None;
        }
        if !boundary_before(text, bid.start) {
            return None;
        }
        let bid_text = bid.slice(text);
        let offer_value = if !offer.contains('.') && offer.len() <= decimals {
            let kept = &bid_text[..bid_text.len() - offer.len()];
            format!("{kept}{offer}").parse().ok()?
        } else {
            offer.parse().ok()?
        };
        let bid_value = bid_text.parse().ok()?;
        return Some(Quote { bid, bid_value, offer: slash + 1, offer_value });
    }
    // "9-9/16 7/16", "6-9/16, 5/16": a whole number and fraction, a space
    // (or a comma and a space), a fraction.
    let offer = n.slice(text);
    if !offer.contains('/') || offer.contains('-') {
        return None;
    }
    let rest = text[..n.start].strip_suffix(' ')?;
    let rest = rest.strip_suffix(',').unwrap_or(rest);
    let len = rest.len()
        - rest.trim_end_matches(|c: char| c.is_ascii_digit() || c == '/' || c == '-').len();
    let bid = Span::new(rest.len() - len, rest.len());
    let bid_text = bid.slice(text);
    let (whole, fraction) = bid_text.split_once('-')?;
    if !boundary_before(text, bid.start) || !fraction.contains('/') {
        return None;
    }
    let bid_value = parse_number(bid_text)?;
    let offer_value = whole.parse::<f64>().ok()? + parse_number(offer)?;
    Some(Quote { bid, bid_value, offer: n.start, offer_value })
}

/// Words after which "minus" gives a figure its sign: "of minus 2 pct".
const MINUS_LEADS: &[&str] = &[
    "of", "at", "to", "from", "was", "is", "were", "be", "been", "by", "with", "a", "an", "stood",
    "showed", "against", "versus", "vs",
];

/// Where the whole number starts before a fraction `n` written after it
/// with one space: "7 3/4 pct" (7.75). Only digits that start a word and
/// end none: "9-9/16 7/16" is a bid/offer quote.
fn spaced_whole_before(text: &str, n: Span) -> Option<usize> {
    let f = n.slice(text);
    if !f.contains('/') || f.contains('-') {
        return None;
    }
    let before = text[..n.start].strip_suffix(' ')?;
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let start = before.len() - digits;
    (digits > 0 && digits <= 3 && boundary_before(text, start) && !before[..start].ends_with('-'))
        .then_some(start)
}

/// A whole number and a fraction joined by a period, as tables sometimes
/// write them ("10.1/8 PCT" for 10-1/8): the pattern reads the fraction
/// `n` after the period. One digit after the period, a denominator that is
/// a power of two (eighths, sixteenths): a bid/offer quote ("3.85/95") has
/// two digits and no such denominator. Returns where the figure starts and
/// its value.
fn dotted_fraction(text: &str, n: Span) -> Option<(usize, f64)> {
    let (num, den) = n.slice(text).split_once('/')?;
    let whole = text[..n.start].strip_suffix('.')?;
    let digits = whole.len() - whole.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let start = whole.len() - digits;
    let (num, den): (u32, u32) = (num.parse().ok()?, den.parse().ok()?);
    if digits == 0 || num >= 10 || num >= den || !den.is_power_of_two() || den > 64 {
        return None;
    }
    (boundary_before(text, start)).then_some(())?;
    Some((start, whole[start..].parse::<f64>().ok()? + f64::from(num) / f64::from(den)))
}

/// The sign of a number starting at `start`: a `-` or `+` glued to it
/// ("-0.1%", "(+2 pct)") that does not join a range ("5 -10%"), or "minus"
/// or "negative" before it. Returns where the figure starts, with its sign,
/// and the factor (1 or -1).
fn sign_before(text: &str, start: usize) -> (usize, f64) {
    let before = &text[..start];
    if let Some(c) = before.chars().next_back().filter(|c| matches!(c, '-' | '+' | '\u{2212}')) {
        let s = start - c.len_utf8();
        let signed = match text[..s].chars().next_back() {
            None | Some('(' | '[' | ':') => true,
            Some(p) if p.is_whitespace() => {
                !text[..s].trim_end().ends_with(|c: char| c.is_ascii_digit() || "%-".contains(c))
            }
            _ => false,
        };
        return if signed { (s, if c == '+' { 1.0 } else { -1.0 }) } else { (start, 1.0) };
    }
    let word = prev_word(text, start).to_ascii_lowercase();
    let at = before.trim_end().len() - word.len();
    if !word_start(text, at) {
        return (start, 1.0);
    }
    // "minus" takes a figure below zero after a word that leads to a
    // value ("a margin of minus 0.10 pct"), or at the start of a clause;
    // after a noun it subtracts ("the budget minus 15 pct"); "plus or
    // minus" is a tolerance.
    let sign_word = match word.as_str() {
        "negative" => true,
        "minus" => {
            let lead = prev_word(text, at).to_ascii_lowercase();
            let clause_start = text[..at].trim_end().ends_with(|c: char| !c.is_alphanumeric())
                || text[..at].trim_end().is_empty();
            let lead_at = text[..at].trim_end().len() - lead.len();
            if lead == "or" || lead == "and" {
                !prev_word(text, lead_at).eq_ignore_ascii_case("plus")
            } else {
                (clause_start || MINUS_LEADS.contains(&lead.as_str()))
                    && !text[..at].trim_end().ends_with('/')
            }
        }
        _ => false,
    };
    if sign_word { (at, -1.0) } else { (start, 1.0) }
}

/// The first number `n` of a range or list sharing the unit of the next
/// number (worth `next`), as a figure; `None` when it is not one: a year,
/// the end of a range of its own ("aged 30-39 and 14%", "between 18 and 24
/// and 19%"), a name ("M-1 and five pct") or a count the share restates
/// ("699,800 or 9.1 pct").
fn shares_unit_with(text: &str, n: Span, next: f64) -> Option<Figure> {
    let (start, sign) = sign_before(text, n.start);
    let s = n.slice(text);
    if !boundary_before(text, start) || looks_like_year(s) {
        return None;
    }
    let before = text[..start].trim_end();
    let digit_before = |b: &str| b.trim_end().ends_with(|c: char| c.is_ascii_digit());
    let s = n.slice(text);
    let dash = before.strip_suffix(['-', '\u{2013}', '\u{2014}']);
    let to = before.strip_suffix("to").filter(|b| b.ends_with(char::is_whitespace));
    let name = dash.is_some_and(|b| b.ends_with(|c: char| c.is_ascii_alphabetic()));
    // "30 to 39 and 14%", not "in 1979 to three or four pct".
    let to_range = to.is_some_and(|b| {
        let w = prev_word(b, b.len());
        !looks_like_year(w) && parse_number(w).is_some_and(|v| v <= parse_number(s).unwrap_or(0.0))
    });
    // "between 18 and 24 and 19%".
    let between = before.strip_suffix("and").is_some_and(|b| {
        let w = prev_word(b, b.len());
        parse_number(w).is_some()
            && prev_word(b, b.trim_end().len() - w.len()).eq_ignore_ascii_case("between")
    });
    if dash.is_some_and(digit_before) || to_range || between || name {
        return None;
    }
    let value = parse_number(s)?;
    if value > 100.0 && value > 10.0 * next.abs() {
        return None;
    }
    let f = figure(text, Span::new(start, n.end), sign * value, Kind::Percent);
    Some(Figure { shares_unit: true, ..f })
}

/// The number before `at` in a list, "0.5, " of "0.5, 0.6 and 0.7 pct":
/// digits (with commas and periods) or a number word, then a comma.
fn list_item_before(text: &str, at: usize) -> Option<Span> {
    let before = text[..at].trim_end().strip_suffix(',')?.trim_end();
    let end = before.len();
    let digits =
        end - before.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',').len();
    let len = if digits > 0 {
        digits
    } else {
        let w = prev_word(text, end);
        if parse_number(w).is_none() { 0 } else { w.len() }
    };
    let span = Span::new(end - len, end);
    (len > 0 && parse_number(span.slice(text)).is_some()).then_some(span)
}

/// The value of a fraction in digits before "of" ("1/4 of the flour"), or
/// None for a date, a measure ("7/8 of a pct", "1/2 of 1 pct") or a
/// fraction above one.
fn slash_fraction_of(text: &str, f: Span) -> Option<f64> {
    if !boundary_before(text, f.start) || text[f.end..].starts_with('/') {
        return None;
    }
    let value = parse_number(f.slice(text))?;
    let after_of = text[f.end..].trim_start()[2..].trim_start();
    let (first, rest) = after_of.split_once(char::is_whitespace).unwrap_or((after_of, ""));
    let first = first.to_ascii_lowercase();
    let unit = next_word(rest, 0).to_ascii_lowercase();
    let measure = (matches!(first.as_str(), "a" | "an" | "one")
        || first.starts_with(|c: char| c.is_ascii_digit()))
        && (MEASURES.contains(&unit.as_str()) || matches!(unit.as_str(), "pct" | "per"));
    if measure || looks_like_year(&first) || first.starts_with('%') {
        return None;
    }
    Some(value * 100.0)
}

/// The number at `start` is a rank or a label: "round four in eight
/// attempts", "page 2 of 10".
fn ranked(text: &str, start: usize) -> bool {
    RANK_NOUNS.contains(&prev_word(text, start).to_ascii_lowercase().as_str())
}

/// Nouns a number names a place in a series after: "round four".
const RANK_NOUNS: &[&str] = &[
    "round", "game", "race", "stage", "page", "chapter", "section", "level", "grade", "phase",
    "day", "week", "number", "no", "part", "article", "row", "lane", "seat", "gate", "platform",
    "group", "pool", "heat", "leg", "match", "test", "volume", "issue", "act", "scene", "hole",
    "lap", "set", "question", "item", "figure", "table", "track", "step", "year", "class",
];

/// Words that cannot be what "N ... out of M" counts: units and
/// multipliers ("3 million tonnes out of 10 million").
const NOT_COUNTED: &[&str] = &[
    "the", "a", "an", "of", "in", "to", "and", "or", "per", "pct", "percent", "cent", "pc", "mln",
    "bln", "million", "billion", "thousand", "trillion", "is", "was", "are", "were",
];

/// "39 nations out of 65", "nine times out of ten": a count, what it
/// counts (one or two words), "out of" and the total. Found from each
/// "out of" in the text, backwards and forwards ("N out of M" without a
/// noun is [`RATIO`]'s).
fn counted_out_of(text: &str) -> Vec<Figure> {
    static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        [memchr::memmem::Finder::new("ut of"), memchr::memmem::Finder::new("UT OF")]
    });
    let b = text.as_bytes();
    let mut out = Vec::new();
    for finder in FINDERS.iter() {
        for at in finder.find_iter(b) {
            let Some(o) = at.checked_sub(1).filter(|&o| matches!(b[o], b'o' | b'O')) else {
                continue;
            };
            if let Some(f) = counted_out_of_at(text, o, at + 5) {
                out.push(f);
            }
        }
    }
    out
}

/// The figure of [`counted_out_of`] around the "out of" at `out..of_end`.
fn counted_out_of_at(text: &str, out: usize, of_end: usize) -> Option<Figure> {
    if out > 0 && text.as_bytes()[out - 1].is_ascii_alphanumeric()
        || text.as_bytes().get(of_end).is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    // Most "out of" follow no count: a word, then a number or a word, must
    // stand before it before the patterns are tried.
    let noun = prev_word(text, out);
    let noun_at = text[..out].trim_end().len() - noun.len();
    if noun.is_empty() || !noun.bytes().all(|c| c.is_ascii_alphabetic()) || noun_at == 0 {
        return None;
    }
    let before = prev_word(text, noun_at);
    let before_at = text[..noun_at].trim_end().len() - before.len();
    let number = |w: &str| parse_number(w.trim_end_matches(',')).is_some();
    if !(number(before) || number(prev_word(text, before_at))) {
        return None;
    }
    let mut from = out.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let c = COUNTED_BEFORE_OUT_OF.captures(&text[from..out])?;
    let (n, noun) = (c.name("n")?, c.name("w")?);
    let n = Span::new(from + n.start(), from + n.end());
    let total = TOTAL_AFTER_OUT_OF.captures(&text[of_end..])?;
    let m = total.name("m")?;
    let m = Span::new(of_end + m.start(), of_end + m.end());
    let noun = noun.as_str().to_ascii_lowercase();
    if !boundary_before(text, n.start)
        || noun.split([' ', '-']).any(|w| NOT_COUNTED.contains(&w) || parse_number(w).is_some())
        || ranked(text, n.start)
    {
        return None;
    }
    let (a, t) = (parse_number(n.slice(text))?, parse_number(m.slice(text))?);
    let (ns, ms) = (n.slice(text), m.slice(text));
    if t < 2.0 || a > t || a.fract() != 0.0 || looks_like_year(ns) || looks_like_year(ms) {
        return None;
    }
    if text[m.end..].trim_start().starts_with('%') || followed_by_unit_word(text, m.end) {
        return None;
    }
    Some(figure(text, Span::new(n.start, m.end), a / t * 100.0, Kind::Ratio))
}

fn figure(text: &str, span: Span, value: f64, kind: Kind) -> Figure {
    let (qualifier, bound) = qualifier_before(text, span.start);
    Figure { span, qualifier, value, bound, kind, shares_unit: false }
}

/// Drops a trailing period of "pct." when it ends a sentence or abbreviation.
fn trim_end(text: &str, end: usize) -> usize {
    if text[..end].ends_with('.') && !text[..end].ends_with("%.") { end - 1 } else { end }
}

/// `at` starts a word: after a non-letter, or a capital glued to the end of
/// the word before it ("Nov2020Half", "ImageAs many as": words run together
/// when captions are scraped with the text).
fn word_start(text: &str, at: usize) -> bool {
    let Some(prev) = text[..at].chars().next_back() else { return true };
    if !prev.is_alphanumeric() {
        return true;
    }
    let first = text[at..].chars().next().unwrap_or(' ');
    first.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit())
}

/// The number starts a word: not glued to letters, digits or URL syntax.
fn boundary_before(text: &str, start: usize) -> bool {
    match text[..start].chars().next_back() {
        None => true,
        Some(c) => {
            !(c.is_alphanumeric()
                || matches!(c, '%' | '/' | '=' | '&' | '#' | '_' | '.' | '$' | '£' | '€' | '+'))
        }
    }
}

fn next_is_alpha(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_some_and(char::is_alphabetic)
}

fn next_is_digit(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|s| s.chars().next()).is_some_and(|c| c.is_ascii_digit())
}

/// A percent sign that is really a URL escape ("%20"), or a figure inside a URL.
fn percent_ok(text: &str, num_start: usize, end: usize) -> bool {
    if !boundary_before(text, num_start) {
        return false;
    }
    let after = &text[end..];
    let unit = &text[num_start..end];
    if unit.ends_with('%') {
        let b = after.as_bytes();
        if b.len() >= 2 && b[0].is_ascii_hexdigit() && b[1].is_ascii_hexdigit() {
            return false; // "%20", "%2F"
        }
        if b.first().is_some_and(|c| c.is_ascii_alphanumeric()) {
            return false; // glued to a word: URL or code, not prose
        }
    }
    // The white-space delimited token holding the figure must not be a URL.
    let tok_start = text[..num_start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let tok_end = after.find(char::is_whitespace).map_or(text.len(), |i| end + i);
    let token = &text[tok_start..tok_end];
    if token.contains("://")
        || token.starts_with("www.")
        || token.contains('?') && token.contains('=')
    {
        return false;
    }
    // "percentage points" is excluded by the \b after "percent"; "5% points" here.
    let next = next_word(text, end);
    !(next.eq_ignore_ascii_case("points") || next.eq_ignore_ascii_case("point"))
}

fn looks_like_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && matches!(&s[..2], "18" | "19" | "20")
}

/// The denominator of a ratio is followed by a unit ("1 in 10 minutes" is fine,
/// "3 in 10 million" is not a ratio).
fn followed_by_unit_word(text: &str, end: usize) -> bool {
    let next = next_word(text, end).to_ascii_lowercase();
    matches!(
        next.as_str(),
        "million"
            | "billion"
            | "trillion"
            | "thousand"
            | "years"
            | "months"
            | "weeks"
            | "days"
            | "hours"
            | "minutes"
            | "seconds"
    )
}

/// Parses a number in digits or words: "1,200", ".06", "7-3/4", "1/4",
/// "twenty-one", "a hundred", "two and a half", "three-quarters", "half
/// a". A fraction must be below one ("3/2", "1987/88" are not numbers
/// here).
pub(crate) fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim().to_ascii_lowercase();
    if t.starts_with(|c: char| c.is_ascii_digit() || c == '.') && !t.contains(char::is_whitespace) {
        return parse_digits(&t);
    }
    if t == "a hundred" || t == "one hundred" {
        return Some(100.0);
    }
    let words: Vec<&str> =
        t.split(|c: char| c.is_whitespace() || c == '-').filter(|p| !p.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    if let Some(and) = words.iter().position(|&w| w == "and") {
        let whole = parse_number(&words[..and].join(" "))?;
        return Some(whole + spelled_part(&words[and + 1..])?);
    }
    if words.iter().any(|w| denominator_value(w).is_some()) {
        return spelled_part(&words);
    }
    let mut total = 0.0;
    for part in words {
        if let Some(i) = ONES.iter().position(|w| *w == part) {
            total += i as f64;
        } else if let Some(i) = TENS.iter().position(|w| *w == part) {
            total += 20.0 + 10.0 * i as f64;
        } else {
            return None;
        }
    }
    Some(total)
}

/// A number in digits, lowercase: "1,200", "0.5", "7-3/4", "1/4".
fn parse_digits(t: &str) -> Option<f64> {
    let Some((whole_num, den)) = t.split_once('/') else {
        return t.replace(',', "").parse().ok();
    };
    let (whole, num) = match whole_num.split_once('-') {
        Some((w, n)) => (w.parse::<u32>().ok()?, n),
        None => (0, whole_num),
    };
    let (num, den): (u32, u32) = (num.parse().ok()?, den.parse().ok()?);
    (num < den).then(|| f64::from(whole) + f64::from(num) / f64::from(den))
}

/// The fraction of "a half", "three-quarters", "half a" (as words),
/// below one.
fn spelled_part(words: &[&str]) -> Option<f64> {
    let (num, den) = match *words {
        ["half", "a" | "an"] => (1.0, 2.0),
        [n, d] => {
            let num = match n {
                "a" | "an" | "one" => 1.0,
                _ => parse_number(n)?,
            };
            (num, denominator_value(d)?)
        }
        _ => return None,
    };
    (num < den).then_some(num / den)
}

/// The denominator a fraction word stands for ("thirds" is 3).
fn denominator_value(word: &str) -> Option<f64> {
    let singular = if word == "halves" { word } else { word.strip_suffix('s').unwrap_or(word) };
    DENOMINATORS.iter().find(|(w, _)| *w == singular).map(|&(_, d)| d)
}

fn next_word(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start();
    let end =
        rest.find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).unwrap_or(rest.len());
    &rest[..end]
}

fn prev_word(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(0, |i| i + before[i..].chars().next().unwrap().len_utf8());
    &before[start..]
}

/// The value of a fraction match, or None when the words are not a
/// proportion: an ordinal ("a third term"), a part of time ("the
/// preceding three quarters", "140,000 dlrs a quarter", "net profit in the
/// half"), a part of a place or pitch ("the northern half", "the Italian
/// half"), a measure ("a quarter of a million"), a name ("Robert Half"), a
/// whole or more ("four quarters"), a piece of a number ("two and one
/// half times").
fn fraction_value(text: &str, whole: Span) -> Option<f64> {
    let (n, d) = fraction_parts(text, whole);
    let den_word = d.slice(text).to_ascii_lowercase();
    let num_word = n.map(|n| n.slice(text).to_ascii_lowercase());
    let plural = den_word.ends_with('s') && den_word != "halves";
    let den = denominator_value(&den_word)?;
    let after = &text[whole.end..];
    let next = next_word(text, whole.end).to_ascii_lowercase();
    let prev_raw = prev_word(text, whole.start);
    let prev = prev_raw.to_ascii_lowercase();
    let num = match num_word.as_deref() {
        None if den_word == "half" => 1.0,
        // "the other third", "another quarter of it"; bare "third",
        // "quarter" are ordinals and periods.
        None if !plural && matches!(prev.as_str(), "other" | "another") => 1.0,
        None => return None,
        Some("a" | "an" | "one") if !plural => 1.0,
        // "two third" is not English; "two half" neither.
        Some(w) if plural => parse_number(w)?,
        Some(_) => return None,
    };
    // "four quarters", "two halves": a whole or more.
    if num >= den {
        return None;
    }
    // Hyphen compounds: "half-year", "a third-party".
    if after.starts_with('-') && after[1..].starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    // Compounds: "fly-half", "second-half replacement".
    if text[..whole.start].ends_with('-') {
        return None;
    }
    // "a quarter of a million", "three quarters of a percentage point": a measure.
    if next == "of" {
        let rest = after.trim_start()[2..].trim_start();
        let (art, rest) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let unit = next_word(rest, 0).to_ascii_lowercase();
        if matches!(art.to_ascii_lowercase().as_str(), "a" | "an" | "one")
            && MEASURES.contains(&unit.as_str())
        {
            return None;
        }
    }
    if FRACTION_NOT_AFTER.contains(&prev.as_str()) {
        return None;
    }
    // "two and one half times", "three and two-thirds years": a number.
    let prev_at = text[..whole.start].trim_end().len() - prev_raw.len();
    if prev == "and" && next != "of" {
        let w = prev_word(text, prev_at);
        let w_at = text[..prev_at].trim_end().len() - w.len();
        if parse_number(w).is_some()
            && !looks_like_year(w)
            && word_start(text, w_at)
            && !text[..w_at].ends_with('-')
        {
            return None;
        }
    }
    let capital = |w: &str| w.starts_with(|c: char| c.is_ascii_uppercase());
    let title_case = |w: &str| capital(w) && w[1..].bytes().all(|c| c.is_ascii_lowercase());
    if den == 2.0 && num_word.is_none() && capital(prev_raw) {
        // "Robert Half": a name, unless the words of a title ("Nearly Half";
        // a headline in capitals says nothing).
        if title_case(d.slice(text))
            && title_case(prev_raw)
            && !TITLE_WORDS.contains(&prev.as_str())
        {
            return None;
        }
        // "the Italian half": a side of a pitch.
        let before_prev = prev_word(text, prev_at).to_ascii_lowercase();
        if matches!(before_prev.as_str(), "the" | "a" | "an" | "their" | "our" | "its") {
            return None;
        }
    }
    // "by almost a third", "risen by a fifth": a change by a share.
    let by = words_before(text, whole.start, 4).iter().any(|w| {
        w.slice(text).eq_ignore_ascii_case("by")
            && text[w.end..whole.start]
                .split_whitespace()
                .all(|q| BY_QUALIFIERS.contains(&q.to_ascii_lowercase().as_str()))
    });
    if HALF_NOT_PROPORTION.contains(&next.as_str()) {
        return None;
    }
    if den == 2.0 {
        // "a half" as in "a year and a half"; "cut by a half" is a share.
        if matches!(num_word.as_deref(), Some("a" | "an")) && !by {
            return None;
        }
        return Some(num / den * 100.0);
    }
    if ORDINAL_NOUNS.contains(&next.as_str()) {
        return None;
    }
    let article = matches!(num_word.as_deref(), Some("a" | "an"));
    // "in a third term", "slid in a third.": after a preposition, "a
    // third" is an ordinal unless "of" follows.
    if article && matches!(prev.as_str(), "in" | "on" | "into") && next != "of" {
        return None;
    }
    // "than in any other quarter": another period.
    if num_word.is_none() && prev_word(text, prev_at).eq_ignore_ascii_case("any") {
        return None;
    }
    if den == 4.0 {
        // "140,000 dlrs a quarter": a rate per quarter.
        if article
            && (PER_QUARTER.contains(&prev.as_str())
                || prev.starts_with(|c: char| c.is_ascii_digit()))
        {
            return None;
        }
        // "rose for three quarters", "the remaining three quarters": time.
        if matches!(
            prev.as_str(),
            "for" | "in" | "over" | "during" | "after" | "within" | "remaining"
        ) && next != "of"
        {
            return None;
        }
    }
    // A proportion is followed by "of", a verb or pronoun-like word, or
    // punctuation ("a third say", "one fifth who"); or it is a change by a
    // share, an adjective after an article ("a one-third stake"), a share
    // of what follows ("one-tenth their size", "a third the size"), or the
    // rest of a whole ("the other third feels").
    let punct_next =
        after.chars().next().is_none_or(|c| !c.is_alphanumeric() && !c.is_whitespace())
            || after.trim_start().starts_with(|c: char| !c.is_alphanumeric());
    let adjective = num_word.is_some() && !article && matches!(prev.as_str(), "a" | "an");
    let of_what_follows =
        matches!(next.as_str(), "their" | "its" | "his" | "her" | "our" | "your" | "the");
    if !(punct_next
        || FRACTION_FOLLOWERS.contains(&next.as_str())
        || by
        || adjective
        || of_what_follows
        || num_word.is_none())
    {
        return None;
    }
    // "a fourth" is mostly an ordinal ("on a fourth."): a share only before "of".
    if den_word == "fourth" && next != "of" && !by {
        return None;
    }
    if next == "of" {
        // "a quarter of 1987", "three quarters of the year": periods of time
        let after_of = after.trim_start()[2..].trim_start();
        let w = next_word(after_of, 0).to_ascii_lowercase();
        if looks_like_year(&w)
            || w == "fiscal"
            || (den == 4.0
                && matches!(w.as_str(), "the" | "this" | "last" | "next")
                && next_word(after_of, after_of.find(' ').unwrap_or(0))
                    .eq_ignore_ascii_case("year"))
        {
            return None;
        }
    }
    Some(num / den * 100.0)
}

/// Words that may stand between "by" and the share it changes by: "by
/// almost a third", "by more than a fifth".
const BY_QUALIFIERS: &[&str] = &[
    "almost", "nearly", "about", "around", "roughly", "some", "over", "more", "less", "than",
    "just", "only", "fully", "close", "to", "up", "as", "much", "well", "at", "least",
    "approximately", "a", "an", "one",
];

/// Verbs whose "up" makes "up to" a movement, not a bound: "edged up to 3 pct".
const VERBS_WITH_UP: &[&str] = &[
    "edge", "edged", "edging", "edges", "inch", "inched", "inching", "tick", "ticked", "ticking",
    "creep", "crept", "creeping", "move", "moved", "moving", "moves", "go", "goes", "went",
    "going", "gone", "push", "pushed", "pushing", "step", "stepped", "stepping", "mark", "marked",
    "round", "rounded", "revise", "revised", "revising", "trade", "traded", "firm", "firmed",
    "climb", "climbed", "jump", "jumped", "shot", "come", "came",
];

/// Words that may stand between a qualifier and its figure without taking
/// its bound: "up to an additional 50 pct", "over a further 10 pct".
const FILLERS: &[&str] = &["an additional", "additional", "another", "a further", "further"];

/// The white-space separated words right before `at` (at most `max`, last
/// first), as byte spans: a word glued to `at` first when there is one
/// ("~" of "~5%"). A line break between two words is white space like any
/// other (news agencies wrap lines); a blank line ends the search.
fn words_before(text: &str, at: usize, max: usize) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(max);
    let mut end = at;
    let floor = at.saturating_sub(80);
    while out.len() < max && end > floor {
        let gap = b[..end].iter().rev().take_while(|c| c.is_ascii_whitespace()).count();
        if b[end - gap..end].iter().filter(|&&c| c == b'\n').count() > 1 {
            break;
        }
        let word_end = end - gap;
        let word_start =
            word_end - b[..word_end].iter().rev().take_while(|c| !c.is_ascii_whitespace()).count();
        if word_start == word_end || !text.is_char_boundary(word_start) {
            break;
        }
        out.push(Span::new(word_start, word_end));
        end = word_start;
    }
    out
}

/// The qualifier that stands right before `start`, if any, and its bound:
/// the longest of [`QUALIFIERS`] ("no more than", not "more than") whose
/// words end the words before the figure, past any [`FILLERS`].
fn qualifier_before(text: &str, start: usize) -> (Option<Span>, Bound) {
    /// [`QUALIFIERS`] and [`FILLERS`] split into words once, last word
    /// first, and filed by the last byte of their last word: a phrase can
    /// only end the words before a figure if the last word ends as it does.
    type Phrases = Vec<Vec<(Vec<&'static str>, Bound)>>;
    static PHRASES: LazyLock<(Phrases, Phrases)> = LazyLock::new(|| {
        let file = |phrases: &mut Phrases, q: &'static str, b: Bound| {
            let words: Vec<&str> = q.split(' ').rev().collect();
            let last = *words[0].as_bytes().last().expect("a phrase has a last byte");
            phrases[usize::from(last.to_ascii_lowercase())].push((words, b));
        };
        let (mut qualifiers, mut fillers) = (vec![Vec::new(); 256], vec![Vec::new(); 256]);
        for &(q, b) in QUALIFIERS {
            file(&mut qualifiers, q, b);
        }
        for &f in FILLERS {
            file(&mut fillers, f, Bound::Exact);
        }
        (qualifiers, fillers)
    });
    let words = words_before(text, start, 6);
    // Something glued to the figure: a qualifier only if it is "~".
    if let Some(w) = words.first().filter(|w| w.end == start) {
        return if w.slice(text).ends_with('~') {
            (Some(Span::new(w.end - 1, w.end)), Bound::Approx)
        } else {
            (None, Bound::Exact)
        };
    }
    let word = |i: usize| words[i].slice(text).as_bytes();
    // Matches the words of a phrase (last first) to the words from `i`
    // back; returns the index past its first word.
    let ends_with = |i: usize, parts: &[&str]| -> Option<usize> {
        let k = parts.len();
        if i + k > words.len() {
            return None;
        }
        for (j, part) in parts.iter().enumerate() {
            let (w, part) = (word(i + j), part.as_bytes());
            if j + 1 < k {
                if !w.eq_ignore_ascii_case(part) {
                    return None;
                }
            } else {
                // The first word may follow punctuation: "(about 5%)".
                let at = w.len().checked_sub(part.len())?;
                if !w[at..].eq_ignore_ascii_case(part) || !word_start(text, words[i + j].start + at)
                {
                    return None;
                }
            }
        }
        Some(i + k)
    };
    let (qualifiers, fillers) = &*PHRASES;
    let filed = |phrases: &'static Phrases, i: usize| -> &'static [(Vec<&'static str>, Bound)] {
        match words.get(i).and_then(|w| w.slice(text).as_bytes().last()) {
            Some(b) => &phrases[usize::from(b.to_ascii_lowercase())],
            None => &[],
        }
    };
    let i = filed(fillers, 0).iter().find_map(|(f, _)| ends_with(0, f)).unwrap_or(0);
    let mut best: Option<(Span, Bound)> = None;
    for (parts, bound) in filed(qualifiers, i) {
        if let Some(past) = ends_with(i, parts) {
            // "edge up to 3 pct": "up" belongs to the verb.
            if parts[..] == ["to", "up"]
                && past < words.len()
                && VERBS_WITH_UP.iter().any(|v| word(past).eq_ignore_ascii_case(v.as_bytes()))
            {
                continue;
            }
            let first = parts.last().expect("a qualifier has words");
            let span = Span::new(words[past - 1].end - first.len(), words[i].end);
            if best.is_none_or(|(b, _)| span.start < b.start) {
                best = Some((span, *bound));
            }
        }
    }
    match best {
        Some((span, bound)) => (Some(span), bound),
        None => (None, Bound::Exact),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The byte-test search for candidate starts that the detector uses,
    /// for the tests of [`crate::scan::starts`].
    pub(crate) fn figure_starts() -> &'static FigureStarts {
        &STARTS
    }

    /// The candidate pattern as a plain regex: where the four patterns may
    /// start (its matches, overlapping, are the reference for
    /// [`crate::scan::starts`]).
    pub(crate) fn candidate_regex() -> &'static Regex {
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&candidate_pattern()).unwrap());
        &RE
    }

    /// The four patterns as plain regexes.
    pub(crate) fn pattern_regexes() -> impl Iterator<Item = &'static Regex> {
        patterns().iter().map(|(_, re)| re)
    }

    /// (case name, sentence, expected (text, value, bound) of every figure)
    type Case = (&'static str, &'static str, &'static [(&'static str, f64, Bound)]);

    const CASES: &[Case] = &[
        ("ratio with hyphens", "a one-in-five chance", &[("one-in-five", 20.0, Bound::Exact)]),
        ("ratio of ten", "Eight of 10 CMOs agree.", &[("Eight of 10", 80.0, Bound::Exact)]),
        ("a fourth", "about a fourth of users agree", &[("a fourth", 25.0, Bound::Approx)]),
        ("three-fourths", "three-fourths say no", &[("three-fourths", 75.0, Bound::Exact)]),
        (
            "token after a multi-byte space (no panic)",
            "\u{2028}x15-20% ",
            &[("20%", 20.0, Bound::Exact)],
        ),
        ("percent sign", "Sales rose 35% last year.", &[("35%", 35.0, Bound::Exact)]),
        (
            "percent sign after a space",
            "Sales rose 35 % last year.",
            &[("35 %", 35.0, Bound::Exact)],
        ),
        (
            "percent word",
            "Some 45 percent of buyers agree.",
            &[("45 percent", 45.0, Bound::Approx)],
        ),
        ("per cent", "Only 10 per cent of staff agree.", &[("10 per cent", 10.0, Bound::Exact)]),
        ("pct", "Profit fell 4.5 pct in March.", &[("4.5 pct", 4.5, Bound::Exact)]),
        ("decimal", "It grew 12.5% on the year.", &[("12.5%", 12.5, Bound::Exact)]),
        (
            "spelled compound",
            "Seventy-seven per cent of heads agree.",
            &[("Seventy-seven per cent", 77.0, Bound::Exact)],
        ),
        (
            "spelled single",
            "Fifty per cent of users agree.",
            &[("Fifty per cent", 50.0, Bound::Exact)],
        ),
        (
            "spelled after qualifier",
            "margins of over five per cent.",
            &[("five per cent", 5.0, Bound::AtLeast)],
        ),
        ("ratio digits", "Around 3 in 10 people agree.", &[("3 in 10", 30.0, Bound::Approx)]),
        ("ratio words", "Only one in ten staff agree.", &[("one in ten", 10.0, Bound::Exact)]),
        ("ratio mixed", "while four in 10 are struggling.", &[("four in 10", 40.0, Bound::Exact)]),
        (
            "ratio out of the",
            "for seven out of the 10 categories",
            &[("seven out of the 10", 70.0, Bound::Exact)],
        ),
        ("ratio at least", "More than 9 in 10 staff agree.", &[("9 in 10", 90.0, Bound::AtLeast)]),
        ("half", "about half of buyers agree", &[("half", 50.0, Bound::Approx)]),
        (
            "half capitalised",
            "Half (51%) of buyers agree",
            &[("Half", 50.0, Bound::Exact), ("51%", 51.0, Bound::Exact)],
        ),
        ("less than half", "less than half have a view", &[("half", 50.0, Bound::AtMost)]),
        ("one third", "one third of users agree", &[("one third", 100.0 / 3.0, Bound::Exact)]),
        (
            "one-third hyphen",
            "roughly one-third who said so",
            &[("one-third", 100.0 / 3.0, Bound::Approx)],
        ),
        ("a quarter", "Less than a quarter of firms agree.", &[("a quarter", 25.0, Bound::AtMost)]),
        (
            "three quarters",
            "more than three quarters believe it",
            &[("three quarters", 75.0, Bound::AtLeast)],
        ),
        ("two-thirds", "two-thirds say no", &[("two-thirds", 200.0 / 3.0, Bound::Exact)]),
        ("one fifth", "just one fifth of users agree", &[("one fifth", 20.0, Bound::Exact)]),
        (
            "range both ends",
            "ratings between 23% and 32%.",
            &[("23%", 23.0, Bound::Exact), ("32%", 32.0, Bound::Exact)],
        ),
        (
            "shared unit",
            "rose 15 and 16 percent",
            &[("15", 15.0, Bound::Exact), ("16 percent", 16.0, Bound::Exact)],
        ),
        (
            "shared unit hyphen",
            "a 15-20% rise",
            &[("15", 15.0, Bound::Exact), ("20%", 20.0, Bound::Exact)],
        ),
        (
            "fraction then restating figure",
            "More than half (55%) agree",
            &[("half", 50.0, Bound::AtLeast), ("55%", 55.0, Bound::Exact)],
        ),
        (
            "change",
            "a 16% increase, up 8% on the year",
            &[("16%", 16.0, Bound::Exact), ("8%", 8.0, Bound::Exact)],
        ),
        (
            "qualifier binds one figure",
            "some 41% of A and 39% of B",
            &[("41%", 41.0, Bound::Approx), ("39%", 39.0, Bound::Exact)],
        ),
        ("as many as", "As many as 43% of heads", &[("43%", 43.0, Bound::AtMost)]),
        ("up to", "Up to 40% of heads", &[("40%", 40.0, Bound::AtMost)]),
        ("nearly", "Nearly Half Of Heads", &[("Half", 50.0, Bound::Approx)]),
        (
            "emphasis stays exact",
            "just 4% of heads and a mere 3% of others",
            &[("4%", 4.0, Bound::Exact), ("3%", 3.0, Bound::Exact)],
        ),
        (
            "approximately",
            "Approximately 36 percent of staff",
            &[("36 percent", 36.0, Bound::Approx)],
        ),
        (
            "hundred percent",
            "one hundred percent sure",
            &[("one hundred percent", 100.0, Bound::Exact)],
        ),
        ("thousands separator", "rose 1,200% in a year", &[("1,200%", 1200.0, Bound::Exact)]),
        // Qualifiers: the longest one before the figure decides, across
        // line breaks; fillers between it and the figure do not hide it.
        ("no more than", "it will be no more than 5 pct", &[("5 pct", 5.0, Bound::AtMost)]),
        ("not more than", "Not more than 5% of staff", &[("5%", 5.0, Bound::AtMost)]),
        ("no less than", "no less than 5% of staff", &[("5%", 5.0, Bound::AtLeast)]),
        ("not less than", "a stake of not less than 51 pct", &[("51 pct", 51.0, Bound::AtLeast)]),
        ("not fewer than", "not fewer than one in ten", &[("one in ten", 10.0, Bound::AtLeast)]),
        ("a minimum of", "a minimum of 30 pct of the shares", &[("30 pct", 30.0, Bound::AtLeast)]),
        ("a minimum without of", "a minimum 30 pct stake", &[("30 pct", 30.0, Bound::AtLeast)]),
        ("a maximum of", "a maximum of 49 percent", &[("49 percent", 49.0, Bound::AtMost)]),
        ("maximum without article", "tariffs of maximum 20%", &[("20%", 20.0, Bound::AtMost)]),
        (
            "up to an additional",
            "buy up to an additional 50 pct",
            &[("50 pct", 50.0, Bound::AtMost)],
        ),
        ("up to another", "up to another 10 pct", &[("10 pct", 10.0, Bound::AtMost)]),
        ("over a further", "over a further 10 pct", &[("10 pct", 10.0, Bound::AtLeast)]),
        ("just shy of", "just shy of 10% of sales", &[("10%", 10.0, Bound::Approx)]),
        (
            "up of a verb is no bound",
            "growth will edge up to 2.75 pct, and tick up to 3 pct",
            &[("2.75 pct", 2.75, Bound::Exact), ("3 pct", 3.0, Bound::Exact)],
        ),
        ("close to", "close to half of them", &[("half", 50.0, Bound::Approx)]),
        (
            "qualifier before a line break",
            "sales rose by more than\n5 pct in 1986",
            &[("5 pct", 5.0, Bound::AtLeast)],
        ),
        (
            "qualifier broken over lines",
            "it holds a little more\nthan 5 pct",
            &[("5 pct", 5.0, Bound::AtLeast)],
        ),
        (
            "qualifier over a carriage return",
            "about\r\n40 pct of it",
            &[("40 pct", 40.0, Bound::Approx)],
        ),
        (
            "blank line parts a qualifier from a figure",
            "WE SAID ABOUT\n\n40 pct of it",
            &[("40 pct", 40.0, Bound::Exact)],
        ),
        // Fractions in digits before a unit; bid/offer quotes.
        (
            "whole and fraction",
            "prime rose to 7-3/4 pct from 7-1/2 pct",
            &[("7-3/4 pct", 7.75, Bound::Exact), ("7-1/2 pct", 7.5, Bound::Exact)],
        ),
        ("fraction alone", "a fee of 1/4 pct", &[("1/4 pct", 0.25, Bound::Exact)]),
        ("sixteenths", "funds at 9-13/16 pct", &[("9-13/16 pct", 9.8125, Bound::Exact)]),
        ("thirds", "raised the dividend 33-1/3 pct", &[("33-1/3 pct", 100.0 / 3.0, Bound::Exact)]),
        (
            "fraction, unit on the next line",
            "paying 5-1/4\npct",
            &[("5-1/4\npct", 5.25, Bound::Exact)],
        ),
        (
            "range of fractions",
            "the 3-1/2 to 5-1/2 pct range",
            &[("3-1/2", 3.5, Bound::Exact), ("5-1/2 pct", 5.5, Bound::Exact)],
        ),
        (
            "bid/offer, last digits",
            "call money at 3.85/95 pct",
            &[("3.85", 3.85, Bound::Exact), ("95 pct", 3.95, Bound::Exact)],
        ),
        (
            "bid/offer, whole figures",
            "rates of 13.75/14.00 pct",
            &[("13.75", 13.75, Bound::Exact), ("14.00 pct", 14.0, Bound::Exact)],
        ),
        (
            "bid/offer, lower offer",
            "deposits at 4.13/00 pct",
            &[("4.13", 4.13, Bound::Exact), ("00 pct", 4.0, Bound::Exact)],
        ),
        (
            "bid/offer in fractions",
            "ending at 9-9/16 7/16 pct",
            &[("9-9/16", 9.5625, Bound::Exact), ("7/16 pct", 9.4375, Bound::Exact)],
        ),
        ("slash fraction of", "add 1/4 of the flour", &[("1/4", 25.0, Bound::Exact)]),
        (
            "whole, a space, a fraction",
            "it has stood at 7 3/4 pct",
            &[("7 3/4 pct", 7.75, Bound::Exact)],
        ),
        (
            "whole and fraction with a period",
            "ONE MONTH 9.7/8 PCT - 10.1/2 PCT",
            &[("9.7/8 PCT", 9.875, Bound::Exact), ("10.1/2 PCT", 10.5, Bound::Exact)],
        ),
        // Fractions in words before a unit.
        ("a half pct", "raised rates by a half pct", &[("a half pct", 0.5, Bound::Exact)]),
        (
            "whole and a half",
            "inflation of two and a half pct",
            &[("two and a half pct", 2.5, Bound::Exact)],
        ),
        (
            "whole and one half",
            "payments of two and one half pct of GNP",
            &[("two and one half pct", 2.5, Bound::Exact)],
        ),
        (
            "whole and three-quarters",
            "Eleven and three-quarters pct is high",
            &[("Eleven and three-quarters pct", 11.75, Bound::Exact)],
        ),
        (
            "digits and a quarter",
            "about 3 and a quarter percent",
            &[("3 and a quarter percent", 3.25, Bound::Approx)],
        ),
        ("half a percent", "fell half a percent", &[("half a percent", 0.5, Bound::Exact)]),
        // Units glued or hyphened.
        ("hyphen adjective", "a 50-pct stake", &[("50-pct", 50.0, Bound::Exact)]),
        ("hyphen, owned", "its 51-pct-owned unit", &[("51-pct", 51.0, Bound::Exact)]),
        ("hyphen, words", "a four-pct rise", &[("four-pct", 4.0, Bound::Exact)]),
        ("hyphen, percent", "a 10-percent cut", &[("10-percent", 10.0, Bound::Exact)]),
        (
            "british pc",
            "rates rose 5pc and 1.38pc",
            &[("5pc", 5.0, Bound::Exact), ("1.38pc", 1.38, Bound::Exact)],
        ),
        ("british pc after a space", "a 50 pc tax band", &[("50 pc", 50.0, Bound::Exact)]),
        // Leading period and sign.
        ("leading period", "a fee of .06 pct", &[(".06 pct", 0.06, Bound::Exact)]),
        (
            "leading period, sign",
            "rose .2% (to 5%)",
            &[(".2%", 0.2, Bound::Exact), ("5%", 5.0, Bound::Exact)],
        ),
        ("plus sign", "GDP +0.2% in Q1", &[("+0.2%", 0.2, Bound::Exact)]),
        ("minus sign", "GDP -0.1% in Q1", &[("-0.1%", -0.1, Bound::Exact)]),
        ("unicode minus sign", "GDP \u{2212}0.1% in Q1", &[("\u{2212}0.1%", -0.1, Bound::Exact)]),
        ("minus sign in brackets", "output (-2.5 pct)", &[("-2.5 pct", -2.5, Bound::Exact)]),
        ("negative", "a negative 1.3 pct growth", &[("negative 1.3 pct", -1.3, Bound::Exact)]),
        ("minus", "inflation of minus 2 percent", &[("minus 2 percent", -2.0, Bound::Exact)]),
        (
            "negative range",
            "between -0.5 and -1.2 pct",
            &[("-0.5", -0.5, Bound::Exact), ("-1.2 pct", -1.2, Bound::Exact)],
        ),
        (
            "spaced hyphen of a range is no sign",
            "a 5 -10% range",
            &[("5", 5.0, Bound::Exact), ("10%", 10.0, Bound::Exact)],
        ),
        // Several numbers sharing one unit.
        (
            "list sharing a unit",
            "rose 0.5, 0.6 and 0.7 pct",
            &[
                ("0.5", 0.5, Bound::Exact),
                ("0.6", 0.6, Bound::Exact),
                ("0.7 pct", 0.7, Bound::Exact),
            ],
        ),
        (
            "list with a serial comma",
            "by 5, 6, or 7 percent",
            &[("5", 5.0, Bound::Exact), ("6", 6.0, Bound::Exact), ("7 percent", 7.0, Bound::Exact)],
        ),
        (
            "list after a year",
            "In 1986, 5 and 6 pct",
            &[("5", 5.0, Bound::Exact), ("6 pct", 6.0, Bound::Exact)],
        ),
        (
            "range with hyphened to",
            "a 12-to-15 pct rise",
            &[("12", 12.0, Bound::Exact), ("15 pct", 15.0, Bound::Exact)],
        ),
        // A count or a name before a figure does not take its unit.
        (
            "count restated as a share",
            "jobless rose to 699,800 or 9.1 pct",
            &[("9.1 pct", 9.1, Bound::Exact)],
        ),
        (
            "end of a range of ages",
            "those aged 30-39 and 14% of others",
            &[("14%", 14.0, Bound::Exact)],
        ),
        ("name with a number", "growth of M-1 and five pct", &[("five pct", 5.0, Bound::Exact)]),
        (
            "a year is no range before to",
            "from 11 pct in 1979 to three or four pct",
            &[
                ("11 pct", 11.0, Bound::Exact),
                ("three", 3.0, Bound::Exact),
                ("four pct", 4.0, Bound::Exact),
            ],
        ),
        (
            "a period before and",
            "estimated for 1985/86 and 5.6 to 8.5 pct",
            &[("5.6", 5.6, Bound::Exact), ("8.5 pct", 8.5, Bound::Exact)],
        ),
        (
            "bid/offer in fractions, comma",
            "edged up to around 6-9/16, 5/16 pct",
            &[("6-9/16", 6.5625, Bound::Approx), ("5/16 pct", 6.3125, Bound::Exact)],
        ),
        (
            "plus or minus is a tolerance",
            "within plus or minus 10 pct",
            &[("10 pct", 10.0, Bound::Exact)],
        ),
        (
            "minus of a difference",
            "last year's budget minus 15 pct",
            &[("15 pct", 15.0, Bound::Exact)],
        ),
        (
            "minus after a preposition",
            "a margin of minus 0.10 pct",
            &[("minus 0.10 pct", -0.1, Bound::Exact)],
        ),
        (
            "minus in a list",
            "Minus 0.8 pct in Germany and minus 1.5 pct in Japan",
            &[("Minus 0.8 pct", -0.8, Bound::Exact), ("minus 1.5 pct", -1.5, Bound::Exact)],
        ),
        // Fraction words wherever a share stands.
        (
            "change by a fraction",
            "costs fell by almost a third in 1986",
            &[("a third", 100.0 / 3.0, Bound::Approx)],
        ),
        (
            "risen by a fifth",
            "prices have risen by a fifth since",
            &[("a fifth", 20.0, Bound::Exact)],
        ),
        ("cut by a half", "output was cut by a half last year", &[("a half", 50.0, Bound::Exact)]),
        ("fraction before a verb", "A fifth rely on savings.", &[("A fifth", 20.0, Bound::Exact)]),
        (
            "adjective with an article",
            "it bought a one-third stake",
            &[("one-third", 100.0 / 3.0, Bound::Exact)],
        ),
        (
            "adjective, plural",
            "a two-thirds majority of votes",
            &[("two-thirds", 200.0 / 3.0, Bound::Exact)],
        ),
        (
            "before a possessive",
            "cut to one-tenth their present size",
            &[("one-tenth", 10.0, Bound::Exact)],
        ),
        (
            "before the",
            "a plant a third the size of this one",
            &[("a third", 100.0 / 3.0, Bound::Exact)],
        ),
        ("tenths", "three-tenths of staff agree", &[("three-tenths", 30.0, Bound::Exact)]),
        ("a sixteenth", "a sixteenth of the budget", &[("a sixteenth", 6.25, Bound::Exact)]),
        ("hundredths", "five hundredths of the vote", &[("five hundredths", 5.0, Bound::Exact)]),
        (
            "twelfths",
            "eleven-twelfths of it was sold",
            &[("eleven-twelfths", 1100.0 / 12.0, Bound::Exact)],
        ),
        (
            "the other third",
            "Two-thirds report friction, while the other third feels fine.",
            &[("Two-thirds", 200.0 / 3.0, Bound::Exact), ("third", 100.0 / 3.0, Bound::Exact)],
        ),
        // "N <noun> out of M".
        (
            "count out of a total",
            "39 nations out of 65 signed",
            &[("39 nations out of 65", 60.0, Bound::Exact)],
        ),
        (
            "respondents out of a total",
            "some 64 respondents out of 146",
            &[("64 respondents out of 146", 6400.0 / 146.0, Bound::Approx)],
        ),
        (
            "in the seats of a house",
            "it holds 143 in the 252-seat house",
            &[("143 in the 252", 14300.0 / 252.0, Bound::Exact)],
        ),
        (
            "times out of ten",
            "nine times out of ten it works",
            &[("nine times out of ten", 90.0, Bound::Exact)],
        ),
        (
            "two words out of the total",
            "12 member states out of the 15",
            &[("12 member states out of the 15", 80.0, Bound::Exact)],
        ),
        (
            "fraction after a list with and",
            "a third of schools at stages 1, 3 and 4 and two-fifths of schools at stage 2",
            &[("a third", 100.0 / 3.0, Bound::Exact), ("two-fifths", 40.0, Bound::Exact)],
        ),
        (
            "after and after a comma",
            "low, and a third believed it",
            &[("a third", 100.0 / 3.0, Bound::Exact)],
        ),
        ("for a third", "important for a third, and", &[("a third", 100.0 / 3.0, Bound::Exact)]),
        ("a headline in capitals", "PLANTING HALF FINISHED", &[("HALF", 50.0, Bound::Exact)]),
        (
            "the other half",
            "half in bonds and the other half in stocks",
            &[("half", 50.0, Bound::Exact), ("half", 50.0, Bound::Exact)],
        ),
    ];

    const EXCLUDED: &[(&str, &str)] = &[
        ("year", "In 2014 the survey ran again."),
        ("count of people", "A survey of 400 marketing directors and 250 CIOs."),
        ("rank", "CMOs rank CIOs #1 and CIOs rank CMOs #4."),
        ("ordinal position", "put it in tenth position, in third place."),
        ("multiplier", "cited by more than twice the proportion, three times as many."),
        ("half as many", "Only half as many leaders as before."),
        ("vague quantifiers", "most, the majority, a minority and few agree."),
        ("money", "companies with at least $500 million in revenues."),
        ("percentage points", "a rise of 5 percentage points, a 20-point gap."),
        ("url escape", "see http://example.com/a%20b and file%2Fname."),
        ("figure in url", "http://example.com/?rate=50% now"),
        ("first half of a year", "in the first half of 2005 and the second half."),
        ("half a million", "half a million people and half an hour."),
        ("one and a half", "one and a half times as many, two and a half years."),
        ("third party", "a third party and a third-party vendor."),
        ("fiscal quarter", "in the fourth quarter and the past three quarters of the year."),
        ("half-year compound", "half-year results and a half-hearted effort."),
        ("ratio with year", "one in 2014 was odd."),
        ("in retail", "15 in retail and associated sectors."),
        ("one of", "one of the biggest challenges."),
        ("ratio of millions", "one in 10 million"),
        ("count of a few", "won 3 of 7 games, page 2 of 5"),
        ("ordinal fourth", "a fourth term, the fourth quarter, and on a fourth."),
        ("ranking", "one of the 100 largest firms"),
        ("half inside a word", "on behalf of staff"),
        (
            "hyphen compound position",
            "fly-half Jonny and a second-half replacement, Scrum-half Ben",
        ),
        (
            "fraction of a unit",
            "a quarter of a million students, three quarters of a percentage point",
        ),
        ("ordinal in a series", "another thrashing, a third in as many months"),
        ("half a unit", "some half mln barrels a day"),
        ("number glued to letters", "the A5% code and v2% build."),
        ("a PC after a number", "an old 386 PC and 5 PCs, a 1987/88 pct"),
        ("fraction above one", "a 3/2 pct and 4/4 pct"),
        // Fraction words that are not shares.
        ("half of a results table", "net profit in the half rose"),
        ("half year in capitals", "SHR PROFIT HALF YR 12 CTS"),
        ("hyphened first half", "first-half profit and a second-half loss"),
        ("quarters before", "losses in the preceding three quarters"),
        ("a rate per quarter", "it was losing 140,000 dlrs a quarter."),
        (
            "quarters that make a whole",
            "four quarters of profits, six quarters of growth, two halves",
        ),
        ("quarters of time after a preposition", "profits rose for three quarters."),
        ("ordinal after in", "it won in a third term and slid in a third."),
        ("ordinal session", "prices slid in a third straight session"),
        ("half a cent", "one-half ct per right"),
        ("name", "Robert Half International said; Robert\nHalf and Accountemps"),
        ("half of a pitch", "the Italian half after 22 minutes, a French half and a Welsh half"),
        ("own half", "kept the ball in their own half"),
        ("half of a region", "the northern half of the country"),
        ("ordinal after by", "supported by a third party"),
        ("ordinal before a noun", "A third man was arrested."),
        ("ordinal sixteenth", "his sixteenth birthday, a sixteenth century church"),
        ("mixed number in words", "two and one half times, three and two-thirds years"),
        ("a share of a share", "and one-fifth of a share of common stock"),
        ("fractions of an ounce", "coins of a half ounce, a quarter ounce and a tenth of an ounce"),
        ("quarter of a point after by", "rates rose by a quarter point, by one-eighth point"),
        ("any other quarter", "more than in any other quarter. The other quarter final"),
        // Ratios that are no proportions.
        ("a round number before in", "won round four in eight attempts"),
        ("in the", "the fire hit 7 IN THE 8 WAREHOUSES"),
        ("out of with a year", "sales in 1987 fell out of 10 markets"),
        ("out of millions", "3 million tonnes out of 10 million"),
        ("out of glued to a word", "A5 cars out of 10"),
    ];

    fn run(text: &str) -> Vec<(String, f64, Bound)> {
        detect(text)
            .into_iter()
            .map(|f| (f.span.slice(text).to_string(), f.value, f.bound))
            .collect()
    }

    #[test]
    fn counted_forms() {
        let mut failed = Vec::new();
        for (name, text, want) in CASES {
            let got = run(text);
            let same = got.len() == want.len()
                && got.iter().zip(want.iter()).all(|((gt, gv, gb), (wt, wv, wb))| {
                    gt == wt && (gv - wv).abs() < 1e-6 && gb == wb
                });
            if !same {
                failed.push(format!("case {name:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failed.is_empty(), "{} cases failed:\n{}", failed.len(), failed.join("\n"));
    }

    #[test]
    fn excluded_forms() {
        let mut failed = Vec::new();
        for (name, text) in EXCLUDED {
            let got = run(text);
            if !got.is_empty() {
                failed.push(format!("case {name:?}: found {got:?}"));
            }
        }
        assert!(failed.is_empty(), "{} cases failed:\n{}", failed.len(), failed.join("\n"));
    }

    #[test]
    fn qualifier_span_points_at_words() {
        let text = "slightly more than half of them";
        let f = &detect(text)[0];
        assert_eq!(f.qualifier.unwrap().slice(text), "slightly more than");
    }

    /// (case name, text, the figures that share the next one's unit).
    const SHARED_UNITS: &[(&str, &str, &[&str])] = &[
        ("and", "rose 15 and 16 percent", &["15"]),
        ("hyphen", "a 15-20% rise", &["15"]),
        ("to, words", "from sixty to seventy per cent", &["sixty"]),
        ("each with its unit", "rose 15% and 16%", &[]),
        ("number with no unit after it", "15 and 16 apples, 20%", &[]),
        ("partner too far", "15     or      16 percent", &[]),
        ("ratio after a number", "15 or 3 in 10", &[]),
    ];

    #[test]
    fn a_figure_sharing_the_next_ones_unit_is_marked() {
        for (name, text, want) in SHARED_UNITS {
            let got: Vec<&str> =
                detect(text).iter().filter(|f| f.shares_unit).map(|f| f.span.slice(text)).collect();
            assert_eq!(got, *want, "case {name:?}");
        }
    }

    /// (case name, text): searching the pieces must find what searching the
    /// whole text finds, with the same offsets and groups.
    const PIECE_CASES: &[(&str, &str)] = &[
        ("ascii", "Sales rose 35% and one in ten agree; half say so."),
        (
            "curly quotes",
            "CMOs\u{2019} budgets: \u{201c}45 per cent\u{201d} and \u{2018}a third\u{2019}.",
        ),
        ("pound sign", "\u{a3}5m, up 12% on \u{a3}4m; \u{a3}10 in 20 cases"),
        ("no-break space", "rose 35\u{a0}% and 3\u{a0}in\u{a0}10 staff"),
        ("dashes of a range", "a 15\u{2013}20% rise and 30\u{2014}40 per cent"),
        ("letter glued to a figure", "caf\u{e9}5% and \u{e9}one in ten, 5%\u{e9}"),
        ("case variants of s and k", "two-thirds and two-third\u{17f} and 5 pc\u{212a}"),
        ("break right before and after", "\u{201c}5%\u{201d}\u{2026}half\u{2026}"),
        ("ellipsis inside a ratio", "one\u{2026}in ten, one in\u{2026}ten"),
        (
            "new forms by non-ASCII",
            "\u{2212}0.1%, 7-3/4\u{a0}pct, a half\u{a0}pct, 3.85/95\u{a0}pct, \u{201c}5pc\u{201d}, 1/4\u{a0}of",
        ),
    ];

    /// Every group of every match of each pattern, in whole-text offsets,
    /// found the detector's way: pieces, candidates, anchored searches.
    fn found_by_detector(
        (re, may_start): (&meta::Regex, fn(Follows) -> bool),
        text: &str,
    ) -> Vec<Vec<Option<(usize, usize)>>> {
        let pieces = pieces(text);
        let starts = candidates(&pieces, true);
        captures(re, may_start, &pieces, &starts)
            .iter()
            .map(|c| {
                (0..c.caps.group_len()).map(|i| c.get(i).map(|f| (f.start(), f.end()))).collect()
            })
            .collect()
    }

    /// The same, found by [`Regex::captures_iter`] over the whole text.
    fn found_by_regex(re: &Regex, text: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect()
    }

    type Detector = (&'static meta::Regex, fn(Follows) -> bool);

    /// Each pattern as the detector searches it and as a [`Regex`].
    fn patterns() -> &'static [(Detector, Regex)] {
        static PATTERNS: LazyLock<Vec<(Detector, Regex)>> = LazyLock::new(|| {
            let detectors: [(Detector, String); 4] = [
                ((&*PERCENT, percent_may_start), percent_pattern()),
                ((&*SHARED_UNIT, shared_unit_may_start), shared_unit_pattern()),
                ((&*RATIO, ratio_may_start), ratio_pattern()),
                ((&*FRACTION, fraction_may_start), fraction_pattern()),
            ];
            detectors.into_iter().map(|(d, p)| (d, Regex::new(&p).unwrap())).collect()
        });
        &PATTERNS
    }

    #[test]
    fn detector_search_finds_what_the_whole_text_search_finds() {
        let texts = PIECE_CASES
            .iter()
            .map(|(_, t)| *t)
            .chain(CASES.iter().map(|(_, t, _)| *t))
            .chain(EXCLUDED.iter().map(|(_, t)| *t));
        for text in texts {
            for (detector, regex) in patterns() {
                assert_eq!(
                    found_by_detector(*detector, text),
                    found_by_regex(regex, text),
                    "text {text:?}, pattern {}",
                    regex.as_str()
                );
            }
        }
    }

    /// Text made of the pieces the patterns are built from, glued by the
    /// characters around them: numbers, units, range words, "in"/"of",
    /// number and fraction words, in any case, with non-ASCII letters,
    /// spaces and break characters.
    pub(crate) fn figure_soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let part = prop_oneof![
            "[0-9]{1,4}",
            "[0-9]{1,3}(,[0-9]{3}){1,2}",
            "[0-9]{0,2}\\.[0-9]{1,2}",
            // Fractions and quotes in digits, signs: "7-3/4", "3.85/95".
            "[-+]?[0-9]{1,2}(-[0-9]{1,2})?/[0-9]{1,2}",
            "[0-9]{1,2}\\.[0-9]{2}/[0-9]{2}",
            prop::sample::select(vec![
                "pc", "PC", "5pc", "-pct", "-percent", "+", "minus", "Negative", "plus", "a half",
                "and a half", "And three-quarters", "half a", "-to-", ", ", ",", "/", "1/4",
                "9-9/16 7/16", "sixteenths", "a sixteenth", "five hundredths", "eleven-twelfths",
                "Twentieth", "thousandths", "other", "another", "by", "By almost",
            ])
            .prop_map(str::to_string),
            prop::sample::select(vec![
                "%", "percent", "per cent", "per-cent", "pct", "Pct.", "PER CENT", "in", "In",
                "out of", "of", "Of", "OUT OF", "Out of", "the", "every", "each", "to", "TO",
                "and", "And", "or", "OR", "-", "\u{2013}", "\u{2014}", "a", "an", "one", "One",
                "two", "three", "nine", "ten", "twenty", "thirty-five", "ninety nine", "a hundred",
                "one hundred", "half", "Half", "halves", "third", "thirds", "quarter", "Quarters",
                "fifth", "tenths", "behalf", "ſixth", "\u{212a}", "caf\u{e9}", "x", "ab", "B2B",
                "forty", "Ninety-nine", "ninth", "Eighths", "fifthird", "tenor", "often", "_",
                "v2", ".", ",", ";", "(", ")", "\u{201c}", "\u{2026}", "\u{a3}", "\u{a0}",
            ])
            .prop_map(str::to_string),
            // Whole expressions: a number, a joining word, a number, a unit.
            (
                "[0-9]{1,3}(\\.[0-9])?|one|Ten|twenty-one|[0-9]-[0-9]/[0-9]|\\.[0-9]|-[0-9]",
                "[ \\t]{0,2},?[ ]?(-|to|TO|To|-to-|and|AND|or|Or|in|IN|of|OF|out of|Out Of)[ \\n]{0,2}",
                "[0-9]{1,3}|ten|Hundred|[0-9]/[0-9]{1,2}|-[0-9]|a half",
                "( ?|-)(%|percent|PERCENT|Per cent|pct|PCT|pc)?",
            )
                .prop_map(|(a, b, c, d)| format!("{a}{b}{c}{d}")),
        ];
        let glue = prop::sample::select(vec!["", " ", "  ", "-", "\n", "\u{a0}", "\t"]);
        prop::collection::vec((part, glue), 0..24)
            .prop_map(|v| v.into_iter().map(|(p, g)| format!("{p}{g}")).collect::<String>())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn text_without_the_prefilter_literals_has_no_expression(text in figure_soup()) {
            static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(PREFILTER).unwrap());
            if !RE.is_match(&text) {
                proptest::prop_assert_eq!(detect(&text), Vec::new());
            }
        }

        #[test]
        fn percent_numbers_read_from_the_match_are_the_group(text in figure_soup()) {
            let pieces = pieces(&text);
            let starts = candidates(&pieces, true);
            let read: Vec<(usize, usize, usize)> = spans(&PERCENT, percent_may_start, &pieces, &starts)
                .iter()
                .map(|w| (w.start, w.start + percent_number_len(w.slice(&text)), w.end))
                .collect();
            let re = Regex::new(&percent_pattern()).unwrap();
            let captured: Vec<(usize, usize, usize)> = re
                .captures_iter(&text)
                .map(|c| {
                    let whole = c.get(0).unwrap();
                    (whole.start(), c.name("n").unwrap().end(), whole.end())
                })
                .collect();
            proptest::prop_assert_eq!(read, captured);
        }

        #[test]
        fn fraction_groups_read_from_the_match_are_the_groups(text in figure_soup()) {
            let pieces = pieces(&text);
            let starts = candidates(&pieces, true);
            let read: Vec<_> = spans(&FRACTION, fraction_may_start, &pieces, &starts)
                .into_iter()
                .map(|w| {
                    let (n, d) = fraction_parts(&text, w);
                    (n.map(|n| (n.start, n.end)), (d.start, d.end))
                })
                .collect();
            let re = Regex::new(&fraction_pattern()).unwrap();
            let captured: Vec<_> = re
                .captures_iter(&text)
                .map(|c| {
                    let d = c.name("d").unwrap();
                    (c.name("n").map(|n| (n.start(), n.end())), (d.start(), d.end()))
                })
                .collect();
            proptest::prop_assert_eq!(read, captured);
        }

        #[test]
        fn detector_search_agrees_on_generated_text(text in figure_soup()) {
            for (detector, regex) in patterns() {
                proptest::prop_assert_eq!(
                    found_by_detector(*detector, &text),
                    found_by_regex(regex, &text),
                    "pattern {}", regex.as_str()
                );
            }
        }
    }

    /// The byte tests find the same figures as the candidate regex on every
    /// article of the real corpora (see [`crate::io::corpus::test_corpora`]).
    /// Skipped when missing.
    #[test]
    fn fast_candidates_find_what_the_regex_finds_on_corpora() {
        let Some(files) = crate::io::corpus::test_corpora() else { return };
        let (mut checked, mut figures) = (0usize, 0usize);
        for path in &files {
            let Ok(decoded) = crate::io::corpus::decode(std::fs::read(path).unwrap()) else {
                continue;
            };
            let fast = detect_with(&decoded.text, true);
            assert_eq!(fast, detect_with(&decoded.text, false), "{}", path.display());
            checked += 1;
            figures += fast.len();
        }
        println!("checked {checked} files, {figures} figures");
        assert!(checked > 0);
    }
}
