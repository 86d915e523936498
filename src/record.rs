//! Wire types of the dataset: what `claims.jsonl` and `manifest.json` hold.
//!
//! These types exist only to be serialized; [`claim_records`] converts the
//! extractor's [`crate::lang::extract::Claim`]s into them at the edge (claim
//! ids, code-point offsets, lines and columns), for `extract` and `stream`
//! alike. Field names are part of the dataset format: adding a field is
//! compatible, renaming one is not and bumps [`SCHEMA_VERSION`].
//!
//! A claim record (one line of `claims.jsonl`, shown wrapped):
//!
//! ```json
//! {"id":"c-75c5cf2871c40394","article":"003_cb3391b9d41c4917.txt","start":383,"end":386,"text":"77%",
//!  "char_start":379,"char_end":382,"line":2,"column":127,"value":77.0,"bound":"exact","kind":"percent",
//!  "population":"it","population_phrase":{"text":"CIOs","start":390,"end":394},
//!  "subject":{"text":"think this partnership is important","start":395,"end":430},
//!  "sentence":{"start":257,"end":463},"evidence":"of-phrase after figure: 'CIOs'",
//!  "role":"finding","role_rule":"a share or a level",
//!  "pair":{"id":"c-8f190a82522bf55e","rule":"same statement repeated"}}
//! ```

use crate::lang::detect::{Bound, Kind};
use crate::lang::extract::Claim;
use crate::lang::populations::Populations;
use crate::lang::role::Role;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Version of the dataset format written in the manifest.
pub const SCHEMA_VERSION: &str = "1.3";

/// A span of text quoted from the article, with its byte offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Phrase {
    /// Exactly the article's bytes at `start..end`.
    pub text: String,
    /// UTF-8 byte offset of the first byte.
    pub start: usize,
    /// UTF-8 byte offset one past the last byte.
    pub end: usize,
}

/// A byte span without its text (sentences are long; the offsets suffice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SpanRecord {
    /// UTF-8 byte offset of the first byte.
    pub start: usize,
    /// UTF-8 byte offset one past the last byte.
    pub end: usize,
}

/// One line of `claims.jsonl`: a percentage claim and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ClaimRecord {
    /// Stable identifier derived from the article path and the span.
    pub id: String,
    /// Article path relative to the corpus folder, with `/` separators.
    pub article: String,
    /// UTF-8 byte offset of the expression in the article's text: the file
    /// as stored, or the manifest's `text_file` when it has one (an HTML
    /// page's article text, an article read from standard input).
    pub start: usize,
    /// UTF-8 byte offset one past the expression.
    pub end: usize,
    /// The expression, exactly the bytes `start..end`.
    pub text: String,
    /// The expression's start in Unicode code points.
    pub char_start: usize,
    /// The expression's end in Unicode code points.
    pub char_end: usize,
    /// 1-based line of the expression.
    #[schemars(range(min = 1))]
    pub line: usize,
    /// 1-based column (in code points) of the expression.
    #[schemars(range(min = 1))]
    pub column: usize,
    /// The proportion as a percentage; below zero when the text gives it a
    /// sign ("-0.1%", "minus 2 percent").
    pub value: f64,
    /// `exact`, `approx`, `at_least` or `at_most`.
    #[schemars(with = "String", extend("enum" = ["exact", "approx", "at_least", "at_most"]))]
    pub bound: Bound,
    /// `percent`, `ratio` or `fraction`.
    #[schemars(with = "String", extend("enum" = ["percent", "ratio", "fraction"]))]
    pub kind: Kind,
    /// The name of one of the two populations of the populations file the
    /// dataset was made with (the manifest's `populations.names`: by default
    /// `marketing`, `it`), the name of their mix (`populations.both`: by
    /// default `both`), or `unknown`.
    #[schemars(length(min = 1))]
    pub population: String,
    /// The words that decided the population, or null.
    pub population_phrase: Option<Phrase>,
    /// What the figure is about, or null when none was found.
    pub subject: Option<Phrase>,
    /// The sentence that holds the claim.
    pub sentence: SpanRecord,
    /// The name of the rule that decided the population.
    pub evidence: String,
    /// What the claim is for: `finding` (a share of respondents or of
    /// something measured), `sample` (the composition of the survey's
    /// sample: "131 executives (81% in marketing, 19% in IT)") or `change`
    /// (an increase or difference stated in percent: "a 16% increase").
    /// Absent before version 1.2, and then read as `finding`.
    #[serde(default)]
    #[schemars(with = "String", extend("enum" = ["finding", "sample", "change"]))]
    pub role: Role,
    /// The name of the rule that decided the role (`RoleRule` in
    /// `src/lang/role.rs`); absent before version 1.2.
    #[serde(default)]
    pub role_rule: String,
    /// The claim this one is compared with, when the text states the same
    /// thing for the two populations ("44% of CMOs vs. 29% of CIOs say
    /// ..."): its id and the rule that paired them; null otherwise (and
    /// absent before version 1.2). Both claims of a pair name each other.
    #[serde(default)]
    pub pair: Option<PairRecord>,
    /// Set by `claimscan audit --fix` when the claim could not be found in
    /// the current article: `missing` (its text is gone or no longer unique)
    /// or `article_missing` (the article cannot be read); absent otherwise.
    /// Such records keep their old offsets, which no longer point at the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["missing", "article_missing", null]))]
    pub audit: Option<String>,
    /// For an article read as an HTML page (its manifest entry has `format`
    /// `html`), where the expression is in the page (since 1.3): byte offsets
    /// into the HTML file as stored, when the expression came from one
    /// contiguous range of it. Those bytes may hold tags and character
    /// references (`62</b>&#37;` for `62%`); read as HTML (tags and comments
    /// left out, references decoded, white space collapsed) they are the
    /// claim's `text`. Absent for text articles, and for an expression that
    /// maps to no single range (it crosses a line break the page's layout
    /// put between two elements). `start`..`end` above are offsets into the
    /// page's extracted text, the manifest's `text_file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_span: Option<SpanRecord>,
}

