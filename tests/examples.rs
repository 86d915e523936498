//! Every example a user is shown runs as written from a fresh clone: the
//! `Example:` line of each subcommand's help, and each line of the README's
//! `sh` blocks that runs claimscan (starts with `claimscan`, or pipes into
//! it). Each runs with bash, in its own copy of the repository's tracked
//! files (a fresh clone, without `target/`), with the binary under test
//! first on `PATH`, and must exit 0.

use clap::CommandFactory;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The files a clone has: `git ls-files`, else the folders examples use.
fn tracked_files() -> Vec<PathBuf> {
    let listed = Command::new("git").args(["ls-files", "-z"]).current_dir(root()).output();
    match listed {
        Ok(o) if o.status.success() && !o.stdout.is_empty() => o
            .stdout
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| PathBuf::from(String::from_utf8_lossy(p).into_owned()))
            .filter(|p| root().join(p).is_file())
            .collect(),
        _ => ["README.md", "extracted/claims.jsonl", "extracted/manifest.json"]
            .into_iter()
            .map(PathBuf::from)
            .chain(["corpus", "schema", "tests/data"].iter().flat_map(|d| {
                walk(&root().join(d))
                    .into_iter()
                    .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
            }))
            .collect(),
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

/// A fresh copy of the tracked files.
fn clone(files: &[PathBuf]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        let to = dir.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(f), &to).unwrap();
    }
    dir
}

/// One example: where it is shown, and its lines, run in order in one clone.
type Example = (String, Vec<String>);

/// The `Example:` lines of every subcommand's help.
fn help_examples() -> Vec<Example> {
    claimscan::Cli::command()
        .get_subcommands()
        .flat_map(|sub| {
            let help = sub.get_long_about().map(|h| h.to_string()).unwrap_or_default();
            let name = sub.get_name().to_string();
            help.lines()
                .filter_map(|l| l.trim().strip_prefix("Example: ").map(str::to_string))
                .map(move |e| (format!("claimscan {name} --help"), vec![e]))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The README's `sh` blocks, each with its lines that run claimscan.
fn readme_examples() -> Vec<Example> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut block: Option<Example> = None;
    let mut continued: Option<String> = None;
    let mut out = Vec::new();
    for (n, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            match block.take() {
                Some(b) if !b.1.is_empty() => out.push(b),
                Some(_) => {}
                None if line == "```sh" => {
                    block = Some((format!("README.md:{}", n + 1), Vec::new()));
                }
                None => {}
            }
            if line != "```sh" {
                block = None;
            }
            assert!(continued.is_none(), "README.md:{}: a block ends inside a command", n + 1);
            continue;
        }
        let Some((_, lines)) = block.as_mut() else { continue };
        // A line ending in `\` goes on on the next one, as in the shell.
        if let Some(open) = continued.as_mut() {
            open.push('\n');
            open.push_str(line);
        } else if line.starts_with("claimscan ") || line.contains("| claimscan ") {
            continued = Some(line.to_string());
        }
        if let Some(whole) = continued.take_if(|l| !l.ends_with('\\')) {
            lines.push(whole);
        }
    }
    out
}

#[test]
fn every_example_runs_as_written_from_a_fresh_clone() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_claimscan"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    let files = tracked_files();
    let (help, readme) = (help_examples(), readme_examples());
    assert!(help.len() >= 11, "an example per subcommand: {help:?}");
    assert!(readme.len() >= 4, "the README's examples: {readme:?}");
    let mut failed = Vec::new();
    for (from, lines) in help.iter().chain(&readme) {
        let dir = clone(&files);
        for line in lines {
            let o = Command::new("bash")
                .args(["-c", line])
                .current_dir(dir.path())
                .env("PATH", &path)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            if !o.status.success() {
                failed.push(format!(
                    "{from}: `{line}` exited {:?}: {}",
                    o.status.code(),
                    String::from_utf8_lossy(&o.stderr)
                ));
                break;
            }
        }
    }
    assert!(failed.is_empty(), "examples that do not run:\n{}", failed.join("\n"));
}
