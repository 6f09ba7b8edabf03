"""Home: every deck with its new / learning / due / total counts, and "All decks"."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from quizgen.core.terminal_text import printable
from quizgen.store import close_database, open_database, resolve_db_path
from quizgen.study.session import DeckSummary, deck_summaries, limits_note
from quizgen.study.settings import load_settings

ALL_DECKS_KEY = "all"
"""Row key of the "All decks" row; every deck's key starts with DECK_KEY_PREFIX, so no
deck name (a NUL in it included) can take this one."""

DECK_KEY_PREFIX = "deck:"

COUNT_COLUMNS = (("New", 5), ("Learning", 8), ("Due", 5), ("Total", 5), ("Suspended", 9))
"""The count columns and their widths: with the deck column, 80 columns wide in all."""


def deck_key(deck: str) -> str:
    """The deck list's row key for a deck."""
    return DECK_KEY_PREFIX + deck


def deck_of_key(key: str | None) -> str | None:
    """The deck a row key names; None for the "All decks" row (or no row)."""
    if key is None or key == ALL_DECKS_KEY:
        return None
    return key.removeprefix(DECK_KEY_PREFIX)


class DecksScreen(Screen):
    """Pick a deck with the arrows and Enter to study it."""

    BINDINGS = [
        Binding("enter", "study", "Study", show=True, priority=False),
        Binding("question_mark", "help", "Help"),
        Binding("c", "settings", "Settings"),
        Binding("h", "history", "History"),
        Binding("S", "suspended", "Suspended", show=False),
        Binding("b", "browse", "Browse"),
        Binding("q", "app.quit", "Quit"),
    ]

    class Counted(Message):
        """The counts, computed off the UI thread."""

        def __init__(self, summaries: list[DeckSummary], note: str | None = None) -> None:
            super().__init__()
            self.summaries = summaries
            self.note = note
            """Why counts are low today (a daily limit reached), if so."""

    class CountFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Counting cards…", id="decks-status")
        yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # long deck names get the room the counts do not need (48 columns at 80 wide)
        table.add_column("Deck", key="deck", width=max(20, self.app.size.width - 48))
        for label, width in COUNT_COLUMNS:
            table.add_column(label, key=label.lower(), width=width)
        self.refresh_counts()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def refresh_counts(self) -> None:
        self._count(self.app.db_path, self.app.now(), self.app.tz)

    @work(thread=True, exclusive=True, exit_on_error=False, group="deck-counts")
    def _count(self, db_path, now, tz) -> None:
        # a thread needs its own connection (sqlite3's same-thread check)
        try:
            db = open_database(db_path)
            try:
                settings = load_settings(db)
                summaries = deck_summaries(db, now, settings, tz)
                note = limits_note(db, now, settings, tz)
            finally:
                close_database(db)
        except Exception as error:  # shown on screen, never a crash
            self.post_message(self.CountFailed(str(error)))
            return
        self.post_message(self.Counted(summaries, note))

    @on(Counted)
    def _show_counts(self, message: Counted) -> None:
        table = self.query_one(DataTable)
        selected = self._selected_key()
        table.clear()
        for summary in message.summaries:
            key = ALL_DECKS_KEY if summary.deck is None else deck_key(summary.deck)
            style = "bold" if summary.deck is None else ""
            label = Text(printable(summary.label), style=style, overflow="ellipsis", no_wrap=True)
            table.add_row(
                label,
                Text(str(summary.new), style="blue", justify="right"),
                Text(str(summary.learning), style="red", justify="right"),
                Text(str(summary.due), style="green", justify="right"),
                Text(str(summary.total), justify="right"),
                # out of every other count: how many, in a column of their own (`S` lists them)
                Text(
                    str(summary.suspended),
                    style="yellow" if summary.suspended else "dim",
                    justify="right",
                ),
                key=key,
            )
        status = self.query_one("#decks-status", Static)
        if message.summaries[-1].total == 0:
            status.update("No cards yet: run `quiz build` on a folder of articles.")
        elif message.note:
            status.update(Text(message.note, style="bold yellow"))
        else:
            status.update(
                "↑↓ · Enter study · b browse · h history · S suspended · c settings · ? help"
            )
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        table.focus()

    @on(CountFailed)
    def _show_failure(self, message: CountFailed) -> None:
        self.query_one("#decks-status", Static).update(
            Text(f"Could not count cards: {message.reason}", style="red")
        )

    def _selected_key(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _selected_deck(self) -> str | None:
        """The highlighted deck's name, or None on the "All decks" row."""
        return deck_of_key(self._selected_key())

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self._open(deck_of_key(event.row_key.value))

    def action_study(self) -> None:
        if self._selected_key() is not None:
            self._open(self._selected_deck())

    def _open(self, deck: str | None) -> None:
        from tui.screens.study import StudyScreen

        self.app.push_screen(StudyScreen(deck, self.app.mode_override))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_history(self) -> None:
        from tui.screens.history import HistoryScreen

        deck = self._selected_deck()  # the highlighted deck's history
        self.app.push_screen(
            HistoryScreen(resolve_db_path(self.app.db_path), deck=deck, now=self.app.now)
        )

    def action_suspended(self) -> None:
        """The highlighted deck's suspended cards (all decks on the "All decks" row)."""
        from tui.screens.suspended import SuspendedScreen

        self.app.push_screen(SuspendedScreen(self._selected_deck()))

    def action_browse(self) -> None:
        """The card browser, on the highlighted deck (every deck on the "All decks" row)."""
        from tui.screens.browser import BrowserScreen

        self.app.push_screen(BrowserScreen(self._selected_deck()))

    def action_settings(self) -> None:
        from tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())
