#!/usr/bin/env bash
# Browser test of `claimscan report`: builds the binary, writes the report of
# extracted/ (corpus corpus/), loads it in headless Chromium driven over the
# DevTools protocol (tests/browser/cdp.py) and checks the page after its
# script ran (tests/browser/check.py):
#   1. #render=all: every claim of extracted/claims.jsonl is highlighted once,
#      with its exact text and population; each article's rendered text is
#      exactly its file;
#   2. #population=it: the visible claims are exactly the `it` ones;
#   3. no hash: the overview is drawn at once, no article is rendered until
#      the articles view is asked for (timings printed);
#   4. the gap table lists exactly the pairs of `claimscan stats --json`,
#      and the chart draws one bar pair per gap;
#   5. the claims table, filtered and sorted from the hash, holds exactly
#      the claims that match, in order;
#   6. a mouse click on a row of the claims table shows its claim selected
#      and in view in its article;
#   7. a corpus with markup, `&` and quotes in an article and its file name:
#      rendered as text, no element injected, no script run;
#   8. a web page: its claims are the article's 4 (none from its menu, sidebar
#      or script), and its stored article text is rendered with them;
#   9. a hand-made dataset with overlapping spans (tests/browser/overlap.py):
#      marks nest, subjects split, each still spells its claim's text;
# and writes screenshots of the three views for people to look at:
# $TARGET/report-overview.png, $TARGET/report-claims.png and
# $TARGET/report.png (the articles view with a selected claim).
# Needs chromium (Debian: apt-get install -y chromium) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET="${CARGO_TARGET_DIR:-target}"
CHROMIUM="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then
    echo "tests/browser/run.sh: chromium is required (apt-get install -y chromium)" >&2
    exit 1
fi
export CHROMIUM
cargo build --quiet
BIN="$TARGET/debug/claimscan"
OUT="$TARGET/browser"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

uri() { python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$1"; }
check() { python3 tests/browser/check.py "$@"; }

"$BIN" report extracted --corpus corpus -o "$OUT/report.html"
URL="$(uri "$OUT/report.html")"

DOM_OUT="$OUT/all.html" check all "$URL#render=all" extracted corpus
DOM_OUT="$OUT/it.html" check filter "$URL#population=it&render=all" extracted it
check lazy "$URL" extracted

"$BIN" stats extracted --json >"$OUT/stats.json"
check gaps "$URL" extracted "$OUT/stats.json"
check table "$URL#view=claims&population=marketing,it&role=finding&bound=exact&q=the&sort=-value&render=all" extracted
check click "$URL#view=claims" extracted "$TARGET/report-click.png"

# Markup, ampersands and quotes in an article and in its file name.
mkdir -p "$WORK/esc/corpus"
cat >"$WORK/esc/corpus/a&b \"q\" <x>.txt" <<'ARTICLE'
Title </script><script>document.title="pwned"</script> <b>bold</b> & 'single' "double" &amp;

In the survey, 35% of CIOs said <i>budgets</i> & "plans" grew, while 62% of CMOs disagreed.
ARTICLE
"$BIN" extract "$WORK/esc/corpus" -o "$WORK/esc/out" --quiet
"$BIN" report "$WORK/esc/out" --corpus "$WORK/esc/corpus" -o "$WORK/esc/report.html"
DOM_OUT="$OUT/escape.html" check all "$(uri "$WORK/esc/report.html")#render=all" "$WORK/esc/out" "$WORK/esc/corpus"

# Web pages: the report shows each page's stored article text, not its
# markup, with every claim highlighted there.
mkdir -p "$WORK/pages/corpus"
cat >"$WORK/pages/corpus/news.html" <<'PAGE'
<!DOCTYPE html><html><head><title>Survey</title><style>.w{width:50%}</style>
<script>var share = "99%";</script></head><body>
<nav><a href="/">Home</a> <a href="/m">Markets: 12% of CIOs</a></nav>
<article><h1>CMOs and CIOs split on AI</h1>
<p>In the survey, <b>35</b>&#37; of CIOs said budgets grew, while 62&nbsp;% of CMOs disagreed.</p>
<ul><li>Of the CMOs, 41% plan to hire.</li><li>Of the CIOs, 20% do.</li></ul></article>
<aside>Related: 77% of readers</aside><footer>&copy; 2026</footer></body></html>
PAGE
"$BIN" extract "$WORK/pages/corpus" -o "$WORK/pages/out" --quiet
python3 - "$WORK/pages/out/claims.jsonl" <<'CLAIMS'
import json, sys
got = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
want = ["35%", "62\u00a0%", "41%", "20%"]
assert got == want, f"the page's claims are {got}, not {want} (furniture read as text?)"
CLAIMS
"$BIN" report "$WORK/pages/out" --corpus "$WORK/pages/corpus" -o "$OUT/pages.html"
DOM_OUT="$OUT/pages-dom.html" check all "$(uri "$OUT/pages.html")#render=all" "$WORK/pages/out" "$WORK/pages/corpus"

# Overlapping spans (hand-made: the rules do not produce them): marks nest,
# underlines split, and every mark and underline still spells its claim.
python3 tests/browser/overlap.py "$WORK/overlap"
"$BIN" report "$WORK/overlap/dataset" --corpus "$WORK/overlap/corpus" -o "$OUT/overlap.html"
DOM_OUT="$OUT/overlap-dom.html" check all "$(uri "$OUT/overlap.html")#render=all" "$WORK/overlap/dataset" "$WORK/overlap/corpus"

# For people to look at: the overview, the claims table, and an article with
# a selected `it` claim that is paired with a marketing one.
CLAIM="$(python3 -c 'import json, sys; print(next(c["id"] for c in map(json.loads, open(sys.argv[1])) if c["population"] == "it" and c.get("pair")))' extracted/claims.jsonl)"
check shot "$URL" "$TARGET/report-overview.png"
check shot "$URL#view=claims" "$TARGET/report-claims.png"
check shot "$URL#claim=$CLAIM" "$TARGET/report.png"
