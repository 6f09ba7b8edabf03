"""answer_mode auto: choice while a card is new or weak, typed once its stability passes
the threshold, back to choice after a lapse; simulated over real FSRS reviews."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fsrs import Rating
from support.study import T0

from quizgen.store.card_state import REVIEW, SchedulingState
from quizgen.study.answer_format import AutoDecision, AutoRule, auto_answer_mode
from quizgen.study.scheduling import build_scheduler, review
from quizgen.study.settings import Settings, SettingsError, load_settings, set_setting

CARD = "5f0c1e2d3a4b5c6d"
DEFAULTS = Settings()


def simulate(ratings: list[Rating], settings: Settings = DEFAULTS):
    """Review one card with `ratings`, each at the moment it falls due; the auto mode's
    decision before every review, with the state it was made on."""
    scheduler = build_scheduler(settings, enable_fuzzing=False)
    state, now = SchedulingState(), T0
    seen = []
    for rating in ratings:
        decision = auto_answer_mode(state, distractors=3, rule=settings.auto_rule)
        seen.append((decision, state))
        state = review(scheduler, CARD, state, rating, now)
        now = max(now, datetime.fromisoformat(state.due)) + timedelta(minutes=1)
    return seen, state


def test_a_new_card_is_choice_and_a_card_that_holds_becomes_typed():
    seen, _ = simulate([Rating.Good] * 8)
    modes = [decision.mode for decision, _ in seen]
    assert modes[0] == "choice" and seen[0][0].reason == "new card"
    assert any(decision.reason.endswith("≥ 7 d") for decision, _ in seen)
    assert modes[-1] == "type"
    # typed exactly once the stability reached the threshold, choice before
    for decision, state in seen:
        stable = state.fsrs_state == REVIEW and state.stability >= 7
        assert decision.mode == ("type" if stable else "choice"), (decision, state)
    first_typed = modes.index("type")
    assert all(mode == "type" for mode in modes[first_typed:])  # it stays typed while it holds


def test_a_lapse_sends_a_typed_card_back_to_choice_for_its_next_review():
    goods = [Rating.Good] * 8
    seen, _ = simulate([*goods, Rating.Again, Rating.Good, Rating.Good])
    lapse_at = len(goods)
    assert seen[lapse_at][0].mode == "type"  # asked typed, then forgotten
    after_lapse, state = seen[lapse_at + 1]
    assert after_lapse.mode == "choice"
    assert after_lapse.reason == "relearning after a lapse" and state.lapses == 1


def test_the_thresholds_are_settings(tmp_path):
    from quizgen.store import open_database

    db = open_database(tmp_path / "s.db")
    assert load_settings(db).answer_mode == "auto"  # the default
    set_setting(db, "auto_typed_stability", "1000")
    set_setting(db, "auto_choice_options", "2")
    settings = load_settings(db)
    assert settings.auto_rule == AutoRule(typed_stability_days=1000, choice_options=2)
    seen, _ = simulate([Rating.Good] * 7, settings)
    assert max(state.stability or 0 for _, state in seen) > 7  # typed under the default
    assert {decision.mode for decision, _ in seen} == {"choice"}  # not stable enough here
    for bad in ("0", "soon", "-3"):
        with pytest.raises(SettingsError):
            set_setting(db, "auto_typed_stability", bad)
    with pytest.raises(SettingsError):
        set_setting(db, "auto_choice_options", "4")


def test_a_card_without_enough_options_is_typed_and_one_that_cannot_be_typed_flips():
    new = SchedulingState()
    few = auto_answer_mode(new, distractors=2)
    assert few == AutoDecision("type", "new card; only 2 wrong options (choice needs 3)")
    none = auto_answer_mode(new, distractors=0)
    assert none == AutoDecision("type", "new card; no options to choose from")
    assert auto_answer_mode(new, distractors=2, rule=AutoRule(choice_options=2)).mode == "choice"
    assert auto_answer_mode(new, distractors=0, study_modes=("choice", "flip")).mode == "flip"
    stable = SchedulingState(fsrs_state=REVIEW, stability=30.0, reps=5)
    assert auto_answer_mode(stable, distractors=3, study_modes=("choice", "flip")).mode == (
        "choice"
    )
