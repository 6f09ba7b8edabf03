"""Infobox phrasing: each infobox kind asks its fields the way a person would, and nothing else.

Every test compares the produced questions with the expected set EXACTLY: a junk card
("What is the latns of X?") fails a test as surely as a missing one.
"""

from __future__ import annotations

import pytest
import yaml
from support import paths

from quizgen.facts.infobox_kinds import (
    InfoboxKindsError,
    classify,
    describe_subject,
    kind_table,
    parse_table,
)
from quizgen.facts.infobox_values import refusal, split_by_links
from quizgen.ingest.readers import parse_article
from quizgen.phrasing.infobox_questions import infobox_questions

FIXTURES = paths.FIXTURES / "infobox_snippets.yaml"


def article(title: str, *fields: str, body: str = "Some prose about the subject.") -> str:
    lines = [f"= {title} =", "", "Infobox", *[f"- {field}" for field in fields], "", body]
    return "\n".join(lines) + "\n"


def asked(text: str) -> dict[str, tuple[str, tuple[str, ...], bool]]:
    parsed = parse_article(text, "snippet.txt")
    return {q.question: (q.answer, q.accepted, q.any_of) for q in infobox_questions(parsed)}


def questions_of(text: str, path: str = "snippet.txt"):
    return infobox_questions(parse_article(text, path))


