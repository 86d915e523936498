//! Dataset safety: what `extract`, `audit --fix` and the commands that read a
//! dataset must never do to it (issue 14). Each test drives the binary as a
//! user would: edits a corpus, runs commands from some working directory and
//! checks the files, the exit status and what is said.

use proptest::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

#[path = "common/cli.rs"]
mod cli;
use cli::{BIN, run};

/// Runs the binary with `input` on its standard input.
fn run_with_stdin(cwd: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn manifest(dataset: &Path) -> Value {
    serde_json::from_slice(&fs::read(dataset.join("manifest.json")).unwrap()).unwrap()
}

fn entry<'a>(manifest: &'a Value, path: &str) -> &'a Value {
    manifest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["path"] == path)
        .unwrap_or_else(|| panic!("no article {path} in {manifest}"))
}

fn claims(dataset: &Path) -> Vec<Value> {
    fs::read_to_string(dataset.join("claims.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const A: &str = "Survey of CMOs and CIOs.\nAbout 30% of CMOs say budgets grew.\n\
                 Meanwhile 62% of CIOs disagree with the plan.\n";
const B: &str = "Résumé 🚀: 48% of marketers plan to hire.\nAnd 20% of IT teams ship weekly.\n";
const C: &str = "Übersicht. About 41% of CIOs and 52% of CMOs agree.\n";

fn write_corpus(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    for (name, text) in [("a.txt", A), ("b.txt", B), ("c.txt", C)] {
        fs::write(dir.join(name), text).unwrap();
    }
}

/// Both files of two datasets, for comparison.
fn files(dataset: &Path) -> (String, String) {
    (
        fs::read_to_string(dataset.join("claims.jsonl")).unwrap(),
        fs::read_to_string(dataset.join("manifest.json")).unwrap(),
    )
}

// ---------------------------------------------------------------------------
// 1. An incremental extract after `audit --fix` never keeps stale claims.

/// The steps: a value edited in one article, a sentence added to
/// another, `audit --fix`, then an incremental `extract`: the new figures
/// are extracted and the dataset is what a full rebuild gives.
#[test]
fn incremental_extract_after_fix_extracts_the_edited_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (corpus, out) = (dir.path().join("corpus"), dir.path().join("ds"));
    write_corpus(&corpus);
    assert_eq!(run(dir.path(), &["extract", "corpus", "-o", "ds", "-q"]).status.code(), Some(0));
    fs::write(corpus.join("a.txt"), A.replace("30%", "31%")).unwrap();
    fs::write(corpus.join("b.txt"), format!("New: 77% of CIOs agree.\n{B}")).unwrap();
    let fix = run(dir.path(), &["audit", "ds", "--fix"]);
    assert_ne!(fix.status.code(), Some(2), "{}", text(&fix));
    let o = run(dir.path(), &["extract", "corpus", "-o", "ds"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(stderr(&o).contains("incremental: 0 new, 2 changed, 1 unchanged"), "{}", stderr(&o));
    let figures: Vec<String> =
        claims(&out).iter().map(|c| c["text"].as_str().unwrap().to_string()).collect();
    assert!(figures.contains(&"31%".to_string()), "{figures:?}");
    assert!(figures.contains(&"77%".to_string()), "{figures:?}");
    assert!(!figures.contains(&"30%".to_string()), "stale claim kept: {figures:?}");
    let full = dir.path().join("full");
    assert_eq!(run(dir.path(), &["extract", "corpus", "-o", "full", "-q"]).status.code(), Some(0));
    assert_eq!(files(&out), files(&full));
}

/// `audit --fix` keeps the checksum the claims were extracted from and
/// records the text it re-anchored them to beside it.
#[test]
fn fix_keeps_the_extraction_checksum_and_records_the_reanchoring() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(&dir.path().join("corpus"));
    run(dir.path(), &["extract", "corpus", "-o", "ds", "-q"]);
    let before = entry(&manifest(&dir.path().join("ds")), "b.txt").clone();
    let edited = format!("Preface.\n{B}");
    fs::write(dir.path().join("corpus/b.txt"), &edited).unwrap();
    let o = run(dir.path(), &["audit", "ds", "--fix"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let after = manifest(&dir.path().join("ds"));
    let b = entry(&after, "b.txt");
    assert_eq!((&b["sha256"], &b["bytes"]), (&before["sha256"], &before["bytes"]), "{b}");
    let sha = sha256_hex(edited.as_bytes());
    assert_eq!(b["audited"]["sha256"], sha.as_str(), "{b}");
    assert_eq!(b["audited"]["bytes"], edited.len(), "{b}");
    // Audit now finds the article as re-anchored, and says extract will redo it.
    let o = run(dir.path(), &["audit", "ds"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("b.txt: edited since extraction"), "{}", text(&o));
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// One step of a user's session.
#[derive(Debug, Clone)]
enum Step {
    /// Adds one to the `nth` figure of an article ("30%" → "31%").
    EditValue(usize, usize),
    /// Inserts a sentence (with a figure when `with_figure`) before line `line`.
    Insert { article: usize, line: usize, with_figure: bool },
    /// Puts an article back as it was first written.
    Revert(usize),
    /// Deletes an article.
    Delete(usize),
    /// `claimscan audit --fix`.
    Fix,
    /// An incremental `claimscan extract`.
    Extract,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..3usize).prop_map(|(a, n)| Step::EditValue(a, n)),
        (0..3usize, 0..4usize, any::<bool>())
            .prop_map(|(article, line, with_figure)| Step::Insert { article, line, with_figure }),
        (0..3usize).prop_map(Step::Revert),
        (0..3usize).prop_map(Step::Delete),
        Just(Step::Fix),
        Just(Step::Fix),
        Just(Step::Extract),
        Just(Step::Extract),
    ]
}

const NAMES: [&str; 3] = ["a.txt", "b.txt", "c.txt"];
const ORIGINALS: [&str; 3] = [A, B, C];

fn apply(corpus: &Path, step: &Step) {
    match *step {
        Step::EditValue(k, nth) => {
            let path = corpus.join(NAMES[k]);
            let Ok(t) = fs::read_to_string(&path) else { return };
            let figures: Vec<(usize, u32)> = t
                .match_indices('%')
                .filter_map(|(i, _)| {
                    let digits = t[..i].chars().rev().take_while(char::is_ascii_digit).count();
                    (digits > 0).then(|| (i - digits, t[i - digits..i].parse().unwrap()))
                })
                .collect();
            if let Some(&(at, v)) = figures.get(nth % figures.len().max(1)) {
                let len = v.to_string().len();
                let new = format!("{}{}{}", &t[..at], (v + 1) % 100, &t[at + len..]);
                fs::write(path, new).unwrap();
            }
        }
        Step::Insert { article, line, with_figure } => {
            let path = corpus.join(NAMES[article]);
            let t = fs::read_to_string(&path).unwrap_or_default();
            let mut lines: Vec<&str> = t.split_inclusive('\n').collect();
            let sentence = if with_figure { "Also 44% of CIOs agree.\n" } else { "A note.\n" };
            lines.insert(line.min(lines.len()), sentence);
            fs::write(path, lines.concat()).unwrap();
        }
        Step::Revert(k) => fs::write(corpus.join(NAMES[k]), ORIGINALS[k]).unwrap(),
        Step::Delete(k) => {
            let _ = fs::remove_file(corpus.join(NAMES[k]));
        }
        Step::Fix | Step::Extract => {}
    }
}

/// Runs `steps` (then a last incremental extract); after every extract,
/// the dataset must be byte for byte what `--full` gives in a sibling folder.
fn session(steps: &[Step]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus);
    let o = run(dir.path(), &["extract", "corpus", "-o", "ds", "-q"]);
    prop_assert!(o.status.code().is_some_and(|c| c < 2), "{}", text(&o));
    let mut done = Vec::new();
    for step in steps.iter().chain([&Step::Extract]) {
        done.push(step.clone());
        apply(&corpus, step);
        match step {
            Step::Fix => {
                let o = run(dir.path(), &["audit", "ds", "--fix"]);
                prop_assert!(o.status.code() != Some(2), "{done:?}: {}", text(&o));
            }
            Step::Extract => {
                let o = run(dir.path(), &["extract", "corpus", "-o", "ds", "-q"]);
                let full = run(dir.path(), &["extract", "corpus", "-o", "full", "-q", "--full"]);
                prop_assert_eq!(o.status.code(), full.status.code(), "{:?}", done);
                if full.status.code() == Some(2) {
                    continue; // every article deleted: nothing to compare
                }
                let (got, want) = (files(&dir.path().join("ds")), files(&dir.path().join("full")));
                prop_assert_eq!(&got.0, &want.0, "claims after {:?}", done);
                prop_assert_eq!(&got.1, &want.1, "manifest after {:?}", done);
            }
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any sequence of edits, `audit --fix` and incremental extracts ends
    /// with the dataset a full rebuild gives.
    #[test]
    fn fix_and_incremental_extract_equal_a_full_rebuild(
        steps in proptest::collection::vec(step(), 1..8)
    ) {
        session(&steps)?;
    }
}

/// The session the issue describes, and the revert that makes an edited
/// article's bytes match the extraction again after `--fix`, as fixed cases.
#[test]
fn fixed_sessions_equal_a_full_rebuild() {
    let cases: [(&str, Vec<Step>); 4] = [
        (
            "edit, insert, fix",
            vec![
                Step::EditValue(0, 0),
                Step::Insert { article: 1, line: 0, with_figure: true },
                Step::Fix,
            ],
        ),
        (
            "insert, fix, revert",
            vec![
                Step::Insert { article: 0, line: 0, with_figure: false },
                Step::Fix,
                Step::Revert(0),
            ],
        ),
        // Flags of an article that was missing must not survive its return.
        ("delete, fix, revert", vec![Step::Delete(1), Step::Fix, Step::Revert(1)]),
        (
            "fix twice across an extract",
            vec![
                Step::EditValue(2, 1),
                Step::Fix,
                Step::Extract,
                Step::Insert { article: 2, line: 0, with_figure: true },
                Step::Fix,
            ],
        ),
    ];
    for (name, steps) in cases {
        if let Err(e) = session(&steps) {
            panic!("{name}: {e}");
        }
    }
}

// ---------------------------------------------------------------------------
// 2. A run that finds no article does not replace the dataset.

#[test]
fn a_run_that_finds_no_article_keeps_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(&dir.path().join("corpus"));
    fs::create_dir(dir.path().join("empty")).unwrap();
    fs::write(dir.path().join("empty/notes.md"), "# notes").unwrap();
    assert_eq!(run(dir.path(), &["extract", "corpus", "-o", "ds", "-q"]).status.code(), Some(0));
    let before = files(&dir.path().join("ds"));
    let cases: [(&str, &[&str], &str); 3] = [
        (
            "wrong case of the extension",
            &["extract", "corpus", "--ext", "TXT", "-o", "ds"],
            "no *.TXT files under corpus (3 *.txt files there: did you mean --ext txt?)",
        ),
        (
            "another extension",
            &["extract", "corpus", "--ext", "md", "-o", "ds"],
            "no *.md files under corpus (3 *.txt files there: did you mean --ext txt?)",
        ),
        (
            "a folder without articles",
            &["extract", "empty", "-o", "ds"],
            "no *.txt, *.html or *.htm files under empty (1 *.md file there: did you mean --ext md?)",
        ),
    ];
    for (name, args, message) in cases {
        let o = run(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", text(&o));
        assert!(stderr(&o).contains(message), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains("ds is left as it was"), "{name}: {}", stderr(&o));
        assert_eq!(files(&dir.path().join("ds")), before, "{name}: the dataset was replaced");
    }
}

// ---------------------------------------------------------------------------
// 3. Failures recorded at extraction that still fail the same way are not
//    problems of the dataset.

#[test]
fn recorded_failures_are_reported_once_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus);
    fs::write(corpus.join("binary.txt"), b"\x7fELF\x02\x01\x01\x00\x00\x00\x00").unwrap();
    let o = run(dir.path(), &["extract", "corpus", "-o", "ds", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let o = run(dir.path(), &["audit", "ds"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let out = text(&o);
    assert_eq!(out.matches("binary.txt").count(), 1, "{out}");
    assert!(out.contains("binary.txt: not extracted, as recorded"), "{out}");
    let (code, summary) = {
        let o = run(dir.path(), &["audit", "ds", "--json"]);
        let last = String::from_utf8_lossy(&o.stdout).lines().last().unwrap().to_string();
        (o.status.code(), serde_json::from_str::<Value>(&last).unwrap())
    };
    assert_eq!(code, Some(0));
    assert_eq!(summary["failed_as_recorded"], serde_json::json!(["binary.txt"]), "{summary}");
    let o = run(dir.path(), &["report", "ds", "-o", "report.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(stderr(&o).matches("binary.txt").count(), 1, "{}", stderr(&o));
    // Fixed since: the dataset is stale, and audit says how to bring it up to date.
    fs::write(corpus.join("binary.txt"), "Now 12% of CIOs agree.").unwrap();
    let o = run(dir.path(), &["audit", "ds"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("binary.txt: changed since extraction"), "{}", text(&o));
}

// ---------------------------------------------------------------------------
// 4. The corpus is found from any working directory; stdin stays auditable.

/// The commands that read the corpus, run in `cwd` on the dataset `ds`.
fn readers_succeed(cwd: &Path, ds: &Path, id: &str) {
    let html = cwd.join("r.html");
    let csv = cwd.join("c.csv");
    let cases: [(&str, Vec<&str>); 4] = [
        ("audit", vec!["audit", s(ds)]),
        ("show", vec!["show", id, s(ds)]),
        ("export", vec!["export", "--format", "csv", s(ds), "-o", s(&csv)]),
        ("report", vec!["report", s(ds), "-o", s(&html)]),
    ];
    for (name, args) in cases {
        let o = run(cwd, &args);
        assert_eq!(o.status.code(), Some(0), "{name} in {}: {}", cwd.display(), text(&o));
    }
}

#[test]
fn the_corpus_is_found_from_any_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    write_corpus(&project.join("corpus"));
    assert_eq!(run(&project, &["extract", "corpus", "-o", "ds", "-q"]).status.code(), Some(0));
    let m = manifest(&project.join("ds"));
    let corpus = fs::canonicalize(project.join("corpus")).unwrap();
    assert_eq!(m["corpus"], "corpus", "as given");
    assert_eq!(m["corpus_path"], s(&corpus), "{m}");
    assert_eq!(m["corpus_from_dataset"], "../corpus", "{m}");
    let id = claims(&project.join("ds"))[0]["id"].as_str().unwrap().to_string();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    readers_succeed(&elsewhere, &project.join("ds"), &id);
    // The pair moved together: the absolute path is gone, the relative one holds.
    let moved = dir.path().join("moved");
    fs::rename(&project, &moved).unwrap();
    readers_succeed(&elsewhere, &moved.join("ds"), &id);
}

#[test]
fn a_dataset_from_stdin_stays_auditable() {
    let dir = tempfile::tempdir().unwrap();
    let article = "Café survey: 45% of CIOs agree.\n";
    let o = run_with_stdin(dir.path(), &["extract", "-", "-o", "ds", "-q"], article.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let m = manifest(&dir.path().join("ds"));
    let stored = entry(&m, "-")["text_file"].as_str().expect("text_file").to_string();
    assert_eq!(fs::read_to_string(dir.path().join("ds").join(&stored)).unwrap(), article);
    let id = claims(&dir.path().join("ds"))[0]["id"].as_str().unwrap().to_string();
    readers_succeed(dir.path(), &dir.path().join("ds"), &id);
    // The stored text is what audit checks: an edit to it is seen.
    fs::write(dir.path().join("ds").join(&stored), "Café survey: 46% of CIOs agree.\n").unwrap();
    let o = run(dir.path(), &["audit", "ds"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
}

// ---------------------------------------------------------------------------
// 5. File names that are not UTF-8.

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_kept_exactly() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_corpus(&corpus);
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9 name.txt");
    let utf8 = "café name.txt";
    fs::write(corpus.join(latin1), "About 33% of CIOs agree.\n").unwrap();
    fs::write(corpus.join(utf8), "About 34% of CMOs agree.\n").unwrap();
    let o = run(dir.path(), &["extract", "corpus", "-o", "ds"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        stderr(&o).contains("caf%E9 name.txt: warning: the file name is not UTF-8"),
        "{}",
        stderr(&o)
    );
    let m = manifest(&dir.path().join("ds"));
    let e = entry(&m, "caf%E9 name.txt");
    assert_eq!(e["path_encoding"], "percent", "{e}");
    assert!(entry(&m, utf8).get("path_encoding").is_none());
    let all = claims(&dir.path().join("ds"));
    let claim = all.iter().find(|c| c["article"] == "caf%E9 name.txt").expect("its claim");
    assert_eq!(claim["text"], "33%");
    readers_succeed(dir.path(), &dir.path().join("ds"), claim["id"].as_str().unwrap());
    // An incremental run reuses everything: names sort the same way each time.
    let o = run(dir.path(), &["extract", "corpus", "-o", "ds"]);
    assert!(stderr(&o).contains("0 new, 0 changed, 5 unchanged, 0 removed"), "{}", stderr(&o));
}
