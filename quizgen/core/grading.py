"""The answer checker: one place decides whether a typed answer is right.

The study app, the CLI and the tests all call `grade_answer`; nothing else
compares a learner's text with a card. The checker is lenient about form
(case, accents, punctuation, leading articles, spacing, date and number
layout) and strict about content: a wrong digit in a date, a number, or a
name such as "11th Army" or "Louis XV" is always WRONG, never a typo.

Decisions worth knowing (the labelled set in tests/fixtures/grading_labelled.yaml
pins each one):

- Typos: names and text tolerate an edit distance (optimal string alignment,
  so a swapped pair of letters costs one) that grows with length: answers of
  at most 4 characters must be exact, 5-8 allow 1 edit, 9-20 allow 2, longer 3.
  A typo gives CLOSE, never CORRECT, so the learner sees the spelling.
- Partial names: a trailing part of a person's or place's name ("Nzhdeh" for
  "Garegin Nzhdeh", "Garcia Marquez" for "Gabriel Garcia Marquez") is CLOSE:
  the learner knows the fact but not the whole name. A leading part alone
  ("Garegin") or only generic words ("University", "River") earn nothing.
  Text answers (titles, phrases) get no partial credit.
- Extra generic words around a name ("Mount Ararat" for "Ararat") and company
  legal suffixes ("Microsoft" for "Microsoft Corporation") do not matter.
- Several comma-separated items in the answer of a card whose `any_of` is
  False (a birth place "Goris, Armenia", a list of combatants): giving all
  items in any order is CORRECT, giving some of them is CLOSE. A card writer
  who wants one part to count as fully right lists it in `accepted`.
- `any_of` cards: any one of answer + accepted (and the comma items of the
  answer) is CORRECT; listing several where all are valid is also CORRECT.
- Dates are compared by value at the card's precision. A finer answer with
  the right value is CORRECT (a day for a year question); a coarser answer is
  WRONG even when what it says is right ("right year, but the question asks
  for the day"). A range card needs both ends. Typed dates may be ISO
  (1919-11-03, 1919-11, 1919), day-month-year or month-day-year with the
  month as a word or abbreviation, or numeric d/m/y when the reading is
  unambiguous (13/11/1919). An ambiguous numeric date (3/11/1919) is CLOSE
  when one of its readings is right: the learner is asked to write the month
  as a word. A right day and month without the year is CLOSE. BC dates are
  not read (DateValue cannot hold them). Any date in `accepted` (such as the
  Old Style reading) is as good as the answer.
- Numbers are compared by value: "12,000" = "12000" = "12 000" = "12k" =
  "twelve thousand"; "1.2 million" = "1,200,000"; words like "about" and
  units are ignored. A comma followed by three digits groups thousands; a dot
  is always a decimal point. A range needs both ends.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import OSA

from quizgen.core.date_format import MONTH_NUMBERS as _MONTHS
from quizgen.core.models import Card, DateValue, Precision
from quizgen.core.timeline import Timeline, one_adjacent_swap, parse_order, timeline_of


class Verdict(StrEnum):
    """How an answer fared; CLOSE means "you know it, but look again"."""

    CORRECT = "correct"
    CLOSE = "close"
    WRONG = "wrong"


@dataclass(frozen=True)
class Grade:
    """The checker's answer: a verdict, a sentence for the learner, and what matched.

    `matched` is the card text (answer or an accepted alternative) the given
    answer was judged against when it was right or close, else None.
    """

    verdict: Verdict
    reason: str
    matched: str | None


_RANK = {Verdict.CORRECT: 2, Verdict.CLOSE: 1, Verdict.WRONG: 0}

# ---------------------------------------------------------------------------
# Text normalization
# ---------------------------------------------------------------------------

# Letters that Unicode decomposition leaves alone but a learner on an English
# keyboard types as plain Latin.
_PLAIN_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ŧ": "t",
        "ħ": "h",
    }
)
_APOSTROPHES = re.compile(r"['’‘ʼʻʿʾ`´]")
_NON_WORD = re.compile(r"[^\w\s]|_")
_LEADING_ARTICLES = {"the", "a", "an"}


def _fold(text: str) -> str:
    """Casefold and strip accents, keeping every other character."""
    if text.isascii():  # NFKD, marks and the plain-letter table leave ASCII as it is
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.casefold().translate(_PLAIN_LETTERS)


@lru_cache(maxsize=1 << 16)
def normalize_text(text: str) -> str:
    """The form two answers are compared in (memoized: a build normalizes the same
    pool answers and city names tens of thousands of times).

    Casefolded, accents stripped, apostrophes dropped (O'Brien = OBrien),
    "&" read as "and", other punctuation turned into spaces, one leading
    article (the/a/an) removed unless it is the only word, spaces collapsed.
    """
    folded = _APOSTROPHES.sub("", _fold(text)).replace("&", " and ")
    tokens = _NON_WORD.sub(" ", folded).split()
    if len(tokens) > 1 and tokens[0] in _LEADING_ARTICLES:
        tokens = tokens[1:]
    return " ".join(tokens)


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


MAX_GRADED_CHARS = 1_000
"""Longer texts are compared exactly, never fuzzily: an edit distance over millions of
characters froze the app for seconds, and no card's answer is that long (the quality
gate keeps answers short; the readers drop giant infobox values)."""


def grade_answer(given: str, card: Card) -> Grade:
    """Judge a typed answer against a card; never raises on any text, and stays fast."""
    if len(given) > MAX_GRADED_CHARS or len(card.answer) > MAX_GRADED_CHARS:
        return _grade_exactly(given, card)
    if not normalize_text(given):
        return Grade(Verdict.WRONG, "no answer given", None)
    if card.kind == "timeline":
        timeline = timeline_of(card)
        if timeline is not None:
            return grade_timeline(given, timeline)
    candidates = _candidates(card)
    if not candidates:
        return Grade(Verdict.WRONG, "this card has no answer to compare with", None)
    normalized_given = normalize_text(given)
    for candidate in candidates:
        if normalize_text(candidate) == normalized_given:
            return Grade(Verdict.CORRECT, "correct", candidate)
    if card.answer_type == "date":
        grade = _grade_date(given, card)
    elif card.answer_type == "number":
        grade = _grade_number(given, card)
    else:
        grade = None
    if grade is None:
        grade = _grade_words(given, card, partial_names=card.answer_type == "name")
    return grade


def grade_timeline(given: str, timeline: Timeline) -> Grade:
    """An order typed as labels ("BDAC", "2413"): all in order is CORRECT, one pair of
    neighbours exchanged is CLOSE, anything else WRONG. "Which came first" also takes the
    event's label, its number or its clause (a small typo is forgiven, as for names)."""
    expected = timeline.order
    if timeline.form == "first":
        typed = given.strip().rstrip(".").upper()
        labels = tuple(item.label for item in timeline.items)
        whole = parse_order(given, len(labels))  # both listed, earliest first
        if typed in labels:
            picked: tuple[str] | None = (typed,)
        elif whole is not None:
            picked = (whole[0],)
        elif typed.isdigit() and 1 <= int(typed) <= len(labels):
            picked = (labels[int(typed) - 1],)
        else:
            picked = _picked_clause(given, timeline)
        if picked is None:
            return Grade(Verdict.WRONG, "name one of the two events (A or B)", None)
        if picked[0] == expected[0]:
            return Grade(Verdict.CORRECT, "correct", timeline.answer)
        return Grade(Verdict.WRONG, "the other event came first", None)
    given_order = parse_order(given, len(expected))
    if given_order is None:
        letters = "".join(item.label for item in timeline.items)
        example = letters[::-1]
        return Grade(Verdict.WRONG, f"give each of {letters} once, e.g. {example}", None)
    if given_order == expected:
        return Grade(Verdict.CORRECT, "correct", timeline.answer)
    if one_adjacent_swap(given_order, expected):
        wrong = [a for a, b in zip(given_order, expected, strict=True) if a != b]
        return Grade(Verdict.CLOSE, f"one pair swapped: {wrong[1]} came before {wrong[0]}", None)
    return Grade(Verdict.WRONG, "not the order they happened in", None)