KIND_CASES = [
    (
        "conflict",
        article(
            "Battle of Nowhere",
            "Date: 3 May 1705",
            "Place: Nowhere Valley",
            "Result: Ruritanian victory",
            "Combatant1: Ruritania",
            "Combatant2: Kingdom of Syldavia",
            "Commander1: Rudolf Rassendyll",
            "Commander2: Ottokar IV, Muskar XII",
            "Strength1: 12,000",
            "Casualties2: 800 killed (according to Ruritanian sources)",
        ),
        {
            "When did the Battle of Nowhere take place?": ("3 May 1705", (), False),
            "Where did the Battle of Nowhere take place?": ("Nowhere Valley", (), False),
            "What was the result of the Battle of Nowhere?": ("Ruritanian victory", (), False),
            "Who fought against the Kingdom of Syldavia in the Battle of Nowhere?": (
                "Ruritania",
                (),
                False,
            ),
            "Who commanded the Ruritanian side in the Battle of Nowhere?": (
                "Rudolf Rassendyll",
                (),
                False,
            ),
            "Name one commander of the side of the Kingdom of Syldavia in the Battle of Nowhere.": (
                "Ottokar IV",
                ("Muskar XII",),
                True,
            ),
            "What was the strength of the Ruritanian side in the Battle of Nowhere?": (
                "12,000",
                (),
                False,
            ),
            "According to Ruritanian sources, what were the casualties of the side of the "
            "Kingdom of Syldavia in the Battle of Nowhere?": ("800 killed", (), False),
            "Who fought against Ruritania in the Battle of Nowhere?": (
                "Kingdom of Syldavia",
                (),
                False,
            ),
        },
    ),
    (
        "person",
        article(
            "Grace Hopper",
            "Born: December 9, 1906, New York City",
            "Died: January 1, 1992",
            "Occupation: Computer scientist, naval officer",
            "Alma mater: Vassar College",
            "Spouse: Vincent Foster Hopper",
        ),
        {
            "When was Grace Hopper born?": ("9 December 1906", (), False),
            "Where was Grace Hopper born?": ("New York City", (), False),
            "When did Grace Hopper die?": ("1 January 1992", (), False),
            "Name one of Grace Hopper's occupations.": (
                "Computer scientist",
                ("naval officer",),
                True,
            ),
            "Who was Grace Hopper's spouse?": ("Vincent Foster Hopper", (), False),
        },
    ),
    (
        "settlement",
        article(
            "Ljubljana",
            "Country: Slovenia",
            "Population: 295,504",
            "Mayor: Zoran Janković",
            "Time zone: CET",
            "Elevation: 295 m",
        ),
        {
            "In which country is Ljubljana?": ("Slovenia", (), False),
            "What is the population of Ljubljana?": ("295,504", (), False),
        },
    ),
    (
        "company",
        article(
            "Acme Widgets",
            "Type: Private",
            "Founded: 1921",
            "Founder: Ada Widget",
            "Headquarters: Springfield",
            "Industry: Manufacturing",
            "Number of employees: 4,200",
        ),
        {
            "When was Acme Widgets founded?": ("1921", (), False),
            "Who founded Acme Widgets?": ("Ada Widget", (), False),
            "Where is Acme Widgets headquartered?": ("Springfield", (), False),
            "In which industry does Acme Widgets operate?": ("Manufacturing", (), False),
        },
    ),
    (
        "film",
        article(
            "The Silent Harbour (film)",
            "Directed by: Mira Kovač",
            "Starring: Lena Holt, Omar Said",
            "Music by: Jonas Berg",
            "Release date: 14 March 1998",
            "Running time: 112 minutes",
            "Budget: $4 million",
        ),
        {
            "Who directed The Silent Harbour?": ("Mira Kovač", (), False),
            "Name one actor who starred in The Silent Harbour.": (
                "Lena Holt",
                ("Omar Said",),
                True,
            ),
            "Who composed the music for The Silent Harbour?": ("Jonas Berg", (), False),
            "When was The Silent Harbour released?": ("14 March 1998", (), False),
            "What is the running time of The Silent Harbour?": ("112 minutes", (), False),
            "What was the budget of The Silent Harbour?": ("$4 million", (), False),
        },
    ),
    (
        "book",
        article(
            "The Glass Orchard",
            "Author: Ilse Brandt",
            "Publisher: Northway Press",
            "Publication date: 2004",
            "Pages: 412",
            "Genre: Mystery",
        ),
        {
            "Who wrote The Glass Orchard?": ("Ilse Brandt", (), False),
            "Who first published The Glass Orchard?": ("Northway Press", (), False),
            "When was The Glass Orchard first published?": ("2004", (), False),
            "What is the genre of The Glass Orchard?": ("Mystery", (), False),
        },
    ),
    (
        "ship",
        article(
            "SS Example",
            "Builder: Harland and Wolff",
            "Launched: 2 June 1911",
            "Fate: Scrapped in 1935",
            "Displacement: 45,000 tons",
        ),
        {
            "Who built SS Example?": ("Harland and Wolff", (), False),
            "When was SS Example launched?": ("2 June 1911", (), False),
            "What was the fate of SS Example?": ("Scrapped in 1935", (), False),
            "What was the displacement of SS Example?": ("45,000 tons", (), False),
        },
    ),
    (
        "aircraft",
        article(
            "Skylark X-2",
            "Role: Trainer aircraft",
            "Manufacturer: Aerowerk",
            "First flight: 12 August 1936",
            "Number built: 1,250",
        ),
        {
            "What kind of aircraft is Skylark X-2?": ("Trainer aircraft", (), False),
            "Who manufactured Skylark X-2?": ("Aerowerk", (), False),
            "When did Skylark X-2 first fly?": ("12 August 1936", (), False),
            "How many Skylark X-2 aircraft were built?": ("1,250", (), False),
        },
    ),
    (
        "club",
        article(
            "Harbour City FC",
            "Nickname: The Gulls",
            "Founded: 1902",
            "Ground: Quay Park",
            "Head coach: Sven Lind",
            "League: Coastal League",
        ),
        {
            "What is Harbour City FC's nickname?": ("The Gulls", (), False),
            "When was Harbour City FC founded?": ("1902", (), False),
            "What is Harbour City FC's home ground?": ("Quay Park", (), False),
            "Who is Harbour City FC's manager?": ("Sven Lind", (), False),
            "In which league does Harbour City FC play?": ("Coastal League", (), False),
        },
    ),
]


@pytest.mark.parametrize(("kind", "text", "expected"), KIND_CASES, ids=[c[0] for c in KIND_CASES])
def test_each_infobox_kind_is_recognized_and_phrased(kind, text, expected):
    parsed = parse_article(text, "snippet.txt")
    assert classify(parsed.infoboxes[0]) == kind
    assert asked(text) == expected


def test_a_fact_is_not_asked_again_the_other_way_round():
    """ "Which 1945 book did George Orwell write?" beside "Who wrote Animal Farm?" asks
    one fact twice, the second time with the deck's own name for answer; the reverse
    question stays only where the forward one cannot be asked."""
    for kind, text, _ in KIND_CASES:
        questions = questions_of(text, "snippet.txt")
        forward = {q.extra.get("field") for q in questions if not q.extra.get("reverse")}
        for question in questions:
            if question.extra.get("reverse"):
                assert question.extra.get("field") not in forward, (kind, question.question)
    from quizgen.phrasing.infobox_questions import _REVERSE

    assert {"conflict", "company", "film", "book"} <= set(_REVERSE)  # kinds checked above


