"""The walls of the house, as import-linter contracts (pyproject.toml `[tool.importlinter]`).

Layers follow the data's path (ingest below facts below phrasing below cards,
the store below everything that persists, the app and the commands on top);
Textual and Rich stay in the commands and the app; SQLite stays in the store; the
modules inside a package import each other in one direction only (no circles).
"""

from __future__ import annotations

import os
from pathlib import Path

from importlinter.cli import lint_imports

PROJECT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept(monkeypatch, capsys):
    monkeypatch.chdir(PROJECT)
    monkeypatch.syspath_prepend(str(PROJECT))
    exit_code = lint_imports(
        config_filename=os.fspath(PROJECT / "pyproject.toml"), no_cache=True, no_logo=True
    )
    report = capsys.readouterr().out
    assert exit_code == 0, report
    assert "4 kept, 0 broken" in report
