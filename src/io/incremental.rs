//! Incremental extraction: reusing the claims of the dataset already in
//! the output folder for articles whose SHA-256 is unchanged, when that
//! dataset was written by this very build.

use crate::io::driver::Changes;
use crate::record::{ArticleEntry, Manifest, SCHEMA_VERSION};
use anyhow::Result;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The dataset already in OUT: its manifest entries, and its claims read
/// in step with the new run (both are in article path order).
pub(crate) struct Previous {
    pub(crate) entries: HashMap<String, ArticleEntry>,
    pub(crate) cursor: Cursor,
}

/// Where the new run is in the previous dataset's claims, and how the
/// articles compare so far.
pub(crate) struct Cursor {
    claims: std::io::Lines<std::io::BufReader<std::fs::File>>,
    seen: usize,
    changes: Changes,
}

/// File in OUT naming the build that wrote the dataset (not part of the
/// dataset: incremental runs reuse claims only from the same build).
pub(crate) const BUILD_STAMP: &str = ".claimscan-build";

/// The build's identity: a hash of the sources, the manifest and the
/// locked dependency versions it was compiled from (see build.rs), which
/// are what decide the claims. Known at compile time: nothing is hashed
/// when the program runs (hashing the 6 MB executable took 4-8 ms per run).
pub(crate) const BUILD_ID: &str = env!("CLAIMSCAN_BUILD_ID");

/// The previous dataset does not hold what its manifest says: rebuild fully.
#[derive(Debug)]
pub(crate) struct StalePrevious(String);

impl std::fmt::Display for StalePrevious {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "previous dataset is inconsistent: {}", self.0)
    }
}

impl std::error::Error for StalePrevious {}

#[derive(serde::Deserialize)]
struct ArticleAndPopulation {
    article: String,
    population: String,
}

impl Previous {
    /// The dataset in `out`, if there is one this version can reuse.
    /// Claims are reused only from a dataset made with the same populations
    /// file (`populations`: its SHA-256).
    pub(crate) fn open(out: &Path, populations: &str) -> Option<Previous> {
        let manifest: Manifest =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).ok()?).ok()?;
        if manifest.schema_version != SCHEMA_VERSION
            || manifest.tool_version != env!("CARGO_PKG_VERSION")
            || manifest.populations.sha256 != populations
        {
            return None;
        }
        // Same version is not enough while the rules change between releases:
        // reuse only claims written by this very build.
        let written_by = std::fs::read_to_string(out.join(BUILD_STAMP)).ok()?;
        if written_by.trim() != BUILD_ID {
            return None;
        }
        let file = std::fs::File::open(out.join("claims.jsonl")).ok()?;
        use std::io::BufRead;
        let claims = std::io::BufReader::with_capacity(1 << 16, file).lines();
        let entries = manifest.articles.into_iter().map(|e| (e.path.clone(), e)).collect();
        Some(Previous { entries, cursor: Cursor { claims, seen: 0, changes: Changes::default() } })
    }
}

impl Cursor {
    /// The `n` claim lines of `article`, skipping those of articles before it
    /// (changed or removed ones), and their counts by population.
    pub(crate) fn take(
        &mut self,
        article: &str,
        n: usize,
    ) -> Result<(Vec<u8>, BTreeMap<String, usize>)> {
        let mut lines = Vec::new();
        let mut pops = BTreeMap::new();
        let mut got = 0;
        while got < n {
            let line = match self.claims.next() {
                Some(l) => l.map_err(|e| StalePrevious(e.to_string()))?,
                None => return Err(StalePrevious(format!("claims of {article} missing")).into()),
            };
            let head: ArticleAndPopulation = serde_json::from_str(&line)
                .map_err(|e| StalePrevious(format!("claims.jsonl: {e}")))?;
            match head.article.as_str().cmp(article) {
                std::cmp::Ordering::Less => continue,
                std::cmp::Ordering::Equal => {
                    lines.extend_from_slice(line.as_bytes());
                    lines.push(b'\n');
                    *pops.entry(head.population).or_default() += 1;
                    got += 1;
                }
                std::cmp::Ordering::Greater => {
                    return Err(StalePrevious(format!("claims of {article} missing")).into());
                }
            }
        }
        Ok((lines, pops))
    }

    /// Counts article `path` (`reused` when its claims were copied).
    pub(crate) fn count(
        &mut self,
        entries: &HashMap<String, ArticleEntry>,
        path: &str,
        reused: bool,
    ) {
        match entries.get(path) {
            None => self.changes.new += 1,
            Some(_) if reused => self.changes.unchanged += 1,
            Some(_) => self.changes.changed += 1,
        }
        if entries.contains_key(path) {
            self.seen += 1;
        }
    }

    /// The comparison, once every article is written; `previous` is the
    /// number of articles the previous dataset had.
    pub(crate) fn changes(self, previous: usize) -> Changes {
        Changes { removed: previous - self.seen, ..self.changes }
    }
}
