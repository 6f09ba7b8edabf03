"""Where a build reads from when it is not told: the project's seeds/ and decks/."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
"""The checkout holding seeds/ and decks/ (quizgen/build/sources.py is two levels down)."""


def default_seed_paths() -> list[Path]:
    """The project's bundled `seeds/` folder (or `./seeds` when installed elsewhere)."""
    for candidate in (PROJECT_ROOT / "seeds", Path.cwd() / "seeds"):
        if candidate.is_dir():
            return [candidate]
    return []


def default_decks_dir() -> Path | None:
    for candidate in (PROJECT_ROOT / "decks", Path.cwd() / "decks"):
        if candidate.is_dir():
            return candidate
    return None