def _picked_clause(given: str, timeline: Timeline) -> tuple[str] | None:
    """The label of the item whose clause the learner typed, if exactly one matches."""
    form = _name_form(normalize_text(given))
    matches = [
        item.label
        for item in timeline.items
        if _match_one(form, _name_form(normalize_text(item.text))) != Verdict.WRONG
    ]
    return (matches[0],) if len(matches) == 1 else None


def _grade_exactly(given: str, card: Card) -> Grade:
    """Right only if it is one of the card's answers as written (case and spacing aside)."""
    folded = " ".join(given.casefold().split())
    for candidate in (card.answer, *card.accepted):
        if " ".join(candidate.casefold().split()) == folded:
            return Grade(Verdict.CORRECT, "correct", candidate)
    return Grade(Verdict.WRONG, "too long to compare except as written", None)


def _candidates(card: Card) -> list[str]:
    """The card texts that count as a full answer, the main answer first."""
    texts = [card.answer, *card.accepted]
    if card.any_of:
        texts += [item for item in _split_items(card.answer) if item not in texts]
    return [text for text in texts if normalize_text(text)]


def _best(grades: list[Grade]) -> Grade:
    """The most favourable grade; on a tie, the first (the main answer's)."""
    return max(grades, key=lambda grade: _RANK[grade.verdict])


