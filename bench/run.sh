#!/usr/bin/env bash
# Whole-process benchmarks of `claimscan extract`, with ripgrep as the floor.
#
#   bench/run.sh [CORPORA]      (default ../shared/corpora, relative to the repo)
#
# Builds the release binary, times `claimscan extract` and `rg` (counting the
# lines that match the literals every expression contains, the bare cost of reading
# and scanning the same files) with hyperfine over BBC, Reuters, BBC+Reuters
# and BBC repeated 5 and 20 times; measures peak RSS of BBC 1x and 20x with
# /usr/bin/time -v and the -j1 -> -j2 speed-up; prints a summary and writes it
# to bench/RESULTS.md (between the bench markers; the rest of the file is
# kept). Sets are folders of symbolic links made in a temporary folder: the
# corpora are never copied. Environment: RUNS (default 3), WARMUP (default 1).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
cd "$repo"
corpora=$(cd "${1:-../shared/corpora}" && pwd)
bbc=$corpora/bbc-news-2004-2005
reuters=$corpora/reuters-21578
runs=${RUNS:-10}
warmup=${WARMUP:-2}
for d in "$bbc" "$reuters"; do
    [ -d "$d" ] || { echo "bench: missing corpus $d" >&2; exit 2; }
done

# Tools, from Debian's packages when missing.
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    echo "bench: installing ${need[*]}" >&2
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "bench: building the release binary" >&2
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target=$repo/$target ;; esac
bin=$target/release/claimscan

# The same regex as PREFILTER in src/lang/detect.rs, read from the source.
prefilter=$(sed -n 's/^pub(crate) const PREFILTER: &str = r"(?i)\(.*\)";$/\1/p' src/lang/detect.rs | head -n1)
[ -n "$prefilter" ] || { echo "bench: cannot read PREFILTER from src/lang/detect.rs" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/claimscan-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/sets/both" "$work/sets/bbc5" "$work/sets/bbc20" "$work/json" "$work/out"
ln -s "$bbc" "$work/sets/both/bbc"
ln -s "$reuters" "$work/sets/both/reuters"
for i in $(seq -w 1 20); do
    ln -s "$bbc" "$work/sets/bbc20/bbc$i"
    [ "$((10#$i))" -le 5 ] && ln -s "$bbc" "$work/sets/bbc5/bbc$i"
done

sets=(bbc reuters both bbc5 bbc20)
declare -A dir=([bbc]=$bbc [reuters]=$reuters [both]=$work/sets/both
    [bbc5]=$work/sets/bbc5 [bbc20]=$work/sets/bbc20)

# --full: the output folder is reused between runs, and an incremental run
# would copy the previous claims instead of extracting them.
cs_cmd() { echo "$bin extract $1 -o $work/out/$2 --quiet --full${3:+ $3}"; }
rg_cmd() { echo "rg${2:+ $2} -c -i --follow --no-ignore --hidden -g '*.txt' -e '$prefilter' $1"; }

: >"$work/sizes.tsv"
for s in "${sets[@]}"; do
    # Files and bytes that claimscan reads: *.txt, links followed.
    find -L "${dir[$s]}" -type f -name '*.txt' -printf '%s\n' |
        awk -v s="$s" '{n++; b+=$1} END {printf "%s\t%d\t%d\n", s, n, b}' >>"$work/sizes.tsv"
done

hf() { # name, commands...
    local name=$1
    shift
    hyperfine --style basic --warmup "$warmup" --runs "$runs" -i \
        --export-json "$work/json/$name.json" "$@" >&2
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for s in "${sets[@]}"; do
    echo "bench: $s" >&2
    hf "$s" -n claimscan "$(cs_cmd "${dir[$s]}" "$s")" -n rg "$(rg_cmd "${dir[$s]}")"
done
echo "bench: -j1 vs -j2 over BBC+Reuters (and rg's own, for the machine's scaling)" >&2
hf threads -n j1 "$(cs_cmd "${dir[both]}" j1 -j1)" -n j2 "$(cs_cmd "${dir[both]}" j2 -j2)" \
    -n rg-j1 "$(rg_cmd "${dir[both]}" -j1)" -n rg-j2 "$(rg_cmd "${dir[both]}" -j2)"

# Peak RSS: median of three runs each.
: >"$work/rss.tsv"
for s in bbc bbc20; do
    for _ in 1 2 3; do
        # shellcheck disable=SC2046
        /usr/bin/time -v $(cs_cmd "${dir[$s]}" "rss-$s") 2>&1 >/dev/null |
            awk -v s="$s" '/Maximum resident set size/ {print s "\t" $NF}' >>"$work/rss.tsv"
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "nproc	$(nproc)"
    echo "cpu	$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
    echo "memory	$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
    echo "kernel	$(uname -r)"
    echo "commit	$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "rustc	$(rustc --version)"
    echo "hyperfine	$(hyperfine --version)"
    echo "rg	$(rg --version | head -n1)"
    echo "load	$load_before (before), $load_after (after)"
    echo "runs	--warmup $warmup --runs $runs"
    echo "corpora	$corpora"
    echo "prefilter	$prefilter"
    echo "build	cargo build --release"
    for s in "${sets[@]}"; do
        echo "cmd_claimscan_$s	$(cs_cmd "${dir[$s]}" "$s")"
        echo "cmd_rg_$s	$(rg_cmd "${dir[$s]}")"
    done
    echo "cmd_j1	$(cs_cmd "${dir[both]}" j1 -j1)"
    echo "cmd_j2	$(cs_cmd "${dir[both]}" j2 -j2)"
    echo "cmd_rg_j1	$(rg_cmd "${dir[both]}" -j1)"
    echo "cmd_rg_j2	$(rg_cmd "${dir[both]}" -j2)"
    echo "cmd_rss	/usr/bin/time -v $(cs_cmd "${dir[bbc]}" rss-bbc)   (and the same over the 20x set)"
} >"$work/meta.tsv"

python3 "$here/report.py" "$work" "$here/RESULTS.md"
