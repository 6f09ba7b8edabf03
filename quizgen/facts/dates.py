"""The date grammar: find date expressions in a sentence and normalize them.

A small regex grammar rather than dateparser/datefinder, because those libraries
happily read "3rd Army", "12,000 men" or "they may attack" as dates, and a quiz
card built on a false date teaches something wrong. Every rule here errs on the
side of silence: a missed date costs one card, a false one costs trust.

Choices worth knowing (see tests/fixtures/dates_labelled.yaml for examples):
- Month precision uses the 1st of the month, year precision 1 January.
- "mid/early/late" and "circa" are kept as `qualifier`; the value is the plain
  month or year ("mid-June 1919" -> June 1919, qualifier "mid").
- Seasons ("the summer of 1918") are year precision with the season as qualifier:
  a quiz asks for the year, and a season is not a calendar month.
- Decades ("the 1920s") are a year range 1920-1929 with qualifier "decade"
  ("early decade" etc. when qualified).
- BC years cannot be held by `datetime.date`; they are recognised (so "1000 BC"
  is not read as the year 1000) and dropped. "AD 800" / "800 CE" are kept.
- "3/4 November" and "20 January [2 February N.S.] 1905": the New Style reading
  is the value, the other one `old_style`.
- A mention without a stated year takes the context year (`year_inferred=True`);
  with no context year it is dropped. Today's date is never used.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from quizgen.core.date_format import MONTH_NUMBERS as _MONTH_NUMBERS
from quizgen.core.literal_gate import LiteralGated, gated
from quizgen.core.models import DateMention, DateValue, Precision

LATEST_YEAR = 2099
"""No later year is a date (the bare-year pattern reads 1000-2099): "AD 9999" and
"4 November 10000" are not."""


@dataclass(frozen=True)
class DateContext:
    """What the surrounding text says about when we are (for "On 4 November")."""

    year: int | None = None
    month: int | None = None


# Capitalised only: "march" and "may" in lower case are verbs.
_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?:{_FULL_MONTH}|{_ABBR_MONTH})(?![A-Za-z])"


def _month(name: str) -> str:
    return rf"(?P<{name}>{_MONTH})"


def _day(name: str) -> str:
    # Not part of a larger number ("1,500", "3.5"), ordinal suffix allowed.
    return rf"(?<![\d,.])(?P<{name}>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?!\d|,\d{{3}})"


def _year(name: str) -> str:
    return rf"(?<![\d,])(?<!\d\.)(?P<{name}>1\d{{3}}|20\d{{2}})(?!\d|,\d|\.\d|st\b|nd\b|rd\b|th\b)"


_DASH = r"\s*(?:[–—−-]|\s(?:to|until|till|through)\s)\s*"
_QUAL = r"(?P<qual>[Ee]arly|[Mm]id|[Ll]ate)"
_SEASON = r"(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
_OF = r"(?:,?\s+|\s+of\s+)"  # "30 March 1918", "30 March, 1918", "9th of November"

_NOUN_NOT_COUNT = {
    "was",
    "is",
    "has",
    "as",
    "this",
    "his",
    "its",
    "thus",
    "us",
    "always",
    "towards",
    "whereas",
    "besides",
    "was,",
    "does",
    "less",
    "unless",
    "across",
    "perhaps",
    "afterwards",
    "nevertheless",
    "elections",
    "olympics",
    "games",
    "championships",
    "finals",
    "floods",
    "riots",
    "protests",
    "clashes",
    "events",
    "massacres",
    "negotiations",
    "talks",
    "hostilities",
    "reforms",
    "series",
    "rules",
    "census",
    "season",
}
_COUNT_NOUNS = {
    "men",
    # casualty words: "2,000 killed and 1918 wounded" counts people, it is no year
    "killed",
    "wounded",
    "dead",
    "injured",
    "captured",
    "missing",
    "prisoners",
    "people",
    "children",
    "women",
    "cattle",
    "head",
    "m",
    "km",
    "ft",
    "feet",
    "foot",
    "metres",
    "meters",
    "kg",
    "tons",
    "tonnes",
    "hours",
    "hrs",
    "miles",
    "mi",
    "yards",
    "percent",
    "per",
    "square",
    "sq",
    "strong",
    "infantry",
    "cavalry",
    "personnel",
    "staff",
    "livestock",
    "acres",
    "hectares",
    "ha",
    "inhabitants",
    "residents",
    "pounds",
    "lb",
    "lbs",
    "dollars",
    "euros",
    "rubles",
    "roubles",
    "votes",
    "times",
    "horsepower",
    "hp",
    "kw",
    "mw",
    "rpm",
    "mph",
    "cc",
    "kph",
}
# Words right before a number that make it a count, a page, a label - never a year.
_BLOCKING_BEFORE = {
    "p",
    "pp",
    "page",
    "pages",
    "no",
    "nos",
    "number",
    "numbers",
    "route",
    "highway",
    "flight",
    "room",
    "isbn",
    "issn",
    "approximately",
    "nearly",
    "almost",
    "numbering",
    "roughly",
    "some",
    "over",
    "than",
    "total",
    "with",
    "tel",
    "phone",
    "ext",
    "model",
    "version",
    "vol",
    "volume",
    "chapter",
    "platform",
    "bus",
    "apartment",
    "suite",
    "exactly",
    "about",
    "scored",
    "score",
    "killed",
    "lost",
    "captured",
    "wounded",
    "battalion",
    "regiment",
    "division",
    "brigade",
    "squadron",
    "platoon",
    "corps",
    "unit",
    "hill",
    "height",
    "code",
    "line",
    "track",
    "interstate",
    "exit",
    "catalogue",
    "catalog",
    "opus",
    "op",
    "serial",
}
# After these a number is a year unless a unit or count noun follows ("by 1918 men" is odd).
_STRONG_YEAR_CUES = {
    "in",
    "since",
    "until",
    "till",
    "during",
    "after",
    "before",
    "throughout",
    "around",
    "circa",
    "year",
    "born",
    "died",
}
# "the 1918 clashes": a determiner before a year-adjective makes it a year again.
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"}


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int
    mention: DateMention | None  # None: recognised, deliberately not a date (e.g. BC)


def _month_number(text: str) -> int:
    return _MONTH_NUMBERS[text.rstrip(".").lower()]


def _day_date(year: int, month: int, day: int) -> date:
    """The calendar day, or _Unrepresentable for one that never was ("31 February 1919",
    "29 February 1900"): such text is no date, and no shorter reading of it either
    ("February 1919")."""
    try:
        return date(year, month, day)
    except ValueError:
        raise _Unrepresentable(f"no day {day} in month {month} of {year}") from None


def _int(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _value(
    start: date, end: date | None, precision: Precision, qualifier: str | None = None
) -> DateValue:
    end = end or start
    if end < start:
        raise ValueError("range ends before it starts")
    return DateValue(start=start, end=end, precision=precision, qualifier=qualifier)


class _Unrepresentable(ValueError):
    """A real date we cannot return (no year known, BC): it still blocks shorter misreadings."""


class _Resolver:
    """Year resolution for one match: stated year, else context year (flagged)."""

    def __init__(self, context: DateContext | None) -> None:
        self.context = context
        self.inferred = False
        self.asked = False
        """A year was needed and none stated: a context year could change this reading."""

    def year(self, stated: str | None) -> int:
        if stated:
            return int(stated)
        self.asked = True
        if self.context is None or self.context.year is None:
            raise _Unrepresentable("no year stated and none in context")
        self.inferred = True
        return self.context.year


Builder = Callable[[re.Match[str], _Resolver], tuple[DateValue, DateValue | None]]


def _qualifier(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    qual = groups.get("qual")
    return qual.lower() if qual else None


def _build_full_range_dmy(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    y2 = r.year(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2
    start = _day_date(y1, _month_number(m["m1"]), _int(m["d1"]))
    end = _day_date(y2, _month_number(m["m2"]), _int(m["d2"]))
    return _value(start, end, "day"), None


def _build_full_range_mdy(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    y2 = r.year(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2
    start = _day_date(y1, _month_number(m["m1"]), _int(m["d1"]))
    end = _day_date(y2, _month_number(m["m2"]), _int(m["d2"]))
    return _value(start, end, "day"), None


def _build_day_range(m: re.Match[str], r: _Resolver) -> tuple[DateValue, DateValue | None]:
    year = r.year(m["y"])
    month = _month_number(m["m"])
    first, last = _day_date(year, month, _int(m["d1"])), _day_date(year, month, _int(m["d2"]))
    value = _value(first, last, "day")
    old_style = None
    if m.groupdict().get("d0"):
        old_style = _value(_day_date(year, month, _int(m["d0"])), value.end, "day")
    return value, old_style


def _build_day_month(m: re.Match[str], r: _Resolver) -> tuple[DateValue, DateValue | None]:
    year = r.year(m["y"])
    month = _month_number(m["m"])
    value = _value(_day_date(year, month, _int(m["d"])), None, "day")
    old_style = None
    if m.groupdict().get("d0"):
        old_style = _value(_day_date(year, month, _int(m["d0"])), None, "day")
    return value, old_style


def _build_bracketed_style(m: re.Match[str], r: _Resolver) -> tuple[DateValue, DateValue]:
    year = r.year(m["y"])
    outside = _value(_day_date(year, _month_number(m["m1"]), _int(m["d1"])), None, "day")
    inside = _value(_day_date(year, _month_number(m["m2"]), _int(m["d2"])), None, "day")
    style = m["style"] or m["style2"]
    if not style:
        # "25 October (7 November) 1917": unmarked, but 10-13 days apart is the Julian
        # calendar's lag, and the later day is the New Style one. The year stated after
        # the pair is both days' year: neither is read with a context year.
        lag = (inside.start - outside.start).days
        if _JULIAN_LAG_DAYS[0] <= lag <= _JULIAN_LAG_DAYS[1]:
            return inside, outside
        if _JULIAN_LAG_DAYS[0] <= -lag <= _JULIAN_LAG_DAYS[1]:
            return outside, inside
        raise _Unrepresentable("which reading is New Style is not said")
    if style.upper().startswith("O"):
        return outside, inside
    return inside, outside


_JULIAN_LAG_DAYS = (10, 13)
"""How far the Julian calendar ran behind the Gregorian one, 1582 to 2099."""


def _build_month_range(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    y2 = r.year(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2
    start = date(y1, _month_number(m["m1"]), 1)
    end = date(y2, _month_number(m["m2"]), 1)
    return _value(start, end, "month", _qualifier(m)), None


def _build_month_year(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    year = r.year(m.groupdict().get("y"))
    return _value(date(year, _month_number(m["m"]), 1), None, "month", _qualifier(m)), None


def _build_year_range(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    y1 = int(m["y1"])
    y2_text = m["y2"]
    y2 = int(y2_text) if len(y2_text) == 4 else (y1 // 100) * 100 + int(y2_text)
    if not y1 < y2 <= y1 + 1000:
        raise ValueError("not a plausible year range")
    season = m.groupdict().get("season")
    qualifier = season.lower() if season else _qualifier(m)
    return _value(date(y1, 1, 1), date(y2, 1, 1), "year", qualifier), None


def _build_year(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    groups = m.groupdict()
    if groups.get("circa"):
        qualifier: str | None = "circa"
    elif groups.get("season"):
        qualifier = groups["season"].lower()
    else:
        qualifier = _qualifier(m)
    return _value(date(int(m["y"]), 1, 1), None, "year", qualifier), None


def _build_era_year(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    era = (m["era1"] or m["era2"] or "").replace(".", "").upper()
    if era.startswith("B"):
        raise _Unrepresentable("BC years cannot be represented")
    year = _int(m["y"] or m["y_"])
    if year < 1:
        raise ValueError("no year zero")
    if year > LATEST_YEAR:
        raise _Unrepresentable("a year beyond a plausible bound")
    return _value(date(year, 1, 1), None, "year"), None


def _build_decade(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    first = int(m["y"])
    qual = _qualifier(m)
    qualifier = f"{qual} decade" if qual else "decade"
    return _value(date(first, 1, 1), date(first + 9, 1, 1), "year", qualifier), None


_PREP = (
    r"(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|of|[Aa]fter|[Bb]efore"
    r"|[Tt]hrough|[Tt]hroughout|[Ee]nd of|[Ss]tart of)"
)

_OS_NS = r"(?P<style>[NO]\.\s?S\.)"

_PATTERNS: list[tuple[re.Pattern[str], Builder]] = [
    (
        re.compile(
            rf"{_day('d1')}\s+{_month('m1')}(?:,?\s+{_year('y1')})?{_DASH}"
            rf"{_day('d2')}\s+{_month('m2')},?\s+{_year('y2')}"
        ),
        _build_full_range_dmy,
    ),
    (
        re.compile(
            rf"{_month('m1')}\s+{_day('d1')}(?:,\s*{_year('y1')})?{_DASH}"
            rf"{_month('m2')}\s+{_day('d2')},?\s+{_year('y2')}"
        ),
        _build_full_range_mdy,
    ),
    (
        re.compile(
            rf"{_day('d1')}\s+{_month('m1')}\s*[\[(]\s*(?:{_OS_NS}\s*)?{_day('d2')}\s+{_month('m2')}"
            rf"(?:\s*{_OS_NS.replace('style', 'style2')})?\s*[\])],?\s+{_year('y')}"
        ),
        _build_bracketed_style,
    ),
    (
        re.compile(
            rf"(?:{_day('d0')}\s*/\s*)?{_day('d1')}{_DASH}{_day('d2')}\s+{_month('m')}"
            rf"(?:,?\s+{_year('y')})?"
        ),
        _build_day_range,
    ),
    (
        re.compile(rf"{_month('m')}\s+{_day('d1')}{_DASH}{_day('d2')}(?:,\s*{_year('y')})?"),
        _build_day_range,
    ),
    (
        re.compile(
            rf"(?:the\s+)?(?:{_day('d0')}\s*/\s*)?{_day('d')}{_OF}{_month('m')}"
            rf"(?:,?\s+{_year('y')})?"
        ),
        _build_day_month,
    ),
    (
        re.compile(rf"{_month('m')}\s+(?:the\s+)?{_day('d')}(?:,?\s+{_year('y')})?"),
        _build_day_month,
    ),
    (
        re.compile(
            rf"(?:{_QUAL}[- ])?{_month('m1')}(?:,?\s+{_year('y1')})?{_DASH}"
            rf"{_month('m2')}(?:,?\s+{_year('y2')})?"
        ),
        _build_month_range,
    ),
    (
        re.compile(rf"(?:{_QUAL}[- ])?{_month('m')},?\s+{_year('y')}"),
        _build_month_year,
    ),
    (
        # A month with no year only after a preposition: "in November", "by late October".
        re.compile(
            rf"\b{_PREP}\s+(?P<body>(?:the\s+)?(?:{_QUAL}[- ])?(?P<m>{_FULL_MONTH})(?![A-Za-z]))"
            r"(?!\s+(?:[A-Z][a-z]|\d))"
        ),
        _build_month_year,
    ),
    (
        re.compile(
            rf"(?:(?:the\s+)?{_SEASON}\s+(?:of\s+)?|{_QUAL}[- ]?)?"
            rf"{_year('y1')}{_DASH}(?<![\d,.])(?P<y2>1\d{{3}}|20\d{{2}}|\d{{2}})(?!\d|,\d|\.\d)"
        ),
        _build_year_range,
    ),
    (
        re.compile(
            rf"(?:[Bb]etween|[Ff]rom)\s+{_year('y1')}\s+(?:and|to|until|till)"
            r"\s+(?P<y2>1\d{3}|20\d{2})(?!\d|,\d|\.\d)"
        ),
        _build_year_range,
    ),
    (
        re.compile(
            rf"(?:(?P<circa>\b[Cc]\.|\b[Cc]a\.|\b[Cc]irca)\s*|(?:the\s+)?{_SEASON}\s+(?:of\s+)?"
            rf"|{_QUAL}[- ]?){_year('y')}"
        ),
        _build_year,
    ),
    (
        re.compile(
            r"(?:\b(?P<era1>AD|A\.D\.)\s+(?P<y>\d{1,4})(?!\d|,\d)"
            r"|(?<![\d,.])(?P<y_>\d{1,4}(?:,\d{3})?)\s+(?P<era2>AD|A\.D\.|CE|C\.E\.|BC|B\.C\.|BCE|B\.C\.E\.)(?![A-Za-z]))"
        ),
        _build_era_year,
    ),
    (
        re.compile(rf"(?:the\s+)?(?:{_QUAL}[- ])?(?<!\d)(?P<y>1\d{{2}}0|20\d0)s\b"),
        _build_decade,
    ),
]


def _build_no_such_day(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    raise _Unrepresentable("a day number no month has")


_PATTERNS.append(
    (
        # "99 November 1919", "November 45, 1919": no day, so no date; nor is "November 1919"
        re.compile(
            rf"(?<![\d,.])(?:3[2-9]|[4-9]\d)(?:st|nd|rd|th)?{_OF}{_MONTH}(?:,?\s+{_year('y')})?"
            rf"|{_MONTH}\s+(?:the\s+)?(?<![\d,.])(?:3[2-9]|[4-9]\d)(?:st|nd|rd|th)?,?\s+{_year('y2')}"
        ),
        _build_no_such_day,
    )
)


def _build_far_year(m: re.Match[str], r: _Resolver) -> tuple[DateValue, None]:
    if int(m["far"]) <= LATEST_YEAR:
        raise ValueError("a plausible year: the day-month patterns read it")
    raise _Unrepresentable("a year beyond any the grammar reads")


_ANY_DAY = r"(?<![\d,.])(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_PATTERNS.append(
    (
        # "4 November 9999", "November 4, 10000": the stated year is no year, and the day
        # must not borrow the context year ("When did 9999 the army attack?")
        re.compile(
            rf"(?:{_ANY_DAY}{_OF}{_MONTH}|{_MONTH}\s+(?:the\s+)?{_ANY_DAY}),?\s+"
            r"(?<![\d,.])(?P<far>\d{4,})(?!\d|,\d)"
        ),
        _build_far_year,
    )
)

_ERAS = {"AD", "CE"}
_BARE_YEAR = gated(_year("y"))
_WORD_AFTER = re.compile(r"^\s*([A-Za-z%]+)")
_DASHES = "-–—/"
_AMOUNT_SIGNS = "#$£€"
_WORD_BEFORE_CHARS = string.ascii_letters + _AMOUNT_SIGNS

# The two end-anchored tests below are read from the end of the text instead of searched
# for with a pattern, which would be tried at every position of the sentence before the
# year (for each year); tests/facts/test_dates.py holds each to its pattern.


def _after_a_figure(before: str) -> bool:
    """Whether `re.search(r"[\\d][-–—/]\\s*$|[-–—/]$|[#$£€]\\s*$", before)` matches: a dash
    after a digit, a dash, or an amount sign ends the text. Exact: `\\s` is `str.isspace`,
    so `\\s*$` is what `rstrip` removes, and `$` also matches before a final newline."""
    stripped = before.rstrip()
    last = stripped[-1:]
    if last and last in _AMOUNT_SIGNS:
        return True
    if not last or last not in _DASHES:
        return False
    if stripped[-2:-1].isdecimal():  # `\\d` is a Unicode decimal digit, as isdecimal
        return True
    return before.endswith(last) or before == stripped + "\n"


def _word_before(before: str) -> str:
    """`re.search(r"([A-Za-z#$£€]+)\\.?\\s*$", before).group(1)`, or "" when it does not
    match: the run of letters and amount signs that ends the text, but for one full stop
    and whitespace."""
    stripped = before.rstrip()
    if stripped.endswith("."):
        stripped = stripped[:-1]
    return stripped[len(stripped.rstrip(_WORD_BEFORE_CHARS)) :]


def _bare_year_is_year(sentence: str, start: int, end: int) -> bool:
    """A lone 4-digit number is a year unless its neighbours say it is a count or label."""
    before = sentence[:start]
    after = sentence[end:]
    if _after_a_figure(before):
        return False  # second half of a number range, a phone number, an amount
    if re.match(r"\s*(?:[-–—]\s*\d|/\d|%|-[A-Za-z]|\s*to\s+\d)", after):
        return False  # a figure range ("1500-5500"), "2000-strong", "1918%"
    if re.match(r"\s*(?:AD|CE|BC|BCE|B\.C\.|A\.D\.)\b", after):
        return False
    raw_word_before = _word_before(before)
    word_before = raw_word_before.lower()
    if word_before in _BLOCKING_BEFORE:
        return False
    if len(raw_word_before) >= 2 and raw_word_before.isupper() and raw_word_before not in _ERAS:
        return False  # a catalogue or model label: "BWV 1068", "ISO 9001"
    word_after_match = _WORD_AFTER.match(after)
    word_after = word_after_match.group(1) if word_after_match else ""
    if word_after and word_before in _STRONG_YEAR_CUES:
        return word_after.lower() not in _COUNT_NOUNS  # "In 1918 troops..." is still a year
    if word_after and word_after[0].islower():
        lowered = word_after.lower()
        is_count_noun = lowered in _COUNT_NOUNS or (
            lowered.endswith("s") and len(lowered) > 3 and lowered not in _NOUN_NOT_COUNT
        )
        if is_count_noun and word_before not in _DETERMINERS and lowered not in {"s"}:
            return False
    return True


def _bare_year_candidates(sentence: str) -> list[_Candidate]:
    candidates = []
    for match in _BARE_YEAR.finditer(sentence):
        if _bare_year_is_year(sentence, match.start(), match.end()):
            value = _value(date(int(match["y"]), 1, 1), None, "year")
            mention = DateMention(span=match.span(), text=match.group(0), value=value)
            candidates.append(_Candidate(match.start(), match.end(), len(_PATTERNS), mention))
    return candidates


_HAS_MONTH = re.compile(_MONTH)
_HAS_DIGIT = re.compile(r"\d")
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Every name and abbreviation `_MONTH` accepts holds one of these (case-sensitively)."""


