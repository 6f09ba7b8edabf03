"""The card budget and quality score: fewer, better cards, on the real corpus articles."""

from __future__ import annotations

from datetime import date

import pytest
from support.paths import CORPUS

from quizgen.build.pipeline import plan_article
from quizgen.cards.budget import Scored, card_budget, fill_budget, merge_same_events, prose_chars
from quizgen.cards.quality import QUALITY_THRESHOLD, QualityScore, score
from quizgen.core.models import DateValue, Question
from quizgen.ingest.readers import read_article

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")


def _question(text: str, importance: float = 0.5, **fields) -> Question:
    return Question(
        kind="dated",
        fact_key=f"dated:{text}",
        question=text,
        answer="1901",
        importance=importance,
        **fields,
    )


def test_a_clean_short_question_keeps_its_full_score():
    assert score(_question("When did Marconi send the first transatlantic signal?")) == (
        QualityScore(1.0, ())
    )


def test_doubts_and_form_lower_the_score_below_the_threshold():
    doubtful = _question(
        "____, the company moved its head office to a town on the river.",
        doubts=("year inferred from the section heading",),
        date=DateValue(date(1901, 1, 1), date(1903, 1, 1), "year", "late"),
    )
    result = score(doubtful)
    assert result.value < QUALITY_THRESHOLD
    assert result.reasons == (
        "year inferred from the section heading",
        "cloze opens on its blank",
        "date range answer",
        "hedged date (late)",
    )


def test_a_long_cloze_loses_points_in_proportion():
    words = " ".join(["word"] * 31)
    assert score(_question(f"In ____, {words}.")).reasons == ("long question (33 words)",)


def test_core_facts_are_kept_past_the_budget_and_the_rest_by_rank():
    core = [Scored(_question(f"core {n}", importance=1.0), QualityScore(1.0)) for n in range(3)]
    weak = Scored(_question("weak one", importance=0.4), QualityScore(0.7))
    strong = Scored(_question("strong one", importance=0.9), QualityScore(0.9))
    kept, dropped = fill_budget([weak, *core, strong], budget=4)
    assert [c.question.question for c in kept] == ["core 0", "core 1", "core 2", "strong one"]
    assert dropped == [weak]


def test_the_same_dated_fact_asked_twice_is_merged_into_the_better_card():
    day = DateValue(date(1959, 1, 3), date(1959, 1, 3), "day")
    infobox = Question(
        kind="infobox",
        fact_key="infobox:admission",
        answer="January 3, 1959",
        question="When was Alaska admitted to the Union?",
        date=day,
        importance=1.0,
    )
    dated = _question("On ____, Alaska was admitted as the 49th state.", date=day)
    other = _question(
        "When did the Alaska Railroad open?",
        date=DateValue(date(1923, 7, 15), date(1923, 7, 15), "day"),
    )
    candidates = [Scored(q, QualityScore(1.0)) for q in (infobox, dated, other)]
    kept, merged = merge_same_events(candidates)
    assert [c.question for c in kept] == [infobox, other]
    assert [c.question for c in merged] == [dated]


@needs_corpus
def test_budget_grows_with_the_article_and_every_planned_article_stays_within_it():
    budgets = {}
    for path in sorted((CORPUS / "b").glob("*.txt")):
        article = read_article(path)
        planned = plan_article(article, article.title)
        core = sum(1 for c in planned.cards if c.extra.get("importance", 0) >= 1.0)
        assert len(planned.cards) <= max(planned.outcome.budget, core), path.name
        budgets[path.stem] = (prose_chars(article), card_budget(article))
    by_size = sorted(budgets.values())
    assert [b for _, b in by_size] == sorted(b for _, b in by_size)  # never shrinks with size
    smallest, largest = by_size[0], by_size[-1]
    assert smallest[0] < 3_000 and 4 <= smallest[1] <= 9
    assert largest[0] > 60_000 and 25 <= largest[1] <= 45


@needs_corpus
def test_the_report_shows_each_articles_budget_and_what_it_dropped():
    from quizgen.build.pipeline import BuildReport
    from quizgen.build.report import render_report

    article = read_article(CORPUS / "b" / "albania.txt")
    planned = plan_article(article, article.title)
    report = BuildReport(
        articles=[planned.outcome],
        rejected=planned.outcome.rejected,
        refused_sentences=planned.outcome.refused_sentences,
    )
    text = render_report(report)
    assert f"| Albania | Albania | {planned.outcome.budget} |" in text
    over_budget = planned.outcome.rejected["over the article's card budget"]
    assert over_budget > 0
    assert f"- over the article's card budget: {over_budget}" in text
    assert "— *over the article's card budget*:" in text
    statistics = planned.outcome.refused_sentences["statistic"]
    assert statistics > 0  # a country article states many figures "as of" a year
    assert "## Dated sentences that made no question, by reason" in text
    assert f"- statistic: {statistics}" in text


