"""Regeneration: rebuilding after the articles changed never loses a learner's progress.

Real builds of synthetic articles (both formats) written to tmp_path; a learner is
simulated by setting FSRS columns on cards and inserting review rows, then the
articles are edited and rebuilt and every card's fate is checked.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from support.articles import BACKGROUND, SyntheticArticle, day_text, write_article

import quizgen.build.pipeline as build_module
import quizgen.store as store
from quizgen.build import fingerprints
from quizgen.build.pipeline import BuildReport, build_corpus
from quizgen.cli import main
from quizgen.core.identity import article_id, card_id
from quizgen.store import StoreError, open_database

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=30)

LOVELACE = SyntheticArticle(
    title="Augusta Wren",
    short_description="English mathematician (1815–1852)",
    infobox=(
        ("Name", "Augusta Wren"),
        ("Born", "10 December 1815, London"),
        ("Died", "27 November 1852, Marylebone"),
        ("Occupation", "mathematician"),
        ("Nationality", "English"),
    ),
    lead=("Augusta Wren was an English mathematician.", BACKGROUND),
    sections=(
        (
            "Early life",
            ("In 1833, Wren met the engineer Charles Babbage at a party in London.",),
        ),
        (
            "Work",
            (
                "On 5 July 1843, Wren published her notes on the Analytical Engine.",
                "The Royal Society elected Wren a fellow in 1847.",
            ),
        ),
    ),
)

BATTLE = SyntheticArticle(
    title="Battle of Morrow Ridge",
    infobox=(
        ("Conflict", "Battle of Morrow Ridge"),
        ("Date", "14 October 1566"),
        ("Place", "near Morrow"),
        ("Result", "Decisive victory"),
        ("Combatant1", "Duchy of Brno"),
        ("Combatant2", "Kingdom of Lund"),
        ("Commander1", "Olga Petrov"),
    ),
    lead=("The Battle of Morrow Ridge was fought on 14 October 1566 near Morrow.", BACKGROUND),
    sections=(
        ("Background", ("In 1560, the Duchy of Brno signed a treaty with the merchants of Graz.",)),
        ("Aftermath", ("A peace treaty was signed at Tartu on 3 March 1567.",)),
    ),
)


# -- helpers -------------------------------------------------------------------


def build(db_path: Path, folder: Path, now: datetime = T0, **options) -> BuildReport:
    db = open_database(db_path)
    try:
        return build_corpus(db, [folder], now=now, definitions=[], **options)
    finally:
        db.close()


def cards(db_path: Path) -> dict[str, dict]:
    db = Database(sqlite3.connect(db_path))
    try:
        return {row["id"]: row for row in db["cards"].rows}
    finally:
        db.conn.close()


def fact_card(db_path: Path, title: str, fact_key: str) -> dict:
    return cards(db_path)[card_id(title, fact_key)]


def learn(db_path: Path, ids: list[str], at: datetime = T0) -> None:
    """A learner who studied these cards: review state and three review rows each."""
    connection = sqlite3.connect(db_path)
    with connection:
        session = connection.execute(
            "INSERT INTO sessions (deck, mode, started_at) VALUES (NULL, 'type', ?)",
            [at.isoformat()],
        ).lastrowid
        for index, identifier in enumerate(ids):
            connection.execute(
                "UPDATE cards SET fsrs_state = 2, fsrs_step = NULL, stability = ?, difficulty = ?,"
                " due = ?, last_review = ?, reps = 3, lapses = 1 WHERE id = ?",
                [
                    12.5 + index,
                    4.25,
                    (at + timedelta(days=12)).isoformat(),
                    at.isoformat(),
                    identifier,
                ],
            )
            for day in range(3):
                connection.execute(
                    "INSERT INTO reviews (card_id, session_id, reviewed_at, rating, mode,"
                    " answer_given, verdict, duration_ms, state_before, state_after)"
                    " VALUES (?, ?, ?, 3, 'type', 'x', 'correct', 900, '{}', '{}')",
                    [identifier, session, (at - timedelta(days=3 - day)).isoformat()],
                )
    connection.close()


def review_count(db_path: Path, identifier: str) -> int:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "SELECT count(*) FROM reviews WHERE card_id = ?", [identifier]
        ).fetchone()[0]
    finally:
        connection.close()


def changes_of(db_path: Path, identifier: str) -> list[tuple[str, str | None, str | None]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "SELECT change, old_answer, new_answer FROM card_changes WHERE card_id = ? ORDER BY id",
            [identifier],
        ).fetchall()
    finally:
        connection.close()


SCHEDULING = ("fsrs_state", "stability", "difficulty", "due", "last_review", "reps", "lapses")


def scheduling(row: dict) -> tuple:
    return tuple(row[column] for column in SCHEDULING)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "seeds"
    write_article(folder, "wren.txt", LOVELACE, "b")
    write_article(folder, "morrow.md", BATTLE, "a")
    db_path = tmp_path / "quiz.db"
    report = build(db_path, folder)
    assert report.skipped == []
    assert report.changes["Augusta Wren"].added >= 6
    assert report.changes["Battle of Morrow Ridge"].added >= 6
    return folder, db_path


# -- unchanged, reworded, re-laid-out, renamed: same cards, same history ----------------


def test_unchanged_rebuild_touches_nothing(corpus: tuple[Path, Path]) -> None:
    folder, db_path = corpus
    before = cards(db_path)
    learn(db_path, list(before)[:4])
    studied = cards(db_path)
    report = build(db_path, folder, now=T1)
    assert report.unchanged_files == 2
    assert sum(c.unchanged for c in report.changes.values()) == len(before)
    assert sum(c.added + c.updated + c.retired for c in report.changes.values()) == 0
    assert cards(db_path) == studied


def test_layout_changes_keep_every_card_and_its_history(corpus: tuple[Path, Path]) -> None:
    folder, db_path = corpus
    before = cards(db_path)
    learn(db_path, list(before))
    studied = cards(db_path)
    # Sections swapped, a paragraph with a new dated fact added, the file renamed,
    # and format B rewritten as format A: the same title and facts.
    relaid = dataclasses.replace(
        LOVELACE,
        lead=(*LOVELACE.lead, "She was tutored by Mary Somerville."),
        sections=(
            (
                "Later life",
                ("In 1850, Wren travelled to Yorkshire to visit the estate of her cousin.",),
            ),
            LOVELACE.sections[1],
            LOVELACE.sections[0],
        ),
    )
    (folder / "wren.txt").unlink()
    write_article(folder, "people/augusta_wren_renamed.md", relaid, "a")
    report = build(db_path, folder, now=T1)
    after = cards(db_path)
    counts = report.changes["Augusta Wren"]
    # A new event may change which events the article's timeline cards order: those are
    # other facts (other cards), the former ones retired with their history.
    # A timeline takes the place of the article's weakest card when the budget is full: a
    # new fact may leave one card over the budget (retired, reported as such).
    timelines_before = {i for i, r in before.items() if r["kind"] == "timeline"}
    replaced = {i for i in timelines_before if after[i]["status"] == "retired"}
    new_timelines = {i for i, r in after.items() if r["kind"] == "timeline" and i not in before}
    given_up = {i for i in set(before) - timelines_before if after[i]["status"] == "retired"}
    (outcome,) = [o for o in report.articles if o.title == "Augusta Wren"]
    over_budget = {text for reason, text in outcome.rejected_samples if "budget" in reason}
    assert len(given_up) <= 1
    assert all(after[i]["question"] in over_budget for i in given_up)
    replaced |= given_up
    assert counts.added == 1 + len(new_timelines) and counts.answer_changed == 0
    assert counts.retired == len(replaced)
    (new_id,) = set(after) - set(before) - new_timelines
    assert after[new_id]["answer"] == "1850" and after[new_id]["fsrs_state"] is None
    for identifier, row in studied.items():
        if identifier in replaced:
            continue
        assert after[identifier]["status"] == "active"
        assert scheduling(after[identifier]) == scheduling(row)
        assert review_count(db_path, identifier) == 3
    moved = [
        r for r in after.values() if r["source_title"] == "Augusta Wren" and r["id"] not in replaced
    ]
    assert all(r["source_path"].endswith("augusta_wren_renamed.md") for r in moved)


def test_renamed_file_with_same_content_keeps_everything(corpus: tuple[Path, Path]) -> None:
    folder, db_path = corpus
    learn(db_path, list(cards(db_path)))
    studied = cards(db_path)
    (folder / "morrow.md").rename(folder / "battle_of_morrow_ridge.md")
    report = build(db_path, folder, now=T1)
    assert report.unchanged_files == 2
    assert sum(c.retired + c.added for c in report.changes.values()) == 0
    after = cards(db_path)
    assert {i: scheduling(r) for i, r in after.items()} == {
        i: scheduling(r) for i, r in studied.items()
    }
    connection = sqlite3.connect(db_path)
    (path,) = connection.execute(
        "SELECT path FROM articles WHERE id = ?", [article_id(BATTLE.title)]
    ).fetchone()
    connection.close()
    assert path.endswith("battle_of_morrow_ridge.md")


def test_reworded_questions_keep_their_cards(
    corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new phrasing (a better generator) rewrites the question, never the card's identity."""
    folder, db_path = corpus
    before = cards(db_path)
    learn(db_path, list(before))
    studied = cards(db_path)
    original = build_module.phrase_candidates

    def reworded(article):
        candidates = original(article)
        questions = [
            dataclasses.replace(question, question="Quiz: " + question.question)
            for question in candidates.questions
        ]
        return dataclasses.replace(candidates, questions=questions)

    monkeypatch.setattr(build_module, "phrase_candidates", reworded)
    monkeypatch.setattr(fingerprints, "GENERATOR_VERSION", fingerprints.GENERATOR_VERSION + "x")
    report = build(db_path, folder, now=T1)
    after = cards(db_path)
    assert set(after) == set(before)
    # timeline cards are worded from their events' clauses, not from the questions
    reworded_ids = {i for i, r in before.items() if r["kind"] != "timeline"}
    assert reworded_ids and sum(c.updated for c in report.changes.values()) == len(reworded_ids)
    for identifier, row in after.items():
        if identifier in reworded_ids:
            assert row["question"] == "Quiz: " + before[identifier]["question"]
        else:
            assert row["question"] == before[identifier]["question"]
        assert scheduling(row) == scheduling(studied[identifier])
        assert review_count(db_path, identifier) == 3


