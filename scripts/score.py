#!/usr/bin/env python3
"""Score newsclip's JSON Lines output against gold data.

The ``extract`` example binary prints one JSON object per input file and line
(``path``, ``title``, ``text``, ``lines`` with per-line labels, ``error``, ...).
This script scores that output in two ways.

Usage::

    # per-line labels, body text and title against the hand-labelled seeds
    python3 scripts/score.py seeds OUT.jsonl --seeds ../shared/data/seeds [--check]

    # body text against an article-extraction benchmark
    python3 scripts/score.py bench OUT.jsonl --gold ../shared/data/scrapinghub [--worst N]
    python3 scripts/score.py bench OUT.jsonl --gold ../shared/data/wcxb-articles-dev

``OUT.jsonl`` may be ``-`` to read standard input, e.g.::

    cargo run --release --example extract -- --format json ../shared/data/seeds/*.txt \\
        | python3 scripts/score.py seeds - --seeds ../shared/data/seeds --check

seeds
    Each ``NAME.txt`` in the seeds folder has a ``NAME.labels`` file with one
    row per line (``LABEL[\\tROLE[\\tNOTE]]``, see the folder's README). A record
    belongs to the seed whose NAME is the basename of its ``path`` without
    ``.txt``. Over all non-blank lines it reports line accuracy (a line missing
    from ``lines`` counts as wrong) and per-class precision, recall and F1; per
    page the accuracy, the shingle F1 of ``text`` against the gold body (the
    ``body`` lines minus the ``title`` line, joined by newlines) and whether the
    title is right. With ``--check`` it exits 1 when accuracy < 0.97, any class
    F1 < 0.90, any page's shingle F1 < 0.98 or any title is wrong.

bench
    ``--gold`` is a folder with ``ground-truth.json`` (``id -> {articleBody}``,
    the scrapinghub layout) or with ``ground-truth/<id>.json`` files
    (``ground_truth.main_content``, the WCXB layout). A record's id is the
    page whose gold ``url`` is the record's ``url`` (records from a WARC
    archive, or from ``--stream``), else the basename of its ``path`` with
    every extension stripped. Records without
    gold are counted and ignored; gold pages without a record, and records
    with ``error`` set, count as empty predictions. It prints corpus F1,
    precision and recall and the worst pages by page F1.

snippets
    ``--gold`` is a WCXB folder (``ground-truth/<id>.json``), whose pages list
    sentences the article must hold (``with``) and boilerplate it must not
    (``without``): the way trafilatura's own benchmark scores extractors. A
    ``with`` snippet found in the record's text is a true positive, one
    missing a false negative; a ``without`` snippet found is a false
    positive. Counts are pooled over all pages (as trafilatura's evaluation
    does); precision = tp/(tp+fp), recall = tp/(tp+fn). A snippet is found
    when its tokens (the body-text metric's, below) are a run of the text's
    tokens (its first and last token may be parts of words: snippets are
    cut to a length, mid-word): the gold's snippets have their typography normalised (straight
    quotes, ``-`` for dashes, a space before some full stops), so comparing
    characters would count a kept sentence as lost.

The body-text metric (DESIGN.md): tokens are the matches of the Unicode regex
``\\w+``, compared as they are; a page's text is the multiset of its 4-token
shingles (a text of 1-3 tokens is one shingle, an empty text has none).
tp = sum of the smaller counts, fp / fn = excess predicted / gold shingles.
Page precision is 1 when fp = fn = 0, 0 when tp = fp = 0, else tp/(tp+fp);
recall likewise with fn. Corpus precision is the mean page precision over
pages with tp+fp > 0, corpus recall the mean page recall over pages with
tp+fn > 0, and F1 = 2PR/(P+R).

Tokenizing uses the third-party ``regex`` module when it is installed (its
``\\w`` is Unicode's: letters, marks, digits, connector punctuation, like Rust's
``regex``), otherwise the standard ``re`` module, whose ``\\w`` does not match
combining marks. The report names the one used.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

try:
    import regex as _re

    TOKENIZER = "regex"
except ImportError:  # pragma: no cover - depends on the machine
    import re as _re

    TOKENIZER = "re"

WORD = _re.compile(r"\w+")
SHINGLE_SIZE = 4

CLASSES = ("body", "caption", "navigation", "related")
BLANK = "blank"
TITLE_ROLE = "title"

# --check floors for the seeds.
MIN_ACCURACY = 0.97
MIN_CLASS_F1 = 0.90
MIN_PAGE_SHINGLE_F1 = 0.98

DEFAULT_WORST = 10


class ScoreError(Exception):
    """Bad input: unreadable JSONL, missing or malformed gold."""


# ---------------------------------------------------------------------------
# The body-text metric
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PageCounts:
    """Shingle overlap of one page's prediction with its gold."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp == 0 and self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


