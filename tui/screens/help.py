"""The keys, on one screen."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Decks", ""),
    ("↑ ↓  Enter", "choose a deck and study it"),
    ("h", "history of the highlighted deck: charts, streaks, retention"),
    ("S", "the highlighted deck's suspended cards (Enter: unsuspend)"),
    ("b", "browse cards: search, info, edit, suspend, flag"),
    ("c", "settings"),
    ("q", "quit"),
    ("Study", ""),
    ("Enter", "type mode: check the typed answer; then go on"),
    ("1–4", "choice: pick; after an answer: rate Again/Hard/Good/Easy"),
    ("r", "choice, after the pick: 1–4 rate (Enter: the suggestion)"),
    ("Space", "flip mode: show the answer; after an answer: go on"),
    ("m  F2", "switch answer mode (auto → type → choice → flip), remembered"),
    ("u  Ctrl+Z", "undo the last answer, suspend or bury (several times)"),
    ("s", "suspend this card (u or `quiz suspended` brings it back)"),
    ("b", "bury this card until tomorrow"),
    ("e  F3", "edit this card (checked by the answer checker)"),
    ("?  F1", "this help"),
    ("q  Esc", "end the session and see the summary"),
    ("", "type mode: F1, F2, Ctrl+Z and Esc work while typing"),
]


class HelpScreen(ModalScreen[None]):
    """Any of Escape, q, ? closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, meaning in KEYS:
            if meaning == "" and keys:
                table.add_row(f"[underline]{keys}[/]", "")
            else:
                table.add_row(keys, meaning)
        with Vertical(id="help-box"):
            yield Static(table)

    def action_close(self) -> None:
        self.dismiss(None)
