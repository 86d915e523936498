//! Exports of a dataset into the formats of the tools that review or
//! analyse claims: CSV, Label Studio tasks, brat standoff and W3C Web
//! Annotation JSON-LD.
//!
//! Every function here is pure: it takes an [`Article`] (a text as decoded
//! by the extraction policy, and the claims whose spans hold in it) and
//! returns the text of the export. Reading the dataset and the articles,
//! and writing files, is `claimscan export`'s business
//! (`src/cmd/export.rs`).
//!
//! The records carry UTF-8 byte offsets; Label Studio, brat and Web
//! Annotation count code points, so those exports recompute code-point
//! offsets from the byte offsets against the text itself, and a slice of
//! the text by code points is exactly the claim's `text`.

use crate::record::ClaimRecord;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// Code points of context on each side in a W3C `TextQuoteSelector`.
pub const QUOTE_CONTEXT: usize = 32;

/// The columns of the CSV export, in order.
pub const CSV_COLUMNS: [&str; 19] = [
    "id", "article", "start", "end", "char_start", "char_end", "line", "column", "text", "value",
    "bound", "kind", "population", "subject", "subject_start", "subject_end", "population_phrase",
    "evidence", "sentence",
];

/// The populations, which are the labels of Label Studio and the entity
/// types of brat.
pub const LABELS: [&str; 4] = ["marketing", "it", "both", "unknown"];

/// The Label Studio labeling config matching [`label_studio`]'s tasks: a
/// `Labels` control named `label` over a `Text` object named `text`.
pub(crate) const LABEL_STUDIO_CONFIG: &str = r##"<View>
  <Header value="$article"/>
  <Labels name="label" toName="text">
    <Label value="marketing" background="#1f77b4"/>
    <Label value="it" background="#ff7f0e"/>
    <Label value="both" background="#2ca02c"/>
    <Label value="unknown" background="#7f7f7f"/>
  </Labels>
  <Text name="text" value="$text" granularity="symbol"/>
</View>
"##;

/// brat's `annotation.conf` for [`brat_ann`]: one entity type per
/// population, and the `AnnotatorNotes` that carry value, bound and id.
pub(crate) const BRAT_CONF: &str = "[entities]\nmarketing\nit\nboth\nunknown\n\n[relations]\n\n\
                             [events]\n\n[attributes]\n";

/// An article's text and the claims to export from it.
#[derive(Debug, Clone)]
pub struct Article<'a> {
    /// Path relative to the corpus, `/` separators, as in the records.
    pub path: &'a str,
    /// The text, decoded by the extraction's policy ([`crate::io::corpus::decode`]).
    pub text: &'a str,
    /// Its claims, each of which passes `check` against `text`, in offset order.
    pub claims: Vec<&'a ClaimRecord>,
}

/// Checks that the record's expression, subject and population phrase are
/// the text's bytes at their offsets and that its sentence fits the text;
/// says what does not hold otherwise. Exports only take records that pass.
pub(crate) fn check(record: &ClaimRecord, text: &str) -> Result<(), String> {
    let span = |label: &str, start: usize, end: usize, want: Option<&str>| match (
        text.get(start..end),
        want,
    ) {
        (Some(found), Some(want)) if found != want => Err(format!(
            "the article has {found:?} at bytes {start}..{end}, where the record's {label} \
             is {want:?}"
        )),
        (Some(_), _) => Ok(()),
        (None, _) => Err(format!("the {label} at bytes {start}..{end} does not fit the article")),
    };
    span("figure", record.start, record.end, Some(&record.text))?;
    if let Some(p) = &record.subject {
        span("subject", p.start, p.end, Some(&p.text))?;
    }
    if let Some(p) = &record.population_phrase {
        span("population phrase", p.start, p.end, Some(&p.text))?;
    }
    span("sentence", record.sentence.start, record.sentence.end, None)
}

/// Byte offset → code-point offset, for one text.
#[derive(Debug, Clone)]
pub(crate) struct CodePoints {
    /// Byte offset of every character, in order.
    starts: Vec<usize>,
}

impl CodePoints {
    /// Indexes `text`.
    pub(crate) fn new(text: &str) -> CodePoints {
        CodePoints { starts: text.char_indices().map(|(i, _)| i).collect() }
    }

    /// The code-point offset of byte offset `byte` (a character boundary,
    /// or the text's length).
    pub(crate) fn at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s < byte)
    }
}

