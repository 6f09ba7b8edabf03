"""Reading an infobox value as an answer: its items, notes, and what kind of thing it is.

Infobox values carry source notes ("(according to Armenian sources)"), figures
with qualifiers ("c. 12,000"), placeholder words ("Unknown") and sometimes whole
sentences. This module decides what part of a value is the answer, what is kept
as context, and whether a value is a fact worth asking at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.core.models import AnswerType

PLACEHOLDER_VALUES = {
    "unknown",
    "n/a",
    "na",
    "none",
    "nil",
    "-",
    "–",
    "—",
    "?",
    "tba",
    "tbd",
    "various",
    "see below",
    "see text",
    "disputed",
    "undefined",
    "null",
}

_PARENTHETICAL = re.compile(r"\s*\(([^()]*)\)")
_ACCORDING_TO = re.compile(r"^(?:according to|per|by)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NUMBER_VALUE = re.compile(
    r"^(?:(?:c\.|ca\.|circa|about|approx\.?|approximately|over|more than|less than|under|"
    r"up to|at least|around|~|≈|\+)\s*)?"
    r"[$€£¥]?\s?\d[\d,.\u202f\u00a0 ]*(?:\s?[–—-]\s?[$€£¥]?\d[\d,.\u202f\u00a0 ]*)?"
    r"(?:\s?(?:%|km2|km²|sq mi|km|mi|m|ft|kg|t|tons|tonnes|million|billion|thousand|"
    r"minutes|min|hours|h|seconds|s|pages|episodes|seasons|men|troops|soldiers|"
    r"killed|wounded|dead|employees|people|inhabitants|residents)\b\.?)*\+?$",
    re.IGNORECASE,
)
_SENTENCE_VERB = re.compile(
    r"\b(?:was|were|is|are|had|has|have|been|did|would|could|should|continued|signed|"
    r"began|ended|led|resulted|followed)\b",
    re.IGNORECASE,
)
_CAPITALIZED_WORD = re.compile(r"^[A-Z\u00c0-\u024f\u0370-\u1fff]")


@dataclass(frozen=True)
class AnswerValue:
    """One value ready to be an answer: the text asked for and the notes kept aside."""

    text: str
    notes: tuple[str, ...] = ()


def is_placeholder(value: str) -> bool:
    """ "Unknown", "N/A", a dash: values that state no fact."""
    return value.strip().strip(".").casefold() in PLACEHOLDER_VALUES


def split_notes(value: str) -> AnswerValue:
    """Take parenthetical notes out of a value, keeping them as context.

    "60,000 (6,000 mobilized guards)" -> "60,000" with the note kept. A value
    that is only a parenthesis stays as it is.
    """
    notes = tuple(match.group(1).strip() for match in _PARENTHETICAL.finditer(value))
    stripped = _PARENTHETICAL.sub("", value).strip(" ,;")
    if not stripped:
        return AnswerValue(value.strip())
    return AnswerValue(re.sub(r"\s{2,}", " ", stripped), tuple(note for note in notes if note))


def attributed_parts(value: str) -> list[tuple[str, str]]:
    """Split "45 killed (according to A) Several hundreds (according to B)" by source.

    Returns (statement, attribution) pairs; empty when the value names no sources.
    """
    parts: list[tuple[str, str]] = []
    position = 0
    for match in _PARENTHETICAL.finditer(value):
        note = match.group(1).strip()
        if not _ACCORDING_TO.match(note):
            continue
        statement = value[position : match.start()].strip(" ,;")
        if statement:
            parts.append((statement, note))
        position = match.end()
    if parts and value[position:].strip(" ,;"):
        return []  # a trailing unattributed part: the split would misquote it
    return parts


def is_number_value(value: str) -> bool:
    """A figure (with a unit or qualifier), not a name or a sentence."""
    return bool(_NUMBER.search(value)) and bool(_NUMBER_VALUE.match(value.strip()))


def looks_like_sentence(value: str) -> bool:
    """A value that is a clause ("Tiflis Agreement was signed, but ...") is not a fact to ask."""
    words = value.split()
    if len(words) > 12:
        return True
    return len(words) >= 5 and bool(_SENTENCE_VERB.search(value))


def guess_answer_type(value: str) -> AnswerType:
    """How the answer checker should compare typed answers to this value."""
    if is_number_value(value):
        return "number"
    words = value.split()
    if len(words) <= 6 and all(
        _CAPITALIZED_WORD.match(word) or word.islower() and len(word) <= 4 for word in words
    ):
        return "name"
    return "text"


def number_count(value: str) -> int:
    return len(_NUMBER.findall(value))
