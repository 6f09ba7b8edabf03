"""Score history: what the review log says about the learner, as plain figures.

Everything here is read with SQL aggregates (the review log can hold millions of
rows) and returned as frozen dataclasses; the CLI and the History screen only
format them. Time enters as `now` (UTC). The learner's local day, which starts
at `day_start_hour` like Anki's 4 a.m., is used only where days are counted:
reviews per day, streaks, retention per period and the due forecast.

Counting rules, shared by every view:
- a review *passed* when it was rated Hard or better (rating >= 2), as fsrs sees it;
- *true retention* is the pass share among reviews of cards that were already in
  the review state before the review (`state_before.fsrs_state == 2`), so learning
  steps and first looks do not flatter it;
- a card is *mature* once its stability reaches 21 days, *young* before that.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from quizgen.core.clock import (  # noqa: F401 (views)
    DEFAULT_DAY_START_HOUR,
    StudyClock,
    read_stamp,
    stamp,
)
from quizgen.store import stats
from quizgen.store.settings import load_clock

if TYPE_CHECKING:
    from sqlite_utils import Database


MATURE_STABILITY_DAYS = 21.0
"""Anki's line between young and mature cards."""

HARDEST_MIN_REVIEWS = 3
"""A card needs this many reviews before it can be called hard."""

FORECAST_DAYS = 30
WINDOWS = (30, 90, 365)
"""The spans, in days, that the charts switch between."""

# -- results ------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class DayActivity:
    """One study day's reviews."""

    day: date
    reviews: int = 0
    passed: int = 0
    review_state_reviews: int = 0
    """Reviews of cards that were in the review state: the base of true retention."""
    review_state_passed: int = 0
    duration_ms: int = 0

    @property
    def accuracy(self) -> float | None:
        """Share of the day's reviews that passed; None on a day without reviews."""
        return _share(self.passed, self.reviews)

    @property
    def retention(self) -> float | None:
        return _share(self.review_state_passed, self.review_state_reviews)


@dataclass(frozen=True)
class Streaks:
    """Runs of consecutive study days (days with at least one review)."""

    current: int
    """Ends today, or yesterday when today has no review yet (the day is not over)."""
    longest: int


@dataclass(frozen=True)
class Totals:
    reviews: int
    passed: int
    study_ms: int
    cards_studied: int
    days_studied: int

    @property
    def accuracy(self) -> float | None:
        return _share(self.passed, self.reviews)

    @property
    def average_ms(self) -> float | None:
        """Average time spent on one card answer."""
        return self.study_ms / self.reviews if self.reviews else None


@dataclass(frozen=True)
class RetentionPeriod:
    """True retention over one day, ISO week or month."""

    label: str
    """'2024-03-10', '2024-W10' or '2024-03'."""
    start: date
    reviews: int
    passed: int

    @property
    def retention(self) -> float | None:
        return _share(self.passed, self.reviews)


@dataclass(frozen=True)
class ForecastDay:
    day: date
    due: int
    """Review cards falling due that day; day 0 (today) includes the overdue ones."""


@dataclass(frozen=True)
class DeckStats:
    """One deck's cards by stage, and how its reviews went."""

    deck: str
    new: int
    learning: int
    young: int
    mature: int
    suspended: int
    reviews: int
    passed: int

    @property
    def total(self) -> int:
        """Active, unsuspended cards."""
        return self.new + self.learning + self.young + self.mature

    @property
    def accuracy(self) -> float | None:
        return _share(self.passed, self.reviews)

    @property
    def mastery(self) -> float | None:
        """Share of the deck's cards that are mature."""
        return _share(self.mature, self.total)


@dataclass(frozen=True)
class HardCard:
    card_id: str
    deck: str
    question: str
    answer: str
    reviews: int
    passed: int
    lapses: int

    @property
    def accuracy(self) -> float:
        return self.passed / self.reviews


@dataclass(frozen=True)
class SessionStats:
    """One past study session that has at least one review."""

    session_id: int
    deck: str | None
    mode: str | None
    started_at: datetime
    day: date
    reviews: int
    cards: int
    passed: int
    duration_ms: int
    """Time spent answering (sum of review durations)."""

    @property
    def correct_percent(self) -> float | None:
        return 100.0 * self.passed / self.reviews if self.reviews else None


