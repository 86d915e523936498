#!/usr/bin/env bash
# Size and time to first render of the report of a large corpus (not run by CI):
#   bash tests/browser/measure.sh [CORPUS] [RUNS]
# Extracts CORPUS (default: the 2,225-article BBC corpus) into a temporary
# folder, writes its report, and loads it RUNS times (default 3) per view in
# headless Chromium (tests/browser/measure.py): the page's own marks (the
# view drawn, data-first-render; the index read and the view complete,
# data-ready), the first contentful paint and the load event.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS="${1:-/work/shared/corpora/bbc-news-2004-2005}"
RUNS="${2:-3}"
TARGET="${CARGO_TARGET_DIR:-target}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}"
export CHROMIUM
cargo build --release --quiet
BIN="$TARGET/release/claimscan"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" extract "$CORPUS" -o "$WORK/out" --quiet
"$BIN" report "$WORK/out" --corpus "$CORPUS" -o "$WORK/report.html"
echo "size: $(stat -c %s "$WORK/report.html") bytes ($(gzip -c "$WORK/report.html" | wc -c) gzipped)"
python3 tests/browser/measure.py "$WORK/report.html" "$RUNS"
