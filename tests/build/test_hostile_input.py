"""Hostile and broken input through `quiz build`: one line per bad file, the rest builds.

Every bad file sits in a folder next to a good article; the build must print exactly
one `PATH: reason` line on stderr for it (no traceback), exit 1, and still build the
good article. Big inputs are generated in tmp_path, never committed.

Builds run in this process (`quiz build --jobs 1` works in its own process anyway),
so an exception escaping the command fails the test with its traceback; the tests
about what reaches a real terminal start a fresh interpreter instead.
"""

from __future__ import annotations

import contextlib
import io
import os
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.articles import SyntheticArticle, render_a, render_b, write_article

from quizgen.cli import main
from quizgen.export.common import export_jsonl
from quizgen.store import open_database

GOOD = SyntheticArticle(
    title="Clara Fontaine",
    infobox=(
        ("Born", "3 May 1850, Lyon"),
        ("Died", "9 June 1921, Ghent"),
        ("Occupation", "chemist"),
    ),
    lead=("Clara Fontaine was a chemist from Lyon.",),
    sections=(("Career", ("In 1880, Fontaine founded the Ghent Laboratory of Dyes.",)),),
)
GOOD_B = render_b(GOOD)

ESC = "\x1b"


def _billion_laughs() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prior = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([prior] * 9)}]")
    return "---\ntitle: Laughs\n" + "\n".join(lines) + "\n---\nBody.\n"


def _nested_yaml(depth: int) -> str:
    return "---\ntitle: Deep\ninfoboxes: " + "[" * depth + "]" * depth + "\n---\nBody.\n"


def _many_fields(count: int) -> str:
    fields = "\n".join(f"- Field{index}: value {index}" for index in range(count))
    return f"= Ten Thousand Fields =\n\nInfobox\n{fields}\n\nA paragraph.\n"


BAD_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    # name: (content, a word the reason must contain)
    "empty.txt": (lambda: b"", "empty"),
    "whitespace.txt": (lambda: b"  \n\t\n", "whitespace"),
    "binary.txt": (lambda: bytes(range(256)) * 40, "binary"),
    "invalid_utf8.txt": (lambda: b"= T =\n\n" + bytes(range(0x80, 0x100)) * 20, "UTF-8"),
    "not_mapping.md": (lambda: b"---\n- just\n- a list\n---\nBody\n", "not a mapping"),
    "scalar_front.md": (lambda: b"---\njust a sentence\n---\nBody\n", "not a mapping"),
    "unclosed.md": (lambda: b"---\ntitle: Open\nBody with no end\n", "not closed"),
    "broken_yaml.md": (lambda: b"---\ntitle: [unclosed\n---\nBody\n", "YAML"),
    "python_tag.md": (
        lambda: b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nx\n",
        "YAML",
    ),
    "billion_laughs.md": (lambda: _billion_laughs().encode(), "alias"),
    "too_large.txt": (lambda: b"= Huge =\n\n" + b"word " * (11 * 1024 * 1024), "too large"),
    "no_title.txt": (lambda: b"Just prose without any title line.\n", "unrecognized"),
}
"""Files no build can use; each gets one line saying why."""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_B, encoding="utf-8")
    return folder


