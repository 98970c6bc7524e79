"""The package's expected failures: things the person running it can fix.

One root, four families (the shape of httpx's ``_exceptions.py``)::

    AnalysisError                 anything the person can fix; exit code 2
    ├── InputError                what was given to read: a folder, a file, a cell, a year, an option
    │   ├── FolderNotFound        a folder named on the command line or in a notebook is not there
    │   ├── YearsError            years that are not B.E. years, or that nothing on disk holds
    │   ├── UsageError            options that do not go together, or a value out of range
    │   ├── Unreadable            a file that cannot be opened (held as a quarantine row, not raised to the user)
    │   └── ValueProblem          a cell that cannot be read as its type (analysis.grammar.problem)
    ├── RubricError               a rubric file that cannot be used
    ├── OutputError               a result that cannot be written, or is not there
    │   ├── FileInUse             open in Excel, locked or read-only
    │   ├── StaleOutput           a folder that is not the current output of its step
    │   └── MissingOutput         a file the next step needs is not there
    ├── PrivacyError              a report would carry what it must not
    │   └── NamesLeaked           a personal name in a public report
    └── SetupError                the installation is incomplete (notebooks, the Sarabun font)

Each carries a message in Thai and English that names the file, folder or value and says what to
do. The command line prints it and exits 2; a notebook shows it as the cell's error. Anything else
that escapes is a bug and is reported as one ("internal error", exit 3). A foreign library's
error is turned into one of these where the package calls it (``map_exceptions``), never guessed
at in ``main()``. Classes that were ``ValueError`` or ``FileNotFoundError`` before keep that base
too, so code that caught the builtin still does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager


class AnalysisError(Exception):
    """An expected failure; ``str(exc)`` is the whole message, Thai first, then English."""


# ------------------------------------------------------------------------------ input
class InputError(AnalysisError):
    """Something given to the package to read (a folder, a file, a cell, a year, an option) is not
    what it must be."""


class FolderNotFound(InputError, FileNotFoundError):
    """A folder named on the command line or in a notebook's parameters does not exist."""

    def __str__(self) -> str:
        return self.args[0]


class YearsError(InputError, ValueError):
    """Years on the command line that are not B.E. years, or a year with neither its folder nor its
    rubric (with a hint when the slip is a common one: an A.D. year, two digits swapped)."""


class UsageError(InputError, ValueError):
    """Options that do not go together (``--score-sheets`` without ``--clean-dir``) or a value
    out of its range (``--draws 0``)."""


class Unreadable(InputError):
    """A file that cannot be read, with the reason in Thai and English.

    The reader turns it into an ``unreadable_file`` quarantine row, so a year goes on without
    the file; it reaches the person only through the clean report."""

    def __init__(self, th: str, en: str):
        super().__init__(en)
        self.th, self.en = th, en

    def __str__(self) -> str:
        return f"{self.th} / {self.en}"


# ------------------------------------------------------------------------------ rubric
class RubricError(AnalysisError, ValueError):
    """A rubric file that cannot be used; the message says where and why, in Thai and English."""


# ------------------------------------------------------------------------------ output
class OutputError(AnalysisError):
    """A result that cannot be written where it must go, or that is not there for the next step."""


class FileInUse(OutputError, PermissionError):
    """A file the step must replace is open elsewhere, locked or read-only."""

    def __init__(self, path):
        self.path = str(path)
        super().__init__(
            f"เขียนไฟล์ {path} ไม่ได้: ไฟล์เปิดอยู่ในโปรแกรมอื่น (เช่น Excel) หรือเป็นไฟล์อ่านอย่างเดียว "
            f"ให้ปิดไฟล์แล้วรันใหม่ / cannot write {path}: it is open in another program (Excel, say) "
            f"or read-only; close it and run again")

    def __str__(self) -> str:
        return self.args[0]


class StaleOutput(OutputError):
    """A folder whose files are not the complete, current output of the step that should have made them."""


class MissingOutput(OutputError, FileNotFoundError):
    """A file the next step needs is not there."""

    def __str__(self) -> str:
        return self.args[0]


# ------------------------------------------------------------------------------ privacy
class PrivacyError(AnalysisError):
    """A report would carry what its audience must not see."""


class NamesLeaked(PrivacyError):
    """A public report still holds a personal name: it must not be shared."""


# ------------------------------------------------------------------------------ set-up
class SetupError(AnalysisError, FileNotFoundError):
    """The installation is incomplete: a file the package ships (its notebooks, the Sarabun font)
    is missing; reinstalling (``make setup``) fixes it."""

    def __str__(self) -> str:
        return self.args[0]


# ------------------------------------------------------------------------------ the boundary
Translate = Callable[[BaseException], "AnalysisError | None"]


@contextmanager
def map_exceptions(mapping: Mapping[type[BaseException], Translate]) -> Iterator[None]:
    """Turn a foreign library's errors into the package's where the package calls it.

    ``mapping`` gives, for each foreign class, a function from the caught exception to the
    package's (or ``None`` to let it go on as it is: a bug stays a bug). The first class in the
    mapping that matches wins; the original is kept as ``__cause__``.
    """
    try:
        yield
    except AnalysisError:
        raise
    except BaseException as exc:
        for kind, translate in mapping.items():
            if isinstance(exc, kind):
                mapped = translate(exc)
                if mapped is not None:
                    raise mapped from exc
                break
        raise
