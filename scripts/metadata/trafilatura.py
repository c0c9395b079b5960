#!/usr/bin/env python3
"""trafilatura's title, author and date for every page of a WCXB-layout set.

    python3 scripts/metadata/trafilatura.py DATA/wcxb-articles-dev > out.jsonl

Reads `ground-truth/<id>.json` for each page's URL (passed to trafilatura,
which uses it as the page's address) and `html/<id>.html.gz` for the page,
and writes one JSON line per page: {"id", "title", "author", "date"} (null
where trafilatura finds nothing, plus "error" when it fails). Scoring is
left to examples/metadata_accuracy.rs (`--other`), so both tools are judged
by the same code.
"""

import gzip
import json
import pathlib
import sys

# This file's name is the package's: its folder, which Python puts first on
# the path, would shadow the real trafilatura.
_HERE = pathlib.Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if pathlib.Path(entry or ".").resolve() != _HERE]

from trafilatura import bare_extraction  # noqa: E402


def page_metadata(html, url):
    # bare_extraction with only_with_metadata=False gives the metadata even
    # when no body is found; with_metadata asks for title, author and date.
    document = bare_extraction(
        html, url=url, with_metadata=True, include_comments=False
    )
    if document is None:
        return None, None, None
    if not isinstance(document, dict):
        document = document.as_dict()
    return document.get("title"), document.get("author"), document.get("date")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: trafilatura.py SET_FOLDER (with ground-truth/ and html/)")
    root = pathlib.Path(sys.argv[1])
    gold_dir = root / "ground-truth"
    if not gold_dir.is_dir():
        sys.exit(f"{gold_dir}: no such folder (want a WCXB-layout set)")
    for gold_path in sorted(gold_dir.glob("*.json")):
        page_id = gold_path.stem
        record = {"id": page_id, "title": None, "author": None, "date": None}
        try:
            url = json.loads(gold_path.read_text(encoding="utf-8")).get("url")
            html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
            title, author, date = page_metadata(html, url)
            record.update(title=title, author=author, date=date)
        except Exception as error:  # one record per page, whatever fails
            record["error"] = f"{type(error).__name__}: {error}"
        print(json.dumps(record, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