def _has_month(sentence: str) -> bool:
    """`_HAS_MONTH.search(sentence) is not None`, its pattern scanned only when a month's
    first three letters occur: twelve substring tests cost a fraction of trying the
    month alternation at every position, and most sentences hold none (exact: see
    `_MONTH_STEMS`)."""
    if not _GATED:
        return _HAS_MONTH.search(sentence) is not None
    for stem in _MONTH_STEMS:  # a loop, not any(): twice for each of ~6,000 sentences
        if stem in sentence:
            return _HAS_MONTH.search(sentence) is not None
    return False


_HAS_FOUR_DIGITS = re.compile(r"\d{4}")
_ERA_MARKS = ("AD", "A.D.", "CE", "C.E.", "BC", "B.C.")


def _needs(month: bool = False, digit: bool = False, four_digits: bool = False):
    """A cheap test that a sentence must pass for a pattern to match at all."""

    def passes(sentence: str, has_month: bool, has_digit: bool) -> bool:
        if month and not has_month or digit and not has_digit:
            return False
        return not four_digits or _HAS_FOUR_DIGITS.search(sentence) is not None

    return passes


_YEAR_THEN_DASH = re.compile(rf"(?:1\d{{3}}|20\d{{2}}){_DASH}")
"""What every match of the year-range pattern ("1918–19", "summer of 1918 to 1920")
holds: a year and the dash or word after it. It starts with a 1 or a 2, so re scans for
those alone, where the range pattern (an optional season first) is tried everywhere."""


