"""Fair date grading: the year the question states, ranges in usual forms, the asked precision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from quizgen.core.grading import Verdict, grade_answer
from quizgen.core.models import Card, CardSource, DateValue


def date_card(question: str, answer: str, start: str, end: str | None, precision: str) -> Card:
    value = DateValue(date.fromisoformat(start), date.fromisoformat(end or start), precision)
    return Card(
        id="t",
        deck="t",
        kind="dated",
        question=question,
        answer=answer,
        fact_key="t",
        source=CardSource("", "", "", ""),
        date=value,
        answer_type="date",
    )


MONTH_1920 = date_card(
    "In which month of 1920 did the army attack?", "March 1920", "1920-03-01", None, "month"
)
DAY_1919 = date_card(
    "On which day of 1919 did the army attack?", "3 November 1919", "1919-11-03", None, "day"
)
RANGE = date_card("When was the siege?", "4–9 November 1919", "1919-11-04", "1919-11-09", "day")
YEARS = date_card("When was the war?", "1918–1920", "1918-01-01", "1920-01-01", "year")
YEAR_ASKED = date_card(
    "In what year did the army attack?", "3 November 1919", "1919-11-03", None, "day"
)


@pytest.mark.parametrize(
    ("card", "given", "expected"),
    [
        (MONTH_1920, "March", Verdict.CORRECT),
        (MONTH_1920, "mar", Verdict.CORRECT),
        (MONTH_1920, "April", Verdict.WRONG),
        (DAY_1919, "3 November", Verdict.CORRECT),
        (DAY_1919, "November 3", Verdict.CORRECT),
        (DAY_1919, "4 November", Verdict.WRONG),
        (RANGE, "November 4-9, 1919", Verdict.CORRECT),
        (RANGE, "4–9 Nov 1919", Verdict.CORRECT),
        (RANGE, "4-9 November 1919", Verdict.CORRECT),
        (RANGE, "November 4 - November 9, 1919", Verdict.CORRECT),
        (RANGE, "November 4-8, 1919", Verdict.WRONG),
        (YEARS, "1918-1920", Verdict.CORRECT),
        (YEARS, "1918 to 1920", Verdict.CORRECT),
        (YEAR_ASKED, "1919", Verdict.CORRECT),
        (YEAR_ASKED, "3 November 1919", Verdict.CORRECT),
        (YEAR_ASKED, "1918", Verdict.WRONG),
    ],
)
def test_date_answers_are_read_fairly(card, given, expected):
    grade = grade_answer(given, card)
    assert grade.verdict is expected, grade.reason


def test_without_the_year_in_the_question_a_month_alone_is_not_enough():
    card = replace(MONTH_1920, question="When did the army attack?")
    assert grade_answer("March", card).verdict is not Verdict.CORRECT
