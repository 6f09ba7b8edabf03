"""Every expected failure shares one root, so the CLI prints it as one line."""

from __future__ import annotations

import pytest

from quizgen.cards.decks import DeckDefinitionError
from quizgen.core.errors import QuizgenError
from quizgen.export.output import ExportError
from quizgen.history.optimize import OptimizeError
from quizgen.ingest.readers import ReaderError
from quizgen.store import StoreError
from quizgen.study.session import StudyError
from quizgen.study.settings import SettingsError


@pytest.mark.parametrize(
    "error",
    [
        DeckDefinitionError,
        ExportError,
        OptimizeError,
        ReaderError,
        SettingsError,
        StoreError,
        StudyError,
    ],
)
def test_each_error_is_a_quizgen_error(error):
    assert issubclass(error, QuizgenError)


def test_a_refused_setting_is_still_a_value_error():
    assert issubclass(SettingsError, ValueError)  # callers that catch ValueError keep working
