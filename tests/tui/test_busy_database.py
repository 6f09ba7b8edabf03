"""The study app while another process holds the write lock (a build writing, a second
quiz): an answer is kept pending, retried and written once the lock frees; never lost.

The other process is a real second SQLite connection holding `BEGIN IMMEDIATE`; the
app's writes wait only a few milliseconds for it (`write_wait_ms`), as they would wait a
quarter of a second for a build's short paced writes.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC

from support.study import T0, make_database, review_rows
from support.tui import run_async
from textual.widgets import Static

from tui.app import QuizApp
from tui.screens.study import StudyScreen
from tui.screens.summary import SummaryScreen

SIZE = (80, 24)


def study_screen(app) -> StudyScreen:
    assert isinstance(app.screen, StudyScreen), type(app.screen)
    return app.screen


def text_of(screen, selector) -> str:
    return str(screen.query_one(selector, Static).content)


class WriteLock:
    """Another process's write transaction on the same database file."""

    def __init__(self, path) -> None:
        self.connection = sqlite3.connect(str(path), isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.connection.execute("ROLLBACK")
        self.connection.close()


def reviews_seen_by_another_process(path) -> int:
    connection = sqlite3.connect(str(path))
    try:
        return connection.execute("SELECT COUNT(*) FROM reviews").fetchone()[0]
    finally:
        connection.close()


def make_app(path, **kwargs):
    return QuizApp(path, now=lambda: T0, tz=UTC, enable_fuzzing=False, write_wait_ms=5, **kwargs)


async def until(pilot, condition, tries: int = 100) -> bool:
    """Let the app's retry timer run until `condition()` holds (or give up)."""
    for _ in range(tries):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


@run_async
async def test_an_answer_given_while_a_build_holds_the_lock_is_written_when_it_frees(tmp_path):
    path = tmp_path / "busy.db"
    db = make_database(path)
    lock = WriteLock(path)  # held before the app opens: even the session row must wait
    app = make_app(path, deck="films", mode="type")
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = study_screen(app)
            card = screen.current.card
            await pilot.press(*card.answer, "enter")
            assert "Correct" in text_of(screen, "#feedback")  # the verdict, at once
            assert "waiting for the build" in text_of(screen, "#study-status")
            assert reviews_seen_by_another_process(path) == 0
            await pilot.press("3")  # a new rating while pending: the pending answer takes it
            await pilot.press("enter")  # moving on waits for the answer to be saved
            assert screen.current.card.id == card.id
            assert "waiting for the build" in text_of(screen, "#study-status")
            lock.release()
            assert await until(pilot, lambda: reviews_seen_by_another_process(path) == 1)
            assert "waiting for the build" not in text_of(screen, "#study-status")
            assert not screen.result.pending
            await pilot.press("enter")
            assert screen.current.card.id != card.id
            await pilot.press("escape")
            assert isinstance(app.screen, SummaryScreen)
            assert app.screen.summary.reviewed == 1
    finally:
        try:
            lock.release()
        except sqlite3.ProgrammingError:
            pass  # released already
    (row,) = review_rows(db)
    assert (row["card_id"], row["answer_given"], row["verdict"], row["rating"]) == (
        card.id,
        card.answer,
        "correct",
        3,
    )
    assert row["session_id"] is not None
    assert db["cards"].get(card.id)["fsrs_state"] is not None


@run_async
async def test_quitting_with_a_pending_answer_says_so_and_retries_instead_of_dropping_it(tmp_path):
    path = tmp_path / "quit.db"
    db = make_database(path)
    app = make_app(path, deck="people", mode="choice")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        card = screen.current
        lock = WriteLock(path)
        await pilot.press(str(screen._options.index(card.card.answer) + 1))
        assert screen.result.pending
        await pilot.press("q")  # still busy: the learner is told, nothing ends
        assert app.screen is screen
        assert any("not saved yet" in str(n.message) for n in app._notifications)
        lock.release()
        await pilot.press("q")  # tried once more: written, then the summary
        assert isinstance(app.screen, SummaryScreen)
    (row,) = review_rows(db)
    assert (row["card_id"], row["verdict"], row["mode"]) == (card.card.id, "correct", "choice")


@run_async
async def test_a_second_quit_while_still_busy_says_the_answer_was_not_saved(tmp_path, monkeypatch):
    monkeypatch.setattr(StudyScreen, "LAST_WAIT_MS", 20)
    path = tmp_path / "drop.db"
    db = make_database(path)
    app = make_app(path, deck="films", mode="type")
    lock = None
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = study_screen(app)
            lock = WriteLock(path)
            await pilot.press(*"Fritz Lang", "enter")
            assert screen.result.pending
            await pilot.press("escape")
            assert app.screen is screen  # told first, not ended
            await pilot.press("escape")  # asked twice: it ends, and says what was lost
            assert isinstance(app.screen, SummaryScreen)
            messages = [str(n.message) for n in app._notifications]
            assert "1 answer was not saved: the database stayed busy" in messages
        assert app.unsaved_answers == 1  # `quiz study` prints it once the terminal is back
    finally:
        if lock is not None:
            lock.release()
    assert review_rows(db) == []


@run_async
async def test_the_app_ending_on_a_signal_gives_a_pending_answer_a_last_try(tmp_path):
    path = tmp_path / "signal.db"
    db = make_database(path)
    app = make_app(path, deck="films", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        lock = WriteLock(path)
        await pilot.press(*"Metropolis", "enter")
        assert screen.result.pending
        lock.release()
        app.exit(None, 143)  # what SIGTERM does (tui.app): no key, no retry tick first
        await pilot.pause()
    assert app.unsaved_answers == 0
    (row,) = review_rows(db)
    assert (row["answer_given"], row["verdict"]) == ("Metropolis", "wrong")


@run_async
async def test_a_flip_card_rated_while_busy_waits_then_goes_on_by_itself(tmp_path):
    path = tmp_path / "flip.db"
    db = make_database(path)
    app = make_app(path, deck="places", mode="flip")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        first = screen.current.card
        lock = WriteLock(path)
        await pilot.press("space", "4")
        assert screen.current.card.id == first.id and screen.result.pending
        assert "waiting for the build" in text_of(screen, "#study-status")
        await pilot.press("space", "3")  # neither moves on nor rates again while it waits
        assert screen.current.card.id == first.id
        lock.release()
        assert await until(pilot, lambda: screen.current.card.id != first.id)
    (row,) = review_rows(db)
    assert (row["card_id"], row["rating"], row["mode"]) == (first.id, 4, "flip")


@run_async
async def test_undo_and_a_mode_switch_while_busy_lose_nothing_and_freeze_nothing(tmp_path):
    path = tmp_path / "undo.db"
    db = make_database(path)
    app = make_app(path, deck="films", mode="type")
    async with app.run_test(size=SIZE) as pilot:
        screen = study_screen(app)
        card = screen.current.card
        lock = WriteLock(path)
        await pilot.press(*"wrong", "enter")
        assert screen.result.pending
        await pilot.press("u")  # the pending answer is taken back: nothing to write
        assert screen.current.card.id == card.id and not screen.answered
        assert "waiting for the build" not in text_of(screen, "#study-status")
        await pilot.press("f2")  # switches now; remembering it waits for a free database
        assert screen.mode == "choice"
        lock.release()
        await pilot.press(str(screen._options.index(card.answer) + 1))
        assert not screen.result.pending
    (row,) = review_rows(db)
    assert (row["card_id"], row["verdict"], row["mode"]) == (card.id, "correct", "choice")
    assert db["settings"].count == 0  # the switch was not stored while the lock was held
