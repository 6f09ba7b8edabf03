"""Deck definitions: which articles study together.

By default every article is its own deck, named by its title. A YAML file in the
decks folder may gather several seeds into one named deck:

    name: Caucasus 1918–1920
    articles:              # any mix of file globs (relative to the YAML file's
      - ../seeds/000_*.txt # folder, or absolute) and article titles
      - Zangezur Expedition

An article named by several definitions joins the first one (files sorted by name).
"""

from __future__ import annotations

import fnmatch
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from quizgen.core.errors import QuizgenError
from quizgen.core.identity import normalize_key


class DeckDefinitionError(QuizgenError):
    """A deck file cannot be used; the message names the file and why."""


@dataclass(frozen=True)
class DeckDefinition:
    name: str
    path_patterns: tuple[str, ...]
    titles: frozenset[str]
    source: Path

    def includes(self, article_path: str, article_title: str) -> bool:
        if normalize_key(article_title) in self.titles:
            return True
        resolved = str(Path(article_path).resolve())
        return any(fnmatch.fnmatch(resolved, pattern) for pattern in self.path_patterns)


def load_deck_file(path: Path) -> DeckDefinition:
    import yaml  # here, not at the top: a folder without deck files never needs it

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DeckDefinitionError(f"{path}: cannot read ({error})") from None
    except yaml.YAMLError as error:
        reason = str(error).splitlines()[0]
        raise DeckDefinitionError(f"{path}: invalid YAML ({reason})") from None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise DeckDefinitionError(f"{path}: a deck file needs a `name` and an `articles` list")
    entries = data.get("articles")
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise DeckDefinitionError(f"{path}: `articles` must be a list of paths or titles")
    patterns: list[str] = []
    titles: set[str] = set()
    for entry in entries:
        if any(char in entry for char in "*?[") or entry.endswith((".txt", ".md")) or "/" in entry:
            patterns.append(
                str((path.parent / entry).resolve()) if not Path(entry).is_absolute() else entry
            )
        else:
            titles.add(normalize_key(entry))
    name = data["name"].strip()
    if not name or any(unicodedata.category(char) in ("Cc", "Cs") for char in name):
        raise DeckDefinitionError(
            f"{path}: the deck `name` must be text without control characters"
        )
    return DeckDefinition(name, tuple(patterns), frozenset(titles), path)


def load_deck_definitions(folder: Path | None) -> tuple[list[DeckDefinition], list[str]]:
    """Every deck file in `folder` (*.yaml, *.yml), and one error line per bad file."""
    if folder is None or not folder.is_dir():
        return [], []
    definitions: list[DeckDefinition] = []
    errors: list[str] = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            definitions.append(load_deck_file(path))
        except DeckDefinitionError as error:
            errors.append(str(error))
    return definitions, errors


def deck_for(article_path: str, article_title: str, definitions: list[DeckDefinition]) -> str:
    """The deck an article's cards go to: a named deck that claims it, else its title."""
    for definition in definitions:
        if definition.includes(article_path, article_title):
            return definition.name
    return article_title