@pytest.mark.parametrize(
    ("question", "answer", "given_away"),
    [
        ("What is the demonym for the people of Alaska?", "Alaskan", True),
        ("What is the scientific name of amphibians?", "Amphibia", True),
        ("Which mission preceded Apollo 8?", "Apollo 7", True),
        ("Which ceremony followed the 88th Academy Awards?", "89th Academy Awards", True),
        ("Of which programme was Apollo 8 a part?", "Apollo program", True),
        ("What is the currency of Angola?", "Angolan kwanza", False),
        ("Who preceded Harry McPherson as White House Counsel?", "Lee White", False),
        ("What is the capital of Albania?", "Tirana", False),
        ("Which party did Harry McPherson belong to?", "Democratic", False),
        ("Which country is Angola's largest import partner?", "China", False),
        ("Of which legislature is the Senate of Pakistan a part?", "Parliament of Pakistan", True),
        ("What is the official name of Albania?", "Republic of Albania", False),
        ("What is the capital of Mexico?", "Mexico City", False),
    ],
)
def test_a_question_that_hands_over_its_answer_is_rejected(question, answer, given_away):
    from quizgen.cards.quality import judge

    candidate = Question(
        kind="infobox", fact_key="infobox:x", question=question, answer=answer, answer_type="name"
    )
    expected = "answer given away by the question" if given_away else None
    assert judge(candidate).reason == expected


def test_a_question_true_only_when_the_article_was_written_is_rejected():
    from quizgen.cards.quality import judge

    stale = Question(
        kind="dated",
        fact_key="dated:x",
        answer="July 2012",
        question="In which month of 2012 was the current Albanian president elected?",
    )
    assert judge(stale).reason == "true only when the article was written"
    lasting = Question(
        kind="dated",
        fact_key="dated:y",
        answer="July 2012",
        question="In which month of 2012 was Bujar Nishani elected president?",
    )
    assert judge(lasting).reason is None


@pytest.mark.parametrize(
    ("answer", "kept"),
    [("4.232", False), ("$194.055 billion", False), ("4.2", True), ("2,886,026", True)],
)
def test_a_figure_to_the_third_decimal_is_not_asked(answer, kept):
    """Nobody learns a town's area as 4.232 km², and "4.2" would be graded wrong."""
    from quizgen.cards.quality import judge

    candidate = Question(
        kind="infobox",
        fact_key="infobox:area",
        question="What is the total area of Dollar Point, California, in square kilometres?",
        answer=answer,
        answer_type="number",
    )
    assert (judge(candidate).reason is None) == kept


def test_two_events_of_one_month_are_not_one_event():
    """ "In which month of 1919 did ..." is the frame of both questions, not their event."""
    from quizgen.cards.budget import same_event

    november = DateValue(date(1919, 11, 1), date(1919, 11, 1), "month")

    def asked(question: str) -> Question:
        return Question(
            kind="dated",
            fact_key=question,
            question=question,
            answer="November 1919",
            answer_type="date",
            date=november,
        )

    wardrop = asked("In which month of 1919 did Oliver Wardrop telegraph London?")
    meeting = asked("In which month of 1919 did Yusifbeyli and Khatisian meet in Tiflis?")
    again = asked("In which month of 1919 did Wardrop telegraph London?")
    assert not same_event(wardrop, meeting)
    assert same_event(wardrop, again)


@pytest.mark.parametrize("path", ["a/economy-of-angola.md", "b/economy-of-angola.txt"])
def test_an_event_told_once_by_name_and_once_by_acronym_is_asked_once(path):
    """ "Angola became a member of OPEC" (January 2007, asked at its year) and "joined the
    Organization of the Petroleum Exporting Countries in 2007" are one event."""
    from support.planning import planned_corpus_article

    planned = planned_corpus_article(path)
    opec = [
        card.question
        for card in planned.cards
        if card.kind == "dated" and ("OPEC" in card.question or "Petroleum" in card.question)
    ]
    assert len(opec) == 1, opec