def harmonic_mean(p: float, r: float) -> float:
    """F1 of a precision and a recall; 0 when both are 0."""
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def tokenize(text: str) -> list[str]:
    """The ``\\w+`` tokens of ``text``, unchanged."""
    return WORD.findall(text)


def shingles(text: str) -> Counter:
    """Multiset of consecutive 4-token shingles; 1-3 tokens make one shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE_SIZE:
        return Counter([tuple(tokens)])
    return Counter(
        tuple(tokens[i : i + SHINGLE_SIZE])
        for i in range(len(tokens) - SHINGLE_SIZE + 1)
    )


def compare_text(predicted: str, gold: str) -> PageCounts:
    """Shingle tp / fp / fn of a predicted text against the gold text."""
    pred, ref = shingles(predicted), shingles(gold)
    tp = sum((pred & ref).values())
    return PageCounts(tp=tp, fp=sum(pred.values()) - tp, fn=sum(ref.values()) - tp)


@dataclass(frozen=True)
class CorpusScore:
    """Corpus precision, recall and F1 as the design notes define them."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def corpus_score(pages: Iterable[PageCounts]) -> CorpusScore:
    """Mean page precision over pages with tp+fp > 0, recall over tp+fn > 0."""
    pages = list(pages)
    return CorpusScore(
        precision=mean([p.precision for p in pages if p.tp + p.fp > 0]),
        recall=mean([p.recall for p in pages if p.tp + p.fn > 0]),
    )


# ---------------------------------------------------------------------------
# Reading records
# ---------------------------------------------------------------------------


def read_records(source: str) -> list[dict]:
    """Parse JSON Lines from a file path or ``-`` (stdin); blank lines skipped."""
    if source == "-":
        return list(parse_jsonl(sys.stdin, "<stdin>"))
    try:
        with open(source, encoding="utf-8") as handle:
            return list(parse_jsonl(handle, source))
    except OSError as err:
        raise ScoreError(f"cannot read {source}: {err}") from err


def parse_jsonl(lines: Iterable[str], name: str) -> Iterator[dict]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ScoreError(f"{name}:{number}: invalid JSON: {err}") from err
        if not isinstance(record, dict) or not isinstance(record.get("path"), str):
            raise ScoreError(f"{name}:{number}: not an object with a string 'path'")
        yield record


def basename(path: str) -> str:
    """Last component of a path written with / or \\ separators."""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def record_text(record: dict) -> str:
    """The record's body text; empty when the record failed."""
    if record.get("error") is not None:
        return ""
    return record.get("text") or ""


def index_records(records: list[dict], key) -> tuple[dict[str, dict], int]:
    """Records by ``key(record)``; the first wins, duplicates are counted."""
    indexed: dict[str, dict] = {}
    duplicates = 0
    for record in records:
        name = key(record)
        if name in indexed:
            duplicates += 1
        else:
            indexed[name] = record
    return indexed, duplicates


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


# ---------------------------------------------------------------------------
# seeds
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldLine:
    number: int  # 1-based line number in NAME.txt
    text: str
    label: str
    role: str


@dataclass
class SeedPage:
    name: str
    lines: list[GoldLine]

    @property
    def content_lines(self) -> list[GoldLine]:
        return [line for line in self.lines if line.label != BLANK]

    @property
    def title(self) -> str | None:
        for line in self.lines:
            if line.role == TITLE_ROLE:
                return line.text
        return None

    @property
    def body_text(self) -> str:
        return "\n".join(
            line.text
            for line in self.lines
            if line.label == "body" and line.role != TITLE_ROLE
        )


