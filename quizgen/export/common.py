"""Exports: the cards of the database in formats other tools read.

`jsonl` is a public contract (one card per line, exactly the keys documented in
the README); tests and other tools parse it, so change it only on purpose.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlite_utils import Database

from quizgen.export.anki import export_apkg
from quizgen.export.csv import export_csv
from quizgen.store.cards import card_from_row


class ExportError(Exception):
    """The export cannot be made (unknown deck, unwritable file)."""


def selected_rows(db: Database, deck: str | None) -> Iterator[dict[str, Any]]:
    """Active cards, optionally of one deck, in a stable order.

    An unknown deck raises ExportError here, before any output file is opened.
    """
    order = "ORDER BY deck, article_id, rowid"
    if deck is None:
        return db.query(f"SELECT * FROM cards WHERE status = 'active' {order}")
    if not db.execute("SELECT 1 FROM decks WHERE name = ?", [deck]).fetchone():
        raise ExportError(f"no deck named {deck!r}")
    return db.query(f"SELECT * FROM cards WHERE status = 'active' AND deck = ? {order}", [deck])


def card_record(row: dict[str, Any]) -> dict[str, Any]:
    """One card in the public JSONL shape."""
    card = card_from_row(row)
    record: dict[str, Any] = {
        "id": card.id,
        "deck": card.deck,
        "kind": card.kind,
        "question": card.question,
        "answer": card.answer,
        "accepted": list(card.accepted),
        "distractors": list(card.distractors),
        "source": {
            "path": card.source.path,
            "title": card.source.title,
            "section": card.source.section,
            "text": card.source.text,
        },
    }
    if card.kind == "dated" and card.date is not None:
        record["date"] = {
            "start": card.date.start.isoformat(),
            "end": card.date.end.isoformat(),
            "precision": card.date.precision,
        }
    return record


@contextmanager
def _output(out: Path | None, *, newline: str | None = None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    try:
        handle = out.open("w", encoding="utf-8", newline=newline)
    except OSError as error:
        raise ExportError(f"{out}: cannot write ({error.strerror or error})") from None
    with handle:
        yield handle


def export_jsonl(db: Database, *, deck: str | None = None, out: Path | None = None) -> int:
    rows = selected_rows(db, deck)
    count = 0
    with _output(out) as handle:
        for row in rows:
            handle.write(json.dumps(card_record(row), ensure_ascii=False) + "\n")
            count += 1
    return count


EXPORTERS: dict[str, Callable[..., int]] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "apkg": export_apkg,
}
"""Format name -> exporter(db, deck=, out=) returning the number of cards written."""
