"""`quiz history`: the JSON contract documented in the README, the tables, bad input."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from support import paths
from support.history import add_cards, add_review, add_session, new_database, set_card_state

from quizgen.cli import main

DOC = paths.README

TOP_KEYS = {
    "generated_at",
    "today",
    "timezone",
    "day_start_hour",
    "deck",
    "days",
    "totals",
    "streaks",
    "daily",
    "retention",
    "forecast",
    "overdue",
    "decks",
    "hardest",
    "sessions",
    "confusions",
}


@pytest.fixture
def db_path(tmp_path):
    """Three days of study ending now (UTC clock, day starts at midnight, so days are plain)."""
    path = tmp_path / "quiz.db"
    db = new_database(path)
    db["settings"].insert_all(
        [{"key": "day_start_hour", "value": "0"}, {"key": "timezone", "value": "UTC"}], pk="key"
    )
    cards = add_cards(db, "people", 3) + add_cards(db, "films", 1)
    now = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    if now > datetime.now(UTC):
        now -= timedelta(days=1)
    for offset in (2, 1, 0):
        session = add_session(db, "people", now - timedelta(days=offset))
        for n, card in enumerate(cards[:3]):
            add_review(
                db,
                card,
                now - timedelta(days=offset) + timedelta(minutes=n),
                1 if (offset, n) == (0, 0) else 3,
                session_id=session,
                confused_with="answer 2" if (offset, n) == (0, 0) else None,
            )
    set_card_state(db, cards[0], fsrs_state=2, stability=30, due=now + timedelta(days=2), lapses=1)
    return path


def run_json(capsys, *args: str) -> dict:
    assert 0 == main(["history", *args, "--json"])
    out = capsys.readouterr().out
    assert 1 == len(out.strip().splitlines()), "one JSON object on one line"
    return json.loads(out)


def test_json_has_every_documented_key(db_path, capsys):
    data = run_json(capsys, "--db", str(db_path), "--days", "7")
    assert TOP_KEYS == set(data)
    assert 7 == len(data["daily"]) == data["days"]
    assert 30 == len(data["forecast"])
    assert {"current": 3, "longest": 3} == data["streaks"]
    assert (9, 8) == (data["totals"]["reviews"], data["totals"]["passed"])
    assert [3, 3, 3] == [day["reviews"] for day in data["daily"] if day["reviews"]]
    assert {"overall", "daily", "weekly", "monthly"} == set(data["retention"])
    assert ["films", "people"] == [d["deck"] for d in data["decks"]]
    assert [3, 3, 3] == sorted(s["reviews"] for s in data["sessions"])
    assert data["hardest"][0]["question"].startswith("When was")
    assert 1 == sum(day["due"] for day in data["forecast"])
    assert [{"answers": ["answer 0", "answer 2"], "count": 1, "cards": 1}] == data["confusions"]


def history_json_section() -> str:
    """The README's `quiz history --json` section: from its heading to the next one."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index("#### `quiz history --json`")
    end = text.index("\n#### ", start + 1)
    return text[start:end]


def test_the_readme_table_lists_exactly_the_top_level_keys():
    rows = re.findall(r"^\| `([a-z_]+)` \|", history_json_section(), flags=re.MULTILINE)
    assert sorted(TOP_KEYS) == sorted(rows)


def test_every_json_key_is_documented(db_path, capsys):
    data = run_json(capsys, "--db", str(db_path))
    # keys count as documented only where the JSON is described, not anywhere in the README
    documented = set(re.findall(r"`([a-z_]+)`", history_json_section()))
    nested = set()
    for value in data.values():
        if isinstance(value, dict):
            nested |= set(value)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            nested |= set(value[0])
    for value in data["retention"].values():
        nested |= set(value if isinstance(value, dict) else value[0] if value else {})
    assert set() == (TOP_KEYS | nested) - documented


def test_deck_filter(db_path, capsys):
    data = run_json(capsys, "--db", str(db_path), "--deck", "films")
    assert ("films", 0, ["films"]) == (
        data["deck"],
        data["totals"]["reviews"],
        [d["deck"] for d in data["decks"]],
    )


def test_tables_show_the_sections(db_path, capsys):
    assert 0 == main(["history", "--db", str(db_path)])
    out = capsys.readouterr().out
    headings = ("History", "Last 30 days", "Decks", "Hardest cards", "Answers you mix up")
    for heading in (*headings, "Recent sessions"):
        assert heading in out
    assert "Longest streak" in out and "3 days" in out


def test_empty_history_prints_without_error(tmp_path, capsys):
    path = tmp_path / "empty.db"
    new_database(path)
    assert 0 == main(["history", "--db", str(path)])
    assert "No reviews in the last 30 days." in capsys.readouterr().out
    data = run_json(capsys, "--db", str(path))
    assert 0 == data["totals"]["reviews"]
    assert data["retention"]["overall"]["retention"] is None


def test_unknown_deck_missing_database_and_bad_days(tmp_path, db_path, capsys):
    assert 2 == main(["history", "--db", str(db_path), "--deck", "nope"])
    assert "no deck named 'nope'" in capsys.readouterr().err
    assert 1 == main(["history", "--db", str(tmp_path / "missing.db")])
    assert "no such database" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["history", "--db", str(db_path), "--days", "0"])
