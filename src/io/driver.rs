//! The extraction driver: the only place with threads.
//!
//! Articles are listed in path order, taken by the workers a block at a
//! time in that order (the same [`process_article`] the sequential path
//! would call), and written in order, so the output is byte-identical
//! whatever the thread count and only a bounded number of blocks is held in
//! memory at a time. Both output files are written to temporary files inside
//! the output folder and renamed into place ([`crate::io::files`]), so an
//! interrupted run leaves the previous dataset intact.

use crate::html::{html_to_text, looks_like_html};
use crate::io::corpus::{
    ArticlePath, PERCENT, decode, describe_extensions, find_articles, is_html_name, what_is_there,
};
use crate::io::files::{
    WriteError, forget_cached, io_text, make_durable, rename_into_place, start_writeback,
    sync_written, temp_in, write_stored,
};
use crate::io::incremental::{BUILD_ID, BUILD_STAMP, Cursor, Previous, StalePrevious};
use crate::io::manifest::EntryWriter;
use crate::io::progress::{articles_done, progress_bar};
use crate::lang::extract::Extractor;
use crate::record::{
    ArticleEntry, HTML, Manifest, PopulationsUsed, SCHEMA_VERSION, SpanRecord, claim_records, hex,
};
use anyhow::{Context, Result};
use indicatif::ProgressBar;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
/// Validated settings of an extraction run.
#[derive(Clone)]
pub(crate) struct Settings {
    /// Folder of articles.
    pub corpus: PathBuf,
    /// True when `corpus` is the default (`corpus`), not typed by the user.
    pub corpus_is_default: bool,
    /// Output folder.
    pub out: PathBuf,
    /// Extensions of article files, without the dot (`.html` and `.htm`
    /// files are read as web pages).
    pub exts: Vec<String>,
    /// Worker threads; None for all cores.
    pub threads: Option<usize>,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Rebuild everything, even when OUT holds a dataset to reuse.
    pub full: bool,
    /// The populations and their lexicon.
    pub extractor: std::sync::Arc<Extractor>,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub(crate) struct Summary {
    /// Articles found.
    pub articles: usize,
    /// Articles that could not be read or decoded.
    pub failed: usize,
    /// Claims written.
    pub claims: usize,
    /// Claims by population.
    pub by_population: BTreeMap<String, usize>,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Per-article problems, "path: message", for stderr.
    pub problems: Vec<String>,
    /// What an incremental run reused, when OUT held a dataset.
    pub changes: Option<Changes>,
}

/// How the articles of an incremental run compare with the previous dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    /// Articles the previous dataset did not have.
    pub new: usize,
    /// Articles whose contents (SHA-256) changed, or that failed before.
    pub changed: usize,
    /// Articles reused as they were.
    pub unchanged: usize,
    /// Articles of the previous dataset that are gone.
    pub removed: usize,
}

/// Articles a worker takes at a time (one message to the writer each).
const BLOCK: usize = 64;

/// Blocks a worker may start ahead of the first block not yet written. It
/// bounds the records held in memory to those of `AHEAD * BLOCK` articles,
/// whatever the corpus: for example while one worker is on a giant article
/// and the others go on with small ones. (Blocks of 16 were slower: a
/// message per 16 articles woke the writer 1,375 times over BBC+Reuters.)
const AHEAD: usize = 8;

/// Runs an extraction. When OUT already holds a dataset written by this
/// version, articles whose SHA-256 is unchanged are copied from it rather
/// than extracted again (unless `settings.full`); the result is the same
/// bytes a full rebuild writes.
pub(crate) fn run(settings: &Settings) -> Result<Summary> {
    // On the side while the corpus is listed: build the extractor's regexes
    // and lexicon.
    std::thread::spawn(crate::lang::extract::warm_up);
    let previous = if settings.full {
        None
    } else {
        Previous::open(&settings.out, &settings.extractor.populations.sha256)
    };
    if previous.is_none() {
        let replaced = ["claims.jsonl", "manifest.json"].map(|f| settings.out.join(f));
        std::thread::spawn(move || forget_cached(&replaced));
    }
    match run_with(settings, previous) {
        Err(e) if e.downcast_ref::<StalePrevious>().is_some() => run_with(settings, None),
        other => other,
    }
}

