//! `claimscan stats` on a small corpus extracted in the test, with a known
//! marketing-vs-IT pair: "For marketing respondents, X is harder than for
//! IT respondents (58% vs. 35% respectively)" is a gap of 23 for X; a share
//! of the sample ("81% in marketing, 19% in IT") and two figures that state
//! opposite things ("62% disagree ..., 40% agree") are none.

use serde_json::Value;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_claimscan");

const ARTICLES: [(&str, &str); 4] = [
    (
        "pair.txt",
        "Résumé 😀: For marketing respondents, data privacy is harder than for IT \
         respondents (58% vs. 35% respectively).\n\nAbout 20% of CIOs plan to hire.\n",
    ),
    ("solo.txt", "Meanwhile 62% of CMOs disagree with the plan, and about 40% of CIOs agree.\n"),
    ("sample.txt", "We asked 131 executives (81% in marketing, 19% in IT).\n"),
    ("none.txt", "No figures here.\n"),
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
    assert_eq!(s["claims"], 7);
    assert_eq!(s["articles"], 4);
    assert_eq!(s["articles_with_claims"], 3);
    assert_eq!(s["by_population"]["marketing"], 3);
    assert_eq!(s["by_population"]["it"], 4);
    assert_eq!(s["by_role"]["finding"], 5);
    assert_eq!(s["by_role"]["sample"], 2);
    assert_eq!(s["by_kind"]["percent"], 7);
    assert_eq!(s["by_bound"]["exact"], 5);
    assert_eq!(s["by_bound"]["approx"], 2);
    // Articles with claims only, most claims first, then the manifest's order.
    let articles: Vec<(&str, u64)> = s["by_article"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["article"].as_str().unwrap(), a["claims"].as_u64().unwrap()))
        .collect();
    assert_eq!(articles, [("pair.txt", 3), ("sample.txt", 2), ("solo.txt", 2)]);
    // Only the pair states one thing for both sides.
    let gaps = s["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let g = &gaps[0];
    assert_eq!(g["article"], "pair.txt");
    assert_eq!(g["line"], 1);
    assert_eq!(g["subject"], "data privacy");
    assert_eq!((g["marketing"].as_f64(), g["it"].as_f64()), (Some(58.0), Some(35.0)));
    assert_eq!(g["gap"].as_f64(), Some(23.0));
    assert_eq!(g["match"], "respectively");
}

#[test]
fn csv_is_the_gap_table() {
    let out = String::from_utf8(stats(&["--csv"]).stdout).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), claimscan::GAP_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let first: Vec<&str> = rows[0].iter().take(6).collect();
    assert_eq!(first, ["pair.txt", "data privacy", "58", "35", "23", "respectively"]);
}

#[test]
fn text_shows_a_summary_then_gaps_then_articles_with_claims() {
    let out = String::from_utf8(stats(&[]).stdout).unwrap();
    assert!(out.starts_with("7 claims in 4 articles (3 with claims)\n"), "{out}");
    assert!(out.contains("by population  it 4, marketing 3\n"), "{out}");
    assert!(out.contains("by role        finding 5, sample 2\n"), "{out}");
    let gap_line =
        out.lines().find(|l| l.contains("data privacy")).unwrap_or_else(|| panic!("{out}"));
    let fields: Vec<&str> = gap_line.split_whitespace().collect();
    assert_eq!(&fields[..4], ["+23", "58", "35", "pair.txt:1"], "{gap_line}");
    let (gaps, articles) = out.split_once("articles with claims").unwrap();
    assert!(gaps.contains("data privacy"), "{out}");
    assert!(articles.contains("sample.txt") && !articles.contains("none.txt"), "{out}");
}

#[test]
fn top_limits_the_tables() {
    let out = String::from_utf8(stats(&["--top", "1"]).stdout).unwrap();
    let articles = out.split_once("articles with claims").unwrap().1;
    assert!(articles.contains("pair.txt") && !articles.contains("solo.txt"), "{out}");
    assert!(articles.contains("... and 2 more articles"), "{out}");
    let s: Value = serde_json::from_slice(&stats(&["--json", "--top", "1"]).stdout).unwrap();
    assert_eq!(s["by_article"].as_array().unwrap().len(), 1);
    assert_eq!(s["articles_with_claims"], 3);
}
