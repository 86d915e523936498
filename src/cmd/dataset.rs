//! Loading a finished dataset for the commands that read one (`audit`,
//! `show`, `export`, `stats`, `report`): its two files, the corpus folder
//! its articles are read from, and each article's bytes.

use crate::dataset::audit::{self, Dataset, DatasetError};
use crate::record::Manifest;
use anyhow::bail;
use std::path::{Path, PathBuf};

/// Reads and parses `DIR/claims.jsonl` and `DIR/manifest.json`; a
/// [`DatasetError`] names the file and line when they are malformed.
pub(crate) fn load(dir: &Path) -> anyhow::Result<Dataset> {
    let claims_path = dir.join("claims.jsonl");
    let manifest_path = dir.join("manifest.json");
    let read = |p: &Path| {
        std::fs::read(p).map_err(|e| DatasetError {
            file: p.display().to_string(),
            line: None,
            message: format!("cannot be read: {e}"),
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

/// The corpus folder: `given`, else the manifest's, else `corpus`.
pub(crate) fn corpus_dir(given: Option<&Path>, manifest: &Manifest) -> anyhow::Result<PathBuf> {
    if let Some(dir) = given {
        if !dir.is_dir() {
            bail!("corpus {} is not a folder", dir.display());
        }
        return Ok(dir.to_path_buf());
    }
    let recorded = PathBuf::from(&manifest.corpus);
    if recorded.is_dir() {
        return Ok(recorded);
    }
    let fallback = PathBuf::from("corpus");
    if fallback.is_dir() {
        return Ok(fallback);
    }
    bail!(
        "corpus '{}' recorded in the manifest is not a folder, nor is 'corpus': pass --corpus DIR",
        manifest.corpus
    )
}

/// An article's bytes, or why they cannot be had.
pub(crate) fn read_article(corpus: &Path, rel: &str) -> Result<Vec<u8>, String> {
    std::fs::read(corpus.join(rel)).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "not found".to_string(),
        _ => format!("cannot be read: {e}"),
    })
}
