"""One card's info: its text, source, stage, scheduling and review history, and the
picker of a flag's reason. Every text is shown as plain text (Text, markup off)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from quizgen.browse import marks
from quizgen.browse.describe import card_lines, history_lines
from quizgen.browse.info import card_info
from quizgen.core.terminal_text import printable


def info_table(lines: list[tuple[str, str]]) -> Table:
    """Label and text, two columns; the text wraps, never read as markup."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column(overflow="fold")
    for label, text in lines:
        style = "bold red" if label == "Review" else ""
        table.add_row(Text(label), Text(printable(text), style=style))
    return table


class CardInfoScreen(Screen):
    """A card's info and history; `e` edit, `s` suspend, `f` flag, `r` reset, Escape back."""

    DEFAULT_CSS = """
    #card-info { padding: 0 1; height: 1fr; }
    #card-history-title { margin-top: 1; }
    #card-history { height: auto; }
    """

    BINDINGS = [
        Binding("e", "edit", "Edit"),
        Binding("s", "suspend", "Suspend"),
        Binding("f", "flag", "Flag"),
        Binding("r", "reset", "Reset"),
        Binding("escape,q", "back", "Back"),
    ]

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self._reset_armed = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="card-info"):
            yield Static(id="card-info-text")
            yield Static(id="card-history-title")
            yield DataTable(id="card-history", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in (("Date", 16), ("Rating", 6), ("Mode", 6), ("Verdict", 7)):
            table.add_column(label, width=width)
        table.add_column("Time", width=7)
        table.add_column("Answer given", width=max(12, self.app.size.width - 60))
        self.show_card()

    def on_screen_resume(self) -> None:
        self.show_card()

    def show_card(self) -> None:
        info = card_info(self.app.db, self.card_id)
        if info is None:
            self.app.pop_screen()
            return
        self.info = info
        self.query_one("#card-info-text", Static).update(info_table(card_lines(info)))
        rows = history_lines(info)
        title = Text(f"History: {len(rows)} review{'' if len(rows) == 1 else 's'}", style="bold")
        self.query_one("#card-history-title", Static).update(title)
        table = self.query_one(DataTable)
        table.clear()
        for when, rating, mode, given, verdict, took in rows:
            table.add_row(
                Text(when),
                Text(rating),
                Text(mode),
                Text(verdict),
                Text(took, justify="right"),
                Text(printable(given), overflow="ellipsis", no_wrap=True),
            )

    def action_edit(self) -> None:
        from tui.screens.card_editor import CardEditor

        self.app.push_screen(CardEditor(self.card_id), lambda _saved: self.show_card())

    def action_suspend(self) -> None:
        suspended = self.info.stage != "suspended"
        marks.suspend(self.app.db, self.card_id, suspended)
        self.app.notify("Suspended" if suspended else "Back in study", timeout=2)
        self.show_card()

    def action_flag(self) -> None:
        if self.info.flag is not None:
            marks.unflag(self.app.db, self.card_id)
            self.app.notify("Flag taken back: the card is back in study", timeout=2)
            self.show_card()
            return

        def flagged(reason: str | None) -> None:
            if reason is not None:
                marks.flag(self.app.db, self.card_id, reason, self.app.now())
                self.app.notify(f"Flagged ({marks.FLAG_REASONS[reason]}): out of study", timeout=2)
            self.show_card()

        self.app.push_screen(FlagPicker(), flagged)

    def action_reset(self) -> None:
        if not self._reset_armed:
            self._reset_armed = True
            self.app.notify("Reset this card to new? r again to confirm", timeout=3)
            return
        self._reset_armed = False
        marks.reset(self.app.db, self.card_id, self.app.now())
        self.app.notify("Reset to new (its reviews are kept)", timeout=2)
        self.show_card()

    def action_back(self) -> None:
        self.app.pop_screen()


class FlagPicker(ModalScreen[str | None]):
    """Why the card is bad: ↑↓ Enter or the reason's number; Escape flags nothing."""

    DEFAULT_CSS = """
    FlagPicker { align: center middle; }
    #flag-box {
        width: 60; height: auto; padding: 0 1; border: round $accent; background: $surface;
    }
    #flag-reasons { height: auto; margin: 1 0; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")] + [
        Binding(str(number), f"pick({number})", show=False)
        for number in range(1, len(marks.FLAG_REASONS) + 1)
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="flag-box"):
            yield Static(Text("Flag this card as bad: why?", style="bold"))
            yield OptionList(
                *(
                    Option(f"{number}  {words}", id=key)
                    for number, (key, words) in enumerate(marks.FLAG_REASONS.items(), 1)
                ),
                id="flag-reasons",
            )
            yield Static(
                Text("A flagged card leaves every queue; f again takes it back.", style="dim")
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, number: int) -> None:
        self.dismiss(list(marks.FLAG_REASONS)[number - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)
