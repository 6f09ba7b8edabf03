"""The two statements quizgen writes into the Anki collection inside an `.apkg` itself.

genanki writes the package's collection (an SQLite file of its own, not quizgen's
database); it gives every card Anki's "new" scheduling and dates the collection in
2014. An export that carries suspension and scheduling needs each card's row as
quizgen decides it, and the collection's creation moment at the learner's day
start, because Anki counts a review card's due date in days since that moment.
They live here because quizgen runs SQL only in quizgen.store; the cursor is
genanki's, handed over while it writes the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ANKI_CARD_COLUMNS = (
    "id",
    "nid",
    "did",
    "ord",
    "mod",
    "usn",
    "type",
    "queue",
    "due",
    "ivl",
    "factor",
    "reps",
    "lapses",
    "left",
    "odue",
    "odid",
    "flags",
    "data",
)
"""The `cards` table of Anki's collection (schema 11, the one genanki writes), in order."""


def insert_anki_card(cursor: Any, row: Mapping[str, Any]) -> None:
    """One row of the package's `cards` table; columns missing from `row` are 0 ("" for data)."""
    values = [row.get(column, "" if column == "data" else 0) for column in ANKI_CARD_COLUMNS]
    placeholders = ",".join("?" * len(ANKI_CARD_COLUMNS))
    cursor.execute(f"INSERT INTO cards VALUES({placeholders})", values)


def set_anki_collection_start(cursor: Any, creation_seconds: int) -> None:
    """Date the package's collection (`col.crt`, Unix seconds): day 0 of its review due dates."""
    cursor.execute("UPDATE col SET crt = ?", [creation_seconds])
