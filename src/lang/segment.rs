//! Sentences and paragraphs with byte spans.
//!
//! Articles arrive in two shapes: one paragraph per line (web copy) and
//! hard-wrapped lines with indented paragraphs (newswire). A line break
//! ends a paragraph unless it only wraps a running sentence. Inside a
//! paragraph, sentence boundaries come from Unicode's UAX #29 rules
//! (`unicode-segmentation`; for an ASCII paragraph, the table-driven
//! equivalent in [`crate::scan::sentences`], the same boundaries several
//! times faster), then boundaries that fall right after a known
//! abbreviation ("vs.", "U.S.", "e.g.") are undone.

use crate::scan::sentences::AsciiSentenceBounds;
use crate::span::Span;
use unicode_segmentation::UnicodeSegmentation;

/// A sentence: its byte span and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sentence {
    /// Byte span of the sentence, trimmed of surrounding white space.
    pub span: Span,
    /// Index of the paragraph (0-based) that holds the sentence.
    pub paragraph: usize,
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "vs", "v", "e.g", "i.e", "etc", "u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "prof", "inc",
    "corp", "co", "ltd", "no", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "approx", "est", "fig", "dept", "govt", "jr", "sr", "cf", "al",
];

/// Splits `text` into paragraphs: byte spans of runs of lines that belong together.
pub(crate) fn paragraphs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut line_start = 0;
    let mut prev_line: Option<Span> = None;
    while line_start <= text.len() {
        let line_end = memchr_newline(bytes, line_start).unwrap_or(text.len());
        let line = Span::new(line_start, line_end);
        let content = &text[line_start..line_end];
        let blank = content.trim().is_empty();
        if blank {
            if let (Some(s), Some(p)) = (start.take(), prev_line) {
                out.push(trimmed(text, Span::new(s, p.end)));
            }
            prev_line = None;
        } else {
            let joins = match (start, prev_line) {
                (Some(_), Some(p)) => wraps(&text[p.start..p.end], content),
                _ => false,
            };
            if !joins {
                if let (Some(s), Some(p)) = (start.take(), prev_line) {
                    out.push(trimmed(text, Span::new(s, p.end)));
                }
                start = Some(line_start);
            }
            prev_line = Some(line);
        }
        if line_end == text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    if let (Some(s), Some(p)) = (start, prev_line) {
        out.push(trimmed(text, Span::new(s, p.end)));
    }
    out.retain(|s| !s.is_empty());
    out
}

/// True when the line break between `prev` and `next` only wraps a sentence.
fn wraps(prev: &str, next: &str) -> bool {
    if next.starts_with([' ', '\t']) {
        return false; // an indented line opens a paragraph
    }
    let prev = prev.trim_end();
    match prev.chars().last() {
        None => false,
        Some(c) => !matches!(c, '.' | '!' | '?' | ':' | '"' | '”' | '’' | ')' | ']' | '»'),
    }
}

fn memchr_newline(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'\n', &bytes[from..]).map(|p| p + from)
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    if lead == s.len() {
        return Span::new(span.start, span.start); // white space only
    }
    let trail = s.len() - s.trim_end().len();
    Span::new(span.start + lead, span.end - trail)
}

/// Splits `text` into sentences, each tagged with its paragraph (the
/// extractor splits only the paragraphs it needs: [`sentences_where`]).
#[cfg(test)]
pub(crate) fn sentences(text: &str) -> Vec<Sentence> {
    sentences_with(text, true, |_| true)
}

/// [`sentences`] of the paragraphs that `wanted` (given each paragraph's
/// span, in order) accepts; any other paragraph stands as one sentence that
/// spans it whole, without being split.
pub(crate) fn sentences_where(text: &str, wanted: impl FnMut(Span) -> bool) -> Vec<Sentence> {
    sentences_with(text, true, wanted)
}

