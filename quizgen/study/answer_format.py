"""The answer format that follows memory: `answer_mode auto`.

Recognising an answer among options is easier than recalling it, so a card is asked
the easier way while its memory is weak and the harder way once it holds:

- a new card, or one still in its first (re)learning steps after a lapse, is asked as
  multiple choice, provided it has enough good options (`auto_choice_options`
  distractors besides the answer); a lapse sends a card back to choice for its next
  review;
- a card whose FSRS stability (days at which recall falls to 90%) has reached
  `auto_typed_stability` days is asked typed;
- in between (a young card, low stability) it stays choice.

A card that cannot be asked as choice is asked typed, and one whose kind cannot be typed
is flipped. The rule is a pure function of the card's state and the settings, so the
study screen, its info line and the tests all read the same decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.cards.kinds import ANSWER_MODES
from quizgen.store.card_state import LEARNING_STATES, RELEARNING, SchedulingState

AUTO = "auto"
"""The answer mode that picks type or choice per card."""

STUDY_MODES = (AUTO, *ANSWER_MODES)
"""Every answer mode the learner can set, in the order `m` cycles through them."""


@dataclass(frozen=True)
class AutoRule:
    """The auto mode's thresholds (settings `auto_typed_stability`, `auto_choice_options`)."""

    typed_stability_days: float = 7.0
    """Stability (days) from which a card is asked typed."""
    choice_options: int = 3
    """Distractors a card needs to be asked as choice."""


@dataclass(frozen=True)
class AutoDecision:
    """The mode a card is asked in under auto mode, and why (shown with the card)."""

    mode: str
    reason: str


def _days(value: float) -> str:
    """2.3 d, 7 d, 46 d: a tenth of a day only where it matters."""
    shown = f"{value:.1f}".removesuffix(".0") if value < 10 else f"{value:.0f}"
    return f"{shown} d"


def auto_answer_mode(
    state: SchedulingState,
    *,
    distractors: int,
    study_modes: tuple[str, ...] = ANSWER_MODES,
    rule: AutoRule = AutoRule(),
) -> AutoDecision:
    """Choice while a card is new or weak, typed once its stability passes the threshold."""
    can_type = "type" in study_modes
    can_choose = "choice" in study_modes and distractors >= rule.choice_options
    fallback = "type" if can_type else "flip"
    stability = state.stability or 0.0
    threshold = rule.typed_stability_days
    if state.is_new:
        weak, why = True, "new card"
    elif state.fsrs_state == RELEARNING:
        weak, why = True, "relearning after a lapse"
    elif state.fsrs_state in LEARNING_STATES:
        weak, why = True, "still learning"
    elif stability < threshold:
        weak, why = True, f"stability {_days(stability)} < {_days(threshold)}"
    else:
        weak, why = False, f"stability {_days(stability)} ≥ {_days(threshold)}"
    if weak and can_choose:
        return AutoDecision("choice", why)
    if weak:
        if not distractors or "choice" not in study_modes:
            return AutoDecision(fallback, f"{why}; no options to choose from")
        return AutoDecision(
            fallback,
            f"{why}; only {distractors} wrong options (choice needs {rule.choice_options})",
        )
    if can_type:
        return AutoDecision("type", why)
    return AutoDecision("choice" if can_choose else "flip", why)
