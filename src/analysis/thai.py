"""Read hand-typed cells from Thai government forms: text, numbers, percents, dates.

Forms for the Department of Local Administration are typed by hand in Excel,
Google Forms or Word and pasted around, so one column mixes Thai and Arabic
digits, unit words, Buddhist Era (B.E. = A.D. + 543) years and invisible
characters. Every reader here is a pure function: it returns a clean value,
``None`` for a genuinely blank cell (never a made-up zero), or raises
:class:`ValueProblem` carrying a Thai and an English message that names the
offending text, so the caller can report it back to the province.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

import pandas as pd
from pythainlp.util import normalize, thai_digit_to_arabic_digit, thaiword_to_num
from pythainlp.util.date import thai_abbr_months, thai_full_months  # not re-exported by pythainlp.util 5.x

DMY = "DMY"
MDY = "MDY"
BE_OFFSET = 543


class ValueProblem(ValueError):
    """A cell that cannot be read as the type asked for."""

    def __init__(self, code: str, th: str, en: str):
        super().__init__(en)
        self.code, self.th, self.en = code, th, en

    def __reduce__(self):  # keep it picklable (multiprocessing, caching)
        return (type(self), (self.code, self.th, self.en))


# --------------------------------------------------------------------- text

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")  # unicode-aware: NBSP, U+2007, U+202F, tabs, newlines ...
_DASHES = {"-", "–", "—", "−"}


def _is_missing(value) -> bool:
    """None, NaN, NaT and pd.NA all mean "the cell was empty"."""
    if value is None:
        return True
    if isinstance(value, str) or not pd.api.types.is_scalar(value):
        return False
    return bool(pd.isna(value))


def _clean_once(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = normalize(text)  # pythainlp: vowel/tone order, "เเ" -> "แ", "ํา" -> "ำ"
    return _SPACES.sub(" ", text).strip()


def clean_text(value) -> str | None:
    """Normalise a cell to comparable Thai text, or None if nothing is left.

    Two cells that *look* identical in Excel often differ by a zero-width space,
    an NBSP or a tone mark typed before its vowel; this makes them equal.
    The rules are repeated to a fixed point so the result is idempotent.
    """
    if _is_missing(value):
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        text = str(int(value))
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))  # Excel hands us 12.0 for a typed 12
    else:
        text = str(value)
    return _clean_str(text)


@lru_cache(maxsize=1 << 16)
def _clean_str(text: str) -> str | None:
    """Cached: a year's files repeat the same few thousand cell texts (header search alone
    cleans every cell of the first rows of every sheet)."""
    for _ in range(5):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text or None


def thai_digits_to_arabic(text: str) -> str:
    """Replace ๐-๙ with 0-9, digit by digit, so mixed strings like "๑๐3๐๐" read as one number."""
    return thai_digit_to_arabic_digit(text)


def _prepared(value) -> str | None:
    text = clean_text(value)
    return None if text is None else thai_digits_to_arabic(text)


# ------------------------------------------------------------------ numbers

# Longest first so "อปท." wins over "อปท" and "ล้านบาท" is seen as ล้าน + บาท.
_UNITS = sorted(
    ["ครั้ง", "บาท", "คน", "ราย", "แห่ง", "เรื่อง", "คะแนน", "อปท.", "อปท", "หน่วย", "โครงการ", "ร้อยละ", "%"],
    key=len,
    reverse=True,
)
_PERCENT_MARKS = ["เปอร์เซ็นต์", "เปอร์เซนต์", "ร้อยละ", "%"]
# Words typed before a count ("จำนวน 11 ครั้ง", "ทั้งหมด 12 เรื่อง"): they say nothing about its value.
_LEAD_WORDS = ["จำนวน", "ทั้งหมด", "ทั้งสิ้น", "รวม"]
# "23 แห่ง/ปี", "12 ครั้งต่อปี": the year's count is the count asked for.
_PER_YEAR = re.compile(r"\s*(?:/|ต่อ)\s*ปี$")
# "2,823,000.-", "1,000-": the official way to write an amount of baht, the dash closing it.
_BAHT_DASH = re.compile(r"(?<=[0-9])\s*\.?\s*-$")
_MULTIPLIERS = {"ล้าน": 1_000_000, "ลบ.": 1_000_000, "แสน": 100_000, "หมื่น": 10_000, "พัน": 1_000}
_NONE_WORD = "ไม่มี"
_NUMERAL = re.compile(
    r"(?P<sign>[-+−]?)\s*(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+|[0-9]*)"
    r"(?P<frac>\.[0-9]*)?"
)
_THAI_LETTERS = re.compile(r"[\u0e01-\u0e4e]+")


def _strip_words(text: str, words: list[str]) -> tuple[str, bool]:
    """Peel any of ``words`` off both ends; report whether anything was peeled."""
    found = True
    stripped = False
    while found and text:
        found = False
        for w in words:
            if text.startswith(w):
                text, found = text[len(w):].strip(), True
            if text.endswith(w):
                text, found = text[: -len(w)].strip(), True
        stripped |= found
    return text, stripped


def _to_decimal(core: str) -> Decimal | None:
    """A bare numeral ("1,250,000.5", "-5", "1 250") or Thai number words ("สิบสอง")."""
    m = _NUMERAL.fullmatch(core)
    if m and re.search("[0-9]", core):
        digits = m["int"].replace(",", "").replace(" ", "") or "0"
        number = Decimal(digits + (m["frac"] or "").rstrip("."))
        return -number if m["sign"] in ("-", "−") else number
    if _THAI_LETTERS.fullmatch(core):
        try:
            return Decimal(thaiword_to_num(core))
        except (ValueError, TypeError, IndexError, KeyError):
            return None
    return None


def _as_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _bad_number(raw) -> ValueProblem:
    return ValueProblem("bad_number", f"อ่านค่า '{raw}' เป็นตัวเลขไม่ได้", f"cannot read '{raw}' as a number")


def _check_integer(number, raw: str, integer: bool):
    if not integer:
        return number
    if float(number).is_integer():
        return int(number)
    raise ValueProblem("not_integer", f"ค่า '{raw}' ต้องเป็นจำนวนเต็ม",
                       f"'{raw}' is not a whole number")


def _dash(raw: str, code: str = "bad_number") -> ValueProblem:
    return ValueProblem(
        code,
        f"'{raw}' อาจหมายถึง 0 หรือไม่ทราบค่า: กรอก 0 ถ้าไม่มี หรือเว้นว่างถ้าไม่ทราบ",
        f"'{raw}' may mean 0 or unknown: write 0 for none, or leave the cell blank",
    )


def parse_number(value, *, integer: bool = False) -> float | int | None:
    """Read a count or an amount typed by hand; None means blank, never zero.

    Accepts Thai digits, thousands separators ("1,250,000", "1 250 000"), unit
    words on either side ("12 ครั้ง", "บาท 500", "ร้อยละ 95"), multipliers
    ("1.5 ล้านบาท" -> 1500000), Thai number words ("สิบสอง") and "ไม่มี"
    (optionally with a unit, "ไม่มีเรื่อง") as 0. Text numbers come back as int
    when whole. Ranges, alternatives and fractions ("10-12", "12 หรือ 13",
    "1/2") are refused rather than guessed.
    """
    if isinstance(value, bool):  # a ticked checkbox is not a count
        raise _bad_number(value)
    if _is_missing(value):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        if not math.isfinite(value):
            raise _bad_number(value)
        return _check_integer(float(value), str(value), integer)
    raw = clean_text(value)
    if raw is None:
        return None
    if raw in _DASHES:  # "-" may mean none (0) or unknown (blank): not ours to guess
        raise _dash(raw)
    text = thai_digits_to_arabic(raw)
    for _ in range(3):  # "จำนวน 1,000.- บาท/ปี": lead words, units, "/ปี" and the baht dash, in any order
        text, _ = _strip_words(text, _UNITS + _LEAD_WORDS)
        text = _BAHT_DASH.sub("", _PER_YEAR.sub("", text)).strip()
    if text == _NONE_WORD or re.fullmatch(r"ไม่มี\s*(?:เรื่อง)?\s*(?:ร้องเรียน|การประชุม)?", text):
        return 0  # "ไม่มี", "ไม่มีเรื่อง", "ไม่มีเรื่องร้องเรียน": nothing happened, a count of zero
    multiplier = 1
    for word, factor in _MULTIPLIERS.items():
        head = text[: -len(word)].strip()
        if text.endswith(word) and head and head[-1].isdigit():
            text, multiplier = head, factor
            break
    number = _to_decimal(text)
    if number is None:
        raise _bad_number(raw)
    return _check_integer(_as_number(number * multiplier), raw, integer)


def parse_percent(value) -> float | None:
    """Read a percentage and return it on the 0-100 scale (range checks happen elsewhere).

    An Excel cell formatted as percent stores the fraction (95% is 0.95), so a
    number, or plain numeric text with no "%"/"ร้อยละ", in 0 < v <= 1 is taken
    as a fraction and multiplied by 100. The price of this rule: a true rate of
    1% typed as a bare "1" (or 0.5% as "0.5") is read as 100% (50%); typed as
    "1%" or "ร้อยละ 1" it stays 1. Results are rounded to 10 decimals so
    0.95 * 100 gives exactly 95.0.
    """
    def bad(raw) -> ValueProblem:
        return ValueProblem("bad_percent", f"อ่านค่า '{raw}' เป็นร้อยละไม่ได้",
                            f"cannot read '{raw}' as a percentage")

    if isinstance(value, bool):
        raise bad(value)
    if _is_missing(value):
        return None
    if isinstance(value, numbers.Real):
        number, explicit = float(value), False
        if not math.isfinite(number):
            raise bad(value)
    else:
        raw = clean_text(value)
        if raw is None:
            return None
        if raw in _DASHES:
            raise _dash(raw, "bad_percent")
        text, explicit = _strip_words(thai_digits_to_arabic(raw), _PERCENT_MARKS)
        d = _to_decimal(text)
        if d is None:
            raise bad(raw)
        number = float(d)
    if not explicit and 0 < number <= 1:
        number *= 100
    return round(number, 10) + 0.0  # + 0.0 turns -0.0 into 0.0


# -------------------------------------------------------------------- dates

_EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december"]


def _month_table() -> tuple[dict[str, int], str]:
    """Map every spelling of a month (dots and spaces removed) to 1-12, plus a regex matching them."""
    names: dict[str, int] = {}
    patterns: list[str] = []
    for i, (full, abbr, en) in enumerate(zip(thai_full_months, thai_abbr_months, _EN_MONTHS), start=1):
        short = re.sub("(คม|ยน|พันธ์)$", "", full)  # มกรา, กุมภา, เมษา ...
        words = {full, short, en, en[:3]} | ({"sept"} if i == 9 else set())
        words |= {"กรกฏาคม", "กรกฏา"} if i == 7 else set()  # ฏ for ฎ: the commonest typo
        for w in words:
            names[w] = i
            patterns.append(re.escape(w) + r"\.?")
        letters = [p for p in abbr.split(".") if p]  # "ก.ค." -> ก, ค ; dots and spaces optional
        names["".join(letters)] = i
        patterns.append(r"\.?\s*".join(map(re.escape, letters)) + r"\.?")
    patterns.sort(key=len, reverse=True)
    return names, "|".join(patterns)


_MONTHS, _MONTH_RE = _month_table()
_WEEKDAYS = "จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์"
_NOISE = re.compile(
    rf"วัน(?:{_WEEKDAYS})?(?:ที่)?|ที่|เดือน|เวลา|พ\.?\s?ศ\.?|ค\.?\s?ศ\.?"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?"
)
_D = "[0-9]"  # not \d: it would also take Arabic-Indic and other digits
_YEAR = rf"(?P<y>{_D}{{4}}|{_D}{{2}})"
_TIME = (  # optional time after the date: "10:15", "10:15:23.5", "2:05:09 pm", "10.15 น."
    rf"(?:(?:\s*,\s*|\s+|t)(?P<H>{_D}{{1,2}})[:.](?P<M>{_D}{{2}})"
    rf"(?:[:.](?P<S>{_D}{{2}})(?:\.(?P<f>{_D}{{1,6}}))?)?\s*(?P<ap>am|pm|น\.?)?)?"
)
_ISO = re.compile(rf"(?P<y>{_D}{{4}})[-/.](?P<m>{_D}{{1,2}})[-/.](?P<d>{_D}{{1,2}}){_TIME}")
_NUMERIC = re.compile(rf"(?P<a>{_D}{{1,2}})(?P<sep>[-/.])(?P<b>{_D}{{1,2}})(?P=sep){_YEAR}{_TIME}")
_DAY_MON = re.compile(rf"(?P<d>{_D}{{1,2}})[\s/-]*(?P<mon>{_MONTH_RE})[\s/,-]*{_YEAR}{_TIME}")
_MON_DAY = re.compile(
    rf"(?P<mon>{_MONTH_RE})\s*(?P<d>{_D}{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+){_YEAR}{_TIME}"
)
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def _ad_year(text: str) -> int | None:
    """Year rules: 4 digits >= 2400 are B.E. (-543); 1900-2200 are A.D.;
    2 digits are B.E. 25yy ("64" -> 2564 -> 2021), as Thai offices write them;
    anything else is not a year we trust."""
    year = int(text)
    if len(text) == 2:
        return 2500 + year - BE_OFFSET
    if year >= 2400:
        return year - BE_OFFSET
    return year if 1900 <= year <= 2200 else None


def _time_of(m: re.Match) -> dt.time:
    if m["H"] is None:
        return dt.time()
    hour = int(m["H"])
    if m["ap"] == "pm" and hour < 12:
        hour += 12
    elif m["ap"] == "am" and hour == 12:
        hour = 0
    micro = int((m["f"] or "0").ljust(6, "0"))
    return dt.time(hour, int(m["M"]), int(m["S"] or 0), micro)


def _day_month(a: int, b: int, order: str | None, raw: str) -> tuple[int, int]:
    """Resolve a/b: a number > 12 must be the day; otherwise trust the column's order."""
    if a > 12 and b <= 12:
        return a, b
    if b > 12 and a <= 12:
        return b, a
    if order is None and a != b:
        raise ValueProblem(
            "ambiguous_date",
            f"วันที่ '{raw}' กำกวม อ่านได้ทั้งแบบวัน/เดือนและเดือน/วัน",
            f"date '{raw}' is ambiguous: it could be day/month or month/day",
        )
    return (b, a) if order == MDY else (a, b)