fn run_with(settings: &Settings, previous: Option<Previous>) -> Result<Summary> {
    let started = Instant::now();
    check_corpus(settings)?;
    // The stored texts the dataset in OUT names now: those the new one no
    // longer names are deleted once it is in place.
    let stored_before = stored_texts(&settings.out);
    let (articles, walk_errors) = find_articles(&settings.corpus, &settings.exts)?;
    if articles.is_empty() {
        return Err(no_articles(settings, walk_errors.len()));
    }
    if settings.out.exists() && !settings.out.is_dir() {
        return Err(WriteError(anyhow::anyhow!(
            "output folder {} is a file, not a folder: -o names the folder that holds \
             claims.jsonl and manifest.json",
            settings.out.display()
        ))
        .into());
    }
    std::fs::create_dir_all(&settings.out).map_err(|e| {
        WriteError(anyhow::anyhow!(
            "cannot create output folder {}: {}",
            settings.out.display(),
            io_text(&e)
        ))
    })?;
    let claims_tmp = temp_in(&settings.out, ".claims.jsonl.")?;

    let workers = Workers::new(settings.threads)?;
    // The total is one more stat per article: only worth it for a bar that is drawn.
    let drawn = settings.progress && std::io::stderr().is_terminal();
    let total_bytes: u64 = if drawn {
        articles.iter().filter_map(|a| std::fs::metadata(&a.path).ok()).map(|m| m.len()).sum()
    } else {
        0
    };
    let bar = progress_bar(drawn, total_bytes, articles.len());

    let summary = Summary { articles: articles.len() + walk_errors.len(), ..Summary::default() };
    // Walk errors take their place in the manifest's path order (after an
    // article of the same path); their messages follow the articles' on stderr.
    let mut walk_entries: Vec<ArticleEntry> = Vec::with_capacity(walk_errors.len());
    let mut walk_problems = Vec::with_capacity(walk_errors.len());
    for e in walk_errors {
        walk_problems.push(format!("{}: error: {}", e.rel, e.message));
        walk_entries.push(failed_entry(e.rel, e.encoded, format!("error: {}", e.message)));
    }
    walk_entries.sort_by(|a, b| a.path.cmp(&b.path));
    let walk_entries = walk_entries.into_iter().peekable();
    // Manifest entries go to a file as they come, not to memory: a corpus of
    // many small articles would otherwise hold them all until the end.
    let (known, cursor) = match previous {
        Some(p) => (Some(p.entries), Some(p.cursor)),
        None => (None, None),
    };
    let known = known.as_ref();
    let writer = Writer {
        // A second handle on the temporary file: the writer thread owns it.
        claims: BufWriter::with_capacity(
            1 << 16,
            claims_tmp.as_file().try_clone().context("cannot write claims").map_err(WriteError)?,
        ),
        entries: EntryWriter::new(&settings.out)?,
        known,
        cursor,
        summary,
        walk_entries,
        out: &settings.out,
        texts: Vec::new(),
        written: Vec::new(),
        bar: drawn.then(|| bar.clone()),
        done_articles: 0,
        claims_written: 0,
        claims_sent: 0,
    };
    let job = Job { known, ex: &settings.extractor, out: &settings.out };
    let writer = match &workers.pool {
        Some(pool) => write_in_parallel(pool, writer, &articles, job)?,
        None => write_in_order(writer, &articles, job)?,
    };
    let Writer {
        mut claims, mut entries, cursor, mut summary, walk_entries, texts, written, ..
    } = writer;
    claims.flush().context("cannot write claims").map_err(WriteError)?;
    drop(claims);
    bar.finish_and_clear();
    for e in walk_entries {
        entries.push(&e)?;
    }
    summary.failed += walk_problems.len();
    summary.problems.extend(walk_problems);
    summary.changes = cursor.map(|c| c.changes(known.map_or(0, HashMap::len)));
    let (corpus_path, corpus_from_dataset) = corpus_locations(&settings.corpus, &settings.out);
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION.to_string(),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        corpus: settings.corpus.display().to_string(),
        corpus_path,
        corpus_from_dataset,
        claims: summary.claims,
        populations: PopulationsUsed::of(&settings.extractor.populations),
        articles: Vec::new(),
    };
    // The claims reach the disk on a side thread while the manifest is
    // assembled; then both files are renamed into place, claims first.
    let manifest_tmp = std::thread::scope(|scope| {
        let claims_synced = scope.spawn(|| {
            make_durable(&claims_tmp);
            sync_written(&settings.out, &written);
        });
        let manifest_tmp = entries.finish(&manifest, &settings.out)?;
        make_durable(&manifest_tmp);
        claims_synced.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        anyhow::Ok(manifest_tmp)
    })?;
    rename_into_place(claims_tmp, &settings.out.join("claims.jsonl"))?;
    rename_into_place(manifest_tmp, &settings.out.join("manifest.json"))?;
    forget_texts(&settings.out, &stored_before, &texts);
    // Best effort: without the stamp the next run is simply a full one.
    let _ = std::fs::write(settings.out.join(BUILD_STAMP), format!("{BUILD_ID}\n"));
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// The corpus folder exists and is a folder; when it is not, says so, and
/// that `corpus` is only the default when the user gave none.
fn check_corpus(settings: &Settings) -> Result<()> {
    let corpus = &settings.corpus;
    if corpus == std::path::Path::new("-") {
        return Ok(());
    }
    let default = if settings.corpus_is_default {
        " (the default, as no corpus was given: name the folder of articles, \
         e.g. claimscan extract path/to/articles)"
    } else {
        ""
    };
    match std::fs::metadata(corpus) {
        Err(e) => anyhow::bail!(
            "corpus folder '{}' cannot be read: {}{default}",
            corpus.display(),
            io_text(&e)
        ),
        Ok(m) if !m.is_dir() => anyhow::bail!(
            "corpus '{}' is a file, not a folder of articles{default}",
            corpus.display()
        ),
        Ok(_) => Ok(()),
    }
}

