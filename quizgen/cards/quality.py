"""Quality: every candidate question is judged, then scored, before it becomes a card.

A deck of awkward, leaky or vague questions is worse than a shorter deck, so a
question that fails any hard rule is rejected with a named reason (`judge`), and
one that passes gets a quality score with the reasons it lost points (`score`):
below QUALITY_THRESHOLD it is not made. The build prints how many were rejected,
by reason, and the report lists them per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from quizgen.core.identity import normalize_key
from quizgen.core.models import Question
from quizgen.ingest.textrepair import looks_broken
from quizgen.phrasing.dated_gates import DAY_WORTH_IMPORTANCE

MAX_QUESTION_CHARS = 300
MAX_ANSWER_WORDS = 14

_VAGUE_ANSWERS = {
    "the following day",
    "the next day",
    "the same day",
    "that day",
    "that year",
    "the same year",
    "later",
    "earlier",
    "soon",
    "then",
    "the following year",
    "several",
    "many",
    "some",
    "few",
    "various",
    "others",
    "other",
    "etc",
}
_LEADING_PRONOUN = re.compile(
    r"^(?:(?:When|In what year|In which month of \d{3,4}) (?:did|was|were) )?"
    r"(?:he|she|they|it|this|these|those|his|her|their|its)\b",
    re.IGNORECASE,
)
_MARKUP = re.compile(r"\[\[|\]\]|\{\{|\}\}|!\[|\*\*|\||<[a-z/][^>]*>|\x1b")
_SENTENCE_END = re.compile(r"[.!?]$")
_CLOZE_BLANK = re.compile(r"_{3,}")


def without_blank(text: str) -> str:
    """A cloze's blank is ours, not leftover Markdown emphasis: hide it from markup checks."""
    return _CLOZE_BLANK.sub("…", text)


@dataclass(frozen=True)
class Judgement:
    """Accepted (reason None) or rejected with the reason a report shows.

    Named apart from quizgen.core.grading.Verdict, which grades a learner's answer."""

    reason: str | None

    @property
    def accepted(self) -> bool:
        return self.reason is None


