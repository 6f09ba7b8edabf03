"""A learner's edit of a card: checked by the answer checker before it is kept.

An edit replaces the question, the answer, the accepted answers and the options of a
card, and is kept beside the generated text (quizgen.store.edits), so a rebuild
never overwrites it. It is refused, with the reason, when the card it would make
cannot be studied fairly: an empty question or answer, a date card whose answer is
no date, or an option the checker would grade right (or close) for this card.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quizgen.core.clock import stamp
from quizgen.core.errors import QuizgenError
from quizgen.core.grading import MAX_GRADED_CHARS, Verdict, grade_answer, parse_typed_date
from quizgen.core.models import Card, DateValue
from quizgen.store import edits as edit_store

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_OPTIONS = 3
"""Wrong options beside the answer, as a generated card has."""


class EditRefused(QuizgenError):
    """The edit would make a card that cannot be studied fairly; the message says why."""


@dataclass(frozen=True)
class ProposedEdit:
    """The card's four texts as the learner wants them."""

    question: str
    answer: str
    accepted: tuple[str, ...] = ()
    options: tuple[str, ...] = ()

    @classmethod
    def of(cls, card: Card) -> ProposedEdit:
        """The card's current texts, the editor's starting point."""
        return cls(card.question, card.answer, card.accepted, card.distractors)


def _texts(values: tuple[str, ...]) -> tuple[str, ...]:
    """Stripped, non-empty, each once, in the order given."""
    seen: dict[str, None] = {}
    for value in values:
        text = " ".join(value.split())
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


def edited_card(generated: Card, proposed: ProposedEdit) -> Card:
    """The card the edit would make; EditRefused, with the first reason, if it is unfair."""
    question = " ".join(proposed.question.split())
    answer = " ".join(proposed.answer.split())
    if not question:
        raise EditRefused("the question is empty")
    if not answer:
        raise EditRefused("the answer is empty")
    for label, text in (("question", question), ("answer", answer)):
        if len(text) > MAX_GRADED_CHARS:
            raise EditRefused(f"the {label} is longer than {MAX_GRADED_CHARS} characters")
    accepted = tuple(text for text in _texts(proposed.accepted) if text != answer)
    card_date = generated.date
    if answer != generated.answer and generated.date is not None:
        card_date = _date_of(answer)
    card = dataclasses.replace(
        generated, question=question, answer=answer, accepted=accepted, date=card_date
    )
    options = _texts(proposed.options)
    if len(options) > MAX_OPTIONS:
        raise EditRefused(f"at most {MAX_OPTIONS} options beside the answer")
    if len(options) != len([o for o in proposed.options if o.strip()]):
        raise EditRefused("an option is listed twice")
    for option in options:
        grade = grade_answer(option, card)
        if grade.verdict is Verdict.CORRECT:
            raise EditRefused(
                f"option {option!r} would be graded right (it matches {grade.matched!r})"
            )
        if grade.verdict is Verdict.CLOSE:
            raise EditRefused(
                f"option {option!r} would be graded close to {grade.matched!r} ({grade.reason})"
            )
    return dataclasses.replace(card, distractors=options)


def _date_of(answer: str) -> DateValue:
    """The date a date card's new answer says; refused when the checker cannot read one."""
    parsed = parse_typed_date(answer)
    readings = getattr(parsed, "readings", ())
    if not readings or len(set(readings)) > 1:
        raise EditRefused(
            f"{answer!r} is not a date the checker reads; write it as in '14 October 1066'"
        )
    return readings[0]


def _changed(new: object, old: object) -> bool:
    return new != old


def save_edit(db: Database, generated: Card, proposed: ProposedEdit, now: datetime) -> Card:
    """Check and keep the learner's edit of `generated` (the card as the article made it);
    returns the card as the learner will see it. Text equal to the generated text is not
    stored as an edit, so an edit back to the original removes it; under an answer of the
    learner's own, the options are kept as saved."""
    card = edited_card(generated, proposed)
    columns: dict[str, str | None] = {
        "question": card.question if _changed(card.question, generated.question) else None,
        "answer": card.answer if _changed(card.answer, generated.answer) else None,
        "accepted": _json(card.accepted) if _changed(card.accepted, generated.accepted) else None,
        # options are chosen again by every build, for the article's answer: under the
        # learner's own answer they are kept as the learner saw them
        "distractors": (
            _json(card.distractors)
            if _changed(card.distractors, generated.distractors) or card.answer != generated.answer
            else None
        ),
    }
    if card.date is not None and card.date != generated.date:
        columns.update(
            date_start=card.date.start.isoformat(),
            date_end=card.date.end.isoformat(),
            date_precision=card.date.precision,
        )
    edit_store.save_edit(db, card.id, columns, generated.answer, stamp(now))
    return card


def _json(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)
