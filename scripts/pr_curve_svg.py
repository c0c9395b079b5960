"""Draws benches/pr-curve.tsv (set, recall_bias, precision, recall, f1) as
an SVG: one line per set through the dial's settings, the default (0)
marked. Plain SVG, no plotting library."""

import csv
import sys
from collections import defaultdict

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
WIDTH, HEIGHT, MARGIN = 640, 480, 60
LOW = 0.5  # axes from 0.5 to 1.0


def point(recall, precision):
    x = MARGIN + (recall - LOW) / (1 - LOW) * (WIDTH - 2 * MARGIN)
    y = HEIGHT - MARGIN - (precision - LOW) / (1 - LOW) * (HEIGHT - 2 * MARGIN)
    return x, y


def main(table, output):
    curves = defaultdict(list)
    with open(table) as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            curves[row["set"]].append(
                (float(row["recall_bias"]), float(row["recall"]), float(row["precision"]))
            )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{WIDTH / 2}" y="24" text-anchor="middle" font-size="15">'
        "newsclip --recall-bias −1 … 1: precision against recall (HTML dev sets)</text>",
    ]
    for tick in [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]:
        x, _ = point(tick, LOW)
        _, y = point(LOW, tick)
        parts.append(f'<line x1="{x}" y1="{MARGIN}" x2="{x}" y2="{HEIGHT - MARGIN}" stroke="#ddd"/>')
        parts.append(f'<line x1="{MARGIN}" y1="{y}" x2="{WIDTH - MARGIN}" y2="{y}" stroke="#ddd"/>')
        parts.append(f'<text x="{x}" y="{HEIGHT - MARGIN + 16}" text-anchor="middle">{tick:.1f}</text>')
        parts.append(f'<text x="{MARGIN - 8}" y="{y + 4}" text-anchor="end">{tick:.1f}</text>')
    parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT - 16}" text-anchor="middle">recall</text>')
    parts.append(
        f'<text x="16" y="{HEIGHT / 2}" text-anchor="middle" '
        f'transform="rotate(-90 16 {HEIGHT / 2})">precision</text>'
    )
    for number, (name, points) in enumerate(sorted(curves.items())):
        colour = COLOURS[number % len(COLOURS)]
        points.sort()
        path = " ".join("%.1f,%.1f" % point(r, p) for _, r, p in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for bias, recall, precision in points:
            x, y = point(recall, precision)
            radius = 5 if bias == 0 else 2.5
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}"/>')
        legend_y = HEIGHT - MARGIN - 16 * (len(curves) - number)
        parts.append(f'<rect x="{MARGIN + 12}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{MARGIN + 28}" y="{legend_y}">{name}</text>')
    parts.append(
        f'<text x="{WIDTH - MARGIN}" y="{MARGIN - 8}" text-anchor="end">'
        "large dot: the default (0); left end −1, right end 1</text>"
    )
    parts.append("</svg>")
    with open(output, "w") as handle:
        handle.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
