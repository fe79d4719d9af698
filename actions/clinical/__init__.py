"""The clinical policy of ../shared/clinical-reference.md, in plain Python.

Nothing in this package imports Rasa: it maps findings to a warning sign, a
likely condition, an urgency level and advice, and it says which question is
still needed to decide.
"""
