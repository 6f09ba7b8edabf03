"""Exports opened by Anki's own library (the `anki` package): what a learner's Anki sees.

A fresh collection is made in a temporary folder and the `.apkg` imported with
Anki's current importer (the one behind File → Import), or the CSV with its text
importer, so note types, cloze cards, queues, due days and updates on re-import
are Anki's reading of the file, not ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition, ImportCsvRequest

ALWAYS = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS
IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER


def new_collection(folder: Path) -> Collection:
    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))


def import_apkg(collection: Collection, package: Path, *, with_scheduling: bool = True):
    """Import as Anki's import screen does by default (update notes when newer), with or
    without "Import any learning progress"; returns Anki's import log."""
    options = ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=IF_NEWER,
        update_notetypes=IF_NEWER,
        with_scheduling=with_scheduling,
        with_deck_configs=False,
    )
    request = ImportAnkiPackageRequest(package_path=str(package), options=options)
    return collection.import_anki_package(request).log


def import_csv(collection: Collection, path: Path, front: str, back: str, columns: list[str]):
    """Import a CSV into Anki's Basic note type, Front and Back from the named columns; the rest
    (separator, HTML, GUID and tags columns) as the file's header lines tell Anki."""
    metadata = collection.get_csv_metadata(path=str(path), delimiter=None)
    metadata.global_notetype.id = collection.models.id_for_name("Basic")
    metadata.global_notetype.field_columns[:] = [
        columns.index(front) + 1,
        columns.index(back) + 1,
    ]
    return metadata, collection.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


@dataclass(frozen=True)
class AnkiCard:
    """One imported card as Anki holds it, with its note."""

    guid: str
    note_type: str
    fields: dict[str, str]
    tags: frozenset[str]
    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    question_html: str
    answer_html: str


def cards_by_guid(collection: Collection) -> dict[str, list[AnkiCard]]:
    """Every card of the collection, grouped by its note's GUID."""
    found: dict[str, list[AnkiCard]] = {}
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        note = card.note()
        found.setdefault(note.guid, []).append(
            AnkiCard(
                guid=note.guid,
                note_type=note.note_type()["name"],
                fields=dict(note.items()),
                tags=frozenset(note.tags),
                type=card.type,
                queue=card.queue,
                due=card.due,
                ivl=card.ivl,
                factor=card.factor,
                reps=card.reps,
                lapses=card.lapses,
                question_html=card.question(),
                answer_html=card.answer(),
            )
        )
    return found
