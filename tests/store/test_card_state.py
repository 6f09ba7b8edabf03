"""The store's state and rating codes are fsrs's, and reading the history needs no fsrs."""

from __future__ import annotations

from fsrs import Rating, State
from support.processes import python_lines

from quizgen.store import card_state


def test_the_stored_codes_are_fsrs_states_and_ratings() -> None:
    assert (card_state.LEARNING, card_state.REVIEW, card_state.RELEARNING) == (
        State.Learning,
        State.Review,
        State.Relearning,
    )
    assert {state.value for state in State} == {1, 2, 3}
    assert (card_state.AGAIN, card_state.HARD, card_state.EASY) == (
        Rating.Again,
        Rating.Hard,
        Rating.Easy,
    )
    assert card_state.PASSING_RATING == Rating.Hard


def test_the_history_report_and_the_store_load_without_fsrs() -> None:
    probe = (
        "import sys\n"
        "import quizgen.history.report, quizgen.store.stats, quizgen.store.queue\n"
        "import quizgen.store.browse, quizgen.store.reviews, quizgen.browse.stages\n"
        "print('fsrs' in sys.modules)\n"
    )
    assert python_lines(probe) == ["False"]
