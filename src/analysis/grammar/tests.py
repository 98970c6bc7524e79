"""Test and trial responses: the answers someone sent to try a form, which a form export keeps.

A cell is a test marker when, once titles, digits and punctuation are set apart, every word of it
is a test word or a word that may stand beside one (``parts.TEST_WORDS``, ``parts.TEST_FILLER``)
and one of them is a test word: ``ทดสอบ``, ``Test Test``, ``นายทดสอบ ระบบ``, ``ลองกรอกข้อมูล 2``.
A name or a title typed as a keyboard run (``ฟหกฟหกฟหก``, the Thai keys under a-s-d-f;
``aaaa``, ``asdfasdf``) is one too. A real project that tests something (``โครงการทดสอบคุณภาพน้ำ``)
holds other words, so it is no marker.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.grammar import parts as P
from analysis.grammar.normal import normal
from analysis.grammar.words import Vocabulary

VOCABULARY = Vocabulary({"test": P.TEST_WORDS, "filler": P.TEST_FILLER})
_WORDS = re.compile(r"[\u0e01-\u0e4e]+(?:\.[\u0e01-\u0e4e]+)*\.?|[a-z]+(?:\.[a-z]+)*\.?")
_LETTERS = re.compile(r"[^\u0e01-\u0e4ea-z]+")


@lru_cache(maxsize=1 << 14)
def is_test_marker(text: str) -> bool:
    """Whether a cell holds only test words (see the module's docstring)."""
    words = [w for run in _WORDS.findall(normal(text).lower())
             for w in (VOCABULARY.cut(run) if "\u0e01" <= run[0] <= "\u0e4e" else [run])]
    if not words:
        return False
    found = [VOCABULARY.part.get(w) or VOCABULARY.part.get(w.rstrip(".")) for w in words]
    return all(found) and "test" in found


@lru_cache(maxsize=1 << 14)
def is_keyboard_run(text: str) -> bool:
    """Whether a name or title is letters typed for the sake of it: one to four letters repeated
    three times or more (``aaaa``, ``ฟหกฟหกฟหก``, ``asdfasdfasdf``), short as a hand types it (a
    longer run is a pasted page, held back for its length)."""
    letters = _LETTERS.sub("", normal(text).lower())
    return 3 <= len(letters) <= 40 and bool(re.fullmatch(r"(.{1,4}?)\1{2,}", letters))
