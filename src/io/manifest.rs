//! The manifest writer: `manifest.json`'s article entries streamed to a
//! temporary file as they come, in the exact bytes serde_json gives the
//! whole manifest.

use crate::io::files::{WriteError, io_text, temp_in};
use crate::record::{ArticleEntry, Manifest};
use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

/// The `articles` of a manifest, written to a temporary file one entry at a
/// time, in the exact bytes `serde_json::to_vec_pretty` gives them inside the
/// whole manifest (two levels deep: each line indented by four spaces).
pub(crate) struct EntryWriter {
    file: BufWriter<std::fs::File>,
    count: usize,
}

impl EntryWriter {
    pub(crate) fn new(dir: &Path) -> Result<Self> {
        let file = tempfile::tempfile_in(dir).map_err(|e| {
            WriteError(anyhow::anyhow!(
                "cannot write in output folder {}: {}",
                dir.display(),
                io_text(&e)
            ))
        })?;
        Ok(EntryWriter { file: BufWriter::with_capacity(1 << 16, file), count: 0 })
    }

    /// An entry in the manifest's bytes, without the separator before it:
    /// what [`EntryWriter::format_by_serde`] makes, written directly (one
    /// entry per article, so it counts on a corpus of small articles).
    pub(crate) fn format(entry: &ArticleEntry) -> Vec<u8> {
        let ArticleEntry {
            path,
            path_encoding,
            bytes,
            sha256,
            claims,
            status,
            warnings,
            text_file,
            format,
            text_bytes,
            text_sha256,
            audited,
        } = entry;
        // The rarer entries with the optional fields of 1.1 and 1.3 go
        // through serde.
        if path_encoding.is_some()
            || text_file.is_some()
            || format.is_some()
            || text_bytes.is_some()
            || text_sha256.is_some()
            || audited.is_some()
        {
            return Self::format_by_serde(entry);
        }
        let string = |out: &mut Vec<u8>, s: &str| {
            serde_json::to_writer(&mut *out, s).expect("strings serialize");
        };
        let mut out = Vec::with_capacity(160 + path.len());
        out.extend_from_slice(b"    {\n      \"path\": ");
        string(&mut out, path);
        out.extend_from_slice(b",\n      \"bytes\": ");
        out.extend_from_slice(itoa::Buffer::new().format(*bytes).as_bytes());
        out.extend_from_slice(b",\n      \"sha256\": ");
        match sha256 {
            Some(sha) => string(&mut out, sha),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\n      \"claims\": ");
        out.extend_from_slice(itoa::Buffer::new().format(*claims).as_bytes());
        out.extend_from_slice(b",\n      \"status\": ");
        string(&mut out, status);
        if !warnings.is_empty() {
            out.extend_from_slice(b",\n      \"warnings\": [");
            for (i, w) in warnings.iter().enumerate() {
                out.extend_from_slice(if i == 0 { b"\n        " } else { b",\n        " });
                string(&mut out, w);
            }
            out.extend_from_slice(b"\n      ]");
        }
        out.extend_from_slice(b"\n    }");
        out
    }

