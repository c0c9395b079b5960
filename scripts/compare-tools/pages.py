"""Pages of a development set, and the tools compared with newsclip.

Shared by ``extract.py`` (accuracy) and ``speed.py`` (time per page), so
both feed every tool the same text and call it the same way.

Decoding is done here, once per page, and every tool gets the same
``str``: the comparison is then of extraction alone, not of four charset
guessers. The rule is newsclip's own (``src/decode.rs``), so the Python
tools read the same characters newsclip does: a byte-order mark, else the
``<meta>`` charset declared in the first 4 KiB (valid UTF-8 winning over a
legacy declaration, since re-saved pages keep their old one), else UTF-8
when the bytes are valid UTF-8, else windows-1252. Undecodable bytes
become U+FFFD, as in browsers.
"""

from __future__ import annotations

import codecs
import gzip
import re
from pathlib import Path
from typing import Callable

# How far into the page the charset declaration is looked for.
PRESCAN_BYTES = 4096

META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)""", re.I)

# WHATWG labels whose Python codec differs from the encoding browsers use.
WHATWG_ALIASES = {
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "iso-8859-9": "cp1254",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    # A page that declares UTF-16 without a BOM is read as UTF-8 (HTML standard).
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}

BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_page(path: Path) -> bytes:
    """The page's bytes, gunzipped when the file is gzip."""
    raw = path.read_bytes()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def declared_codec(raw: bytes) -> str | None:
    """The Python codec of the charset the page declares, if known."""
    match = META_CHARSET.search(raw[:PRESCAN_BYTES])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    name = WHATWG_ALIASES.get(label, label)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_page(raw: bytes) -> str:
    """The page's text, decoded as newsclip decodes it (see the module doc)."""
    for bom, codec in BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec, "replace")
    codec = declared_codec(raw)
    if codec is None or (codec != "utf-8" and not raw.isascii() and is_utf8(raw)):
        codec = "utf-8" if is_utf8(raw) else "cp1252"
    return raw.decode(codec, "replace")


def page_files(folder: Path) -> list[Path]:
    """The ``.html`` / ``.html.gz`` pages of ``folder``, sorted by name."""
    if not folder.is_dir():
        raise SystemExit(f"error: {folder} is not a folder of pages")
    pages = sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".html.gz")))
    if not pages:
        raise SystemExit(f"error: {folder} holds no .html or .html.gz page")
    return pages


# ---------------------------------------------------------------------------
# The tools: each takes the page's text and returns the article's text
# ("" when it finds none). Imports are inside, so one missing tool does not
# stop the others.
# ---------------------------------------------------------------------------

# Elements after which readability's summary gets a line break, so that
# text_content() does not glue the last word of one paragraph to the first
# of the next.
BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)


def trafilatura_extractor() -> Callable[[str], str]:
    import trafilatura

    # Defaults: plain text, neither favor_precision nor favor_recall,
    # no comments' text beyond the default, fallbacks on.
    return lambda html: trafilatura.extract(html) or ""


def readability_extractor() -> Callable[[str], str]:
    import lxml.html
    from readability import Document

    def extract(html: str) -> str:
        summary = Document(html).summary()
        if not summary.strip():
            return ""
        tree = lxml.html.fromstring(summary)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag == "br" or element.tag in BLOCK_TAGS:
                element.tail = "\n" + (element.tail or "")
        lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
        return "\n".join(line for line in lines if line)

    return extract


def resiliparse_extractor() -> Callable[[str], str]:
    from resiliparse.extract.html2text import extract_plain_text

    # Defaults but main_content: formatting kept, list bullets, alt texts.
    return lambda html: extract_plain_text(html, main_content=True) or ""


def lxml_parse() -> Callable[[str], object]:
    """lxml's parse alone: the floor the three tools stand on."""
    import lxml.html

    return lxml.html.fromstring


TOOLS: dict[str, Callable[[], Callable[[str], str]]] = {
    "trafilatura": trafilatura_extractor,
    "readability": readability_extractor,
    "resiliparse": resiliparse_extractor,
}


def versions() -> dict[str, str]:
    """Installed versions of the packages behind the tools."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("trafilatura", "readability-lxml", "resiliparse", "lxml"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found
