"""The card-kind registry and the one order of a card's options."""

from __future__ import annotations

import typing

import pytest

from quizgen.cards.kinds import KINDS, kind_of
from quizgen.cards.options import choice_order
from quizgen.core.models import Card, CardKind, CardSource
from quizgen.export.anki import shuffled_options


def card(card_id: str, answer: str, distractors: tuple[str, ...]) -> Card:
    return Card(
        id=card_id,
        deck="d",
        kind="infobox",
        question="?",
        answer=answer,
        fact_key="k",
        source=CardSource(path="", title="", section="", text=""),
        distractors=distractors,
    )


def test_every_model_kind_has_one_entry():
    assert [spec.name for spec in KINDS] == list(typing.get_args(CardKind))


def test_the_exporters_read_the_registry():
    assert [spec.name for spec in KINDS if spec.exports_date] == ["dated"]
    assert [spec.name for spec in KINDS if spec.exports_timeline] == ["timeline"]
    assert [spec.name for spec in KINDS if not spec.corpus_distractors] == ["timeline"]


def test_an_unknown_kind_is_named():
    with pytest.raises(KeyError, match="unknown card kind 'cloze'"):
        kind_of("cloze")


def test_options_keep_one_order_per_card_the_same_in_study_and_anki():
    first = card("a1", "Paris", ("Lyon", "Nice", "Lille"))
    assert sorted(choice_order(first)) == ["Lille", "Lyon", "Nice", "Paris"]
    assert choice_order(first) == choice_order(first) == shuffled_options(first)
    reordered = card("a1", "Paris", ("Nice", "Lille", "Lyon"))
    assert choice_order(reordered) == choice_order(first)  # fixed by card and option only
    orders = {tuple(choice_order(card(f"c{n}", "Paris", first.distractors))) for n in range(20)}
    assert len(orders) > 1  # the answer is not always in the same place


def test_no_distractors_no_options_and_repeats_dropped():
    assert choice_order(card("x", "Paris", ())) == []
    assert sorted(choice_order(card("x", "Paris", ("Lyon", "Paris", "Lyon")))) == [
        "Lyon",
        "Paris",
    ]
