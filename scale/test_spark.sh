#!/usr/bin/env bash
# Runs scale/spark_extract.py in Spark local mode and checks that its claims
# are exactly those of `claimscan extract` over the same articles:
#   1. corpus/ (a folder of articles);
#   2. a folder of awkward files: nested folders, a name with a space and an
#      accent, invalid UTF-8, a BOM, and UTF-16 and binary files (refused);
#   3. corpus/ as a JSONL file with a blank line and two bad lines;
#   4. the BBC corpus (2,225 articles).
# Needs Java 17+ and PyPI (first run only: pyspark goes into a virtual
# environment cached in ${XDG_CACHE_HOME:-$HOME/.cache}/claimscan/spark-venv).
# Fails, never skips, when either is missing.
#
# Environment: CLAIMSCAN_BBC_CORPUS (default ../shared/corpora/bbc-news-2004-2005),
# CARGO_TARGET_DIR (default: a cached target folder beside the venv, so that
# repeated runs do not rebuild the release binary from scratch).
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "test_spark: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

started=$(now)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/claimscan"
venv="$cache/spark-venv"
pyspark_spec="pyspark==4.3.0"
bbc="${CLAIMSCAN_BBC_CORPUS:-../shared/corpora/bbc-news-2004-2005}"

# Java 17 or later.
if [ -z "${JAVA_HOME:-}" ]; then
    java_bin=$(command -v java) || die "java not found: Spark needs Java 17 or later (apt-get install openjdk-17-jre-headless)"
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$java_bin")")")
    export JAVA_HOME
fi
[ -x "$JAVA_HOME/bin/java" ] || die "no java in JAVA_HOME=$JAVA_HOME"
java_major=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -nE '1s/.*version "([0-9]+).*/\1/p')
[ "${java_major:-0}" -ge 17 ] || die "Spark 4 needs Java 17 or later, found: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"

# pyspark in a cached virtual environment.
t=$(now)
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '${pyspark_spec#pyspark==}')" 2>/dev/null; then
    echo "test_spark: installing $pyspark_spec into $venv" >&2
    mkdir -p "$cache"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || die "cannot create a virtual environment in $venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$pyspark_spec" \
        || die "cannot install $pyspark_spec with pip"
fi
echo "test_spark: pyspark ready in $(since "$t")s" >&2
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_LOCAL_IP=127.0.0.1

# The release binary.
t=$(now)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$cache/spark-target}"
cargo build --release --quiet
claimscan="$CARGO_TARGET_DIR/release/claimscan"
echo "test_spark: release binary built in $(since "$t")s" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

reference() { # CORPUS OUT: claimscan extract; 1 (some articles refused) is expected for the awkward files
    "$claimscan" extract "$1" -o "$2" --quiet 2>/dev/null || [ $? -eq 1 ] || die "claimscan extract $1 failed"
}

spark() { # NAME ARGS...: runs the job, prints its time
    local name=$1 t
    shift
    t=$(now)
    "$venv/bin/python" scale/spark_extract.py --binary "$claimscan" --out "$tmp/$name" \
        --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false "$@" \
        2> "$tmp/$name.log" || { tail -50 "$tmp/$name.log" >&2; die "spark_extract.py $* failed"; }
    grep '^spark_extract:' "$tmp/$name.log" >&2 || true
    echo "test_spark: $name: job took $(since "$t")s" >&2
}

# 1. corpus/
reference corpus "$tmp/ref-corpus"
spark corpus --corpus corpus --partitions 2
"$venv/bin/python" scale/check_claims.py "$tmp/corpus" "$tmp/ref-corpus"

# 2. Awkward files.
fx="$tmp/articles-awkward"
mkdir -p "$fx/news/deep"
cp corpus/*.txt "$fx/news/"
cp tests/data/dev/corpus/01_*.txt "$fx/news/deep/with space é.txt"
printf 'Caf\xe9: 45%% of CIOs agreed, \xff\xfe and 30%% of CMOs did.\n' > "$fx/bad-utf8.txt"
printf '\xef\xbb\xbfIn the poll, 45%% of CMOs agreed.\n' > "$fx/bom.txt"
printf '\xff\xfe4\x005\x00%%\x00' > "$fx/utf16.txt"
printf 'Some 50%% of CIOs \x00' > "$fx/binary.txt"
printf 'Some 50%% of CIOs, not an article.' > "$fx/notes.md"
reference "$fx" "$tmp/ref-awkward"
spark awkward --corpus "$fx" --partitions 3
"$venv/bin/python" scale/check_claims.py "$tmp/awkward" "$tmp/ref-awkward"

# 3. corpus/ as JSONL, ids the file names, with bad lines (lines 3 and 5: not
# JSON, no text; line 4 is blank and skipped).
"$venv/bin/python" - corpus "$tmp/corpus.jsonl" <<'EOF'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
lines = [json.dumps({"name": n, "body": open(os.path.join(corpus, n), encoding="utf-8").read()},
                    ensure_ascii=False) for n in names]
lines[2:2] = ["this is not JSON", "", json.dumps({"name": "no-body"})]
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
EOF
spark jsonl --jsonl "$tmp/corpus.jsonl" --id-field name --text-field body --partitions 2
"$venv/bin/python" scale/check_claims.py "$tmp/jsonl" "$tmp/ref-corpus" --errors-at-lines 3,5

# 4. The BBC corpus.
[ -d "$bbc" ] || die "no BBC corpus at $bbc (set CLAIMSCAN_BBC_CORPUS)"
t=$(now)
reference "$bbc" "$tmp/ref-bbc"
echo "test_spark: bbc: claimscan extract took $(since "$t")s" >&2
spark bbc --corpus "$bbc" --partitions 4
"$venv/bin/python" scale/check_claims.py "$tmp/bbc" "$tmp/ref-bbc"

echo "test_spark: all 4 Spark outputs match claimscan extract in $(since "$started")s" >&2
echo "test_spark: 4 passed, 0 failed"
