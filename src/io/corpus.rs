//! Finding and reading articles: the encoding and binary-file policy.
//!
//! Offsets in the dataset are byte offsets into the file *as stored*, so
//! every policy here keeps the byte length of the text unchanged:
//! - valid UTF-8 (with or without a byte-order mark) is used as is; a BOM is
//!   part of the text and counts as one code point;
//! - invalid UTF-8 is decoded with each invalid byte replaced by U+001A
//!   (SUBSTITUTE, one byte), so byte offsets still point into the stored
//!   file, and a warning names the first bad offset;
//! - UTF-16 (recognised by its BOM) is refused with a message saying how to
//!   convert it: transcoding would break the byte offsets;
//! - a file with a NUL byte is binary and refused.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// An article file found under the corpus folder. Only the path is kept
/// (the relative path is derived from it on demand): a listing of many
/// thousand articles is held in memory for the whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ArticlePath {
    /// Path to open.
    pub path: PathBuf,
    /// How many leading components of `path` are the corpus folder.
    root_components: usize,
    /// Where the relative path starts in `path`'s bytes, when it is the
    /// rest of them (a listed path is the corpus folder, `/` and names).
    rel_start: Option<usize>,
}

impl ArticlePath {
    /// True for the article read from standard input (corpus `-`).
    pub(crate) fn is_stdin(&self) -> bool {
        self.path == Path::new("-") && self.root_components == 0
    }

    /// The article's bytes, from its file or standard input.
    pub(crate) fn read(&self) -> std::io::Result<Vec<u8>> {
        if self.is_stdin() {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)?;
            Ok(bytes)
        } else {
            // Not std::fs::read, nor File's read_to_end: they ask the file's
            // size and position first (two more system calls per article).
            // Through `take`, reading starts at once; most articles fit the
            // first buffer.
            let mut bytes = Vec::with_capacity(16 * 1024);
            let file = open_in_folder(&self.path)?;
            std::io::Read::read_to_end(&mut std::io::Read::take(file, u64::MAX), &mut bytes)?;
            Ok(bytes)
        }
    }

    /// Path relative to the corpus folder, with `/` separators.
    pub(crate) fn rel(&self) -> String {
        #[cfg(unix)]
        if let Some(start) = self.rel_start {
            let bytes = &self.path.as_os_str().as_encoded_bytes()[start..];
            // `from_utf8` checks ASCII a word at a time; the lossy
            // conversion goes character by character.
            return match std::str::from_utf8(bytes) {
                Ok(rel) => rel.to_owned(),
                Err(_) => String::from_utf8_lossy(bytes).into_owned(),
            };
        }
        self.rel_by_components()
    }

    /// [`ArticlePath::rel`], read from the path's components.
    fn rel_by_components(&self) -> String {
        let parts: Vec<_> = self
            .path
            .components()
            .skip(self.root_components)
            .map(|c| c.as_os_str().to_string_lossy())
            .collect();
        parts.join("/")
    }
}

