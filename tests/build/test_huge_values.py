"""Huge values: capped where they are read, and grading stays fast whatever it is given.

A 5,000,000-character infobox value used to become a 5 MB answer whose grading froze
the study app for seconds.
"""

from __future__ import annotations

import json
import time

import pytest
from support.articles import SyntheticArticle, render_a, render_b
from support.processes import quiz

from quizgen.core.grading import Verdict, grade_answer
from quizgen.core.models import Card, CardSource

HUGE = "Lyon " * 1_000_000  # 5,000,000 characters


@pytest.mark.parametrize("render", [render_a, render_b], ids=["format-a", "format-b"])
def test_a_five_million_character_value_makes_no_card(tmp_path, render):
    article = SyntheticArticle(
        title="Clara Fontaine",
        infobox=(("Born", "3 May 1850, Lyon"), ("Occupation", "chemist"), ("Residence", HUGE)),
        lead=("Clara Fontaine was a chemist from Lyon.", "In 1880, she founded a laboratory."),
        sections=(("Career", (HUGE,)),),
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "clara.txt").write_text(render(article), encoding="utf-8")
    db = str(tmp_path / "q.db")
    started = time.monotonic()
    built = quiz("build", "--jobs", "1", "--db", db, str(seeds))
    assert built.returncode == 0, built.stderr
    assert time.monotonic() - started < 120
    exported = quiz("export", "--db", db)
    cards = [json.loads(line) for line in exported.stdout.splitlines()]
    assert cards, "the ordinary fields still make cards"
    longest = max(len(json.dumps(card)) for card in cards)
    assert longest < 10_000


def _card(answer: str) -> Card:
    return Card(
        id="0" * 16, deck="d", kind="infobox", question="Where did she live?", answer=answer,
        fact_key="residence", source=CardSource("p", "t", "Infobox", "x"), answer_type="text",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("given", "answer"),
    [(HUGE[:-10] + "x", HUGE), ("Lyon", HUGE), (HUGE, "Lyon"), ("Lyons " * 400, "Lyon " * 400)],
)
def test_grading_is_bounded_in_time(given, answer):
    started = time.perf_counter()
    grade = grade_answer(given, _card(answer))
    assert time.perf_counter() - started < 1.0
    assert grade.verdict is Verdict.WRONG


def test_a_long_answer_typed_exactly_is_still_right():
    assert grade_answer(HUGE.upper(), _card(HUGE)).verdict is Verdict.CORRECT
