"""The domain objects that flow from a seed file to a stored card.

Every object here is a frozen dataclass: readers produce them, extractors and
phrasers consume them, and nothing downstream may mutate what a reader saw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]
CardKind = Literal["infobox", "dated", "timeline"]
AnswerType = Literal["date", "number", "name", "text"]


@dataclass(frozen=True)
class InfoboxField:
    """One line of an infobox, already repaired.

    `key` is the normalized field name (lower case, no spaces: `combatant1`,
    `birth_date`) so both seed formats meet on the same vocabulary; `label` is
    the name as written. `items` are the clean values the field lists, in order;
    `text` is the whole repaired value, kept as the card's source line.
    """

    key: str
    label: str
    items: tuple[str, ...]
    links: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Infobox:
    """An ordered set of fields; an article may carry several infoboxes."""

    fields: tuple[InfoboxField, ...]

    def get(self, key: str) -> InfoboxField | None:
        """The field with this normalized key, or None."""
        for infobox_field in self.fields:
            if infobox_field.key == key:
                return infobox_field
        return None

    def keys(self) -> list[str]:
        return [infobox_field.key for infobox_field in self.fields]


@dataclass(frozen=True)
class Section:
    """A run of prose under one heading path (`()` is the lead, before any heading)."""

    path: tuple[str, ...]
    paragraphs: tuple[str, ...]

    @property
    def heading(self) -> str:
        """The innermost heading, or "" for the lead."""
        return self.path[-1] if self.path else ""


@dataclass(frozen=True)
class Article:
    """What a reader makes of one seed file, whatever its format."""

    title: str
    short_description: str
    infoboxes: tuple[Infobox, ...]
    sections: tuple[Section, ...]
    source_path: str
    content_hash: str
    format: str

    def field(self, key: str) -> InfoboxField | None:
        """The first field with this key in any of the article's infoboxes."""
        for infobox in self.infoboxes:
            found = infobox.get(key)
            if found is not None:
                return found
        return None


@dataclass(frozen=True)
class DateValue:
    """A normalized date with the precision it was stated at.

    `start` and `end` are equal unless the text gave a range. Month precision
    uses the first of the month, year precision the first of January, so two
    values compare by what was actually said. `qualifier` keeps words such as
    "mid", "early", "late", "circa" that the text attached to the date.
    """

    start: date
    end: date
    precision: Precision
    qualifier: str | None = None

    @property
    def is_range(self) -> bool:
        return self.start != self.end


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence: where it is and what it means.

    `span` are character offsets into the sentence the mention was found in.
    `old_style` is the Julian (O.S.) reading when the text gave both, accepted
    as an alternative answer while `value` (New Style) is the expected one.
    `year_inferred` says the year came from context rather than the text.
    """

    span: tuple[int, int]
    text: str
    value: DateValue
    old_style: DateValue | None = None
    year_inferred: bool = False


@dataclass(frozen=True)
class InfoboxFact:
    """An infobox line as a fact about the article's subject."""

    subject: str
    field: InfoboxField
    infobox_index: int = 0


@dataclass(frozen=True)
class DatedSentence:
    """A sentence that states when something happened."""

    subject: str
    section: Section
    sentence: str
    dates: tuple[DateMention, ...]
    previous_sentence: str = ""


@dataclass(frozen=True)
class CardSource:
    """Where a card's fact comes from, shown after answering."""

    path: str
    title: str
    section: str
    text: str


@dataclass(frozen=True)
class Card:
    """A question card, ready to be stored and studied.

    `fact_key` identifies the fact within its article (field or event, never the
    wording), and `id` is derived from article identity + fact key, so rewording
    a question or moving a file keeps the card and its history.
    """

    id: str
    deck: str
    kind: CardKind
    question: str
    answer: str
    fact_key: str
    source: CardSource
    accepted: tuple[str, ...] = ()
    distractors: tuple[str, ...] = ()
    date: DateValue | None = None
    answer_type: AnswerType = "text"
    any_of: bool = False
    """True when the question asks for one of several items, any of which is right."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    """Room for phrasing details (context notes, reverse flag) not worth a column."""


@dataclass(frozen=True)
class Question:
    """A phrased question about one fact, before it becomes a stored card.

    Phrasers (infobox and dated-sentence) make these; the builder gives them an
    id, a deck, a source and distractors. `fact_key` names the fact inside its
    article (`infobox:commander2`, `dated:<event text>`), never the wording, so
    rephrasing keeps the card's identity. `distractor_pool` says which family of
    answers wrong options may be drawn from ("person", "place", "date"...).
    """

    kind: CardKind
    fact_key: str
    question: str
    answer: str
    accepted: tuple[str, ...] = ()
    answer_type: AnswerType = "text"
    date: DateValue | None = None
    any_of: bool = False
    source_section: str = ""
    source_text: str = ""
    distractor_pool: str = ""
    distractors: tuple[str, ...] = ()
    """Wrong options the phraser already knows (other sides' commanders...); the builder tops up."""
    importance: float = 0.5
    """How much a learner wants this fact, 0 to 1: a core infobox field (born, capital,
    director) or an event of the lead section ranks above a late section's detail. The
    build fills each article's card budget in this order."""
    doubts: tuple[str, ...] = ()
    """Why the phraser is unsure of this question ("year inferred from the heading"...):
    each doubt lowers the card's quality score, and the report shows them."""
    extra: dict = field(default_factory=dict, compare=False, hash=False)
