//! Micro-benchmarks of `extract_article` on three shapes of article.
//!
//! - short: two sentences written here, one claim;
//! - typical: one article of the dev set (`tests/data/dev/corpus`), about
//!   2 KB with a handful of claims, the size of most web copy;
//! - claim-dense: the five gold articles (`tests/data/gold/corpus`) joined
//!   with blank lines, read at bench time, so every paragraph holds figures.
//!
//! Run with `cargo bench --bench extract`; whole-process timings over the
//! real corpora are `bench/run.sh`.

use claimscan::extract_article;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

const SHORT: &str = "A survey of 220 marketing and IT leaders found that 45% of CIOs \
think the partnership is important. Only one in ten CMOs agreed.";

const TYPICAL: &str = "tests/data/dev/corpus/01_b2bmarketing-accenture-cmo-cio.txt";
const GOLD: &str = "tests/data/gold/corpus";

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The gold articles, in name order, separated by blank lines.
fn claim_dense() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLD);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
        })
        .collect();
    texts.join("\n\n")
}

fn bench(c: &mut Criterion) {
    let cases =
        [("short", SHORT.to_string()), ("typical", read(TYPICAL)), ("claim_dense", claim_dense())];
    let mut group = c.benchmark_group("extract_article");
    for (name, text) in &cases {
        let claims = extract_article(text).len();
        assert!(claims > 0, "bench case {name:?} has no claims");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{name} ({} B, {claims} claims)", text.len()), |b| {
            b.iter(|| extract_article(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
