"""Read hand-typed cells from Thai government forms: text, numbers, percents, dates.

Forms for the Department of Local Administration are typed by hand in Excel, Google Forms or
Word and pasted around, so one column mixes Thai, full-width and Arabic digits, unit words,
Buddhist Era (B.E. = A.D. + 543) years and invisible characters. Every reader here is a pure
function: it returns a clean value, ``None`` for a genuinely blank cell (never a made-up zero),
or raises :class:`ValueProblem` carrying a Thai and an English message that names the offending
text, the part of the grammar it failed and what to write instead, so the caller can report it
back to the province.

The text of every cell goes through one normalisation first (``analysis.grammar.normal``);
numbers and dates are read by the grammars of ``analysis.grammar`` (``quantity``, ``dates``). This
module is what the rest of the package calls: Python values from Excel cells are read here, text
is handed to the grammars.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from decimal import Decimal

import pandas as pd
from pythainlp.util.date import thai_abbr_months, thai_full_months  # not re-exported by pythainlp.util 5.x

from analysis.grammar.dates import BE_DMY, BE_OFFSET, DMY, MDY, era_shown, numeric_order, read_date
from analysis.grammar.normal import digits, normal
from analysis.grammar.problem import ValueProblem
from analysis.grammar.quantity import read_quantity

__all__ = ["BE_OFFSET", "DMY", "MDY", "ValueProblem", "clean_text", "format_thai_date", "infer_date_order",
           "parse_date", "parse_datetime", "parse_number", "parse_percent", "thai_digits_to_arabic",
           "to_be_year", "two_digit_be_years"]

_DASHES = {"-", "–", "—", "−"}


def _is_missing(value) -> bool:
    """None, NaN, NaT and pd.NA all mean "the cell was empty"."""
    if value is None:
        return True
    if isinstance(value, str) or not pd.api.types.is_scalar(value):
        return False
    return bool(pd.isna(value))


def clean_text(value) -> str | None:
    """A cell as comparable text (``grammar.normal``), or None if nothing is left.

    Two cells that *look* identical in Excel often differ by a zero-width space, an NBSP, a
    full-width or Thai digit or a tone mark typed before its vowel; this makes them equal.
    """
    if _is_missing(value):
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        text = str(int(value))
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))  # Excel hands us 12.0 for a typed 12
    else:
        text = str(value)
    return normal(text) or None


def thai_digits_to_arabic(text: str) -> str:
    """Every digit of any script (Thai ๐-๙, full-width ０-９ ...) as 0-9, digit by digit, so mixed
    strings like "๑๐3๐๐" read as one number. Nothing else in the text changes."""
    return text.translate(digits())


# ------------------------------------------------------------------ numbers

def _bad_number(raw) -> ValueProblem:
    return ValueProblem("bad_number", f"อ่านค่า '{raw}' เป็นตัวเลขไม่ได้", f"cannot read '{raw}' as a number")


def _check_integer(number, raw: str, integer: bool):
    if not integer:
        return number
    if float(number).is_integer():
        return int(number)
    raise ValueProblem("not_integer", f"ค่า '{raw}' ต้องเป็นจำนวนเต็ม", f"'{raw}' is not a whole number",
                       part="not_integer", fix_th="เขียนจำนวนเต็ม", fix_en="write a whole number")


def _dash(raw: str, code: str = "bad_number") -> ValueProblem:
    return ValueProblem(
        code,
        f"'{raw}' อาจหมายถึง 0 หรือไม่ทราบค่า: กรอก 0 ถ้าไม่มี หรือเว้นว่างถ้าไม่ทราบ",
        f"'{raw}' may mean 0 or unknown: write 0 for none, or leave the cell blank",
        part="dash", fix_th="กรอก 0 ถ้าไม่มี หรือเว้นว่างถ้าไม่ทราบ", fix_en="write 0 for none, or leave it blank")


def _as_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def parse_number(value, *, integer: bool = False, kind: str | None = None) -> float | int | None:
    """Read a count, an amount or a score typed by hand; None means blank, never zero.

    Text is read by the quantity grammar (``grammar.quantity``): ``kind`` (count, money, score)
    says which units and words the value may carry; by default any of them. Text numbers come
    back as int when whole. Ranges, alternatives and fractions ("10-12", "12 หรือ 13", "1/2")
    are refused rather than guessed.
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
    raw = str(value)
    text = clean_text(raw)
    if text is None:
        return None
    if text in _DASHES:  # "-" may mean none (0) or unknown (blank): not ours to guess
        raise _dash(text)
    q = read_quantity(raw, kind or "number")
    return _check_integer(_as_number(q.value), text, integer)


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
        text = clean_text(value)
        if text is None:
            return None
        if text in _DASHES:
            raise _dash(text, "bad_percent")
        q = read_quantity(str(value), "percent")
        number, explicit = float(q.value), q.percent
    if not explicit and 0 < number <= 1:
        number *= 100
    return round(number, 10) + 0.0  # + 0.0 turns -0.0 into 0.0


# -------------------------------------------------------------------- dates

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_SERIAL = re.compile(r"[0-9]{5}(?:\.[0-9]+)?")  # an Excel date serial typed (or pasted) as text


def _bad_date(raw, why: str = "") -> ValueProblem:
    th, en = {"": ("", ""), "serial": (" (ไม่ใช่เลขลำดับวันที่ของ Excel)", " (not an Excel date serial)"),
              "day": (" (ไม่มีวันหรือเวลานี้จริง)", " (no such day or time)")}[why]
    return ValueProblem("bad_date", f"อ่านค่า '{raw}' เป็นวันที่ไม่ได้{th}", f"cannot read '{raw}' as a date{en}",
                        part=why or "no_date", fix_th="เขียนวันที่แบบ 19/7/2564 หรือ 19 ก.ค. 2564",
                        fix_en="write the date as 19/7/2564 or 19 ก.ค. 2564")