/// A claim's counterpart in a comparison (see [`ClaimRecord::pair`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PairRecord {
    /// The id of the other claim, in the same article.
    pub id: String,
    /// The name of the rule that paired them (`PairRule` in
    /// `src/lang/pairs.rs`), e.g. `parallel clauses`.
    pub rule: String,
}

/// `manifest.json`: what was extracted from what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Manifest {
    /// Dataset format version ([`SCHEMA_VERSION`]).
    pub schema_version: String,
    /// Version of claimscan that wrote the dataset.
    pub tool_version: String,
    /// The corpus folder as given on the command line (`-`: standard input).
    pub corpus: String,
    /// The corpus folder's absolute path when it was extracted (since 1.1;
    /// absent for standard input, or when the path is not UTF-8). Commands
    /// that read the articles look here first, from any working directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus_path: Option<String>,
    /// The corpus folder relative to the dataset folder, `/` separators
    /// (since 1.1): where the corpus is when the two were moved together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus_from_dataset: Option<String>,
    /// Total number of claims in `claims.jsonl`.
    pub claims: usize,
    /// The populations file the claims were made with.
    #[serde(default)]
    pub populations: PopulationsUsed,
    /// Every article found, in path order.
    pub articles: Vec<ArticleEntry>,
}

/// The populations file of a dataset: the names a claim's `population` may
/// take, and the file's hash (claims are reused only from a dataset made
/// with the same file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PopulationsUsed {
    /// The two populations' names, in the file's order.
    pub names: Vec<String>,
    /// The name of a population that mixes the two.
    pub both: String,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
    /// Where the file came from: its path, or `built-in`.
    pub origin: String,
}

impl Default for PopulationsUsed {
    /// The built-in file: what a dataset that records none was made with.
    fn default() -> Self {
        PopulationsUsed::of(Populations::builtin())
    }
}

impl PopulationsUsed {
    /// What a dataset records of `pops`.
    pub fn of(pops: &Populations) -> Self {
        PopulationsUsed {
            names: pops.names.to_vec(),
            both: pops.both.clone(),
            sha256: pops.sha256.clone(),
            origin: pops.origin.clone(),
        }
    }

    /// The first population's name.
    pub fn first(&self) -> &str {
        self.names.first().map_or("", String::as_str)
    }

    /// The second population's name.
    pub fn second(&self) -> &str {
        self.names.get(1).map_or("", String::as_str)
    }

    /// Every name a claim's population may take, in order: the two, their
    /// mix, `unknown`.
    pub fn all(&self) -> Vec<&str> {
        vec![self.first(), self.second(), &self.both, "unknown"]
    }
}

