//! Finding and reading articles: the encoding and binary-file policy.
//!
//! Offsets in the dataset are byte offsets into the file *as stored*, so
//! every policy here keeps the byte length of the text unchanged:
//! - valid UTF-8 (with or without a byte-order mark) is used as is; a BOM is
//!   part of the text and counts as one code point;
//! - invalid UTF-8 is decoded with each invalid byte replaced by U+001A
//!   (SUBSTITUTE, one byte), so byte offsets still point into the stored
//!   file, and a warning names the first bad offset; when the file reads as
//!   Windows-1252 (or Latin-1), the warning says how to convert it, as
//!   transcoding here would break the byte offsets;
//! - UTF-16 (recognised by its BOM, or without one by NULs at most odd or
//!   most even offsets) is refused with a message saying how to convert it;
//! - any other file with a NUL byte is binary and refused.
//!
//! A relative path that is not UTF-8 is percent-encoded ([`encode_path`]),
//! exactly and reversibly, and the manifest says so (`path_encoding`).

use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
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
        // The count first: comparing paths parses their components.
        self.root_components == 0 && self.path.as_os_str() == "-"
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

    /// Path relative to the corpus folder, with `/` separators; a path that
    /// is not UTF-8 is percent-encoded ([`encode_path`]).
    pub(crate) fn rel(&self) -> String {
        self.rel_encoded().0
    }

    /// [`ArticlePath::rel`], and whether it is percent-encoded (the path is
    /// not UTF-8): the manifest's `path` and `path_encoding`.
    pub(crate) fn rel_encoded(&self) -> (String, bool) {
        #[cfg(unix)]
        if let Some(start) = self.rel_start {
            let bytes = &self.path.as_os_str().as_encoded_bytes()[start..];
            // `from_utf8` checks ASCII a word at a time.
            return match std::str::from_utf8(bytes) {
                Ok(rel) => (rel.to_owned(), false),
                Err(_) => (encode_path(bytes), true),
            };
        }
        self.rel_by_components()
    }

    /// [`ArticlePath::rel_encoded`], read from the path's components.
    fn rel_by_components(&self) -> (String, bool) {
        let parts: Vec<&std::ffi::OsStr> =
            self.path.components().skip(self.root_components).map(|c| c.as_os_str()).collect();
        join_encoded(&parts)
    }
}

/// The manifest's `path_encoding` of a path that is not UTF-8.
pub(crate) const PERCENT: &str = "percent";

/// `parts` joined by `/`, percent-encoded ([`encode_path`]) when not
/// UTF-8, and whether it was.
fn join_encoded(parts: &[&std::ffi::OsStr]) -> (String, bool) {
    let mut bytes = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            bytes.push(b'/');
        }
        bytes.extend_from_slice(p.as_encoded_bytes());
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (encode_path(e.as_bytes()), true),
    }
}

