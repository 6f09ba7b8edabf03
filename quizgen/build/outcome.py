"""What a build did: per article and in all, for the summary and the report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from quizgen.store.card_counts import ChangeCounts


@dataclass
class ArticleOutcome:
    """What the build made of one article, for the summary and the report."""

    path: str
    title: str
    deck: str
    cards_by_kind: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    rejected_samples: list[tuple[str, str]] = field(default_factory=list)
    unchanged_file: bool = False
    budget: int = 0
    refused_sentences: Counter = field(default_factory=Counter)
    """Dated sentences that made no question, by the phraser's reason."""


@dataclass
class BuildReport:
    files: int = 0
    articles_read: int = 0
    unchanged_files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    cards_by_kind: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)
    refused_sentences: Counter = field(default_factory=Counter)
    changes: dict[str, ChangeCounts] = field(default_factory=dict)
    articles: list[ArticleOutcome] = field(default_factory=list)
    deck_errors: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def cards_total(self) -> int:
        return sum(self.cards_by_kind.values())

    def count_unchanged(self, deck: str, kind_counts: Iterable[tuple[str, int]]) -> None:
        """Cards of `deck` the build left as they were, (kind, count) at a time: an
        unchanged file's, or a deck timeline kept."""
        counts = self.changes.setdefault(deck, ChangeCounts())
        for kind, count in kind_counts:
            self.cards_by_kind[kind] += count
            counts.unchanged += count
