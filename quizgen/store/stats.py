"""The review log's figures, read with SQL aggregates (the log can hold millions of rows).

quizgen.history turns these rows into the report; the queries live here so the
indexes they rely on (`reviews_time` on `reviewed_at`) sit beside the schema.
A review *passed* when rated Hard or better; *true retention* counts only
reviews of cards that were in the review state before the answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlite_utils import Database

from quizgen.store.card_state import AGAIN, EASY, LEARNING_SQL, PASSING_RATING, REVIEW

PASSED = f"r.rating >= {PASSING_RATING}"
WAS_REVIEW = f"json_extract(r.state_before, '$.fsrs_state') = {REVIEW}"


def _deck_join(deck: str | None) -> tuple[str, list[Any]]:
    """A join restricting reviews `r` to one deck's cards; nothing when deck is None."""
    if deck is None:
        return "", []
    return " JOIN cards c ON c.id = r.card_id AND c.deck = ?", [deck]


def first_review_at(db: Database, deck: str | None) -> str | None:
    """When the first review (of `deck`) was made, as stored; None before any review."""
    join, params = _deck_join(deck)
    row = db.execute(f"SELECT MIN(r.reviewed_at) FROM reviews r{join}", params).fetchone()
    return row[0] if row else None


def reviews_per_span(
    db: Database, spans: str, deck: str | None
) -> list[tuple[int, int, int, int, int, int]]:
    """Per span (idx, from, to) of the JSON list `spans`, the spans with reviews only:
    (idx, reviews, passed, reviews in the review state, of those passed, milliseconds).

    Each span is one range seek on the `reviewed_at` index.
    """
    join, params = _deck_join(deck)
    return db.execute(
        # MATERIALIZED: otherwise SQLite re-reads the JSON for every review row
        "WITH days(idx, lo, hi) AS MATERIALIZED (SELECT json_extract(value, '$[0]'),"
        " json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?))"
        " SELECT days.idx, COUNT(*),"
        f" SUM({PASSED}), SUM({WAS_REVIEW}), SUM({WAS_REVIEW} AND {PASSED}),"
        " SUM(COALESCE(r.duration_ms, 0))"
        # CROSS JOIN keeps days outside, so each day is one range seek on reviews_time
        " FROM days CROSS JOIN reviews r ON r.reviewed_at >= days.lo AND r.reviewed_at < days.hi"
        f"{join} GROUP BY days.idx ORDER BY days.idx",
        [spans, *params],
    ).fetchall()


def cards_reviewed(db: Database, deck: str | None) -> int:
    """How many distinct cards (of `deck`) have at least one review."""
    join, params = _deck_join(deck)
    row = db.execute(f"SELECT COUNT(DISTINCT r.card_id) FROM reviews r{join}", params).fetchone()
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
    lapses)` the `limit` hardest active cards with at least `min_reviews` reviews and
    at least one lapse or failed answer (most lapses, then lowest accuracy). NOT
    INDEXED: a plain table scan with a sort is several times faster than walking
    the card index and fetching each row's rating.
    """
    deck_where = " WHERE card_id IN (SELECT id FROM cards WHERE deck = ?)" if deck else ""
    params: list[Any] = [deck] if deck else []
    return db.execute(
        "WITH per_card(id, reviews, passed) AS MATERIALIZED ("
        f" SELECT card_id, COUNT(*), SUM(rating >= {PASSING_RATING}) FROM reviews NOT INDEXED"
        f"{deck_where} GROUP BY card_id)"
        " SELECT 0, k.deck, NULL, NULL, NULL, SUM(p.reviews), SUM(p.passed), NULL"
        " FROM per_card p JOIN cards k ON k.id = p.id GROUP BY k.deck"
        " UNION ALL SELECT * FROM ("
        " SELECT 1, k.deck, k.id, k.question, k.answer, p.reviews, p.passed, k.lapses"
        " FROM per_card p JOIN cards k ON k.id = p.id"
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

    The log has no index on session_id: a session's reviews come after its start,
    so a range seek from the earliest start (`since`) finds them.
    """
    marks = ", ".join("?" for _ in session_ids)
    return {
        row[0]: row[1:]
        for row in db.execute(
            f"SELECT session_id, COUNT(*), COUNT(DISTINCT card_id), SUM({PASSED}),"
            " SUM(COALESCE(duration_ms, 0)) FROM reviews r"
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
