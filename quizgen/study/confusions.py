"""Confusions remembered: what a learner's wrong answers land on, and when to say so.

A wrong multiple-choice answer lands on the option picked; a wrong typed answer lands on
a distractor when the one answer checker would take it for that distractor (correct or
close against it), so "Bath" typed for "Marylebone" counts as choosing Bath. The review
keeps it (`reviews.confused_with`); a card whose wrong answers keep landing on the same
thing says so after the answer, with what that thing really is when it is another
card's answer ("Bath is the answer to “Where did Jane Austen die?”").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from quizgen.core.models import Card

REPEATED = 2
"""A confusion made this many times is worth pointing out even after a right answer."""


def typed_confusion(given: str, card: Card) -> str | None:
    """The distractor a wrong typed answer names, by the answer checker; None if none."""
    if not given.strip():
        return None
    from quizgen.core.grading import Verdict, grade_answer  # loaded once answers are graded

    for distractor in card.distractors:
        as_if = replace(card, answer=distractor, accepted=(), date=None, any_of=False)
        if grade_answer(given, as_if).verdict in (Verdict.CORRECT, Verdict.CLOSE):
            return distractor
    return None


def landed_on(card: Card, mode: str, given: str | None, verdict: str | None) -> str | None:
    """What a wrong answer landed on: the option picked, or the distractor typed."""
    if verdict != "wrong" or not given:
        return None
    if mode == "choice":
        return given
    if mode == "type":
        return typed_confusion(given, card)
    return None


def times(count: int) -> str:
    """once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


@dataclass(frozen=True)
class ConfusionNote:
    """ "You chose X twice before", with what X is when another card answers it."""

    chosen: str
    times_before: int
    other_question: str | None = None
    other_title: str | None = None

    def text(self) -> str:
        said = f"You chose {self.chosen} {times(self.times_before)} before"
        if self.other_question:
            where = f" ({self.other_title})" if self.other_title else ""
            return f"{said}: {self.chosen} is the answer to “{self.other_question}”{where}"
        return f"{said} for this card"


def repeated_confusion(
    counts: Sequence[tuple[str, int]], *, now_landed_on: str | None, counted_now: bool
) -> tuple[str, int] | None:
    """(what, times before this answer) worth pointing out, or None.

    `counts` are (answer, times) from the card's reviews, this answer included when
    `counted_now` (it is written). The answer's own confusion is named once it happened
    before; otherwise one that already happened `REPEATED` times.
    """
    before = dict(counts)
    if now_landed_on is not None and counted_now and now_landed_on in before:
        before[now_landed_on] -= 1
    if now_landed_on is not None and before.get(now_landed_on, 0) >= 1:
        return now_landed_on, before[now_landed_on]
    ranked = sorted(before.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] >= REPEATED:
        return ranked[0]
    return None
