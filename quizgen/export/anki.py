"""Export to Anki: an `.apkg` package whose notes update in place on re-import.

Anki matches an imported note to an existing one by its GUID and by its note
type's id, so both are stable, never drawn at random: the GUID from the card id
(which survives rewording and rebuilds, see quizgen.core.identity), the note-type
ids are constants (quizgen.export.anki_note_types) and the deck ids a hash of their
names. A learner who imports again after the seeds changed gets their notes
updated, not duplicated, and keeps their Anki review history.

Which note type a card becomes follows the answer mode (`mode`, see
anki_note_types); suspension, retirement and, on request, the schedule go into the
card rows (anki_scheduling), tags into the notes (anki_tags).

Anki fields are HTML, so every piece of card text is escaped before it goes in:
a fact such as "<b>x</b> & y" must show as written, not turn bold.
"""

from __future__ import annotations

import errno
import hashlib
import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.cards.options import choice_order
from quizgen.core.clock import utc_now
from quizgen.core.models import Card
from quizgen.export.anki_note_types import (
    BLANK,
    NoteType,
    anki_mode,
    genanki_model,
    note_type_for,
)
from quizgen.export.anki_scheduling import (
    AnkiSchedule,
    ExportDay,
    carried_schedule,
    new_schedule,
)
from quizgen.export.anki_tags import note_tags
from quizgen.export.output import (
    DamagedCallback,
    ExportError,
    open_binary_output,
    output_guard,
    selected_cards,
)
from quizgen.store.anki_collection import insert_anki_card, set_anki_collection_start
from quizgen.store.card_state import SchedulingState
from quizgen.store.settings import load_clock

if TYPE_CHECKING:
    import genanki
    from sqlite_utils import Database

PARENT_DECK = "quizgen"
"""Every exported deck becomes a subdeck `quizgen::<deck>`, so ours stay together."""

_ID_RANGE_START = 1 << 30
_ID_RANGE_SIZE = 1 << 30

PRECISION_HINTS = {"day": "date", "month": "month", "year": "year"}
"""A cloze's hint (`{{c1::1918::year}}`): what the blank asks for, as the study app grades it."""


def stable_anki_id(name: str) -> int:
    """A 31-bit id from a name: the same name gives the same id on every export.

    The range [2^30, 2^31) is genanki's recommended one, clear of the small ids
    Anki gives its own built-in note types and the default deck.
    """
    digest = hashlib.sha256(f"quizgen\x1f{name}".encode()).digest()
    return _ID_RANGE_START + int.from_bytes(digest[:8], "big") % _ID_RANGE_SIZE


def anki_deck_name(deck: str) -> str:
    """`quizgen::<deck>`; a `::` inside the deck's own name would nest it, so it is flattened."""
    flat = deck.replace("::", ":").strip() or "untitled"
    return f"{PARENT_DECK}::{flat}"


def note_guid(card_id: str) -> str:
    """The Anki GUID of a card's note: derived from the card id alone."""
    import genanki

    return genanki.guid_for(card_id)


def escape_text(text: str) -> str:
    """Plain text as Anki field HTML: escaped, with line breaks kept as `<br>`."""
    escaped = html.escape(text, quote=True)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def escape_cloze_text(text: str) -> str:
    """Field HTML in which no `{{c1::` can start and no `}}` or `::` end a deletion early."""
    return escape_text(text).replace("{", "&#123;").replace("}", "&#125;").replace(":", "&#58;")


def shuffled_options(card: Card) -> list[str]:
    """Answer and distractors in the study app's order (quizgen.cards.options).

    The order is fixed by the card id, so a re-import does not reshuffle what the
    learner saw, and it is the order the study app's choice mode shows.
    """
    return choice_order(card)


def options_html(card: Card) -> str:
    """The options as an ordered list; "" for a card without distractors."""
    options = shuffled_options(card)
    if not options:
        return ""
    return "<ol>" + "".join(f"<li>{escape_text(option)}</li>" for option in options) + "</ol>"


def source_html(card: Card) -> str:
    """The sentence or infobox line, then the article and section it comes from."""
    where = " — ".join(part for part in (card.source.title, card.source.section) if part)
    parts = []
    if card.source.text:
        parts.append(f'<div class="line">{escape_text(card.source.text)}</div>')
    if where:
        parts.append(f'<div class="where">{escape_text(where)}</div>')
    return "".join(parts)


def cloze_html(card: Card) -> str:
    """The cloze question with its blank as Anki's deletion: `... {{c1::16 March 1921::date}}`."""
    before, _, after = card.question.partition(BLANK)
    hint = PRECISION_HINTS.get(card.date.precision, "") if card.date is not None else ""
    deletion = escape_cloze_text(card.answer) + (f"::{hint}" if hint else "")
    return f"{escape_cloze_text(before)}{{{{c1::{deletion}}}}}{escape_cloze_text(after)}"


def note_fields(card: Card, note_type: NoteType) -> list[str]:
    """What a card shows in Anki, field by field of its note type, all text escaped."""
    values = {
        "Question": escape_text(card.question),
        "Answer": escape_text(card.answer),
        "Accepted": "; ".join(escape_text(alternative) for alternative in card.accepted),
        "Options": options_html(card),
        "Source": source_html(card),
    }
    if note_type.is_cloze:
        values["Text"] = cloze_html(card)
    return [values[name] for name in note_type.fields]


