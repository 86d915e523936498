//! What the user typed: clap derive structs, turned into settings by each command.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Percentage claims from article texts, as an auditable dataset.
#[derive(Debug, Parser)]
#[command(name = "claimscan", version, about, long_about = None)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Extract percentage claims from a folder of articles into a dataset.
    ///
    /// When OUT already holds a dataset of this build, only new and changed
    /// articles are extracted. A run that finds no article leaves OUT as it
    /// was.
    ///
    /// Exit status: 0 when every article was extracted; 1 when some could
    /// not be read or decoded (each is named on stderr and recorded in the
    /// manifest; the others are extracted); 2 on usage errors and when
    /// nothing was written (no corpus folder, no article in it, an output
    /// folder that cannot be created or written).
    ///
    /// Example: claimscan extract corpus -o extracted
    Extract(ExtractArgs),
    /// Read articles as JSON lines on stdin, write claim records as JSON lines on stdout.
    ///
    /// Each input line is an object such as {"id": "a.txt", "text": "..."};
    /// each output line is a claims.jsonl record with `article` set to the
    /// id. A line that cannot be used gives one {"error": ..., "line": N}
    /// record on stdout and the stream goes on. Exit status 2 only when
    /// stdin cannot be read or stdout written (a closed pipe exits 0).
    ///
    /// Example: echo '{"id": "a.txt", "text": "Of the CIOs, 45% agreed."}' | claimscan stream -j4
    Stream(StreamArgs),
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
    /// Example: claimscan show c-75c5cf2871c40394
    Show(ShowArgs),
    /// Export a dataset for review or analysis tools: csv, label-studio, brat or w3c.
    ///
    /// Offsets in label-studio, brat and w3c output count code points of the
    /// article text; claims whose spans no longer hold in the article are
    /// left out and named on stderr (exit status 1).
    ///
    /// Example: claimscan export --format csv extracted -o claims.csv
    Export(ExportArgs),
    /// Print the JSON Schema of claims.jsonl records or of manifest.json.
    ///
    /// Example: claimscan schema manifest > schema/manifest.schema.json
    Schema(SchemaArgs),
    /// Summarise claims by population, role, kind and bound, and list marketing-vs-IT gaps.
    ///
    /// The gap table lists the findings the text states for both marketing
    /// and IT (the claims each record's `pair` joins: "44% of CMOs vs. 29%
    /// of CIOs say ..."), marketing minus IT, largest gap first; then the
    /// articles with claims, most first.
    ///
    /// Example: claimscan stats extracted --csv > gaps.csv
    Stats(StatsArgs),
    /// Write a self-contained HTML report: the gaps, every claim, every article.
    ///
    /// An overview (counts, the marketing-vs-IT gap table and a chart of it),
    /// a claims table (sortable; filtered by population, role, bound, audit
    /// status and a search) whose rows open the claim in its article, and the
    /// articles with their claims highlighted (statuses from --audit, else each
    /// claim's spans are checked against the corpus). No network needed.
    ///
    /// Example: claimscan audit extracted --json > audit.jsonl; claimscan report extracted --audit audit.jsonl
    Report(ReportArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    ///
    /// Example: source <(claimscan completions bash)
    Completions(CompletionsArgs),
    /// Print the man page (roff) to stdout.
    ///
    /// Example: claimscan man > claimscan.1 && man -l claimscan.1 | cat
    Man,
}

/// Arguments of `claimscan extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// Folder of articles, searched recursively; `-` reads one article
    /// (named `-`) from standard input [default: corpus].
    pub corpus: Option<PathBuf>,
    /// Output folder for claims.jsonl and manifest.json.
    #[arg(short, long, default_value = "extracted")]
    pub out: PathBuf,
    /// File extensions of articles, without the dot, separated by commas:
    /// files named `.html` or `.htm` are read as web pages (their article
    /// text, stored in OUT/texts/), any other as text.
    #[arg(long, value_delimiter = ',', default_value = "txt,html,htm")]
    pub ext: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
    /// Re-extract every article, even those unchanged since the dataset in OUT.
    #[arg(long)]
    pub full: bool,
    /// The populations file: the two groups claims are attributed to and the
    /// words for their people (default: the built-in marketing/IT file; see
    /// the README, "Defining your own populations").
    #[arg(long, value_name = "FILE")]
    pub populations: Option<PathBuf>,
}

