"""Where the project's files are, for tests at any depth."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The project folder (holds pyproject.toml, README.md, seeds/)."""
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
"""Real snippets and labelled sets."""
SEEDS = ROOT / "seeds"
README = ROOT / "README.md"
CORPUS = next(
    (up / "shared" / "corpus" for up in ROOT.parents if (up / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
"""The real articles in both formats, beside the checkout as in CI, or beside a folder
holding it (a worktree); tests skip without it."""
