"""An event named by a short clause that stands alone, its date hidden: a timeline's item.

A dated question already holds the event without its date: "When did Shikhlinski
order Levestam to capture Dyg?" is the event "Shikhlinski ordered Levestam to
capture Dyg"; the cloze "The Treaty of Batum was signed on ____." is "The Treaty of
Batum was signed". The phraser hands over the parts it split the clause into, and
this module turns them back into a statement, then judges it. Precision first: a
clause that names no subject, leans on another sentence ("the same year", "he",
"this"), hints at any date or runs long gives no event, and the event is simply
left out of every timeline.
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_WORDS = 3
MAX_WORDS = 14
"""A timeline item is read four or five times while ordering: a short clause, or none."""

_DATE_WORDS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|century|centuries|decade|decades|year|years|month|"
    r"months|week|weeks|day|days|spring|summer|autumn|winter|today|yesterday|tomorrow|"
    r"BC|AD|BCE|CE)\b|\d",
)
"""Any number or word of time: an item must not say (or hint at) when it happened."""

_LEANING_WORDS = re.compile(
    r"\b(?:he|she|it|they|him|them|this|these|those|such|same|later|earlier|previous|"
    r"previously|following|next|then|again|also|another|former|latter|thereafter|"
    r"afterwards|meanwhile|subsequently|eventually|finally|first|second|third|last|"
    r"both|other|there|here|instead|too|above|below|aforementioned|said|in turn|"
    r"is|are|has|have|having|which|who|whom|whose)\b",
    re.IGNORECASE,
)
"""Words that point at another sentence or an order of events (the clause would not stand
alone, or would give away its place in the timeline), and the present tense or a relative
clause ("X is the oldest university, having been founded"; "..., which was adopted"):
what is left of such a sentence without its date is no event."""

_RELATIVE_TIME = re.compile(
    r"\b(?:after|before|until|till|since|prior to|following|during|until|when|while|once|"
    r"ago|by then|at the time)\b",
    re.IGNORECASE,
)
"""Clauses placing the event against another one ("after the war") give the order away."""

_STATES = re.compile(
    r"\b(?:had|needed|wanted|wished|knew|owned|remained|lived|seemed|loved|liked|"
    r"believed|felt|hoped|continued|tried)\b",
    re.IGNORECASE,
)
"""Verbs of a state or an attempt ("Russell needed money", "X tried to sell ..."): no single
moment to put before or after another event."""

_TWO_EVENTS = re.compile(r",\s+and\s+[a-z]")
""" "Kristeva trained in psychoanalysis, and earned her degree": two events in one item,
and the second is the one the date belongs to."""
_OPEN_ENDINGS = re.compile(
    r"\b(?:and|or|but|of|to|the|a|an|in|on|at|by|for|with|from|as|that|which|who)$",
    re.IGNORECASE,
)

_PREPOSITIONAL_BLANK = re.compile(
    r",?\s*\b(?:on|in|during|at|around|circa|about|throughout)\s+(?:the\s+)?____,?"
)
_LEADING_BLANK = re.compile(r"^(?:On|In|During|At|Around|By)\s+(?:the\s+)?____,?\s+")


def declarative(
    subject: str, auxiliary: str, verb_phrase: str, rest: str, sentence: str
) -> str | None:
    """The statement a "When did/was ...?" question asks about, or None when unsure.

    `auxiliary` "did" means the verb phrase ends in a base form, which is put back in the
    past tense the sentence used (checked against the sentence, so "led" is never "leaded").
    """
    words = verb_phrase.split()
    if not words:
        return None
    if auxiliary == "did":
        past = _past_tense(words[-1], sentence)
        if past is None:
            return None
        words[-1] = past
        parts = [subject, *words, rest]
    elif auxiliary in ("was", "were"):
        if not rest:
            return None  # "Actrius was produced": an event with nothing to tell it apart
        parts = [subject, auxiliary, *words, rest]
    else:
        return None
    return standalone(" ".join(part for part in parts if part))


def clause_from_cloze(text: str) -> str | None:
    """The statement of a cloze ("X signed the treaty on ____.") without its blanked date,
    or None when the blank is not a plain adverbial of time ("the ____ election")."""
    clause = _LEADING_BLANK.sub("", text)
    clause = _PREPOSITIONAL_BLANK.sub("", clause)
    if "____" in clause:
        return None
    return standalone(clause)


def standalone(clause: str) -> str | None:
    """The clause tidied ("The army crossed the river"), or None when it cannot stand alone.

    It must name its subject (start with a capital, no pronoun or pointer to other
    sentences), say nothing of time, be short and complete, and have balanced brackets
    and quotes.
    """
    clause = " ".join(clause.split()).strip(" ,;:.")
    clause = re.sub(r"\s+([,;:])", r"\1", clause)
    if not clause:
        return None
    clause = clause[0].upper() + clause[1:]
    words = clause.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return None
    if _DATE_WORDS.search(clause) or _LEANING_WORDS.search(clause):
        return None
    if _RELATIVE_TIME.search(clause) or _OPEN_ENDINGS.search(clause):
        return None
    if _STATES.search(clause) or _TWO_EVENTS.search(clause):
        return None
    if not words[0][0].isupper() or clause.count("(") != clause.count(")"):
        return None
    if clause.count('"') % 2 or clause.count("“") != clause.count("”") or "____" in clause:
        return None
    if any(mark in clause for mark in ("[", "]", "{", "}", "|", "?", "!", ";")):
        return None
    return clause


def _past_tense(base: str, sentence: str) -> str | None:
    """The simple past of `base` as the sentence wrote it, or None."""
    for form in _past_forms(base.lower()):
        if re.search(rf"\b{re.escape(form)}\b", sentence):
            return form
    return None


@lru_cache(maxsize=4096)
def _past_forms(base: str) -> tuple[str, ...]:
    import lemminflect  # as the dated phraser: loaded only when phrasing dates

    return tuple(lemminflect.getInflection(base, tag="VBD"))
