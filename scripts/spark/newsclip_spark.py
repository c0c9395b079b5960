#!/usr/bin/env python3
"""Extract articles with newsclip on Apache Spark: WARC files (or JSON Lines
pages) spread over the executors, JSON Lines records out.

Each task runs the ``extract`` binary (``cargo build --release --example
extract``), shipped to the executors with ``--files``, on its share of the
input. The records are those of ``extract --format json``: one per archived
HTML page (or per input line), with ``url``, ``warc_record_id`` and
``warc_date`` for WARC input, and ``error`` set when a page has no article.

Local mode::

    spark-submit --master 'local[2]' \\
        --files target/release/examples/extract \\
        scripts/spark/newsclip_spark.py --output out/ a.warc.gz b.warc.gz

On a cluster the same script runs with ``--master yarn`` (or ``k8s://…``,
``spark://…``); the WARC paths must be readable on every executor (a shared
file system), or use ``--input jsonl`` with pages already in JSON Lines on
any Hadoop file system (HDFS, S3). See the README's "At scale" section.

Modes:

``--input warc`` (default)
    The arguments are WARC files (``.warc`` or ``.warc.gz``). One task per
    file: the binary reads the archive in bounded memory and extracts its
    pages on the executor's cores (``--jobs``).
``--input jsonl``
    The arguments are JSON Lines files of ``{"url": ..., "html": ...}`` (or
    ``"text"``), read with ``sc.textFile``; each partition is piped through
    ``extract --stream``, which answers every line, in order.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from typing import Iterable, Iterator

BINARY_NAME = "extract"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="WARC files, or JSON Lines files with --input jsonl")
    parser.add_argument("--output", required=True, help="directory for the JSON Lines part files")
    parser.add_argument("--input", choices=["warc", "jsonl"], default="warc")
    parser.add_argument(
        "--binary",
        default=BINARY_NAME,
        help="the extract binary: a name shipped with spark-submit --files (the default), "
        "or a path readable on every executor",
    )
    parser.add_argument("--jobs", type=int, default=1, help="threads per task (extract --jobs)")
    parser.add_argument("--partitions", type=int, default=0, help="JSON Lines partitions (0: Spark's choice)")
    return parser.parse_args(argv)


def resolve_binary(binary: str) -> str:
    """The binary's path on this executor: a file shipped with --files is
    found through SparkFiles, anything else is taken as a path."""
    if os.path.sep not in binary:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(binary)
        if os.path.exists(shipped):
            return shipped
        if os.path.exists(binary):  # YARN puts --files in the working directory
            return os.path.abspath(binary)
    return binary


def extract_warc_files(paths: Iterable[str], binary: str, jobs: int) -> Iterator[str]:
    """Runs the binary on each WARC file and yields its JSON Lines records.
    A failed page is a record with ``error`` (the binary then exits 1, or 3
    when the only failures are pages without an article); a
    binary that cannot run at all fails the task, so Spark retries it."""
    executable = resolve_binary(binary)
    for path in paths:
        command = [executable, "--format", "json", "--jobs", str(jobs), path]
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, encoding="utf-8") as process:
            assert process.stdout is not None
            yield from (line.rstrip("\n") for line in process.stdout)
        if process.returncode not in (0, 1, 3):
            raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")


def extract_jsonl_lines(lines: Iterable[str], binary: str, jobs: int) -> Iterator[str]:
    """Pipes a partition's lines through ``extract --stream``, one record
    out per line in. The lines go through a spooled file, not a pipe we
    write while reading, so a large partition cannot deadlock."""
    executable = resolve_binary(binary)
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as spool:
        for line in lines:
            spool.write(line.replace("\n", " "))
            spool.write("\n")
        spool.seek(0)
        command = [executable, "--stream", "--jobs", str(jobs)]
        with subprocess.Popen(command, stdin=spool, stdout=subprocess.PIPE, text=True, encoding="utf-8") as process:
            assert process.stdout is not None
            yield from (line.rstrip("\n") for line in process.stdout)
        if process.returncode not in (0, 1, 3):
            raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("newsclip").getOrCreate()
    context = spark.sparkContext
    binary, jobs = args.binary, args.jobs
    if args.input == "warc":
        # One partition per archive: a WARC is read start to end by one task.
        files = context.parallelize(args.inputs, len(args.inputs))
        records = files.mapPartitions(lambda paths: extract_warc_files(paths, binary, jobs))
    else:
        lines = context.textFile(",".join(args.inputs), args.partitions or None)
        records = lines.mapPartitions(lambda part: extract_jsonl_lines(part, binary, jobs))
    records.saveAsTextFile(args.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
