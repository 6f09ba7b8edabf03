"""The review log's figures, read with SQL aggregates (the log can hold millions of rows).

quizgen.history turns these rows into the report; the queries live here so the
indexes and rollups they rely on (`reviews_time`, `reviews_session`, the `review_slots`
and `card_review_counts` tables kept by triggers, quizgen/store/schema.py) sit beside
the schema.
A review *passed* when rated Hard or better; *true retention* counts only
reviews of cards that were in the review state before the answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizgen.store.card_state import AGAIN, EASY, LEARNING_SQL, PASSING_RATING, REVIEW

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database

SLOT_FORMAT = "%Y-%m-%dT%H:%M"
SLOT_LENGTH = timedelta(minutes=15)
"""`review_slots` sums reviews per UTC quarter hour (quizgen.store.schema.review_slot_sql)."""

PASSED = f"r.rating >= {PASSING_RATING}"
WAS_REVIEW = f"json_extract(r.state_before, '$.fsrs_state') = {REVIEW}"


def _deck_join(deck: str | None) -> tuple[str, list[Any]]:
    """A join restricting reviews `r` to one deck's cards; nothing when deck is None."""
    if deck is None:
        return "", []
    return " JOIN cards c ON c.id = r.card_id AND c.deck = ?", [deck]


def check_review_log(db: Database) -> None:
    """Raise SQLite's own "no such column" if the log lacks a column the report reads.

    The report reads the rollups, not the log's rows, so a damaged log (a column
    dropped by hand) would otherwise go unnoticed; preparing this costs no row read.
    """
    db.execute(
        "SELECT card_id, session_id, reviewed_at, rating, duration_ms, state_before"
        " FROM reviews LIMIT 0"
    ).fetchall()


def first_review_at(db: Database, deck: str | None) -> str | None:
    """When the first review (of `deck`) was made, as stored; None before any review.

    All decks: one seek on `reviews_time`. One deck: its first quarter hour from
    `review_slots`, then the reviews of that quarter hour only.
    """
    if deck is None:
        row = db.execute("SELECT MIN(reviewed_at) FROM reviews").fetchone()
        return row[0] if row else None
    row = db.execute("SELECT MIN(slot) FROM review_slots WHERE deck = ?", [deck]).fetchone()
    if not row or row[0] is None:
        return None
    return first_in_slot(db, row[0], deck)


def first_in_slot(db: Database, slot: str, deck: str) -> str | None:
    """The earliest review of `deck` stored within quarter hour `slot` (a prefix range)."""
    join, params = _deck_join(deck)
    row = db.execute(
        f"SELECT MIN(r.reviewed_at) FROM reviews r{join}"
        " WHERE r.reviewed_at >= ? AND r.reviewed_at < ?",
        [*params, slot, _slot_end(slot)],
    ).fetchone()
    return row[0] if row else None


def _slot_end(slot: str) -> str:
    """The next quarter hour's start ("...T10:45" -> "...T11:00"): stamps below it and
    from `slot` on (compared as text) are the slot's."""
    start = datetime.strptime(slot, SLOT_FORMAT)
    return (start + SLOT_LENGTH).strftime(SLOT_FORMAT)


def review_slots(db: Database, deck: str | None) -> list[tuple[str, int, int, int, int, int]]:
    """Per UTC quarter hour with reviews (of `deck`), oldest first: (slot, reviews,
    passed, reviews in the review state, of those passed, milliseconds).

    Read from the rollups kept by triggers on `reviews`, `review_slots_all` for all decks
    and `review_slots` for one: their rows grow with the quarter hours studied, not with
    the reviews (nor, for all decks, with how many decks each quarter hour touched).
    """
    if deck is None:
        return db.execute(
            "SELECT slot, reviews, passed, review_state_reviews, review_state_passed,"
            " duration_ms FROM review_slots_all ORDER BY slot"
        ).fetchall()
    return db.execute(
        "SELECT slot, reviews, passed, review_state_reviews, review_state_passed, duration_ms"
        " FROM review_slots WHERE deck = ? ORDER BY slot",
        [deck],
    ).fetchall()


