//! `claimscan audit` and `claimscan show` on a small corpus extracted in the test.
//!
//! The articles carry curly quotes, accents and emoji before their figures,
//! so code-point offsets differ from byte offsets; each test edits the
//! corpus or the dataset the way a user would and checks the report, the
//! exit status and, for `--fix`, the rewritten files.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimscan");

const ARTICLES: [(&str, &str); 3] = [
    (
        "a.txt",
        "“Café culture” matters. According to the survey, 35% of CMOs say budgets grew 🚀.\n\
         Meanwhile 62% of CIOs disagree with the plan.\n",
    ),
    ("b.txt", "Résumé: naïve estimates — 48% of marketers plan to hire more staff.\n"),
    ("c.txt", "Übersicht 😀. About 20% of IT teams ship weekly.\n"),
];

/// Text inserted before every claim of a.txt; two lines' worth of bytes.
const PREFACE: &str = "Préface 🎉 ajoutée.\n";

/// A corpus and the dataset extracted from it, in a temporary folder.
struct Fixture {
    dir: tempfile::TempDir,
    corpus: PathBuf,
    out: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus-src");
        std::fs::create_dir(&corpus).unwrap();
        for (name, text) in ARTICLES {
            std::fs::write(corpus.join(name), text).unwrap();
        }
        let out = dir.path().join("extracted");
        let f = Fixture { dir, corpus, out };
        let o = f.run(&[
            "extract",
            f.corpus.to_str().unwrap(),
            "-o",
            f.out.to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(o.status.code(), Some(0), "extract: {}", stderr(&o));
        for (article, figure) in
            [("a.txt", "35%"), ("a.txt", "62%"), ("b.txt", "48%"), ("c.txt", "20%")]
        {
            f.claim(article, figure);
        }
        f
    }

    /// Runs the binary in the fixture's folder, without colour.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    /// Runs `claimscan audit OUT` with more arguments.
    fn audit(&self, extra: &[&str]) -> Output {
        let mut args = vec!["audit", self.out.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `audit --json`: the exit status, the claim lines and the summary.
    fn audit_json(&self, extra: &[&str]) -> (Option<i32>, Vec<Value>, Value) {
        let mut args = vec!["--json"];
        args.extend_from_slice(extra);
        let o = self.audit(&args);
        let mut lines: Vec<Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        let summary = lines.pop().expect("a summary line");
        assert_eq!(summary["type"], "summary", "{summary}");
        assert!(lines.iter().all(|l| l["type"] == "claim"), "{lines:?}");
        (o.status.code(), lines, summary)
    }

    fn claims_path(&self) -> PathBuf {
        self.out.join("claims.jsonl")
    }

    fn claims(&self) -> Vec<Value> {
        read(&self.claims_path()).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    /// The record of `figure` in `article`.
    fn claim(&self, article: &str, figure: &str) -> Value {
        self.claims()
            .into_iter()
            .find(|c| c["article"] == article && c["text"] == figure)
            .unwrap_or_else(|| panic!("no claim {figure} in {article}"))
    }

    fn article(&self, name: &str) -> String {
        read(&self.corpus.join(name))
    }

    fn edit(&self, name: &str, f: impl FnOnce(&str) -> String) {
        let new = f(&self.article(name));
        std::fs::write(self.corpus.join(name), new).unwrap();
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn n(v: &Value) -> usize {
    v.as_u64().unwrap_or_else(|| panic!("not a number: {v}")) as usize
}

/// The line of the report about claim `id`.
fn line_of<'a>(lines: &'a [Value], id: &Value) -> &'a Value {
    lines.iter().find(|l| l["id"] == *id).unwrap_or_else(|| panic!("no line for {id} in {lines:?}"))
}

/// Asserts that every span and position of `record` agrees with `text`.
fn assert_anchored(record: &Value, text: &str) {
    let (start, end) = (n(&record["start"]), n(&record["end"]));
    assert_eq!(&text[start..end], record["text"], "{record}");
    assert_eq!(n(&record["char_start"]), text[..start].chars().count(), "{record}");
    assert_eq!(n(&record["char_end"]), text[..end].chars().count(), "{record}");
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(n(&record["line"]), text[..start].matches('\n').count() + 1, "{record}");
    assert_eq!(n(&record["column"]), text[line_start..start].chars().count() + 1, "{record}");
    for key in ["subject", "population_phrase"] {
        let p = &record[key];
        if !p.is_null() {
            assert_eq!(&text[n(&p["start"])..n(&p["end"])], p["text"], "{key} of {record}");
        }
    }
    let sentence = &record["sentence"];
    assert!(n(&sentence["start"]) <= start && end <= n(&sentence["end"]), "{record}");
    assert!(text.get(n(&sentence["start"])..n(&sentence["end"])).is_some(), "{record}");
}

#[test]
fn a_fresh_extraction_verifies() {
    let f = Fixture::new();
    let total = f.claims().len();
    let fig = f.claim("a.txt", "35%");
    assert_ne!(
        fig["start"], fig["char_start"],
        "the corpus must make bytes and code points differ"
    );

    let o = f.audit(&[]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains(&format!(
            "{total} claims: {total} verified, 0 moved, 0 inconsistent, 0 missing"
        )),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("3 articles: 0 changed, 0 missing"), "{}", stdout(&o));

    let (code, lines, summary) = f.audit_json(&[]);
    assert_eq!(code, Some(0));
    assert!(lines.is_empty(), "verified claims get no line: {lines:?}");
    assert_eq!(n(&summary["claims"]), total);
    assert_eq!(n(&summary["verified"]), total);
    assert_eq!(n(&summary["articles"]), 3);
}

#[test]
fn inserted_text_moves_claims_and_fix_reanchors_them() {
    let f = Fixture::new();
    let before = f.claims();
    let old_lines = read(&f.claims_path());
    let a_claims: Vec<&Value> = before.iter().filter(|c| c["article"] == "a.txt").collect();
    f.edit("a.txt", |t| format!("{PREFACE}{t}"));

    let (code, lines, summary) = f.audit_json(&[]);
    assert_eq!(code, Some(1));
    assert_eq!(n(&summary["moved"]), a_claims.len(), "{summary}");
    assert_eq!(n(&summary["verified"]), before.len() - a_claims.len(), "{summary}");
    assert_eq!(summary["changed_articles"], serde_json::json!(["a.txt"]));
    for c in &a_claims {
        let l = line_of(&lines, &c["id"]);
        assert_eq!(l["status"], "moved", "{l}");
        assert_eq!(l["article_changed"], true, "{l}");
        let at = &l["location"];
        assert_eq!(n(&at["start"]), n(&c["start"]) + PREFACE.len(), "{l}");
        assert_eq!(n(&at["char_start"]), n(&c["char_start"]) + PREFACE.chars().count(), "{l}");
        assert_eq!(n(&at["line"]), n(&c["line"]) + 1, "{l}");
        assert_eq!(at["column"], c["column"], "{l}");
    }
    // One line per moved claim, saying where it went, and one line for all.
    let text = stdout(&f.audit(&[]));
    for c in &a_claims {
        let want = format!(
            "{} a.txt:{}:{} {}: moved to {}:{}\n",
            c["id"].as_str().unwrap(),
            c["line"],
            c["column"],
            c["text"],
            n(&c["line"]) + 1,
            c["column"]
        );
        assert!(text.contains(&want), "{want}\n{text}");
    }
    assert!(!text.contains("  - "), "no problems listed for moved claims: {text}");
    assert!(
        text.contains(&format!(
            "{} claim(s) moved with edits to their articles: claimscan audit --fix re-anchors \
             them; claimscan extract extracts the edited articles again\n",
            a_claims.len()
        )),
        "{text}"
    );
    assert!(text.contains("article a.txt: changed since extraction"), "{text}");

    let o = f.audit(&["--fix"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let after = f.claims();
    assert_eq!(after.len(), before.len(), "no claim dropped");
    let new_text = f.article("a.txt");
    for c in &a_claims {
        let r = after.iter().find(|r| r["id"] == c["id"]).expect("the id is kept");
        assert_anchored(r, &new_text);
        assert!(r.get("audit").is_none(), "{r}");
        assert_eq!(n(&r["sentence"]["start"]), n(&c["sentence"]["start"]) + PREFACE.len());
    }
    let new_lines = read(&f.claims_path());
    for (old, new) in old_lines.lines().zip(new_lines.lines()) {
        if !old.contains("\"a.txt\"") {
            assert_eq!(old, new, "records of unchanged articles are kept byte for byte");
        }
    }
    // The manifest keeps what the claims were extracted from, and records
    // what they were re-anchored to.
    let manifest: Value = serde_json::from_str(&read(&f.out.join("manifest.json"))).unwrap();
    let entry =
        manifest["articles"].as_array().unwrap().iter().find(|a| a["path"] == "a.txt").unwrap();
    let sha = |t: &str| {
        Sha256::digest(t.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    assert_eq!(entry["sha256"], sha(&new_text.replacen(PREFACE, "", 1)));
    assert_eq!(entry["audited"]["sha256"], sha(&new_text));
    assert_eq!(n(&entry["audited"]["bytes"]), new_text.len());

    let o = f.audit(&[]);
    assert_eq!(o.status.code(), Some(0), "after --fix: {}", stdout(&o));
}

#[test]
fn a_deleted_figure_is_missing_and_fix_flags_it() {
    let f = Fixture::new();
    let total = f.claims().len();
    let gone = f.claim("a.txt", "35%");
    let shifted = f.claim("a.txt", "62%");
    f.edit("a.txt", |t| t.replacen("35%", "many", 1));

    let (code, lines, summary) = f.audit_json(&[]);
    assert_eq!(code, Some(1));
    let l = line_of(&lines, &gone["id"]);
    assert_eq!(
        (&l["status"], &l["reason"]),
        (&Value::from("missing"), &Value::from("gone")),
        "{l}"
    );
    assert!(l["problems"][0].as_str().unwrap().contains("record has \"35%\""), "{l}");
    assert_eq!(line_of(&lines, &shifted["id"])["status"], "moved");
    assert_eq!((n(&summary["missing"]), n(&summary["gone"])), (1, 1), "{summary}");

    let o = f.audit(&["--fix"]);
    assert_eq!(o.status.code(), Some(1), "a missing claim stays a failure: {}", stdout(&o));
    let after = f.claims();
    assert_eq!(after.len(), total, "the missing claim is kept");
    let flagged = after.iter().find(|r| r["id"] == gone["id"]).unwrap();
    assert_eq!(flagged["audit"], "missing", "{flagged}");
    assert_eq!(flagged["start"], gone["start"], "a missing claim keeps its offsets");
    let moved = after.iter().find(|r| r["id"] == shifted["id"]).unwrap();
    assert!(moved.get("audit").is_none(), "{moved}");
    assert_anchored(moved, &f.article("a.txt"));

    let (code, lines, summary) = f.audit_json(&[]);
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(line_of(&lines, &gone["id"])["reason"], "gone");
    assert_eq!(n(&summary["moved"]), 0, "{summary}");
}

#[test]
fn a_repeated_context_is_ambiguous() {
    let f = Fixture::new();
    let c = f.claim("c.txt", "20%");
    f.edit("c.txt", |t| format!("Intro.\n{t}{t}"));
    let (code, lines, summary) = f.audit_json(&[]);
    assert_eq!(code, Some(1));
    let l = line_of(&lines, &c["id"]);
    assert_eq!(
        (&l["status"], &l["reason"]),
        (&Value::from("missing"), &Value::from("ambiguous")),
        "{l}"
    );
    assert_eq!(l["candidates"], 2, "{l}");
    assert_eq!(n(&summary["ambiguous"]), 1, "{summary}");
}

#[test]
fn a_removed_article_is_reported_and_its_claims_flagged() {
    let f = Fixture::new();
    let b = f.claim("b.txt", "48%");
    std::fs::remove_file(f.corpus.join("b.txt")).unwrap();

    let o = f.audit(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("article b.txt: missing (not found)"), "{}", stdout(&o));
    assert!(stdout(&o).contains("3 articles: 0 changed, 1 missing"), "{}", stdout(&o));

    let (code, lines, summary) = f.audit_json(&[]);
    assert_eq!(code, Some(1));
    assert_eq!(line_of(&lines, &b["id"])["status"], "article_missing");
    assert_eq!(n(&summary["article_missing"]), 1, "{summary}");
    assert_eq!(
        summary["missing_articles"],
        serde_json::json!([{"path": "b.txt", "reason": "not found"}])
    );

    assert_eq!(f.audit(&["--fix"]).status.code(), Some(1));
    assert_eq!(f.claim("b.txt", "48%")["audit"], "article_missing");
}

#[test]
fn the_corpus_comes_from_the_manifest_or_the_option() {
    let f = Fixture::new();
    let moved = f.dir.path().join("elsewhere");
    std::fs::rename(&f.corpus, &moved).unwrap();
    let o = f.audit(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("pass --corpus DIR"), "{}", stderr(&o));
    let o = f.audit(&["--corpus", moved.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn a_malformed_dataset_exits_2_naming_file_and_line() {
    // (name, edit of claims.jsonl lines, expected in stderr)
    type Edit = fn(&mut Vec<String>);
    let cases: [(&str, Edit, &str); 3] = [
        ("bad json line", |l| l.insert(1, "{oops".into()), "claims.jsonl:2: "),
        (
            "missing field",
            |l| {
                let mut v: Value = serde_json::from_str(&l[0]).unwrap();
                v.as_object_mut().unwrap().remove("start");
                l[0] = v.to_string();
            },
            "claims.jsonl:1: missing field 'start'",
        ),
        (
            "duplicate id",
            |l| {
                let first = l[0].clone();
                l.push(first);
            },
            "duplicate id",
        ),
    ];
    for (name, edit, want) in cases {
        let f = Fixture::new();
        let mut lines: Vec<String> = read(&f.claims_path()).lines().map(String::from).collect();
        edit(&mut lines);
        std::fs::write(f.claims_path(), lines.join("\n") + "\n").unwrap();
        for o in [f.audit(&[]), f.audit(&["--json"])] {
            assert_eq!(o.status.code(), Some(2), "{name}: {}", stdout(&o));
            assert!(stderr(&o).contains(want), "{name}: {}", stderr(&o));
            assert!(stdout(&o).is_empty(), "{name}: {}", stdout(&o));
        }
    }
    let f = Fixture::new();
    std::fs::remove_file(f.out.join("manifest.json")).unwrap();
    let o = f.audit(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("manifest.json: cannot be read"), "{}", stderr(&o));
}

#[test]
fn show_marks_the_claim_in_its_sentence() {
    let f = Fixture::new();
    let c = f.claim("a.txt", "35%");
    let id = c["id"].as_str().unwrap();
    let o = f.run(&["show", id, f.out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with(&format!("{id}  a.txt:{}:{}\n", c["line"], c["column"])), "{out}");
    assert!(out.contains("value:      35 (exact, percent)"), "{out}");
    assert!(out.contains(&format!("evidence:   {}", c["evidence"].as_str().unwrap())), "{out}");
    assert!(out.contains("[[35%]]"), "{out}");
    assert!(!out.contains('\x1b'), "NO_COLOR and a pipe mean no escapes: {out:?}");
    for (key, open, close) in [("population_phrase", '<', '>'), ("subject", '{', '}')] {
        if let Some(t) = c[key]["text"].as_str() {
            assert!(out.contains(&format!("{open}{t}{close}")), "{key}: {out}");
        }
    }
    let sentence = &f.article("a.txt")[n(&c["sentence"]["start"])..n(&c["sentence"]["end"])];
    let unmarked: String = out.lines().last().unwrap().replace(['[', ']', '{', '}', '<', '>'], "");
    assert_eq!(unmarked, sentence, "the sentence, marks aside");

    let o = f.run(&["show", "c-0000000000000000", f.out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no claim with id 'c-0000000000000000'"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    f.edit("a.txt", |t| format!("{PREFACE}{t}"));
    let o = f.run(&["show", id, f.out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("has changed since extraction"), "{}", stderr(&o));
}
