"""What may be shown around a card without giving its answer (or a sibling's) away.

The article title is the card's context ("Battle of Hastings"), unless the title
is the answer (a reverse question: "Which 1945 book did George Orwell write?" is
about "Animal Farm") or holds it (its years: "1918 Armenian–Azerbaijani war").
The source line shown after an answer may name what a sibling card asks: those
answers are blanked, so a card still to come is not answered in advance.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from quizgen.core.models import Card

BLANK = "…"
"""What a sibling's answer is replaced by in the source line."""

_YEAR = re.compile(r"\b\d{3,4}\b")


def _plain(text: str) -> str:
    """Lower case, no accents, words only: "Grégory-Doucet" and "gregory doucet" agree."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", letters))


def title_gives_answer_away(card: Card, title: str) -> bool:
    """Whether showing `title` above the question would answer it."""
    if card.extra.get("reverse") or ":reverse:" in card.fact_key:
        return True
    plain_title, plain_answer = _plain(title), _plain(card.answer)
    if not plain_title or not plain_answer:
        return False
    if f" {plain_title} " in f" {_plain(card.question)} ":
        return False  # the question names it already
    padded_title, padded_answer = f" {plain_title} ", f" {plain_answer} "
    if padded_answer in padded_title or padded_title in padded_answer:
        return True
    years = set(_YEAR.findall(card.answer))
    return bool(years & set(_YEAR.findall(title)))


def context_title(card: Card, title: str) -> str | None:
    """The title to show above the question, or None when it would give the answer away."""
    return None if title_gives_answer_away(card, title) else title


def masked_source(text: str, card: Card, sibling_answers: Iterable[str]) -> str:
    """The source line with every sibling's answer blanked, except words this card's own
    question or answer already shows."""
    shown = _plain(f"{card.question} {card.answer}")
    for answer in sorted(set(sibling_answers), key=len, reverse=True):
        answer = answer.strip()
        if len(answer) < 2 or f" {_plain(answer)} " in f" {shown} ":
            continue
        text = re.sub(rf"(?<!\w){re.escape(answer)}(?!\w)", BLANK, text, flags=re.IGNORECASE)
    return text


_ANSWER_IS = re.compile(r"[:;,]?\s*the (?:full )?answer is .*$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Feedback:
    """What the verdict line says, one answer shown once: never "the full answer is X"
    above "Answer: Y"."""

    reason: str | None
    answer: str
    """The answer to show: the one the learner's answer was judged against, else the card's."""
    also_right: tuple[str, ...]
    """The other accepted answers ("also right: …")."""


def feedback(card: Card, reason: str | None, matched: str | None) -> Feedback:
    """The verdict's reason without the answer it repeats, the answer, the others."""
    answer = matched if matched and matched.strip() else card.answer
    if reason:
        reason = _ANSWER_IS.sub("", reason).strip() or None
    others = tuple(
        dict.fromkeys(
            text for text in (card.answer, *card.accepted) if text.strip() and text != answer
        )
    )
    return Feedback(reason, answer, others)