/// The error of a run that found no article: what it looked for, what is
/// there instead, and that the dataset in OUT was left alone.
fn no_articles(settings: &Settings, walk_errors: usize) -> anyhow::Error {
    let there = what_is_there(&settings.corpus, &settings.exts);
    let problems = match walk_errors {
        0 => String::new(),
        n => format!("; {n} path(s) could not be read"),
    };
    let kept = if settings.out.join("manifest.json").is_file() {
        format!("{} is left as it was", settings.out.display())
    } else {
        "nothing written".to_string()
    };
    anyhow::anyhow!(
        "no {} files under {} ({there}){problems}; {kept}",
        describe_extensions(&settings.exts),
        settings.corpus.display()
    )
}

/// The manifest's `corpus_path` and `corpus_from_dataset`: the corpus
/// folder's absolute path, and its path relative to the output folder
/// (both after resolving links; None for standard input or a path that is
/// not UTF-8).
fn corpus_locations(corpus: &Path, out: &Path) -> (Option<String>, Option<String>) {
    if corpus == Path::new("-") {
        return (None, None);
    }
    let (Ok(corpus), Ok(out)) = (std::fs::canonicalize(corpus), std::fs::canonicalize(out)) else {
        return (None, None);
    };
    let absolute = corpus.to_str().map(str::to_string);
    (absolute, relative_path(&out, &corpus))
}

/// The path of `to` seen from the folder `from` (both absolute, without
/// `.` or `..`), with `/` separators: `../corpus`; `.` when they are equal.
pub(crate) fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    for c in &to[common..] {
        parts.push(c.as_os_str().to_str()?);
    }
    Some(if parts.is_empty() { ".".to_string() } else { parts.join("/") })
}

/// Prefix of the stored texts of articles read from standard input, under
/// `OUT/texts/`.
const STDIN_TEXT: &str = "stdin-";

/// The stored texts (`text_file`) the manifest in `out` names, when it can
/// be read: those a new run may have to delete.
///
/// Cheap on a large dataset: a manifest that names no stored text (a corpus
/// of text files) is only searched, not parsed, and one that does is read
/// for its `text_file`s alone (parsed into a `serde_json::Value`, the
/// 8.7 MB manifest of 44,500 articles took 38 MB more peak memory).
fn stored_texts(out: &Path) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Entry {
        #[serde(default)]
        text_file: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct Listed {
        articles: Vec<Entry>,
    }
    let Ok(bytes) = std::fs::read(out.join("manifest.json")) else { return Vec::new() };
    if memchr::memmem::find(&bytes, b"\"text_file\"").is_none() {
        return Vec::new();
    }
    if let Ok(listed) = serde_json::from_slice::<Listed>(&bytes) {
        return listed.articles.into_iter().filter_map(|a| a.text_file).collect();
    }
    // Not the manifest's shape: whatever text files it names.
    let Ok(manifest) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Vec::new();
    };
    let articles = manifest.get("articles").and_then(|a| a.as_array());
    articles
        .into_iter()
        .flatten()
        .filter_map(|a| a.get("text_file")?.as_str().map(str::to_string))
        .collect()
}

