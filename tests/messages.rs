//! Messages a person can act on (issue 14): each case runs the binary the
//! way a user got stuck and asserts what is said now.

use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

#[path = "common/page.rs"]
mod page;

#[path = "common/cli.rs"]
mod cli;
use cli::{BIN, run};

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const A: &str = "Survey of CMOs and CIOs.\nAbout 30% of CMOs say budgets grew.\n\
                 Meanwhile 62% of CIOs disagree with the plan.\n";

/// A folder with `corpus/a.txt` and its dataset `ds`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("corpus")).unwrap();
    fs::write(dir.path().join("corpus/a.txt"), A).unwrap();
    let o = run(dir.path(), &["extract", "corpus", "-o", "ds", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    dir
}

#[test]
fn no_debug_text_in_export_report_or_the_page() {
    let dir = project();
    fs::write(dir.path().join("corpus/a.txt"), A.replace("30%", "31%")).unwrap();
    let said = "the article has \"31%\" at bytes 31..34, where the record's figure is \"30%\"";
    let o = run(dir.path(), &["export", "--format", "csv", "ds"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains(said), "{}", err(&o));
    assert!(!err(&o).contains("Some("), "{}", err(&o));
    let o = run(dir.path(), &["report", "ds", "-o", "r.html"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains(said), "{}", err(&o));
    let html = fs::read_to_string(dir.path().join("r.html")).unwrap();
    let index = String::from_utf8(page::unpacked(&html, "index")).unwrap();
    assert!(!html.contains("Some(") && !index.contains("Some("), "debug text in the page");
    assert!(
        index.contains("where the record") && index.contains("figure is"),
        "the reason is in the page's data"
    );
}

#[test]
fn audit_says_an_edited_figure_changed_and_extract_will_pick_it_up() {
    let dir = project();
    let claims = fs::read_to_string(dir.path().join("ds/claims.jsonl")).unwrap();
    let first: Value = serde_json::from_str(claims.lines().next().unwrap()).unwrap();
    let id = first["id"].as_str().unwrap();
    let cases = [
        (
            "edited in place",
            A.replace("30%", "31%"),
            format!(
                "{id} a.txt:2:7 \"30%\": the figure there changed to \"31%\": claimscan extract \
                 will extract the new one\n"
            ),
            ("31%", 2, 7),
        ),
        (
            "edited and moved by a line added before it",
            format!("Preface.\n{}", A.replace("30%", "9%")),
            format!(
                "{id} a.txt:2:7 \"30%\": the figure changed to \"9%\", now at 3:7: claimscan \
                 extract will extract the new one\n"
            ),
            ("9%", 3, 7),
        ),
    ];
    for (name, text, line, (figure, l, c)) in cases {
        fs::write(dir.path().join("corpus/a.txt"), &text).unwrap();
        let o = run(dir.path(), &["audit", "ds"]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(out(&o).contains(&line), "{name}: {}", out(&o));
        let size = if text.len() == A.len() {
            format!("(same size, {} bytes)", A.len())
        } else {
            format!("({} bytes, now {})", A.len(), text.len())
        };
        assert!(
            out(&o).starts_with(&format!("article a.txt: changed since extraction {size}\n")),
            "{name}: {}",
            out(&o)
        );
        assert!(
            !out(&o).contains("  - text at bytes"),
            "{name}: the edit is said once: {}",
            out(&o)
        );
        let o = run(dir.path(), &["audit", "ds", "--json"]);
        let first: Value = serde_json::from_str(out(&o).lines().next().unwrap()).unwrap();
        assert_eq!(first["figure_now"]["text"], figure, "{name}: {first}");
        assert_eq!(
            (first["figure_now"]["line"].as_u64(), first["figure_now"]["column"].as_u64()),
            (Some(l), Some(c)),
            "{name}"
        );
    }
}

#[test]
fn utf16_without_a_bom_is_called_utf16_and_windows_1252_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let utf16: Vec<u8> =
        "Some 45% of CIOs agree.".encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(corpus.join("utf16.txt"), utf16).unwrap();
    fs::write(corpus.join("cp1252.txt"), b"Caf\xe9 na\xefve: 45% of CMOs \x93agree\x94.").unwrap();
    let o = run(dir.path(), &["extract", "corpus", "-o", "ds"]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let said = [
        "utf16.txt: error: UTF-16LE text without a byte-order mark is not supported (offsets \
         are UTF-8 bytes): convert it first, e.g. iconv -f UTF-16LE -t UTF-8",
        "cp1252.txt: warning: invalid UTF-8: 4 byte(s) read as U+001A, first at byte offset 3; \
         the file reads as Windows-1252 (or Latin-1): convert it to UTF-8 and extract again, \
         e.g. iconv -f windows-1252 -t utf-8",
    ];
    for s in said {
        assert!(err(&o).contains(s), "{s}\n{}", err(&o));
    }
    assert!(!err(&o).contains("binary"), "{}", err(&o));
}

#[test]
fn an_output_that_is_a_file_is_called_a_file() {
    let dir = project();
    fs::write(dir.path().join("README.md"), "# read me\n").unwrap();
    let o = run(dir.path(), &["extract", "corpus", "-o", "README.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains(
            "output folder README.md is a file, not a folder: -o names the folder that holds \
             claims.jsonl and manifest.json"
        ),
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("os error"), "{}", err(&o));
    assert_eq!(fs::read_to_string(dir.path().join("README.md")).unwrap(), "# read me\n");
}

#[test]
fn a_missing_corpus_is_quoted_and_the_default_said() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["extract"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains(
            "corpus folder 'corpus' cannot be read: No such file or directory (the default, as \
             no corpus was given: name the folder of articles, e.g. claimscan extract \
             path/to/articles)"
        ),
        "{}",
        err(&o)
    );
    let o = run(dir.path(), &["extract", "articles"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("corpus folder 'articles' cannot be read: No such file or directory\n"),
        "{}",
        err(&o)
    );
}

/// A folder that cannot be written is named, not claimscan's temporary
/// file in it. Run as an unprivileged user: as root, through setpriv.
#[cfg(unix)]
#[test]
fn permission_errors_name_the_output_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project();
    let ds = dir.path().join("ds");
    for p in [dir.path(), ds.as_path()] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let corpus = dir.path().join("corpus");
    fs::set_permissions(&corpus, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(corpus.join("a.txt"), fs::Permissions::from_mode(0o644)).unwrap();
    let root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let args = ["extract", corpus.to_str().unwrap(), "-o", ds.to_str().unwrap(), "-q", "--full"];
    let o = if root {
        if Command::new("setpriv").arg("--version").output().is_err() {
            println!("skipped: running as root without setpriv");
            return;
        }
        // The folders are root's, 0755: readable, not writable, by nobody.
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN])
            .args(args)
            .output()
            .unwrap()
    } else {
        fs::set_permissions(&ds, fs::Permissions::from_mode(0o555)).unwrap();
        let o = run(dir.path(), &args);
        fs::set_permissions(&ds, fs::Permissions::from_mode(0o755)).unwrap();
        o
    };
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(
        err(&o),
        format!("claimscan: cannot write in output folder {}: Permission denied\n", ds.display())
    );
}

#[test]
fn a_dataset_file_stands_for_its_folder() {
    let dir = project();
    let id = {
        let claims = fs::read_to_string(dir.path().join("ds/claims.jsonl")).unwrap();
        let first: Value = serde_json::from_str(claims.lines().next().unwrap()).unwrap();
        first["id"].as_str().unwrap().to_string()
    };
    for file in ["ds/claims.jsonl", "ds/manifest.json"] {
        for args in [
            vec!["audit", file],
            vec!["stats", file],
            vec!["show", &id, file],
            vec!["export", "--format", "csv", file],
            vec!["report", file],
        ] {
            let o = run(dir.path(), &args);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
        }
    }
    assert!(dir.path().join("ds/report.html").is_file());
    fs::write(dir.path().join("ds/notes.txt"), "notes").unwrap();
    let o = run(dir.path(), &["audit", "ds/notes.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains(
            "ds/notes.txt is a file, not a dataset folder: give the folder that holds \
             claims.jsonl and manifest.json"
        ),
        "{}",
        err(&o)
    );
}

#[test]
fn eval_says_when_its_arguments_are_swapped() {
    let dir = project();
    let gold = dir.path().join("gold.jsonl");
    fs::write(
        &gold,
        "{\"article\": \"a.txt\", \"start\": 31, \"end\": 34, \"text\": \"30%\", \"value\": 30.0, \
         \"bound\": \"approx\", \"population\": \"marketing\", \"subject\": \"say budgets grew\"}\n",
    )
    .unwrap();
    let o = run(dir.path(), &["eval", "ds/claims.jsonl", "gold.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains(
            "the arguments look swapped: ds/claims.jsonl is claimscan output (records with 'id' \
             and 'evidence') and gold.jsonl a gold file; the gold file comes first: claimscan \
             eval gold.jsonl ds/claims.jsonl"
        ),
        "{}",
        err(&o)
    );
    assert!(out(&o).is_empty(), "no figures printed: {}", out(&o));
    let o = run(dir.path(), &["eval", "ds/claims.jsonl", "ds/claims.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("ds/claims.jsonl is claimscan output"), "{}", err(&o));
    // In the right order, with the claims file or its dataset folder.
    for claims in ["ds/claims.jsonl", "ds"] {
        let o = run(dir.path(), &["eval", "gold.jsonl", claims]);
        assert_eq!(o.status.code(), Some(0), "{claims}: {}", err(&o));
        assert!(out(&o).starts_with("gold 1  predicted 2  matched 1"), "{}", out(&o));
    }
}

#[test]
fn the_man_page_lists_the_exit_statuses_of_extract() {
    let o = run(Path::new("."), &["man"]);
    let page = out(&o);
    let extract =
        &page[page.find("CLAIMSCAN EXTRACT").unwrap()..page.find("CLAIMSCAN STREAM").unwrap()];
    for status in [
        "Exit status: 0 when every article was extracted",
        "1 when some could not",
        "2 on usage errors",
    ] {
        assert!(extract.contains(status), "{status}:\n{extract}");
    }
}

#[test]
fn report_writes_into_the_dataset_folder_by_default() {
    let dir = project();
    let elsewhere = tempfile::tempdir().unwrap();
    let ds = dir.path().join("ds");
    let o = run(elsewhere.path(), &["report", ds.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(ds.join("report.html").is_file());
    assert!(!elsewhere.path().join("report.html").exists());
    assert!(
        err(&o).starts_with(&format!("{}: 1 article,", ds.join("report.html").display())),
        "{}",
        err(&o)
    );
}
