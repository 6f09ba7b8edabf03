"""Fit the FSRS parameters to the learner's own review log.

The fit itself is fsrs-rs's optimizer (the `fsrs-rs-python` binding: Rust, no
torch), fed the way Anki feeds it: per card, the reviews since it was last new,
with the gap before each review counted in whole study days. How good a set of
parameters is, we compute ourselves, so default and fitted parameters are
judged on the same reviews by the same rule: for every review after a gap of at
least one day, the FSRS-6 forgetting curve gives the predicted recall

    R(t, S) = (1 + factor * t / S) ** -decay,  decay = w[20],  factor = 0.9 ** (-1 / decay) - 1

from the card's stability S before the review (replayed with those parameters)
and the days t since the previous review; the outcome is "passed" (rating >= 2).
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.core.clock import StudyClock, read_stamp
from quizgen.core.errors import QuizgenError
from quizgen.store.card_state import PASSING_RATING
from quizgen.store.settings import load_clock, store_text, stored_text
from quizgen.store.stats import rated_reviews

if TYPE_CHECKING:
    from sqlite_utils import Database

MIN_REVIEWS = 400
"""Below this many reviews a fit says more about chance than about the learner."""

PARAMETER_COUNT = 21
SETTING_KEY = "fsrs_parameters"
RMSE_BINS = 20

Review = tuple[int, int]
"""(study day ordinal, rating 1-4)."""


class OptimizeError(QuizgenError):
    """The optimizer could not run; one-line reason."""


@dataclass(frozen=True)
class FitScore:
    """How well a parameter set predicts the history (lower is better for both)."""

    log_loss: float
    rmse: float
    """RMSE between mean predicted and actual recall over bins of predicted recall."""
    predictions: int
    """Reviews scored: those after a gap of at least one study day."""


@dataclass(frozen=True)
class OptimizeResult:
    reviews: int
    """Reviews read from the log."""
    cards: int
    items: int
    """Training items (reviews after a gap of at least one day) given to the optimizer."""
    default_parameters: tuple[float, ...]
    fitted_parameters: tuple[float, ...] | None
    default_score: FitScore | None
    fitted_score: FitScore | None
    fit_seconds: float
    kept_defaults_because: str | None
    """None when the fitted parameters were better and are to be used."""

    @property
    def improved(self) -> bool:
        return self.kept_defaults_because is None and self.fitted_parameters is not None


def default_parameters() -> tuple[float, ...]:
    """fsrs's (py-fsrs) default FSRS-6 parameters: what the scheduler uses without a fit."""
    from fsrs.scheduler import DEFAULT_PARAMETERS

    return tuple(float(value) for value in DEFAULT_PARAMETERS)


def load_histories(db: Database, clock: StudyClock) -> list[list[Review]]:
    """Per card, its reviews since it was last new, as (study day, rating), oldest first.

    A card's state is reset to new when its answer changes, so only the reviews
    from its last first-look on describe the memory of the current fact. Cards
    whose first-look is missing from the log are left out: their starting state
    is unknown.
    """
    rows = rated_reviews(db)
    histories: list[list[Review]] = []
    current_card = None
    current: list[Review] = []
    offsets: dict[str, int] = {}  # day ordinal per UTC hour-and-minute, cached
    for card_id, reviewed_at, rating, was_new in rows:
        if card_id != current_card:
            if current:
                histories.append(current)
            current_card, current = card_id, []
        minute = reviewed_at[:16]
        day = offsets.get(minute)
        if day is None:
            day = clock.day_of(read_stamp(reviewed_at)).toordinal()
            offsets[minute] = day
        if was_new:
            current = []
        if was_new or current:
            current.append((day, int(rating)))
    if current:
        histories.append(current)
    return histories


def _fsrs_reviews(history: Sequence[Review]):
    from fsrs_rs_python import FSRSReview

    previous = history[0][0]
    reviews = []
    for day, rating in history:
        reviews.append(FSRSReview(rating, day - previous))
        previous = day
    return reviews


def training_items(histories: Sequence[Sequence[Review]]) -> list:
    """fsrs-rs items: for each review after a gap of a day or more, the card's reviews up to it."""
    from fsrs_rs_python import FSRSItem

    items = []
    for history in histories:
        reviews = _fsrs_reviews(history)
        for end in range(1, len(reviews)):
            if history[end][0] > history[end - 1][0]:
                item = FSRSItem(reviews[: end + 1])
                if item.long_term_review_cnt() > 0:
                    items.append((history[end][0], item))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


def forgetting_curve(elapsed_days: float, stability: float, decay: float) -> float:
    """FSRS-6 predicted recall after `elapsed_days` at `stability`, with decay w[20]."""
    factor = 0.9 ** (-1 / decay) - 1
    return (1 + factor * elapsed_days / stability) ** -decay