def _snippet_cases() -> list[dict]:
    return yaml.safe_load(FIXTURES.read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _snippet_cases(), ids=lambda case: case["name"])
def test_real_infobox_snippets_give_exactly_the_expected_cards(case):
    """Real corpus infoboxes in both formats: the produced set equals the reviewed set."""
    path = "snippet.txt" if case["format"] == "b" else "snippet.md"
    assert classify(parse_article(case["text"], path).infoboxes[0]) == case["kind"]
    questions = questions_of(case["text"], path)
    produced = {q.question: [q.answer, *q.accepted] for q in questions}
    assert produced == case["expected"]
    asked_fields = {q.extra.get("field") for q in questions}
    assert not asked_fields & set(case["never_asked"])


def test_the_snippets_cover_both_formats_and_the_named_junk_fields():
    cases = _snippet_cases()
    assert {case["format"] for case in cases} == {"a", "b"}
    never = {field for case in cases for field in case["never_asked"]}
    for junk in (
        "latns", "admittancedate_never", "frenchopendoublesresult", "emedicinesubj", "blank1_name",
        "status_system", "next", "house_type", "densityrank", "subdivision_type", "medlineplus",
        "diseasesdb", "website", "coordinates", "landing_site", "isocode",
    ):  # fmt: skip
        if junk.endswith("_never"):
            continue
        assert junk in never, junk


def test_unknown_fields_are_never_asked():
    """No phrasing, no question: squashed keys and generic labels never become English."""
    text = article(
        "Example Place",
        "Latns: N",
        "Densityrank: 50th",
        "Frenchopendoublesresult: QF (1992)",
        "Blank1_name: GNIS feature IDs",
        "Blank1_info: 1723422; 2408680",
        "Coa_res: 108px",
        "Next: 89th Academy Awards",
        "House_type: Upper House",
        "Subdivision_type: Country",
    )
    assert asked(text) == {}


def test_placeholders_labels_codes_and_references_are_refused():
    for value in (
        "Unknown", "N/A", "Country", "See: Religion in Albania", "http://oscar.go.com/",
        "50.466°N, -4.718°W", "ISBN 978-0-452-28424-1", "D000028", "afro1255", "108px",
        "group_or_band", "iucn3.1", "See Text", "Official languages",
    ):  # fmt: skip
        assert refusal(value, kind_table().label_values), value
    for value in ("Kabul", "Orycteropus", "NASA", "Obstetrics and gynecology", "Lek"):
        assert refusal(value, kind_table().label_values) is None, value


def test_placeholders_and_empty_values_are_skipped():
    text = article(
        "Battle of Somewhere",
        "Date: 1 May 1801",
        "Combatant1: Ruritania",
        "Combatant2: Syldavia",
        "Strength2: Unknown",
        "Casualties1: ",
        "Commander2: , , Anton Pavlovich",
    )
    questions = asked(text)
    assert not any(answer == "Unknown" for answer, _, _ in questions.values())
    assert not any("casualties" in question for question in questions)
    assert questions["Who commanded the Syldavian side in the Battle of Somewhere?"][0] == (
        "Anton Pavlovich"
    )


def test_a_field_listing_several_true_answers_accepts_all_of_them():
    text = article("Jan Novak", "Born: 1 May 1950", "Citizenship: Czechoslovakia, Canada")
    answer, accepted, any_of = asked(text)["Name one country of which Jan Novak is a citizen."]
    assert (answer, accepted, any_of) == ("Czechoslovakia", ("Canada",), True)


def test_a_list_of_more_than_six_is_not_asked():
    names = ", ".join(f"Person {chr(65 + i)}lpha" for i in range(9))
    text = article("Ibn Example", "Born: 965", "Died: 1040", "Influenced: " + names)
    assert not any("influenc" in question for question in asked(text))


