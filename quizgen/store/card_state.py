"""A card's scheduling columns as stored, and the fsrs states and ratings SQL filters on.

The row shape lives with the store because the store reads and writes it (a
review keeps the state before and after as JSON, which is what makes undo
exact); the study package turns it into fsrs cards and back.

fsrs 6.x has no "new" state: a never-studied card has `fsrs_state` NULL.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

SCHEDULING_COLUMNS = (
    "fsrs_state",
    "fsrs_step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
)
"""The columns of a `cards` row that one review changes."""

LEARNING, REVIEW, RELEARNING = 1, 2, 3
"""fsrs's `State` values as `cards.fsrs_state` and the reviews' stored states hold them
(the review rollup's trigger names 2 in its SQL): the database's own codes, so written
here, not read from fsrs, which the commands that only read then never load (~14 ms of
their start). tests/store/test_card_state.py holds them, and the ratings', to fsrs's."""
LEARNING_STATES = (LEARNING, RELEARNING)
"""States whose cards come back within the day (learning and relearning steps)."""
LEARNING_SQL = f"({LEARNING}, {RELEARNING})"
"""LEARNING_STATES as an SQL list, for `fsrs_state IN ...`."""

AGAIN, HARD, EASY = 1, 2, 4
"""fsrs's `Rating` values, as `reviews.rating` holds them."""
PASSING_RATING = HARD
"""fsrs counts Hard as a pass: an answer passed when rated Hard or better."""


@dataclass(frozen=True)
class SchedulingState:
    """A card's scheduling columns exactly as stored; `fsrs_state` None = never studied."""

    fsrs_state: int | None = None
    fsrs_step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: str | None = None
    last_review: str | None = None
    reps: int = 0
    lapses: int = 0

    @property
    def is_new(self) -> bool:
        return self.fsrs_state is None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> SchedulingState:
        return cls(
            fsrs_state=row.get("fsrs_state"),
            fsrs_step=row.get("fsrs_step"),
            stability=row.get("stability"),
            difficulty=row.get("difficulty"),
            due=row.get("due"),
            last_review=row.get("last_review"),
            reps=row.get("reps") or 0,
            lapses=row.get("lapses") or 0,
        )

    def as_row(self) -> dict[str, Any]:
        """The column values, ready for an UPDATE of the `cards` row."""
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.as_row(), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SchedulingState:
        return cls.from_row(json.loads(text))
