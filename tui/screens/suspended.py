"""The suspended cards of a deck (or all): Enter brings the highlighted one back into study."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from quizgen.core.terminal_text import printable
from quizgen.study.suspended import suspended_cards, unsuspend


class SuspendedScreen(Screen):
    """Lists suspended cards; Enter unsuspends the highlighted card, Escape goes back."""

    BINDINGS = [
        Binding("enter", "unsuspend", "Unsuspend"),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self, deck: str | None) -> None:
        super().__init__()
        self.deck = deck

    def compose(self) -> ComposeResult:
        yield Static(id="suspended-status")
        yield DataTable(id="suspended", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        width = self.app.size.width
        table.add_column("Deck", key="deck", width=max(12, width // 4))
        table.add_column("Question", key="question", width=max(30, width - width // 4 - 6))
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        cards = suspended_cards(self.app.db, self.deck)
        for card in cards:
            table.add_row(
                Text(printable(card.deck), overflow="ellipsis", no_wrap=True),
                Text(printable(card.question), overflow="ellipsis", no_wrap=True),
                key=card.card_id,
            )
        where = self.deck or "all decks"
        count = f"{len(cards)} suspended card{'' if len(cards) == 1 else 's'} in {printable(where)}"
        hint = " · Enter unsuspend · Esc back" if cards else " · Esc back"
        self.query_one("#suspended-status", Static).update(Text(count + hint))
        table.focus()

    @on(DataTable.RowSelected)
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_unsuspend()

    def action_unsuspend(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        unsuspend(self.app.db, [key])
        self.app.notify("Back in study", timeout=2)
        row = table.cursor_row
        self._fill()
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def action_back(self) -> None:
        self.app.pop_screen()
