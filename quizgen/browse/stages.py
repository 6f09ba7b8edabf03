"""A card's stage as the browser names it, from its stored columns."""

from __future__ import annotations

from typing import Any

from quizgen.store.card_state import LEARNING_STATES

STAGES = ("new", "learning", "review", "suspended", "flagged", "retired")
"""Every stage a search can filter on. A card is in exactly one: retired (its fact left
the article) before flagged (the learner rejected it) before suspended, then its FSRS
stage."""


def stage_of(row: dict[str, Any]) -> str:
    """The one stage of a card row (needs status, suspended, fsrs_state and `flag`)."""
    if row.get("status") == "retired":
        return "retired"
    if row.get("flag"):
        return "flagged"
    if row.get("suspended"):
        return "suspended"
    state = row.get("fsrs_state")
    if state is None:
        return "new"
    return "learning" if state in LEARNING_STATES else "review"