/// True when `rel` names a file under `texts/` of a dataset folder, and
/// nothing outside it (no `..`, not absolute): what may be deleted.
pub(crate) fn is_stored_text_path(rel: &str) -> bool {
    rel.strip_prefix(TEXTS).is_some_and(|r| r.starts_with('/'))
        && rel.ends_with(".txt")
        && Path::new(rel).components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Deletes the stored texts under `OUT/texts/` that the dataset just written
/// does not name (`kept`): the stdin texts of previous runs, and the texts
/// the previous manifest named (`before`: of pages changed or removed since),
/// with the folders they leave empty. Best effort.
pub(crate) fn forget_texts(out: &Path, before: &[String], kept: &[String]) {
    let kept: std::collections::HashSet<&str> = kept.iter().map(String::as_str).collect();
    let mut gone: Vec<String> = before
        .iter()
        .filter(|rel| is_stored_text_path(rel) && !kept.contains(rel.as_str()))
        .cloned()
        .collect();
    if let Ok(dir) = std::fs::read_dir(out.join(TEXTS)) {
        for e in dir.flatten() {
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            let rel = format!("{TEXTS}/{name}");
            if name.starts_with(STDIN_TEXT) && name.ends_with(".txt") && !kept.contains(&*rel) {
                gone.push(rel);
            }
        }
    }
    for rel in gone {
        let path = out.join(&rel);
        if std::fs::remove_file(&path).is_err() {
            continue;
        }
        // Folders left empty, up to `texts/` (kept).
        let mut dir = path.parent();
        while let Some(d) = dir {
            if d == out.join(TEXTS) || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
}

/// Where the article text of the HTML page `rel` is stored in the dataset,
/// named by the text's SHA-256 (`sha`) so that a new text never overwrites
/// the one an earlier dataset names: `texts/REL.HASH.txt`, or
/// `texts/DIR/HASH.txt` when that file name would be too long.
pub(crate) fn html_text_file(rel: &str, sha: &str) -> String {
    let hash = &sha[..16];
    let (dir, name) = rel.rsplit_once('/').map_or(("", rel), |(d, n)| (d, n));
    let file = format!("{name}.{hash}.txt");
    let file = if file.len() > 255 { format!("{hash}.txt") } else { file };
    if dir.is_empty() { format!("{TEXTS}/{file}") } else { format!("{TEXTS}/{dir}/{file}") }
}

/// Folder of the dataset holding article texts (`text_file`).
pub(crate) const TEXTS: &str = "texts";

/// Worker threads: a pool, or none when one thread is asked for (the work
/// then runs on the calling thread, in order: the sequential twin of the
/// parallel paths, same results).
pub(crate) struct Workers {
    pool: Option<rayon::ThreadPool>,
}

impl Workers {
    /// `threads` workers (at least 1); `None` for one per core.
    pub(crate) fn new(threads: Option<usize>) -> Result<Workers> {
        let pool = match threads {
            Some(1) => None,
            n => Some(rayon::ThreadPoolBuilder::new().num_threads(n.unwrap_or(0)).build()?),
        };
        Ok(Workers { pool })
    }

    /// `f` over `items`, in parallel on the pool or in order without one;
    /// the results in the order of `items` either way.
    pub(crate) fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
        use rayon::prelude::*;
        match &self.pool {
            Some(pool) => pool.install(|| items.par_iter().map(&f).collect()),
            None => items.iter().map(f).collect(),
        }
    }
}

/// Extracts `articles` in order on this thread and writes them: the
/// sequential twin of [`write_in_parallel`] (`-j1`), same bytes.
fn write_in_order<'a>(
    mut writer: Writer<'a>,
    articles: &[ArticlePath],
    job: Job,
) -> Result<Writer<'a>> {
    for block in articles.chunks(BLOCK) {
        for a in block {
            writer.write(process_guarded(a, job))?;
        }
        writer.start_writeback();
    }
    Ok(writer)
}

