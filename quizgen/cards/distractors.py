"""Wrong options for multiple choice that make a learner think.

Names come from the same family of answers in other articles (other commanders,
other places, other results); dates are made at the card's precision near the
true one; figures are perturbed in proportion. A candidate is kept only when the
answer checker grades it WRONG against the card, so a distractor can never be an
accepted answer in another spelling, or a near-duplicate of one.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from quizgen.core.date_format import format_date
from quizgen.core.grading import Verdict, grade_answer, normalize_text
from quizgen.core.models import Card, DateValue

WANTED = 3

_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")


@dataclass
class DistractorPools:
    """Answers seen across the corpus, by family ("person", "place", "result"...)."""

    by_pool: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    """pool -> [(answer, article_id)], in the order added."""
    by_article: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    """(pool, article_id) -> answers, so a card finds its own article's without a scan."""
    _seen: set[tuple[str, str]] = field(default_factory=set)

    def add(self, pool: str, answer: str, article_id: str) -> None:
        """File an answer under its pool ("person@conflict") and the family ("person")."""
        if not pool or pool in ("date", "number"):
            return
        for name in dict.fromkeys((pool, pool.split("@")[0])):
            key = (name, normalize_text(answer))
            if key not in self._seen:
                self._seen.add(key)
                self.by_pool[name].append((answer, article_id))
                self.by_article[(name, article_id)].append(answer)


def _rng(card_id: str) -> random.Random:
    """Per-card randomness, so the options stay the same from build to build."""
    return random.Random(int(hashlib.sha1(card_id.encode()).hexdigest()[:12], 16))


def _is_wrong(candidate: str, card: Card) -> bool:
    return grade_answer(candidate, card).verdict == Verdict.WRONG


def _take(candidates: Iterable[str], card: Card, have: list[str]) -> None:
    """Add candidates that are wrong, new, and not named in the question itself."""
    seen = {normalize_text(text) for text in have}
    asked = f" {normalize_text(card.question)} "
    for candidate in candidates:
        if len(have) >= WANTED:
            return
        normalized = normalize_text(candidate)
        if not normalized or normalized in seen or f" {normalized} " in asked:
            continue
        if not _is_wrong(candidate, card):
            continue
        seen.add(normalized)
        have.append(candidate)


