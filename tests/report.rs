//! `claimscan report`, checked without a browser (tests/browser/run.sh
//! checks the page as Chromium renders it).
//!
//! The corpus is built in the test: an article whose text and file name
//! hold markup, a closing `</script>`, `&`, both kinds of quotes and a URL,
//! and one with curly quotes and an emoji (bytes, code points and UTF-16
//! differ). It is extracted with `claimscan extract` from a folder whose
//! name (the page's subtitle) needs escaping too, then reported. The page's
//! data (the index and the article texts) is gzip and base64; the tests
//! decode it as the page does.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimscan");

/// The hostile article's name and text.
const NASTY_NAME: &str = "a&b \"q\" 'r' <x>.txt";
const NASTY_TEXT: &str = "Title </script><script>alert(1)</script> <b>bold</b> & 'single' \
                          \"double\" &amp; https://example.com/x.png\n\nIn the survey, 35% of \
                          CIOs said <i>budgets</i> & \"plans\" grew, while 62% of CMOs disagreed.\n";
const PLAIN_NAME: &str = "sub/b.txt";
const PLAIN_TEXT: &str = "Résumé 😀: For marketing respondents, data privacy is harder than for \
                          IT respondents (58% vs. 35% respectively).\n";

/// A corpus, its dataset and its report, in a temporary folder.
struct Fixture {
    _dir: tempfile::TempDir,
    out: PathBuf,
    html: String,
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN).args(args).output().expect("claimscan runs")
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus <&>");
        for (name, text) in [(NASTY_NAME, NASTY_TEXT), (PLAIN_NAME, PLAIN_TEXT)] {
            let path = corpus.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let out = dir.path().join("out");
        let extract =
            run(&["extract".as_ref(), corpus.as_os_str(), "-o".as_ref(), out.as_os_str()]);
        assert!(extract.status.success(), "extract: {}", String::from_utf8_lossy(&extract.stderr));
        let html_path = dir.path().join("report.html");
        let report = run(&[
            "report".as_ref(),
            out.as_os_str(),
            "--corpus".as_ref(),
            corpus.as_os_str(),
            "-o".as_ref(),
            html_path.as_os_str(),
        ]);
        assert!(report.status.success(), "report: {}", String::from_utf8_lossy(&report.stderr));
        let html = std::fs::read_to_string(&html_path).unwrap();
        Fixture { _dir: dir, out, html }
    }

    fn claims(&self) -> Vec<Value> {
        claims_of(&self.out)
    }
}

