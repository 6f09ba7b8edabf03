"""Reference tables derived once from a big data file and kept in the user's cache directory.

GeoNames ships its cities as a 16.7 MB JSON file carrying every alternate name;
parsing it and indexing the names cost 0.5-0.9 s in every process that asks about
one city (each build, each worker). The few fields the options use, with their
indexes, fit in a ~2 MB `marshal` file that loads in tens of milliseconds.

The file's name carries a fingerprint of everything the table is made from: the
Python version (marshal's format, the Unicode tables behind text normalization),
and each input file, by its bytes when small (the code that derives the table)
or by its size and modification time when big (the data file). Change any of them
and the table is derived afresh; an unreadable, corrupt or unwritable cache only
costs the derivation. `QUIZ_CACHE_DIR` moves the cache (default: the user cache
directory, `~/.cache/quizgen/` on Linux).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

STALE_AFTER_S = 24 * 3600
"""A table derived from other inputs is deleted once it has not been written for this long."""

HASHED_UP_TO_BYTES = 1 << 20
"""Inputs up to this size are fingerprinted by their bytes, bigger ones by size and mtime."""


def cache_dir() -> Path:
    """`QUIZ_CACHE_DIR` if set, else quizgen's directory in the user cache directory."""
    configured = os.environ.get("QUIZ_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("quizgen", appauthor=False))


def fingerprint(inputs: Sequence[Path]) -> str:
    """What a table derived from `inputs` depends on, as 16 hex digits."""
    digest = hashlib.sha256(sys.version.encode())
    for path in inputs:
        stat = path.stat()
        digest.update(f"\0{path}\0{stat.st_size}\0".encode())
        if stat.st_size <= HASHED_UP_TO_BYTES:
            digest.update(path.read_bytes())
        else:
            digest.update(str(stat.st_mtime_ns).encode())
    return digest.hexdigest()[:16]


def load_derived(name: str, inputs: Sequence[Path], derive: Callable[[], T]) -> T:
    """The table `derive()` makes from `inputs`: from the cache when it was made from
    these very inputs, else derived now and cached for the next process.

    The value must be plain data marshal can hold (tuples, dicts, str, int, float).
    """
    try:
        path = cache_dir() / f"{name}-{fingerprint(inputs)}.marshal"
    except OSError:  # an input cannot be read: nothing to key a cache by
        return derive()
    try:
        return _loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not cached yet, unreadable, torn or foreign: derive it and (re)place it
    value = derive()
    _store(path, name, value)
    return value


def _loads(data: bytes):
    """marshal.loads without the garbage collector: the table is ~100,000 new tuples
    and strings, none of them garbage, which would trigger several full collections."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(data)
    finally:
        if enabled:
            gc.enable()


def _store(path: Path, name: str, value: object) -> None:
    """Write atomically (a concurrent build reads the old file or the new, never half of
    one) and drop the tables this one replaces once they are a day old (two checkouts of
    different versions then keep one each instead of deriving in turn); a cache that
    cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps(value))
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        now = time.time()
        for stale in path.parent.glob(f"{name}-*.marshal"):
            if stale != path and now - stale.stat().st_mtime > STALE_AFTER_S:
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
