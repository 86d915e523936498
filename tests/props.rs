//! Property tests of the extraction core: for arbitrary and for adversarial
//! survey-like text, extraction never panics, every offset it writes points at
//! the bytes it quotes (checked against independent computations), the
//! enumerated fields take their documented values, the result is
//! deterministic and an article gives the same records alone as inside a
//! batch run of the binary. Also the decoding policy of `corpus::decode`.

use claimscan::{
    ClaimRecord, Phrase, Populations, Span, claim_id, claim_records, decode, extract_article,
};
use proptest::prelude::*;
use proptest::sample::select;
use std::fs;
use std::process::Command;

// ---------------------------------------------------------------------------
// Known bugs
// ---------------------------------------------------------------------------

/// Case count of a property: `default`, or `PROPTEST_CASES` when set (for
/// long runs: `PROPTEST_CASES=20000 cargo test --release --test props`).
fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    ProptestConfig::with_cases(n)
}

/// Extraction of `text` does not panic.
fn extracts(text: &str) {
    let claims = extract_article(text);
    let _ = claim_records("a.txt", text, &claims, Populations::builtin());
}

/// Was bug 1 (fixed in `detect::percent_ok`): a multi-byte white-space
/// character as the last white space before a percent figure panicked.
#[test]
fn regression_multibyte_space_before_percent() {
    extracts("\u{A0}5%");
    extracts("about\u{A0}45% of CIOs");
    extracts("\u{2009}5%");
    extracts("\u{2028}x15-20% ");
}

/// Was bug 2 (fixed in `segment::trimmed`): paragraph separators in a row
/// made a white-space-only segment with an inverted span.
#[test]
fn regression_paragraph_separators_in_a_row() {
    extracts("5%\u{2028}\u{2028}x");
    extracts("5%\u{85} \u{85}x");
    extracts("5%.\u{2029}\u{2029}Next");
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

/// Words, punctuation and oddities of survey articles about marketing and IT
/// executives, plus characters known to upset byte offsets (case mappings
/// that change the UTF-8 length, combining marks, non-ASCII digits, spaces
/// and percent signs, BOMs, CR LF).
#[rustfmt::skip]
const WORDS: &[&str] = &[
    // groups and survey words
    "CMOs", "CIOs", "CMO", "CIO", "marketing", "Marketing", "IT", "it", "marketers",
    "technology leaders", "IT leaders", "marketing executives", "respondents", "executives",
    "those on the technology side", "both groups", "a survey of 220 marketing and IT leaders",
    "For CMOs", "On the CIO side", "said", "say", "think", "believe", "budgets", "are", "were",
    "is", "too tight", "the", "a", "an", "and", "or", "but", "who", "that", "compared with",
    "between", "among", "growth of",
    // structure
    "of", "vs.", "vs", "versus", "respectively", "(", ")", ",", ".", ";", ":", "!", "?", "\n",
    "\n\n", "\r\n", "\r\n\r\n", "\r", "\t", "  ", "-", "–", "—", "'", "\"", "“", "”", "‘", "’",
    "…", "/", "~", "[", "]",
    // figures
    "%", "percent", "per cent", "per-cent", "pct", "pct.", "percentage points", "points", "half",
    "halves", "one third", "a third", "two-thirds", "one quarter", "three quarters", "a fifth",
    "one in five", "3 in 10", "7 out of 10", "4 out of the 10", "nine in ten", "twenty-five",
    "forty two", "a hundred", "1,000", "2024", "1.5", ".5", "0.25", "%20",
    "99999999999999999999999999", "1e5", "15-20%", "15 and 16 percent", "60 to 70 percent",
    "second half", "a third party", "half as many", "a quarter of a million",
    // figures of news agencies
    "7-3/4 pct", "1/4", "3.85/95 pct", "9-9/16 7/16 pct", "10.1/8 PCT", "7 3/4 pct",
    "a half pct", "two and a half pct", "a 50-pct stake", "5pc", "-0.1%", "+0.2%", "−2%",
    "minus", "a negative", "0.5, 0.6 and 0.7 pct", "12-to-15 pct", "39 nations out of 65",
    "five hundredths", "the other third", "by almost a third", "699,800 or 9.1 pct",
    // qualifiers
    "more than", "about", "up to", "less than", "nearly", "at least", "almost", "approx.",
    "some", "over", "under", "slightly more than", "an estimated", "no more than",
    "a minimum of", "up to an additional", "more\nthan",
    // unicode trouble
    "🎉", "👩\u{200D}💻", "📈", "é", "café", "naïve", "e\u{301}", "Zürich", "İ", "\u{212A}", "ſ",
    "ß", "ẞ", "Σ", "ﬁ", "ǅ", "Ⅻ", "٣", "５", "％", "½", "\u{A0}", "\u{202F}", "\u{2009}",
    "\u{200B}", "\u{2028}", "\u{85}", "\u{FEFF}", "\u{1A}", "£", "€", "日本",
];

/// One token of the survey-like grammar.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => select(WORDS).prop_map(String::from),
        2 => (0u32..=120).prop_map(|n| n.to_string()),
        1 => (0u32..=100, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Survey-like text: grammar tokens joined by varied separators.
fn grammar_text() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), select(&[" ", " ", " ", "", "\n", "\u{A0}"][..])), 0..60)
        .prop_map(|parts| {
            let mut s = String::new();
            for (t, sep) in parts {
                s.push_str(&t);
                s.push_str(sep);
            }
            s
        })
}

