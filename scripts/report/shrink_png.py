#!/usr/bin/env python3
"""Rewrites a screenshot as a 256-colour PNG, small enough to commit.

  shrink_png.py IN.png OUT.png

The 255 most common colours are kept exactly (the report's flat fills and
label colours among them); every other colour, anti-aliased text edges
mostly, becomes the nearest of them. Standard library only.
"""

import struct
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from check_report import colour_counts, read_png  # noqa: E402

PALETTE_SIZE = 256


def nearest(colour, palette):
    return min(
        range(len(palette)),
        key=lambda index: sum((a - b) ** 2 for a, b in zip(colour, palette[index])),
    )


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def main():
    source, target = sys.argv[1:3]
    width, height, rows, channels = read_png(source)
    counts = colour_counts(rows, channels)
    palette = sorted(counts, key=counts.get, reverse=True)[:PALETTE_SIZE]
    index_of = {colour: index for index, colour in enumerate(palette)}
    for colour in counts:
        if colour not in index_of:
            index_of[colour] = nearest(colour, palette)
    raw = bytearray()
    for row in rows:
        raw.append(0)
        raw.extend(index_of[row[x : x + 3]] for x in range(0, len(row), channels))
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
    png += chunk(b"PLTE", b"".join(palette))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    png += chunk(b"IEND", b"")
    Path(target).write_bytes(png)
    print(f"{target}: {width}x{height}, {len(palette)} colours, {len(png)} bytes")


if __name__ == "__main__":
    main()
