"""Everything about one card: its text (the learner's edit and the generated text), where
it came from, its stage and scheduling, its review history, and its flag or edit mark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.browse.stages import stage_of
from quizgen.core.models import Card
from quizgen.store import browse as browse_store
from quizgen.store import edits as edit_store
from quizgen.store.card_state import SchedulingState
from quizgen.store.cards import card_from_row

if TYPE_CHECKING:
    from sqlite_utils import Database

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


@dataclass(frozen=True)
class ReviewEntry:
    """One answer in the card's history."""

    reviewed_at: str
    rating: str
    mode: str | None
    answer_given: str | None
    verdict: str | None
    duration_ms: int | None


@dataclass(frozen=True)
class CardInfo:
    """One card as the browser and `quiz card` show it."""

    card: Card
    """What the learner sees and studies: their edit laid over the generated card."""
    generated: Card
    """What the article made of it, as the last build wrote it."""
    article_title: str
    article_path: str
    stage: str
    scheduling: SchedulingState
    history: tuple[ReviewEntry, ...]
    changes: tuple[tuple[str, str, str | None, str | None], ...]
    """(when, what: answer_changed | retired | restored | reset, old answer, new answer)."""
    edit: edit_store.StoredEdit | None
    flag: tuple[str, str] | None
    """(reason key, when) of a flagged card."""

    @property
    def edited(self) -> bool:
        return self.edit is not None

    @property
    def article_now_says(self) -> str | None:
        """The article's answer when it changed since the learner's edit, else None."""
        return self.edit.source_answer if self.edit is not None else None


def card_info(db: Database, card_id: str) -> CardInfo | None:
    """The whole of one card, or None if no card has this id (a damaged row raises
    quizgen.store.cards.DamagedCardError, one line naming it)."""
    row = browse_store.card_with_article(db, card_id)
    if row is None:
        return None
    edit = edit_store.edit_of(db, card_id)
    flag = edit_store.flag_of(db, card_id)
    generated = card_from_row(row)
    seen = card_from_row(edit_store.with_edit(row, edit.columns)) if edit else generated
    history = tuple(
        ReviewEntry(
            reviewed_at=entry["reviewed_at"],
            rating=RATING_NAMES.get(entry["rating"], str(entry["rating"])),
            mode=entry["mode"],
            answer_given=entry["answer_given"],
            verdict=entry["verdict"],
            duration_ms=entry["duration_ms"],
        )
        for entry in browse_store.review_log(db, card_id)
    )
    changes = tuple(
        (entry["changed_at"], entry["change"], entry["old_answer"], entry["new_answer"])
        for entry in browse_store.change_log(db, card_id)
    )
    return CardInfo(
        card=seen,
        generated=generated,
        article_title=row.get("article_title") or generated.source.title,
        article_path=row.get("article_path") or generated.source.path,
        stage=stage_of({**row, "flag": flag[0] if flag else None}),
        scheduling=SchedulingState.from_row(row),
        history=history,
        changes=changes,
        edit=edit,
        flag=flag,
    )
