"""Recognizing the files the last build saw, from their bytes, without parsing them.

What the last build stored about each article (`StoredArticles`) and each file's
outcome before anything is written (`FileResult`) are shared by the pipeline and by
the unchanged-rebuild check, which must decide exactly as the pipeline would.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.build.fingerprints import build_hash, file_bytes_hash, reading_hash
from quizgen.cards.decks import DeckDefinition, deck_for
from quizgen.ingest.seed_files import path_text
from quizgen.store import articles as article_store

if TYPE_CHECKING:
    from sqlite_utils import Database

    from quizgen.build.pipeline import PlannedArticle
    from quizgen.store import Snapshot


@dataclass(frozen=True)
class StoredArticles:
    """What the last build stored about each article, to recognize unchanged files.

    `by_path` lets a file at the same path be recognized from its bytes' hash alone,
    without parsing it (a rebuild then costs little more than reading the files);
    `by_id` catches a file that moved.
    """

    by_id: dict[str, str] = field(default_factory=dict)
    """article id -> build hash"""
    by_path: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    """source path -> (article id, title, build hash)"""
    path_of: dict[str, str] = field(default_factory=dict)
    """article id -> the source path it was last built from"""
    positions: dict[str, int] = field(default_factory=dict)
    """source path -> its place in this build's file order"""
    shadowed: dict[str, tuple[str, str]] = field(default_factory=dict)
    """source path -> (reading hash, article id) of a file the last build skipped as its
    title's second file"""
    unreadable: dict[str, tuple[str, str]] = field(default_factory=dict)
    """source path -> (reading hash, reason) of a file the last build could not read for
    what its bytes hold"""

    @classmethod
    def load(cls, db: Database | Snapshot, files: Sequence[Path] = ()) -> StoredArticles:
        stored = cls()
        for article_id, title, path, content_hash in article_store.stored_articles(db):
            stored.by_id[article_id] = content_hash
            stored.by_path[path] = (article_id, title, content_hash)
            stored.path_of[article_id] = path
        stored.shadowed.update(article_store.shadowed_files(db))
        stored.unreadable.update(article_store.unreadable_files(db))
        stored.positions.update((path_text(path), index) for index, path in enumerate(files))
        return stored

    def held_by_earlier_file(self, article_id: str, path: Path) -> bool:
        """Whether the file this article was last built from comes before `path` in this
        build: then `path` (the same title in another file or format) will be skipped."""
        holder = self.path_of.get(article_id)
        here = path_text(path)
        if holder is None or holder == here or holder not in self.positions:
            return False
        return self.positions[holder] < self.positions.get(here, -1)


@dataclass(frozen=True)
class FileResult:
    """What reading and planning one file gave, before anything is written.

    `planned` is None when the file could not be read (`error` says why) or when
    its build hash matches the stored one (`unchanged`). The planned article is
    stripped of its sections and infoboxes: saving needs neither, and a worker
    process would otherwise send them back for nothing.
    """

    path: Path
    error: str = ""
    article_id: str = ""
    deck: str = ""
    unchanged: bool = False
    planned: PlannedArticle | None = None
    shadowed: bool = False
    """Not planned: an earlier file of this build was this title's source last time, or
    the last build skipped this very file (same bytes) as its title's second file."""
    file_hash: str = ""
    """sha256 of the file's bytes, when they were read."""


def recognize_file(
    path: Path, definitions: list[DeckDefinition], stored: StoredArticles
) -> FileResult | None:
    """A file the last build saw with these very bytes, known without parsing it: the
    article it built (unchanged, when its deck is too), the title it repeated as a
    second file (shadowed), or why it could not be read (error); None when the file
    must be read."""
    here = path_text(path)
    known = stored.by_path.get(here)
    shadow = stored.shadowed.get(here)
    unreadable = stored.unreadable.get(here)
    if known is None and shadow is None and unreadable is None:
        return None
    raw_hash = file_bytes_hash(path)
    if raw_hash is None:
        return None
    if known is not None:
        article_id, title, stored_hash = known
        deck = deck_for(here, title, definitions)
        if build_hash(raw_hash, deck) == stored_hash:
            return FileResult(path, article_id=article_id, deck=deck, unchanged=True)
    if shadow is not None and reading_hash(raw_hash) == shadow[0]:
        return FileResult(path, article_id=shadow[1], shadowed=True, file_hash=raw_hash)
    if unreadable is not None and reading_hash(raw_hash) == unreadable[0]:
        return FileResult(path, error=unreadable[1], file_hash=raw_hash)
    return None


def articles_gone(
    paths: Sequence[str | Path],
    results: Iterable[FileResult],
    stored_paths: Iterable[tuple[str, str]],
) -> list[str]:
    """The articles (of `stored_paths`: id, path) no longer found where this build looked.

    An article last built from a file inside a scanned folder (or from a file given
    by name) that yielded no article with its title this time was deleted or
    retitled: its facts are gone. A file that is still there but could not be read
    keeps its cards (a broken save should not cost a learner anything), and so do
    the articles of a folder that could not be listed, and articles outside the
    paths of this build.
    """
    results = list(results)
    found = {result.article_id for result in results if result.article_id}
    unreadable = {os.path.realpath(result.path) for result in results if result.error}
    unreadable_folders = tuple(path + os.sep for path in unreadable if os.path.isdir(path))
    scanned = [os.path.realpath(path) for path in paths]
    folders = [path + os.sep for path in scanned if os.path.isdir(path)]
    gone = []
    for article_id, path in stored_paths:
        if article_id in found or not path:
            continue
        real = os.path.realpath(path)
        inside = real in scanned or any(real.startswith(folder) for folder in folders)
        if not inside or real in unreadable or real.startswith(unreadable_folders):
            continue
        gone.append(article_id)
    return gone
