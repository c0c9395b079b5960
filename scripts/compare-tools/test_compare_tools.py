#!/usr/bin/env python3
"""Tests of the comparison's own parts: the decoding every tool is fed,
the readability summary's text, and the record a failing page gets.

    target/tools-venv/bin/python scripts/compare-tools/test_compare_tools.py

The readability test is skipped where readability-lxml is not installed
(plain ``python3``); the rest needs the standard library only.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extract  # noqa: E402
import pages  # noqa: E402

try:
    import readability  # noqa: F401

    HAS_READABILITY = True
except ImportError:
    HAS_READABILITY = False


class DecodePage(unittest.TestCase):
    def test_byte_order_mark_wins_over_the_declaration(self):
        raw = b"\xef\xbb\xbf<meta charset=windows-1252><p>caf\xc3\xa9</p>"
        self.assertIn("café", pages.decode_page(raw))
        utf16 = "<p>Xin chào</p>".encode("utf-16-le")
        self.assertEqual(pages.decode_page(b"\xff\xfe" + utf16), "<p>Xin chào</p>")

    def test_declared_legacy_charset_is_used(self):
        raw = '<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")
        self.assertIn("Привет", pages.decode_page(raw))

    def test_latin1_label_reads_as_windows_1252(self):
        # 0x93/0x94 are curly quotes in windows-1252, C1 controls in latin-1.
        raw = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\x93q\x94'
        self.assertIn("\u201cq\u201d", pages.decode_page(raw))

    def test_valid_utf8_wins_over_a_legacy_declaration(self):
        raw = '<meta charset="iso-8859-1"><p>café</p>'.encode("utf-8")
        self.assertIn("café", pages.decode_page(raw))

    def test_undeclared_non_utf8_reads_as_windows_1252(self):
        self.assertEqual(pages.decode_page(b"<p>caf\xe9</p>"), "<p>café</p>")

    def test_declaration_past_the_prescan_is_not_read(self):
        raw = b"<p>" + b" " * pages.PRESCAN_BYTES + b"<meta charset=windows-1251>\xcf</p>"
        self.assertTrue(pages.decode_page(raw).endswith("Ï</p>"))

    def test_unknown_label_is_ignored(self):
        # Not UTF-8 either, so the page reads as an undeclared legacy one.
        raw = b'<meta charset="no-such-charset"><p>caf\xe9</p>'
        self.assertIn("café", pages.decode_page(raw))


class ReadPage(unittest.TestCase):
    def test_gzip_is_gunzipped_and_plain_read_as_is(self):
        with tempfile.TemporaryDirectory() as folder:
            zipped, plain = Path(folder, "a.html.gz"), Path(folder, "b.html")
            zipped.write_bytes(gzip.compress(b"<p>one</p>"))
            plain.write_bytes(b"<p>two</p>")
            self.assertEqual(pages.read_page(zipped), b"<p>one</p>")
            self.assertEqual(pages.read_page(plain), b"<p>two</p>")
            self.assertEqual(pages.page_files(Path(folder)), [zipped, plain])


class ExtractOne(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.page = Path(self.folder.name, "p.html")
        self.page.write_bytes(b"<p>text</p>")

    def tearDown(self):
        self.folder.cleanup()

    def test_a_tool_that_raises_gets_an_error_record(self):
        def broken(html):
            raise ValueError("no luck")

        record = extract.extract_one(broken, self.page, timeout=5)
        self.assertEqual(record["text"], "")
        self.assertEqual(record["error"], "ValueError: no luck")
        self.assertEqual(record["path"], str(self.page))

    def test_a_tool_past_the_timeout_gets_an_error_record(self):
        import signal
        import time

        signal.signal(signal.SIGALRM, extract.on_alarm)
        record = extract.extract_one(lambda html: time.sleep(5), self.page, timeout=1)
        self.assertEqual(record["error"], "timed out after 1 s")

    def test_an_unreadable_gzip_gets_an_error_record(self):
        bad = Path(self.folder.name, "bad.html.gz")
        bad.write_bytes(b"\x1f\x8bnot gzip")
        record = extract.extract_one(lambda html: html, bad, timeout=5)
        self.assertTrue(record["error"].startswith(f"cannot read {bad}"))

    def test_a_tool_that_runs_gets_its_text(self):
        record = extract.extract_one(lambda html: html.upper(), self.page, timeout=5)
        self.assertEqual(record, {"path": str(self.page), "text": "<P>TEXT</P>", "error": None})


@unittest.skipUnless(HAS_READABILITY, "readability-lxml is not installed")
class ReadabilityText(unittest.TestCase):
    def test_paragraphs_stay_apart(self):
        paragraph = "A storm closed the two largest ports of the coast on Monday morning, officials said."
        html = (
            "<html><body><div><p>"
            + paragraph
            + " First</p><p>Second "
            + paragraph
            + "</p><p>Third<br>Fourth "
            + paragraph
            + "</p></div></body></html>"
        )
        text = pages.readability_extractor()(html)
        words = text.split()
        for word in ("First", "Second", "Third", "Fourth"):
            self.assertIn(word, words)
        self.assertEqual(len(text.split("\n")), 4)


if __name__ == "__main__":
    unittest.main()
