"""quizgen: turn encyclopedia articles into spaced-repetition flashcards."""

__version__ = "0.1.0"