/// A path's bytes as a string that gives them back exactly: valid UTF-8
/// is kept, except `%`, which is written `%25`; every byte that is not part
/// of valid UTF-8 is written `%XX` (uppercase hex). `caf\xE9.txt` is
/// `caf%E9.txt`. Only paths that are not UTF-8 are encoded (the manifest
/// says which with `path_encoding`), so a UTF-8 name keeps its `%`.
pub(crate) fn encode_path(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '%' {
                out.push_str("%25");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The bytes [`encode_path`] encoded, or None when `encoded` is not such a
/// string (a `%` not followed by two hex digits).
pub(crate) fn decode_path(encoded: &str) -> Option<Vec<u8>> {
    let b = encoded.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The file of an article of the manifest: `path` under `corpus`, its
/// percent-encoding decoded when `path_encoding` says so.
pub(crate) fn article_file(
    corpus: &Path,
    path: &str,
    path_encoding: Option<&str>,
) -> Result<PathBuf, String> {
    match path_encoding {
        None => Ok(corpus.join(path)),
        Some(PERCENT) => {
            let bytes =
                decode_path(path).ok_or_else(|| format!("path '{path}' is not percent-encoded"))?;
            #[cfg(unix)]
            {
                use std::os::unix::ffi::OsStrExt;
                Ok(corpus.join(std::ffi::OsStr::from_bytes(&bytes)))
            }
            #[cfg(not(unix))]
            {
                let _ = bytes;
                Err(format!("path '{path}' is not UTF-8: it can only be read on Unix"))
            }
        }
        Some(other) => Err(format!("path_encoding '{other}' is not known (only 'percent')")),
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
    /// The path concerned, relative to the corpus when possible
    /// (percent-encoded when not UTF-8).
    pub rel: String,
    /// Whether `rel` is percent-encoded.
    pub encoded: bool,
    /// What went wrong.
    pub message: String,
}

/// True when a file of this name is read as an HTML page: its extension is
/// `html` or `htm`, in any case. Any other file is read as text.
pub(crate) fn is_html_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"))
}

/// `exts` for a message: `*.txt`, `*.txt or *.md`, `*.txt, *.html or *.htm`.
pub(crate) fn describe_extensions(exts: &[String]) -> String {
    let each: Vec<String> = exts.iter().map(|x| format!("*.{x}")).collect();
    match each.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Lists the files under `root` whose extension is one of `exts` (compared
/// exactly), sorted by relative path.
///
/// The corpus `-` is one article read from standard input, named `-`.
pub(crate) fn find_articles(
    root: &Path,
    exts: &[String],
) -> Result<(Vec<ArticlePath>, Vec<WalkError>)> {
    if root == Path::new("-") {
        return Ok((
            vec![ArticlePath { path: PathBuf::from("-"), root_components: 0, rel_start: None }],
            Vec::new(),
        ));
    }
    let meta = std::fs::metadata(root)
        .with_context(|| format!("corpus folder '{}' cannot be read", root.display()))?;
    if !meta.is_dir() {
        bail!("corpus '{}' is a file, not a folder of articles", root.display());
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
                if e.file_type().is_file()
                    && e.path().extension().is_some_and(|x| exts.iter().any(|ext| x == &**ext))
                {
                    let rel_start = rel_start(e.path());
                    found.push(ArticlePath { path: e.into_path(), root_components, rel_start });
                }
            }
            Err(err) => {
                let (rel, encoded) = err
                    .path()
                    .map_or_else(|| (root.display().to_string(), false), |p| relative(root, p));
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), |io| io.to_string())
                };
                // A broken link to a non-article is not worth reporting.
                if exts.iter().any(|ext| rel.ends_with(&format!(".{ext}")))
                    || err.loop_ancestor().is_some()
                    || err.depth() == 0
                {
                    errors.push(WalkError { rel, encoded, message });
                }
            }
        }
    }
    // Byte order of the whole path is the order of the relative paths: they
    // share the corpus prefix.
    found.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    // A name that is not UTF-8 is percent-encoded in the dataset, which may
    // sort it elsewhere: the dataset is in the order of its paths (an
    // incremental run reads the previous one in step with the listing).
    if found.iter().any(|a| a.path.to_str().is_none()) {
        found.sort_by_cached_key(ArticlePath::rel);
    }
    errors.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((found, errors))
}

fn relative(root: &Path, path: &Path) -> (String, bool) {
    let rel = path.strip_prefix(root).unwrap_or(path);
    join_encoded(&rel.components().map(|c| c.as_os_str()).collect::<Vec<_>>())
}