/// Opens `path` for reading relative to its folder, which each thread keeps
/// open from one article to the next: the articles of a corpus come folder
/// by folder, and the kernel then looks up one name per article instead of
/// walking the whole path (and any links on it) again.
#[cfg(unix)]
fn open_in_folder(path: &Path) -> std::io::Result<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    use std::cell::RefCell;
    use std::os::fd::OwnedFd;
    thread_local! {
        static FOLDER: RefCell<Option<(PathBuf, OwnedFd)>> = const { RefCell::new(None) };
    }
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return std::fs::File::open(path);
    };
    if parent.as_os_str().is_empty() {
        return std::fs::File::open(path);
    }
    FOLDER.with_borrow_mut(|folder| {
        if folder.as_ref().is_none_or(|(p, _)| p != parent) {
            *folder = None;
            let fd = rustix::fs::open(
                parent,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            *folder = Some((parent.to_path_buf(), fd));
        }
        let (_, fd) = folder.as_ref().expect("set above");
        let file = rustix::fs::openat(fd, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
        Ok(std::fs::File::from(file))
    })
}

#[cfg(not(unix))]
fn open_in_folder(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// A problem met while walking the corpus (broken link, loop, permission).
#[derive(Debug, Clone)]
pub(crate) struct WalkError {
    /// The path concerned, relative to the corpus when possible.
    pub rel: String,
    /// What went wrong.
    pub message: String,
}

/// Lists the files under `root` whose extension is `ext`, sorted by relative path.
///
/// The corpus `-` is one article read from standard input, named `-`.
pub(crate) fn find_articles(root: &Path, ext: &str) -> Result<(Vec<ArticlePath>, Vec<WalkError>)> {
    if root == Path::new("-") {
        return Ok((
            vec![ArticlePath { path: PathBuf::from("-"), root_components: 0, rel_start: None }],
            Vec::new(),
        ));
    }
    let meta = std::fs::metadata(root)
        .with_context(|| format!("corpus {} cannot be read", root.display()))?;
    if !meta.is_dir() {
        bail!("corpus {} is not a folder", root.display());
    }
    let mut found = Vec::new();
    let root_components = root.components().count();
    // The listing joins names to the corpus folder as given: the relative
    // path starts after it and a separator.
    let root_bytes = root.as_os_str().as_encoded_bytes();
    let after_root = root_bytes.len() + usize::from(!root_bytes.ends_with(b"/"));
    let rel_start = |path: &Path| {
        let bytes = path.as_os_str().as_encoded_bytes();
        (cfg!(unix) && bytes.starts_with(root_bytes) && bytes.get(after_root - 1) == Some(&b'/'))
            .then_some(after_root)
    };
    let mut errors = Vec::new();
    // Unsorted: the listing is sorted once, by whole path, below (sorting
    // each folder's entries by name costs far more: it re-parses the paths).
    for entry in WalkDir::new(root).follow_links(true) {
        match entry {
            Ok(e) => {
                if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext) {
                    let rel_start = rel_start(e.path());
                    found.push(ArticlePath { path: e.into_path(), root_components, rel_start });
                }
            }
            Err(err) => {
                let rel =
                    err.path().map_or_else(|| root.display().to_string(), |p| relative(root, p));
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), |io| io.to_string())
                };
                // A broken link to a non-article is not worth reporting.
                if rel.ends_with(&format!(".{ext}"))
                    || err.loop_ancestor().is_some()
                    || err.depth() == 0
                {
                    errors.push(WalkError { rel, message });
                }
            }
        }
    }
    // Byte order of the whole path is the order of the relative paths: they
    // share the corpus prefix.
    found.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    errors.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((found, errors))
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The `*.txt` files of the real corpora (BBC News and Reuters-21578), for
/// tests that compare a fast path with its reference on all of them:
/// `../shared/corpora` from the crate root, or `CLAIMSCAN_CORPORA` (for a
/// checkout elsewhere, e.g. a git worktree). When they are missing: `None`,
/// and says so; under CI (`CI=true`) the test fails instead of passing
/// without having compared anything.
#[cfg(test)]
pub(crate) fn test_corpora() -> Option<Vec<PathBuf>> {
    let root = std::env::var_os("CLAIMSCAN_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    corpora_in(&root, std::env::var("CI").is_ok_and(|v| v == "true"))
}

/// [`test_corpora`] under `root`; `ci` when missing corpora must fail.
#[cfg(test)]
fn corpora_in(root: &Path, ci: bool) -> Option<Vec<PathBuf>> {
    if !root.is_dir() {
        assert!(
            !ci,
            "CI=true and no corpora at {}: the corpus-wide reference tests need them \
             (or CLAIMSCAN_CORPORA)",
            root.display()
        );
        println!("skipped: no corpora at {}", root.display());
        return None;
    }
    let mut files: Vec<PathBuf> = WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    Some(files)
}

/// An article's text, decoded by the policy above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, the same number of bytes as the file.
    pub text: String,
    /// Warnings to report (invalid UTF-8).
    pub warnings: Vec<String>,
}

