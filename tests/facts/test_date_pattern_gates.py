"""Skipping date patterns a sentence cannot match changes no reading.

The grammar tries a pattern only when the sentence passes its cheap necessary
condition (a month name, a digit, four digits, an era mark, "0s"), and restates
years only when some reading lacked one; here every labelled sentence and every
sentence of the real corpus is read both ways, with and without a context year.
"""

from __future__ import annotations

import pytest
from support import date_labels
from support.paths import CORPUS

from quizgen.facts import dates
from quizgen.facts.dates import DateContext, find_dates
from quizgen.ingest.readers import read_article
from quizgen.ingest.sentences import split_sentences

ONE_PER_PATTERN = [
    "From 3 June 1918 – 4 July 1919 it rained.",
    "From June 3, 1918 – July 4, 1919 it rained.",
    "On 25 October [O.S. 7 November] 1917 they rose.",
    "On 3/4–5 November 1917 they rose.",
    "On November 4–5, 1917 they rose.",
    "On the 9th of November 1918 he left.",
    "On November the 9th, 1918 he left.",
    "From June – August the army rested.",
    "Early June, 1918 was wet.",
    "It ended in late November.",
    "In the summer of 1918–19 they fought.",
    "Between 1918 and 1920 they fought.",
    "In c. 1918 he died.",
    "In AD 800 he was crowned; by 1000 BC it was old.",
    "In the early 1920s they left.",
    "On 99 November 1919 they left.",
    "On 4 November 9999 they left.",
]
"""A sentence for each pattern, in the order of dates._PATTERNS (some without digits)."""


def _corpus_sentences() -> list[str]:
    sentences = []
    for path in sorted((CORPUS / "b").glob("*.txt")):
        article = read_article(path)
        for section in article.sections:
            for paragraph in section.paragraphs:
                sentences.extend(split_sentences(paragraph))
    return sentences


def _readings(sentences, monkeypatch, gated: bool) -> list:
    monkeypatch.setattr(dates, "_GATED", gated)
    return [
        (find_dates(sentence), find_dates(sentence, DateContext(year=1919, month=3)))
        for sentence in sentences
    ]


def test_every_pattern_has_a_gate_and_a_sentence():
    assert len(dates._GATES) == len(dates._PATTERNS) == len(ONE_PER_PATTERN)


@pytest.mark.parametrize("source", ["labelled", "corpus"])
def test_gated_reading_equals_trying_every_pattern(source, monkeypatch):
    if source == "labelled":
        cases, traps = date_labels.load_labelled()
        sentences = [case.sentence for case in cases] + list(traps) + ONE_PER_PATTERN
    else:
        if not (CORPUS / "b").is_dir():
            pytest.skip("the real corpus is not beside this checkout")
        sentences = _corpus_sentences()
    assert len(sentences) > 100
    gated = _readings(sentences, monkeypatch, True)
    every = _readings(sentences, monkeypatch, False)
    assert sum(len(a) + len(b) for a, b in every) > 100  # dates were found to compare
    assert gated == every
