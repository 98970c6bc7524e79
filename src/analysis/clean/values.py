"""Reading a column of hand-typed cells as the field's kind (text, count, money, percent, date),
once per distinct value, with a Problem for each cell that cannot be read."""

from __future__ import annotations

from functools import lru_cache

from analysis.clean.common import MAX_NUMBER, VALUE_TEXT_LIMIT, Problem
from analysis.thai import (
    ValueProblem,
    clean_text,
    infer_date_order,
    parse_date,
    parse_datetime,
    parse_number,
    parse_percent,
)


_KIND_WORDS = {"count": ("ตัวเลข", "a number"), "money": ("ตัวเลข", "a number"),
               "score": ("ตัวเลข", "a number"), "percent": ("ร้อยละ", "a percentage"),
               "date": ("วันที่", "a date"), "datetime": ("วันที่", "a date")}


def _parse(kind: str, value, order: str | None = "DMY"):
    if kind == "text":
        return clean_text(value)
    if isinstance(value, str) and len(value) > VALUE_TEXT_LIMIT:
        th, en = _KIND_WORDS[kind]
        raise ValueProblem("too_long", f"ยาว {len(value):,} ตัวอักษร เกินกว่าจะเป็น{th}",
                           f"{len(value):,} characters long, too long to be {en}")
    if kind == "count":
        number = parse_number(value, integer=True)
    elif kind in ("money", "score"):
        number = parse_number(value)
    elif kind == "percent":
        return parse_percent(value)
    elif kind == "date":
        return parse_date(value, order=order)
    elif kind == "datetime":
        return parse_datetime(value, order=order)
    else:
        raise ValueError(kind)
    if number is not None and abs(number) > MAX_NUMBER:
        raise ValueProblem("too_large", f"ค่า '{value}' ใหญ่เกินกว่าจะเป็นค่าจริง (เกิน {MAX_NUMBER:,})",
                           f"'{value}' is too large to be a real value (over {MAX_NUMBER:,})")
    return number




def _parse_or_problem(kind: str, value, order: str | None):
    """(value read, None) or (None, (Thai, English) of why it cannot be read)."""
    try:
        return _parse(kind, value, order), None
    except ValueProblem as e:
        return None, (e.th, e.en)


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


def parse_column(values: list, kind: str, label: str) -> tuple[list, list]:
    """Parse one column, once per distinct value: (parsed values, Problem or None per row).

    Dates first learn the column's day/month order from its unambiguous values (a Google
    Forms export in US order has some ``7/19/2021``), so ``5/7/2021`` is read the same way as
    its neighbours.
    """
    order = infer_date_order(list(dict.fromkeys(v for v in values if isinstance(v, str)))) if kind in (
        "date", "datetime") else None

    def parse(v):
        value, problem = (_parse_text if type(v) is str else _parse_or_problem)(kind, v, order)
        if problem:
            return None, Problem("bad_value", f"{label}: {problem[0]}", f"{label}: {problem[1]}", label, v)
        return value, None

    results = _per_value(parse, values)
    return [p for p, _ in results], [problem for _, problem in results]
