"""The ASCII fast path and the memo of normalize_text change no result."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from quizgen.core import grading
from quizgen.core.grading import _fold, normalize_text


def _fold_by_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.casefold().translate(grading._PLAIN_LETTERS)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_folds_as_unicode_folding_does(text):
    assert _fold(text) == _fold_by_unicode(text)


@given(st.text())
def test_any_text_folds_as_unicode_folding_does(text):
    assert _fold(text) == _fold_by_unicode(text)


def test_memoized_answers_are_the_computed_ones():
    for text in ("The Hague", "Ærø", "O’Brien & Sons", "the", "ΣΊΣΥΦΟΣ", "İstanbul"):
        first = normalize_text(text)
        assert normalize_text(text) == first == normalize_text.__wrapped__(text)
