#!/usr/bin/env python3
"""Run one of the compared tools over a folder of pages, in newsclip's contract.

Usage::

    target/tools-venv/bin/python scripts/compare-tools/extract.py TOOL SET_HTML_DIR > OUT.jsonl
    python3 scripts/score.py bench OUT.jsonl --gold ../shared/data/SET

TOOL is one of trafilatura, readability, resiliparse. One JSON object per
page, in file-name order: ``{"path": ..., "text": ..., "error": ...}``.
``error`` is null when the tool ran (``text`` is then ``""`` when it found
no article) and the exception's message when it raised or ran past
``--timeout`` seconds; ``scripts/score.py`` scores both as empty. Every
tool gets the same text, decoded once (``pages.py``), so the scorer sees
extraction alone. A summary line goes to standard error.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402

DEFAULT_TIMEOUT_SECONDS = 120


class PageTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise PageTimeout()


def extract_one(extract, path: Path, timeout: int) -> dict:
    """One page's record; never raises for a bad page."""
    record = {"path": str(path), "text": "", "error": None}
    try:
        html = pages.decode_page(pages.read_page(path))
    except (OSError, EOFError, ValueError) as err:  # unreadable or bad gzip
        record["error"] = f"cannot read {path}: {err}"
        return record
    signal.alarm(timeout)
    try:
        record["text"] = extract(html)
    except PageTimeout:
        record["error"] = f"timed out after {timeout} s"
    except Exception as err:  # the tool's own failure, whatever it is
        record["error"] = f"{type(err).__name__}: {err}"
    finally:
        signal.alarm(0)
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tool", choices=sorted(pages.TOOLS))
    parser.add_argument("folder", type=Path, help="a set's html/ folder")
    parser.add_argument(
        "--timeout",
        type=int,
        default=DEFAULT_TIMEOUT_SECONDS,
        help=f"seconds per page before it counts as an error (default {DEFAULT_TIMEOUT_SECONDS})",
    )
    args = parser.parse_args()
    try:
        extract = pages.TOOLS[args.tool]()
    except ImportError as err:
        print(f"error: {args.tool} is not installed here: {err}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGALRM, on_alarm)
    counts = {"pages": 0, "errors": 0, "empty": 0}
    for path in pages.page_files(args.folder):
        record = extract_one(extract, path, args.timeout)
        counts["pages"] += 1
        counts["errors"] += record["error"] is not None
        counts["empty"] += record["error"] is None and not record["text"].strip()
        print(json.dumps(record, ensure_ascii=False), flush=False)
    print(
        f"{args.tool} {args.folder}: {counts['pages']} pages, {counts['errors']} errors, "
        f"{counts['empty']} without text",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
