"""The one place that writes reviews: an answer, its undo, and study sessions.

An answer changes the card's scheduling columns and adds a review row in one
transaction, so a crash or a quit never leaves one without the other. The review
keeps the card's state before and after as JSON, which is what makes undo exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from quizgen.core.clock import stamp
from quizgen.store import write_transaction
from quizgen.store.card_state import REVIEW, SCHEDULING_COLUMNS, SchedulingState

_SET_SCHEDULING = ", ".join(f"{column} = ?" for column in SCHEDULING_COLUMNS)


@dataclass(frozen=True)
class ReviewWrite:
    """What one answer records."""

    card_id: str
    session_id: int | None
    reviewed_at: datetime
    rating: int
    mode: str
    answer_given: str | None
    verdict: str | None
    duration_ms: int | None
    before: SchedulingState
    after: SchedulingState


def start_session(db: Database, deck: str | None, mode: str, now: datetime) -> int:
    """Open a session row; its id tags every review of the sitting (summary, history)."""
    cursor = db.execute(
        "INSERT INTO sessions (deck, mode, started_at) VALUES (?, ?, ?)",
        [deck, mode, stamp(now)],
    )
    return int(cursor.lastrowid)


def end_session(db: Database, session_id: int, now: datetime) -> None:
    """Close the session row at `now`."""
    db.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", [stamp(now), session_id])


def _write_state(db: Database, card_id: str, state: SchedulingState) -> None:
    """Overwrite exactly the scheduling columns: content columns belong to the build."""
    values = [getattr(state, column) for column in SCHEDULING_COLUMNS]
    db.execute(f"UPDATE cards SET {_SET_SCHEDULING} WHERE id = ?", [*values, card_id])


def record_review(db: Database, review: ReviewWrite) -> int:
    """Save the card's new state and its review row together; returns the review id."""
    with write_transaction(db):
        _write_state(db, review.card_id, review.after)
        cursor = db.execute(
            "INSERT INTO reviews (card_id, session_id, reviewed_at, rating, mode, answer_given,"
            " verdict, duration_ms, state_before, state_after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                review.card_id,
                review.session_id,
                stamp(review.reviewed_at),
                review.rating,
                review.mode,
                review.answer_given,
                review.verdict,
                review.duration_ms,
                review.before.to_json(),
                review.after.to_json(),
            ],
        )
        return int(cursor.lastrowid)


def undo_review(db: Database, review_id: int) -> str | None:
    """Put the card back exactly as it was before review `review_id` and delete the review.

    Returns the card id, or None if there is no such review, or if it is no longer
    the card's last review: another app instance answered the card since, and putting
    back the state before this review would erase that answer. Then nothing changes.
    """
    with write_transaction(db):
        row = db.execute(
            "SELECT card_id, state_before FROM reviews WHERE id = ?", [review_id]
        ).fetchone()
        if row is None:
            return None
        card_id, before = row
        latest = db.execute(
            "SELECT max(id) FROM reviews WHERE card_id = ?", [card_id]
        ).fetchone()[0]
        if latest != review_id:
            return None
        _write_state(db, card_id, SchedulingState.from_json(before))
        db.execute("DELETE FROM reviews WHERE id = ?", [review_id])
        return card_id


def set_suspended(db: Database, card_id: str, suspended: bool) -> bool:
    """Suspend or unsuspend a card; False if there is no such card."""
    cursor = db.execute("UPDATE cards SET suspended = ? WHERE id = ?", [int(suspended), card_id])
    return cursor.rowcount > 0


def counts_since(db: Database, start: datetime, end: datetime) -> tuple[int, int]:
    """(new cards first studied, review-state cards reviewed) between start and end.

    Read from the review log itself, so limits hold across sessions and restarts.
    """
    row = db.execute(
        "SELECT"
        " COUNT(DISTINCT CASE WHEN json_extract(state_before, '$.fsrs_state') IS NULL"
        "   THEN card_id END),"
        f" SUM(CASE WHEN json_extract(state_before, '$.fsrs_state') = {REVIEW} THEN 1 ELSE 0 END)"
        " FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ?",
        [stamp(start), stamp(end)],
    ).fetchone()
    return int(row[0] or 0), int(row[1] or 0)
