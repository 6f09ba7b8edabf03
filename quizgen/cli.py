"""The `quiz` command: parse arguments, hand over to one command module, exit.

Each subcommand lives in `quizgen/commands/<name>.py` with `register(subparsers)`
and `run(args) -> int`. Commands that open the Textual app import it inside
`run`, so `quiz build` and `quiz export` start without loading Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from quizgen.core.errors import QuizgenError

COMMAND_MODULES = [
    "study",
    "build",
    "export",
    "history",
    "optimize",
    "config",
    "suspended",
    "cards",
    "card",
]
"""Module names under quizgen.commands, in the order `quiz --help` lists them."""

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _version() -> str:
    """The installed quizgen's version, or the source tree's when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("quizgen")
    except PackageNotFoundError:
        return "unknown (not installed)"


class _VersionAction(argparse.Action):
    """`--version`, reading the installed version only when asked (importlib.metadata
    costs ~20 ms of every start)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, help="show program's version number and exit"
        )

    def __call__(self, parser, namespace, values, option_string=None) -> None:  # noqa: ANN001
        print(f"quiz {_version()}")  # on standard output, as argparse's own action does
        parser.exit()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The `quiz` parser with every command, or with the command `only` alone.

    A command's own parser parses, helps and refuses exactly the same with or without
    the others beside it; building just the one asked for spares every command the
    others' imports and argparse's work (~10 ms), which a command that answers in a
    few milliseconds (an unchanged rebuild) would otherwise mostly spend here.
    """
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="Flashcards from encyclopedia articles, studied with spaced repetition.",
    )
    parser.add_argument("--version", action=_VersionAction)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only in COMMAND_MODULES else COMMAND_MODULES:
        module = importlib.import_module(f"quizgen.commands.{name}")
        command_parser = module.register(subparsers)
        command_parser.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (
        arguments[0].startswith("-") and arguments[0] not in ("-h", "--help", "--version")
    ):
        # `quiz` and `quiz --db PATH` open the study app, like `quiz study`
        arguments = ["study", *arguments]
    parser = build_parser(only=arguments[0])
    args = parser.parse_args(arguments)
    try:
        return args.run(args)
    except QuizgenError as error:
        print(f"quiz: {error}", file=sys.stderr)
        return EXIT_PARTIAL
    except KeyboardInterrupt:
        print("quiz: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:
        message = _failure_line(error)
        if message is None:
            raise
        print(f"quiz: {message}", file=sys.stderr)
        return EXIT_PARTIAL


def _failure_line(error: Exception) -> str | None:
    """One line for a database or disk failure raised from anywhere in a command.

    The store is asked only if a command loaded it (parsing alone never does).
    """
    store = sys.modules.get("quizgen.store")
    return store.describe_failure(error) if store is not None else None


if __name__ == "__main__":
    sys.exit(main())
