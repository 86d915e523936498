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
