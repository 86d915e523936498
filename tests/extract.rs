//! `claimscan extract` end to end: the committed dataset, the scores on the
//! annotated sets, determinism, exit codes and bad input.

use claimscan::{load_jsonl, score};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn claimscan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run claimscan")
}

fn extract(corpus: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args =
        vec!["extract", corpus.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"];
    args.extend_from_slice(extra);
    claimscan(&args, &root())
}

#[test]
fn committed_dataset_is_what_the_code_produces() {
    let tmp = tempfile::tempdir().unwrap();
    let out =
        claimscan(&["extract", "corpus", "-o", tmp.path().to_str().unwrap(), "--quiet"], &root());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for file in ["claims.jsonl", "manifest.json"] {
        // The corpus's absolute path depends on where the checkout is; and
        // its path from the dataset, on where the dataset is.
        let fresh = fs::read_to_string(tmp.path().join(file)).unwrap();
        let fresh = without_locations(&fresh);
        let committed = fs::read_to_string(root().join("extracted").join(file))
            .unwrap_or_else(|e| panic!("extracted/{file}: {e}"));
        let committed = without_locations(&committed);
        assert!(
            fresh == committed,
            "extracted/{file} is stale: run `cargo run --release -- extract` and commit the result"
        );
    }
}

/// A manifest's text with the values of `corpus_path` and
/// `corpus_from_dataset` blanked (a claims file is returned as it is).
fn without_locations(text: &str) -> String {
    text.lines()
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("\"corpus_path\": ") || t.starts_with("\"corpus_from_dataset\": ") {
                format!("{}: ...,\n", l.split(':').next().unwrap())
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

/// The committed dataset records where its corpus is: the checkout's
/// `corpus/`, beside it.
#[test]
fn committed_dataset_records_its_corpus() {
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("extracted/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(m["corpus"], "corpus");
    assert_eq!(m["corpus_from_dataset"], "../corpus");
    assert!(m["corpus_path"].as_str().is_some_and(|p| p.ends_with("/corpus")), "{m}");
}

/// Bars from the extraction and attribution issues, per annotated set.
#[test]
fn scores_on_annotated_sets_meet_the_bars() {
    for set in ["gold", "dev"] {
        let data = root().join("tests/data").join(set);
        let tmp = tempfile::tempdir().unwrap();
        let out = extract(&data.join("corpus"), tmp.path(), &[]);
        assert!(out.status.success(), "{set}: {}", String::from_utf8_lossy(&out.stderr));
        let gold = load_jsonl(&data.join("gold.jsonl")).unwrap();
        let pred = load_jsonl(&tmp.path().join("claims.jsonl")).unwrap();
        let s = score(&gold, &pred);
        let bars = [
            ("detection F1", s.detection_f1, 0.97),
            ("value accuracy", s.value_accuracy, 0.99),
            ("bound accuracy", s.bound_accuracy, 0.95),
            ("population accuracy", s.population_accuracy, 0.92),
            ("claim F1", s.claim_f1, 0.90),
            ("subject token F1", s.subject_token_f1, 0.70),
            ("full F1", s.full_f1, 0.75),
        ];
        for (name, got, bar) in bars {
            assert!(got >= bar, "{set}: {name} {got:.3} is below {bar}");
        }
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let corpus = root().join("tests/data/dev/corpus");
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    assert!(extract(&corpus, a.path(), &["-j", "1"]).status.success());
    assert!(extract(&corpus, b.path(), &["-j", "2"]).status.success());
    for file in ["claims.jsonl", "manifest.json"] {
        assert_eq!(
            fs::read(a.path().join(file)).unwrap(),
            fs::read(b.path().join(file)).unwrap(),
            "{file}"
        );
    }
}

/// Many more articles than the workers take at a time, with long ones here
/// and there: with more threads than cores, blocks finish out of order and
/// workers run ahead of the writer until it holds them back. The output
/// must still be in path order and the same as one thread's, and nothing
/// may be lost or repeated.
#[test]
fn many_articles_of_mixed_lengths_come_out_in_order_and_whole() {
    let dev = root().join("tests/data/dev/corpus");
    let mut texts: Vec<String> = fs::read_dir(&dev)
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    let corpus = tempfile::tempdir().unwrap();
    let count = 3000;
    for i in 0..count {
        let base = &texts[i % texts.len()];
        // One article in 97 is 40 times as long: its block takes far longer.
        let text = if i % 97 == 5 { base.repeat(40) } else { base.clone() };
        fs::write(corpus.path().join(format!("a{i:05}.txt")), text).unwrap();
    }
    let one = tempfile::tempdir().unwrap();
    let many = tempfile::tempdir().unwrap();
    assert!(extract(corpus.path(), one.path(), &["-j", "1"]).status.success());
    assert!(extract(corpus.path(), many.path(), &["-j", "6"]).status.success());
    for file in ["claims.jsonl", "manifest.json"] {
        assert!(
            fs::read(one.path().join(file)).unwrap() == fs::read(many.path().join(file)).unwrap(),
            "{file} differs between -j1 and -j6"
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(many.path().join("manifest.json")).unwrap()).unwrap();
    let paths: Vec<&str> = manifest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    let want: Vec<String> = (0..count).map(|i| format!("a{i:05}.txt")).collect();
    assert_eq!(paths, want, "manifest entries out of order, lost or repeated");
    let records = load_jsonl(&many.path().join("claims.jsonl")).unwrap();
    let order: Vec<&str> = records.iter().map(|r| r["article"].as_str().unwrap()).collect();
    assert!(order.is_sorted(), "claims out of article order");
    let per_article: usize = manifest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["claims"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(records.len(), per_article);
}

#[test]
fn every_record_is_auditable_against_its_source() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    // Curly quotes, accents and emoji make code points differ from bytes.
    fs::write(
        corpus.path().join("a.txt"),
        "“Café” 🎉 survey:\nAbout 45% of CMOs agree, while 30 per cent of CIOs don’t.\n",
    )
    .unwrap();
    fs::create_dir(corpus.path().join("sub")).unwrap();
    fs::write(corpus.path().join("sub/b.txt"), "Half of marketers say so (50%).").unwrap();
    assert!(extract(corpus.path(), tmp.path(), &[]).status.success());
    let records = load_jsonl(&tmp.path().join("claims.jsonl")).unwrap();
    assert_eq!(records.len(), 4, "{records:?}");
    for r in &records {
        let article = r["article"].as_str().unwrap();
        let text = fs::read_to_string(corpus.path().join(article)).unwrap();
        let (start, end) =
            (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], r["text"].as_str().unwrap());
        let chars: Vec<char> = text.chars().collect();
        let (cs, ce) =
            (r["char_start"].as_u64().unwrap() as usize, r["char_end"].as_u64().unwrap() as usize);
        assert_eq!(chars[cs..ce].iter().collect::<String>(), r["text"].as_str().unwrap());
        let line = r["line"].as_u64().unwrap() as usize;
        let column = r["column"].as_u64().unwrap() as usize;
        let line_text = text.lines().nth(line - 1).unwrap();
        assert!(
            line_text
                .chars()
                .skip(column - 1)
                .collect::<String>()
                .starts_with(r["text"].as_str().unwrap())
        );
        for key in ["subject", "population_phrase"] {
            if let Some(p) = r[key].as_object() {
                let (s, e) =
                    (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
                assert_eq!(&text[s..e], p["text"].as_str().unwrap(), "{key}");
            }
        }
        let (ss, se) = (
            r["sentence"]["start"].as_u64().unwrap() as usize,
            r["sentence"]["end"].as_u64().unwrap() as usize,
        );
        assert!(ss <= start && end <= se, "sentence holds the claim");
        assert!(!r["evidence"].as_str().unwrap().is_empty());
    }
    let pops: Vec<&str> = records.iter().map(|r| r["population"].as_str().unwrap()).collect();
    assert_eq!(pops, ["marketing", "it", "marketing", "marketing"]);
    assert_eq!(records[2]["article"], "sub/b.txt");
    let ids: std::collections::HashSet<&str> =
        records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), records.len(), "ids are unique");
}

#[test]
fn a_bad_article_is_reported_and_the_batch_goes_on() {
    let corpus = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    fs::write(corpus.path().join("good.txt"), "Some 40% of CIOs agree.").unwrap();
    fs::write(corpus.path().join("binary.txt"), b"abc\x00def 5%").unwrap();
    fs::write(corpus.path().join("latin1.txt"), b"Caf\xe9: 12% of marketers agree.").unwrap();
    fs::write(corpus.path().join("utf16.txt"), b"\xff\xfe5\x00%\x00").unwrap();
    fs::write(corpus.path().join("empty.txt"), b"").unwrap();
    let o = extract(corpus.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "some articles failed");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("binary.txt: error: binary file (NUL byte at offset 3)"), "{stderr}");
    assert!(stderr.contains("utf16.txt: error: UTF-16"), "{stderr}");
    assert!(stderr.contains("latin1.txt: warning: invalid UTF-8"), "{stderr}");
    let claims = load_jsonl(&out.path().join("claims.jsonl")).unwrap();
    let texts: Vec<(&str, &str)> = claims
        .iter()
        .map(|c| (c["article"].as_str().unwrap(), c["text"].as_str().unwrap()))
        .collect();
    assert_eq!(texts, [("good.txt", "40%"), ("latin1.txt", "12%")]);
    // Offsets of the lossily decoded article still point into the stored bytes.
    let stored = fs::read(corpus.path().join("latin1.txt")).unwrap();
    let c = &claims[1];
    assert_eq!(
        &stored[c["start"].as_u64().unwrap() as usize..c["end"].as_u64().unwrap() as usize],
        b"12%"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    let statuses: Vec<(&str, &str)> = manifest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["path"].as_str().unwrap(), a["status"].as_str().unwrap()))
        .collect();
    assert_eq!(statuses.len(), 5);
    assert_eq!(statuses[0], ("binary.txt", "error: binary file (NUL byte at offset 3)"));
    assert_eq!(statuses[1], ("empty.txt", "ok"));
    assert!(statuses[4].1.starts_with("error: UTF-16"));
    assert_eq!(manifest["articles"][2]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn usage_errors_exit_2() {
    let out = tempfile::tempdir().unwrap();
    let missing =
        claimscan(&["extract", "no/such/folder", "-o", out.path().to_str().unwrap()], &root());
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/folder"));
    let file = claimscan(&["extract", "Cargo.toml", "-o", out.path().to_str().unwrap()], &root());
    assert_eq!(file.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&file.stderr)
            .contains("corpus 'Cargo.toml' is a file, not a folder of articles"),
        "{}",
        String::from_utf8_lossy(&file.stderr)
    );
    let bad_flag = claimscan(&["extract", "--no-such-flag"], &root());
    assert_eq!(bad_flag.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn unwritable_output_exits_2_and_keeps_the_old_dataset() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = root().join("tests/data/gold/corpus");
    let out = tempfile::tempdir().unwrap();
    assert!(extract(&corpus, out.path(), &[]).status.success());
    let before = fs::read(out.path().join("claims.jsonl")).unwrap();
    fs::set_permissions(out.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions; the check only means something for other users.
    let writable = fs::write(out.path().join("probe"), b"x").is_ok();
    let o = extract(&root().join("tests/data/dev/corpus"), out.path(), &[]);
    fs::set_permissions(out.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if writable {
        eprintln!("running as root: permission check skipped");
        return;
    }
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(fs::read(out.path().join("claims.jsonl")).unwrap(), before);
}

#[test]
fn summary_line_counts_claims_by_population() {
    let out = tempfile::tempdir().unwrap();
    let o = claimscan(
        &["extract", "tests/data/gold/corpus", "-o", out.path().to_str().unwrap()],
        &root(),
    );
    assert!(o.status.success());
    let stderr = String::from_utf8_lossy(&o.stderr);
    let claims = load_jsonl(&out.path().join("claims.jsonl")).unwrap().len();
    assert!(stderr.contains(&format!("5 articles (0 failed), {claims} claims (")), "{stderr}");
}

#[test]
fn output_under_a_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain");
    fs::write(&file, b"not a folder").unwrap();
    let out = file.join("out");
    let o = extract(&root().join("tests/data/gold/corpus"), &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot create output folder"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(fs::read(&file).unwrap(), b"not a folder");
}

fn write_articles(dir: &Path, n: usize, salt: &str) {
    for i in 0..n {
        let text = format!(
            "Survey {i} {salt}\n\nSome {}% of CMOs and {}% of CIOs agree, while one in {} respondents disagree.\n",
            10 + i % 80,
            5 + i % 90,
            2 + i % 8
        );
        fs::write(dir.join(format!("a{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn incremental_run_equals_a_full_rebuild() {
    let corpus = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_articles(corpus.path(), 6, "first");
    let first = extract(corpus.path(), out.path(), &[]);
    assert!(first.status.success());
    // New, changed, removed and unchanged articles.
    fs::write(corpus.path().join("new.txt"), "About 40% of marketers agree.").unwrap();
    fs::write(corpus.path().join("a00002.txt"), "Now 77% of CIOs agree.").unwrap();
    fs::remove_file(corpus.path().join("a00004.txt")).unwrap();
    let inc = claimscan(
        &["extract", corpus.path().to_str().unwrap(), "-o", out.path().to_str().unwrap()],
        &root(),
    );
    assert!(inc.status.success());
    let stderr = String::from_utf8_lossy(&inc.stderr);
    assert!(stderr.contains("incremental: 1 new, 1 changed, 4 unchanged, 1 removed"), "{stderr}");
    let full = tempfile::tempdir().unwrap();
    assert!(extract(corpus.path(), full.path(), &[]).status.success());
    for file in ["claims.jsonl", "manifest.json"] {
        assert_eq!(
            fs::read_to_string(out.path().join(file)).unwrap(),
            fs::read_to_string(full.path().join(file)).unwrap(),
            "{file}"
        );
    }
    // A previous dataset that does not match its manifest is rebuilt in full.
    let claims = fs::read_to_string(out.path().join("claims.jsonl")).unwrap();
    let kept: String = claims.lines().skip(3).map(|l| format!("{l}\n")).collect();
    fs::write(out.path().join("claims.jsonl"), kept).unwrap();
    assert!(extract(corpus.path(), out.path(), &[]).status.success());
    assert_eq!(
        fs::read_to_string(out.path().join("claims.jsonl")).unwrap(),
        fs::read_to_string(full.path().join("claims.jsonl")).unwrap()
    );
    // A dataset written by another build (other sources or dependency
    // versions: another stamp) is not reused.
    let stamp = out.path().join(".claimscan-build");
    assert!(fs::read_to_string(&stamp).unwrap().trim().len() >= 16);
    fs::write(&stamp, "another build\n").unwrap();
    let args = ["extract", corpus.path().to_str().unwrap(), "-o", out.path().to_str().unwrap()];
    let o = claimscan(&args, &root());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("incremental:"));
    let o = claimscan(&args, &root());
    assert!(String::from_utf8_lossy(&o.stderr).contains("incremental: 0 new"), "restamped");
    // --full extracts everything again and says nothing about reuse.
    let o = claimscan(
        &["extract", corpus.path().to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--full"],
        &root(),
    );
    assert!(!String::from_utf8_lossy(&o.stderr).contains("incremental:"));
}

#[cfg(unix)]
#[test]
fn a_run_killed_midway_leaves_the_previous_dataset() {
    use std::time::{Duration, Instant};
    let corpus = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_articles(corpus.path(), 50, "small");
    assert!(extract(corpus.path(), out.path(), &[]).status.success());
    let before: Vec<Vec<u8>> = ["claims.jsonl", "manifest.json"]
        .iter()
        .map(|f| fs::read(out.path().join(f)).unwrap())
        .collect();
    // A corpus large enough that the run is still going when it is killed.
    write_articles(corpus.path(), 40_000, "large");
    let mut killed = false;
    for delay_ms in [300u64, 100, 30] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimscan"))
            .args([
                "extract",
                corpus.path().to_str().unwrap(),
                "-o",
                out.path().to_str().unwrap(),
                "--quiet",
                "--full",
                "-j1",
            ])
            .spawn()
            .unwrap();
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(delay_ms) {
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        if status.code().is_none() {
            killed = true;
            break;
        }
    }
    assert!(killed, "the run finished before it could be killed");
    for (f, old) in ["claims.jsonl", "manifest.json"].iter().zip(&before) {
        assert_eq!(&fs::read(out.path().join(f)).unwrap(), old, "{f} changed by a killed run");
    }
}

#[cfg(unix)]
#[test]
fn links_boms_and_blank_files_follow_the_input_policy() {
    use std::os::unix::fs::symlink;
    let corpus = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    fs::write(corpus.path().join("bom.txt"), "\u{feff}About 30% of CIOs agree.").unwrap();
    fs::write(corpus.path().join("utf16be.txt"), b"\xfe\xff\x00A").unwrap();
    fs::write(corpus.path().join("blank.txt"), " \n\t\n").unwrap();
    symlink(corpus.path().join("nowhere.txt"), corpus.path().join("broken.txt")).unwrap();
    fs::create_dir(corpus.path().join("loop")).unwrap();
    symlink(corpus.path(), corpus.path().join("loop/again")).unwrap();
    let o = extract(corpus.path(), out.path(), &[]);
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("broken.txt: error:"), "{stderr}");
    assert!(stderr.contains("symbolic link loop"), "{stderr}");
    assert!(stderr.contains("utf16be.txt: error: UTF-16"), "{stderr}");
    let claims = load_jsonl(&out.path().join("claims.jsonl")).unwrap();
    assert_eq!(claims.len(), 1);
    // The BOM is part of the stored text: offsets count its three bytes and one code point.
    assert_eq!(claims[0]["start"], 9);
    assert_eq!(claims[0]["char_start"], 7);
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("manifest.json")).unwrap())
            .unwrap();
    let blank =
        manifest["articles"].as_array().unwrap().iter().find(|a| a["path"] == "blank.txt").unwrap();
    assert_eq!((blank["status"].as_str(), blank["claims"].as_u64()), (Some("ok"), Some(0)));
}

#[test]
fn dash_reads_one_article_from_stdin() {
    use std::io::Write;
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(["extract", "-", "-o", out.path().to_str().unwrap(), "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all("Café survey: 45% of CIOs agree.".as_bytes()).unwrap();
    assert!(child.wait().unwrap().success());
    let claims = load_jsonl(&out.path().join("claims.jsonl")).unwrap();
    assert_eq!(claims.len(), 1);
    assert_eq!(
        (claims[0]["article"].as_str(), claims[0]["text"].as_str()),
        (Some("-"), Some("45%"))
    );
    assert_eq!(
        (claims[0]["start"].as_u64(), claims[0]["char_start"].as_u64()),
        (Some(14), Some(13))
    );
    assert_eq!(claims[0]["population"], "it");
}

/// The annotated employers/employees articles of `../shared`, scored with
/// the employers/employees populations file: the same rules, other words.
#[test]
fn a_populations_file_makes_the_rules_read_other_groups() {
    let data = root().join("../shared/employers-employees");
    if !data.exists() {
        assert!(std::env::var("CI").is_err(), "CI needs {}", data.display());
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = root().join("populations/employers-employees.toml");
    let out = extract(&data.join("corpus"), tmp.path(), &["--populations", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let gold = load_jsonl(&data.join("gold.jsonl")).unwrap();
    let pred = load_jsonl(&tmp.path().join("claims.jsonl")).unwrap();
    let s = score(&gold, &pred);
    assert!(s.claim_f1 >= 0.9, "claim F1 {} with the employers/employees file", s.claim_f1);
    // The same articles read for marketing and IT name nobody.
    let plain = tempfile::tempdir().unwrap();
    assert!(extract(&data.join("corpus"), plain.path(), &[]).status.success());
    let pred = load_jsonl(&plain.path().join("claims.jsonl")).unwrap();
    assert!(score(&gold, &pred).claim_f1 < 0.2);
    // The manifest says which populations, and the records use their names.
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(tmp.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["populations"]["names"], serde_json::json!(["employers", "employees"]));
    assert_eq!(manifest["populations"]["sha256"].as_str().unwrap().len(), 64);
}

/// A bad populations file: its line and what is wrong, exit 2, nothing written.
#[test]
fn a_bad_populations_file_says_where_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.toml");
    fs::write(
        &file,
        "both = \"both\"\n[[population]]\nname = \"a\"\nheads = [\"alphas\"]\n\
         [[population]]\nname = \"b\"\nheads = [\"alphas\"]\n[people]\n",
    )
    .unwrap();
    let out_dir = tmp.path().join("out");
    let out = extract(&root().join("corpus"), &out_dir, &["--populations", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml, line 7") && err.contains("\"alphas\" is listed for"), "{err}");
    assert!(!out_dir.exists(), "nothing is written");
}

/// Claims are reused only from a dataset made with the same populations file.
#[test]
fn claims_are_reused_only_with_the_same_populations() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("ds");
    let ee = root().join("populations/employers-employees.toml");
    assert!(extract(&root().join("corpus"), &out, &[]).status.success());
    let again = claimscan(
        &["extract", "corpus", "-o", out.to_str().unwrap(), "--populations", ee.to_str().unwrap()],
        &root(),
    );
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(!err.contains("incremental"), "rebuilt in full, not reused: {err}");
    let fresh = tempfile::tempdir().unwrap();
    let full =
        extract(&root().join("corpus"), fresh.path(), &["--populations", ee.to_str().unwrap()]);
    assert!(full.status.success());
    assert_eq!(
        fs::read(out.join("claims.jsonl")).unwrap(),
        fs::read(fresh.path().join("claims.jsonl")).unwrap()
    );
}