def test_numbered_offices_are_asked_as_their_own_office_never_as_the_subject():
    text = article(
        "Jane Roe",
        "Office: Governor of Ruritania",
        "Term_start: January 1, 1990",
        "Predecessor: John Doe",
        "Office2: Member of the Ruritanian Senate",
        "State2: Ruritania",
        "District2: 7th",
        "Term_start2: January 1, 1980",
        "Successor2: Mary Major",
        "Successor3: Nobody Named",
        "Born: March 3, 1940",
        "Died: April 4, 2010",
    )
    questions = asked(text)
    assert questions == {
        "Name one office Jane Roe held.": (
            "Governor of Ruritania",
            ("Member of the Ruritanian Senate",),
            True,
        ),
        "When did Jane Roe become the Governor of Ruritania?": ("1 January 1990", (), False),
        "Who preceded Jane Roe as the Governor of Ruritania?": ("John Doe", (), False),
        "When did Jane Roe become a Member of the Ruritanian Senate?": (
            "1 January 1980",
            (),
            False,
        ),
        "Which state did Jane Roe represent as a Member of the Ruritanian Senate?": (
            "Ruritania",
            (),
            False,
        ),
        "Who succeeded Jane Roe as a Member of the Ruritanian Senate?": ("Mary Major", (), False),
        "When was Jane Roe born?": ("3 March 1940", (), False),
        "When did Jane Roe die?": ("4 April 2010", (), False),
    }


def test_glued_names_split_by_links_or_refused():
    assert split_by_links(
        "Elena Paparizou Nikos Panagiotidis", ["Elena Paparizou", "Nikos Panagiotidis"]
    ) == ["Elena Paparizou", "Nikos Panagiotidis"]
    assert split_by_links("Elena Paparizou Nikos Panagiotidis", ["Elena Paparizou"]) is None
    text = article(
        "Band X",
        "Background: group_or_band",
        "Origin: Oslo, Norway",
        "Current_members: Elena Paparizou Nikos Panagiotidis",
    )
    assert asked(text) == {"Where was Band X formed?": ("Oslo, Norway", (), False)}


def test_subjects_read_with_articles_and_without_disambiguators():
    assert describe_subject("United Kingdom", "country").name == "the United Kingdom"
    assert describe_subject("Senate of Pakistan", "legislature").name == "the Senate of Pakistan"
    assert describe_subject("Academy Awards", "award").name == "the Academy Awards"
    # a plain English word once its disambiguator is gone keeps it as a noun
    assert describe_subject("Antique (band)", "musical_group").name == "the band Antique"
    assert describe_subject("Casablanca (film)", "film").name == "Casablanca"
    assert describe_subject("Albania", "country").name == "Albania"
    assert describe_subject("Aardvark", "taxon").name == "the aardvark"
    prose = "Abortion is the ending of pregnancy. When abortion is allowed, abortion is safe."
    assert describe_subject("Abortion", "medical_condition", prose=prose).name == "abortion"


def test_core_facts_carry_importance_and_semantic_classes():
    text = article(
        "Sam Slugger",
        "Birth_date: May 1, 1950",
        "Birth_place: Omaha, Nebraska",
        "Death_date: June 2, 2001",
        "Spouse: Pat Slugger",
        "Position: Shortstop",
        "Bats: Right",
        "Throws: Right",
        "Debutteam: Boston Red Sox",
    )
    by_question = {q.question: q for q in questions_of(text)}
    spouse = by_question["Who was Sam Slugger's spouse?"]
    assert (spouse.distractor_pool, spouse.importance) == ("person:spouse", 1.0)
    place = by_question["Where was Sam Slugger born?"]
    assert (place.answer, place.distractor_pool, place.importance) == (
        "Omaha, Nebraska",
        "city",
        1.0,
    )
    position = by_question["What position did Sam Slugger play?"]
    assert (position.distractor_pool, position.importance) == ("position:baseball", 1.0)
    assert by_question["With which hand did Sam Slugger bat?"].importance < 1.0


def test_genus_and_family_are_taxon_classes():
    text = article(
        "Red panda",
        "Genus: Ailurus",
        "Familia: Ailuridae",
        "Species: fulgens",
        "Status: EN",
        "Status_system: iucn3.1",
        body="The red panda is a small mammal. The red panda eats bamboo.",
    )
    by_question = {q.question: q for q in questions_of(text)}
    assert by_question["To which genus does the red panda belong?"].distractor_pool == "taxon:genus"
    assert by_question["To which family does the red panda belong?"].distractor_pool == (
        "taxon:family"
    )
    assert by_question["What is the scientific name of the red panda?"].answer == "Ailurus fulgens"
    assert by_question["What is the conservation status of the red panda?"].answer == "Endangered"