def _contains_words(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def answer_leaks(question: Question) -> bool:
    """The answer (or an accepted alternative) can be read off the question."""
    asked = normalize_key(question.question)
    if question.date is not None:
        years = {str(question.date.start.year), str(question.date.end.year)}
        if question.date.precision == "month" and "which month of" in question.question.lower():
            return False  # the year is given on purpose; the month is asked
        return any(_contains_words(asked, year) for year in years)
    for answer in (question.answer, *question.accepted):
        needle = normalize_key(answer)
        if len(needle) >= 3 and _contains_words(asked, needle):
            return True
    return False


_STALE = re.compile(r"\b(?:current|currently|nowadays|present-day|at present|to date)\b", re.I)
""""The current Albanian president": an article's present is not the learner's."""

_OVER_PRECISE = re.compile(r"\d\.\d{3,}(?!\d)")
"""An area of "4.232" km² or "$194.055 billion": nobody learns the third decimal, and
an answer of "4.2" would be graded wrong."""

MAX_PLACE_PARTS = 4
"""A "Where" answer of this many comma parts is an address ("Senate Secretariat,
Parliament Building, Islamabad, Pakistan"): no learner says it back, and every shorter
answer would be graded wrong."""

STEM_LETTERS = 5
"""Letters two words must share from their start to be one word in two forms."""


def _content_words(text: str) -> list[str]:
    return [w for w in normalize_key(text).split() if len(w) >= 4 or _numbered(w)]


def _numbered(word: str) -> bool:
    """ "7", "89th": a word that numbers something."""
    return any(char.isdigit() for char in word)


def _said(word: str, words: list[str]) -> bool:
    """The word is among the words, or one of them is it in another form
    ("program" in "programme", "Angolan" in "Angola")."""
    if word in words:
        return True
    stem = word[:STEM_LETTERS]
    return len(stem) == STEM_LETTERS and any(w.startswith(stem) for w in words)


def echoes_question(question: str, option: str) -> bool:
    """The option repeats a word of the question, in some form: "Angolan kwanza" for the
    currency of Angola. Among options that do not, it is the one to pick unread."""
    asked = _content_words(question)
    return any(_said(w, asked) for w in _content_words(option) if not _numbered(w))


_KIND_WORDS = {
    "parliament": {"legislature"},
    "congress": {"legislature"},
    "assembly": {"legislature"},
    "legislature": {"parliament", "congress", "assembly"},
    "republic": {"country", "state"},
    "kingdom": {"country", "state"},
}
"""A word that says no more than a word of the question: the kind of thing asked for."""


def gives_itself_away(question: Question) -> bool:
    """The question, read alone, hands over the answer: "Alaskan" for the demonym of
    Alaska, "Amphibia" for the scientific name of amphibians, "Apollo 7" for the mission
    before Apollo 8 (the answer's words are the question's, with another number)."""
    if question.answer_type == "date":
        return False
    asked = _content_words(question.question)
    answer = _content_words(question.answer)
    if not answer or not asked:
        return False
    words = [w for w in answer if not _numbered(w)]
    if words and (
        all(w in asked for w in words) or (len(words) >= 2 and all(_said(w, asked) for w in words))
    ):
        # "Alaska Legislature" for the legislature of Alaska; "Apollo 7" for the mission
        # before Apollo 8: only a number, or nothing, is left to recall.
        return len(words) < len(answer) or len(words) >= 2
    left = [w for w in words if not _said(w, asked)]
    if len(words) >= 2 and len(left) == 1 and _KIND_WORDS.get(left[0], set()) & set(asked):
        # "Parliament of Pakistan" for the legislature the Senate of Pakistan belongs to:
        # the one new word only names the kind the question asks for
        return True
    if len(answer) == 1 and not _numbered(answer[0]):
        stem = answer[0][:STEM_LETTERS]
        return len(stem) == STEM_LETTERS and any(
            w != answer[0] and w.startswith(stem) for w in asked
        )
    return False


def judge(question: Question) -> Judgement:
    """Check one candidate question against the card rules."""
    answer = question.answer.strip()
    if not answer or not question.question.strip():
        return Judgement("empty answer")
    texts = (without_blank(question.question), question.answer, *question.accepted)
    if any(_MARKUP.search(text) for text in texts):
        return Judgement("leftover markup")
    if any(looks_broken(text) for text in texts):
        return Judgement("broken text")
    if len(question.question) > MAX_QUESTION_CHARS:
        return Judgement("question too long")
    if len(question.question.split()) < 3:
        return Judgement("question too short")
    if normalize_key(answer) in _VAGUE_ANSWERS:
        return Judgement("vague answer")
    if question.answer_type != "date" and (
        len(answer.split()) > MAX_ANSWER_WORDS
        or (len(answer.split()) > 8 and _SENTENCE_END.search(answer))
    ):
        return Judgement("answer is a sentence, not a fact")
    if _LEADING_PRONOUN.match(question.question):
        return Judgement("pronoun without referent")
    if answer_leaks(question):
        return Judgement("answer leaks into question")
    if gives_itself_away(question):
        return Judgement("answer given away by the question")
    if _STALE.search(question.question):
        return Judgement("true only when the article was written")
    if question.question.startswith("Where") and answer.count(",") >= MAX_PLACE_PARTS - 1:
        return Judgement("answer is an address, not a place")
    if question.answer_type == "number" and _OVER_PRECISE.search(answer):
        return Judgement("figure too precise to learn")
    if (
        question.kind == "dated"
        and question.date is not None
        and question.importance < DAY_WORTH_IMPORTANCE
        and (
            question.date.precision == "day"
            # a month is asked of a minor event only in a year the article crowds
            # ("In which month of 1919 ...?"), never as a cloze's blank
            or (question.date.precision == "month" and _CLOZE_BLANK.search(question.question))
        )
    ):
        return Judgement("exact date of a minor event")
    return Judgement(None)


QUALITY_THRESHOLD = 0.6
"""Below this score a card is not made: a dropped good card costs the learner little,
a kept bad one costs a review every few days for months."""

DOUBT_PENALTY = 0.25
"""Each doubt a phraser recorded (an inferred year, a resolved pronoun) costs this much."""

LONG_QUESTION_WORDS = 22
"""Past this many words a question reads as a sentence to copy, not a fact to recall."""


@dataclass(frozen=True)
class QualityScore:
    """A passing question's score (1.0 = nothing to hold against it) and why it lost points."""

    value: float
    reasons: tuple[str, ...] = ()

    @property
    def kept(self) -> bool:
        return self.value >= QUALITY_THRESHOLD


def score(question: Question) -> QualityScore:
    """Score a question that passed `judge`: the phraser's doubts and the card's form.

    The penalties are for what a reader of the card alone would hold against it:
    a long question, a cloze that opens on its blank, an answer that is a range or
    a hedged date ("late 1994"), a figure with no unit. Each is small alone; two
    together sink a card.
    """
    value = 1.0
    reasons: list[str] = []

    def penalize(amount: float, reason: str) -> None:
        nonlocal value
        value -= amount
        reasons.append(reason)

    for doubt in question.doubts:
        penalize(DOUBT_PENALTY, doubt)
    words = len(without_blank(question.question).split())
    if words > LONG_QUESTION_WORDS:
        penalize(0.1 * (1 + (words - LONG_QUESTION_WORDS) // 5), f"long question ({words} words)")
    if _CLOZE_BLANK.match(question.question):
        penalize(0.2, "cloze opens on its blank")
    if question.date is not None:
        if question.date.is_range:
            penalize(0.15, "date range answer")
        if question.date.qualifier:
            penalize(0.15, f"hedged date ({question.date.qualifier})")
    return QualityScore(round(max(value, 0.0), 3), tuple(reasons))


def drop_duplicates(questions: Iterable[Question]) -> tuple[list[Question], int]:
    """Keep the first question of each wording and of each fact key."""
    kept: list[Question] = []
    seen_text: set[str] = set()
    seen_keys: set[str] = set()
    duplicates = 0
    for question in questions:
        text = normalize_key(question.question)
        if text in seen_text or question.fact_key in seen_keys:
            duplicates += 1
            continue
        seen_text.add(text)
        seen_keys.add(question.fact_key)
        kept.append(question)
    return kept, duplicates


def drop_contradictions(questions: Iterable[Question]) -> tuple[list[Question], list[Question]]:
    """Drop every question asked twice with answers that disagree; return (kept, dropped).

    An article with two infoboxes that both give a birth date or a capital, one
    "1 May 1900" and the other "2 May 1901", says two things of one fact: neither card
    can be trusted, and making both would teach the learner a contradiction.
    """
    questions = list(questions)
    answers: dict[str, list[set[str]]] = {}
    for question in questions:
        said = {normalize_key(a) for a in (question.answer, *question.accepted)}
        answers.setdefault(normalize_key(question.question), []).append(said)
    disputed = {
        wording
        for wording, given in answers.items()
        if any(not first & other for first in given for other in given)
    }
    kept = [q for q in questions if normalize_key(q.question) not in disputed]
    dropped = [q for q in questions if normalize_key(q.question) in disputed]
    return kept, dropped
