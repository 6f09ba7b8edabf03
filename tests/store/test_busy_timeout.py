"""The busy timeout: ten seconds for a learner, shorter when QUIZ_BUSY_TIMEOUT_MS says so."""

from __future__ import annotations

import pytest

from quizgen.store import (
    BUSY_TIMEOUT_ENV,
    BUSY_TIMEOUT_MS,
    StoreError,
    busy_timeout_ms,
    open_database,
)


def connection_timeout_ms(db) -> int:
    return db.execute("PRAGMA busy_timeout").fetchone()[0]


def test_a_connection_waits_the_default_without_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(BUSY_TIMEOUT_ENV, raising=False)
    assert BUSY_TIMEOUT_MS == 10_000
    db = open_database(tmp_path / "quiz.db")
    assert connection_timeout_ms(db) == BUSY_TIMEOUT_MS
    db.close()


def test_the_variable_is_read_when_a_connection_opens(tmp_path, monkeypatch):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "250")
    assert busy_timeout_ms() == 250
    db = open_database(tmp_path / "quiz.db")
    assert connection_timeout_ms(db) == 250
    db.close()
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "")
    assert busy_timeout_ms() == BUSY_TIMEOUT_MS


@pytest.mark.parametrize("value", ["ten", "-5", "1.5"])
def test_a_value_that_is_no_whole_number_is_one_line_naming_the_variable(
    tmp_path, monkeypatch, value
):
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, value)
    with pytest.raises(StoreError) as raised:
        open_database(tmp_path / "quiz.db")
    assert str(raised.value) == f"{BUSY_TIMEOUT_ENV}={value!r}: not a whole number of milliseconds"
