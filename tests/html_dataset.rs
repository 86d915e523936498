//! Web pages through the whole pipeline: `claimscan extract` over a corpus
//! of pages, then `audit`, `audit --fix`, incremental runs, `show`,
//! `report` and `export`, run as a user runs them.
//!
//! The pages are those of `tests/html/make_pages.py` (the articles of
//! `../shared` gold, dev and train, and 40 BBC articles, each wrapped in the
//! markup of a news site, a blog and a press-release portal). For every
//! page, the dataset's claims equal those extracted from its plain text;
//! the dataset audits clean; each way of breaking it (a stored text altered
//! or deleted, a page edited, deleted or given another figure, a source
//! span moved) makes `audit` fail, and `audit --fix` and `extract` repair
//! what can be repaired. Bad HTML, extension policy and incremental reuse
//! have their own cases.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_claimscan");

#[path = "common/page.rs"]
mod page;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn bbc_corpus() -> PathBuf {
    std::env::var_os("CLAIMSCAN_BBC_CORPUS")
        .map_or_else(|| shared().join("corpora/bbc-news-2004-2005"), PathBuf::from)
}

/// The plain-text corpus of each set the pages were made from.
fn plain_corpora() -> [(&'static str, PathBuf); 4] {
    [
        ("gold", shared().join("gold/corpus")),
        ("dev", shared().join("dev/corpus")),
        ("train", shared().join("train/corpus")),
        ("bbc", bbc_corpus()),
    ]
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(cwd).env("NO_COLOR", "1").output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn claims(ds: &Path) -> Vec<Value> {
    read(&ds.join("claims.jsonl")).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn manifest(ds: &Path) -> Value {
    serde_json::from_str(&read(&ds.join("manifest.json"))).unwrap()
}

fn entry(ds: &Path, path: &str) -> Value {
    let m = manifest(ds);
    m["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == path)
        .unwrap_or_else(|| panic!("{path} is not in the manifest"))
        .clone()
}

fn n(v: &Value) -> usize {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}")) as usize
}

/// `audit DS --json` in `cwd`: exit status, claim lines, summary.
fn audit_json(cwd: &Path, ds: &Path, extra: &[&str]) -> (Option<i32>, Vec<Value>, Value) {
    let mut args = vec!["audit", ds.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let o = run(cwd, &args);
    let mut lines: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}\n{}", text(&o))))
        .collect();
    let summary = lines.pop().unwrap_or_else(|| panic!("no summary: {}", text(&o)));
    assert_eq!(summary["type"], "summary", "{summary}");
    (o.status.code(), lines, summary)
}

/// White space collapsed (U+00A0 included) and a space before `%` dropped:
/// a page may write `62&nbsp;%` where the article has `62%`, and HTML
/// collapses the double spaces of a few articles.
fn norm(s: &str) -> String {
    let collapsed = s.split(char::is_whitespace).filter(|w| !w.is_empty()).collect::<Vec<_>>();
    collapsed.join(" ").replace(" %", "%")
}

/// What is compared between a claim of a page and one of its plain text:
/// expression, value, bound, population, subject, evidence, role and its
/// rule, and the pair (its rule and the other claim's place in the article,
/// since ids differ).
type Key = (String, String, String, String, Option<String>, String, String, Option<String>);

/// The keys of an article's claims, in order.
fn keys(claims: &[Value]) -> Vec<Key> {
    let at = |id: &Value| claims.iter().position(|c| c["id"] == *id);
    claims
        .iter()
        .map(|c| {
            (
                norm(c["text"].as_str().unwrap()),
                c["value"].to_string(),
                c["bound"].to_string(),
                c["population"].to_string(),
                c["subject"]["text"].as_str().map(norm),
                norm(c["evidence"].as_str().unwrap()),
                format!("{} ({})", c["role"], c["role_rule"]),
                c["pair"].is_object().then(|| {
                    format!("{} with claim {:?}", c["pair"]["rule"], at(&c["pair"]["id"]))
                }),
            )
        })
        .collect()
}

/// The generated pages, made once per run: the corpus folder and
/// `pages.json` (each page's `page`, `article`, `set`, `kind`).
struct Pages {
    corpus: PathBuf,
    index: Vec<Value>,
}

impl Pages {
    /// A page's path relative to the corpus: its claims' `article`.
    fn rel(&self, record: &Value) -> String {
        let page = Path::new(record["page"].as_str().unwrap());
        page.strip_prefix(&self.corpus).unwrap().to_str().unwrap().replace('\\', "/")
    }
}

fn pages() -> &'static Pages {
    static PAGES: OnceLock<Pages> = OnceLock::new();
    PAGES.get_or_init(|| {
        let corpus = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-dataset/pages");
        let _ = std::fs::remove_dir_all(&corpus);
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/html/make_pages.py");
        let sets: Vec<String> = plain_corpora()
            .iter()
            .map(|(set, dir)| match *set {
                "bbc" => format!("{set}={}:40", dir.display()),
                _ => format!("{set}={}", dir.display()),
            })
            .collect();
        let status =
            Command::new("python3").arg(&script).arg(&corpus).args(&sets).status().unwrap();
        assert!(status.success(), "make_pages.py failed: {status}");
        let index: Value = serde_json::from_str(&read(&corpus.join("pages.json"))).unwrap();
        Pages {
            corpus: std::fs::canonicalize(&corpus).unwrap(),
            index: index.as_array().unwrap().clone(),
        }
    })
}

/// The dataset of all the pages, extracted once per run.
fn html_dataset() -> &'static PathBuf {
    static DS: OnceLock<PathBuf> = OnceLock::new();
    DS.get_or_init(|| {
        let p = pages();
        let ds = p.corpus.parent().unwrap().join("ds");
        let _ = std::fs::remove_dir_all(&ds);
        let o = run(&p.corpus, &["extract", ".", "-o", ds.to_str().unwrap(), "-q"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        ds
    })
}

/// Claims by article.
fn by_article(claims: Vec<Value>) -> BTreeMap<String, Vec<Value>> {
    let mut out: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for c in claims {
        out.entry(c["article"].as_str().unwrap().to_string()).or_default().push(c);
    }
    out
}

#[test]
fn claims_of_pages_equal_claims_of_their_plain_texts() {
    let p = pages();
    let from_pages = by_article(claims(html_dataset()));
    let work = p.corpus.parent().unwrap();
    let mut from_texts: BTreeMap<String, BTreeMap<String, Vec<Value>>> = BTreeMap::new();
    for (set, dir) in plain_corpora() {
        let out = work.join(format!("plain-{set}"));
        let o = run(work, &["extract", dir.to_str().unwrap(), "-o", out.to_str().unwrap(), "-q"]);
        assert_eq!(o.status.code(), Some(0), "{set}: {}", text(&o));
        from_texts.insert(set.to_string(), by_article(claims(&out)));
    }
    // Per set: pages, pages whose claims are equal, claims.
    let mut tally: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for record in &p.index {
        let set = record["set"].as_str().unwrap();
        let rel = p.rel(record);
        let article = Path::new(record["article"].as_str().unwrap());
        let name = article.file_name().unwrap().to_str().unwrap();
        let none = Vec::new();
        let page_claims = keys(from_pages.get(&rel).unwrap_or(&none));
        let text_claims = keys(from_texts[set].get(name).unwrap_or(&none));
        let t = tally.entry(set.to_string()).or_default();
        t.0 += 1;
        t.2 += page_claims.len();
        if page_claims == text_claims {
            t.1 += 1;
        } else {
            let at = page_claims.iter().zip(&text_claims).position(|(a, b)| a != b);
            failures.push(format!(
                "{rel}: {} claims from the page, {} from {name}; first difference at {at:?}",
                page_claims.len(),
                text_claims.len()
            ));
        }
    }
    println!("{:<6} {:>6} {:>12} {:>7}", "set", "pages", "equal", "claims");
    for (set, (pages, equal, claims)) in &tally {
        println!("{set:<6} {pages:>6} {:>12} {claims:>7}", format!("{equal}/{pages}"));
    }
    assert!(failures.is_empty(), "{} pages differ:\n{}", failures.len(), failures.join("\n"));
    for set in ["gold", "dev", "train", "bbc"] {
        assert!(tally.get(set).is_some_and(|t| t.0 > 0), "no page of {set}: is ../shared there?");
    }
    let total: usize = tally.values().map(|t| t.2).sum();
    assert!(total > 1000, "only {total} claims");
}

#[test]
fn the_dataset_of_pages_audits_clean() {
    let ds = html_dataset();
    let (code, lines, summary) = audit_json(pages().corpus.parent().unwrap(), ds, &[]);
    assert_eq!(code, Some(0), "{lines:?}\n{summary}");
    assert_eq!(summary["verified"], summary["claims"], "{summary}");
    assert!(n(&summary["claims"]) > 1000, "{summary}");
    assert_eq!(n(&summary["articles"]), pages().index.len(), "{summary}");
    // Every claim of the generated pages maps to its bytes in the page, and
    // every article is stored as its text.
    let all = claims(ds);
    let spans = all.iter().filter(|c| c["source_span"].is_object()).count();
    assert_eq!(spans, all.len(), "claims without a source span");
    for a in manifest(ds)["articles"].as_array().unwrap() {
        assert_eq!(a["format"], "html", "{a}");
        let stored = ds.join(a["text_file"].as_str().unwrap());
        assert_eq!(std::fs::metadata(&stored).unwrap().len(), a["text_bytes"].as_u64().unwrap());
    }
}

/// A small dataset of pages (the gold set's) in a folder of its own, for
/// tests that break it.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let p = pages();
        for record in p.index.iter().filter(|r| r["set"] == "gold") {
            let to = corpus.join(p.rel(record));
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(record["page"].as_str().unwrap(), to).unwrap();
        }
        let f = Fixture { dir };
        let o = f.run(&["extract", "corpus", "-o", "ds", "-q"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        f
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn ds(&self) -> PathBuf {
        self.path("ds")
    }

    fn run(&self, args: &[&str]) -> Output {
        run(self.dir.path(), args)
    }

    fn audit(&self, extra: &[&str]) -> (Option<i32>, Vec<Value>, Value) {
        audit_json(self.dir.path(), &self.ds(), extra)
    }

    /// A claim of a page with a source span, its page path and its stored text's path.
    fn claim(&self) -> (Value, PathBuf, PathBuf) {
        let c = claims(&self.ds()).into_iter().find(|c| c["source_span"].is_object()).unwrap();
        let article = c["article"].as_str().unwrap();
        let stored = entry(&self.ds(), article)["text_file"].as_str().unwrap().to_string();
        (c.clone(), self.path("corpus").join(article), self.ds().join(stored))
    }

    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for e in walkdir::WalkDir::new(self.ds()) {
            let e = e.unwrap();
            if e.file_type().is_file() && !e.file_name().to_str().unwrap().starts_with('.') {
                let rel = e.path().strip_prefix(self.ds()).unwrap().display().to_string();
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
        out
    }
}

/// The bytes with the ASCII digit at `at` replaced by another digit.
fn other_digit(mut bytes: Vec<u8>, at: usize) -> Vec<u8> {
    assert!(bytes[at].is_ascii_digit(), "byte {at} is {:?}", bytes[at] as char);
    bytes[at] = if bytes[at] == b'9' { b'1' } else { bytes[at] + 1 };
    bytes
}

#[test]
fn an_altered_stored_text_fails_the_audit_and_fix_writes_it_again() {
    let f = Fixture::new();
    let (c, _, stored) = f.claim();
    let before = std::fs::read(&stored).unwrap();
    std::fs::write(&stored, other_digit(before.clone(), n(&c["start"]))).unwrap();
    let (code, _, summary) = f.audit(&[]);
    assert_eq!(code, Some(1), "{summary}");
    let wrong = &summary["wrong_stored_texts"][0];
    assert_eq!(wrong["path"], c["article"], "{summary}");
    let reason = wrong["reason"].as_str().unwrap();
    assert!(reason.starts_with("changed since extraction"), "{reason}");
    assert!(reason.contains("of its claims do not hold in it"), "{reason}");
    let (code, _, summary) = f.audit(&["--fix"]);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(summary["fix"]["texts"], 1, "{summary}");
    assert_eq!(std::fs::read(&stored).unwrap(), before, "the stored text is written again");
    assert_eq!(f.audit(&[]).0, Some(0));
}

#[test]
fn a_deleted_stored_text_fails_the_audit_and_fix_writes_it_again() {
    let f = Fixture::new();
    let (_, _, stored) = f.claim();
    let before = std::fs::read(&stored).unwrap();
    std::fs::remove_file(&stored).unwrap();
    let (code, _, summary) = f.audit(&[]);
    assert_eq!(code, Some(1), "{summary}");
    assert_eq!(summary["wrong_stored_texts"][0]["reason"], "missing (not found)", "{summary}");
    assert_eq!(f.audit(&["--fix"]).0, Some(0));
    assert_eq!(std::fs::read(&stored).unwrap(), before);
}

#[test]
fn a_figure_edited_in_the_page_fails_the_audit() {
    let f = Fixture::new();
    let (c, page, _) = f.claim();
    let span = &c["source_span"];
    let html = std::fs::read(&page).unwrap();
    let at = (n(&span["start"])..n(&span["end"])).find(|&i| html[i].is_ascii_digit()).unwrap();
    std::fs::write(&page, other_digit(html, at)).unwrap();
    let (code, lines, summary) = f.audit(&[]);
    assert_eq!(code, Some(1), "{summary}");
    assert_eq!(summary["changed_articles"][0], c["article"], "{summary}");
    let line = lines.iter().find(|l| l["id"] == c["id"]).expect("a line for the claim");
    assert_eq!(line["status"], "missing", "{line}");
    assert!(line["figure_now"].is_object(), "the edited figure is named: {line}");
    // --fix flags it; extract extracts the page again, and all is clean.
    let (code, _, summary) = f.audit(&["--fix"]);
    assert_eq!(code, Some(1), "{summary}");
    assert_eq!(summary["fix"]["flagged"], 1, "{summary}");
    let o = f.run(&["extract", "corpus", "-o", "ds"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 changed"), "{}", text(&o));
    assert_eq!(f.audit(&[]).0, Some(0));
}

#[test]
fn a_moved_source_span_fails_the_audit_and_fix_restores_it() {
    let f = Fixture::new();
    let (c, _, _) = f.claim();
    let original = read(&f.ds().join("claims.jsonl"));
    let span = &c["source_span"];
    for (name, replacement) in [
        (
            "one byte later",
            format!(
                r#""source_span":{{"start":{},"end":{}}}"#,
                n(&span["start"]) + 1,
                n(&span["end"]) + 1
            ),
        ),
        ("dropped", String::new()),
    ] {
        let old = format!(r#","source_span":{{"start":{},"end":{}}}"#, span["start"], span["end"]);
        let new = if replacement.is_empty() { String::new() } else { format!(",{replacement}") };
        assert_eq!(original.matches(&old).count(), 1, "{name}");
        std::fs::write(f.ds().join("claims.jsonl"), original.replace(&old, &new)).unwrap();
        let (code, lines, summary) = f.audit(&[]);
        assert_eq!(code, Some(1), "{name}: {summary}");
        let line = lines.iter().find(|l| l["id"] == c["id"]).expect("a line for the claim");
        assert_eq!(line["status"], "inconsistent", "{name}: {line}");
        assert!(line["problems"][0].as_str().unwrap().starts_with("source_span is"), "{line}");
        assert_eq!(line["location"]["source_span"], *span, "{name}: {line}");
        assert_eq!(f.audit(&["--fix"]).0, Some(0), "{name}");
        let fixed = claims(&f.ds()).into_iter().find(|x| x["id"] == c["id"]).unwrap();
        assert_eq!(fixed["source_span"], *span, "{name}");
    }
}

#[test]
fn an_edited_page_is_re_anchored_and_extracted_again_as_a_full_rebuild_would() {
    let f = Fixture::new();
    let (c, page, old_stored) = f.claim();
    let html = read(&page);
    // A paragraph before the claim's, inside the article.
    let at = html[..n(&c["source_span"]["start"])].rfind("<p").unwrap();
    let edited = format!("{}<p>A paragraph added before it.</p>\n{}", &html[..at], &html[at..]);
    std::fs::write(&page, edited).unwrap();
    let (code, lines, summary) = f.audit(&[]);
    assert_eq!(code, Some(1), "{summary}");
    assert!(n(&summary["moved"]) > 0, "{summary}");
    let line = lines.iter().find(|l| l["id"] == c["id"]).unwrap();
    assert_eq!(line["status"], "moved", "{line}");
    let (code, _, summary) = f.audit(&["--fix"]);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(summary["fix"]["texts"], 1, "{summary}");
    assert!(!old_stored.exists(), "the stored text of the old page is deleted");
    let e = entry(&f.ds(), c["article"].as_str().unwrap());
    assert!(f.ds().join(e["text_file"].as_str().unwrap()).is_file(), "{e}");
    assert!(e["audited"].is_object(), "{e}");
    // Audit again: clean. Extract: the page again, as a full rebuild would.
    assert_eq!(f.audit(&[]).0, Some(0));
    let o = f.run(&["extract", "corpus", "-o", "ds"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 changed"), "{}", text(&o));
    let o = f.run(&["extract", "corpus", "-o", "full", "--full", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(read(&f.ds().join("claims.jsonl")), read(&f.path("full/claims.jsonl")));
    assert_eq!(manifest(&f.ds())["articles"], manifest(&f.path("full"))["articles"]);
    let stored = |ds: &str| -> Vec<String> {
        walkdir::WalkDir::new(f.path(ds).join("texts"))
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(f.path(ds)).unwrap().display().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(stored("ds"), stored("full"), "the same stored texts, no stale one");
}

#[test]
fn a_deleted_page_fails_the_audit_but_its_claims_hold_in_the_stored_text() {
    let f = Fixture::new();
    let (c, page, _) = f.claim();
    std::fs::remove_file(&page).unwrap();
    let (code, lines, summary) = f.audit(&[]);
    assert_eq!(code, Some(1), "{summary}");
    assert!(lines.is_empty(), "every claim verifies against the stored text: {lines:?}");
    let missing = &summary["missing_articles"][0];
    assert_eq!(missing["path"], c["article"], "{summary}");
    let reason = missing["reason"].as_str().unwrap();
    assert!(reason.contains("checked against its stored text"), "{reason}");
    // `show` needs no page: it reads the stored text.
    let o = f.run(&["show", c["id"].as_str().unwrap(), "ds"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
}

#[test]
fn incremental_runs_reuse_a_page_only_with_its_stored_text() {
    let f = Fixture::new();
    let extract = |f: &Fixture| {
        let o = f.run(&["extract", "corpus", "-o", "ds"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        err.lines().find(|l| l.starts_with("incremental:")).unwrap_or_default().to_string()
    };
    let pages = manifest(&f.ds())["articles"].as_array().unwrap().len();
    assert!(extract(&f).contains(&format!("0 new, 0 changed, {pages} unchanged")));
    let before = f.files();
    // An altered stored text: that page is extracted again, its text written.
    let (c, page, stored) = f.claim();
    std::fs::write(&stored, "altered").unwrap();
    assert!(extract(&f).contains("0 new, 1 changed"));
    assert_eq!(f.files(), before, "the dataset is as it was");
    // A deleted stored text, likewise.
    std::fs::remove_file(&stored).unwrap();
    assert!(extract(&f).contains("0 new, 1 changed"));
    assert_eq!(f.files(), before);
    // A deleted page: its claims and its stored text go.
    std::fs::remove_file(&page).unwrap();
    assert!(extract(&f).contains("1 removed"));
    assert!(!stored.exists(), "the stored text of a removed page is deleted");
    assert!(claims(&f.ds()).iter().all(|x| x["article"] != c["article"]));
    assert_eq!(f.audit(&[]).0, Some(0));
}

#[test]
fn show_report_and_export_read_the_stored_text() {
    let f = Fixture::new();
    // Without the corpus: they need only the dataset.
    std::fs::rename(f.path("corpus"), f.path("elsewhere")).unwrap();
    let (c, _, _) = f.claim();
    let o = f.run(&["show", c["id"].as_str().unwrap(), "ds"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let span = &c["source_span"];
    let page_line = format!(
        "in page:    bytes {}..{} of {}",
        span["start"],
        span["end"],
        c["article"].as_str().unwrap()
    );
    assert!(out.contains(&page_line), "{out}");
    assert!(out.contains(&format!("[[{}]]", c["text"].as_str().unwrap())), "{out}");
    let o = f.run(&["report", "ds", "-o", "report.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let all = claims(&f.ds()).len();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("{all} of {all} claims highlighted")), "{err}");
    // The page holds each article's stored text, not its markup, and every
    // claim's offsets (UTF-16, as the page slices) spell its text in it.
    let html = read(&f.path("report.html"));
    let ix = page::index(&html);
    let paths = ix["articles"]["path"].as_array().unwrap();
    let mut texts = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let chunk = ix["articles"]["chunk"][i].as_u64().unwrap();
        let [from, to] = [0, 1].map(|k| ix["articles"]["bytes"][i][k].as_u64().unwrap() as usize);
        let bytes = page::unpacked(&html, &format!("z{chunk}"))[from..to].to_vec();
        let shown = String::from_utf8(bytes).unwrap();
        let e = entry(&f.ds(), path.as_str().unwrap());
        let stored = read(&f.ds().join(e["text_file"].as_str().unwrap()));
        assert_eq!(shown, stored, "{path}: the report shows the stored article text");
        assert!(!shown.contains("<p") && !shown.contains("</"), "{path}: markup in the report");
        texts.push(shown);
    }
    let columns = &ix["claims"];
    let ids = columns["id"].as_array().unwrap();
    assert_eq!(ids.len(), all);
    for k in 0..ids.len() {
        let text = &texts[columns["article"][k].as_u64().unwrap() as usize];
        let units: Vec<u16> = text.encode_utf16().collect();
        let [s, e] = [0, 1].map(|j| columns["at"][k][j].as_u64().unwrap() as usize);
        let spelled = String::from_utf16(&units[s..e]).unwrap();
        assert_eq!(spelled, columns["text"][k].as_str().unwrap(), "claim {}", ids[k]);
    }
    let o = f.run(&["export", "--format", "csv", "ds", "-o", "claims.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // audit needs the pages, and says where it looked.
    let o = f.run(&["audit", "ds"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("pass --corpus DIR"), "{}", text(&o));
    let (code, _, summary) = f.audit(&["--corpus", "elsewhere"]);
    assert_eq!(code, Some(0), "{summary}");
}

/// Bad input: (name, file, bytes, status, a warning containing, claims).
/// The batch goes on past every one.
#[allow(clippy::type_complexity)]
const BAD: &[(&str, &str, &[u8], &str, Option<&str>, usize)] = &[
    (
        "unclosed tags are read as a browser reads them",
        "unclosed.html",
        b"<html><body><div><p>Of the CIOs, 45% agreed.<p>And 30% of CMOs did.",
        "ok",
        None,
        2,
    ),
    (
        "a page cut off inside a comment",
        "cut.html",
        b"<p>Of the CIOs, 45% agreed.</p><!-- 99% of the rest",
        "ok",
        Some("the page ends inside a comment"),
        1,
    ),
    (
        "a page cut off inside a script",
        "cut-script.html",
        b"<p>Of the CIOs, 45% agreed.</p><script>var share = '99%'; <p>More 30% text",
        "ok",
        Some("the page ends inside an unclosed <script>"),
        1,
    ),
    (
        "a charset declaration the bytes contradict",
        "latin1.html",
        b"<meta charset=utf-8><p>Caf\xe9 owners: 45% of CIOs agreed.</p>",
        "ok",
        Some("declares UTF-8 but is not valid UTF-8"),
        1,
    ),
    (
        "a declared legacy charset over UTF-8 bytes",
        "declared-latin1.html",
        "<meta charset=iso-8859-1><p>Caf\u{e9} owners: 45% of CIOs agreed.</p>".as_bytes(),
        "ok",
        Some("but is valid UTF-8"),
        1,
    ),
    (
        "a file that is HTML in all but name is read as text",
        "page.txt",
        b"<!DOCTYPE html><html><body><p>Of the CIOs, 45% agreed.</p></body></html>",
        "ok",
        Some("looks like an HTML page but is named as text"),
        1,
    ),
    (
        "a binary file named .html",
        "binary.html",
        b"<html>\0\x01\x02",
        "error: binary file (NUL byte at offset 6)",
        None,
        0,
    ),
    ("an empty page", "empty.html", b"", "ok", Some("the page shows no text"), 0),
    (
        "a page of furniture only",
        "nav.html",
        b"<nav><a href=/>Home</a> <a href=/n>News: 45% of CIOs</a></nav>",
        "ok",
        Some("all the page's text was left out as furniture"),
        0,
    ),
    (
        "a UTF-16 page",
        "utf16.html",
        b"\xff\xfe<\0p\0>\0O\0f\0 \0t\0h\0e\0 \0C\0I\0O\0s\0,\0 \x004\x005\0%\0 \0a\0g\0r\0e\0e\0d\0.\0",
        "ok",
        None,
        1,
    ),
];

#[test]
fn bad_html_is_recorded_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (_, file, bytes, ..) in BAD {
        std::fs::write(corpus.join(file), bytes).unwrap();
    }
    let o = run(dir.path(), &["extract", "corpus", "-o", "ds"]);
    assert_eq!(o.status.code(), Some(1), "one article failed: {}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    let ds = dir.path().join("ds");
    for (name, file, _, status, warning, count) in BAD {
        let e = entry(&ds, file);
        assert_eq!(e["status"], *status, "{name}: {e}");
        assert_eq!(n(&e["claims"]), *count, "{name}: {e}");
        let warnings: Vec<&str> = e["warnings"]
            .as_array()
            .map(|w| w.iter().map(|w| w.as_str().unwrap()).collect())
            .unwrap_or_default();
        match warning {
            None => assert!(warnings.is_empty(), "{name}: {warnings:?}"),
            Some(w) => {
                assert!(warnings.len() == 1 && warnings[0].contains(w), "{name}: {warnings:?}");
                assert!(err.contains(&format!("{file}: warning: ")), "{name}: {err}");
            }
        }
        let html = file.ends_with(".html");
        assert_eq!(e["format"] == "html", html, "{name}: {e}");
        assert_eq!(e["text_file"].is_string(), html && *status == "ok", "{name}: {e}");
    }
    assert!(err.contains("binary.html: error: binary file"), "{err}");
    // Every claim audits; the failed page is failed as recorded.
    let (code, lines, summary) = audit_json(dir.path(), &ds, &[]);
    assert_eq!(code, Some(0), "{lines:?} {summary}");
    assert_eq!(summary["failed_as_recorded"][0], "binary.html", "{summary}");
}

#[test]
fn pages_are_read_by_default_and_ext_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Of the CIOs, 45% agreed.\n").unwrap();
    std::fs::write(corpus.join("b.html"), "<p>Of the CMOs, <b>30</b>&#37; agreed.</p>").unwrap();
    std::fs::write(corpus.join("c.htm"), "<p>Of the CMOs, 20% agreed.</p>").unwrap();
    std::fs::write(corpus.join("D.HTML"), "<p>Of the CMOs, 10% agreed.</p>").unwrap();
    let cases: [(&str, &[&str], &[&str]); 4] = [
        ("by default: text and pages", &[], &["a.txt", "b.html", "c.htm"]),
        ("--ext txt: text only", &["--ext", "txt"], &["a.txt"]),
        ("--ext html: pages only", &["--ext", "html"], &["b.html"]),
        ("--ext HTML,txt: a page in upper case", &["--ext", "HTML,txt"], &["D.HTML", "a.txt"]),
    ];
    for (name, extra, want) in cases {
        let mut args = vec!["extract", "corpus", "-o", "ds", "-q", "--full"];
        args.extend_from_slice(extra);
        let o = run(dir.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o));
        let m = manifest(&dir.path().join("ds"));
        let got: Vec<&str> =
            m["articles"].as_array().unwrap().iter().map(|a| a["path"].as_str().unwrap()).collect();
        assert_eq!(got, want, "{name}");
        for a in m["articles"].as_array().unwrap() {
            let page = !a["path"].as_str().unwrap().ends_with(".txt");
            assert_eq!(a["format"] == "html", page, "{name}: {a}");
        }
    }
    let b = claims(&dir.path().join("ds"));
    assert!(b.iter().all(|c| c["source_span"].is_object() == (c["article"] != "a.txt")));
}

/// The README's example page (`tests/data/pages/survey.html`) gives what
/// the README says: the five figures of the article, none of the page's
/// furniture, claims that audit, and `show`'s line for `20&#37;`.
#[test]
fn the_readme_example_page() {
    let dir = tempfile::tempdir().unwrap();
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pages");
    let o = run(dir.path(), &["extract", pages.to_str().unwrap(), "-o", "pages", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let ds = dir.path().join("pages");
    let all = claims(&ds);
    let texts: Vec<&str> = all.iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["62%", "41\u{a0}%", "20%", "half", "3 in 10"]);
    let e = entry(&ds, "survey.html");
    assert_eq!(e["format"], "html");
    assert!(e["warnings"].is_null(), "{e}");
    let stored = read(&ds.join(e["text_file"].as_str().unwrap()));
    for furniture in ["cookies", "Markets", "Related", "99%", "rights reserved", "width", "75%"] {
        assert!(!stored.contains(furniture), "{furniture:?} in {stored}");
    }
    let (code, lines, summary) = audit_json(dir.path(), &ds, &[]);
    assert_eq!(code, Some(0), "{lines:?} {summary}");
    assert_eq!(summary["verified"], 5, "{summary}");
    let id = all[2]["id"].as_str().unwrap();
    assert_eq!(id, "c-3cbd76ccef434744", "the README shows this id");
    let o = run(dir.path(), &["show", id, "pages"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("in page:    bytes 911..918 of survey.html"), "{out}");
    let page = std::fs::read(pages.join("survey.html")).unwrap();
    assert_eq!(&page[911..918], b"20&#37;");
    // Exports carry the stored article text, which their offsets refer to.
    let o = run(dir.path(), &["export", "--format", "brat", "pages", "-o", "brat"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(read(&dir.path().join("brat/survey.txt")), stored);
    let ann = read(&dir.path().join("brat/survey.ann"));
    // brat counts code points: the NBSP of `41&nbsp;%` before it is one.
    assert!(ann.contains("T3\tit 221 224\t20%"), "{ann}");
    let o = run(dir.path(), &["export", "--format", "label-studio", "pages", "-o", "ls.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let tasks: Value = serde_json::from_str(&read(&dir.path().join("ls.json"))).unwrap();
    assert_eq!(tasks[0]["data"]["text"], stored.as_str());
}
