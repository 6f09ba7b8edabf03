"""`quiz export`: cards out of the database, in formats other tools read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizgen.export import EXPORTERS, ExportError
from quizgen.store import open_database


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export",
        help="export cards (jsonl, ...)",
        description="Write cards to standard output or --out FILE.",
    )
    parser.add_argument("--format", choices=sorted(EXPORTERS), default="jsonl")
    parser.add_argument("--db", metavar="PATH", help="database file")
    parser.add_argument("--deck", metavar="NAME", help="only this deck")
    parser.add_argument("--out", metavar="FILE", type=Path, help="output file (default: stdout)")
    return parser


def run(args: argparse.Namespace) -> int:
    db = open_database(args.db, create=False)
    exporter = EXPORTERS[args.format]
    try:
        count = exporter(db, deck=args.deck, out=args.out)
    except ExportError as error:
        print(f"quiz export: {error}", file=sys.stderr)
        return 2
    if args.out:
        print(f"Exported {count} cards to {args.out}", file=sys.stderr)
    return 0
