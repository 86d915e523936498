#!/usr/bin/env python3
"""Writes a hand-made dataset whose spans overlap, for tests/browser/run.sh.

OUT/corpus/overlap.txt and OUT/dataset/{claims.jsonl,manifest.json}, where
(with an emoji before the figures, so UTF-16, code points and bytes differ):

- a subject runs across another claim's expression ("... 35% of CIOs and 6"
  ends inside "62%");
- two subjects overlap without one holding the other;
- expressions lie inside others ("5%" inside "35%" inside "35% of CIOs
  and 62%").

claimscan's rules do not produce these today; a report must still nest
its marks and split its underlines so every mark's text is its claim's.
"""

import hashlib
import json
import sys
from pathlib import Path

TEXT = "Caf\u00e9 \U0001F680 note: budgets of 35% of CIOs and 62% of CMOs grew, up 5% on <last> year.\n"


def byte(cp):
    return len(TEXT[:cp].encode("utf-8"))


def phrase(start, end):
    return {"text": TEXT[start:end], "start": byte(start), "end": byte(end)}


def claim(n, expr, subject, population, after=""):
    s = TEXT.index(after + expr) + len(after)
    e = s + len(expr)
    ss, se = subject
    return {
        "id": f"c-overlap{n}", "article": "overlap.txt", "start": byte(s), "end": byte(e),
        "text": TEXT[s:e], "char_start": s, "char_end": e, "line": 1, "column": s + 1,
        "value": 35.0, "bound": "exact", "kind": "percent", "population": population,
        "population_phrase": None, "subject": phrase(ss, se),
        "sentence": {"start": 0, "end": byte(len(TEXT) - 1)}, "evidence": "hand-made overlap",
    }


def main(out):
    out = Path(out)
    (out / "corpus").mkdir(parents=True, exist_ok=True)
    (out / "dataset").mkdir(parents=True, exist_ok=True)
    data = TEXT.encode("utf-8")
    (out / "corpus" / "overlap.txt").write_bytes(data)
    b0 = TEXT.index("budgets")
    s62 = TEXT.index("62%")
    claims = [
        # subject "budgets of 35% of CIOs and 6": crosses into the expression "62%"
        claim(1, "35%", (b0, s62 + 1), "it"),
        # expression holding two others; subject overlaps claim 1's partly
        claim(2, "35% of CIOs and 62%", (TEXT.index("of CIOs"), TEXT.index(" grew")), "both"),
        claim(3, "62%", (TEXT.index("of CMOs"), TEXT.index(", up")), "marketing"),
        claim(4, "5%", (TEXT.index("<last>"), TEXT.index(" year")), "unknown", after="up "),
        # an expression inside one inside another: "5%" of "35%" of claim 2's
        claim(5, "5%", (TEXT.index("CIOs"), TEXT.index(" and")), "it"),
    ]
    claims.sort(key=lambda c: (c["start"], c["end"]))
    with open(out / "dataset" / "claims.jsonl", "w", encoding="utf-8") as f:
        for c in claims:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    manifest = {
        "schema_version": "1.0", "tool_version": "0.1.0", "corpus": str(out / "corpus"),
        "claims": len(claims),
        "articles": [{"path": "overlap.txt", "bytes": len(data),
                      "sha256": hashlib.sha256(data).hexdigest(), "claims": len(claims),
                      "status": "ok"}],
    }
    (out / "dataset" / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
