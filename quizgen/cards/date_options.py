"""Wrong dates that look like the answer and could have been true.

An option has the answer's precision, range shape and qualifier, and is written
the way the answer is (format_date writes every date; an answer written
"January 3, 1959" gets its options in that order too). It stays where the fact
could lie: inside the subject's lifetime or the event's era when the article
says them, never in the future. Decades move by whole decades ("1920s" ->
"1940s"); a qualifier is kept only when it is a real one (early, mid, late,
circa, a season).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from quizgen.core.date_format import MONTH_NAMES, format_date
from quizgen.core.grading import normalize_text, parse_typed_date
from quizgen.core.models import DateValue

REAL_QUALIFIERS = frozenset(
    {"circa", "mid", "early", "late", "spring", "summer", "autumn", "fall", "winter"}
)
"""Words that may stand before an option's date as they stood before the answer's."""


@dataclass(frozen=True)
class Era:
    """When the card's fact can lie: a lifetime, a war, or nothing known (None)."""

    earliest: date | None = None
    latest: date | None = None

    def holds(self, value: DateValue) -> bool:
        if self.earliest and _year_end(value.end, value.precision) < self.earliest:
            return False
        if self.latest and value.start > self.latest:
            return False
        return True


def _year_end(day: date, precision: str) -> date:
    """The last day a date of this precision may mean (1919 -> 31 December 1919)."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return day


_DMY = re.compile(r"(\d{1,2}) ([A-Z][a-z]+) (\d{3,4})")


def _in_style(text: str, month_first: bool) -> str:
    """format_date's "3 January 1959" as "January 3, 1959" when the answer reads so."""
    if not month_first:
        return text
    return _DMY.sub(lambda m: f"{m[2]} {m[1]}, {m[3]}", text)


def value_of(answer: str, card_date: DateValue | None) -> tuple[DateValue, bool] | None:
    """The answer's date and whether it is written month first, when format_date
    writes it back exactly; None for anything written otherwise ("May 1929 (1st)")."""
    value = card_date
    if value is None:
        parsed = parse_typed_date(answer)
        readings = getattr(parsed, "readings", None)
        if not readings or getattr(parsed, "ambiguous", True):
            return None
        value = readings[0]
    for month_first in (False, True):
        if normalize_text(_in_style(format_date(value), month_first)) == normalize_text(answer):
            return value, month_first
    return None


_MONTH_WORD = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\b")
_DIGIT_RUN = re.compile(r"\d+")


def _shape(text: str) -> str:
    """ "21–29 May 1918" -> "#–# M #": an option must read like the answer."""
    return _DIGIT_RUN.sub("#", _MONTH_WORD.sub("M", text))