def _year_then_dash(sentence: str, has_month: bool, has_digit: bool) -> bool:
    return _YEAR_THEN_DASH.search(sentence) is not None


def _with_its_literals(index: int) -> Callable[[str, bool, bool], bool]:
    """A 4-digit year and one of the strings every match of pattern `index` holds ("from",
    "circa", "summer"...: see quizgen/core/literal_gate.py)."""
    four_digits = _needs(four_digits=True)
    literals = LiteralGated(_PATTERNS[index][0])

    def passes(sentence: str, has_month: bool, has_digit: bool) -> bool:
        return four_digits(sentence, has_month, has_digit) and literals.may_match(sentence)

    return passes


_GATES: list[Callable[[str, bool, bool], bool]] = [
    *[_needs(month=True, digit=True)] * 7,  # day-month forms: a month and the day's digits
    _needs(month=True),  # "June–August": two months, maybe no digit
    _needs(month=True, digit=True),  # "June 1919"
    _needs(month=True),  # "in November"
    _year_then_dash,  # "1918–19": a year and a dash or "to"
    _with_its_literals(11),  # "between 1918 and 1920"
    _with_its_literals(12),  # "c. 1918", "summer 1918", "late 1918"
    lambda sentence, has_month, has_digit: (
        has_digit and any(mark in sentence for mark in _ERA_MARKS)
    ),
    lambda sentence, has_month, has_digit: "0s" in sentence,  # decades
    _needs(month=True, digit=True),  # "99 November": a day number no month has
    _needs(month=True, four_digits=True),  # "4 November 9999": a year beyond the bound
]
"""One per pattern of _PATTERNS: a necessary condition for it to match. Most sentences
with a digit name no month, so the ten month patterns are skipped for them; the
result is what trying every pattern gives (a test runs both on the labelled set)."""