/// What a corpus folder holds when no file with one of the extensions
/// `exts` was found in it, for the message: `3 *.txt files there: did you
/// mean --ext txt?`, `5 files there: 3 *.md, 2 *.xml: did you mean --ext
/// md?`, `no file there`.
pub(crate) fn what_is_there(root: &Path, exts: &[String]) -> String {
    let wanted_exts = exts;
    let mut by_ext: BTreeMap<String, usize> = BTreeMap::new();
    let mut files = 0usize;
    for e in WalkDir::new(root).follow_links(true).into_iter().filter_map(Result::ok) {
        if e.file_type().is_file() {
            files += 1;
            if let Some(x) = e.path().extension() {
                *by_ext.entry(x.to_string_lossy().into_owned()).or_default() += 1;
            }
        }
    }
    if files == 0 {
        return "no file there".into();
    }
    let mut exts: Vec<(String, usize)> = by_ext.into_iter().collect();
    exts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let listing = match exts.as_slice() {
        [(x, n)] if *n == files => format!("{} there", plural(*n, &format!("*.{x} file"))),
        _ => {
            let each: Vec<String> =
                exts.iter().take(4).map(|(x, n)| format!("{n} *.{x}")).collect();
            format!("{} there: {}", plural(files, "file"), each.join(", "))
        }
    };
    // The same extension in another case first, else the commonest one.
    let wanted = |x: &str| wanted_exts.iter().any(|w| x.eq_ignore_ascii_case(w));
    let guess = exts.iter().find(|(x, _)| wanted(x)).or(exts.first());
    match guess {
        Some((x, _)) => format!("{listing}: did you mean --ext {x}?"),
        None => format!("{listing}, none with an extension"),
    }
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
        if let Some(order) = utf16_without_bom(&bytes) {
            return Err(format!(
                "UTF-16{order} text without a byte-order mark is not supported (offsets are \
                 UTF-8 bytes): convert it first, e.g. iconv -f UTF-16{order} -t UTF-8"
            ));
        }
        return Err(format!("binary file (NUL byte at offset {at})"));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, warnings: Vec::new() }),
        Err(e) => {
            let mut bytes = e.into_bytes();
            let mut first_bad = None;
            let mut count = 0usize;
            // Whether the file reads as Windows-1252: no valid UTF-8 beyond
            // ASCII, and every invalid byte one that Windows-1252 defines.
            let mut single_byte = true;
            let mut i = 0;
            while i < bytes.len() {
                match std::str::from_utf8(&bytes[i..]) {
                    Ok(rest) => {
                        single_byte &= rest.is_ascii();
                        break;
                    }
                    Err(err) => {
                        let bad = i + err.valid_up_to();
                        let len = err.error_len().unwrap_or(bytes.len() - bad);
                        single_byte &= bytes[i..bad].is_ascii()
                            && bytes[bad..bad + len].iter().all(|b| !UNDEFINED_IN_1252.contains(b));
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
            let mut warning = format!(
                "invalid UTF-8: {count} byte(s) read as U+001A, first at byte offset {}",
                first_bad.unwrap_or(0)
            );
            if single_byte {
                warning.push_str(
                    "; the file reads as Windows-1252 (or Latin-1): convert it to UTF-8 and \
                     extract again, e.g. iconv -f windows-1252 -t utf-8",
                );
            }
            Ok(Decoded { text, warnings: vec![warning] })
        }
    }
}

/// The five bytes Windows-1252 leaves undefined.
const UNDEFINED_IN_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// `Some("LE")` or `Some("BE")` when `bytes` look like UTF-16 without a
/// byte-order mark: in their first 4 KiB, most code units have a NUL as
/// their high byte (odd offsets for little-endian, even for big-endian)
/// and almost none as their low byte, as text in a Latin script gives.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let nul_at = |parity: usize| head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (nul_at(0), nul_at(1));
    let mostly = |n: usize| n * 10 >= units * 7;
    let hardly = |n: usize| n * 10 <= units;
    if mostly(odd) && hardly(even) {
        Some("LE")
    } else if mostly(even) && hardly(odd) {
        Some("BE")
    } else {
        None
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
            let (found, _) = find_articles(Path::new(&root), &["txt".to_string()]).unwrap();
            let rels: Vec<String> = found.iter().map(ArticlePath::rel).collect();
            assert_eq!(rels, ["b/x.txt", "y.txt"], "{root}");
            for a in &found {
                assert_eq!(a.rel_encoded(), a.rel_by_components(), "{root}");
            }
        }
    }

    /// A file name that is not UTF-8 is percent-encoded, whichever way the
    /// relative path is read, and sorted by its encoded name.
    #[cfg(unix)]
    #[test]
    fn relative_paths_of_names_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("d")).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9 100%.txt");
        std::fs::write(dir.path().join("d").join(name), "1").unwrap();
        std::fs::write(dir.path().join("d/plain.txt"), "1").unwrap();
        std::fs::write(dir.path().join("d/café.txt"), "1").unwrap();
        let (found, _) = find_articles(dir.path(), &["txt".to_string()]).unwrap();
        let rels: Vec<(String, bool)> = found.iter().map(ArticlePath::rel_encoded).collect();
        let want = [("d/caf%E9 100%25.txt", true), ("d/café.txt", false), ("d/plain.txt", false)];
        assert_eq!(rels, want.map(|(p, e)| (p.to_string(), e)));
        for a in &found {
            assert_eq!(a.rel_encoded(), a.rel_by_components());
            let file = article_file(dir.path(), &a.rel(), a.rel_encoded().1.then_some(PERCENT));
            assert_eq!(file.unwrap(), a.path, "the encoded path reads the file back");
        }
    }

    /// Percent-encoding gives every byte string back, and keeps UTF-8 text.
    #[test]
    fn percent_encoding_is_reversible() {
        let cases: [(&[u8], &str); 5] = [
            (b"plain/a.txt", "plain/a.txt"),
            (b"caf\xe9.txt", "caf%E9.txt"),
            (b"100%\xff", "100%25%FF"),
            ("naïve\u{1f680}".as_bytes(), "naïve\u{1f680}"),
            (b"\xc3", "%C3"),
        ];
        for (bytes, want) in cases {
            assert_eq!(encode_path(bytes), want);
            assert_eq!(decode_path(want).as_deref(), Some(bytes));
        }
        assert_eq!(decode_path("bad%2"), None);
        assert_eq!(decode_path("bad%zz"), None);
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

    /// What each kind of file that is not UTF-8 is called, and the hint given.
    #[test]
    fn files_that_are_not_utf8_are_named_for_what_they_are() {
        let utf16 = |text: &str, be: bool| -> Vec<u8> {
            text.encode_utf16()
                .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect()
        };
        let refused: [(&str, Vec<u8>, &str); 4] = [
            (
                "UTF-16LE without a BOM",
                utf16("Some 45% of CIOs agree.", false),
                "UTF-16LE text without a byte-order mark is not supported (offsets are UTF-8 \
                 bytes): convert it first, e.g. iconv -f UTF-16LE -t UTF-8",
            ),
            ("UTF-16BE without a BOM", utf16("Café: 45%", true), "iconv -f UTF-16BE -t UTF-8"),
            (
                "a NUL in text",
                b"Some 45% of CIOs\x00 agree.".to_vec(),
                "binary file (NUL byte at offset 16)",
            ),
            (
                "an executable",
                b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00".to_vec(),
                "binary file (NUL byte at offset 7)",
            ),
        ];
        for (name, bytes, want) in refused {
            let got = decode(bytes).unwrap_err();
            assert!(got.contains(want), "{name}: {got}");
        }
        let hint = "the file reads as Windows-1252 (or Latin-1): convert it to UTF-8 and extract \
                    again, e.g. iconv -f windows-1252 -t utf-8";
        let warned: [(&str, &[u8], bool); 4] = [
            ("Windows-1252 text", b"Caf\xe9 na\xefve: 45% \x93agree\x94.", true),
            ("Latin-1 text", b"R\xe9sum\xe9 \xe0 45%.", true),
            ("UTF-8 with one stray byte", "Café: 45%\u{2014}".as_bytes(), false),
            ("a byte Windows-1252 leaves undefined", b"Caf\xe9 \x81 45%.", false),
        ];
        for (name, bytes, hinted) in warned {
            let mut bytes = bytes.to_vec();
            if name.starts_with("UTF-8") {
                bytes.push(0xFF);
            }
            let d = decode(bytes.clone()).unwrap();
            assert_eq!(d.text.len(), bytes.len(), "{name}: offsets are bytes of the file");
            assert_eq!(d.warnings.len(), 1, "{name}");
            assert_eq!(d.warnings[0].contains(hint), hinted, "{name}: {}", d.warnings[0]);
        }
    }
}
