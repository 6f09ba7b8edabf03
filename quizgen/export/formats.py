"""Export format names and where each one's exporter lives, without importing them.

`quiz export` imports only the module of the format asked for: JSONL does not
load the Anki writer (and its card-kind and option tables) just to be chosen.
quizgen.export.common.EXPORTERS holds the same functions, imported; a test keeps
the two in step.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

EXPORTER_PATHS: dict[str, tuple[str, str]] = {
    "jsonl": ("quizgen.export.jsonl", "export_jsonl"),
    "csv": ("quizgen.export.csv", "export_csv"),
    "apkg": ("quizgen.export.anki", "export_apkg"),
}
"""Format name -> (module, function) of its exporter."""


def exporter_for(name: str) -> Callable[..., int]:
    """The exporter of format `name` (one of EXPORTER_PATHS), importing only its module."""
    module, function = EXPORTER_PATHS[name]
    return getattr(importlib.import_module(module), function)
