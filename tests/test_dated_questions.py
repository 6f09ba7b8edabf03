"""Dated sentences into questions: exact wording for clear cases, properties for all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest

from quizgen.core.date_format import format_date
from quizgen.core.identity import normalize_key
from quizgen.core.models import DatedSentence, DateMention, DateValue, Section
from quizgen.phrasing.dated_questions import dated_questions

SECTION = Section(path=("History", "Early life"), paragraphs=())


def day(year: int, month: int, dom: int) -> DateValue:
    return DateValue(date(year, month, dom), date(year, month, dom), "day")


def month(year: int, number: int, qualifier: str | None = None) -> DateValue:
    return DateValue(date(year, number, 1), date(year, number, 1), "month", qualifier)


def year(value: int, qualifier: str | None = None) -> DateValue:
    return DateValue(date(value, 1, 1), date(value, 1, 1), "year", qualifier)


def mention(sentence: str, text: str, value: DateValue, **kwargs) -> DateMention:
    start = sentence.find(text)
    assert start >= 0, f"{text!r} not in {sentence!r}"
    return DateMention(span=(start, start + len(text)), text=text, value=value, **kwargs)


def dated(
    sentence: str, *dates: tuple[str, DateValue], previous: str = "", subject: str = "Topic"
) -> DatedSentence:
    return DatedSentence(
        subject=subject,
        section=SECTION,
        sentence=sentence,
        dates=tuple(mention(sentence, text, value) for text, value in dates),
        previous_sentence=previous,
    )


@dataclass(frozen=True)
class Case:
    sentence: str
    dates: tuple[tuple[str, DateValue], ...]
    expected: str | None  # exact question; None means no question is made
    answer: str = ""
    previous: str = ""
    subject: str = "Topic"

    def build(self) -> DatedSentence:
        return dated(self.sentence, *self.dates, previous=self.previous, subject=self.subject)


CASES = [
    # biographies
    Case(
        "Lovelace was born on 10 December 1815 in London.",
        (("10 December 1815", day(1815, 12, 10)),),
        "When was Lovelace born in London?",
        "10 December 1815",
    ),
    Case(
        "In 1843 she published her translation of Menabrea's article.",
        (("1843", year(1843)),),
        "In what year did Ada Lovelace publish her translation of Menabrea's article?",
        "1843",
        previous="Ada Lovelace was an English mathematician.",
    ),
    Case(
        "In 1843 she published her translation of Menabrea's article.",
        (("1843", year(1843)),),
        None,
        previous="The analytical engine was never built.",
    ),
    Case(
        "Darwin sailed on HMS Beagle in December 1831.",
        (("December 1831", month(1831, 12)),),
        "In which month of 1831 did Darwin sail on HMS Beagle?",
        "December 1831",
    ),
    Case(
        "He died of tuberculosis on 4 June 1924 in a sanatorium near Vienna.",
        (("4 June 1924", day(1924, 6, 4)),),
        "When did Franz Kafka die of tuberculosis in a sanatorium near Vienna?",
        "4 June 1924",
        previous="Franz Kafka was a German-speaking novelist.",
    ),
    Case(
        "He was elected mayor of Boston in 1920.",
        (("1920", year(1920)),),
        "In what year was John Smith elected mayor of Boston?",
        "1920",
        previous="John Smith moved to Massachusetts as a child.",
    ),
    Case(
        "He was elected mayor of Boston in 1920.",
        (("1920", year(1920)),),
        None,
        previous="The city grew quickly.",
    ),
    Case(
        "Curie became the first woman to win a Nobel Prize in 1903.",
        (("1903", year(1903)),),
        "In what year did Curie become the first woman to win a Nobel Prize?",
        "1903",
    ),
    Case(
        "Mozart married Constanze Weber on 4 August 1782 in St. Stephen's Cathedral.",
        (("4 August 1782", day(1782, 8, 4)),),
        "When did Mozart marry Constanze Weber in St. Stephen's Cathedral?",
        "4 August 1782",
    ),
    # companies
    Case(
        "The company was founded in 1976 by Steve Jobs, Steve Wozniak and Ronald Wayne.",
        (("1976", year(1976)),),
        "In what year was the company founded by Steve Jobs, Steve Wozniak and Ronald Wayne?",
        "1976",
    ),
    Case(
        "In July 2016, Microsoft acquired LinkedIn for $26.2 billion.",
        (("July 2016", month(2016, 7)),),
        "In which month of 2016 did Microsoft acquire LinkedIn for $26.2 billion?",
        "July 2016",
    ),
    Case(
        "The firm opened its first store in Seattle on 30 March 1971.",
        (("30 March 1971", day(1971, 3, 30)),),
        "When did the firm open its first store in Seattle?",
        "30 March 1971",
    ),
    Case(
        "Nokia stopped making rubber boots in 1988, selling the footwear division.",
        (("1988", year(1988)),),
        "In what year did Nokia stop making rubber boots?",
        "1988",
    ),
    # films and music
    Case(
        "The film premiered at the Cannes Film Festival in May 1994.",
        (("May 1994", month(1994, 5)),),
        "In which month of 1994 did the film premiere at the Cannes Film Festival?",
        "May 1994",
    ),
    Case(
        "The album was released on 1 June 1967 in the United Kingdom.",
        (("1 June 1967", day(1967, 6, 1)),),
        "When was the album released in the United Kingdom?",
        "1 June 1967",
    ),
    Case(
        "Principal photography began in early 1975 on Martha's Vineyard.",
        (("early 1975", year(1975, "early")),),
        "In what year did principal photography begin on Martha's Vineyard?",
        "early 1975",
    ),
    # science
    Case(
        "Einstein published his theory of general relativity in November 1915.",
        (("November 1915", month(1915, 11)),),
        "In which month of 1915 did Einstein publish his theory of general relativity?",
        "November 1915",
    ),
    Case(
        "Fleming discovered penicillin in 1928, which revolutionised medicine.",
        (("1928", year(1928)),),
        "In what year did Fleming discover penicillin?",
        "1928",
    ),
    Case(
        "Apollo 11 landed on the Moon on 20 July 1969.",
        (("20 July 1969", day(1969, 7, 20)),),
        "When did Apollo 11 land on the Moon?",
        "20 July 1969",
    ),
    # sports
    Case(
        "Manchester United won the league in 1999, completing a historic treble.",
        (("1999", year(1999)),),
        "In what year did Manchester United win the league?",
        "1999",
    ),
    Case(
        "The stadium hosted its first match on 15 August 1923.",
        (("15 August 1923", day(1923, 8, 15)),),
        "When did the stadium host its first match?",
        "15 August 1923",
    ),
    Case(
        "The club were relegated for the first time in 1938.",
        (("1938", year(1938)),),
        "In what year were the club relegated for the first time?",
        "1938",
    ),
    # cities and buildings
    Case(
        "The bridge was officially opened on 1 July 1932 by the governor.",
        (("1 July 1932", day(1932, 7, 1)),),
        "When was the bridge officially opened by the governor?",
        "1 July 1932",
    ),
    Case(
        "A great fire destroyed much of the old town in 1666.",
        (("1666", year(1666)),),
        "In what year did a great fire destroy much of the old town?",
        "1666",
    ),
    Case(
        "Construction of the cathedral began in the 1220s.",
        (("1220s", DateValue(date(1220, 1, 1), date(1229, 1, 1), "year", "decade")),),
        "In which decade did construction of the cathedral begin?",
        "1220s",
    ),
    Case(
        "In 1917, following the Russian Revolution, Zangezur was governed by an "
        "interethnic council based in Goris.",
        (("1917", year(1917)),),
        "In what year was Zangezur governed by an interethnic council based in Goris?",
        "1917",
    ),
    # battles and treaties
    Case(
        "On 3 November 1919, the Azerbaijani army launched a full-scale attack into the "
        "Armenian-controlled section of Zangezur.",
        (("3 November 1919", day(1919, 11, 3)),),
        "When did the Azerbaijani army launch a full-scale attack into the "
        "Armenian-controlled section of Zangezur?",
        "3 November 1919",
    ),
    Case(
        "The Treaty of Brest-Litovsk was signed on 3 March 1918.",
        (("3 March 1918", day(1918, 3, 3)),),
        "When was the Treaty of Brest-Litovsk signed?",
        "3 March 1918",
    ),
    Case(
        "In mid-June 1919, the British withdrew from the region.",
        (("mid-June 1919", month(1919, 6, "mid")),),
        "In which month of 1919 did the British withdraw from the region?",
        "mid-June 1919",
    ),
    Case(
        "By June 1918, interethnic conflict had engulfed Zangezur.",
        (("June 1918", month(1918, 6)),),
        "By ____, interethnic conflict had engulfed Zangezur.",
        "June 1918",
    ),
    Case(
        "The Red Army occupied Baku on 28 April 1920, ending the republic.",
        (("28 April 1920", day(1920, 4, 28)),),
        "When did the Red Army occupy Baku?",
        "28 April 1920",
    ),
    Case(
        "They captured the city on 21 May 1918.",
        (("21 May 1918", day(1918, 5, 21)),),
        "When did the Ottoman Army capture the city?",
        "21 May 1918",
        previous="The Ottoman Army crossed the border in early May.",
    ),
    Case(
        "They captured the city on 21 May 1918.",
        (("21 May 1918", day(1918, 5, 21)),),
        None,
        previous="After the battle, the army regrouped.",
    ),
    Case(
        "The battle was fought from 21 to 29 May 1918 near Sardarapat.",
        (("21 to 29 May 1918", DateValue(date(1918, 5, 21), date(1918, 5, 29), "day")),),
        "The battle was fought from ____ near Sardarapat.",
        "21–29 May 1918",
    ),
    Case(
        "The armistice of 11 November 1918 ended the fighting on the Western Front.",
        (("11 November 1918", day(1918, 11, 11)),),
        "The armistice of ____ ended the fighting on the Western Front.",
        "11 November 1918",
    ),
    # two dates
    Case(
        "The war began in 1914 and ended in 1918.",
        (("1914", year(1914)), ("1918", year(1918))),
        "In what year did the war begin?",
        "1914",
    ),
    Case(
        "The republic, proclaimed in 1918, collapsed in April 1920.",
        (("1918", year(1918)), ("April 1920", month(1920, 4))),
        "In which month of 1920 did the republic collapse?",
        "April 1920",
    ),
    Case(
        "The city hosted the Olympic Games in 1908, 1948 and 2012.",
        (("1908", year(1908)), ("1948", year(1948)), ("2012", year(2012))),
        None,
    ),
    Case(
        "On 20 July 1919, the rebels opened fire on the garrison and after a long siege drove "
        "out the British along with the relief workers.",
        (("20 July 1919", day(1919, 7, 20)),),
        "When did the rebels open fire on the garrison?",
        "20 July 1919",
    ),
    Case(
        "On 18 April 1920, tensions along the border were relieved when officials from both "
        "towns agreed on a ceasefire that included the repatriation of all displaced residents.",
        (("18 April 1920", day(1920, 4, 18)),),
        "When were tensions along the border relieved?",
        "18 April 1920",
    ),
    Case(
        "The Karabakh Autonomous Region (NKAO) was established in July 1923.",
        (("July 1923", month(1923, 7)),),
        "In which month of 1923 was the Karabakh Autonomous Region established?",
        "July 1923",
    ),
    # Old Style
    Case(
        "The uprising began in Saint Petersburg on 22 January 1905.",
        (("22 January 1905", day(1905, 1, 22)),),
        "When did the uprising begin in Saint Petersburg?",
        "22 January 1905",
    ),
    # skips: vague, mid-quote, markup, no clause
    Case("It happened in 1919.", (("1919", year(1919)),), None),
    Case(
        'this was, he said, the end of an era in 1919."',
        (("1919", year(1919)),),
        None,
    ),
    Case(
        "The [[treaty]] was signed in 1920.",
        (("1920", year(1920)),),
        None,
    ),
    Case("1919.", (("1919", year(1919)),), None),
    Case(
        "This led to the collapse of the government in 1923.",
        (("1923", year(1923)),),
        None,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.sentence[:40] for c in CASES])
def test_question_text(case: Case) -> None:
    questions = dated_questions(case.build())
    if case.expected is None:
        assert questions == []
        return
    assert [q.question for q in questions] == [case.expected]
    assert questions[0].answer == case.answer


@pytest.mark.parametrize("case", CASES, ids=[c.sentence[:40] for c in CASES])
def test_question_properties(case: Case) -> None:
    source = case.build()
    for question in dated_questions(source):
        assert question.kind == "dated"
        assert question.answer_type == "date"
        assert question.distractor_pool == "date"
        assert question.source_text == case.sentence
        assert question.source_section == "History › Early life"
        assert len(question.question) <= 300
        assert question.question[0].isupper()
        style = question.extra["style"]
        assert question.question.endswith("?" if style == "when" else ".")
        assert style == "cloze" or "____" not in question.question
        value = question.date
        assert value is not None
        years = {str(value.start.year), str(value.end.year)}
        text = question.question.replace(f"month of {value.start.year}", "")
        assert not any(re.search(rf"\b{y}\b", text) for y in years)
        assert not re.search(r"\[|\]|\{|\}|<|>|''", question.question)


def test_cloze_blanks_only_the_date() -> None:
    sentence = "The armistice of 11 November 1918 ended the fighting on the Western Front."
    [question] = dated_questions(dated(sentence, ("11 November 1918", day(1918, 11, 11))))
    assert question.question.replace("____", "11 November 1918") == sentence


def test_old_style_date_is_accepted() -> None:
    sentence = "The uprising began in Saint Petersburg on 22 January 1905."
    source = DatedSentence(
        subject="Bloody Sunday",
        section=SECTION,
        sentence=sentence,
        dates=(mention(sentence, "22 January 1905", day(1905, 1, 22), old_style=day(1905, 1, 9)),),
    )
    [question] = dated_questions(source)
    assert question.answer == "22 January 1905"
    assert question.accepted == ("9 January 1905",)
    assert question.date == day(1905, 1, 22)


def test_fact_key_names_the_event_and_survives_a_date_change() -> None:
    before = dated("The bridge was opened on 1 July 1932.", ("1 July 1932", day(1932, 7, 1)))
    after = dated("The bridge was opened on 3 July 1933.", ("3 July 1933", day(1933, 7, 3)))
    [first] = dated_questions(before)
    [second] = dated_questions(after)
    assert first.fact_key == second.fact_key == "dated:bridge opened"


def test_fact_key_is_trimmed_to_twelve_content_words() -> None:
    sentence = (
        "In 1850 the railway company built a long viaduct across the wide river valley "
        "south of the old market town near the northern coast."
    )
    [question] = dated_questions(dated(sentence, ("1850", year(1850))))
    assert question.fact_key.startswith("dated:railway company built long viaduct")
    assert len(question.fact_key.removeprefix("dated:").split()) == 12
    assert question.fact_key == "dated:" + normalize_key(question.fact_key.removeprefix("dated:"))


def test_citation_markers_do_not_reach_the_question() -> None:
    sentence = "Apollo 11 landed on the Moon on 20 July 1969.[12]"
    [question] = dated_questions(dated(sentence, ("20 July 1969", day(1969, 7, 20))))
    assert question.question == "When did Apollo 11 land on the Moon?"


def test_overlong_question_is_dropped() -> None:
    filler = " and ".join(f"the fortress of Town{i}" for i in range(40))
    sentence = f"The army captured {filler} on 3 May 1920."
    assert dated_questions(dated(sentence, ("3 May 1920", day(1920, 5, 3)))) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (day(1919, 11, 3), "3 November 1919"),
        (month(1919, 6), "June 1919"),
        (year(1918), "1918"),
        (DateValue(date(1918, 5, 21), date(1918, 5, 29), "day"), "21–29 May 1918"),
        (DateValue(date(1918, 1, 1), date(1920, 1, 1), "year"), "1918–1920"),
        (month(1919, 6, "mid"), "mid-June 1919"),
        (year(1919, "circa"), "c. 1919"),
        (DateValue(date(1920, 1, 1), date(1929, 1, 1), "year", "decade"), "1920s"),
        (DateValue(date(1918, 5, 30), date(1918, 6, 2), "day"), "30 May – 2 June 1918"),
    ],
)
def test_format_date(value: DateValue, expected: str) -> None:
    assert format_date(value) == expected


def test_no_dates_no_question() -> None:
    assert dated_questions(dated("The war was long and bloody.")) == []


def test_a_date_in_a_relative_clause_never_dates_the_main_verb():
    sentence = (
        "Armenian forces under the command of Garegin Nzhdeh, who had been appointed to "
        "Zangezur in August 1919, launched operations against Azerbaijani villages."
    )
    questions = dated_questions(dated(sentence, ("August 1919", month(1919, 8))))
    assert len(questions) == 1
    question = questions[0].question
    assert not question.startswith(("When", "In which month")), question
    assert "who had been appointed to Zangezur in ____, launched operations" in question


def test_a_cloze_keeps_its_main_verb():
    sentence = (
        "On the morning of 6 November, Armenian militias, led by Colonel Shahmazyan, "
        "dislodged the militias from the Kechal-Dala mountain passes and the area near the lake."
    )
    for question in dated_questions(dated(sentence, ("6 November", day(1919, 11, 6)))):
        assert "dislodged" in question.question, question.question


def test_a_title_before_a_name_keeps_its_capital():
    sentence = "King Edward the Confessor died on 5 January 1066 without a clear heir."
    questions = dated_questions(dated(sentence, ("5 January 1066", day(1066, 1, 5))))
    assert [q.question for q in questions] == [
        "When did King Edward the Confessor die without a clear heir?"
    ]
