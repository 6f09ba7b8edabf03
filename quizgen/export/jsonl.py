"""Export to JSONL: the public contract, one card per line with exactly the README's keys.

Tests and other tools parse it, so change it only on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.cards.kinds import kind_of
from quizgen.core.timeline import timeline_of
from quizgen.export.output import DamagedCallback, open_output, output_guard, selected_cards

if TYPE_CHECKING:
    from sqlite_utils import Database

    from quizgen.core.models import Card


def card_record(card: Card) -> dict[str, Any]:
    """One card in the public JSONL shape."""
    record: dict[str, Any] = {
        "id": card.id,
        "deck": card.deck,
        "kind": card.kind,
        "question": card.question,
        "answer": card.answer,
        "accepted": list(card.accepted),
        "distractors": list(card.distractors),
        "source": {
            "path": card.source.path,
            "title": card.source.title,
            "section": card.source.section,
            "text": card.source.text,
        },
    }
    if kind_of(card.kind).exports_date and card.date is not None:
        record["date"] = {
            "start": card.date.start.isoformat(),
            "end": card.date.end.isoformat(),
            "precision": card.date.precision,
        }
    timeline = timeline_of(card) if kind_of(card.kind).exports_timeline else None
    if timeline is not None:
        shape = timeline.to_json()
        record["items"] = shape["items"]
        record["order"] = shape["order"]
    return record


def export_jsonl(
    db: Database,
    *,
    deck: str | None = None,
    out: Path | None = None,
    on_damaged: DamagedCallback | None = None,
) -> int:
    """Write the active cards (of one deck, or all) as JSON lines to `out` or stdout."""
    cards = selected_cards(db, deck, on_damaged)
    count = 0
    with open_output(out, database=output_guard(db)) as handle:
        for _, card in cards:
            handle.write(json.dumps(card_record(card), ensure_ascii=False) + "\n")
            count += 1
    return count