@dataclass(frozen=True)
class ExportedCard:
    """A card as the package writes it: its content, status and Anki schedule."""

    card: Card
    note_type: NoteType
    schedule: AnkiSchedule
    suspended: bool
    retired: bool


def exported_cards(
    rows: Iterable[tuple[dict[str, Any], Card]],
    *,
    mode: str,
    day: ExportDay | None,
) -> Iterator[ExportedCard]:
    """Rows (each with its card) as exported cards; `day` None leaves every card new (no
    scheduling carried)."""
    for position, (row, card) in enumerate(rows, start=1):
        retired = row.get("status") == "retired"
        suspended = bool(row.get("suspended")) or retired
        if day is None:
            schedule = new_schedule(position, suspended=suspended)
        else:
            state = SchedulingState.from_row(row)
            schedule = carried_schedule(state, day, position, suspended=suspended)
        yield ExportedCard(
            card=card,
            note_type=note_type_for(card, mode),
            schedule=schedule,
            suspended=bool(row.get("suspended")),
            retired=retired,
        )


@cache
def _package_classes() -> tuple[type, type, type]:
    """genanki's Card, Note and Package, taught to write quizgen's schedule and day.

    Defined on first use, like every genanki import here (see genanki_model).
    """
    import genanki

    class ScheduledCard(genanki.Card):
        def __init__(self, ord: int, schedule: AnkiSchedule) -> None:
            super().__init__(ord, suspend=schedule.queue < 0)
            self.schedule = schedule

        def write_to_db(self, cursor, timestamp, deck_id, note_id, id_gen, due=0) -> None:
            row = {"id": next(id_gen), "nid": note_id, "did": deck_id, "ord": self.ord}
            row.update(mod=int(timestamp), usn=-1, **self.schedule.as_row())
            insert_anki_card(cursor, row)

    class ScheduledNote(genanki.Note):
        def __init__(self, *, schedule: AnkiSchedule, **fields: Any) -> None:
            super().__init__(**fields)
            self.schedule = schedule

        @cached_property
        def cards(self) -> list[genanki.Card]:
            made = super().cards
            return [ScheduledCard(card.ord, self.schedule) for card in made]

    class DatedPackage(genanki.Package):
        def __init__(self, decks: list[genanki.Deck], creation: datetime) -> None:
            super().__init__(decks)
            self.creation = creation

        def write_to_db(self, cursor, timestamp, id_gen) -> None:
            super().write_to_db(cursor, timestamp, id_gen)
            set_anki_collection_start(cursor, int(self.creation.timestamp()))

    return ScheduledCard, ScheduledNote, DatedPackage


def card_note(exported: ExportedCard) -> genanki.Note:
    _, scheduled_note, _ = _package_classes()
    card = exported.card
    return scheduled_note(
        model=genanki_model(exported.note_type),
        fields=note_fields(card, exported.note_type),
        guid=note_guid(card.id),
        tags=note_tags(card, suspended=exported.suspended, retired=exported.retired),
        schedule=exported.schedule,
    )


def build_package(
    cards: Iterable[ExportedCard], *, creation: datetime
) -> tuple[genanki.Package, int]:
    """One Anki deck per quizgen deck, in a package; returns it and the note count."""
    import genanki

    _, _, dated_package = _package_classes()
    decks: dict[str, genanki.Deck] = {}
    count = 0
    for exported in cards:
        name = anki_deck_name(exported.card.deck)
        deck = decks.get(name)
        if deck is None:
            deck = decks[name] = genanki.Deck(stable_anki_id(f"deck\x1f{name}"), name)
        deck.add_note(card_note(exported))
        count += 1
    return dated_package(list(decks.values()), creation), count


def export_apkg(
    db: Database,
    *,
    deck: str | None = None,
    out: Path | None = None,
    on_damaged: DamagedCallback | None = None,
    mode: str = "typed",
    with_scheduling: bool = False,
    now: datetime | None = None,
) -> int:
    """Write the active and retired cards (of one deck, or all) as an Anki package to `out`.

    `mode` picks the note types (anki_note_types); `with_scheduling` carries each
    card's due date and interval; `now` (default: the clock) is the export's moment,
    which dates the package's collection and its notes. It goes through
    quizgen.export.output like every format: a regular file is written beside `out`
    and moved into place, so a failed export never leaves a half-written file where a
    good one was; the database itself is refused.
    """
    if out is None:
        raise ExportError("--format apkg needs --out FILE (an Anki package is a binary file)")
    mode = anki_mode(mode)
    moment = now if now is not None else utc_now()
    day = ExportDay(load_clock(db), moment)
    rows = selected_cards(db, deck, on_damaged, with_retired=True)
    cards = exported_cards(rows, mode=mode, day=day if with_scheduling else None)
    package, count = build_package(cards, creation=day.start)
    with open_binary_output(out, database=output_guard(db)) as handle:
        try:
            package.write_to_file(handle, timestamp=moment.timestamp())
        except Exception as error:  # genanki's scratch collection (SQLite) on a full disk
            if isinstance(error, OSError):
                raise
            raise OSError(errno.EIO, f"Anki package: {error}") from error
    return count