@dataclass(frozen=True)
class Confusion:
    """Two answers a learner mixes up: wrong answers to a card whose answer is one of
    them landed on the other (either way round), `count` times over `cards` cards."""

    answers: tuple[str, str]
    """The pair, the one more often answered wrongly first (its card's answer)."""
    count: int
    cards: int


CONFUSIONS_LIMIT = 10


def top_confusions(
    db: Database, *, deck: str | None = None, limit: int = CONFUSIONS_LIMIT
) -> list[Confusion]:
    """The learner's most frequent confusions, pairs of answers counted either way round
    (Bath for Marylebone and Marylebone for Bath are one pair), ignoring letter case."""
    pairs: dict[frozenset[str], list] = {}
    for answer, chosen, count, cards in stats.confusions(db, deck):
        key = frozenset((answer.casefold(), chosen.casefold()))
        if len(key) < 2:
            continue  # the answer itself in other letters is not a confusion
        entry = pairs.setdefault(key, [(answer, chosen), 0, 0])
        entry[1] += count
        entry[2] += cards
    ranked = sorted(pairs.values(), key=lambda entry: (-entry[1], entry[0]))
    return [Confusion(answers, count, cards) for answers, count, cards in ranked[:limit]]


@dataclass(frozen=True)
class HistoryReport:
    """Everything the history views show, read at `now`."""

    now: datetime
    today: date
    clock: StudyClock
    deck: str | None
    activity: tuple[DayActivity, ...]
    """Every day with at least one review, oldest first."""
    totals: Totals
    streaks: Streaks
    forecast: tuple[ForecastDay, ...]
    overdue: int
    decks: tuple[DeckStats, ...]
    hardest: tuple[HardCard, ...]
    sessions: tuple[SessionStats, ...]
    confusions: tuple[Confusion, ...] = ()
    """The answers most often mixed up (quizgen.study.confusions records them)."""
    _by_day: dict[date, DayActivity] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_day.update({entry.day: entry for entry in self.activity})

    def daily(self, days: int) -> list[DayActivity]:
        """The last `days` study days ending today, days without reviews included as zeros."""
        first = self.today - timedelta(days=days - 1)
        return [
            self._by_day.get(first + timedelta(days=n), DayActivity(first + timedelta(days=n)))
            for n in range(days)
        ]

    def retention(self, period: str, days: int | None = None) -> list[RetentionPeriod]:
        """True retention per 'day', 'week' or 'month' (periods with such reviews only).

        `days` limits it to the last `days` study days; None means the whole history.
        """
        since = self.today - timedelta(days=days - 1) if days else date.min
        return retention_by_period([entry for entry in self.activity if entry.day >= since], period)

    @property
    def overall_retention(self) -> RetentionPeriod:
        reviews = sum(entry.review_state_reviews for entry in self.activity)
        passed = sum(entry.review_state_passed for entry in self.activity)
        first = self.activity[0].day if self.activity else self.today
        return RetentionPeriod("all", first, reviews, passed)


# -- pure helpers -------------------------------------------------------------------------


def compute_streaks(study_days: Iterable[date], today: date) -> Streaks:
    """Current and longest runs of consecutive days in `study_days` (any order, repeats ok)."""
    days = sorted(set(study_days))
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    present = set(days)
    anchor = today if today in present else today - timedelta(days=1)
    current = 0
    while anchor in present:
        current += 1
        anchor -= timedelta(days=1)
    return Streaks(current=current, longest=longest)


def _period_key(day: date, period: str) -> tuple[str, date]:
    if period == "day":
        return day.isoformat(), day
    if period == "week":
        year, week, weekday = day.isocalendar()
        return f"{year}-W{week:02d}", day - timedelta(days=weekday - 1)
    if period == "month":
        return f"{day.year}-{day.month:02d}", day.replace(day=1)
    raise ValueError(f"period must be day, week or month, not {period!r}")


def retention_by_period(activity: Iterable[DayActivity], period: str) -> list[RetentionPeriod]:
    """Sum review-state reviews per period; periods without any are left out."""
    sums: dict[str, list[Any]] = {}
    for entry in activity:
        if not entry.review_state_reviews:
            continue
        label, start = _period_key(entry.day, period)
        bucket = sums.setdefault(label, [start, 0, 0])
        bucket[1] += entry.review_state_reviews
        bucket[2] += entry.review_state_passed
    return [
        RetentionPeriod(label, start, reviews, passed)
        for label, (start, reviews, passed) in sorted(sums.items(), key=lambda kv: kv[1][0])
    ]