/// [`sentences_where`], with the ASCII fast path for sentence boundaries on
/// (`fast_ascii`) or off (every paragraph goes to `unicode-segmentation`).
/// Both give the same result; tests compare them.
fn sentences_with(
    text: &str,
    fast_ascii: bool,
    mut wanted: impl FnMut(Span) -> bool,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, para) in paragraphs(text).into_iter().enumerate() {
        if !wanted(para) {
            out.push(Sentence { span: para, paragraph: pi });
            continue;
        }
        let slice = &text[para.start..para.end];
        if fast_ascii && slice.is_ascii() {
            // The flat table reads CR and LF as Sp, as UAX #29 reads the
            // spaces that replace them below: no copy needed.
            let bounds = AsciiSentenceBounds::<true>::new(slice);
            collect_sentences(&mut out, text, para.start, pi, bounds);
            continue;
        }
        // Line breaks inside a paragraph are wraps: UAX #29 would break at
        // each, so hand it a copy where they are spaces (same byte length).
        let flat: std::borrow::Cow<str> = if slice.contains(['\n', '\r']) {
            slice.replace(['\n', '\r'], " ").into()
        } else {
            slice.into()
        };
        collect_sentences(&mut out, text, para.start, pi, flat.split_sentence_bound_indices());
    }
    out
}

/// Turns the UAX #29 pieces `(offset, piece)` of the paragraph that starts at
/// byte `base` of `text` into sentences: trimmed, empty ones dropped, a piece
/// that ends with an abbreviation joined to the next, long ones cut.
fn collect_sentences<'a>(
    out: &mut Vec<Sentence>,
    text: &str,
    base: usize,
    paragraph: usize,
    pieces: impl Iterator<Item = (usize, &'a str)>,
) {
    let mut pending: Option<Span> = None;
    for (off, s) in pieces {
        let span = trimmed(text, Span::new(base + off, base + off + s.len()));
        if span.is_empty() {
            continue;
        }
        pending = Some(match pending {
            Some(p) if ends_with_abbreviation(&text[p.start..p.end]) => {
                Span::new(p.start, span.end)
            }
            Some(p) => {
                push_capped(out, text, p, paragraph);
                span
            }
            None => span,
        });
    }
    if let Some(p) = pending {
        push_capped(out, text, p, paragraph);
    }
}

/// Longest sentence the language rules look at, in bytes. Real sentences
/// are far shorter; text without punctuation (tables, dumps, one giant line)
/// is cut at white space so that per-sentence work stays bounded.
pub(crate) const MAX_SENTENCE: usize = 4096;

fn push_capped(out: &mut Vec<Sentence>, text: &str, mut span: Span, paragraph: usize) {
    while span.len() > MAX_SENTENCE {
        let mut cut = span.start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let piece = &text[span.start..cut];
        if let Some(ws) = piece.rfind(char::is_whitespace).filter(|&w| w > 0) {
            cut = span.start + ws;
        }
        let head = trimmed(text, Span::new(span.start, cut));
        if !head.is_empty() {
            out.push(Sentence { span: head, paragraph });
        }
        span = trimmed(text, Span::new(cut, span.end));
    }
    if !span.is_empty() {
        out.push(Sentence { span, paragraph });
    }
}

