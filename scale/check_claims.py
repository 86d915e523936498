#!/usr/bin/env python3
"""Checks a spark_extract.py output against a `claimscan extract` dataset.

    python scale/check_claims.py SPARK_OUT EXTRACTED [--errors-at-lines N,M]

Passes when the Spark claims are exactly the records of EXTRACTED/claims.jsonl
(full records, every field, and the same bytes in the same order when the
job sorted them) and the Spark error records are exactly: one per article
that extract refused (status other than ok in the manifest), plus, for JSONL
input, one per line listed in --errors-at-lines. Prints one line and exits 0,
or names the first differences and exits 1.
"""

import argparse
import glob
import json
import os
import sys
from collections import Counter


def part_lines(folder):
    """The lines of a Spark output folder's part files, in part order."""
    parts = sorted(glob.glob(os.path.join(folder, "part-*")))
    if not parts:
        sys.exit(f"check_claims: no part files in {folder}")
    lines = []
    for p in parts:
        with open(p, encoding="utf-8") as f:
            lines.extend(line.rstrip("\n") for line in f if line.strip())
    return lines


def main():
    p = argparse.ArgumentParser()
    p.add_argument("spark_out")
    p.add_argument("extracted")
    p.add_argument("--errors-at-lines", default="",
                   help="comma-separated JSONL line numbers expected to give error records")
    args = p.parse_args()

    got = part_lines(os.path.join(args.spark_out, "claims"))
    with open(os.path.join(args.extracted, "claims.jsonl"), encoding="utf-8") as f:
        want = [line.rstrip("\n") for line in f if line.strip()]
    with open(os.path.join(args.extracted, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    problems = []

    got_records = Counter(json.dumps(json.loads(line), sort_keys=True) for line in got)
    want_records = Counter(json.dumps(json.loads(line), sort_keys=True) for line in want)
    for record, n in (want_records - got_records).items():
        problems.append(f"missing from Spark ({n}x): {record[:300]}")
    for record, n in (got_records - want_records).items():
        problems.append(f"only in Spark ({n}x): {record[:300]}")
    if not problems and got != want:
        problems.append("same records, but not the same bytes in the same order")

    errors = [json.loads(line) for line in part_lines(os.path.join(args.spark_out, "errors"))]
    refused = sorted(a["path"] for a in manifest["articles"] if a["status"] != "ok")
    got_refused = sorted(e["article"] for e in errors if "line" not in e)
    if got_refused != refused:
        problems.append(f"refused articles: Spark {got_refused}, extract {refused}")
    lines = sorted(int(n) for n in args.errors_at_lines.split(",") if n)
    got_lines = sorted(e["line"] for e in errors if "line" in e)
    if got_lines != lines:
        problems.append(f"error records at lines {got_lines}, expected {lines}")

    if problems:
        for line in problems[:20]:
            print(f"check_claims: {line}", file=sys.stderr)
        print(f"check_claims: FAILED ({len(problems)} problems): {args.spark_out} "
              f"differs from {args.extracted}", file=sys.stderr)
        sys.exit(1)
    print(f"check_claims: ok: {len(got)} claims identical to {args.extracted}/claims.jsonl, "
          f"{len(errors)} error records as expected")


if __name__ == "__main__":
    main()
