//! `claimscan stream`: articles as JSON lines on stdin, claim records as JSON
//! lines on stdout, for pipes (a shell, Spark's `RDD.pipe`, Hadoop Streaming).
//!
//! A reader thread ([`crate::io::lines`]) reads lines into a queue of at
//! most `--batch` lines. The main thread waits for one line, takes whatever
//! else is already queued (up to `--batch` lines in all), extracts the batch
//! in parallel on the io driver's workers ([`crate::io::driver::Workers`]),
//! writes its records in input order and flushes. So a line is processed as soon as it
//! has been read, output order is input order, and memory holds at most two
//! batches of lines and one batch of records, however long the stream.
//!
//! Each line is handled by [`process_line`], a plain function from the line's
//! bytes to the bytes to write: the records of its claims (the same records as
//! `claims.jsonl`, with `article` set to the line's id), or one error record
//! when the line cannot be used. A bad line never stops the stream; only a
//! failure to read stdin or write stdout does.

use crate::cli::StreamArgs;
use crate::cmd::Status;
use crate::io::driver::Workers;
use crate::io::lines::Lines;
use crate::lang::extract::Extractor;
use crate::record::claim_records;
use anyhow::{Context, Result};
use serde_json::Value;
use std::io::{BufWriter, Read, Write};

/// Runs `claimscan stream` on stdin and stdout.
pub(crate) fn run(args: &StreamArgs) -> Result<Status> {
    if args.threads == Some(0) {
        anyhow::bail!("--threads must be at least 1");
    }
    if args.batch == 0 {
        anyhow::bail!("--batch must be at least 1");
    }
    let settings = Settings {
        id_field: args.id_field.clone(),
        text_field: args.text_field.clone(),
        threads: args.threads,
        batch: args.batch,
        extractor: super::extractor(args.populations.as_deref())?,
    };
    let stdout = std::io::stdout();
    stream(&settings, std::io::stdin(), stdout.lock())?;
    Ok(Status::Success)
}

/// Validated settings of a stream.
struct Settings {
    /// Field holding the article's id.
    id_field: String,
    /// Field holding the article's text.
    text_field: String,
    /// Worker threads; None for all cores.
    threads: Option<usize>,
    /// Most lines processed together (at least 1).
    batch: usize,
    /// The populations and their lexicon.
    extractor: Extractor,
}

/// Reads `input` line by line and writes each line's records to `output`,
/// batch by batch, flushing after each batch.
fn stream<R: Read + Send + 'static, W: Write>(
    settings: &Settings,
    input: R,
    output: W,
) -> Result<()> {
    let workers = Workers::new(settings.threads)?;
    let lines = Lines::spawn(input, settings.batch);
    let mut out = BufWriter::with_capacity(1 << 16, output);
    loop {
        let (batch, read_error) = lines.next_batch(settings.batch);
        if batch.is_empty() && read_error.is_none() {
            break;
        }
        let done: Vec<Vec<u8>> = workers.map(&batch, |(n, line)| process_line(*n, line, settings));
        drop(batch);
        for bytes in &done {
            out.write_all(bytes).context("cannot write standard output")?;
        }
        out.flush().context("cannot write standard output")?;
        if let Some(e) = read_error {
            return Err(e).context("cannot read standard input");
        }
    }
    out.flush().context("cannot write standard output")?;
    Ok(())
}

/// An error record: why line `line` of the input gave no claims.
///
/// ```json
/// {"error":"field \"text\" is missing","line":7,"article":"a.txt"}
/// ```
#[derive(serde::Serialize)]
struct ErrorRecord<'a> {
    /// What is wrong with the line.
    error: &'a str,
    /// 1-based line number in the input, blank lines included.
    line: u64,
    /// The line's id, when it could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<&'a str>,
}

/// An article read from a line.
struct Article {
    id: String,
    text: String,
}

/// The bytes to write for line `number`: one JSON line per claim of its
/// article, none when it has no claims, or one error record.
fn process_line(number: u64, line: &[u8], settings: &Settings) -> Vec<u8> {
    let article = match read_article(number, line, settings) {
        Ok(a) => a,
        Err((error, id)) => return error_line(&error, number, id.as_deref()),
    };
    let ex = &settings.extractor;
    let claims =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ex.extract(&article.text)));
    let claims = match claims {
        Ok(c) => c,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let error = format!("internal error in the extractor (please report): {what}");
            return error_line(&error, number, Some(&article.id));
        }
    };
    let mut out = Vec::new();
    for record in claim_records(&article.id, &article.text, &claims, &ex.populations) {
        serde_json::to_writer(&mut out, &record).expect("records serialize");
        out.push(b'\n');
    }
    out
}

fn error_line(error: &str, line: u64, article: Option<&str>) -> Vec<u8> {
    let mut out =
        serde_json::to_vec(&ErrorRecord { error, line, article }).expect("error records serialize");
    out.push(b'\n');
    out
}

