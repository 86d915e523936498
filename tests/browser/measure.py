#!/usr/bin/env python3
"""Times a `claimscan report` page in headless Chromium (tests/browser/measure.sh).

    measure.py REPORT.html RUNS

For each view (overview, claims, articles), RUNS loads in a fresh browser,
each at 1600x1000: the page's own marks, in ms after navigation start
(performance.now()): `first` when the view asked for is drawn, `ready`
when the index is read and the view complete; and the browser's first
contentful paint and load event.
"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cdp import Browser  # noqa: E402
import os  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "chromium")


def main(report, runs):
    url = Path(report).resolve().as_uri()
    for view in ("overview", "claims", "articles"):
        rows = []
        for _ in range(int(runs)):
            with Browser(CHROMIUM) as b:
                b.open(url + ("" if view == "overview" else "#view=" + view))
                b.wait("document.body.dataset.ready || document.body.dataset.error", 300)
                rows.append(b.eval("""(function () {
                    var p = performance.getEntriesByName("first-contentful-paint")[0];
                    var n = performance.getEntriesByType("navigation")[0];
                    return [+document.body.dataset.firstRender, +document.body.dataset.ready,
                            p ? p.startTime : null, n ? n.loadEventStart : null];
                })()"""))
        def median(k):
            values = [r[k] for r in rows if r[k] is not None]
            return f"{statistics.median(values):7.0f} ms" if values else "      - ms"
        print(f"{view:9} first {median(0)}  ready {median(1)}  first paint {median(2)}  "
              f"load {median(3)}  (median of {runs}; first {', '.join(f'{r[0]:.0f}' for r in rows)})")


if __name__ == "__main__":
    main(*sys.argv[1:])
