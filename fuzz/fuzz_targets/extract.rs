//! Bytes in, decoded by the corpus policy, extracted, converted to records:
//! nothing panics and every offset points at the bytes it quotes.
//!
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run extract -- -dict=fuzz/extract.dict`
//! from the crate's folder.


#![no_main]

use claimscan::{claim_records, decode, extract_article};
use libfuzzer_sys::fuzz_target;

fn check_span(text: &str, what: &str, start: usize, end: usize) {
    assert!(start <= end, "{what}: start {start} after end {end}");
    assert!(end <= text.len(), "{what}: end {end} past the text ({} bytes)", text.len());
    assert!(text.is_char_boundary(start), "{what}: start {start} not on a char boundary");
    assert!(text.is_char_boundary(end), "{what}: end {end} not on a char boundary");
}

/// Code points, 1-based line and 1-based column of byte `at` (lines end at `\n`).
fn position(text: &str, at: usize) -> (usize, usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.chars().count(),
        1 + before.matches('\n').count(),
        1 + before[line_start..].chars().count(),
    )
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data.to_vec()) else {
        return;
    };
    let text = decoded.text.as_str();
    assert_eq!(text.len(), data.len(), "decoding changed the byte length");
    if let Ok(valid) = std::str::from_utf8(data) {
        assert_eq!(text, valid, "decoding changed valid UTF-8");
    }

    let claims = extract_article(text);
    let records = claim_records("fuzz.txt", text, &claims, claimscan::Populations::builtin());
    assert_eq!(records.len(), claims.len());
    for r in &records {
        check_span(text, "figure", r.start, r.end);
        assert!(r.start < r.end, "empty figure at {}", r.start);
        assert_eq!(&text[r.start..r.end], r.text, "figure text");
        check_span(text, "sentence", r.sentence.start, r.sentence.end);
        assert!(
            r.sentence.start <= r.start && r.end <= r.sentence.end,
            "figure {}..{} outside its sentence {}..{}",
            r.start,
            r.end,
            r.sentence.start,
            r.sentence.end
        );
        for (what, p) in [("subject", &r.subject), ("population_phrase", &r.population_phrase)] {
            if let Some(p) = p {
                check_span(text, what, p.start, p.end);
                assert_eq!(&text[p.start..p.end], p.text, "{what} text");
            }
        }
        let (char_start, line, column) = position(text, r.start);
        assert_eq!(r.char_start, char_start, "char_start of {:?}", r.text);
        assert_eq!(r.char_end, position(text, r.end).0, "char_end of {:?}", r.text);
        assert_eq!((r.line, r.column), (line, column), "line/column of {:?}", r.text);
        assert!(r.value.is_finite() && r.value >= 0.0, "value {} of {:?}", r.value, r.text);
        assert!(["exact", "approx", "at_least", "at_most"].contains(&r.bound.as_str()));
        assert!(["percent", "ratio", "fraction"].contains(&r.kind.as_str()));
        assert!(["marketing", "it", "both", "unknown"].contains(&r.population.as_str()));
        assert!(!r.evidence.trim().is_empty(), "empty evidence for {:?}", r.text);
    }
    for w in records.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "records out of order or overlapping: {}..{} then {}..{}",
            w[0].start,
            w[0].end,
            w[1].start,
            w[1].end
        );
    }
});
