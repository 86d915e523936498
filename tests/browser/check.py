#!/usr/bin/env python3
"""Checks a `claimscan report` page as Chromium rendered it (`--dump-dom`).

Standard library only. Modes:

  check.py all DOM DATASET CORPUS
      every claim of DATASET/claims.jsonl is highlighted exactly once, by a
      <mark class="claim"> whose data-id, data-population and text are the
      claim's; the underlined pieces naming a claim spell its subject and
      its population phrase; each article's rendered text is exactly its file (so no text
      is lost, doubled or turned into markup, and overlapping spans nest);
      each section's path is the manifest's; no markup from an article
      became an element, no article script ran.
  check.py filter DOM DATASET POPULATION
      the visible claims (marks without class "off") are exactly those of
      POPULATION, and exactly the articles with such a claim are shown.
  check.py lazy DOM DATASET
      without `render=all` the page rendered the first articles at once
      (data-first-render is set) and not every article; prints the timing.
"""

import json
import sys
from html.parser import HTMLParser
from pathlib import Path

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


def load(path):
    dom = Dom()
    dom.feed(Path(path).read_text(encoding="utf-8"))
    dom.close()
    return dom


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


def check_all(dom_path, dataset_path, corpus):
    dom = load(dom_path)
    claims, paths = dataset(dataset_path)
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
        want = read_article(Path(corpus) / path)
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
    print(f"ok: {len(claims)} claims highlighted with their exact text in {len(paths)} articles")


def check_filter(dom_path, dataset_path, population):
    dom = load(dom_path)
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


def check_lazy(dom_path, dataset_path):
    dom = load(dom_path)
    _, paths = dataset(dataset_path)
    body = next(n for n in dom.all if n.tag == "body")
    first = body.attrs.get("data-first-render")
    rendered = dom.find(lambda n: n.tag == "div" and "text" in n.classes() and "data-rendered" in n.attrs)
    errors = []
    if first is None:
        errors.append("data-first-render is not set: the page script did not finish")
    if not rendered:
        errors.append("no article rendered at first")
    if errors:
        fail(errors)
    print(f"ok: first render at {first} ms after navigation start, "
          f"{len(rendered)} of {len(paths)} articles rendered at first")


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    {"all": check_all, "filter": check_filter, "lazy": check_lazy}[mode](*args)
