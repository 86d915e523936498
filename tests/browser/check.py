#!/usr/bin/env python3
"""Checks a `claimscan report` page in headless Chromium (through tests/browser/cdp.py).

Standard library only. Each mode loads URL (a file URL with a hash), waits
until the page's script says it is ready (`data-ready` on <body>), and
checks the document then:

  check.py all URL DATASET CORPUS
      (URL with render=all) every claim of DATASET/claims.jsonl is
      highlighted exactly once, by a <mark class="claim"> whose data-id,
      data-population and text are the claim's; the underlined pieces naming
      a claim spell its subject and its population phrase; each article's
      rendered text is exactly its file, or for an HTML page the article
      text the dataset stores (`text_file`) (so no text is lost, doubled or
      turned into markup, and overlapping spans nest); each section's path
      is the manifest's; no markup from an article became an element, no
      article script ran.
  check.py filter URL DATASET POPULATION
      the visible claims (marks without class "off") are exactly those of
      POPULATION, and exactly the articles with such a claim are shown.
  check.py lazy URL DATASET
      without render=all the overview is drawn at once (data-first-render)
      and no article is rendered; in the articles view the first articles
      are rendered, and not every one of a long corpus; prints the timings.
  check.py gaps URL DATASET STATS_JSON
      the overview's gap table lists exactly the pairs of `claimscan stats
      --json` (marketing and IT claim ids, in order, with their figures),
      and the chart draws one bar pair per gap, each bar as long as its figure.
  check.py table URL DATASET
      the claims table, filtered by population, role, bound, status and a
      search (given in URL's hash, with render=all and a sort), holds
      exactly the claims that match, in the order of the sort.
  check.py click URL DATASET SHOT
      in the claims view (rows drawn only on screen), a mouse click on the
      row of the dataset's last claim shows the articles view with that
      claim selected and in view; writes a screenshot to SHOT.
  check.py shot URL SHOT [WIDTH HEIGHT]
      a screenshot of URL once ready, for people to look at.
"""

import json
import os
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cdp import Browser  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "chromium")


def opened(url, width=1600, height=1000):
    """A browser with URL loaded and its page ready."""
    b = Browser(CHROMIUM).__enter__()
    b.open(url, width, height)
    b.wait("document.body.dataset.ready || document.body.dataset.error")
    error = b.eval("document.body.dataset.error")
    if error:
        b.__exit__(None, None, None)
        fail([f"the page could not be read: {error}"])
    return b


def dom_of(url):
    """The document of URL once ready, parsed."""
    b = opened(url)
    try:
        html = b.eval("document.documentElement.outerHTML")
    finally:
        b.__exit__(None, None, None)
    out = os.environ.get("DOM_OUT")
    if out:
        Path(out).write_text(html, encoding="utf-8")
    dom = Dom()
    dom.feed(html)
    dom.close()
    return dom

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children = []
        self.text = []  # text inside, for the nodes we read (see Dom.wanted)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def inside(self, pred):
        n = self.parent
        while n is not None:
            if pred(n):
                return True
            n = n.parent
        return False


