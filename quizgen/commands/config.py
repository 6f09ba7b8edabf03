"""`quiz config [KEY [VALUE]]`: show all settings, one setting, or change one."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "config",
        help="show or change settings",
        description=(
            "Without KEY, list every setting with its value; with KEY, print its value; "
            "with KEY VALUE, check and store the new value. Exit 2 for an unknown key "
            "or a refused value."
        ),
    )
    parser.add_argument("key", nargs="?", metavar="KEY")
    parser.add_argument("value", nargs="?", metavar="VALUE")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $QUIZ_DB or the user data dir)"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from quizgen.store import open_database, resolve_db_path
    from quizgen.study.settings import SettingsError, describe_settings, set_setting, setting_text

    # reading a missing database shows the defaults and creates nothing (a mistyped --db
    # must not leave an empty database behind); storing a value creates it
    missing = not resolve_db_path(args.db).exists()
    db = open_database(
        ":memory:" if missing and args.value is None else args.db, defer_library=True
    )
    try:
        if args.key is None:
            rows = describe_settings(db)
            width = max(len(key) for key, _, _ in rows)
            for key, value, description in rows:
                print(f"{key:<{width}}  {value:<12}  # {description}")
        elif args.value is None:
            print(setting_text(db, args.key))
        else:
            set_setting(db, args.key, args.value)
            print(f"{args.key} = {setting_text(db, args.key)}")
    except SettingsError as error:
        print(f"quiz config: {args.key}: {error}", file=sys.stderr)
        return 2
    return 0
