"""Where the build's worker processes come from; light enough to import before the build.

Workers fork from a server process that imports the planner once (~0.3 s). Started
by the first task, that import would come after the building process's own imports,
one after the other; `start_early` starts it first, so both import side by side.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # multiprocessing costs a one-process build ~13 ms to import for nothing
    from multiprocessing.context import BaseContext

PLANNING_MODULES = (
    "quizgen.cards.budget",
    "quizgen.cards.distractors",
    "quizgen.cards.quality",
    "quizgen.phrasing.dated_questions",
    "quizgen.phrasing.infobox_questions",
)
"""What planning imports (worker processes load them before their first file)."""


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def worker_context() -> BaseContext:
    """Workers start from a clean server process, never forked from this one.

    Forking a process that runs threads (a test runner, a UI) can copy a held lock
    into the child and hang it; "forkserver" forks from a single-threaded server
    that has imported the build once, so workers still start fast.
    """
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["quizgen.build.pipeline", *PLANNING_MODULES])
        return context
    return multiprocessing.get_context("spawn")


def start_early(jobs: int | None) -> None:
    """Start the fork server now, for a build on more than one process (`jobs` None: every
    core): it imports the planner while this process imports the build. It ends with
    this process; an unchanged rebuild, which starts no worker, only spent the import."""
    if min(jobs or default_jobs(), default_jobs()) <= 1:
        return
    if worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()
