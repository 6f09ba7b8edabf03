"""Infobox phrasing: each infobox family asks its fields the way a person would."""

from __future__ import annotations

import pytest

from quizgen.facts.infobox_kinds import classify
from quizgen.ingest.readers import parse_article
from quizgen.phrasing.infobox_questions import infobox_questions


def article(title: str, *fields: str, body: str = "Some prose about the subject.") -> str:
    lines = [f"= {title} =", "", "Infobox", *[f"- {field}" for field in fields], "", body]
    return "\n".join(lines) + "\n"


def asked(text: str) -> dict[str, tuple[str, tuple[str, ...], bool]]:
    parsed = parse_article(text, "snippet.txt")
    return {q.question: (q.answer, q.accepted, q.any_of) for q in infobox_questions(parsed)}


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
            "Which 1705 battle took place in Nowhere Valley?": ("Battle of Nowhere", (), False),
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
            "Where did Grace Hopper study?": ("Vassar College", (), False),
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
            "Who is the mayor of Ljubljana?": ("Zoran Janković", (), False),
            "In which time zone is Ljubljana?": ("CET", (), False),
            "What is the elevation of Ljubljana?": ("295 m", (), False),
        },
    ),
    (
        "organization",
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
            "How many employees does Acme Widgets have?": ("4,200", (), False),
            "Which organization did Ada Widget found in 1921?": ("Acme Widgets", (), False),
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
            "Which 1998 film did Mira Kovač direct?": ("The Silent Harbour", (), False),
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
            "Who published The Glass Orchard?": ("Northway Press", (), False),
            "When was The Glass Orchard published?": ("2004", (), False),
            "How many pages does The Glass Orchard have?": ("412", (), False),
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
            "How many Skylark X-2 were built?": ("1,250", (), False),
        },
    ),
    (
        "sports",
        article(
            "Harbour City FC",
            "Nickname: The Gulls",
            "Founded: 1902",
            "Ground: Quay Park",
            "Head coach: Sven Lind",
            "League: Coastal League",
        ),
        {
            "What is the nickname of Harbour City FC?": ("The Gulls", (), False),
            "When was Harbour City FC founded?": ("1902", (), False),
            "What is the home ground of Harbour City FC?": ("Quay Park", (), False),
            "Who is the head coach of Harbour City FC?": ("Sven Lind", (), False),
            "In which league does Harbour City FC play?": ("Coastal League", (), False),
        },
    ),
]


@pytest.mark.parametrize(("kind", "text", "expected"), KIND_CASES, ids=[c[0] for c in KIND_CASES])
def test_each_infobox_kind_is_recognized_and_phrased(kind, text, expected):
    parsed = parse_article(text, "snippet.txt")
    assert classify(parsed.infoboxes[0]) == kind
    questions = asked(text)
    for question, answer in expected.items():
        assert question in questions, f"missing {question!r}; got {sorted(questions)}"
        assert questions[question] == answer


def test_generic_fields_read_as_english_never_raw_keys():
    text = article("Mount Example", "Elevation: 4,100 m", "First ascent: 1865", "Range: Alps")
    questions = asked(text)
    assert questions
    for question in questions:
        assert "_" not in question and not any(
            char.isdigit() for char in question.split("?")[0][-3:]
        )
    assert "What is the range of Mount Example?" in questions


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
    answer, accepted, any_of = asked(text)["Of which country is Jan Novak a citizen?"]
    assert (answer, accepted, any_of) == ("Czechoslovakia", ("Canada",), True)
