"""The date grammar scored against the hand-labelled set.

Scores precision (found mentions whose text span is labelled), recall (labelled
mentions found), value accuracy (found-and-labelled mentions whose normalized
value, old style and inferred flag are right) and false dates on the trap set.
tests/facts/test_dates.py gates on `score`, and bench/date_accuracy.py prints the
same figures, so the gate and the printed figures can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from quizgen.core.models import DateMention, DateValue
from quizgen.facts.dates import DateContext, find_dates

LABELLED_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "dates_labelled.yaml"


@dataclass(frozen=True)
class ExpectedMention:
    """One labelled date: the exact span text and what it must normalize to."""

    text: str
    value: DateValue
    old_style: DateValue | None
    inferred: bool


@dataclass(frozen=True)
class LabelledCase:
    """A sentence, the context year it is read with, and every date it states."""

    sentence: str
    context_year: int | None
    expected: tuple[ExpectedMention, ...]

    @property
    def context(self) -> DateContext | None:
        return DateContext(year=self.context_year) if self.context_year else None


@dataclass
class Score:
    """Counts over a labelled set; the rates are derived from them."""

    found: int = 0
    expected: int = 0
    span_matches: int = 0
    value_matches: int = 0
    trap_false_dates: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.span_matches / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.span_matches / self.expected if self.expected else 1.0

    @property
    def value_accuracy(self) -> float:
        return self.value_matches / self.span_matches if self.span_matches else 1.0


def _date_value(start: date, end: date | None, precision: str, qualifier: str | None) -> DateValue:
    return DateValue(start=start, end=end or start, precision=precision, qualifier=qualifier)


def _expected_mention(raw: dict) -> ExpectedMention:
    value = _date_value(raw["start"], raw.get("end"), raw["precision"], raw.get("qualifier"))
    old_style = None
    if raw.get("old_style"):
        old_style = _date_value(raw["old_style"], raw.get("old_style_end"), raw["precision"], None)
    return ExpectedMention(
        text=raw["text"], value=value, old_style=old_style, inferred=bool(raw.get("inferred"))
    )


def load_labelled(path: Path = LABELLED_PATH) -> tuple[list[LabelledCase], list[str]]:
    """The labelled cases and the trap sentences."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [
        LabelledCase(
            sentence=raw["text"],
            context_year=raw.get("context"),
            expected=tuple(_expected_mention(m) for m in raw.get("dates") or []),
        )
        for raw in data["cases"]
    ]
    return cases, list(data["traps"])


def mention_matches(found: DateMention, expected: ExpectedMention) -> bool:
    """The normalized reading is right: value, old style and where the year came from."""
    return (
        found.value == expected.value
        and found.old_style == expected.old_style
        and found.year_inferred == expected.inferred
    )


def score(cases: list[LabelledCase], traps: list[str]) -> Score:
    result = Score()
    for case in cases:
        found = find_dates(case.sentence, case.context)
        result.found += len(found)
        result.expected += len(case.expected)
        by_text = {mention.text: mention for mention in found}
        for expected in case.expected:
            mention = by_text.get(expected.text)
            if mention is None:
                result.failures.append(f"MISSED {expected.text!r} in {case.sentence!r}")
                continue
            result.span_matches += 1
            if mention_matches(mention, expected):
                result.value_matches += 1
            else:
                result.failures.append(f"VALUE {expected.text!r}: {mention} in {case.sentence!r}")
        labelled_texts = {expected.text for expected in case.expected}
        for mention in found:
            if mention.text not in labelled_texts:
                result.failures.append(f"EXTRA {mention.text!r} in {case.sentence!r}")
    for trap in traps:
        false_dates = find_dates(trap, DateContext(year=1919))
        result.found += len(false_dates)
        result.trap_false_dates += len(false_dates)
        for mention in false_dates:
            result.failures.append(f"TRAP {mention.text!r} in {trap!r}")
    return result
