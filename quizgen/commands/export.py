"""`quiz export`: cards out of the database, in formats other tools read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("apkg", "csv", "jsonl")
"""The names in quizgen.export.common.EXPORTERS, spelled out so `quiz export --help` need not
import the exporters (and sqlite-utils, numpy...) just to list them; a test keeps
the two in step."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export",
        help="export cards (jsonl, ...)",
        description="Write cards to standard output or --out FILE.",
    )
    parser.add_argument("--format", choices=FORMATS, default="jsonl")
    parser.add_argument("--db", metavar="PATH", help="database file")
    parser.add_argument("--deck", metavar="NAME", help="only this deck")
    parser.add_argument("--out", metavar="FILE", type=Path, help="output file (default: stdout)")
    return parser


def run(args: argparse.Namespace) -> int:
    from quizgen.core.terminal_text import printable
    from quizgen.export.formats import exporter_for
    from quizgen.export.output import ExportError
    from quizgen.store import open_database

    db = open_database(args.db, create=False)
    exporter = exporter_for(args.format)
    damaged: list[str] = []

    def on_damaged(line: str) -> None:
        damaged.append(line)
        print(printable(f"quiz export: {line}"), file=sys.stderr)

    try:
        count = exporter(db, deck=args.deck, out=args.out, on_damaged=on_damaged)
    except ExportError as error:
        print(printable(f"quiz export: {error}"), file=sys.stderr)
        return 2
    if args.out:
        print(printable(f"Exported {count} cards to {args.out}"), file=sys.stderr)
    return 1 if damaged else 0
