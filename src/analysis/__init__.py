"""Analysis of DLA's outstanding district local officer evaluation and the 1 province 1
development award: clean the forms, score them, compare provinces, report in Thai."""

__version__ = "0.1.0"
