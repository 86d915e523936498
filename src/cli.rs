//! What the user typed: clap derive structs, turned into settings by each command.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Percentage claims from article texts, as an auditable dataset.
#[derive(Debug, Parser)]
#[command(name = "claimscan", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract percentage claims from a folder of articles into a dataset.
    ///
    /// Example: claimscan extract corpus -o extracted
    Extract(ExtractArgs),
    /// Score a claims file against a gold file (same figures as score.py).
    ///
    /// Example: claimscan eval tests/data/gold/gold.jsonl extracted/claims.jsonl --errors
    Eval(EvalArgs),
    /// Check a dataset against the current articles; --fix re-anchors moved claims.
    ///
    /// Exit status: 0 when every claim verifies and every article is as
    /// recorded (with --fix: once fixed), 1 when not, 2 when the dataset is
    /// unreadable or malformed.
    ///
    /// Example: claimscan audit extracted --corpus corpus
    Audit(AuditArgs),
    /// Print one claim in its sentence, the expression, subject and population phrase marked.
    ///
    /// Example: claimscan show c-3f2a9c1e0b7d4a55
    Show(ShowArgs),
}

/// Arguments of `claimscan extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Folder of articles, searched recursively.
    #[arg(default_value = "corpus")]
    pub corpus: PathBuf,
    /// Output folder for claims.jsonl and manifest.json.
    #[arg(short, long, default_value = "extracted")]
    pub out: PathBuf,
    /// File extension of articles (without the dot).
    #[arg(long, default_value = "txt")]
    pub ext: String,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Re-extract every article, even those unchanged since the dataset in OUT.
    #[arg(long)]
    pub full: bool,
}

/// Arguments of `claimscan eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold claims, one JSON object per line.
    pub gold: PathBuf,
    /// Predicted claims, one JSON object per line.
    #[arg(default_value = "extracted/claims.jsonl")]
    pub claims: PathBuf,
    /// List misses, extras and wrong fields.
    #[arg(long)]
    pub errors: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `claimscan audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Dataset folder holding claims.jsonl and manifest.json.
    #[arg(default_value = "extracted")]
    pub dataset: PathBuf,
    /// Folder of articles (default: the one recorded in the manifest, else `corpus`).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Print the report as JSON lines: one object per claim that does not
    /// verify, then a summary object.
    #[arg(long)]
    pub json: bool,
    /// Rewrite the dataset: re-anchor moved claims, flag missing ones
    /// (`"audit": "missing"`), record changed articles' new checksums.
    #[arg(long)]
    pub fix: bool,
}

/// Arguments of `claimscan show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The claim's id, e.g. c-3f2a9c1e0b7d4a55.
    pub id: String,
    /// Dataset folder holding claims.jsonl and manifest.json.
    #[arg(default_value = "extracted")]
    pub dataset: PathBuf,
    /// Folder of articles (default: the one recorded in the manifest, else `corpus`).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
}