def reviews_in_slot(
    db: Database, slot: str, deck: str | None
) -> list[tuple[str, int, int, int, int]]:
    """The reviews (of `deck`) of quarter hour `slot`, one row each: (reviewed_at, passed,
    in the review state, in it and passed, milliseconds), for a slot a day edge splits."""
    join, params = _deck_join(deck)
    return db.execute(
        f"SELECT r.reviewed_at, IFNULL({PASSED}, 0), IFNULL({WAS_REVIEW}, 0),"
        f" IFNULL({WAS_REVIEW} AND {PASSED}, 0), COALESCE(r.duration_ms, 0)"
        f" FROM reviews r{join} WHERE r.reviewed_at >= ? AND r.reviewed_at < ?",
        [*params, slot, _slot_end(slot)],
    ).fetchall()


def cards_reviewed(db: Database, deck: str | None) -> int:
    """How many distinct cards (of `deck`) have at least one review (`card_review_counts`)."""
    if deck is None:
        row = db.execute("SELECT COUNT(*) FROM card_review_counts").fetchone()
    else:
        row = db.execute(
            "SELECT COUNT(*) FROM card_review_counts p JOIN cards c ON c.id = p.card_id"
            " WHERE c.deck = ?",
            [deck],
        ).fetchone()
    return int(row[0] or 0)


def due_by_minute(db: Database, before_minute: str, deck: str | None) -> list[tuple[str, int]]:
    """(due minute `YYYY-MM-DDTHH:MM`, cards) of studied active cards due before a minute.

    Grouping by minute keeps the rows few; every real zone's day starts on a
    whole minute, so the caller can place minutes into days exactly.
    """
    where = "status = 'active' AND suspended = 0 AND fsrs_state IS NOT NULL AND due IS NOT NULL"
    params: list[Any] = [before_minute]
    if deck is not None:
        where += " AND deck = ?"
        params.append(deck)
    return db.execute(
        "SELECT substr(due, 1, 16) AS minute, COUNT(*) FROM cards"
        f" WHERE substr(due, 1, 16) < ? AND {where} GROUP BY minute",
        params,
    ).fetchall()


def per_card_reviews(
    db: Database, deck: str | None, min_reviews: int, limit: int
) -> list[tuple[Any, ...]]:
    """One pass over the log grouped by card, feeding two answers at once.

    Rows `(0, deck, None, None, None, reviews, passed, None)` give each deck's
    all-time totals; rows `(1, deck, card id, question, answer, reviews, passed,
    lapses)` the `limit` hardest active cards (question and answer as the learner sees
    them: their edit over the generated text) with at least `min_reviews` reviews and
    at least one lapse or failed answer (most lapses, then lowest accuracy). The
    per-card counts come from the `card_review_counts` rollup: one row per studied
    card, however many reviews it has.
    """
    deck_where = " WHERE card_id IN (SELECT id FROM cards WHERE deck = ?)" if deck else ""
    params: list[Any] = [deck] if deck else []
    return db.execute(
        "WITH per_card(id, reviews, passed) AS MATERIALIZED ("
        f" SELECT card_id, reviews, passed FROM card_review_counts{deck_where})"
        " SELECT 0, k.deck, NULL, NULL, NULL, SUM(p.reviews), SUM(p.passed), NULL"
        " FROM per_card p JOIN cards k ON k.id = p.id GROUP BY k.deck"
        " UNION ALL SELECT * FROM ("
        " SELECT 1, k.deck, k.id, COALESCE(e.question, k.question),"
        " COALESCE(e.answer, k.answer), p.reviews, p.passed, k.lapses"
        " FROM per_card p JOIN cards k ON k.id = p.id LEFT JOIN card_edits e ON e.card_id = k.id"
        " WHERE k.status = 'active' AND p.reviews >= ?"
        "   AND (k.lapses > 0 OR p.passed < p.reviews)"  # never failed: not hard
        " ORDER BY k.lapses DESC, CAST(p.passed AS REAL) / p.reviews ASC, p.reviews DESC, k.id"
        " LIMIT ?)",
        [*params, min_reviews, limit],
    ).fetchall()


