"""Deck names with NUL, escapes or bidi overrides: refused in deck files, and shown as
plain text by the deck list (a name already in a database must not crash it)."""

from __future__ import annotations

import asyncio
from datetime import UTC

from support.articles import synthetic_corpus, write_corpus
from support.processes import quiz
from support.study import FACTS, T0, insert_facts, make_database
from textual.widgets import DataTable

from tui.app import QuizApp
from tui.screens.decks import DecksScreen
from tui.screens.study import StudyScreen

HOSTILE = ("\x00all", "red\x1b[31m deck\x1b]8;;https://evil.example\x07", "abc\u202edcba")


def test_a_deck_file_whose_name_has_control_characters_is_refused(tmp_path):
    write_corpus(tmp_path / "seeds", synthetic_corpus(1, seed=17))
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "a.yaml").write_text('name: "bad\\0name\\e[31m"\narticles: ["*"]\n')
    result = quiz("build", "--jobs", "1", "--db", str(tmp_path / "q.db"), "--decks", str(decks),
                  str(tmp_path / "seeds"))  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert "without control characters" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr and "\x00" not in result.stdout


def test_the_deck_list_shows_hostile_names_as_plain_text(tmp_path):
    asyncio.run(_deck_list(tmp_path))


async def _deck_list(tmp_path):
    path = tmp_path / "t.db"
    db = make_database(path)
    fact = FACTS[0]
    for index, name in enumerate(HOSTILE):
        insert_facts(db, [(f"Article {index}", name, *fact[2:])])
    db.conn.close()
    app = QuizApp(path, now=lambda: T0, tz=UTC, enable_fuzzing=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DecksScreen)
        table = app.screen.query_one(DataTable)
        labels = [str(table.get_row_at(row)[0]) for row in range(table.row_count)]
        assert "\\x00all" in labels and "abc\\u202edcba" in labels
        assert not any("\x1b" in label or "\u202e" in label for label in labels)
        assert labels[-1] == "All decks"
        await pilot.press("enter")  # the first deck, whatever its name
        await pilot.pause()
        assert isinstance(app.screen, StudyScreen)
        assert app.screen.deck in HOSTILE
