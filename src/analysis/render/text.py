"""How much of a line a text takes, for laying out tables and sheets.

Thai is measured by what takes room on the line: vowels and tone marks above and below a letter
(combining characters) take none, so "สิ่งที่" is three letters wide, not seven.
"""

from __future__ import annotations

import unicodedata

THAI_LETTER = 0.9  # a Thai letter's width in widths of "0" (Sarabun; Tahoma, Leelawadee or Noto in Excel and Calc)


def text_width(text) -> float:
    """``text``'s width in widths of "0": combining marks (Thai vowels above and below, tone marks)
    and invisible format characters take nothing, wide East Asian characters two, a Thai letter
    ``THAI_LETTER``, anything else one. The widest line when ``text`` has several."""
    widest = 0.0
    for line in str(text).split("\n"):
        width = 0.0
        for ch in line:
            if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
                continue
            if "\u0e00" <= ch <= "\u0e7f":
                width += THAI_LETTER
            elif unicodedata.east_asian_width(ch) in ("W", "F"):
                width += 2
            else:
                width += 1
        widest = max(widest, width)
    return widest
