"""The build's pure work on every core: `build_corpus(..., workers=ProcessWorkers(jobs))`.

Planning an article (read, repair, find dates, phrase, judge) and choosing its
cards' distractors are pure and take almost all of a build's time, so worker
processes do them while this process alone writes, one article (or batch) per
transaction. Results come back in input order whatever order the workers finish
in, so a build with any number of workers writes exactly what a one-process build
writes. Only a few tasks per worker are in flight at once, so memory does not grow
with the corpus.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from quizgen.build.pipeline import (
    FileResult,
    SerialWorkers,
    StoredArticles,
    distractor_updates,
    plan_file,
)
from quizgen.build.worker_start import default_jobs, worker_context
from quizgen.cards.decks import DeckDefinition

if TYPE_CHECKING:
    from quizgen.cards.distractors import DistractorPools

CHUNK_FILES = 8
"""Files per planning task at most: enough to amortize a round trip, few enough to keep
workers even (a small corpus gets smaller tasks, TASKS_IN_FLIGHT_PER_WORKER per worker)."""

TASKS_IN_FLIGHT_PER_WORKER = 4
"""Queued planning tasks per worker; bounds the results waiting for the writer."""

DISTRACTOR_TASKS_IN_FLIGHT_PER_WORKER = 2
"""A distractor task carries thousands of card rows (both ways): keep fewer in flight."""

Task = TypeVar("Task")
Result = TypeVar("Result")

_worker_state: dict[str, Any] = {}
"""What each worker process received once at start (deck definitions, hashes, pools)."""


PARENT_CHECK_S = 0.5
"""How often a worker checks that the build that started it is still alive."""


def _init_worker(state: dict[str, Any]) -> None:
    """Sent once per worker, not once per task: known hashes and pools can be large."""
    _worker_state.clear()
    _worker_state.update(state)
    _die_with(state["parent"])


def _die_with(parent: int) -> None:
    """End this worker as soon as the build process is gone.

    A build killed by SIGKILL or SIGTERM runs no cleanup, and its workers are
    children of the fork server, not of the build: without this they would live
    on, holding the caller's pipes open. A daemon thread looks every half second.
    """

    def watch() -> None:
        while True:
            time.sleep(PARENT_CHECK_S)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # alive, under another user: keep working
                pass

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _plan_chunk(paths: list[Path]) -> list[FileResult]:
    definitions = _worker_state["definitions"]
    stored = _worker_state["stored"]
    claimed = _worker_state.get("claims")
    if claimed is None:
        claimed = _worker_state["claims"] = _SharedClaims(_worker_state["claims_path"])
    return [plan_file(path, definitions, stored, claimed=claimed) for path in paths]


class _SharedClaims(dict):
    """Article id -> position of the first file read with that title, as every worker of
    one build has read them so far: each appends its claims to one file and catches up on
    the others' before deciding (see `plan_file`'s `claimed`).

    A claim seen late only costs a plan that is then thrown away: whatever the timing,
    the writer skips the same second files, so the cards do not depend on it.
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path
        self._offset = 0

    def setdefault(self, key: str, default: int) -> int:  # type: ignore[override]
        self._catch_up()
        known = self.get(key)
        if known is None or default < known:
            with open(self._path, "a", encoding="ascii") as out:
                out.write(f"{default}\t{key}\n")
            self[key] = default
        return self[key]

    def _catch_up(self) -> None:
        try:
            with open(self._path, "rb") as claims:
                claims.seek(self._offset)
                data = claims.read()
        except OSError:
            return
        complete = data[: data.rfind(b"\n") + 1]  # a line being written is read next time
        self._offset += len(complete)
        for line in complete.decode("ascii").splitlines():
            position, key = line.split("\t")
            if int(position) < self.get(key, int(position) + 1):
                self[key] = int(position)


def _distractor_batch(rows: list[dict]) -> list[tuple[str, str]]:
    return distractor_updates(rows, _worker_state["pools"])


class ProcessWorkers(SerialWorkers):
    """`jobs` worker processes (default and most: every core); one job works in this process."""

    def __init__(self, jobs: int | None = None) -> None:
        # more processes than cores only cost memory (`--jobs 64` was 5.5 GB)
        self.jobs = min(jobs or default_jobs(), default_jobs())

    def plan_files(
        self,
        files: list[Path],
        definitions: list[DeckDefinition],
        stored: StoredArticles,
        *,
        before_wait: Callable[[], None] | None = None,
    ) -> Iterator[FileResult]:
        """`before_wait` runs whenever the next result is not back yet: the writer commits
        what it holds then, instead of keeping the write lock while the workers plan."""
        if self.jobs <= 1 or len(files) <= CHUNK_FILES:
            for result in super().plan_files(files, definitions, stored):
                yield result
                if before_wait is not None:
                    before_wait()  # the next file is planned here: nothing held meanwhile
            return
        # a few tasks per worker at least, so a small corpus spreads evenly (26 files in
        # chunks of 8 left one worker two files to plan while the other planned sixteen)
        size = max(1, min(CHUNK_FILES, -(-len(files) // (self.jobs * TASKS_IN_FLIGHT_PER_WORKER))))
        chunks = [files[start : start + size] for start in range(0, len(files), size)]
        handle, claims_path = tempfile.mkstemp(prefix="quizgen-claims-")
        os.close(handle)
        state = {"definitions": definitions, "stored": stored, "claims_path": claims_path}
        try:
            for results in _ordered_map(
                _plan_chunk, chunks, state, self.jobs, before_wait=before_wait
            ):
                yield from results
        finally:
            os.unlink(claims_path)

    def distractor_updates(
        self, batches: Iterable[list[dict]], pools: DistractorPools
    ) -> Iterator[list[tuple[str, str]]]:
        batches = iter(batches)
        first = next(batches, None)
        second = next(batches, None)
        if self.jobs <= 1 or second is None:  # one batch: workers would only cost time
            yield from super().distractor_updates(_chain(first, second, batches), pools)
            return
        tasks = _chain(first, second, batches)
        yield from _ordered_map(
            _distractor_batch,
            tasks,
            {"pools": pools},
            self.jobs,
            in_flight_per_worker=DISTRACTOR_TASKS_IN_FLIGHT_PER_WORKER,
        )


def _when_done(future: Future[Result], before_wait: Callable[[], None] | None) -> Result:
    if before_wait is not None and not future.done():
        before_wait()
    return future.result()


def _chain(first: Task | None, second: Task | None, rest: Iterator[Task]) -> Iterator[Task]:
    for task in (first, second):
        if task is not None:
            yield task
    yield from rest


def _ordered_map(
    function: Callable[[Task], Result],
    tasks: Iterable[Task],
    state: dict[str, Any],
    jobs: int,
    in_flight_per_worker: int = TASKS_IN_FLIGHT_PER_WORKER,
    before_wait: Callable[[], None] | None = None,
) -> Iterator[Result]:
    """function(task) for each task on `jobs` processes, yielded in task order.

    Tasks are drawn lazily, so a generator of database batches is read only as
    fast as the workers keep up.
    """
    window = jobs * in_flight_per_worker
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=worker_context(),
        initializer=_init_worker,
        initargs=({**state, "parent": os.getpid()},),
    )
    with executor as pool:
        pending: deque[Future[Result]] = deque()
        try:
            for task in tasks:
                pending.append(pool.submit(function, task))
                if len(pending) >= window:
                    yield _when_done(pending.popleft(), before_wait)
            while pending:
                yield _when_done(pending.popleft(), before_wait)
        finally:
            for future in pending:  # the writer stopped early (an error): drop queued work
                future.cancel()
