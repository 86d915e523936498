#!/usr/bin/env python3
"""Extract percentage claims with Spark: `claimscan stream` over each partition.

    python scale/spark_extract.py --corpus corpus --out /tmp/spark-claims
    python scale/spark_extract.py --jsonl articles.jsonl --out /tmp/spark-claims
    spark-submit --master yarn scale/spark_extract.py --corpus hdfs:///corpus \
        --out hdfs:///claims --binary target/x86_64-unknown-linux-musl/release/claimscan

Input is a folder of articles (each file one article, its id the path
relative to the folder, searched recursively for `*.EXT`) or a JSONL file of
`{"id": ..., "text": ...}` objects (field names: `--id-field`,
`--text-field`). The claimscan binary is shipped to the executors with
`SparkContext.addFile`; each task finds it with `SparkFiles.get` and pipes
its partition through `claimscan stream` (one JSON line per article, written
with `json.dumps(ensure_ascii=False)`). That is `RDD.pipe`, done by `pipe`
below because `RDD.pipe` takes its command from the driver, where the
binary's path is not the executors' one; the contract is the same: a task
fails, and Spark retries it, when claimscan exits non-zero.

Output, in OUT (folders of part files, as Spark writes them):
- `OUT/claims/part-*`: claim records, the fields of `claims.jsonl`, sorted by
  article then offset (unless `--unsorted`), so `cat OUT/claims/part-*` is
  in the order of `claimscan extract`'s `claims.jsonl`;
- `OUT/errors/part-*`: error records: `{"error", "line", "article"}` from
  claimscan for lines it could not use (for JSONL input, `line` is the line of
  the JSONL file), and `{"error", "article"}` for files refused by the input
  policy (UTF-16, binary).
"""

import argparse
import codecs
import json
import os
import subprocess
import sys
import threading
import time

from pyspark import SparkConf, SparkFiles, StorageLevel
from pyspark.sql import SparkSession

ERROR_PREFIX = '{"error":'


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--corpus", help="folder of articles (local path or Hadoop URI)")
    src.add_argument("--jsonl", help="JSON lines file (or folder of them) of articles")
    p.add_argument("--out", required=True, help="output folder (must not exist, unless --overwrite)")
    p.add_argument("--binary", default="target/release/claimscan",
                   help="claimscan built for the executors' platform (default: %(default)s)")
    p.add_argument("--master", help="Spark master (default: spark-submit's, else local[2])")
    p.add_argument("--partitions", type=int,
                   help="number of partitions, i.e. of claimscan processes (default: Spark's)")
    p.add_argument("--ext", default="txt", help="extension of article files (default: %(default)s)")
    p.add_argument("--id-field", default="id", help="id field of JSONL input")
    p.add_argument("--text-field", default="text", help="text field of JSONL input")
    p.add_argument("--threads", type=int, default=1,
                   help="claimscan threads per task (default: 1; Spark runs a task per core)")
    p.add_argument("--unsorted", action="store_true",
                   help="write claims in partition order, without the sort (a shuffle)")
    p.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="extra Spark configuration")
    return p.parse_args(argv)


# --- executor side -----------------------------------------------------------

def dumps(value):
    """One JSON line, compact like claimscan's, non-ASCII as is (UTF-8)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _substitute(err):
    """Reads each invalid UTF-8 byte as U+001A, one byte for one byte."""
    return "\x1a" * (err.end - err.start), err.end


def utf16_without_bom(data):
    """'LE' or 'BE' when the first 4 KiB have NULs at most odd (or even)
    offsets and hardly any at the others, as claimscan decides; else None."""
    head = data[:min(len(data), 4096) & ~1]
    units = len(head) // 2
    if units < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    mostly, hardly = (lambda n: n * 10 >= units * 7), (lambda n: n * 10 <= units)
    if mostly(odd) and hardly(even):
        return "LE"
    if mostly(even) and hardly(odd):
        return "BE"
    return None


def decode(data):
    """(text, None) or (None, why refused): claimscan's input policy (src/io/corpus.rs)."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return None, ("UTF-16 text is not supported (offsets are UTF-8 bytes): "
                      "convert it first, e.g. iconv -f UTF-16 -t UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        order = utf16_without_bom(data)
        if order:
            return None, (f"UTF-16{order} text without a byte-order mark is not supported "
                          f"(offsets are UTF-8 bytes): convert it first, e.g. "
                          f"iconv -f UTF-16{order} -t UTF-8")
        return None, f"binary file (NUL byte at offset {nul})"
    codecs.register_error("claimscan_substitute", _substitute)
    return data.decode("utf-8", errors="claimscan_substitute"), None


def pipe(command, lines):
    """Yields the output lines of `command` fed `lines`, as RDD.pipe does, and
    raises (failing the task) when it exits non-zero or the input fails."""
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    failed = []

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line.encode("utf-8") + b"\n")
        except BrokenPipeError:
            pass  # claimscan stopped: its exit status says why
        except BaseException as e:  # an input that cannot be read must fail the task
            failed.append(e)
            proc.kill()
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for raw in proc.stdout:
        yield raw.rstrip(b"\n").decode("utf-8")
    code = proc.wait()
    writer.join()
    if failed:
        raise failed[0]
    if code != 0:
        raise RuntimeError(f"{' '.join(command)} exited with status {code}")


