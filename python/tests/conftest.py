"""Fixture pages and the extract binary's records of them, shared by the
tests. The binary is the reference: `scripts/python/test` builds it
(`cargo build --release --example extract`) before running pytest; set
NEWSCLIP_EXTRACT to test against another build."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

import newsclip

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
HTML_NAMES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class FixturePage:
    path: Path
    data: bytes  # gunzipped when the file is gzipped, as the binary reads it

    @property
    def name(self) -> str:
        return str(self.path.relative_to(ROOT))

    @property
    def is_html(self) -> bool:
        """As the binary tells: by the file's name, else by its content."""
        name = self.path.name.lower().removesuffix(".gz")
        return name.endswith(HTML_NAMES) or newsclip.looks_like_html(self.data)


def read_page(path: Path) -> FixturePage:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return FixturePage(path, data)


def page_files(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    files = sorted(file for pattern in patterns for file in folder.glob(pattern))
    assert files, f"no fixture pages in {folder}"
    return files


ARTICLE_PAGES = [
    read_page(path)
    for path in page_files(FIXTURES / "scrapinghub" / "html", ("*.html.gz",))
    + page_files(FIXTURES / "seeds", ("*.txt",))
]
HOSTILE_PAGES = [read_page(path) for path in page_files(FIXTURES / "hostile", ("*.html", "*.txt"))]


def extract_binary() -> Path:
    if "NEWSCLIP_EXTRACT" in os.environ:
        return Path(os.environ["NEWSCLIP_EXTRACT"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "release" / "examples" / "extract"


def binary_records(pages: list[FixturePage], *flags: str) -> dict[str, dict]:
    """The binary's JSON record of each page, keyed by the page's name."""
    binary = extract_binary()
    if not binary.exists():
        pytest.fail(f"{binary} is missing: run `cargo build --release --example extract` first")
    command = [str(binary), "--format", "json", *flags, *(page.name for page in pages)]
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # 0: every page gave an article; 1: some failed; 3: some had none.
    assert result.returncode in (0, 1, 3), result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert len(records) == len(pages), f"{len(records)} records for {len(pages)} pages"
    return {record["path"]: record for record in records}


def extract_like_binary(extractor: newsclip.Extractor, page: FixturePage) -> newsclip.Article:
    """The call the binary makes for the page: HTML bytes to extract_html,
    text to extract_text (as a str when it is UTF-8, as bytes otherwise)."""
    if page.is_html:
        return extractor.extract_html(page.data)
    try:
        return extractor.extract_text(page.data.decode("utf-8"))
    except UnicodeDecodeError:
        return extractor.extract_text(page.data)


@pytest.fixture(scope="session")
def article_records() -> dict[str, dict]:
    return binary_records(ARTICLE_PAGES)


@pytest.fixture(scope="session")
def hostile_records() -> dict[str, dict]:
    return binary_records(HOSTILE_PAGES)
