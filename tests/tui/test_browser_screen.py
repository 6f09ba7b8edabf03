"""The card browser in the app, keypress by keypress at 80×24: search, filters, a card's
info and history, the editor (from the browser and from study), suspend and flag."""

from __future__ import annotations

import io
from datetime import UTC, timedelta

from rich.console import Console
from support.study import T0, make_database
from support.tui import run_async
from textual.widgets import DataTable, Input, Static

from quizgen.browse.info import card_info
from quizgen.store import queue as queue_store
from tui.app import QuizApp
from tui.screens.browser import BrowserScreen
from tui.screens.card_editor import CardEditor
from tui.screens.card_info import CardInfoScreen, FlagPicker
from tui.screens.decks import DecksScreen
from tui.screens.study import StudyScreen

SIZE = (80, 24)


class Clock:
    def __init__(self, moment=T0):
        self.moment = moment

    def __call__(self):
        return self.moment


def make_app(db_path, clock=None, **kwargs):
    return QuizApp(db_path, now=clock or Clock(), tz=UTC, enable_fuzzing=False, **kwargs)


def text_of(screen, selector) -> str:
    """What a Static shows, as plain text (a Rich table printed at the screen's width)."""
    content = screen.query_one(selector, Static).content
    console = Console(width=SIZE[0], file=io.StringIO(), record=True)
    console.print(content)
    return " ".join(console.export_text().split())


def listed(screen) -> list[str]:
    """The questions the browser lists, top to bottom."""
    table = screen.query_one("#browser-cards", DataTable)
    return [str(table.get_row_at(row)[3]) for row in range(table.row_count)]


