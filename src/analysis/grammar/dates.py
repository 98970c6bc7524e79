"""Dates and date-times: one grammar, read by one rule.

A date cell is, its parts in any order that a Thai or English writer uses::

    [weekday] [วันที่] DAY [เดือน] MONTH [พ.ศ. | ค.ศ.] YEAR [เวลา] [TIME [น. | am | pm] [ZONE]]

DAY, MONTH and YEAR are numerals with one separator between them (``19/7/2564``, ``19-07-64``,
``19.7.2564``, ``19 7 2564``; year first: ``2021/07/22``), or MONTH is a month's name (Thai from
pythainlp, full, short or abbreviated with or without dots, misspelt by one slip; English from the
standard library's ``calendar``). TIME is ``10:15``, ``10:15:23.5``, ``10.15 น.``, ``2:30:45 PM``
(``ก่อนเที่ยง``/``หลังเที่ยง`` too); ZONE is ``GMT+7``, ``UTC+07:00``, ``+0700``, ``Z`` or
``ICT``. A cell written in ISO 8601 (``2021-07-22T14:30:00+07:00``, ``20210722T143000+0700``,
week dates) is read by the standard library's ``datetime.fromisoformat``.

Years: with ``พ.ศ.`` or ``ค.ศ.`` the era is as written; without, four digits from 2400 are B.E.,
1900-2200 A.D., and two digits B.E. (``64`` is 2564), as Thai offices write them. Day and month
of a numeric date are in Thai order unless one of them is over 12 or the column shows otherwise
(``infer_date_order``). A time in another zone is moved to Thai time (+07:00, all year), the
time a form's deadline means; the result is Thai wall-clock time without a zone.

The rule is the quantities': read when every piece is a part of a date and together they make
exactly one date; held back, naming the part, when a part is missing (no day, no year), doubled
(two dates: a range), contradictory (``พ.ศ. 2021``), impossible (31 February) or unknown.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pythainlp.util.date import thai_abbr_months, thai_full_months

from analysis.grammar import parts as P
from analysis.grammar.normal import normal
from analysis.grammar.problem import ValueProblem
from analysis.grammar.words import Vocabulary

BE_OFFSET = 543
DMY, MDY = "DMY", "MDY"
# A column that shows no order, headed in English (an English-locale export, US or UK): a date
# with a B.E. year is day first (no one writes B.E. in US order), one with an A.D. year is ambiguous.
BE_DMY = "BE_DMY"
THAI_TIME = dt.timezone(dt.timedelta(hours=P.THAI_OFFSET_HOURS))
_PIECE = re.compile(r"(?P<num>\d+)|(?P<th>[\u0e01-\u0e4e]+(?:\.[\u0e01-\u0e4e]+)*\.?)"
                    r"|(?P<la>[a-z]+(?:\.[a-z]+)*\.?)|(?P<sym>\S)")


def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for i, (full, abbr) in enumerate(zip(thai_full_months, thai_abbr_months), start=1):
        names[full] = i
        names[re.sub("(คม|ยน|พันธ์)$", "", full)] = i  # มกรา, กุมภา, เมษา ...
        names[abbr] = i  # ก.ค.
        names[abbr.replace(".", "")] = i
        names[calendar.month_name[i].lower()] = i
        names[calendar.month_abbr[i].lower()] = i
    names.update(P.MONTH_EXTRA)
    return names


MONTHS = _months()
_WEEKDAYS = P.THAI_WEEKDAYS + [d.lower() for d in calendar.day_name] + [d.lower() for d in calendar.day_abbr]
VOCABULARY = Vocabulary({
    "month": list(MONTHS), "weekday": _WEEKDAYS, "neutral": P.DATE_NEUTRAL, "be": P.ERA_BE, "ad": P.ERA_AD,
    "time_word": P.TIME_WORDS, "am": P.AM, "pm": P.PM, "zone": list(P.ZONES),
    "joiner": ["ถึง", "หรือ", "และ", "to", "or", "and", "until", "-"],
})


@dataclass(frozen=True)
class DateReading:
    """What a date cell says. ``a``/``b`` are the first two numbers of a numeric date whose order
    the column decides (day/month or month/day), None for other spellings; ``era`` is the
    calendar the year shows (``be``, ``ad``) by its digits or its word."""

    year: int  # A.D.
    month: int | None
    day: int | None
    time: dt.time | None
    era: str | None
    a: int | None = None
    b: int | None = None


def _fail(raw, part: str, th: str, en: str, fix_th: str = "", fix_en: str = "", code: str = "bad_date"):
    return ValueProblem(code, f"อ่านค่า '{raw}' เป็นวันที่ไม่ได้{f': {th}' if th else ''}",
                        f"cannot read '{raw}' as a date{f': {en}' if en else ''}",
                        part=part, fix_th=fix_th or "เขียนวันที่แบบ 19/7/2564 หรือ 19 ก.ค. 2564",
                        fix_en=fix_en or "write the date as 19/7/2564 or 19 ก.ค. 2564")


def _year(text: str, era: str | None, raw) -> tuple[int, str]:
    """The A.D. year and the era a typed year shows (see the module's docstring)."""
    y = int(text)
    if len(text) == 2:
        if era == "ad":
            return 2000 + y, "ad"
        return 2500 + y - BE_OFFSET, "be"
    if len(text) != 4:
        raise _fail(raw, "year_range", "ปีต้องมี 2 หรือ 4 หลัก", "a year has 2 or 4 digits")
    if era == "be":
        if y < 2400:
            raise _fail(raw, "era", f"ปี พ.ศ. {y} เป็นไปไม่ได้ (อาจเป็น ค.ศ.)", f"B.E. {y} is impossible (A.D.?)")
        return y - BE_OFFSET, "be"
    if era == "ad":
        if y >= 2400:
            raise _fail(raw, "era", f"ปี ค.ศ. {y} เป็นไปไม่ได้ (อาจเป็น พ.ศ.)", f"A.D. {y} is impossible (B.E.?)")
        return y, "ad"
    if y >= 2400:
        return y - BE_OFFSET, "be"
    if 1900 <= y <= 2200:
        return y, "ad"
    raise _fail(raw, "year_range", f"ปี {y} ไม่อยู่ในช่วงที่อ่านได้", f"year {y} is out of range",
                "เขียนปี พ.ศ. 4 หลัก เช่น 2564", "write the B.E. year in full, such as 2564")


def _iso(text: str, raw) -> DateReading | None:
    """ISO 8601 by the standard library, when the cell is written so (year first, 4 digits)."""
    if not re.fullmatch(r"\d{4}-?(?:\d{2}-?\d{2}|w\d{2}(?:-?\d)?)(?:[t ]\S.*)?", text):
        return None
    try:
        when = dt.datetime.fromisoformat(text.upper())
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(THAI_TIME).replace(tzinfo=None)
    year, era = _year(str(when.year), None, raw)
    try:
        when = when.replace(year=year)
    except ValueError:
        raise _fail(raw, "no_such_day", "ไม่มีวันนี้จริง", "no such day") from None
    has_time = bool(re.search(r"[t ]\d", text))
    return DateReading(when.year, when.month, when.day, when.time() if has_time else None, era)


@dataclass
class _P:
    part: str
    text: str


def _pieces(text: str) -> list[_P]:
    out: list[_P] = []
    for m in _PIECE.finditer(text):
        if m["num"]:
            out.append(_P("num", m["num"]))
        elif m["sym"]:
            out.append(_P("sym", m["sym"]))
        else:
            words = VOCABULARY.cut(m.group()) if m["th"] else [m.group()]
            for w in words:
                part = VOCABULARY.lookup(w)
                out.append(_P(part or "unknown", w))
    return out


def _take_time(ps: list[_P], raw) -> tuple[list[_P], dt.time | None, int | None]:
    """Take the time of day and the zone out of the pieces: (the rest, the time, the zone's
    offset in minutes, or None when no zone is written)."""
    time, zone, rest, i = None, None, [], 0

    def num(j):
        return j < len(ps) and ps[j].part == "num"

    def sym(j, s):
        return j < len(ps) and ps[j].part == "sym" and ps[j].text in s

    while i < len(ps):
        p = ps[i]
        colon = num(i) and sym(i + 1, ":") and num(i + 2)
        dotted = num(i) and sym(i + 1, ".") and num(i + 2) and len(ps[i + 2].text) == 2 and (
            (i + 3 < len(ps) and ps[i + 3].part in ("time_word", "am", "pm"))
            or (rest and rest[-1].part == "neutral" and rest[-1].text in ("เวลา", "at")))
        hour_only = num(i) and i + 1 < len(ps) and ps[i + 1].part == "time_word" and ps[i + 1].text.startswith("นาฬิกา")
        if time is None and (colon or dotted or hour_only):
            if time is not None:
                raise _fail(raw, "two_times", "มีเวลามากกว่าหนึ่งเวลา", "it holds two times of day")
            h, mi, s, f, j = int(p.text), 0, 0, "0", i + 1
            if not hour_only:
                mi, j = int(ps[i + 2].text), i + 3
                if sym(j, ":.") and num(j + 1) and len(ps[j + 1].text) == 2:
                    s, j = int(ps[j + 1].text), j + 2
                    if sym(j, ".,") and num(j + 1):
                        f, j = ps[j + 1].text, j + 2
            while j < len(ps) and ps[j].part in ("time_word", "am", "pm"):
                if ps[j].part in ("am", "pm"):
                    if not 1 <= h <= 12:
                        raise _fail(raw, "bad_time", f"{h} นาฬิกา ใช้กับ {ps[j].text} ไม่ได้",
                                    f"hour {h} cannot go with {ps[j].text}")
                    h = (h % 12) + (12 if ps[j].part == "pm" else 0)
                j += 1
            try:
                time = dt.time(h, mi, s, int(f[:6].ljust(6, "0")))
            except ValueError:
                raise _fail(raw, "bad_time", "ไม่มีเวลานี้จริง", "no such time of day") from None
            i = j
            zone, i = _take_zone(ps, i, raw, zone)
            continue
        if p.part == "zone":
            zone, i = _take_zone(ps, i, raw, zone)
            continue
        rest.append(p)
        i += 1
    return rest, time, zone


def _take_zone(ps: list[_P], i: int, raw, zone):
    """A zone at ``i`` (``GMT+7``, ``UTC+07:00``, ``+0700``, ``Z``, ``ICT``): (its offset in
    minutes, the index after it); (zone, i) unchanged when there is none."""
    base = None
    if i < len(ps) and ps[i].part == "zone":
        base = P.ZONES[VOCABULARY.match(ps[i].text)[1]] * 60
        i += 1
    if i + 1 < len(ps) and ps[i].part == "sym" and ps[i].text in "+-" and ps[i + 1].part == "num":
        sign = 1 if ps[i].text == "+" else -1
        digits, i = ps[i + 1].text, i + 2
        if i + 1 < len(ps) and ps[i].part == "sym" and ps[i].text == ":" and ps[i + 1].part == "num":
            digits, i = digits.zfill(2) + ps[i + 1].text, i + 2
        hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
        if hours > 14 or minutes >= 60:
            raise _fail(raw, "bad_zone", f"เขตเวลา {ps[i - 1].text} เป็นไปไม่ได้", "an impossible time zone")
        base = (base or 0) + sign * (hours * 60 + minutes)
    if base is None:
        return zone, i
    if zone is not None and zone != base:
        raise _fail(raw, "bad_zone", "เขียนเขตเวลาสองแบบที่ไม่ตรงกัน", "two different time zones")
    return base, i


def _date_part(rest: list[_P], raw) -> tuple[list[str], int | None, str | None, str | None, bool]:
    """The numbers and month name of the date, and its separator, once the neutral words are
    out: (numbers, month from its name, separator, era word, whether the month is spelt in English)."""
    era, numbers, month, seps, last, latin_month = None, [], None, set(), None, False
    for p in rest:
        if p.part in ("neutral", "time_word") or (p.part == "sym" and p.text in "()[]"):
            continue
        if p.part == "weekday":
            continue  # checked against the date once it is read (``_weekday``)
        if p.part in ("be", "ad"):
            if era and era != p.part:
                raise _fail(raw, "era", "เขียนทั้ง พ.ศ. และ ค.ศ.", "it says both B.E. and A.D.")
            era = p.part
            continue
        if p.part == "month":
            if month is not None:
                raise _fail(raw, "two_dates", "มีชื่อเดือนมากกว่าหนึ่งเดือน", "it names two months",
                            "เขียนวันที่เดียว", "write one date")
            month = MONTHS[VOCABULARY.match(p.text)[1]]
            if p.text[0].isascii() and era is None:
                latin_month = True
            last = "month"
            continue
        if p.part == "num":
            numbers.append(p.text)
            last = "num"
            continue
        if p.part == "sym" and p.text in "/-.,":
            if last == "num" and p.text != ",":
                seps.add(p.text)
            continue
        if p.part == "joiner":
            raise _fail(raw, "two_dates", f"มีคำว่า '{p.text}' (เป็นช่วงวันที่ ไม่ใช่วันเดียว)",
                        f"'{p.text}' makes it a range of dates, not one", "เขียนวันที่เดียว", "write one date")
        raise _fail(raw, "unknown_word", f"'{p.text}' ไม่ใช่ส่วนของวันที่", f"'{p.text}' is no part of a date")
    return numbers, month, (seps.pop() if len(seps) == 1 else None if not seps else "mixed"), era, latin_month


def read_date(text: str, order: str | None = DMY) -> DateReading:
    """Read a typed date (see the module's docstring); raises ``ValueProblem`` naming the part."""
    return _read(text, order)


@lru_cache(maxsize=1 << 16)
def _read(raw: str, order: str | None) -> DateReading:
    text = normal(raw).lower()
    found = _iso(text, raw)
    if found:
        return found
    rest, time, zone = _take_time(_pieces(text), raw)
    numbers, month, sep, era_word, latin_month = _date_part(rest, raw)
    a = b = None
    if month is not None:  # 19 ก.ค. 2564, July 19, 2021
        if len(numbers) == 1:
            if len(numbers[0]) >= 3:
                raise _fail(raw, "no_day", "ไม่มีวันที่ (มีแต่เดือนและปี)", "no day (only the month and year)",
                            "เขียนวันที่ด้วย เช่น 1 ก.ค. 2564", "write the day too, such as 1 ก.ค. 2564")
            raise _fail(raw, "no_year", "ไม่มีปี", "no year", "เขียนปี พ.ศ. ด้วย เช่น 19 ก.ค. 2564",
                        "write the B.E. year too, such as 19 ก.ค. 2564")
        if len(numbers) != 2:
            raise _fail(raw, "two_dates" if len(numbers) > 2 else "no_day",
                        "มีตัวเลขมากเกินกว่าจะเป็นวันที่เดียว" if len(numbers) > 2 else "ไม่มีวันที่และปี",
                        "too many numbers for one date" if len(numbers) > 2 else "no day and no year")
        day_text, year_text = numbers
        if len(day_text) > 2:
            day_text, year_text = year_text, day_text  # 2564 ก.ค. 19
        day, m = int(day_text), month
        if latin_month and era_word is None and len(year_text) == 2:
            era_word = "ad"  # "10-May-16", Excel's d-mmm-yy: a date spelt in English is Gregorian
    else:
        if len(numbers) != 3 or sep == "mixed":
            if len(numbers) > 3:
                raise _fail(raw, "two_dates", "มีตัวเลขมากเกินกว่าจะเป็นวันที่เดียว (อาจเป็นช่วงวันที่)",
                            "too many numbers for one date (a range?)", "เขียนวันที่เดียว", "write one date")
            if len(numbers) == 1 and len(numbers[0]) == 4:
                raise _fail(raw, "no_day", "มีแต่ปี", "only a year", "เขียนวัน เดือน และปี เช่น 19/7/2564",
                            "write the day, month and year, such as 19/7/2564")
            raise _fail(raw, "no_date", "", "")
        if len(numbers[0]) == 4:  # 2021/07/22
            year_text, m, day = numbers[0], int(numbers[1]), int(numbers[2])
        else:
            a, b, year_text = int(numbers[0]), int(numbers[1]), numbers[2]
            if len(numbers[0]) > 2 or len(numbers[1]) > 2:
                raise _fail(raw, "no_date", "", "")
            if order == BE_DMY:
                order = DMY if _year(year_text, era_word, raw)[1] == "be" else None
            day, m = _day_month(a, b, order, raw)
    year, era = _year(year_text, era_word, raw)
    if not 1 <= m <= 12:
        raise _fail(raw, "no_such_day", f"ไม่มีเดือนที่ {m}", f"there is no month {m}")
    try:
        date = dt.date(year, m, day)
    except ValueError:
        raise _fail(raw, "no_such_day", "ไม่มีวันนี้จริง", "no such day") from None
    _weekday(rest, date, raw)
    if zone is not None and time is not None:
        when = dt.datetime.combine(date, time, dt.timezone(dt.timedelta(minutes=zone))).astimezone(THAI_TIME)
        date, time = when.date(), when.time().replace(tzinfo=None)
    return DateReading(date.year, date.month, date.day, time, era, a, b)


_WEEKDAY_NUMBER = {w: i % 7 for i, w in enumerate(["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"])}
_WEEKDAY_NUMBER.update({"พฤหัส": 3, "จ.": 0, "อ.": 1, "พ.": 2, "พฤ.": 3, "ศ.": 4, "ส.": 5, "อา.": 6})
_WEEKDAY_NUMBER.update({d.lower(): i for i, d in enumerate(calendar.day_name)})
_WEEKDAY_NUMBER.update({d.lower(): i for i, d in enumerate(calendar.day_abbr)})


def _weekday(rest: list[_P], date: dt.date, raw) -> None:
    """A weekday written with the date says the date again: it must be the date's own
    (``วันศุกร์ที่ 2 พฤษภาคม 2556``, a Thursday, is two dates, not one)."""
    for p in rest:
        if p.part == "weekday":
            said = _WEEKDAY_NUMBER.get(VOCABULARY.match(p.text)[1] or p.text)
            if said is not None and said != date.weekday():
                th = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"][date.weekday()]
                raise _fail(raw, "weekday", f"วันที่นี้เป็นวัน{th} ไม่ใช่วัน{p.text}",
                            f"that date is a {calendar.day_name[date.weekday()]}, not '{p.text}'",
                            "แก้วันหรือวันที่ให้ตรงกัน หรือเขียนเฉพาะวันที่", "make them agree, or write the date only")


def _day_month(a: int, b: int, order: str | None, raw) -> tuple[int, int]:
    """a/b: a number over 12 must be the day; otherwise the column's order decides."""
    if a > 12 and b <= 12:
        return a, b
    if b > 12 and a <= 12:
        return b, a
    if order is None and a != b:
        raise ValueProblem(
            "ambiguous_date", f"วันที่ '{raw}' กำกวม อ่านได้ทั้งแบบวัน/เดือนและเดือน/วัน",
            f"date '{raw}' is ambiguous: it could be day/month or month/day", part="ambiguous_order",
            fix_th="เขียนชื่อเดือน เช่น 5 ก.ค. 2564", fix_en="write the month's name, such as 5 ก.ค. 2564")
    return (b, a) if order == MDY else (a, b)


def numeric_order(text: str) -> tuple[int, int] | None:
    """The first two numbers of a numeric date (``7/19/2021``: 7, 19), for the column's order; None
    for other spellings or what is no date."""
    try:
        r = _read(text, DMY)
    except ValueProblem:
        try:
            r = _read(text, MDY)
        except ValueProblem:
            return None
    return (r.a, r.b) if r.a is not None else None


def era_shown(text: str) -> str | None:
    """The calendar a typed date's year shows (``be``: B.E. or two digits; ``ad``), or None."""
    for order in (DMY, MDY, None):
        try:
            return _read(text, order).era
        except ValueProblem as e:
            if e.part != "ambiguous_order":
                return None
    return None