def load_seeds(folder: Path) -> list[SeedPage]:
    """Every NAME.txt with its NAME.labels, sorted by name."""
    texts = sorted(folder.glob("*.txt"))
    if not texts:
        raise ScoreError(f"no *.txt seed pages in {folder}")
    return [load_seed(path) for path in texts]


def load_seed(text_path: Path) -> SeedPage:
    labels_path = text_path.with_suffix(".labels")
    try:
        text_lines = text_path.read_bytes().decode("utf-8").splitlines()
        rows = labels_path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as err:
        raise ScoreError(f"cannot read seed {text_path.stem}: {err}") from err
    if rows and rows[-1] == "":
        rows.pop()  # every row ends with a newline
    if len(rows) != len(text_lines):
        raise ScoreError(
            f"{labels_path}: {len(rows)} rows for {len(text_lines)} lines of {text_path.name}"
        )
    lines = []
    for number, (text, row) in enumerate(zip(text_lines, rows), start=1):
        label, role = parse_label_row(row, labels_path, number)
        lines.append(GoldLine(number=number, text=text, label=label, role=role))
    return SeedPage(name=text_path.stem, lines=lines)


def parse_label_row(row: str, path: Path, number: int) -> tuple[str, str]:
    columns = row.rstrip("\r").split("\t")
    label = columns[0]
    role = columns[1] if len(columns) > 1 else ""
    if label not in CLASSES and label != BLANK:
        raise ScoreError(f"{path}:{number}: unknown label {label!r}")
    return label, role


def seed_name(record: dict) -> str:
    name = basename(record["path"])
    return name[: -len(".txt")] if name.endswith(".txt") else name


def predicted_labels(record: dict | None, page: SeedPage) -> dict[int, str]:
    """Predicted label by line number; failed or missing records predict nothing."""
    if record is None or record.get("error") is not None:
        return {}
    labels: dict[int, str] = {}
    for entry in record.get("lines") or []:
        number, label = entry.get("line"), entry.get("label")
        if not isinstance(number, int) or number in labels:
            warn(f"{page.name}: bad or repeated line entry {entry.get('line')!r}")
            continue
        labels[number] = label
    return labels


def normalize_title(title: str | None) -> str | None:
    return " ".join(title.split()) if isinstance(title, str) else None


@dataclass
class SeedResult:
    name: str
    has_record: bool
    pairs: list[tuple[str, str | None]]  # (gold, predicted) per non-blank line
    text: PageCounts
    title_ok: bool | None  # None when the page has no title row

    @property
    def accuracy(self) -> float:
        return accuracy(self.pairs)


def accuracy(pairs: list[tuple[str, str | None]]) -> float:
    return sum(gold == pred for gold, pred in pairs) / len(pairs) if pairs else 1.0


def score_seed(page: SeedPage, record: dict | None) -> SeedResult:
    predicted = predicted_labels(record, page)
    pairs = [(line.label, predicted.get(line.number)) for line in page.content_lines]
    gold_title = page.title
    title_ok = None
    if gold_title is not None:
        got = None if record is None or record.get("error") is not None else record.get("title")
        title_ok = normalize_title(got) == normalize_title(gold_title)
    text = record_text(record) if record is not None else ""
    return SeedResult(
        name=page.name,
        has_record=record is not None,
        pairs=pairs,
        text=compare_text(text, page.body_text),
        title_ok=title_ok,
    )


@dataclass
class ClassScore:
    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.support == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 1.0

    @property
    def f1(self) -> float:
        return harmonic_mean(self.precision, self.recall)


def class_scores(pairs: list[tuple[str, str | None]]) -> list[ClassScore]:
    scores = {label: ClassScore(label) for label in CLASSES}
    for gold, pred in pairs:
        if gold == pred:
            scores[gold].tp += 1
            continue
        scores[gold].fn += 1
        if pred in scores:
            scores[pred].fp += 1
    return [scores[label] for label in CLASSES]


