//! Word and punctuation tokens with byte spans, for the rules that read
//! language; each word carries its classes in the lexicon it is given.

use crate::lang::lexicon::Lexicon;
use crate::span::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (with inner hyphens, apostrophes and periods: "senior-level", "U.S.").
    Word,
    /// Digits, with inner commas and periods.
    Number,
    /// Any other non-space character.
    Punct,
    /// A proportion expression found by the detector (index into the article's figures).
    Figure(usize),
}

/// A token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: TokKind,
    /// Its text.
    pub text: &'a str,
    /// The lexicon classes of a word ([`crate::lang::lexicon::class`]); 0
    /// for other tokens.
    pub lex: u32,
    /// On the first word of a role of several words ("chief marketing
    /// officer"): its length in tokens and its population.
    pub role: Option<(u8, crate::lang::lexicon::Population)>,
}

impl Token<'_> {
    /// Case-insensitive comparison with an ASCII word.
    #[inline]
    pub(crate) fn is(&self, word: &str) -> bool {
        self.text.eq_ignore_ascii_case(word)
    }

    /// True for a word token.
    #[inline]
    pub(crate) fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    /// True for a punctuation token equal to `p`.
    #[inline]
    pub(crate) fn is_punct(&self, p: &str) -> bool {
        self.kind == TokKind::Punct && self.text == p
    }

    /// The figure index, for figure tokens.
    #[inline]
    pub(crate) fn figure(&self) -> Option<usize> {
        match self.kind {
            TokKind::Figure(i) => Some(i),
            _ => None,
        }
    }
}

/// Tokenizes `text[span]`; the spans in `figures` (sorted, non-overlapping)
/// become single [`TokKind::Figure`] tokens carrying their index, and words
/// carry their classes in `lexicon`.
pub(crate) fn tokenize<'a>(
    text: &'a str,
    span: Span,
    figures: &[(usize, Span)],
    lexicon: &Lexicon,
) -> Vec<Token<'a>> {
    // About one token per five bytes of news text.
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    let mut i = span.start;
    let mut fig = figures.iter().peekable();
    while i < span.end {
        while fig.peek().is_some_and(|(_, s)| s.end <= i) {
            fig.next();
        }
        if let Some(&&(idx, s)) = fig.peek()
            && s.start <= i
        {
            out.push(Token {
                span: s,
                kind: TokKind::Figure(idx),
                text: &text[s.start..s.end],
                lex: 0,
                role: None,
            });
            i = s.end;
            fig.next();
            continue;
        }
        let (c, len) = char_at(text, i).expect("i < span.end");
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let limit = fig.peek().map_or(span.end, |(_, s)| s.start.min(span.end));
        let start = i;
        let kind = if c.is_alphabetic() {
            i = scan(
                text,
                i,
                limit,
                |c| c.is_alphanumeric(),
                |c| matches!(c, '-' | '\'' | '’' | '.'),
            );
            TokKind::Word
        } else if c.is_ascii_digit() {
            i = scan(text, i, limit, |c| c.is_ascii_digit(), |c| matches!(c, ',' | '.'));
            // "B2B", "2nd": digits glued to letters read as a word.
            if text[i..limit].starts_with(|c: char| c.is_alphabetic()) {
                i = scan(text, i, limit, |c| c.is_alphanumeric(), |c| matches!(c, '-'));
                TokKind::Word
            } else {
                TokKind::Number
            }
        } else {
            i += len;
            TokKind::Punct
        };
        // A trailing period belongs to the word only for abbreviations ("U.S.", "vs.").
        let mut end = i;
        if kind == TokKind::Word
            && text[end..limit].starts_with('.')
            && ["vs", "etc", "approx", "inc", "corp", "ltd", "mr", "mrs", "ms", "dr"]
                .iter()
                .any(|a| text[start..end].eq_ignore_ascii_case(a))
        {
            end += 1;
            i = end;
        } else if kind == TokKind::Word && text[start..end].ends_with('.') {
            let w = &text[start..end - 1];
            if !(w.contains('.') || w.eq_ignore_ascii_case("vs") || w.eq_ignore_ascii_case("e.g")) {
                end -= 1;
                i = end;
            }
        }
        let word = &text[start..end];
        let lex = if kind == TokKind::Word { lexicon.classes(word) } else { 0 };
        out.push(Token { span: Span::new(start, end), kind, text: word, lex, role: None });
    }
    // Roles of several words, from the populations file.
    for i in 0..out.len() {
        if out[i].lex & crate::lang::lexicon::class::ROLE_START != 0 {
            let words = out[i..].iter().take_while(|t| t.is_word()).map(|t| t.text);
            out[i].role = lexicon.role_at(words).map(|(n, p)| (n as u8, p));
        }
    }
    out
}

/// The character at byte `i` of `s` and its length; ASCII without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    match *s.as_bytes().get(i)? {
        b if b < 0x80 => Some((b as char, 1)),
        _ => s[i..].chars().next().map(|c| (c, c.len_utf8())),
    }
}

/// Advances over characters matching `core`, allowing single `inner`
/// characters between runs of `core`.
fn scan(
    text: &str,
    mut i: usize,
    limit: usize,
    core: impl Fn(char) -> bool,
    inner: impl Fn(char) -> bool,
) -> usize {
    let s = &text[..limit];
    loop {
        match char_at(s, i) {
            Some((c, len)) if core(c) => i += len,
            Some((c, len)) if inner(c) => {
                let next = char_at(s, i + len).map(|(n, _)| n);
                if next.is_some_and(&core) {
                    i += len;
                } else if c == '.'
                    && next.is_none_or(|n| !n.is_alphanumeric())
                    && s[..i]
                        .rsplit(|ch: char| !ch.is_alphanumeric() && ch != '.')
                        .next()
                        .is_some_and(|w| w.contains('.'))
                {
                    // closing period of "U.S." / "e.g."
                    i += 1;
                    return i;
                } else {
                    return i;
                }
            }
            _ => return i,
        }
    }
}

/// The tokens of a whole text, its figures detected (for tests).
#[cfg(test)]
pub(crate) fn tokens_of(text: &str) -> Vec<Token<'_>> {
    let figs: Vec<(usize, Span)> =
        crate::lang::detect::detect(text).iter().enumerate().map(|(i, f)| (i, f.span)).collect();
    tokenize(text, Span::new(0, text.len()), &figs, crate::lang::lexicon::Lexicon::builtin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "words and punctuation",
                "CMOs (52%) and CIOs.",
                &["CMOs", "(", "52%", ")", "and", "CIOs", "."],
            ),
            (
                "hyphen and apostrophe",
                "senior-level IT's staff",
                &["senior-level", "IT's", "staff"],
            ),
            (
                "abbreviation keeps period",
                "U.S. executives vs. others",
                &["U.S.", "executives", "vs.", "others"],
            ),
            ("numbers with commas", "1,100 senior staff", &["1,100", "senior", "staff"]),
            ("digits glued to letters", "B2B and B2C brands", &["B2B", "and", "B2C", "brands"]),
            ("ampersand", "CMOs & CIOs", &["CMOs", "&", "CIOs"]),
        ];
        for (name, text, want) in cases {
            let got: Vec<&str> = tokens_of(text).iter().map(|t| t.text).collect();
            assert_eq!(got, *want, "case {name:?}");
        }
    }
}
