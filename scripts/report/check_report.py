#!/usr/bin/env python3
"""Checks of an `extract --format html-report` page as Chromium drew it.

Standard library only (the PNG is decoded here with zlib):

  check_report.py screenshot --report R.html --png R.png --dom R.dom.html --json R.json
      the screenshot is not blank and shows the colour of every label of
      the page's first lines; the rendered DOM has one line element per
      line of the JSON record (`lines`), and no script.
  check_report.py long-page N
      writes a text page of N lines, markup typed into some of them.
  check_report.py dom --dom R.dom.html --lines N
      the rendered DOM has N line elements, no script element, and the
      typed markup shows as text.
"""

import argparse
import json
import re
import struct
import sys
import zlib

# A label's colour must cover more pixels than its legend swatch (about
# 22 x 14) to count as shown on a line: a line row is over 1000 x 20.
MIN_LABEL_PIXELS = 4000
# The labels expected in the screenshot are those of the first lines,
# which fit in a 1280 x 2000 window under the summary.
FIRST_LINES = 20
# Anti-aliased text alone gives dozens of colours; a blank or one-colour
# page gives one or two.
MIN_DISTINCT_COLOURS = 16
# At least this share of the pixels is not white.
MIN_INKED_SHARE = 0.10
# Per channel, how far a drawn colour may be from the style sheet's.
COLOUR_TOLERANCE = 3
TYPED_MARKUP = '<script>alert("report")</script>'


def fail(message):
    print(f"check_report: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def read_png(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB/RGBA PNG."""
    with open(path, "rb") as file:
        data = file.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    at, idat, header = 8, [], None
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        at += 12 + length
    if header is None:
        fail(f"{path} has no IHDR chunk")
    width, height, depth, colour_type, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace != 0:
        fail(f"{path}: only 8-bit non-interlaced RGB(A) is read (depth {depth}, type {colour_type})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        unfilter(kind, row, previous, channels)
        rows.append(bytes(row))
        previous = row
    return width, height, rows, channels


def unfilter(kind, row, previous, bpp):
    """Undoes one row's PNG filter in place."""
    if kind == 0:
        return
    if kind == 2:
        for i in range(len(row)):
            row[i] = (row[i] + previous[i]) & 0xFF
        return
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = previous[i]
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + ((left + up) >> 1)) & 0xFF
        elif kind == 4:
            upper_left = previous[i - bpp] if i >= bpp else 0
            estimate = left + up - upper_left
            distances = (abs(estimate - left), abs(estimate - up), abs(estimate - upper_left))
            predictor = (left, up, upper_left)[distances.index(min(distances))]
            row[i] = (row[i] + predictor) & 0xFF
        else:
            fail(f"unknown PNG filter type {kind}")


def colour_counts(rows, channels):
    counts = {}
    for row in rows:
        for x in range(0, len(row), channels):
            pixel = row[x : x + 3]
            counts[pixel] = counts.get(pixel, 0) + 1
    return counts


def label_colours(report_html):
    """The label tints the report's style sheet defines (`--body: #…`)."""
    colours = {}
    for label in ("body", "caption", "navigation", "related"):
        found = re.search(rf"--{label}:\s*#([0-9a-fA-F]{{6}})", report_html)
        if not found:
            fail(f"the report's style sheet defines no --{label} colour")
        colours[label] = bytes.fromhex(found.group(1))
    return colours


def pixels_near(counts, colour):
    return sum(
        count
        for pixel, count in counts.items()
        if all(abs(a - b) <= COLOUR_TOLERANCE for a, b in zip(pixel, colour))
    )


def line_elements(html):
    return re.findall(r'<div class="line (\w+)[^"]*" data-line="(\d+)"', html)


def check_dom(dom, expected_lines):
    found = line_elements(dom)
    if len(found) != expected_lines:
        fail(f"the rendered DOM has {len(found)} line elements, the page {expected_lines} lines")
    if re.search(r"<script\b", dom, re.IGNORECASE):
        fail("the rendered DOM holds a script element")
    for marker in ('class="legend"', "<main"):
        if marker not in dom:
            fail(f"the rendered DOM has no {marker}")
    return found


def screenshot(args):
    with open(args.report, encoding="utf-8") as file:
        report = file.read()
    with open(args.dom, encoding="utf-8") as file:
        dom = file.read()
    with open(args.json, encoding="utf-8") as file:
        record = json.loads(file.readline())
    lines = record.get("lines") or []
    if not lines:
        fail(f"{args.json}: the record has no lines to compare with")
    shown = check_dom(dom, len(lines))
    if [label for label, _ in shown] != [line["label"] for line in lines]:
        fail("the rendered lines' labels differ from the JSON record's")
    if record.get("error") is None and 'class="region"' not in dom:
        fail("the page has an article but the rendered DOM has no region")

    width, height, rows, channels = read_png(args.png)
    counts = colour_counts(rows, channels)
    total = width * height
    white = counts.get(b"\xff\xff\xff", 0)
    if len(counts) < MIN_DISTINCT_COLOURS:
        fail(f"the screenshot has {len(counts)} colours: blank")
    if (total - white) / total < MIN_INKED_SHARE:
        fail(f"the screenshot is {white / total:.0%} white: blank")
    colours = label_colours(report)
    expected = sorted({line["label"] for line in lines[:FIRST_LINES]})
    for label in expected:
        drawn = pixels_near(counts, colours[label])
        if drawn < MIN_LABEL_PIXELS:
            fail(
                f"{label} lines are among the first {FIRST_LINES} but its colour "
                f"#{colours[label].hex()} covers {drawn} pixels (< {MIN_LABEL_PIXELS})"
            )
        print(f"check_report: {label}: #{colours[label].hex()} on {drawn} pixels")
    print(
        f"check_report: ok: {width}x{height}, {len(counts)} colours, "
        f"{1 - white / total:.0%} inked, {len(shown)} line elements"
    )


def long_page(args):
    out = sys.stdout
    for number in range(1, args.lines + 1):
        if number % 50 == 0:
            out.write(f"Line {number} typed {TYPED_MARKUP} & more\n")
        elif number % 5 == 0:
            out.write("Home | World | Sport\n")
        else:
            out.write(
                f"Paragraph {number} of the long page, in which the council sets out the budget line by line.\n"
            )


def dom(args):
    with open(args.dom, encoding="utf-8") as file:
        text = file.read()
    check_dom(text, args.lines)
    escaped = TYPED_MARKUP.replace("<", "&lt;").replace(">", "&gt;")
    if escaped not in text:
        fail("the markup typed into the page does not show as text")
    print(f"check_report: ok: {args.lines} line elements, typed markup shown as text")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    shot = commands.add_parser("screenshot")
    for name in ("--report", "--png", "--dom", "--json"):
        shot.add_argument(name, required=True)
    shot.set_defaults(run=screenshot)
    page = commands.add_parser("long-page")
    page.add_argument("lines", type=int)
    page.set_defaults(run=long_page)
    rendered = commands.add_parser("dom")
    rendered.add_argument("--dom", required=True)
    rendered.add_argument("--lines", type=int, required=True)
    rendered.set_defaults(run=dom)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
