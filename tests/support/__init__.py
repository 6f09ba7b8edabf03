"""Helpers shared by the tests: databases built by hand, synthetic articles, labelled cases.

Importable as `support.*` from every test folder: pytest puts tests/ (where the
shared conftest.py lives) on sys.path. The benchmarks in bench/ import the
corpus synthesizer and the labelled grading cases from here too.
"""
