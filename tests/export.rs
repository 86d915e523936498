//! `claimscan export` in each format, read back the way the consuming tool
//! reads it.
//!
//! The corpus is built in the test: curly quotes, accents and emoji before
//! the figures (so code points and bytes differ), a sentence with commas,
//! straight quotes and a line break (for CSV quoting), and a figure that
//! crosses a line break (`45\nper cent`, which brat must split into
//! fragments). It is extracted with `claimscan extract`, then exported; each
//! test checks that the exported offsets, counted in code points, slice the
//! article text to exactly the claim's text.

use claimscan::{Article, CSV_COLUMNS, ClaimRecord, LABELS, QUOTE_CONTEXT, export_csv};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimscan");

const ARTICLES: [(&str, &str); 3] = [
    (
        "a.txt",
        "“Café culture” matters 🚀. According to the survey, 35% of CMOs say “budgets, plans \
         and \"hopes\" grew” 🎉.\nMeanwhile 62% of CIOs disagree with the plan, and 45\nper \
         cent of marketers are naïve.\n",
    ),
    (
        "sub/b.txt",
        "Résumé 😀: For marketing respondents, data privacy is harder than for IT respondents \
         (58% vs. 35% respectively).\n",
    ),
    ("c.txt", "Übersicht — no figures here, only “quotes” and émojis 🙂.\n"),
];

/// The claims the extraction must find, by article and text.
const EXPECTED: [(&str, &str); 5] = [
    ("a.txt", "35%"),
    ("a.txt", "62%"),
    ("a.txt", "45\nper cent"),
    ("sub/b.txt", "58%"),
    ("sub/b.txt", "35%"),
];