# -- answers that changed ------------------------------------------------------------


def test_changed_answer_resets_scheduling_and_keeps_history(corpus: tuple[Path, Path]) -> None:
    folder, db_path = corpus
    learn(db_path, list(cards(db_path)))
    studied = cards(db_path)
    result_key = "infobox:result"
    born_key = "infobox:born"
    edited_battle = BATTLE.with_field("Result", "Stalemate")
    edited_person = dataclasses.replace(
        LOVELACE.with_field("Born", f"{day_text(1816, 1, 11)}, London"),
        sections=(
            LOVELACE.sections[0],
            (
                "Work",
                (
                    "On 9 September 1844, Wren published her notes on the Analytical Engine.",
                    LOVELACE.sections[1][1][1],
                ),
            ),
        ),
    )
    write_article(folder, "morrow.md", edited_battle, "a")
    write_article(folder, "wren.txt", edited_person, "b")
    report = build(db_path, folder, now=T1)
    after = cards(db_path)
    changed = {i for i, r in after.items() if r["answer"] != studied[i]["answer"]}
    assert card_id(BATTLE.title, result_key) in changed
    assert card_id(LOVELACE.title, born_key) in changed
    notes = [i for i in changed if "published" in (after[i]["source_text"] or "")]
    assert len(notes) == 1, "the dated sentence keeps its card when only its date changes"
    total_changed = sum(c.answer_changed for c in report.changes.values())
    assert total_changed == len(changed) >= 3
    for identifier in changed:
        row = after[identifier]
        assert row["status"] == "active"
        assert (row["fsrs_state"], row["stability"], row["due"], row["reps"]) == (
            None,
            None,
            None,
            0,
        )
        assert review_count(db_path, identifier) == 3
        assert changes_of(db_path, identifier) == [
            ("answer_changed", studied[identifier]["answer"], row["answer"])
        ]
    assert after[card_id(BATTLE.title, result_key)]["answer"] == "Stalemate"
    for identifier in set(after) - changed:
        assert scheduling(after[identifier]) == scheduling(studied[identifier])


