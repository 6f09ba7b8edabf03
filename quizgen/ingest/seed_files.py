"""Which files a build reads: the seed files under the given paths, and their names as text.

Kept apart from the readers, which parse: a rebuild that finds every file unchanged
lists and hashes the files without loading any parser (see quizgen.build.unchanged).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

MAX_FILE_BYTES = 50 * 1024 * 1024
SEED_SUFFIXES = frozenset({".txt", ".md"})


def path_text(path: str | Path) -> str:
    """A path as text any database or terminal can hold.

    A file name that is not UTF-8 reaches Python with surrogate escapes, which
    SQLite and UTF-8 output refuse; its undecodable bytes are written `\\xNN`
    instead, the same every time, so a rebuild still recognizes the file.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def iter_seed_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield seed files: files as given, folders searched recursively.

    Inside folders only *.txt and *.md files are taken, hidden files and folders are
    skipped, and entries come in sorted order so a build is repeatable. Each real file
    and folder is visited once, so symlink loops end and duplicates are not read twice.
    A path that does not exist, or a folder that cannot be listed, is yielded as is,
    so the caller reports it like any other unreadable file (and keeps its cards).
    Folders are walked with a stack of their own, not by recursion, so a tree of any
    depth is read.
    """
    seen_files: set[tuple[int, int] | str] = set()
    seen_dirs: set[tuple[int, int] | str] = set()

    def once(path: Path, seen: set[tuple[int, int] | str]) -> bool:
        # A real file or folder is its device and inode: one stat, where realpath would
        # walk every level of a deep path again (quadratic in a 1,500-level tree).
        try:
            status = os.stat(path)
            identity: tuple[int, int] | str = (status.st_dev, status.st_ino)
        except OSError:
            identity = os.path.realpath(path)  # dangling or unreadable: its path stands in
        if identity in seen:
            return False
        seen.add(identity)
        return True

    def listing(folder: Path) -> Iterator[Path] | None:
        try:
            return iter(sorted(folder.iterdir(), key=lambda entry: entry.name))
        except OSError:
            return None

    def walk(top: Path) -> Iterator[Path]:
        if not once(top, seen_dirs):
            return
        entries = listing(top)
        if entries is None:
            yield top
            return
        stack = [entries]
        while stack:
            entry = next(stack[-1], None)
            if entry is None:
                stack.pop()
                continue
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                if not once(entry, seen_dirs):
                    continue
                inner = listing(entry)
                if inner is None:
                    yield entry
                else:
                    stack.append(inner)
            elif entry.suffix.lower() in SEED_SUFFIXES and entry.is_file():
                if once(entry, seen_files):
                    yield entry

    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from walk(path)
        elif once(path, seen_files):
            yield path
