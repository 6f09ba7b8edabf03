"""`quiz export`: cards out of the database, in formats other tools read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("apkg", "csv", "jsonl")
"""The names in quizgen.export.common.EXPORTERS, spelled out so `quiz export --help` need not
import the exporters (and sqlite-utils, numpy...) just to list them; a test keeps
the two in step."""

APKG_MODES = ("typed", "choice", "flip", "type")
"""quizgen.export.anki_note_types.ANKI_MODES, and `type` as `quiz study --mode` spells it."""

FORMAT_OPTIONS = {"mode": "apkg", "with_scheduling": "apkg", "no_bom": "csv"}
"""Each format-specific option and the one format it applies to."""


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
    parser.add_argument(
        "--mode",
        choices=APKG_MODES,
        metavar="typed|choice|flip",
        help="apkg: the Anki note types, by way of answering (default: the answer_mode setting)",
    )
    parser.add_argument(
        "--with-scheduling",
        action="store_true",
        help="apkg: carry each card's due date and interval into Anki",
    )
    parser.add_argument(
        "--no-bom",
        action="store_true",
        help="csv: no UTF-8 byte-order mark at the start (spreadsheets need it, pipes may not)",
    )
    return parser


def _misplaced_option(args: argparse.Namespace) -> str | None:
    """The usage error of an option given with a format it does not apply to."""
    for name, fmt in FORMAT_OPTIONS.items():
        value = getattr(args, name, None)
        if value not in (None, False) and args.format != fmt:
            flag = "--" + name.replace("_", "-")
            return f"{flag} applies to --format {fmt} only"
    return None


def _format_options(args: argparse.Namespace, db) -> dict[str, object]:
    """The exporter's own keyword arguments for the chosen format."""
    if args.format == "apkg":
        from quizgen.study.settings import get_setting

        mode = args.mode if args.mode is not None else get_setting(db, "answer_mode")
        return {"mode": mode, "with_scheduling": args.with_scheduling}
    if args.format == "csv":
        return {"bom": not args.no_bom}
    return {}


def run(args: argparse.Namespace) -> int:
    from quizgen.core.terminal_text import printable
    from quizgen.export.formats import exporter_for
    from quizgen.export.output import ExportError
    from quizgen.store import open_database

    misplaced = _misplaced_option(args)
    if misplaced is not None:
        print(f"quiz export: {misplaced}", file=sys.stderr)
        return 2
    db = open_database(args.db, create=False, defer_library=True)
    exporter = exporter_for(args.format)
    damaged: list[str] = []

    def on_damaged(line: str) -> None:
        damaged.append(line)
        print(printable(f"quiz export: {line}"), file=sys.stderr)

    try:
        count = exporter(
            db,
            deck=args.deck,
            out=args.out,
            on_damaged=on_damaged,
            **_format_options(args, db),
        )
    except ExportError as error:
        print(printable(f"quiz export: {error}"), file=sys.stderr)
        return 2
    if args.out:
        print(printable(f"Exported {count} cards to {args.out}"), file=sys.stderr)
    return 1 if damaged else 0
