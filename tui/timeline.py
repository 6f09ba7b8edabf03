"""A timeline card's events on the study screen, in the order the learner is building.

The answer box stays the one place an answer is typed: typing letters or digits
("BDAC", "2413") reorders the list here, and moving an item with the keyboard
(↑ ↓ pick one, Shift+↑ / Shift+↓ or Ctrl+↑ / Ctrl+↓ move it) writes the new order
into the box, so Enter checks whatever the learner sees. In flip mode the list is
only shown. Once answered, each place is marked right (✓) or wrong (✗); the true
order with its dates is the card's source line below. The events come from articles,
so they are shown through Text objects, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from quizgen.core.models import Card
from quizgen.core.terminal_text import printable
from quizgen.core.timeline import Timeline, timeline_of

MOVE_UP = frozenset({"shift+up", "ctrl+up", "alt+up"})
MOVE_DOWN = frozenset({"shift+down", "ctrl+down", "alt+down"})


def question_prompt(card: Card) -> str:
    """What the question line shows: a timeline's prompt alone (its items are listed by
    TimelineItems), any other card's whole question."""
    if timeline_of(card) is None:
        return card.question
    return card.question.split("\n", 1)[0]


def order_typed(text: str, labels: str) -> list[str]:
    """The labels a partly typed answer puts first ("2" or "b" -> B first), then the rest
    in the order shown; an unknown or repeated key is ignored."""
    first: list[str] = []
    for char in text.upper():
        label = labels[int(char) - 1] if char.isdigit() and 1 <= int(char) <= len(labels) else char
        if label in labels and label not in first:
            first.append(label)
    return first + [label for label in labels if label not in first]


class TimelineItems(Static):
    """The events of the current timeline card (hidden for any other card)."""

    DEFAULT_CSS = """
    TimelineItems {
        height: auto;
        margin: 0 0 1 0;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.timeline: Timeline | None = None
        self.order: list[str] = []
        """The labels in the order the learner has them, top = earliest."""
        self.cursor = 0
        self.answered = False
        self.movable = False
        self.display = False

    @property
    def labels(self) -> str:
        return "".join(item.label for item in self.timeline.items) if self.timeline else ""

    def show(self, card: Card | None, *, movable: bool) -> None:
        """Show this card's events in the order shown on the card (nothing for other kinds)."""
        timeline = timeline_of(card) if card is not None else None
        self.movable = movable
        if timeline is None and self.timeline is None and not self.display:
            return  # hidden and staying so: nothing to redraw (the usual card)
        self.timeline = timeline
        self.display = self.timeline is not None
        self.order = list(self.labels)
        self.cursor = 0
        self.answered = False
        self._render_items()

    def move(self, key: str) -> bool:
        """Handle ↑ ↓ (pick) and Shift/Ctrl+↑ ↓ (move the picked event); True when handled."""
        if self.timeline is None or self.answered or not self.movable:
            return False
        last = len(self.order) - 1
        if key == "up":
            self.cursor = max(0, self.cursor - 1)
        elif key == "down":
            self.cursor = min(last, self.cursor + 1)
        elif key in MOVE_UP | MOVE_DOWN:
            target = self.cursor + (-1 if key in MOVE_UP else 1)
            if 0 <= target <= last:
                order = self.order
                order[self.cursor], order[target] = order[target], order[self.cursor]
                self.cursor = target
        else:
            return False
        self._render_items()
        return True

    def typed_order(self) -> str:
        """The order as the answer box holds it ("BDAC")."""
        return "".join(self.order)

    def follow_typed(self, text: str) -> None:
        """Reorder to what is typed so far, unless it is the order already shown."""
        if self.timeline is None or self.answered:
            return
        wanted = order_typed(text, self.labels)
        if wanted != self.order:
            self.order = wanted
            self._render_items()

    def reveal(self) -> None:
        """Mark each place right or wrong against the true order."""
        if self.timeline is None:
            return
        self.answered = True
        self._render_items()

    def _render_items(self) -> None:
        timeline = self.timeline
        if timeline is None:
            self.update("")
            return
        lines = Text()
        for place, label in enumerate(self.order):
            item = timeline.item(label)
            if self.answered:
                right = label == timeline.order[place]
                lines.append("✓ " if right else "✗ ", style="bold green" if right else "bold red")
            else:
                picked = self.movable and place == self.cursor
                lines.append("▸ " if picked else "  ", style="bold")
            lines.append(f"{place + 1}. ", style="dim")
            lines.append(f"{label}  ", style="bold")
            style = "reverse" if self.movable and not self.answered and place == self.cursor else ""
            lines.append(printable(item.text), style=style)
            if place < len(self.order) - 1:
                lines.append("\n")
        if self.movable and not self.answered:
            # No example order: any one shown (the labels reversed, say) can be the answer.
            lines.append(
                "\ntype the letters (or digits) earliest first · ↑↓ pick · Shift+↑↓ move",
                style="dim",
            )
        self.update(lines)