def run_build(folder: Path, db_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`quiz build --jobs 1` on `folder`, in this process, with its output captured."""
    argv = ["build", "--jobs", "1", "--db", str(db_path), *extra, str(folder)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


def run_build_in_a_fresh_process(
    folder: Path, db_path: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    """The same in a new interpreter: what a terminal really receives."""
    return subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "build", "--jobs", "1", "--db", str(db_path),
         *extra, str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip


def good_cards(db_path: Path) -> int:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "SELECT count(*) FROM cards WHERE source_title = ? AND status = 'active'",
            [GOOD.title],
        ).fetchone()[0]
    finally:
        connection.close()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gets_one_line_and_the_good_one_builds(
    workspace: Path, tmp_path: Path, name: str
) -> None:
    make, reason = BAD_FILES[name]
    bad = workspace / name
    bad.write_bytes(make())
    started = time.monotonic()
    result = run_build(workspace, tmp_path / "quiz.db")
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [lines[0]] and lines[0].startswith(f"{bad}: ")
    assert reason.casefold() in lines[0].casefold()
    assert "Traceback" not in result.stdout + result.stderr
    assert good_cards(tmp_path / "quiz.db") >= 3


def test_all_bad_files_together_get_one_line_each(workspace: Path, tmp_path: Path) -> None:
    for name, (make, _) in BAD_FILES.items():
        (workspace / name).write_bytes(make())
    result = run_build(workspace, tmp_path / "quiz.db")
    assert result.returncode == 1
    named = sorted(line.split(": ", 1)[0] for line in result.stderr.splitlines())
    assert named == sorted(str(workspace / name) for name in BAD_FILES)
    assert good_cards(tmp_path / "quiz.db") >= 3


# -- odd but readable input: built, not refused ------------------------------------------


READABLE: dict[str, Callable[[], bytes]] = {
    "latin1.txt": lambda: (
        GOOD_B.replace("Clara Fontaine", "Clara Fontaine")
        .replace("chemist from Lyon", "chimiste née à Lyon")
        .replace("Clara Fontaine", "Cléa Fontaine")
        .encode("cp1252")
    ),
    "bom.txt": lambda: b"\xef\xbb\xbf" + GOOD_B.replace("Clara", "Bom").encode(),
    "crlf.txt": lambda: GOOD_B.replace("Clara", "Crlf").replace("\n", "\r\n").encode(),
    "wrong_infobox_type.md": lambda: (
        b"---\ntitle: Wrong Types\ninfoboxes: 42\n---\n\nIn 1901, the hall opened in Lund.\n"
    ),
    "nested.md": lambda: _nested_yaml(10_000).encode(),
    "ten_thousand_fields.txt": lambda: _many_fields(10_000).encode(),
    "one_mb_line.txt": lambda: ("= Long Line =\n\n" + "In 1901, a hall opened. " * 45_000).encode(),
}
"""Input that is odd but still text: built (maybe with few cards) or refused, never a crash."""

READABLE_REFUSED_FOR = {"nested.md": "maximum nesting depth"}
"""The odd inputs a build refuses, with the reason their one line gives."""
READABLE_BUILT_AS = {
    "bom.txt": "Bom Fontaine",
    "crlf.txt": "Crlf Fontaine",
    "latin1.txt": "Cléa Fontaine",
    "one_mb_line.txt": "Long Line",
    "ten_thousand_fields.txt": "Ten Thousand Fields",
    "wrong_infobox_type.md": "Wrong Types",
}
"""The odd inputs a build reads, with the title their article is stored under."""


@pytest.mark.parametrize("name", sorted(READABLE))
def test_odd_input_builds_or_is_refused_in_one_line(
    workspace: Path, tmp_path: Path, name: str
) -> None:
    (workspace / name).write_bytes(READABLE[name]())
    started = time.monotonic()
    result = run_build(workspace, tmp_path / "quiz.db")
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.stdout + result.stderr
    if name in READABLE_REFUSED_FOR:
        assert result.returncode == 1
        [line] = result.stderr.splitlines()
        assert line.startswith(f"{workspace / name}: ")
        assert READABLE_REFUSED_FOR[name] in line
    else:
        assert (result.returncode, result.stderr) == (0, "")
        assert READABLE_BUILT_AS[name] in stored_titles(tmp_path / "quiz.db")
    assert good_cards(tmp_path / "quiz.db") >= 3


def test_every_odd_input_has_a_known_outcome() -> None:
    assert sorted(READABLE) == sorted([*READABLE_REFUSED_FOR, *READABLE_BUILT_AS])


def stored_titles(db_path: Path) -> set[str]:
    connection = sqlite3.connect(db_path)
    try:
        return {row[0] for row in connection.execute("SELECT title FROM articles")}
    finally:
        connection.close()


@pytest.mark.parametrize("name", ["latin1.txt", "bom.txt", "crlf.txt"])
def test_encodings_and_line_endings_are_read(workspace: Path, tmp_path: Path, name: str) -> None:
    (workspace / name).write_bytes(READABLE[name]())
    result = run_build(workspace, tmp_path / "quiz.db")
    assert result.returncode == 0, result.stderr
    connection = sqlite3.connect(tmp_path / "quiz.db")
    titles = {row[0] for row in connection.execute("SELECT title FROM articles")}
    connection.close()
    expected = {
        "latin1.txt": "Cléa Fontaine",
        "bom.txt": "Bom Fontaine",
        "crlf.txt": "Crlf Fontaine",
    }
    assert expected[name] in titles


def test_billion_laughs_is_refused_in_bounded_memory(workspace: Path, tmp_path: Path) -> None:
    (workspace / "bomb.md").write_text(_billion_laughs(), encoding="utf-8")
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from quizgen.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "build", "--jobs", "1", "--db",
         str(tmp_path / "q.db"), str(workspace)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "alias" in result.stderr and "MemoryError" not in result.stderr
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1_000_000  # KiB


# -- escapes and markup: stored literally, never reaching the terminal raw ---------------


def test_terminal_escapes_and_markup_never_reach_the_terminal(
    workspace: Path, tmp_path: Path
) -> None:
    hostile = SyntheticArticle(
        title=f"Evil {ESC}]0;pwned{chr(7)}[bold red]Title[/] {ESC}[31mRed{ESC}[0m",
        infobox=(
            ("Born", f"4 July 1890, {ESC}[2J[link=http://x]Paris[/link]"),
            ("Occupation", "[blink]painter[/blink]"),
        ),
        lead=(f"Evil was a painter.{ESC}[1A",),
        sections=(("Career", (f"In 1920, Evil moved to [italic]Rome[/italic]{ESC}[0m.",)),),
    )
    write_article(workspace, "evil.txt", hostile, "b")
    write_article(workspace, "evil_a.md", SyntheticArticle(
        title=f"[red]Markup[/red] Hall {ESC}[5m",
        infobox=(("Founded", f"1901{ESC}[0m"), ("Architect", "[b]Ines Moreau[/b]")),
        lead=("The hall is in Lund.",),
    ), "a")  # fmt: skip
    (workspace / f"name{ESC}[31m.txt").write_bytes(b"\x00binary")
    db_path = tmp_path / "quiz.db"
    result = run_build_in_a_fresh_process(workspace, db_path)
    assert ESC not in result.stdout + result.stderr
    assert "\\x1b" in result.stderr  # the bad file's name, escaped
    # both titles are decks of their own, listed in the summary as written, markup and all
    assert "[bold red]Title[/]" in result.stdout and "[red]Markup[/red]" in result.stdout
    db = open_database(db_path)
    out = tmp_path / "cards.jsonl"
    count = export_jsonl(db, deck=None, out=out)
    titles = [row[0] for row in db.execute("SELECT title FROM articles")]
    db.close()
    assert count > 0
    exported = out.read_text(encoding="utf-8")
    assert ESC not in exported and ESC not in "".join(titles)
    assert any("[bold red]Title[/]" in title for title in titles)
    exported_cli = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "export", "--db", str(db_path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert ESC not in exported_cli.stdout + exported_cli.stderr


# -- the file system -----------------------------------------------------------------------


def test_directory_symlink_loop_ends(workspace: Path, tmp_path: Path) -> None:
    (workspace / "sub").mkdir()
    (workspace / "sub" / "loop").symlink_to(workspace, target_is_directory=True)
    (workspace / "self").symlink_to(workspace / "self")  # a symlink to itself
    result = run_build(workspace, tmp_path / "quiz.db")
    assert "Traceback" not in result.stderr
    assert good_cards(tmp_path / "quiz.db") >= 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files anyway")
def test_unreadable_file(workspace: Path, tmp_path: Path) -> None:
    locked = workspace / "locked.txt"
    locked.write_text(GOOD_B.replace("Clara", "Locked"), encoding="utf-8")
    locked.chmod(0)
    try:
        result = run_build(workspace, tmp_path / "quiz.db")
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{locked}: cannot read file (Permission denied)"]
    assert good_cards(tmp_path / "quiz.db") >= 3


def test_dangling_symlink_is_reported_even_as_root(workspace: Path, tmp_path: Path) -> None:
    """Unreadable for every user, root included: a link whose target is gone."""
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "deleted_target.txt")
    result = subprocess.run(
        [sys.executable, "-m", "quizgen.cli", "build", "--jobs", "1", "--db",
         str(tmp_path / "q.db"), str(workspace), str(dangling)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{dangling}: file not found"]
    assert good_cards(tmp_path / "q.db") >= 3


def test_folder_named_like_a_seed_file_is_walked(workspace: Path, tmp_path: Path) -> None:
    (workspace / "folder.txt").mkdir()
    (workspace / "folder.txt" / "inner.txt").write_text(
        GOOD_B.replace("Clara", "Inner"), encoding="utf-8"
    )
    result = run_build(workspace, tmp_path / "quiz.db")
    assert result.returncode == 0, result.stderr
    assert good_cards(tmp_path / "quiz.db") >= 3


def test_nonexistent_path_on_the_command_line(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no_such_folder" / "article.txt"
    code = main(["build", "--jobs", "1", "--db", str(tmp_path / "q.db"), str(workspace),
                 str(missing)])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines() == [f"{missing}: file not found"]
    assert good_cards(tmp_path / "q.db") >= 3


def test_format_a_variants_of_the_good_article_build(workspace: Path, tmp_path: Path) -> None:
    (workspace / "good_a.md").write_text(
        render_a(SyntheticArticle("Anouk Moreau", GOOD.infobox, GOOD.lead, GOOD.sections)),
        encoding="utf-8",
    )
    result = run_build(workspace, tmp_path / "quiz.db")
    assert result.returncode == 0, result.stderr