/// The text's code points `start..end` (fewer at its ends).
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// The CSV export: a header row ([`CSV_COLUMNS`]), then one row per claim,
/// quoted as RFC 4180 says. Offsets `start`, `end`, `subject_start` and
/// `subject_end` are bytes as in the records; `char_start`/`char_end` are
/// code points; `sentence` is the sentence's text.
pub fn csv(articles: &[Article]) -> String {
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(vec![]);
    let write = |w: &mut ::csv::Writer<Vec<u8>>, row: &[String]| {
        w.write_record(row).expect("writing to memory does not fail");
    };
    write(&mut w, &CSV_COLUMNS.map(String::from));
    for a in articles {
        let cp = CodePoints::new(a.text);
        for r in &a.claims {
            let (subject, subject_start, subject_end) = match &r.subject {
                Some(s) => (s.text.clone(), s.start.to_string(), s.end.to_string()),
                None => (String::new(), String::new(), String::new()),
            };
            let row = [
                r.id.clone(),
                r.article.clone(),
                r.start.to_string(),
                r.end.to_string(),
                cp.at(r.start).to_string(),
                cp.at(r.end).to_string(),
                r.line.to_string(),
                r.column.to_string(),
                r.text.clone(),
                r.value.to_string(),
                r.bound.to_string(),
                r.kind.to_string(),
                r.population.to_string(),
                subject,
                subject_start,
                subject_end,
                r.population_phrase.as_ref().map_or(String::new(), |p| p.text.clone()),
                r.evidence.clone(),
                a.text[r.sentence.start..r.sentence.end].to_string(),
            ];
            write(&mut w, &row);
        }
    }
    let bytes = w.into_inner().expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("the fields are UTF-8")
}

/// Label Studio tasks (a JSON array, one task per article) whose
/// predictions are the claims, labelled by population, with `value.start`
/// and `value.end` in code points of `data.text`. `model_version` names
/// the tool that made the predictions, e.g. `claimscan 0.1.0`.
pub(crate) fn label_studio(articles: &[Article], model_version: &str) -> String {
    let tasks: Vec<Value> = articles
        .iter()
        .map(|a| {
            let cp = CodePoints::new(a.text);
            let result: Vec<Value> = a
                .claims
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id,
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {
                            "start": cp.at(r.start),
                            "end": cp.at(r.end),
                            "text": r.text,
                            "labels": [r.population],
                        },
                    })
                })
                .collect();
            json!({
                "data": {"text": a.text, "article": a.path},
                "predictions": [{"model_version": model_version, "result": result}],
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&tasks).expect("tasks serialize");
    out.push('\n');
    out
}

/// The code-point fragments of bytes `start..end` of `text` as brat needs
/// them: split at line breaks (brat refuses a span holding one), each
/// fragment without its line-break characters, empty fragments dropped.
pub(crate) fn brat_fragments(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let cp = CodePoints::new(text);
    let mut fragments = Vec::new();
    let mut from = start;
    for (i, c) in text[start..end].char_indices() {
        if c == '\n' || c == '\r' {
            let at = start + i;
            if from < at {
                fragments.push((cp.at(from), cp.at(at)));
            }
            from = at + c.len_utf8();
        }
    }
    if from < end {
        fragments.push((cp.at(from), cp.at(end)));
    }
    fragments
}

/// The brat `.ann` file of an article (its `.txt` is the text itself): a
/// `T` line per claim, `T1<TAB>POPULATION START END<TAB>text`, offsets in
/// code points, a span crossing a line break written as fragments
/// `START END;START END` whose texts are joined by a space (as brat shows
/// them); and an `AnnotatorNotes` line per claim with its value, bound,
/// kind and id.
pub(crate) fn brat_ann(article: &Article) -> String {
    let mut out = String::new();
    for (k, r) in article.claims.iter().enumerate() {
        let fragments = brat_fragments(article.text, r.start, r.end);
        let offsets: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let texts: Vec<String> =
            fragments.iter().map(|&(s, e)| chars(article.text, s, e)).collect();
        let n = k + 1;
        let _ = writeln!(out, "T{n}\t{} {}\t{}", r.population, offsets.join(";"), texts.join(" "));
        let note = format!("{} {} {}; {}; {}", r.value, r.bound, r.kind, r.id, r.evidence);
        let note: String =
            note.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>();
        let _ = writeln!(out, "#{n}\tAnnotatorNotes T{n}\t{note}");
    }
    out
}