_DATE_REASONS = {
    "": ("", ""),
    "serial": (" (ไม่ใช่เลขลำดับวันที่ของ Excel)", " (not an Excel date serial)"),
    "year": (" (ปีไม่อยู่ในช่วงที่อ่านได้)", " (year out of range)"),
    "day": (" (ไม่มีวันหรือเวลานี้จริง)", " (no such day or time)"),
}


def _bad_date(raw, why: str = "") -> ValueProblem:
    th, en = _DATE_REASONS[why]
    return ValueProblem("bad_date", f"อ่านค่า '{raw}' เป็นวันที่ไม่ได้{th}",
                        f"cannot read '{raw}' as a date{en}")


def infer_date_order(values) -> str | None:
    """Decide DMY vs MDY for a whole column from the a/b/yyyy cells that give it away.

    A first number > 12 proves day-first, a second number > 12 proves
    month-first. Both kinds in one column -> None (the column is inconsistent,
    ambiguous cells must be refused). No evidence -> DMY, the Thai convention.
    """
    day_first = month_first = False
    for value in values:
        if not isinstance(value, str):
            continue
        m = _NUMERIC.match(_prepared(value) or "")
        if m:
            a, b = int(m["a"]), int(m["b"])
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    if day_first and month_first:
        return None
    return MDY if month_first else DMY