/// A corpus and the dataset extracted from it, in a temporary folder.
struct Fixture {
    dir: tempfile::TempDir,
    corpus: PathBuf,
    out: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        for (name, text) in ARTICLES {
            let path = corpus.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let out = dir.path().join("extracted");
        let f = Fixture { dir, corpus, out };
        let o = f.run(&["extract", "corpus", "-o", "extracted", "--quiet"]);
        assert_eq!(o.status.code(), Some(0), "extract: {}", stderr(&o));
        let claims = f.claims();
        for (article, text) in EXPECTED {
            assert!(
                claims.iter().any(|c| c.article == article && c.text == text),
                "extract did not find {text:?} in {article}"
            );
        }
        f
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN).args(args).current_dir(self.dir.path()).output().unwrap()
    }

    /// Runs `claimscan export --format FORMAT extracted` with more arguments;
    /// asserts it succeeds and returns stdout.
    fn export(&self, format: &str, extra: &[&str]) -> String {
        let mut args = vec!["export", "--format", format, "extracted"];
        args.extend_from_slice(extra);
        let o = self.run(&args);
        assert_eq!(o.status.code(), Some(0), "export {format}: {}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    }

    fn claims(&self) -> Vec<ClaimRecord> {
        std::fs::read_to_string(self.out.join("claims.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn article(&self, path: &str) -> String {
        std::fs::read_to_string(self.corpus.join(path)).unwrap()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Code points `start..end` of `text`, as Label Studio, brat and Web
/// Annotation count them.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn as_usize(v: &Value) -> usize {
    v.as_u64().unwrap_or_else(|| panic!("{v} is not an offset")) as usize
}

#[test]
fn csv_rows_parse_back_with_every_field_of_the_records() {
    let f = Fixture::new();
    let out = f.export("csv", &[]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, CSV_COLUMNS);
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect())
        .collect();
    let claims = f.claims();
    assert_eq!(rows.len(), claims.len());
    for (row, c) in rows.iter().zip(&claims) {
        let text = f.article(&c.article);
        assert_eq!(row["id"], c.id);
        assert_eq!(row["text"], c.text);
        let (cs, ce) = (row["char_start"].parse().unwrap(), row["char_end"].parse().unwrap());
        assert_eq!(slice(&text, cs, ce), c.text, "{}: code points", c.id);
        assert_eq!(
            &text[row["start"].parse::<usize>().unwrap()..row["end"].parse().unwrap()],
            c.text
        );
        assert_eq!(row["value"].parse::<f64>().unwrap(), c.value);
        assert_eq!(row["population"], c.population.as_str());
        assert_eq!(row["evidence"], c.evidence);
        assert_eq!(row["subject"], c.subject.as_ref().map_or("", |s| s.text.as_str()));
        // Sentences with commas, quotes and line breaks come back whole.
        assert_eq!(row["sentence"], text[c.sentence.start..c.sentence.end], "{}", c.id);
    }
    let tricky = rows.iter().find(|r| r["text"] == "35%" && r["article"] == "a.txt").unwrap();
    assert!(tricky["sentence"].contains("“budgets, plans and \"hopes\" grew”"));
    let multiline = rows.iter().find(|r| r["text"] == "45\nper cent").unwrap();
    assert!(multiline["sentence"].contains('\n'));
}

#[test]
fn csv_round_trips_quotes_commas_and_line_breaks_in_every_text_field() {
    let text = "He said \"yes, 35%\",\nthen left.";
    let record: ClaimRecord = serde_json::from_str(
        r#"{"id":"c-1","article":"a, \"b\".txt","start":13,"end":16,"text":"35%","char_start":13,
        "char_end":16,"line":1,"column":14,"value":35.0,"bound":"exact","kind":"percent",
        "population":"it","population_phrase":{"text":"He","start":0,"end":2},
        "subject":{"text":"said \"yes","start":3,"end":12},
        "sentence":{"start":0,"end":30},"evidence":"rule, with \"quotes\"\nand a break"}"#,
    )
    .unwrap();
    assert_eq!(record.subject.as_ref().unwrap().text, text[3..12]);
    let article = Article { path: "a, \"b\".txt", text, claims: vec![&record] };
    let out = export_csv(&[article]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    let field = |name: &str| {
        let i = CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
        row.get(i).unwrap().to_string()
    };
    assert_eq!(field("article"), "a, \"b\".txt");
    assert_eq!(field("subject"), "said \"yes");
    assert_eq!(field("evidence"), "rule, with \"quotes\"\nand a break");
    assert_eq!(field("sentence"), text);
    assert!(reader.records().next().is_none(), "one row per claim");
}

#[test]
fn label_studio_predictions_slice_the_task_text() {
    let f = Fixture::new();
    let out = f.export("label-studio", &[]);
    let tasks: Vec<Value> = serde_json::from_str(&out).unwrap();
    // One task per article, those without claims included.
    let articles: Vec<&str> =
        tasks.iter().map(|t| t["data"]["article"].as_str().unwrap()).collect();
    assert_eq!(articles, ["a.txt", "c.txt", "sub/b.txt"]);
    let mut found = 0;
    for task in &tasks {
        let article = task["data"]["article"].as_str().unwrap();
        let text = task["data"]["text"].as_str().unwrap();
        assert_eq!(text, f.article(article));
        let prediction = &task["predictions"][0];
        assert!(prediction["model_version"].as_str().unwrap().starts_with("claimscan "));
        for r in prediction["result"].as_array().unwrap() {
            assert_eq!(
                (&r["from_name"], &r["to_name"], &r["type"]),
                (&"label".into(), &"text".into(), &"labels".into())
            );
            let v = &r["value"];
            let got = slice(text, as_usize(&v["start"]), as_usize(&v["end"]));
            assert_eq!(got, v["text"].as_str().unwrap(), "{article}: {}", r["id"]);
            let label = v["labels"][0].as_str().unwrap();
            assert!(LABELS.contains(&label), "{label}");
            found += 1;
        }
    }
    assert_eq!(found, EXPECTED.len());
}

#[test]
fn label_studio_writes_its_labeling_config_next_to_the_tasks() {
    let f = Fixture::new();
    f.export("label-studio", &["-o", "tasks.json"]);
    let config = std::fs::read_to_string(f.dir.path().join("tasks.config.xml")).unwrap();
    assert!(config.contains(r#"<Labels name="label" toName="text">"#), "{config}");
    assert!(config.contains(r#"<Text name="text" value="$text""#), "{config}");
    for label in LABELS {
        assert!(config.contains(&format!(r#"<Label value="{label}""#)), "{label}");
    }
    let tasks: Vec<Value> =
        serde_json::from_slice(&std::fs::read(f.dir.path().join("tasks.json")).unwrap()).unwrap();
    assert_eq!(tasks.len(), 3);
}

/// One `T` line of a brat `.ann` file: type, fragments, text.
fn parse_t_line(line: &str) -> (String, Vec<(usize, usize)>, String) {
    let mut parts = line.splitn(3, '\t');
    let _id = parts.next().unwrap();
    let (kind, offsets) = parts.next().unwrap().split_once(' ').unwrap();
    let fragments = offsets
        .split(';')
        .map(|f| {
            let (s, e) = f.split_once(' ').unwrap();
            (s.parse().unwrap(), e.parse().unwrap())
        })
        .collect();
    (kind.to_string(), fragments, parts.next().unwrap().to_string())
}

#[test]
fn brat_fragments_slice_the_txt_copy_and_never_hold_a_line_break() {
    let f = Fixture::new();
    f.export("brat", &["-o", "brat"]);
    let dir = f.dir.path().join("brat");
    let conf = std::fs::read_to_string(dir.join("annotation.conf")).unwrap();
    assert!(conf.starts_with("[entities]\n"), "{conf}");
    let mut found = Vec::new();
    for (article, stem) in [("a.txt", "a"), ("sub/b.txt", "sub/b"), ("c.txt", "c")] {
        let txt = std::fs::read_to_string(dir.join(format!("{stem}.txt"))).unwrap();
        assert_eq!(txt, f.article(article));
        let ann = std::fs::read_to_string(dir.join(format!("{stem}.ann"))).unwrap();
        for line in ann.lines() {
            if line.starts_with('#') {
                assert!(line.contains("\tAnnotatorNotes T"), "{line}");
                continue;
            }
            let (kind, fragments, text) = parse_t_line(line);
            assert!(conf.lines().any(|l| l == kind), "type {kind} not in annotation.conf");
            let pieces: Vec<String> = fragments.iter().map(|&(s, e)| slice(&txt, s, e)).collect();
            assert!(pieces.iter().all(|p| !p.contains('\n') && !p.is_empty()), "{line}");
            // brat shows a fragmented span's text joined by spaces.
            assert_eq!(pieces.join(" "), text, "{article}: {line}");
            // The fragments cover the claim from its first to its last code point.
            let whole = slice(&txt, fragments[0].0, fragments.last().unwrap().1);
            found.push((article, whole, fragments.len()));
        }
    }
    found.sort();
    let mut want: Vec<(&str, String, usize)> = EXPECTED
        .iter()
        .map(|&(a, t)| (a, t.to_string(), if t.contains('\n') { 2 } else { 1 }))
        .collect();
    want.sort();
    assert_eq!(found, want);
}

#[test]
fn w3c_selectors_locate_the_claim_in_the_article() {
    let f = Fixture::new();
    let out = f.export("w3c", &[]);
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    let items = doc["first"]["items"].as_array().unwrap();
    assert_eq!(doc["total"], items.len());
    assert_eq!(items.len(), EXPECTED.len());
    for a in items {
        assert_eq!(a["type"], "Annotation");
        let source = a["target"]["source"].as_str().unwrap();
        let text = f.article(source);
        let selectors = a["target"]["selector"].as_array().unwrap();
        let by_type = |t: &str| selectors.iter().find(|s| s["type"] == t).unwrap();
        let position = by_type("TextPositionSelector");
        let quote = by_type("TextQuoteSelector");
        let (start, end) = (as_usize(&position["start"]), as_usize(&position["end"]));
        let exact = quote["exact"].as_str().unwrap();
        assert_eq!(slice(&text, start, end), exact, "{}", a["id"]);
        let prefix = quote["prefix"].as_str().unwrap();
        let suffix = quote["suffix"].as_str().unwrap();
        let n = |s: &str| s.chars().count();
        assert_eq!(n(prefix), start.min(QUOTE_CONTEXT), "{}", a["id"]);
        assert_eq!(n(suffix), (n(&text) - end).min(QUOTE_CONTEXT), "{}", a["id"]);
        // prefix + exact + suffix occurs in the text at the position.
        let quoted = format!("{prefix}{exact}{suffix}");
        assert_eq!(slice(&text, start - n(prefix), end + n(suffix)), quoted);
        assert!(text.contains(&quoted));
        let body = &a["body"];
        assert!(body["value"].is_f64(), "{body}");
        assert!(body["population"].is_string() && body["bound"].is_string(), "{body}");
    }
}

#[test]
fn claims_that_no_longer_hold_are_left_out_and_named() {
    let f = Fixture::new();
    // The article is edited after extraction: its figures move.
    let edited = format!("Préface 🎉.\n{}", f.article("sub/b.txt"));
    std::fs::write(f.corpus.join("sub/b.txt"), edited).unwrap();
    let o = f.run(&["export", "--format", "w3c", "extracted"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("(sub/b.txt) is not exported"), "{err}");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["total"], 3);
}

#[test]
fn brat_needs_an_output_folder_and_the_corpus_can_be_given() {
    let f = Fixture::new();
    let o = f.run(&["export", "--format", "brat", "extracted"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-o DIR"), "{}", stderr(&o));
    // Run from elsewhere: the manifest's `corpus` is relative, so pass it.
    let o = Command::new(BIN)
        .args(["export", "-f", "csv"])
        .arg(&f.out)
        .arg("--corpus")
        .arg(&f.corpus)
        .current_dir(Path::new("/"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().next().unwrap(), CSV_COLUMNS.join(","));
}
