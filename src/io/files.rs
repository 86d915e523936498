//! Writing output files so that a run killed at any point leaves the
//! previous dataset as it was, and the page-cache and fsync tricks that make
//! it cheap: temporary files in the output folder renamed into place, made
//! durable first; writeback started early; replaced files dropped from the
//! page cache.

use anyhow::Result;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Failure to write the dataset (the exit status is 2, not 1).
#[derive(Debug)]
pub(crate) struct WriteError(pub anyhow::Error);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.0)
    }
}

impl std::error::Error for WriteError {}

/// An I/O error in words for a person: without the `(os error N)` code and
/// without the temporary file's path that `tempfile` appends (`at path
/// "OUT/.claims.jsonl.x1y2"`): the message names the output folder instead.
pub(crate) fn io_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text.split(" at path ").next().unwrap_or(&text);
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text.to_string(),
    }
}

/// A temporary file in the output folder `dir`, or an error naming that
/// folder (not the temporary file) and what stops writing there.
pub(crate) fn temp_in(dir: &Path, prefix: &str) -> Result<tempfile::NamedTempFile> {
    tempfile::Builder::new().prefix(prefix).tempfile_in(dir).map_err(|e| {
        WriteError(anyhow::anyhow!(
            "cannot write in output folder {}: {}",
            dir.display(),
            io_text(&e)
        ))
        .into()
    })
}

/// Drops from the page cache the files of a previous dataset that this run
/// replaces without reading them. Renaming the new files over them frees
/// their pages; done here, on a side thread while the corpus is listed, it
/// is not done at the end of the run, which waits for it (renaming over
/// BBC+Reuters' 8.7 MB of claims took 4.4 ms with them cached, 2.2-2.8 ms
/// without). The files on disk are untouched.
pub(crate) fn forget_cached(files: &[PathBuf]) {
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
pub(crate) fn make_durable(tmp: &tempfile::NamedTempFile) {
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
pub(crate) fn rename_into_place(tmp: tempfile::NamedTempFile, to: &Path) -> Result<()> {
    tmp.persist(to).map_err(|e| {
        WriteError(anyhow::anyhow!("cannot write {}: {}", to.display(), io_text(&e.error)))
    })?;
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if path.is_dir() {
        return Err(WriteError(anyhow::anyhow!(
            "cannot write {}: it is a folder, not a file",
            path.display()
        ))
        .into());
    }
    let mut tmp = temp_in(dir, ".claimscan.")?;
    tmp.write_all(bytes).map_err(|e| {
        WriteError(anyhow::anyhow!("cannot write {}: {}", path.display(), io_text(&e)))
    })?;
    persist(tmp, path)
}

/// Stores `bytes` at `path`, a file named by their hash (a stored text),
/// without waiting for the disk: the writing is started
/// ([`start_writeback`]) and [`sync_written`] waits for all such files at
/// once, before the manifest that names them is put in place. Returns
/// false when the file already holds `bytes` (nothing written).
///
/// A new file is created in place, its folders only when missing: a
/// temporary file, a rename and an fsync for each, as [`write_atomic`]
/// does, made the stored texts of 6,675 pages take 3-50 s of a run whose
/// CPU time is 2 s. A file a killed run left cut off is not the text its
/// name's hash says; it is found here (its bytes differ) and replaced
/// through a temporary file.
pub(crate) fn write_stored(path: &Path, bytes: &[u8]) -> Result<bool> {
    let fail = |e: &std::io::Error| {
        WriteError(anyhow::anyhow!("cannot write {}: {}", path.display(), io_text(e)))
    };
    let create = || {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o644);
        }
        options.open(path)
    };
    let opened = match create() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    WriteError(anyhow::anyhow!("cannot create {}: {}", dir.display(), io_text(&e)))
                })?;
            }
            create()
        }
        other => other,
    };
    let mut file = match opened {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            if std::fs::read(path).ok().as_deref() == Some(bytes) {
                return Ok(false);
            }
            write_atomic(path, bytes)?;
            return Ok(true);
        }
        Err(e) => return Err(fail(&e).into()),
    };
    file.write_all(bytes).map_err(|e| fail(&e))?;
    start_writeback(&file, 0, bytes.len() as u64);
    Ok(true)
}

/// Waits until the files [`write_stored`] wrote under `dir` (`written`)
/// are on disk: one `syncfs` of the folder's file system on Linux, else an
/// fsync of each. Best effort, as [`make_durable`].
pub(crate) fn sync_written(dir: &Path, written: &[std::path::PathBuf]) {
    if written.is_empty() {
        return;
    }
    #[cfg(target_os = "linux")]
    if let Ok(d) = std::fs::File::open(dir)
        && rustix::fs::syncfs(&d).is_ok()
    {
        return;
    }
    let _ = dir;
    for f in written {
        if let Ok(file) = std::fs::File::open(f) {
            let _ = file.sync_all();
        }
    }
}

/// Starts sending `len` bytes of `file` from `from` to disk, without
/// waiting for it, so that the fsync at the end, which the run waits for,
/// has little left to write: over BBC+Reuters it took 1-3 ms instead of
/// 6-9 (`strace -T`). Does nothing off Linux.
pub(crate) fn start_writeback(file: &std::fs::File, from: u64, len: u64) {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: a system call on an open descriptor with integer
        // arguments; it only starts writing pages the file already has.
        // Failure is harmless: the fsync at the end writes them.
        unsafe {
            libc::sync_file_range(
                file.as_raw_fd(),
                from as i64,
                len as i64,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, from, len);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_text_is_written_once_and_a_wrong_one_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("texts/a/b/p.html.0123.txt");
        assert!(write_stored(&path, b"text").unwrap(), "written, its folders made");
        assert_eq!(std::fs::read(&path).unwrap(), b"text");
        assert!(!write_stored(&path, b"text").unwrap(), "already there: not written");
        std::fs::write(&path, b"te").unwrap(); // cut off by a killed run
        assert!(write_stored(&path, b"text").unwrap(), "replaced");
        assert_eq!(std::fs::read(&path).unwrap(), b"text");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let other = dir.path().join("texts/q.txt");
            write_stored(&other, b"x").unwrap();
            let mode = std::fs::metadata(&other).unwrap().permissions().mode();
            assert_eq!(mode & 0o044, 0o044, "readable by all: {mode:o}");
        }
        sync_written(dir.path(), std::slice::from_ref(&path));
        let folder = dir.path().join("texts/d.txt");
        std::fs::create_dir_all(&folder).unwrap();
        let err = write_stored(&folder, b"x").unwrap_err().to_string();
        assert!(err.contains("it is a folder"), "{err}");
    }

    /// An output folder that cannot be written is named, not the temporary
    /// file claimscan tried to create in it, and no OS error code is shown.
    #[test]
    fn errors_name_the_output_folder_not_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone");
        let err = format!("{:#}", temp_in(&missing, ".claims.jsonl.").unwrap_err());
        assert_eq!(
            err,
            format!(
                "cannot write in output folder {}: No such file or directory",
                missing.display()
            )
        );
        let err = format!("{:#}", write_atomic(&missing.join("report.html"), b"x").unwrap_err());
        assert!(!err.contains(".claimscan."), "{err}");
        assert!(err.contains(&format!("output folder {}", missing.display())), "{err}");
        let err = format!("{:#}", write_atomic(dir.path(), b"x").unwrap_err());
        assert!(err.ends_with("it is a folder, not a file"), "{err}");
    }
}