def deck_stages(
    db: Database, deck: str | None, mature_stability: float
) -> list[tuple[str, int, int, int, int, int]]:
    """Per deck (or just `deck`): active cards (name, new, learning, young, mature, suspended)."""
    deck_filter = " WHERE d.name = ?" if deck is not None else ""
    rows = db.execute(
        "SELECT d.name,"
        " SUM(c.suspended = 0 AND c.fsrs_state IS NULL),"
        f" SUM(c.suspended = 0 AND c.fsrs_state IN {LEARNING_SQL}),"
        f" SUM(c.suspended = 0 AND c.fsrs_state = {REVIEW} AND c.stability < {mature_stability}),"
        f" SUM(c.suspended = 0 AND c.fsrs_state = {REVIEW} AND c.stability >= {mature_stability}),"
        " SUM(c.suspended = 1)"
        " FROM decks d LEFT JOIN cards c ON c.deck = d.name AND c.status = 'active'"
        f"{deck_filter} GROUP BY d.name ORDER BY d.name",
        [deck] if deck is not None else [],
    ).fetchall()
    return [(name, *(int(value or 0) for value in stages)) for name, *stages in rows]


def sessions_newest_first(
    db: Database, deck: str | None, limit: int, offset: int
) -> list[tuple[int, str | None, str | None, str]]:
    """A page of sessions (of `deck`): (id, deck, mode, started_at), newest first."""
    deck_filter = " WHERE deck = ?" if deck is not None else ""
    deck_params: list[Any] = [deck] if deck is not None else []
    return db.execute(
        f"SELECT id, deck, mode, started_at FROM sessions{deck_filter}"
        " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?",
        [*deck_params, limit, offset],
    ).fetchall()


def session_review_counts(
    db: Database, session_ids: Sequence[int], since: str
) -> dict[int, tuple[int, int, int, int]]:
    """Per session with reviews: (reviews, distinct cards, passed, milliseconds).

    Only reviews from the earliest start (`since`) on count, as a session's reviews
    come after its start; they are found through `reviews_session`.
    """
    marks = ", ".join("?" for _ in session_ids)
    return {
        row[0]: row[1:]
        for row in db.execute(
            f"SELECT session_id, COUNT(*), COUNT(DISTINCT card_id), SUM({PASSED}),"
            " SUM(COALESCE(duration_ms, 0)) FROM reviews r INDEXED BY reviews_session"
            f" WHERE reviewed_at >= ? AND session_id IN ({marks}) GROUP BY session_id",
            [since, *session_ids],
        )
    }


def rated_reviews(db: Database) -> Iterator[tuple[str, str, int, int]]:
    """Every review rated Again..Easy as (card id, reviewed_at, rating, was the card new),
    grouped by card and oldest first: the optimizer's training history."""
    yield from db.execute(
        "SELECT card_id, reviewed_at, rating,"
        " json_extract(state_before, '$.fsrs_state') IS NULL"
        f" FROM reviews WHERE rating BETWEEN {AGAIN} AND {EASY} ORDER BY card_id, reviewed_at, id"
    )


def confusions(db: Database, deck: str | None) -> list[tuple[str, str, int, int]]:
    """(a card's answer, what a wrong answer to it landed on, times, cards), for every such
    pair in the review log (of `deck`), most frequent first."""
    where, params = ("", []) if deck is None else (" AND c.deck = ?", [deck])
    return [
        (row[0], row[1], int(row[2]), int(row[3]))
        for row in db.execute(
            "SELECT c.answer, r.confused_with, COUNT(*), COUNT(DISTINCT r.card_id)"
            " FROM reviews r JOIN cards c ON c.id = r.card_id"
            f" WHERE r.confused_with IS NOT NULL{where}"
            " GROUP BY c.answer, r.confused_with ORDER BY COUNT(*) DESC",
            params,
        )
    ]
