"""The card browser: search every card, filter by deck and stage, sort, and act on one.

The search box filters as you type (quizgen.browse.search answers from SQL, one page
of rows, so a six-figure collection stays instant); the table lists what matched.
Keys on the table: Enter the card's info and history, `e` edit, `s` suspend or
unsuspend, `f` flag (or unflag), `r` reset to new, `d` / `t` / `o` the next deck /
stage / order, `/` back to the search box, Escape back to the deck list. Card text
comes from articles and learners: it is shown through Text objects, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from quizgen.browse import marks
from quizgen.browse.search import ORDERS, CardListing, search_cards
from quizgen.browse.stages import STAGES
from quizgen.core.terminal_text import printable
from quizgen.store.articles import deck_names

PAGE = 500
"""Rows listed at once; the status line says how many matched in all."""

STAGE_STYLES = {
    "new": "blue",
    "learning": "red",
    "review": "green",
    "suspended": "yellow",
    "flagged": "bold magenta",
    "retired": "dim",
}


def stage_text(listing: CardListing) -> Text:
    """The stage cell: the stage, then ✎ for the learner's edit, ! when the article changed."""
    text = Text(listing.stage, style=STAGE_STYLES.get(listing.stage, ""))
    if listing.edited:
        text.append(" ✎", style="cyan")
    if listing.source_answer is not None:
        text.append("!", style="bold red")
    return text


class SearchBox(Input):
    """The search box: Down or Enter moves to the list, Escape leaves the browser."""

    async def _on_key(self, event: Key) -> None:
        if event.key in ("down", "enter"):
            event.stop()
            event.prevent_default()
            self.screen.query_one("#browser-cards", DataTable).focus()
            return
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.app.pop_screen()
            return
        await super()._on_key(event)


class BrowserScreen(Screen):
    """Every card, searchable; `deck` (None = all) is the deck it opens on."""

    DEFAULT_CSS = """
    #browser-search { height: 1; border: none; padding: 0 1; }
    #browser-search:focus { border: none; background: $accent 20%; }
    #browser-status { height: 1; padding: 0 1; background: $boost; }
    #browser-cards { height: 1fr; }
    """

    BINDINGS = [
        Binding("slash", "focus_search", "Search", show=False),
        Binding("enter", "info", "Info", show=False),
        Binding("e", "edit", "Edit"),
        Binding("s", "suspend", "Suspend"),
        Binding("f", "flag", "Flag"),
        Binding("r", "reset", "Reset", show=False),
        Binding("d", "next_deck", "Deck"),
        Binding("t", "next_stage", "Stage"),
        Binding("o", "next_order", "Sort"),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self, deck: str | None = None) -> None:
        super().__init__()
        self.deck = deck
        self.stage: str | None = None
        self.order = "deck"
        self.shown: dict[str, CardListing] = {}
        self._reset_armed: str | None = None

    def compose(self) -> ComposeResult:
        yield SearchBox(
            placeholder="search question, answer and source  (/ to come back here)",
            id="browser-search",
        )
        yield Static(id="browser-status")
        yield DataTable(id="browser-cards", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        width = self.app.size.width
        deck_width = max(10, width // 6)
        table.add_column("Stage", key="stage", width=11)
        table.add_column("Due", key="due", width=10)
        table.add_column("Deck", key="deck", width=deck_width)
        table.add_column("Question", key="question", width=max(20, width - deck_width - 31))
        self.refresh_cards()
        self.query_one(SearchBox).focus()

    def on_screen_resume(self) -> None:
        self.refresh_cards()

    @on(Input.Changed, "#browser-search")
    def _typed(self, event: Input.Changed) -> None:
        self.refresh_cards()

    def refresh_cards(self) -> None:
        """Search again with the box's text and the filters, keeping the highlighted card."""
        table = self.query_one(DataTable)
        selected = self.selected_id()
        text = self.query_one(SearchBox).value
        result = search_cards(
            self.app.db, text, deck=self.deck, stage=self.stage, order=self.order, limit=PAGE
        )
        table.clear()
        self.shown = {listing.card_id: listing for listing in result.cards}
        for listing in result.cards:
            table.add_row(
                stage_text(listing),
                Text((listing.due or "")[:10]),
                Text(printable(listing.deck), overflow="ellipsis", no_wrap=True),
                Text(printable(listing.question), overflow="ellipsis", no_wrap=True),
                key=listing.card_id,
            )
        if selected in self.shown:
            table.move_cursor(row=table.get_row_index(selected))
        self._show_status(len(result.cards), result.total)

    def _show_status(self, shown: int, total: int) -> None:
        status = Text()
        status.append(printable(self.deck) if self.deck else "All decks", style="bold")
        status.append(f" · {self.stage or 'any stage'} · by {self.order} · ")
        cards = f"{total:,} card{'' if total == 1 else 's'}"
        status.append(cards if shown == total else f"first {shown:,} of {cards}")
        self.query_one("#browser-status", Static).update(status)

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    # -- keys ----------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBox).focus()

    @on(DataTable.RowSelected, "#browser-cards")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_info()

    def action_info(self) -> None:
        from tui.screens.card_info import CardInfoScreen

        card_id = self.selected_id()
        if card_id is not None:
            self.app.push_screen(CardInfoScreen(card_id))

    def action_edit(self) -> None:
        from tui.screens.card_editor import CardEditor

        card_id = self.selected_id()
        if card_id is not None:
            self.app.push_screen(CardEditor(card_id), lambda _saved: self.refresh_cards())

    def action_suspend(self) -> None:
        card_id = self.selected_id()
        if card_id is None:
            return
        suspended = self.shown[card_id].stage != "suspended"
        marks.suspend(self.app.db, card_id, suspended)
        self.app.notify("Suspended" if suspended else "Back in study", timeout=2)
        self.refresh_cards()

    def action_flag(self) -> None:
        card_id = self.selected_id()
        if card_id is None:
            return
        if self.shown[card_id].flag is not None:
            marks.unflag(self.app.db, card_id)
            self.app.notify("Flag taken back: the card is back in study", timeout=2)
            self.refresh_cards()
            return
        from tui.screens.card_info import FlagPicker

        def flagged(reason: str | None) -> None:
            if reason is not None:
                marks.flag(self.app.db, card_id, reason, self.app.now())
                self.app.notify(f"Flagged ({marks.FLAG_REASONS[reason]}): out of study", timeout=2)
            self.refresh_cards()

        self.app.push_screen(FlagPicker(), flagged)

    def action_reset(self) -> None:
        """Back to new; asks once (r again) since the card's progress starts over."""
        card_id = self.selected_id()
        if card_id is None:
            return
        if self._reset_armed != card_id:
            self._reset_armed = card_id
            self.app.notify("Reset this card to new? r again to confirm", timeout=3)
            return
        self._reset_armed = None
        marks.reset(self.app.db, card_id, self.app.now())
        self.app.notify("Reset to new (its reviews are kept)", timeout=2)
        self.refresh_cards()

    def action_next_deck(self) -> None:
        choices: list[str | None] = [None, *deck_names(self.app.db)]
        self.deck = choices[(choices.index(self.deck) + 1) % len(choices)]
        self.refresh_cards()

    def action_next_stage(self) -> None:
        choices: list[str | None] = [None, *STAGES]
        self.stage = choices[(choices.index(self.stage) + 1) % len(choices)]
        self.refresh_cards()

    def action_next_order(self) -> None:
        self.order = ORDERS[(ORDERS.index(self.order) + 1) % len(ORDERS)]
        self.refresh_cards()

    def action_back(self) -> None:
        self.app.pop_screen()
