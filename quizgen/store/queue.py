"""The study queue's reads: deck counts, the cards due today, one card to show.

Cards are "active" while their fact exists (`status`) and not suspended by the
learner; every query here leaves the others out. New cards have NULL `due` and
NULL `fsrs_state`, which lets the (deck, status, suspended, due) index serve
the new-card query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

from quizgen.store.card_state import LEARNING_SQL, PASSING_RATING, REVIEW

ACTIVE = "status = 'active' AND suspended = 0"
_ACTIVE_C = "c.status = 'active' AND c.suspended = 0"
_CARD_WITH_TITLE = (
    "SELECT c.*, a.title AS article_title FROM cards c LEFT JOIN articles a ON a.id = c.article_id"
)


def _scope(deck: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause of active cards, of one deck or all."""
    if deck is None:
        return ACTIVE, []
    return f"deck = ? AND {ACTIVE}", [deck]


def deck_counts(db: Database, day_end: str) -> list[tuple[str, int, int, int, int]]:
    """Per deck, by name: (name, new, learning, reviews due before `day_end`, total)."""
    rows = db.execute(
        "SELECT d.name,"
        " SUM(c.fsrs_state IS NULL),"
        f" SUM(c.fsrs_state IN {LEARNING_SQL}),"
        f" SUM(c.fsrs_state = {REVIEW} AND c.due < ?),"
        " COUNT(c.id)"
        f" FROM decks d LEFT JOIN cards c ON c.deck = d.name AND {_ACTIVE_C}"
        " GROUP BY d.name ORDER BY d.name",
        [day_end],
    ).fetchall()
    return [(name, *(int(value or 0) for value in counts)) for name, *counts in rows]


def new_card_ids(db: Database, deck: str | None, limit: int) -> list[str]:
    """Up to `limit` never-studied cards, in build order."""
    where, params = _scope(deck)
    return [
        row[0]
        for row in db.execute(
            f"SELECT id FROM cards WHERE {where} AND due IS NULL AND fsrs_state IS NULL"
            " ORDER BY rowid LIMIT ?",
            [*params, limit],
        )
    ]


def due_review_ids(db: Database, deck: str | None, before: str, limit: int) -> list[str]:
    """Up to `limit` review-state cards due before `before`, most overdue first."""
    where, params = _scope(deck)
    return [
        row[0]
        for row in db.execute(
            f"SELECT id FROM cards WHERE {where} AND due < ? AND fsrs_state = {REVIEW}"
            " ORDER BY due LIMIT ?",
            [*params, before, limit],
        )
    ]


def learning_cards(db: Database, deck: str | None) -> list[tuple[str, str]]:
    """(id, due) of every card in a learning or relearning step."""
    where, params = _scope(deck)
    return db.execute(
        f"SELECT id, due FROM cards WHERE {where} AND fsrs_state IN {LEARNING_SQL}", params
    ).fetchall()


def active_among(db: Database, deck: str | None, card_ids: Sequence[str]) -> set[str]:
    """Which of `card_ids` are still active and unsuspended (in `deck`, when given)."""
    where, params = _scope(deck)
    placeholders = ",".join("?" * len(card_ids)) or "NULL"
    return {
        row[0]
        for row in db.execute(
            f"SELECT id FROM cards WHERE {where} AND id IN ({placeholders})",
            [*params, *card_ids],
        )
    }


def card_to_show(db: Database, card_id: str) -> dict[str, Any] | None:
    """One active, unsuspended card's row with its article's title, or None."""
    cursor = db.execute(f"{_CARD_WITH_TITLE} WHERE c.id = ? AND {_ACTIVE_C}", [card_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def card_row(db: Database, card_id: str) -> dict[str, Any] | None:
    """A card's whole row, whatever its status, or None if there is no such card."""
    cursor = db.execute("SELECT * FROM cards WHERE id = ?", [card_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def next_due_after(db: Database, deck: str | None, moment: str) -> str | None:
    """The earliest due time after `moment` among the active cards (of `deck`)."""
    where, params = _scope(deck)
    row = db.execute(
        f"SELECT MIN(due) FROM cards WHERE {where} AND due > ?", [*params, moment]
    ).fetchone()
    return row[0] if row and row[0] else None


def session_figures(db: Database, session_id: int) -> tuple[int, int, int, int, int]:
    """(answers, passed, correct, graded, milliseconds spent) of one session's reviews."""
    row = db.execute(
        f"SELECT COUNT(*), SUM(rating >= {PASSING_RATING}), SUM(verdict = 'correct'),"
        " SUM(verdict IS NOT NULL), SUM(COALESCE(duration_ms, 0))"
        " FROM reviews WHERE session_id = ?",
        [session_id],
    ).fetchone()
    return tuple(int(value or 0) for value in row)  # type: ignore[return-value]


def has_cards(db: Database) -> bool:
    """Whether any card was ever built (an empty database is built from the seeds first)."""
    return db.execute("SELECT 1 FROM cards LIMIT 1").fetchone() is not None
