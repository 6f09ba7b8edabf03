"""Export to CSV: one card per row, for spreadsheets and flashcard importers.

The file starts with a UTF-8 byte-order mark (unless `bom=False`, `--no-bom`): without
it a spreadsheet reads the file as its local code page and shows "–" as "â€“". Then
come the header lines of Anki's text importer (`#separator:Comma`, `#html:false`,
`#guid column:1`, `#tags column:14`, `#columns:id,deck,...`): Anki reads them as
settings and the column names, so no header row becomes a note, and the card id is the
note's GUID, so importing the file again updates its notes instead of adding copies.
A spreadsheet shows them as the first rows. The last column, `tags`, holds the note's
Anki tags (quizgen.export.anki_tags).

The text stays plain (no HTML escaping): a CSV reader gets back exactly the
card's text, and Anki's text importer shows it literally when "Allow HTML in
fields" is off. List columns join their items with " | " so the file keeps one
column per field; a reader that needs the exact items should use the JSONL export.

One exception, as OWASP advises against CSV (formula) injection: a cell starting
with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by a
spreadsheet (`=HYPERLINK(...)` in a title), so it is written with a `'` in front,
which spreadsheets show as text. A cell that is just a number (`-40`, `+3.5`) is
not a formula and stays as it is.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.cards.kinds import kind_of
from quizgen.core.models import Card, DateValue
from quizgen.core.timeline import timeline_of
from quizgen.export.anki_tags import note_tags
from quizgen.export.output import DamagedCallback, open_output, output_guard, selected_cards

if TYPE_CHECKING:
    from sqlite_utils import Database

CSV_COLUMNS = (
    "id",
    "deck",
    "kind",
    "question",
    "answer",
    "accepted",
    "distractors",
    "source_title",
    "source_section",
    "source_text",
    "date_start",
    "date_end",
    "date_precision",
    "items",
    "item_dates",
    "order",
    "tags",
)
"""The columns, in order (named in the `#columns:` line); a public contract like the JSONL
keys. `items`, `item_dates` and `order` are filled on timeline cards only: the events as
shown ("A. ... | B. ..."), their dates in the same order (ISO, at their precision:
`1918-03-30`, `1918-03`, `1918`; a range `start/end`), and the labels earliest first
("BDAC")."""

BYTE_ORDER_MARK = "\ufeff"

ANKI_HEADER = (
    "#separator:Comma",
    "#html:false",
    f"#guid column:{CSV_COLUMNS.index('id') + 1}",
    f"#tags column:{CSV_COLUMNS.index('tags') + 1}",
    "#columns:" + ",".join(CSV_COLUMNS),
)
"""Anki's text-import header lines (Anki 2.1.55+): settings and column names, no note."""

LIST_SEPARATOR = " | "

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's list of first characters that make a spreadsheet evaluate a cell."""

_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")


def neutralized(cell: str) -> str:
    """A cell a spreadsheet shows as text: `'` before a formula's first character."""
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def csv_record(card: Card) -> dict[str, str]:
    """One card as a CSV row (every value a string, empty when absent)."""
    dated = card.date if kind_of(card.kind).exports_date else None
    return {
        "id": card.id,
        "deck": card.deck,
        "kind": card.kind,
        "question": card.question,
        "answer": card.answer,
        "accepted": LIST_SEPARATOR.join(card.accepted),
        "distractors": LIST_SEPARATOR.join(card.distractors),
        "source_title": card.source.title,
        "source_section": card.source.section,
        "source_text": card.source.text,
        "date_start": dated.start.isoformat() if dated else "",
        "date_end": dated.end.isoformat() if dated else "",
        "date_precision": dated.precision if dated else "",
        **_timeline_columns(card),
        "tags": " ".join(note_tags(card, suspended=False, retired=False)),
    }


_ISO_LENGTH = {"day": 10, "month": 7, "year": 4}


def _iso(value: DateValue) -> str:
    """A date at its precision ("1918-03", "1918"), a range as "start/end"."""
    length = _ISO_LENGTH[value.precision]
    start, end = value.start.isoformat()[:length], value.end.isoformat()[:length]
    return start if start == end else f"{start}/{end}"


def _timeline_columns(card: Card) -> dict[str, str]:
    timeline = timeline_of(card) if kind_of(card.kind).exports_timeline else None
    if timeline is None:
        return {"items": "", "item_dates": "", "order": ""}
    return {
        "items": LIST_SEPARATOR.join(f"{item.label}. {item.text}" for item in timeline.items),
        "item_dates": LIST_SEPARATOR.join(_iso(item.date) for item in timeline.items),
        "order": "".join(timeline.order),
    }


def export_csv(
    db: Database,
    *,
    deck: str | None = None,
    out: Path | None = None,
    on_damaged: DamagedCallback | None = None,
    bom: bool = True,
) -> int:
    """Write the active cards (of one deck, or all) as UTF-8 CSV to `out` or stdout:
    the byte-order mark (unless `bom` is False), Anki's header lines, a row per card."""
    cards = selected_cards(db, deck, on_damaged)
    count = 0
    with open_output(out, newline="", database=output_guard(db)) as handle:
        handle.write(
            (BYTE_ORDER_MARK if bom else "") + "".join(f"{line}\r\n" for line in ANKI_HEADER)
        )
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
        for _, card in cards:
            record = csv_record(card)
            writer.writerow({column: neutralized(value) for column, value in record.items()})
            count += 1
    return count
