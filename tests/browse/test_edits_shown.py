"""A learner's edit is the text shown wherever a card is listed: `quiz suspended` and the
Suspended screen, `quiz history` (table and JSON "hardest") and the History screen; on the
bundled seed articles, one card edited, suspended and failed."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from datetime import UTC, datetime, timedelta

import pytest
from support.history import add_review
from support.paths import SEEDS
from textual.app import App
from textual.widgets import DataTable

from quizgen.browse.editing import ProposedEdit, save_edit
from quizgen.browse.info import card_info
from quizgen.browse.search import search_cards
from quizgen.build.pipeline import build_corpus
from quizgen.cli import main
from quizgen.history.report import StudyClock
from quizgen.store import open_database
from tui.screens.history import HistoryScreen
from tui.screens.suspended import SuspendedScreen

NOW = datetime.now(UTC).replace(microsecond=0)
GENERATED = "What was the result of the Zangezur Expedition?"
MINE = "How did the Zangezur Expedition of 1919 end?"
MY_ANSWER = "No change"


@pytest.fixture
def edited(tmp_path):
    """(database path, card id): the seeds built, one card edited by the learner, failed
    three times and then suspended."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    path = tmp_path / "edited.db"
    db = open_database(path)
    build_corpus(db, [folder], now=NOW - timedelta(days=5), definitions=[])
    found = search_cards(db, "Zangezur Expedition").cards
    [listing] = [card for card in found if card.question == GENERATED]
    info = card_info(db, listing.card_id)
    proposed = ProposedEdit(MINE, MY_ANSWER, (), info.card.distractors)
    save_edit(db, info.generated, proposed, NOW - timedelta(days=4))
    for days in (3, 2, 1):
        add_review(db, listing.card_id, NOW - timedelta(days=days), 1)
    db.execute("UPDATE cards SET suspended = 1, lapses = 2 WHERE id = ?", [listing.card_id])
    db.conn.commit()
    db.conn.close()
    return path, listing.card_id


def test_quiz_suspended_lists_the_learners_question(edited, capsys):
    path, card_id = edited
    assert 0 == main(["suspended", "--db", str(path)])
    [line] = [line for line in capsys.readouterr().out.splitlines() if line.startswith(card_id)]
    assert line.endswith(MINE) and GENERATED not in line


def test_quiz_history_lists_the_learners_question_among_the_hardest(edited, capsys):
    path, card_id = edited
    assert 0 == main(["history", "--db", str(path), "--json"])
    report = json.loads(capsys.readouterr().out)
    [hardest] = [card for card in report["hardest"] if card["card_id"] == card_id]
    assert (hardest["question"], hardest["answer"]) == (MINE, MY_ANSWER)
    assert 0 == main(["history", "--db", str(path)])
    out = " ".join(capsys.readouterr().out.split())
    assert "How did the Zangezur" in out and GENERATED not in out


class HostApp(App):
    """A bare app over the database, opening one screen."""

    def __init__(self, path, screen_factory) -> None:
        super().__init__()
        self.db = open_database(path)
        self.screen_factory = screen_factory

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory())


def test_the_suspended_screen_lists_the_learners_question(edited):
    path, card_id = edited

    async def run() -> None:
        app = HostApp(path, lambda: SuspendedScreen(None))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            assert str(table.get_row(card_id)[1]) == MINE

    asyncio.run(run())


def test_the_history_screen_lists_the_learners_question_among_the_hardest(edited):
    path, card_id = edited
    clock = StudyClock(4, UTC)

    async def run() -> None:
        app = HostApp(path, lambda: HistoryScreen(path, now=lambda: NOW, clock=clock))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            deadline = time.perf_counter() + 20
            while screen.report is None:  # read by a worker, arrives as a message
                assert time.perf_counter() < deadline, "report never arrived"
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.pause()
            hardest = screen.query_one("#hardest", DataTable)
            assert str(hardest.get_row(card_id)[0]) == MINE

    asyncio.run(run())