# ---------------------------------------------------------------------------
# Names and text
# ---------------------------------------------------------------------------

_ITEM_SEPARATORS = re.compile(r"\s*[,;]\s*")
_GIVEN_ITEM_SEPARATORS = re.compile(r"\s*(?:[,;/&]|\band\b)\s*", re.IGNORECASE)
_LEGAL_SUFFIXES = {
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "sa",
    "spa",
    "nv",
    "bv",
    "ab",
    "oy",
}
# Words that name a kind of thing rather than the thing: alone they show no
# knowledge, and around a right name they do no harm.
_GENERIC_WORDS = {
    "of",
    "the",
    "and",
    "de",
    "university",
    "college",
    "school",
    "institute",
    "academy",
    "state",
    "national",
    "city",
    "town",
    "village",
    "river",
    "lake",
    "mount",
    "mountain",
    "mountains",
    "sea",
    "island",
    "islands",
    "bay",
    "valley",
    "province",
    "region",
    "district",
    "county",
    "republic",
    "kingdom",
    "empire",
    "army",
    "battle",
    "war",
    "treaty",
    "party",
    "church",
    "saint",
    "st",
}
_ROMAN_NUMERAL = re.compile(r"^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_DIGITS = re.compile(r"\d+")


def _split_items(text: str) -> list[str]:
    """Comma- or semicolon-separated items of a card answer."""
    return [item for item in _ITEM_SEPARATORS.split(text) if normalize_text(item)]


def _name_form(text: str) -> str:
    """A name without its company legal suffix ("Nestlé S.A." -> "nestle")."""
    tokens = normalize_text(text).split()
    while len(tokens) > 1 and tokens[-1] in _LEGAL_SUFFIXES:
        tokens.pop()
    # "S.A." normalizes to "s a": drop a trailing pair of single letters too.
    if len(tokens) > 2 and "".join(tokens[-2:]) in _LEGAL_SUFFIXES:
        tokens = tokens[:-2]
    return " ".join(tokens)


def _numeric_marks(tokens: list[str]) -> list[str]:
    """The digit runs and roman numerals in a name: these must match exactly."""
    marks: list[str] = []
    for token in tokens:
        marks.extend(_DIGITS.findall(token))
        if token and _ROMAN_NUMERAL.match(token):
            marks.append(token)
    return marks


def typo_budget(length: int) -> int:
    """How many edits a name of this many characters may carry and still be CLOSE."""
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    if length <= 20:
        return 2
    return 3


def _typo_distance(given: str, expected: str) -> int | None:
    """Edit distance when it is within the budget and no number differs, else None."""
    if _numeric_marks(given.split()) != _numeric_marks(expected.split()):
        return None
    squeezed_given, squeezed_expected = given.replace(" ", ""), expected.replace(" ", "")
    budget = typo_budget(len(squeezed_expected))
    distance = min(
        OSA.distance(given, expected),
        OSA.distance(squeezed_given, squeezed_expected),
    )
    return distance if distance <= budget else None


def _match_one(given: str, expected: str) -> Verdict:
    """Compare two single names or phrases (both already in `_name_form`)."""
    if given == expected or given.replace(" ", "") == expected.replace(" ", ""):
        return Verdict.CORRECT
    given_tokens, expected_tokens = given.split(), expected.split()
    if sorted(given_tokens) == sorted(expected_tokens):
        return Verdict.CORRECT
    extra = list(given_tokens)
    if _is_subsequence(expected_tokens, extra):
        for token in expected_tokens:
            extra.remove(token)
        if all(token in _GENERIC_WORDS for token in extra):
            return Verdict.CORRECT
    if _typo_distance(given, expected) is not None:
        return Verdict.CLOSE
    return Verdict.WRONG


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    iterator = iter(haystack)
    return all(token in iterator for token in needle)


def _is_trailing_part(given: str, expected: str) -> bool:
    """True when `given` is the last word(s) of a longer name, allowing a typo.

    This is the surname rule: "Nzhdeh" for "Garegin Nzhdeh", also a name
    without its single kind-word ("Hrazdan" for "Hrazdan River"). Generic
    words alone ("River") never count.
    """
    given_tokens, expected_tokens = given.split(), expected.split()
    if not given_tokens or len(given_tokens) >= len(expected_tokens):
        return False
    if all(token in _GENERIC_WORDS for token in given_tokens):
        return False
    # Allow a middle name to be left out: first + last of a three-part name.
    tails = [expected_tokens[-len(given_tokens) :]]
    if len(given_tokens) >= 2:
        tails.append(expected_tokens[: len(given_tokens) - 1] + expected_tokens[-1:])
    # A name without its one kind-word: "Hrazdan" for "Hrazdan River".
    generic_in_expected = [token for token in expected_tokens if token in _GENERIC_WORDS]
    if len(generic_in_expected) == 1:
        tails.append([token for token in expected_tokens if token not in _GENERIC_WORDS])
    for tail in tails:
        if not tail or all(token in _GENERIC_WORDS for token in tail):
            continue
        if " ".join(tail) == given or _typo_distance(given, " ".join(tail)) is not None:
            return True
    return False


def _grade_words(given: str, card: Card, partial_names: bool) -> Grade:
    """Names and free text: exact, reordered, typo, partial, multi-item."""
    given_form = _name_form(given)
    grades: list[Grade] = []
    for candidate in _candidates(card):
        expected = _name_form(candidate)
        if not expected:
            continue
        verdict = _match_one(given_form, expected)
        if verdict is Verdict.CORRECT:
            return Grade(Verdict.CORRECT, "correct", candidate)
        if verdict is Verdict.CLOSE:
            reason = f"a small typo: '{given.strip()}' for '{candidate}'"
            grades.append(Grade(Verdict.CLOSE, reason, candidate))
        elif partial_names and _is_trailing_part(given_form, expected):
            grades.append(
                Grade(Verdict.CLOSE, f"partly right: the full answer is {candidate}", candidate)
            )
    grades.append(_grade_items(given, card))
    best = _best(grades)
    if best.verdict is not Verdict.WRONG:
        return best
    return Grade(Verdict.WRONG, _wrong_words_reason(given_form, card), None)


def _grade_items(given: str, card: Card) -> Grade:
    """Answers made of several items: all of a list, or any of an any_of card."""
    given_items = [_name_form(item) for item in _GIVEN_ITEM_SEPARATORS.split(given)]
    given_items = [item for item in given_items if item]
    if card.any_of:
        pool = _candidates(card)
    else:
        pool = _split_items(card.answer)
        if len(pool) < 2:
            return Grade(Verdict.WRONG, "", None)
    pool = [expected for expected in pool if _name_form(expected)]
    if not pool:
        return Grade(Verdict.WRONG, "", None)
    verdicts_per_given = [
        max((_match_one(item, _name_form(expected)) for expected in pool), key=_RANK.get)
        for item in given_items
    ]
    if not verdicts_per_given or all(v is Verdict.WRONG for v in verdicts_per_given):
        return Grade(Verdict.WRONG, "", None)
    if card.any_of:
        if all(v is Verdict.CORRECT for v in verdicts_per_given) and len(given_items) > 1:
            return Grade(Verdict.CORRECT, "correct", card.answer)
        if any(v is Verdict.WRONG for v in verdicts_per_given):
            return Grade(
                Verdict.CLOSE,
                f"partly right: not all of these are among {card.answer}",
                card.answer,  # close says what it was judged against, as every close does
            )
        return Grade(Verdict.CLOSE, "a small typo", card.answer)
    covered = [
        expected
        for expected in pool
        if any(_match_one(item, _name_form(expected)) is not Verdict.WRONG for item in given_items)
    ]
    if (
        len(covered) == len(pool)
        and len(given_items) == len(pool)
        and all(v is not Verdict.WRONG for v in verdicts_per_given)
    ):
        if all(v is Verdict.CORRECT for v in verdicts_per_given):
            return Grade(Verdict.CORRECT, "correct", card.answer)
        return Grade(Verdict.CLOSE, f"a small typo: the answer is {card.answer}", card.answer)
    return Grade(Verdict.CLOSE, f"partly right: the full answer is {card.answer}", card.answer)


def _wrong_words_reason(given_form: str, card: Card) -> str:
    """Say why a near miss was not accepted when a number made the difference."""
    for candidate in _candidates(card):
        expected = _name_form(candidate)
        given_marks = _numeric_marks(given_form.split())
        expected_marks = _numeric_marks(expected.split())
        if given_marks != expected_marks and (given_marks or expected_marks):
            stripped_given = " ".join(t for t in given_form.split() if t not in given_marks)
            stripped_expected = " ".join(t for t in expected.split() if t not in expected_marks)
            if OSA.distance(stripped_given, stripped_expected) <= 2:
                return f"a different number in the name: the answer is {candidate}"
    if len(normalize_text(card.answer).replace(" ", "")) <= 4:
        return f"short answers must be exact: the answer is {card.answer}"
    return f"the answer is {card.answer}"


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_PRECISION_ORDER: dict[str, int] = {"year": 0, "month": 1, "day": 2}
_PRECISION_BY_ORDER: dict[int, Precision] = {0: "year", 1: "month", 2: "day"}
_NOISE_WORDS = re.compile(
    r"\b(?:ad|ce|c|ca|circa|about|around|approximately|approx|roughly|early|mid|late|"
    r"in|on|the|of|from|between|sometime|os|ns|old style|new style|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat)\b"
)
_RANGE_SEPARATORS = (
    re.compile(r"\s+-\s+"),
    re.compile(r"\s+(?:to|until|till|through|and)\s+"),
    re.compile(r"-"),
)


@dataclass(frozen=True)
class _DayMonth:
    """A typed date with no year ("3 November")."""

    month: int
    day: int | None


@dataclass(frozen=True)
class _TypedDate:
    """What a typed date can mean: one reading, or two for 3/11/1919."""

    readings: tuple[DateValue, ...]

    @property
    def ambiguous(self) -> bool:
        return len(set(self.readings)) > 1


def _clean_date_text(text: str) -> str | None:
    """Lower-case the date, drop words that do not change its value; None for BC."""
    cleaned = _fold(text)
    if re.search(r"\b(?:bc|bce|b c)\b", cleaned.replace(".", " ")):
        return None
    cleaned = re.sub(r"[–—−‒]", " - ", cleaned)
    cleaned = re.sub(r"\b(mid|early|late)-", " ", cleaned)
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = re.sub(r"(?<=[a-z])\.", " ", cleaned)
    cleaned = re.sub(r"[(),?!]", " ", cleaned)
    cleaned = _NOISE_WORDS.sub(" ", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" -")
    return cleaned


def _value(year: int, month: int = 1, day: int = 1, precision: Precision = "day") -> DateValue:
    point = date(year, month, day)
    return DateValue(start=point, end=point, precision=precision)


def _parse_single(text: str) -> _TypedDate | _DayMonth | None:
    """One typed date in any of the accepted forms, or None."""
    try:
        return _parse_single_unchecked(text)
    except ValueError:  # a day or month out of range: not a date
        return None


def _parse_single_unchecked(text: str) -> _TypedDate | _DayMonth | None:
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text):
        return _TypedDate((_value(int(m[1]), int(m[2]), int(m[3])),))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return _TypedDate((_value(int(m[1]), int(m[2]), precision="month"),))
    if m := re.fullmatch(r"(\d{1,4})", text):
        return _TypedDate((_value(int(m[1]), precision="year"),))
    if m := re.fullmatch(r"(\d{1,2}) ([a-z]+) (\d{1,4})", text):
        if m[2] in _MONTHS:
            return _TypedDate((_value(int(m[3]), _MONTHS[m[2]], int(m[1])),))
    if m := re.fullmatch(r"([a-z]+) (\d{1,2}) (\d{1,4})", text):
        if m[1] in _MONTHS:
            return _TypedDate((_value(int(m[3]), _MONTHS[m[1]], int(m[2])),))
    if m := re.fullmatch(r"([a-z]+) (\d{1,4})", text):
        if m[1] in _MONTHS:
            if len(m[2]) <= 2 and int(m[2]) <= 31:
                return _DayMonth(_MONTHS[m[1]], int(m[2]))
            return _TypedDate((_value(int(m[2]), _MONTHS[m[1]], precision="month"),))
    if m := re.fullmatch(r"(\d{1,2}) ([a-z]+)", text):
        if m[2] in _MONTHS:
            return _DayMonth(_MONTHS[m[2]], int(m[1]))
    if m := re.fullmatch(r"([a-z]+)", text):
        if m[1] in _MONTHS:
            return _DayMonth(_MONTHS[m[1]], None)
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        readings = []
        for day, month in ((first, second), (second, first)):
            try:
                readings.append(_value(year, month, day))
            except ValueError:
                continue
        return _TypedDate(tuple(readings)) if readings else None
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{4})", text):
        return _TypedDate((_value(int(m[2]), int(m[1]), precision="month"),))
    return None


