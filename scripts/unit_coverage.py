#!/usr/bin/env python3
"""Share of percent units in a corpus that fall inside a claim.

    scripts/unit_coverage.py CORPUS CLAIMS.jsonl [--misses N] [--seed S]

CORPUS is the folder the claims were extracted from (article paths in the
claims are relative to it; links are followed). Every occurrence of `%`,
`pct`, `percent` or `per cent` (any case; `per-cent`, `percent.` too) in its
`*.txt` files is counted, except percentage points and basis points: a unit
followed by `point(s)`/`pts`, and `%` glued to two hex digits or a letter (a
URL escape such as `%20`, not prose). An occurrence is covered when it lies
inside the span of a claim of its article. Prints the counts per top-level
folder and in all; `--misses N` prints N random uncovered occurrences in
their context, to see what detection still misses.
"""

import argparse
import json
import os
import random
import re
import sys
from collections import defaultdict

UNIT = re.compile(rb"%|\b(?:pct|percent|per[ -]?cent)\b", re.I)
POINTS = re.compile(rb"\s*(?:points?|pts?)\b", re.I)


def occurrences(data):
    """Byte offsets (start, end) of the units in `data` that are counted."""
    for m in UNIT.finditer(data):
        s, e = m.span()
        after = data[e : e + 12]
        if POINTS.match(after):
            continue
        if data[s : s + 1] == b"%" and (
            re.match(rb"[0-9A-Fa-f]{2}", after) or re.match(rb"[A-Za-z]", after)
        ):
            continue
        yield s, e


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("claims")
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    spans = defaultdict(list)
    with open(args.claims, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            spans[c["article"]].append((c["start"], c["end"]))

    total, covered = defaultdict(int), defaultdict(int)
    misses = []
    for root, dirs, files in os.walk(args.corpus, followlinks=True):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, args.corpus).replace(os.sep, "/")
            top = rel.split("/")[0] if "/" in rel else "."
            with open(path, "rb") as fh:
                data = fh.read()
            claims = spans.get(rel, [])
            for s, e in occurrences(data):
                total[top] += 1
                if any(cs <= s and e <= ce for cs, ce in claims):
                    covered[top] += 1
                else:
                    misses.append((rel, s, data))
    for top in sorted(total):
        print(f"{top}\t{covered[top]}/{total[top]}\t{covered[top] / total[top]:.4f}")
    t, c = sum(total.values()), sum(covered.values())
    print(f"all\t{c}/{t}\t{c / t:.4f}" if t else "all\t0/0")
    if args.misses:
        rnd = random.Random(args.seed)
        for rel, s, data in rnd.sample(misses, min(args.misses, len(misses))):
            ctx = data[max(0, s - 60) : s + 30].decode("utf-8", "replace")
            print(f"{rel}:{s}\t{ctx!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
