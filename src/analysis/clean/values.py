"""Reading a column of hand-typed cells as the field's kind (text, count, money, percent, date),
once per distinct value, with a Problem for each cell that cannot be read."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from analysis.clean.common import MAX_NUMBER, VALUE_TEXT_LIMIT, Problem
from analysis.read.thai import (
    ValueProblem,
    clean_text,
    BE_DMY,
    date_order_evidence,
    order_of,
    parse_date,
    parse_datetime,
    parse_number,
    parse_percent,
    two_digit_be_years,
)


def _distinct(values) -> list:
    """Each distinct value once (by type and value, as typed)."""
    seen = {}
    for v in values:
        key = (float, repr(v)) if type(v) is float else (type(v), v)
        try:
            seen.setdefault(key, v)
        except TypeError:
            pass
    return list(seen.values())


_KIND_WORDS = {"count": ("ตัวเลข", "a number"), "money": ("ตัวเลข", "a number"),
               "score": ("ตัวเลข", "a number"), "percent": ("ร้อยละ", "a percentage"),
               "date": ("วันที่", "a date"), "datetime": ("วันที่", "a date")}


def _parse(kind: str, value, order: str | None = "DMY", two_digit_be: bool | None = None):
    if kind == "text":
        return clean_text(value)
    if isinstance(value, str) and len(value) > VALUE_TEXT_LIMIT:
        th, en = _KIND_WORDS[kind]
        raise ValueProblem("too_long", f"ยาว {len(value):,} ตัวอักษร เกินกว่าจะเป็น{th}",
                           f"{len(value):,} characters long, too long to be {en}")
    if kind == "count":
        number = parse_number(value, integer=True, kind="count")
    elif kind in ("money", "score"):
        number = parse_number(value, kind=kind)
    elif kind == "percent":
        return parse_percent(value)
    elif kind == "date":
        return parse_date(value, order=order, two_digit_be=two_digit_be)
    elif kind == "datetime":
        return parse_datetime(value, order=order, two_digit_be=two_digit_be)
    else:
        raise ValueError(kind)
    if number is not None and abs(number) > MAX_NUMBER:
        raise ValueProblem("too_large", f"ค่า '{value}' ใหญ่เกินกว่าจะเป็นค่าจริง (เกิน {MAX_NUMBER:,})",
                           f"'{value}' is too large to be a real value (over {MAX_NUMBER:,})")
    return number




def _parse_or_problem(kind: str, value, order: str | None, two_digit_be: bool | None = None):
    """(value read, None) or (None, (Thai, English, what to write instead) of why it cannot be read)."""
    try:
        return _parse(kind, value, order, two_digit_be), None
    except ValueProblem as e:
        return None, (e.th, e.en, e.fix)


# A year's score sheets repeat the same few hundred texts ("20", "18.5") in every file: each is
# read once per process. Only text is remembered: a number from Excel is quick to read, and as a
# key 0.0 and -0.0 (or 1 and True) would be one.
_parse_text = lru_cache(maxsize=1 << 16)(_parse_or_problem)


def _per_value(fn, values) -> list:
    """``fn`` of each value, computed once per distinct value (same type and value): a column
    repeats its values, and reading hand-typed Thai is slow."""
    memo: dict = {}
    out = []
    for v in values:
        key = (float, repr(v)) if type(v) is float else (type(v), v)  # as _cell_key, inline: hot
        try:
            result = memo[key]
        except KeyError:
            result = memo[key] = fn(v)
        except TypeError:  # a value that cannot be a key (no reader makes one)
            result = fn(v)
        out.append(result)
    return out


def parse_column(values: list, kind: str, label: str, default_order: str | None = "DMY") -> tuple[list, list]:
    """Parse one column, once per distinct value: (parsed values, Problem or None per row).

    Dates first learn the column's day/month order from its unambiguous values (a Google
    Forms export in US order has some ``7/19/2021``), so ``5/7/2021`` is read the same way as
    its neighbours, and whether its date cells dated 19xx are two-digit B.E. years
    (``thai.two_digit_be_years``). A column that shows no order takes ``default_order`` (the
    table's: ``table_date_order``).
    """
    dated = kind in ("date", "datetime")
    order = order_of(date_order_evidence(dict.fromkeys(v for v in values if isinstance(v, str))),
                     default_order) if dated else None
    # a date cell dated 19xx is a two-digit B.E. year only where the column's other dates say so
    two_digit_be = two_digit_be_years(_distinct(values)) if dated and any(
        isinstance(v, dt.date) and 1930 <= v.year <= 1999 for v in values) else None

    def parse(v):
        value, problem = (_parse_text if type(v) is str else _parse_or_problem)(kind, v, order, two_digit_be)
        if problem:
            return None, Problem("bad_value", f"{label}: {problem[0]}", f"{label}: {problem[1]}", label, v,
                                 problem[2])
        return value, None

    results = _per_value(parse, values)
    return [p for p, _ in results], [problem for _, problem in results]


_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


def default_date_order(header: str | None) -> str:
    """The day/month order of a date column that shows none itself: Thai order (day first) under a
    Thai header; under an English one (``Timestamp``, ``Start date``: an English-locale export, US
    or UK) day first only for a B.E. year, and an A.D. ``7/6/2021`` is held back as ambiguous."""
    return "DMY" if _THAI_LETTER.search(header or "") else BE_DMY
