"""What every seed format shares: the reader error, field keys, and building sections.

Format modules turn their own syntax into headings, paragraphs and infobox lines and
hand them to the helpers here, so both formats meet on the same `Article` shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizgen.core.errors import QuizgenError
from quizgen.core.models import InfoboxField, Section
from quizgen.ingest.textrepair import repair_text, split_items


class ReaderError(QuizgenError):
    """A seed file that cannot be read as an article; str(err) is a one-line reason.

    `content_hash` is the sha256 of the bytes found unreadable, when the reason lies in
    them (not in the file system or the machine's memory): the same bytes give the same
    reason, so a rebuild can say it again without reading them."""

    content_hash: str = ""


# Sections that hold lists of citations and links, not prose worth asking about.
NON_PROSE_HEADINGS = frozenset(
    {
        "external links",
        "references",
        "see also",
        "notes",
        "further reading",
        "bibliography",
        "sources",
        "citations",
        "footnotes",
        "notes and references",
        "references and notes",
        "explanatory notes",
        "works cited",
        "literature",
        "gallery",
        "discography",
        "filmography",
    }
)

_KEY_SEPARATORS = re.compile(r"[\W_]+")

MAX_FIELD_CHARS = 5_000
"""The longest infobox value (or label) read; real ones are a few hundred characters."""

MAX_PARAGRAPH_CHARS = 50_000
"""The longest paragraph read; a longer one (no real article has it) is dropped whole."""


def field_key(label: str) -> str:
    """Normalize a label as written ("Birth date", "Combatant1") to lower snake case."""
    return _KEY_SEPARATORS.sub("_", label.casefold()).strip("_")


def make_field(
    label: str, value: str, *, links: Iterable[str] = (), commas: bool
) -> InfoboxField | None:
    """One infobox field from a raw label and value, or None if nothing is left after repair.

    A value longer than MAX_FIELD_CHARS is dropped, not cut: no fact a card asks is that
    long, and a cut value would be a wrong answer.
    """
    if len(value) > MAX_FIELD_CHARS or len(label) > MAX_FIELD_CHARS:
        return None
    key = field_key(label)
    items = tuple(split_items(value, commas=commas))
    if not key or not items:
        return None
    lines = [repair_text(line) for line in value.splitlines()]
    text = "; ".join(line for line in lines if line)
    return InfoboxField(
        key=key, label=label.strip(), items=items, links=tuple(links), text=text or items[0]
    )


class SectionBuilder:
    """Collects paragraphs under a heading path as a reader walks a body line by line.

    Heading levels may skip ("##" then "####"): a heading replaces every open heading at
    its level or deeper, so paths always nest the way the document reads. Sections under a
    non-prose heading (References, External links...) are skipped with their subsections,
    and sections left without paragraphs are dropped.
    """

    def __init__(self) -> None:
        self._sections: list[Section] = []
        self._open: list[tuple[int, str]] = []
        self._paragraphs: list[str] = []
        self._lines: list[str] = []

    @property
    def _path(self) -> tuple[str, ...]:
        return tuple(heading for _, heading in self._open)

    def _skipping(self) -> bool:
        return any(heading.casefold() in NON_PROSE_HEADINGS for _, heading in self._open)

    def add_line(self, line: str) -> None:
        """A line of prose; consecutive lines form one paragraph."""
        self._lines.append(line)

    def end_paragraph(self) -> None:
        if self._lines:
            lines, self._lines = self._lines, []
            if sum(len(line) for line in lines) > MAX_PARAGRAPH_CHARS:
                return
            paragraph = repair_text("\n".join(lines))
            if paragraph and not self._skipping():
                self._paragraphs.append(paragraph)

    def heading(self, level: int, raw_heading: str) -> None:
        self._close_section()
        heading = repair_text(raw_heading) or raw_heading.strip()
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        self._open.append((level, heading))

    def _close_section(self) -> None:
        self.end_paragraph()
        if self._paragraphs:
            self._sections.append(Section(path=self._path, paragraphs=tuple(self._paragraphs)))
        self._paragraphs = []

    def sections(self) -> tuple[Section, ...]:
        self._close_section()
        return tuple(self._sections)
