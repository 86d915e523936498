//! The extraction driver: the only place with threads and progress bars.
//!
//! Articles are listed in path order, taken by the workers a block at a
//! time in that order (the same [`process_article`] the sequential path
//! would call), and written in order, so the output is byte-identical
//! whatever the thread count and only a bounded number of blocks is held in
//! memory at a time. Both output files are written to temporary files inside
//! the output folder and renamed into place, so an interrupted run leaves the
//! previous dataset intact.

use crate::io::corpus::{ArticlePath, decode, find_articles};
use crate::lang::extract::{Claim, extract_article};
use crate::record::{ArticleEntry, ClaimRecord, Manifest, Phrase, SCHEMA_VERSION, SpanRecord};
use crate::span::Span;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Validated settings of an extraction run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Folder of articles.
    pub corpus: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Extension of article files, without the dot.
    pub ext: String,
    /// Worker threads; None for all cores.
    pub threads: Option<usize>,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Rebuild everything, even when OUT holds a dataset to reuse.
    pub full: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
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
pub struct Changes {
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

/// Failure to write the dataset (the exit status is 2, not 1).
#[derive(Debug)]
pub struct WriteError(pub anyhow::Error);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.0)
    }
}

impl std::error::Error for WriteError {}

/// Runs an extraction. When OUT already holds a dataset written by this
/// version, articles whose SHA-256 is unchanged are copied from it rather
/// than extracted again (unless `settings.full`); the result is the same
/// bytes a full rebuild writes.
pub fn run(settings: &Settings) -> Result<Summary> {
    // On the side while the corpus is listed: build the extractor's regexes
    // and lexicon.
    std::thread::spawn(crate::lang::extract::warm_up);
    let previous = if settings.full { None } else { Previous::open(&settings.out) };
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
    let (articles, walk_errors) = find_articles(&settings.corpus, &settings.ext)?;
    std::fs::create_dir_all(&settings.out)
        .with_context(|| format!("cannot create output folder {}", settings.out.display()))
        .map_err(WriteError)?;
    let claims_tmp = tempfile::Builder::new()
        .prefix(".claims.jsonl.")
        .tempfile_in(&settings.out)
        .with_context(|| format!("cannot write in output folder {}", settings.out.display()))
        .map_err(WriteError)?;

    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(settings.threads.unwrap_or(0)).build()?;
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
        walk_entries.push(ArticleEntry {
            path: e.rel,
            bytes: 0,
            sha256: None,
            claims: 0,
            status: format!("error: {}", e.message),
            warnings: Vec::new(),
        });
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
        bar: drawn.then(|| bar.clone()),
        done_articles: 0,
        claims_written: 0,
        claims_sent: 0,
    };
    // The workers take blocks of articles in path order and send each block
    // when it is done; the writer thread puts them back in order and writes
    // them. No worker waits for another (there is no barrier between
    // blocks), only, at most, for the writer to catch up (`Gate`).
    let blocks = articles.len().div_ceil(BLOCK);
    let gate = Gate::default();
    let writer = std::thread::scope(|scope| {
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
                    .map(|a| process_guarded(a, known))
                    .collect();
                if tx.send((block, done)).is_err() {
                    break; // the writer failed: its error is returned below
                }
            }
        });
        drop(tx);
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    let Writer { mut claims, mut entries, cursor, mut summary, walk_entries, bar: _, .. } = writer;
    claims.flush().context("cannot write claims").map_err(WriteError)?;
    drop(claims);
    bar.finish_and_clear();
    for e in walk_entries {
        entries.push(&e)?;
    }
    summary.failed += walk_problems.len();
    summary.problems.extend(walk_problems);
    summary.changes = cursor.map(|c| c.changes(known.map_or(0, HashMap::len)));
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION.to_string(),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        corpus: settings.corpus.display().to_string(),
        claims: summary.claims,
        articles: Vec::new(),
    };
    // The claims reach the disk on a side thread while the manifest is
    // assembled; then both files are renamed into place, claims first.
    let manifest_tmp = std::thread::scope(|scope| {
        let claims_synced = scope.spawn(|| make_durable(&claims_tmp));
        let manifest_tmp = entries.finish(&manifest, &settings.out)?;
        make_durable(&manifest_tmp);
        claims_synced.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        anyhow::Ok(manifest_tmp)
    })?;
    rename_into_place(claims_tmp, &settings.out.join("claims.jsonl"))?;
    rename_into_place(manifest_tmp, &settings.out.join("manifest.json"))?;
    // Best effort: without the stamp the next run is simply a full one.
    let _ = std::fs::write(settings.out.join(BUILD_STAMP), format!("{BUILD_ID}\n"));
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Drops from the page cache the files of a previous dataset that this run
/// replaces without reading them. Renaming the new files over them frees
/// their pages; done here, on a side thread while the corpus is listed, it
/// is not done at the end of the run, which waits for it (renaming over
/// BBC+Reuters' 8.7 MB of claims took 4.4 ms with them cached, 2.2-2.8 ms
/// without). The files on disk are untouched.
fn forget_cached(files: &[PathBuf]) {
    #[cfg(target_os = "linux")]
    for f in files {
        if let Ok(file) = std::fs::File::open(f) {
            let _ = rustix::fs::fadvise(&file, 0, None, rustix::fs::Advice::DontNeed);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = files;
}

/// Makes a temporary output file readable by all and flushes it to disk.
fn make_durable(tmp: &tempfile::NamedTempFile) {
    // Temporary files are private (0600); a dataset is meant to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.as_file().sync_all().ok();
}

/// Makes a temporary output file durable and renames it into place.
fn persist(tmp: tempfile::NamedTempFile, to: &Path) -> Result<()> {
    make_durable(&tmp);
    rename_into_place(tmp, to)
}

/// Renames a temporary output file into place (after [`make_durable`]).
fn rename_into_place(tmp: tempfile::NamedTempFile, to: &Path) -> Result<()> {
    tmp.persist(to)
        .map_err(|e| WriteError(anyhow::anyhow!("cannot write {}: {}", to.display(), e.error)))?;
    Ok(())
}

/// The `articles` of a manifest, written to a temporary file one entry at a
/// time, in the exact bytes `serde_json::to_vec_pretty` gives them inside the
/// whole manifest (two levels deep: each line indented by four spaces).
struct EntryWriter {
    file: BufWriter<std::fs::File>,
    count: usize,
}

impl EntryWriter {
    fn new(dir: &Path) -> Result<Self> {
        let file = tempfile::tempfile_in(dir)
            .with_context(|| format!("cannot write in output folder {}", dir.display()))
            .map_err(WriteError)?;
        Ok(EntryWriter { file: BufWriter::with_capacity(1 << 16, file), count: 0 })
    }

    /// An entry in the manifest's bytes, without the separator before it:
    /// what [`EntryWriter::format_by_serde`] makes, written directly (one
    /// entry per article, so it counts on a corpus of small articles).
    fn format(entry: &ArticleEntry) -> Vec<u8> {
        let ArticleEntry { path, bytes, sha256, claims, status, warnings } = entry;
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
    #[cfg(test)]
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

    fn push(&mut self, entry: &ArticleEntry) -> Result<()> {
        self.push_formatted(&Self::format(entry))
    }

    /// Appends an entry made by [`EntryWriter::format`].
    fn push_formatted(&mut self, json: &[u8]) -> Result<()> {
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
    fn finish(self, manifest: &Manifest, dir: &Path) -> Result<tempfile::NamedTempFile> {
        use std::io::{Read, Seek};
        let mut entries = self.file.into_inner().map_err(|e| e.into_error())?;
        entries.seek(std::io::SeekFrom::Start(0))?;
        let mut head = serde_json::to_vec_pretty(manifest)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".claimscan.")
            .tempfile_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))
            .map_err(WriteError)?;
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

/// Writes `bytes` to `path` through a temporary file in the same folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".claimscan.")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))
        .map_err(WriteError)?;
    tmp.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
        .map_err(WriteError)?;
    persist(tmp, path)
}

fn progress_bar(wanted: bool, bytes: u64, articles: usize) -> ProgressBar {
    if !wanted {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {msg} of {len_articles} ({bytes_per_sec}, ETA {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key("len_articles", move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{articles}");
            }),
    );
    bar
}

/// What the writer thread holds: the outputs and the running totals.
struct Writer<'a> {
    claims: BufWriter<std::fs::File>,
    entries: EntryWriter,
    known: Option<&'a HashMap<String, ArticleEntry>>,
    cursor: Option<Cursor>,
    summary: Summary,
    walk_entries: std::iter::Peekable<std::vec::IntoIter<ArticleEntry>>,
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
            cursor.count(known, &p);
        }
        self.claims.write_all(&p.lines).context("cannot write claims").map_err(WriteError)?;
        self.claims_written += p.lines.len() as u64;
        self.done_articles += 1;
        if let Some(bar) = &self.bar {
            bar.inc(p.entry.bytes);
            bar.set_message(format!("{} articles", self.done_articles));
        }
        let summary = &mut self.summary;
        summary.claims += p.entry.claims;
        for (pop, n) in p.by_population {
            *summary.by_population.entry(pop.to_string()).or_default() += n;
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
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let (from, len) = (self.claims_sent as i64, (in_file - self.claims_sent) as i64);
            // SAFETY: a system call on an open descriptor with integer
            // arguments; it only starts writing pages the file already has.
            // Failure is harmless: the fsync at the end writes them.
            unsafe {
                libc::sync_file_range(
                    self.claims.get_ref().as_raw_fd(),
                    from,
                    len,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
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
    by_population: BTreeMap<&'static str, usize>,
    /// True when the previous dataset's claims for it are to be copied.
    reused: bool,
}

/// [`process_article`], with a panic in the extractor turned into an error
/// for that article: one bad article never stops the batch.
fn process_guarded(a: &ArticlePath, known: Option<&HashMap<String, ArticleEntry>>) -> Processed {
    let mut p =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process_article(a, known)))
            .unwrap_or_else(|panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Processed {
                    entry_json: Vec::new(),
                    entry: ArticleEntry {
                        path: a.rel(),
                        bytes: 0,
                        sha256: None,
                        claims: 0,
                        status: format!(
                            "error: internal error in the extractor (please report): {what}"
                        ),
                        warnings: Vec::new(),
                    },
                    lines: Vec::new(),
                    by_population: BTreeMap::new(),
                    reused: false,
                }
            });
    p.entry_json = EntryWriter::format(&p.entry);
    p
}

fn process_article(a: &ArticlePath, known: Option<&HashMap<String, ArticleEntry>>) -> Processed {
    let rel = a.rel();
    let failed = |bytes: u64, sha: Option<String>, status: String| Processed {
        entry_json: Vec::new(),
        entry: ArticleEntry {
            path: rel.clone(),
            bytes,
            sha256: sha,
            claims: 0,
            status,
            warnings: Vec::new(),
        },
        lines: Vec::new(),
        by_population: BTreeMap::new(),
        reused: false,
    };
    let bytes = match a.read() {
        Ok(b) => b,
        Err(e) => return failed(0, None, format!("error: {e}")),
    };
    let size = bytes.len() as u64;
    let sha = hex(&Sha256::digest(&bytes));
    if let Some(old) = known.and_then(|k| k.get(&rel))
        && old.status == "ok"
        && old.sha256.as_deref() == Some(sha.as_str())
        && old.bytes == size
    {
        return Processed {
            entry_json: Vec::new(),
            entry: old.clone(),
            lines: Vec::new(),
            by_population: BTreeMap::new(),
            reused: true,
        };
    }
    let decoded = match decode(bytes) {
        Ok(d) => d,
        Err(msg) => return failed(size, Some(sha), format!("error: {msg}")),
    };
    let claims = extract_article(&decoded.text);
    let records = claim_records(&rel, &decoded.text, &claims);
    let mut lines = Vec::with_capacity(records.len() * 600);
    let mut by_population = BTreeMap::new();
    for r in &records {
        serde_json::to_writer(&mut lines, r).expect("records serialize");
        lines.push(b'\n');
        *by_population.entry(pop_name(&r.population)).or_default() += 1;
    }
    Processed {
        entry_json: Vec::new(),
        entry: ArticleEntry {
            path: rel.clone(),
            bytes: size,
            sha256: Some(sha),
            claims: records.len(),
            status: "ok".into(),
            warnings: decoded.warnings,
        },
        lines,
        by_population,
        reused: false,
    }
}

/// The dataset already in OUT: its manifest entries, and its claims read
/// in step with the new run (both are in article path order).
struct Previous {
    entries: HashMap<String, ArticleEntry>,
    cursor: Cursor,
}

/// Where the new run is in the previous dataset's claims, and how the
/// articles compare so far.
struct Cursor {
    claims: std::io::Lines<std::io::BufReader<std::fs::File>>,
    seen: usize,
    changes: Changes,
}

/// File in OUT naming the build that wrote the dataset (not part of the
/// dataset: incremental runs reuse claims only from the same build).
pub const BUILD_STAMP: &str = ".claimscan-build";

/// The build's identity: a hash of the sources, the manifest and the
/// locked dependency versions it was compiled from (see build.rs), which
/// are what decide the claims. Known at compile time: nothing is hashed
/// when the program runs (hashing the 6 MB executable took 4-8 ms per run).
const BUILD_ID: &str = env!("CLAIMSCAN_BUILD_ID");

/// The previous dataset does not hold what its manifest says: rebuild fully.
#[derive(Debug)]
struct StalePrevious(String);

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
    fn open(out: &Path) -> Option<Previous> {
        let manifest: Manifest =
            serde_json::from_slice(&std::fs::read(out.join("manifest.json")).ok()?).ok()?;
        if manifest.schema_version != SCHEMA_VERSION
            || manifest.tool_version != env!("CARGO_PKG_VERSION")
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
    fn take(
        &mut self,
        article: &str,
        n: usize,
    ) -> Result<(Vec<u8>, BTreeMap<&'static str, usize>)> {
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
                    *pops.entry(pop_name(&head.population)).or_default() += 1;
                    got += 1;
                }
                std::cmp::Ordering::Greater => {
                    return Err(StalePrevious(format!("claims of {article} missing")).into());
                }
            }
        }
        Ok((lines, pops))
    }

    fn count(&mut self, entries: &HashMap<String, ArticleEntry>, p: &Processed) {
        match entries.get(&p.entry.path) {
            None => self.changes.new += 1,
            Some(_) if p.reused => self.changes.unchanged += 1,
            Some(_) => self.changes.changed += 1,
        }
        if entries.contains_key(&p.entry.path) {
            self.seen += 1;
        }
    }

    /// The comparison, once every article is written; `previous` is the
    /// number of articles the previous dataset had.
    fn changes(self, previous: usize) -> Changes {
        Changes { removed: previous - self.seen, ..self.changes }
    }
}

