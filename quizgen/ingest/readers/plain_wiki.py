"""Format B: plain text with wiki-style headings.

    = Title =
    Infobox
    - Key: value, value
    (blank line)
    Prose paragraphs...
    == Section ==
    === Subsection ===

An `Infobox` line opens a block of `- Key: value` lines that ends at a blank line; a
line in the block that is not `- Key:` continues the value before it. Values are comma
lists (see `split_items`). A file may hold several infobox blocks.
"""

from __future__ import annotations

import re

from quizgen.core.models import Article, Infobox, InfoboxField
from quizgen.ingest.readers.common import ReaderError, SectionBuilder, field_key, make_field
from quizgen.ingest.textrepair import repair_text

FORMAT = "plain-wiki"

_TITLE = re.compile(r"^=[ \t]*([^=].*?)[ \t]*=[ \t]*$")
_HEADING = re.compile(r"^(={2,6})[ \t]*(.+?)[ \t]*\1[ \t]*$")
_INFOBOX_START = re.compile(r"^[ \t]*\{{0,2}[ \t]*Infobox\b.*$", re.IGNORECASE)
_INFOBOX_LINE = re.compile(r"^[ \t]*[-*|][ \t]*([^:=\n]{1,80}?)[ \t]*[:=][ \t]*(.*)$")
# Fields that hold one value whose own commas are part of it ("London, England",
# "Redmond, Washington", "King, Countess of Lovelace"): never split on commas.
_SINGLE_VALUE_KEY = re.compile(
    r"(?:^|_)(?:place|location|headquarters|hq|name|title|seat|address|venue|coordinates)$"
)
_LIST_LINE = re.compile(r"^\s*(?:[*+\-•#]|\d{1,3}[.)])\s+\S")


def sniff(text: str) -> bool:
    """Format B opens with a `= Title =` line (one equals sign each side)."""
    first_line = text.lstrip().split("\n", 1)[0]
    return bool(_TITLE.match(first_line))


def _flush_infobox(rows: list[tuple[str, str]], infoboxes: list[Infobox]) -> None:
    fields: list[InfoboxField] = []
    for label, value in rows:
        commas = not _SINGLE_VALUE_KEY.search(field_key(label))
        built = make_field(label, value, commas=commas)
        if built is not None:
            fields.append(built)
    if fields:
        infoboxes.append(Infobox(fields=tuple(fields)))
    rows.clear()


def parse(text: str, source_path: str) -> Article:
    lines = text.lstrip().split("\n")
    title_match = _TITLE.match(lines[0])
    if title_match is None:
        raise ReaderError("no '= Title =' line")
    title = repair_text(title_match.group(1))
    if not title:
        raise ReaderError("title line is empty after repair")
    builder = SectionBuilder()
    infoboxes: list[Infobox] = []
    rows: list[tuple[str, str]] | None = None  # open infobox block, if any
    for line in lines[1:]:
        if rows is not None:
            row = _INFOBOX_LINE.match(line)
            if row:
                rows.append((row.group(1), row.group(2)))
                continue
            if line.strip() and rows and not _HEADING.match(line):
                label, value = rows[-1]
                rows[-1] = (label, value + "\n" + line)
                continue
            _flush_infobox(rows, infoboxes)
            rows = None
            if not line.strip():
                continue
        if _INFOBOX_START.match(line):
            builder.end_paragraph()
            rows = []
            continue
        heading = _HEADING.match(line)
        if heading:
            builder.heading(len(heading.group(1)) - 1, heading.group(2))
        elif not line.strip():
            builder.end_paragraph()
        elif _LIST_LINE.match(line):
            builder.end_paragraph()
            builder.add_line(line)
            builder.end_paragraph()
        else:
            builder.add_line(line)
    if rows is not None:
        _flush_infobox(rows, infoboxes)
    return Article(
        title=title,
        short_description="",
        infoboxes=tuple(infoboxes),
        sections=builder.sections(),
        source_path=source_path,
        content_hash="",
        format=FORMAT,
    )
