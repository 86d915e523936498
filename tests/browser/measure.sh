#!/usr/bin/env bash
# Size and time to first render of the report of a large corpus (not run by CI):
#   bash tests/browser/measure.sh [CORPUS] [RUNS]
# Extracts CORPUS (default: the 2,225-article BBC corpus) into a temporary
# folder, writes its report, and loads it RUNS times (default 5) in headless
# Chromium, reading the page's own mark (performance.now() when the first
# articles are rendered, data-first-render) and the wall-clock time of a
# whole `chromium --dump-dom` run (start-up included).
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS="${1:-/work/shared/corpora/bbc-news-2004-2005}"
RUNS="${2:-5}"
TARGET="${CARGO_TARGET_DIR:-target}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}"
cargo build --release --quiet
BIN="$TARGET/release/claimscan"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" extract "$CORPUS" -o "$WORK/out" --quiet
"$BIN" report "$WORK/out" --corpus "$CORPUS" -o "$WORK/report.html"
echo "size: $(stat -c %s "$WORK/report.html") bytes ($(gzip -c "$WORK/report.html" | wc -c) gzipped)"
URL="$(python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$WORK/report.html")"
dump() { # URL PROFILE: seconds of a whole `chromium --dump-dom` run, DOM in $WORK/dom.html
    local start end
    start=$(date +%s.%N)
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$WORK/$2" --dump-dom "$1" 2>/dev/null >"$WORK/dom.html"
    end=$(date +%s.%N)
    awk "BEGIN { printf \"%.2f\", $end - $start }"
}
echo '<!DOCTYPE html><title>empty</title>' >"$WORK/empty.html"
echo "chromium --dump-dom of an empty page: $(dump "file://$WORK/empty.html" empty) s"
for i in $(seq "$RUNS"); do
    wall=$(dump "$URL" "profile$i")
    first=$(grep -o 'data-first-render="[^"]*"' "$WORK/dom.html" | cut -d'"' -f2)
    echo "run $i: first render ${first} ms after navigation start; chromium --dump-dom ${wall} s"
done
