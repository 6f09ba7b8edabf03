"""`quiz config [KEY [VALUE]]`: list, print one, store a checked value; exit 2 when refused."""

from __future__ import annotations

import pytest

from quizgen.cli import main
from quizgen.store import open_database
from quizgen.study.settings import SPECS, load_settings


@pytest.fixture
def db_arg(tmp_path) -> list[str]:
    return ["--db", str(tmp_path / "quiz.db")]


def test_without_a_key_every_setting_is_listed_with_its_value(db_arg, capsys):
    assert 0 == main(["config", *db_arg])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(SPECS)
    listed = {line.split()[0]: line.split()[1] for line in lines}
    assert ("0.9", "20", "auto", "4") == (
        listed["desired_retention"],
        listed["new_per_day"],
        listed["answer_mode"],
        listed["day_start_hour"],
    )
    assert all("  # " in line for line in lines)  # each with its description


def test_a_key_alone_prints_its_value(db_arg, capsys):
    assert 0 == main(["config", *db_arg, "learning_steps"])
    assert "1m 10m\n" == capsys.readouterr().out


def test_a_key_and_value_store_the_canonical_form(db_arg, tmp_path, capsys):
    assert 0 == main(["config", *db_arg, "new_per_day", " 35 "])
    assert "new_per_day = 35\n" == capsys.readouterr().out
    assert 0 == main(["config", *db_arg, "new_per_day"])
    assert "35\n" == capsys.readouterr().out
    assert 35 == load_settings(open_database(tmp_path / "quiz.db")).new_per_day


def test_a_refused_value_is_exit_2_and_keeps_the_old_one(db_arg, tmp_path, capsys):
    assert 0 == main(["config", *db_arg, "answer_mode", "choice"])
    capsys.readouterr()
    assert 2 == main(["config", *db_arg, "answer_mode", "shout"])
    captured = capsys.readouterr()
    assert "" == captured.out
    assert captured.err.startswith("quiz config: answer_mode: ")
    assert 1 == len(captured.err.splitlines())
    assert "choice" == load_settings(open_database(tmp_path / "quiz.db")).answer_mode


def test_an_unknown_key_is_exit_2_whether_read_or_set(db_arg, capsys):
    assert 2 == main(["config", *db_arg, "colour"])
    assert "unknown setting 'colour'" in capsys.readouterr().err
    assert 2 == main(["config", *db_arg, "colour", "blue"])
    captured = capsys.readouterr()
    assert "unknown setting 'colour'" in captured.err and "" == captured.out


def test_reading_settings_of_a_missing_database_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "typo" / "quiz.db"
    assert 0 == main(["config", "--db", str(missing)])
    assert 0 == main(["config", "--db", str(missing), "new_per_day"])
    assert capsys.readouterr().out.endswith("20\n")
    assert not missing.exists() and not missing.parent.exists()


def test_timezone_is_a_checked_iana_name(db_arg, capsys):
    assert 0 == main(["config", *db_arg, "timezone"])
    assert "local\n" == capsys.readouterr().out
    assert 0 == main(["config", *db_arg, "timezone", "Europe/Paris"])
    assert 2 == main(["config", *db_arg, "timezone", "Mars/Olympus"])
    assert "IANA time zone" in capsys.readouterr().err
    assert 0 == main(["config", *db_arg, "timezone"])
    assert "Europe/Paris\n" == capsys.readouterr().out


def test_version_is_printed(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("quiz ")
