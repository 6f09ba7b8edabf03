"""Timeline cards: the order of an article's (or a deck's) dated events.

The events are the dated cards the build keeps (they passed every card rule, the
quality score and the budget) whose phraser could name the event in a short clause
that stands alone with its date hidden (`Question.extra["event"]`). Precision first:

- two events are only ever set against each other when their dates cannot overlap:
  not the same day, not overlapping spans, and a date known only to the month or the
  year covers that whole month or year (two events "in 1919" are never ordered);
- a date with a "circa" is too loose to order by, and is left out;
- an article gives at most one "Put these in order" card (3 to 5 events) and one
  "Which came first" card (two events the first card does not use), and a deck of
  several articles one card across them, so a weak article makes none.

Which events a card orders is its fact (`identity.timeline_fact_key`): the same
events keep the same card, whatever their wording or corrected dates.
"""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from quizgen.core.identity import timeline_fact_key
from quizgen.core.models import DateValue
from quizgen.core.timeline import LABELS, Timeline, TimelineForm, TimelineItem

MIN_ORDER_ITEMS = 3
MAX_ORDER_ITEMS = 5
LOOSE_QUALIFIERS = ("circa", "c.", "about", "around")
"""A date so hedged cannot place an event before or after another."""

MAX_QUESTION_CHARS = 300
"""As for every card: a front longer than this is not read, it is skimmed."""

ORDER_PROMPT = "Put these in order, earliest first:"
FIRST_PROMPT = "Which came first?"


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event a timeline may use: its dated card's fact key, its clause, its date."""

    fact_key: str
    text: str
    date: DateValue
    rank: float
    """Importance times quality, as the budget ranks its card: the better events go first."""
    article: str = ""
    """The article's title (a deck-wide timeline takes events from several)."""


@dataclass(frozen=True)
class TimelinePlan:
    """A timeline card before it is a Card: what it asks and what it holds."""

    fact_key: str
    question: str
    timeline: Timeline
    event_keys: frozenset[str] = frozenset()
    """The fact keys of the dated cards whose events it orders."""


def span(value: DateValue) -> tuple[date, date]:
    """The days a date may mean: a month its whole month, a year its whole year; a date
    with a qualifier ("early 1919", "late May") is read as its whole year or month."""
    start, end = value.start, value.end
    precision = value.precision
    if value.qualifier and precision == "day":
        precision = "month"
    if precision == "year" or (value.qualifier and precision == "month"):
        return date(start.year, 1, 1), date(end.year, 12, 31)
    if precision == "month":
        last = calendar.monthrange(end.year, end.month)[1]
        return date(start.year, start.month, 1), date(end.year, end.month, last)
    return start, end


def separated(first: DateValue, second: DateValue) -> bool:
    """Whether one of the two certainly happened before the other (their spans are apart)."""
    first_start, first_end = span(first)
    second_start, second_end = span(second)
    return first_end < second_start or second_end < first_start


def orderable(event: TimelineEvent) -> bool:
    qualifier = (event.date.qualifier or "").lower()
    return not any(loose in qualifier for loose in LOOSE_QUALIFIERS)


def _key_words(text: str) -> frozenset[str]:
    return frozenset(word for word in re.findall(r"[a-z]{4,}", text.lower()))


