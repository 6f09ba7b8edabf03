"""The order of a card's multiple-choice options: one order, in the study app and in Anki.

Sorting by a hash of (card id, option) gives every card its own order, the same
on every run and every export, so the right answer is not always first, a
re-import into Anki does not reshuffle what the learner saw, and the options
stand where the study app showed them.
"""

from __future__ import annotations

import hashlib

from quizgen.core.models import Card

MAX_OPTIONS = 4
"""The answer and at most three distractors (the JSONL contract's limit)."""


def choice_order(card: Card) -> list[str]:
    """The answer among its distractors, each once, in the card's fixed order; [] without any."""
    if not card.distractors:
        return []
    options = list(dict.fromkeys((card.answer, *card.distractors)))[:MAX_OPTIONS]
    return sorted(
        options,
        key=lambda option: hashlib.sha256(f"{card.id}\x1f{option}".encode()).hexdigest(),
    )
