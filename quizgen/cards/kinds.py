"""The card kinds: for each, what the exporters, the build report and the study modes need.

A new kind is one entry here plus a phraser that makes its questions (and its
name in quizgen.core.models.CardKind); nothing downstream repeats kind names.
The order of KINDS is the order of the build report's columns.
"""

from __future__ import annotations

from dataclasses import dataclass

ANSWER_MODES = ("type", "choice", "flip")
"""Every answer mode of the study app (quizgen.study.settings offers these)."""


@dataclass(frozen=True)
class CardKindSpec:
    """What one card kind is, for everything after the build."""

    name: str
    """The `kind` column and the JSONL `kind` value."""
    label: str
    """The build report's column heading."""
    description: str
    """What a card of this kind asks, for people (README, help)."""
    anki_note_type: str
    """The Anki note type's name; its id is derived from it, so renaming breaks re-imports."""
    exports_date: bool = False
    """The card's date goes out with it (JSONL `date`, CSV `date_*` columns)."""
    study_modes: tuple[str, ...] = ANSWER_MODES
    """Answer modes the card can be studied in (choice still needs distractors)."""
    exports_timeline: bool = False
    """The card's events go out with it (JSONL `items` and `order`, CSV columns of the same
    names): see quizgen.core.timeline."""
    corpus_distractors: bool = True
    """The build chooses its wrong options from the whole corpus; False when the phraser's
    own options are the only right ones (the other event of "Which came first")."""


KINDS: tuple[CardKindSpec, ...] = (
    CardKindSpec(
        name="infobox",
        label="Infobox",
        description="an infobox fact",
        anki_note_type="quizgen infobox card",
    ),
    CardKindSpec(
        name="dated",
        label="Dated",
        description="a dated sentence",
        anki_note_type="quizgen dated card",
        exports_date=True,
    ),
    CardKindSpec(
        name="timeline",
        label="Timeline",
        description="the order of an article's (or a deck's) dated events",
        anki_note_type="quizgen timeline card",
        exports_timeline=True,
        corpus_distractors=False,
    ),
)

_BY_NAME = {spec.name: spec for spec in KINDS}


def kind_of(name: str) -> CardKindSpec:
    """The spec of a card kind; KeyError names the unknown kind (a bug, not bad input)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown card kind {name!r}; known: {', '.join(_BY_NAME)}") from None
