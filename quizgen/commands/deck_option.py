"""The `--deck` option of the commands that read one deck: a name resolved, or one line.

`quiz study`, `quiz history`, `quiz cards` and `quiz suspended` take any case, `-` for
`–` and an unambiguous prefix; a name no deck answers to (or several do) is a usage
error, exit 2, with the candidates in its message.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

UNKNOWN_DECK_EXIT = 2


def resolve_deck_option(db: Database, wanted: str | None, command: str) -> tuple[str | None, int]:
    """(the deck `wanted` names, 0), (None, 0) without `--deck`, or (None, 2) once the
    reason is printed as `quiz COMMAND: ...`."""
    if wanted is None:
        return None, 0
    from quizgen.store.articles import deck_names
    from quizgen.study.deck_names import DeckNameError, resolve_deck

    try:
        return resolve_deck(wanted, deck_names(db)), 0
    except DeckNameError as error:
        print(f"quiz {command}: {error}", file=sys.stderr)
        return None, UNKNOWN_DECK_EXIT