class Dom(HTMLParser):
    """Elements as a tree, with the text of marks, text boxes and titles collected."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.stack = [self.root]
        self.all = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.stack[-1])
        self.stack[-1].children.append(node)
        self.all.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        in_unplaced = False
        for n in self.stack:
            if n.tag == "ul" and "unplaced" in n.classes():
                in_unplaced = True
        for n in self.stack:
            if n.tag in ("mark", "title", "h2") or n.tag == "span" and {"path", "ul"} & set(n.classes()):
                n.text.append(data)
            elif n.tag == "div" and "text" in n.classes() and not in_unplaced:
                n.text.append(data)

    def find(self, pred):
        return [n for n in self.all if pred(n)]


def dataset(path):
    path = Path(path)
    claims = [json.loads(line) for line in (path / "claims.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    return claims, [a["path"] for a in manifest["articles"]]


def read_article(path):
    """The text as claimscan decodes it: each invalid UTF-8 byte is U+001A."""
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    return "".join("\x1a" if "\udc80" <= ch <= "\udcff" else ch for ch in text)


def claim_marks(dom):
    main = [n for n in dom.find(lambda n: n.tag == "main")]
    assert len(main) == 1, "the page has one <main>"
    return dom.find(lambda n: n.tag == "mark" and "claim" in n.classes() and "data-id" in n.attrs)


def sections(dom):
    return dom.find(lambda n: n.tag == "section" and "article" in n.classes())


def fail(errors):
    for e in errors[:20]:
        print("FAIL:", e, file=sys.stderr)
    if len(errors) > 20:
        print(f"FAIL: ... and {len(errors) - 20} more", file=sys.stderr)
    sys.exit(1)


def check_all(url, dataset_path, corpus):
    dom = dom_of(url)
    claims, paths = dataset(dataset_path)
    manifest = json.loads((Path(dataset_path) / "manifest.json").read_text(encoding="utf-8"))
    text_files = {a["path"]: a["text_file"] for a in manifest["articles"] if a.get("text_file")}
    errors = []
    marks = {}
    for m in claim_marks(dom):
        marks.setdefault(m.attrs["data-id"], []).append(m)
    for c in claims:
        found = marks.get(c["id"], [])
        if len(found) != 1:
            errors.append(f"claim {c['id']} ({c['article']}) has {len(found)} marks, not 1")
            continue
        m = found[0]
        text = "".join(m.text)
        if text != c["text"]:
            errors.append(f"claim {c['id']}: mark text {text!r} is not {c['text']!r}")
        if m.attrs.get("data-population") != c["population"]:
            errors.append(f"claim {c['id']}: data-population {m.attrs.get('data-population')!r}")
        if "data-clipped" in m.attrs:
            errors.append(f"claim {c['id']}: mark clipped")
    # Underlines: the pieces naming a claim spell its subject (population phrase).
    pieces = {}
    for n in dom.find(lambda n: n.tag == "span" and "ul" in n.classes()):
        for key, attr in (("subject", "data-subj"), ("population_phrase", "data-pp")):
            for cid in (n.attrs.get(attr) or "").split():
                pieces.setdefault((key, cid), []).append("".join(n.text))
    for c in claims:
        for key in ("subject", "population_phrase"):
            want = (c.get(key) or {}).get("text") or ""
            got = "".join(pieces.get((key, c["id"]), []))
            if got != want:
                errors.append(f"claim {c['id']}: {key} underlined {got!r}, not {want!r}")
    extra = set(marks) - {c["id"] for c in claims}
    if extra:
        errors.append(f"marks of unknown claims: {sorted(extra)[:5]}")
    secs = sections(dom)
    if len(secs) != len(paths):
        errors.append(f"{len(secs)} sections for {len(paths)} articles")
    for sec, path in zip(secs, paths):
        shown = "".join(next((n.text for n in dom.all if n.tag == "span" and "path" in n.classes()
                              and n.parent.parent is sec), []))
        if shown != path:
            errors.append(f"section path {shown!r} is not {path!r}")
        box = [n for n in sec.children if n.tag == "div" and "text" in n.classes()]
        # A page's claims refer to its article text, stored in the dataset.
        stored = text_files.get(path)
        want = read_article(Path(dataset_path) / stored if stored else Path(corpus) / path)
        got = "".join(box[0].text) if box else None
        if got != want:
            errors.append(f"article {path}: rendered text differs from the file "
                          f"({len(got or '')} vs {len(want)} characters)")
    for n in dom.all:
        if n.inside(lambda p: p.tag == "div" and "text" in p.classes()):
            if n.tag not in ("mark", "span", "ul", "li"):
                errors.append(f"<{n.tag}> element inside an article's text")
    title = "".join(next(n.text for n in dom.all if n.tag == "title"))
    if not title.startswith("claimscan report"):
        errors.append(f"document title changed to {title!r}: an article's script ran")
    if errors:
        fail(errors)
    print(f"ok: {len(claims)} claims highlighted with their exact text in {len(paths)} "
          f"article{'' if len(paths) == 1 else 's'}")


def check_filter(url, dataset_path, population):
    dom = dom_of(url)
    claims, paths = dataset(dataset_path)
    want = {c["id"] for c in claims if c["population"] == population}
    visible = {m.attrs["data-id"] for m in claim_marks(dom) if "off" not in m.classes()}
    errors = []
    if visible != want:
        errors.append(f"visible claims differ from the {population!r} ones: "
                      f"{len(visible - want)} extra, {len(want - visible)} missing")
    with_claims = {c["article"] for c in claims if c["population"] == population}
    for sec, path in zip(sections(dom), paths):
        hidden = "hidden" in sec.attrs
        if hidden == (path in with_claims):
            errors.append(f"article {path} is {'hidden' if hidden else 'shown'}")
    if not want:
        errors.append(f"no {population!r} claim in the dataset: the check checks nothing")
    if errors:
        fail(errors)
    print(f"ok: #population={population} shows exactly its {len(want)} claims "
          f"in {len(with_claims)} articles")


def check_lazy(url, dataset_path):
    _, paths = dataset(dataset_path)
    b = opened(url)
    try:
        first = b.eval("document.body.dataset.firstRender")
        ready = b.eval("document.body.dataset.ready")
        state = b.eval("""[!document.getElementById("v-overview").hidden,
            document.querySelectorAll("#gap-table tbody tr").length,
            document.querySelectorAll(".text[data-rendered]").length]""")
        b.eval("location.hash = 'view=articles'")
        b.wait("document.querySelectorAll('.text[data-rendered]').length > 0", 60)
        rendered = b.eval("document.querySelectorAll('.text[data-rendered]').length")
    finally:
        b.__exit__(None, None, None)
    errors = []
    if first is None:
        errors.append("data-first-render is not set: the page script did not finish")
    if not state[0] or not state[1]:
        errors.append(f"the overview is not shown at first: {state}")
    if state[2]:
        errors.append(f"{state[2]} articles rendered before the articles view was asked for")
    if len(paths) > 50 and rendered >= len(paths):
        errors.append(f"every one of {len(paths)} articles rendered at once")
    if errors:
        fail(errors)
    print(f"ok: overview drawn {first} ms after navigation start (index read at {ready} ms); "
          f"then {rendered} of {len(paths)} articles rendered in the articles view")


def check_gaps(url, dataset_path, stats_path):
    stats = json.loads(Path(stats_path).read_text(encoding="utf-8"))
    first, second = stats["populations"]
    want = [[g[first + "_id"], g[second + "_id"], g[first], g[second]] for g in stats["gaps"]]
    b = opened(url)
    try:
        rows = b.eval("""Array.from(document.querySelectorAll("#gap-table tr.gap"), function (tr) {
            return [tr.dataset.firstId, tr.dataset.secondId, +tr.cells[1].textContent, +tr.cells[2].textContent];
        })""")
        bars = b.eval("""Array.from(document.querySelectorAll("#gap-chart g.pair"), function (g) {
            var m = g.querySelectorAll("rect.bar.m"), i = g.querySelectorAll("rect.bar.i");
            return [g.dataset.firstId, g.dataset.secondId, m.length, i.length,
                    m.length ? +m[0].dataset.value : null, i.length ? +i[0].dataset.value : null,
                    m.length ? m[0].width.baseVal.value : null, i.length ? i[0].width.baseVal.value : null];
        })""")
    finally:
        b.__exit__(None, None, None)
    errors = []
    if [r[:2] for r in rows] != [w[:2] for w in want]:
        errors.append(f"gap table rows {[r[:2] for r in rows]} are not stats --json's {[w[:2] for w in want]}")
    for r, w in zip(rows, want):
        if abs(r[2] - w[2]) > 0.051 or abs(r[3] - w[3]) > 0.051:
            errors.append(f"gap {w[:2]}: table shows {r[2:]}, stats {w[2:]}")
    if len(bars) != len(want):
        errors.append(f"{len(bars)} bar pairs in the chart for {len(want)} gaps")
    for bar, w in zip(bars, want):
        if bar[:4] != [w[0], w[1], 1, 1]:
            errors.append(f"bar pair {bar[:4]} for gap {w[:2]}: one marketing and one IT bar expected")
        elif bar[4] != w[2] or bar[5] != w[3]:
            errors.append(f"bar pair for gap {w[:2]}: values {bar[4:6]}, not {w[2:]}")
        elif w[2] > w[3] and not bar[6] > bar[7] or w[2] < w[3] and not bar[6] < bar[7]:
            errors.append(f"bar pair for gap {w[:2]}: widths {bar[6:]} do not follow {w[2:]}")
    if not want:
        errors.append("stats --json lists no gap: the check checks nothing")
    if errors:
        fail(errors)
    print(f"ok: the gap table lists the {len(want)} pairs of stats --json, the chart a bar pair for each")


def hash_params(url):
    frag = url.split("#", 1)[1] if "#" in url else ""
    from urllib.parse import unquote
    return {unquote(k): unquote(v) for k, _, v in (kv.partition("=") for kv in frag.split("&") if kv)}


def check_table(url, dataset_path):
    claims, paths = dataset(dataset_path)
    h = hash_params(url)
    def allowed(key, value):
        return key not in h or value in h[key].split(",")
    q = h.get("q", "").lower()
    def matches(c):
        hay = "\n".join([c["text"], (c.get("subject") or {}).get("text") or "", c["evidence"],
                          c["article"]]).lower()
        return (allowed("population", c["population"]) and allowed("role", c["role"])
                and allowed("bound", c["bound"]) and allowed("status", "verified")
                and (not q or q in hay))
    want = [c for c in claims if matches(c)]
    sort = h.get("sort", "")
    if sort.lstrip("-") == "value":
        order = {c["id"]: k for k, c in enumerate(claims)}
        want.sort(key=lambda c: (c["value"], order[c["id"]]), reverse=sort.startswith("-"))
    b = opened(url)
    try:
        got = b.eval('Array.from(document.querySelectorAll("#crows .crow"), function (r) { return r.dataset.id; })')
        shown = b.eval('document.getElementById("shown").textContent')
    finally:
        b.__exit__(None, None, None)
    errors = []
    if got != [c["id"] for c in want]:
        extra = set(got) - {c["id"] for c in want}
        missing = {c["id"] for c in want} - set(got)
        errors.append(f"table rows differ from the claims that match {h}: {len(extra)} extra, "
                      f"{len(missing)} missing" + ("" if extra or missing else ", out of order"))
    if not want or len(want) == len(claims):
        errors.append(f"{len(want)} of {len(claims)} claims match {h}: the check checks nothing")
    if errors:
        fail(errors)
    print(f"ok: the claims table filtered by {h} holds exactly its {len(want)} claims ({shown})")


def check_click(url, dataset_path, shot):
    claims, _ = dataset(dataset_path)
    target = claims[-1]["id"]
    b = opened(url)
    try:
        # Scroll the table until the row is drawn, then click its middle as a user would.
        b.eval('document.getElementById("cscroll").scrollTop = 1e9')
        box = b.wait("""(function () {
            var r = document.querySelector('#crows .crow[data-id="%s"]');
            if (!r) return null;
            var c = r.querySelector(".c-subject").getBoundingClientRect();
            return c.height ? [c.left + c.width / 2, c.top + c.height / 2] : null;
        })()""" % target, 20)
        b.click(box[0], box[1])
        b.wait('document.body.dataset.shown === "%s"' % target, 60)
        seen = b.eval("""(function () {
            var m = document.querySelector('#main mark.claim.sel'), v = document.getElementById("main");
            if (!m) return null;
            var r = m.getBoundingClientRect(), w = v.getBoundingClientRect();
            return [m.dataset.id, r.top >= w.top && r.bottom <= w.bottom, !document.getElementById("v-articles").hidden,
                    document.getElementById("panel").dataset.id, location.hash];
        })()""")
        b.screenshot(shot)
    finally:
        b.__exit__(None, None, None)
    errors = []
    if not seen:
        errors.append("no claim selected in the articles view after the click")
    elif seen[:4] != [target, True, True, target]:
        errors.append(f"after the click: {seen}, not [{target!r}, in view, articles view, panel]")
    if errors:
        fail(errors)
    print(f"ok: a click on the row of {target} shows it selected and in view ({seen[4]}); screenshot {shot}")


def check_shot(url, shot, width="1600", height="1000"):
    b = opened(url, int(width), int(height))
    try:
        b.wait("document.body.dataset.shown || !location.hash.includes('claim=')", 30)
        b.screenshot(shot)
    finally:
        b.__exit__(None, None, None)
    size = Path(shot).stat().st_size
    if size < 20000:
        fail([f"screenshot {shot} looks blank ({size} bytes)"])
    print(f"ok: screenshot {shot}")


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    {"all": check_all, "filter": check_filter, "lazy": check_lazy, "gaps": check_gaps,
     "table": check_table, "click": check_click, "shot": check_shot}[mode](*args)
