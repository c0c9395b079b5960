#!/usr/bin/env python3
"""How much faster several Python threads extract than one: the fixture
pages (fixtures/scrapinghub, fixtures/seeds), repeated, through one shared
newsclip.Extractor, first on one thread, then spread over --threads
threads. newsclip releases the interpreter while it extracts, so on a
machine with N free cores the threads approach N times one thread's rate.

    python python/bench_threads.py [--threads 4] [--repeat 20] [--rounds 3]

Prints both rates and their ratio; each is the best of --rounds runs,
alternated, so a burst of load elsewhere on the machine hits both alike.
Then the same ratio for a control that is known to run on all the cores
it gets (hashlib's SHA-256 of large buffers, which releases the
interpreter): what the machine itself gives threads at the moment. A busy
machine holds both down together; newsclip well under the control means
newsclip does not run in parallel.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import newsclip

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Work:
    """Pages to extract, as (is_html, page) pairs, and their total size."""

    pages: list[tuple[bool, bytes]]

    @property
    def bytes(self) -> int:
        return sum(len(page) for _, page in self.pages)


def fixture_work(repeat: int) -> Work:
    pages = [(True, gzip.decompress(path.read_bytes())) for path in sorted((ROOT / "fixtures/scrapinghub/html").glob("*.html.gz"))]
    pages += [(False, path.read_bytes()) for path in sorted((ROOT / "fixtures/seeds").glob("*.txt"))]
    assert pages, "no fixture pages"
    return Work(pages * repeat)


def extract_one(extractor: newsclip.Extractor, item: tuple[bool, bytes]) -> str:
    is_html, page = item
    article = extractor.extract_html(page) if is_html else extractor.extract_text(page)
    return article.text


def run(extractor: newsclip.Extractor, work: Work, threads: int) -> float:
    """Seconds to extract every page of `work` on `threads` threads."""
    start = time.perf_counter()
    if threads == 1:
        for item in work.pages:
            extract_one(extractor, item)
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            # One page per task: the pool spreads the pages as threads free up.
            for _ in pool.map(lambda item: extract_one(extractor, item), work.pages):
                pass
    return time.perf_counter() - start


@dataclass(frozen=True)
class Speedup:
    one_thread: float  # seconds, best round
    threads: float  # seconds, best round
    thread_count: int
    work: Work

    @property
    def ratio(self) -> float:
        return self.one_thread / self.threads


def measure(threads: int, repeat: int, rounds: int) -> Speedup:
    extractor = newsclip.Extractor()
    work = fixture_work(repeat)
    run(extractor, fixture_work(1), 1)  # warm up: lexicons built, pages cached
    single, multi = [], []
    for _ in range(rounds):
        single.append(run(extractor, work, 1))
        multi.append(run(extractor, work, threads))
    return Speedup(min(single), min(multi), threads, work)


CONTROL_BUFFER = bytes(range(256)) * (1 << 14)  # 4 MiB


def control_ratio(threads: int, rounds: int, blocks: int = 48) -> float:
    """One thread's time over `threads` threads' for hashing `blocks`
    buffers: the speed-up the machine gives a workload free of the
    interpreter lock, now."""

    def hash_blocks(count: int) -> None:
        for _ in range(count):
            hashlib.sha256(CONTROL_BUFFER).digest()

    def timed(thread_count: int) -> float:
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=thread_count) as pool:
            list(pool.map(hash_blocks, [blocks // thread_count] * thread_count))
        return time.perf_counter() - start

    single = min(timed(1) for _ in range(rounds))
    multi = min(timed(threads) for _ in range(rounds))
    return single / multi


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=20, help="times each fixture page is extracted per run")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    result = measure(args.threads, args.repeat, args.rounds)
    megabytes = result.work.bytes / 1e6
    print(f"{len(result.work.pages)} pages, {megabytes:.1f} MB per run, best of {args.rounds} rounds")
    print(f"1 thread:   {result.one_thread:.3f} s  {megabytes / result.one_thread:.1f} MB/s")
    print(f"{args.threads} threads:  {result.threads:.3f} s  {megabytes / result.threads:.1f} MB/s")
    print(f"ratio: {result.ratio:.2f}x")
    print(f"control (SHA-256, {args.threads} threads over 1): {control_ratio(args.threads, args.rounds):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
