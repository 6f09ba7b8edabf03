"""Distractors by meaning: class, form, plausibility and the fall back to none.

Most checks run on a small deck built from real articles of the development corpus
(skipped when the corpus folder is absent); a few pin one class on a card made here.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import combinations

import pytest
from support.paths import CORPUS, ROOT

from quizgen.build.pipeline import build_corpus
from quizgen.cards import reference
from quizgen.cards.classes import semantic_class
from quizgen.cards.date_options import Era, date_options, value_of
from quizgen.cards.distractors import (
    ArticleContext,
    DistractorPools,
    article_context,
    choose_distractors,
)
from quizgen.cards.number_options import number_options
from quizgen.core.grading import Verdict, grade_answer
from quizgen.core.models import Card, CardSource, DateValue
from quizgen.store import open_database
from quizgen.store.cards import card_from_row

ARTICLES = (
    "albania",
    "aldous-huxley",
    "allan-dwan",
    "harry-mcpherson",
    "actrius",
    "apollo-8",
    "aikido",
    "animal-farm",
    "bodmin",
    "economy-of-angola",
)
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
OPTIONS = json.loads((ROOT / "quizgen/cards/data/options.json").read_text())


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> list[Card]:
    files = [CORPUS / "b" / f"{slug}.txt" for slug in ARTICLES]
    if not all(path.is_file() for path in files):
        pytest.skip("the development corpus is not here")
    db = open_database(tmp_path_factory.mktemp("distractors") / "deck.db")
    build_corpus(db, files, now=NOW, decks_dir=None, definitions=[])
    return [card_from_row(row) for row in db.query("SELECT * FROM cards WHERE status = 'active'")]


def _field(card: Card) -> str:
    return str(card.extra.get("field", ""))


def _of_class(deck: list[Card], *classes: str) -> list[Card]:
    return [card for card in deck if card.extra.get("pool") in classes and card.kind == "infobox"]


def _one_country(pools: DistractorPools, *article_ids: str) -> DistractorPools:
    """Every article of these pools (and the card's own) about one country's people."""
    sources = {source for entries in pools.by_class.values() for _, source, _ in entries}
    for article_id in {*sources, *article_ids}:
        pools.homes[article_id] = "GB"
    return pools


def _with_field(deck: list[Card], *fields: str) -> list[Card]:
    return [card for card in deck if _field(card) in fields and card.kind == "infobox"]


def _card(answer: str, pool: str = "", **changes) -> Card:
    base = Card(
        id=f"test:{answer}:{pool}",
        deck="Test",
        kind="infobox",
        question=changes.pop("question", "What is it?"),
        answer=answer,
        fact_key=f"infobox:{pool}",
        source=CardSource(path="x.txt", title=changes.pop("title", "Test"), section="", text=""),
        answer_type=changes.pop("answer_type", "name"),
        extra={"pool": pool, **changes.pop("extra", {})},
    )
    return replace(base, **changes)


# ---------------------------------------------------------------------------
# Every card of the deck
# ---------------------------------------------------------------------------


def test_options_are_three_or_none_wrong_and_distinct(deck):
    assert deck
    with_options = 0
    for card in deck:
        assert len(card.distractors) in (0, 3), card
        if card.distractors:
            with_options += 1
        for option in card.distractors:
            assert grade_answer(option, card).verdict == Verdict.WRONG, (card.answer, option)
        for first, second in combinations(card.distractors, 2):
            as_first = replace(card, answer=first, accepted=(), any_of=False, date=None)
            assert grade_answer(second, as_first).verdict == Verdict.WRONG, (first, second)
    assert with_options > len(deck) // 2


def test_no_option_is_another_answer_of_the_same_article(deck):
    by_article: dict[str, set[str]] = {}
    for card in deck:
        by_article.setdefault(card.source.title, set()).update([card.answer, *card.accepted])
    for card in deck:
        if card.answer_type in ("date", "number") or card.date is not None:
            continue
        others = by_article[card.source.title] - {card.answer, *card.accepted}
        assert not set(card.distractors) & others, (card.answer, card.distractors)


# ---------------------------------------------------------------------------
# Class: countries, capitals, currencies, languages, cities
# ---------------------------------------------------------------------------


def test_a_capital_gets_other_capitals_of_its_continent(deck):
    capitals = [card for card in _with_field(deck, "capital") if card.answer == "Tirana"]
    assert capitals and capitals[0].distractors
    for option in capitals[0].distractors:
        country = reference.country_of_capital(option)
        assert country is not None and country.continent == "EU", option


def test_a_country_gets_other_countries(deck):
    # a largest trade partner is asked among the world's traders, a work's country among
    # the countries that make such works (both tested below)
    trade = ("export_partners", "import_partners")
    countries = [
        card
        for card in _of_class(deck, "country")
        if card.distractors and _field(card) not in trade
    ]
    assert len(countries) >= 3
    media = [card for card in countries if card.extra.get("infobox_kind") in ("book", "film")]
    assert media  # Animal Farm's first publication
    for card in countries:
        home = reference.find_country(card.answer)
        for option in card.distractors:
            found = reference.find_country(option)
            assert found is not None, option
            if card not in media:
                assert found.continent == home.continent, option


def test_a_currency_gets_other_currencies_written_alike(deck):
    currency = _with_field(deck, "currency")
    assert currency and currency[0].distractors
    for option in currency[0].distractors:
        assert reference.country_of_currency(option) is not None, option
        assert len(option.split()) == len(currency[0].answer.split())


def test_a_language_gets_other_languages(deck):
    made_here = [
        _card("Catalan", "language", question="In which language was Actrius made?"),
        _card("Pashto", "language", question="What is the official language of Afghanistan?"),
    ]
    made_here = [
        replace(card, distractors=choose_distractors(card, "language", DistractorPools(), "a"))
        for card in made_here
    ]
    languages = [card for card in _of_class(deck, "language") if card.distractors] + made_here
    for card in languages:
        assert len(card.distractors) == 3, card.answer
        assert all(reference.is_language(option) for option in card.distractors)


@pytest.mark.parametrize("path", ["a/afghanistan.md", "b/afghanistan.txt"])
def test_a_language_the_article_names_is_no_option(path):
    """ "Other languages, including Uzbek, ... have official status in the regions where
    they are widely spoken": Uzbek, a neighbour's language, is no wrong answer to
    "Name one official language of Afghanistan", nor is any language the article gives a
    standing; "a small percentage of Afghans are also fluent in Urdu" gives Urdu none."""
    from support.planning import planned_corpus_article

    planned = planned_corpus_article(path)
    asked = "Name one official language of Afghanistan."
    [card] = [c for c in planned.cards if c.question == asked]
    named = set(card.extra["named_languages"])
    assert {"uzbek", "turkmen", "arabic"} <= named
    assert not {"pashto", "dari", "urdu"} & named  # the answers themselves; a mention
    options = choose_distractors(
        card, card.extra["pool"], DistractorPools(), "a", article_context([card])
    )
    assert len(options) == 3
    assert not {option.casefold() for option in options} & named
    assert "Tajik" not in options  # Dari, an answer, is Persian, and so is Tajik


def test_a_birthplace_gets_places_written_alike_sharing_no_part():
    places = [
        _card(answer, "city", question=question, title=title, extra={"field": "birth_place"})
        for answer, question, title in (
            ("Sliven, Bulgaria", "Where was Julia Kristeva born?", "Julia Kristeva"),
            ("Stockholm, Sweden", "Where was the band Antique formed?", "Antique (band)"),
            ("Basra, Iraq", "Where was Ibn al-Haytham born?", "Ibn al-Haytham"),
        )
    ]
    places = [
        replace(card, distractors=choose_distractors(card, "city", DistractorPools(), "a"))
        for card in places
    ]
    for card in places:
        assert card.distractors, card.answer
        answer_parts = {part.strip() for part in card.answer.split(",")}
        for option in card.distractors:
            parts = [part.strip() for part in option.split(",")]
            assert len(parts) == 2 and not answer_parts & set(parts), option
            assert reference.find_country(parts[1]) is not None


def test_a_long_form_country_name_gets_long_forms():
    card = _card(
        "Republic of Albania",
        "country",
        question="What is the official name of the country whose capital is Tirana?",
    )
    options = choose_distractors(card, "country", DistractorPools(), "a")
    assert len(options) == 3
    assert all(re.search(r"\b(?:Republic|Kingdom|Federation|of)\b", o) for o in options), options


@pytest.mark.parametrize(
    ("answer", "pool", "question"),
    [
        ("Republic of Albania", "country", "What is the long name of Albania?"),
        ("Angolan kwanza", "currency", "What is the currency of Angola?"),
    ],
)
def test_an_answer_that_alone_repeats_the_question_gets_no_options(answer, pool, question):
    """Only "Angolan kwanza" says Angola among "Kenyan shilling", "Egyptian pound"...:
    a learner would pick it unread, so the card is asked without options."""
    card = _card(answer, pool, question=question)
    assert choose_distractors(card, pool, DistractorPools(), "a") == ()


# ---------------------------------------------------------------------------
# Class: people, positions, closed lists
# ---------------------------------------------------------------------------


def test_a_spouse_never_gets_a_child_of_the_subject(deck):
    spouse = _card(
        "Maria Nys", "person:spouse", title="Aldous Huxley", question="Who was his wife?"
    )
    child = _card("Matthew Huxley", "person:child", title="Aldous Huxley")
    pools = DistractorPools()
    for name, source in [
        ("Matthew Huxley", "other1"),  # another article's spouse, this subject's child
        ("Philippe Sollers", "other2"),
        ("Pauline Bush", "other3"),
        ("Lee Marvin", "other4"),
        ("Anna Karina", "other5"),
    ]:
        pools.add("person:spouse", name, source)
    context = article_context(
        [spouse, child, *[c for c in deck if c.source.title == "Aldous Huxley"]]
    )
    _one_country(pools, "huxley")
    options = choose_distractors(spouse, "person:spouse", pools, "huxley", context)
    assert len(options) == 3 and "Matthew Huxley" not in options


def test_people_of_another_role_never_stand_in_for_a_spouse():
    pools = DistractorPools()
    for index, name in enumerate(["Ann Lee", "Bob Ray", "Cy Young", "Di Fox"]):
        pools.add("person:director", name, f"film{index}")
    card = _card("Maria Nys", "person:spouse")
    assert choose_distractors(card, "person:spouse", pools, "a") == ()


def test_a_baseball_position_gets_baseball_positions_only():
    card = _card("Outfielder", "position:baseball", question="What position did he play?")
    options = choose_distractors(card, "position:baseball", DistractorPools(), "a")
    assert len(options) == 3
    football = set(OPTIONS["positions"]["football"]) | set(
        OPTIONS["positions"]["american_football"]
    )
    assert all(option in OPTIONS["positions"]["baseball"] for option in options)
    assert not set(options) & football
    assert not set(options) & {"Left fielder", "Center fielder", "Right fielder"}


def test_a_position_of_an_unknown_sport_gets_none_when_the_name_is_shared():
    card = _card("Center", "position", question="What position did he play?")
    assert choose_distractors(card, "position", DistractorPools(), "a") == ()


def test_occupations_come_from_the_same_field_of_work_and_keep_their_count(deck):
    card = _card("Activist, Politician", "occupation@person", extra={"field": "occupation"})
    options = choose_distractors(card, "occupation@person", DistractorPools(), "a")
    politics = set(OPTIONS["occupations"]["politics"])
    assert len(options) == 3
    for option in options:
        items = option.split(", ")
        assert len(items) == 2 and set(items) <= politics, option


@pytest.mark.parametrize(
    "answer",
    ["Film director Film producer Screenwriter", "agriculture 85% industry and services 15%"],
)
def test_an_answer_no_list_knows_gets_no_options(answer):
    card = _card(answer, "occupation@person", extra={"field": "occupation"})
    assert choose_distractors(card, "occupation@person", DistractorPools(), "a") == ()


# ---------------------------------------------------------------------------
# Form: dates and figures
# ---------------------------------------------------------------------------


def _shape(text: str) -> str:
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    return re.sub(r"\d+", "#", re.sub(rf"\b(?:{months})\b", "M", text))


def test_dates_keep_precision_and_written_form(deck):
    dated = [card for card in deck if card.distractors and value_of(card.answer, card.date)]
    assert len(dated) > 20
    for card in dated:
        value, _ = value_of(card.answer, card.date)
        for option in card.distractors:
            assert _shape(option) == _shape(card.answer), (card.answer, option)
            parsed = value_of(option, None)
            if parsed is not None and not value.qualifier:
                assert parsed[0].precision == value.precision, (card.answer, option)


def test_a_date_written_month_first_gets_options_written_month_first():
    admitted = DateValue(date(1959, 1, 3), date(1959, 1, 3), "day")
    card = _card(
        "January 3, 1959",
        "date",
        answer_type="date",
        date=admitted,
        question="When was Alaska admitted to the Union?",
    )
    options = choose_distractors(card, "date", DistractorPools(), "a")
    assert len(options) == 3
    for option in options:
        assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", option), option


def test_dates_stay_inside_the_subjects_lifetime(deck):
    huxley = [card for card in deck if card.source.title == "Aldous Huxley"]
    context = article_context(huxley)
    assert context.born == date(1894, 7, 26) and context.died == date(1963, 11, 22)
    for card in huxley:
        if card.date is None or not card.distractors:
            continue
        inside = context.born <= card.date.start <= context.died
        if _field(card) in ("birth_date", "born"):
            assert all(value_of(o, None)[0].start < context.died for o in card.distractors)
        elif inside or _field(card) in ("death_date", "died"):
            for option in card.distractors:
                found = value_of(option, None)
                if found:
                    assert found[0].end.year >= context.born.year, option
                    assert found[0].start.year <= context.died.year, option


def test_dates_never_before_the_era_nor_in_the_future():
    value = DateValue(date(1918, 5, 28), date(1918, 5, 28), "day")
    era = Era(date(1918, 5, 1), date(1918, 6, 30))
    options = date_options("28 May 1918", value, random.Random(1), era=era)
    assert len(options) >= 3
    for option in options:
        found = value_of(option, None)[0]
        assert era.earliest <= found.start <= era.latest, option
    recent = DateValue(date(2025, 1, 1), date(2025, 1, 1), "year")
    assert all(
        int(option) <= date.today().year
        for option in date_options("2025", recent, random.Random(2))
    )


def test_decades_are_real_decades_and_a_false_one_gets_none():
    decade = DateValue(date(1920, 1, 1), date(1929, 1, 1), "year", "decade")
    options = date_options("1920s", decade, random.Random(3))
    assert len(options) >= 3 and all(re.fullmatch(r"1[89]\d0s|20[0-2]0s", o) for o in options)
    mid = DateValue(date(1910, 1, 1), date(1919, 1, 1), "year", "mid decade")
    assert all(
        re.fullmatch(r"mid \d{3}0s", o) for o in date_options("mid 1910s", mid, random.Random(4))
    )
    odd = DateValue(date(1917, 1, 1), date(1926, 1, 1), "year", "mid decade")
    assert date_options("mid 1917s", odd, random.Random(5)) == []
    late = DateValue(date(1994, 1, 1), date(1994, 1, 1), "year", "late")
    assert all(o.startswith("late ") for o in date_options("late 1994", late, random.Random(6)))
    made_up = DateValue(date(1994, 1, 1), date(1994, 1, 1), "year", "sometime")
    assert date_options("sometime 1994", made_up, random.Random(7)) == []


def test_exact_figures_get_exact_figures_of_the_same_size(deck):
    population = [
        card for card in deck if _field(card).startswith("population") and card.distractors
    ]
    assert population
    for card in population:
        for option in card.distractors:
            assert len(option) == len(card.answer) and option.count(",") == card.answer.count(",")
            assert not option.endswith("000"), option
    for answer in ("$38,847", "$65.295 billion", "10977 lb"):
        for option in number_options(answer, random.Random(8)):
            assert _shape(option) == _shape(answer) and len(option) == len(answer), option
            assert not option.rstrip(" lb").endswith("0") or answer.endswith("0"), option


def test_round_figures_stay_round_counts_stay_whole_years_are_not_figures():
    assert all(o.endswith(",000") for o in number_options("$19,000", random.Random(9)))
    counts = number_options("3", random.Random(10), count_like=True)
    assert counts and all(o.isdigit() for o in counts)
    assert number_options("1766", random.Random(11)) == []
    year = _card(
        "1766", "field:year", answer_type="text", question="In what year was it described?"
    )
    options = choose_distractors(year, "field:year", DistractorPools(), "a")
    assert len(options) == 3 and all(re.fullmatch(r"17\d\d", o) for o in options)


def test_a_figure_in_a_field_no_table_knows_still_gets_figures():
    card = _card(
        "10977 lb",
        "number",
        answer_type="number",
        extra={"field": "landing_mass"},
        question="What was the landing mass of Apollo 8?",
    )
    options = choose_distractors(card, "number", DistractorPools(), "apollo")
    assert len(options) == 3
    assert all(re.fullmatch(r"\d{5} lb", option) for option in options), options


# ---------------------------------------------------------------------------
# Classes, old and new names; the fall back to none
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pool", "field", "expected"),
    [
        ("place@settlement", "capital", "capital"),
        ("place@person", "birth_place", "city"),
        ("person@person", "spouse", "person:spouse"),
        ("person@person", "children", "person:child"),
        ("person@film", "directed_by", "person:director"),
        ("number", "population_total", "number:population"),
        ("field:genus@generic", "genus", "taxon:genus"),
        ("organization:party@person", "party", "party"),
        ("position@person", "position", "position"),
        ("capital", "", "capital"),
        ("person:spouse", "spouse", "person:spouse"),
        ("position:baseball", "position", "position:baseball"),
        ("none", "capital", "none"),
    ],
)
def test_old_and_new_pool_names_meet_on_one_class(pool, field, expected):
    assert semantic_class(pool, field) == expected


def test_class_none_never_gets_options_even_from_the_phraser():
    card = _card("Yes", "none", distractors=("No", "Maybe", "Sometimes"))
    assert choose_distractors(card, "none", DistractorPools(), "a") == ()


def test_fewer_than_three_adequate_options_give_none():
    pools = DistractorPools()
    pools.add("person:director", "Ann Lee", "film1")
    pools.add("person:director", "Bob Ray", "film2")
    card = _card("Ventura Pons", "person:director")
    _one_country(pools, "actrius")
    assert choose_distractors(card, "person:director", pools, "actrius") == ()
    pools.add("person:director", "Cy Young", "film3")
    _one_country(pools, "actrius")
    assert len(choose_distractors(card, "person:director", pools, "actrius")) == 3


def test_the_phrasers_own_options_come_first_even_from_the_same_article():
    card = _card("Garegin Nzhdeh", "person:commander", distractors=("Xosrov bey Sultanov",))
    pools = DistractorPools()
    for index, name in enumerate(["Ali Pasha", "John Smith", "Ivan Petrov"]):
        pools.add("person:commander", name, f"war{index}")
    context = ArticleContext(avoid=frozenset({"xosrov bey sultanov"}))
    _one_country(pools, "zangezur")
    options = choose_distractors(card, "person:commander", pools, "zangezur", context)
    assert options[0] == "Xosrov bey Sultanov" and len(options) == 3


def test_options_from_other_articles_come_from_about_the_same_time():
    pools = DistractorPools()
    commanders = [
        ("Harold Godwinson", "hastings", 1066),
        ("William the Conqueror", "hastings2", 1066),
        ("Garegin Nzhdeh", "zangezur", 1919),
        ("Javad Shikhlinski", "zangezur2", 1919),
        ("Anatoliy Gekker", "baku", 1920),
    ]
    for name, source, year in commanders:
        pools.add("person:commander", name, source)
        pools.note_date(source, "date", date(year, 1, 1))
    card = _card("Andranik Ozanian", "person:commander")
    context = ArticleContext(year=1918)
    _one_country(pools, "war")
    options = choose_distractors(card, "person:commander", pools, "war", context)
    assert sorted(options) == ["Anatoliy Gekker", "Garegin Nzhdeh", "Javad Shikhlinski"]


def test_people_from_another_countrys_article_are_no_options():
    pools = DistractorPools()
    for index, name in enumerate(["Raza Rabbani", "Aitzaz Ahsan", "A.G. Haideri"]):
        pools.add("person:officeholder", name, f"pakistan{index}")
        pools.note_title(f"pakistan{index}", "Senate of Pakistan")
    pools.add("person:officeholder", "Lee White", "mcpherson")
    pools.note_home("mcpherson", "birth_place", "Tyler, Texas, U.S.")
    card = _card("Larry Temple", "person:officeholder", title="Harry McPherson")
    assert pools.homes["pakistan0"] == "PK" and pools.homes["mcpherson"] == "US"
    assert choose_distractors(card, "person:officeholder", pools, "mcpherson") == ()
    for index, name in enumerate(["Joseph Califano", "Clark Clifford", "Ted Sorensen"]):
        pools.add("person:officeholder", name, f"us{index}")
        pools.note_home(f"us{index}", "birth_place", "Omaha, Nebraska, United States")
    options = choose_distractors(card, "person:officeholder", pools, "mcpherson")
    assert sorted(options) == ["Clark Clifford", "Joseph Califano", "Ted Sorensen"]


def test_a_place_in_england_gets_the_other_countries_of_the_united_kingdom():
    card = _card("England", "country", title="Bodmin", question="In which country is Bodmin?")
    options = choose_distractors(card, "country", DistractorPools(), "bodmin")
    assert sorted(options) == ["Northern Ireland", "Scotland", "Wales"]


def test_a_medieval_subjects_places_get_no_modern_cities():
    card = _card(
        "Cairo, Egypt", "city", title="Ibn al-Haytham", question="Where did Ibn al-Haytham die?"
    )
    medieval = ArticleContext(title="Ibn al-Haytham", year=965)
    assert choose_distractors(card, "city", DistractorPools(), "haytham", medieval) == ()
    modern = ArticleContext(title="Ibn al-Haytham", year=1965)
    assert len(choose_distractors(card, "city", DistractorPools(), "haytham", modern)) == 3


def test_a_feminine_occupation_is_no_option_for_a_man():
    card = _card("Film director", "occupation", title="Allan Dwan", extra={"field": "occupation"})
    options = choose_distractors(card, "occupation@person", DistractorPools(), "dwan")
    assert options and not any(o.endswith(("ess", "woman")) for o in options), options


def test_a_mayor_is_no_option_for_a_commander():
    pools = DistractorPools()
    for index, name in enumerate(["Kakha Kaladze", "Grégory Doucet", "Anne Hidalgo"]):
        pools.add("person:officeholder", name, f"city{index}")
    card = _card("Andranik Ozanian", "person:commander")
    assert choose_distractors(card, "person:commander", pools, "war") == ()


def test_labelled_tallies_scale_together_and_unlabelled_figures_get_none():
    options = number_options("45 killed, 75 wounded", random.Random(12))
    assert len(options) >= 3
    for option in options:
        killed, wounded = (int(n) for n in re.findall(r"\d+", option))
        assert option == f"{killed} killed, {wounded} wounded" and wounded > killed
    assert number_options("36,000 50,000 10,000", random.Random(13)) == []
    assert number_options("5ft 11in", random.Random(14)) == []


def test_small_figures_keep_their_noun_plural():
    options = number_options("2 hours", random.Random(15))
    assert options and all(re.fullmatch(r"[2-9] hours", o) for o in options)
    assert number_options("1 child", random.Random(16)) == []


def test_a_countrys_leader_gets_other_countries_leaders_only():
    pools = DistractorPools()
    leaders = [
        ("Ashraf Ghani", "afghanistan", "Afghanistan"),
        ("Emmanuel Macron", "france", "France"),
        ("Olaf Scholz", "germany", "Germany"),
        ("Dave Cox", "dollar-point", "Dollar Point, California"),
        ("Bill Walker", "alaska", "Alaska"),
    ]
    for name, source, title in leaders:
        pools.add("person:officeholder", name, source)
        pools.note_title(source, title)
    card = _card("Bujar Nishani", "person:officeholder", title="Albania")
    options = choose_distractors(
        card, "person:officeholder", pools, "albania", ArticleContext(title="Albania")
    )
    assert sorted(options) == ["Ashraf Ghani", "Emmanuel Macron", "Olaf Scholz"]


def test_a_states_capital_gets_other_states_capitals_and_a_towns_gets_none():
    juneau = _card("Juneau", "capital", title="Alaska", question="What is the capital of Alaska?")
    options = choose_distractors(juneau, "capital", DistractorPools(), "alaska")
    assert len(options) == 3
    assert set(options) <= set(OPTIONS["regional_capitals"]["US"])
    victoria = _card("Victoria", "capital", title="British Columbia")
    assert set(choose_distractors(victoria, "capital", DistractorPools(), "bc")) <= set(
        OPTIONS["regional_capitals"]["CA"]
    )
    oblast = _card("Novosibirsk", "capital", title="Novosibirsk Oblast")
    assert choose_distractors(oblast, "capital", DistractorPools(), "nso") == ()


def test_later_facts_of_an_event_never_get_options_before_its_first_date(deck):
    apollo = [card for card in deck if card.source.title == "Apollo 8"]
    context = article_context(apollo)
    assert context.earliest is not None
    checked = 0
    for card in apollo:
        found = value_of(card.answer, card.date)
        if found is None or found[0].start <= context.earliest or not card.distractors:
            continue
        for option in card.distractors:
            parsed = value_of(option, None)  # None for "early 1969": qualifiers are not read
            if parsed is not None:
                checked += 1
                # A year (or month) may begin before the launch and still hold it.
                digits = {"year": 1, "month": 2, "day": 3}[parsed[0].precision]
                stated = (parsed[0].end.year, parsed[0].end.month, parsed[0].end.day)[:digits]
                first = (context.earliest.year, context.earliest.month, context.earliest.day)
                assert stated >= first[:digits], (card.answer, option)
    assert checked >= 3


def test_a_genus_gets_other_genera_of_the_same_form():
    pools = DistractorPools()
    for index, name in enumerate(["Orycteropus", "Panthera", "Canis", "afer", "Homo sapiens"]):
        pools.add("taxon:genus", name, f"species{index}")
    card = _card("Loxodonta", "taxon:genus", question="What is the genus of the elephant?")
    options = choose_distractors(card, "taxon:genus", pools, "elephant")
    assert sorted(options) == ["Canis", "Orycteropus", "Panthera"]


def test_a_largest_trade_partner_gets_large_traders_not_neighbours():
    card = _card(
        "China",
        "country",
        title="Economy of Angola",
        extra={"field": "export_partners"},
        question="Which country was Angola's largest export partner in 2012?",
    )
    options = choose_distractors(card, "country", DistractorPools(), "angola")
    assert len(options) == 3 and "China" not in options
    assert set(options) <= set(OPTIONS["trading_nations"]), options


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (
            "In what year did Sarah Palin run on a national ticket?",
            "2008",
        ),
        ("In what year was Wally Hickel elected governor for a second term?", "1990"),
        ("In what year did Aikido first appear at the Olympics?", "1964"),
    ],
)
def test_a_four_yearly_events_wrong_years_are_other_years_it_was_held(question, answer):
    """An election or the Olympics come every four years: "2006" is no option for a
    presidential run of 2008."""
    card = _card(answer, "date", question=question, kind="dated", answer_type="date")
    options = choose_distractors(card, "date", DistractorPools(), "a")
    assert len(options) == 3
    assert all((int(option) - int(answer)) % 4 == 0 for option in options), options


def test_a_year_not_held_every_four_years_keeps_near_options():
    card = _card(
        "1875",
        "date",
        question="In what year was the league founded?",
        kind="dated",
        answer_type="date",
    )
    options = choose_distractors(card, "date", DistractorPools(), "a")
    assert len(options) == 3 and any((int(o) - 1875) % 4 for o in options), options


def test_an_infobox_date_the_article_hedges_gets_no_options():
    """ "1040 (c. 430 AH)": 1039 and 1041 are not clearly wrong."""
    hedged = _card(
        "1040",
        "date",
        question="When did Ibn al-Haytham die?",
        answer_type="date",
        source=CardSource(
            path="x.txt",
            title="Ibn al-Haytham",
            section="Infobox",
            text="death_date: 1040 (c. 430 AH)",
        ),
    )
    assert choose_distractors(hedged, "date", DistractorPools(), "a") == ()
    plain = replace(hedged, source=replace(hedged.source, text="death_date: 1040"))
    assert len(choose_distractors(plain, "date", DistractorPools(), "a")) == 3


def test_place_options_are_written_plainly_beside_a_plain_answer():
    """ "Herāt" beside "Kabul" stands out as the one that is not the answer."""
    card = _card(
        "Kabul",
        "city",
        question="What is the largest city of Afghanistan?",
        title="Afghanistan",
        extra={"field": "largest_city"},
    )
    options = choose_distractors(card, "city", DistractorPools(), "a")
    assert len(options) == 3 and all(option.isascii() for option in options), options


def test_a_date_the_sentence_hedges_gets_no_options():
    """ "Built around 1915": 1914 is not clearly wrong."""
    source = CardSource(
        path="x.txt",
        title="Alaska",
        section="History",
        text="Built around 1915, the Alaska Railroad (ARR) played a key role in the development.",
    )
    hedged = _card(
        "1915",
        "date",
        question="Built around ____, the Alaska Railroad played a key role.",
        kind="dated",
        answer_type="date",
        source=source,
        date=DateValue(date(1915, 1, 1), date(1915, 1, 1), "year"),
    )
    assert choose_distractors(hedged, "date", DistractorPools(), "a") == ()
    plain = replace(hedged, source=replace(source, text=source.text.replace("around ", "in ")))
    assert len(choose_distractors(plain, "date", DistractorPools(), "a")) == 3


def test_a_days_options_stay_within_two_years(deck):
    """ "1 February 1972" is no option for a splashdown of 27 December 1968."""
    days = [
        card for card in deck if card.date and card.date.precision == "day" and card.distractors
    ]
    assert days
    for card in days:
        for option in card.distractors:
            assert abs(value_of(option, None)[0].start.year - card.date.start.year) <= 2, option


def test_a_countrys_options_are_its_nearest_countries_not_its_continents_largest():
    """Turkey is in Asia, as Japan is, but no one would take it for Aikido's home."""
    japan = reference.neighbours(reference.find_country("Japan"))
    assert {c.name for c in japan[:4]} <= {"South Korea", "North Korea", "China", "Taiwan"}
    assert "Turkey" not in {c.name for c in japan[:8]}
    kazakhstan = [c.name for c in reference.neighbours(reference.find_country("Kazakhstan"))]
    assert "Tajikistan" in kazakhstan[:6]  # the gazetteer spells its capital otherwise


def test_an_event_of_the_subjects_life_gets_no_option_from_their_childhood():
    """A player born in 1989 who started her club career in 2002: "1998" (aged 9) is no
    option; the answer itself decides, so a childhood answer keeps childhood options."""
    born = CardSource(
        path="x.txt", title="Irina Saratovtseva", section="Infobox", text="birth_date: 23 July 1989"
    )
    birth = _card(
        "23 July 1989",
        "date",
        question="When was Irina Saratovtseva born?",
        answer_type="date",
        title="Irina Saratovtseva",
        source=born,
        extra={"field": "birth_date"},
        date=DateValue(date(1989, 7, 23), date(1989, 7, 23), "day"),
    )
    career = _card(
        "2002",
        "date",
        kind="dated",
        answer_type="date",
        question="In what year did Saratovtseva start her club career?",
        title="Irina Saratovtseva",
        date=DateValue(date(2002, 1, 1), date(2002, 1, 1), "year"),
    )
    context = article_context([birth, career])
    assert context.born == date(1989, 7, 23)
    for seed in range(20):
        card = replace(career, id=f"career-{seed}")
        options = choose_distractors(card, "date", DistractorPools(), "a", context)
        assert options and all(int(option) >= 2001 for option in options), options


def test_a_city_gets_other_countries_cities_only_within_reach():
    """Beside "Stockholm, Sweden": Oslo, Riga, Warsaw. Beside "Los Angeles, United
    States" no other country's city is near enough to be taken for it: no options."""
    near = _card(
        "Stockholm, Sweden",
        "city",
        question="Where was the band Antique formed?",
        title="Antique (band)",
        extra={"field": "origin"},
    )
    options = choose_distractors(near, "city", DistractorPools(), "a")
    assert len(options) == 3
    home = reference.find_city("Stockholm", "SE")
    for option in options:
        city, country = (part.strip() for part in option.split(","))
        found = reference.find_city(city, reference.find_country(country).iso)
        assert reference.city_distance_km(home, found) <= 2_000, option
    far = _card(
        "Los Angeles, United States",
        "city",
        question="Where did Allan Dwan die?",
        title="Allan Dwan",
        extra={"field": "death_place"},
    )
    assert choose_distractors(far, "city", DistractorPools(), "a") == ()


def test_a_days_options_are_days_of_the_same_season():
    """ "27 December 1970" beside Apollo 8's splashdown of 27 December 1968 gives the
    answer away to anyone who knows the flight's year: a day's first options lie within
    three months of it, other years only when those are refused."""
    for seed in range(40):
        for answer in ("27 December 1968", "12 February 1809", "3 January 1959"):
            options = date_options(answer, None, random.Random(seed), today=date(2026, 1, 1))
            answer_day = datetime.strptime(answer, "%d %B %Y").date()
            assert len(options) >= 3
            for option in options[:3]:
                gap = abs((datetime.strptime(option, "%d %B %Y").date() - answer_day).days)
                assert 0 < gap <= 100, (answer, option)


@pytest.mark.parametrize(
    ("path", "question"),
    [
        ("b/animal-farm.txt", "In which country was Animal Farm first published?"),
        ("a/animal-farm.md", "In which country was Animal Farm first published?"),
        ("b/academy-awards.txt", "In which country are the Academy Awards presented?"),
        ("a/academy-awards.md", "In which country are the Academy Awards presented?"),
    ],
)
def test_a_works_country_is_asked_among_countries_known_for_such_works(path, question):
    """Germany and Belgium beside Animal Farm's United Kingdom, Haiti beside the Academy
    Awards' United States: a work's country is asked among the countries that make such
    works, those writing the answer's language first."""
    from support.planning import planned_corpus_article

    media = set(OPTIONS["media_nations"])
    planned = planned_corpus_article(path)
    [card] = [c for c in planned.cards if c.question == question]
    options = choose_distractors(card, card.extra["pool"], DistractorPools(), "a")
    assert len(options) == 3
    english = {"United States", "United Kingdom", "Canada", "Australia", "New Zealand", "Ireland"}
    assert set(options) <= english & media


def test_a_city_gets_no_quarter_of_another_city_as_option():
    """GeoNames lists "Fier-Çifçi" and "Patos Fshat" beside Fier and Patos: quarters of a
    city, no cities a learner has heard of."""
    for seed in range(20):
        card = _card(
            "Tirana", "city", question="What is the largest city of Albania?", id=f"city-{seed}"
        )
        options = choose_distractors(card, "city", DistractorPools(), "a")
        assert len(options) == 3
        assert not [o for o in options if o.startswith(("Fier-", "Patos "))], options