def _parse_range(left_text: str, right_text: str) -> DateValue | None:
    """Two ends of a typed range; the left end may borrow month and year from the right."""
    right = _parse_single(right_text)
    left = _parse_single(left_text)
    if isinstance(left, _TypedDate) and re.fullmatch(r"\d{2}", right_text):
        # "1914-18": a two-digit end year in the same century as the start.
        start_year = left.readings[0].start.year
        end_year = start_year // 100 * 100 + int(right_text)
        if end_year <= start_year:
            end_year += 100
        right = _TypedDate((_value(end_year, precision="year"),))
    if not isinstance(right, _TypedDate) or right.ambiguous:
        return None
    end = right.readings[0]
    try:
        if isinstance(left, _DayMonth):
            precision_order = 2 if left.day is not None else 1
            start = _value(
                end.start.year,
                left.month,
                left.day or 1,
                _PRECISION_BY_ORDER[min(precision_order, _PRECISION_ORDER[end.precision])],
            )
        elif re.fullmatch(r"\d{1,2}", left_text) and end.precision == "day":
            start = _value(end.start.year, end.start.month, int(left_text))
        elif isinstance(left, _TypedDate) and not left.ambiguous:
            start = left.readings[0]
        else:
            return None
    except ValueError:
        return None
    precision = _PRECISION_BY_ORDER[
        min(_PRECISION_ORDER[start.precision], _PRECISION_ORDER[end.precision])
    ]
    return DateValue(start=start.start, end=end.start, precision=precision)