# -- queries ------------------------------------------------------------------------------


def daily_activity(
    db: Database, clock: StudyClock, today: date, *, deck: str | None = None
) -> list[DayActivity]:
    """Every study day from the first review through `today` that has reviews.

    The sums come per UTC quarter hour from the `review_slots` rollup and are placed
    into days by the day edges computed in Python (exact across daylight-saving
    changes and half-hour zones): the work grows with the quarter hours studied, not
    with the reviews. A quarter hour that a day edge cuts (only zones of the past
    start days off the quarter hour) is read from its reviews one by one.
    """
    first_seen = stats.first_review_at(db, deck)
    if first_seen is None:
        return []
    first_day = min(clock.day_of(read_stamp(first_seen)), today)
    count = (today - first_day).days + 1
    edges = [stamp(moment) for moment in clock.boundaries(first_day, count)]
    sums = [[0, 0, 0, 0, 0] for _ in range(count)]

    def add(index: int, values: Sequence[int]) -> None:
        if 0 <= index < count:
            bucket = sums[index]
            for position, value in enumerate(values):
                bucket[position] += int(value or 0)

    edge_slots = [_slot_of(edge) for edge in edges]
    for slot, *values in stats.review_slots(db, deck):
        index = bisect_right(edges, slot) - 1  # stamps sort as text; slot < its stamps
        if index + 1 < len(edges) and edge_slots[index + 1] == slot:
            if edges[index + 1] == _slot_start(slot):
                # the day begins with this quarter hour (a zone on whole quarter hours,
                # as all are today): every review of it is the next day's
                add(index + 1, values)
                continue
            # a day edge falls inside this quarter hour: place its reviews one by one
            for reviewed_at, *one in stats.reviews_in_slot(db, slot, deck):
                add(bisect_right(edges, reviewed_at) - 1, [1, *one])
        else:
            add(index, values)
    return [
        DayActivity(first_day + timedelta(days=index), *bucket)
        for index, bucket in enumerate(sums)
        if bucket[0]
    ]


def _slot_of(moment: str) -> str:
    """The UTC quarter hour (`review_slots.slot`) of a stored stamp."""
    return f"{moment[:14]}{int(moment[14:16]) // 15 * 15:02d}"


def _slot_start(slot: str) -> str:
    """The stamp of the first moment of quarter hour `slot` ("...T04:00" ->
    "...T04:00:00.000000+00:00"), as `stamp` writes it: a day edge equal to it does not
    cut the quarter hour."""
    return stamp(datetime.strptime(slot, stats.SLOT_FORMAT).replace(tzinfo=UTC))


def totals(db: Database, activity: Sequence[DayActivity], *, deck: str | None = None) -> Totals:
    return Totals(
        reviews=sum(entry.reviews for entry in activity),
        passed=sum(entry.passed for entry in activity),
        study_ms=sum(entry.duration_ms for entry in activity),
        cards_studied=stats.cards_reviewed(db, deck),
        days_studied=len(activity),
    )


def forecast(
    db: Database,
    clock: StudyClock,
    now: datetime,
    *,
    days: int = FORECAST_DAYS,
    deck: str | None = None,
) -> tuple[list[ForecastDay], int]:
    """(cards due on each of the next `days` study days, how many of today's are overdue).

    Cards are grouped by their due minute in SQL (every real zone's day starts
    on a whole minute) and the minutes placed into days in Python.
    """
    today = clock.day_of(now)
    edges = clock.boundaries(today, days)
    minute_edges = [stamp(edge)[:16] for edge in edges]
    rows = stats.due_by_minute(db, minute_edges[-1], deck)
    counts = [0] * days
    overdue = 0
    now_minute = stamp(now)[:16]
    for minute, count in rows:
        index = max(0, bisect_right(minute_edges, minute) - 1)
        counts[index] += count
        if minute < now_minute:
            overdue += count
    return [ForecastDay(today + timedelta(days=n), counts[n]) for n in range(days)], overdue