/// Extracts `articles` on the pool's threads and writes them in order.
fn write_in_parallel<'a>(
    pool: &rayon::ThreadPool,
    writer: Writer<'a>,
    articles: &[ArticlePath],
    job: Job,
) -> Result<Writer<'a>> {
    // The workers take blocks of articles in path order and send each block
    // when it is done; the writer thread puts them back in order and writes
    // them. No worker waits for another (there is no barrier between
    // blocks), only, at most, for the writer to catch up (`Gate`).
    let blocks = articles.len().div_ceil(BLOCK);
    let gate = Gate::default();
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<Processed>)>();
        let gate = &gate;
        let handle = scope.spawn(move || -> Result<Writer> {
            // However the writer ends, waiting workers are let go.
            let _close = CloseOnDrop(gate);
            let mut writer = writer;
            let mut early: BTreeMap<usize, Vec<Processed>> = BTreeMap::new();
            let mut next = 0;
            for (block, done) in rx {
                early.insert(block, done);
                while let Some(done) = early.remove(&next) {
                    for p in done {
                        writer.write(p)?;
                    }
                    next += 1;
                    gate.written(next);
                }
                writer.start_writeback();
            }
            Ok(writer)
        });
        let taken = std::sync::atomic::AtomicUsize::new(0);
        pool.broadcast(|_| {
            // A worker that panics here (outside an article, which cannot)
            // lets the others go, or one waiting for room would wait for
            // the block it never sends.
            let _on_panic = CloseOnPanic(gate);
            let tx = tx.clone();
            loop {
                let block = taken.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if block >= blocks || !gate.wait_for_room(block) {
                    break;
                }
                let first = block * BLOCK;
                let done = articles[first..(first + BLOCK).min(articles.len())]
                    .iter()
                    .map(|a| process_guarded(a, job))
                    .collect();
                if tx.send((block, done)).is_err() {
                    break; // the writer failed: its error is returned below
                }
            }
        });
        drop(tx);
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// What the writer holds: the outputs and the running totals.
struct Writer<'a> {
    claims: BufWriter<std::fs::File>,
    entries: EntryWriter,
    known: Option<&'a HashMap<String, ArticleEntry>>,
    cursor: Option<Cursor>,
    summary: Summary,
    walk_entries: std::iter::Peekable<std::vec::IntoIter<ArticleEntry>>,
    /// The output folder, where the texts of articles read from standard
    /// input and of HTML pages are stored (`text_file`), and those the
    /// dataset names.
    out: &'a Path,
    texts: Vec<String>,
    /// The stored texts written or found there, to be synced to disk
    /// before the manifest that names them is put in place.
    written: Vec<PathBuf>,
    bar: Option<ProgressBar>,
    done_articles: usize,
    /// Bytes of claims written, and how many of them were sent to disk.
    claims_written: u64,
    claims_sent: u64,
}

impl Writer<'_> {
    /// Writes one article's claims and manifest entry, in corpus order.
    fn write(&mut self, mut p: Processed) -> Result<()> {
        if let (Some(cursor), Some(known)) = (self.cursor.as_mut(), self.known) {
            if p.reused {
                let (lines, pops) = cursor.take(&p.entry.path, p.entry.claims)?;
                p.lines = lines;
                p.by_population = pops;
            }
            cursor.count(known, &p.entry.path, p.reused);
        }
        if let (Some(bytes), Some(rel)) = (&p.text_copy, &p.entry.text_file) {
            let path = self.out.join(rel);
            // Named by its hash: a file there with these bytes (the text
            // of a page extracted before) needs no writing, but is synced
            // all the same (a killed run may have left it in memory only).
            write_stored(&path, bytes)?;
            self.written.push(path);
        }
        if let Some(rel) = &p.entry.text_file {
            self.texts.push(rel.clone());
        }
        self.claims.write_all(&p.lines).context("cannot write claims").map_err(WriteError)?;
        self.claims_written += p.lines.len() as u64;
        self.done_articles += 1;
        if let Some(bar) = &self.bar {
            bar.inc(p.entry.bytes);
            bar.set_message(articles_done(self.done_articles));
        }
        let summary = &mut self.summary;
        summary.claims += p.entry.claims;
        for (pop, n) in p.by_population {
            *summary.by_population.entry(pop).or_default() += n;
        }
        if p.entry.status != "ok" {
            summary.failed += 1;
            summary.problems.push(format!("{}: {}", p.entry.path, p.entry.status));
        }
        for warning in &p.entry.warnings {
            summary.problems.push(format!("{}: warning: {warning}", p.entry.path));
        }
        while let Some(e) = self.walk_entries.next_if(|e| e.path < p.entry.path) {
            self.entries.push(&e)?;
        }
        self.entries.push_formatted(&p.entry_json)
    }

    /// Starts sending to disk, without waiting for it, the claims the file
    /// holds so far (a megabyte or more at a time), so that the fsync at the
    /// end, which the run waits for, has little left to write: over
    /// BBC+Reuters it took 1-3 ms instead of 6-9 (`strace -T`).
    fn start_writeback(&mut self) {
        let in_file = self.claims_written - self.claims.buffer().len() as u64;
        if in_file - self.claims_sent < 1 << 20 {
            return;
        }
        start_writeback(self.claims.get_ref(), self.claims_sent, in_file - self.claims_sent);
        self.claims_sent = in_file;
    }
}

