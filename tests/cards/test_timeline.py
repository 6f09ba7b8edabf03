"""Timeline cards made from real articles: events apart in time, clauses that stand alone,
dates hidden, ids that survive a rebuild."""

from __future__ import annotations

import calendar
import itertools
import re
from datetime import date

import pytest
from support.paths import CORPUS

from quizgen.build.pipeline import plan_article
from quizgen.cards.timeline import (
    TimelineEvent,
    article_timelines,
    deck_timeline,
    separated,
)
from quizgen.core.date_format import MONTH_NAMES
from quizgen.core.models import Card, DateValue
from quizgen.core.timeline import Timeline, timeline_of
from quizgen.ingest.readers import read_article
from quizgen.phrasing.event_clauses import clause_from_cloze, declarative, standalone

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")

FORMATS = {"a": "*.md", "b": "*.txt"}
PRONOUNS = {"he", "she", "it", "they", "him", "them", "this", "these", "those"}
"""Pronouns that need a referent (a possessive after a named subject, "Huxley moved with his
wife", reads on its own)."""


def _days(value: DateValue) -> tuple[date, date]:
    """What a date may mean, worked out here independently of the planner."""
    start, end = value.start, value.end
    if value.precision == "year":
        return date(start.year, 1, 1), date(end.year, 12, 31)
    if value.precision == "month":
        return date(start.year, start.month, 1), date(
            end.year, end.month, calendar.monthrange(end.year, end.month)[1]
        )
    return start, end


def _timeline_cards(fmt: str) -> list[tuple[str, Card]]:
    cards = []
    for path in sorted((CORPUS / fmt).glob(FORMATS[fmt])):
        article = read_article(path)
        planned = plan_article(article, article.title)
        cards += [(article.title, card) for card in planned.cards if card.kind == "timeline"]
    return cards


@pytest.fixture(scope="module", params=sorted(FORMATS))
def corpus_timelines(request) -> list[tuple[str, Card]]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return _timeline_cards(request.param)


@needs_corpus
def test_real_articles_give_timelines_of_both_forms(corpus_timelines):
    forms = [timeline_of(card).form for _, card in corpus_timelines]
    assert forms.count("order") >= 6
    assert forms.count("first") >= 6
    assert len({title for title, _ in corpus_timelines}) >= 10


@needs_corpus
def test_no_two_items_of_a_card_can_share_a_day_or_overlap(corpus_timelines):
    for title, card in corpus_timelines:
        timeline = timeline_of(card)
        assert timeline is not None, card.id
        spans = [_days(item.date) for item in timeline.items]
        for (a_start, a_end), (b_start, b_end) in itertools.combinations(spans, 2):
            assert a_end < b_start or b_end < a_start, (title, card.question)
        in_order = [_days(timeline.item(label).date)[0] for label in timeline.order]
        assert in_order == sorted(in_order), (title, card.question)


@needs_corpus
def test_every_item_stands_alone_with_its_date_hidden(corpus_timelines):
    for title, card in corpus_timelines:
        timeline = timeline_of(card)
        count = len(timeline.items)
        assert (timeline.form, count in (2,)) == ("first", True) or (
            timeline.form == "order" and 3 <= count <= 5
        )
        for item in timeline.items:
            words = re.findall(r"[A-Za-z']+", item.text)
            assert item.text[0].isupper() and 3 <= len(item.text.split()) <= 14, item.text
            assert not {word.lower() for word in words} & PRONOUNS, item.text
            assert not re.search(r"\d", item.text), item.text
            assert not set(words) & set(MONTH_NAMES), item.text
            assert standalone(item.text) == item.text
            assert f"{item.label}. {item.text}" in card.question
        assert not re.search(r"\d", card.question), card.question  # no date on the front
        assert card.source.section == "Timeline" and card.source.title == title
        for item in timeline.items:  # the back gives every date
            assert str(item.date.start.year) in card.source.text