@dataclass
class SeedReport:
    pages: list[SeedResult]
    classes: list[ClassScore] = field(init=False)
    pairs: list[tuple[str, str | None]] = field(init=False)

    def __post_init__(self) -> None:
        self.pairs = [pair for page in self.pages for pair in page.pairs]
        self.classes = class_scores(self.pairs)

    @property
    def accuracy(self) -> float:
        return accuracy(self.pairs)

    def failures(self) -> list[str]:
        """Reasons the seeds fail the --check floors; empty when they pass."""
        found = []
        if self.accuracy < MIN_ACCURACY:
            found.append(f"line accuracy {self.accuracy:.4f} < {MIN_ACCURACY}")
        for cls in self.classes:
            if cls.f1 < MIN_CLASS_F1:
                found.append(f"{cls.label} F1 {cls.f1:.4f} < {MIN_CLASS_F1}")
        for page in self.pages:
            if page.text.f1 < MIN_PAGE_SHINGLE_F1:
                found.append(
                    f"{page.name}: shingle F1 {page.text.f1:.4f} < {MIN_PAGE_SHINGLE_F1}"
                )
            if page.title_ok is False:
                found.append(f"{page.name}: wrong title")
        return found


def print_seed_report(report: SeedReport) -> None:
    print(f"{'page':<24} {'lines':>5} {'acc':>7} {'text P':>7} {'text R':>7} {'text F1':>7}  title")
    for page in report.pages:
        title = "n/a" if page.title_ok is None else ("ok" if page.title_ok else "WRONG")
        note = "" if page.has_record else "  (no record)"
        print(
            f"{page.name:<24} {len(page.pairs):>5} {page.accuracy:>7.4f} "
            f"{page.text.precision:>7.4f} {page.text.recall:>7.4f} {page.text.f1:>7.4f}  {title}{note}"
        )
    print()
    print(f"{'class':<12} {'support':>7} {'P':>7} {'R':>7} {'F1':>7}")
    for cls in report.classes:
        print(f"{cls.label:<12} {cls.support:>7} {cls.precision:>7.4f} {cls.recall:>7.4f} {cls.f1:>7.4f}")
    print()
    print_confusion(report.pairs)
    print()
    titles = [p.title_ok for p in report.pages if p.title_ok is not None]
    print(f"line accuracy  {report.accuracy:.4f} ({len(report.pairs)} lines)")
    print(f"titles right   {sum(titles)}/{len(titles)}")
    print(f"min text F1    {min(p.text.f1 for p in report.pages):.4f}")
    print(f"tokenizer      {TOKENIZER}")


def print_confusion(pairs: list[tuple[str, str | None]]) -> None:
    """Gold label per row, predicted label per column ('-' = no prediction)."""
    counts = Counter(pairs)
    columns = list(CLASSES) + ["-"]
    print("gold \\ pred  " + " ".join(f"{c[:5]:>6}" for c in columns) + "  other")
    for gold in CLASSES:
        row = [counts[(gold, c)] for c in CLASSES] + [counts[(gold, None)]]
        other = sum(n for (g, p), n in counts.items() if g == gold and p not in CLASSES and p is not None)
        print(f"{gold:<12} " + " ".join(f"{n:>6}" for n in row) + f"  {other:>5}")


def run_seeds(args: argparse.Namespace) -> int:
    pages = load_seeds(Path(args.seeds))
    records, duplicates = index_records(read_records(args.output), seed_name)
    known = {page.name for page in pages}
    unmatched = sorted(set(records) - known)
    if duplicates:
        warn(f"{duplicates} duplicate record(s) ignored (first one kept)")
    if unmatched:
        warn(f"{len(unmatched)} record(s) match no seed page: {', '.join(unmatched[:5])}")
    report = SeedReport([score_seed(page, records.get(page.name)) for page in pages])
    print_seed_report(report)
    failures = report.failures()
    if args.check:
        print()
        print("check: " + ("FAILED" if failures else "passed"))
        for reason in failures:
            print(f"  - {reason}")
        return 1 if failures else 0
    return 0


# ---------------------------------------------------------------------------
# bench
# ---------------------------------------------------------------------------


