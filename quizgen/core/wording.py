"""Words as people write them: counts ("1 article", "2 articles") and possessives."""

from __future__ import annotations

from functools import lru_cache

IRREGULAR = {"day": "days", "query": "queries", "entry": "entries"}
"""Plurals that are not the word plus "s" (or that a reader would trip on)."""


def plural(count: int, word: str, many: str | None = None) -> str:
    """`count` and `word`, in the plural unless the count is exactly one."""
    if count == 1:
        return f"{count} {word}"
    return f"{count:,} {many or IRREGULAR.get(word, word + 's')}"


def possessive(name: str) -> str:
    """ "Huxley's", "the Beatles'": one apostrophe (the straight one a learner types) for
    every question, infobox or dated."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


@lru_cache(maxsize=1 << 14)
def is_dictionary_word(word: str) -> bool:
    """The word (any case) is an English dictionary word, not only a name: "Government"
    and "Khan" are, "Daoud" and "Kodak" are not. lemminflect is loaded on first use.

    Kept per word: lemminflect's tables do not change in a process, and its lookups copy
    their answer each time (a build asks about the same few hundred words repeatedly)."""
    from quizgen.core.lemma_tables import lemminflect_module

    lemminflect = lemminflect_module()  # tables read word by word, once per process

    return bool(lemminflect.getAllLemmas(word.lower()))