/// Arbitrary Unicode text (any scalar values, including controls).
fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..120).prop_map(String::from_iter)
}

/// Either kind, with the grammar more often (it reaches the deeper rules).
fn article_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => grammar_text(), 1 => unicode_text()]
}

// ---------------------------------------------------------------------------
// The invariants
// ---------------------------------------------------------------------------

const BOUNDS: &[&str] = &["exact", "approx", "at_least", "at_most"];
const KINDS: &[&str] = &["percent", "ratio", "fraction"];
const POPULATIONS: &[&str] = &["marketing", "it", "both", "unknown"];

/// Code points, 1-based line and 1-based column (in code points) of byte
/// `at`, computed independently of the crate: lines end at `\n`.
fn position(text: &str, at: usize) -> (usize, usize, usize) {
    let before = &text[..at];
    let chars = before.chars().count();
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = 1 + before[line_start..].chars().count();
    (chars, line, column)
}

fn check_span(text: &str, what: &str, start: usize, end: usize) -> Result<(), TestCaseError> {
    prop_assert!(start <= end, "{what}: start {start} after end {end}");
    prop_assert!(end <= text.len(), "{what}: end {end} past the text ({} bytes)", text.len());
    prop_assert!(text.is_char_boundary(start), "{what}: start {start} not on a char boundary");
    prop_assert!(text.is_char_boundary(end), "{what}: end {end} not on a char boundary");
    Ok(())
}

fn check_phrase(text: &str, what: &str, p: &Option<Phrase>) -> Result<(), TestCaseError> {
    if let Some(p) = p {
        check_span(text, what, p.start, p.end)?;
        prop_assert_eq!(&text[p.start..p.end], p.text.as_str(), "{} text", what);
    }
    Ok(())
}

