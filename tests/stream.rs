//! `claimscan stream` end to end: JSON lines in, the records of `extract`
//! out, in input order, with error records for bad lines and the exit
//! statuses of a pipe.

use serde_json::{Value, json};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn spawn(args: &[&str], stdout: Stdio) -> Child {
    Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .arg("stream")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimscan stream")
}

/// Runs `claimscan stream ARGS` with `input` on stdin (written from another
/// thread, so large inputs and outputs cannot deadlock).
fn stream(args: &[&str], input: Vec<u8>) -> Output {
    let mut child = spawn(args, Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().expect("write stdin");
    out
}

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn line(id: &str, text: &str) -> String {
    let mut l = json!({"id": id, "text": text}).to_string();
    l.push('\n');
    l
}

/// The text files under `dir` by path relative to it, in path order.
fn articles(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                let rel = p.strip_prefix(dir).unwrap().to_str().unwrap().replace('\\', "/");
                found.push((rel, fs::read_to_string(&p).unwrap()));
            }
        }
    }
    found.sort();
    found
}

fn extract(corpus: &Path, out: &Path) -> Vec<u8> {
    let status = Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .args(["extract", corpus.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"])
        .status()
        .unwrap();
    assert!(status.success());
    fs::read(out.join("claims.jsonl")).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// Articles streamed with their relative paths as ids give exactly the bytes
/// of `claims.jsonl` from `extract` over the same files.
#[test]
fn records_are_those_of_extract() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_dir(&root().join("corpus"), &corpus.join("news"));
    copy_dir(&root().join("tests/data/dev/corpus"), &corpus.join("dev"));
    let want = extract(&corpus, &tmp.path().join("out"));
    let input: String = articles(&corpus).iter().map(|(id, text)| line(id, text)).collect();
    for threads in ["1", "2"] {
        let out = stream(&["-j", threads], input.clone().into_bytes());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(json_lines(&want).len() > 100, "the corpus has claims");
        assert!(out.stdout == want, "-j{threads}: stream and extract differ");
    }
}

/// Many articles of very different lengths, two threads and batches of
/// several sizes: records come out in input order.
#[test]
fn order_is_input_order() {
    let mut input = String::new();
    let mut want = Vec::new();
    for i in 0..600 {
        let filler = "Budgets were discussed at length. ".repeat((i * 37) % 200);
        let text = format!("{filler}In the survey, {}% of CIOs agreed.", i % 100);
        input.push_str(&line(&format!("a{i}"), &text));
        want.push(format!("a{i}"));
    }
    for batch in ["1", "7", "64"] {
        let out = stream(&["-j2", "--batch", batch], input.clone().into_bytes());
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let got: Vec<String> = json_lines(&out.stdout)
            .iter()
            .map(|r| r["article"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(got, want, "--batch {batch}");
    }
}

/// Each bad line gives one error record with its line number (blank lines
/// count), and the lines after it are processed.
#[test]
fn bad_lines_give_error_records_and_the_stream_goes_on() {
    let good = |id: &str| line(id, "Of the CMOs, 45% agreed.");
    let mut input = Vec::new();
    input.extend(good("first").into_bytes()); // 1
    input.extend(b"this is not JSON\n"); // 2
    input.extend(b"\n   \n"); // 3, 4: blank, skipped
    input.extend(b"{\"id\": \"no-text\"}\n"); // 5
    input.extend(b"{\"id\": \"num\", \"text\": 12}\n"); // 6
    input.extend(good("second").into_bytes()); // 7
    input.extend(b"[\"an\", \"array\"]\n"); // 8
    input.extend(b"{\"id\": \"bytes\", \"text\": \"\xff\xfe\"}\n"); // 9
    input.extend(b"{\"id\": \"cut\", \"text\": \"45% of CI"); // 10: no newline, cut short
    input.extend(b"\n");
    input.extend(good("third").into_bytes()); // 11
    input.extend(b"{\"id\": \"crlf\", \"text\": \"Some 30% of CIOs agreed.\"}\r\n"); // 12
    let out = stream(&["-j2"], input);
    assert!(out.status.success(), "bad lines do not fail the stream");
    let got: Vec<(String, Value)> = json_lines(&out.stdout)
        .into_iter()
        .map(|r| match r.get("error") {
            Some(e) => (format!("error {}", e.as_str().unwrap()), r["line"].clone()),
            None => (format!("claim {}", r["article"].as_str().unwrap()), Value::Null),
        })
        .collect();
    let want: Vec<(&str, Value)> = vec![
        ("claim first", Value::Null),
        ("error invalid JSON", json!(2)),
        ("error field \"text\" is missing", json!(5)),
        ("error field \"text\" is a number, not a string", json!(6)),
        ("claim second", Value::Null),
        ("error expected a JSON object, found an array", json!(8)),
        ("error invalid JSON", json!(9)),
        ("error invalid JSON", json!(10)),
        ("claim third", Value::Null),
        ("claim crlf", Value::Null),
    ];
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for ((got, got_line), (want, want_line)) in got.iter().zip(&want) {
        assert!(got.starts_with(want), "{got:?} should start with {want:?}");
        assert_eq!(got_line, want_line, "{got}");
    }
}

/// `--id-field` and `--text-field` name the input fields; ids may be numbers
/// (their JSON text) or missing (the line number).
#[test]
fn field_names_and_ids() {
    let input = concat!(
        "{\"url\": \"https://example.com/a\", \"body\": \"Of the CMOs, 45% agreed.\"}\n",
        "{\"url\": 42, \"body\": \"Of the CMOs, 46% agreed.\"}\n",
        "{\"body\": \"Of the CMOs, 47% agreed.\"}\n",
        "{\"id\": \"x\", \"text\": \"Of the CMOs, 48% agreed.\"}\n",
    );
    let out = stream(&["--id-field", "url", "--text-field", "body"], input.into());
    assert!(out.status.success());
    let got = json_lines(&out.stdout);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert_eq!(got[0]["article"], "https://example.com/a");
    assert_eq!(got[1]["article"], "42");
    assert_eq!(got[1]["value"], 46.0);
    assert_eq!(got[2]["article"], "3", "a missing id is the line number");
    assert_eq!(got[3]["error"], "field \"body\" is missing");
    assert_eq!(got[3]["line"], 4);
    assert_eq!(got[3]["article"], "4", "the id is read from --id-field, absent here");
}

/// Offsets count UTF-8 bytes of the text (`start`, `end`) and code points
/// (`char_start`, `char_end`), as for a file holding the same text.
#[test]
fn unicode_offsets() {
    let text = "Café naïveté — 😀 “quoted”.\nПо данным опроса, 45% of CIOs said «yes», and 3 in 10 CMOs agreed.";
    let out = stream(&[], line("u.txt", text).into_bytes());
    assert!(out.status.success());
    let got = json_lines(&out.stdout);
    assert_eq!(got.len(), 2, "{got:#?}");
    for (r, want) in got.iter().zip(["45%", "3 in 10"]) {
        let (start, end) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap());
        assert_eq!(&text.as_bytes()[start..end as usize], want.as_bytes());
        assert_eq!(r["text"], want);
        let chars: Vec<char> = text.chars().collect();
        let (cs, ce) = (r["char_start"].as_u64().unwrap(), r["char_end"].as_u64().unwrap());
        let span: String = chars[cs as usize..ce as usize].iter().collect();
        assert_eq!(span, want);
        assert_eq!(cs as usize, text[..start].chars().count());
        assert_eq!(r["line"], 2);
    }
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("c")).unwrap();
    fs::write(tmp.path().join("c/u.txt"), text).unwrap();
    assert!(extract(&tmp.path().join("c"), &tmp.path().join("o")) == out.stdout);
}

/// An article of several megabytes on one line works, with offsets to its end.
#[test]
fn long_lines() {
    let paragraph = "The board met again. Growth was slow and the weather was grey. ";
    let mut text = paragraph.repeat(3 * 1024 * 1024 / paragraph.len());
    let at = text.len();
    text.push_str("Of the CMOs, 45% agreed.");
    let mut input = line("short-before", "Of the CIOs, 12% agreed.");
    input.push_str(&line("long", &text));
    input.push_str(&line("short-after", "Of the CIOs, 13% agreed."));
    let out = stream(&["-j2"], input.into_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = json_lines(&out.stdout);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(got[1]["article"], "long");
    assert_eq!(got[1]["start"], at + "Of the CMOs, ".len());
    assert_eq!(got[2]["article"], "short-after");
}

/// Each line's records are written as soon as it is read, before the end of
/// the input.
#[test]
fn lines_are_answered_before_the_input_ends() {
    let mut child = spawn(&["-j2"], Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(stdout).lines() {
            if tx.send(l.unwrap()).is_err() {
                return;
            }
        }
    });
    for (i, id) in ["one", "two"].iter().enumerate() {
        stdin.write_all(line(id, "Of the CMOs, 45% agreed.").as_bytes()).unwrap();
        stdin.flush().unwrap();
        let got = rx.recv_timeout(Duration::from_secs(60)).expect("an answer before EOF");
        let got: Value = serde_json::from_str(&got).unwrap();
        assert_eq!(got["article"], *id, "line {}", i + 1);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert!(rx.recv_timeout(Duration::from_secs(60)).is_err(), "nothing more");
}

/// A reader that stops early (`| head -1`) ends the stream with status 0.
#[test]
fn closed_stdout_exits_0() {
    let mut child = spawn(&["--batch", "1"], Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let writer = std::thread::spawn(move || {
        for i in 0..20_000 {
            if stdin
                .write_all(line(&format!("a{i}"), "Of the CMOs, 45% agreed.").as_bytes())
                .is_err()
            {
                return;
            }
        }
    });
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert_eq!(status.code(), Some(0));
}

/// Failures of the stream itself exit 2 and say so on stderr: stdout that
/// cannot be written (a full disk), stdin that cannot be read (a folder).
#[test]
#[cfg(target_os = "linux")]
fn stream_failures_exit_2() {
    let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let mut child = spawn(&[], Stdio::from(full));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(line("a", "Of the CMOs, 45% agreed.").as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write standard output"));

    let out = Command::new(env!("CARGO_BIN_EXE_claimscan"))
        .arg("stream")
        .stdin(fs::File::open(root().join("src")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read standard input"));
}

/// Usage errors exit 2.
#[test]
fn usage_errors_exit_2() {
    for args in [&["-j", "0"][..], &["--batch", "0"], &["--batch", "x"]] {
        let out = stream(args, Vec::new());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
