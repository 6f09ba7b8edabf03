"""A folder holding each article in both formats rebuilds without planning the second files.

Real articles from the shared corpus (format A and format B of the same titles):
the second file of a title is skipped as before, but on a rebuild it is not
planned first; when the first file lost the title meanwhile, the second file is
planned after all and the database ends as a build from nothing would leave it.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.paths import CORPUS

import quizgen.build.pipeline as pipeline
from quizgen.build.pipeline import build_corpus
from quizgen.export.jsonl import export_jsonl
from quizgen.store import open_database

NOW = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
NAMES = ("aardvark", "academy-awards", "abortion")


@pytest.fixture
def both(tmp_path):
    if not (CORPUS / "a").is_dir():
        pytest.skip("the real corpus is not beside this checkout")
    folder = tmp_path / "both"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    for name in NAMES:
        shutil.copy(CORPUS / "a" / f"{name}.md", folder / "a")
        shutil.copy(CORPUS / "b" / f"{name}.txt", folder / "b")
    return folder


def _exported(db) -> str:
    """The `quiz export --format jsonl` text of the database: every card, id and option."""
    path = Path(db.conn.execute("PRAGMA database_list").fetchone()[2] + ".jsonl")
    export_jsonl(db, out=path)
    return path.read_text(encoding="utf-8")


def _counting_plans(monkeypatch) -> list[str]:
    planned: list[str] = []
    original = pipeline.plan_article

    def counting(article, deck, *args, **kwargs):
        planned.append(article.source_path)
        return original(article, deck, *args, **kwargs)

    monkeypatch.setattr(pipeline, "plan_article", counting)
    return planned


def test_a_rebuild_plans_none_of_the_second_files(both, tmp_path, monkeypatch):
    db = open_database(tmp_path / "q.db")
    first = build_corpus(db, [both], now=NOW)
    assert len(first.skipped) == len(NAMES)  # each B file: same title as its A file
    before = _exported(db)
    planned = _counting_plans(monkeypatch)
    again = build_corpus(db, [both], now=NOW)
    assert planned == []
    assert again.skipped == first.skipped
    assert again.unchanged_files == len(NAMES)
    assert _exported(db) == before


def test_a_first_build_plans_each_title_once(both, tmp_path, monkeypatch):
    """A second file read with a title an earlier file of this build already has is
    skipped unplanned (the plan would be thrown away); the cards are those of the
    first files alone, and the skipped files are remembered as on any build."""
    planned = _counting_plans(monkeypatch)
    db = open_database(tmp_path / "q.db")
    report = build_corpus(db, [both], now=NOW)
    assert sorted(planned) == sorted(str(both / "a" / f"{name}.md") for name in NAMES)
    assert [reason for _, reason in report.skipped] == [
        f"same article title as {both / 'a' / name}.md; skipped" for name in sorted(NAMES)
    ]
    only_a = open_database(tmp_path / "a.db")
    build_corpus(only_a, [both / "a"], now=NOW)
    assert _exported(db) == _exported(only_a)
    read = _counting_reads(monkeypatch)
    build_corpus(db, [both], now=NOW)
    assert read == []  # the second files were remembered by their bytes


def test_a_second_file_whose_first_lost_the_title_is_built_as_from_nothing(
    both, tmp_path, monkeypatch
):
    db = open_database(tmp_path / "q.db")
    build_corpus(db, [both], now=NOW)
    renamed = both / "a" / f"{NAMES[0]}.md"
    text = renamed.read_text(encoding="utf-8")
    assert "title: Aardvark" in text
    renamed.write_text(text.replace("title: Aardvark", "title: Aardvark notes", 1), "utf-8")
    planned = _counting_plans(monkeypatch)
    report = build_corpus(db, [both], now=NOW)
    assert sorted(planned) == sorted([str(renamed), str(both / "b" / f"{NAMES[0]}.txt")])
    fresh = open_database(tmp_path / "fresh.db")
    fresh_report = build_corpus(fresh, [both], now=NOW)
    assert report.skipped == fresh_report.skipped
    assert _exported(db) == _exported(fresh)


def _counting_reads(monkeypatch) -> list[str]:
    read: list[str] = []
    original = pipeline.read_article

    def counting(path, *args, **kwargs):
        read.append(str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_article", counting)
    return read


def test_an_unchanged_rebuild_reads_no_file_not_even_the_second_ones(both, tmp_path, monkeypatch):
    """The second file of a title is known by the hash of its bytes from the last build:
    its title is not parsed again to find that it repeats the first file's."""
    db = open_database(tmp_path / "q.db")
    first = build_corpus(db, [both], now=NOW)
    before = _exported(db)
    read = _counting_reads(monkeypatch)
    again = build_corpus(db, [both], now=NOW)
    assert read == []
    assert again.skipped == first.skipped
    assert _exported(db) == before


def test_a_second_file_that_changed_is_read_again(both, tmp_path, monkeypatch):
    """A second file whose bytes changed is read: here it took a title of its own, so it
    is built as an article of its own, as a build from nothing would build it."""
    db = open_database(tmp_path / "q.db")
    build_corpus(db, [both], now=NOW)
    changed = both / "b" / f"{NAMES[0]}.txt"
    text = changed.read_text(encoding="utf-8")
    assert text.startswith("= Aardvark =")
    changed.write_text(text.replace("= Aardvark =", "= Aardvark notes =", 1), "utf-8")
    read = _counting_reads(monkeypatch)
    report = build_corpus(db, [both], now=NOW)
    assert read == [str(changed)]
    assert report.articles_read == len(NAMES) + 1
    fresh = open_database(tmp_path / "fresh.db")
    fresh_report = build_corpus(fresh, [both], now=NOW)
    assert report.skipped == fresh_report.skipped
    assert _exported(db) == _exported(fresh)
    # and back: the file repeats its first file's title again and is skipped again
    changed.write_text(text, "utf-8")
    report = build_corpus(db, [both], now=NOW)
    assert len(report.skipped) == len(NAMES)
    assert report.articles_read == len(NAMES)