# -- facts that go and come back -------------------------------------------------------------


def test_gone_fact_is_retired_then_restored_with_its_history(corpus: tuple[Path, Path]) -> None:
    folder, db_path = corpus
    learn(db_path, list(cards(db_path)))
    studied = cards(db_path)
    commander = card_id(BATTLE.title, "infobox:commander1")
    assert commander in studied
    write_article(folder, "morrow.md", BATTLE.without_field("Commander1"), "a")
    report = build(db_path, folder, now=T1)
    assert report.changes[BATTLE.title].retired >= 1
    retired = cards(db_path)[commander]
    assert retired["status"] == "retired"
    assert scheduling(retired) == scheduling(studied[commander])
    assert review_count(db_path, commander) == 3
    db = open_database(db_path)
    queued = {row[0] for row in db.execute("SELECT id FROM cards WHERE status = 'active'")}
    db.close()
    assert commander not in queued

    write_article(folder, "morrow.md", BATTLE, "a")
    report = build(db_path, folder, now=T1 + timedelta(days=1))
    assert report.changes[BATTLE.title].restored >= 1
    restored = cards(db_path)[commander]
    assert restored["status"] == "active"
    assert scheduling(restored) == scheduling(studied[commander])
    assert review_count(db_path, commander) == 3
    kinds = [change for change, _, _ in changes_of(db_path, commander)]
    assert kinds == ["retired", "restored"]


