"""Numbers, counts, money, scores and rates: one grammar, read by one rule.

A quantity cell is, in order of its parts (``parts.py`` names every word each part accepts)::

    [neutral words] [sign] [currency] NUMBER [multiplier] [unit] [per year] [baht dash] [neutral]
                                                     [( the same amount again, in words or figures )]

NUMBER is a numeral (any digits: ``normal`` made them ASCII; thousands with commas, spaces or,
two groups or more, dots; a decimal point) or Thai number words (``สิบสอง``, read by pythainlp's
``thaiword_to_num``). The parts may come in another order (``บาท 500``), but each at most once.

The rule: the cell is read when every piece is a part its type accepts and together they make
exactly one value. It is held back, naming the part, when it makes none (no number: ``n/a``) or
two (``10-12``, ``12 หรือ 13``, ``12 คน 5 ครั้ง``, a restatement in brackets that says another
amount), or when a piece is a word the type is not written with (``ประมาณ``: inexact; ``บาท`` in a
count; ``/เดือน``: per month; an unknown word). ``ไม่มี`` (none), alone or with what there was
none of, is zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from pythainlp.util import thaiword_to_num

from analysis.grammar import parts as P
from analysis.grammar.normal import normal
from analysis.grammar.problem import ValueProblem
from analysis.grammar.words import Piece, Vocabulary, tokens

_DIGIT_WORDS = set(P.NUMBER_WORDS) - set(P.MULTIPLIERS)

VOCABULARY = Vocabulary({
    "percent": P.PERCENT, "currency": P.CURRENCY, "multiplier": list(P.MULTIPLIERS),
    "numword": P.NUMBER_WORDS, "none": P.NONE_WORDS, "inexact": P.INEXACT, "neutral": P.NEUTRAL,
    "joiner": [w for w in P.JOINERS if len(w) > 1], "per": [w for w in P.PER if len(w) > 1],
    "year": P.PERIOD_YEAR, "period": P.PERIOD_OTHER, "count_unit": P.COUNT_UNITS + P.COUNT_NOUNS,
    "score_unit": P.SCORE_UNITS, "satang": P.SATANG,
})

_PHRASES = sorted({w for w in VOCABULARY.part if " " in w}, key=len, reverse=True)
VOCABULARY.part.update({w.replace(" ", ""): VOCABULARY.part[w] for w in _PHRASES})

_KIND_TH = {"count": "จำนวน", "money": "จำนวนเงิน", "score": "คะแนน", "number": "ตัวเลข", "percent": "ร้อยละ"}
_KIND_EN = {"count": "a count", "money": "an amount of money", "score": "a score", "number": "a number",
            "percent": "a percentage"}
_CODE = {"percent": "bad_percent"}


@dataclass(frozen=True)
class Quantity:
    """What a quantity cell says: its value, and whether it said it was a percentage."""

    value: Decimal
    percent: bool = False


def _fail(kind: str, raw: str, part: str, why_th: str, why_en: str, fix_th: str, fix_en: str):
    return ValueProblem(
        _CODE.get(kind, "bad_number"),
        f"อ่านค่า '{raw}' เป็น{_KIND_TH[kind]}ไม่ได้: {why_th}",
        f"cannot read '{raw}' as {_KIND_EN[kind]}: {why_en}",
        part=part, fix_th=fix_th, fix_en=fix_en)


def _numeral(text: str) -> Decimal:
    if text.count(".") >= 2:  # 1.250.000: dots between the thousands
        text = text.replace(".", "")
    return Decimal(text.replace(",", "").replace(" ", ""))


@dataclass
class _Word:
    part: str  # the part it names, or num (a numeral), sym (a sign), unknown
    text: str
    value: Decimal | None = None


def _pieces(text: str, vocab: Vocabulary) -> list[_Word]:
    """The pieces of ``text``, each named: numerals with their value, Thai number words joined
    into one numeral, words by the vocabulary."""
    out: list[_Word] = []
    for phrase in _PHRASES:  # a table word of two words ("per cent") is one piece
        if phrase in text:
            text = text.replace(phrase, phrase.replace(" ", ""))
    for piece in tokens(text):
        if piece.kind == "num":
            out.append(_Word("num", piece.text, _numeral(piece.text)))
        elif piece.kind == "sym":
            out.append(_Word("percent" if piece.text == "%" else "currency" if piece.text == "฿" else "sym",
                             piece.text))
        else:
            words = vocab.cut(piece.text) if "\u0e01" <= piece.text[0] <= "\u0e4e" else [piece.text]
            out += [_Word(vocab.lookup(w) or "unknown", w) for w in words]
    return _number_words(out)


def _number_words(words: list[_Word]) -> list[_Word]:
    """Runs of Thai number words as one numeral (``สิบ`` ``สอง`` is 12; ``หนึ่ง`` ``ล้าน`` is
    1,000,000). A multiplier alone after a numeral stays a multiplier (``1.5 ล้าน``)."""
    out: list[_Word] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and words[j].part in ("numword", "multiplier") and words[j].text in P.NUMBER_WORDS:
            j += 1
        run = words[i:j]
        if run and any(w.text in _DIGIT_WORDS for w in run):
            text = "".join(w.text for w in run)
            try:
                out.append(_Word("num", text, Decimal(thaiword_to_num(text))))
            except (ValueError, TypeError, IndexError, KeyError, InvalidOperation):
                out.append(_Word("unknown", text))
            i = j
        else:
            out.append(words[i])
            i += 1
    return out


def _brackets(words: list[_Word]) -> tuple[list[_Word], list[list[_Word]]] | None:
    """The words outside brackets, and each bracketed group (brackets inside a group are part of
    it: ``(แห่ง (อปท.))``); None when a bracket is not closed or closes none."""
    outside, groups, inside, depth = [], [], [], 0
    for w in words:
        opening = w.part == "sym" and w.text in P.BRACKETS
        closing = w.part == "sym" and w.text in P.BRACKETS.values()
        if opening:
            depth += 1
            if depth == 1:
                inside = []
            continue
        if closing:
            if depth == 0:
                return None
            depth -= 1
            if depth == 0:
                groups.append(inside)
            continue
        (outside if depth == 0 else inside).append(w)
    return None if depth else (outside, groups)


def _fmt(d: Decimal) -> str:
    return f"{d:,f}".rstrip("0").rstrip(".") if "." in f"{d:f}" else f"{d:,}"


class _Reader:
    """One cell read as one kind (see the module's docstring)."""

    def __init__(self, raw: str, kind: str):
        self.raw, self.kind, self.spec = raw, kind, P.KINDS[kind]

    def fail(self, part, th, en, fix_th="", fix_en=""):
        return _fail(self.kind, self.raw, part, th, en, fix_th, fix_en)

    def read(self, words: list[_Word], restating: bool = False) -> Quantity:
        split = _brackets(words)
        if split is None:
            raise self.fail("bracket", "วงเล็บไม่ครบคู่", "a bracket is not closed",
                            "ปิดวงเล็บ หรือลบวงเล็บออก", "close the bracket or remove it")
        words, groups = split
        if restating and groups:
            raise self.fail("bracket", "มีวงเล็บซ้อนกัน", "brackets inside brackets",
                            "เขียนค่าโดยไม่มีวงเล็บซ้อน", "write the value without nested brackets")
        restatements = []
        for group in groups:
            if any(w.part == "num" for w in group):
                restatements.append(group)
            else:
                words = words + group  # "(บาท)", "(คน)": a unit in brackets is a unit
        nums = [i for i, w in enumerate(words) if w.part == "num"]
        if not nums and restatements and not restating:
            raise self.fail("brackets_only", "ตัวเลขอยู่ในวงเล็บ (อาจหมายถึงค่าติดลบ)",
                            "the number is in brackets (it may mean a negative value)",
                            "เขียนตัวเลขโดยไม่มีวงเล็บ", "write the number without brackets")
        value, percent = self._one(words, nums)
        for group in restatements:
            again = self.read(group, restating=True)
            if again.value != value:
                said = " ".join(w.text for w in group)
                raise self.fail("restatement", f"ตัวเลข {_fmt(value)} กับที่เขียนในวงเล็บ ({said}) ไม่ตรงกัน",
                                f"the figure {_fmt(value)} and what the brackets say ({said}) differ",
                                "แก้ให้ตรงกัน หรือเขียนเฉพาะตัวเลข", "make them agree, or write the figure only")
            percent |= again.percent
        return Quantity(value, percent)

    def _one(self, words: list[_Word], nums: list[int]) -> tuple[Decimal, bool]:
        spec, kind = self.spec, self.kind
        for i, w in enumerate(words):
            if w.part == "inexact" or (w.part == "sym" and w.text in P.INEXACT_SIGNS):
                raise self.fail("inexact", f"คำว่า '{w.text}' ทำให้ไม่ใช่ค่าที่แน่นอน",
                                f"'{w.text}' makes it inexact or a bound, not a value",
                                "เขียนค่าที่แน่นอน", "write the exact value")
        if len(nums) == 2 and self.spec["currency"] and nums[1] + 1 < len(words) \
                and words[nums[1] + 1].part == "satang" and words[nums[1]].value < 100 \
                and any(w.part == "currency" for w in words[nums[0] + 1:nums[1]]):
            # "2,500 บาท 50 สตางค์", "สองพันห้าร้อยบาทห้าสิบสตางค์": baht and satang are one amount
            satang = words[nums[1]]
            words = words[:nums[1]] + words[nums[1] + 2:]
            value, percent = self._one(words, nums[:1])
            return value + satang.value / 100 * (1 if value >= 0 else -1), percent
        if len(nums) >= 2:
            between = words[nums[0] + 1:nums[1]]
            joined = [w.text for w in between if w.part == "joiner" or (w.part == "sym" and w.text in P.JOINERS)]
            a, b = words[nums[0]].text, words[nums[1]].text
            if (joined == [","] and len(between) == 1 and len(b) != 3 and b.isdigit() and "," not in a
                    and "." not in a and len(nums) == 2):
                raise self.fail("comma_decimal", f"'{a},{b}' ใช้จุลภาคเป็นจุดทศนิยม",
                                f"'{a},{b}' uses a comma as the decimal point",
                                f"เขียนจุดทศนิยมด้วยจุด: {a}.{b}", f"write the decimal with a point: {a}.{b}")
            if joined and joined[0] == "/" and len(nums) == 2:
                raise self.fail("fraction", f"'{a}/{b}' เป็นเศษส่วนหรือสองค่า ไม่ใช่ค่าเดียว",
                                f"'{a}/{b}' is a fraction or two values, not one value",
                                "เขียนค่าเดียว", "write one value")
            if joined:
                raise self.fail("alternatives", f"เป็นช่วงหรือหลายค่า ({a} {joined[0]} {b}) ไม่ใช่ค่าเดียว",
                                f"a range or alternatives ({a} {joined[0]} {b}), not one value",
                                "เขียนค่าที่แน่นอนค่าเดียว", "write the one exact value")
            raise self.fail("two_numbers", f"มีตัวเลขมากกว่าหนึ่งจำนวน ({a} และ {b})",
                            f"it holds more than one number ({a} and {b})",
                            "เขียนตัวเลขเดียวต่อช่อง", "write one number in the cell")
        none = [w for w in words if w.part == "none"]
        if not nums:
            others = [w for w in words if w.part not in ("none", "neutral", "count_unit", "sym")]
            if none and not others:
                return Decimal(0), False
            raise self.fail("no_number", "ไม่มีตัวเลข", "it holds no number",
                            "เขียนเป็นตัวเลข (เช่น 12) หรือเว้นว่างถ้าไม่ทราบ",
                            "write a number (such as 12), or leave it blank if unknown")
        at = nums[0]
        value = words[at].value
        if none and value != 0:
            raise self.fail("two_numbers", f"เขียนทั้ง 'ไม่มี' และ {words[at].text}",
                            f"it says both 'none' and {words[at].text}", "เขียนตัวเลขเดียว", "write one number")
        sign, percent, multiplier, seen = 1, False, None, set()
        for i, w in enumerate(words):
            if i == at or w.part in ("neutral", "none"):
                continue
            after = i > at
            part = w.part
            if part == "sym":
                t = w.text
                if t in P.SIGNS and not after and i == at - 1:
                    sign = P.SIGNS[t]
                elif t in ("-", ".") and after and all(x.part in ("neutral", "currency", "sym")
                                                      and x.text not in ("/",) for x in words[i + 1:]):
                    continue  # the baht dash: "2,823,000.-", "1,000-"
                elif t == "/" and after and i + 1 < len(words) and words[i + 1].part in ("year", "period"):
                    continue  # "/ปี": read with the period
                elif t == "/" and 0 < i < len(words) - 1 and _same_unit(words[i - 1].text, words[i + 1].text):
                    continue  # "คน/ราย", "แห่ง/อปท.": two names of the same unit
                elif t in P.PUNCTUATION or t in ",;":
                    continue
                elif t == "$" or t == "€":
                    raise self.fail("wrong_unit", f"'{t}' ไม่ใช่สกุลเงินบาท", f"'{t}' is not the baht",
                                    "เขียนจำนวนเงินเป็นบาท", "write the amount in baht")
                else:
                    raise self.fail("unknown_sign", f"มีเครื่องหมาย '{t}' ที่ไม่ใช่ส่วนของ{_KIND_TH[kind]}",
                                    f"'{t}' is no part of {_KIND_EN[kind]}", "เขียนเฉพาะตัวเลข", "write the number only")
                continue
            if part in seen and part == "multiplier":  # "1 ล้าน ล้าน": which power?
                raise self.fail("repeated_part", f"เขียน '{w.text}' ซ้ำ", f"'{w.text}' is written twice",
                                "เขียนครั้งเดียว", "write it once")
            seen.add(part)
            if part == "percent":
                if not spec["percent"]:
                    raise self._wrong_unit(w.text)
                percent = True
            elif part == "currency":
                if not spec["currency"]:
                    raise self._wrong_unit(w.text)
            elif part == "multiplier":
                if not spec["multipliers"] or not after:
                    raise self._wrong_unit(w.text)
                multiplier = P.MULTIPLIERS.get(w.text, P.MULTIPLIERS.get(w.text.replace(".", "") + ".",
                                                                         P.MULTIPLIERS.get(w.text.rstrip("."))))
            elif part in ("count_unit", "score_unit"):
                if not _unit_of(kind, w.text):
                    raise self._wrong_unit(w.text)
            elif part == "per":
                continue
            elif part == "year":
                if not spec["per_year"] or not after:
                    raise self.fail("per_period", f"'{w.text}' ไม่ใช่ส่วนของ{_KIND_TH[kind]}",
                                    f"'{w.text}' is no part of {_KIND_EN[kind]}", "เขียนเฉพาะตัวเลข",
                                    "write the number only")
            elif part == "period":
                raise self.fail("per_period", f"เป็นค่าต่อ{w.text} ไม่ใช่ของทั้งปี",
                                f"a value per {w.text}, not for the year", "เขียนจำนวนของทั้งปี",
                                "write the year's total")
            elif part in ("joiner", "satang", "numword"):
                raise self.fail("unknown_word", f"คำว่า '{w.text}' ไม่ใช่ส่วนของ{_KIND_TH[kind]}",
                                f"'{w.text}' is no part of {_KIND_EN[kind]}", "เขียนเฉพาะตัวเลข",
                                "write the number only")
            else:
                raise self.fail("unknown_word", f"คำว่า '{w.text}' ไม่ใช่คำที่ใช้เขียน{_KIND_TH[kind]}",
                                f"'{w.text}' is not a word {_KIND_EN[kind]} is written with",
                                f"เขียนเฉพาะตัวเลข เช่น {_fmt(value)}", f"write the number only, such as {_fmt(value)}")
        value = sign * value * (multiplier or 1)
        return value, percent

    def _wrong_unit(self, word: str):
        return self.fail("wrong_unit", f"'{word}' ไม่ใช่หน่วยของ{_KIND_TH[self.kind]}",
                         f"'{word}' is not a unit of {_KIND_EN[self.kind]}",
                         "เขียนตัวเลขในหน่วยที่หัวคอลัมน์ระบุ", "write the number in the column's unit")


@lru_cache(maxsize=None)
def _units(kind: str) -> frozenset[str]:
    return frozenset(u.lower() for unit in P.KINDS[kind]["units"] for u in (unit, unit.replace(".", "")))


def _same_unit(a: str, b: str) -> bool:
    a, b = (VOCABULARY.match(w)[1] or w for w in (a, b))
    return any(a in group and b in group for group in P.SAME_UNIT)


def _unit_of(kind: str, word: str) -> bool:
    """Whether a unit word (or its near spelling) is one the kind is counted in."""
    units = _units(kind)
    return word in units or word.replace(".", "") in units or VOCABULARY.match(word)[1] in units


@lru_cache(maxsize=1 << 16)
def read_quantity(text: str, kind: str) -> Quantity:
    """Read a typed quantity (``kind``: count, money, score, number, percent) by the grammar;
    raises ``ValueProblem`` naming the part that failed. ``text`` is the cell as typed."""
    words = _pieces(normal(text).lower(), VOCABULARY)
    return _Reader(text, kind).read(words)