def _pattern_candidates(
    sentence: str, context: DateContext | None
) -> tuple[list[_Candidate], bool]:
    """Every pattern's readings, and whether any reading lacked a stated year (only then
    can a context year change them)."""
    candidates = []
    asked_for_year = False
    has_month = _has_month(sentence)
    has_digit = _HAS_DIGIT.search(sentence) is not None
    for priority, (pattern, builder) in enumerate(_PATTERNS):
        if _GATED and not _GATES[priority](sentence, has_month, has_digit):
            continue
        for match in pattern.finditer(sentence):
            if match.group(0).strip() == "":
                continue
            resolver = _Resolver(context)
            # Some patterns need a cue word ("in November") that is not part of the date.
            start, end = match.span("body") if "body" in match.groupdict() else match.span()
            try:
                value, old_style = builder(match, resolver)
            except _Unrepresentable:
                asked_for_year = asked_for_year or resolver.asked
                candidates.append(_Candidate(start, end, priority, None))
                continue
            except (ValueError, KeyError, TypeError, AttributeError):
                asked_for_year = asked_for_year or resolver.asked
                continue
            asked_for_year = asked_for_year or resolver.asked
            mention = DateMention(
                span=(start, end),
                text=sentence[start:end],
                value=value,
                old_style=old_style,
                year_inferred=resolver.inferred,
            )
            candidates.append(_Candidate(start, end, priority, mention))
    return candidates, asked_for_year


