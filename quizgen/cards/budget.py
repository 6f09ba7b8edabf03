"""The card budget: how many cards an article deserves, filled most important first.

A 1 KB stub and a 90 KB country article do not deserve the same deck: the first
supports a handful of cards, the second a few dozen, never hundreds (a learner who
adds a country should not face 240 new cards, most of them trivia). The budget
grows with the square root of the article's prose, and its core infobox facts
(born, capital, director...) are always asked, whatever the budget.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from quizgen.cards.quality import QualityScore
from quizgen.core.identity import normalize_key
from quizgen.core.models import Article, Question

BASE_CARDS = 3
CARDS_PER_SQRT_KB = 3.5
MAX_CARDS = 45
CORE_IMPORTANCE = 1.0
"""A question this important (a core infobox fact) is kept whatever the budget."""


def prose_chars(article: Article) -> int:
    """Characters of prose the article holds (headings and infobox excluded)."""
    return sum(len(paragraph) for section in article.sections for paragraph in section.paragraphs)


def card_budget(article: Article) -> int:
    """How many cards the article's prose supports: ~6 at 1 KB, ~21 at 20 KB, ~36 at 90 KB."""
    kilobytes = prose_chars(article) / 1000
    return min(MAX_CARDS, round(BASE_CARDS + CARDS_PER_SQRT_KB * math.sqrt(kilobytes)))


@dataclass(frozen=True)
class Scored:
    """A candidate question with its quality score."""

    question: Question
    quality: QualityScore

    @property
    def rank(self) -> float:
        """Importance times quality: what the budget is filled by."""
        return self.question.importance * self.quality.value


def fill_budget(candidates: Sequence[Scored], budget: int) -> tuple[list[Scored], list[Scored]]:
    """Keep core facts, then the best of the rest up to the budget; return (kept, dropped).

    Kept questions stay in their original order (infobox first, then the article's
    order), so a deck reads like the article rather than like a ranking.
    """
    core = [c for c in candidates if c.question.importance >= CORE_IMPORTANCE]
    others = sorted(
        (c for c in candidates if c.question.importance < CORE_IMPORTANCE),
        key=lambda c: -c.rank,
    )
    room = max(0, budget - len(core))
    chosen = {id(c) for c in core} | {id(c) for c in others[:room]}
    kept = [c for c in candidates if id(c) in chosen]
    dropped = [c for c in candidates if id(c) not in chosen]
    return kept, dropped


def same_event(first: Question, second: Question) -> bool:
    """Two questions ask the same dated fact: the same date said the same way, about the
    same words (a dated sentence restating an infobox date, or an event told twice)."""
    if first.date is None or second.date is None or first.date != second.date:
        return False
    if first.date.precision == "day" and first.kind != second.kind:
        return True  # "born 12 February 1809" in the infobox and in the lead
    words_first = _event_words(_spelled_out(first.question, second.question))
    words_second = _event_words(_spelled_out(second.question, first.question))
    if not words_first or not words_second:
        return False
    overlap = len(words_first & words_second) / min(len(words_first), len(words_second))
    return overlap >= 0.6


_FRAME_WORDS = frozenset(
    "in on at of the a an what which when year month date did was were is are do does".split()
)
"""The words every dated question shares ("In which month of 1919 did ..."): two events of
one month are not one event for sharing them."""


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_CAPITALIZED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|the|and|for)\s+)*[A-Z][a-z]+)+")
_LINK_WORDS = frozenset({"of", "the", "and", "for"})


def _spelled_out(question: str, other: str) -> str:
    """The question with each acronym the other question spells out replaced by its
    words: "become a member of OPEC" beside "join the Organization of the Petroleum
    Exporting Countries" tells one event."""
    runs = {
        "".join(word[0] for word in run.split() if word not in _LINK_WORDS): run
        for run in _CAPITALIZED_RUN.findall(other)
    }
    return _ACRONYM.sub(lambda m: runs.get(m[0], m[0]), question)


def _event_words(question: str) -> set[str]:
    return {
        word
        for word in normalize_key(question).split()
        if word not in _FRAME_WORDS and not word.isdigit()
    }


def merge_same_events(candidates: Sequence[Scored]) -> tuple[list[Scored], list[Scored]]:
    """Keep the better-ranked question of each pair asking the same dated fact."""
    kept: list[Scored] = []
    merged: list[Scored] = []
    for candidate in sorted(candidates, key=lambda c: -c.rank):
        if any(same_event(candidate.question, other.question) for other in kept):
            merged.append(candidate)
        else:
            kept.append(candidate)
    order = {id(c): index for index, c in enumerate(candidates)}
    kept.sort(key=lambda c: order[id(c)])
    return kept, merged


def make_room(
    kept: Sequence[Scored], budget: int, wanted: Sequence[frozenset[str]]
) -> tuple[list[bool], list[Scored], list[Scored]]:
    """Fit cards made from the kept ones (timelines, each using the fact keys in `wanted`)
    into the same budget: a free place first, else the least important card that is not
    core and not used by a granted card gives up its place; with neither, no card.

    Returns (granted, per entry of `wanted`; the kept cards left; those given up).
    """
    left = list(kept)
    given_up: list[Scored] = []
    granted: list[bool] = []
    protected: set[str] = set()
    for fact_keys in wanted:
        if len(left) + sum(granted) < budget:
            granted.append(True)
            protected |= fact_keys
            continue
        candidates = [
            c
            for c in left
            if c.question.importance < CORE_IMPORTANCE
            and c.question.fact_key not in protected | fact_keys
        ]
        if not candidates:
            granted.append(False)
            continue
        weakest = min(candidates, key=lambda c: c.rank)
        left.remove(weakest)
        given_up.append(weakest)
        granted.append(True)
        protected |= fact_keys
    return granted, left, given_up
