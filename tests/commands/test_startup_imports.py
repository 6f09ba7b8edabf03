"""`quiz build` and `quiz export` start without loading the terminal UI, the domain without the DB.

Each check runs in a fresh interpreter, since this test process may already have
imported anything.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from quizgen.commands.export import FORMATS
from quizgen.export.common import EXPORTERS

PROBE = """
import sys
from quizgen.cli import build_parser
args = build_parser().parse_args({argv!r})
assert args.command == {argv[0]!r}
print(sorted(name for name in ("textual", "tui") if name in sys.modules))
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["build", "--jobs", "2", "--dry-run", "seeds"],
        ["export", "--format", "csv", "--deck", "Some deck"],
    ],
)
def test_parsing_a_command_does_not_import_textual(argv):
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_build_and_export_never_load_textual_while_running(tmp_path):
    """The whole command, not just its parsing: build a seed, export it, look at the modules."""
    database = tmp_path / "quiz.db"
    probe = (
        "import sys, contextlib, io\n"
        "from quizgen.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['build', '--db', {str(database)!r}, '--jobs', '1']) == 0\n"
        f"    assert main(['export', '--db', {str(database)!r}]) == 0\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, check=True
    )
    assert result.stdout.strip() == "False"


def test_export_format_names_match_the_exporters():
    assert sorted(FORMATS) == sorted(EXPORTERS)


def test_the_domain_imports_without_the_database_library():
    """sqlite-utils (and numpy, which it pulls in) load with quizgen.store, not with quizgen."""
    probe = (
        "import sys\n"
        "import quizgen.core.grading, quizgen.ingest.readers, quizgen.cards.kinds\n"
        "print(sorted(n for n in ('sqlite_utils', 'numpy', 'quizgen.store') if n in sys.modules))\n"
        "import quizgen.store\n"
        "print('sqlite_utils' in sys.modules, 'numpy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.splitlines() == ["[]", "True False"]
