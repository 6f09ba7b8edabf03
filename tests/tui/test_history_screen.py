"""The History screen under Textual's Pilot: empty and large histories, window keys, study key.

No async pytest plugin is installed, so each Pilot test runs its coroutine with asyncio.run.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest
from rich.text import Text
from support.history import T0, add_cards, add_review, make_large_history, new_database
from textual.app import App
from textual.widgets import DataTable, Static

from quizgen.history.report import StudyClock, build_report
from tui.screens.history import HistoryScreen, heatmap, mastery_bar

LARGE_NOW = T0 + timedelta(days=400)
CLOCK = StudyClock(4, UTC)


class HostApp(App):
    """A bare app that opens the History screen, recording the messages it sees."""

    def __init__(self, db_path, now) -> None:
        super().__init__()
        self.db_path = db_path
        self.now_value = now
        self.study_requests: list[list[str]] = []

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.db_path, now=lambda: self.now_value, clock=CLOCK))

    def on_history_screen_study_cards(self, message: HistoryScreen.StudyCards) -> None:
        self.study_requests.append(message.card_ids)


async def wait_for_report(app: App, pilot, timeout: float = 20.0) -> HistoryScreen:
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    deadline = time.perf_counter() + timeout
    while screen.report is None:  # the report is read by a worker and arrives as a message
        assert time.perf_counter() < deadline, "report never arrived"
        await app.workers.wait_for_complete()
        await pilot.pause()
    return screen


@pytest.fixture(scope="module")
def large_db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("screen") / "large.db"
    make_large_history(path, reviews=100_000, now=LARGE_NOW)
    return path


def test_empty_history_opens(tmp_path):
    asyncio.run(_test_empty_history_opens(tmp_path))


async def _test_empty_history_opens(tmp_path):
    path = tmp_path / "empty.db"
    new_database(path)
    app = HostApp(path, datetime(2024, 3, 10, 12, tzinfo=UTC))
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await wait_for_report(app, pilot)
        assert 0 == screen.report.totals.reviews
        assert "Reviews 0" in str(screen.query_one("#summary", Static).render())
        assert 0 == screen.query_one("#hardest", DataTable).row_count
        await pilot.press("3")
        assert 365 == screen.window
        await pilot.press("s")  # nothing to study: a notice, no request
        await pilot.pause()
        assert [] == app.study_requests


def test_large_history_opens_quickly_and_switches_windows(large_db_path):
    asyncio.run(_test_large_history_opens_quickly_and_switches_windows(large_db_path))


async def _test_large_history_opens_quickly_and_switches_windows(large_db_path):
    app = HostApp(large_db_path, LARGE_NOW)
    async with app.run_test(size=(140, 60)) as pilot:
        started = time.perf_counter()
        screen = await wait_for_report(app, pilot)
        elapsed = time.perf_counter() - started
        assert 100_000 == screen.report.totals.reviews
        assert 4 == screen.query_one("#decks", DataTable).row_count
        assert 10 == screen.query_one("#hardest", DataTable).row_count
        assert 20 == screen.query_one("#sessions", DataTable).row_count
        for key, days in (("2", 90), ("3", 365), ("1", 30)):
            await pilot.press(key)
            await pilot.pause()
            assert days == screen.window
        await pilot.press("s")
        await pilot.pause()
        assert [[card.card_id for card in screen.report.hardest]] == app.study_requests
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)
    # 200 ms on an idle machine; CI boxes are shared, so only a generous bound here
    assert elapsed < 5.0, f"history took {elapsed:.2f}s to fill in"


def test_a_missing_database_shows_a_one_line_error(tmp_path):
    asyncio.run(_test_a_missing_database_shows_a_one_line_error(tmp_path))


async def _test_a_missing_database_shows_a_one_line_error(tmp_path):
    app = HostApp(tmp_path / "nope.db", datetime(2024, 3, 10, 12, tzinfo=UTC))
    async with app.run_test() as pilot:
        deadline = time.perf_counter() + 10
        summary = app.screen.query_one("#summary", Static)
        while "Cannot read" not in str(summary.render()):
            assert time.perf_counter() < deadline
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert "no such database" in str(summary.render())


def test_heatmap_colours_study_days(tmp_path):
    db = new_database(tmp_path / "h.db")
    [card] = add_cards(db, "people", 1)
    now = datetime(2024, 6, 12, 12, tzinfo=UTC)  # a Wednesday
    for n in range(3):
        add_review(db, card, now - timedelta(days=n), 3)
    text = heatmap(build_report(db, now, clock=CLOCK))
    lines = text.plain.splitlines()
    assert lines[1].startswith("Mon") and lines[7].startswith("Sun")
    coloured = [span for span in text.spans if span.style != "grey23"]
    # three study days plus the four legend steps above "none"
    assert 3 + 4 == len(coloured)


def test_mastery_bar():
    bar = mastery_bar(0.5, width=10)
    assert isinstance(bar, Text)
    assert "█████░░░░░ 50%" == bar.plain
    assert "░░░░░░░░░░ —" == mastery_bar(None, width=10).plain


def test_axis_ticks_fall_on_whole_days_and_the_calendar_fits_the_width():
    from tui.screens.history import calendar_weeks, day_ticks

    assert day_ticks(-29, 0) == [-25, -20, -15, -10, -5, 0]
    assert day_ticks(0, 29, anchor=0) == [0, 5, 10, 15, 20, 25]
    assert day_ticks(-364, 0)[-1] == 0 and all(isinstance(t, int) for t in day_ticks(-89, 0))
    for width in (80, 100):
        assert 4 + 2 * calendar_weeks(width) <= width - 2


def test_every_table_fits_80_columns_and_hardest_cards_have_failed(tmp_path):
    asyncio.run(_test_every_table_fits(tmp_path))


async def _test_every_table_fits(tmp_path):
    path = tmp_path / "h.db"
    db = new_database(path)
    cards = add_cards(db, "a deck with a rather long name that goes on and on", 2)
    for n in range(3):
        add_review(db, cards[0], T0 + timedelta(days=n), 3)  # never failed: not hard
        add_review(db, cards[1], T0 + timedelta(days=n), 1 if n == 0 else 3)
    db.close()
    app = HostApp(path, T0 + timedelta(days=5))
    for size in ((80, 24), (100, 30)):
        async with app.run_test(size=size) as pilot:
            screen = await wait_for_report(app, pilot)
            for table_id in ("#decks", "#hardest"):
                table = screen.query_one(table_id, DataTable)
                used = sum(column.get_render_width(table) for column in table.columns.values())
                assert used <= size[0] - 2, (table_id, used)
            hardest = screen.query_one("#hardest", DataTable)
            assert [str(hardest.get_row_at(0)[2])] == ["3"] and hardest.row_count == 1
        app = HostApp(path, T0 + timedelta(days=5))