/// True when `s` ends with an abbreviation's period rather than a full stop.
fn ends_with_abbreviation(s: &str) -> bool {
    let Some(body) = s.strip_suffix('.') else {
        return false;
    };
    let word: String = body
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Initials such as "J." or "U.S.A." (single letters between periods).
    !lower.is_empty()
        && lower
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn sentence_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("two sentences", "It rose. It fell.", &["It rose.", "It fell."]),
            (
                "vs. does not end a sentence",
                "A beats B (58% vs. 35%). Next.",
                &["A beats B (58% vs. 35%).", "Next."],
            ),
            (
                "vs. before a capital",
                "Marketing vs. IT differ. Yes.",
                &["Marketing vs. IT differ.", "Yes."],
            ),
            (
                "U.S. before a capital",
                "The U.S. Army grew. Then.",
                &["The U.S. Army grew.", "Then."],
            ),
            (
                "e.g. inside",
                "Some (e.g. Apple) won. Others lost.",
                &["Some (e.g. Apple) won.", "Others lost."],
            ),
            ("decimal", "It grew 12.5% in May. Good.", &["It grew 12.5% in May.", "Good."]),
            ("headline line", "Big News\n\nBody text here.", &["Big News", "Body text here."]),
            (
                "one paragraph per line",
                "First para.\nSecond para.",
                &["First para.", "Second para."],
            ),
            (
                "hard-wrapped line joins",
                "Profit rose 5 pct in\nthe quarter.\n    Next para.",
                &["Profit rose 5 pct in\nthe quarter.", "Next para."],
            ),
        ];
        for (name, text, want) in cases {
            assert_eq!(texts(text), *want, "case: {name}");
        }
    }

    #[test]
    fn separators_alone_make_no_sentence() {
        for text in ["a\u{2028}\u{2028}b", "\u{2029}\u{2029}", "x.\u{85}\u{85} y", " \n \n "] {
            for s in sentences(text) {
                assert!(s.span.start < s.span.end, "{text:?}: {:?}", s.span);
                assert!(!s.span.slice(text).trim().is_empty());
            }
        }
    }

    #[test]
    fn long_runs_are_cut_at_white_space() {
        let text = "12% of x ".repeat(2000);
        let sents = sentences(&text);
        assert!(sents.len() >= 4, "{}", sents.len());
        for s in &sents {
            assert!(s.span.len() <= MAX_SENTENCE);
            assert!(!s.span.slice(&text).starts_with(' ') && !s.span.slice(&text).ends_with(' '));
        }
        let covered: usize = sents.iter().map(|s| s.span.len()).sum();
        assert!(covered >= text.trim().len() - sents.len(), "no text is lost");
    }

    #[test]
    fn paragraphs_split_on_blank_and_indent() {
        let text = "Title\n\nA line that\nwraps here.\n    Indented para.\nNext line.";
        let paras = sentences(text);
        let ids: Vec<usize> = paras.iter().map(|s| s.paragraph).collect();
        assert_eq!(ids, vec![0, 1, 2, 3]);
    }

    // -----------------------------------------------------------------------
    // Sentences are the same with the ASCII fast path (its own tests compare
    // its boundaries with the library's) and without.
    // -----------------------------------------------------------------------

    use crate::scan::sentences::tests::ascii_piece;
    use proptest::prelude::*;

    /// Case count of a property: `default`, or `PROPTEST_CASES` when set.
    fn cases(default: u32) -> ProptestConfig {
        let n =
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
        ProptestConfig::with_cases(n)
    }

    /// Paragraph-shaped text: ASCII pieces, line breaks, blank lines,
    /// indented lines and some non-ASCII characters (whose paragraphs take
    /// the library path in both runs).
    fn article_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            8 => ascii_piece().prop_map(str::to_owned),
            2 => prop::sample::select(vec!["\n", "\n\n", "\n    ", "\n\t", " \n", "\r\n"])
                .prop_map(str::to_owned),
            1 => prop::sample::select(vec!["\u{e9}", "\u{201d}", "\u{2019}", "\u{a0}", "\u{85}",
                "\u{2029}", "\u{ff0e}", "\u{3002}"])
                .prop_map(str::to_owned),
        ];
        prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(cases(5000))]

        #[test]
        fn fast_sentences_equal_library(s in article_text()) {
            prop_assert_eq!(sentences_with(&s, true, |_| true), sentences_with(&s, false, |_| true), "text {:?}", s);
        }
    }

    /// `sentences` gives the same with and without the fast path on every
    /// article of the real corpora (BBC News and Reuters-21578, 22,005 files,
    /// 22.5 MB; about 5 s in a debug build, so no sampling; see
    /// [`crate::io::corpus::test_corpora`]). Skipped when missing.
    #[test]
    fn fast_sentences_equal_library_on_corpora() {
        let Some(files) = crate::io::corpus::test_corpora() else { return };
        let (mut checked, mut sentence_count) = (0usize, 0usize);
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            let Ok(decoded) = crate::io::corpus::decode(bytes) else { continue };
            let text = decoded.text;
            let fast = sentences_with(&text, true, |_| true);
            assert_eq!(fast, sentences_with(&text, false, |_| true), "{}", path.display());
            checked += 1;
            sentence_count += fast.len();
        }
        println!("checked {checked} of {} files, {sentence_count} sentences", files.len());
        assert!(checked > 0 || files.is_empty());
    }
}
