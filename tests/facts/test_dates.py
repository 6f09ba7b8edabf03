"""The date grammar against the hand-labelled set, plus its contract edges."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import date_labels

from quizgen.facts import dates
from quizgen.facts.dates import DateContext, date_context, find_dates, year_hint

_WORD_BEFORE = re.compile(r"([A-Za-z#$£€]+)\.?\s*$")
_AFTER_A_FIGURE = re.compile(r"[\d][-–—/]\s*$|[-–—/]$|[#$£€]\s*$")
"""The patterns the date grammar's end-of-text tests stand for (their oracles)."""

CASES, TRAPS = date_labels.load_labelled()


def test_labelled_set_is_large_enough():
    assert len(CASES) >= 150
    assert len(TRAPS) >= 40


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.sentence[:60])
def test_labelled_sentence(case):
    found = find_dates(case.sentence, case.context)
    assert [m.text for m in found] == [e.text for e in case.expected]
    for mention, expected in zip(found, case.expected, strict=True):
        assert mention.value == expected.value
        assert mention.old_style == expected.old_style
        assert mention.year_inferred == expected.inferred
        assert case.sentence[mention.span[0] : mention.span[1]] == mention.text


@pytest.mark.parametrize("trap", TRAPS)
def test_trap_sentence_has_no_date(trap):
    assert find_dates(trap, DateContext(year=1919)) == []


def test_aggregate_accuracy():
    score = date_labels.score(CASES, TRAPS)
    assert score.trap_false_dates == 0
    assert score.precision >= 0.97
    assert score.recall >= 0.90
    assert score.value_accuracy >= 0.95


def test_yearless_date_without_context_is_dropped():
    assert find_dates("On 7 November, Shikhlinski ordered an advance.") == []
    assert find_dates("On 7 November, Shikhlinski ordered an advance.", DateContext()) == []


def test_context_year_is_used_and_flagged():
    [mention] = find_dates("On 7 November, Shikhlinski ordered an advance.", DateContext(1919))
    assert mention.value.start == date(1919, 11, 7)
    assert mention.year_inferred


def test_stated_year_beats_context():
    [mention] = find_dates("On 7 November 1920 the army left.", DateContext(1919))
    assert mention.value.start == date(1920, 11, 7)
    assert not mention.year_inferred


def test_may_is_a_month_only_next_to_a_number():
    assert find_dates("They may attack in May.", DateContext(1919))[0].text == "May"
    assert find_dates("May God save the king.", DateContext(1919)) == []
    assert find_dates("The minister May said so.", DateContext(1919)) == []


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Fight for Zangezur, November 1919", 1919),
        ("Fight for Baku and Karabakh, 1918–19", 1918),
        ("Armenian–Azerbaijani war (1918–1920)", 1918),
        ("30 March 1918 – 28 November 1920", 1918),
        ("3/4–9 November 1919 , (5/6 days)", 1919),
        ("Treaty of Kars, 23 October 1921", 1921),
        ("Early life", None),
        ("Background", None),
        ("Route 66 and the 11th Army", None),
    ],
)
def test_year_hint(text, year):
    assert year_hint(text) == year


def test_date_context_carries_month_when_stated():
    assert date_context("Fight for Zangezur, November 1919") == DateContext(1919, 11)
    assert date_context("Fight for Baku and Karabakh, 1918–19") == DateContext(1918, None)


_DATEISH = st.sampled_from(list("0123456789 ,.-–/[]()ADBCMayJunNov thof"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_DATEISH, max_size=60))
def test_never_raises_and_spans_are_exact(text):
    for mention in find_dates(text, DateContext(1919)):
        assert text[mention.span[0] : mention.span[1]] == mention.text
        assert mention.value.start <= mention.value.end


@pytest.mark.parametrize(
    "sentence",
    [
        "The treaty was signed on 31 February 1919 in Paris.",
        "He was born on 29 February 1900, a year without one.",
        "On February 30, 1921 the council met.",
        "From 30 February to 2 March 1919 it snowed.",
    ],
)
def test_a_day_the_calendar_never_had_is_no_date_at_all(sentence):
    """Not the day, and not its month either: "February 1919" would be a card on a
    date the text never stated."""
    assert find_dates(sentence) == []
    assert find_dates(sentence, DateContext(year=1919)) == []


