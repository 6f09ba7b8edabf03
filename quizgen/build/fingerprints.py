"""What a build compares to know that a file, or the whole build, is as it was.

Kept apart from the pipeline (which imports the planner) so that an unchanged
rebuild can recognize every file with nothing but hashlib (quizgen.build.unchanged).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen import __version__
from quizgen.ingest.seed_files import MAX_FILE_BYTES

if TYPE_CHECKING:
    from quizgen.cards.decks import DeckDefinition

GENERATOR_VERSION = f"{__version__}+10"
"""Part of every article's build hash: a new generator rebuilds unchanged files."""


def build_hash(content_hash: str, deck: str) -> str:
    """What must be unchanged for a rebuild to skip a file: its bytes (`content_hash`),
    its deck and the generator."""
    text = "\x1f".join((content_hash, deck, GENERATOR_VERSION))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reading_hash(file_hash: str) -> str:
    """What must be unchanged for what reading a file found to be known without reading it
    again (the title of a second file, the reason a file is unreadable): its bytes, and the
    reader (part of the generator) that found it in them."""
    return build_hash(file_hash, "")


def file_bytes_hash(path: Path) -> str | None:
    """sha256 of the file's bytes, as read_article hashes them; None when read_article
    should look at the file itself (unreadable, or too large)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def completed_build_mark(definitions: list[DeckDefinition]) -> str:
    """What a build that ran to its end records: the generator and the deck definitions
    it built with. Every article's own inputs are in its build hash; these are what the
    rest of a build depends on (which decks exist, their timelines across articles), so
    a rebuild finding this mark and every file unchanged has nothing to do."""
    # the repr of strings and tuples of them is exact and stable (and spares importing json)
    decks = [(d.name, d.path_patterns, tuple(sorted(d.titles)), str(d.source)) for d in definitions]
    text = repr((GENERATOR_VERSION, decks))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