/// Every invariant of one article's extraction; returns its records.
fn check_article(text: &str) -> Result<Vec<ClaimRecord>, TestCaseError> {
    let article = "dir/article.txt";
    let claims = extract_article(text);
    let records = claim_records(article, text, &claims, Populations::builtin());
    prop_assert_eq!(records.len(), claims.len());

    for (c, r) in claims.iter().zip(&records) {
        let fig = c.figure.span;
        prop_assert_eq!((r.start, r.end), (fig.start, fig.end));
        check_span(text, "figure", r.start, r.end)?;
        prop_assert!(r.start < r.end, "empty figure at {}", r.start);
        prop_assert_eq!(&text[r.start..r.end], r.text.as_str());
        prop_assert_eq!(&r.id, &claim_id(article, Span { start: r.start, end: r.end }));
        prop_assert_eq!(r.article.as_str(), article);

        check_span(text, "sentence", r.sentence.start, r.sentence.end)?;
        prop_assert!(
            r.sentence.start <= r.start && r.end <= r.sentence.end,
            "figure {}..{} outside its sentence {}..{}",
            r.start,
            r.end,
            r.sentence.start,
            r.sentence.end
        );
        if let Some(q) = c.figure.qualifier {
            check_span(text, "qualifier", q.start, q.end)?;
        }
        check_phrase(text, "subject", &r.subject)?;
        check_phrase(text, "population_phrase", &r.population_phrase)?;

        let (char_start, line, column) = position(text, r.start);
        let (char_end, _, _) = position(text, r.end);
        prop_assert_eq!(r.char_start, char_start, "char_start of {:?}", r.text);
        prop_assert_eq!(r.char_end, char_end, "char_end of {:?}", r.text);
        prop_assert_eq!((r.line, r.column), (line, column), "line/column of {:?}", r.text);

        // Below zero only with a sign in the text: "-0.1%", "minus 2 percent".
        let lower = r.text.to_lowercase();
        let signed = ["-", "\u{2212}", "minus", "negative"].iter().any(|s| lower.starts_with(s));
        prop_assert!(
            r.value.is_finite() && (r.value >= 0.0 || signed),
            "value {} of {:?}",
            r.value,
            r.text
        );
        prop_assert!(BOUNDS.contains(&r.bound.as_str()), "bound {:?}", r.bound);
        prop_assert!(KINDS.contains(&r.kind.as_str()), "kind {:?}", r.kind);
        prop_assert!(POPULATIONS.contains(&r.population.as_str()), "population {:?}", r.population);
        prop_assert!(!r.evidence.trim().is_empty(), "empty evidence for {:?}", r.text);
        prop_assert!(r.audit.is_none());
    }
    for w in records.windows(2) {
        prop_assert!(
            w[0].end <= w[1].start,
            "records out of order or overlapping: {:?} {}..{} then {:?} {}..{}",
            w[0].text,
            w[0].start,
            w[0].end,
            w[1].text,
            w[1].start,
            w[1].end
        );
    }

    let again = extract_article(text);
    prop_assert!(again == claims, "extraction is not deterministic");
    Ok(records)
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(cases(768))]

    #[test]
    fn survey_like_text_gives_consistent_records(text in grammar_text()) {
        check_article(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn arbitrary_unicode_gives_consistent_records(text in unicode_text()) {
        check_article(&text)?;
    }

    /// Grammar text with a BOM in front and CR LF line ends throughout, as
    /// files saved on Windows are.
    #[test]
    fn bom_and_crlf_text_gives_consistent_records(text in grammar_text()) {
        let text = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        check_article(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(24))]

    /// An article's records are the same whether it is extracted alone or
    /// with others by `claimscan extract`.
    #[test]
    fn batch_gives_each_article_its_own_records(
        texts in prop::collection::vec(article_text(), 2..=4)
    ) {
        // A NUL byte makes an article binary (refused): keep them all readable.
        let texts: Vec<String> = texts.into_iter().map(|t| t.replace('\0', " ")).collect();
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        let out = tmp.path().join("out");
        fs::create_dir(&corpus).unwrap();
        let names: Vec<String> = (0..texts.len()).map(|i| format!("a{i}.txt")).collect();
        for (name, text) in names.iter().zip(&texts) {
            fs::write(corpus.join(name), text).unwrap();
        }
        let run = Command::new(env!("CARGO_BIN_EXE_claimscan"))
            .args(["extract", corpus.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"])
            .output()
            .expect("run claimscan");
        prop_assert!(
            run.status.success(),
            "claimscan extract failed: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let batch = fs::read_to_string(out.join("claims.jsonl")).unwrap();
        let mut want = String::new();
        for (name, text) in names.iter().zip(&texts) {
            for r in claim_records(name, text, &extract_article(text), Populations::builtin()) {
                want.push_str(&serde_json::to_string(&r).unwrap());
                want.push('\n');
            }
        }
        prop_assert_eq!(batch, want);
    }
}

/// Byte sequences that are BOMs, overlong, surrogate, out of range or cut short.
const ODD_BYTES: &[&[u8]] = &[
    &[0xEF, 0xBB, 0xBF],
    &[0xFF, 0xFE],
    &[0xFE, 0xFF],
    &[0xC0, 0x80],
    &[0xED, 0xA0, 0x80],
    &[0xF4, 0x90, 0x80, 0x80],
    &[0x80],
    &[0xE2, 0x82],
];

/// Bytes that mix valid UTF-8 (multi-byte characters included) with invalid
/// and truncated sequences, never a NUL byte nor a UTF-16 BOM in front.
fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    let fragment = prop_oneof![
        3 => grammar_text().prop_map(String::into_bytes),
        2 => prop::collection::vec(any::<u8>(), 0..16),
        1 => any::<char>().prop_map(|c| {
            // A character cut short: a truncated multi-byte sequence.
            let s = c.to_string().into_bytes();
            s[..s.len().saturating_sub(1).max(1)].to_vec()
        }),
        1 => select(ODD_BYTES)
            .prop_map(<[u8]>::to_vec),
    ];
    prop::collection::vec(fragment, 0..8).prop_map(|parts| {
        let mut bytes: Vec<u8> = parts.concat();
        for b in &mut bytes {
            if *b == 0 {
                *b = b'x';
            }
        }
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            bytes.insert(0, b'a');
        }
        bytes
    })
}

proptest! {
    #![proptest_config(cases(1024))]

    /// Without NUL bytes or a UTF-16 BOM, decoding succeeds and keeps the
    /// byte length; valid UTF-8 is unchanged; only invalid bytes change, each
    /// to U+001A.
    #[test]
    fn decode_keeps_byte_offsets(bytes in article_bytes()) {
        let decoded = decode(bytes.clone());
        prop_assert!(decoded.is_ok(), "refused: {:?}", decoded.err());
        let decoded = decoded.unwrap();
        prop_assert_eq!(decoded.text.len(), bytes.len());
        if std::str::from_utf8(&bytes).is_ok() {
            prop_assert_eq!(decoded.text.as_bytes(), &bytes[..]);
            prop_assert!(decoded.warnings.is_empty());
        } else {
            prop_assert_eq!(decoded.warnings.len(), 1);
            let first_bad = std::str::from_utf8(&bytes).unwrap_err().valid_up_to();
            prop_assert!(
                decoded.warnings[0].contains(&format!("offset {first_bad}")),
                "warning {:?} does not name offset {}", decoded.warnings[0], first_bad
            );
            for (i, (&got, &was)) in decoded.text.as_bytes().iter().zip(&bytes).enumerate() {
                prop_assert!(got == was || got == 0x1A, "byte {} changed {:#x} -> {:#x}", i, was, got);
            }
            // The replaced bytes are exactly the invalid ones (computed
            // independently with the standard library's UTF-8 chunks).
            let mut want = Vec::with_capacity(bytes.len());
            for chunk in bytes.utf8_chunks() {
                want.extend_from_slice(chunk.valid().as_bytes());
                want.extend(std::iter::repeat_n(0x1A, chunk.invalid().len()));
            }
            prop_assert_eq!(decoded.text.as_bytes(), &want[..]);
        }
        // And the decoded text goes through the extractor within the invariants.
        check_article(&decoded.text)?;
    }

    /// A NUL byte makes a file binary: refused, naming the first NUL's offset.
    #[test]
    fn decode_refuses_nul(mut bytes in article_bytes(), at in any::<prop::sample::Index>()) {
        let i = at.index(bytes.len() + 1);
        bytes.insert(i, 0);
        let first = bytes.iter().position(|&b| b == 0).unwrap();
        let err = decode(bytes).expect_err("a NUL byte is binary");
        prop_assert!(err.contains(&format!("NUL byte at offset {first}")), "{}", err);
    }
}
