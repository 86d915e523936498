//! Boilerplate removal, measured: the articles of ../shared (gold, dev,
//! train, and 40 BBC articles) wrapped in the page markup of a news site, a
//! blog and a press-release portal by `tests/html/make_pages.py`, read back
//! with `html_to_text`. For every page:
//!
//! (a) the text's lines are the article's lines, in order, none of the
//!     furniture strings the generator inserted is in it, and reading it
//!     gave no warning;
//! (b) the claims of the page's text equal the claims of the plain text
//!     (expression, value, bound, population, subject, evidence, role and
//!     its rule, pair and its rule, in order; offsets differ);
//! (c) every claim's expression maps to one source range whose bytes, with
//!     tags and comments stripped and references decoded, read as it.
//!
//! Comparisons normalise white space (runs of white space, U+00A0
//! included, are one space; a space before `%` is dropped), because a page
//! may write `62&nbsp;%` where the article has `62%`, and HTML collapses
//! the double spaces of a few articles.
//!
//! Also: the real pages of `tests/data/html/` (see its README), and a
//! throughput measurement run by hand (`cargo test --release --test html --
//! --ignored --nocapture`).

use claimscan::{HtmlText, html_to_text};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

/// The fields of a claim compared between a page and its plain text.
#[derive(Debug, Clone, PartialEq)]
struct ClaimView {
    text: String,
    value: String,
    bound: String,
    population: String,
    subject: Option<String>,
    evidence: String,
    /// The role and the rule that decided it.
    role: String,
    /// The pair's rule and the other claim's index in the article.
    pair: Option<String>,
    /// Byte span in the text it was read from (not compared).
    span: (usize, usize),
}

type Key<'a> =
    (String, &'a str, &'a str, &'a str, Option<String>, String, &'a str, Option<&'a str>);

impl ClaimView {
    fn key(&self) -> Key<'_> {
        (
            norm(&self.text),
            &self.value,
            &self.bound,
            &self.population,
            self.subject.as_deref().map(norm),
            norm(&self.evidence),
            &self.role,
            self.pair.as_deref(),
        )
    }
}

/// The claims of an article. The one place that names the extractor, whose
/// path may move in the restructuring.
fn claims_of(text: &str) -> Vec<ClaimView> {
    claimscan::extract_article(text)
        .into_iter()
        .map(|c| ClaimView {
            text: c.figure.span.slice(text).to_string(),
            value: format!("{:.6}", c.figure.value),
            bound: format!("{:?}", c.figure.bound),
            population: format!("{:?}", c.attribution.population),
            subject: c.subject.map(|s| s.slice(text).to_string()),
            evidence: c.attribution.evidence.clone(),
            role: format!("{:?} ({})", c.role, c.role_rule.name()),
            pair: c.pair.map(|p| format!("{:?} with claim {}", p.rule, p.with)),
            span: (c.figure.span.start, c.figure.span.end),
        })
        .collect()
}

/// White space normalised as the module documentation says.
fn norm(s: &str) -> String {
    let collapsed = s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    collapsed.replace(" %", "%")
}

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn bbc_corpus() -> PathBuf {
    std::env::var_os("CLAIMSCAN_BBC_CORPUS")
        .map_or_else(|| shared().join("corpora/bbc-news-2004-2005"), PathBuf::from)
}

/// One generated page and its sidecar record.
struct Page {
    record: Value,
    html: Vec<u8>,
    read: HtmlText,
}

impl Page {
    fn field(&self, name: &str) -> &str {
        self.record[name].as_str().unwrap_or_default()
    }
    fn label(&self) -> String {
        format!(
            "{}/{}/{}",
            self.field("set"),
            self.field("kind"),
            Path::new(self.field("article")).file_name().unwrap().to_string_lossy()
        )
    }
    fn plain(&self) -> String {
        std::fs::read_to_string(self.field("article")).unwrap()
    }
}

