"""A timeline card studied in the app at 80x24: typed as letters, moved with the keyboard,
and flipped; every answer recorded with its verdict."""

from __future__ import annotations

import re
from datetime import UTC

from support.export import SEEDS, T0, built_database
from support.tui import run_async
from textual.widgets import Input, Static

from quizgen.core.timeline import timeline_of
from quizgen.store.cards import card_from_row
from tui.app import QuizApp
from tui.screens.study import StudyScreen
from tui.timeline import TimelineItems, order_typed

SIZE = (80, 24)


def _timeline_card(db):
    (row,) = [
        row for row in db["cards"].rows_where("kind = 'timeline'") if "order" in row["fact_key"]
    ]
    return card_from_row(row)


async def _open(tmp_path):
    db = built_database(tmp_path / "quiz.db", SEEDS)
    card = _timeline_card(db)
    app = QuizApp(tmp_path / "quiz.db", now=lambda: T0, tz=UTC, enable_fuzzing=False)
    return db, card, app


def _text(screen, selector) -> str:
    return str(screen.query_one(selector, Static).content)


def _moves(shown: list[str], wanted: list[str]) -> list[str]:
    """Keys that turn `shown` into `wanted` by picking (↑ ↓) and moving (Shift+↑) items."""
    order, cursor, keys = list(shown), 0, []
    for place, label in enumerate(wanted):
        target = order.index(label)
        keys += ["down" if target > cursor else "up"] * abs(target - cursor)
        keys += ["shift+up"] * (target - place)
        order.insert(place, order.pop(target))
        cursor = place
    return keys


@run_async
async def test_typing_the_order_as_letters_is_graded_and_recorded(tmp_path):
    db, card, app = await _open(tmp_path)
    timeline = timeline_of(card)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(StudyScreen(None, "type", card_ids=[card.id]))
        await pilot.pause()
        screen = app.screen
        assert screen.current.card.id == card.id
        assert _text(screen, "#question") == "Put these in order, earliest first:"
        listed = _text(screen, "#timeline")
        for item in timeline.items:
            assert f"{item.label}  {item.text}" in listed
            assert str(item.date.start.year) not in listed  # dates hidden until answered
        hints = listed.split("\n")[-1]
        # no example order: any one shown could be the answer itself
        assert not re.search(r"\b[A-E]{2,}\b", hints), hints
        await pilot.press(*"".join(timeline.order).lower())
        items = screen.query_one(TimelineItems)
        assert items.order == list(timeline.order)  # the list follows what is typed
        await pilot.press("enter")
        await pilot.pause()
        assert _text(screen, "#feedback").startswith("Correct")
        source = _text(screen, "#source")
        for item in timeline.items:
            assert item.text in source and str(item.date.start.year) in source
        assert _text(screen, "#timeline").count("✓") == len(timeline.items)
    (review,) = list(db["reviews"].rows)
    assert (review["card_id"], review["verdict"], review["mode"]) == (card.id, "correct", "type")
    assert review["answer_given"] == "".join(timeline.order).lower()


@run_async
async def test_moving_events_with_the_keyboard_writes_the_order_one_swap_is_close(tmp_path):
    db, card, app = await _open(tmp_path)
    timeline = timeline_of(card)
    swapped = list(timeline.order)
    swapped[0], swapped[1] = swapped[1], swapped[0]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(StudyScreen(None, "type", card_ids=[card.id]))
        await pilot.pause()
        screen = app.screen
        shown = [item.label for item in timeline.items]
        await pilot.press(*_moves(shown, swapped))
        assert screen.query_one("#answer", Input).value == "".join(swapped)
        assert screen.query_one(TimelineItems).order == swapped
        await pilot.press("enter")
        await pilot.pause()
        assert _text(screen, "#feedback").startswith("Close")
        marks = _text(screen, "#timeline")
        assert marks.count("✗") == 2 and marks.count("✓") == len(swapped) - 2
    (review,) = list(db["reviews"].rows)
    assert review["verdict"] == "close" and review["answer_given"] == "".join(swapped)


@run_async
async def test_in_flip_mode_the_order_is_the_answer(tmp_path):
    db, card, app = await _open(tmp_path)
    timeline = timeline_of(card)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(StudyScreen(None, "flip", card_ids=[card.id]))
        await pilot.pause()
        screen = app.screen
        assert screen.card_mode == "flip"
        assert "type the order" not in _text(screen, "#timeline")
        await pilot.press("space")
        await pilot.pause()
        assert f"Answer: {''.join(timeline.order)}" in _text(screen, "#feedback")
        assert "Timeline" in _text(screen, "#source")
        await pilot.press("3")
        await pilot.pause()
    (review,) = list(db["reviews"].rows)
    assert (review["card_id"], review["rating"], review["mode"]) == (card.id, 3, "flip")


def test_a_partly_typed_order_puts_those_events_first():
    assert order_typed("c", "ABCD") == ["C", "A", "B", "D"]
    assert order_typed("3 1", "ABCD") == ["C", "A", "B", "D"]
    assert order_typed("cc9x", "ABCD") == ["C", "A", "B", "D"]
    assert order_typed("", "ABC") == ["A", "B", "C"]