def score_parameters(
    parameters: Sequence[float], histories: Sequence[Sequence[Review]]
) -> FitScore | None:
    """Log loss and binned RMSE of `parameters` on every review after a gap; None if none."""
    from fsrs_rs_python import FSRS, FSRSItem

    model = FSRS(list(parameters))
    usable = [history for history in histories if len(history) > 1]
    if not usable:
        return None
    states = model.historical_memory_state_batch(
        [FSRSItem(_fsrs_reviews(history)) for history in usable]
    )
    decay = parameters[20]
    total_loss = 0.0
    count = 0
    bins: dict[int, list[float]] = {}
    for history, card_states in zip(usable, states, strict=True):
        for index in range(1, len(history)):
            elapsed = history[index][0] - history[index - 1][0]
            if elapsed <= 0:
                continue
            recall = forgetting_curve(elapsed, card_states[index - 1].stability, decay)
            recall = min(max(recall, 1e-6), 1 - 1e-6)
            passed = 1.0 if history[index][1] >= PASSING_RATING else 0.0
            total_loss -= passed * math.log(recall) + (1 - passed) * math.log(1 - recall)
            count += 1
            bucket = bins.setdefault(min(int(recall * RMSE_BINS), RMSE_BINS - 1), [0, 0.0, 0.0])
            bucket[0] += 1
            bucket[1] += recall
            bucket[2] += passed
    if not count:
        return None
    squared = sum((pred - actual) ** 2 / n for n, pred, actual in bins.values())
    return FitScore(total_loss / count, math.sqrt(squared / count), count)


def _fit_within_scheduler_bounds(parameters: Sequence[float]) -> tuple[float, ...]:
    """Clamp to the ranges the scheduler (py-fsrs) accepts; fsrs-rs's own are nearly the same."""
    from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

    return tuple(
        min(max(float(value), low), high)
        for value, low, high in zip(
            parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True
        )
    )


def fit(histories: Sequence[Sequence[Review]], *, min_reviews: int = MIN_REVIEWS) -> OptimizeResult:
    """Fit parameters to `histories` and judge them against the defaults (nothing stored)."""
    from fsrs_rs_python import FSRS

    defaults = default_parameters()
    review_count = sum(len(history) for history in histories)
    items = training_items(histories)
    default_score = score_parameters(defaults, histories)

    def keep(reason: str | None, fitted=None, fitted_score=None, seconds=0.0) -> OptimizeResult:
        """The result; `reason` says why the defaults stay, None when the fit is kept."""
        return OptimizeResult(
            review_count,
            len(histories),
            len(items),
            defaults,
            fitted,
            default_score,
            fitted_score,
            seconds,
            reason,
        )

    if review_count < min_reviews:
        return keep(f"only {review_count} reviews; at least {min_reviews} are needed")
    if not items:
        return keep("no review came a day or more after the one before it")
    started = time.perf_counter()
    try:
        raw = FSRS(list(defaults)).compute_parameters(items, enable_short_term=True)
    except (ValueError, RuntimeError) as error:
        raise OptimizeError(f"the optimizer failed: {str(error).splitlines()[0]}") from None
    seconds = time.perf_counter() - started
    if len(raw) != PARAMETER_COUNT:
        return keep(f"the optimizer returned {len(raw)} parameters, not {PARAMETER_COUNT}")
    fitted = _fit_within_scheduler_bounds(raw)
    fitted_score = score_parameters(fitted, histories)
    if fitted_score is None or default_score is None:
        return keep("no review to score the fit on", fitted, fitted_score, seconds)
    if fitted_score.log_loss >= default_score.log_loss:
        return keep(
            "the fitted parameters do not predict this history better than the defaults",
            fitted,
            fitted_score,
            seconds,
        )
    return keep(None, fitted, fitted_score, seconds)


def optimize(
    db: Database, *, clock: StudyClock | None = None, min_reviews: int = MIN_REVIEWS
) -> OptimizeResult:
    """Fit to the database's review log; nothing is written (see save_parameters)."""
    return fit(load_histories(db, clock or load_clock(db)), min_reviews=min_reviews)


def save_parameters(db: Database, parameters: Sequence[float]) -> None:
    """Store `parameters` as the `fsrs_parameters` setting (a JSON list), checked by fsrs first."""
    from fsrs import Scheduler

    values = [float(value) for value in parameters]
    Scheduler(parameters=values)  # raises ValueError on anything the scheduler would refuse
    store_text(db, SETTING_KEY, json.dumps(values))


def stored_parameters(db: Database) -> tuple[float, ...] | None:
    """The fitted parameters in settings, or None (defaults) when absent or unreadable."""
    text = stored_text(db, SETTING_KEY)
    if text is None:
        return None
    try:
        values = json.loads(text)
    except (TypeError, json.JSONDecodeError):
        return None
    if not isinstance(values, list) or len(values) != PARAMETER_COUNT:
        return None
    return tuple(float(value) for value in values)
