"""Export to Anki: an `.apkg` package whose notes update in place on re-import.

Anki matches an imported note to an existing one by its GUID and by its note
type's id, so both are derived from stable names here, never drawn at random:
the GUID from the card id (which survives rewording and rebuilds, see
quizgen.core.identity), the note-type and deck ids from a hash of their names. A
learner who imports again after the seeds changed gets their notes updated, not
duplicated, and keeps their Anki review history.

Anki fields are HTML, so every piece of card text is escaped before it goes in:
a fact such as "<b>x</b> & y" must show as written, not turn bold.
"""

from __future__ import annotations

import errno
import hashlib
import html
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.cards.kinds import KINDS, kind_of
from quizgen.cards.options import choice_order
from quizgen.core.models import Card, CardKind
from quizgen.export.output import (
    DamagedCallback,
    ExportError,
    open_binary_output,
    output_guard,
    selected_rows,
)
from quizgen.store.cards import card_from_row

if TYPE_CHECKING:
    import genanki
    from sqlite_utils import Database

PARENT_DECK = "quizgen"
"""Every exported deck becomes a subdeck `quizgen::<deck>`, so ours stay together."""

FIELD_NAMES = ("Question", "Answer", "Accepted", "Options", "Source")
"""The fields of both note types, in order; renaming one breaks updates of old imports."""

NOTE_TYPE_NAMES: dict[str, str] = {spec.name: spec.anki_note_type for spec in KINDS}
"""One note type per card kind (quizgen.cards.kinds)."""

_FRONT = """<div class="question">{{Question}}</div>
{{#Options}}<div class="options">{{Options}}</div>{{/Options}}"""

_BACK = """{{FrontSide}}
<hr id="answer">
<div class="answer">{{Answer}}</div>
{{#Accepted}}<div class="accepted">Also accepted: {{Accepted}}</div>{{/Accepted}}
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}"""

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; }
.options ol { display: inline-block; text-align: left; }
.answer { font-weight: bold; }
.accepted { font-size: 16px; margin-top: 0.5em; }
.source { font-size: 14px; color: #666; margin-top: 1em; text-align: left; }
.source .where { font-style: italic; }"""

_ID_RANGE_START = 1 << 30
_ID_RANGE_SIZE = 1 << 30


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


@cache
def note_type(kind: CardKind) -> genanki.Model:
    """The note type of a card kind, its id fixed by its name.

    genanki is imported on first use: the `quiz` command imports every exporter
    to list the formats, and most runs never write a package.
    """
    import genanki

    name = kind_of(kind).anki_note_type
    return genanki.Model(
        model_id=stable_anki_id(f"note type\x1f{name}"),
        name=name,
        fields=[{"name": field_name} for field_name in FIELD_NAMES],
        templates=[{"name": "Recall", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
    )


def escape_text(text: str) -> str:
    """Plain text as Anki field HTML: escaped, with line breaks kept as `<br>`."""
    escaped = html.escape(text, quote=True)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def shuffled_options(card: Card) -> list[str]:
    """Answer and distractors in the study app's order (quizgen.cards.options).

    The order is fixed by the card id, so a re-import does not reshuffle what the
    learner saw, and it is the order the study app's choice mode shows.
    """
    return choice_order(card)


@dataclass(frozen=True)
class NoteFields:
    """The five field values of one note, already HTML."""

    question: str
    answer: str
    accepted: str
    options: str
    source: str

    def as_list(self) -> list[str]:
        return [self.question, self.answer, self.accepted, self.options, self.source]


def note_fields(card: Card) -> NoteFields:
    """What a card shows in Anki, every piece of text escaped."""
    options = shuffled_options(card)
    options_html = ""
    if options:
        items = "".join(f"<li>{escape_text(option)}</li>" for option in options)
        options_html = f"<ol>{items}</ol>"
    where = " — ".join(part for part in (card.source.title, card.source.section) if part)
    source_parts = []
    if card.source.text:
        source_parts.append(f'<div class="line">{escape_text(card.source.text)}</div>')
    if where:
        source_parts.append(f'<div class="where">{escape_text(where)}</div>')
    return NoteFields(
        question=escape_text(card.question),
        answer=escape_text(card.answer),
        accepted="; ".join(escape_text(alternative) for alternative in card.accepted),
        options=options_html,
        source="".join(source_parts),
    )


def card_note(card: Card) -> genanki.Note:
    import genanki

    return genanki.Note(
        model=note_type(card.kind),
        fields=note_fields(card).as_list(),
        guid=note_guid(card.id),
        tags=["quizgen", f"quizgen::{card.kind}"],
    )


def build_package(cards: Iterable[Card]) -> tuple[genanki.Package, int]:
    """One Anki deck per quizgen deck, in a package; returns it and the note count."""
    import genanki

    decks: dict[str, genanki.Deck] = {}
    count = 0
    for card in cards:
        name = anki_deck_name(card.deck)
        deck = decks.get(name)
        if deck is None:
            deck = decks[name] = genanki.Deck(stable_anki_id(f"deck\x1f{name}"), name)
        deck.add_note(card_note(card))
        count += 1
    return genanki.Package(list(decks.values())), count


def export_apkg(
    db: Database,
    *,
    deck: str | None = None,
    out: Path | None = None,
    on_damaged: DamagedCallback | None = None,
) -> int:
    """Write the active cards (of one deck, or all) as an Anki package to `out`.

    It goes through quizgen.export.output like every format: a regular file is
    written beside `out` and moved into place, so a failed export never leaves a
    half-written file where a good one was; the database itself is refused.
    """
    if out is None:
        raise ExportError("--format apkg needs --out FILE (an Anki package is a binary file)")
    rows: Iterable[dict[str, Any]] = selected_rows(db, deck, on_damaged)
    package, count = build_package(card_from_row(row) for row in rows)
    with open_binary_output(out, database=output_guard(db)) as handle:
        try:
            package.write_to_file(handle)
        except Exception as error:  # genanki's scratch collection (SQLite) on a full disk
            if isinstance(error, OSError):
                raise
            raise OSError(errno.EIO, f"Anki package: {error}") from error
    return count