/// Holds back a worker that would run more than [`AHEAD`] blocks ahead of
/// the writer.
#[derive(Default)]
struct Gate {
    state: std::sync::Mutex<GateState>,
    room: std::sync::Condvar,
}

#[derive(Default)]
struct GateState {
    /// Blocks written, all of them before any block not yet written.
    written: usize,
    /// Workers waiting for room.
    waiting: usize,
    /// The writer has stopped (done, or failed): nothing waits any more.
    closed: bool,
}

impl Gate {
    /// Waits until `block` is fewer than [`AHEAD`] blocks past the writer;
    /// false when the writer has stopped. Every block before `block` has
    /// been taken by a worker that is not waiting, so the writer gets there.
    fn wait_for_room(&self, block: usize) -> bool {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !s.closed && block >= s.written + AHEAD {
            s.waiting += 1;
            s = self.room.wait(s).unwrap_or_else(|e| e.into_inner());
            s.waiting -= 1;
        }
        !s.closed
    }

    /// The writer has written the first `blocks` blocks.
    fn written(&self, blocks: usize) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.written = blocks;
        if s.waiting > 0 {
            self.room.notify_all();
        }
    }

    fn close(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        self.room.notify_all();
    }
}

/// Closes a [`Gate`] when dropped (when the writer returns or panics).
struct CloseOnDrop<'a>(&'a Gate);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Closes a [`Gate`] when dropped while its thread panics.
struct CloseOnPanic<'a>(&'a Gate);

impl Drop for CloseOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.close();
        }
    }
}

/// One article's results, ready to write.
struct Processed {
    entry: ArticleEntry,
    /// `entry` as it appears in the manifest (formatted by the worker).
    entry_json: Vec<u8>,
    lines: Vec<u8>,
    by_population: BTreeMap<String, usize>,
    /// True when the previous dataset's claims for it are to be copied.
    reused: bool,
    /// The text to store in the dataset as the article's `text_file` (the
    /// bytes of an article read from standard input, the article text of an
    /// HTML page).
    text_copy: Option<Vec<u8>>,
}

/// What processing an article reads besides the article: the previous
/// dataset's entries by path, the extractor, the output folder (where the
/// stored texts of reused pages are checked).
#[derive(Clone, Copy)]
struct Job<'a> {
    known: Option<&'a HashMap<String, ArticleEntry>>,
    ex: &'a Extractor,
    out: &'a Path,
}

/// The manifest entry of an article that could not be read or extracted:
/// nothing known of it but its path and what went wrong.
fn failed_entry(path: String, encoded: bool, status: String) -> ArticleEntry {
    ArticleEntry {
        path,
        path_encoding: encoded.then(|| PERCENT.to_string()),
        bytes: 0,
        sha256: None,
        claims: 0,
        status,
        warnings: Vec::new(),
        text_file: None,
        format: None,
        text_bytes: None,
        text_sha256: None,
        audited: None,
    }
}

/// [`process_article`], with a panic in the extractor turned into an error
/// for that article: one bad article never stops the batch.
fn process_guarded(a: &ArticlePath, job: Job) -> Processed {
    let mut p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process_article(a, job)))
        .unwrap_or_else(|panic| {
            let (path, encoded) = a.rel_encoded();
            Processed {
                entry_json: Vec::new(),
                entry: failed_entry(path, encoded, internal_error(&*panic)),
                lines: Vec::new(),
                by_population: BTreeMap::new(),
                reused: false,
                text_copy: None,
            }
        });
    p.entry_json = EntryWriter::format(&p.entry);
    p
}

/// The manifest status of an article the extractor panicked on.
fn internal_error(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!("error: internal error in the extractor (please report): {what}")
}

