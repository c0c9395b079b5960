#!/usr/bin/env python3
"""Time per pass of each compared tool, as multiples of a parse.

Usage::

    target/tools-venv/bin/python scripts/compare-tools/speed.py \\
        [--pages ../shared/data/scrapinghub/html] [--passes 5] \\
        [--parse-time target/release/examples/parse_time] [--out benches/tools-speed.tsv]

The pages are read, gunzipped and decoded (``pages.py``) before any clock
starts. One thread. Each round times one pass of lxml's parse alone
(``lxml.html.fromstring``) and one pass of every tool over all the pages,
in turn, so a noisy neighbour slows all of them alike; the figure is the
median pass. Each pass is timed twice: wall time, and the CPU time of the
thread (``time.thread_time``), which leaves out the time spent waiting for
a core on a loaded machine and is the steadier of the two. Before and after the rounds, the ``parse_time`` example
times ``scraper::Html::parse_document`` and newsclip's extraction of the
same pages (median of its own passes), bracketing the Python figures with
the machine's speed at either end. Every time is also given as a multiple
of the scraper parse (the mean of the two brackets' medians) and of lxml's
parse.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PAGES = ROOT / "../shared/data/scrapinghub/html"
DEFAULT_PARSE_TIME = ROOT / "target/release/examples/parse_time"
DEFAULT_PASSES = 5
# Passes of each parse_time bracket: the Rust passes are short.
BRACKET_PASSES = 9

COLUMNS = (
    "tool",
    "passes",
    "wall_median_s",
    "wall_min_s",
    "wall_max_s",
    "cpu_median_s",
    "cpu_ms_per_page",
    "x_scraper_parse_wall",
    "x_scraper_parse_cpu",
    "x_lxml_parse_wall",
    "x_lxml_parse_cpu",
    "when",
)


@dataclass
class Measure:
    """Wall and CPU seconds of one pass, as medians over passes."""

    wall: float
    wall_min: float
    wall_max: float
    cpu: float
    passes: int


def time_pass(run, texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds for one pass of ``run`` over ``texts``; a page that raises still counts."""
    gc.collect()
    cpu_started = time.thread_time()
    started = time.perf_counter()
    for text in texts:
        try:
            run(text)
        except Exception:  # the tool's failure on one page: time it, go on
            pass
    return time.perf_counter() - started, time.thread_time() - cpu_started


def measure(passes: list[tuple[float, float]]) -> Measure:
    wall = [p[0] for p in passes]
    return Measure(
        wall=statistics.median(wall),
        wall_min=min(wall),
        wall_max=max(wall),
        cpu=statistics.median(p[1] for p in passes),
        passes=len(passes),
    )


def bracket(parse_time: Path, folder: Path) -> dict[str, Measure]:
    """``parse_time --newsclip``'s measures by name."""
    command = [str(parse_time), "--newsclip", str(folder), str(BRACKET_PASSES)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as err:
        detail = getattr(err, "stderr", "") or err
        raise SystemExit(f"error: {' '.join(command)} failed: {detail}")
    measures = {}
    for line in done.stdout.splitlines():
        name, _pages, _bytes, median, low, high, cpu = line.split("\t")
        if cpu == "-":
            raise SystemExit(f"error: {parse_time} cannot read the CPU time on this system")
        measures[name] = Measure(float(median), float(low), float(high), float(cpu), BRACKET_PASSES)
    return measures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--passes", type=int, default=DEFAULT_PASSES)
    parser.add_argument("--parse-time", type=Path, default=DEFAULT_PARSE_TIME)
    parser.add_argument("--out", type=Path, default=ROOT / "benches/tools-speed.tsv")
    args = parser.parse_args()
    if args.passes < 1:
        parser.error(f"--passes must be at least 1, not {args.passes}")

    texts = [pages.decode_page(pages.read_page(path)) for path in pages.page_files(args.pages)]
    runs = {"lxml_parse": pages.lxml_parse()}
    for name, make in pages.TOOLS.items():
        try:
            runs[name] = make()
        except ImportError as err:
            print(f"warning: {name} skipped, not installed: {err}", file=sys.stderr)

    before = bracket(args.parse_time, args.pages)
    seconds: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for round_number in range(args.passes):
        for name, run in runs.items():
            seconds[name].append(time_pass(run, texts))
        print(f"round {round_number + 1}/{args.passes} done", file=sys.stderr)
    after = bracket(args.parse_time, args.pages)

    measured = [(f"{tool.replace('_extract', '')}", when, m[tool])
                for when, m in (("before", before), ("after", after))
                for tool in ("scraper_parse", "newsclip_extract")]
    measured += [(tool, "between", measure(times)) for tool, times in seconds.items()]
    scraper = [before["scraper_parse"], after["scraper_parse"]]
    scraper_wall = statistics.mean(m.wall for m in scraper)
    scraper_cpu = statistics.mean(m.cpu for m in scraper)
    lxml = measure(seconds["lxml_parse"])
    rows = [
        (
            tool,
            str(m.passes),
            f"{m.wall:.4f}",
            f"{m.wall_min:.4f}",
            f"{m.wall_max:.4f}",
            f"{m.cpu:.4f}",
            f"{m.cpu * 1000 / len(texts):.2f}",
            f"{m.wall / scraper_wall:.2f}",
            f"{m.cpu / scraper_cpu:.2f}",
            f"{m.wall / lxml.wall:.2f}",
            f"{m.cpu / lxml.cpu:.2f}",
            when,
        )
        for tool, when, m in measured
    ]

    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for values in rows:
            handle.write("\t".join(values) + "\n")
    print(open(args.out, encoding="utf-8").read(), end="")
    versions = ", ".join(f"{k} {v}" for k, v in pages.versions().items())
    print(f"{len(texts)} pages of {args.pages}; {versions}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
