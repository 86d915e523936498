//! Loading a finished dataset for the commands that read one (`audit`,
//! `show`, `export`, `stats`, `report`): its folder (given as the folder or
//! as one of its two files), its two files, the corpus folder its articles
//! are read from, and each article's bytes.
//!
//! The corpus is found from any working directory: `--corpus` when given;
//! else the manifest's `corpus_path` (absolute, as extracted) and
//! `corpus_from_dataset` (relative to the dataset folder, for a dataset moved
//! together with its corpus). When both exist and are different folders, the
//! one holding more of the manifest's articles at their recorded sizes wins.
//! A dataset of format 1.0 recorded only `corpus`, as given to `extract`:
//! it is tried from the working folder, then beside the dataset folder.
//! An article whose text is stored in the dataset (`text_file`: read from
//! standard input, or the article text of an HTML page) is read from there,
//! so `show`, `export` and `report` of a dataset of pages need no corpus;
//! `audit` reads the pages too ([`Sources::locate_with_pages`]).

use crate::dataset::audit::{self, Dataset, DatasetError};
use crate::io::corpus::article_file;
use crate::io::files::io_text;
use crate::record::{ArticleEntry, Manifest};
use anyhow::bail;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The two files of a dataset.
const FILES: [&str; 2] = ["claims.jsonl", "manifest.json"];

/// The dataset folder named by `arg`: the folder itself, or the folder of
/// the `claims.jsonl` or `manifest.json` given in its place.
pub(crate) fn dataset_dir(arg: &Path) -> anyhow::Result<PathBuf> {
    if arg.is_file() {
        let name = arg.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if FILES.contains(&name) {
            let dir = arg.parent().filter(|p| !p.as_os_str().is_empty());
            return Ok(dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf));
        }
        bail!(
            "{} is a file, not a dataset folder: give the folder that holds claims.jsonl and \
             manifest.json (written by claimscan extract -o FOLDER)",
            arg.display()
        );
    }
    if !arg.exists() {
        bail!(
            "no dataset folder {}: give the folder that holds claims.jsonl and manifest.json \
             (claimscan extract CORPUS -o {} writes one)",
            arg.display(),
            arg.display()
        );
    }
    Ok(arg.to_path_buf())
}

/// Reads and parses `DIR/claims.jsonl` and `DIR/manifest.json`; a
/// [`DatasetError`] names the file and line when they are malformed.
pub(crate) fn load(dir: &Path) -> anyhow::Result<Dataset> {
    let [claims_path, manifest_path] = FILES.map(|f| dir.join(f));
    let read = |p: &Path| {
        std::fs::read(p).map_err(|e| DatasetError {
            file: p.display().to_string(),
            line: None,
            message: format!("cannot be read: {}", io_text(&e)),
        })
    };
    let manifest = read(&manifest_path)?;
    let claims = read(&claims_path)?;
    Ok(audit::parse_dataset(
        &claims_path.display().to_string(),
        &claims,
        &manifest_path.display().to_string(),
        &manifest,
    )?)
}

/// Where a dataset's articles are read from.
#[derive(Debug, Clone)]
pub(crate) struct Sources {
    /// The dataset folder (for stored texts, `text_file`).
    dataset: PathBuf,
    /// The corpus folder; None when no article needs one.
    corpus: Option<PathBuf>,
    /// The manifest's entries by path.
    entries: HashMap<String, ArticleEntry>,
}

impl Sources {
    /// The corpus of the dataset in `dir`: `given` (`--corpus`), else the
    /// one the manifest records (see the module documentation).
    pub(crate) fn locate(
        given: Option<&Path>,
        dir: &Path,
        manifest: &Manifest,
    ) -> anyhow::Result<Sources> {
        Self::find(given, dir, manifest, false)
    }

    /// [`Sources::locate`] for a command that reads the pages of HTML
    /// articles too, not only their stored texts (`audit`).
    pub(crate) fn locate_with_pages(
        given: Option<&Path>,
        dir: &Path,
        manifest: &Manifest,
    ) -> anyhow::Result<Sources> {
        Self::find(given, dir, manifest, true)
    }