_MONTH_DAYS_YEAR = re.compile(r"([a-z]+) (\d{1,2}) ?- ?(\d{1,2}) (\d{1,4})")
"""The American range "november 4-9 1919" (commas already gone), read as two whole dates."""


def parse_typed_date(text: str) -> _TypedDate | _DayMonth | None:
    """Read a short typed date or range; None when it is not one.

    A learner's answer is short and well formed, so this is a small parser of
    its own, not the article date grammar.
    """
    cleaned = _clean_date_text(text)
    if not cleaned:
        return None
    if (m := _MONTH_DAYS_YEAR.fullmatch(cleaned)) and m[1] in _MONTHS:
        cleaned = f"{m[2]} {m[1]} {m[4]} - {m[3]} {m[1]} {m[4]}"
    single = _parse_single(cleaned)
    if single is not None:
        return single
    for separator in _RANGE_SEPARATORS:
        parts = separator.split(cleaned)
        if len(parts) == 2:
            value = _parse_range(parts[0].strip(), parts[1].strip())
            if value is not None:
                return _TypedDate((value,))
    return None


def _key(point: date, precision: Precision) -> tuple[int, ...]:
    return (point.year, point.month, point.day)[: _PRECISION_ORDER[precision] + 1]


def _compare_dates(given: DateValue, expected: DateValue) -> tuple[Verdict, str]:
    """Verdict and reason for one reading of the given date against one card date."""
    if expected.is_range and not given.is_range:
        if _key(given.start, expected.precision) in (
            _key(expected.start, expected.precision),
            _key(expected.end, expected.precision),
        ):
            return Verdict.WRONG, "only one end: the question asks for a range"
        return Verdict.WRONG, "the question asks for a range"
    if given.is_range and not expected.is_range:
        return Verdict.WRONG, "the question asks for one date, not a range"
    given_order = _PRECISION_ORDER[given.precision]
    expected_order = _PRECISION_ORDER[expected.precision]
    compare_at = expected.precision if given_order >= expected_order else given.precision
    same = _key(given.start, compare_at) == _key(expected.start, compare_at) and _key(
        given.end, compare_at
    ) == _key(expected.end, compare_at)
    if same and given_order >= expected_order:
        return Verdict.CORRECT, "correct"
    if same:
        said = "years" if expected.is_range and given.precision == "year" else given.precision
        return Verdict.WRONG, f"right {said}, but the question asks for the {expected.precision}"
    return Verdict.WRONG, _date_difference(given, expected, compare_at)


