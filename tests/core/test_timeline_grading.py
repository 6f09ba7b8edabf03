"""The answer checker on timeline cards: all in order is correct, one swap of neighbours
is close, anything else wrong; "which came first" takes a label, a number or the clause."""

from __future__ import annotations

from datetime import date

import pytest

from quizgen.core.grading import Verdict, grade_answer
from quizgen.core.models import Card, CardSource, DateValue
from quizgen.core.timeline import Timeline, TimelineItem, parse_order

EVENTS = {
    "A": ("The Treaty of Batum was signed", date(1918, 6, 4)),
    "B": ("Shikhlinski ordered Levestam to capture Dyg", date(1919, 11, 3)),
    "C": ("The Armenian republic was proclaimed", date(1918, 5, 28)),
    "D": ("Nzhdeh proclaimed Mountainous Armenia", date(1921, 4, 26)),
}
"""Shown A-D; the true order is C A B D."""


def _card(events: str, form: str = "order") -> Card:
    """A card showing these EVENTS, labelled A, B, ... in the order given."""
    items = tuple(
        TimelineItem(
            "ABCD"[index], EVENTS[key][0], DateValue(EVENTS[key][1], EVENTS[key][1], "day")
        )
        for index, key in enumerate(events)
    )
    order = tuple(item.label for item in sorted(items, key=lambda item: item.date.start))
    timeline = Timeline(form=form, items=items, order=order)
    return Card(
        id="t1",
        deck="Caucasus",
        kind="timeline",
        question="\n".join(["Put these in order:", *(f"{i.label}. {i.text}" for i in items)]),
        answer=timeline.answer,
        fact_key="timeline:order:x",
        source=CardSource("", "Caucasus", "Timeline", timeline.true_order_text()),
        extra={"timeline": timeline.to_json()},
    )


ORDER = _card("ABCD")


@pytest.mark.parametrize("given", ["CABD", "cabd", "C, A, B, D", "c a b d", "3124", "3 1 2 4"])
def test_the_true_order_in_any_spelling_is_correct(given):
    grade = grade_answer(given, ORDER)
    assert grade.verdict == Verdict.CORRECT
    assert grade.matched == "CABD"


@pytest.mark.parametrize("given", ["ACBD", "CBAD", "CADB", "1324"])
def test_one_swap_of_neighbours_is_close(given):
    grade = grade_answer(given, ORDER)
    assert grade.verdict == Verdict.CLOSE
    assert "swapped" in grade.reason


@pytest.mark.parametrize("given", ["BACD", "DBAC", "ABCD", "DCBA", "BADC"])
def test_any_other_order_is_wrong(given):
    assert grade_answer(given, ORDER).verdict == Verdict.WRONG


@pytest.mark.parametrize("given", ["CAB", "CABDD", "CABE", "CAAD", "3125", "Treaty first", "  "])
def test_an_order_that_does_not_name_each_item_once_is_wrong_and_says_how(given):
    grade = grade_answer(given, ORDER)
    assert grade.verdict == Verdict.WRONG
    if given.strip():
        assert "ABCD" in grade.reason


def test_the_true_order_and_dates_are_on_the_back():
    assert ORDER.source.text.splitlines() == [
        "1. The Armenian republic was proclaimed (28 May 1918)",
        "2. The Treaty of Batum was signed (4 June 1918)",
        "3. Shikhlinski ordered Levestam to capture Dyg (3 November 1919)",
        "4. Nzhdeh proclaimed Mountainous Armenia (26 April 1921)",
    ]


PAIR = _card("BC", form="first")
"""A: Shikhlinski ... (1919), B: the republic proclaimed (1918): B came first."""


@pytest.mark.parametrize(
    "given",
    ["B", "b", "2", "The Armenian republic was proclaimed", "armenian republic was proclamed"],
)
def test_which_came_first_takes_a_label_a_number_or_the_clause(given):
    assert PAIR.answer == "The Armenian republic was proclaimed"
    assert grade_answer(given, PAIR).verdict == Verdict.CORRECT


@pytest.mark.parametrize("given", ["A", "1", "Shikhlinski ordered Levestam to capture Dyg"])
def test_the_later_event_is_wrong(given):
    assert grade_answer(given, PAIR).verdict == Verdict.WRONG


def test_a_pair_answer_naming_neither_is_wrong():
    grade = grade_answer("C", PAIR)
    assert grade.verdict == Verdict.WRONG and "A or B" in grade.reason


def test_parse_order_reads_letters_and_digits_only_as_permutations():
    assert parse_order("BDAC", 4) == ("B", "D", "A", "C")
    assert parse_order("2413", 4) == ("B", "D", "A", "C")
    assert parse_order("b-d-a-c", 4) == ("B", "D", "A", "C")
    assert parse_order("BDA", 4) is None
    assert parse_order("BDAA", 4) is None
    assert parse_order("2410", 4) is None
    assert parse_order("B2AC", 4) is None
