"""An unchanged rebuild is counted from the database alone, exactly as the pipeline counts it.

`quiz build` first asks quizgen.build.unchanged whether every file is as the last
completed build left it; if so it prints that report without loading the builder.
These tests hold the shortcut to the pipeline's own report on real articles (the
corpus in both formats, the bundled seeds gathered into one deck with a timeline),
and check that it steps aside whenever the pipeline would write anything.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.paths import CORPUS, SEEDS
from support.processes import python_lines

import quizgen.build.pipeline as pipeline
from quizgen.browse.editing import ProposedEdit, save_edit
from quizgen.build import fingerprints
from quizgen.build.pipeline import build_corpus
from quizgen.build.unchanged import unchanged_rebuild
from quizgen.cli import main
from quizgen.store import open_database
from quizgen.store.cards import card_from_row

BUILT = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def _dump(db_path: Path) -> list[str]:
    connection = sqlite3.connect(db_path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def _full_rebuild(db_path: Path, folder: Path, decks: Path):
    db = open_database(db_path)
    try:
        return build_corpus(db, [folder], now=LATER, decks_dir=decks)
    finally:
        db.close()


@pytest.fixture(scope="module")
def _both_built(tmp_path_factory) -> tuple[Path, Path, Path, Path]:
    """The 26 corpus articles in both formats, built once: (folder, pristine copy of it,
    decks, database). The stored paths name the folder, so every test rebuilds there."""
    if not (CORPUS / "a").is_dir():
        pytest.skip("the real corpus is not beside this checkout")
    top = tmp_path_factory.mktemp("both")
    pristine = top / "pristine"
    shutil.copytree(CORPUS / "a", pristine / "a")
    shutil.copytree(CORPUS / "b", pristine / "b")
    folder = top / "both"
    shutil.copytree(pristine, folder)
    decks = top / "decks"
    decks.mkdir()
    db_path = top / "quiz.db"
    db = open_database(db_path)
    build_corpus(db, [folder], now=BUILT, decks_dir=decks)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return folder, pristine, decks, db_path


@pytest.fixture
def both(_both_built, tmp_path) -> tuple[Path, Path, Path]:
    """(folder, decks, database) as the build left them: the folder and the deck folder
    restored (the tests of one file run one after another), the database this test's own."""
    folder, pristine, decks, db_path = _both_built
    shutil.rmtree(folder)
    shutil.copytree(pristine, folder)
    for deck_file in decks.iterdir():
        deck_file.unlink()
    own_db = tmp_path / "quiz.db"
    shutil.copy(db_path, own_db)
    return folder, decks, own_db