/// One article of the manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ArticleEntry {
    /// Path relative to the corpus folder, with `/` separators; the claims'
    /// `article`. For a file name that is not UTF-8, see `path_encoding`.
    pub path: String,
    /// `percent` when the file's path is not valid UTF-8 (since 1.1): `path`
    /// then holds its bytes with `%` and every byte that is not part of
    /// valid UTF-8 written `%XX` (uppercase hex), so `caf\xE9.txt` is
    /// `caf%E9.txt` and decoding each `%XX` gives the exact bytes back.
    /// Absent when the path is UTF-8 and `path` is the path itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["percent", null]))]
    pub path_encoding: Option<String>,
    /// Size of the file in bytes (for an HTML article, of the page).
    pub bytes: u64,
    /// SHA-256 of the file's contents, lowercase hex; null when unreadable.
    pub sha256: Option<String>,
    /// Number of claims extracted from it.
    pub claims: usize,
    /// `ok`, or the error that stopped it.
    pub status: String,
    /// Warnings about the input (invalid UTF-8 and the like).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Where the text the claims' offsets refer to is stored, relative to
    /// the dataset folder, when it is not the corpus file at `path` (since
    /// 1.1): an article read from standard input is kept as
    /// `texts/stdin-HASH.txt`, so the dataset stays auditable; the article
    /// text of an HTML page as `texts/PATH.HASH.txt` (since 1.3). `HASH` is
    /// the first 16 hex digits of the stored file's SHA-256.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_file: Option<String>,
    /// `html` when the article was read as an HTML page (since 1.3): its
    /// claims' offsets refer to the page's article text, stored at
    /// `text_file`, and `bytes` and `sha256` describe the page. Absent for
    /// a text article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["html", null]))]
    pub format: Option<String>,
    /// Size in bytes of the stored text at `text_file` when it is not the
    /// article's own bytes (an HTML page's article text; since 1.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_bytes: Option<u64>,
    /// SHA-256 of the stored text at `text_file`, lowercase hex, when it
    /// is not the article's own bytes (since 1.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_sha256: Option<String>,
    /// Set by `claimscan audit --fix` when it rewrote the article's claims
    /// (re-anchored or flagged them) or found the article edited (since
    /// 1.1): the size and SHA-256 of the file it re-anchored them to.
    /// `bytes` and `sha256` stay those of the file the claims were extracted
    /// from, and `extract` extracts an article with `audited` again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audited: Option<Audited>,
}

/// The file `claimscan audit --fix` re-anchored an article's claims to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Audited {
    /// Its size in bytes (0 when it could not be read).
    pub bytes: u64,
    /// Its SHA-256, lowercase hex; null when the article could not be read
    /// (its claims were flagged `article_missing`).
    pub sha256: Option<String>,
}

/// The manifest's `format` of an article read as an HTML page.
pub(crate) const HTML: &str = "html";

/// Lowercase hex of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let out: Vec<u8> = bytes
        .iter()
        .flat_map(|&b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0xf)]])
        .collect();
    String::from_utf8(out).expect("hex digits are ASCII")
}

/// A stable claim id from the article path and the expression's span.
pub fn claim_id(article: &str, span: Span) -> String {
    // SHA-256 of "{article}\0{start}-{end}", fed in pieces.
    let d = Sha256::new()
        .chain_update(article)
        .chain_update([0])
        .chain_update(itoa::Buffer::new().format(span.start))
        .chain_update("-")
        .chain_update(itoa::Buffer::new().format(span.end))
        .finalize();
    format!("c-{}", hex(&d[..8]))
}