def test_the_leap_day_of_a_leap_year_is_a_date():
    (found,) = find_dates("He was born on 29 February 1904.")
    assert (found.text, found.value.start) == ("29 February 1904", date(1904, 2, 29))


@pytest.mark.parametrize(
    "sentence",
    [
        "On 99 November 1919 the army left the town.",
        "The army arrived on 99 November.",
        "By the 45th of November, 1919 nothing had changed.",
        "On November 45, 1919 it rained.",
    ],
)
def test_a_day_number_no_month_has_is_no_date(sentence):
    assert find_dates(sentence) == []
    assert find_dates(sentence, DateContext(year=1919)) == []


def test_a_count_before_a_month_name_still_leaves_the_year():
    (found,) = find_dates("In 1945 November was cold.")
    assert found.text == "1945"


@pytest.mark.parametrize(
    "sentence, text",
    [
        (
            "On 25 October (7 November) 1917 the Bolsheviks seized power.",
            "25 October (7 November) 1917",
        ),
        ("They rose on 7 November (25 October) 1917 in Petrograd.", "7 November (25 October) 1917"),
    ],
)
def test_an_unmarked_old_and_new_style_pair_takes_its_stated_year(sentence, text):
    """A context year of 1919 must not turn the October Revolution into 1919: the year
    stated after the pair is both days' year, and the later day is the New Style one."""
    for context in (None, DateContext(year=1919)):
        (found,) = find_dates(sentence, context)
        assert found.text == text
        assert found.value.start == date(1917, 11, 7)
        assert found.old_style is not None and found.old_style.start == date(1917, 10, 25)
        assert not found.year_inferred


def test_a_bracketed_day_that_is_no_calendar_lag_takes_no_context_year():
    assert find_dates("On 1 May (5 June) 1917 it rained.", DateContext(year=1919)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "On 4 November 9999 the army attacked the town.",
        "On 4 November 10000 the army attacked the town.",
        "On November 4, 9999 the army attacked.",
        "On 4 November 9999/10000 the army attacked.",
        "In AD 9999 the army attacked.",
        "In 10000 AD the army attacked.",
    ],
)
def test_a_year_beyond_the_plausible_bound_is_no_date(sentence):
    """Not the year, and the day may not borrow the context year either: that made
    "When did 9999 the army attack...?" answered with a 1905 date."""
    assert find_dates(sentence) == []
    assert find_dates(sentence, DateContext(year=1905)) == []


def test_a_count_after_a_day_and_month_leaves_the_day_its_context_year():
    (found,) = find_dates("On 4 November 12,000 men attacked.", DateContext(year=1905))
    assert (found.text, found.value.start) == ("4 November", date(1905, 11, 4))


# --- the end-anchored tests read from the end: the same answers as their patterns ------------

_TAIL_ALPHABET = st.sampled_from(
    ["1", "٣", "a", "Z", "#", "$", "£", "€", "-", "–", "—", "/", ".", " ", "\n", "\t", "\xa0", "é"]
)


@given(st.lists(_TAIL_ALPHABET, max_size=10).map("".join))
def test_the_figure_and_word_before_a_year_are_their_patterns(before):
    assert dates._after_a_figure(before) == bool(_AFTER_A_FIGURE.search(before))
    match = _WORD_BEFORE.search(before)
    assert dates._word_before(before) == (match.group(1) if match else "")


@given(st.text(max_size=12))
def test_month_gate_agrees_with_the_month_pattern(text):
    for sentence in (text, f"{text}June{text}", f"Sept.{text}", f"{text}Mayor", f"Dec{text}"):
        assert dates._has_month(sentence) == bool(dates._HAS_MONTH.search(sentence))
        assert dates._may_hold_a_date(sentence) == bool(dates._MAY_HOLD_A_DATE.search(sentence))