/// The claims as one W3C Web Annotation JSON-LD document: an
/// `AnnotationCollection` whose first page holds an `Annotation` per claim.
///
/// Each annotation targets the article (`source` is its path) with a
/// `TextPositionSelector` (code points) and a `TextQuoteSelector` (`exact`,
/// and [`QUOTE_CONTEXT`] code points of `prefix` and `suffix`, fewer at the
/// text's ends); its body is a `claimscan:Claim` with the `value` (a
/// percentage), `bound`, `kind`, `population`, `subject` (when found) and
/// `evidence`, terms defined in the document's context.
pub(crate) fn w3c(articles: &[Article], generator: &str) -> String {
    let mut items = Vec::new();
    for a in articles {
        let cp = CodePoints::new(a.text);
        for r in &a.claims {
            let (start, end) = (cp.at(r.start), cp.at(r.end));
            let mut body = json!({
                "type": "claimscan:Claim",
                "value": r.value,
                "bound": r.bound,
                "kind": r.kind,
                "population": r.population,
                "evidence": r.evidence,
            });
            if let Some(s) = &r.subject {
                body["subject"] = json!(s.text);
            }
            items.push(json!({
                "id": format!("urn:claimscan:{}", r.id),
                "type": "Annotation",
                "motivation": "classifying",
                "body": body,
                "target": {
                    "source": a.path,
                    "selector": [
                        {"type": "TextPositionSelector", "start": start, "end": end},
                        {
                            "type": "TextQuoteSelector",
                            "exact": r.text,
                            "prefix": chars(a.text, start.saturating_sub(QUOTE_CONTEXT), start),
                            "suffix": chars(a.text, end, end + QUOTE_CONTEXT),
                        },
                    ],
                },
            }));
        }
    }
    let doc = json!({
        "@context": [
            "http://www.w3.org/ns/anno.jsonld",
            {
                "claimscan": "urn:claimscan:vocab#",
                "bound": "claimscan:bound",
                "kind": "claimscan:kind",
                "population": "claimscan:population",
                "subject": "claimscan:subject",
                "evidence": "claimscan:evidence",
            },
        ],
        "type": "AnnotationCollection",
        "label": "percentage claims",
        "generator": {"type": "Software", "name": generator},
        "total": items.len(),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    });
    let mut out = serde_json::to_string_pretty(&doc).expect("annotations serialize");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_count_characters_not_bytes() {
        let text = "é😀a";
        let cp = CodePoints::new(text);
        assert_eq!([cp.at(0), cp.at(2), cp.at(6), cp.at(7)], [0, 1, 2, 3]);
    }

    #[test]
    fn brat_fragments_split_at_line_breaks() {
        // (name, text, span, code-point fragments)
        type Case = (&'static str, &'static str, &'static str, &'static [(usize, usize)]);
        let cases: [Case; 4] = [
            ("single line", "é 45 per cent", "45 per cent", &[(2, 13)]),
            ("one break", "é 45\nper cent", "45\nper cent", &[(2, 4), (5, 13)]),
            ("crlf", "é 45\r\nper cent", "45\r\nper cent", &[(2, 4), (6, 14)]),
            ("blank line", "45\n\nper", "45\n\nper", &[(0, 2), (4, 7)]),
        ];
        for (name, text, span, want) in cases {
            let start = text.find(span).unwrap();
            assert_eq!(brat_fragments(text, start, start + span.len()), want, "case {name}");
        }
    }

    #[test]
    fn check_names_the_span_that_does_not_hold() {
        let record: ClaimRecord = serde_json::from_str(
            r#"{"id":"c-1","article":"a.txt","start":3,"end":6,"text":"35%","char_start":3,
            "char_end":6,"line":1,"column":4,"value":35.0,"bound":"exact","kind":"percent",
            "population":"it","population_phrase":null,"subject":null,
            "sentence":{"start":0,"end":10},"evidence":"x"}"#,
        )
        .unwrap();
        assert_eq!(check(&record, "So 35% of IT"), Ok(()));
        assert_eq!(
            check(&record, "So 36% of IT").unwrap_err(),
            "the article has \"36%\" at bytes 3..6, where the record's figure is \"35%\""
        );
        assert_eq!(
            check(&record, "So 35%").unwrap_err(),
            "the sentence at bytes 0..10 does not fit the article"
        );
    }
}
