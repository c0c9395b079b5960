"""Threads: the same results as one thread, and the interpreter released
while newsclip extracts. How much faster four threads run than one is a
benchmark, not a test (timings on a shared machine are no pass/fail
criterion): `python python/bench_threads.py`."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import newsclip
from conftest import ARTICLE_PAGES, extract_like_binary


def test_threads_give_the_results_of_one_thread():
    extractor = newsclip.Extractor()
    pages = ARTICLE_PAGES * 4
    expected = [extract_like_binary(extractor, page).to_dict() for page in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda page: extract_like_binary(extractor, page).to_dict(), pages))
    assert got == expected


def test_errors_on_threads_are_the_errors_of_one_thread():
    extractor = newsclip.Extractor(newsclip.Config(max_input_bytes=2000))
    pages = ARTICLE_PAGES * 2

    def outcome(page):
        try:
            return extract_like_binary(extractor, page).text
        except newsclip.NewsclipError as error:
            return (type(error), str(error))

    expected = [outcome(page) for page in pages]
    assert any(isinstance(item, tuple) for item in expected), "no page over the limit: the test proves nothing"
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(outcome, pages)) == expected


def long_page(paragraphs: int) -> str:
    return "Storm closes ports\n" + "\n".join(
        f"Paragraph {n}: harbour officials said on Monday that the ports could reopen on Wednesday "
        f"if the wind eases as forecast, and that {n} ships were waiting outside the breakwater."
        for n in range(paragraphs)
    )


def test_python_runs_while_newsclip_extracts():
    """The interpreter is released during extraction: another thread keeps
    running Python code all through one long call. Held, the other thread
    would stop for the whole call (a call into Rust is never preempted).
    Unlike the speed-up, this holds on a machine however busy."""
    page = long_page(30_000)
    extractor = newsclip.Extractor()
    ticks: list[float] = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        start = time.perf_counter()
        article = extractor.extract_text(page)
        end = time.perf_counter()
    finally:
        done.set()
        ticker.join()
    assert len(article.paragraphs) > 1000
    during = [start] + [t for t in ticks if start <= t <= end] + [end]
    longest_pause = max(b - a for a, b in zip(during, during[1:]))
    assert longest_pause < (end - start) / 4, (
        f"Python paused {longest_pause:.3f} s of a {end - start:.3f} s extraction"
    )
