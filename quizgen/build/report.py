"""The build's quality report: per article, what was kept, what was dropped and why.

Dropped covers every reason a candidate question did not become a card: a broken
card rule, a low quality score (with the points it lost), the same fact asked twice,
or the article's card budget being full of more important questions.

Written as Markdown so it reads in a terminal, an editor or a code review.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.build.pipeline import BuildReport
from quizgen.cards.kinds import KINDS

if TYPE_CHECKING:
    from quizgen.browse.marks import FlaggedCard


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def render_report(report: BuildReport, flagged: Sequence[FlaggedCard] = ()) -> str:
    """The whole report; one column of card counts per card kind (quizgen.cards.kinds), and
    the cards learners flagged as bad, per article, with their reasons."""
    lines = ["# quizgen build report", ""]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.cards_by_kind.items())) or "none"
    lines.append(
        f"{report.articles_read} articles read, {report.cards_total} cards ({kinds}), "
        f"{len(report.skipped)} files skipped, {report.unchanged_files} unchanged files."
    )
    if report.rejected:
        lines += ["", "## Dropped candidate questions by reason", ""]
        lines += [f"- {reason}: {count}" for reason, count in report.rejected.most_common()]
    if report.refused_sentences:
        refused = report.refused_sentences
        lines += ["", "## Dated sentences that made no question, by reason", ""]
        lines += [f"- {reason}: {count}" for reason, count in refused.most_common()]
    kind_columns = " | ".join(kind.label for kind in KINDS)
    lines += [
        "",
        "## Articles",
        "",
        f"| Article | Deck | Budget | {kind_columns} | Dropped | Sample questions |",
        "|---|---|---|" + "---|" * len(KINDS) + "---|---|",
    ]
    for outcome in report.articles:
        rejected = ", ".join(f"{n} {r}" for r, n in outcome.rejected.most_common()) or "0"
        samples = "<br>".join(_cell(sample) for sample in outcome.samples)
        counts = " | ".join(str(outcome.cards_by_kind.get(kind.name, 0)) for kind in KINDS)
        lines.append(
            f"| {_cell(outcome.title)} | {_cell(outcome.deck)} | {outcome.budget} | {counts} | "
            f"{_cell(rejected)} | {samples} |"
        )
    examples = [(o.title, r, q) for o in report.articles for r, q in o.rejected_samples]
    if examples:
        lines += ["", "## Examples of dropped questions (up to three per reason and article)", ""]
        lines += [f"- {_cell(title)} — *{reason}*: {_cell(q)}" for title, reason, q in examples]
    if report.skipped:
        lines += ["", "## Skipped files", ""]
        lines += [f"- `{path}`: {reason}" for path, reason in report.skipped]
    if flagged:
        lines += ["", f"## Cards flagged by learners ({len(flagged)})", ""]
        for article, cards in groupby(flagged, key=lambda card: card.article):
            lines += [f"### {_cell(article)}", ""]
            lines += [
                f"- *{card.reason_words}* — {_cell(card.question)} → {_cell(card.answer)}"
                f" (`{card.card_id}`)"
                for card in cards
            ]
            lines.append("")
        lines.pop()
    return "\n".join(lines) + "\n"


def write_report(report: BuildReport, path: Path, flagged: Sequence[FlaggedCard] = ()) -> None:
    """Write the report as UTF-8 Markdown (`quiz build --report FILE`)."""
    path.write_text(render_report(report, flagged), encoding="utf-8")
