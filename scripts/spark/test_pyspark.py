#!/usr/bin/env python3
"""The PySpark recipe, tested: newsclip_pyspark.py under spark-submit in
local mode, with the newsclip package installed in the Spark venv, on the
fixture pages as JSON Lines (HTML and text pages, pages without an
article, and lines that are no page record).

Checks that every input line gives exactly one record, and that each
record is what a direct call of the package gives: the same text and
fields for an article, the same exception class and message for a page
without one. Run by ``scripts/python/test``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import newsclip

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsclip_pyspark import BAD_RECORD, extract_partition  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spark-submit", required=True)
    return parser.parse_args()


def article_pages() -> list[Path]:
    """The fixture pages that each hold an article."""
    return sorted((FIXTURES / "scrapinghub" / "html").glob("*.html.gz")) + sorted((FIXTURES / "seeds").glob("*.txt"))


def input_lines() -> list[str]:
    """One JSON line per page, each under a URL of its own."""
    pages = []
    for path in article_pages():
        if path.name.endswith(".html.gz"):
            html = gzip.decompress(path.read_bytes()).decode("utf-8")
            pages.append({"url": f"https://example.org/{path.name}", "html": html})
        else:
            pages.append({"url": f"https://example.org/{path.name}", "text": path.read_text(encoding="utf-8")})
    for name in ["home-page.html", "empty.html", "broken-markup.html"]:
        html = (FIXTURES / "hostile" / name).read_text(encoding="utf-8")
        pages.append({"url": f"https://example.org/hostile/{name}", "html": html})
    pages.append({"url": "https://example.org/blank-text", "text": " \n "})
    lines = [json.dumps(page) for page in pages]
    # Lines that are no page record: each still gets its record.
    lines += ['{"url": "https://example.org/no-page"}', "not json at all", "[1, 2]"]
    return lines


def direct_record(line: str) -> dict:
    """What the package gives when called on the line's page directly."""
    try:
        page = json.loads(line)
    except ValueError:
        return {"url": None, "error_type": BAD_RECORD}
    if not isinstance(page, dict) or not ("html" in page or "text" in page):
        return {"url": page.get("url") if isinstance(page, dict) else None, "error_type": BAD_RECORD}
    try:
        if "html" in page:
            article = newsclip.extract_html(page["html"])
        else:
            article = newsclip.extract_text(page["text"])
    except newsclip.NewsclipError as error:
        return {"url": page["url"], "error_type": type(error).__name__, "error": str(error), "text": ""}
    record = {"url": page["url"], **article.to_dict(), "error": None, "error_type": None}
    del record["paragraphs"], record["lines"]
    return record


def check(records: list[dict], lines: list[str]) -> None:
    assert len(records) == len(lines), f"{len(records)} records for {len(lines)} lines"
    expected = [direct_record(line) for line in lines]
    urls = sorted(record["url"] or "" for record in records)
    assert urls == sorted(record["url"] or "" for record in expected), "the records are not one per line"
    # The fixture URLs are unique, so equal lists mean one record a page.
    assert all(record["error_type"] == BAD_RECORD for record in records if record["url"] is None)
    by_url = {record["url"]: record for record in records if record["url"] is not None}
    articles = 0
    for want in expected:
        if want["url"] is None:
            continue
        got = by_url[want["url"]]
        for field, value in want.items():
            assert got[field] == value, f"{want['url']}: {field} is {got[field]!r}, directly {value!r}"
        articles += want["error_type"] is None
    wanted = len(article_pages())
    assert articles >= wanted, f"{articles} articles from {wanted} article pages"
    kinds = {record["error_type"] for record in records}
    assert {None, "NoArticle", "EmptyInput", BAD_RECORD} <= kinds, kinds


def check_partition_threads(lines: list[str]) -> None:
    """A partition on threads gives the records of one thread, in order,
    across more lines than one batch."""
    many = lines * 40
    one = list(extract_partition(iter(many), {}, 1))
    assert len(one) == len(many)
    assert list(extract_partition(iter(many), {}, 3)) == one


def read_part_files(folder: Path) -> list[dict]:
    records = []
    for part in sorted(folder.glob("part-*")):
        records.extend(json.loads(line) for line in part.read_text(encoding="utf-8").splitlines() if line)
    return records


def main() -> int:
    args = parse_args()
    lines = input_lines()
    check_partition_threads(lines)
    with tempfile.TemporaryDirectory(prefix="newsclip-pyspark-") as scratch:
        scratch = Path(scratch)
        pages = scratch / "pages.jsonl"
        pages.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        out = scratch / "out"
        command = [
            args.spark_submit,
            "--master",
            "local[2]",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.log.level=WARN",
            str(ROOT / "scripts/spark/newsclip_pyspark.py"),
            "--partitions",
            "3",
            "--threads",
            "2",
            "--output",
            str(out),
            str(pages),
        ]
        print("+", " ".join(command), flush=True)
        subprocess.run(command, check=True)
        parts = sorted(out.glob("part-*"))
        assert len(parts) >= 2, f"{len(parts)} part files: the pages were not spread over tasks"
        records = read_part_files(out)
        check(records, lines)
    print(f"pyspark test: {len(lines)} lines, {len(records)} records, each as the package gives it directly")
    print("pyspark test: ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
