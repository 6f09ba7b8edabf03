"""The one pattern for a year written in a text."""

from __future__ import annotations

import pytest

from quizgen.core.date_format import STATED_YEAR


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("converted the tracks to Standard gauge in 1926.", ["1926"]),  # a sentence's end
        ("in 1926, then in 1933; and 1943", ["1926", "1933", "1943"]),
        ("a population of 1,950 and $1950 and 1950% and 1950.5", []),  # figures, not years
        ("in 999 and 2100", []),
    ],
)
def test_a_stated_year_is_found_where_a_year_is_written(text, years):
    assert STATED_YEAR.findall(text) == years
