#!/usr/bin/env python3
"""Turns the raw measurements of bench/run.sh into a summary and RESULTS.md.

    report.py WORKDIR RESULTS.md

WORKDIR holds meta.tsv, sizes.tsv, rss.tsv and hyperfine's json/*.json.
The summary is printed and written to RESULTS.md between the bench markers;
text outside the markers (the optimisation log) is kept.
"""

import json
import statistics
import sys
from pathlib import Path

BEGIN = "<!-- bench:begin (written by bench/run.sh, do not edit) -->"
END = "<!-- bench:end -->"

LABELS = {
    "bbc": "BBC",
    "reuters": "Reuters",
    "both": "BBC+Reuters",
    "bbc5": "BBC x5",
    "bbc20": "BBC x20",
}


def tsv(path):
    out = {}
    for line in path.read_text().splitlines():
        key, _, value = line.partition("\t")
        out[key] = value
    return out


def timing(work, name, command):
    data = json.loads((work / "json" / f"{name}.json").read_text())
    for r in data["results"]:
        if r["command"] == command:
            return r["mean"], r["stddev"] or 0.0, r["user"] + r["system"]
    raise SystemExit(f"report: no result {command!r} in {name}.json")


def verdict(ok):
    return "met" if ok else "MISSED"


def main():
    work, results = Path(sys.argv[1]), Path(sys.argv[2])
    meta = tsv(work / "meta.tsv")
    sizes = {}
    for line in (work / "sizes.tsv").read_text().splitlines():
        name, files, size = line.split("\t")
        sizes[name] = (int(files), int(size))
    rss = {}
    for line in (work / "rss.tsv").read_text().splitlines():
        name, kb = line.split("\t")
        rss.setdefault(name, []).append(int(kb))
    rss = {k: statistics.median(v) / 1024 for k, v in rss.items()}

    def hide(text):
        return text.replace(str(work), "$WORK")

    rows = {}
    for name in LABELS:
        files, size = sizes[name]
        mb = size / 1e6
        cs = timing(work, name, "claimscan")
        rg = timing(work, name, "rg")
        rows[name] = dict(files=files, mb=mb, cs=cs, rg=rg)
    j1 = timing(work, "threads", "j1")
    j2 = timing(work, "threads", "j2")
    rg_j1 = timing(work, "threads", "rg-j1")
    rg_j2 = timing(work, "threads", "rg-j2")

    lines = []
    add = lines.append
    add(f"Measured {meta['date']} on {meta['nproc']} cores, {meta['cpu']}, "
        f"{meta['memory']} (kernel {meta['kernel']}), commit {meta['commit']}.")
    add("")
    add(f"{meta['rustc']}; {meta['hyperfine']}; {meta['rg']}. Load average "
        f"{meta['load']}: other processes on the machine compete for its cores "
        "and make wall times, and above all the -j2 figure, noisier.")
    add("")
    add(f"Each time is hyperfine's mean ± standard deviation ({meta['runs']}). "
        "MB = 10^6 bytes of `*.txt` read (links followed). rg counts the lines "
        "matching the literals every expression contains (`PREFILTER` in "
        "src/lang/detect.rs) over the same files: the bare cost of reading and "
        "scanning them. CPU s is user + system time, summed over threads: "
        "less disturbed than wall time by other work on the machine.")
    add("")
    add("| set | files | MB | claimscan s | rg s | claimscan MB/s | rg MB/s | claimscan / rg "
        "| claimscan CPU s | rg CPU s |")
    add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, label in LABELS.items():
        r = rows[name]
        (cm, cs, ccpu), (rm, rs, rcpu) = r["cs"], r["rg"]
        add(f"| {label} | {r['files']} | {r['mb']:.1f} | {cm:.3f} ± {cs:.3f} | "
            f"{rm:.3f} ± {rs:.3f} | {r['mb'] / cm:.1f} | {r['mb'] / rm:.1f} | "
            f"{cm / rm:.2f}x | {ccpu:.3f} | {rcpu:.3f} |")
    add("")
    add("BBC x5 and x20 are the BBC folder linked 5 and 20 times into one "
        "folder: they measure scale (more files, more bytes), not variety.")
    add("")
    t1 = rows["bbc"]["cs"][0]
    add("| scale | MB | claimscan s | time / (k x time of 1x) | s per MB | added s per added BBC |")
    add("| --- | ---: | ---: | ---: | ---: | ---: |")
    points = [("bbc", 1), ("bbc5", 5), ("bbc20", 20)]
    marginal = []
    for i, (name, k) in enumerate(points):
        t, mb = rows[name]["cs"][0], rows[name]["mb"]
        step = ""
        if i > 0:
            prev_name, prev_k = points[i - 1]
            m = (t - rows[prev_name]["cs"][0]) / (k - prev_k)
            marginal.append(m)
            step = f"{m:.3f}"
        add(f"| {k}x | {mb:.1f} | {t:.3f} | {t / (k * t1):.2f} | {t / mb:.4f} | {step} |")
    add("")
    add("Linear time means a constant cost per added copy of BBC (time = fixed "
        "cost + cost per byte); the fixed cost (start-up, thread pool, writing "
        "and syncing the outputs) makes the 1x point dearer per MB.")
    add("")
    speedup = j1[0] / j2[0]
    add(f"Threads, BBC+Reuters: -j1 {j1[0]:.3f} ± {j1[1]:.3f} s (CPU {j1[2]:.3f} s), -j2 "
        f"{j2[0]:.3f} ± {j2[1]:.3f} s (CPU {j2[2]:.3f} s): speed-up {speedup:.2f}x. "
        f"rg over the same files in the same run: -j1 {rg_j1[0]:.3f} s (CPU "
        f"{rg_j1[2]:.3f} s), -j2 {rg_j2[0]:.3f} s (CPU {rg_j2[2]:.3f} s): speed-up "
        f"{rg_j1[0] / rg_j2[0]:.2f}x: the scaling this machine gives ripgrep.")
    add("")
    rss_ratio = rss["bbc20"] / rss["bbc"]
    add(f"Peak RSS (median of 3, `/usr/bin/time -v`): BBC {rss['bbc']:.1f} MiB, "
        f"BBC x20 {rss['bbc20']:.1f} MiB: {rss_ratio:.2f}x.")
    add("")
    both = rows["both"]["cs"][0] / rows["both"]["rg"][0]
    add("| target | measured | verdict |")
    add("| --- | --- | --- |")
    add(f"| BBC+Reuters extraction at most 2x the wall time of rg | {both:.2f}x | "
        f"{verdict(both <= 2.0)} |")
    add(f"| -j2 at least 1.7x -j1 | {speedup:.2f}x | {verdict(speedup >= 1.7)} |")
    add(f"| peak RSS of BBC x20 within 1.5x of BBC | {rss_ratio:.2f}x | "
        f"{verdict(rss_ratio <= 1.5)} |")
    drift = marginal[1] / marginal[0]
    add(f"| linear time (cost per added BBC copy, 5x to 20x over 1x to 5x, within "
        f"0.85-1.15) | {marginal[0]:.3f} s, {marginal[1]:.3f} s: {drift:.2f} | "
        f"{verdict(0.85 <= drift <= 1.15)} |")
    add("")
    add("Commands (`$WORK` is the temporary folder of links and outputs):")
    add("")
    add("```sh")
    add(meta["build"])
    for name in LABELS:
        add(hide(meta[f"cmd_claimscan_{name}"]))
        add(hide(meta[f"cmd_rg_{name}"]))
    add(hide(meta["cmd_j1"]))
    add(hide(meta["cmd_j2"]))
    add(hide(meta["cmd_rg_j1"]))
    add(hide(meta["cmd_rg_j2"]))
    add(hide(meta["cmd_rss"]))
    add("```")
    add("")
    add(f"each under `hyperfine --warmup W --runs R -i` ({meta['runs']}).")

    body = "\n".join(lines)
    print(body)

    block = f"{BEGIN}\n{body}\n{END}"
    if results.exists():
        text = results.read_text()
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            results.write_text(head + block + tail)
            return
        results.write_text(text.rstrip("\n") + "\n\n" + block + "\n")
        return
    results.write_text("# Benchmarks\n\nRun `bench/run.sh` to refresh the figures below.\n\n"
                       + block + "\n")


if __name__ == "__main__":
    main()