fn process_article(a: &ArticlePath, job: Job) -> Processed {
    let Job { known, ex, out } = job;
    let (rel, encoded) = a.rel_encoded();
    let mut warnings: Vec<String> = Vec::new();
    if encoded {
        warnings.push(
            "the file name is not UTF-8: the dataset names it by its percent-encoding \
             (path_encoding \"percent\")"
                .to_string(),
        );
    }
    let html = !a.is_stdin() && is_html_name(&a.path);
    let entry = |bytes: u64, sha256: Option<String>, claims: usize, status: String| ArticleEntry {
        path: rel.clone(),
        path_encoding: encoded.then(|| PERCENT.to_string()),
        bytes,
        sha256,
        claims,
        status,
        warnings: warnings.clone(),
        text_file: None,
        format: html.then(|| HTML.to_string()),
        text_bytes: None,
        text_sha256: None,
        audited: None,
    };
    let processed = |entry: ArticleEntry| Processed {
        entry_json: Vec::new(),
        entry,
        lines: Vec::new(),
        by_population: BTreeMap::new(),
        reused: false,
        text_copy: None,
    };
    let bytes = match a.read() {
        Ok(b) => b,
        Err(e) => return processed(entry(0, None, 0, format!("error: {}", io_text(&e)))),
    };
    let size = bytes.len() as u64;
    let sha = hex(&Sha256::digest(&bytes));
    // An article read from standard input is stored in the dataset, named by
    // its checksum, so that the dataset can be audited without it.
    let (text_file, text_copy) = if a.is_stdin() {
        (Some(format!("{TEXTS}/{STDIN_TEXT}{}.txt", &sha[..16])), Some(bytes.clone()))
    } else {
        (None, None)
    };
    // Reused only when the claims were extracted from these very bytes and
    // not re-anchored since (`audited`: re-anchored to other bytes); a page
    // also needs its stored text, as it was written.
    if let Some(old) = known.and_then(|k| k.get(&rel))
        && old.status == "ok"
        && old.audited.is_none()
        && old.sha256.as_deref() == Some(sha.as_str())
        && old.bytes == size
        && old.format == html.then(|| HTML.to_string())
        && (if html { stored_text_holds(out, old) } else { old.text_file == text_file })
    {
        return Processed { reused: true, text_copy, ..processed(old.clone()) };
    }
    let failed = |status: String| {
        let mut e = entry(size, Some(sha.clone()), 0, status);
        e.text_file.clone_from(&text_file);
        Processed { text_copy: text_copy.clone(), ..processed(e) }
    };
    if html {
        return match read_page(&rel, &bytes, ex) {
            Ok(page) => {
                let mut e = entry(size, Some(sha), page.claims, "ok".into());
                e.warnings.extend(page.warnings);
                let text_sha = hex(&Sha256::digest(page.text.as_bytes()));
                e.text_file = Some(html_text_file(&rel, &text_sha));
                e.text_bytes = Some(page.text.len() as u64);
                e.text_sha256 = Some(text_sha);
                Processed {
                    lines: page.lines,
                    by_population: page.by_population,
                    text_copy: Some(page.text.into_bytes()),
                    ..processed(e)
                }
            }
            Err(status) => failed(status),
        };
    }
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(msg) => return failed(format!("error: {msg}")),
    };
    // A panic in the extractor fails this article alone, with its checksum
    // recorded, so that audit knows whether it is still the same file.
    let extracted = std::panic::catch_unwind(|| {
        let claims = ex.extract(&decoded.text);
        claim_records(&rel, &decoded.text, &claims, &ex.populations)
    });
    let records = match extracted {
        Ok(records) => records,
        Err(panic) => return failed(internal_error(&*panic)),
    };
    let (lines, by_population) = serialize(&records);
    let mut e = entry(size, Some(sha), records.len(), "ok".into());
    e.warnings.extend(decoded.warnings);
    if !a.is_stdin() && looks_like_html(decoded.text.as_bytes()) {
        e.warnings.push(LOOKS_LIKE_HTML.to_string());
    }
    e.text_file = text_file;
    Processed { lines, by_population, text_copy, ..processed(e) }
}

/// The warning for a text article that opens like an HTML page. It is read
/// as text, as its name says (its markup is part of the text the offsets
/// refer to, as every byte of a text article is).
pub(crate) const LOOKS_LIKE_HTML: &str = "the file looks like an HTML page but is named as text, so it was read as text, markup \
     and all: name it .html (or .htm) to read its article text";

/// An HTML page's claims and article text.
struct Page {
    text: String,
    claims: usize,
    lines: Vec<u8>,
    by_population: BTreeMap<String, usize>,
    warnings: Vec<String>,
}