/// The id and text of line `number`, or what is wrong with it (and its id
/// when that could be read).
fn read_article(
    number: u64,
    line: &[u8],
    settings: &Settings,
) -> Result<Article, (String, Option<String>)> {
    let value: Value =
        serde_json::from_slice(line).map_err(|e| (format!("invalid JSON: {e}"), None))?;
    let Value::Object(mut fields) = value else {
        return Err((format!("expected a JSON object, found {}", kind(&value)), None));
    };
    let id = match fields.remove(&settings.id_field) {
        None | Some(Value::Null) => number.to_string(),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            let error = format!(
                "field {:?} is {}, not a string or a number",
                settings.id_field,
                kind(&other)
            );
            return Err((error, None));
        }
    };
    let text = match fields.remove(&settings.text_field) {
        Some(Value::String(s)) => s,
        None => return Err((format!("field {:?} is missing", settings.text_field), Some(id))),
        Some(other) => {
            let error =
                format!("field {:?} is {}, not a string", settings.text_field, kind(&other));
            return Err((error, Some(id)));
        }
    };
    Ok(Article { id, text })
}

/// "a number", "an array" and so on, for error messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            id_field: "id".into(),
            text_field: "text".into(),
            threads: Some(1),
            batch: 4,
            extractor: super::super::extractor(None).unwrap(),
        }
    }

    /// Each bad line gives one error record naming the problem, its line and
    /// (when readable) its id.
    #[test]
    fn bad_lines_give_one_error_record() {
        let cases: &[(&str, &[u8], &str, Option<&str>)] = &[
            ("not JSON", b"{\"id\": ", "invalid JSON", None),
            ("invalid UTF-8", b"{\"id\":\"a\",\"text\":\"\xff\"}", "invalid JSON", None),
            ("an array", b"[1, 2]", "expected a JSON object, found an array", None),
            ("a string", b"\"text\"", "expected a JSON object, found a string", None),
            ("no text", b"{\"id\":\"a\"}", "field \"text\" is missing", Some("a")),
            ("text null", b"{\"id\":\"a\",\"text\":null}", "field \"text\" is null", Some("a")),
            ("text number", b"{\"id\":3,\"text\":5}", "field \"text\" is a number", Some("3")),
            ("id object", b"{\"id\":{},\"text\":\"x\"}", "field \"id\" is an object", None),
            ("id boolean", b"{\"id\":true,\"text\":\"x\"}", "field \"id\" is a boolean", None),
        ];
        for &(name, line, want, article) in cases {
            let out = process_line(9, line, &settings());
            assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1, "case {name:?}");
            let v: Value = serde_json::from_slice(&out).unwrap();
            let error = v["error"].as_str().unwrap_or_default();
            assert!(error.starts_with(want), "case {name:?}: {error}");
            assert_eq!(v["line"], 9, "case {name:?}");
            assert_eq!(v["article"].as_str(), article, "case {name:?}");
        }
    }

    /// Ids: strings as they are, numbers by their JSON text, missing or null
    /// ids by the line number.
    #[test]
    fn ids() {
        let cases: &[(&str, &str, &str)] = &[
            ("string", "{\"id\":\"a/b.txt\",\"text\":\"45% of CIOs agree.\"}", "a/b.txt"),
            ("integer", "{\"id\":42,\"text\":\"45% of CIOs agree.\"}", "42"),
            ("negative", "{\"id\":-7,\"text\":\"45% of CIOs agree.\"}", "-7"),
            ("decimal", "{\"id\":1.5,\"text\":\"45% of CIOs agree.\"}", "1.5"),
            ("missing", "{\"text\":\"45% of CIOs agree.\"}", "9"),
            ("null", "{\"id\":null,\"text\":\"45% of CIOs agree.\"}", "9"),
        ];
        for &(name, line, want) in cases {
            let out = process_line(9, line.as_bytes(), &settings());
            let v: Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(v["article"], want, "case {name:?}");
            assert_eq!(v["text"], "45%", "case {name:?}");
        }
    }

    /// Whatever the batch size, every line's records come out in input order
    /// and blank lines are skipped but counted.
    #[test]
    fn batches_keep_order() {
        let mut input = String::new();
        for i in 0..50 {
            input.push_str(&format!("{{\"id\":{i},\"text\":\"{i}% of CMOs agree.\"}}\n"));
            if i % 7 == 0 {
                input.push_str("  \r\n\n");
            }
        }
        input.push_str("oops");
        for batch in [1, 3, 64] {
            let s = Settings { batch, threads: Some(2), ..settings() };
            let mut out = Vec::new();
            stream(&s, std::io::Cursor::new(input.clone().into_bytes()), &mut out).unwrap();
            let lines: Vec<Value> = out
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .map(|l| serde_json::from_slice(l).unwrap())
                .collect();
            assert_eq!(lines.len(), 51, "batch {batch}");
            for (i, v) in lines[..50].iter().enumerate() {
                assert_eq!(v["article"], i.to_string(), "batch {batch}");
            }
            assert_eq!(lines[50]["line"], 50 + 2 * 8 + 1, "batch {batch}");
        }
    }
}