def load_gold(location: Path) -> dict[str, str]:
    """Gold body text by page id, from either benchmark layout."""
    if location.is_file():
        return load_scrapinghub(location)
    if (location / "ground-truth.json").is_file():
        return load_scrapinghub(location / "ground-truth.json")
    if (location / "ground-truth").is_dir():
        return load_wcxb(location / "ground-truth")
    raise ScoreError(f"{location}: neither ground-truth.json nor ground-truth/ found")


def read_json(path: Path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, json.JSONDecodeError) as err:
        raise ScoreError(f"cannot read {path}: {err}") from err


def load_scrapinghub(path: Path) -> dict[str, str]:
    data = read_json(path)
    return {page_id: entry.get("articleBody") or "" for page_id, entry in data.items()}


def load_gold_urls(location: Path) -> dict[str, str]:
    """Page id by URL, where the gold names its pages' URLs (scrapinghub)."""
    path = location if location.is_file() else location / "ground-truth.json"
    if not path.is_file():
        return {}
    return {
        entry["url"]: page_id
        for page_id, entry in read_json(path).items()
        if isinstance(entry, dict) and isinstance(entry.get("url"), str)
    }


def load_wcxb(folder: Path) -> dict[str, str]:
    gold = {}
    for path in sorted(folder.glob("*.json")):
        truth = read_json(path).get("ground_truth") or {}
        gold[path.stem] = truth.get("main_content") or ""
    if not gold:
        raise ScoreError(f"{folder}: no *.json gold files")
    return gold


def page_id(record: dict, ids_by_url: dict[str, str] | None = None) -> str:
    """The gold page with the record's URL, else the basename of the
    record's path with every extension stripped."""
    url = record.get("url")
    if ids_by_url and isinstance(url, str) and url in ids_by_url:
        return ids_by_url[url]
    return basename(record["path"]).split(".", 1)[0]


@dataclass
class BenchPage:
    page_id: str
    counts: PageCounts


def run_bench(args: argparse.Namespace) -> int:
    gold = load_gold(Path(args.gold))
    ids_by_url = load_gold_urls(Path(args.gold))
    records, duplicates = index_records(
        read_records(args.output), lambda record: page_id(record, ids_by_url)
    )
    unknown = [pid for pid in records if pid not in gold]
    missing = [pid for pid in gold if pid not in records]
    failed = [pid for pid, rec in records.items() if pid in gold and rec.get("error") is not None]
    pages = [
        BenchPage(pid, compare_text(record_text(records[pid]) if pid in records else "", text))
        for pid, text in sorted(gold.items())
    ]
    score = corpus_score(page.counts for page in pages)

    print(f"gold           {args.gold}")
    print(f"pages          {len(pages)}")
    print(f"F1             {score.f1:.4f}")
    print(f"precision      {score.precision:.4f}")
    print(f"recall         {score.recall:.4f}")
    print(f"no record      {len(missing)} (scored as empty)")
    print(f"with error     {len(failed)} (scored as empty)")
    print(f"without gold   {len(unknown)} record(s) ignored")
    if duplicates:
        print(f"duplicates     {duplicates} record(s) ignored (first one kept)")
    print(f"tokenizer      {TOKENIZER}")
    print_worst(pages, args.worst)
    if args.min_f1 is not None and score.f1 < args.min_f1:
        print(f"FAIL: F1 {score.f1:.4f} is below the floor {args.min_f1:.4f}")
        return 1
    return 0


def print_worst(pages: list[BenchPage], count: int) -> None:
    if count <= 0:
        return
    worst = sorted(pages, key=lambda page: (page.counts.f1, page.page_id))[:count]
    print()
    print(f"worst {len(worst)} pages by F1")
    width = max([len(page.page_id) for page in worst] + [2])
    print(f"{'id':<{width}} {'P':>7} {'R':>7} {'F1':>7}")
    for page in worst:
        c = page.counts
        print(f"{page.page_id:<{width}} {c.precision:>7.4f} {c.recall:>7.4f} {c.f1:>7.4f}")