def test_new_facts_become_new_cards(corpus: tuple[Path, Path]) -> None:
    folder, db_path = corpus
    before = cards(db_path)
    write_article(folder, "morrow.md", BATTLE.with_field("Commander2", "Tamar Yilmaz"), "a")
    report = build(db_path, folder, now=T1)
    after = cards(db_path)
    added = set(after) - set(before)
    assert report.changes[BATTLE.title].added == len(added) >= 1
    assert all(after[i]["fsrs_state"] is None and after[i]["status"] == "active" for i in added)
    assert any("Tamar Yilmaz" in after[i]["answer"] for i in added)


def test_changed_title_is_a_new_article(corpus: tuple[Path, Path]) -> None:
    folder, db_path = corpus
    learn(db_path, list(cards(db_path)))
    old_ids = {i for i, r in cards(db_path).items() if r["source_title"] == BATTLE.title}
    renamed = dataclasses.replace(BATTLE, title="Siege of Morrow")
    write_article(folder, "morrow.md", renamed, "a")
    report = build(db_path, folder, now=T1)
    after = cards(db_path)
    new_ids = {i for i, r in after.items() if r["source_title"] == "Siege of Morrow"}
    assert new_ids and not new_ids & old_ids
    assert report.changes["Siege of Morrow"].added == len(new_ids)
    assert report.changes[BATTLE.title].retired == len(old_ids)
    assert all(after[i]["status"] == "retired" for i in old_ids)
    assert all(review_count(db_path, i) == 3 for i in old_ids)


def test_deleted_file_retires_its_cards_and_a_broken_one_does_not(
    corpus: tuple[Path, Path],
) -> None:
    folder, db_path = corpus
    before = cards(db_path)
    (folder / "morrow.md").unlink()
    (folder / "wren.txt").write_bytes(b"\x00\x01 broken by a bad editor")
    report = build(db_path, folder, now=T1)
    after = cards(db_path)
    assert [path for path, _ in report.skipped] == [str(folder / "wren.txt")]
    for identifier, row in before.items():
        expected = "retired" if row["source_title"] == BATTLE.title else "active"
        assert after[identifier]["status"] == expected


def test_building_one_file_leaves_the_other_articles_alone(corpus: tuple[Path, Path]) -> None:
    folder, db_path = corpus
    before = cards(db_path)
    db = open_database(db_path)
    build_corpus(db, [folder / "wren.txt"], now=T1, definitions=[])
    db.close()
    assert {i: r["status"] for i, r in cards(db_path).items()} == {
        i: r["status"] for i, r in before.items()
    }


# -- what `quiz build` prints, and --dry-run -------------------------------------------------


