"""Undo takes back only a review that is still the card's last: another app instance's
later answer to the same card is never erased from the card's state."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from fsrs import Rating
from support.processes import ENV
from support.study import T0, card_row, review_rows

from quizgen.study.scheduling import SCHEDULING_COLUMNS, build_scheduler
from quizgen.study.session import StudyError, StudySession
from quizgen.study.settings import load_settings

OTHER_INSTANCE = textwrap.dedent(
    """
    import sys
    from datetime import timedelta

    from fsrs import Rating
    from support.study import T0

    from quizgen.store import open_database
    from quizgen.study.scheduling import build_scheduler
    from quizgen.study.session import StudySession
    from quizgen.study.settings import load_settings

    db = open_database(sys.argv[1])
    settings = load_settings(db)
    session = StudySession(db, deck=None, mode="flip", settings=settings, now=T0,
                           scheduler=build_scheduler(settings, enable_fuzzing=False))
    card = session.load_card(sys.argv[2])
    session.answer(card, Rating.Easy, mode="flip", answer_given=None, verdict=None,
                   duration_ms=900, now=T0 + timedelta(minutes=5))
    """
)


def _session(db) -> StudySession:
    settings = load_settings(db)
    return StudySession(
        db, deck="films", mode="flip", settings=settings, now=T0,
        scheduler=build_scheduler(settings, enable_fuzzing=False),
    )  # fmt: skip


def test_undo_after_another_instance_answered_keeps_that_answer(study_db, tmp_path):
    db = study_db
    db_path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    study = _session(db)
    drawn = study.next_card(T0)
    study.answer(drawn, Rating.Again, mode="flip", answer_given=None, verdict=None,
                 duration_ms=1000, now=T0)  # fmt: skip
    other = subprocess.run(
        [sys.executable, "-c", OTHER_INSTANCE, db_path, drawn.card.id],
        capture_output=True, text=True, timeout=120,
        env={**ENV, "PYTHONPATH": f"{ENV['PYTHONPATH']}:{ENV['PYTHONPATH']}/tests"},
    )  # fmt: skip
    assert other.returncode == 0, other.stderr
    after_other = {column: card_row(db, drawn.card.id)[column] for column in SCHEDULING_COLUMNS}
    reviews_before_undo = review_rows(db)
    assert len(reviews_before_undo) == 2

    with pytest.raises(StudyError, match="answered since"):
        study.undo_last(T0)  # said to the learner, and nothing changes

    assert {column: card_row(db, drawn.card.id)[column] for column in SCHEDULING_COLUMNS} == (
        after_other
    )
    assert review_rows(db) == reviews_before_undo
