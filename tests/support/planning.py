"""One corpus article planned as a build plans it (no database): its cards and outcome."""

from __future__ import annotations

from quizgen.build.pipeline import PlannedArticle, plan_article
from quizgen.ingest.readers import parse_article
from support.paths import CORPUS


def planned_corpus_article(path: str, deck: str = "A") -> PlannedArticle:
    """`path` relative to ../shared/corpus ("a/albania.md", "b/albania.txt")."""
    source = CORPUS / path
    return plan_article(parse_article(source.read_text(encoding="utf-8"), str(source)), deck)