/// Decodes an article's bytes, or says why it cannot be used.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16 text is not supported (offsets are UTF-8 bytes): convert it first, e.g. iconv -f UTF-16 -t UTF-8".into());
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, warnings: Vec::new() }),
        Err(e) => {
            let mut bytes = e.into_bytes();
            let mut first_bad = None;
            let mut count = 0usize;
            let mut i = 0;
            while i < bytes.len() {
                match std::str::from_utf8(&bytes[i..]) {
                    Ok(_) => break,
                    Err(err) => {
                        let bad = i + err.valid_up_to();
                        let len = err.error_len().unwrap_or(bytes.len() - bad);
                        first_bad.get_or_insert(bad);
                        for b in &mut bytes[bad..bad + len] {
                            *b = 0x1A;
                        }
                        count += len;
                        i = bad + len;
                    }
                }
            }
            let text = String::from_utf8(bytes).expect("invalid bytes were replaced");
            Ok(Decoded {
                text,
                warnings: vec![format!(
                    "invalid UTF-8: {count} byte(s) read as U+001A, first at byte offset {}",
                    first_bad.unwrap_or(0)
                )],
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Missing corpora skip the corpus-wide tests, except under CI.
    #[test]
    fn missing_corpora_are_skipped_except_under_ci() {
        let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-corpora");
        assert_eq!(corpora_in(&missing, false), None);
        let under_ci = std::panic::catch_unwind(|| corpora_in(&missing, true));
        assert!(under_ci.is_err(), "missing corpora pass under CI");
    }

    /// The relative path read from the bytes is the one read from the
    /// components, however the corpus folder is written.
    #[test]
    fn relative_paths_whatever_the_corpus_spelling() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/x.txt"), "1").unwrap();
        std::fs::write(dir.path().join("a/y.txt"), "1").unwrap();
        let base = dir.path().display().to_string();
        for root in [
            format!("{base}/a"),
            format!("{base}/a/"),
            format!("{base}//a"),
            format!("{base}/./a"),
            format!("{base}/a/b/.."),
        ] {
            let (found, _) = find_articles(Path::new(&root), "txt").unwrap();
            let rels: Vec<String> = found.iter().map(ArticlePath::rel).collect();
            assert_eq!(rels, ["b/x.txt", "y.txt"], "{root}");
            for a in &found {
                assert_eq!(a.rel(), a.rel_by_components(), "{root}");
            }
        }
    }

    /// A file name that is not UTF-8 is named with U+FFFD in its place.
    #[cfg(unix)]
    #[test]
    fn relative_paths_of_names_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("d")).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(dir.path().join("d").join(name), "1").unwrap();
        std::fs::write(dir.path().join("d/plain.txt"), "1").unwrap();
        let (found, _) = find_articles(dir.path(), "txt").unwrap();
        let rels: Vec<String> = found.iter().map(ArticlePath::rel).collect();
        assert_eq!(rels, ["d/caf\u{FFFD}.txt", "d/plain.txt"]);
        for a in &found {
            assert_eq!(a.rel(), a.rel_by_components());
        }
    }

    #[test]
    fn decoding_policy() {
        let ok = decode(b"Rose 5%.".to_vec()).unwrap();
        assert_eq!(ok.text, "Rose 5%.");
        assert!(ok.warnings.is_empty());

        let bom = decode(b"\xEF\xBB\xBFRose 5%.".to_vec()).unwrap();
        assert_eq!(bom.text.len(), 11, "the BOM keeps its three bytes");

        let bad = decode(b"Caf\xE9 rose 5%.".to_vec()).unwrap();
        assert_eq!(bad.text.len(), 13, "byte length unchanged");
        assert_eq!(&bad.text[3..4], "\u{1A}");
        assert!(bad.warnings[0].contains("offset 3"), "{:?}", bad.warnings);

        assert!(decode(b"\xFF\xFEa\x00".to_vec()).unwrap_err().contains("UTF-16"));
        assert!(decode(b"abc\x00def".to_vec()).unwrap_err().contains("NUL byte at offset 3"));
    }
}