def _date_difference(given: DateValue, expected: DateValue, precision: Precision) -> str:
    """Which part of the date is off, in words."""
    pairs = [(given.start, expected.start)]
    if expected.is_range:
        if _key(given.start, precision) == _key(expected.start, precision):
            return "right start, wrong end"
        if _key(given.end, precision) == _key(expected.end, precision):
            return "right end, wrong start"
        return "wrong range"
    given_point, expected_point = pairs[0]
    if given_point.year != expected_point.year:
        return "wrong year"
    if given_point.month != expected_point.month:
        return "right year, wrong month"
    return "right month, wrong day"


_ASKED_PRECISION = (
    (re.compile(r"\b(?:in )?(?:what|which) (?:year|years)\b", re.IGNORECASE), "year"),
    (re.compile(r"\b(?:in )?(?:what|which) month\b", re.IGNORECASE), "month"),
)
"""Question wordings that say what precision they want ("In what year ...?")."""


def _asked_precision(question: str) -> Precision | None:
    """The precision the question asks for in so many words, if it says."""
    for pattern, precision in _ASKED_PRECISION:
        if pattern.search(question):
            return precision  # type: ignore[return-value]
    return None


def _at_most(value: DateValue, precision: Precision) -> DateValue:
    """The card's date compared no finer than the question asks: a right year is right
    when the question asks "In what year", even if the card knows the day."""
    if _PRECISION_ORDER[value.precision] <= _PRECISION_ORDER[precision]:
        return value
    return DateValue(value.start, value.end, precision, value.qualifier)


