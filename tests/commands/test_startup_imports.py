"""`quiz build` and `quiz export` start without loading the terminal UI, the domain without the DB.

Each check runs in a fresh interpreter, since this test process may already have
imported anything.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.processes import python_lines

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


def test_the_database_library_loads_when_a_database_is_opened():
    """sqlite-utils loads when the store opens a database (numpy hidden from it), not
    with quizgen, nor with the store's modules, which name it only for type checking."""
    probe = (
        "import sys\n"
        "import quizgen.core.grading, quizgen.ingest.readers, quizgen.cards.kinds\n"
        "print(sorted(n for n in ('sqlite_utils', 'numpy', 'quizgen.store') if n in sys.modules))\n"
        "import quizgen.store, quizgen.store.cards, quizgen.store.queue, quizgen.store.reviews\n"
        "import quizgen.store.stats, quizgen.store.schema, quizgen.study.session\n"
        "print('sqlite_utils' in sys.modules)\n"
        "db = quizgen.store.open_database(':memory:')\n"
        "print('sqlite_utils' in sys.modules, 'numpy' in sys.modules)\n"
        "print(db.execute('PRAGMA user_version').fetchone()[0] > 0)\n"
    )
    assert python_lines(probe) == ["[]", "False", "True False", "True"]


def _modules_after(code: str) -> set[str]:
    """The module names a fresh interpreter holds after running `code` (output silenced)."""
    probe = (
        "import sys, contextlib, io\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        + "".join(f"    {line}\n" for line in code.splitlines())
        + "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    return set(result.stdout.split())


HEAVY_FOR_HELP = (
    "sqlite_utils",
    "importlib.metadata",  # the version is read only for --version
    "rich",
    "textual",
    "yaml",
    "quizgen.store",
    "quizgen.cards.kinds",
    "quizgen.build",
    "quizgen.export.common",
)


def test_help_imports_none_of_the_work():
    modules = _modules_after(
        "from quizgen.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    )
    assert "quizgen.commands.build" in modules  # the probe did parse every command
    assert [name for name in HEAVY_FOR_HELP if name in modules] == []


def test_version_still_says_the_version():
    result = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("quiz ") and len(result.stdout.split()) == 2


def test_a_jsonl_export_and_history_json_load_only_what_they_use(tmp_path):
    database = tmp_path / "quiz.db"
    subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "build", "--db", str(database), "--jobs", "1"],
        capture_output=True,
        timeout=300,
        check=True,
    )
    exported = _modules_after(
        f"from quizgen.cli import main\nassert main(['export', '--db', {str(database)!r}]) == 0"
    )
    assert "quizgen.export.jsonl" in exported
    unused = ("quizgen.export.anki", "quizgen.export.csv", "quizgen.cards.options", "rich")
    assert [name for name in unused if name in exported] == []
    assert "importlib.metadata" not in exported  # no sqlite-utils plugin scan
    history = _modules_after(
        "from quizgen.cli import main\n"
        f"assert main(['history', '--json', '--db', {str(database)!r}]) == 0"
    )
    assert "quizgen.history.report" in history
    unused = ("rich", "textual", "quizgen.export.anki", "zoneinfo")  # no zone set: local time
    assert [name for name in unused if name in history] == []


def test_the_listed_names_match_what_they_stand_for():
    from quizgen.commands.study import ANSWER_MODES as STUDY_MODES
    from quizgen.export.formats import EXPORTER_PATHS, exporter_for
    from quizgen.study.settings import ANSWER_MODES

    assert STUDY_MODES == ANSWER_MODES
    assert sorted(EXPORTER_PATHS) == sorted(EXPORTERS)
    assert all(exporter_for(name) is EXPORTERS[name] for name in EXPORTERS)
