"""`quiz cards` (the browser's search as a table or JSON lines) and `quiz card ID` (one
card's info and history; suspend, unsuspend, flag, unflag, reset): every option and
exit code."""

from __future__ import annotations

import json

import pytest
from support.study import FACTS, T0, make_database

from quizgen.browse.search import ORDERS
from quizgen.browse.stages import STAGES
from quizgen.cli import main
from quizgen.commands.cards import ORDER_NAMES, STAGE_NAMES
from quizgen.store import queue as queue_store


@pytest.fixture
def path(tmp_path):
    db_path = tmp_path / "c.db"
    make_database(db_path, FACTS)
    return db_path


def ids_of(path):
    from quizgen.store import open_database

    db = open_database(path)
    return [row[0] for row in db.execute("SELECT id FROM cards ORDER BY rowid")]


def test_the_command_names_the_browser_stages_and_orders():
    assert STAGE_NAMES == STAGES and ORDER_NAMES == ORDERS


def test_cards_lists_every_card_as_a_table(path, capsys):
    assert 0 == main(["cards", "--db", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(FACTS)
    assert lines[0].split()[1] == "new"
    assert lines[0].endswith("Who directed Metropolis (1927)?")  # films first


def test_cards_searches_filters_and_prints_json_lines(path, capsys):
    assert 0 == main(["cards", "--db", str(path), "--search", "lovelace", "--json"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["question"] for r in records] == [
        "When was Ada Lovelace born?",
        "Where did Ada Lovelace die?",
    ]
    assert set(records[0]) == {
        "id",
        "deck",
        "stage",
        "question",
        "answer",
        "due",
        "reviews",
        "lapses",
        "accuracy",
        "edited",
        "flag",
        "article_now_says",
    }
    assert records[0]["stage"] == "new" and records[0]["accuracy"] is None
    assert 0 == main(["cards", "--db", str(path), "--deck", "PLA", "--json"])
    decks = {json.loads(line)["deck"] for line in capsys.readouterr().out.splitlines()}
    assert decks == {"places"}
    assert 0 == main(["cards", "--db", str(path), "--search", "westminster"])  # source text
    assert "When was William crowned king of England?" in capsys.readouterr().out
    assert 0 == main(["cards", "--db", str(path), "--search", "nothing like this"])
    captured = capsys.readouterr()
    assert captured.out == "" and "No cards match." in captured.err


def test_cards_by_state_and_sort(path, capsys):
    ids = ids_of(path)
    assert 0 == main(["card", ids[2], "--db", str(path), "--suspend"])
    capsys.readouterr()
    assert 0 == main(["cards", "--db", str(path), "--state", "suspended"])
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == [ids[2]]
    from quizgen.store import open_database

    db = open_database(path)
    db.execute(
        "UPDATE cards SET fsrs_state = 2, lapses = 5, due = ? WHERE id = ?",
        [T0.isoformat(), ids[5]],
    )
    assert 0 == main(["cards", "--db", str(path), "--sort", "lapses", "--json"])
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["id"] == ids[5] and first["lapses"] == 5 and first["stage"] == "review"
    assert 0 == main(["cards", "--db", str(path), "--state", "review", "--sort", "due"])
    assert capsys.readouterr().out.split()[:3] == [ids[5], "review", T0.date().isoformat()]


def test_cards_usage_errors_exit_2(path, capsys):
    assert 2 == main(["cards", "--db", str(path), "--deck", "nope"])
    assert "no deck named" in capsys.readouterr().err
    for wrong in (["--state", "lost"], ["--sort", "colour"]):
        with pytest.raises(SystemExit) as exit_:
            main(["cards", "--db", str(path), *wrong])
        assert exit_.value.code == 2
    capsys.readouterr()


def test_card_shows_info_and_history(path, capsys):
    ids = ids_of(path)
    from quizgen.store import open_database

    db = open_database(path)
    db.execute(
        "INSERT INTO reviews (card_id, reviewed_at, rating, mode, answer_given, verdict,"
        " duration_ms) VALUES (?, ?, 1, 'type', '1816', 'wrong', 5300)",
        [ids[0], T0.isoformat()],
    )
    db.execute(
        "UPDATE cards SET fsrs_state = 1, stability = 0.4, difficulty = 6.5, due = ?,"
        " reps = 1 WHERE id = ?",
        [T0.isoformat(), ids[0]],
    )
    assert 0 == main(["card", ids[0], "--db", str(path)])
    out = capsys.readouterr().out
    for expected in (
        "Question:         When was Ada Lovelace born?",
        "Answer:           10 December 1815",
        "Options:          27 November 1852 · 4 March 1809 · 12 June 1820",
        "Article:          Ada Lovelace",
        "Section:          Infobox",
        "Sentence:         Born: 10 December 1815, London",
        "Stage:            learning",
        "stability 0.40 days  ·  difficulty 6.50",
        "History:          1 review",
        "2024-03-10 12:00  Again  type    wrong      5.3 s  1816",
        "1 review  ·  0 lapses",
    ):
        assert expected in out, expected


def test_card_actions_do_what_the_app_does(path, capsys):
    ids = ids_of(path)
    card = ids[0]
    from quizgen.store import open_database

    db = open_database(path)
    assert 0 == main(["card", card, "--db", str(path), "--suspend"])
    assert db.execute("SELECT suspended FROM cards WHERE id = ?", [card]).fetchone()[0] == 1
    assert 0 == main(["card", card, "--db", str(path), "--unsuspend"])
    assert db.execute("SELECT suspended FROM cards WHERE id = ?", [card]).fetchone()[0] == 0
    assert 0 == main(["card", card, "--db", str(path), "--flag", "wrong answer"])
    assert "Flagged (wrong answer)" in capsys.readouterr().out
    assert card not in queue_store.new_card_ids(db, None, 100)
    assert 0 == main(["card", card, "--db", str(path)])
    assert "Flagged:          wrong answer" in capsys.readouterr().out
    assert 0 == main(["card", card, "--db", str(path), "--unflag"])
    assert card in queue_store.new_card_ids(db, None, 100)
    assert 0 == main(["card", card, "--db", str(path), "--unflag"])
    assert "was not flagged" in capsys.readouterr().out
    db.execute(
        "UPDATE cards SET fsrs_state = 2, reps = 3, due = ? WHERE id = ?", [T0.isoformat(), card]
    )
    assert 0 == main(["card", card, "--db", str(path), "--reset"])
    row = db.execute("SELECT fsrs_state, reps, due FROM cards WHERE id = ?", [card]).fetchone()
    assert row == (None, 0, None)


def test_card_errors_exit_2_in_one_line(path, capsys):
    card = ids_of(path)[0]
    for action in ([], ["--suspend"], ["--flag", "typo"], ["--reset"]):
        assert 2 == main(["card", "0123456789abcdef", "--db", str(path), *action])
        assert capsys.readouterr().err == "quiz card: 0123456789abcdef: no such card\n"
    assert 2 == main(["card", card, "--db", str(path), "--flag", "boring"])
    assert capsys.readouterr().err.count("\n") == 1
    with pytest.raises(SystemExit) as exit_:
        main(["card", card, "--db", str(path), "--suspend", "--reset"])
    assert exit_.value.code == 2


def test_cards_and_card_on_a_missing_database_exit_1(tmp_path, capsys):
    missing = tmp_path / "none.db"
    assert 1 == main(["cards", "--db", str(missing)])
    assert 1 == main(["card", "0123456789abcdef", "--db", str(missing)])
    assert capsys.readouterr().err.count("no such database") == 2
    assert not missing.exists()
