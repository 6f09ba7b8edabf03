"""The Anki tags of an exported note: its deck, kind and article, and what became of it.

Every note carries `quizgen`, `quizgen::kind::<kind>`, `quizgen::deck::<deck>` and
`quizgen::article::<title>`; a card suspended in quizgen adds `quizgen::suspended`,
a card retired by a rebuild (its fact is gone from the article) `quizgen::retired`.
`::` nests tags in Anki's browser, so they all sit under one `quizgen` tag.

An Anki tag holds no spaces (a space separates tags) and `::` inside a name would
nest it, so a name becomes a tag part by `tag_part`: every run of white space
becomes `_`, `::` becomes `:`, double quotes (which Anki's search reads as quoting)
and control characters are dropped, and a name left empty is `untitled`. So the deck
"Armenian–Azerbaijani war (1918–1920)" is the tag
`quizgen::deck::Armenian–Azerbaijani_war_(1918–1920)`.
"""

from __future__ import annotations

import re
import unicodedata

from quizgen.core.models import Card

ROOT_TAG = "quizgen"
RETIRED_TAG = f"{ROOT_TAG}::retired"
SUSPENDED_TAG = f"{ROOT_TAG}::suspended"

_SPACE = re.compile(r"\s+")
_NESTING = re.compile(r":{2,}")


def tag_part(name: str) -> str:
    """A deck name or an article title as one Anki tag component (see the module doc)."""
    kept = "".join(
        char
        for char in unicodedata.normalize("NFC", name)
        if char != '"' and not unicodedata.category(char).startswith("C") or char.isspace()
    )
    part = _NESTING.sub(":", _SPACE.sub("_", kept.strip())).strip(":_")
    return part or "untitled"


def note_tags(card: Card, *, suspended: bool, retired: bool) -> list[str]:
    """The tags of a card's note, in a fixed order."""
    tags = [
        ROOT_TAG,
        f"{ROOT_TAG}::kind::{tag_part(card.kind)}",
        f"{ROOT_TAG}::deck::{tag_part(card.deck)}",
        f"{ROOT_TAG}::article::{tag_part(card.source.title)}",
    ]
    if suspended:
        tags.append(SUSPENDED_TAG)
    if retired:
        tags.append(RETIRED_TAG)
    return tags