@dataclass(frozen=True)
class CardReviewSummary:
    """Per-card review counts, reduced to what the views need: per deck and the hardest cards."""

    by_deck: dict[str, tuple[int, int]]
    """deck -> (reviews, passed), all time."""
    hardest: list[HardCard]


def card_review_summary(
    db: Database,
    *,
    deck: str | None = None,
    limit: int = 10,
    min_reviews: int = HARDEST_MIN_REVIEWS,
) -> CardReviewSummary:
    """One pass over the review log grouped by card, used twice.

    The per-card counts (quizgen.store.stats.per_card_reviews) feed both the
    per-deck totals and the hardest-card ranking (most lapses, then lowest
    accuracy, among active cards with at least `min_reviews` reviews).
    """
    rows = stats.per_card_reviews(db, deck, min_reviews, limit)
    by_deck: dict[str, tuple[int, int]] = {}
    hardest: list[HardCard] = []
    for kind, deck_name, card_id, question, answer, reviews, passed, lapses in rows:
        if kind == 0:
            by_deck[deck_name] = (int(reviews), int(passed or 0))
        else:
            hardest.append(
                HardCard(
                    card_id,
                    deck_name,
                    question,
                    answer,
                    int(reviews),
                    int(passed or 0),
                    int(lapses or 0),
                )
            )
    return CardReviewSummary(by_deck, hardest)


def deck_stats(
    db: Database,
    *,
    deck: str | None = None,
    reviews_by_deck: dict[str, tuple[int, int]] | None = None,
) -> list[DeckStats]:
    """Per deck (or just `deck`): active cards by stage and all-time review accuracy.

    `reviews_by_deck` (from card_review_summary) saves a second pass over the log.
    """
    if reviews_by_deck is None:
        reviews_by_deck = card_review_summary(db, deck=deck, limit=0).by_deck
    stage_rows = stats.deck_stages(db, deck, MATURE_STABILITY_DAYS)
    result = []
    for name, *stages in stage_rows:
        reviews, passed = reviews_by_deck.get(name, (0, 0))
        result.append(DeckStats(name, *stages, reviews, passed))
    return result


def hardest_cards(
    db: Database,
    *,
    deck: str | None = None,
    limit: int = 10,
    min_reviews: int = HARDEST_MIN_REVIEWS,
) -> list[HardCard]:
    """Active cards with at least `min_reviews` reviews: most lapses, then lowest accuracy."""
    return card_review_summary(db, deck=deck, limit=limit, min_reviews=min_reviews).hardest


def past_sessions(
    db: Database, clock: StudyClock, *, deck: str | None = None, limit: int = 20
) -> list[SessionStats]:
    """The most recent sessions that have reviews, newest first.

    Sessions are taken newest first in growing batches (the first as large as
    `limit`: most sessions have reviews); their reviews are counted from the
    `reviews_session` index alone.
    """
    found: list[SessionStats] = []
    batch = max(limit, 1)
    offset = 0
    while len(found) < limit:
        sessions = stats.sessions_newest_first(db, deck, batch, offset)
        if not sessions:
            break
        ids = [row[0] for row in sessions]
        since = min(row[3] for row in sessions)
        counts = stats.session_review_counts(db, ids, since)
        for session_id, deck_name, mode, started in sessions:
            if session_id not in counts or len(found) >= limit:
                continue
            reviews, cards, passed, duration = counts[session_id]
            started_at = read_stamp(started)
            found.append(
                SessionStats(
                    int(session_id),
                    deck_name,
                    mode,
                    started_at,
                    clock.day_of(started_at),
                    int(reviews),
                    int(cards),
                    int(passed or 0),
                    int(duration or 0),
                )
            )
        offset += batch
        batch *= 4
    return found


