"""The shared vocabulary, free of I/O.

Models, identity, date formatting, errors and the one answer checker.
"""
