//! Computes the build's identity for incremental extraction: a hash of the
//! sources, the manifest and the locked dependency versions, which are what
//! decide the claims. A dataset is reused only by a build with the same
//! identity (see `BUILD_STAMP` in src/io/driver.rs); a change to any of
//! those files gives a new one.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("src is readable").path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut inputs =
        vec![PathBuf::from("Cargo.toml"), PathBuf::from("Cargo.lock"), PathBuf::from("build.rs")];
    files(Path::new("src"), &mut inputs);
    inputs.sort();
    // SipHash with fixed keys: the same bytes give the same identity.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for path in &inputs {
        path.hash(&mut hasher);
        std::fs::read(path).unwrap_or_default().hash(&mut hasher);
    }
    println!("cargo:rustc-env=CLAIMSCAN_BUILD_ID={:016x}", hasher.finish());
    for path in ["src", "Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
