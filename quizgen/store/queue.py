"""The study queue's reads: deck counts, the cards due today, one card to show.

Cards are "active" while their fact exists (`status`), not suspended and not
flagged as bad by the learner; every query here leaves the others out. New cards have NULL `due` and
NULL `fsrs_state`, which lets the (deck, status, suspended, due) index serve
the new-card query.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from quizgen.store.card_state import LEARNING_SQL, PASSING_RATING, REVIEW
from quizgen.store.edits import EDIT_JOIN, NOT_FLAGGED, edit_of, with_edit

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database

ACTIVE = f"status = 'active' AND suspended = 0 AND {NOT_FLAGGED}"
_ACTIVE_C = f"c.status = 'active' AND c.suspended = 0 AND c.{NOT_FLAGGED}"
_CARD_WITH_TITLE = (
    "SELECT c.*, a.title AS article_title FROM cards c LEFT JOIN articles a ON a.id = c.article_id"
)


def _scope(deck: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause of active cards, of one deck or all."""
    if deck is None:
        return ACTIVE, []
    return f"deck = ? AND {ACTIVE}", [deck]


def _not_in(ids: Collection[str]) -> tuple[str, list[Any]]:
    """An `AND id NOT IN (...)` clause leaving out `ids` (buried siblings), or nothing."""
    if not ids:
        return "", []
    return f" AND c.id NOT IN ({','.join('?' * len(ids))})", list(ids)


def deck_counts(
    db: Database, day_end: str, exclude: Collection[str] = ()
) -> list[tuple[str, int, int, int, int]]:
    """Per deck holding active cards, by name: (name, new, learning, reviews due before
    `day_end`, total unsuspended).

    `exclude` (buried siblings) is left out of the new and due counts. A deck whose cards
    were all retired by a rebuild is not listed.
    """
    hidden, params = _not_in(exclude)
    rows = db.execute(
        "SELECT d.name,"
        f" SUM(c.suspended = 0 AND c.fsrs_state IS NULL{hidden}),"
        f" SUM(c.suspended = 0 AND c.fsrs_state IN {LEARNING_SQL}),"
        f" SUM(c.suspended = 0 AND c.fsrs_state = {REVIEW} AND c.due < ?{hidden}),"
        " SUM(c.suspended = 0)"
        " FROM decks d JOIN cards c ON c.deck = d.name AND c.status = 'active'"
        f" AND c.{NOT_FLAGGED} GROUP BY d.name ORDER BY d.name",
        [*params, day_end, *params],
    ).fetchall()
    return [(name, *(int(value or 0) for value in counts)) for name, *counts in rows]


def suspended_counts(db: Database) -> dict[str, int]:
    """Per deck, how many of its active cards the learner suspended (decks with none left out)."""
    rows = db.execute(
        "SELECT deck, COUNT(*) FROM cards WHERE status = 'active' AND suspended != 0 GROUP BY deck"
    ).fetchall()
    return {deck: int(count) for deck, count in rows}


def new_card_ids(
    db: Database, deck: str | None, limit: int, exclude: Collection[str] = ()
) -> list[str]:
    """Up to `limit` never-studied cards, in build order, leaving out `exclude`."""
    where, params = _scope(deck)
    hidden, hidden_params = _not_in(exclude)
    return [
        row[0]
        for row in db.execute(
            f"SELECT c.id FROM cards c WHERE {where} AND due IS NULL AND fsrs_state IS NULL"
            f"{hidden} ORDER BY rowid LIMIT ?",
            [*params, *hidden_params, limit],
        )
    ]


def due_review_ids(
    db: Database, deck: str | None, before: str, limit: int, exclude: Collection[str] = ()
) -> list[str]:
    """Up to `limit` review-state cards due before `before`, most overdue first."""
    where, params = _scope(deck)
    hidden, hidden_params = _not_in(exclude)
    return [
        row[0]
        for row in db.execute(
            f"SELECT c.id FROM cards c WHERE {where} AND due < ? AND fsrs_state = {REVIEW}"
            f"{hidden} ORDER BY due LIMIT ?",
            [*params, before, *hidden_params, limit],
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
    """One active, unsuspended, unflagged card's row with its article's title, or None;
    the learner's edit, if any, laid over the generated text (what is studied)."""
    cursor = db.execute(f"{_CARD_WITH_TITLE} WHERE c.id = ? AND {_ACTIVE_C}", [card_id])
    row = cursor.fetchone()
    if row is None:
        return None
    record = dict(zip([d[0] for d in cursor.description], row, strict=True))
    edit = edit_of(db, card_id)
    return with_edit(record, edit.columns) if edit is not None else record


def card_row(db: Database, card_id: str) -> dict[str, Any] | None:
    """A card's whole row, whatever its status, or None if there is no such card."""
    cursor = db.execute("SELECT * FROM cards WHERE id = ?", [card_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def sibling_rows(
    db: Database, article_ids: Collection[str]
) -> list[tuple[str, str, str, str, str]]:
    """(id, article_id, section, source text, fact key) of the active cards of these
    articles: what siblings are told apart by (quizgen.study.siblings)."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    return db.execute(
        "SELECT id, article_id, COALESCE(source_section, ''), COALESCE(source_text, ''),"
        f" fact_key FROM cards WHERE status = 'active' AND article_id IN ({marks})",
        list(article_ids),
    ).fetchall()


def answers_of(db: Database, card_ids: Collection[str]) -> list[str]:
    """The answers of these cards."""
    if not card_ids:
        return []
    marks = ",".join("?" * len(card_ids))
    rows = db.execute(f"SELECT answer FROM cards WHERE id IN ({marks})", list(card_ids))
    return [row[0] for row in rows]


def article_of(db: Database, card_id: str) -> str | None:
    """The article id of one card."""
    row = db.execute("SELECT article_id FROM cards WHERE id = ?", [card_id]).fetchone()
    return row[0] if row else None


def articles_reviewed_between(db: Database, start: str, end: str) -> list[tuple[str, str]]:
    """(card id, article id) of every card reviewed between start and end."""
    return db.execute(
        "SELECT DISTINCT r.card_id, c.article_id FROM reviews r JOIN cards c ON c.id = r.card_id"
        " WHERE r.reviewed_at >= ? AND r.reviewed_at < ?",
        [start, end],
    ).fetchall()


def suspended_cards(db: Database, deck: str | None) -> list[dict[str, Any]]:
    """The active suspended cards (of `deck`), by deck then build order, in the text the
    learner sees (their edit over the generated question and answer)."""
    params: list[Any] = []
    where = "c.status = 'active' AND c.suspended != 0"
    if deck is not None:
        where += " AND c.deck = ?"
        params.append(deck)
    cursor = db.execute(
        "SELECT c.id, c.deck, COALESCE(e.question, c.question) AS question,"
        f" COALESCE(e.answer, c.answer) AS answer FROM cards c {EDIT_JOIN}"
        f" WHERE {where} ORDER BY c.deck, c.rowid",
        params,
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


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
