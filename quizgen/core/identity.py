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

_NON_WORD = re.compile(r"[^\w]+")


def normalize_key(text: str) -> str:
    """Case-, accent- and punctuation-free form of a title or fact text."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.casefold()).strip()


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def article_id(title: str) -> str:
    """Stable id of an article: its normalized title."""
    return _digest("article", normalize_key(title))


def card_id(article_title: str, fact_key: str) -> str:
    """Stable id of a card: the article it belongs to plus what fact it asks."""
    return _digest("card", normalize_key(article_title), fact_key)
