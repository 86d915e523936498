//! `claimscan export --format F [DATASET] [-o PATH] [--corpus DIR]`: a
//! dataset in the format of another tool (see [`crate::dataset::export`]).
//!
//! The dataset is loaded and checked as `claimscan audit` does; each
//! article with claims, or (for Label Studio and brat, which review whole
//! articles) every article extracted without error, is read from the corpus
//! and decoded by the extraction policy. A claim whose spans do not hold in
//! the article as it is now (it was edited, or `audit --fix` flagged the
//! claim) is left out and named on stderr, and so is an article that cannot
//! be read; the exit status is then 1. Output goes to `-o PATH`, or stdout;
//! brat needs `-o DIR`, where it writes `STEM.txt` and `STEM.ann` per
//! article (same relative path) and `annotation.conf`. With `-o`, Label
//! Studio's labeling config is written next to the tasks as
//! `STEM.config.xml`.

use crate::cli::{ExportArgs, ExportFormat};
use crate::cmd::Status;
use crate::cmd::dataset::{Sources, dataset_dir, load};
use crate::dataset::export::{self, Article, BRAT_CONF, LABEL_STUDIO_CONFIG};
use crate::io::corpus::decode;
use crate::io::files::write_atomic;
use crate::record::ClaimRecord;
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Runs `claimscan export`.
pub(crate) fn run(args: &ExportArgs) -> anyhow::Result<Status> {
    if args.format == ExportFormat::Brat && args.out.is_none() {
        bail!("--format brat writes a folder of files: give it with -o DIR");
    }
    let dir = dataset_dir(&args.dataset)?;
    let dataset = load(&dir)?;
    let sources = Sources::locate(args.corpus.as_deref(), &dir, &dataset.manifest)?;
    let whole_articles = matches!(args.format, ExportFormat::LabelStudio | ExportFormat::Brat);

    let mut by_article: BTreeMap<&str, Vec<&ClaimRecord>> = BTreeMap::new();
    for entry in &dataset.manifest.articles {
        if whole_articles && entry.status == "ok" {
            by_article.entry(entry.path.as_str()).or_default();
        }
    }
    for c in &dataset.claims {
        by_article.entry(c.article.as_str()).or_default().push(c);
    }

    let mut status = Status::Success;
    let mut texts: Vec<(&str, String, Vec<&ClaimRecord>)> = Vec::new();
    for (path, claims) in by_article {
        let text = match sources.read(path).and_then(decode) {
            Ok(d) => d.text,
            Err(why) => {
                eprintln!(
                    "claimscan: article {path}: {why}; its {} claims are not exported",
                    claims.len()
                );
                status = Status::Partial;
                continue;
            }
        };
        let mut kept = Vec::with_capacity(claims.len());
        for c in claims {
            match export::check(c, &text) {
                Ok(()) => kept.push(c),
                Err(why) => {
                    eprintln!(
                        "claimscan: claim {} ({path}) is not exported: {why} (run claimscan audit)",
                        c.id
                    );
                    status = Status::Partial;
                }
            }
        }
        kept.sort_by_key(|c| (c.start, c.end));
        texts.push((path, text, kept));
    }
    let articles: Vec<Article> = texts
        .iter()
        .map(|(path, text, claims)| Article { path, text, claims: claims.clone() })
        .collect();

    let tool = format!("claimscan {}", dataset.manifest.tool_version);
    match args.format {
        ExportFormat::Csv => emit(args.out.as_deref(), export::csv(&articles).as_bytes())?,
        ExportFormat::W3c => emit(args.out.as_deref(), export::w3c(&articles, &tool).as_bytes())?,
        ExportFormat::LabelStudio => {
            emit(args.out.as_deref(), export::label_studio(&articles, &tool).as_bytes())?;
            if let Some(out) = &args.out {
                let config = config_path(out);
                write_atomic(&config, LABEL_STUDIO_CONFIG.as_bytes())
                    .with_context(|| format!("cannot write {}", config.display()))?;
            }
        }
        ExportFormat::Brat => {
            let dir = args.out.as_deref().expect("checked above");
            write_brat(dir, &articles)?;
        }
    }
    Ok(status)
}

/// Writes `bytes` to `out`, or to stdout.
fn emit(out: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            write_atomic(path, bytes).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()?;
            Ok(())
        }
    }
}

/// `tasks.json` → `tasks.config.xml`, in the same folder.
fn config_path(out: &Path) -> PathBuf {
    let stem = out.file_stem().map_or("label-studio".into(), |s| s.to_string_lossy());
    out.with_file_name(format!("{stem}.config.xml"))
}

/// Writes brat's `annotation.conf` and a `.txt` and `.ann` per article.
fn write_brat(dir: &Path, articles: &[Article]) -> anyhow::Result<()> {
    let create = |d: &Path| {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))
    };
    create(dir)?;
    let write = |p: &Path, bytes: &[u8]| {
        write_atomic(p, bytes).with_context(|| format!("cannot write {}", p.display()))
    };
    write(&dir.join("annotation.conf"), BRAT_CONF.as_bytes())?;
    for a in articles {
        let rel = Path::new(a.path);
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            bail!("article path '{}' is not relative to the corpus", a.path);
        }
        let parent = dir.join(rel.parent().unwrap_or(Path::new("")));
        create(&parent)?;
        let stem = rel.file_stem().map_or(a.path.into(), |s| s.to_string_lossy());
        write(&parent.join(format!("{stem}.txt")), a.text.as_bytes())?;
        write(&parent.join(format!("{stem}.ann")), export::brat_ann(a).as_bytes())?;
    }
    Ok(())
}
