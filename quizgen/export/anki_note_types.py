"""The Anki note types of an export, one per way of asking, and which one a card gets.

An Anki user expects the note types Anki itself ships: Basic (question, then the
answer), Basic (type in the answer) and Cloze, whose `{{c1::...}}` deletions Anki's
own cloze tools edit. Multiple choice is a note type of its own, so the options show
on those cards only. Which note type a card gets follows the answer mode the learner
studies with (`ANKI_MODES`):

- typed: Basic (type in the answer); a cloze card, Cloze (type in the answer);
- flip: Basic; a cloze card, Cloze;
- choice: Multiple choice; a card without options falls back to the typed one.

The ids are constants: Anki matches a re-imported note type by its id, so changing
one (or a field's name) would make the next import add a second note type instead of
updating the notes. They lie in genanki's recommended range [2^30, 2^31).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from quizgen.core.models import Card

if TYPE_CHECKING:
    import genanki

BLANK = "____"
"""The blank of a quizgen cloze question (quizgen.phrasing.dated_questions writes it)."""

ANKI_MODES = ("typed", "choice", "flip")
"""`quiz export --mode`: the study app's answer modes, as the Anki note types ask."""

STUDY_MODE_ALIASES = {"type": "typed", "auto": "choice"}
"""The study app's name (`answer_mode` setting, `quiz study --mode`) of an Anki mode.

`auto` asks a new card as multiple choice when it has options, and every card reaches
Anki new to Anki's scheduler's eyes; Anki cannot change a note's type as its memory
grows, so auto exports as choice (a card without options gets the typed note type)."""


def anki_mode(answer_mode: str) -> str:
    """The Anki mode of a study answer mode (`type` -> `typed`); an Anki mode is itself."""
    mode = STUDY_MODE_ALIASES.get(answer_mode, answer_mode)
    if mode not in ANKI_MODES:
        raise ValueError(f"unknown answer mode {answer_mode!r}; known: {', '.join(ANKI_MODES)}")
    return mode


@dataclass(frozen=True)
class NoteType:
    """One Anki note type: its constant id, name, fields and its one card template."""

    id: int
    name: str
    fields: tuple[str, ...]
    front: str
    back: str
    is_cloze: bool = False


_ACCEPTED_AND_SOURCE = """{{#Accepted}}
<div class="accepted">Also accepted: {{Accepted}}</div>
{{/Accepted}}
{{#Source}}<div class="source">{{Source}}</div>{{/Source}}"""

_QUESTION = '<div class="question">{{Question}}</div>'

BASIC = NoteType(
    id=1229211679,
    name="quizgen Basic",
    fields=("Question", "Answer", "Accepted", "Source"),
    front=_QUESTION,
    back=f"""{{{{FrontSide}}}}
<hr id="answer">
<div class="answer">{{{{Answer}}}}</div>
{_ACCEPTED_AND_SOURCE}""",
)

BASIC_TYPED = NoteType(
    id=1136590927,
    name="quizgen Basic (type in the answer)",
    fields=("Question", "Answer", "Accepted", "Source"),
    front=f"""{_QUESTION}
{{{{type:Answer}}}}""",
    back=f"""{_QUESTION}
<hr id="answer">
{{{{type:Answer}}}}
{_ACCEPTED_AND_SOURCE}""",
)

CLOZE = NoteType(
    id=1775907697,
    name="quizgen Cloze",
    fields=("Text", "Accepted", "Source"),
    front='<div class="question">{{cloze:Text}}</div>',
    back=f"""<div class="question">{{{{cloze:Text}}}}</div>
{_ACCEPTED_AND_SOURCE}""",
    is_cloze=True,
)

CLOZE_TYPED = NoteType(
    id=1654312296,
    name="quizgen Cloze (type in the answer)",
    fields=("Text", "Accepted", "Source"),
    front="""<div class="question">{{cloze:Text}}</div>
{{type:cloze:Text}}""",
    back=f"""<div class="question">{{{{cloze:Text}}}}</div>
{{{{type:cloze:Text}}}}
{_ACCEPTED_AND_SOURCE}""",
    is_cloze=True,
)

MULTIPLE_CHOICE = NoteType(
    id=1526505993,
    name="quizgen Multiple choice",
    fields=("Question", "Options", "Answer", "Accepted", "Source"),
    front=f"""{_QUESTION}
<div class="options">{{{{Options}}}}</div>""",
    back=f"""{{{{FrontSide}}}}
<hr id="answer">
<div class="answer">{{{{Answer}}}}</div>
{_ACCEPTED_AND_SOURCE}""",
)

NOTE_TYPES = (BASIC, BASIC_TYPED, CLOZE, CLOZE_TYPED, MULTIPLE_CHOICE)

_CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: center; }
.options ol { display: inline-block; text-align: left; }
.answer { font-weight: bold; }
.cloze { font-weight: bold; color: #1a5fb4; }
.accepted { font-size: 16px; margin-top: 0.5em; }
.source { font-size: 14px; color: #666; margin-top: 1em; text-align: left; }
.source .where { font-style: italic; }"""


def is_cloze(card: Card) -> bool:
    """A cloze card: its question is a sentence with exactly one blank where the date was."""
    return card.question.count(BLANK) == 1


def note_type_for(card: Card, mode: str) -> NoteType:
    """The note type a card is exported as in `mode` (one of ANKI_MODES)."""
    if mode == "choice" and card.distractors:
        return MULTIPLE_CHOICE
    if mode == "flip":
        return CLOZE if is_cloze(card) else BASIC
    return CLOZE_TYPED if is_cloze(card) else BASIC_TYPED


@cache
def genanki_model(note_type: NoteType) -> genanki.Model:
    """The genanki model of a note type.

    genanki is imported on first use: the `quiz` command imports every exporter to
    list the formats, and most runs never write a package.
    """
    import genanki

    return genanki.Model(
        model_id=note_type.id,
        name=note_type.name,
        fields=[{"name": field_name} for field_name in note_type.fields],
        templates=[{"name": "Card 1", "qfmt": note_type.front, "afmt": note_type.back}],
        css=_CSS,
        model_type=genanki.Model.CLOZE if note_type.is_cloze else genanki.Model.FRONT_BACK,
    )
