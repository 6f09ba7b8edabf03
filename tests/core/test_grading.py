"""The answer checker against hand-labelled typed answers, plus its edges."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.grading import LabelledAnswer, load_labelled

from quizgen.core.grading import Grade, Verdict, grade_answer, normalize_text
from quizgen.core.models import Card, CardSource, DateValue

LABELLED = load_labelled()


def make_card(answer: str, answer_type: str = "name", **fields) -> Card:
    return Card(
        id="t",
        deck="t",
        kind="infobox",
        question="?",
        answer=answer,
        fact_key="t",
        source=CardSource(path="", title="", section="", text=""),
        answer_type=answer_type,
        **fields,
    )


def day(iso: str) -> DateValue:
    point = date.fromisoformat(iso)
    return DateValue(point, point, "day")


def test_labelled_set_is_large_and_varied():
    assert len(LABELLED) >= 100
    types = {case.card.answer_type for case in LABELLED}
    assert types == {"date", "number", "name", "text"}
    assert {case.expected for case in LABELLED} == set(Verdict)


@pytest.mark.parametrize("case", LABELLED, ids=lambda case: case.label)
def test_labelled_verdicts(case: LabelledAnswer):
    grade = grade_answer(case.given, case.card)
    assert grade.verdict is case.expected, grade.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Netherlands", "netherlands"),
        ("  Muzaffer   Kılıç ", "muzaffer kilic"),
        ("O’Brien", "obrien"),
        ("Procter & Gamble", "procter and gamble"),
        ("Jean-Paul Sartre.", "jean paul sartre"),
        ("the", "the"),
        ("A Coruña", "coruna"),
        ("Straße", "strasse"),
        ("Владимир", "владимир"),
    ],
)
def test_normalize_text(text: str, expected: str):
    assert normalize_text(text) == expected


def test_empty_answer_says_so():
    grade = grade_answer("  ", make_card("Yerevan"))
    assert grade == Grade(Verdict.WRONG, "no answer given", None)


def test_typo_reason_names_both_spellings():
    grade = grade_answer("Nzhde", make_card("Nzhdeh"))
    assert grade.verdict is Verdict.CLOSE
    assert grade.reason == "a small typo: 'Nzhde' for 'Nzhdeh'"
    assert grade.matched == "Nzhdeh"


def test_surname_reason_gives_full_answer():
    grade = grade_answer("Nzhdeh", make_card("Garegin Nzhdeh"))
    assert grade.reason == "partly right: the full answer is Garegin Nzhdeh"


def test_digit_in_name_is_never_a_typo():
    grade = grade_answer("11th Army", make_card("12th Army"))
    assert grade.verdict is Verdict.WRONG
    assert "number" in grade.reason


def test_year_for_day_question_explains_precision():
    card = make_card("3 November 1919", "date", date=day("1919-11-03"))
    grade = grade_answer("1919", card)
    assert grade.verdict is Verdict.WRONG
    assert grade.reason.startswith("right year, but the question asks for the day")


def test_wrong_day_reason_points_at_the_day():
    card = make_card("3 November 1919", "date", date=day("1919-11-03"))
    assert grade_answer("4 November 1919", card).reason.startswith("right month, wrong day")


def test_old_style_alternative_is_matched_by_value():
    card = make_card(
        "3 November 1919", "date", date=day("1919-11-03"), accepted=("21 October 1919",)
    )
    grade = grade_answer("1919-10-21", card)
    assert grade.verdict is Verdict.CORRECT
    assert grade.matched == "21 October 1919"


def test_date_card_without_date_value_parses_its_answer():
    card = make_card("June 1919", "date")
    assert grade_answer("1919-06", card).verdict is Verdict.CORRECT
    assert grade_answer("1919-07", card).verdict is Verdict.WRONG


def test_number_wrong_digit_reason():
    grade = grade_answer("13,000", make_card("12,000", "number"))
    assert grade.verdict is Verdict.WRONG
    assert grade.reason.startswith("a wrong digit in the number")


def test_number_card_without_a_number_falls_back_to_words():
    card = make_card("several hundred", "number")
    assert grade_answer("Several hundred", card).verdict is Verdict.CORRECT
    assert grade_answer("a few", card).verdict is Verdict.WRONG


def test_unreadable_card_date_falls_back_to_words():
    card = make_card("the reign of Tigranes", "date")
    assert grade_answer("reign of Tigranes", card).verdict is Verdict.CORRECT


ANSWER_TYPES = st.sampled_from(["date", "number", "name", "text"])


@settings(max_examples=300, deadline=None)
@given(
    typed=st.text(max_size=60),
    answer=st.text(min_size=0, max_size=40),
    accepted=st.lists(st.text(max_size=20), max_size=3),
    answer_type=ANSWER_TYPES,
    any_of=st.booleans(),
    card_date=st.none() | st.dates().map(lambda d: DateValue(d, d, "day")),
)
def test_any_text_gets_a_grade(typed, answer, accepted, answer_type, any_of, card_date):
    card = make_card(answer, answer_type, accepted=tuple(accepted), any_of=any_of, date=card_date)
    grade = grade_answer(typed, card)
    assert isinstance(grade, Grade)
    # a plain "correct" string would pass `in set(Verdict)` (StrEnum): ask for the enum itself
    assert type(grade.verdict) is Verdict
    assert grade.reason
    assert grade_answer(typed, card) == grade  # the same answer always gets the same grade
    assert (grade.matched is None) == (grade.verdict is Verdict.WRONG)  # right says what matched


NAME = st.from_regex(r"\A[A-Z][a-z]{2,11}( [A-Z][a-z]{2,11}){0,2}\Z", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(answer=NAME, shout=st.booleans())
def test_a_name_typed_as_written_or_in_capitals_is_correct(answer, shout):
    typed = answer.upper() if shout else answer
    assert grade_answer(typed, make_card(answer, "name")).verdict is Verdict.CORRECT


DATE_LIKE = st.from_regex(
    r"\A[0-9]{1,4}([ ./-][0-9A-Za-z]{1,9}){0,3}( (to|-|and) [0-9]{1,4})?\Z", fullmatch=True
)


@settings(max_examples=300, deadline=None)
@given(typed=DATE_LIKE | st.from_regex(r"\A[0-9,. kmbtn-]{1,20}\Z", fullmatch=True))
def test_date_and_number_shaped_text_gets_a_grade(typed):
    date_card = make_card(
        "1918–1920", "date", date=DateValue(date(1918, 1, 1), date(1920, 1, 1), "year")
    )
    number_card = make_card("1,500–5,500", "number")
    for card in (date_card, number_card):
        assert grade_answer(typed, card).reason


def test_a_partly_right_list_says_what_it_was_judged_against():
    card = make_card("0", "date", any_of=True)
    grade = grade_answer("0;1", card)
    assert grade.verdict is Verdict.CLOSE and grade.matched == "0"