/// The generated pages, made once per test run.
fn pages() -> &'static [Page] {
    static PAGES: OnceLock<Vec<Page>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-pages");
        let _ = std::fs::remove_dir_all(&out);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html/make_pages.py");
        let sets = [
            format!("gold={}", shared().join("gold/corpus").display()),
            format!("dev={}", shared().join("dev/corpus").display()),
            format!("train={}", shared().join("train/corpus").display()),
            format!("bbc={}:40", bbc_corpus().display()),
        ];
        let status = Command::new("python3")
            .arg(&script)
            .arg(&out)
            .args(&sets)
            .status()
            .expect("python3 runs");
        assert!(status.success(), "make_pages.py failed: {status}");
        let index: Value =
            serde_json::from_slice(&std::fs::read(out.join("pages.json")).unwrap()).unwrap();
        index
            .as_array()
            .unwrap()
            .iter()
            .map(|record| {
                let html = std::fs::read(record["page"].as_str().unwrap()).unwrap();
                let read =
                    html_to_text(&html).unwrap_or_else(|e| panic!("{}: {e}", record["page"]));
                Page { record: record.clone(), html, read }
            })
            .collect()
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
}

/// Per-set tallies printed by the tests.
#[derive(Default)]
struct Tally {
    pages: usize,
    wanted: usize,
    found: usize,
    extra: usize,
    leaked: usize,
    furniture: usize,
    claims: usize,
    equal_pages: usize,
    mapped: usize,
}

/// A column of a printed table: its header and how to read it from a tally.
type Column = (&'static str, fn(&Tally) -> String);

fn print_table(title: &str, tallies: &BTreeMap<String, Tally>, columns: &[Column]) {
    println!("{title}");
    let header: Vec<String> = columns.iter().map(|(h, _)| format!("{h:>24}")).collect();
    println!("{:<6} {:>5} {}", "set", "pages", header.join(""));
    for (set, t) in tallies {
        let cells: Vec<String> = columns.iter().map(|(_, f)| format!("{:>24}", f(t))).collect();
        println!("{set:<6} {:>5} {}", t.pages, cells.join(""));
    }
}

#[test]
fn pages_hold_the_article_and_no_furniture() {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for page in pages() {
        let t = tallies.entry(page.field("set").to_string()).or_default();
        t.pages += 1;
        let want: Vec<String> = strings(&page.record["blocks"]).iter().map(|s| norm(s)).collect();
        let got: Vec<String> = page.read.text.lines().map(norm).filter(|l| !l.is_empty()).collect();
        t.wanted += want.len();
        t.found += want.iter().filter(|w| got.contains(w)).count();
        t.extra += got.iter().filter(|g| !want.contains(g)).count();
        let text = norm(&page.read.text);
        let furniture = strings(&page.record["furniture"]);
        t.furniture += furniture.len();
        let leaked: Vec<String> =
            furniture.into_iter().filter(|f| text.contains(&norm(f))).collect();
        t.leaked += leaked.len();
        if !page.read.warnings.is_empty() {
            failures.push(format!("{}: warnings {:?}", page.label(), page.read.warnings));
        }
        if got != want || !leaked.is_empty() {
            let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
            let extra: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
            failures.push(format!(
                "{}: missing {missing:?}, extra {extra:?}, leaked {leaked:?}",
                page.label()
            ));
        }
    }
    print_table(
        "article text of generated pages",
        &tallies,
        &[
            ("paragraphs found", |t| format!("{}/{}", t.found, t.wanted)),
            ("extra lines", |t| t.extra.to_string()),
            ("furniture leaked", |t| format!("{}/{}", t.leaked, t.furniture)),
        ],
    );
    assert!(failures.is_empty(), "{} pages differ:\n{}", failures.len(), failures.join("\n"));
    assert!(tallies.values().map(|t| t.pages).sum::<usize>() >= 3 * (5 + 11 + 15 + 40));
}

#[test]
fn claims_from_pages_equal_claims_from_the_plain_text() {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for page in pages() {
        let t = tallies.entry(page.field("set").to_string()).or_default();
        t.pages += 1;
        let from_page = claims_of(&page.read.text);
        let from_text = claims_of(&page.plain());
        t.claims += from_page.len();
        let a: Vec<_> = from_page.iter().map(ClaimView::key).collect();
        let b: Vec<_> = from_text.iter().map(ClaimView::key).collect();
        if a == b {
            t.equal_pages += 1;
        } else {
            let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
            failures.push(format!(
                "{}: {} claims from the page, {} from the text; first difference at {first}:\n  page {:?}\n  text {:?}",
                page.label(),
                a.len(),
                b.len(),
                a.get(first),
                b.get(first)
            ));
        }
    }
    print_table(
        "claims of generated pages",
        &tallies,
        &[
            ("claims", |t| t.claims.to_string()),
            ("pages with equal claims", |t| format!("{}/{}", t.equal_pages, t.pages)),
        ],
    );
    assert!(failures.is_empty(), "{} pages differ:\n{}", failures.len(), failures.join("\n"));
    let claims: usize = tallies.values().map(|t| t.claims).sum();
    assert!(claims > 300, "only {claims} claims: are the corpora there?");
}

#[test]
fn claim_spans_map_to_their_source_bytes() {
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for page in pages() {
        let t = tallies.entry(page.field("set").to_string()).or_default();
        t.pages += 1;
        let encoding = encoding_rs::Encoding::for_label(page.field("encoding").as_bytes()).unwrap();
        for claim in claims_of(&page.read.text) {
            t.claims += 1;
            let Some(span) = page.read.map.source_span(claim.span.0..claim.span.1) else {
                failures.push(format!("{}: {:?} does not map", page.label(), claim.text));
                continue;
            };
            let (raw, _) = encoding.decode_without_bom_handling(&page.html[span.clone()]);
            let read = norm(&strip_markup(&raw));
            if read == norm(&claim.text) {
                t.mapped += 1;
            } else {
                failures.push(format!(
                    "{}: {:?} maps to {span:?} = {raw:?}",
                    page.label(),
                    claim.text
                ));
            }
        }
    }
    print_table(
        "claim spans of generated pages",
        &tallies,
        &[("spans mapped and verified", |t| format!("{}/{}", t.mapped, t.claims))],
    );
    assert!(failures.is_empty(), "{} claims:\n{}", failures.len(), failures.join("\n"));
}

/// `html` with tags and comments removed and references decoded: an
/// independent reading of a few bytes of markup, for check (c).
fn strip_markup(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
        } else if c == '<' && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
        } else if c == '&' {
            let (decoded, len) =
                reference(rest).unwrap_or_else(|| panic!("unknown reference in {html:?}"));
            out.push_str(&decoded);
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The character reference at the start of `s` and its length.
fn reference(s: &str) -> Option<(String, usize)> {
    let end = s.find(';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(num, 16).ok()?)?
    } else if let Some(num) = name.strip_prefix('#') {
        char::from_u32(num.parse().ok()?)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "nbsp" => '\u{a0}',
            "percnt" => '%',
            "ldquo" => '\u{201c}',
            "rdquo" => '\u{201d}',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "mdash" => '\u{2014}',
            "ndash" => '\u{2013}',
            "pound" => '\u{a3}',
            "eacute" => '\u{e9}',
            "hellip" => '\u{2026}',
            _ => return None,
        }
    };
    Some((c.to_string(), end + 1))
}

