"""Taking a cell apart into pieces, and naming each word by the grammar's tables.

Pieces: a numeral (``1,250,000.50``, ``1 250 000``, ``1.250.000``), a word (a run of Thai letters,
or of Latin letters, with the dots of an abbreviation: ``อปท.``, ``พ.ศ.``, ``a.m.``), or one sign.
A run of Thai letters has no spaces between its words (``ไม่มีเรื่องร้องเรียน``,
``สิบสองครั้ง``): it is cut into the tables' words by pythainlp's dictionary tokenizer (``newmm``
with the tables as its dictionary); what is left between them is one unknown word.

A word that is in no table may still be one of them misspelt: a word of four letters or more
whose *skeleton* (the letters without tone marks and the vowels written above or below) is at
most one edit from the skeleton of one table word (two for seven letters or more), and nearer to
it than to any word of another part, is that word (``เปอร์เซนต์`` is ``เปอร์เซ็นต์``, ``ร้อยล่ะ``
is ``ร้อยละ``, ``ประมาน`` is ``ประมาณ``). Shorter words must be exact: ``คืน`` is not ``คน``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

NUMERAL = (r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?"  # 1,250,000.50
           r"|\d{1,3}(?: \d{3})+(?![\d,])(?:\.\d+)?"  # 1 250 000.00
           r"|\d{1,3}(?:\.\d{3}){2,}(?![\d.])"  # 1.250.000
           r"|\d*\.\d+|\d+")
_TOKEN = re.compile(
    rf"(?P<num>{NUMERAL})"
    r"|(?P<th>[\u0e01-\u0e4e]+(?:\.[\u0e01-\u0e4e]+)*\.?)"
    r"|(?P<la>[a-z]+(?:\.[a-z]+)*\.?)"
    r"|(?P<sym>\S)")
# Tone marks and the vowels written above or below a consonant: what a slip of the hand drops.
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


@dataclass(frozen=True)
class Piece:
    kind: str  # num, word, sym
    text: str
    start: int  # where it stands in the text (characters), so messages can quote it


def tokens(text: str) -> list[Piece]:
    """The pieces of a normalised, lower-cased text (see the module's docstring)."""
    return [Piece("num" if m["num"] else "sym" if m["sym"] else "word", m.group(), m.start())
            for m in _TOKEN.finditer(text)]


def skeleton(word: str) -> str:
    return _MARKS.sub("", word.replace(".", ""))


class Vocabulary:
    """Words of a grammar, each naming a part: exact lookup, the dictionary for cutting runs of
    Thai, and the near matches of misspellings."""

    def __init__(self, parts: dict[str, list[str]]):
        self.part: dict[str, str] = {}
        for part, words in parts.items():
            for w in words:
                for form in {w.lower(), w.lower().replace(".", "")}:
                    self.part.setdefault(form, part)
        self._thai = sorted({w for w in self.part if re.fullmatch("[\u0e01-\u0e4e.]+", w)}, key=len, reverse=True)
        self._trie = None
        near: dict[str, dict[str, str]] = {}  # skeleton -> part -> a word of it
        for w, part in self.part.items():
            s = skeleton(w)
            if len(s) >= 3:
                near.setdefault(s, {}).setdefault(part, w)
        self._near = near

    def lookup(self, word: str) -> str | None:
        """The part a word names: exactly, without its dots, or as a near spelling."""
        return self.match(word)[0]

    def match(self, word: str) -> tuple[str | None, str | None]:
        """(the part a word names, the table's word it is), exactly or as a near spelling."""
        w = word.lower()
        for form in (w, w.replace(".", "")):
            if form in self.part:
                return self.part[form], form
        return self._nearest(w)

    @lru_cache(maxsize=4096)
    def _nearest(self, word: str) -> tuple[str | None, str | None]:
        s = skeleton(word)
        if len(s) < 4:
            return None, None
        limit = 2 if len(s) >= 7 else 1
        best, found = None, {}
        for other, its in self._near.items():
            if abs(len(other) - len(s)) > limit:
                continue
            d = Levenshtein.distance(s, other, score_cutoff=limit)
            if d <= limit:
                if best is None or d < best:
                    best, found = d, dict(its)
                elif d == best:
                    found.update({p: w for p, w in its.items() if p not in found})
        return next(iter(found.items())) if len(found) == 1 else (None, None)

    def cut(self, run: str) -> list[str]:
        """A run of Thai letters cut into the vocabulary's words; the rest between them as one
        piece each (pythainlp's newmm, with these words as its dictionary)."""
        if self.lookup(run):  # a word of the tables, or one misspelt: never cut it apart
            return [run]
        if self._trie is None:
            from pythainlp.tokenize import word_tokenize  # noqa: F401 - loaded on first Thai run
            from pythainlp.util import Trie

            self._trie = Trie(self._thai)
        return _merge_unknown(self._cut(run), self)

    @lru_cache(maxsize=8192)
    def _cut(self, run: str) -> tuple[str, ...]:
        from pythainlp.tokenize import word_tokenize

        return tuple(p for p in word_tokenize(run, custom_dict=self._trie, engine="newmm", keep_whitespace=False)
                     if p.strip())

    def __hash__(self):
        return id(self)


def _merge_unknown(pieces, vocab: Vocabulary) -> list[str]:
    """Neighbouring pieces that are no word of the vocabulary are one unknown word: the
    tokenizer cuts what it does not know at arbitrary places."""
    out: list[str] = []
    unknown = False
    for p in pieces:
        known = p in vocab.part or p.replace(".", "") in vocab.part
        if not known and unknown and out:
            out[-1] += p
        else:
            out.append(p)
        unknown = not known
    return out