fn claims_of(dataset: &Path) -> Vec<Value> {
    std::fs::read_to_string(dataset.join("claims.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[path = "common/page.rs"]
mod page;
use page::{head, index, scripts, unpacked, without_data};

/// Article `i`'s text as the page reads it: its bytes in its chunk.
fn article_text(html: &str, i: usize) -> String {
    let ix = index(html);
    let chunk = ix["articles"]["chunk"][i].as_u64().unwrap();
    let [from, to] = [0, 1].map(|k| ix["articles"]["bytes"][i][k].as_u64().unwrap() as usize);
    String::from_utf8(unpacked(html, &format!("z{chunk}"))[from..to].to_vec()).unwrap()
}

/// Offset `byte` of `text` in UTF-16 code units, as the page's strings count.
fn utf16(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

#[test]
fn the_page_is_self_contained() {
    let f = Fixture::new();
    let page = without_data(&f.html);
    for bad in ["http://", "https://", "<link", "<img", "<iframe", " src=", "@import", "url("] {
        assert!(!page.contains(bad), "the page outside its data holds {bad:?}");
    }
    // Links only move inside the page.
    for (at, _) in page.match_indices(" href=") {
        assert!(
            page[at..].starts_with(" href=\"#"),
            "a link leaves the page: {}",
            &page[at..at + 40]
        );
    }
    let scripts = scripts(&f.html);
    let code: Vec<_> = scripts.iter().filter(|(tag, _)| *tag == "<script>").collect();
    assert_eq!(code.len(), 1, "one inline script");
    for (tag, _) in &scripts {
        assert!(
            *tag == "<script>"
                || *tag == "<script type=\"application/json\" id=\"head\">"
                || tag.starts_with("<script type=\"application/x-gzip-base64\" id=\""),
            "unexpected script tag {tag}"
        );
    }
    // The head, the index, the code and one chunk of text: nothing else opened a script.
    assert_eq!(scripts.len(), 4);
    assert_eq!(f.html.matches("<script").count(), f.html.matches("</script>").count());
    assert!(f.html.contains("<style>"), "the style sheet is inline");
}

#[test]
fn every_claim_is_in_the_index_with_utf16_offsets() {
    let f = Fixture::new();
    let claims = f.claims();
    assert_eq!(claims.len(), 4, "35%, 62%, 58%, 35%");
    let ix = index(&f.html);
    let columns = &ix["claims"];
    let strings = ix["strings"].as_array().unwrap();
    let string = |field: &str, k: usize| &strings[columns[field][k].as_u64().unwrap() as usize];
    for c in &claims {
        let k = columns["id"].as_array().unwrap().iter().position(|id| *id == c["id"]);
        let k = k.expect("claim in the index");
        let article = columns["article"][k].as_u64().unwrap() as usize;
        let text = article_text(&f.html, article);
        assert_eq!(columns["text"][k], c["text"]);
        assert_eq!(*string("population", k), c["population"]);
        assert_eq!(*string("role", k), c["role"]);
        assert_eq!(*string("status", k), "verified");
        // UTF-16 offsets, as the page slices its strings with them.
        let at = |start: &Value, end: &Value| {
            let [s, e] = [start, end].map(|v| utf16(&text, v.as_u64().unwrap() as usize));
            serde_json::json!([s, e])
        };
        assert_eq!(columns["at"][k], at(&c["start"], &c["end"]), "{}", c["text"]);
        if let Some(s) = c["subject"]["text"].as_str() {
            assert_eq!(columns["subject"][k], s);
            let sub = &c["subject"];
            assert_eq!(columns["subject_at"][k], at(&sub["start"], &sub["end"]));
        }
    }
    // The pair of the plain article names its counterpart by index.
    let pairs: Vec<&Value> = columns["pair"].as_array().unwrap().iter().collect();
    let paired: Vec<usize> = (0..pairs.len()).filter(|&k| !pairs[k].is_null()).collect();
    assert_eq!(paired.len(), 2, "{pairs:?}");
    assert_eq!(pairs[paired[0]].as_u64(), Some(paired[1] as u64));
    // The head holds its gap for the overview.
    let gaps = head(&f.html)["gaps"].as_array().unwrap().clone();
    assert_eq!(gaps.len(), 1);
    assert_eq!(gaps[0]["marketing"]["value"], 58.0);
    assert_eq!(gaps[0]["match"], "respectively");
}

#[test]
fn special_characters_in_articles_and_paths_are_escaped() {
    let f = Fixture::new();
    for raw in
        ["</script><script>alert(1)", "<b>bold</b>", "<i>budgets</i>", "<x>.txt", "corpus <&>"]
    {
        assert!(!f.html.contains(raw), "{raw:?} appears unescaped");
    }
    assert_eq!(article_text(&f.html, 0), NASTY_TEXT, "the article's text is embedded once, as is");
    assert_eq!(article_text(&f.html, 1), PLAIN_TEXT, "non-ASCII text is embedded as is");
    assert!(
        f.html.contains("corpus &lt;&amp;&gt;</title>"),
        "the corpus's name is escaped in HTML"
    );
    let ix = index(&f.html);
    let paths: Vec<&str> =
        ix["articles"]["path"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert_eq!(paths, [NASTY_NAME, PLAIN_NAME]);
}

#[test]
fn statuses_come_from_an_audit_file_and_mismatches_are_reported() {
    let f = Fixture::new();
    let dir = f._dir.path();
    let corpus = dir.join("corpus <&>");
    // The audit says one claim moved; the page takes its word for the status.
    let id = f.claims()[0]["id"].as_str().unwrap().to_string();
    let audit = dir.join("audit.jsonl");
    std::fs::write(
        &audit,
        format!(
            "{{\"type\":\"claim\",\"id\":\"{id}\",\"status\":\"inconsistent\",\"problems\":[\"p\"]}}\n\
             {{\"type\":\"summary\",\"claims\":4}}\n"
        ),
    )
    .unwrap();
    let html_path = dir.join("audited.html");
    let out = run(&[
        "report".as_ref(),
        f.out.as_os_str(),
        "--corpus".as_ref(),
        corpus.as_os_str(),
        "--audit".as_ref(),
        audit.as_os_str(),
        "-o".as_ref(),
        html_path.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let page = head(&std::fs::read_to_string(&html_path).unwrap());
    assert_eq!(page["statuses"], serde_json::json!(["verified", "inconsistent"]));

    // An edited article: its claims no longer hold, are listed, exit status 1.
    std::fs::write(corpus.join(PLAIN_NAME), format!("Edited. {PLAIN_TEXT}")).unwrap();
    let out = run(&[
        "report".as_ref(),
        f.out.as_os_str(),
        "--corpus".as_ref(),
        corpus.as_os_str(),
        "-o".as_ref(),
        html_path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("not highlighted").count(), 2, "{stderr}");
    let page = head(&std::fs::read_to_string(&html_path).unwrap());
    assert_eq!(page["statuses"], serde_json::json!(["verified", "mismatch"]));
}