/// Reads the page `bytes` ([`html_to_text`]) and extracts the claims of its
/// article text, each with its `source_span` in the page; or the entry's
/// status when the page cannot be read (binary) or the extractor panics.
fn read_page(rel: &str, bytes: &[u8], ex: &Extractor) -> Result<Page, String> {
    let read = std::panic::catch_unwind(|| {
        let page = html_to_text(bytes)?;
        let claims = ex.extract(&page.text);
        let mut records = claim_records(rel, &page.text, &claims, &ex.populations);
        for r in &mut records {
            r.source_span = page
                .map
                .source_span(r.start..r.end)
                .map(|s| SpanRecord { start: s.start, end: s.end });
        }
        Ok::<_, crate::html::HtmlError>((page, records))
    });
    let (page, records) = match read {
        Ok(Ok(read)) => read,
        Ok(Err(e)) => return Err(format!("error: {e}")),
        Err(panic) => return Err(internal_error(&*panic)),
    };
    let (lines, by_population) = serialize(&records);
    Ok(Page {
        text: page.text,
        claims: records.len(),
        lines,
        by_population,
        warnings: page.warnings,
    })
}

/// Claim records as `claims.jsonl` lines, and their counts by population.
fn serialize(records: &[crate::record::ClaimRecord]) -> (Vec<u8>, BTreeMap<String, usize>) {
    let mut lines = Vec::with_capacity(records.len() * 600);
    let mut by_population = BTreeMap::new();
    for r in records {
        serde_json::to_writer(&mut lines, r).expect("records serialize");
        lines.push(b'\n');
        *by_population.entry(r.population.clone()).or_default() += 1;
    }
    (lines, by_population)
}

/// True when the stored text of the page entry `old` is in the dataset
/// folder `out` as it was written (its size and SHA-256).
fn stored_text_holds(out: &Path, old: &ArticleEntry) -> bool {
    let (Some(rel), Some(size), Some(sha)) = (&old.text_file, old.text_bytes, &old.text_sha256)
    else {
        return false;
    };
    std::fs::read(out.join(rel))
        .is_ok_and(|b| b.len() as u64 == size && hex(&Sha256::digest(&b)) == *sha)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_texts_are_the_text_files_the_previous_manifest_names() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &str, &[&str]); 5] = [
            ("no manifest", "", &[]),
            ("text articles only", r#"{"articles":[{"path":"a.txt","bytes":1}]}"#, &[]),
            (
                "pages and stdin",
                r#"{"schema_version":"1.3","articles":[{"path":"a.html","text_file":"texts/a.html.0123.txt","format":"html"},{"path":"b.txt"},{"path":"-","text_file":"texts/stdin-ab.txt"}]}"#,
                &["texts/a.html.0123.txt", "texts/stdin-ab.txt"],
            ),
            (
                "not the manifest's shape: the strings it names",
                r#"{"articles":[{"text_file":"texts/x.txt"},{"text_file":7}]}"#,
                &["texts/x.txt"],
            ),
            ("not JSON", r#"{"articles":[{"text_file":"#, &[]),
        ];
        for (name, manifest, want) in cases {
            let path = dir.path().join("manifest.json");
            if manifest.is_empty() {
                let _ = std::fs::remove_file(&path);
            } else {
                std::fs::write(&path, manifest).unwrap();
            }
            assert_eq!(stored_texts(dir.path()), want, "{name}");
        }
    }

    /// on, and one waiting when the writer stops is let go with `false`.
    #[test]
    fn the_gate_holds_workers_back_until_the_writer_catches_up() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::Duration;
        let gate = Gate::default();
        assert!(gate.wait_for_room(AHEAD - 1), "a block within reach waits for nothing");
        let passed = AtomicBool::new(false);
        std::thread::scope(|s| {
            let waiter = s.spawn(|| {
                let room = gate.wait_for_room(AHEAD);
                passed.store(true, Ordering::SeqCst);
                room
            });
            std::thread::sleep(Duration::from_millis(100));
            assert!(!passed.load(Ordering::SeqCst), "ran ahead of the writer");
            gate.written(1);
            assert!(waiter.join().unwrap(), "room once the writer has written a block");
        });
        std::thread::scope(|s| {
            let waiter = s.spawn(|| gate.wait_for_room(AHEAD + 1));
            std::thread::sleep(Duration::from_millis(50));
            gate.close();
            assert!(!waiter.join().unwrap(), "let go, without room, when the writer stops");
        });
    }
}
