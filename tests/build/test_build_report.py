"""`quiz build --report FILE`: the Markdown report, from a BuildReport made by hand."""

from __future__ import annotations

from collections import Counter

from quizgen.build.pipeline import ArticleOutcome, BuildReport
from quizgen.build.report import render_report, write_report


def a_report() -> BuildReport:
    lovelace = ArticleOutcome(
        path="seeds/lovelace.txt",
        title="Ada Lovelace",
        deck="People | famous",
        cards_by_kind=Counter({"infobox": 4, "dated": 2}),
        rejected=Counter({"answer in question": 2, "too long": 1}),
        samples=["When was Ada Lovelace born?", "Where did\nAda Lovelace die?"],
        rejected_samples=[("answer in question", "Who was Ada Lovelace's father, Lord Byron?")],
        budget=6,
    )
    hastings = ArticleOutcome(
        path="seeds/hastings.txt",
        title="Battle of Hastings",
        deck="History",
        cards_by_kind=Counter({"dated": 1}),
    )
    return BuildReport(
        files=3,
        articles_read=2,
        unchanged_files=0,
        skipped=[("seeds/broken.txt", "not a mapping")],
        cards_by_kind=Counter({"infobox": 4, "dated": 3}),
        rejected=Counter({"answer in question": 2, "too long": 1}),
        articles=[lovelace, hastings],
    )


def test_the_summary_line_counts_cards_by_kind_and_files():
    text = render_report(a_report())
    assert text.startswith("# quizgen build report\n\n")
    assert (
        "2 articles read, 7 cards (3 dated, 4 infobox), 1 files skipped, 0 unchanged files." in text
    )


def test_rejections_are_listed_most_common_first():
    lines = render_report(a_report()).splitlines()
    start = lines.index("## Dropped candidate questions by reason")
    assert lines[start + 2 : start + 4] == ["- answer in question: 2", "- too long: 1"]


def test_one_table_row_per_article_with_its_budget_and_a_column_per_card_kind():
    lines = render_report(a_report()).splitlines()
    header = lines.index(
        "| Article | Deck | Budget | Infobox | Dated | Timeline | Dropped | Sample questions |"
    )
    assert lines[header + 1] == "|---|---|---|---|---|---|---|---|"
    assert lines[header + 2] == (
        "| Ada Lovelace | People \\| famous | 6 | 4 | 2 | 0 | 2 answer in question, 1 too long | "
        "When was Ada Lovelace born?<br>Where did Ada Lovelace die? |"
    )
    assert lines[header + 3] == "| Battle of Hastings | History | 0 | 0 | 1 | 0 | 0 |  |"


def test_examples_of_rejected_questions_and_skipped_files():
    text = render_report(a_report())
    assert (
        "- Ada Lovelace — *answer in question*: Who was Ada Lovelace's father, Lord Byron?" in text
    )
    assert "## Skipped files\n\n- `seeds/broken.txt`: not a mapping\n" in text


def test_an_empty_build_says_none_and_leaves_the_optional_sections_out():
    text = render_report(BuildReport())
    assert "0 articles read, 0 cards (none), 0 files skipped, 0 unchanged files." in text
    for heading in ("## Dropped", "## Examples", "## Skipped"):
        assert heading not in text


def test_write_report_writes_utf8_markdown(tmp_path):
    path = tmp_path / "report.md"
    write_report(a_report(), path)
    assert path.read_text(encoding="utf-8") == render_report(a_report())
