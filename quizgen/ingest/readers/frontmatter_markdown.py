"""Format A: YAML front matter (title, shortDescription, infoboxes) then a Markdown body.

The front matter is split off by hand and loaded with PyYAML's safe loader (the C one
when available). Before loading, the YAML events are counted so a document built from
aliases ("billion laughs") is refused in bounded time and memory.

Leniency inside the front matter, decided once here: `infoboxes` may be a list of
mappings or a single mapping; an entry that is not a mapping, a field whose value is
neither text nor a mapping with a `text`, and a link without a `page` are skipped,
because one odd field should not cost the whole article. Only a front matter that is
not a mapping at all, or that is not valid YAML, is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from quizgen.core.models import Article, Infobox, InfoboxField
from quizgen.ingest.readers.common import ReaderError, SectionBuilder, make_field
from quizgen.ingest.textrepair import repair_text

FORMAT = "frontmatter-markdown"

MAX_YAML_ALIASES = 1000
"""More alias uses than this is an attack or an accident, never a real article."""
MAX_YAML_EXPANDED_NODES = 1_000_000
"""Nodes the front matter would hold with every alias expanded."""

_TAGS_READ_AS_TEXT = frozenset(
    {
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:timestamp",
    }
)


@cache
def _text_loader() -> type:
    """PyYAML's safe loader (the C one when available) where plain scalars stay text.

    YAML 1.1 reads `45:44` (an album's length) as the integer 2744, `no` as False
    and `1959-08-17` as a date object; an infobox value is text as written. Made on
    the first front matter read, not at import: PyYAML costs ~20 ms to import, and a
    folder of format B articles never needs it.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = type("TextLoader", (base,), {})
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _TAGS_READ_AS_TEXT]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    return loader


_FENCE_LINE = re.compile(r"^---[ \t]*$")
_END_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_IMAGE_LINE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")
_TABLE_LINE = re.compile(r"^\s*\|")
_RULE_LINE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_LIST_LINE = re.compile(r"^\s*(?:[*+\-•]|\d{1,3}[.)])\s+\S")
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
_JUNK_PAGES = frozenset({"", "undefined", "null", "none", "nan"})


def sniff(text: str) -> bool:
    """Format A opens with a `---` line."""
    first_line = text.lstrip("\n").split("\n", 1)[0]
    return bool(_FENCE_LINE.match(first_line))


def split_front_matter(text: str) -> tuple[str, str]:
    """The YAML between the opening `---` and the closing `---`/`...` line, and the body."""
    text = text.lstrip("\n")
    after_open = text.split("\n", 1)[1] if "\n" in text else ""
    end = _END_LINE.search(after_open)
    if end is None:
        raise ReaderError("front matter is not closed (no second '---' line)")
    return after_open[: end.start()], after_open[end.end() :].lstrip("\n")


def _check_alias_budget(front_matter: str) -> None:
    """Refuse YAML whose aliases are too many or would expand to too many nodes.

    Works on the event stream, which never expands an alias, so the check itself runs
    in time and memory proportional to the text. Each anchored node's expanded size is
    remembered so nested aliases ("billion laughs") are counted at their full size.
    """
    aliases = 0
    expanded = 0
    anchor_sizes: dict[str, int] = {}
    open_nodes: list[list] = []  # [anchor, expanded size so far] per open collection

    def add_to_total(size: int) -> None:
        nonlocal expanded
        expanded += size
        if expanded > MAX_YAML_EXPANDED_NODES:
            raise ReaderError("front matter YAML expands to too many nodes (alias bomb?)")

    def add(size: int) -> None:
        """A leaf (scalar, or alias at its expanded size) inside the open collection."""
        if open_nodes:
            open_nodes[-1][1] += size
        add_to_total(size)

    import yaml

    for event in yaml.parse(front_matter, Loader=_text_loader()):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_YAML_ALIASES:
                raise ReaderError(f"front matter uses more than {MAX_YAML_ALIASES} YAML aliases")
            add(anchor_sizes.get(event.anchor, 1))
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                anchor_sizes[event.anchor] = 1
            add(1)
        elif isinstance(event, yaml.CollectionStartEvent):
            open_nodes.append([event.anchor, 1])
        elif isinstance(event, yaml.CollectionEndEvent) and open_nodes:
            anchor, size = open_nodes.pop()
            if anchor:
                anchor_sizes[anchor] = size
            if open_nodes:  # the parent grows by this whole node; the total by its own node
                open_nodes[-1][1] += size
            add_to_total(1)


