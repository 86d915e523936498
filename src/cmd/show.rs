//! `claimscan show ID`: one claim in its sentence, for a reader checking it.
//!
//! A header gives the id, `article:line:column`, value, bound, population
//! and evidence (and, for a claim of an HTML page, the expression's bytes
//! in the page); then the sentence, read from the article's text (for a
//! page, its stored article text), is printed with the expression, subject
//! and population phrase marked. On a terminal the marks are ANSI colours
//! (unless `NO_COLOR` is set to a non-empty value); otherwise they are
//! brackets: `[[35%]]` for the expression, `{subject}` and `<phrase>`.
//!
//! The claim is looked up in the dataset and its spans checked against the
//! article first: when the article has changed or cannot be read, what the
//! record says is printed, a warning says to run `claimscan audit`, and the
//! exit status is 1. An unknown id is exit status 1 as well.

use crate::cli::ShowArgs;
use crate::cmd::Status;
use crate::cmd::dataset::{Sources, dataset_dir, load};
use crate::io::corpus::decode;
use crate::record::ClaimRecord;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

/// Runs `claimscan show`.
pub(crate) fn run(args: &ShowArgs) -> anyhow::Result<Status> {
    let dir = dataset_dir(&args.dataset)?;
    let dataset = load(&dir)?;
    let Some(record) = dataset.claims.iter().find(|c| c.id == args.id) else {
        eprintln!(
            "claimscan: no claim with id '{}' in {}",
            args.id,
            dir.join("claims.jsonl").display()
        );
        return Ok(Status::Partial);
    };
    let sources = Sources::locate(args.corpus.as_deref(), &dir, &dataset.manifest)?;
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());

    let mut out = header(record);
    let mut status = Status::Success;
    let text = sources.read(&record.article).and_then(decode);
    match text {
        Err(why) => {
            eprintln!("claimscan: article {}: {why}", record.article);
            status = Status::Partial;
        }
        Ok(d) => match marks(record, &d.text) {
            Ok(marks) => {
                out.push('\n');
                out.push_str(&render(&d.text, &marks, color));
                out.push('\n');
            }
            Err(why) => {
                eprintln!(
                    "claimscan: article {} has changed since extraction ({why}): run claimscan audit",
                    record.article
                );
                status = Status::Partial;
            }
        },
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(status)
}

fn header(r: &ClaimRecord) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  {}:{}:{}", r.id, r.article, r.line, r.column);
    let _ = writeln!(out, "expression: {}", r.text);
    let _ = writeln!(out, "value:      {} ({}, {})", r.value, r.bound, r.kind);
    let phrase = r.population_phrase.as_ref().map_or(String::new(), |p| format!(" <{}>", p.text));
    let _ = writeln!(out, "population: {}{phrase}", r.population);
    if let Some(s) = &r.subject {
        let _ = writeln!(out, "subject:    {{{}}}", s.text);
    }
    let _ = writeln!(out, "evidence:   {}", r.evidence);
    if let Some(s) = &r.source_span {
        let _ = writeln!(out, "in page:    bytes {}..{} of {}", s.start, s.end, r.article);
    }
    if let Some(flag) = &r.audit {
        let _ = writeln!(out, "audit:      {flag}");
    }
    out
}

/// A span to mark: bytes, bracket pair, SGR colour code.
struct Mark {
    start: usize,
    end: usize,
    open: &'static str,
    close: &'static str,
    sgr: &'static str,
}

/// The record's spans as marks, after checking each against `text`.
fn marks(r: &ClaimRecord, text: &str) -> Result<Vec<Mark>, String> {
    let check = |label: &str, start: usize, end: usize, want: &str| {
        if text.get(start..end) == Some(want) {
            Ok(())
        } else {
            Err(format!("the {label} is not at bytes {start}..{end}"))
        }
    };
    check("expression", r.start, r.end, &r.text)?;
    let mut marks = vec![Mark { start: r.start, end: r.end, open: "[[", close: "]]", sgr: "1;35" }];
    if let Some(p) = &r.subject {
        check("subject", p.start, p.end, &p.text)?;
        marks.push(Mark { start: p.start, end: p.end, open: "{", close: "}", sgr: "36" });
    }
    if let Some(p) = &r.population_phrase {
        check("population phrase", p.start, p.end, &p.text)?;
        marks.push(Mark { start: p.start, end: p.end, open: "<", close: ">", sgr: "4;32" });
    }
    if text.get(r.sentence.start..r.sentence.end).is_none() {
        return Err(format!(
            "the sentence {}..{} does not fit the article",
            r.sentence.start, r.sentence.end
        ));
    }
    // The sentence itself, unmarked, widens the printed region.
    marks.push(Mark { start: r.sentence.start, end: r.sentence.end, open: "", close: "", sgr: "" });
    Ok(marks.into_iter().filter(|m| m.start < m.end).collect())
}

/// The region covered by `marks`, with each marked span in brackets or colour.
fn render(text: &str, marks: &[Mark], color: bool) -> String {
    let from = marks.iter().map(|m| m.start).min().unwrap_or(0);
    let to = marks.iter().map(|m| m.end).max().unwrap_or(0);
    let mut points: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    points.sort_unstable();
    points.dedup();
    let mut out = String::new();
    for (k, &p) in points.iter().enumerate() {
        if !color {
            // Close the spans ending here (shorter ones first), then open
            // those starting here (longer ones first), so nested spans nest.
            let mut closing: Vec<&Mark> = marks.iter().filter(|m| m.end == p).collect();
            closing.sort_by_key(|m| std::cmp::Reverse(m.start));
            closing.iter().for_each(|m| out.push_str(m.close));
            let mut opening: Vec<&Mark> = marks.iter().filter(|m| m.start == p).collect();
            opening.sort_by_key(|m| std::cmp::Reverse(m.end));
            opening.iter().for_each(|m| out.push_str(m.open));
        }
        let Some(&next) = points.get(k + 1) else { break };
        let segment = &text[p.max(from)..next.min(to)];
        let codes: Vec<&str> = marks
            .iter()
            .filter(|m| !m.sgr.is_empty() && m.start <= p && next <= m.end)
            .map(|m| m.sgr)
            .collect();
        if color && !codes.is_empty() {
            let _ = write!(out, "\x1b[{}m{segment}\x1b[0m", codes.join(";"));
        } else {
            out.push_str(segment);
        }
    }
    out
}
