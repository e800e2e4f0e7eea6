"""Question banks, one module per chapter (`cantine`, `energie`, …).

The book, the workshop notebook and the graded assignment of a chapter all import the same questions
from here: a statement, its hints and its solution are written once.
"""