def date_order_evidence(values) -> set[str]:
    """The orders a column's numeric dates prove: ``DMY`` where a first number is over 12
    (``19/7/2021``), ``MDY`` where a second one is (``7/19/2021``); empty when none proves either."""
    found = set()
    for value in values:
        if isinstance(value, str) and (ab := numeric_order(value)):
            a, b = ab
            if a > 12 >= b:
                found.add(DMY)
            elif b > 12 >= a:
                found.add(MDY)
    return found


def order_of(evidence: set[str], default: str | None = DMY) -> str | None:
    """The order a column's evidence says (None for both: its ambiguous cells are refused), or
    ``default`` when it shows none."""
    if len(evidence) == 2:
        return None
    return next(iter(evidence)) if evidence else default


def infer_date_order(values) -> str | None:
    """Decide DMY vs MDY for a whole column from the a/b/yyyy cells that give it away.

    A first number > 12 proves day-first, a second number > 12 proves month-first (the numbers
    of a numeric date as the date grammar reads it). Both kinds in one column -> None (the
    column is inconsistent, ambiguous cells must be refused). No evidence -> DMY, the Thai
    convention.
    """
    day_first = month_first = False
    for value in values:
        if not isinstance(value, str):
            continue
        ab = numeric_order(value)
        if ab:
            a, b = ab
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    if day_first and month_first:
        return None
    return MDY if month_first else DMY


def parse_datetime(value, *, order: str | None = DMY, two_digit_be: bool | None = None) -> dt.datetime | None:
    """Read a date (and time, if given) from an Excel cell or hand-typed text; naive A.D. result.

    Text is read by the date grammar (``grammar.dates``): Thai and English month names, B.E. and
    A.D. years, numeric dates in the column's ``order`` (DMY, MDY, or None for a column that mixes
    both), ISO 8601, times and time zones (moved to Thai time). Excel date cells: a year >= 2400
    is B.E. typed into the cell and is moved back 543 years; Excel serial numbers 20000-80000
    (also typed as text) are dates.

    A date *cell* dated 1930-1999 is what Excel makes of a two-digit year ("14/9/55" becomes
    1955): in a Thai form that is B.E. 2555. ``two_digit_be`` says whether the column's other
    dates show that convention (see ``two_digit_be_years``): True reads it as B.E. 25yy, anything
    else refuses it, since no one can tell.
    """
    if order not in (DMY, MDY, BE_DMY, None):
        raise ValueError(f"order must be 'DMY', 'MDY', 'BE_DMY' or None, not {order!r}")
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        raise _bad_date(value)
    if isinstance(value, dt.date):
        return _date_cell(value, two_digit_be)
    if isinstance(value, numbers.Real):
        if 20000 <= value <= 80000:  # Excel serial: days since 1899-12-30, fraction = time of day
            return _EXCEL_EPOCH + dt.timedelta(milliseconds=round(float(value) * 86_400_000))
        raise _bad_date(value, "serial")
    raw = str(value)
    text = clean_text(raw)
    if text is None or text in _DASHES:
        return None
    if _SERIAL.fullmatch(text):
        return parse_datetime(float(text), order=order, two_digit_be=two_digit_be)  # a serial typed as text
    r = read_date(raw, order)
    return dt.datetime.combine(dt.date(r.year, r.month, r.day), r.time or dt.time())


def _date_cell(value: dt.date, two_digit_be: bool | None) -> dt.datetime:
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
                f"type the B.E. year in full (25{value.year % 100:02d})", part="two_digit_year",
                fix_th=f"พิมพ์ปี พ.ศ. 4 หลัก เช่น 25{value.year % 100:02d}",
                fix_en=f"type the B.E. year in full (25{value.year % 100:02d})")
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


def parse_date(value, *, order: str | None = DMY, two_digit_be: bool | None = None) -> dt.date | None:
    """Same as :func:`parse_datetime`, with the time of day dropped."""
    result = parse_datetime(value, order=order, two_digit_be=two_digit_be)
    return None if result is None else result.date()


def two_digit_be_years(values) -> bool:
    """Whether a column's 19xx date cells are two-digit B.E. years (``14/9/55`` stored as 1955):
    yes when at least two of its values show B.E. (a text date whose year is B.E. or two digits,
    as the date grammar reads it; a date cell dated 24xx-25xx, or another such 19xx cell) and none
    shows A.D. (a date cell or a text date in 2000-2100). ``values``: the column's distinct values."""
    be = ad = 0
    for v in values:
        if isinstance(v, dt.date):
            be += v.year >= 2400 or 1930 <= v.year <= 1999
            ad += 2000 <= v.year <= 2100
        elif isinstance(v, str):
            era = era_shown(v)
            be += era == "be"
            ad += era == "ad"
    return be >= 2 and ad == 0


def to_be_year(ad_year: int) -> int:
    """A.D. -> B.E., the year Thai readers expect in reports."""
    return ad_year + BE_OFFSET


def format_thai_date(d: dt.date, *, full_month: bool = False) -> str:
    """Write a date the way Thai official documents do: "19 ก.ค. 2564" or "19 กรกฎาคม 2564"."""
    months = thai_full_months if full_month else thai_abbr_months
    return f"{d.day} {months[d.month - 1]} {to_be_year(d.year)}"
