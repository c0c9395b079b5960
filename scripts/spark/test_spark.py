#!/usr/bin/env python3
"""The cluster recipe, tested: newsclip_spark.py under spark-submit in
local mode, on WARC files built from the fixture pages, and on the same
pages as JSON Lines.

Checks that every archived page (every input line) gives exactly one
record, that each record is the one the binary gives on its own, and that
the article text is the gold article. Run by ``scripts/spark/test``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "scrapinghub"
sys.path.insert(0, str(ROOT / "scripts"))
from score import compare_text  # noqa: E402  (the benchmark's own metric)

# Each fixture page's text must reach this shingle F1 against its gold.
MIN_GOLD_F1 = 0.9


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spark-submit", required=True)
    parser.add_argument("--extract", default=str(ROOT / "target/release/examples/extract"))
    parser.add_argument("--make-warc", default=str(ROOT / "target/release/examples/make_warc"))
    return parser.parse_args()


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(command), flush=True)
    return subprocess.run(command, check=True, **kwargs)


def read_part_files(folder: Path) -> list[dict]:
    records = []
    for part in sorted(folder.glob("part-*")):
        records.extend(json.loads(line) for line in part.read_text(encoding="utf-8").splitlines() if line)
    return records


def direct_records(extract: str, args: list[str], stdin: bytes | None = None) -> list[dict]:
    """What the binary gives on its own, without Spark."""
    result = subprocess.run([extract, "--format", "json", *args], input=stdin, stdout=subprocess.PIPE)
    assert result.returncode in (0, 1, 3), result
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def spark_submit(spark_submit_path: str, extract: str, script_args: list[str]) -> None:
    run(
        [
            spark_submit_path,
            "--master",
            "local[2]",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.log.level=WARN",
            "--files",
            extract,
            str(ROOT / "scripts/spark/newsclip_spark.py"),
            *script_args,
        ]
    )


def check_against(records: list[dict], expected: list[dict], gold_by_url: dict[str, str]) -> None:
    key = lambda record: (record["path"], record.get("url"))  # noqa: E731
    got = {key(record): record for record in records}
    assert len(got) == len(records), "two records for one page"
    want = {key(record): record for record in expected}
    assert got.keys() == want.keys(), f"pages differ: {sorted(got.keys() ^ want.keys())}"
    for page, record in got.items():
        assert record == want[page], f"{page}: the Spark record differs from the binary's"
        assert record["error"] is None, f"{page}: {record['error']}"
        base_url = record["url"].split("?copy=")[0]
        f1 = compare_text(record["text"], gold_by_url[base_url]).f1
        assert f1 >= MIN_GOLD_F1, f"{page}: text F1 {f1:.3f} against the gold"


def main() -> int:
    args = parse_args()
    gold = json.loads((FIXTURES / "ground-truth.json").read_text(encoding="utf-8"))
    gold_by_url = {entry["url"]: entry["articleBody"] for entry in gold.values()}
    pages = sorted((FIXTURES / "html").glob("*.html.gz"))
    assert pages, "no fixture pages"
    urls = str(FIXTURES / "ground-truth.json")
    with tempfile.TemporaryDirectory(prefix="newsclip-spark-") as scratch:
        scratch = Path(scratch)
        # Two archives, so two tasks: one gzipped per record, one plain
        # with every page twice (the copy under its own URL).
        first = scratch / "first.warc.gz"
        second = scratch / "second.warc"
        run([args.make_warc, "--gzip", "--urls", urls, str(FIXTURES / "html"), str(first)])
        run([args.make_warc, "--copies", "2", "--urls", urls, str(FIXTURES / "html"), str(second)])
        expected = direct_records(args.extract, [str(first)]) + direct_records(args.extract, [str(second)])
        assert len(expected) == 3 * len(pages), f"{len(expected)} records for {3 * len(pages)} pages"

        out = scratch / "warc-out"
        spark_submit(args.spark_submit, args.extract, ["--output", str(out), str(first), str(second)])
        records = read_part_files(out)
        assert len(records) == 3 * len(pages), f"{len(records)} Spark records for {3 * len(pages)} pages"
        check_against(records, expected, gold_by_url)
        print(f"WARC: {len(records)} pages in 2 archives, {len(records)} records, each as the binary gives it")

        # The same pages as JSON Lines, piped through `extract --stream`.
        jsonl = scratch / "pages.jsonl"
        with jsonl.open("w", encoding="utf-8") as out_file:
            for page in pages:
                html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
                url = gold[page.name.split(".")[0]]["url"]
                out_file.write(json.dumps({"url": url, "html": html}) + "\n")
        expected = direct_records(args.extract, ["--stream"], stdin=jsonl.read_bytes())
        out = scratch / "jsonl-out"
        spark_submit(
            args.spark_submit,
            args.extract,
            ["--input", "jsonl", "--partitions", "2", "--output", str(out), str(jsonl)],
        )
        records = read_part_files(out)
        assert len(records) == len(pages), f"{len(records)} Spark records for {len(pages)} lines"
        # A partition numbers its lines from 1, so paths differ from one
        # run over the whole file: compare by URL.
        for record in records + expected:
            record["path"] = "-"
        check_against(records, expected, gold_by_url)
        print(f"JSON Lines: {len(records)} lines, {len(records)} records, each as the binary gives it")
    print("spark test: ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
