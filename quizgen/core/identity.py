"""The one place that decides what identifies an article, a deck and a card.

A card's id is derived from the article's identity (its title, normalized) and
the fact's key (field or event), never from the question's wording or the file's
path: a reworded question, a renamed file or a reshuffled article keeps its card
and with it the learner's whole review history.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 16)
def normalize_key(text: str) -> str:
    """Case-, accent- and punctuation-free form of a title or fact text.

    Kept per text (a pure function of it): a build asks for the same few keys over and
    over (each answer and option, against each other), a third of them new.
    """
    if text.isascii():  # exact: NFKD leaves ASCII as it is, and no ASCII mark combines
        stripped = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


DISTINGUISHING_MARKS = frozenset("#")
"""Punctuation that names a different thing ("C#" is not "C"); symbols (+, $, emoji)
always count. Other punctuation ("Yahoo!", "AT&T") leaves the key as it always was."""


def _distinguishing(char: str) -> bool:
    return char in DISTINGUISHING_MARKS or unicodedata.category(char).startswith("S")


def title_key(title: str) -> str:
    """What identifies an article: its normalized title, plus the symbols it would lose.

    An ordinary title keys as `normalize_key` always made it, so every card keeps
    its id (and its learner's history). A title whose symbols tell it apart ("C",
    "C++", "C#"; "$" or an emoji) keeps them after a separator, and a title with no
    letters or digits at all ("🚀", "!!!") is keyed by all its visible characters,
    so such titles no longer collapse into one article.
    """
    base = normalize_key(title)
    visible = "".join(unicodedata.normalize("NFKC", title).casefold().split())
    if not base:
        return "\x1f" + visible if visible else ""
    marks = "".join(char for char in visible if _distinguishing(char))
    return f"{base}\x1f{marks}" if marks else base


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_id(title: str) -> str:
    """Stable id of an article: its title key (`title_key`)."""
    return _digest("article", title_key(title))


def card_id(article_title: str, fact_key: str) -> str:
    """Stable id of a card: the article it belongs to plus what fact it asks."""
    return _digest("card", title_key(article_title), fact_key)


def deck_card_id(deck: str, fact_key: str) -> str:
    """Stable id of a card about a whole deck (a timeline across its articles): the deck's
    name plus what the card asks, so a rebuild keeps it whatever its articles' files."""
    return _digest("deck-card", normalize_key(deck), fact_key)


def timeline_fact_key(form: str, event_keys: list[str], scope: str = "timeline") -> str:
    """The fact a timeline card asks: which events it orders (their dated fact keys, in any
    order), never their wording or dates, so a corrected date keeps the card."""
    return f"{scope}:{form}:" + _digest(*sorted(set(event_keys)))
