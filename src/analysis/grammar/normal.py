"""One normalisation of every cell, before any reader sees it.

A cell that looks the same on screen can differ in its characters: a digit typed in Thai (๙),
full-width (９) or copied from a PDF (𝟗); a space that is a no-break, thin or ideographic space;
a zero-width space or a byte-order mark inside the text; a Thai vowel typed as two characters
(``เเ`` for ``แ``, ``ํา`` for ``ำ``) or a tone mark typed before its vowel. Every reader (values,
places, headers, the not-data rules) reads :func:`normal` of a cell, so a rule written for the
plain spelling covers every way of typing it.

What it does, in order, each a class of character (Unicode's own categories, not a list of
characters someone reported):

1. every decimal digit of any script (category Nd: Thai, full-width, Arabic-Indic, mathematical)
   becomes its ASCII digit;
2. width and font variants (``<wide>``, ``<narrow>``, ``<font>`` compatibility forms: ``（``,
   ``％``, ``Ａ``) become their ASCII form;
3. every space (category Zs, line and paragraph separators, tabs and line breaks) becomes one
   space, and runs of spaces one space;
4. invisible characters (category Cf: zero-width spaces and joiners, byte-order marks, soft
   hyphens, direction marks; and control characters) are removed;
5. dashes (category Pd) and the minus sign become ``-``; curly quotes straight ones;
6. Thai vowels and tone marks are composed and put in their order (pythainlp's ``normalize``:
   ``เเ`` is ``แ``, ``ํา`` is ``ำ``, a tone mark before its vowel goes after it, a mark typed twice
   counts once, a space before a mark goes); ``าํ``, the order a PDF's text layer gives ``ำ``, is
   ``ำ`` too.

Unicode NFKC is *not* applied to the text as a whole: it decomposes ``ำ`` into ``ํ`` + ``า``,
the very split step 6 repairs. Thai letters never pass through it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import normalize as _thai_normalize

_WIDTH_TAGS = ("<wide>", "<narrow>", "<font>")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
_SPACES = re.compile(" {2,}")
_THAI = re.compile("[\u0e00-\u0e7f]")


@lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    """The character map of steps 1-5, for ``str.translate`` (built once, on first use: the
    Basic Multilingual Plane and the Supplementary one, where the mathematical digits are)."""
    table: dict[int, str | None] = {}
    for cp in range(0x20000):
        if 0x0E00 <= cp <= 0x0E7F or 0xD800 <= cp <= 0xDFFF:  # Thai is step 6's; surrogates no text
            continue
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat == "Nd":
            digit = str(unicodedata.decimal(c))
            if digit != c:
                table[cp] = digit
        elif cat in ("Zs", "Zl", "Zp") or c in "\t\n\r\v\f\x85":
            if c != " ":
                table[cp] = " "
        elif cat == "Cf" or (cat == "Cc" and c not in "\t\n\r\v\f\x85"):
            table[cp] = None
        elif cat == "Pd" or c in "\u2212\ufe63":
            if c != "-":
                table[cp] = "-"
        elif c in _QUOTES:
            table[cp] = _QUOTES[c]
        elif unicodedata.decomposition(c).startswith(_WIDTH_TAGS):
            table[cp] = unicodedata.normalize("NFKC", c)
    # Thai digits (inside the Thai block, which the loop leaves to step 6)
    for cp in range(0x0E50, 0x0E5A):
        table[cp] = str(cp - 0x0E50)
    return table


@lru_cache(maxsize=1)
def digits() -> dict[int, str]:
    """Step 1 alone: every decimal digit of any script as its ASCII digit."""
    return {cp: c for cp, c in _table().items() if c is not None and c.isdigit() and unicodedata.category(chr(cp)) == "Nd"}


def _once(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFC", text.translate(_table()))
        if _THAI.search(text):
            text = _thai_normalize(text.replace("\u0e32\u0e4d", "\u0e33"))
    else:
        text = text.translate(_ASCII_SPACES)
    return _SPACES.sub(" ", text).strip()


_ASCII_SPACES = {ord(c): " " for c in "\t\n\r\v\f"} | {cp: None for cp in range(32) if chr(cp) not in "\t\n\r\v\f"} \
    | {0x7F: None}


@lru_cache(maxsize=1 << 17)
def normal(text: str) -> str:
    """A cell's text as every reader reads it (see the module's docstring); '' when nothing is
    left. Repeated to a fixed point, so ``normal(normal(t)) == normal(t)``. Remembered: a year's
    files repeat the same few thousand texts."""
    for _ in range(5):
        cleaned = _once(text)
        if cleaned == text:
            break
        text = cleaned
    return text
