"""The one root of quizgen's expected errors.

Every error that bad input can cause (a broken seed file, an unusable database)
derives from QuizgenError and carries a one-line message, so the command line
prints it as one line instead of a traceback without importing the modules that
raise it.
"""


class QuizgenError(Exception):
    """An expected failure; str(error) is one line naming the file and the reason."""