def load_front_matter(front_matter: str) -> dict:
    """Safely load the front matter; only a mapping (or nothing at all) is accepted."""
    import yaml

    try:
        _check_alias_budget(front_matter)
        data = yaml.load(front_matter, Loader=_text_loader())  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise ReaderError(f"broken YAML front matter{where}: {problem}") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReaderError("front matter is not a mapping")
    return data


def _as_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return None


def _link_pages(links: object) -> Iterator[str]:
    """Target page names worth keeping: not "undefined", not the page behind a flag icon."""
    if not isinstance(links, list):
        return
    for link in links:
        if not isinstance(link, dict):
            continue
        page = _as_text(link.get("page"))
        if page is None or link.get("type", "internal") != "internal":
            continue
        shown = _as_text(link.get("text"))
        if shown is not None and shown.strip() and not repair_text(shown):
            continue  # the link text was only a flag emoji
        page = repair_text(page)
        if page.casefold() not in _JUNK_PAGES:
            yield page


def _infobox_field(label: object, value: object) -> InfoboxField | None:
    if not isinstance(label, str | int):
        return None
    links: object = None
    if isinstance(value, dict):
        links = value.get("links")
        value = value.get("text")
    text = _as_text(value)
    if text is None:
        return None
    pages = tuple(dict.fromkeys(_link_pages(links)))
    return make_field(str(label), text, links=pages, commas=False)


def parse_infoboxes(raw: object) -> tuple[Infobox, ...]:
    entries = [raw] if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    infoboxes = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        fields = [_infobox_field(label, value) for label, value in entry.items()]
        kept = tuple(field for field in fields if field is not None)
        if kept:
            infoboxes.append(Infobox(fields=kept))
    return tuple(infoboxes)


def parse_body(body: str, title: str) -> tuple[str, SectionBuilder]:
    """Walk the Markdown body; returns the first `#` heading (a title fallback) and sections."""
    builder = SectionBuilder()
    first_h1 = ""
    in_code = False
    for line in body.split("\n"):
        if _CODE_FENCE.match(line):
            in_code = not in_code
            builder.end_paragraph()
            continue
        if in_code:
            continue
        heading = _HEADING.match(line)
        if heading:
            level, name = len(heading.group(1)), heading.group(2)
            if level == 1 and not first_h1:
                first_h1 = repair_text(name)
                if not title or first_h1 == title:
                    builder.end_paragraph()
                    continue
            builder.heading(level, name)
        elif not line.strip() or _IMAGE_LINE.match(line) or _RULE_LINE.match(line):
            builder.end_paragraph()
        elif _TABLE_LINE.match(line):
            builder.end_paragraph()
        elif _LIST_LINE.match(line):
            builder.end_paragraph()
            builder.add_line(line)
            builder.end_paragraph()
        else:
            builder.add_line(line)
    return first_h1, builder


def parse(text: str, source_path: str) -> Article:
    front_matter, body = split_front_matter(text)
    data = load_front_matter(front_matter)
    raw_title = _as_text(data.get("title"))
    title = repair_text(raw_title) if raw_title else ""
    first_h1, builder = parse_body(body, title)
    title = title or first_h1
    if not title:
        raise ReaderError("no title (front matter has no 'title' and the body no '# ' heading)")
    short = _as_text(data.get("shortDescription", data.get("short_description")))
    return Article(
        title=title,
        short_description=repair_text(short) if short else "",
        infoboxes=parse_infoboxes(data.get("infoboxes")),
        sections=builder.sections(),
        source_path=source_path,
        content_hash="",
        format=FORMAT,
    )
