"""What every exporter shares: the cards to write, the one way to open the output, errors.

Every format writes through `open_output`, so stdout, an unwritable path and
the message for it are the same for all of them; the Anki package, a binary
file, goes through `replace_atomically` so a failed export never leaves a
half-written file where a good one was.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from quizgen.core.errors import QuizgenError
from quizgen.store.articles import deck_exists
from quizgen.store.cards import active_card_rows

if TYPE_CHECKING:
    from sqlite_utils import Database


class ExportError(QuizgenError):
    """The export cannot be made (unknown deck, unwritable file)."""


def selected_rows(db: Database, deck: str | None) -> Iterator[dict[str, Any]]:
    """Active cards, optionally of one deck, in a stable order.

    An unknown deck raises ExportError here, before any output file is opened.
    """
    if deck is not None and not deck_exists(db, deck):
        raise ExportError(f"no deck named {deck!r}")
    return active_card_rows(db, deck)


@contextmanager
def open_output(out: Path | None, *, newline: str | None = None) -> Iterator[IO[str]]:
    """`out` opened for UTF-8 text, or stdout when None; ExportError if it cannot be written."""
    if out is None:
        yield sys.stdout
        return
    try:
        handle = out.open("w", encoding="utf-8", newline=newline)
    except OSError as error:
        raise ExportError(f"{out}: cannot write ({error.strerror or error})") from None
    with handle:
        yield handle


def replace_atomically(out: Path, write: Callable[[Path], None]) -> None:
    """Have `write` fill a file beside `out`, then move it into place in one step."""
    partial = out.with_name(out.name + ".partial")
    try:
        write(partial)
        os.replace(partial, out)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExportError(f"{out}: cannot write ({error.strerror or error})") from None
