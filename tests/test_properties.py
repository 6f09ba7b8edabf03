"""Property tests: the readers, the date extractor and the answer checker on any text.

Whatever the text, `parse_article` gives an Article or a one-line ReaderError,
`find_dates` gives mentions whose spans point into the sentence, and `grade_answer`
gives a verdict: no other exception ever comes out. Strategies mix random text
with the shapes these functions look for (titles, infobox lines, front matter,
dates, numbers) so the interesting paths are reached, not only the early exits.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.core.grading import Verdict, grade_answer
from quizgen.core.models import Article, Card, CardSource, DateValue
from quizgen.facts.dates import DateContext, find_dates
from quizgen.ingest.readers import ReaderError, parse_article

MONTHS = ["January", "Feb.", "march", "Sept", "December", "Mai", "13th"]
PIECES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "= Title =",
            "== Section ==",
            "=== Sub ===",
            "Infobox",
            "- Born: ",
            "- Date: ",
            "| key = ",
            "---",
            "...",
            "title: ",
            "infoboxes:",
            "  - ",
            "    text: ",
            "&a ",
            "*a",
            "!!python/tuple",
            "[",
            "]",
            "{",
            "}",
            ":",
            "\n",
            "\r\n",
            "\t",
            "\ufeff",
            "\x1b[31m",
            "\x00",
            "â€“",
            "Ã©",
            "ğŸ‡¦ğŸ‡²",
            "```",
            "# Heading",
            "![img](x)",
            "|a|b|",
        ]
    ),  # fmt: skip
    st.builds(
        lambda d, m, y: f"{d} {m} {y}",
        st.integers(-5, 40),
        st.sampled_from(MONTHS),
        st.integers(-100, 3000),
    ),  # fmt: skip
)
ARTICLE_TEXT = st.lists(PIECES, max_size=40).map("".join)

DATE_WORDS = st.sampled_from(
    ["In", "on", "c.", "circa", "BC", "AD", "BCE", "between", "and", "–", "-", "/", "s", "'s",
     "early", "late", "mid-", "the", "century", "1990s", "spring", "of", ",", " ", "1066",
     "14", "October", "0", "99999", "1e10", "١٩٤٥", "3/4", "1918–1920", "(", ")", "?"]
)  # fmt: skip
SENTENCE = st.one_of(st.text(max_size=200), st.lists(DATE_WORDS, max_size=30).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE_TEXT)
def test_parse_article_gives_an_article_or_one_line_reader_error(text: str) -> None:
    try:
        article = parse_article(text, "prop.txt")
    except ReaderError as error:
        message = str(error)
        assert message and "\n" not in message
    else:
        assert isinstance(article, Article) and article.title.strip()
        assert "\x1b" not in article.title


@settings(max_examples=300, deadline=None)
@given(
    SENTENCE,
    st.one_of(
        st.none(),
        st.builds(DateContext, st.none() | st.integers(-50, 3000), st.none() | st.integers(1, 12)),
    ),  # fmt: skip
)
def test_find_dates_never_raises_and_spans_point_into_the_sentence(
    sentence: str, context: DateContext | None
) -> None:
    for mention in find_dates(sentence, context):
        start, end = mention.span
        assert 0 <= start < end <= len(sentence)
        assert mention.value.start <= mention.value.end


def _card(answer: str, answer_type: str, accepted: tuple[str, ...]) -> Card:
    day = date(1815, 12, 10)
    return Card(
        id="c1",
        deck="d",
        kind="infobox",
        question="Q?",
        answer=answer,
        fact_key="infobox:x",
        source=CardSource(path="p", title="t", section="s", text="x"),
        accepted=accepted,
        distractors=(),
        date=DateValue(start=day, end=day, precision="day") if answer_type == "date" else None,
        answer_type=answer_type,
        any_of=False,
        extra={},
    )


@settings(max_examples=300, deadline=None)
@given(
    given_text=SENTENCE,
    answer=st.one_of(
        st.text(max_size=40),
        st.sampled_from(["10 December 1815", "1,500–5,500", "Ada Lovelace", "", "  "]),
    ),  # fmt: skip
    answer_type=st.sampled_from(["text", "name", "date", "number", "year", "place"]),
    accepted=st.lists(st.text(max_size=20), max_size=3).map(tuple),
)
def test_grade_answer_always_gives_a_verdict(
    given_text: str, answer: str, answer_type: str, accepted: tuple[str, ...]
) -> None:
    grade = grade_answer(given_text, _card(answer, answer_type, accepted))
    # `in set(Verdict)` would also take a plain string (StrEnum): ask for the enum itself
    assert type(grade.verdict) is Verdict
    assert grade.reason
