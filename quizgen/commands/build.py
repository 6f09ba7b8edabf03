"""`quiz build`: turn seed articles into cards, printing what changed."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.core.terminal_text import printable

if TYPE_CHECKING:  # the build pulls in ftfy, sqlite-utils, numpy: only load them to build
    from quizgen.build.outcome import BuildReport
    from quizgen.store.card_counts import ChangeCounts

PROGRESS_THRESHOLD = 20
"""Below this many files a progress bar only flickers; above it, it reassures."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "build",
        help="build (or update) decks from seed articles",
        description=(
            "Read every article under PATHS (files or folders, recursively; default: the "
            "project's seeds/) and store their question cards. Learners' progress is kept "
            "on every card whose fact still exists. Exit 0 if every file was built, 1 if "
            "some were skipped, 2 for usage errors."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="seed files or folders")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $QUIZ_DB or the user data dir)"
    )
    parser.add_argument(
        "--decks", metavar="DIR", type=Path, help="folder of deck definitions (default: decks/)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change, write nothing"
    )
    parser.add_argument(
        "--report", metavar="FILE", type=Path, help="write a per-article quality report (Markdown)"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=_positive_int,
        default=None,
        help="worker processes reading and planning articles (default and most: all cores)",
    )
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    from quizgen.build.sources import default_seed_paths
    from quizgen.store import resolve_db_path

    paths = [Path(p) for p in args.paths] or default_seed_paths()
    if not paths:
        print("quiz build: no PATHS given and no seeds/ folder found", file=sys.stderr)
        return 2
    usage_error = _refused_paths(args)
    if usage_error:
        print(f"quiz build: {printable(usage_error)}", file=sys.stderr)
        return 2
    db_path = resolve_db_path(args.db)
    if not args.dry_run and args.report is None:
        from quizgen.build.unchanged import unchanged_rebuild

        unchanged = unchanged_rebuild(db_path, paths, args.decks)
        if unchanged is not None:  # every file as the last build left it: nothing to write
            return _reported(unchanged, db_path)
    if _first_build(args):
        from quizgen.build.worker_start import start_early

        start_early(args.jobs)  # the workers' server imports the planner while this does
    from quizgen.store import open_database

    # A dry run against a database that does not exist yet builds into memory, so
    # it reports everything as added and leaves no file behind.
    # A build writes with plain statements only: sqlite-utils (~0.1 s to import) loads
    # only if something asks more of it (a dry run's copy, the --report).
    dry_in_memory = args.dry_run and not db_path.exists()
    db = open_database(":memory:" if dry_in_memory else db_path, defer_library=True)
    report = _run_build(db, paths, args)
    status = _reported(report, db_path)
    if args.report:
        from quizgen.browse.marks import flagged_cards
        from quizgen.build.report import write_report

        try:
            write_report(report, args.report, flagged_cards(db))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            line = f"{args.report}: cannot write the report ({reason}); the build itself is saved"
            print(printable(line), file=sys.stderr)
            return 1
        print(printable(f"Report written to {args.report}"))
    return status


def _reported(report: BuildReport, db_path: Path) -> int:
    """Print what the build did (skipped files and deck errors on stderr); the exit code."""
    for path, reason in report.skipped:
        print(printable(f"{shown_path(path)}: {reason}"), file=sys.stderr)
    for line in report.deck_errors:
        print(printable(line), file=sys.stderr)
    print_summary(report, db_path)
    return 1 if report.skipped or report.deck_errors else 0


def _first_build(args: argparse.Namespace) -> bool:
    """The database `--db` or `QUIZ_DB` names does not exist yet: every file will be
    planned. (A rebuild may need no worker at all, and finding the default location
    would import the store first, which is what the early start runs beside.)"""
    named = args.db or os.environ.get("QUIZ_DB")
    return bool(named) and not Path(named).expanduser().exists()