@needs_corpus
def test_items_are_shown_mixed_and_the_answer_is_the_true_order(corpus_timelines):
    for _, card in corpus_timelines:
        timeline = timeline_of(card)
        shown = tuple(item.label for item in timeline.items)
        assert shown == tuple("ABCDE"[: len(shown)])
        if timeline.form == "order":
            assert card.answer == "".join(timeline.order) != "".join(shown)
        else:
            assert card.answer == timeline.item(timeline.order[0]).text


@needs_corpus
def test_a_rebuild_makes_the_same_timeline_cards_with_the_same_ids():
    path = CORPUS / "b" / "afghanistan.txt"
    first = plan_article(read_article(path), "Afghanistan")
    second = plan_article(read_article(path), "Afghanistan")
    ids = [card.id for card in first.cards if card.kind == "timeline"]
    assert ids and ids == [card.id for card in second.cards if card.kind == "timeline"]
    # the same article in the other format is the same article: same cards, same ids
    other = plan_article(read_article(CORPUS / "a" / "afghanistan.md"), "Afghanistan")
    assert {card.id for card in other.cards if card.kind == "timeline"} & set(ids)


def _event(key: str, text: str, value: DateValue, rank: float = 1.0, article: str = "X"):
    return TimelineEvent(fact_key=key, text=text, date=value, rank=rank, article=article)


def _year(year: int) -> DateValue:
    return DateValue(date(year, 1, 1), date(year, 1, 1), "year")


def _day(year: int, month: int, day: int) -> DateValue:
    return DateValue(date(year, month, day), date(year, month, day), "day")


def _month(year: int, month: int) -> DateValue:
    return DateValue(date(year, month, 1), date(year, month, 1), "month")


def test_dates_that_may_overlap_are_never_apart():
    assert not separated(_day(1918, 5, 28), _day(1918, 5, 28))  # same day
    assert not separated(_year(1919), _day(1919, 11, 3))  # the day lies in the year
    assert not separated(_year(1919), _year(1919))  # same year, only years known
    assert not separated(_month(1919, 11), _day(1919, 11, 30))
    span_ = DateValue(date(1918, 3, 1), date(1918, 6, 1), "month")
    assert not separated(span_, _month(1918, 5))  # overlapping spans
    assert not separated(DateValue(date(1919, 1, 1), date(1919, 1, 1), "day", "early"), _year(1919))
    assert separated(_day(1918, 5, 28), _day(1918, 5, 29))
    assert separated(_year(1918), _year(1919))
    assert separated(_month(1919, 10), _day(1919, 11, 1))


def test_events_of_one_year_are_not_ordered_and_loose_dates_are_left_out():
    events = [
        _event("a", "The army crossed the Aras river", _year(1919)),
        _event("b", "Nzhdeh proclaimed the Republic of Mountainous Armenia", _year(1919)),
        _event("c", "The Treaty of Batum was signed in the port", _day(1919, 6, 4)),
        _event(
            "d",
            "The congress met in Goris",
            DateValue(date(1920, 1, 1), date(1920, 1, 1), "year", "circa"),
        ),
    ]
    assert article_timelines(events) == []  # at most one 1919 event, and no circa
    events.append(_event("e", "The Soviet army entered Zangezur", _year(1921)))
    (pair,) = article_timelines(events)
    assert pair.timeline.form == "first"
    assert [item.text for item in pair.timeline.items if item.label == pair.timeline.order[0]][
        0
    ] in {
        "The army crossed the Aras river",
        "Nzhdeh proclaimed the Republic of Mountainous Armenia",
        "The Treaty of Batum was signed in the port",
    }


TEXTS = [
    "Nzhdeh proclaimed Mountainous Armenia",
    "Shikhlinski ordered Levestam to capture Dyg",
    "The Treaty of Batum was signed",
    "Dro led the Armenian cavalry into Zangezur",
    "Andranik withdrew his volunteers to Goris",
    "The British mission left Baku by sea",
    "Soviet troops entered Yerevan unopposed",
    "Kazim Karabekir crossed the Arpachay river",
]
"""Clauses of distinct events (no two share most of their words)."""