    /// The entry as `serde_json::to_vec_pretty` writes it inside the whole
    /// manifest, two levels deep: each line indented by four more spaces.
    fn format_by_serde(entry: &ArticleEntry) -> Vec<u8> {
        let json = serde_json::to_vec_pretty(entry).expect("entries serialize");
        let mut out = Vec::with_capacity(json.len() + 64);
        for (i, line) in json.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                out.push(b'\n');
            }
            out.extend_from_slice(b"    ");
            out.extend_from_slice(line);
        }
        out
    }

    pub(crate) fn push(&mut self, entry: &ArticleEntry) -> Result<()> {
        self.push_formatted(&Self::format(entry))
    }

    /// Appends an entry made by [`EntryWriter::format`].
    pub(crate) fn push_formatted(&mut self, json: &[u8]) -> Result<()> {
        let sep: &[u8] = if self.count == 0 { b"\n" } else { b",\n" };
        self.file
            .write_all(sep)
            .and_then(|()| self.file.write_all(json))
            .context("cannot write manifest")
            .map_err(WriteError)?;
        self.count += 1;
        Ok(())
    }

    /// Writes `manifest` (whose `articles` is empty) with the entries in it,
    /// plus a final newline, to a temporary file in `dir`.
    pub(crate) fn finish(self, manifest: &Manifest, dir: &Path) -> Result<tempfile::NamedTempFile> {
        use std::io::{Read, Seek};
        let mut entries = self.file.into_inner().map_err(|e| e.into_error())?;
        entries.seek(std::io::SeekFrom::Start(0))?;
        let mut head = serde_json::to_vec_pretty(manifest)?;
        let mut tmp = temp_in(dir, ".claimscan.")?;
        const EMPTY: &[u8] = b"\"articles\": []\n}";
        if self.count > 0 && head.ends_with(EMPTY) {
            head.truncate(head.len() - b"[]\n}".len());
            let mut w = BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
            w.write_all(&head)?;
            w.write_all(b"[")?;
            std::io::copy(&mut entries, &mut w)?;
            w.write_all(b"\n  ]\n}\n")?;
            w.flush().context("cannot write manifest").map_err(WriteError)?;
        } else {
            // No entries, or `articles` is not the last field: build it whole.
            let mut text = Vec::new();
            entries.read_to_end(&mut text)?;
            text.insert(0, b'[');
            text.extend_from_slice(b"\n]");
            let full = Manifest { articles: serde_json::from_slice(&text)?, ..manifest.clone() };
            let mut json = serde_json::to_vec_pretty(&full)?;
            json.push(b'\n');
            tmp.write_all(&json).context("cannot write manifest").map_err(WriteError)?;
        }
        Ok(tmp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Audited, SCHEMA_VERSION};

    proptest::proptest! {
        /// Entries are written as serde_json writes them, whatever their
        /// strings (quotes, control characters, non-ASCII) and numbers.
        #[test]
        fn entries_are_formatted_as_serde_formats_them(
            path in "\\PC{0,30}",
            bytes in proptest::num::u64::ANY,
            sha256 in proptest::option::of("[0-9a-f]{64}|\\PC{0,8}"),
            claims in proptest::num::usize::ANY,
            status in "ok|error: \\PC{0,20}|[\"\\\\\u{0}-\u{1f}]{0,4}",
            warnings in proptest::collection::vec("\\PC{0,20}|[\"\\\\\u{0}-\u{1f}]{0,4}", 0..3),
            path_encoding in proptest::option::weighted(0.1, proptest::strategy::Just("percent".to_string())),
            text_file in proptest::option::weighted(0.1, "texts/\\PC{0,8}"),
            audited in proptest::option::weighted(0.1, (proptest::num::u64::ANY, proptest::option::of("[0-9a-f]{64}"))),
            html in proptest::option::weighted(0.1, (proptest::num::u64::ANY, "[0-9a-f]{64}")),
        ) {
            let audited = audited.map(|(bytes, sha256)| Audited { bytes, sha256 });
            let format = html.as_ref().map(|_| "html".to_string());
            let (text_bytes, text_sha256) = html.map_or((None, None), |(b, s)| (Some(b), Some(s)));
            let entry = ArticleEntry {
                path, path_encoding, bytes, sha256, claims, status, warnings, text_file, format,
                text_bytes, text_sha256, audited,
            };
            proptest::prop_assert_eq!(
                String::from_utf8(EntryWriter::format(&entry)).unwrap(),
                String::from_utf8(EntryWriter::format_by_serde(&entry)).unwrap()
            );
        }
    }

    fn entry(path: &str, warnings: &[&str], sha: Option<&str>) -> ArticleEntry {
        ArticleEntry {
            path: path.into(),
            bytes: 12,
            sha256: sha.map(String::from),
            claims: 3,
            status: "ok".into(),
            warnings: warnings.iter().map(|w| w.to_string()).collect(),
            path_encoding: None,
            text_file: None,
            format: None,
            text_bytes: None,
            text_sha256: None,
            audited: None,
        }
    }

    /// The streamed manifest has the bytes of the manifest serialized whole.
    #[test]
    fn streamed_manifest_is_the_whole_manifest() {
        let cases: Vec<(&str, Vec<ArticleEntry>)> = vec![
            ("no articles", vec![]),
            ("one article", vec![entry("a.txt", &[], Some("ab"))]),
            (
                "warnings, errors, quotes and new lines",
                vec![
                    entry("a \"b\".txt", &["invalid UTF-8:\nline"], Some("ab")),
                    entry("c/d.txt", &[], None),
                    entry("e.txt", &["one", "two"], Some("cd")),
                ],
            ),
            (
                "the optional fields of 1.1",
                vec![
                    ArticleEntry {
                        path_encoding: Some("percent".into()),
                        ..entry("caf%E9.txt", &[], Some("ab"))
                    },
                    ArticleEntry {
                        text_file: Some("texts/stdin-ab.txt".into()),
                        ..entry("-", &[], Some("ab"))
                    },
                    ArticleEntry {
                        audited: Some(Audited { bytes: 3, sha256: Some("cd".into()) }),
                        ..entry("f.txt", &["w"], Some("ab"))
                    },
                ],
            ),
            (
                "an HTML page (1.3)",
                vec![ArticleEntry {
                    text_file: Some("texts/p.html.0123456789abcdef.txt".into()),
                    format: Some("html".into()),
                    text_bytes: Some(9),
                    text_sha256: Some("ef".into()),
                    ..entry("p.html", &["a warning"], Some("ab"))
                }],
            ),
        ];
        for (name, articles) in cases {
            let dir = tempfile::tempdir().unwrap();
            let whole = Manifest {
                schema_version: SCHEMA_VERSION.into(),
                tool_version: "0.0.0".into(),
                corpus: "corpus".into(),
                corpus_path: Some("/data/corpus".into()),
                corpus_from_dataset: Some("../corpus".into()),
                claims: 7,
                populations: crate::record::PopulationsUsed::default(),
                articles: articles.clone(),
            };
            let mut want = serde_json::to_vec_pretty(&whole).unwrap();
            want.push(b'\n');
            let mut w = EntryWriter::new(dir.path()).unwrap();
            for a in &articles {
                w.push(a).unwrap();
            }
            let head = Manifest { articles: Vec::new(), ..whole };
            let tmp = w.finish(&head, dir.path()).unwrap();
            let got = std::fs::read(tmp.path()).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap(),
                "case {name:?}"
            );
        }
    }
}
