"""Exports: the cards of the database in formats other tools read, by format name.

`jsonl` is a public contract (one card per line, exactly the keys documented in
the README). Each format is one module (jsonl, csv, anki) writing through
quizgen.export.output; this module only names them.
"""

from __future__ import annotations

from collections.abc import Callable

from quizgen.export.anki import export_apkg
from quizgen.export.csv import export_csv
from quizgen.export.jsonl import card_record, export_jsonl
from quizgen.export.output import ExportError, selected_cards

__all__ = [
    "EXPORTERS",
    "ExportError",
    "card_record",
    "export_apkg",
    "export_csv",
    "export_jsonl",
    "selected_cards",
]

EXPORTERS: dict[str, Callable[..., int]] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "apkg": export_apkg,
}
"""Format name -> exporter(db, deck=, out=) returning the number of cards written."""