def _near_copies(first: str, second: str) -> bool:
    """Two clauses sharing most of their longer words tell one event twice."""
    words = _key_words(first)
    return len(words & _key_words(second)) >= max(3, len(words) * 2 // 3)


def _distinct(events: Iterable[TimelineEvent]) -> list[TimelineEvent]:
    """One event per fact and per clause, orderable ones only, best first."""
    seen_keys: set[str] = set()
    seen_texts: set[str] = set()
    kept: list[TimelineEvent] = []
    for event in sorted(events, key=lambda e: (-e.rank, e.date.start, e.fact_key)):
        folded = event.text.casefold()
        if event.fact_key in seen_keys or folded in seen_texts or not orderable(event):
            continue
        seen_keys.add(event.fact_key)
        seen_texts.add(folded)
        kept.append(event)
    return kept


def _pick(
    events: Sequence[TimelineEvent],
    limit: int,
    prompt: str,
    per_article: int | None = None,
) -> list[TimelineEvent]:
    """Greedily, best first: events whose dates are apart from every one already picked,
    whose clauses are not near-copies of one already picked, and that still fit on the
    card's front after `prompt` (see MAX_QUESTION_CHARS)."""
    picked: list[TimelineEvent] = []
    by_article: dict[str, int] = {}
    length = len(prompt)
    for event in events:
        if len(picked) >= limit:
            break
        if length + len(event.text) + 4 > MAX_QUESTION_CHARS:
            continue
        if per_article is not None and by_article.get(event.article, 0) >= per_article:
            continue
        if not all(separated(event.date, other.date) for other in picked):
            continue
        if any(_near_copies(event.text, other.text) for other in picked):
            continue
        picked.append(event)
        length += len(event.text) + 4  # "\nA. "
        by_article[event.article] = by_article.get(event.article, 0) + 1
    return picked


def _shown_order(events: list[TimelineEvent], seed: str) -> list[TimelineEvent]:
    """The events in the fixed order a card shows them, seeded by the card: well mixed (at
    most one event already in its place, none of three), so the shown order gives no hint."""
    chronological = sorted(events, key=lambda e: span(e.date)[0])
    shown = list(chronological)
    rng = random.Random(seed)
    allowed = 0 if len(shown) <= 3 else 1
    for _ in range(200):
        rng.shuffle(shown)
        in_place = sum(a is b for a, b in zip(shown, chronological, strict=True))
        if len(shown) == 2 or in_place <= allowed:
            break
    return shown


def make_plan(
    events: list[TimelineEvent], form: TimelineForm, prompt: str, scope: str = "timeline"
) -> TimelinePlan:
    """The card asking the order of these events (already checked to be apart)."""
    fact_key = timeline_fact_key(form, [event.fact_key for event in events], scope)
    shown = _shown_order(events, fact_key)
    items = tuple(
        TimelineItem(label=LABELS[index], text=event.text, date=event.date)
        for index, event in enumerate(shown)
    )
    order = tuple(item.label for item in sorted(items, key=lambda item: span(item.date)[0]))
    timeline = Timeline(form=form, items=items, order=order)
    lines = [prompt, *(f"{item.label}. {item.text}" for item in items)]
    return TimelinePlan(
        fact_key=fact_key,
        question="\n".join(lines),
        timeline=timeline,
        event_keys=frozenset(event.fact_key for event in events),
    )


def _fitting_plan(
    events: list[TimelineEvent], form: TimelineForm, prompt: str, scope: str = "timeline"
) -> TimelinePlan | None:
    """The card of these events (best first), fewer of them if its front would be too
    long, None when even the fewest allowed do not fit."""
    fewest = MIN_ORDER_ITEMS if form == "order" else 2
    while len(events) >= fewest:
        plan = make_plan(events, form, prompt, scope)
        if len(plan.question) <= MAX_QUESTION_CHARS:
            return plan
        events = events[:-1]
    return None


def article_timelines(events: Iterable[TimelineEvent]) -> list[TimelinePlan]:
    """An article's timeline cards: one ordering of 3-5 events, and one "which came first"
    of two others; none when its events are too few or too close in time."""
    candidates = _distinct(events)
    plans: list[TimelinePlan] = []
    ordering = _fitting_plan(
        _pick(candidates, MAX_ORDER_ITEMS, ORDER_PROMPT), "order", ORDER_PROMPT
    )
    used: set[str] = set()
    if ordering is not None:
        plans.append(ordering)
        used = set(ordering.event_keys)
    pair = _fitting_plan(
        _pick([event for event in candidates if event.fact_key not in used], 2, FIRST_PROMPT),
        "first",
        FIRST_PROMPT,
    )
    if pair is not None:
        plans.append(pair)
    return plans


def names_something(text: str) -> bool:
    """Whether a clause names what it is about with a proper name ("The Treaty of Batum was
    signed", "Nzhdeh proclaimed ..."), so it can stand outside its article."""
    words = text.split()
    if words and words[0] not in ("The", "A", "An") and words[0][:1].isupper():
        return True
    return any(word[:1].isupper() for word in words[1:])


def deck_prompt(deck: str) -> str:
    return f"Order these events of the {deck} deck, earliest first:"


def deck_timeline(deck: str, events: Iterable[TimelineEvent]) -> TimelinePlan | None:
    """One ordering across a deck's articles: up to five events, one per article where the
    deck has enough articles (else at most two of one), at least two articles; each clause
    must name its subject outside its article."""
    candidates = [event for event in _distinct(events) if names_something(event.text)]
    picked = _pick(candidates, MAX_ORDER_ITEMS, deck_prompt(deck), per_article=1)
    if len(picked) < MIN_ORDER_ITEMS:
        picked = _pick(candidates, MAX_ORDER_ITEMS, deck_prompt(deck), per_article=2)
    plan = _fitting_plan(picked, "order", deck_prompt(deck), scope="deck-timeline")
    if plan is None or len({event.article for event in picked[: len(plan.event_keys)]}) < 2:
        return None
    return plan
