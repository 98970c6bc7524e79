"""The package's expected failures: things the person running it can fix.

Each carries a message in Thai and English that names the file, folder or value and says what to
do. The command line prints the message and exits 2; a notebook shows it as the cell's error.
Anything else that escapes is a bug and is reported as one ("internal error").
"""

from __future__ import annotations


class AnalysisError(Exception):
    """An expected failure; ``str(exc)`` is the whole message, Thai first, then English."""


class YearsError(AnalysisError, ValueError):
    """Years on the command line that are not B.E. years (with a hint when the slip is a common one)."""