/// Arguments of `claimscan stream`.
#[derive(Debug, Args)]
pub(crate) struct StreamArgs {
    /// Input field holding the article's id (a string or a number; missing: the line number).
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// Input field holding the article's text (a string).
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long)]
    pub threads: Option<usize>,
    /// Most lines extracted together; each batch is written and flushed in input order.
    #[arg(long, default_value_t = 64)]
    pub batch: usize,
    /// The populations file (default: the built-in marketing/IT file).
    #[arg(long, value_name = "FILE")]
    pub populations: Option<PathBuf>,
}

/// Arguments of `claimscan eval`.
#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    /// Gold claims, one JSON object per line.
    pub gold: PathBuf,
    /// Predicted claims, one JSON object per line (or a dataset folder).
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
pub(crate) struct AuditArgs {
    /// Dataset folder holding claims.jsonl and manifest.json (or either file).
    #[arg(default_value = "extracted")]
    pub dataset: PathBuf,
    /// Folder of articles (default: the one the manifest records, found from any folder).
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
pub(crate) struct ShowArgs {
    /// The claim's id, e.g. c-3f2a9c1e0b7d4a55.
    pub id: String,
    /// Dataset folder holding claims.jsonl and manifest.json (or either file).
    #[arg(default_value = "extracted")]
    pub dataset: PathBuf,
    /// Folder of articles (default: the one the manifest records, found from any folder).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
}

/// Arguments of `claimscan export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Output format.
    #[arg(short, long, value_enum)]
    pub format: ExportFormat,
    /// Dataset folder holding claims.jsonl and manifest.json (or either file).
    #[arg(default_value = "extracted")]
    pub dataset: PathBuf,
    /// Output file (csv, label-studio, w3c; default stdout) or folder (brat, required).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Folder of articles (default: the one the manifest records, found from any folder).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
}

/// The formats of `claimscan export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// One row per claim, flat columns, with the sentence text.
    Csv,
    /// Label Studio tasks with predictions, one task per article.
    LabelStudio,
    /// brat standoff: a .txt and an .ann per article, and annotation.conf.
    Brat,
    /// W3C Web Annotation JSON-LD (an AnnotationCollection).
    W3c,
}

/// Arguments of `claimscan schema`.
#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Which file's schema: a line of claims.jsonl, or manifest.json.
    #[arg(value_enum, default_value = "claims")]
    pub which: SchemaKind,
}

/// The files `claimscan schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// One record of claims.jsonl.
    Claims,
    /// manifest.json.
    Manifest,
}

/// Arguments of `claimscan stats`.
#[derive(Debug, Args)]
pub(crate) struct StatsArgs {
    /// Dataset folder holding claims.jsonl and manifest.json (or either file).
    #[arg(default_value = "extracted")]
    pub dataset: PathBuf,
    /// Print the counts and the gap table as one JSON object.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the gap table as CSV.
    #[arg(long)]
    pub csv: bool,
    /// Show at most N rows of the gap and article tables (text: 20 unless
    /// given; 0: all; --json and --csv: all unless given).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
}

/// Arguments of `claimscan report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Dataset folder holding claims.jsonl and manifest.json (or either file).
    #[arg(default_value = "extracted")]
    pub dataset: PathBuf,
    /// Output HTML file [default: report.html in the dataset folder].
    #[arg(short, long)]
    pub out: Option<PathBuf>,
    /// Folder of articles (default: the one the manifest records, found from any folder).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Output of `claimscan audit --json` to take claim statuses from.
    #[arg(long)]
    pub audit: Option<PathBuf>,
}

/// Arguments of `claimscan completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