@pytest.mark.parametrize("case", _snippet_cases(), ids=lambda case: case["name"])
def test_the_kind_read_from_fields_is_the_one_the_template_names(case):
    """Both formats lose the template name; the fields alone find the gold kind."""
    path = "snippet.txt" if case["format"] == "b" else "snippet.md"
    infobox = parse_article(case["text"], path).infoboxes[0]
    background = infobox.get("background")  # "musical artist" serves bands and soloists
    hinted = article(
        "X",
        f"Infobox_type: {case['template']}",
        f"Background: {background.text if background else ''}",
    )
    assert (
        classify(parse_article(hinted, "x.txt").infoboxes[0]) == classify(infobox) == case["kind"]
    )


def test_a_template_name_decides_the_kind_when_the_reader_keeps_one():
    text = article("Some Film", "Infobox_type: film", "Producer: Ann Maker", "Country: Spain")
    parsed = parse_article(text, "snippet.txt")
    assert classify(parsed.infoboxes[0]) == "film"


def test_the_kind_table_loads_and_every_row_is_valid():
    table = kind_table()
    assert {"person", "officeholder", "country", "film", "taxon", "generic"} <= set(table.kinds)
    for spec in table.kinds.values():
        for field_spec in spec.fields.values():
            assert field_spec.importance == 1.0 or 0.5 <= field_spec.importance <= 0.7


@pytest.mark.parametrize(
    "mutation",
    [
        lambda d: d["kinds"]["writer"].__setitem__("extends", "nobody"),
        lambda d: d["kinds"]["film"]["fields"]["director"].__setitem__("pool", "wizard"),
        lambda d: d["kinds"]["film"]["fields"]["director"].__setitem__("ask", "Who made {Subj}?"),
        lambda d: d["kinds"]["film"]["fields"]["director"].__setitem__("rules", ["sparkle"]),
        lambda d: d["kinds"]["film"]["fields"]["director"].__setitem__("type", "colour"),
        lambda d: d["kinds"]["film"]["fields"]["producer"].__setitem__("importance", 0.2),
    ],
    ids=[
        "unknown-kind",
        "unknown-class",
        "unknown-placeholder",
        "unknown-rule",
        "unknown-type",
        "importance-outside-the-contract",
    ],  # fmt: skip
)
def test_a_bad_row_is_an_error_at_load(mutation):
    path = paths.ROOT / "quizgen" / "facts" / "infobox_kinds.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutation(data)
    with pytest.raises(InfoboxKindsError):
        parse_table(data)


def test_marriage_notes_stay_out_of_spouses_even_when_split_at_their_semicolon():
    text = article(
        "George Example",
        "Birth_date: 25 June 1903",
        "Death_date: 21 January 1950",
        "Spouse: Eileen Roe (m. 1936; died 1945) Sonia Doe (m. 1949)",
        "Children: 1",
    )
    assert asked(text) == {
        "When was George Example born?": ("25 June 1903", (), False),
        "When did George Example die?": ("21 January 1950", (), False),
        "Name one of George Example's spouses.": ("Eileen Roe", ("Sonia Doe",), True),
        "How many children did George Example have?": ("1", (), False),
    }


def test_a_band_named_the_x_reads_in_lower_case_and_plural():
    text = article(
        "The Examples",
        "Background: group_or_band",
        "Origin: Liverpool, England",
        "Years_active: 1960–1970",
    )
    assert asked(text) == {
        "Where were the Examples formed?": ("Liverpool, England", (), False),
        "During which years were the Examples active?": ("1960–1970", (), False),
    }


def test_a_species_epithet_written_with_its_genus_initial_and_a_binomial_ask_once():
    text = article(
        "Tiger",
        "Genus: Panthera",
        "Species: P. tigris",
        "Binomial: Panthera tigris",
        "Status_system: IUCN3.1",
        body="The tiger is the largest cat species.",
    )
    assert asked(text) == {
        "To which genus does the tiger belong?": ("Panthera", (), False),
        "What is the scientific name of the tiger?": ("Panthera tigris", (), False),
    }


def test_a_settlement_date_of_something_other_than_its_founding_is_not_asked():
    text = article(
        "London",
        "Settlement_type: Capital city",
        "Established_title: Settled by Romans",
        "Established_date: AD 47",
        "Subdivision_type: Country",
        "Subdivision_name: England",
    )
    assert asked(text) == {"In which country is London?": ("England", (), False)}