def _with_stated_year(
    typed: _DayMonth, question: str, expected_dates: list[tuple[str, DateValue]]
) -> _TypedDate | None:
    """A month (or day and month) typed for a question that states the year ("In which
    month of 1920 ...?"), read in that year; None when the question does not state it."""
    stated = {int(year) for year in re.findall(r"(?<!\d)(\d{3,4})(?!\d)", question)}
    years = {value.start.year for _, value in expected_dates if not value.is_range}
    year = next(iter(sorted(stated & years)), None)
    if year is None:
        return None
    try:
        if typed.day is None:
            return _TypedDate((_value(year, typed.month, precision="month"),))
        return _TypedDate((_value(year, typed.month, typed.day),))
    except ValueError:
        return None


def _grade_date(given: str, card: Card) -> Grade | None:
    """Dates by value; None when the card's own answer is not a readable date."""
    expected_dates: list[tuple[str, DateValue]] = []
    main = card.date
    if main is None:
        parsed = parse_typed_date(card.answer)
        if isinstance(parsed, _TypedDate) and not parsed.ambiguous:
            main = parsed.readings[0]
    if main is not None:
        expected_dates.append((card.answer, main))
    for alternative in card.accepted:
        parsed = parse_typed_date(alternative)
        if isinstance(parsed, _TypedDate) and not parsed.ambiguous:
            expected_dates.append((alternative, parsed.readings[0]))
    if not expected_dates:
        return None
    asked = _asked_precision(card.question)
    if asked is not None:
        expected_dates = [(text, _at_most(value, asked)) for text, value in expected_dates]
    typed = parse_typed_date(given)
    if isinstance(typed, _DayMonth):
        typed = _with_stated_year(typed, card.question, expected_dates) or typed
    if isinstance(typed, _DayMonth):
        for text, expected in expected_dates:
            same_day = typed.day is None or typed.day == expected.start.day
            if (
                not expected.is_range
                and expected.precision == "day"
                and typed.month == expected.start.month
                and same_day
                and typed.day is not None
            ):
                return Grade(Verdict.CLOSE, "right day, but give the year too", text)
        return Grade(Verdict.WRONG, f"the year is missing: the answer is {card.answer}", None)
    if typed is None:
        return Grade(
            Verdict.WRONG,
            f"not a date I can read (try 3 November 1919): the answer is {card.answer}",
            None,
        )
    grades: list[Grade] = []
    for text, expected in expected_dates:
        for reading in typed.readings:
            verdict, reason = _compare_dates(reading, expected)
            if verdict is Verdict.CORRECT and typed.ambiguous:
                verdict = Verdict.CLOSE
                reason = f"'{given.strip()}' could be read two ways: write the month as a word"
            matched = text if verdict is not Verdict.WRONG else None
            if verdict is Verdict.WRONG:
                reason = f"{reason}: the answer is {card.answer}"
            grades.append(Grade(verdict, reason, matched))
    return _best(grades)


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