/// Converts an article's claims into dataset records.
pub fn claim_records(
    article: &str,
    text: &str,
    claims: &[Claim],
    pops: &Populations,
) -> Vec<ClaimRecord> {
    let mut pos = Positions::new(text);
    let phrase = |s: Span| Phrase { text: s.slice(text).to_string(), start: s.start, end: s.end };
    claims
        .iter()
        .map(|c| {
            let span = c.figure.span;
            let (char_start, line, column) = pos.at(span.start);
            let char_end = char_start + text[span.start..span.end].chars().count();
            ClaimRecord {
                id: claim_id(article, span),
                article: article.to_string(),
                start: span.start,
                end: span.end,
                text: span.slice(text).to_string(),
                char_start,
                char_end,
                line,
                column,
                value: round6(c.figure.value),
                bound: c.figure.bound,
                kind: c.figure.kind,
                population: pops.name(c.attribution.population).to_string(),
                population_phrase: c.attribution.phrase.map(phrase),
                subject: c.subject.map(phrase),
                sentence: SpanRecord { start: c.sentence.start, end: c.sentence.end },
                evidence: c.attribution.evidence.clone(),
                role: c.role,
                role_rule: c.role_rule.name().to_string(),
                pair: c.pair.map(|p| PairRecord {
                    id: claim_id(article, claims[p.with].figure.span),
                    rule: p.rule.name().to_string(),
                }),
                audit: None,
                source_span: None,
            }
        })
        .collect()
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Converts ascending byte offsets into (code point, line, column) in one pass.
struct Positions<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
    line: usize,
    line_start_chars: usize,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        Positions { text, byte: 0, chars: 0, line: 1, line_start_chars: 0 }
    }

    /// Code-point offset, 1-based line and 1-based column of byte `at`.
    fn at(&mut self, at: usize) -> (usize, usize, usize) {
        self.at_with(at, true)
    }

    /// [`Positions::at`]; with `ascii_fast`, an ASCII stretch of text is
    /// read as one character per byte, its line breaks found by `memchr`,
    /// else character by character (the tests compare the two).
    fn at_with(&mut self, at: usize, ascii_fast: bool) -> (usize, usize, usize) {
        if at < self.byte {
            *self = Positions::new(self.text);
        }
        let piece = &self.text[self.byte..at];
        if ascii_fast && piece.is_ascii() {
            // A character per byte: only the line breaks need finding.
            for nl in memchr::memchr_iter(b'\n', piece.as_bytes()) {
                self.line += 1;
                self.line_start_chars = self.chars + nl + 1;
            }
            self.chars += piece.len();
        } else {
            for c in piece.chars() {
                self.chars += 1;
                if c == '\n' {
                    self.line += 1;
                    self.line_start_chars = self.chars;
                }
            }
        }
        self.byte = at;
        (self.chars, self.line, self.chars - self.line_start_chars + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code points, line and column of byte `at`, counted from the start.
    fn position(text: &str, at: usize) -> (usize, usize, usize) {
        let before = &text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (
            before.chars().count(),
            1 + before.matches('\n').count(),
            1 + before[line_start..].chars().count(),
        )
    }

    /// The ASCII branch of [`Positions::at`] (a character per byte, line
    /// breaks by memchr) gives what the character-by-character branch
    /// gives, and both what counting from the start gives, at ascending
    /// offsets and after going back; ASCII stretches between non-ASCII ones
    /// take the fast branch too.
    #[test]
    fn positions_in_ascii_text_match_the_character_count() {
        let texts = [
            "one line, no break",
            "a\nb\n\nc d\n",
            "\n\nstarts with breaks",
            "crlf\r\nlines\r\n end",
            "caf\u{e9}\nna\u{ef}ve \u{1f680}\nascii after\nand more",
            "\u{201c}quoted\u{201d}\n\u{2014}dash\n",
        ];
        for text in texts {
            let offsets: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for step in [1, 2, 3, 7] {
                let (mut fast, mut slow) = (Positions::new(text), Positions::new(text));
                let mut visit: Vec<usize> = offsets.iter().copied().step_by(step).collect();
                visit.extend(offsets.iter().copied().rev().step_by(5).take(3));
                for at in visit {
                    let want = position(text, at);
                    assert_eq!(fast.at_with(at, true), want, "{text:?} at {at}, fast");
                    assert_eq!(slow.at_with(at, false), want, "{text:?} at {at}, by characters");
                }
            }
        }
    }

    /// Claim ids are "c-" and the first eight bytes, in hex, of the SHA-256
    /// of "{article}\0{start}-{end}": stable from one version to the next,
    /// as the README promises.
    #[test]
    fn claim_ids_hash_the_article_and_span() {
        for (article, start, end) in [("a.txt", 3, 5), ("sub/dir/b c.txt", 0, 12345), ("", 7, 7)] {
            let whole = Sha256::digest(format!("{article}\u{0}{start}-{end}").as_bytes());
            assert_eq!(claim_id(article, Span::new(start, end)), format!("c-{}", hex(&whole[..8])));
        }
    }
}
