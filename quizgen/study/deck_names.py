"""Deck names as a learner types them: any case, `-` for `–`, or an unambiguous prefix.

"caucasus 1918-1920" finds "Caucasus 1918–1920", and "anim" finds "Animal Farm"
when no other deck starts so; an exact name always wins.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from quizgen.core.errors import QuizgenError

DASHES = "‐‑‒–—―−"
"""Hyphen-like characters read as a plain `-`."""


class DeckNameError(QuizgenError):
    """No deck, or several, answer to a name; the message lists the candidates."""


def fold(name: str) -> str:
    """The form two deck names are compared in: case, dash style and spacing ignored."""
    text = unicodedata.normalize("NFKC", name).casefold()
    for dash in DASHES:
        text = text.replace(dash, "-")
    return " ".join(text.split())


def resolve_deck(wanted: str, names: Iterable[str]) -> str:
    """The one deck `wanted` names: exact, then folded, then a folded unique prefix."""
    names = list(names)
    if wanted in names:
        return wanted
    key = fold(wanted)
    same = [name for name in names if fold(name) == key]
    if len(same) == 1:
        return same[0]
    starting = same or [name for name in names if key and fold(name).startswith(key)]
    if len(starting) == 1:
        return starting[0]
    if starting:
        shown = ", ".join(repr(name) for name in starting[:5])
        more = f" and {len(starting) - 5} more" if len(starting) > 5 else ""
        raise DeckNameError(f"{wanted!r} could be several decks: {shown}{more}")
    known = ", ".join(names[:8]) + (" …" if len(names) > 8 else "") if names else "none"
    raise DeckNameError(f"no deck named {wanted!r} (decks: {known})")
