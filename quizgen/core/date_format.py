"""Writing a DateValue back as English, the one way answers show dates.

Answers say a date the way an encyclopedia does ("3 November 1919",
"21–29 May 1918", "mid-June 1919", "1918–1920"), at the precision it was stated,
so a card never claims more than its source.
"""

from __future__ import annotations

import re
from datetime import date

from quizgen.core.models import DateValue

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

MONTH_NUMBERS: dict[str, int] = {
    **{name.casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3].casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
"""Lower-case month names and their usual abbreviations ("sept" too), to month numbers."""


def _single(day: date, precision: str) -> str:
    if precision == "day":
        return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
    if precision == "month":
        return f"{MONTH_NAMES[day.month - 1]} {day.year}"
    return str(day.year)


def _range(value: DateValue) -> str:
    start, end, precision = value.start, value.end, value.precision
    if precision == "year":
        return f"{start.year}–{end.year}"
    if precision == "month":
        if start.year == end.year:
            return f"{MONTH_NAMES[start.month - 1]}–{MONTH_NAMES[end.month - 1]} {end.year}"
        return f"{_single(start, 'month')} – {_single(end, 'month')}"
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {MONTH_NAMES[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTH_NAMES[start.month - 1]} – {_single(end, 'day')}"
    return f"{_single(start, 'day')} – {_single(end, 'day')}"


def format_date(value: DateValue) -> str:
    """The date as a learner should write it, qualifier kept: "3 November 1919",
    "June 1919", "1918–1920", "mid-June 1919", "c. 1850", "summer 1918", "early 1920s"."""
    qualifier = value.qualifier or ""
    if qualifier == "decade" or qualifier.endswith(" decade"):
        prefix = qualifier.removesuffix("decade").strip()
        decade = f"{value.start.year}s"
        return f"{prefix} {decade}" if prefix else decade
    text = _range(value) if value.is_range else _single(value.start, value.precision)
    if not qualifier:
        return text
    if qualifier == "circa":
        return f"c. {text}"
    if qualifier == "mid":
        return f"mid-{text}"
    return f"{qualifier} {text}"


STATED_YEAR = re.compile(r"(?<![\d,.$])(1[0-9]{3}|20[0-9]{2})(?![\d%]|[.,]\d)")
"""A year written in a text (1000-2099), not part of a figure ("1,950", "$1950", "1950%"):
the one pattern the phrasers and the distractors use to find the years a question states."""
