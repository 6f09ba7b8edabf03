"""The end of a session: how many cards, how well, how long, and when to come back."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizgen.study.session import SessionSummary


def format_duration(milliseconds: int) -> str:
    seconds = round(milliseconds / 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"


def format_next_due(next_due: datetime | None, now: datetime) -> str:
    if next_due is None:
        return "nothing scheduled"
    wait = next_due - now
    if wait.total_seconds() <= 60:
        return "now"
    if wait.days >= 1:
        return f"in {wait.days} day{'s' if wait.days != 1 else ''}"
    hours, remainder = divmod(int(wait.total_seconds()), 3600)
    minutes = remainder // 60
    return f"in {hours} h {minutes:02d} min" if hours else f"in {minutes} min"


class SummaryScreen(Screen):
    """Shown when a session ends; any of Enter, Escape, q goes back to the decks."""

    BINDINGS = [
        Binding("enter", "close", "Back to decks"),
        Binding("escape", "close", "Back", show=False),
        Binding("q", "close", "Back", show=False),
    ]

    def __init__(self, summary: SessionSummary, deck: str | None) -> None:
        super().__init__()
        self.summary = summary
        self.deck = deck

    def compose(self) -> ComposeResult:
        with Center():
            with Vertical(id="summary-box"):
                yield Static(self._title(), id="summary-title")
                yield Static(self._table(), id="summary-table")
                yield Static(Text("Enter: back to decks", style="dim"), id="summary-hint")
        yield Footer()

    def _title(self) -> Text:
        title = Text("Session over — ", style="bold")
        title.append(self.deck or "All decks", style="bold")
        return title

    def _table(self) -> Table:
        summary = self.summary
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim")
        table.add_column()
        table.add_row("Cards reviewed", str(summary.reviewed))
        percent = summary.correct_percent
        table.add_row(
            "Remembered", "—" if percent is None else f"{percent:.0f}% ({summary.passed})"
        )
        table.add_row("Time spent", format_duration(summary.time_spent_ms))
        table.add_row("Next card due", format_next_due(summary.next_due, self.app.now()))
        return table

    def action_close(self) -> None:
        self.app.show_decks()
