"""An unchanged rebuild answered from the database alone, without loading the builder.

Rebuilding a folder whose files are all as the last completed build saw them writes
nothing; it only counts the stored cards. The pipeline would still load everything
it might need to build (sqlite-utils, the readers, the timeline planner: most of a
rebuild's time is that start). This does what the pipeline does in that case with
hashlib and a plain SQLite connection alone, deciding each file by the pipeline's
own recognition (`quizgen.build.recognition`), and declines (returns None) whenever
the pipeline could do anything but count: a file to read, a card to retire, a second
or an unreadable file to remember or forget, a deck edit to weigh, a build that did
not end. Then the pipeline runs as before. tests/build/test_unchanged_rebuild.py
holds the two to the same report on real articles.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.build.fingerprints import completed_build_mark
from quizgen.build.outcome import BuildReport
from quizgen.build.recognition import FileResult, StoredArticles, articles_gone, recognize_file
from quizgen.build.sources import default_decks_dir
from quizgen.cards.decks import DeckDefinition, load_deck_definitions
from quizgen.ingest.seed_files import iter_seed_files, path_text
from quizgen.store import articles as article_store
from quizgen.store import card_counts, read_snapshot

if TYPE_CHECKING:
    from quizgen.store import Snapshot


def unchanged_rebuild(
    db_path: Path, paths: Sequence[str | Path], decks_dir: Path | None = None
) -> BuildReport | None:
    """The report `build_corpus(db, paths, decks_dir=decks_dir)` would give, when that
    build would write nothing; None when it might write (then run it)."""
    try:
        return read_snapshot(db_path, lambda snapshot: _counted(snapshot, paths, decks_dir))
    except OSError:  # a file or folder that cannot be looked at: the pipeline reports it
        return None


def _counted(
    connection: Snapshot, paths: Sequence[str | Path], decks_dir: Path | None
) -> BuildReport | None:
    definitions, deck_errors = load_deck_definitions(decks_dir or default_decks_dir())
    if deck_errors:  # a build with deck errors records no completed build
        return None
    if article_store.completed_build_mark(connection) != completed_build_mark(definitions):
        return None
    paths = [Path(os.path.abspath(path)) for path in paths]
    files = list(iter_seed_files(paths))
    stored = StoredArticles.load(connection, files)
    results: list[FileResult] = []
    for path in files:
        result = recognize_file(path, definitions, stored)
        if result is None:
            return None
        results.append(result)
    report = BuildReport(files=len(files))
    if not _count_files(connection, results, stored, report):
        return None
    gone = articles_gone(paths, results, article_store.article_paths(connection))
    if any(card_counts.active_kind_counts(connection, article_id) for article_id in gone):
        return None  # their cards would be retired
    if not _count_deck_cards(connection, definitions, report):
        return None
    return report


def _count_files(
    connection: Snapshot,
    results: list[FileResult],
    stored: StoredArticles,
    report: BuildReport,
) -> bool:
    """Count each file as the pipeline's `_build_files` does; False where it would write."""
    titles_seen: dict[str, str] = {}
    for result in results:
        here = path_text(result.path)
        # a file found otherwise than the record of it says: the record would change
        if here in stored.unreadable and not result.error:
            return False
        if here in stored.shadowed and not result.shadowed:
            return False
        if result.error:  # recognized by its remembered bytes and reason: said again
            report.skipped.append((here, result.error))
            continue
        first = titles_seen.get(result.article_id)
        if result.shadowed:
            if first is None:  # no earlier file holds the title now: it would be read
                return False
            # recognized by its remembered (path, hash, article): nothing to remember anew
            report.skipped.append((here, f"same article title as {first}; skipped"))
            continue
        if first is not None:
            return False
        titles_seen[result.article_id] = here
        report.articles_read += 1
        report.unchanged_files += 1
        report.count_unchanged(
            result.deck, card_counts.active_kind_counts(connection, result.article_id)
        )
    return True


def _count_deck_cards(
    connection: Snapshot, definitions: list[DeckDefinition], report: BuildReport
) -> bool:
    """Count each deck's own cards (its timeline) as `_build_deck_timelines` would find
    them: as the last completed build left them, since neither the deck definitions nor
    any article changed. False when the learner edited one (the pipeline weighs it)."""
    named = [definition.name for definition in definitions]
    for name in dict.fromkeys([*named, *card_counts.decks_with_own_cards(connection)]):
        if not article_store.deck_exists(connection, name):
            continue
        if card_counts.deck_cards_edited(connection, name):
            return False
        report.count_unchanged(name, card_counts.active_deck_kind_counts(connection, name))
    return True
