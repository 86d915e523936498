//! `claimscan report`, checked without a browser (tests/browser/run.sh
//! checks the page as Chromium renders it).
//!
//! The corpus is built in the test: an article whose text and file name
//! hold markup, a closing `</script>`, `&`, both kinds of quotes and a URL,
//! and one with curly quotes and an emoji (bytes, code points and UTF-16
//! differ). It is extracted with `claimscan extract` into a folder whose
//! name needs escaping too, then reported.

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
        let corpus = dir.path().join("corpus");
        for (name, text) in [(NASTY_NAME, NASTY_TEXT), (PLAIN_NAME, PLAIN_TEXT)] {
            let path = corpus.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let out = dir.path().join("out <&>");
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

/// JSON as it must appear inside a `<script>`: written independently of
/// the crate's own escaping, which this test checks.
fn in_script(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Every `<script ...>` element: its start tag and its contents.
fn scripts(html: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        let tag_end = at + rest[at..].find('>').unwrap() + 1;
        let close = tag_end + rest[tag_end..].find("</script>").expect("every script is closed");
        out.push((&rest[at..tag_end], &rest[tag_end..close]));
        rest = &rest[close + "</script>".len()..];
    }
    out
}

/// The document without the contents of its JSON data scripts.
fn without_data(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script type=\"application/json\"") {
        let tag_end = at + rest[at..].find('>').unwrap() + 1;
        let close = tag_end + rest[tag_end..].find("</script>").unwrap();
        out.push_str(&rest[..tag_end]);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

fn index(html: &str) -> Value {
    let (_, json) = scripts(html)
        .into_iter()
        .find(|(tag, _)| tag.contains("id=\"index\""))
        .expect("the page has an index");
    serde_json::from_str(json).expect("the index is JSON")
}

#[test]
fn the_page_is_self_contained() {
    let f = Fixture::new();
    let page = without_data(&f.html);
    for bad in
        ["http://", "https://", "<link", "<img", "<iframe", " src=", " href=", "@import", "url("]
    {
        assert!(!page.contains(bad), "the page outside its data holds {bad:?}");
    }
    let scripts = scripts(&f.html);
    let code: Vec<_> = scripts.iter().filter(|(tag, _)| *tag == "<script>").collect();
    assert_eq!(code.len(), 1, "one inline script");
    for (tag, _) in &scripts {
        assert!(
            *tag == "<script>" || tag.starts_with("<script type=\"application/json\" id=\""),
            "unexpected script tag {tag}"
        );
    }
    // One text per article, plus the index and the code: nothing else opened a script.
    assert_eq!(scripts.len(), 2 + 2);
    assert_eq!(f.html.matches("<script").count(), f.html.matches("</script>").count());
    assert!(f.html.contains("<style>"), "the style sheet is inline");
}

#[test]
fn every_claim_appears_escaped_in_the_embedded_data() {
    let f = Fixture::new();
    let claims = f.claims();
    assert_eq!(claims.len(), 4, "35%, 62%, 58%, 35%");
    let index = index(&f.html);
    let embedded: Vec<&Value> = index["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["claims"].as_array().unwrap())
        .collect();
    for c in &claims {
        let text = c["text"].as_str().unwrap();
        assert!(f.html.contains(&in_script(text)), "claim text {text:?} is embedded escaped");
        let e = embedded.iter().find(|e| e["id"] == c["id"]).expect("claim in the index");
        assert_eq!(e["text"], c["text"]);
        assert_eq!(e["population"], c["population"]);
        assert_eq!(e["status"], "verified");
        // Code-point offsets, as the page slices the text with them.
        assert_eq!(e["at"], serde_json::json!([c["char_start"], c["char_end"]]));
        if let Some(s) = c["subject"]["text"].as_str() {
            assert!(f.html.contains(&in_script(s)), "subject {s:?} is embedded escaped");
        }
    }
}

#[test]
fn special_characters_in_articles_and_paths_are_escaped() {
    let f = Fixture::new();
    for raw in ["</script><script>alert(1)", "<b>bold</b>", "<i>budgets</i>", "<x>.txt", "out <&>"]
    {
        assert!(!f.html.contains(raw), "{raw:?} appears unescaped");
    }
    assert!(f.html.contains(&in_script(NASTY_TEXT)), "the article's text is embedded escaped");
    assert!(f.html.contains(&in_script(PLAIN_TEXT)), "non-ASCII text is embedded as is");
    assert!(f.html.contains(&in_script(NASTY_NAME)), "the article's path is embedded escaped");
    assert!(f.html.contains("out &lt;&amp;&gt;</title>"), "the dataset's name is escaped in HTML");
    let index = index(&f.html);
    let paths: Vec<&str> =
        index["articles"].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap()).collect();
    assert_eq!(paths, [NASTY_NAME, PLAIN_NAME]);
}

#[test]
fn statuses_come_from_an_audit_file_and_mismatches_are_reported() {
    let f = Fixture::new();
    let dir = f._dir.path();
    let corpus = dir.join("corpus");
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
    let page = index(&std::fs::read_to_string(&html_path).unwrap());
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
    let page = index(&std::fs::read_to_string(&html_path).unwrap());
    assert_eq!(page["statuses"], serde_json::json!(["verified", "mismatch"]));
}
