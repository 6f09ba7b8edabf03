"""`quiz optimize`: fit the FSRS parameters to your review log and use them from now on."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "optimize",
        help="fit the scheduler's FSRS parameters to your reviews",
        description="Fit the 21 FSRS parameters to your own review log, compare them with "
        "the defaults (log loss, RMSE) and store them as the fsrs_parameters setting.",
    )
    parser.add_argument("--db", metavar="PATH", help="database file")
    return parser


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from quizgen.history.optimize import (
        OptimizeError,
        fit,
        load_histories,
        save_parameters,
        score_parameters,
        stored_parameters,
    )
    from quizgen.history.report import load_clock
    from quizgen.store import open_database

    db = open_database(args.db, create=False)
    console = Console()
    histories = load_histories(db, load_clock(db))
    try:
        result = fit(histories)
    except OptimizeError as error:
        print(f"quiz optimize: {error}", file=sys.stderr)
        return 1
    console.print(
        f"Read {result.reviews:,} reviews of {result.cards:,} cards "
        f"({result.items:,} came a day or more after the one before)."
    )
    scores = Table(title="How well each parameter set predicts your answers (lower is better)")
    scores.add_column("Parameters")
    scores.add_column("Log loss", justify="right")
    scores.add_column("RMSE", justify="right")
    rows = [("default", result.default_score)]
    current = stored_parameters(db)
    if current is not None and current != result.default_parameters:
        rows.append(("current", score_parameters(current, histories)))
    if result.fitted_parameters is not None:
        rows.append(("fitted", result.fitted_score))
    for name, score in rows:
        if score is not None:
            scores.add_row(name, f"{score.log_loss:.4f}", f"{100 * score.rmse:.2f}%")
    if result.default_score is not None:
        console.print(scores)
    if not result.improved:
        console.print(f"{result.kept_defaults_because}: parameters left unchanged.")
        return 0
    try:
        save_parameters(db, result.fitted_parameters)
    except ValueError as error:
        print(f"quiz optimize: fsrs refuses the fitted parameters ({error})", file=sys.stderr)
        return 1
    console.print(
        f"Fitted in {result.fit_seconds:.2f} s and saved as fsrs_parameters; "
        "the scheduler uses them from the next card on."
    )
    console.print("Parameters: " + ", ".join(f"{v:.4f}" for v in result.fitted_parameters))
    return 0