def _shifted(day: date, precision: str, amount: int) -> date | None:
    try:
        if precision == "year":
            return day.replace(year=day.year + amount)
        if precision == "month":
            month_index = day.year * 12 + day.month - 1 + amount
            return date(month_index // 12, month_index % 12 + 1, 1)
        return day + timedelta(days=amount)
    except (ValueError, OverflowError):
        return None


def date_distractors(value: DateValue, rng: random.Random) -> list[str]:
    """Dates at the same precision, plausibly near: same decade, same season of events."""
    if value.precision == "year":
        steps = [-3, -2, -1, 1, 2, 3, 4, -4]
    elif value.precision == "month":
        # "In which month of 1919...": every option must stay in the year the question gives.
        steps = [step for step in range(-11, 12) if step and 1 <= value.start.month + step <= 12]
        steps = [step for step in steps if 1 <= value.end.month + step <= 12]
    else:
        steps = [-6, -3, -2, -1, 1, 2, 3, 5, 9, 30, -30]
    rng.shuffle(steps)
    options: list[str] = []
    for step in steps:
        start = _shifted(value.start, value.precision, step)
        end = _shifted(value.end, value.precision, step)
        if start is None or end is None:
            continue
        options.append(format_date(replace(value, start=start, end=end)))
    return options


def _scaled(match: re.Match[str], factor: float) -> str:
    digits = match.group(0)
    number = float(digits.replace(",", ""))
    scaled = number * factor
    magnitude = max(len(str(int(number))) - 2, 0)
    rounded = round(scaled, -magnitude) if magnitude else round(scaled, 1 if "." in digits else 0)
    if rounded == number:
        rounded = number + (10**magnitude if factor > 1 else -(10**magnitude))
    if rounded <= 0:
        return digits
    if "." in digits and magnitude == 0:
        return f"{rounded:.1f}"
    text = f"{int(rounded):,}" if "," in digits or rounded >= 10000 else str(int(rounded))
    return text


_DURATION = re.compile(r"(\d{1,3}):([0-5]\d)(?::([0-5]\d))?")


def _duration_distractors(match: re.Match[str], rng: random.Random) -> list[str]:
    """ "45:44" (minutes:seconds) -> other plausible running times."""
    parts = [int(part) for part in match.groups() if part is not None]
    seconds = (
        parts[0] * 60 + parts[1] if len(parts) == 2 else parts[0] * 3600 + parts[1] * 60 + parts[2]
    )
    factors = [0.6, 0.8, 1.25, 1.5, 0.7, 1.35]
    rng.shuffle(factors)
    options = []
    for factor in factors:
        total = max(1, round(seconds * factor))
        if len(parts) == 2:
            options.append(f"{total // 60}:{total % 60:02d}")
        else:
            options.append(f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}")
    return options


def number_distractors(answer: str, rng: random.Random) -> list[str]:
    """The answer's figures perturbed in proportion, its words kept ("c. 12,000 men")."""
    duration = _DURATION.fullmatch(answer.strip())
    if duration:
        return _duration_distractors(duration, rng)
    if not _NUMBER.search(answer) or ":" in answer:
        return []
    factors = [0.5, 0.75, 1.5, 2.0, 0.6, 1.3]
    rng.shuffle(factors)
    return [_NUMBER.sub(lambda match, f=factor: _scaled(match, f), answer) for factor in factors]


def choose_distractors(
    card: Card, pool: str, pools: DistractorPools, article_id: str
) -> tuple[str, ...]:
    """Up to three wrong options for a card, the phraser's own ones first."""
    rng = _rng(card.id)
    chosen: list[str] = []
    _take(card.distractors, card, chosen)
    if len(chosen) >= WANTED:
        return tuple(chosen)
    if card.date is not None:
        _take(date_distractors(card.date, rng), card, chosen)
    elif card.answer_type == "number":
        _take(number_distractors(card.answer, rng), card, chosen)
    for name in dict.fromkeys((pool, pool.split("@")[0])):
        if len(chosen) >= WANTED or name not in pools.by_pool:
            continue
        others = _other_articles_answers(pools.by_pool[name], article_id, rng)
        same_article = list(pools.by_article.get((name, article_id), ()))
        rng.shuffle(same_article)
        others.sort(key=lambda option: _shape_distance(option, card.answer))
        _take(same_article + others, card, chosen)
    return tuple(chosen)


def _shape_distance(option: str, answer: str) -> tuple[int, int]:
    """Options shaped like the answer first: "Warsaw, Poland" beside "London, England",
    not "Georgia"; a short name beside a short name. The sort is stable, so ties stay
    in the card's own random order."""
    parts = abs(option.count(",") - answer.count(","))
    words = abs(len(option.split()) - len(answer.split()))
    return (parts, min(words, 3))


SAMPLE_OTHERS = 32
"""Answers from other articles tried per card when the pool is large."""


def _other_articles_answers(
    entries: list[tuple[str, str]], article_id: str, rng: random.Random
) -> list[str]:
    """Other articles' answers in random order: all of a small pool, a sample of a big one.

    Shuffling (and sorting) a whole pool for every card made the distractor pass grow
    with the square of the corpus (10,000 articles: ~1M cards, pools of ~100,000
    answers). A random sample of a few dozen offers the same kind of options.
    """
    if len(entries) <= SAMPLE_OTHERS * 4:
        others = [answer for answer, source in entries if source != article_id]
        rng.shuffle(others)
        return others
    picked: list[str] = []
    tried: set[int] = set()
    for _ in range(SAMPLE_OTHERS * 3):
        index = rng.randrange(len(entries))
        if index in tried:
            continue
        tried.add(index)
        answer, source = entries[index]
        if source != article_id:
            picked.append(answer)
            if len(picked) >= SAMPLE_OTHERS:
                break
    return picked
