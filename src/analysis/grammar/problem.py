"""Why a cell cannot be read: one exception, in Thai and English, naming the part of the grammar
that failed and what the clerk should write instead."""

from __future__ import annotations

from analysis.errors import InputError


class ValueProblem(InputError, ValueError):
    """A cell that cannot be read as the type asked for.

    ``code`` is the kind of value (``bad_number``, ``bad_percent``, ``bad_date``, ...), ``part``
    the part of the grammar that failed (``inexact``, ``two_numbers``, ``unknown_word``,
    ``no_day``, ...; ``parts.py`` and the README list them), ``fix_th`` / ``fix_en`` what to write
    instead. The messages ``th`` / ``en`` name the text as typed.
    """

    def __init__(self, code: str, th: str, en: str, *, part: str | None = None,
                 fix_th: str = "", fix_en: str = ""):
        super().__init__(en)
        self.code, self.th, self.en = code, th, en
        self.part, self.fix_th, self.fix_en = part, fix_th, fix_en

    def __reduce__(self):  # keep it picklable (multiprocessing, caching)
        return (_rebuild, (type(self), self.code, self.th, self.en, self.part, self.fix_th, self.fix_en))

    @property
    def fix(self) -> str | None:
        """What to write instead, in both languages, for the quarantine's suggestion column."""
        return f"{self.fix_th} / {self.fix_en}" if self.fix_th else None


def _rebuild(cls, code, th, en, part, fix_th, fix_en):
    return cls(code, th, en, part=part, fix_th=fix_th, fix_en=fix_en)