/// Real saved pages (see tests/data/html/README.md): (file, lines the
/// article text must hold, strings it must not hold).
const REAL_PAGES: &[(&str, &[&str], &[&str])] = &[
    (
        "mozilla-firefox-developer.html",
        &[
            "Welcome to Firefox Developer Edition",
            "Get to know the features that make it the most complete browser for building the Web.",
            "WebIDE",
            "Develop, deploy and debug Firefox OS apps directly in your browser, or on a Firefox OS device, with this tool that replaces App Manager.",
            "Valence",
            "Page Inspector",
            "Examine the HTML and CSS of any Web page and easily modify the structure and layout of a page.",
        ],
        &[
            "Firefox Affiliates", "Contribute to this site", "Report Trademark Abuse",
            "Other languages:", "Português (do Brasil)", "Portions of this content are",
            "(@firefox)",
        ],
    ),
    (
        "trafilatura-http-sample.html",
        &[
            "Herman Melville - Moby-Dick",
            "Availing himself of the mild, summer-cool weather that now reigned in these latitudes,",
            "This is a test paragraph with a link.",
        ],
        &["Novel"],
    ),
    (
        "apache-server-status.html",
        &[
            "Apache Server Status for ub2fkkeeyl3jgwwz.onion (via 127.0.0.1)",
            "Server Version: Apache/2.4.7 (Ubuntu) PHP/5.5.9-1ubuntu4.22",
            "CPU Usage: u13.47 s1.11 cu0 cs0 - 1.31% CPU load",
            "Srv\tPID\tAcc\tM\tCPU\tSS\tReq\tConn\tChild\tSlot\tClient\tVHost\tRequest",
            "6-0\t-\t0/0/54\t.\t0.01\t84\t0\t0.0\t0.00\t1.13\t::1\tlocalhost:80\tOPTIONS * HTTP/1.0",
        ],
        &[],
    ),
];