def test_a_second_file_whose_first_was_deleted_becomes_the_source(both, tmp_path):
    """Known unread as a second file, the B file is still built when no earlier file
    claims its title any more: the database ends as a build from nothing leaves it."""
    db = open_database(tmp_path / "q.db")
    build_corpus(db, [both], now=NOW)
    (both / "a" / f"{NAMES[0]}.md").unlink()
    report = build_corpus(db, [both], now=NOW)
    assert len(report.skipped) == len(NAMES) - 1
    fresh = open_database(tmp_path / "fresh.db")
    build_corpus(fresh, [both], now=NOW)
    assert _exported(db) == _exported(fresh)


def test_an_unchanged_rebuild_on_two_processes_starts_no_worker(both, tmp_path, monkeypatch):
    """Every file is recognized from its bytes before any worker is asked: with nothing
    to plan, no worker process is started (each would load the whole planner)."""
    import quizgen.build.workers as workers

    names = sorted(path.stem for path in (CORPUS / "b").glob("*.txt"))[:9]
    for name in names:
        shutil.copy(CORPUS / "a" / f"{name}.md", both / "a")
        shutil.copy(CORPUS / "b" / f"{name}.txt", both / "b")
    files = list((both / "a").iterdir()) + list((both / "b").iterdir())
    assert len(files) > workers.CHUNK_FILES
    db = open_database(tmp_path / "q.db")
    build_corpus(db, [both], now=NOW, workers=workers.ProcessWorkers(2))
    before = _exported(db)

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(workers, "ProcessPoolExecutor", no_pool)
    again = build_corpus(db, [both], now=NOW, workers=workers.ProcessWorkers(2))
    assert again.unchanged_files == len(set(NAMES) | set(names))
    assert _exported(db) == before


def test_one_and_two_processes_build_the_same_real_corpus(tmp_path):
    """Real articles, each in both formats, more files than one planning task holds:
    the same cards, ids and options from one process and from two, and again after an
    unchanged rebuild on two."""
    from quizgen.build.workers import CHUNK_FILES, ProcessWorkers

    if not (CORPUS / "a").is_dir():
        pytest.skip("the real corpus is not beside this checkout")
    folder = tmp_path / "both"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    names = sorted(path.stem for path in (CORPUS / "b").glob("*.txt"))[:9]
    for name in names:
        shutil.copy(CORPUS / "a" / f"{name}.md", folder / "a")
        shutil.copy(CORPUS / "b" / f"{name}.txt", folder / "b")
    assert 2 * len(names) > CHUNK_FILES
    exports = []
    for jobs in (1, 2):
        db = open_database(tmp_path / f"jobs{jobs}.db")
        report = build_corpus(db, [folder], now=NOW, workers=ProcessWorkers(jobs))
        assert report.articles_read == len(names)
        exports.append(_exported(db))
    assert exports[0].count("\n") > 50
    assert exports[0] == exports[1]
    db = open_database(tmp_path / "jobs2.db")
    again = build_corpus(db, [folder], now=NOW, workers=ProcessWorkers(2))
    assert again.unchanged_files == len(names)
    assert _exported(db) == exports[0]


LOCK_PROBE = """
import sqlite3, sys, time
from pathlib import Path

connection = sqlite3.connect(sys.argv[1], timeout=600, isolation_level=None)
stop = Path(sys.argv[2])
longest = 0.0
print("probing", flush=True)
while not stop.exists():
    started = time.monotonic()
    connection.execute("BEGIN IMMEDIATE")  # what the study app does to record an answer
    longest = max(longest, time.monotonic() - started)
    connection.execute("COMMIT")
    time.sleep(0.005)
print(longest, flush=True)
"""


def test_writing_while_two_processes_plan_never_holds_the_lock_across_a_wait(tmp_path):
    """With --jobs 2 the parent writes each article as the workers return it; while it
    waits for them it holds no write lock, so an answer never waits more than a moment."""
    import subprocess
    import sys

    if not (CORPUS / "a").is_dir():
        pytest.skip("the real corpus is not beside this checkout")
    folder = tmp_path / "both"
    shutil.copytree(CORPUS / "a", folder / "a")
    shutil.copytree(CORPUS / "b", folder / "b")
    db_path = tmp_path / "quiz.db"
    open_database(db_path).close()
    stop = tmp_path / "stop"
    probe = subprocess.Popen(
        [sys.executable, "-c", LOCK_PROBE, str(db_path), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert probe.stdout is not None and probe.stdout.readline().strip() == "probing"
    build = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "build", "--jobs", "2", "--db", str(db_path)]
        + [str(folder)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    stop.touch()
    out, err = probe.communicate(timeout=120)
    assert build.returncode == 1, build.stderr  # the B files: same titles, skipped
    assert "locked" not in build.stderr + err
    assert float(out.strip()) < 2.0  # "a second or two", as for one process
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 26