def parse_datetime(value, *, order: str | None = DMY, two_digit_be: bool | None = None) -> dt.datetime | None:
    """Read a date (and time, if given) from an Excel cell or hand-typed text; naive A.D. result.

    Handles Excel date cells (a year >= 2400 is B.E. typed into the cell and is
    moved back 543 years), Excel serial numbers 20000-80000, Thai and English
    month names with or without dots, "พ.ศ."/"วันที่"/"เดือน" noise, ISO dates,
    and a/b/y numeric dates where ``order`` (DMY, MDY, or None for a column
    that mixes both) says which of a and b is the day unless one is > 12.
    Years: 4 digits >= 2400 are B.E.; 1900-2200 are A.D.; 2 digits are B.E.
    25yy; anything else is refused. A timezone, if any, is dropped (wall-clock
    time kept), because form timestamps are all Thai local time.

    A date *cell* dated 1930-1999 is what Excel makes of a two-digit year ("14/9/55" becomes
    1955): in a Thai form that is B.E. 2555. ``two_digit_be`` says whether the column's other
    dates show that convention (see ``two_digit_be_years``): True reads it as B.E. 25yy, anything
    else refuses it, since no one can tell.
    """
    if order not in (DMY, MDY, None):
        raise ValueError(f"order must be 'DMY', 'MDY' or None, not {order!r}")
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        raise _bad_date(value)
    if isinstance(value, dt.date):
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())
        value = value.replace(tzinfo=None)
        if 1930 <= value.year <= 1999:
            if not two_digit_be:
                raise ValueProblem(
                    "bad_date", f"ปี ค.ศ. {value.year} ในเซลล์วันที่ น่าจะเป็นปี พ.ศ. 2 หลัก ({value.year % 100:02d}) "
                    f"ที่ Excel อ่านเป็น ค.ศ. 19xx: พิมพ์ปี พ.ศ. 4 หลัก เช่น 25{value.year % 100:02d}",
                    f"year {value.year} in a date cell is probably a two-digit B.E. year Excel took as 19xx: "
                    f"type the B.E. year in full (25{value.year % 100:02d})")
            try:
                return value.replace(year=value.year + 600 - BE_OFFSET)  # 19yy -> B.E. 25yy -> A.D.
            except ValueError:  # 29 February of a year that is not leap once moved
                raise _bad_date(value.isoformat(), "day") from None
        if value.year >= 2400:
            try:
                value = value.replace(year=value.year - BE_OFFSET)
            except ValueError:
                raise _bad_date(value.isoformat(), "day") from None
        return value
    if isinstance(value, numbers.Real):
        if 20000 <= value <= 80000:  # Excel serial: days since 1899-12-30, fraction = time of day
            return _EXCEL_EPOCH + dt.timedelta(milliseconds=round(float(value) * 86_400_000))
        raise _bad_date(value, "serial")
    raw = clean_text(value)
    if raw is None or raw in _DASHES:
        return None
    if re.fullmatch(r"[0-9๐-๙]{5}(?:\.[0-9๐-๙]+)?", raw):  # an Excel date serial typed (or pasted) as text
        return parse_datetime(float(thai_digits_to_arabic(raw)), order=order, two_digit_be=two_digit_be)
    text = _NOISE.sub(" ", thai_digits_to_arabic(raw).lower())
    text = _SPACES.sub(" ", text).strip(" ,")
    if m := _ISO.fullmatch(text):
        day, month = int(m["d"]), int(m["m"])
    elif m := _NUMERIC.fullmatch(text):
        day, month = _day_month(int(m["a"]), int(m["b"]), order, raw)
    elif m := (_DAY_MON.fullmatch(text) or _MON_DAY.fullmatch(text)):
        day, month = int(m["d"]), _MONTHS[re.sub(r"[.\s]", "", m["mon"])]
    else:
        raise _bad_date(raw)
    year = _ad_year(m["y"])
    if year is None:
        raise _bad_date(raw, "year")
    try:
        return dt.datetime.combine(dt.date(year, month, day), _time_of(m))
    except ValueError:
        raise _bad_date(raw, "day") from None


