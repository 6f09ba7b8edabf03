"""Where the seeds are and who reads them: real `quiz build` processes on real folders.

Relative paths, folders that cannot be read, file names that are not UTF-8, trees
deeper than Python's recursion limit, more jobs than cores, and a parallel build
killed without warning.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from support.articles import synthetic_corpus, write_article, write_corpus
from support.processes import without_permission_override

from quizgen.build.workers import ProcessWorkers, default_jobs

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX paths and signals")

QUIZ = [sys.executable, "-m", "quizgen.cli"]
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def quiz(*args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("env", ENV)
    return subprocess.run([*QUIZ, *args], capture_output=True, text=True, timeout=300, **kwargs)


def active_cards(db_path: Path) -> dict[str, str]:
    with sqlite3.connect(db_path) as connection:
        return dict(connection.execute("SELECT id, source_path FROM cards WHERE status = 'active'"))


def assert_one_line_per_problem(stderr: str, lines: int) -> None:
    assert "Traceback" not in stderr, stderr
    assert stderr.count("\n") == lines, stderr


def test_the_same_folder_built_from_two_working_directories_keeps_its_cards(tmp_path):
    project = tmp_path / "project"
    write_corpus(project / "seeds", synthetic_corpus(4, seed=3))
    db_path = tmp_path / "quiz.db"
    first = quiz("build", "--jobs", "1", "--db", str(db_path), "seeds", cwd=project)
    assert first.returncode == 0, first.stderr
    cards = active_cards(db_path)
    assert cards and all(Path(path).is_absolute() for path in cards.values())
    (tmp_path / "elsewhere").mkdir()
    second = quiz(
        "build", "--jobs", "1", "--db", str(db_path), "../project/seeds", cwd=tmp_path / "elsewhere"
    )
    assert second.returncode == 0, second.stderr
    assert "retired" not in second.stdout
    assert active_cards(db_path) == cards


def test_a_folder_that_cannot_be_read_is_one_line_and_keeps_its_cards(tmp_path):
    seeds = tmp_path / "seeds"
    write_corpus(seeds / "locked", synthetic_corpus(2, seed=5))
    write_corpus(seeds / "open", synthetic_corpus(4, seed=6)[2:])
    db_path = tmp_path / "quiz.db"
    built = quiz("build", "--jobs", "1", "--db", str(db_path), str(seeds))
    assert built.returncode == 0, built.stderr
    cards = active_cards(db_path)
    assert any("/locked/" in path for path in cards.values())
    os.chmod(seeds / "locked", 0)
    try:
        rebuilt = quiz("build", "--jobs", "1", "--db", str(db_path), str(seeds),
                       preexec_fn=without_permission_override)  # fmt: skip
    finally:
        os.chmod(seeds / "locked", 0o755)
    assert rebuilt.returncode == 1
    assert_one_line_per_problem(rebuilt.stderr, 1)
    assert rebuilt.stderr.startswith(f"{seeds / 'locked'}: cannot read folder")
    assert active_cards(db_path) == cards


def test_a_file_name_that_is_not_utf8_is_stored_escaped_and_the_rest_builds(tmp_path):
    seeds = tmp_path / "seeds"
    good, odd = synthetic_corpus(2, seed=8)
    write_article(seeds, "good.txt", good)
    odd_name = os.fsdecode(b"bad\xff\xfe.txt")
    write_article(seeds, odd_name, odd)
    db_path = tmp_path / "quiz.db"
    built = quiz("build", "--jobs", "1", "--db", str(db_path), str(seeds))
    assert built.returncode == 0, built.stderr
    paths = set(active_cards(db_path).values())
    assert f"{seeds}/bad\\xff\\xfe.txt" in paths and f"{seeds}/good.txt" in paths
    again = quiz("build", "--jobs", "1", "--db", str(db_path), str(seeds))
    assert again.returncode == 0, again.stderr
    assert "2 unchanged files" in again.stdout
    exported = quiz("export", "--db", str(db_path))
    assert exported.returncode == 0 and "bad\\\\xff\\\\xfe.txt" in exported.stdout


def test_a_tree_1500_folders_deep_is_read(tmp_path):
    """The tree is made outside pytest's temporary folders (tempfile.mkdtemp) and removed
    by the test itself, bottom-up without recursion: were a run killed inside this test,
    a tree left under pytest's basetemp would make its clean-up of old folders (which
    recurses once per level) fail with RecursionError in every later session."""
    top = Path(tempfile.mkdtemp(prefix="quizgen-deep-tree-"))
    try:
        seeds = top / "seeds"
        deep = seeds
        seeds.mkdir()
        for _ in range(1500):  # os.makedirs would itself recurse too deep
            deep = deep / "d"
            deep.mkdir()
        write_article(deep, "deep.txt", synthetic_corpus(1, seed=9)[0])
        db_path = tmp_path / "quiz.db"
        built = quiz("build", "--jobs", "1", "--db", str(db_path), str(seeds))
        assert built.returncode == 0, built.stderr
        assert "from 1 article;" in built.stdout
    finally:
        _remove_tree_without_recursion(top)


def _remove_tree_without_recursion(top: Path) -> None:
    """Delete a tree however deep: shutil.rmtree (and so pytest's own clean-up of old
    temporary folders) recurses once per level and would hit the recursion limit. The
    folders are listed top-down with an explicit stack, then removed deepest first."""
    folders = [top]
    index = 0
    while index < len(folders):
        with os.scandir(folders[index]) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                else:
                    os.unlink(entry.path)
        index += 1
    for folder in reversed(folders):
        folder.rmdir()


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def parallel_corpus(tmp_path_factory) -> Path:
    """200 articles: 25 planning tasks of CHUNK_FILES (8) files, so a build on more jobs
    than cores would start far more than cores + 2 processes, and two workers plan for
    many times the 50 ms these tests poll at, time to see them and to kill the build
    while they run. The 400 these tests once used only made the capped build twice as
    long."""
    folder = tmp_path_factory.mktemp("parallel") / "seeds"
    write_corpus(folder, synthetic_corpus(200, seed=13))
    return folder


def test_jobs_are_capped_at_the_cores(parallel_corpus, tmp_path):
    assert ProcessWorkers(64).jobs == default_jobs()
    process = subprocess.Popen(
        [*QUIZ, "build", "--jobs", "64", "--db", str(tmp_path / "quiz.db"), str(parallel_corpus)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
    )  # fmt: skip
    most = 0
    while process.poll() is None:
        most = max(most, len(_descendants(process.pid)))
        time.sleep(0.05)
    assert process.returncode == 0
    assert most <= default_jobs() + 2  # the workers, their fork server and resource tracker


@pytest.mark.skipif(default_jobs() < 2, reason="needs two cores for worker processes")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_a_killed_build(parallel_corpus, tmp_path, sig):
    process = subprocess.Popen(
        [*QUIZ, "build", "--jobs", "2", "--db", str(tmp_path / "quiz.db"), str(parallel_corpus)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 3 and time.monotonic() < deadline:  # fork server + two workers
        workers = _descendants(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 3 and process.poll() is None
    process.send_signal(sig)
    process.wait(timeout=30)
    closed = threading.Event()

    def drain() -> None:
        assert process.stdout is not None
        process.stdout.read()  # EOF only once no worker holds the pipe
        closed.set()

    threading.Thread(target=drain, daemon=True).start()
    assert closed.wait(timeout=15), "a worker still holds the build's stdout"
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)


@pytest.mark.parametrize("naming", ["file", "missing"])
def test_decks_naming_a_file_or_a_missing_folder_is_a_usage_error(tmp_path, naming):
    write_corpus(tmp_path / "seeds", synthetic_corpus(1, seed=14))
    decks = tmp_path / "decks.yaml"
    if naming == "file":
        decks.write_text("name: X\narticles: []\n")
    result = quiz("build", "--jobs", "1", "--db", str(tmp_path / "q.db"), "--decks", str(decks),
                  str(tmp_path / "seeds"))  # fmt: skip
    assert result.returncode == 2
    assert_one_line_per_problem(result.stderr, 1)
    assert f"--decks {decks}:" in result.stderr
    assert not (tmp_path / "q.db").exists()


def test_a_report_that_cannot_be_written_is_one_line_after_the_build(tmp_path):
    write_corpus(tmp_path / "seeds", synthetic_corpus(2, seed=15))
    db_path = tmp_path / "q.db"
    missing = quiz("build", "--jobs", "1", "--db", str(db_path), "--report",
                   str(tmp_path / "no" / "report.md"), str(tmp_path / "seeds"))  # fmt: skip
    assert missing.returncode == 2
    assert_one_line_per_problem(missing.stderr, 1)
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    try:
        result = quiz("build", "--jobs", "1", "--db", str(db_path), "--report",
                      str(locked / "report.md"), str(tmp_path / "seeds"),
                      preexec_fn=without_permission_override)  # fmt: skip
    finally:
        os.chmod(locked, 0o755)
    assert result.returncode == 1
    assert_one_line_per_problem(result.stderr, 1)
    assert "cannot write the report" in result.stderr
    assert active_cards(db_path)  # the build itself was saved


def test_skipped_files_are_shown_relative_to_the_working_directory(tmp_path):
    project = tmp_path / "project"
    write_corpus(project / "seeds", synthetic_corpus(1, seed=16))
    (project / "seeds" / "broken.txt").write_bytes(b"")
    result = quiz("build", "--jobs", "1", "--db", str(tmp_path / "q.db"), "seeds", cwd=project)
    assert result.returncode == 1
    assert result.stderr == "seeds/broken.txt: empty file\n"
    inside = quiz("build", "--jobs", "1", "--db", str(tmp_path / "q.db"), str(project / "seeds"),
                  cwd=project / "seeds")  # fmt: skip
    assert inside.stderr == "broken.txt: empty file\n"
    (tmp_path / "elsewhere").mkdir()
    outside = quiz("build", "--jobs", "1", "--db", str(tmp_path / "q.db"), "../project/seeds",
                   cwd=tmp_path / "elsewhere")  # fmt: skip
    assert outside.stderr == f"{project / 'seeds' / 'broken.txt'}: empty file\n"
