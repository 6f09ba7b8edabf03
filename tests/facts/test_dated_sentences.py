"""Dated-sentence extraction: context years from headings, infobox, title and prose."""

from __future__ import annotations

import functools
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import paths

from quizgen.core.models import Article, Infobox, InfoboxField, Section
from quizgen.facts import dated_sentences as dated_sentences_module
from quizgen.facts.dated_sentences import dated_sentences

SEEDS = paths.SEEDS


def _article(title: str, sections: list[Section], date_field: str | None = None) -> Article:
    infoboxes = ()
    if date_field is not None:
        field = InfoboxField(key="date", label="Date", items=(date_field,), text=date_field)
        infoboxes = (Infobox(fields=(field,)),)
    return Article(
        title=title,
        short_description="",
        infoboxes=infoboxes,
        sections=tuple(sections),
        source_path="<test>",
        content_hash="",
        format="test",
    )


def _first_date(found, sentence_start: str) -> date:
    for dated in found:
        if dated.sentence.startswith(sentence_start):
            return dated.dates[0].value.start
    raise AssertionError(f"no dated sentence starts with {sentence_start!r}")


def test_heading_year_and_month_give_context():
    article = _article(
        "Siege of Nowhere",
        [Section(("Campaign", "Autumn fighting, October 1870"), ("On 12 October the town fell.",))],
    )
    [dated] = dated_sentences(article)
    assert dated.dates[0].value.start == date(1870, 10, 12)
    assert dated.dates[0].year_inferred
    assert dated.subject == "Siege of Nowhere"


def test_infobox_date_then_title_give_context():
    with_infobox = _article(
        "Battle of Somewhere (1700–1702)",
        [Section(("War proper",), ("On 30 March, the army crossed the river.",))],
        date_field="30 March 1812 – 2 May 1813",
    )
    assert _first_date(dated_sentences(with_infobox), "On 30 March") == date(1812, 3, 30)
    title_only = _article(
        "Battle of Somewhere (1700–1702)",
        [Section(("War proper",), ("On 30 March, the army crossed the river.",))],
    )
    assert _first_date(dated_sentences(title_only), "On 30 March") == date(1700, 3, 30)


def test_no_context_drops_yearless_sentences():
    article = _article("Some Person", [Section((), ("On 30 March she left the city for good.",))])
    assert dated_sentences(article) == []


def test_stated_year_carries_to_later_sentences_within_a_section_only():
    article = _article(
        "Some Company",
        [
            Section(
                ("History",),
                (
                    "The firm was founded in 1886 in a small shop. On 3 May it opened a factory.",
                    "Too short.",
                    "It moved to Chicago in 1901. On 2 June the new plant opened its gates.",
                ),
            ),
            Section(("Products",), ("On 9 July the first car left the line.",)),
        ],
        date_field="1880",
    )
    found = dated_sentences(article)
    assert _first_date(found, "On 3 May") == date(1886, 5, 3)
    assert _first_date(found, "On 2 June") == date(1901, 6, 2)
    assert _first_date(found, "On 9 July") == date(1880, 7, 9)


def test_previous_sentence_and_skipped_non_prose():
    article = _article(
        "A Film",
        [
            Section(
                ("Release",),
                (
                    "The studio screened a rough cut for critics. It opened on 4 July 1986.",
                    "* Released 1986",
                ),
            )
        ],
    )
    [dated] = dated_sentences(article)
    assert dated.sentence == "It opened on 4 July 1986."
    assert dated.previous_sentence == "The studio screened a rough cut for critics."


def test_sentences_without_dates_are_skipped():
    article = _article(
        "A Battle",
        [Section(("Forces",), ("The 11th Army had 12,000 men and 40 guns in reserve.",))],
        date_field="1919",
    )
    assert dated_sentences(article) == []


# --- the two seeds (read through quizgen.ingest.readers)

read_article = pytest.importorskip("quizgen.ingest.readers").read_article


@functools.cache
def _seed(prefix: str) -> Article:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return read_article(path)


@functools.cache
def _seed_dated(prefix: str) -> tuple:
    return tuple(dated_sentences(_seed(prefix)))