def test_glued_occupations_split_but_offices_and_suffixes_stay_whole():
    from quizgen.facts.infobox_values import split_common_nouns, split_name_suffixes

    assert split_common_nouns(["Film director Film producer Screenwriter"]) == [
        "Film director",
        "Film producer",
        "Screenwriter",
    ]
    assert split_common_nouns(["President of the United States"]) == [
        "President of the United States"
    ]
    assert split_name_suffixes(["Martin Luther King", "Jr.", "Coretta Scott King"]) == [
        "Martin Luther King Jr.",
        "Coretta Scott King",
    ]


def test_a_count_mixed_with_names_is_not_a_list_of_children():
    text = article("Jo Example", "Born: 1 May 1950", "Children: 3, including Ann Example")
    assert asked(text) == {"When was Jo Example born?": ("1 May 1950", (), False)}


@pytest.mark.parametrize("path", ["a/afghanistan.md", "b/alaska.txt", "a/senate-of-pakistan.md"])
def test_a_living_place_or_bodys_officeholders_are_not_asked(path):
    """Whoever held an office when the article was written is not who holds it now:
    "Who is the President of Afghanistan?" answered "Ashraf Ghani" has become false."""
    source = paths.CORPUS / path
    questions = infobox_questions(parse_article(source.read_text(encoding="utf-8"), str(source)))
    assert questions, "the article still gives its other infobox cards"
    assert [q.question for q in questions if q.question.startswith("Who is")] == []
    assert all(q.distractor_pool != "person:officeholder" for q in questions)


def test_a_former_states_leaders_stay_asked_in_the_past_tense():
    text = article(
        "Kingdom of Sardinia",
        "Conventional_long_name: Kingdom of Sardinia",
        "Capital: Turin",
        "Year_start: 1720",
        "Year_end: 1861",
        "Leader_title1: King",
        "Leader_name1: Victor Emmanuel II",
    )
    assert asked(text)["Who was the King of the Kingdom of Sardinia?"] == (
        "Victor Emmanuel II",
        (),
        False,
    )


@pytest.mark.parametrize("path", ["a/irina-saratovtseva.md", "b/irina-saratovtseva.txt"])
def test_an_active_players_present_club_is_not_asked(path):
    """ "For which club does Irina Saratovtseva play?" was true when the article was
    written; a learner would be taught a club she may have left."""
    source = paths.CORPUS / path
    questions = infobox_questions(parse_article(source.read_text(encoding="utf-8"), str(source)))
    assert questions
    assert not [q.question for q in questions if "club does" in q.question]


def test_a_retired_players_last_club_stays_asked():
    text = article(
        "Ada Example",
        "Currentclub: Energiya Voronezh",
        "Birth_date: 1 May 1950",
        "Death_date: 2 May 2010",
        "Position: Setter",
        body="Ada Example was a Russian volleyball player.",
    )
    asked_now = asked(text)
    assert [q for q in asked_now if "club" in q] == ["For which club did Ada Example play?"]


def test_a_living_persons_residence_is_not_asked_a_dead_persons_is():
    """ "Where does Julia Kristeva live?" was true when the article was written."""
    living = article(
        "Ada Example",
        "Birth_date: 1 May 1950",
        "Residence: Paris, France",
        "Occupation: writer",
        body="Ada Example is a French writer.",
    )
    assert not [q for q in asked(living) if "live" in q]
    dead = article(
        "Ada Example",
        "Birth_date: 1 May 1850",
        "Death_date: 2 May 1910",
        "Residence: Paris, France",
        "Occupation: writer",
        body="Ada Example was a French writer.",
    )
    assert [q for q in asked(dead) if "live" in q] == ["Where did Ada Example live?"]


def test_a_place_named_twice_accepts_its_bracketed_other_name():
    """ "Highestpoint: Denali (Mount McKinley)": a reader judging blind asked why "Mount
    McKinley" was not accepted; a code or a note in brackets is no other name."""
    text = article(
        "Example State",
        "Capital: Juneau",
        "Highestpoint: Denali (Mount McKinley)",
        "Largestcity: Anchorage (de facto)",
    )
    asked = {q.question: q for q in questions_of(text, "snippet.txt")}
    denali = next(q for q in asked.values() if q.answer == "Denali")
    assert denali.accepted == ("Mount McKinley",)
    assert not denali.any_of  # two names of one place, not two answers to choose from
    for question in asked.values():
        assert "de facto" not in question.accepted
