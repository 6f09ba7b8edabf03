"""Load the labelled typed answers of tests/fixtures/grading_labelled.yaml.

Shared by tests/core/test_grading.py and bench/grading_agreement.py so both judge
the checker on exactly the same cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from quizgen.core.grading import Verdict
from quizgen.core.models import Card, CardSource, DateValue
from support import paths

LABELLED_PATH = paths.FIXTURES / "grading_labelled.yaml"


@dataclass(frozen=True)
class LabelledAnswer:
    """One typed answer, the card it answers, and the verdict a person gave it."""

    given: str
    card: Card
    expected: Verdict
    why: str

    @property
    def label(self) -> str:
        return f"{self.given!r} for {self.card.answer!r} ({self.card.answer_type})"


def _card(raw: dict) -> Card:
    date_value = None
    if "date" in raw:
        start, end, precision = raw["date"]
        date_value = DateValue(date.fromisoformat(start), date.fromisoformat(end), precision)
    return Card(
        id="labelled",
        deck="labelled",
        kind="infobox",
        question="?",
        answer=raw["answer"],
        fact_key="labelled",
        source=CardSource(path="", title="", section="", text=""),
        accepted=tuple(raw.get("accepted", ())),
        date=date_value,
        answer_type=raw["type"],
        any_of=bool(raw.get("any_of", False)),
    )


def load_labelled(path: Path = LABELLED_PATH) -> list[LabelledAnswer]:
    """Every labelled case in the file, in file order."""
    raw_cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return [
        LabelledAnswer(
            given=str(raw["given"]),
            card=_card(raw),
            expected=Verdict(raw["expect"]),
            why=str(raw.get("why", "")),
        )
        for raw in raw_cases
    ]