@pytest.mark.parametrize(
    ("prefix", "sentence_start", "expected", "inferred"),
    [
        ("000", "On 30 March, the Soviets", date(1918, 3, 30), True),
        ("000", "Dunsterville ordered the evacuation", date(1918, 9, 14), True),
        ("000", "In January 1919 Armenian troops", date(1919, 1, 1), False),
        ("000", "The republic, which was essentially subordinate", date(1919, 6, 1), False),
        ("000", "On 5 April 1920, skirmishes", date(1920, 4, 5), False),
        ("000", "While a cease-fire was negotiated on 9 April", date(1920, 4, 9), True),
        ("000", "In late November there was", date(1920, 11, 1), True),
        ("000", "On 5 December, the Armenian Revolutionary", date(1920, 12, 5), True),
        ("000", "By April, the Red Army reconquered", date(1921, 4, 1), True),
        ("004", "In 1917, following the Russian Revolution", date(1917, 1, 1), False),
        ("004", "By July, Andranik's troops", date(1918, 7, 1), True),
        ("004", "On March 6, 1919, Lieutenant Colonel", date(1919, 3, 6), False),
        ("004", "On June 21, the newspaper", date(1919, 6, 21), True),
        ("004", "On November 7, Shikhlinski ordered", date(1919, 11, 7), True),
        ("004", "By the 9th of November", date(1919, 11, 9), True),
        ("004", "On November 19, Yusifbeyli and Khatisian", date(1919, 11, 19), True),
    ],
)
def test_seed_dated_sentences(prefix, sentence_start, expected, inferred):
    found = _seed_dated(prefix)
    matches = [d for d in found if d.sentence.startswith(sentence_start)]
    assert matches, f"no dated sentence starts with {sentence_start!r}"
    mention = matches[0].dates[0]
    assert mention.value.start == expected
    assert mention.year_inferred == inferred


def test_seed_traps_are_not_dated():
    sentences = [d.sentence for d in _seed_dated("004")]
    assert not any(s.startswith("Amid this crisis, Andranik arrived") for s in sentences)
    assert not any(s.startswith("According to Azerbaijani sources") for s in sentences)
    assert not any(s.startswith("At dawn on the 6th") for s in sentences)


# ---------------------------------------------------------------- context for standalone questions


def _by_start(found, sentence_start: str):
    return next(d for d in found if d.sentence.startswith(sentence_start))


def test_a_yearless_date_is_certain_only_when_the_sentence_before_states_its_year():
    article = _article(
        "Albania",
        [
            Section(
                ("History",),
                (
                    "In 2003, the league was founded in Tirana. In March, it held its first match.",
                    "The schemes collapsed in late 1996. The protests turned violent in February.",
                    "The fleet sailed in December 1862. It reached the coast in January.",
                ),
            )
        ],
    )
    found = dated_sentences(article)
    march = _by_start(found, "In March")
    assert march.dates[0].span in march.certain_inferred
    for start in ("The protests", "It reached"):  # "late 1996" then February; December then January
        later = _by_start(found, start)
        assert later.dates[0].year_inferred and later.certain_inferred == ()


def test_a_heading_month_makes_its_days_certain():
    article = _article(
        "Siege of Nowhere",
        [Section(("Campaign", "Autumn fighting, October 1870"), ("On 12 October the town fell.",))],
    )
    [dated] = dated_sentences(article)
    assert dated.certain_inferred == (dated.dates[0].span,)


def test_he_means_the_subject_only_after_a_sentence_about_the_subject():
    person = InfoboxField(key="birth_date", label="Born", items=("1894",), text="1894")
    place = InfoboxField(key="occupation", label="Occupation", items=("Writer",), text="Writer")
    article = Article(
        title="Aldous Huxley",
        short_description="",
        infoboxes=(Infobox(fields=(person, place)),),
        sections=(
            Section(
                ("Life",),
                (
                    "Huxley went up to Balliol College. He moved to Hollywood in 1937.",
                    "Huxley met Stravinsky there. Stravinsky began Variations. "
                    "He finished it in 1964.",
                ),
            ),
        ),
        source_path="<test>",
        content_hash="",
        format="test",
    )
    found = dated_sentences(article)
    assert _by_start(found, "He moved").pronoun_referent == "Huxley"
    assert _by_start(found, "He finished").pronoun_referent == ""


def test_the_lead_names_what_the_town_is():
    article = _article(
        "Bodmin",
        [
            Section((), ("Bodmin is a civil parish and town in Cornwall, England.",)),
            Section(("History",), ("The town was granted a charter in 1798.",)),
        ],
    )
    [dated] = dated_sentences(article)
    assert dated.subject_name == "Bodmin" and "town" in dated.subject_nouns


def test_it_means_the_subject_only_when_nothing_else_was_named():
    article = _article(
        "Albania",
        [
            Section(
                ("History",),
                (
                    "Albania declared independence in 1912. It became a kingdom in 1928.",
                    "Albania has one international airport. It was enlarged in 2007.",
                ),
            )
        ],
    )
    found = dated_sentences(article)
    assert _by_start(found, "It became").pronoun_referent == "Albania"
    assert _by_start(found, "It was enlarged").pronoun_referent == ""


@given(
    st.lists(
        st.sampled_from(["a", "Zb", "Ab", "A", ",", ";", ")", " ", "\n", "é", "1", "B"]),
        max_size=12,
    ).map("".join)
)
def test_mid_sentence_capitals_are_found_as_by_the_look_behind_first(text):
    plain = re.compile(r"(?<=[a-z,;:)]\s)([A-Z][a-z]+)\b")
    spans = [m.span(1) for m in dated_sentences_module._MID_SENTENCE_CAPITALISED.finditer(text)]
    assert spans == [m.span(1) for m in plain.finditer(text)]
