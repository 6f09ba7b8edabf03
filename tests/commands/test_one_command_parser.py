"""`quiz COMMAND ...` builds the parser of that command alone: it must say the same.

Every command's help, and its refusal of an unknown option or a missing value, are
compared between the whole `quiz` parser and the one-command parser the CLI builds.
"""

from __future__ import annotations

import pytest

from quizgen.cli import COMMAND_MODULES, build_parser


def _said(parser_args: list[str], only: str | None, capsys) -> tuple[int, str, str]:
    parser = build_parser(only=only)
    with pytest.raises(SystemExit) as ended:
        parser.parse_args(parser_args)
    said = capsys.readouterr()
    return ended.value.code, said.out, said.err


@pytest.mark.parametrize("command", COMMAND_MODULES)
@pytest.mark.parametrize("tail", [["--help"], ["--no-such-option"], ["--db"]])
def test_a_command_alone_parses_helps_and_refuses_as_with_all(command, tail, capsys):
    argv = [command, *tail]
    alone = _said(argv, command, capsys)
    assert alone == _said(argv, None, capsys)
    assert alone[0] == (0 if tail == ["--help"] else 2)
    said = alone[1] + alone[2]
    assert "quiz: error: unrecognized arguments" in said or f"quiz {command}" in said


def test_the_whole_parser_lists_every_command():
    text = build_parser(only="--help").format_help()
    assert all(command in text for command in COMMAND_MODULES)
    assert build_parser(only="build").format_help() != text