def _shift(day: date, precision: str, amount: int) -> date | None:
    try:
        if precision == "year":
            return day.replace(year=day.year + amount)
        if precision == "month":
            index = day.year * 12 + day.month - 1 + amount
            return day.replace(year=index // 12, month=index % 12 + 1)
        return day + timedelta(days=amount)
    except (ValueError, OverflowError):
        return None


def _moved(value: DateValue, precision: str, amount: int) -> DateValue | None:
    start = _shift(value.start, precision, amount)
    end = _shift(value.end, precision, amount)
    if start is None or end is None or start.year < 1:
        return None
    return replace(value, start=start, end=end)


def _steps(
    value: DateValue, keep_year: bool, rng: random.Random, cycle: int = 1
) -> list[tuple[str, int]]:
    """(unit, amount) moves that keep the answer's shape, in the card's random order."""
    qualifier = value.qualifier or ""
    if "decade" in qualifier:
        moves = [("year", 10 * k) for k in (-1, 1, -2, 2, -3, 3)]
    elif value.precision == "year" and cycle > 1 and not keep_year:
        moves = [("year", sign * cycle * k) for k in (1, 2, 3) for sign in (-1, 1)]
    elif value.precision == "year":
        if keep_year:
            return []
        span = value.end.year - value.start.year
        # Near years: the further an option lies, the likelier it falls outside what the
        # subject could have done (after a retirement, before a book was written).
        # Judges called a fourth year out ("1925" for the first Academy Awards, four years
        # before them and two before the Academy) implausible more often than a nearer one.
        reach = [1, 2, 3] if span < 10 else [3, 5, 7, 9, 11, 13]
        moves = [("year", sign * k) for k in reach for sign in (-1, 1)]
    elif value.precision == "month":
        moves = [("month", sign * k) for k in (1, 2, 3, 4, 5, 6, 8) for sign in (-1, 1)]
        if keep_year:
            moves = [
                (unit, amount)
                for unit, amount in moves
                if 1 <= value.start.month + amount <= 12 and 1 <= value.end.month + amount <= 12
            ]
        elif not value.is_range:
            moves += [("year", sign * k) for k in (1, 2) for sign in (-1, 1)]
    else:
        # Days of the same weeks and months first: "22 December 1968" beside a splashdown
        # of 27 December 1968, not "27 December 1970" (a famous flight's year is known,
        # so another year gives the answer away).
        near = [("day", sign * k) for k in (2, 4, 5, 7, 9, 11, 13) for sign in (-1, 1)]
        near += [("month", sign * k) for k in (1, 2, 3) for sign in (-1, 1)]
        rng.shuffle(near)
        far: list[tuple[str, int]] = []
        if not keep_year:
            far += [("year", sign * k) for k in (1, 2) for sign in (-1, 1)]
            # Day, month and year all new, for when the near ones are refused:
            # "February 11, 1966" and "February 15, 1966" share the item "1966",
            # which the checker counts as partly right. Within about a year: "1
            # February 1972" is no option for a 1968 splashdown.
            far += [("day", sign * k) for k in (372, 409, 437) for sign in (-1, 1)]
        rng.shuffle(far)
        return near + far
    rng.shuffle(moves)
    return moves


def date_options(
    answer: str,
    card_date: DateValue | None,
    rng: random.Random,
    era: Era | None = None,
    keep_year: bool = False,
    today: date | None = None,
    cycle: int = 1,
) -> list[str]:
    """Wrong dates for the answer, shaped and written like it; [] when none can be.

    `cycle` is the years between two of the events asked about: an election or the
    Olympics come every four years, so "2006" is no option for a presidential run in 2008.
    """
    return list(iter_date_options(answer, card_date, rng, era, keep_year, today, cycle))


def iter_date_options(
    answer: str,
    card_date: DateValue | None,
    rng: random.Random,
    era: Era | None = None,
    keep_year: bool = False,
    today: date | None = None,
    cycle: int = 1,
) -> Iterator[str]:
    """`date_options` one at a time, made only as far as the caller reads."""
    found = value_of(answer, card_date)
    if found is None:
        return
    value, month_first = found
    qualifier = value.qualifier or ""
    plain = qualifier.removesuffix("decade").strip()
    if plain and plain not in REAL_QUALIFIERS:
        return
    if plain == "circa":
        return  # "c. 1039" beside "c. 1040" is not clearly wrong: no option is fair
    if "decade" in qualifier and value.start.year % 10:
        return  # "1917s" is no decade, and neither are its neighbours
    today = today or date.today()
    era = era or Era()
    if not era.holds(value):
        era = Era()  # the answer itself lies outside: the bounds do not describe it
    seen: set[str] = set()
    answer_shape = _shape(answer)
    for unit, amount in _steps(value, keep_year, rng, cycle):
        moved = _moved(value, unit, amount)
        if moved is None or moved.end > today or not era.holds(moved):
            continue
        if moved.precision == "day" and value.precision == "day" and moved.start.day > 28:
            continue  # "31 April" never; and no option stands out by its odd day
        option = _in_style(format_date(moved), month_first)
        if option not in seen and _shape(option) == answer_shape:
            seen.add(option)
            yield option