async def open_browser(app, pilot, *keys):
    """From the deck list, `keys` (to pick a deck) then `b`."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, DecksScreen)
    await pilot.press(*keys, "b")
    await pilot.pause()
    assert isinstance(app.screen, BrowserScreen)
    return app.screen


@run_async
async def test_b_opens_the_browser_and_search_filters_as_you_type(tmp_path):
    make_database(tmp_path / "b.db")
    app = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot, *["down"] * 4)  # "All decks"
        assert len(listed(screen)) == 8
        assert "All decks · any stage · by deck · 8 cards" in text_of(screen, "#browser-status")
        await pilot.press(*"lovelace")
        await pilot.pause()
        assert listed(screen) == ["When was Ada Lovelace born?", "Where did Ada Lovelace die?"]
        await pilot.press(*" marylebone")  # the answer and the source sentence count too
        await pilot.pause()
        assert listed(screen) == ["Where did Ada Lovelace die?"]
        await pilot.press("ctrl+u", *"westminster")  # only in a source sentence
        await pilot.pause()
        assert listed(screen) == ["When was William crowned king of England?"]
        await pilot.press("ctrl+u", "down", "d")  # to the table; next deck: films
        await pilot.pause()
        assert screen.deck == "films"
        assert listed(screen) == [
            "Who directed Metropolis (1927)?",
            "How long is Metropolis (1927) in minutes?",
        ]
        await pilot.press("t")  # stage: new
        await pilot.pause()
        assert "films · new" in text_of(screen, "#browser-status")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DecksScreen)


@run_async
async def test_browser_opens_on_the_highlighted_deck(tmp_path):
    make_database(tmp_path / "b.db")
    app = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot, "down", "down")  # films, history, people
        assert screen.deck == "people"
        assert listed(screen) == ["When was Ada Lovelace born?", "Where did Ada Lovelace die?"]


@run_async
async def test_info_shows_the_card_its_source_and_its_history(tmp_path):
    db = make_database(tmp_path / "b.db")
    app = make_app(tmp_path / "b.db", deck="places", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        study = app.screen
        assert isinstance(study, StudyScreen)
        card = study.current.card
        await pilot.press(*"1,000", "enter")  # wrong, recorded at once
        await pilot.press("escape")
        await pilot.pause()
        app.show_decks()
        screen = await open_browser(app, pilot, *["down"] * 3)  # places
        await pilot.press("down")
        table = screen.query_one("#browser-cards", DataTable)
        table.move_cursor(row=table.get_row_index(card.id))
        await pilot.press("enter")
        await pilot.pause()
        info = app.screen
        assert isinstance(info, CardInfoScreen)
        shown = text_of(info, "#card-info-text")
        for expected in (card.question, card.answer, card.source.text, "Infobox", "learning"):
            assert expected in shown, expected
        history = info.query_one("#card-history", DataTable)
        assert history.row_count == 1
        assert [str(cell) for cell in history.get_row_at(0)[1:4]] == ["Again", "type", "wrong"]
        assert str(history.get_row_at(0)[5]) == "1,000"
    assert card_info(db, card.id).history[0].answer_given == "1,000"


@run_async
async def test_edit_from_the_browser_is_checked_and_kept(tmp_path):
    db = make_database(tmp_path / "b.db")
    app = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot, "down", "down")  # people
        await pilot.press("down", "e")  # to the table: Ada Lovelace's birth
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CardEditor)
        card_id = editor.card_id
        option = editor.query_one("#edit-option-1", Input)
        option.value = "10 Dec 1815"  # the answer itself: refused
        await pilot.pause()
        assert "Refused: option '10 Dec 1815' would be graded right" in text_of(
            editor, "#editor-verdict"
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor  # not saved
        option.value = "27 November 1852"
        editor.query_one(
            "#edit-question", Input
        ).value = "In which year and on what day was Ada Lovelace born?"
        await pilot.pause()
        assert "accepts this card" in text_of(editor, "#editor-verdict")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert listed(screen)[0] == "In which year and on what day was Ada Lovelace born?"
        assert "✎" in str(screen.query_one(DataTable).get_row_at(0)[0])
    assert queue_store.card_to_show(db, card_id)["question"].startswith("In which year")


@run_async
async def test_escape_in_the_editor_asks_before_dropping_changes(tmp_path):
    db = make_database(tmp_path / "b.db")
    app = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot)
        await pilot.press("down", "e")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#edit-question", Input).value = "Changed?"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    assert not card_info(db, editor.card_id).edited


@run_async
async def test_flag_from_the_browser_takes_the_card_out_of_study(tmp_path):
    db = make_database(tmp_path / "b.db")
    app = make_app(tmp_path / "b.db")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot, "down")  # history
        await pilot.press("down", "f")
        await pilot.pause()
        assert isinstance(app.screen, FlagPicker)
        await pilot.press("4")  # bad options
        await pilot.pause()
        card_id = screen.selected_id()
        assert str(screen.query_one(DataTable).get_row_at(0)[0]).startswith("flagged")
        assert card_id not in queue_store.new_card_ids(db, None, 100)
        assert card_info(db, card_id).flag[0] == "bad-options"
        await pilot.press("down", "s")  # suspend the other one
        await pilot.pause()
        other = screen.selected_id()
        assert other != card_id
        await pilot.press("t")  # new: neither is offered
        await pilot.pause()
        assert listed(screen) == []
        await pilot.press("t", "t", "t")  # learning, review, suspended
        await pilot.pause()
        assert [k for k in screen.shown] == [other]
        await pilot.press("t")  # flagged
        await pilot.pause()
        assert [k for k in screen.shown] == [card_id]
        await pilot.press("f")  # unflag
        await pilot.pause()
        assert card_id in queue_store.new_card_ids(db, None, 100)


@run_async
async def test_e_during_study_edits_the_card_shown(tmp_path):
    db = make_database(tmp_path / "b.db")
    app = make_app(tmp_path / "b.db", deck="films", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        study = app.screen
        assert isinstance(study, StudyScreen)
        card = study.current.card
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CardEditor) and editor.card_id == card.id
        editor.query_one("#edit-question", Input).value = "Which director made Metropolis?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is study
        assert study.current.card.id == card.id
        assert "Which director made Metropolis?" in text_of(study, "#question")
        await pilot.press("space", "3")  # studied as edited
    rows = list(db["reviews"].rows_where())
    assert [row["card_id"] for row in rows] == [card.id]


@run_async
async def test_f3_opens_the_editor_while_typing_an_answer(tmp_path):
    make_database(tmp_path / "b.db")
    app = make_app(tmp_path / "b.db", deck="places", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        study = app.screen
        await pilot.press(*"lyo", "f3")
        await pilot.pause()
        assert isinstance(app.screen, CardEditor)
        assert app.screen.card_id == study.current.card.id
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is study
        assert study.query_one("#answer", Input).value == "lyo"  # nothing typed is lost


@run_async
async def test_an_edit_the_article_changed_under_is_marked_in_the_browser(tmp_path):
    import shutil

    from support.paths import SEEDS

    from quizgen.browse.editing import ProposedEdit, save_edit
    from quizgen.browse.search import search_cards
    from quizgen.build.pipeline import build_corpus
    from quizgen.store import open_database

    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    db = open_database(tmp_path / "m.db")
    build_corpus(db, [folder], now=T0, definitions=[])
    wardrop = search_cards(db, "wardrop telegraph").cards[0]
    info = card_info(db, wardrop.card_id)
    mine = "When did Wardrop cable London?"
    save_edit(
        db, info.generated, ProposedEdit(mine, info.card.answer, (), info.card.distractors), T0
    )
    article = next(folder.glob("004_*.txt"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("On November 16, 1919, Oliver", "On December 18, 1919, Oliver"))
    build_corpus(db, [folder], now=T0 + timedelta(days=1), definitions=[])
    app = make_app(tmp_path / "m.db")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(app, pilot, *["down"] * 2)  # All decks
        await pilot.press(*"cable london")
        await pilot.pause()
        assert listed(screen) == [mine]
        assert str(screen.query_one(DataTable).get_row_at(0)[0]) == "new ✎!"
        await pilot.press("down", "enter")
        await pilot.pause()
        shown = text_of(app.screen, "#card-info-text")
        assert "the article now says 'December 1919'" in shown
        assert "Answer November 1919" in shown
        await pilot.press("e")
        await pilot.pause()
        assert "The article now says 'December 1919'" in text_of(app.screen, "#editor-source")
        await pilot.press("ctrl+s")  # keep mine: the mark goes
        await pilot.pause()
        assert "now says" not in text_of(app.screen, "#card-info-text")
    assert card_info(db, wardrop.card_id).card.question == mine
