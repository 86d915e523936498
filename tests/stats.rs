//! `claimscan stats` on a small corpus extracted in the test, with a known
//! marketing-vs-IT pair: "For marketing respondents, X is harder than for
//! IT respondents (58% vs. 35% respectively)" is a gap of 23 for X.

use serde_json::Value;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimscan");

const ARTICLES: [(&str, &str); 2] = [
    (
        "pair.txt",
        "Résumé 😀: For marketing respondents, data privacy is harder than for IT \
         respondents (58% vs. 35% respectively).\n\nAbout 20% of CIOs plan to hire.\n",
    ),
    ("solo.txt", "Meanwhile 62% of CMOs disagree with the plan, and about 40% of CIOs agree.\n"),
];

/// Extracts the corpus into a temporary folder and runs `stats` with `extra`.
fn stats(extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, text) in ARTICLES {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let run =
        |args: &[&str]| Command::new(BIN).args(args).current_dir(dir.path()).output().unwrap();
    let o = run(&["extract", "corpus", "-o", "extracted", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "extract: {}", String::from_utf8_lossy(&o.stderr));
    let mut args = vec!["stats", "extracted"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "stats: {}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn json_has_counts_and_the_known_gap() {
    let s: Value = serde_json::from_slice(&stats(&["--json"]).stdout).unwrap();
    assert_eq!(s["claims"], 5);
    assert_eq!(s["articles"], 2);
    assert_eq!(s["by_population"]["marketing"], 2);
    assert_eq!(s["by_population"]["it"], 3);
    assert_eq!(s["by_bound"]["exact"], 3);
    assert_eq!(s["by_bound"]["approx"], 2);
    let articles: Vec<(&str, u64)> = s["by_article"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["article"].as_str().unwrap(), a["claims"].as_u64().unwrap()))
        .collect();
    assert_eq!(articles, [("pair.txt", 3), ("solo.txt", 2)]);
    // Only the pair reports one subject for both sides.
    let gaps = s["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let g = &gaps[0];
    assert_eq!(g["article"], "pair.txt");
    assert_eq!(g["subject"], "data privacy");
    assert_eq!((g["marketing"].as_f64(), g["it"].as_f64()), (Some(58.0), Some(35.0)));
    assert_eq!(g["gap"].as_f64(), Some(23.0));
    assert_eq!(g["match"], "span");
}

#[test]
fn csv_is_the_gap_table() {
    let out = String::from_utf8(stats(&["--csv"]).stdout).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), claimscan::GAP_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let first: Vec<&str> = rows[0].iter().take(5).collect();
    assert_eq!(first, ["pair.txt", "data privacy", "58", "35", "23"]);
}

#[test]
fn text_shows_counts_and_gaps() {
    let out = String::from_utf8(stats(&[]).stdout).unwrap();
    assert!(out.starts_with("5 claims in 2 articles\n"), "{out}");
    assert!(out.contains("by population"), "{out}");
    let gap_line =
        out.lines().find(|l| l.contains("data privacy")).unwrap_or_else(|| panic!("{out}"));
    let fields: Vec<&str> = gap_line.split_whitespace().collect();
    assert_eq!(&fields[..3], ["+23", "58", "35"], "{gap_line}");
}
