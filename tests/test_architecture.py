"""The walls of the house, as import-linter contracts (pyproject.toml `[tool.importlinter]`).

Layers follow the data's path (ingest below facts below phrasing below cards,
the store below everything that persists, the app and the commands on top);
Textual and Rich stay in the commands and the app; SQLite stays in the store; the
modules inside a package import each other in one direction only (no circles).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

_LINT = """
import sys
from importlinter.cli import lint_imports
sys.exit(lint_imports(config_filename="pyproject.toml", no_cache=True, no_logo=True))
"""


def test_import_contracts_are_kept():
    """Run in a fresh interpreter from the project folder: the modules this test session
    has imported (tests/tui sits beside the real tui/ on sys.path) must not change what
    the linter takes for the packages."""
    result = subprocess.run(
        [sys.executable, "-c", _LINT], cwd=PROJECT, capture_output=True, text=True, timeout=300
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "4 kept, 0 broken" in report
