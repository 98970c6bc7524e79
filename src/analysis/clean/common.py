"""What every part of the clean step shares: categories, field kinds and labels, the output
columns, the limits on what a value can be, and the Problem a held-back row carries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import numpy as np

from analysis import places
from analysis.vocab import CATEGORIES  # noqa: F401 - the clean step's categories are the folders'


# (field, kind, required) per category, in the order problems are reported.
FORM_FIELDS = {
    "individual": [
        ("name", "text", True), ("position", "text", False), ("started_on", "date", False),
        ("lao_count", "count", False), ("meetings", "count", False),
        ("report_rate", "percent", True), ("complaints_received", "count", True),
        ("complaints_resolved", "count", True), ("work_title", "text", False),
        ("submitted_at", "datetime", False),
    ],
    "province": [
        ("project_title", "text", True), ("budget", "money", False),
        ("lao_participants", "count", False), ("beneficiaries", "count", False),
        ("started_on", "date", False), ("ended_on", "date", False),
        ("submitted_at", "datetime", False),
    ],
}
FIELD_LABELS = {
    "province": "จังหวัด", "district": "อำเภอ", "name": "ชื่อ-สกุล", "position": "ตำแหน่ง",
    "started_on": "วันที่เริ่ม", "lao_count": "จำนวน อปท.", "meetings": "จำนวนครั้งการประชุม",
    "report_rate": "ร้อยละการรายงานตรงเวลา", "complaints_received": "เรื่องร้องเรียนที่ได้รับ",
    "complaints_resolved": "เรื่องร้องเรียนที่แก้ไขแล้ว", "work_title": "ชื่อผลงานดีเด่น",
    "submitted_at": "วันที่ส่ง", "project_title": "ชื่อโครงการ", "budget": "งบประมาณ",
    "lao_participants": "จำนวน อปท. ที่เข้าร่วม", "beneficiaries": "จำนวนผู้ได้รับประโยชน์",
    "ended_on": "วันที่สิ้นสุด", "judge": "กรรมการ", "round": "รอบ",
}
SUBMISSION_COLUMNS = [
    "year", "category", "province_code", "province_name", "district_code", "district_name",
    "region", "name", "position", "started_on", "lao_count", "meetings", "report_rate",
    "complaints_received", "complaints_resolved", "work_title", "project_title", "budget",
    "lao_participants", "beneficiaries", "ended_on", "submitted_at", "place_match",
    "source_file", "source_sheet", "source_row",
]
SCORE_COLUMNS = [
    "year", "category", "round", "judge", "province_code", "district_code", "criterion",
    "score", "source_file", "source_sheet", "source_row",
]
# A score-sheet row as accepted, before its judged criteria (one column each) and row number.
SCORE_RECORD = ["year", "category", "round", "judge", "province_code", "district_code",
                "source_file", "source_sheet"]
JUDGE_COLUMNS = ["year", "category", "judge", "home_province_code", "round", "source_file",
                 "source_sheet", "source_row"]
QUARANTINE_COLUMNS = [
    "year", "category", "kind", "source_file", "source_sheet", "source_row", "reason_code",
    "reason_th", "reason_en", "column", "value", "suggestion", "raw",
]
# What was set aside as not data (a total, a signature block, a hidden sheet), one row each.
SET_ASIDE_COLUMNS = [
    "year", "category", "kind", "source_file", "source_sheet", "source_row", "reason_code",
    "reason_th", "reason_en", "text",
]
_LETTER = re.compile(r"[A-Za-z\u0E01-\u0E2E]")  # a Thai consonant or a Latin letter
EARLIEST_START = dt.date(1950, 1, 1)  # no one now in office started before this
# The longest a text field can be and still be what it says (a longer one is a pasted page).
TEXT_LIMITS = {"name": 200, "position": 200, "work_title": 1000, "project_title": 1000}
VALUE_TEXT_LIMIT = 100  # characters: no number, percent or date is typed longer than this
MAX_NUMBER = 10**12  # a count, an amount in baht or a score above this is not a real value

# What the quarantine keeps of one cell, and of one message (Excel holds 32,767 per cell).
CELL_LIMIT, MESSAGE_LIMIT = 1000, 2000


@dataclass(frozen=True)
class Problem:
    """Why a row is held back. The first problem of a row gives its reason code."""

    code: str
    th: str
    en: str
    column: str | None = None
    value: object = None
    suggestion: str | None = None


def _merged(problems: list[Problem]) -> Problem:
    """One reason per row: the first problem's code, every problem in the message."""
    first = problems[0]
    if len(problems) == 1:
        return first
    return Problem(first.code, "; ".join(p.th for p in problems), "; ".join(p.en for p in problems),
                   first.column, first.value, first.suggestion)



def _hashable(value):
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


def _cell_key(value) -> tuple:
    """A cell as a dictionary key: equal only for the same type and the same value as typed.
    1, 1.0 and True are equal in Python, and so are 0.0 and -0.0; here they are not."""
    if type(value) is float:
        return float, repr(value)
    return type(value), _hashable(value)



def _letter(col: int) -> str:
    """A column's letter as Excel shows it (0 -> A, 26 -> AA)."""
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out



def _cells(rows: list[list], col: int | None) -> list:
    """One column of a list of rows' cells (all None when the table has no such column)."""
    return [cells[col] for cells in rows] if col is not None else [None] * len(rows)


def _place_problem(place: places.Place, p_raw, d_raw) -> Problem:
    column = FIELD_LABELS["district"] if place.problem in ("unknown_district", "place_mismatch") \
        else FIELD_LABELS["province"]
    value = d_raw if column == FIELD_LABELS["district"] else p_raw
    return Problem(place.problem, place.th, place.en, column, value, place.suggestion)


def _resolve_places(rows: list[list], cols: dict[str, int], need_district: bool,
                    hint: str | None = None) -> list[places.Place]:
    """Each row's place. A table without a province column takes the province its title names
    (``hint``), as if each row had it written: the district must lie there, or the row is held."""
    p_vals = _cells(rows, cols.get("province")) if "province" in cols or not hint else [hint] * len(rows)
    d_vals = _cells(rows, cols.get("district")) if need_district else [None] * len(p_vals)
    found = [places.resolve(_text_key(p), _text_key(d), need_district=need_district)
             for p, d in zip(p_vals, d_vals)]
    if hint and "province" not in cols:
        found = [replace(p, method="title") if p.method and not p.problem else p for p in found]
    return found


def _text_key(v):
    """Place cells as text for the cached resolver (a code typed as a number stays text)."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


def _row_key(cells: list) -> tuple:
    """A row's cells as a key: equal only when every cell is (see _cell_key)."""
    return tuple(map(_cell_key, cells))


def _float_zero_in(cells) -> bool:
    """Whether a float 0.0 or -0.0 is among ``cells`` (``0.0 in`` also finds 0 and False)."""
    return 0.0 in cells and any(type(c) is float and c == 0.0 for c in cells)
