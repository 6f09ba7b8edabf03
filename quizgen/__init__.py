"""quizgen: turn encyclopedia articles into spaced-repetition flashcards."""

import sys

__version__ = "0.1.0"


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils with numpy and pandas hidden from it, once, up front.

    sqlite-utils imports numpy and pandas whenever they are installed, only to map
    their value types on insert. quizgen never inserts them, and numpy (installed
    for the verb lemmatizer) costs ~150 ms of every command's start. Hiding them
    during this one import leaves both importable for everyone else afterwards.
    """
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_sqlite_utils_without_numpy()