def claimscan_command(binary_name, args):
    binary = SparkFiles.get(binary_name)
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    command = [binary, "stream", "-j", str(args.threads)]
    if args.jsonl:
        command += ["--id-field", args.id_field, "--text-field", args.text_field]
    return command


def files_partition(binary_name, args):
    """(path, bytes) pairs of one partition -> claimscan's output lines."""
    def run(files):
        refused = []

        def lines():
            for rel, data in files:
                text, why = decode(data)
                if why is not None:
                    refused.append(dumps({"error": why, "article": rel}))
                    continue
                yield dumps({"id": rel, "text": text})

        yield from pipe(claimscan_command(binary_name, args), lines())
        yield from refused
    return run


def jsonl_partition(binary_name, args):
    """(line, index in the file) pairs -> claimscan's output lines, with the
    line numbers of error records made lines of the JSONL file."""
    def run(numbered):
        sent = []

        def lines():
            for line, index in numbered:
                sent.append(index + 1)
                yield line

        for out in pipe(claimscan_command(binary_name, args), lines()):
            if out.startswith(ERROR_PREFIX):
                record = json.loads(out)
                record["line"] = sent[record["line"] - 1]
                out = dumps(record)
            yield out
    return run


def relative(base, path):
    """The article id: `path` relative to the corpus folder `base`."""
    if not path.startswith(base + "/"):
        raise ValueError(f"{path} is not under the corpus folder {base}")
    return path[len(base) + 1:]


def sort_key(line):
    record = json.loads(line)
    return record["article"], record["start"]


# --- driver side ---------------------------------------------------------------

def qualified(sc, path):
    """`path` as Hadoop names it (`file:/abs/dir`, `hdfs://nn/dir`), no trailing slash."""
    if "://" not in path and not path.startswith("file:"):
        path = os.path.abspath(path)
    jvm = sc._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(sc._jsc.hadoopConfiguration())
    return fs, fs.makeQualified(p).toString().rstrip("/")


def resize(rdd, n):
    """`rdd` in `n` partitions: merged without a shuffle when fewer, else shuffled."""
    have = rdd.getNumPartitions()
    if n < have:
        return rdd.coalesce(n)
    if n > have:
        return rdd.repartition(n)
    return rdd


def main(argv):
    args = parse_args(argv)
    if not os.path.isfile(args.binary):
        sys.exit(f"spark_extract: no claimscan binary at {args.binary} (cargo build --release)")
    conf = SparkConf().setAppName("claimscan-extract")
    if args.master:
        conf.setMaster(args.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[2]")
    for kv in args.conf:
        key, _, value = kv.partition("=")
        conf.set(key, value)
    spark = SparkSession.builder.config(conf=conf).getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    started = time.time()
    try:
        out_fs, out = qualified(sc, args.out)
        out_path = sc._jvm.org.apache.hadoop.fs.Path(out)
        if out_fs.exists(out_path):
            if not args.overwrite:
                sys.exit(f"spark_extract: {out} exists (--overwrite replaces it)")
            out_fs.delete(out_path, True)

        sc.addFile(os.path.abspath(args.binary))
        binary_name = os.path.basename(args.binary)
        if args.corpus:
            _, base = qualified(sc, args.corpus)
            files = (spark.read.format("binaryFile")
                     .option("recursiveFileLookup", "true")
                     .option("pathGlobFilter", "*." + args.ext.lstrip("."))
                     .load(base)
                     .select("path", "content")
                     .rdd
                     .map(lambda row: (relative(base, row.path), bytes(row.content))))
            if args.partitions:
                files = resize(files, args.partitions)
            inputs = files
            lines = files.mapPartitions(files_partition(binary_name, args))
        else:
            _, path = qualified(sc, args.jsonl)
            text = sc.textFile(path, minPartitions=args.partitions or sc.defaultParallelism)
            if args.partitions:
                text = resize(text, args.partitions)
            inputs = text
            lines = text.zipWithIndex().mapPartitions(jsonl_partition(binary_name, args))
        partitions = inputs.getNumPartitions()
        lines = lines.persist(StorageLevel.MEMORY_AND_DISK)

        claims = lines.filter(lambda line: not line.startswith(ERROR_PREFIX))
        if not args.unsorted:
            claims = claims.sortBy(sort_key, numPartitions=partitions)
        claims.saveAsTextFile(out + "/claims")
        errors = lines.filter(lambda line: line.startswith(ERROR_PREFIX))
        errors.coalesce(1).saveAsTextFile(out + "/errors")
        n_errors = errors.count()
        n_claims = lines.count() - n_errors
        seconds = time.time() - started
        print(f"spark_extract: {n_claims} claims, {n_errors} error records, "
              f"{partitions} partitions, {seconds:.1f}s -> {out}/claims", file=sys.stderr)
    finally:
        spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
