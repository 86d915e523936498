//! `claimscan eval` agrees with the reference scorer `shared/eval/score.py`.
//!
//! For each annotated set, a prediction file is built from the gold file by
//! deterministic perturbations (dropped, shifted, widened and extra claims;
//! wrong, missing, zero and null fields; subjects as strings, objects and
//! nulls), then scored by score.py and by this crate. The library figures
//! must agree, and the binary must print the same bytes.
//!
//! These tests need `python3` on the PATH (it always is in CI).

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SCORE_PY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/score.py");
const BIN: &str = env!("CARGO_BIN_EXE_claimscan");
const POPS: [&str; 4] = ["marketing", "it", "both", "unknown"];

/// The annotated sets, by name and gold file.
fn gold_sets() -> [(&'static str, PathBuf); 2] {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    [("gold", data.join("gold/gold.jsonl")), ("dev", data.join("dev/gold.jsonl"))]
}

/// Predictions derived from gold claims, every field wrong in some rows.
fn perturb(gold: &[Value]) -> Vec<Value> {
    let mut pred = Vec::new();
    for (k, g) in gold.iter().enumerate() {
        if k % 7 == 6 {
            continue; // a missed claim
        }
        let mut p = g.clone();
        let (start, end) = (g["start"].as_u64().unwrap(), g["end"].as_u64().unwrap());
        if k % 5 == 1 {
            p["start"] = json!(start + 1);
            p["end"] = json!(end + 1);
        }
        if k % 6 == 2 {
            let at = POPS.iter().position(|q| g["population"] == *q).unwrap_or(0);
            p["population"] = json!(POPS[(at + 1) % POPS.len()]);
        }
        if k % 12 == 8 {
            p.as_object_mut().unwrap().remove("population");
        }
        let value = g["value"].as_f64().unwrap();
        match k % 9 {
            3 => p["value"] = json!(value + 1.0),
            4 => p["value"] = json!(0),
            5 => drop(p.as_object_mut().unwrap().remove("value")),
            6 => p["value"] = json!(value.round() as i64),
            7 => p["value"] = json!(value + 0.5),
            _ => {}
        }
        match k % 8 {
            2 => drop(p.as_object_mut().unwrap().remove("bound")),
            3 => p["bound"] = json!("at least"),
            5 => p["bound"] = Value::Null,
            _ => {}
        }
        let subject = g["subject"].as_str().unwrap().to_owned();
        match k % 10 {
            0 | 3 | 6 => p["subject"] = json!({ "text": subject, "start": 0 }),
            1 => {
                let first = subject.split_whitespace().next().unwrap_or("");
                p["subject"] = json!(first);
            }
            2 => p["subject"] = Value::Null,
            4 => drop(p.as_object_mut().unwrap().remove("subject")),
            5 => p["subject"] = json!("unrelated words entirely"),
            7 => p["subject"] = json!({ "start": 3 }),
            _ => {}
        }
        pred.push(p);
        if k % 11 == 10 {
            // A wider rival for the same gold claim: the larger overlap wins.
            pred.push(json!({"article": g["article"], "start": start.saturating_sub(2),
                             "end": end + 2, "text": "rival", "value": value}));
        }
        if k % 10 == 0 {
            pred.push(json!({"article": g["article"], "start": end + 5000, "end": end + 5003,
                             "text": format!("it's \"{k}%\""), "value": 5, "population": "it"}));
        }
        if k % 25 == 0 {
            pred.push(json!({"article": format!("zz_only_predicted_{k}.txt"), "start": 1,
                             "end": 4, "text": "50\u{a0}%", "value": 50.0}));
        }
        if k % 30 == 7 {
            pred.push(json!({"article": g["article"], "start": end + 6000, "end": end + 6003}));
        }
    }
    pred
}

fn write_jsonl(path: &Path, rows: &[Value]) {
    let mut text = String::new();
    for row in rows {
        text.push_str(&serde_json::to_string(row).unwrap());
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

/// Runs score.py with these arguments; fails clearly if python3 is missing.
fn score_py(args: &[&Path], flags: &[&str]) -> Output {
    assert!(Path::new(SCORE_PY).is_file(), "reference scorer not found at {SCORE_PY}");
    let out = Command::new("python3")
        .arg(SCORE_PY)
        .args(args)
        .args(flags)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 (needed to run {SCORE_PY}): {e}"));
    assert!(out.status.success(), "score.py failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn claimscan(args: &[&Path], flags: &[&str]) -> Output {
    Command::new(BIN).arg("eval").args(args).args(flags).output().expect("run claimscan")
}

/// A temp dir holding `pred.jsonl` perturbed from the named gold file.
fn perturbed(gold_path: &Path) -> (tempfile::TempDir, PathBuf, Vec<Value>, Vec<Value>) {
    let gold = claimscan::load_jsonl(gold_path).expect("gold loads");
    assert!(!gold.is_empty(), "{} is empty", gold_path.display());
    let pred = perturb(&gold);
    let dir = tempfile::tempdir().unwrap();
    let pred_path = dir.path().join("pred.jsonl");
    write_jsonl(&pred_path, &pred);
    (dir, pred_path, gold, pred)
}

#[test]
fn library_figures_agree_with_score_py() {
    for (set, gold_path) in gold_sets() {
        let (_dir, pred_path, gold, pred) = perturbed(&gold_path);
        let out = score_py(&[&gold_path, &pred_path], &["--json"]);
        let want: Value = serde_json::from_slice(&out.stdout).expect("score.py prints JSON");
        let got = claimscan::score(&gold, &pred);

        for (key, n) in [("gold", got.gold), ("pred", got.pred), ("matched", got.matched)] {
            assert_eq!(want[key].as_u64(), Some(n as u64), "{set}: {key}");
        }
        assert!(got.matched > 0 && !got.missed.is_empty() && !got.extra.is_empty());
        for (key, value) in got.figures() {
            let reference = want[key].as_f64().unwrap_or_else(|| panic!("{set}: no {key}"));
            assert!(
                (value - reference).abs() < 5e-4,
                "{set}: {key} = {value}, score.py says {reference}"
            );
        }
        let confusion: Vec<(String, u64)> = want["confusion"]
            .as_object()
            .expect("confusion is an object")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect();
        let mut ours: Vec<(String, u64)> =
            got.confusion.iter().map(|(k, n)| (k.clone(), *n as u64)).collect();
        ours.sort();
        assert_eq!(ours, confusion, "{set}: confusion");
        assert!(confusion.iter().any(|(k, _)| k.ends_with("->None")), "{set}");
    }
}

#[test]
fn binary_prints_what_score_py_prints() {
    for (set, gold_path) in gold_sets() {
        let (_dir, pred_path, _, _) = perturbed(&gold_path);
        for flags in [&[][..], &["--errors"][..]] {
            let want = score_py(&[&gold_path, &pred_path], flags);
            let got = claimscan(&[&gold_path, &pred_path], flags);
            assert!(got.status.success(), "{set} {flags:?}: {got:?}");
            assert_eq!(
                String::from_utf8_lossy(&got.stdout),
                String::from_utf8_lossy(&want.stdout),
                "{set} {flags:?}: stdout differs from score.py"
            );
            assert_eq!(got.stdout, want.stdout, "{set} {flags:?}: bytes differ");
        }
    }
}

/// Same keys in the same order and layout; numbers equal up to the last bits
/// (Python 3.12 changed `sum()` of floats to compensated summation).
#[test]
fn binary_json_matches_score_py_json() {
    for (set, gold_path) in gold_sets() {
        let (_dir, pred_path, _, _) = perturbed(&gold_path);
        let want = score_py(&[&gold_path, &pred_path], &["--json", "--errors"]);
        let got = claimscan(&[&gold_path, &pred_path], &["--json", "--errors"]);
        assert!(got.status.success(), "{set}: {got:?}");
        let (want, got) =
            (String::from_utf8(want.stdout).unwrap(), String::from_utf8(got.stdout).unwrap());
        assert_eq!(got.lines().count(), want.lines().count(), "{set}:\n{got}");
        for (ours, theirs) in got.lines().zip(want.lines()) {
            let close = match (ours.split_once(": "), theirs.split_once(": ")) {
                (Some((k1, v1)), Some((k2, v2))) if k1 == k2 => {
                    let num = |v: &str| v.trim_end_matches(',').parse::<f64>().ok();
                    v1 == v2
                        || matches!((num(v1), num(v2)), (Some(a), Some(b)) if (a - b).abs() < 1e-12)
                }
                _ => ours == theirs,
            };
            assert!(close, "{set}: line {ours:?} vs score.py {theirs:?}");
        }
    }
}

#[test]
fn empty_predictions_print_what_score_py_prints() {
    let (_, gold_path) = &gold_sets()[0];
    let dir = tempfile::tempdir().unwrap();
    let pred_path = dir.path().join("empty.jsonl");
    std::fs::write(&pred_path, "\n\n").unwrap();
    for flags in [&["--errors"][..], &["--json"][..]] {
        let want = score_py(&[gold_path, &pred_path], flags);
        let got = claimscan(&[gold_path, &pred_path], flags);
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want.stdout),
            "{flags:?}"
        );
    }
}

#[test]
fn bad_predictions_are_named() {
    let (_, gold_path) = &gold_sets()[0];
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "prediction lacking end",
            "{\"article\": \"a\", \"start\": 1, \"end\": 3}\n{\"article\": \"a\", \"start\": 1}\n",
            "prediction 2 lacks 'end'",
        ),
        ("line that is not JSON", "{}\n\n{oops\n", "bad.jsonl:3: not JSON"),
    ];
    for (name, text, want) in cases {
        let pred_path = dir.path().join("bad.jsonl");
        std::fs::write(&pred_path, text).unwrap();
        let got = claimscan(&[gold_path, &pred_path], &[]);
        assert_eq!(got.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&got.stderr);
        assert!(stderr.contains(want), "{name}: stderr {stderr:?} lacks {want:?}");
    }
}
