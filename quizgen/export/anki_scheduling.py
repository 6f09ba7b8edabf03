"""A quizgen card's state as the scheduling fields of its Anki card.

Anki keeps a card's schedule in its `cards` row: `type` (0 new, 1 learning, 2 review,
3 relearning), `queue` (the same, with -1 for suspended and 3 for learning due on a
later day), `due`, `ivl` (days), `factor` (ease in permille), `reps`, `lapses` and
`left` (learning steps left). fsrs numbers its states as Anki numbers its types.

What goes over with `--with-scheduling`:
- a review card's due day and interval: `due` is counted in days from the package's
  creation, which quizgen sets to the start of the learner's study day (their
  `day_start_hour` and `timezone`), and Anki's importer moves it onto the learner's
  collection so the card falls due on the same date;
- a learning or relearning card's due moment (Unix seconds), or its due day when its
  step ends on a later day than it began, as Anki does; it arrives on its last step;
- the review and lapse counts.
What does not: fsrs's stability and difficulty (Anki computes its own from its
review log, which an `.apkg` of quizgen cards does not hold; the ease factor is
Anki's starting 250%), and quizgen's review history.

Without it every card arrives new, in export order. Suspension goes over in both
cases: a card suspended in quizgen, or retired by a rebuild, arrives with queue -1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quizgen.core.clock import StudyClock
from quizgen.store.card_state import LEARNING, RELEARNING, REVIEW, SchedulingState

NEW_TYPE = 0
SUSPENDED_QUEUE = -1
LEARNING_QUEUE = 1
DAY_LEARNING_QUEUE = 3
STARTING_EASE = 2500
"""Anki's default starting ease (250%), in the permille `factor` holds."""


@dataclass(frozen=True)
class AnkiSchedule:
    """The scheduling columns of one Anki card row."""

    type: int = NEW_TYPE
    queue: int = NEW_TYPE
    due: int = 0
    ivl: int = 0
    factor: int = 0
    reps: int = 0
    lapses: int = 0
    left: int = 0

    def as_row(self) -> dict[str, int]:
        return {
            "type": self.type,
            "queue": self.queue,
            "due": self.due,
            "ivl": self.ivl,
            "factor": self.factor,
            "reps": self.reps,
            "lapses": self.lapses,
            "left": self.left,
        }


@dataclass(frozen=True)
class ExportDay:
    """The study day an export is made on: day 0 of the package's review due dates."""

    clock: StudyClock
    now: datetime

    @property
    def start(self) -> datetime:
        """The UTC moment the day began: the package collection's creation time."""
        return self.clock.start_of(self.clock.day_of(self.now))

    def days_until(self, moment: datetime) -> int:
        """Study days from this one to the day holding `moment` (negative when overdue)."""
        return (self.clock.day_of(moment) - self.clock.day_of(self.now)).days

    def crosses_a_day(self, last_review: str | None, due: datetime) -> bool:
        """Whether a learning step ends on a later study day than it began (Anki then
        keeps the card in its day-learning queue, due as a day, even once overdue)."""
        start = datetime.fromisoformat(last_review) if last_review else self.now
        return self.clock.day_of(due) > self.clock.day_of(start)


def new_schedule(position: int, *, suspended: bool) -> AnkiSchedule:
    """A new card, `position` in Anki's new-card order."""
    return AnkiSchedule(queue=SUSPENDED_QUEUE if suspended else NEW_TYPE, due=position)


def carried_schedule(
    state: SchedulingState, day: ExportDay, position: int, *, suspended: bool
) -> AnkiSchedule:
    """The card's quizgen schedule as Anki's (a never-studied card is new at `position`)."""
    if state.is_new or state.due is None:
        return new_schedule(position, suspended=suspended)
    due = datetime.fromisoformat(state.due)
    counts = {"reps": state.reps, "lapses": state.lapses, "factor": STARTING_EASE}
    if state.fsrs_state == REVIEW:
        schedule = AnkiSchedule(
            type=REVIEW,
            queue=REVIEW,
            due=day.days_until(due),
            ivl=_interval_days(state, due),
            **counts,
        )
    elif state.fsrs_state in (LEARNING, RELEARNING):
        interday = day.crosses_a_day(state.last_review, due)
        schedule = AnkiSchedule(
            type=state.fsrs_state,
            queue=DAY_LEARNING_QUEUE if interday else LEARNING_QUEUE,
            due=day.days_until(due) if interday else int(due.timestamp()),
            ivl=1 if state.fsrs_state == RELEARNING else 0,
            left=1,
            **counts,
        )
    else:  # a state fsrs does not have: leave the card new rather than guess
        return new_schedule(position, suspended=suspended)
    if suspended:
        schedule = AnkiSchedule(**{**schedule.as_row(), "queue": SUSPENDED_QUEUE})
    return schedule


def _interval_days(state: SchedulingState, due: datetime) -> int:
    """Days from the last review to the due date, at least 1 (a review card's interval)."""
    if not state.last_review:
        return 1
    seconds = (due - datetime.fromisoformat(state.last_review)).total_seconds()
    return max(1, round(seconds / 86400))
