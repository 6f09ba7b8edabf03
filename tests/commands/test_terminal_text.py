"""Seed text reaches the terminal as plain text: no Rich markup obeyed, no OSC 8 link,
no escape sequence, no right-to-left override (U+202E) raw.

`quiz history` and `quiz build` run as real processes with Rich forced to write as it
would to a colour terminal; the History screen and the deck list run under Pilot.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest
from support.articles import SyntheticArticle, render_b
from support.history import add_cards, add_review, add_session, new_database
from support.processes import ENV, quiz
from textual.app import App
from textual.widgets import DataTable

from quizgen.core.terminal_text import printable
from quizgen.history.report import StudyClock
from tui.screens.history import HistoryScreen

NOW = datetime(2024, 6, 12, 12, tzinfo=UTC)
HOSTILE_DECKS = (
    "[link=https://evil.example]click me[/link]",
    "[bold red]Loud[/] [/unbalanced",
    "abc\u202edcba.exe",
    "bell\x07 \x1b]8;;https://evil.example\x1b\\osc\x1b]8;;\x1b\\ \x1b[2J",
)
TERMINAL = {**ENV, "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "200"}


def assert_plain(output: str) -> None:
    assert "\x1b]8;" not in output  # no hyperlink
    assert "\u202e" not in output and "\x07" not in output and "\x1b[2J" not in output


def test_printable_shows_controls_and_bidi_overrides():
    assert printable("a\u202eb\u2066c\x1b[31md\udcff") == "a\\u202eb\\u2066c\\x1b[31md\\udcff"
    assert printable("Zürich — 東京") == "Zürich — 東京"


@pytest.fixture
def hostile_history(tmp_path):
    db_path = tmp_path / "hostile.db"
    db = new_database(db_path)
    for deck in HOSTILE_DECKS:
        cards = add_cards(db, deck, 2)
        session = add_session(db, deck, NOW - timedelta(days=1))
        for card in cards:
            for days in (3, 2, 1):  # three reviews: a "hardest" card
                add_review(db, card, NOW - timedelta(days=days), 1, session_id=session)
    db.execute(
        "UPDATE cards SET question = ? WHERE id = ?",
        ["Who wrote [link=https://evil.example]this[/link]? \u202e", f"{HOSTILE_DECKS[0]}-000000"],
    )
    db.conn.close()
    return db_path


def test_quiz_history_prints_hostile_titles_as_plain_text(hostile_history):
    result = quiz("history", "--db", str(hostile_history), env=TERMINAL)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert_plain(result.stdout)
    assert "[link=https://evil.example]click me[/link]" in result.stdout
    assert "[/unbalanced" in result.stdout
    assert "abc\\u202edcba.exe" in result.stdout
    assert "[link=https://evil.example]this[/link]?" in result.stdout


def test_quiz_build_prints_hostile_titles_as_plain_text(tmp_path):
    article = SyntheticArticle(
        title="Fort \u202eyaw [link=https://evil.example]here[/link]",
        infobox=(("Born", "3 May 1850, Lyon"), ("Occupation", "chemist")),
        lead=("Fort was a chemist from Lyon.",),
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "fort.txt").write_text(render_b(article), encoding="utf-8")
    result = quiz("build", "--jobs", "1", "--db", str(tmp_path / "q.db"), str(seeds), env=TERMINAL)
    assert result.returncode == 0, result.stderr
    assert_plain(result.stdout + result.stderr)


class HostApp(App):
    def __init__(self, db_path) -> None:
        super().__init__()
        self.db_path = db_path

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.db_path, now=lambda: NOW, clock=StudyClock(4, UTC)))


def test_the_history_screen_shows_hostile_titles_as_plain_text(hostile_history):
    asyncio.run(_history_screen(hostile_history))


async def _history_screen(db_path):
    app = HostApp(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = app.screen
        deadline = time.perf_counter() + 20
        while getattr(screen, "report", None) is None:
            assert time.perf_counter() < deadline, "report never arrived"
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.pause()
        decks = screen.query_one("#decks", DataTable)
        cells = [str(decks.get_row_at(row)[0]) for row in range(decks.row_count)]
        assert "[link=https://evil.example]click me[/link]" in cells
        assert "abc\\u202edcba.exe" in cells
        hardest = screen.query_one("#hardest", DataTable)
        questions = [str(hardest.get_row_at(row)[0]) for row in range(hardest.row_count)]
        hostile_question = "[link=https://evil.example]this[/link]? \\u202e"
        assert any(hostile_question in question for question in questions), questions


def test_the_build_progress_bar_shows_hostile_file_names_as_plain_text(tmp_path):
    """On a terminal the build shows each file's name in its progress bar (Rich markup).

    Standard output goes to a file, not a pipe read only at the end: the bar refreshes
    there too, and on a busy machine (a slower build, more refreshes) it filled the
    pipe's 64 KiB and the build blocked forever while this loop waited on the terminal."""
    import os
    import pty
    import select
    import subprocess

    from support.articles import synthetic_corpus
    from support.processes import QUIZ

    seeds = tmp_path / "seeds"
    corpus = synthetic_corpus(400, seed=31)
    seeds.mkdir()
    names = ["[link=mailto:x@evil.example]a", "[reverse]x", "\u202eabc", "[bold"]
    for index, article in enumerate(corpus):  # every file hostile: whichever the bar shows
        name = f"{index:03d}{names[index % len(names)]}.txt"
        (seeds / name).write_text(render_b(article), encoding="utf-8")
    leader, follower = pty.openpty()
    stdout = (tmp_path / "stdout").open("w+b")
    process = subprocess.Popen(
        [*QUIZ, "build", "--jobs", "1", "--db", str(tmp_path / "q.db"), str(seeds)],
        stdin=subprocess.DEVNULL, stdout=stdout, stderr=follower,
        env={**TERMINAL, "TERM": "xterm-256color"},
    )  # fmt: skip
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    process.communicate(timeout=300)
    os.close(leader)
    stdout.seek(0)
    out = stdout.read()
    stdout.close()
    terminal = seen.decode("utf-8", "replace")
    assert process.returncode == 0, terminal[-2000:]
    assert "Traceback" not in terminal and "MarkupError" not in terminal
    assert_plain(terminal + out.decode())