_GATED = True
"""False tries every pattern everywhere and restates years always: the slow reading
the tests compare the gated one with."""


def _followed_by_count_noun(sentence: str, mention: DateMention) -> bool:
    """ "from 1200 to 1800 metres" is a span of heights, not of years."""
    if mention.value.precision != "year" or not mention.text[-1:].isdigit():
        return False
    word_after = _WORD_AFTER.match(sentence[mention.span[1] :])
    return bool(word_after) and word_after.group(1) in _COUNT_NOUNS


def _choose(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest match wins, then the more specific pattern; no two mentions overlap."""
    chosen: list[_Candidate] = []
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), c.priority, c.start))
    for candidate in ordered:
        if all(candidate.end <= kept.start or candidate.start >= kept.end for kept in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)


def _trim(mention: DateMention) -> DateMention:
    """Spans start at the date itself: a leading "the " is grammar, not the date."""
    text = mention.text
    offset = 0
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            offset = len(prefix)
    if offset == 0:
        return mention
    start = mention.span[0] + offset
    return DateMention(
        span=(start, mention.span[1]),
        text=text[offset:],
        value=mention.value,
        old_style=mention.old_style,
        year_inferred=mention.year_inferred,
    )


def find_dates(sentence: str, context: DateContext | None = None) -> list[DateMention]:
    """Every date stated in `sentence`, in order, normalized.

    Mentions whose year is neither stated nor given by `context` are dropped.
    Never raises on odd text: anything the grammar cannot normalize is skipped.
    """
    if not sentence or not _may_hold_a_date(sentence):
        return []
    mentions, asked_for_year = _read(sentence, context)
    if _GATED and not asked_for_year:
        return mentions  # no reading lacked its year: restating years changes nothing
    return _restate_years(sentence, mentions)


_MAY_HOLD_A_DATE = re.compile(rf"\d|{_MONTH}")
"""Every date form has a digit or a month name: most sentences skip the grammar at once."""


def _may_hold_a_date(sentence: str) -> bool:
    """`_MAY_HOLD_A_DATE.search(sentence)`, as its two halves: a digit (a fast scan for one
    character class) or a month (see `_has_month`)."""
    if not _GATED:
        return _MAY_HOLD_A_DATE.search(sentence) is not None
    return _HAS_DIGIT.search(sentence) is not None or _has_month(sentence)


def _read(sentence: str, context: DateContext | None) -> tuple[list[DateMention], bool]:
    """The mentions, and whether any pattern's reading lacked a stated year."""
    found, asked_for_year = _pattern_candidates(sentence, context)
    candidates = found + _bare_year_candidates(sentence)
    chosen = [c.mention for c in _choose(candidates) if c.mention is not None]
    mentions = [_trim(m) for m in chosen if not _followed_by_count_noun(sentence, m)]
    return mentions, asked_for_year


def _restate_years(sentence: str, mentions: list[DateMention]) -> list[DateMention]:
    """A year-less date after a stated year in the same sentence shares that year.

    "on 20 November 1920 ... and Karabakh on 21 November" means 21 November 1920,
    whatever year the paragraph was in (and even when no context year is known).
    """
    stated = [m for m in mentions if not m.year_inferred]
    if not stated:
        return mentions
    by_span = {m.span: m for m in mentions}
    for year in sorted({m.value.end.year for m in stated}):
        for reread in _read(sentence, DateContext(year=year))[0]:
            if not reread.year_inferred:
                continue
            before = [m for m in stated if m.span[1] <= reread.span[0]]
            if not before or before[-1].value.end.year != year:
                continue
            for span in [s for s in by_span if s[0] < reread.span[1] and reread.span[0] < s[1]]:
                del by_span[span]
            by_span[reread.span] = reread
    return sorted(by_span.values(), key=lambda m: m.span)


def date_context(text: str) -> DateContext | None:
    """The year (and month, when stated) a heading or field value places us in."""
    for mention in find_dates(text):
        if mention.value.qualifier and "decade" in mention.value.qualifier:
            continue
        start = mention.value.start
        month = start.month if mention.value.precision in ("day", "month") else None
        return DateContext(year=start.year, month=month)
    return None


def year_hint(text: str) -> int | None:
    """The first year stated in `text` ("Fight for Zangezur, November 1919" -> 1919)."""
    context = date_context(text)
    return context.year if context else None
