"""What a timeline card holds: events named by a clause, shown in a fixed order, and their
true order, so the checker, the study app and the exporters read one shape.

A timeline card keeps its events in `Card.extra["timeline"]` (the `cards.extra` JSON
column, so no schema change): the items in the order they are shown, labelled A, B,
C..., each with its clause and its date, and the labels in true (earliest first)
order. The dates are never part of an item's text: they are the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from quizgen.core.date_format import format_date
from quizgen.core.models import Card, DateValue

TimelineForm = Literal["order", "first"]
"""`order`: "Put these in order: A, B, C"; `first`: "Which came first: X or Y?"."""

LABELS = "ABCDE"
"""Item labels, in display order; a timeline has at most five items."""


@dataclass(frozen=True)
class TimelineItem:
    """One event of a timeline: the clause that names it and when it happened."""

    label: str
    text: str
    date: DateValue


@dataclass(frozen=True)
class Timeline:
    """The events as shown (`items`, labelled A, B, ... in that order) and the true order."""

    form: TimelineForm
    items: tuple[TimelineItem, ...]
    order: tuple[str, ...]
    """The labels earliest first."""

    def item(self, label: str) -> TimelineItem:
        return next(item for item in self.items if item.label == label)

    @property
    def answer(self) -> str:
        """The card's answer: the labels in order ("BDAC"), or the earlier event's clause."""
        if self.form == "first":
            return self.item(self.order[0]).text
        return "".join(self.order)

    def true_order_text(self) -> str:
        """The events earliest first with their dates, one per line: shown after answering."""
        return "\n".join(
            f"{index}. {self.item(label).text} ({format_date(self.item(label).date)})"
            for index, label in enumerate(self.order, start=1)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "items": [
                {
                    "label": item.label,
                    "text": item.text,
                    "date": {
                        "start": item.date.start.isoformat(),
                        "end": item.date.end.isoformat(),
                        "precision": item.date.precision,
                    },
                }
                for item in self.items
            ],
            "order": list(self.order),
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Timeline:
        """The stored shape back; ValueError/KeyError/TypeError on a damaged one."""
        items = tuple(
            TimelineItem(
                label=str(item["label"]),
                text=str(item["text"]),
                date=DateValue(
                    start=date.fromisoformat(item["date"]["start"]),
                    end=date.fromisoformat(item["date"]["end"]),
                    precision=item["date"]["precision"],
                ),
            )
            for item in value["items"]
        )
        order = tuple(str(label) for label in value["order"])
        if sorted(order) != sorted(item.label for item in items) or value["form"] not in (
            "order",
            "first",
        ):
            raise ValueError("timeline order does not match its items")
        return cls(form=value["form"], items=items, order=order)


def timeline_of(card: Card) -> Timeline | None:
    """The card's timeline, or None for another kind or a damaged one."""
    value = card.extra.get("timeline")
    if not isinstance(value, dict):
        return None
    try:
        return Timeline.from_json(value)
    except (ValueError, KeyError, TypeError):
        return None


_SEPARATORS = re.compile(r"[\s,;/>\-–—.]+")


def parse_order(text: str, count: int) -> tuple[str, ...] | None:
    """The labels a learner typed, as letters ("BDAC", "b, d, a, c") or digits ("2413").

    None unless it names each of the `count` items exactly once.
    """
    compact = _SEPARATORS.sub("", text.strip()).upper()
    if len(compact) != count:
        return None
    labels = LABELS[:count]
    if compact.isdigit():
        if any(not 1 <= int(digit) <= count for digit in compact):
            return None
        compact = "".join(labels[int(digit) - 1] for digit in compact)
    if sorted(compact) != sorted(labels):
        return None
    return tuple(compact)


def one_adjacent_swap(given: tuple[str, ...], expected: tuple[str, ...]) -> bool:
    """Whether `given` is `expected` with exactly two neighbours exchanged."""
    if len(given) != len(expected) or given == expected:
        return False
    wrong = [index for index, (a, b) in enumerate(zip(given, expected, strict=True)) if a != b]
    return (
        len(wrong) == 2
        and wrong[1] == wrong[0] + 1
        and given[wrong[0]] == expected[wrong[1]]
        and given[wrong[1]] == expected[wrong[0]]
    )