_NUMBER = r"(?<![\d.,])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
_MULTIPLIER = r"(?:\s*(thousand|million|billion|trillion|bn|k)\b)?"
_QUANTITY = re.compile(_NUMBER + _MULTIPLIER)
_RANGE_QUANTITY = re.compile(
    _NUMBER + _MULTIPLIER + r"\s*(?:-|–|—|to|and)\s*(?:[^\d\s]{1,3})?" + _NUMBER + _MULTIPLIER
)
_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_NUMBER_WORDS.update(
    {
        word: 10 * (index + 2)
        for index, word in enumerate(
            "twenty thirty forty fifty sixty seventy eighty ninety".split()
        )
    }
)


@dataclass(frozen=True)
class _Quantity:
    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.low != self.high


def _to_float(digits: str, multiplier: str | None) -> float:
    plain = re.sub(r"[,\u00a0\u202f ]", "", digits)
    return float(plain) * _MULTIPLIERS.get(multiplier or "", 1.0)


def _words_to_number(text: str) -> float | None:
    """ "twelve thousand five hundred" -> 12500; None unless every word is a number word."""
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words:
        return None
    total, current = 0.0, 0.0
    for word in words:
        if word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _MULTIPLIERS and word not in ("k", "bn"):
            total += max(current, 1) * _MULTIPLIERS[word]
            current = 0
        else:
            return None
    return total + current


def parse_quantity(text: str) -> _Quantity | None:
    """The first number or number range in a text, by value."""
    folded = _fold(text).replace("−", "-")
    if m := _RANGE_QUANTITY.search(folded):
        high_multiplier = m[4]
        low = _to_float(m[1], m[2] or high_multiplier)
        return _Quantity(low, _to_float(m[3], high_multiplier))
    if m := _QUANTITY.search(folded):
        value = _to_float(m[1], m[2])
        return _Quantity(value, value)
    words = re.sub(r"\b(?:about|around|approximately|roughly|some|over|nearly)\b", " ", folded)
    value = _words_to_number(words.strip())
    return _Quantity(value, value) if value is not None else None


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _one_digit_off(a: float, b: float) -> bool:
    text_a, text_b = f"{a:g}", f"{b:g}"
    return (
        len(text_a) == len(text_b) and sum(x != y for x, y in zip(text_a, text_b, strict=True)) == 1
    )


def _grade_number(given: str, card: Card) -> Grade | None:
    """Numbers by value; None when the card's own answer holds no number."""
    expected_quantities = [
        (text, quantity)
        for text in [card.answer, *card.accepted]
        if (quantity := parse_quantity(text)) is not None
    ]
    if not expected_quantities:
        return None
    typed = parse_quantity(given)
    if typed is None:
        return Grade(Verdict.WRONG, f"no number in the answer: the answer is {card.answer}", None)
    for text, expected in expected_quantities:
        if _same(typed.low, expected.low) and _same(typed.high, expected.high):
            return Grade(Verdict.CORRECT, "correct", text)
    _, main = expected_quantities[0]
    if main.is_range and not typed.is_range:
        if _same(typed.low, main.low) or _same(typed.low, main.high):
            reason = "only one end: the question asks for a range"
        else:
            reason = "the question asks for a range"
    elif typed.is_range and not main.is_range:
        reason = "the question asks for one number, not a range"
    elif _one_digit_off(typed.low, main.low) or _one_digit_off(typed.high, main.high):
        reason = "a wrong digit in the number"
    else:
        reason = "not the right number"
    return Grade(Verdict.WRONG, f"{reason}: the answer is {card.answer}", None)
