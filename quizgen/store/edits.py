"""A learner's edits and flags on cards: stored beside the generated card, never in it.

The `cards` row keeps what the article says (a rebuild may rewrite it); `card_edits`
keeps what the learner wrote instead, column by column (NULL: the generated text
stands), and `card_flags` the cards a learner rejected. Every reader of a card the
learner sees (the study queue, the exports, the browser) lays the edit over the row
with `with_edit`, so the learner's text is what is studied and exported.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quizgen.store import write_transaction

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database

EDITED_COLUMNS = (
    "question",
    "answer",
    "accepted",
    "distractors",
    "date_start",
    "date_end",
    "date_precision",
)
"""The card columns a learner's edit can replace (accepted and distractors as JSON lists)."""

EDIT_SELECT = ", ".join(f"e.{column} AS edit_{column}" for column in EDITED_COLUMNS)
"""Edit columns for a `LEFT JOIN card_edits e ON e.card_id = c.id`, read by `with_edit`."""

EDIT_JOIN = "LEFT JOIN card_edits e ON e.card_id = c.id"

NOT_FLAGGED = "id NOT IN (SELECT card_id FROM card_flags)"
"""SQL: the card (its `id`) is not flagged; every queue holds only such cards."""


@dataclass(frozen=True)
class StoredEdit:
    """One card's edit row: the replaced columns (None = generated text), and its mark."""

    card_id: str
    columns: dict[str, str | None]
    base_answer: str | None
    source_answer: str | None
    edited_at: str

    @property
    def outdated(self) -> bool:
        """The article's answer changed since the learner edited the card."""
        return self.source_answer is not None


def with_edit(row: dict[str, Any], edit: dict[str, Any] | None = None) -> dict[str, Any]:
    """The card row as the learner sees it: each edited column laid over the generated one.

    `edit` is an edit row (columns named as in `cards`); without one, the `edit_*`
    columns of a query using EDIT_SELECT are read (and dropped) instead.
    """
    seen = {key: value for key, value in row.items() if not key.startswith("edit_")}
    for column in EDITED_COLUMNS:
        value = edit.get(column) if edit is not None else row.get(f"edit_{column}")
        if value is not None:
            seen[column] = value
    seen["edited"] = any(
        (edit.get(column) if edit is not None else row.get(f"edit_{column}")) is not None
        for column in EDITED_COLUMNS
    )
    return seen


def edit_of(db: Database, card_id: str) -> StoredEdit | None:
    """The learner's edit of one card, or None."""
    cursor = db.execute("SELECT * FROM card_edits WHERE card_id = ?", [card_id])
    row = cursor.fetchone()
    if row is None:
        return None
    record = dict(zip([d[0] for d in cursor.description], row, strict=True))
    return _stored(record)


def _stored(record: dict[str, Any]) -> StoredEdit:
    return StoredEdit(
        card_id=record["card_id"],
        columns={column: record.get(column) for column in EDITED_COLUMNS},
        base_answer=record.get("base_answer"),
        source_answer=record.get("source_answer"),
        edited_at=record.get("edited_at") or "",
    )


def edits_of_cards(db: Database, card_ids: Collection[str]) -> dict[str, StoredEdit]:
    """The edits of these cards (a rebuild's article), by card id."""
    if not card_ids:
        return {}
    marks = ",".join("?" * len(card_ids))
    cursor = db.execute(f"SELECT * FROM card_edits WHERE card_id IN ({marks})", list(card_ids))
    names = [d[0] for d in cursor.description]
    records = [dict(zip(names, row, strict=True)) for row in cursor]
    return {record["card_id"]: _stored(record) for record in records}


def save_edit(
    db: Database, card_id: str, columns: dict[str, str | None], base_answer: str, stamp: str
) -> None:
    """Store a learner's edit (None columns keep the generated text); no edited column left
    removes the edit. Saving clears the "article changed" mark: the learner has looked."""
    with write_transaction(db):
        if all(columns.get(column) is None for column in EDITED_COLUMNS):
            db.execute("DELETE FROM card_edits WHERE card_id = ?", [card_id])
            return
        values = [columns.get(column) for column in EDITED_COLUMNS]
        db.execute(
            f"INSERT OR REPLACE INTO card_edits (card_id, {', '.join(EDITED_COLUMNS)},"
            " base_answer, source_answer, edited_at)"
            f" VALUES (?, {', '.join('?' * len(EDITED_COLUMNS))}, ?, NULL, ?)",
            [card_id, *values, base_answer, stamp],
        )


def keep_edit_over_new_answer(
    db: Database, card_id: str, pinned: dict[str, str | None], source_answer: str | None
) -> None:
    """A rebuild found the article's answer changed under an edit: the learner's text is
    pinned (`pinned` columns, those the edit did not replace yet) and the card marked with
    what the article says now. The caller holds the build's transaction."""
    sets = ", ".join(f"{column} = COALESCE({column}, ?)" for column in pinned)
    prefix = f"{sets}, " if sets else ""
    db.execute(
        f"UPDATE card_edits SET {prefix}source_answer = ? WHERE card_id = ?",
        [*pinned.values(), source_answer, card_id],
    )


def clear_outdated_mark(db: Database, card_id: str) -> None:
    """The article says again what the edit was made against: no mark. Caller's transaction."""
    db.execute("UPDATE card_edits SET source_answer = NULL WHERE card_id = ?", [card_id])


def flag_card(db: Database, card_id: str, reason: str, stamp: str) -> None:
    """Flag a card as bad (a new reason replaces the old one); it leaves every queue."""
    with write_transaction(db):
        db.execute(
            "INSERT OR REPLACE INTO card_flags (card_id, reason, flagged_at) VALUES (?, ?, ?)",
            [card_id, reason, stamp],
        )


def unflag_card(db: Database, card_id: str) -> bool:
    """Take a flag back; False if the card was not flagged."""
    with write_transaction(db):
        return db.execute("DELETE FROM card_flags WHERE card_id = ?", [card_id]).rowcount > 0


def flag_of(db: Database, card_id: str) -> tuple[str, str] | None:
    """(reason, flagged at) of a flagged card, or None."""
    row = db.execute(
        "SELECT reason, flagged_at FROM card_flags WHERE card_id = ?", [card_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def flagged_by_article(db: Database) -> list[tuple[str, str, str, str, str, str]]:
    """(article title, article path, card id, question, answer, reason) of every flagged
    card, by article then build order: what learners rejected, for `quiz build --report`."""
    return db.execute(
        "SELECT COALESCE(a.title, c.source_title), COALESCE(a.path, c.source_path), c.id,"
        " c.question, c.answer, f.reason FROM card_flags f JOIN cards c ON c.id = f.card_id"
        " LEFT JOIN articles a ON a.id = c.article_id ORDER BY 1, c.rowid"
    ).fetchall()
