"""The card editor: question, answer, accepted answers and options, checked as you type.

The same editor opens from the browser (`e` on a card) and from study (`e` on the
card shown). Every change is run through the answer checker at once
(quizgen.browse.editing): an option the checker would grade right, an empty answer
or a date card's answer that is no date is refused with its reason, and Ctrl+S saves
only a card that passes. Escape with unsaved changes asks first. Card text is shown
and edited as plain text.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from quizgen.browse.editing import MAX_OPTIONS, EditRefused, ProposedEdit, edited_card, save_edit
from quizgen.browse.info import card_info
from quizgen.core.terminal_text import printable

ACCEPTED_SEPARATOR = ";"
"""Accepted answers are typed in one line, separated by semicolons."""

FIELDS = (
    ("question", "Question"),
    ("answer", "Answer"),
    ("accepted", "Also right"),
    *((f"option-{n}", f"Option {n}") for n in range(1, MAX_OPTIONS + 1)),
)


class CardEditor(ModalScreen[bool]):
    """Edit one card; dismissed with True when an edit was saved."""

    DEFAULT_CSS = """
    CardEditor { align: center middle; }
    #editor-box {
        width: 100%; max-width: 110; height: auto; padding: 0 1;
        border: round $accent; background: $surface;
    }
    #editor-source { margin-bottom: 1; max-height: 3; }
    #editor-verdict { margin-top: 1; }
    .editor-row { height: 1; }
    .editor-label { width: 11; color: $text-muted; }
    .editor-input { border: none; height: 1; padding: 0; width: 1fr; background: $boost; }
    .editor-input:focus { border: none; background: $accent 30%; }
    #editor-verdict { height: auto; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "app.focus_next", "Next", show=False),
        Binding("up", "app.focus_previous", "Previous", show=False),
    ]

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self._cancel_armed = False
        self._start: ProposedEdit | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-box"):
            yield Static(id="editor-title")
            yield Static(id="editor-source")
            for key, label in FIELDS:
                with Horizontal(classes="editor-row"):
                    yield Label(label, classes="editor-label")
                    yield Input(id=f"edit-{key}", classes="editor-input", select_on_focus=False)
            yield Static(id="editor-verdict")
            yield Static(
                Text("Enter next field · Ctrl+S save · Esc cancel · also right: a; b", style="dim")
            )
        yield Footer()

    def on_mount(self) -> None:
        info = card_info(self.app.db, self.card_id)
        if info is None:
            self.dismiss(False)
            return
        self.generated = info.generated
        card = info.card
        title = Text(f"Edit card {card.id} · {printable(card.deck)}", style="bold")
        self.query_one("#editor-title", Static).update(title)
        source = Text(printable(card.source.text or card.source.title), style="dim")
        if info.article_now_says is not None:
            source = Text(
                f"The article now says {printable(info.article_now_says)!r}; "
                "save to keep your text.",
                style="bold red",
            )
        self.query_one("#editor-source", Static).update(source)
        values = {
            "question": card.question,
            "answer": card.answer,
            "accepted": f"{ACCEPTED_SEPARATOR} ".join(card.accepted),
        }
        for n in range(1, MAX_OPTIONS + 1):
            values[f"option-{n}"] = card.distractors[n - 1] if n <= len(card.distractors) else ""
        for key, value in values.items():
            self.query_one(f"#edit-{key}", Input).value = value
        self._start = self.proposed()
        self.query_one("#edit-question", Input).focus()
        self._check()

    def proposed(self) -> ProposedEdit:
        """The card as the fields say now."""

        def field(key: str) -> str:
            return self.query_one(f"#edit-{key}", Input).value

        accepted = tuple(part.strip() for part in field("accepted").split(ACCEPTED_SEPARATOR))
        options = tuple(field(f"option-{n}") for n in range(1, MAX_OPTIONS + 1))
        return ProposedEdit(field("question"), field("answer"), accepted, options)

    @on(Input.Changed, ".editor-input")
    def _changed(self, event: Input.Changed) -> None:
        self._cancel_armed = False
        self._check()

    @on(Input.Submitted, ".editor-input")
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def _check(self) -> bool:
        """Run the answer checker on the fields; say why a card is refused. True if fine."""
        verdict = self.query_one("#editor-verdict", Static)
        try:
            edited_card(self.generated, self.proposed())
        except EditRefused as refusal:
            verdict.update(Text(f"✗ Refused: {refusal}", style="bold red"))
            return False
        verdict.update(Text("✓ The answer checker accepts this card", style="green"))
        return True

    def action_save(self) -> None:
        if not self._check():
            self.app.bell()
            return
        try:
            save_edit(self.app.db, self.generated, self.proposed(), self.app.now())
        except EditRefused as refusal:  # checked just above; kept for safety
            self.query_one("#editor-verdict", Static).update(Text(str(refusal), style="red"))
            return
        self.app.notify("Saved: your text is kept through every rebuild", timeout=3)
        self.dismiss(True)

    def action_cancel(self) -> None:
        if self.proposed() != self._start and not self._cancel_armed:
            self._cancel_armed = True
            self.app.notify("Unsaved changes: Esc again to drop them, Ctrl+S to save", timeout=3)
            return
        self.dismiss(False)