fn pop_name(p: &str) -> &'static str {
    match p {
        "marketing" => "marketing",
        "it" => "it",
        "both" => "both",
        _ => "unknown",
    }
}

/// Lowercase hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let out: Vec<u8> = bytes
        .iter()
        .flat_map(|&b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0xf)]])
        .collect();
    String::from_utf8(out).expect("hex digits are ASCII")
}

/// A stable claim id from the article path and the expression's span.
pub fn claim_id(article: &str, span: Span) -> String {
    // SHA-256 of "{article}\0{start}-{end}", fed in pieces.
    let d = Sha256::new()
        .chain_update(article)
        .chain_update([0])
        .chain_update(itoa::Buffer::new().format(span.start))
        .chain_update("-")
        .chain_update(itoa::Buffer::new().format(span.end))
        .finalize();
    format!("c-{}", hex(&d[..8]))
}

/// Converts an article's claims into dataset records.
pub fn claim_records(article: &str, text: &str, claims: &[Claim]) -> Vec<ClaimRecord> {
    let mut pos = Positions::new(text);
    let phrase = |s: Span| Phrase { text: s.slice(text).to_string(), start: s.start, end: s.end };
    claims
        .iter()
        .map(|c| {
            let span = c.figure.span;
            let (char_start, line, column) = pos.at(span.start);
            let char_end = char_start + text[span.start..span.end].chars().count();
            ClaimRecord {
                id: claim_id(article, span),
                article: article.to_string(),
                start: span.start,
                end: span.end,
                text: span.slice(text).to_string(),
                char_start,
                char_end,
                line,
                column,
                value: round6(c.figure.value),
                bound: c.figure.bound.as_str().to_string(),
                kind: c.figure.kind.as_str().to_string(),
                population: c.attribution.population.as_str().to_string(),
                population_phrase: c.attribution.phrase.map(phrase),
                subject: c.subject.map(phrase),
                sentence: SpanRecord { start: c.sentence.start, end: c.sentence.end },
                evidence: c.attribution.evidence.clone(),
                audit: None,
            }
        })
        .collect()
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Converts ascending byte offsets into (code point, line, column) in one pass.
struct Positions<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
    line: usize,
    line_start_chars: usize,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str) -> Self {
        Positions { text, byte: 0, chars: 0, line: 1, line_start_chars: 0 }
    }

    /// Code-point offset, 1-based line and 1-based column of byte `at`.
    fn at(&mut self, at: usize) -> (usize, usize, usize) {
        if at < self.byte {
            *self = Positions::new(self.text);
        }
        let piece = &self.text[self.byte..at];
        if piece.is_ascii() {
            // A character per byte: only the line breaks need finding.
            for nl in memchr::memchr_iter(b'\n', piece.as_bytes()) {
                self.line += 1;
                self.line_start_chars = self.chars + nl + 1;
            }
            self.chars += piece.len();
        } else {
            for c in piece.chars() {
                self.chars += 1;
                if c == '\n' {
                    self.line += 1;
                    self.line_start_chars = self.chars;
                }
            }
        }
        self.byte = at;
        (self.chars, self.line, self.chars - self.line_start_chars + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ) {
            let entry = ArticleEntry { path, bytes, sha256, claims, status, warnings };
            proptest::prop_assert_eq!(
                String::from_utf8(EntryWriter::format(&entry)).unwrap(),
                String::from_utf8(EntryWriter::format_by_serde(&entry)).unwrap()
            );
        }
    }

    /// Claim ids are "c-" and the first eight bytes, in hex, of the SHA-256
    /// of "{article}\0{start}-{end}": stable from one version to the next,
    /// as the README promises.
    #[test]
    fn claim_ids_hash_the_article_and_span() {
        for (article, start, end) in [("a.txt", 3, 5), ("sub/dir/b c.txt", 0, 12345), ("", 7, 7)] {
            let whole = Sha256::digest(format!("{article}\u{0}{start}-{end}").as_bytes());
            assert_eq!(claim_id(article, Span::new(start, end)), format!("c-{}", hex(&whole[..8])));
        }
    }

    /// A worker `AHEAD` blocks past the writer waits until the writer moves
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

    fn entry(path: &str, warnings: &[&str], sha: Option<&str>) -> ArticleEntry {
        ArticleEntry {
            path: path.into(),
            bytes: 12,
            sha256: sha.map(String::from),
            claims: 3,
            status: "ok".into(),
            warnings: warnings.iter().map(|w| w.to_string()).collect(),
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
        ];
        for (name, articles) in cases {
            let dir = tempfile::tempdir().unwrap();
            let whole = Manifest {
                schema_version: SCHEMA_VERSION.into(),
                tool_version: "0.0.0".into(),
                corpus: "corpus".into(),
                claims: 7,
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
