"""The card browser without a screen: search, a card's info, edits, flags, suspend, reset.

The app's browser screen and the `quiz cards` / `quiz card` commands both call these
functions, so the same search and the same checks hold everywhere.
"""