#[test]
fn real_pages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/html");
    for (file, wanted, unwanted) in REAL_PAGES {
        let html = std::fs::read(dir.join(file)).unwrap();
        let read = html_to_text(&html).unwrap();
        check_page(file, &read, wanted, unwanted);
    }
}

/// Checks that the `wanted` strings are in the text, in their order, and
/// no `unwanted` one is; a wanted string with a tab is a table row and must
/// be a line of its own.
fn check_page(file: &str, read: &HtmlText, wanted: &[&str], unwanted: &[&str]) {
    let text = norm(&read.text);
    let mut from = 0;
    for w in wanted {
        if w.contains('\t') {
            assert!(read.text.lines().any(|l| l == *w), "{file}: no line {w:?} in\n{}", read.text);
        }
        let at = text[from..].find(&norm(w));
        assert!(
            at.is_some(),
            "{file}: {w:?} not found (after the previous line) in\n{}",
            read.text
        );
        from += at.unwrap_or(0) + norm(w).len();
    }
    for u in unwanted {
        assert!(!text.contains(&norm(u)), "{file}: {u:?} found in\n{}", read.text);
    }
}

/// The FiveThirtyEight article of trafilatura's test resources, which is
/// not committed (see tests/data/html/README.md).
#[test]
#[ignore]
fn real_news_page() {
    let root = std::env::var_os("CLAIMSCAN_TRAFILATURA")
        .expect("set CLAIMSCAN_TRAFILATURA to an unpacked trafilatura-2.3.1");
    let gz = Path::new(&root).join("tests/resources/webpage.html.gz");
    let out = Command::new("gzip").arg("-dc").arg(&gz).output().expect("gzip runs");
    assert!(out.status.success(), "gzip -dc {}", gz.display());
    let read = html_to_text(&out.stdout).unwrap();
    check_page(
        "webpage.html.gz",
        &read,
        &[
            "Could Manchin Actually Leave The Democratic Party?",
            "Sen. Joe Manchin told reporters Wednesday that suggestions he would leave the Democratic Party were",
            "But what if Manchin did leave the Democratic Party?",
            "A Manchin exit would undoubtedly scramble the status quo",
            "Wayne Morse\tOR\tSenate\tR to I\t1952",
            "Long story short, Manchin could switch parties, but it’s unlikely that he will.",
        ],
        &[
            "Skip to main content",
            "Share on Facebook",
            "Filed under",
            "Latest Videos",
            "See all newsletters",
            "Pitch FiveThirtyEight",
            "© 2021 ABC News Internet Ventures",
            "Congress (507 posts)",
        ],
    );
    let claims = claims_of(&read.text);
    println!("{} claims: {:?}", claims.len(), claims.iter().map(|c| &c.text).collect::<Vec<_>>());
}

/// Throughput of `html_to_text` on the generated pages (run by hand:
/// `cargo test --release --test html -- --ignored --nocapture`).
#[test]
#[ignore]
fn throughput() {
    let pages = pages();
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for p in pages {
            std::hint::black_box(html_to_text(&p.html).unwrap());
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} pages, {:.2} MB, best of 5: {:.3} s, {:.1} MB/s",
        pages.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best
    );
    for kind in ["news", "blog", "press"] {
        let of_kind: Vec<&Page> = pages.iter().filter(|p| p.field("kind") == kind).collect();
        let bytes: usize = of_kind.iter().map(|p| p.html.len()).sum();
        let start = Instant::now();
        for _ in 0..5 {
            for p in &of_kind {
                std::hint::black_box(html_to_text(&p.html).unwrap());
            }
        }
        let secs = start.elapsed().as_secs_f64() / 5.0;
        println!("  {kind:<5} {:.2} MB, {:.1} MB/s", bytes as f64 / 1e6, bytes as f64 / 1e6 / secs);
    }
}
