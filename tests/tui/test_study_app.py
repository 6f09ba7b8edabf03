"""Whole study sessions driven through the Textual app, keypress by keypress."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fsrs import State
from support.study import FACTS, T0, card_row, make_database, review_rows
from support.tui import run_async
from textual.widgets import DataTable, Input, Static

from quizgen.study.scheduling import SCHEDULING_COLUMNS
from quizgen.study.session import deck_summaries
from quizgen.study.settings import get_setting, set_setting
from tui.app import QuizApp
from tui.screens.decks import DecksScreen, deck_key
from tui.screens.study import StudyScreen, choice_options
from tui.screens.summary import SummaryScreen

SIZE = (80, 24)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, moment=T0):
        self.moment = moment

    def __call__(self):
        return self.moment


def make_app(db_path, clock=None, **kwargs):
    from datetime import UTC

    return QuizApp(db_path, now=clock or Clock(), tz=UTC, enable_fuzzing=False, **kwargs)


def text_of(screen, selector) -> str:
    return str(screen.query_one(selector, Static).content)


def study_screen(app) -> StudyScreen:
    assert isinstance(app.screen, StudyScreen), type(app.screen)
    return app.screen


async def settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()


def state_of(db, card_id):
    row = card_row(db, card_id)
    return {column: row[column] for column in SCHEDULING_COLUMNS}


@run_async
async def test_decks_home_lists_counts_and_enter_opens_study(tmp_path):
    db = make_database(tmp_path / "t.db")
    app = make_app(tmp_path / "t.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, DecksScreen)
        table = app.screen.query_one(DataTable)
        labels = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert labels == ["films", "history", "people", "places", "All decks"]
        assert [str(c) for c in table.get_row_at(4)[1:]] == ["8", "0", "0", "8", "0"]
        await pilot.press("down", "enter")  # history
        await pilot.pause()
        screen = study_screen(app)
        assert screen.deck == "history"
        assert "Battle of Hastings" in text_of(screen, "#article")
    del db


@run_async
async def test_type_mode_session_grades_writes_reviews_and_resumes(tmp_path):
    path = tmp_path / "t.db"
    db = make_database(path)
    clock = Clock()
    app = make_app(path, clock, deck="films", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        first = screen.current.card
        clock.moment = T0 + timedelta(seconds=7, milliseconds=250)  # the learner thinks
        await pilot.press(*first.answer, "enter")
        assert "Correct" in text_of(screen, "#feedback")
        assert first.source.text in text_of(screen, "#source")
        await pilot.press("enter")  # suggested Good
        second = screen.current.card
        assert second.id != first.id
        clock.moment += timedelta(seconds=3)
        await pilot.press(*"no idea", "enter")
        assert "Wrong" in text_of(screen, "#feedback")
        assert second.answer in text_of(screen, "#feedback")
        await pilot.press("2", "space")  # learner overrides Again with Hard
        # the learning cards come back early (nothing else left); q would be typed: Esc ends
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.reviewed == 2
    rows = review_rows(db)
    assert [(r["card_id"], r["rating"], r["verdict"], r["mode"]) for r in rows] == [
        (first.id, 3, "correct", "type"),
        (second.id, 2, "wrong", "type"),
    ]
    assert rows[0]["answer_given"] == first.answer
    # answers are timed by the app's clock, from the card being shown to the answer
    assert [r["duration_ms"] for r in rows] == [7250, 3000]
    assert json.loads(rows[1]["state_after"]) == state_of(db, second.id)
    assert state_of(db, first.id)["fsrs_state"] == State.Learning

    # reopen ten minutes later: both learning cards are due again, nothing was lost
    clock.moment = T0 + timedelta(minutes=11)
    again = make_app(path, clock, deck="films", mode="type")
    async with again.run_test(size=SIZE) as pilot:
        screen = study_screen(again)
        assert screen.current.card.id in {first.id, second.id}
        assert not screen.current.is_new


@run_async
async def test_choice_mode_keys_mark_right_and_wrong(tmp_path):
    path = tmp_path / "c.db"
    db = make_database(path)
    app = make_app(path, deck="people", mode="choice")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        card = screen.current
        options = choice_options(card)
        assert sorted(options) == sorted([card.card.answer, *card.card.distractors])
        assert options == choice_options(card)  # same shuffle every time
        wrong = next(i for i, o in enumerate(options, 1) if o != card.card.answer)
        await pilot.press(str(wrong))
        assert screen.query_one(f"#choice-{wrong}").has_class("wrong")
        right = options.index(card.card.answer) + 1
        assert screen.query_one(f"#choice-{right}").has_class("right")
        await pilot.press("enter")
        card2 = screen.current
        await pilot.click(f"#choice-{choice_options(card2).index(card2.card.answer) + 1}")
        assert "Correct" in text_of(screen, "#feedback")
        await pilot.press("space")
    rows = review_rows(db)
    assert [(r["rating"], r["verdict"], r["mode"]) for r in rows] == [
        (1, "wrong", "choice"),
        (3, "correct", "choice"),
    ]


@run_async
async def test_choice_mode_is_graded_by_the_answer_checker(tmp_path):
    """An option the checker accepts (here the answer in other letter case) is correct."""
    path = tmp_path / "c.db"
    fact = next(fact for fact in FACTS if fact[4] == "Marylebone")
    db = make_database(path, [(*fact[:6], ["MARYLEBONE", "Bath", "Richmond"], *fact[7:])])
    app = make_app(path, deck="people", mode="choice")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        options = choice_options(screen.current)
        chosen = options.index("MARYLEBONE") + 1
        await pilot.press(str(chosen))
        assert "Correct" in text_of(screen, "#feedback")
        assert screen.query_one(f"#choice-{chosen}").has_class("right")
        assert not screen.query_one(f"#choice-{chosen}").has_class("wrong")
        await pilot.press("enter")
    rows = review_rows(db)
    assert [(r["answer_given"], r["verdict"], r["rating"]) for r in rows] == [
        ("MARYLEBONE", "correct", 3)
    ]


@run_async
async def test_choice_without_distractors_falls_back_to_flip(tmp_path):
    path = tmp_path / "f.db"
    no_choices = [fact for fact in FACTS if not fact[6]]
    db = make_database(path, no_choices)
    app = make_app(path, mode="choice")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)  # the deck counts arrive from a worker thread
        await pilot.press("enter")  # All decks is the only... first row: places
        await pilot.pause()
        screen = study_screen(app)
        assert screen.card_mode == "flip"
        assert not screen.query_one("#choices").display
        await pilot.press("space", "4")
    (row,) = review_rows(db)
    assert (row["rating"], row["mode"]) == (4, "flip")


@run_async
async def test_flip_mode_reveal_rate_and_undo_restores_exactly(tmp_path):
    path = tmp_path / "u.db"
    db = make_database(path)
    app = make_app(path, deck="places", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        first = screen.current.card
        before = state_of(db, first.id)
        await pilot.press("1")  # rating before the answer is shown does nothing
        assert review_rows(db) == []
        await pilot.press("space")
        assert first.answer in text_of(screen, "#feedback")
        await pilot.press("3")
        assert len(review_rows(db)) == 1 and state_of(db, first.id) != before
        await pilot.press("u")
        assert screen.current.card.id == first.id
        assert state_of(db, first.id) == before
        assert review_rows(db) == []
        await pilot.press("space", "4")
    (row,) = review_rows(db)
    assert row["rating"] == 4 and state_of(db, first.id)["fsrs_state"] == State.Review


@run_async
async def test_suspend_keeps_card_out_of_this_and_later_sessions(tmp_path):
    path = tmp_path / "s.db"
    db = make_database(path)
    app = make_app(path, deck="history", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        suspended = screen.current.card.id
        await pilot.press("s")
        assert screen.current.card.id != suspended
        await pilot.press("space", "4")  # the last card: session over
        assert isinstance(app.screen, SummaryScreen)
    assert card_row(db, suspended)["suspended"] == 1
    app = make_app(path, deck="history", mode="flip")
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, SummaryScreen)  # nothing left to study


@run_async
async def test_daily_new_card_limit_holds_in_the_app(tmp_path):
    path = tmp_path / "n.db"
    db = make_database(path, copies=2)
    set_setting(db, "new_per_day", "3")
    app = make_app(path, mode="flip", deck="films")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.press("space", "4")
        assert isinstance(app.screen, SummaryScreen)
    app = make_app(path, mode="flip", deck="people")
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, SummaryScreen)
    assert len(review_rows(db)) == 3


@run_async
async def test_mode_switch_is_remembered(tmp_path):
    path = tmp_path / "m.db"
    db = make_database(path)
    app = make_app(path, deck="films")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        # the default follows memory: a new card with three options is asked as choice
        assert screen.mode == "auto" and screen.card_mode == "choice"
        await pilot.press("q")
    assert get_setting(db, "answer_mode") == "auto"
    app = make_app(path, deck="films", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert study_screen(app).mode == "auto"  # after flip, back to the first mode
        await pilot.press("m")
        assert study_screen(app).mode == "type" and study_screen(app).query_one(Input).display
    assert get_setting(db, "answer_mode") == "type"
    set_setting(db, "answer_mode", "choice")
    app = make_app(path, deck="films")
    async with app.run_test(size=SIZE) as pilot:
        assert study_screen(app).mode == "choice"
        await pilot.press("1", "enter", "m")
        assert study_screen(app).mode == "flip"
    assert get_setting(db, "answer_mode") == "flip"


@run_async
async def test_markup_in_card_text_is_shown_literally(tmp_path):
    path = tmp_path / "x.db"
    hostile = [
        (
            "[bold]x[/] Article",
            "tricky",
            "motto",
            "What does [bold]x[/] mean? [link=http://evil]y[/link]",
            "[red]z[/]",
            "text",
            ["[i]a[/i]", "b", "c"],
            "Infobox",
            "Motto: [blink]z[/blink]",
        )
    ]
    db = make_database(path, hostile)
    app = make_app(path, deck="tricky", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        assert "What does [bold]x[/] mean?" in text_of(screen, "#question")
        assert "[bold]x[/] Article" in text_of(screen, "#article")
        await pilot.press(*"[red]z[/]", "enter")
        assert "[red]z[/]" in text_of(screen, "#feedback")
        assert "[blink]z[/blink]" in text_of(screen, "#source")
        await pilot.press("m")  # the graded answer is kept; the next card comes as choice
        assert len(review_rows(db)) == 1
        assert study_screen(app).mode == "choice"
        assert "[i]a[/i]" in " ".join(
            text_of(study_screen(app), f"#choice-{n}") for n in range(1, 5)
        )
    assert review_rows(db)[0]["verdict"] == "correct"


@run_async
async def test_settings_screen_validates_and_saves(tmp_path):
    path = tmp_path / "cfg.db"
    db = make_database(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        field = app.screen.query_one("#setting-new_per_day", Input)
        field.value = "many"
        field.focus()
        await pilot.press("enter")
        assert "new_per_day" in text_of(app.screen, "#settings-status")
        field.value = "5"
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DecksScreen)
    assert get_setting(db, "new_per_day") == 5


@pytest.mark.parametrize("mode", ["type", "choice", "flip"])
@run_async
async def test_counts_drop_as_a_deck_is_studied(tmp_path, mode):
    path = tmp_path / "d.db"
    db = make_database(path)
    app = make_app(path, deck="places", mode=mode)
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        while isinstance(app.screen, StudyScreen):
            card = screen.current.card
            if screen.card_mode == "type":
                await pilot.press(*card.answer, "enter", "4", "enter")
            elif screen.card_mode == "choice":
                await pilot.press(str(choice_options(screen.current).index(card.answer) + 1))
                await pilot.press("r", "4", "enter")  # pick, then rate after the switch
            else:
                await pilot.press("space", "4")
    summaries = {s.label: s for s in deck_summaries(db, T0, app.settings, None)}
    assert (summaries["places"].new, summaries["places"].due) == (0, 0)
    assert [r["rating"] for r in review_rows(db)] == [4, 4]


@run_async
async def test_history_opens_from_the_deck_list_and_studies_the_hardest_cards(tmp_path):
    from tui.screens.history import HistoryScreen

    db = make_database(tmp_path / "t.db")
    clock = Clock()
    app = make_app(tmp_path / "t.db", clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        chosen = [row["id"] for row in db.query("SELECT id FROM cards ORDER BY rowid LIMIT 2")]
        app.screen.post_message(HistoryScreen.StudyCards(chosen))
        await settle(app, pilot)
        screen = study_screen(app)
        assert screen.card_ids == chosen
        assert screen.session.counts().due + (screen.current is not None) >= 2
        assert screen.current.card.id == chosen[0]


def test_a_session_on_chosen_cards_queues_exactly_those(tmp_path):
    from datetime import UTC

    from quizgen.study.scheduling import build_scheduler
    from quizgen.study.session import StudySession
    from quizgen.study.settings import load_settings

    db = make_database(tmp_path / "t.db")
    ids = [row["id"] for row in db.query("SELECT id FROM cards ORDER BY rowid")]
    chosen = [ids[3], ids[1], "no-such-card"]
    settings = load_settings(db)
    session = StudySession(
        db,
        deck=None,
        mode="flip",
        scheduler=build_scheduler(settings, enable_fuzzing=False),
        settings=settings,
        now=T0,
        tz=UTC,
        card_ids=chosen,
    )
    drawn = []
    while (card := session.next_card(T0)) is not None:
        drawn.append(card.card.id)
        # Easy: the card leaves today's queue, so the loop ends once both are done
        session.answer(
            card, 4, mode="flip", answer_given="", verdict=None, duration_ms=1000, now=T0
        )
        assert len(drawn) <= 2
    assert drawn == [ids[3], ids[1]]


async def flood(app, pilot, keys):
    """Keys as a fast typist sends them: all queued at once, none waiting for the screen."""
    from textual import events

    for key in keys:
        character = {"enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))
    for _ in range(len(keys) // 5 + 5):
        await pilot.pause()


@run_async
async def test_an_answer_is_recorded_when_its_verdict_shows_and_a_new_rating_updates_it(tmp_path):
    path = tmp_path / "v.db"
    db = make_database(path)
    app = make_app(path, deck="films", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        card = screen.current.card
        await pilot.press(*"nope", "enter")
        (row,) = review_rows(db)  # in the database before any other key: a kill loses nothing
        assert (row["card_id"], row["rating"], row["verdict"]) == (card.id, 1, "wrong")
        await pilot.press("3")
        (row,) = review_rows(db)  # the same review, changed
        assert row["rating"] == 3 and json.loads(row["state_after"]) == state_of(db, card.id)
        assert "Good — back in 10 min" in text_of(screen, "#feedback")
        assert "new → learning" in text_of(screen, "#article")
    (row,) = review_rows(db)
    assert row["rating"] == 3
    app = make_app(path, deck="people", mode="choice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        assert len(review_rows(db)) == 2  # choice mode too


@run_async
async def test_rating_keys_show_each_ones_next_interval(tmp_path):
    path = tmp_path / "i.db"
    make_database(path)
    app = make_app(path, deck="places", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        assert "new" in text_of(screen, "#article")
        await pilot.press("space")
        line = text_of(screen, "#feedback")
        assert "1 Again 1m" in line and "2 Hard 6m" in line and "3 Good 10m" in line
        assert "4 Easy 8d" in line
        assert "2 left" in text_of(screen, "#study-status")


@run_async
async def test_undo_takes_back_the_card_on_screen_then_the_ones_before(tmp_path):
    path = tmp_path / "u.db"
    db = make_database(path)
    app = make_app(path, deck="history", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        first = screen.current.card
        await pilot.press(*first.answer, "enter", "enter")
        second = screen.current.card
        await pilot.press(*"wrong", "enter")  # feedback of the second card on screen
        assert len(review_rows(db)) == 2
        await pilot.press("u")
        assert screen.current.card.id == second.id and not screen.answered
        assert [r["card_id"] for r in review_rows(db)] == [first.id]
        await pilot.press("ctrl+z")  # reachable while the box has the focus
        assert screen.current.card.id == first.id
        assert review_rows(db) == [] and card_row(db, first.id)["fsrs_state"] is None


@run_async
async def test_suspend_is_undone_by_u_and_listed_on_the_deck_list(tmp_path):
    path = tmp_path / "s.db"
    db = make_database(path)
    app = make_app(path, deck="history", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        card = screen.current.card
        await pilot.press("s")
        assert card_row(db, card.id)["suspended"] == 1
        await pilot.press("u")
        assert screen.current.card.id == card.id and card_row(db, card.id)["suspended"] == 0
        await pilot.press("s", "q")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        row = [str(c) for c in table.get_row(deck_key("history"))]
        assert row == ["history", "1", "0", "0", "1", "1"]  # suspended: a column of its own
        assert [str(column.label) for column in table.columns.values()][-1] == "Suspended"
        assert [str(c) for c in table.get_row("all")][-1] == "1"
        # every column fits the 80-column screen: nothing scrolls sideways
        assert table.virtual_size.width <= SIZE[0]


@run_async
async def test_a_fast_key_flood_loses_no_answer(tmp_path):
    path = tmp_path / "k.db"
    db = make_database(path, copies=4)
    set_setting(db, "new_per_day", "100")
    app = make_app(path, deck="films", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        await flood(app, pilot, ["x", "enter", "enter"] * 6)
        rows = review_rows(db)
        assert [r["answer_given"] for r in rows] == ["x"] * 6
        assert len({r["card_id"] for r in rows}) == 6


SIBLING_FACTS = [
    (
        "Animal Farm",
        "books",
        "infobox:author",
        "Who wrote Animal Farm?",
        "George Orwell",
        "name",
        [],
        "Infobox",
        "Author: George Orwell",
    ),
    (
        "Animal Farm",
        "books",
        "infobox:reverse:author",
        "Which 1945 book did George Orwell write?",
        "Animal Farm",
        "name",
        [],
        "Infobox",
        "Author: George Orwell",
    ),
    (
        "Battle of X",
        "books",
        "infobox:commander1",
        "Name one commander of the A side.",
        "Ann",
        "name",
        [],
        "Infobox",
        "Commander1: Ann, Bob (Aland)",
    ),
    (
        "Battle of X",
        "books",
        "infobox:combatant1",
        "Who fought on Ann's side?",
        "Aland",
        "name",
        [],
        "Infobox",
        "Combatant1: Aland",
    ),
]


@run_async
async def test_siblings_never_give_each_other_away(tmp_path):
    path = tmp_path / "b.db"
    make_database(path, SIBLING_FACTS[1:])
    app = make_app(path, deck="books", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        assert screen.current.card.fact_key == "infobox:reverse:author"
        assert "Animal Farm" not in text_of(screen, "#article")  # the title is the answer
        await pilot.press(*"animal farm", "enter", "4", "enter")
        assert screen.current.card.fact_key == "infobox:commander1"
        await pilot.press(*"ann", "enter")
        source = text_of(screen, "#source")
        assert "Commander1: Ann, Bob (…)" in source  # Aland is the side's other card
        await pilot.press("4", "enter")
        assert isinstance(app.screen, SummaryScreen)  # the combatant card is buried today


@run_async
async def test_an_empty_day_says_why_and_offers_more_new_cards(tmp_path):
    path = tmp_path / "e.db"
    db = make_database(path, copies=2)
    set_setting(db, "new_per_day", "1")
    app = make_app(path, deck="films", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "4")
        assert isinstance(app.screen, SummaryScreen)
        reason = text_of(app.screen, "#summary-reason")
        assert "Daily limit of 1 new card reached" in reason and "study 3 more" in reason
        await pilot.press("n")
        await pilot.pause()
        assert study_screen(app).current is not None
        await pilot.press("space", "4", "q")
    assert len(review_rows(db)) == 2


@run_async
async def test_choice_marks_with_signs_and_a_double_press_is_not_a_rating(tmp_path):
    path = tmp_path / "c.db"
    db = make_database(path)
    app = make_app(path, deck="places", mode="choice")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        assert "1–4 or click" in text_of(screen, "#hint")
        right = screen._options.index(screen.current.card.answer) + 1
        await pilot.press(str(right))
        assert "Enter = Good (suggested) · r then 1–4 to rate" in text_of(screen, "#hint")
        await pilot.press(str(right), "4")  # a quick double press, then another option key
        assert text_of(screen, f"#choice-{right}").startswith("✓")
        assert review_rows(db)[0]["rating"] == 3  # neither press rated Hard/Easy
        assert "press r first, then 1–4 to rate" in text_of(screen, "#hint")
        await pilot.press("r")  # the visible switch: the keys now rate
        assert "Rate now: 1 Again" in text_of(screen, "#hint")
        await pilot.press(str(right))
        assert review_rows(db)[0]["rating"] == right
        assert len(review_rows(db)) == 1  # the same review, re-rated
        assert "r then 1–4 to rate" in text_of(screen, "#hint")  # back to picking-safe keys
        rated = "Enter = Good (suggested)" if right == 3 else "Enter = next, rated "
        assert rated in text_of(screen, "#hint")


@run_async
async def test_escape_with_an_unchecked_answer_asks_first(tmp_path):
    path = tmp_path / "x.db"
    make_database(path)
    app = make_app(path, deck="films", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Fritz", "escape")
        assert isinstance(app.screen, StudyScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, SummaryScreen)


@run_async
async def test_suspended_cards_are_listed_and_unsuspended_from_the_deck_list(tmp_path):
    from tui.screens.suspended import SuspendedScreen

    path = tmp_path / "l.db"
    db = make_database(path)
    card = next(iter(db["cards"].rows_where("deck = 'places'")))["id"]
    db["cards"].update(card, {"suspended": 1})
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "down", "S")  # places
        await pilot.pause()
        assert isinstance(app.screen, SuspendedScreen)
        assert "1 suspended card in places" in text_of(app.screen, "#suspended-status")
        await pilot.press("enter")
        assert card_row(db, card)["suspended"] == 0
        assert "0 suspended cards" in text_of(app.screen, "#suspended-status")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DecksScreen)


@run_async
async def test_settings_screen_focuses_the_first_field_names_fields_and_asks_before_dropping(
    tmp_path,
):
    from tui.screens.settings import SettingsScreen

    path = tmp_path / "cfg.db"
    db = make_database(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert app.focused.id == "setting-new_per_day"
        await pilot.press("backspace", "backspace", *"x")
        await pilot.press("enter")
        assert "New cards a day (new_per_day)" in text_of(app.screen, "#settings-status")
        await pilot.press("escape")
        assert isinstance(app.screen, SettingsScreen)
        assert "Unsaved changes" in text_of(app.screen, "#settings-status")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DecksScreen)
    assert get_setting(db, "new_per_day") == 20


@run_async
async def test_h_opens_the_history_of_the_highlighted_deck(tmp_path):
    from tui.screens.history import HistoryScreen

    path = tmp_path / "h.db"
    make_database(path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "down", "down", "h")  # All decks
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.deck is None
        while app.screen.report is None:
            await settle(app, pilot)
        await pilot.pause()
        table = app.screen.query_one("#decks", DataTable)
        assert table.row_count == 4 and table.region.height == 5  # every row shown, not cut
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("up", "up", "up", "h")  # history
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.deck == "history"


@run_async
async def test_type_mode_keys_that_cannot_be_typed_reach_help_and_mode(tmp_path):
    from tui.screens.help import HelpScreen

    path = tmp_path / "f.db"
    make_database(path)
    app = make_app(path, deck="films", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Fri", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        screen = study_screen(app)
        assert screen.query_one(Input).value == "Fri"  # nothing typed was lost
        await pilot.press("f2")
        assert screen.mode == "choice"


@run_async
async def test_choice_options_are_reshuffled_when_a_card_comes_back(tmp_path):
    path = tmp_path / "r.db"
    make_database(path)
    app = make_app(path, deck="people", mode="choice")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        card = screen.current
        first = list(screen._options)
        assert first == choice_options(card)  # the card's one order the first time
        await pilot.press("u")  # nothing to undo yet
        wrong = next(i for i, o in enumerate(first, 1) if o != card.card.answer)
        await pilot.press(str(wrong), "enter")  # Again: back within the session
        orders = [first]
        for _ in range(3):
            while screen.current.card.id != card.card.id:
                other = screen.current
                await pilot.press(
                    str(screen._options.index(other.card.answer) + 1), "r", "4", "enter"
                )
            orders.append(list(screen._options))
            await pilot.press(str(wrong if orders[-1] == first else 1), "r", "1", "enter")
        assert any(order != first for order in orders[1:])
        assert all(sorted(order) == sorted(first) for order in orders)


@run_async
async def test_the_deck_list_says_when_a_daily_limit_holds_cards_back(tmp_path):
    path = tmp_path / "n.db"
    db = make_database(path)
    set_setting(db, "new_per_day", "1")
    app = make_app(path, deck="films", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "4", "enter")  # the summary, then the deck list
        await settle(app, pilot)
        assert isinstance(app.screen, DecksScreen)
        assert "Daily limit of 1 new card reached" in text_of(app.screen, "#decks-status")


@run_async
async def test_quitting_right_after_the_verdict_keeps_the_answer(tmp_path):
    path = tmp_path / "q.db"
    db = make_database(path)
    for mode, keys in (("type", [*"Fritz Lang", "enter"]), ("choice", ["1"])):
        app = make_app(path, deck="films", mode=mode)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*keys, "ctrl+q")
    rows = review_rows(db)
    assert [(r["mode"], r["verdict"]) for r in rows][0] == ("type", "correct")
    assert len(rows) == 2


@run_async
async def test_auto_mode_asks_a_new_card_as_choice_and_a_stable_one_typed(tmp_path):
    path = tmp_path / "auto.db"
    db = make_database(path)
    stable = next(db["cards"].rows_where("answer = 'Fritz Lang'"))["id"]
    db["cards"].update(
        stable,
        {
            "fsrs_state": int(State.Review),
            "stability": 30.0,
            "difficulty": 5.0,
            "due": (T0 - timedelta(days=1)).isoformat(),
            "last_review": (T0 - timedelta(days=31)).isoformat(),
            "reps": 4,
        },
    )
    app = make_app(path, deck="films")  # no mode given: the default, auto
    asked = {}
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        while isinstance(app.screen, StudyScreen) and screen.current.card.id not in asked:
            card = screen.current.card
            asked[card.id] = screen.card_mode
            info = text_of(screen, "#article")
            if card.id == stable:
                assert screen.query_one(Input).display and not screen.query_one("#choices").display
                assert "type: stability 30 d ≥ 7 d" in info
                assert "auto: type" in text_of(screen, "#study-status")
                await pilot.press(*card.answer, "enter", "enter")
            else:
                assert screen.query_one("#choices").display and not screen.query_one(Input).display
                assert "choice: new card" in info
                await pilot.press(str(screen._options.index(card.answer) + 1), "enter")
    assert len(asked) == 2 and asked[stable] == "type"
    assert {mode for card_id, mode in asked.items() if card_id != stable} == {"choice"}
    modes = {row["card_id"]: row["mode"] for row in review_rows(db)}
    assert modes == asked  # each review records the mode the card was asked in


@run_async
async def test_a_confusion_made_again_is_named_and_the_history_lists_it(tmp_path):
    from tui.screens.history import HistoryScreen

    path = tmp_path / "conf.db"
    db = make_database(path)
    clock = Clock()
    app = make_app(path, clock, deck="history", mode="choice")
    notes = []
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        while isinstance(app.screen, StudyScreen) and len(notes) < 2:
            card = screen.current.card
            if card.question.startswith("When was William crowned"):
                # the battle's date, picked for the coronation: the same mix-up twice
                await pilot.press(str(screen._options.index("14 October 1066") + 1))
                notes.append(text_of(screen, "#feedback"))
            else:
                await pilot.press(str(screen._options.index(card.answer) + 1), "r", "4")
            await pilot.press("enter")
            clock.moment += timedelta(minutes=12)
        assert "You chose" not in notes[0]  # once is not yet a pattern
        assert (
            "You chose 14 October 1066 once before: 14 October 1066 is the answer to "
            "“When was the Battle of Hastings fought?” (Battle of Hastings)"
        ) in notes[1]
        await pilot.press("q", "enter")  # the summary, then the deck list
        await settle(app, pilot)
        await pilot.press("down", "h")  # films, then history
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.deck == "history"
        while app.screen.report is None:
            await settle(app, pilot)
        await pilot.pause()
        table = app.screen.query_one("#confusions", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == [
            "25 December 1066",
            "14 October 1066",
            "2",
            "1",
        ]
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= SIZE[0] - 2  # every column on the 80-column screen
    assert [r["confused_with"] for r in review_rows(db) if r["verdict"] == "wrong"] == [
        "14 October 1066"
    ] * 2


@run_async
async def test_a_typed_answer_naming_an_option_is_remembered_as_that_confusion(tmp_path):
    path = tmp_path / "typed.db"
    db = make_database(path)
    clock = Clock()
    app = make_app(path, clock, deck="people", mode="type")
    notes = []
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        while isinstance(app.screen, StudyScreen) and len(notes) < 2:
            card = screen.current.card
            typed = "bath" if card.answer == "Marylebone" else card.answer
            await pilot.press(*typed, "enter")
            if card.answer == "Marylebone":
                notes.append(text_of(screen, "#feedback"))
            await pilot.press("enter")
            clock.moment += timedelta(minutes=12)
        assert "You chose" not in notes[0]
        assert "You chose Bath once before for this card" in notes[1]
    wrong = [r for r in review_rows(db) if r["verdict"] == "wrong"]
    assert [(r["answer_given"], r["confused_with"]) for r in wrong] == [("bath", "Bath")] * 2
