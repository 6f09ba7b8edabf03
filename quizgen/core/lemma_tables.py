"""lemminflect with its word tables read on demand, word by word.

lemminflect parses both of its tables (about 100,000 lines each) into nested
dictionaries on first use: ~0.9 s and tens of megabytes in every build process,
for the few hundred words a build asks about. Here the decompressed lines are only
sorted (C speed) and a word's lines are found by bisection and parsed with
lemminflect's own codecs when first asked for, then kept; every answer is the one
lemminflect's eager load gives (tests/core/test_lemma_tables.py checks every word).
numpy, which lemminflect imports for its out-of-vocabulary models, is imported only
when one of those is used.
"""

from __future__ import annotations

import gzip
import importlib
import sys
from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any


class _LazyTable(dict):
    """The `word -> forms` dictionary lemminflect expects, filled on lookup.

    lemminflect only calls `.get(word, {})` on its tables (and assigns the few
    auxiliaries it hard-codes); a word's entry is built the way lemminflect's
    loader builds it, from the lines that start with `word,`, in file order.
    """

    def __init__(self, path: str, parse: Callable[[str], dict[str, Any]]) -> None:
        super().__init__()
        self._file_order, self._lines = _sorted_lines(path)
        self._parse = parse

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        if word in self:
            return dict.__getitem__(self, word)
        prefix = word + ","
        lines = self._lines
        position = bisect_left(lines, prefix)
        found = []
        while position < len(lines) and lines[position].startswith(prefix):
            found.append((self._file_order[position], lines[position]))
            position += 1
        if not found:
            return default
        entry: dict[str, Any] = {}
        for _, line in sorted(found):  # in file order, as lemminflect's loader merges them
            entry.update(self._parse(line))
        dict.__setitem__(self, word, entry)
        return entry


def _sorted_lines(path: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The table's lines sorted (for bisection), with each one's place in the file, kept in
    the derived-table cache: decompressing, splitting and sorting both tables cost ~45 ms
    in every process, reading them back ~8 ms."""
    from quizgen.core.derived_cache import load_derived

    return load_derived(
        f"lemminflect-{Path(path).name.split('.')[0]}",
        [Path(path), Path(__file__)],
        lambda: _derive_sorted_lines(path),
    )


def _derive_sorted_lines(path: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    with gzip.open(path, "rb") as stream:
        lines = stream.read().decode().splitlines()
    file_order = sorted(range(len(lines)), key=lines.__getitem__)
    return tuple(file_order), tuple(lines[index] for index in file_order)


class _NumpyOnFirstUse(ModuleType):
    """Stands for numpy while lemminflect is imported; imports it at the first attribute.

    lemminflect imports numpy (0.3–0.6 s) at import time only for its out-of-vocabulary
    models, which a build rarely reaches; every use of numpy there is inside a function.
    """

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get("numpy") is self:
            del sys.modules["numpy"]
        return getattr(importlib.import_module("numpy"), name)


def _import_lemminflect() -> ModuleType:
    if "lemminflect" in sys.modules or "numpy" in sys.modules:
        return importlib.import_module("lemminflect")
    stand_in = _NumpyOnFirstUse("numpy")
    sys.modules["numpy"] = stand_in
    try:
        return importlib.import_module("lemminflect")
    finally:
        if sys.modules.get("numpy") is stand_in:
            del sys.modules["numpy"]  # anyone else importing numpy gets the real one


@cache
def lemminflect_module() -> ModuleType:
    """lemminflect, its lemma and inflection tables installed as lazy tables (once)."""
    lemminflect = _import_lemminflect()
    from lemminflect import config
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.Inflections import Inflections
    from lemminflect.core.Lemmatizer import Lemmatizer
    from lemminflect.core.LexicalUtils import categoryToUPos

    def lemma_line(line: str) -> dict[str, Any]:
        _, category, forms = LemmaLUCodec.fromString(line)
        return {categoryToUPos(category): forms}

    def inflection_line(line: str) -> dict[str, Any]:
        return InflectionLUCodec.fromString(line)[2]

    lemmatizer = Lemmatizer()
    if not hasattr(lemmatizer, "lemma_dict"):
        lemmatizer.lemma_dict = _LazyTable(config.lemma_lu_fn, lemma_line)
    inflections = Inflections()
    if not hasattr(inflections, "infl_dict"):
        table = _LazyTable(config.inflection_lu_fn, inflection_line)
        # the loader's last step: hard-coded auxiliaries and modals replace their entries
        inflections.infl_dict = InflectionLUCodec.updateForAuxMod(table)
    return lemminflect