def parse_date(value, *, order: str | None = DMY, two_digit_be: bool | None = None) -> dt.date | None:
    """Same as :func:`parse_datetime`, with the time of day dropped."""
    result = parse_datetime(value, order=order, two_digit_be=two_digit_be)
    return None if result is None else result.date()


_BE_TEXT = re.compile(r"(?<!\d)(?:2[45]\d\d)(?!\d)|(?<!\d)\d{1,2}\s*[/.\-\s]\s*(?:\d{1,2}|[ก-ฮ.]+)\s*[/.\-\s]\s*\d{2}(?!\d)")
_AD_TEXT = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def two_digit_be_years(values) -> bool:
    """Whether a column's 19xx date cells are two-digit B.E. years (``14/9/55`` stored as 1955):
    yes when at least two of its values show B.E. (a text date with a B.E. or two-digit year, a
    date cell dated 24xx-25xx, or another such 19xx cell) and none shows A.D. (a date cell or a
    text date in 2000-2100). ``values``: the column's distinct values."""
    be = ad = 0
    for v in values:
        if isinstance(v, dt.date):
            be += v.year >= 2400 or 1930 <= v.year <= 1999
            ad += 2000 <= v.year <= 2100
        elif isinstance(v, str):
            text = thai_digits_to_arabic(clean_text(v) or "")
            if _BE_TEXT.search(text):
                be += 1
            elif _AD_TEXT.search(text):
                ad += 1
    return be >= 2 and ad == 0


def to_be_year(ad_year: int) -> int:
    """A.D. -> B.E., the year Thai readers expect in reports."""
    return ad_year + BE_OFFSET


def format_thai_date(d: dt.date, *, full_month: bool = False) -> str:
    """Write a date the way Thai official documents do: "19 ก.ค. 2564" or "19 กรกฎาคม 2564"."""
    months = thai_full_months if full_month else thai_abbr_months
    return f"{d.day} {months[d.month - 1]} {to_be_year(d.year)}"