def test_quiz_build_prints_the_change_per_deck(
    corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, db_path = corpus
    capsys.readouterr()
    write_article(folder, "morrow.md", BATTLE.with_field("Result", "Stalemate"), "a")
    assert main(["build", "--db", str(db_path), str(folder)]) == 0
    out = capsys.readouterr().out
    battle_line = next(line for line in out.splitlines() if line.strip().startswith(BATTLE.title))
    assert "1 answer changed" in battle_line and "unchanged" in battle_line
    wren_line = next(line for line in out.splitlines() if "Augusta Wren" in line)
    assert "unchanged" in wren_line and "added" not in wren_line


def test_dry_run_reports_and_writes_nothing(
    corpus: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, db_path = corpus
    learn(db_path, list(cards(db_path))[:3])
    checkpoint = sqlite3.connect(db_path)
    checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    checkpoint.close()
    before_bytes = db_path.read_bytes()
    before = cards(db_path)
    write_article(folder, "morrow.md", BATTLE.with_field("Result", "Stalemate"), "a")
    (folder / "wren.txt").unlink()
    write_article(folder, "new.txt", dataclasses.replace(LOVELACE, title="Ines Moreau"), "b")
    capsys.readouterr()
    assert main(["build", "--dry-run", "--db", str(db_path), str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dry run")
    assert "1 answer changed" in out and "retired" in out and "added" in out
    assert cards(db_path) == before
    assert db_path.read_bytes() == before_bytes


def test_dry_run_without_a_database_creates_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "seeds"
    write_article(folder, "morrow.md", BATTLE, "a")
    db_path = tmp_path / "absent" / "quiz.db"
    assert main(["build", "--dry-run", "--db", str(db_path), str(folder)]) == 0
    assert "added" in capsys.readouterr().out
    assert not db_path.exists()


# -- schema versions and files that are not our database ---------------------------------


def test_older_database_is_migrated_in_place_with_a_backup(
    corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, db_path = corpus
    learn(db_path, list(cards(db_path))[:2])
    before = cards(db_path)

    def add_card_notes(db: Database) -> None:
        db["cards"].add_column("note", str)

    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, add_card_notes])
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    db = open_database(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert "note" in db["cards"].columns_dict
    db.close()
    after = cards(db_path)
    assert {i: {k: v for k, v in r.items() if k != "note"} for i, r in after.items()} == before
    backup = db_path.with_name(f"{db_path.name}.v{store.SCHEMA_VERSION - 1}.bak")
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION - 1
    assert old.execute("SELECT count(*) FROM cards").fetchone()[0] == len(before)
    assert old.execute("SELECT count(*) FROM reviews").fetchone()[0] == 6
    old.close()


def test_failed_migration_changes_nothing(
    corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, db_path = corpus
    before = cards(db_path)

    def broken(db: Database) -> None:
        db["cards"].add_column("note", str)
        raise RuntimeError("migration bug")

    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, broken])
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    with pytest.raises(RuntimeError):
        open_database(db_path)
    monkeypatch.undo()
    db = open_database(db_path)
    assert "note" not in db["cards"].columns_dict
    assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    db.close()
    assert cards(db_path) == before


def _newer(path: Path) -> None:
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()


def _foreign(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('Ada', '555')")
    connection.commit()
    connection.close()


def _corrupt(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_newer, "newer quizgen"),
        (_foreign, "not a quizgen database"),
        (_corrupt, "not a usable SQLite database"),
        (_empty, "empty file"),
    ],
)
def test_unusable_database_is_refused_and_left_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make, reason: str
) -> None:
    db_path = tmp_path / "quiz.db"
    make(db_path)
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as raised:
        open_database(db_path)
    message = str(raised.value)
    assert message.startswith(f"{db_path}:") and reason in message and "\n" not in message
    folder = tmp_path / "seeds"
    write_article(folder, "morrow.md", BATTLE, "a")
    assert main(["build", "--db", str(db_path), str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip().count("\n") == 0 and str(db_path) in captured.err
    assert "Traceback" not in captured.err
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quiz.db", "seeds"]


def test_answer_changed_card_row_is_json_clean(corpus: tuple[Path, Path]) -> None:
    """card_changes rows and the card's lists stay valid after an update."""
    folder, db_path = corpus
    write_article(folder, "morrow.md", BATTLE.with_field("Result", "Stalemate"), "a")
    build(db_path, folder, now=T1)
    row = fact_card(db_path, BATTLE.title, "infobox:result")
    assert isinstance(json.loads(row["accepted"]), list)
    assert isinstance(json.loads(row["distractors"]), list)