def build_report(
    db: Database,
    now: datetime,
    *,
    clock: StudyClock | None = None,
    deck: str | None = None,
    hardest_limit: int = 10,
    sessions_limit: int = 20,
) -> HistoryReport:
    """Read every history figure at `now` (UTC); `deck` None means all decks."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (UTC)")
    clock = clock if clock is not None else load_clock(db)
    stats.check_review_log(db)
    today = clock.day_of(now)
    activity = daily_activity(db, clock, today, deck=deck)
    days_forecast, overdue = forecast(db, clock, now, deck=deck)
    per_card = card_review_summary(db, deck=deck, limit=hardest_limit)
    return HistoryReport(
        now=now,
        today=today,
        clock=clock,
        deck=deck,
        activity=tuple(activity),
        totals=totals(db, activity, deck=deck),
        streaks=compute_streaks((entry.day for entry in activity), today),
        forecast=tuple(days_forecast),
        overdue=overdue,
        decks=tuple(deck_stats(db, deck=deck, reviews_by_deck=per_card.by_deck)),
        hardest=tuple(per_card.hardest),
        sessions=tuple(past_sessions(db, clock, deck=deck, limit=sessions_limit)),
        confusions=tuple(top_confusions(db, deck=deck)),
    )


# -- the JSON shape (documented in docs/history.md) ---------------------------------------


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def report_to_json(report: HistoryReport, days: int = 30) -> dict[str, Any]:
    """The one JSON object `quiz history --json` prints; keys are documented in docs/history.md."""
    totals_ = report.totals
    return {
        "generated_at": stamp(report.now),
        "today": report.today.isoformat(),
        "timezone": report.clock.zone_name,
        "day_start_hour": report.clock.day_start_hour,
        "deck": report.deck,
        "days": days,
        "totals": {
            "reviews": totals_.reviews,
            "passed": totals_.passed,
            "accuracy": _round(totals_.accuracy),
            "study_seconds": round(totals_.study_ms / 1000, 1),
            "average_seconds_per_card": _round(
                None if totals_.average_ms is None else totals_.average_ms / 1000, 2
            ),
            "cards_studied": totals_.cards_studied,
            "days_studied": totals_.days_studied,
        },
        "streaks": {"current": report.streaks.current, "longest": report.streaks.longest},
        "daily": [
            {
                "date": entry.day.isoformat(),
                "reviews": entry.reviews,
                "passed": entry.passed,
                "accuracy": _round(entry.accuracy),
                "study_seconds": round(entry.duration_ms / 1000, 1),
            }
            for entry in report.daily(days)
        ],
        "retention": {
            "overall": _retention_json(report.overall_retention),
            "daily": [_retention_json(p) for p in report.retention("day", days)],
            "weekly": [_retention_json(p) for p in report.retention("week")],
            "monthly": [_retention_json(p) for p in report.retention("month")],
        },
        "forecast": [{"date": d.day.isoformat(), "due": d.due} for d in report.forecast],
        "overdue": report.overdue,
        "decks": [
            {
                "deck": d.deck,
                "new": d.new,
                "learning": d.learning,
                "young": d.young,
                "mature": d.mature,
                "suspended": d.suspended,
                "total": d.total,
                "reviews": d.reviews,
                "accuracy": _round(d.accuracy),
                "mastery": _round(d.mastery),
            }
            for d in report.decks
        ],
        "hardest": [
            {
                "card_id": c.card_id,
                "deck": c.deck,
                "question": c.question,
                "answer": c.answer,
                "reviews": c.reviews,
                "lapses": c.lapses,
                "accuracy": _round(c.accuracy),
            }
            for c in report.hardest
        ],
        "sessions": [
            {
                "id": s.session_id,
                "started_at": stamp(s.started_at),
                "date": s.day.isoformat(),
                "deck": s.deck,
                "mode": s.mode,
                "reviews": s.reviews,
                "cards": s.cards,
                "correct_percent": _round(s.correct_percent, 1),
                "study_seconds": round(s.duration_ms / 1000, 1),
            }
            for s in report.sessions
        ],
        "confusions": [
            {"answers": list(c.answers), "count": c.count, "cards": c.cards}
            for c in report.confusions
        ],
    }


def _retention_json(period: RetentionPeriod) -> dict[str, Any]:
    return {
        "period": period.label,
        "start": period.start.isoformat(),
        "reviews": period.reviews,
        "passed": period.passed,
        "retention": _round(period.retention),
    }


def format_percent(value: float | None) -> str:
    """A share as a whole percentage, or a dash when there is nothing to count."""
    return "—" if value is None else f"{100 * value:.0f}%"


def format_duration(seconds: float) -> str:
    """Study time the way a person reads it: "1h 05m", "3m 20s", "42s"."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m {secs:02d}s" if minutes else f"{secs}s"