@pytest.fixture
def seeds_in_one_deck(tmp_path) -> tuple[Path, Path, Path]:
    """The bundled seeds gathered into one deck (with a timeline across them), built."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "caucasus.yaml").write_text(
        f"name: Caucasus 1918–1920\narticles:\n  - {folder}/*.txt\n", encoding="utf-8"
    )
    db_path = tmp_path / "quiz.db"
    db = open_database(db_path)
    build_corpus(db, [folder], now=BUILT, decks_dir=decks)
    db.close()
    return folder, decks, db_path


def test_the_corpus_in_both_formats_is_counted_as_the_pipeline_counts_it(both):
    folder, decks, db_path = both
    before = _dump(db_path)
    counted = unchanged_rebuild(db_path, [folder], decks)
    assert _dump(db_path) == before  # nothing written, not even the mark
    assert counted is not None
    assert (counted.files, counted.articles_read, counted.unchanged_files) == (52, 26, 26)
    assert len(counted.skipped) == 26
    assert all(reason.startswith("same article title as") for _, reason in counted.skipped)
    assert counted == _full_rebuild(db_path, folder, decks)
    assert _dump(db_path) == before  # the pipeline found nothing to change either


def test_a_deck_with_a_timeline_is_counted_as_the_pipeline_counts_it(seeds_in_one_deck):
    folder, decks, db_path = seeds_in_one_deck
    counted = unchanged_rebuild(db_path, [folder], decks)
    assert counted is not None
    assert counted.cards_by_kind["timeline"] == 2  # one article's own, and the deck's
    assert list(counted.changes) == ["Caucasus 1918–1920"]
    assert counted == _full_rebuild(db_path, folder, decks)


def test_it_steps_aside_when_a_file_changed_appeared_or_cannot_be_read(both):
    folder, decks, db_path = both
    changed = folder / "b" / "aardvark.txt"
    original = changed.read_bytes()
    changed.write_bytes(original + b"\n")
    assert unchanged_rebuild(db_path, [folder], decks) is None
    changed.write_bytes(original)
    assert unchanged_rebuild(db_path, [folder], decks) is not None
    (folder / "notes.md").write_text("not an article\n", encoding="utf-8")
    assert unchanged_rebuild(db_path, [folder], decks) is None


def test_a_deleted_article_is_retired_by_the_pipeline_then_counted_again(both):
    folder, decks, db_path = both
    (folder / "a" / "aardvark.md").unlink()
    (folder / "b" / "aardvark.txt").unlink()
    assert unchanged_rebuild(db_path, [folder], decks) is None  # its cards are to retire
    report = _full_rebuild(db_path, folder, decks)
    assert sum(counts.retired for counts in report.changes.values()) > 0
    counted = unchanged_rebuild(db_path, [folder], decks)
    assert counted is not None and counted.articles_read == 25
    assert counted == _full_rebuild(db_path, folder, decks)


def test_it_steps_aside_after_a_build_that_did_not_end(both):
    folder, decks, db_path = both
    connection = sqlite3.connect(db_path)
    with connection:  # as a build leaves it while it runs, or when it was killed
        connection.execute("DELETE FROM meta WHERE key = 'completed_build'")
    connection.close()
    assert unchanged_rebuild(db_path, [folder], decks) is None
    _full_rebuild(db_path, folder, decks)  # ends, and says so
    assert unchanged_rebuild(db_path, [folder], decks) is not None


def test_it_steps_aside_for_new_deck_files_and_a_new_generator(both, monkeypatch):
    folder, decks, db_path = both
    (decks / "pair.yaml").write_text(
        "name: Pair\narticles:\n  - Aardvark\n  - Abortion\n", encoding="utf-8"
    )
    assert unchanged_rebuild(db_path, [folder], decks) is None
    (decks / "pair.yaml").unlink()
    assert unchanged_rebuild(db_path, [folder], decks) is not None
    monkeypatch.setattr(fingerprints, "GENERATOR_VERSION", fingerprints.GENERATOR_VERSION + "x")
    assert unchanged_rebuild(db_path, [folder], decks) is None


def test_it_steps_aside_when_the_learner_edited_a_deck_timeline(seeds_in_one_deck):
    folder, decks, db_path = seeds_in_one_deck
    db = open_database(db_path)
    timeline = card_from_row(next(db.query("SELECT * FROM cards WHERE fact_key LIKE 'deck-%'")))
    mine = dataclasses.replace(ProposedEdit.of(timeline), question=timeline.question + " (mine)")
    save_edit(db, timeline, mine, LATER)
    db.close()
    assert unchanged_rebuild(db_path, [folder], decks) is None


def test_the_command_prints_the_same_either_way(both, capsys, monkeypatch):
    folder, decks, db_path = both
    argv = ["build", str(folder), "--db", str(db_path), "--decks", str(decks), "--jobs", "1"]
    assert main(argv) == 1  # the second files are skipped
    shortcut = capsys.readouterr()
    monkeypatch.setattr("quizgen.build.unchanged.unchanged_rebuild", lambda *args: None)
    assert main(argv) == 1
    pipeline = capsys.readouterr()
    assert shortcut.out == pipeline.out and shortcut.err == pipeline.err
    assert "26 unchanged files" in shortcut.out


def test_an_unchanged_rebuild_loads_neither_the_builder_nor_sqlite_utils(both):
    folder, decks, db_path = both
    probe = (
        "import sys\n"
        "from quizgen.cli import main\n"
        f"status = main(['build', {str(folder)!r}, '--db', {str(db_path)!r},"
        f" '--decks', {str(decks)!r}])\n"
        "print(status, [n for n in ('sqlite_utils', 'quizgen.build.pipeline', 'yaml',"
        " 'quizgen.ingest.readers') if n in sys.modules])\n"
    )
    assert python_lines(probe)[-1] == "1 []"


def test_an_unreadable_file_is_said_again_without_being_read(both, monkeypatch):
    folder, decks, db_path = both
    notes = folder / "notes.md"
    notes.write_text("Reading list for the week.\n", encoding="utf-8")
    first = _full_rebuild(db_path, folder, decks)
    reason = dict(first.skipped)[str(notes)]
    assert reason.startswith("unrecognized format")
    counted = unchanged_rebuild(db_path, [folder], decks)
    assert counted is not None and dict(counted.skipped)[str(notes)] == reason
    read: list[str] = []
    original = pipeline.read_article
    monkeypatch.setattr(pipeline, "read_article", lambda path: read.append(path) or original(path))
    assert counted == _full_rebuild(db_path, folder, decks)
    assert read == []  # the pipeline knew the reason from the bytes too
    notes.write_text(
        "= Reading list =\nA list of books worth reading this week.\n", encoding="utf-8"
    )
    assert unchanged_rebuild(db_path, [folder], decks) is None
    fixed = _full_rebuild(db_path, folder, decks)
    assert read == [notes] and str(notes) not in dict(fixed.skipped)
    assert fixed.articles_read == 27
    assert unchanged_rebuild(db_path, [folder], decks) == _full_rebuild(db_path, folder, decks)
