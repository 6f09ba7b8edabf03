"""The one place that writes reviews: an answer, its undo, and study sessions.

An answer changes the card's scheduling columns and adds a review row in one
transaction, so a crash or a quit never leaves one without the other. The review
keeps the card's state before and after as JSON, which is what makes undo exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quizgen.core.clock import stamp
from quizgen.store import write_transaction
from quizgen.store.busy import waiting_at_most
from quizgen.store.card_state import REVIEW, SCHEDULING_COLUMNS, SchedulingState

if TYPE_CHECKING:  # sqlite-utils is imported when a database is opened
    from sqlite_utils import Database

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
    confused_with: str | None = None
    """What a wrong answer landed on: the option picked, or the distractor typed."""


def start_session(
    db: Database, deck: str | None, mode: str, now: datetime, *, wait_ms: int | None = None
) -> int:
    """Open a session row; its id tags every review of the sitting (summary, history)."""
    with waiting_at_most(db, wait_ms), write_transaction(db):
        cursor = db.execute(
            "INSERT INTO sessions (deck, mode, started_at) VALUES (?, ?, ?)",
            [deck, mode, stamp(now)],
        )
        return int(cursor.lastrowid)


def end_session(
    db: Database, session_id: int, now: datetime, *, wait_ms: int | None = None
) -> None:
    """Close the session row at `now`."""
    with waiting_at_most(db, wait_ms), write_transaction(db):
        db.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", [stamp(now), session_id])


def _write_state(db: Database, card_id: str, state: SchedulingState) -> None:
    """Overwrite exactly the scheduling columns: content columns belong to the build."""
    values = [getattr(state, column) for column in SCHEDULING_COLUMNS]
    db.execute(f"UPDATE cards SET {_SET_SCHEDULING} WHERE id = ?", [*values, card_id])


def record_review(db: Database, review: ReviewWrite, *, wait_ms: int | None = None) -> int:
    """Save the card's new state and its review row together; returns the review id.

    Raises DatabaseBusy (nothing written) when another process holds the write lock
    for longer than `wait_ms` (None: the connection's busy timeout)."""
    with waiting_at_most(db, wait_ms), write_transaction(db):
        _write_state(db, review.card_id, review.after)
        cursor = db.execute(
            "INSERT INTO reviews (card_id, session_id, reviewed_at, rating, mode, answer_given,"
            " verdict, duration_ms, state_before, state_after, confused_with)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                review.confused_with,
            ],
        )
        return int(cursor.lastrowid)


def _is_last_review(db: Database, card_id: str, review_id: int) -> bool:
    """Whether `review_id` is still the card's latest review (no other answer came after)."""
    row = db.execute(
        "SELECT id FROM reviews WHERE card_id = ? ORDER BY reviewed_at DESC, id DESC LIMIT 1",
        [card_id],
    ).fetchone()
    return row is not None and row[0] == review_id


def rerate_review(
    db: Database,
    review_id: int,
    rating: int,
    after: SchedulingState,
    *,
    wait_ms: int | None = None,
) -> bool:
    """Change the rating of a recorded answer: the same review row and the card's state,
    in one transaction. False (and nothing written) unless it is still the card's last."""
    with waiting_at_most(db, wait_ms), write_transaction(db):
        row = db.execute("SELECT card_id FROM reviews WHERE id = ?", [review_id]).fetchone()
        if row is None or not _is_last_review(db, row[0], review_id):
            return False
        _write_state(db, row[0], after)
        db.execute(
            "UPDATE reviews SET rating = ?, state_after = ? WHERE id = ?",
            [rating, after.to_json(), review_id],
        )
        return True


def undo_review(db: Database, review_id: int, *, wait_ms: int | None = None) -> str | None:
    """Put the card back exactly as it was before review `review_id` and delete the review.

    Returns the card id, or None if there is no such review or a later answer to the same
    card (another window's) came after it: undo never erases someone else's answer.
    """
    with waiting_at_most(db, wait_ms), write_transaction(db):
        row = db.execute(
            "SELECT card_id, state_before FROM reviews WHERE id = ?", [review_id]
        ).fetchone()
        if row is None:
            return None
        card_id, before = row
        if not _is_last_review(db, card_id, review_id):
            return None
        _write_state(db, card_id, SchedulingState.from_json(before))
        db.execute("DELETE FROM reviews WHERE id = ?", [review_id])
        return card_id


def set_suspended(
    db: Database, card_id: str, suspended: bool, *, wait_ms: int | None = None
) -> bool:
    """Suspend or unsuspend a card; False if there is no such card."""
    with waiting_at_most(db, wait_ms), write_transaction(db):
        cursor = db.execute(
            "UPDATE cards SET suspended = ? WHERE id = ?", [int(suspended), card_id]
        )
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


def confusion_counts(db: Database, card_id: str) -> list[tuple[str, int, int]]:
    """What wrong answers to one card landed on: (answer, times, latest review id), most
    frequent first."""
    return [
        (row[0], int(row[1]), int(row[2]))
        for row in db.execute(
            "SELECT confused_with, COUNT(*), MAX(id) FROM reviews"
            " WHERE card_id = ? AND confused_with IS NOT NULL"
            " GROUP BY confused_with ORDER BY COUNT(*) DESC, MAX(id) DESC",
            [card_id],
        )
    ]


def card_answering(
    db: Database, answer: str, *, other_than: str, deck: str | None = None
) -> tuple[str, str] | None:
    """(question, article title) of an active card whose answer is `answer` (any case),
    other than `other_than`; one of `deck` first. None when no card answers it."""
    row = db.execute(
        "SELECT question, source_title FROM cards"
        " WHERE answer = ? COLLATE NOCASE AND id != ? AND status = 'active'"
        " ORDER BY deck IS NOT ? LIMIT 1",
        [answer, other_than, deck],
    ).fetchone()
    return (row[0], row[1] or "") if row else None
