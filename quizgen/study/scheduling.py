"""The glue between our card rows and fsrs: scheduler from settings, rows <-> fsrs.Card.

fsrs 6.x has no "new" state, so a never-studied card is ours to mark: its
`fsrs_state` column is NULL until the first review. fsrs's Hard counts as a
pass, so a wrong typed answer must be rated Again, never Hard.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import fsrs.scheduler as fsrs_scheduler
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from quizgen.core.clock import stamp
from quizgen.store.card_state import SCHEDULING_COLUMNS, SchedulingState
from quizgen.study.settings import Settings

__all__ = [
    "SCHEDULING_COLUMNS",
    "SchedulingState",
    "VERDICT_RATINGS",
    "build_scheduler",
    "review",
    "stamp",
    "suggested_rating",
    "to_fsrs_card",
]

VERDICT_RATINGS = {"correct": Rating.Good, "close": Rating.Hard, "wrong": Rating.Again}
"""The rating suggested for a graded typed or chosen answer."""


def build_scheduler(settings: Settings, *, enable_fuzzing: bool = True) -> Scheduler:
    """An fsrs Scheduler configured from the learner's settings."""
    options: dict[str, Any] = {
        "desired_retention": settings.desired_retention,
        "learning_steps": settings.learning_steps,
        "relearning_steps": settings.relearning_steps,
        "enable_fuzzing": enable_fuzzing,
    }
    if settings.fsrs_parameters is not None:
        options["parameters"] = settings.fsrs_parameters
    return Scheduler(**options)


def suggested_rating(verdict: str) -> Rating:
    """Good for correct, Hard for close, Again for wrong (Hard would count as a pass)."""
    return VERDICT_RATINGS[str(verdict).lower()]


def _fsrs_card_id(card_id: str) -> int:
    """fsrs wants an int id; passing one also avoids its 1 ms sleep in Card()."""
    try:
        return int(card_id[:15], 16)
    except ValueError:
        return abs(hash(card_id)) % (1 << 60)


def to_fsrs_card(card_id: str, state: SchedulingState, now: datetime) -> FsrsCard:
    """The fsrs.Card for a stored state; a never-studied card is fsrs's fresh Learning card."""
    if state.is_new:
        return FsrsCard(card_id=_fsrs_card_id(card_id), state=State.Learning, step=0, due=now)
    return FsrsCard(
        card_id=_fsrs_card_id(card_id),
        state=State(state.fsrs_state),
        step=state.fsrs_step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=datetime.fromisoformat(state.due) if state.due else now,
        last_review=datetime.fromisoformat(state.last_review) if state.last_review else None,
    )


@contextmanager
def _fuzz_seeded(card_id: str, reps: int) -> Iterator[None]:
    """fsrs's interval fuzz drawn from a generator seeded by the card and its review count.

    The rating keys show each rating's next interval before the learner rates, and
    the answer is recorded (or re-rated) a moment later: with fuzz drawn at random
    the "4d" shown could be committed as 5d. Seeded so, every computation of the same
    review draws the same fuzz. fsrs reads `random()` from its scheduler module.
    """
    draw = random.Random(f"{card_id}:{reps}").random
    original = fsrs_scheduler.random
    fsrs_scheduler.random = draw  # a fresh generator: the same draws for every computation
    try:
        yield
    finally:
        fsrs_scheduler.random = original


def review(
    scheduler: Scheduler,
    card_id: str,
    state: SchedulingState,
    rating: Rating | int,
    now: datetime,
) -> SchedulingState:
    """The card's state after being rated `rating` at `now` (UTC)."""
    rating = Rating(int(rating))
    now = now.astimezone(UTC)
    with _fuzz_seeded(card_id, state.reps):
        updated, _log = scheduler.review_card(to_fsrs_card(card_id, state, now), rating, now)
    lapsed = state.fsrs_state == State.Review and rating == Rating.Again
    return SchedulingState(
        fsrs_state=int(updated.state),
        fsrs_step=updated.step,
        stability=updated.stability,
        difficulty=updated.difficulty,
        due=stamp(updated.due),
        last_review=stamp(updated.last_review) if updated.last_review else None,
        reps=state.reps + 1,
        lapses=state.lapses + int(lapsed),
    )
