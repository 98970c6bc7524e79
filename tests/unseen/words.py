"""Facts of Thai writing the generator spells values with: digit systems, month and weekday
names, and amounts in words. These are facts, not spellings to vary, so both parts share them.

Amounts in words are this module's own (a small table of digit and place words), not the
reader's and not pythainlp's: the generator must not share a parser with what it measures.
``tests/clean/test_unseen.py`` checks the table against ``pythainlp.util.bahttext``.
"""

from __future__ import annotations

from decimal import Decimal

DIGIT_SYSTEMS = {
    "ascii": "0123456789",
    "thai": "๐๑๒๓๔๕๖๗๘๙",
    "fullwidth": "０１２３４５６７８９",
}

TH_MON = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
TH_MONTH = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
            "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
# the abbreviation without its dots, as typed in a hurry ("19 กค 2564")
TH_MON_BARE = [m.replace(".", "") for m in TH_MON]
EN_MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"]
EN_MON = [m[:3] for m in EN_MONTH]
TH_WEEKDAY = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]   # Monday first
EN_WEEKDAY = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_WD = [w[:3] for w in EN_WEEKDAY]
BE_OFFSET = 543

_DIGIT_WORDS = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"]
_PLACE_WORDS = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"]


def _group_words(n: int, trailing_one: str, after_millions: bool = False) -> str:
    """Words of 1..999,999 (one group of six places); a final 1 after tens, or alone after
    millions (1,000,001 is หนึ่งล้านเอ็ด), is ``trailing_one``."""
    s = str(n)
    out = []
    for i, ch in enumerate(s):
        d, place = int(ch), len(s) - i - 1
        if d == 0:
            continue
        if place == 1 and d == 1:
            out.append("สิบ")
        elif place == 1 and d == 2:
            out.append("ยี่สิบ")
        elif place == 0 and d == 1 and (len(s) > 1 or after_millions):
            out.append(trailing_one)
        else:
            out.append(_DIGIT_WORDS[d] + _PLACE_WORDS[place])
    return "".join(out)


def number_words(n: int, trailing_one: str = "เอ็ด") -> str:
    """A whole number in Thai words: 1,250,000 is หนึ่งล้านสองแสนห้าหมื่น. ``trailing_one`` is
    how a final 1 after tens is said (เอ็ด; some offices write หนึ่ง, both are seen)."""
    if n == 0:
        return _DIGIT_WORDS[0]
    millions, rest = divmod(n, 1_000_000)
    head = number_words(millions, trailing_one) + "ล้าน" if millions else ""
    if not rest:
        return head
    return head + _group_words(rest, trailing_one, after_millions=bool(millions))


def baht_words(amount: Decimal) -> str:
    """An amount of baht in words, as a cheque or a contract writes it after the figure:
    ``หนึ่งล้านสองแสนห้าหมื่นบาทถ้วน``; satang as ``...บาทห้าสิบสตางค์``."""
    baht = int(amount)
    satang = int((amount - baht) * 100)
    text = number_words(baht) + "บาท" if baht else ""
    return text + (number_words(satang) + "สตางค์" if satang else "ถ้วน")
