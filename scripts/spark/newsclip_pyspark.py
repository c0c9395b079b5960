#!/usr/bin/env python3
"""Extract articles with the newsclip Python package on Apache Spark:
JSON Lines pages in, JSON Lines records out, one record per input line.

Each partition builds one ``newsclip.Extractor`` and runs it in the
executor's Python worker (``mapPartitions``): nothing to ship with
``--files``, but the package must be installed in the executors' Python
(``pip install newsclip-*.whl``, the wheel ``maturin build --release``
makes in ``python/``; on a cluster, in the environment
``spark.pyspark.python`` names, or a packed venv sent with ``--archives``).

Local mode::

    spark-submit --master 'local[2]' scripts/spark/newsclip_pyspark.py \\
        --output out/ pages.jsonl

Input lines are ``{"url": ..., "html": ...}`` or ``{"url": ..., "text": ...}``
(the ``extract --stream`` format), on any Hadoop file system. Each output
line holds ``url``, ``title``, ``text``, ``captions``, ``related``,
``byline``, ``date``, ``confidence`` (the keys of ``extract --format json``,
without the per-line verdicts) and ``error``/``error_type``: ``null`` for an
article, else the exception's message and class (``NoArticle``,
``EmptyInput``, ``NotText``, ``InputTooLarge``, or ``BadRecord`` for a line
that is no page record).

newsclip releases the interpreter while it extracts, so ``--threads N``
extracts a partition's pages on N threads of one Python worker, as useful
as N Python workers and lighter on memory.
"""

from __future__ import annotations

import argparse
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable, Iterator, Optional

# The error_type of a line that is not a page record.
BAD_RECORD = "BadRecord"


def parse_args(argv: Optional[list[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="JSON Lines files of pages")
    parser.add_argument("--output", required=True, help="directory for the JSON Lines part files")
    parser.add_argument("--partitions", type=int, default=0, help="input partitions at least (0: Spark's choice)")
    parser.add_argument("--threads", type=int, default=1, help="extracting threads per partition")
    parser.add_argument("--recall-bias", type=float, default=0.0, help="newsclip.Config.recall_bias, -1 to 1")
    parser.add_argument("--max-input-bytes", type=int, default=None, help="newsclip.Config.max_input_bytes")
    args = parser.parse_args(argv)
    if args.threads < 1:
        parser.error(f"--threads must be 1 or more, not {args.threads}")
    return args


def settings(args: argparse.Namespace) -> dict:
    """The Config keywords, as plain values a task can carry (a Config
    object does not pickle)."""
    chosen = {"recall_bias": args.recall_bias}
    if args.max_input_bytes is not None:
        chosen["max_input_bytes"] = args.max_input_bytes
    return chosen


def failure(url: Optional[str], error_type: str, message: str) -> dict:
    return {
        "url": url,
        "title": None,
        "text": "",
        "captions": [],
        "related": [],
        "byline": None,
        "date": None,
        "confidence": None,
        "error": message,
        "error_type": error_type,
    }


def extract_line(extractor, line: str) -> str:
    """One input line's record, as a JSON line. Never raises for a bad
    page or a bad line: each gets its record with ``error`` set."""
    import newsclip

    try:
        page = json.loads(line)
    except ValueError as error:
        return json.dumps(failure(None, BAD_RECORD, f"the line is not JSON: {error}"))
    if not isinstance(page, dict):
        return json.dumps(failure(None, BAD_RECORD, f"the line is JSON {type(page).__name__}, not an object"))
    url = page.get("url") if isinstance(page.get("url"), str) else None
    html, text = page.get("html"), page.get("text")
    try:
        if isinstance(html, str):
            article = extractor.extract_html(html)
        elif isinstance(text, str):
            article = extractor.extract_text(text)
        else:
            return json.dumps(failure(url, BAD_RECORD, 'the record has no string "html" or "text"'))
    except newsclip.NewsclipError as error:
        return json.dumps(failure(url, type(error).__name__, str(error)))
    record = {"url": url, **article.to_dict()}
    del record["paragraphs"], record["lines"]
    record.update(error=None, error_type=None)
    return json.dumps(record, ensure_ascii=False)


def extract_partition(lines: Iterable[str], config: dict, threads: int = 1) -> Iterator[str]:
    """A partition's records, in the order of its lines: one Extractor
    for the partition, its pages on `threads` threads."""
    import newsclip

    extractor = newsclip.Extractor(newsclip.Config(**config))
    if threads == 1:
        yield from (extract_line(extractor, line) for line in lines)
        return
    with ThreadPoolExecutor(max_workers=threads) as pool:
        # In bounded batches: map() submits all it is given at once, and
        # a partition may hold millions of pages. It keeps their order.
        batch: list[str] = []
        for line in lines:
            batch.append(line)
            if len(batch) == 64 * threads:
                yield from pool.map(lambda item: extract_line(extractor, item), batch)
                batch = []
        yield from pool.map(lambda item: extract_line(extractor, item), batch)


def main(argv: Optional[list[str]] = None) -> int:
    args = parse_args(argv)
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("newsclip-pyspark").getOrCreate()
    config, threads = settings(args), args.threads
    lines = spark.sparkContext.textFile(",".join(args.inputs), args.partitions or None)
    records = lines.mapPartitions(lambda part: extract_partition(part, config, threads))
    records.saveAsTextFile(args.output)
    spark.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
