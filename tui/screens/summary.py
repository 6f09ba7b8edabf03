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

from quizgen.core.terminal_text import printable
from quizgen.core.wording import plural
from quizgen.study.session import EmptyReason, SessionSummary
from quizgen.study.settings import Settings

MORE_NEW = 10
"""How many more new cards `n` offers once the daily limit is reached."""


def empty_day_text(reason: EmptyReason, settings: Settings, now: datetime) -> Text:
    """Why a session found nothing (more) to study, in the learner's terms."""
    if reason.new_limit_reached:
        text = Text(f"Daily limit of {plural(settings.new_per_day, 'new card')} reached — ")
        text.append(f"press n to study {min(MORE_NEW, reason.new_waiting)} more", style="bold")
        return text
    if reason.review_limit_reached:
        return Text(
            f"Daily limit of {plural(settings.reviews_per_day, 'review')} reached: "
            "the rest wait for tomorrow."
        )
    if reason.next_due is None:
        return Text("All done: no card is scheduled.")
    return Text(f"All done for now; next card due {format_next_due(reason.next_due, now)}.")


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
        return f"in {plural(wait.days, 'day')}"
    hours, remainder = divmod(int(wait.total_seconds()), 3600)
    minutes = remainder // 60
    return f"in {hours} h {minutes:02d} min" if hours else f"in {minutes} min"


class SummaryScreen(Screen):
    """Shown when a session ends; any of Enter, Escape, q goes back to the decks."""

    BINDINGS = [
        Binding("enter", "close", "Back to decks"),
        Binding("n", "more_new", "Study more", show=False),
        Binding("escape", "close", "Back", show=False),
        Binding("q", "close", "Back", show=False),
    ]

    def __init__(
        self,
        summary: SessionSummary,
        deck: str | None,
        *,
        empty: EmptyReason | None = None,
        settings: Settings | None = None,
        mode: str | None = None,
    ) -> None:
        super().__init__()
        self.summary = summary
        self.deck = deck
        self.empty = empty
        """Why the session ran out of cards (None when the learner ended it)."""
        self.settings = settings or Settings()
        self.mode = mode

    def compose(self) -> ComposeResult:
        with Center():
            with Vertical(id="summary-box"):
                yield Static(self._title(), id="summary-title")
                if self.empty is not None:
                    yield Static(
                        empty_day_text(self.empty, self.settings, self.app.now()),
                        id="summary-reason",
                    )
                yield Static(self._table(), id="summary-table")
                yield Static(Text("Enter: back to decks", style="dim"), id="summary-hint")
        yield Footer()

    def _title(self) -> Text:
        title = Text("Session over — ", style="bold")
        title.append(printable(self.deck or "All decks"), style="bold")
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

    def action_more_new(self) -> None:
        """Study MORE_NEW new cards beyond the daily limit, when the limit is what stopped."""
        if self.empty is None or not self.empty.new_limit_reached:
            return
        self.app.study_again(self.deck, self.mode, more_new=MORE_NEW)

    def action_close(self) -> None:
        self.app.show_decks()