def test_an_ordering_takes_three_to_five_events_and_a_pair_takes_two_others():
    events = [
        _event(f"k{n}", text, _year(1901 + n), rank=1 / (n + 1)) for n, text in enumerate(TEXTS)
    ]
    order, pair = article_timelines(events)
    assert order.timeline.form == "order" and len(order.timeline.items) == 5
    assert pair.timeline.form == "first" and len(pair.timeline.items) == 2
    used = {item.text for item in order.timeline.items}
    assert not used & {item.text for item in pair.timeline.items}
    assert order.question.startswith("Put these in order, earliest first:\nA. ")
    assert pair.question.startswith("Which came first?\nA. ")


def test_the_fact_is_which_events_not_their_wording_or_dates():
    events = [_event(f"k{n}", TEXTS[n], _year(1900 + n)) for n in range(3)]
    (plan,) = article_timelines(events)
    reworded = [
        _event(event.fact_key, event.text + " again", _year(1950 + n))
        for n, event in enumerate(events)
    ]
    (again,) = article_timelines(reworded)
    assert again.fact_key == plan.fact_key
    (other,) = article_timelines(events[:2] + [_event("k9", TEXTS[5], _year(1909))])
    assert other.fact_key != plan.fact_key


def test_a_deck_timeline_spans_articles_and_names_its_deck():
    events = [
        _event("z1", "Nzhdeh proclaimed Mountainous Armenia", _year(1921), article="Z"),
        _event("z2", "Shikhlinski ordered Levestam to capture Dyg", _year(1919), article="Z"),
        _event("w1", "The Treaty of Batum was signed", _year(1918), article="W"),
        _event("w2", "The city was taken", _year(1920), article="W"),  # names nothing
    ]
    plan = deck_timeline("Caucasus 1918–1920", events)
    assert plan is not None
    assert plan.question.startswith("Order these events of the Caucasus 1918–1920 deck")
    assert {item.text for item in plan.timeline.items} == {e.text for e in events[:3]}
    assert plan.fact_key.startswith("deck-timeline:order:")
    assert deck_timeline("One", [e for e in events if e.article == "Z"]) is None


def test_clauses_that_lean_on_context_or_tell_a_date_are_refused():
    assert standalone("He moved to Hollywood with his wife") is None
    assert standalone("Huxley moved to Hollywood the same year") is None
    assert standalone("Huxley moved to Hollywood in 1937") is None
    assert standalone("Huxley moved to Hollywood in March") is None
    assert standalone("The university is the oldest in Albania, having been founded") is None
    assert standalone("Huxley moved to Hollywood after the war") is None
    assert standalone("Huxley moved to") is None
    assert standalone("huxley moved to Hollywood.") == "Huxley moved to Hollywood"
    assert clause_from_cloze("Huxley moved to Hollywood in ____.") == "Huxley moved to Hollywood"
    assert clause_from_cloze("In ____, Huxley moved to Hollywood.") == "Huxley moved to Hollywood"
    assert clause_from_cloze("Huxley won the ____ election in Goris.") is None
    sentence = "In 1937 Huxley moved to Hollywood with his wife Maria."
    assert declarative("Huxley", "did", "move", "to Hollywood", sentence) == (
        "Huxley moved to Hollywood"
    )
    assert declarative("Actrius", "was", "produced", "", "Actrius was produced in 1996.") is None
    assert standalone("Harold Russell needed money for his wife's medical expenses") is None
    assert declarative("Dwan", "did", "lead", "the crew", "Dwan leaded the crew.") is None


def test_a_timeline_reads_back_from_its_stored_shape():
    (plan,) = article_timelines([_event(f"k{n}", TEXTS[n], _day(1900 + n, 3, 1)) for n in range(3)])
    assert Timeline.from_json(plan.timeline.to_json()) == plan.timeline
    assert "1 March 1900" in plan.timeline.true_order_text()


def test_an_item_holding_two_events_is_not_used():
    """ "Kristeva trained in psychoanalysis, and earned her degree": the date is the
    degree's, and the item says two things."""
    from quizgen.phrasing.event_clauses import standalone

    assert standalone("Kristeva trained in psychoanalysis, and earned her degree") is None
    assert standalone("Kristeva earned her degree in psychoanalysis") is not None
