#!/usr/bin/env bash
# Browser test of `claimscan report`: builds the binary, writes the report of
# extracted/ (corpus corpus/), loads it in headless Chromium and checks the
# DOM after the page's script has run (tests/browser/check.py):
#   1. #render=all: every claim of extracted/claims.jsonl is highlighted once,
#      with its exact text and population; each article's rendered text is
#      exactly its file;
#   2. #population=it: the visible claims are exactly the `it` ones;
#   3. no hash: the first articles render at once, lazily (timing printed);
#   4. a corpus with markup, `&` and quotes in an article and its file name:
#      rendered as text, no element injected, no script run;
#   5. a hand-made dataset with overlapping spans (tests/browser/overlap.py):
#      marks nest, subjects split, each still spells its claim's text;
# then writes a screenshot, $TARGET/report.png, for people to look at.
# Needs chromium (Debian: apt-get install -y chromium) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET="${CARGO_TARGET_DIR:-target}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
    echo "tests/browser/run.sh: chromium is required (apt-get install -y chromium)" >&2
    exit 1
fi
cargo build --quiet
BIN="$TARGET/debug/claimscan"
OUT="$TARGET/browser"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Chromium as the probe of this machine ran it, with a new empty profile each time.
browse() {
    local url="$1"
    shift
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" "$@" "$url" 2>>"$WORK/chromium.log" ||
        { tail -20 "$WORK/chromium.log" >&2; return 1; }
}
uri() { python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$1"; }
check() { python3 tests/browser/check.py "$@"; }

"$BIN" report extracted --corpus corpus -o "$OUT/report.html"
URL="$(uri "$OUT/report.html")"

browse "$URL#render=all" --virtual-time-budget=5000 --dump-dom >"$OUT/all.html"
check all "$OUT/all.html" extracted corpus

browse "$URL#population=it&render=all" --virtual-time-budget=5000 --dump-dom >"$OUT/it.html"
check filter "$OUT/it.html" extracted it

browse "$URL" --dump-dom >"$OUT/lazy.html"
check lazy "$OUT/lazy.html" extracted

# Markup, ampersands and quotes in an article and in its file name.
mkdir -p "$WORK/esc/corpus"
cat >"$WORK/esc/corpus/a&b \"q\" <x>.txt" <<'ARTICLE'
Title </script><script>document.title="pwned"</script> <b>bold</b> & 'single' "double" &amp;

In the survey, 35% of CIOs said <i>budgets</i> & "plans" grew, while 62% of CMOs disagreed.
ARTICLE
"$BIN" extract "$WORK/esc/corpus" -o "$WORK/esc/out" --quiet
"$BIN" report "$WORK/esc/out" --corpus "$WORK/esc/corpus" -o "$WORK/esc/report.html"
browse "$(uri "$WORK/esc/report.html")#render=all" --virtual-time-budget=5000 --dump-dom >"$OUT/escape.html"
check all "$OUT/escape.html" "$WORK/esc/out" "$WORK/esc/corpus"

# Overlapping spans (hand-made: the rules do not produce them): marks nest,
# underlines split, and every mark and underline still spells its claim.
python3 tests/browser/overlap.py "$WORK/overlap"
"$BIN" report "$WORK/overlap/dataset" --corpus "$WORK/overlap/corpus" -o "$OUT/overlap.html"
browse "$(uri "$OUT/overlap.html")#render=all" --virtual-time-budget=5000 --dump-dom >"$OUT/overlap-dom.html"
check all "$OUT/overlap-dom.html" "$WORK/overlap/dataset" "$WORK/overlap/corpus"

# For people to look at: the sidebar, an article and the panel of a selected `it` claim.
CLAIM="$(python3 -c 'import json, sys; print(next(c["id"] for c in map(json.loads, open(sys.argv[1])) if c["population"] == "it"))' extracted/claims.jsonl)"
browse "$URL#claim=$CLAIM" --window-size=1400,1000 --screenshot="$TARGET/report.png" >/dev/null
test "$(stat -c %s "$TARGET/report.png")" -gt 20000 || { echo "screenshot $TARGET/report.png looks blank" >&2; exit 1; }
echo "ok: screenshot in $TARGET/report.png"