def shown_path(path: str) -> str:
    """A stored (absolute) path as the learner typed it: relative to the working
    directory when it lies inside it, which reads better; absolute otherwise."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return path
    return path if relative.startswith(os.pardir) else relative


def _refused_paths(args: argparse.Namespace) -> str | None:
    """A `--decks` or `--report` path that cannot work, said before anything is built."""
    if args.decks is not None and not args.decks.is_dir():
        what = "is not a folder" if args.decks.exists() else "no such folder"
        return f"--decks {args.decks}: {what}"
    if args.report is not None:
        if args.report.is_dir():
            return f"--report {args.report}: is a folder"
        parent = args.report.parent
        if not parent.is_dir():
            return f"--report {args.report}: no such folder {parent}"
    return None


def _run_build(db, paths: list[Path], args: argparse.Namespace) -> BuildReport:
    from functools import partial

    from quizgen.build.pipeline import SerialWorkers, build_corpus
    from quizgen.core.clock import utc_now

    if args.jobs == 1:  # no worker processes: multiprocessing need not even be imported
        workers = SerialWorkers()
    else:
        from quizgen.build.workers import ProcessWorkers

        workers = ProcessWorkers(args.jobs)
    build = partial(
        build_corpus, now=utc_now(), dry_run=args.dry_run, decks_dir=args.decks, workers=workers
    )
    if not sys.stderr.isatty():
        return build(db, paths)
    from rich.markup import escape
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("Building", total=None)

        def on_progress(done: int, total: int, path: str) -> None:
            if total >= PROGRESS_THRESHOLD:
                # the description is Rich markup: a file name is escaped, never obeyed
                name = escape(printable(Path(path).name[:30]))
                progress.update(task, completed=done, total=total, description=name)

        return build(db, paths, on_progress=on_progress)


QUIET_DECKS_LISTED = 20
"""Beyond this many decks where nothing changed, they are summed up on one line."""


def counts_total(counts) -> int:
    return sum(counts.as_dict().values())


CHANGED_DECKS_LISTED = 30
"""A 10,000-article build would print 10,000 deck lines; past this many, one sum."""


def _change_parts(counts: ChangeCounts) -> str:
    parts = [
        f"{value} {counts.LABELS.get(name, name.replace('_', ' '))}"
        for name, value in counts.as_dict().items()
        if value
    ]
    return ", ".join(parts) or "no cards"


def print_summary(report: BuildReport, db_path: Path) -> None:
    """The build's outcome in a few lines a person reads at a glance."""
    from quizgen.core.wording import plural

    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(report.cards_by_kind.items()))
    prefix = "Dry run: would build" if report.dry_run else "Built"
    print(
        f"{prefix} {plural(report.cards_total, 'card')} ({kinds or 'none'}) from "
        f"{plural(report.articles_read, 'article')}; {plural(len(report.skipped), 'file')} "
        f"skipped; {plural(report.unchanged_files, 'unchanged file')}."
    )
    if report.rejected:
        reasons = ", ".join(f"{count} {reason}" for reason, count in report.rejected.most_common())
        print(f"Rejected {sum(report.rejected.values())} candidate questions: {reasons}.")
    if report.refused_sentences:
        refused = report.refused_sentences
        top = ", ".join(f"{count} {reason}" for reason, count in refused.most_common(3))
        print(f"{sum(refused.values())} dated sentences made no question (most: {top}).")
    changed = sorted(report.changes.items())
    quiet = [counts for _, counts in changed if counts.unchanged == counts_total(counts)]
    if len(quiet) > QUIET_DECKS_LISTED:
        changed = [(deck, c) for deck, c in changed if c.unchanged != counts_total(c)]
    for deck, counts in changed[:CHANGED_DECKS_LISTED]:
        print(f"  {printable(deck)}: {_change_parts(counts)}")
    if len(changed) > CHANGED_DECKS_LISTED:
        from quizgen.store.card_counts import ChangeCounts

        rest = ChangeCounts()
        for _, counts in changed[CHANGED_DECKS_LISTED:]:
            rest.add(counts)
        print(
            f"  {len(changed) - CHANGED_DECKS_LISTED} more decks: {_change_parts(rest)} "
            "(--report FILE lists every article)"
        )
    if len(quiet) > QUIET_DECKS_LISTED:
        cards = sum(counts.unchanged for counts in quiet)
        print(f"  {len(quiet)} other decks: {cards} unchanged")
    if not report.dry_run:
        print(printable(f"Database: {db_path}"))
