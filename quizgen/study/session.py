"""Studying, without a screen: deck counts, the next card, answers, undo, the summary.

A StudySession keeps its queues in memory (loaded once, then updated as cards
are answered) so drawing the next card touches the database only to read one
row by primary key; every answer is committed at once, so quitting at any
moment loses nothing and the next session resumes from the database.

Time comes in as `now` (UTC). The learner's local day, which starts at
`day_start_hour` in the `timezone` setting's zone (quizgen.core.clock, the same
day the history counts), matters only for counting today's new cards and
reviews and for deciding which reviews are due today. Every query is a named
function of quizgen.store.queue or quizgen.store.reviews.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from fsrs import Rating, Scheduler

from quizgen.core.clock import StudyClock, stamp
from quizgen.core.errors import QuizgenError
from quizgen.core.models import Card
from quizgen.core.wording import plural
from quizgen.store import queue as queue_store
from quizgen.store import reviews as review_store
from quizgen.store.articles import deck_names
from quizgen.store.busy import DatabaseBusy
from quizgen.store.card_state import LEARNING_STATES
from quizgen.store.cards import card_from_row
from quizgen.store.settings import load_clock
from quizgen.study.confusions import ConfusionNote, repeated_confusion
from quizgen.study.scheduling import SchedulingState, review
from quizgen.study.settings import Settings
from quizgen.study.siblings import buried_today, siblings_of

if TYPE_CHECKING:
    from sqlite_utils import Database

LEARN_AHEAD = timedelta(minutes=20)
"""When nothing else is left, a learning card due this soon is shown early."""

WRITE_WAIT_MS = 250
"""How long the session's writes wait for another process's write lock (a build's) before
an answer is kept pending and tried again later: the app never freezes for the whole
busy timeout, and never loses the answer."""

__all__ = ["DatabaseBusy", "StudyError", "StudySession", "WRITE_WAIT_MS"]


class StudyError(QuizgenError):
    """A study request cannot be met (for instance an unknown deck); one-line message."""


def study_clock(db: Database, settings: Settings, tz: tzinfo | None = None) -> StudyClock:
    """The clock the queue counts days by: `day_start_hour`, in `tz` or the `timezone` setting.

    An explicit `tz` (a test's, the app's) wins; otherwise the same zone as the
    history's, so "today" is one day for both.
    """
    zone = tz if tz is not None else load_clock(db).tz
    return StudyClock(settings.day_start_hour, zone)


@dataclass(frozen=True)
class DeckSummary:
    """Counts for one deck; `deck` None is the "All decks" row.

    `new` and `due` are what a session would offer today: buried siblings left out,
    and no more than the daily limits still allow (as the session counts them).
    """

    deck: str | None
    new: int
    learning: int
    due: int
    total: int
    suspended: int = 0

    @property
    def label(self) -> str:
        return "All decks" if self.deck is None else self.deck


def deck_summaries(
    db: Database, now: datetime, settings: Settings, tz: tzinfo | None = None
) -> list[DeckSummary]:
    """Per deck, then all decks: new, learning, reviews due today, total, suspended.

    Retired cards are left out of every count, suspended ones counted apart; a deck
    with no active card left (a rebuild retired them all) is not listed.
    """
    day_start, day_end = study_clock(db, settings, tz).bounds(now)
    new_left, reviews_left = daily_room(db, settings, day_start, day_end)
    buried = buried_today(db, day_start, day_end)
    suspended = queue_store.suspended_counts(db)
    rows = queue_store.deck_counts(db, stamp(day_end), buried)
    summaries = [
        DeckSummary(
            name,
            min(new, new_left),
            learning,
            min(due, reviews_left),
            total,
            suspended.get(name, 0),
        )
        for name, new, learning, due, total in rows
    ]
    all_new = sum(row[1] for row in rows)
    all_due = sum(row[3] for row in rows)
    totals = DeckSummary(
        None,
        min(all_new, new_left),
        sum(s.learning for s in summaries),
        min(all_due, reviews_left),
        sum(s.total for s in summaries),
        sum(s.suspended for s in summaries),
    )
    return [*summaries, totals]


def limits_note(
    db: Database, now: datetime, settings: Settings, tz: tzinfo | None = None
) -> str | None:
    """A line for the deck list when a daily limit holds cards back today, else None."""
    day_start, day_end = study_clock(db, settings, tz).bounds(now)
    new_left, reviews_left = daily_room(db, settings, day_start, day_end)
    reached = []
    if new_left == 0 and queue_store.new_card_ids(db, None, 1):
        reached.append(plural(settings.new_per_day, "new card"))
    if reviews_left == 0 and queue_store.due_review_ids(db, None, stamp(day_end), 1):
        reached.append(plural(settings.reviews_per_day, "review"))
    if not reached:
        return None
    return f"Daily limit of {' and '.join(reached)} reached (n in a finished session: 10 more)"


def daily_room(
    db: Database, settings: Settings, day_start: datetime, day_end: datetime, extra_new: int = 0
) -> tuple[int, int]:
    """(new cards, reviews) the daily limits still allow today, from the review log."""
    new_done, reviews_done = review_store.counts_since(db, day_start, day_end)
    return (
        max(0, settings.new_per_day + extra_new - new_done),
        max(0, settings.reviews_per_day - reviews_done),
    )


@dataclass(frozen=True)
class StudyCard:
    """A card drawn for study, with what the screen needs to show around it."""

    card: Card
    article_title: str
    state: SchedulingState

    @property
    def is_new(self) -> bool:
        return self.state.is_new


@dataclass(frozen=True)
class AnswerResult:
    """What an answer did: the review row written and the card's new state."""

    review_id: int | None
    """None while the answer is pending: another process holds the write lock."""
    card_id: str
    before: SchedulingState
    after: SchedulingState
    reviewed_at: datetime
    rating: int

    @property
    def pending(self) -> bool:
        """The answer is kept in memory, not written yet (see StudySession.flush_pending)."""
        return self.review_id is None


@dataclass(frozen=True)
class Action:
    """One thing `u` can take back: an answer (with its result), a suspend or a bury."""

    kind: str  # "answer" | "suspend" | "bury"
    card_id: str
    result: AnswerResult | None = None


@dataclass(frozen=True)
class EmptyReason:
    """Why nothing is left to study now, in the learner's terms."""

    new_limit_reached: bool
    new_waiting: int
    """New cards the daily limit holds back (what "study more" would offer)."""
    review_limit_reached: bool
    next_due: datetime | None
    """When the next card (learning or review) falls due, if any."""


@dataclass(frozen=True)
class SessionSummary:
    """The end-of-session figures."""

    reviewed: int
    passed: int
    correct: int
    graded: int
    time_spent_ms: int
    next_due: datetime | None

    @property
    def correct_percent(self) -> float | None:
        """Share of answers that passed (rated Hard or better); None before any answer."""
        return 100.0 * self.passed / self.reviewed if self.reviewed else None


@dataclass(frozen=True)
class QueueCounts:
    """What is left to study now: shown above the card."""

    new: int
    learning: int
    due: int


class StudySession:
    """One sitting of study over one deck (or all decks when `deck` is None)."""

    def __init__(
        self,
        db: Database,
        *,
        deck: str | None,
        mode: str,
        scheduler: Scheduler,
        settings: Settings,
        now: datetime,
        tz: tzinfo | None = None,
        card_ids: Sequence[str] | None = None,
        write_wait_ms: int = WRITE_WAIT_MS,
    ) -> None:
        if deck is not None and deck not in deck_names(db):
            raise StudyError(f"no deck named {deck!r}")
        self.db = db
        self.deck = deck
        self.card_ids = tuple(card_ids) if card_ids is not None else None
        """A chosen set of cards (the hardest ones) studied now, whether due or not."""
        self.mode = mode
        self.scheduler = scheduler
        self.settings = settings
        self.tz = tz
        self.clock = study_clock(db, settings, tz)
        self.write_wait_ms = write_wait_ms
        self._started_at = now
        self.session_id: int | None = None
        """The sessions row, opened now or, if a build holds the lock, with the first answer."""
        self._pending: review_store.ReviewWrite | None = None
        """The answer another process's write lock keeps from the database, if any."""
        try:
            self._open_session_row()
        except DatabaseBusy:
            pass  # opened with the first answer that gets written
        self.extra_new = 0
        """New cards allowed today beyond `new_per_day` ("study 10 more")."""
        self._actions: list[Action] = []
        self._buried_now: set[str] = set()
        self._new_drawn = 0
        self._review_drawn = 0
        self._load_queues(now)

    # -- queues ---------------------------------------------------------------

    def _load_queues(self, now: datetime) -> None:
        """Read today's limits and the candidate cards; runs at start, on undo and at day change."""
        day = self.clock.bounds(now)
        if getattr(self, "_day_start", None) != day[0]:
            self._buried_now = set()  # a new day: yesterday's burials are over
        self._day_start, self._day_end = day
        new_left, reviews_left = daily_room(
            self.db, self.settings, self._day_start, self._day_end, self.extra_new
        )
        self._limits_left = (new_left, reviews_left)
        if self.card_ids is not None:
            self._load_chosen_cards()
            return
        buried = buried_today(self.db, self._day_start, self._day_end) | self._buried_now
        # dicts as ordered sets: O(1) membership and removal, first entry next in line
        self._new: dict[str, None] = dict.fromkeys(
            queue_store.new_card_ids(self.db, self.deck, new_left, buried)
        )
        self._reviews: dict[str, None] = dict.fromkeys(
            queue_store.due_review_ids(
                self.db, self.deck, stamp(self._day_end), reviews_left, buried
            )
        )
        # learning cards: a heap of (due, id) with lazy deletion, checked against _learning_due
        self._learning_due: dict[str, str] = dict(queue_store.learning_cards(self.db, self.deck))
        self._learning = [(due, card_id) for card_id, due in self._learning_due.items()]
        heapq.heapify(self._learning)
        self._new_total = len(self._new)
        self._review_total = len(self._reviews)
        self._new_drawn = self._review_drawn = 0

    def _load_chosen_cards(self) -> None:
        """Queue exactly the chosen cards that are still active, in the order given."""
        chosen = list(dict.fromkeys(self.card_ids or ()))
        active = queue_store.active_among(self.db, self.deck, chosen)
        self._new = {}
        self._reviews = {card_id: None for card_id in chosen if card_id in active}
        self._learning_due = {}
        self._learning = []
        self._new_total = 0
        self._review_total = len(self._reviews)
        self._new_drawn = self._review_drawn = 0

    def _remove(self, card_id: str) -> None:
        self._new.pop(card_id, None)
        self._reviews.pop(card_id, None)
        self._learning_due.pop(card_id, None)

    def _first_learning(self) -> tuple[str, str] | None:
        """The earliest-due learning card as (due, id), dropping stale heap entries."""
        while self._learning:
            due, card_id = self._learning[0]
            if self._learning_due.get(card_id) == due:
                return due, card_id
            heapq.heappop(self._learning)
        return None

    def counts(self) -> QueueCounts:
        return QueueCounts(len(self._new), len(self._learning_due), len(self._reviews))

    def preview(
        self, card_id: str, before: SchedulingState, now: datetime
    ) -> dict[int, SchedulingState]:
        """The state each rating (1-4) would give a card in state `before` at `now`, nothing
        committed: what the rating keys show ("3 Good 10m")."""
        return {
            int(rating): review(self.scheduler, card_id, before, rating, now) for rating in Rating
        }

    def _pick_id(self, now: datetime) -> str | None:
        learning = self._first_learning()
        if learning and learning[0] <= stamp(now):
            return learning[1]
        first_new = next(iter(self._new), None)
        first_review = next(iter(self._reviews), None)
        if first_new and first_review:
            # spread new cards evenly through the reviews instead of all first or last
            drawn = self._new_drawn + self._review_drawn
            share = self._new_total / (self._new_total + self._review_total)
            take_new = self._new_drawn <= share * drawn
            return first_new if take_new else first_review
        if first_review or first_new:
            return first_review or first_new
        if learning and learning[0] <= stamp(now + LEARN_AHEAD):
            return learning[1]
        return None

    def next_card(self, now: datetime) -> StudyCard | None:
        """The card to show now, or None when nothing is left for today."""
        if now >= self._day_end:
            self._load_queues(now)
        while True:
            card_id = self._pick_id(now)
            if card_id is None:
                return None
            drawn = self.load_card(card_id)
            if drawn is not None:
                if self._bury_siblings(card_id):
                    self._load_queues(now)  # a buried card leaves room for another under the limits
                return drawn
            self._remove(card_id)  # deleted, retired or suspended by someone else meanwhile

    def _bury_siblings(self, card_id: str) -> bool:
        """A card on screen buries its new and review siblings for the rest of the day;
        True when one was in today's queue."""
        if self.card_ids is not None:
            return False  # chosen cards are studied as chosen
        buried = False
        for sibling in siblings_of(self.db, card_id):
            if sibling not in self._buried_now:
                self._buried_now.add(sibling)
                buried = buried or sibling in self._new or sibling in self._reviews
                self._new.pop(sibling, None)
                self._reviews.pop(sibling, None)
        return buried

    def bury(self, card_id: str) -> None:
        """Keep a card out of today's study (back tomorrow); `u` takes it back."""
        self._buried_now.add(card_id)
        self._remove(card_id)
        self._actions.append(Action("bury", card_id))

    def study_more_new(self, count: int, now: datetime) -> None:
        """Allow `count` more new cards today beyond those already studied past the limit."""
        new_done, _ = review_store.counts_since(self.db, self._day_start, self._day_end)
        self.extra_new = max(0, new_done - self.settings.new_per_day) + count
        self._load_queues(now)

    def empty_reason(self, now: datetime) -> EmptyReason:
        """Why `next_card` has nothing: limits reached, or all done until the next due time."""
        new_left, reviews_left = daily_room(
            self.db, self.settings, self._day_start, self._day_end, self.extra_new
        )
        waiting_new = 0
        review_limit = False
        if self.card_ids is None:
            buried = buried_today(self.db, self._day_start, self._day_end) | self._buried_now
            if new_left == 0:
                waiting_new = len(queue_store.new_card_ids(self.db, self.deck, 10_000, buried))
            if reviews_left == 0:
                review_limit = bool(
                    queue_store.due_review_ids(self.db, self.deck, stamp(self._day_end), 1, buried)
                )
        next_due = queue_store.next_due_after(self.db, self.deck, "")
        return EmptyReason(
            new_limit_reached=waiting_new > 0,
            new_waiting=waiting_new,
            review_limit_reached=review_limit,
            next_due=datetime.fromisoformat(next_due) if next_due else None,
        )

    def load_card(self, card_id: str) -> StudyCard | None:
        """One active, unsuspended card by id, ready to show."""
        record = queue_store.card_to_show(self.db, card_id)
        if record is None:
            return None
        card = card_from_row(record)
        title = record.get("article_title") or card.source.title
        return StudyCard(card, title, SchedulingState.from_row(record))

    # -- answering --------------------------------------------------------------

    def _open_session_row(self) -> int:
        if self.session_id is None:
            self.session_id = review_store.start_session(
                self.db, self.deck, self.mode, self._started_at, wait_ms=self.write_wait_ms
            )
        return self.session_id

    @property
    def pending(self) -> AnswerResult | None:
        """The answer kept in memory because the database was busy, if any."""
        if self._pending is None:
            return None
        for action in reversed(self._actions):
            if action.result is not None and action.result.pending:
                return action.result
        return None

    def flush_pending(self, wait_ms: int | None = None) -> AnswerResult | None:
        """Try to write the pending answer now, waiting at most `wait_ms` for the lock
        (default `write_wait_ms`); its recorded result, or None while the database is
        still busy (or nothing was pending)."""
        pending = self.pending
        if pending is None or self._pending is None:
            return None
        write = self._pending
        wait = self.write_wait_ms if wait_ms is None else wait_ms
        try:
            if self.session_id is None:
                self.session_id = review_store.start_session(
                    self.db, self.deck, self.mode, self._started_at, wait_ms=wait
                )
            review_id = review_store.record_review(
                self.db, replace(write, session_id=self.session_id), wait_ms=wait
            )
        except DatabaseBusy:
            return None
        self._pending = None
        written = replace(pending, review_id=review_id)
        self._replace_result(pending, written)
        return written

    def drop_pending(self) -> AnswerResult | None:
        """Give up the pending answer (the learner quit while the database stayed busy and
        was told); it leaves the undo log too, as nothing was written."""
        pending = self.pending
        self._pending = None
        if pending is not None:
            self._actions = [a for a in self._actions if a.result is not pending]
        return pending

    def _replace_result(self, old: AnswerResult, new: AnswerResult) -> None:
        """The undo log's entry for `old` now holds `new` (re-rated, or written)."""
        for index in range(len(self._actions) - 1, -1, -1):
            if self._actions[index].result is old:
                self._actions[index] = Action("answer", new.card_id, new)
                return

    def answer(
        self,
        card: StudyCard,
        rating: Rating | int,
        *,
        mode: str,
        answer_given: str | None,
        verdict: str | None,
        duration_ms: int | None,
        now: datetime,
        confused_with: str | None = None,
    ) -> AnswerResult:
        """Rate the card, commit its new state and the review row together.

        When another process holds the write lock longer than `write_wait_ms`, the answer
        is kept pending (the result's `pending` is true) and `flush_pending` writes it
        later; only one answer can wait at a time (StudyError otherwise).
        """
        card_id = card.card.id
        if self._pending is not None and self.flush_pending() is None:
            raise StudyError("an answer is still waiting for the database")
        current = queue_store.card_row(self.db, card_id)
        if current is None:
            raise StudyError(f"card {card_id} no longer exists")
        before = SchedulingState.from_row(current)
        after = review(self.scheduler, card_id, before, rating, now)
        write = review_store.ReviewWrite(
            card_id=card_id,
            session_id=self.session_id,
            reviewed_at=now,
            rating=int(rating),
            mode=mode,
            answer_given=answer_given,
            verdict=verdict,
            duration_ms=duration_ms,
            before=before,
            after=after,
            confused_with=confused_with,
        )
        review_id: int | None
        try:
            session_id = self._open_session_row()
            review_id = review_store.record_review(
                self.db, replace(write, session_id=session_id), wait_ms=self.write_wait_ms
            )
        except DatabaseBusy:
            review_id = None
            self._pending = write
        was_new = card_id in self._new
        was_review = card_id in self._reviews
        self._remove(card_id)
        self._new_drawn += int(was_new)
        self._review_drawn += int(was_review)
        self._place_learning(card_id, after)
        result = AnswerResult(review_id, card_id, before, after, now, int(rating))
        self._actions.append(Action("answer", card_id, result))
        return result

    def _place_learning(self, card_id: str, after: SchedulingState) -> None:
        self._learning_due.pop(card_id, None)
        if after.fsrs_state in LEARNING_STATES and after.due and after.due < stamp(self._day_end):
            self._learning_due[card_id] = after.due
            heapq.heappush(self._learning, (after.due, card_id))

    def rerate(self, result: AnswerResult, rating: Rating | int) -> AnswerResult:
        """Change the rating of a recorded answer: the same review row is updated (the state
        recomputed from the one before, at the answer's time), in one transaction."""
        after = review(self.scheduler, result.card_id, result.before, rating, result.reviewed_at)
        if result.pending:
            # not written yet: the pending write takes the new rating
            assert self._pending is not None
            self._pending = replace(self._pending, rating=int(rating), after=after)
        elif not review_store.rerate_review(
            self.db, result.review_id, int(rating), after, wait_ms=self.write_wait_ms
        ):
            raise StudyError("that answer can no longer be changed: the card was answered since")
        updated = replace(result, after=after, rating=int(rating))
        for index in range(len(self._actions) - 1, -1, -1):
            action = self._actions[index]
            if action.result is result or (
                action.result is not None
                and not result.pending
                and action.result.review_id == result.review_id
            ):
                self._actions[index] = Action("answer", result.card_id, updated)
                break
        self._place_learning(result.card_id, after)
        return updated

    def confusion_note(
        self, card: StudyCard, result: AnswerResult, landed_on: str | None
    ) -> ConfusionNote | None:
        """What this card's wrong answers keep landing on, if worth saying after `result`:
        "you chose X twice before", with the card X answers when another card does."""
        counts = review_store.confusion_counts(self.db, card.card.id)
        found = repeated_confusion(
            [(answer, count) for answer, count, _ in counts],
            now_landed_on=landed_on,
            counted_now=not result.pending,
        )
        if found is None:
            return None
        chosen, before = found
        other = review_store.card_answering(
            self.db, chosen, other_than=card.card.id, deck=card.card.deck
        )
        if other is None:
            return ConfusionNote(chosen, before)
        return ConfusionNote(chosen, before, other[0], other[1])

    def sibling_answers(self, card_id: str) -> list[str]:
        """The answers of a card's siblings: blanked in its source line (quizgen.study.context)."""
        return queue_store.answers_of(self.db, siblings_of(self.db, card_id))

    def can_undo(self) -> bool:
        return bool(self._actions)

    def last_action(self) -> Action | None:
        """What `undo_last` would take back."""
        return self._actions[-1] if self._actions else None

    def undo_last(self, now: datetime) -> StudyCard | None:
        """Take back this session's last action, exactly, and return its card to show again:
        an answer (the card returns to its previous state, the review row is deleted), a
        suspend (unsuspended) or a bury (back in the queue)."""
        if not self._actions:
            return None
        last = self._actions.pop()
        card_id: str | None = last.card_id
        try:
            if last.kind == "answer":
                assert last.result is not None
                if last.result.pending:
                    self._pending = None  # never written: nothing to take back in the database
                else:
                    card_id = review_store.undo_review(
                        self.db, last.result.review_id, wait_ms=self.write_wait_ms
                    )
                    if card_id is None:
                        raise StudyError(
                            "that answer can no longer be undone: the card was answered since"
                        )
            elif last.kind == "suspend":
                review_store.set_suspended(self.db, last.card_id, False, wait_ms=self.write_wait_ms)
        except DatabaseBusy:
            self._actions.append(last)  # nothing was taken back: it can be tried again
            raise
        else:
            self._buried_now.discard(last.card_id)
        self._load_queues(now)
        return self.load_card(card_id) if card_id else None

    def suspend(self, card_id: str) -> None:
        """Keep a card out of study until unsuspended; `u` takes it back."""
        review_store.set_suspended(self.db, card_id, True, wait_ms=self.write_wait_ms)
        self._remove(card_id)
        self._actions.append(Action("suspend", card_id))

    def unsuspend(self, card_id: str, now: datetime) -> None:
        review_store.set_suspended(self.db, card_id, False)
        self._load_queues(now)

    # -- the end ------------------------------------------------------------------

    def summary(self, now: datetime) -> SessionSummary:
        """Figures for this session, read from its review rows."""
        figures = (0, 0, 0, 0, 0)
        if self.session_id is not None:
            figures = queue_store.session_figures(self.db, self.session_id)
        reviewed, passed, correct, graded, spent_ms = figures
        # a learning card already due counts too ("now"), not only the ones still ahead
        next_due = queue_store.next_due_after(self.db, self.deck, "")
        return SessionSummary(
            reviewed=reviewed,
            passed=passed,
            correct=correct,
            graded=graded,
            time_spent_ms=spent_ms,
            next_due=datetime.fromisoformat(next_due) if next_due else None,
        )

    def end(self, now: datetime) -> SessionSummary:
        """Close the session row (skipped while the database is busy: its end time is a
        detail, the answers are in the reviews) and sum the session up."""
        if self.session_id is not None:
            try:
                review_store.end_session(self.db, self.session_id, now, wait_ms=self.write_wait_ms)
            except DatabaseBusy:
                pass
        return self.summary(now)
