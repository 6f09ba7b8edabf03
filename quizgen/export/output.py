"""What every exporter shares: the cards to write, the one writer of the output, errors.

Every format writes through `open_output` (text) or `open_binary_output`, so these
rules hold for all of them:

- the output is never the database itself, nor its `-wal` / `-shm` files, however it
  is named (links resolved, hard links compared by inode): writing there would
  destroy what the export reads;
- a regular file (or a new one) is written beside its target and moved into place
  in one step, so a failed export (a full disk) leaves the previous file as it was;
  a symbolic link is followed and its target replaced that way, the link kept;
- anything else (a FIFO, a terminal, `/dev/full`) is written through, never
  replaced by a regular file; a directory is refused;
- any failure is one ExportError line naming the file.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from quizgen.core.errors import QuizgenError
from quizgen.store import database_file
from quizgen.store.articles import deck_exists
from quizgen.store.cards import (
    DamagedCardError,
    active_and_retired_card_rows,
    active_card_rows,
    card_from_row,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from quizgen.core.models import Card

DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")
"""Suffixes of the files SQLite keeps for one database; an export may overwrite none."""


class ExportError(QuizgenError):
    """The export cannot be made (unknown deck, unwritable file)."""


DamagedCallback = Callable[[str], None]
"""on_damaged(line): told, in one line naming it, of each card skipped as unreadable."""


def selected_cards(
    db: Database,
    deck: str | None,
    on_damaged: DamagedCallback | None = None,
    *,
    with_retired: bool = False,
) -> Iterator[tuple[dict[str, Any], Card]]:
    """Active cards (and retired ones with `with_retired`), optionally of one deck, in a
    stable order: each row with its Card, read from the row once.

    An unknown deck raises ExportError here, before any output file is opened. A card
    whose stored fields cannot be read (a corrupt JSON list) is skipped and reported
    to `on_damaged`; the others are still exported. (Telling a damaged card apart used
    to read every card a second time, a quarter of a 100,000-card export.)
    """
    if deck is not None and not deck_exists(db, deck):
        raise ExportError(f"no deck named {deck!r}")
    rows = active_and_retired_card_rows(db, deck) if with_retired else active_card_rows(db, deck)
    return _readable(rows, on_damaged)


def _readable(
    rows: Iterator[dict[str, Any]], on_damaged: DamagedCallback | None
) -> Iterator[tuple[dict[str, Any], Card]]:
    for row in rows:
        try:
            card = card_from_row(row)
        except DamagedCardError as error:
            if on_damaged is not None:
                on_damaged(f"{error}; skipped")
            continue
        yield row, card


def refuse_database_paths(out: Path, database: Path | None) -> None:
    """ExportError when `out` names the database or one of its companion files."""
    if database is None:
        return
    target = os.path.realpath(out)
    real_database = os.path.realpath(database)
    for suffix in DATABASE_COMPANIONS:
        companion = real_database + suffix
        same = target == companion
        if not same and os.path.exists(target) and os.path.exists(companion):
            same = os.path.samefile(target, companion)
        if same:
            raise ExportError(f"{out}: is the database itself; refusing to overwrite it")


def _failure(out: Path, error: OSError, *, kept: bool) -> ExportError:
    reason = error.strerror or str(error) or type(error).__name__
    tail = "; the previous file is unchanged" if kept else ""
    return ExportError(f"{out}: cannot write ({reason}){tail}")


@contextmanager
def open_binary_output(out: Path, *, database: Path | None = None) -> Iterator[IO[bytes]]:
    """`out` opened for bytes by the rules of this module's docstring."""
    refuse_database_paths(out, database)
    target = Path(os.path.realpath(out))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _failure(out, error, kept=False) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise ExportError(f"{out}: is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        yield from _written_through(out, target)
        return
    yield from _written_beside(out, target, mode)


def _written_through(out: Path, target: Path) -> Iterator[IO[bytes]]:
    """A FIFO or a device: opened and written as it is, never replaced."""
    try:
        handle = target.open("wb")
    except OSError as error:
        raise _failure(out, error, kept=False) from None
    try:
        with handle:
            yield handle
    except OSError as error:
        raise _failure(out, error, kept=False) from None


def _written_beside(out: Path, target: Path, mode: int | None) -> Iterator[IO[bytes]]:
    """A regular file: a temporary file beside it, moved over it once complete."""
    existed = mode is not None
    try:
        descriptor, partial_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
    except OSError as error:
        raise _failure(out, error, kept=existed) from None
    partial = Path(partial_name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(partial, stat.S_IMODE(mode) if existed else _default_mode())
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _failure(out, error, kept=existed) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    """The mode `open(path, "w")` would give a new file (0666 less the umask)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def open_output(
    out: Path | None, *, newline: str | None = None, database: Path | None = None
) -> Iterator[IO[str]]:
    """`out` opened for UTF-8 text (stdout when None), by the rules of this module."""
    if out is None:
        yield sys.stdout
        return
    with open_binary_output(out, database=database) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        yield text
        text.flush()
        text.detach()  # the binary handle is closed (and moved into place) by its owner


def output_guard(db: Database) -> Path | None:
    """The database file an export of `db` must never overwrite (None: in memory)."""
    return database_file(db)