    fn find(
        given: Option<&Path>,
        dir: &Path,
        manifest: &Manifest,
        pages: bool,
    ) -> anyhow::Result<Sources> {
        let entries: HashMap<String, ArticleEntry> =
            manifest.articles.iter().map(|a| (a.path.clone(), a.clone())).collect();
        let needs_corpus =
            manifest.articles.iter().any(|a| a.text_file.is_none() || (pages && in_corpus(a)));
        let corpus = match given {
            Some(c) if c.is_dir() => Some(c.to_path_buf()),
            Some(c) => bail!("corpus {} (--corpus) is not a folder", c.display()),
            None if !needs_corpus => None,
            None => Some(recorded_corpus(dir, manifest)?),
        };
        Ok(Sources { dataset: dir.to_path_buf(), corpus, entries })
    }

    /// The same corpus for another manifest of the same dataset (one that
    /// `audit --fix` wrote, whose stored texts may be others).
    pub(crate) fn for_manifest(&self, manifest: &Manifest) -> Sources {
        Sources {
            dataset: self.dataset.clone(),
            corpus: self.corpus.clone(),
            entries: manifest.articles.iter().map(|a| (a.path.clone(), a.clone())).collect(),
        }
    }

    /// The bytes of the text the claims of the manifest's article `path`
    /// refer to (its stored `text_file` when it has one, else its file in
    /// the corpus), or why they cannot be had.
    pub(crate) fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let entry = self.entry(path)?;
        match &entry.text_file {
            Some(stored) => read_file(&self.dataset.join(stored)),
            None => self.read_page(path),
        }
    }

    /// The bytes of the manifest's article `path` in the corpus (for an
    /// HTML article, its page), or why they cannot be had.
    pub(crate) fn read_page(&self, path: &str) -> Result<Vec<u8>, String> {
        let entry = self.entry(path)?;
        let Some(corpus) = &self.corpus else { return Err("no corpus folder".into()) };
        read_file(&article_file(corpus, &entry.path, entry.path_encoding.as_deref())?)
    }

    fn entry(&self, path: &str) -> Result<&ArticleEntry, String> {
        self.entries.get(path).ok_or_else(|| "not listed in the manifest".to_string())
    }
}

/// A file's bytes, or why they cannot be had.
fn read_file(file: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "not found".to_string(),
        _ => format!("cannot be read: {}", io_text(&e)),
    })
}

/// True when the article is a file of the corpus: not one read from
/// standard input (whose text is stored in the dataset and nowhere else).
fn in_corpus(a: &ArticleEntry) -> bool {
    a.text_file.is_none() || a.format.is_some()
}

/// The corpus folder the manifest of the dataset in `dir` records.
fn recorded_corpus(dir: &Path, manifest: &Manifest) -> anyhow::Result<PathBuf> {
    let mut tried: Vec<(PathBuf, &str)> = Vec::new();
    if let Some(abs) = &manifest.corpus_path {
        tried.push((PathBuf::from(abs), "recorded at extraction"));
    }
    if let Some(rel) = &manifest.corpus_from_dataset {
        tried.push((dir.join(rel), "relative to the dataset folder"));
    }
    if tried.is_empty() && manifest.corpus != "-" {
        // Format 1.0: the corpus as given to extract, in its working folder.
        tried.push((PathBuf::from(&manifest.corpus), "as recorded, from this folder"));
        tried.push((dir.join("..").join(&manifest.corpus), "as recorded, beside the dataset"));
    }
    let mut found: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (path, _) in &tried {
        if let Ok(real) = std::fs::canonicalize(path)
            && real.is_dir()
            && !found.iter().any(|(_, r)| *r == real)
        {
            found.push((path.clone(), real));
        }
    }
    match found.len() {
        0 => {
            let places: Vec<String> =
                tried.iter().map(|(p, why)| format!("{} ({why})", p.display())).collect();
            bail!(
                "the corpus of dataset {} is not found: not at {}; pass --corpus DIR",
                dir.display(),
                if places.is_empty() {
                    "any recorded place".to_string()
                } else {
                    places.join(", nor at ")
                }
            )
        }
        1 => Ok(found.remove(0).0),
        _ => {
            // Two different folders: the one holding the dataset's articles.
            let held = |corpus: &Path| {
                manifest
                    .articles
                    .iter()
                    .filter(|a| in_corpus(a))
                    .filter(|a| {
                        let size = a.audited.as_ref().map_or(a.bytes, |x| x.bytes);
                        article_file(corpus, &a.path, a.path_encoding.as_deref())
                            .ok()
                            .and_then(|f| std::fs::metadata(f).ok())
                            .is_some_and(|m| m.len() == size)
                    })
                    .count()
            };
            let best = (0..found.len()).rev().max_by_key(|&i| held(&found[i].0)).unwrap_or(0);
            Ok(found.swap_remove(best).0)
        }
    }
}