def load_snippets(location: Path) -> dict[str, tuple[list[str], list[str]]]:
    """``id -> (with, without)`` of a WCXB folder (lists stored as JSON
    lists or as their Python spelling)."""
    folder = location / "ground-truth"
    if not folder.is_dir():
        raise ScoreError(f"{location}: no ground-truth/ folder (snippets need the WCXB layout)")
    snippets = {}
    for path in sorted(folder.glob("*.json")):
        truth = read_json(path).get("ground_truth") or {}
        snippets[path.stem] = (snippet_list(truth.get("with"), path), snippet_list(truth.get("without"), path))
    return snippets


def snippet_list(value, path: Path) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError) as err:
            raise ScoreError(f"{path}: unreadable snippet list: {err}") from err
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ScoreError(f"{path}: snippets are not a list of strings")
    return [token_run(item) for item in value if tokenize(item)]


def token_run(text: str) -> str:
    """The text's tokens, one space apart: ``a in b`` on two of them tells
    whether a's tokens are a run of b's (the first and last of a's may be
    parts of words: the gold's snippets are cut to a length, mid-word)."""
    return " ".join(tokenize(text))


def run_snippets(args: argparse.Namespace) -> int:
    snippets = load_snippets(Path(args.gold))
    ids_by_url = load_gold_urls(Path(args.gold))
    records, _ = index_records(read_records(args.output), lambda record: page_id(record, ids_by_url))
    tp = fn = fp = 0
    pages_missing_all = 0
    for pid, (wanted, unwanted) in sorted(snippets.items()):
        record = records.get(pid)
        text = token_run(record_text(record)) if record else ""
        found = sum(snippet in text for snippet in wanted)
        tp += found
        fn += len(wanted) - found
        fp += sum(snippet in text for snippet in unwanted)
        pages_missing_all += bool(wanted) and found == 0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = harmonic_mean(precision, recall)
    print(f"gold           {args.gold}")
    print(f"pages          {len(snippets)}")
    print(f"F1             {f1:.4f}")
    print(f"precision      {precision:.4f}")
    print(f"recall         {recall:.4f}")
    print(f"snippets       {tp} of {tp + fn} wanted found, {fp} unwanted found")
    print(f"none found     {pages_missing_all} page(s) with none of their wanted snippets")
    if args.min_f1 is not None and f1 < args.min_f1:
        print(f"FAIL: F1 {f1:.4f} is below the floor {args.min_f1:.4f}")
        return 1
    return 0


# ---------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Score newsclip JSON Lines output against gold data.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="See the module docstring for the metric.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    seeds = commands.add_parser("seeds", help="per-line labels, text and title on the labelled seeds")
    seeds.add_argument("output", help="JSON Lines from the extractor, or - for stdin")
    seeds.add_argument("--seeds", required=True, help="folder of NAME.txt / NAME.labels pairs")
    seeds.add_argument(
        "--check",
        action="store_true",
        help=f"exit 1 unless accuracy >= {MIN_ACCURACY}, every class F1 >= {MIN_CLASS_F1}, "
        f"every page text F1 >= {MIN_PAGE_SHINGLE_F1} and every title is right",
    )
    seeds.set_defaults(run=run_seeds)

    bench = commands.add_parser("bench", help="body-text shingle F1 on a benchmark")
    bench.add_argument("output", help="JSON Lines from the extractor, or - for stdin")
    bench.add_argument("--gold", required=True, help="benchmark folder (scrapinghub or WCXB layout)")
    bench.add_argument("--worst", type=int, default=DEFAULT_WORST, help="how many worst pages to list")
    bench.add_argument("--min-f1", type=float, help="exit 1 when corpus F1 is below this floor")
    bench.set_defaults(run=run_bench)

    snippet = commands.add_parser("snippets", help="wanted / unwanted snippets found (WCXB layout)")
    snippet.add_argument("output", help="JSON Lines from the extractor, or - for stdin")
    snippet.add_argument("--gold", required=True, help="WCXB benchmark folder")
    snippet.add_argument("--min-f1", type=float, help="exit 1 when F1 is below this floor")
    snippet.set_defaults(run=run_snippets)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ScoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
