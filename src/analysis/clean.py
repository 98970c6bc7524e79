"""The clean step: raw tables in, tidy accepted rows and a quarantine out.

Every data row of every input file ends in exactly one place: ``submissions``, ``scores``,
``judges`` (the roster), or ``quarantine`` with a stable reason code and a message in Thai
and English. Nothing is guessed: a value that cannot be read for certain holds its row back.

The functions here are pure (tables and a rubric in, DataFrames out); reading the files is
``analysis.read`` and writing the outputs is ``write_clean`` at the bottom, the one edge.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis import places
from analysis import outcome, store
from analysis.read import FileProblem, Table, WorkbookReader, read_file
from analysis.rubric import CategoryRubric, Rubric
from analysis.thai import (
    ValueProblem,
    clean_text,
    infer_date_order,
    parse_date,
    parse_datetime,
    parse_number,
    parse_percent,
)

CATEGORIES = ("individual", "province")
ROUNDS = {"province": "จังหวัด", "national": "ประเทศ"}

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
_LETTER = re.compile(r"[A-Za-z\u0E01-\u0E2E]")  # a Thai consonant or a Latin letter
EARLIEST_START = dt.date(1950, 1, 1)  # no one now in office started before this
# The longest a text field can be and still be what it says (a longer one is a pasted page).
TEXT_LIMITS = {"name": 200, "position": 200, "work_title": 1000, "project_title": 1000}
VALUE_TEXT_LIMIT = 100  # characters: no number, percent or date is typed longer than this
MAX_NUMBER = 10**12  # a count, an amount in baht or a score above this is not a real value
# What the quarantine keeps of one cell, and of one message (Excel holds 32,767 per cell).
CELL_LIMIT, MESSAGE_LIMIT = 1000, 2000

# The output contract as schemas: the last guard before anything is written. A failure here is a
# bug in the cleaner (the row checks above should have held the row back), so it must be loud.
_count = pa.Column("Int64", pa.Check.ge(0), nullable=True)
SUBMISSIONS_SCHEMA = pa.DataFrameSchema(
    {
        "category": pa.Column(str, pa.Check.isin(CATEGORIES)),
        "province_code": pa.Column(str, [pa.Check.str_matches(r"^\d{2}$"), pa.Check.ne("10")]),
        "district_code": pa.Column(str, pa.Check.str_matches(r"^\d{4}$"), nullable=True),
        "report_rate": pa.Column(float, pa.Check.in_range(0, 100), nullable=True),
        "complaints_received": _count, "complaints_resolved": _count, "lao_count": _count,
        "meetings": _count, "lao_participants": _count, "beneficiaries": _count,
        "budget": pa.Column(float, pa.Check.ge(0), nullable=True),
        "source_file": pa.Column(str), "source_row": pa.Column(int, pa.Check.ge(1)),
    },
    checks=[
        pa.Check(lambda d: (d["category"] == "province") | d["district_code"].str[:2].eq(d["province_code"]),
                 error="a district must lie in its province"),
        pa.Check(lambda d: ~d.duplicated(["category", "province_code", "district_code"]),
                 error="one accepted form per candidate"),
    ],
)
SCORES_SCHEMA = pa.DataFrameSchema({
    "round": pa.Column(str, pa.Check.isin(["province", "national"])),
    "judge": pa.Column(str),
    "province_code": pa.Column(str, [pa.Check.str_matches(r"^\d{2}$"), pa.Check.ne("10")]),
    "criterion": pa.Column(str, pa.Check.str_matches(r"^[A-Z]\d{1,2}$")),
    "score": pa.Column(float, pa.Check.ge(0), nullable=True),
    "source_row": pa.Column(int, pa.Check.ge(1)),
})


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


@dataclass
class CleanResult:
    year: int
    submissions: pd.DataFrame
    scores: pd.DataFrame
    judges: pd.DataFrame
    quarantine: pd.DataFrame
    rows_read: pd.DataFrame  # per file and sheet: data rows seen
    ignored_files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things set aside that are not rows


# ---------------------------------------------------------------------------------- values
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


def _in_window(year: int, when) -> bool:
    """A submission for B.E. ``year`` is dated within A.D. year-543 give or take one year."""
    ad = year - 543
    return dt.date(ad - 1, 1, 1) <= (when.date() if isinstance(when, dt.datetime) else when) <= dt.date(ad + 1, 12, 31)


def _check_row(category: str, year: int, r: dict) -> Problem | None:
    """Range and consistency rules a single cleaned form row must pass."""
    def out(f, th, en):
        return Problem("out_of_range", f"{FIELD_LABELS[f]}: {th}", f"{f}: {en}", FIELD_LABELS[f], r[f])

    for f in ("lao_count", "meetings", "complaints_received", "complaints_resolved",
              "lao_participants", "beneficiaries", "budget"):
        if r.get(f) is not None and r[f] < 0:
            return out(f, f"ติดลบ ({r[f]})", f"negative ({r[f]})")
    if r.get("report_rate") is not None and not 0 <= r["report_rate"] <= 100:
        return out("report_rate", f"{r['report_rate']:g} อยู่นอกช่วง 0-100",
                   f"{r['report_rate']:g} is outside 0-100")
    if category == "individual" and r["complaints_resolved"] > r["complaints_received"]:
        return Problem(
            "inconsistent_values",
            f"แก้ไขแล้ว {r['complaints_resolved']} เรื่อง มากกว่าที่ได้รับ {r['complaints_received']} เรื่อง",
            f"resolved {r['complaints_resolved']} exceeds received {r['complaints_received']}",
            FIELD_LABELS["complaints_resolved"], r["complaints_resolved"])
    sub = r.get("submitted_at")
    if sub is not None and not _in_window(year, sub):
        return out("submitted_at", f"วันที่ {sub:%Y-%m-%d} ไม่อยู่ในช่วงปีการประเมิน พ.ศ. {year}",
                   f"{sub:%Y-%m-%d} is outside the B.E. {year} evaluation window")
    start, end = r.get("started_on"), r.get("ended_on")
    latest = sub.date() if sub is not None else dt.date(year - 543 + 1, 12, 31)
    if start is not None and not EARLIEST_START <= start <= latest:
        return out("started_on", f"วันที่ {start:%Y-%m-%d} เป็นไปไม่ได้ (ก่อนปี 2493 หรือหลังวันที่ส่ง)",
                   f"{start:%Y-%m-%d} is impossible (before 1950 or after submission)")
    if start is not None and end is not None and end < start:
        return Problem("inconsistent_values",
                       f"วันที่สิ้นสุด {end:%Y-%m-%d} ก่อนวันที่เริ่ม {start:%Y-%m-%d}",
                       f"ended {end:%Y-%m-%d} before it started {start:%Y-%m-%d}",
                       FIELD_LABELS["ended_on"], end)
    return None


# ---------------------------------------------------------------------------------- tables
def _letter(col: int) -> str:
    """A column's letter as Excel shows it (0 -> A, 26 -> AA)."""
    out = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def _columns(table: Table, rows: list[list]) -> tuple[dict[str, int], list[list], dict[int, Problem]]:
    """Field -> column index, and which of ``rows`` (a table's rows) have columns that disagree.

    A field named by two columns (two อำเภอ columns, ชื่อ-สกุล twice) is read from whichever
    is filled. Where both are filled and differ (after clean_text) the row is held back as
    ``conflicting_columns``: which one the province meant is not ours to guess. The value
    read goes in an extra cell past the headers (so the raw values in the quarantine stay as
    typed); the rows returned carry those cells and the index points at them. Conflicts are
    keyed by the row's position in ``rows``.
    """
    where: dict[str, list[int]] = {}
    for i, f in enumerate(table.fields):
        if f and f != "row_number":
            where.setdefault(f, []).append(i)
    index = {f: cols[0] for f, cols in where.items()}
    doubled = {f: cols for f, cols in where.items() if len(cols) > 1}
    if not doubled:
        return index, rows, {}
    width = len(table.headers)
    index.update({f: width + k for k, f in enumerate(doubled)})
    texts: dict = {}  # clean_text once per distinct cell

    def text(v):
        k = _cell_key(v)
        if k not in texts:
            texts[k] = clean_text(v)
        return texts[k]

    extended, conflicts = [], {}
    for pos, cells in enumerate(rows):
        merged, problems = [], []
        for f, cols in doubled.items():
            filled = [(c, cells[c]) for c in cols if text(cells[c]) is not None]
            merged.append(filled[0][1] if filled else None)
            if len({text(v) for _, v in filled}) > 1:
                label = table.headers[cols[0]] or FIELD_LABELS.get(f, f)
                th = " กับ ".join(f"'{_capped(text(v), 100)}' (คอลัมน์ {_letter(c)})" for c, v in filled)
                en = " and ".join(f"'{_capped(text(v), 100)}' (column {_letter(c)})" for c, v in filled)
                problems.append(Problem(
                    "conflicting_columns", f"มีคอลัมน์ {label} มากกว่าหนึ่งคอลัมน์ และกรอกไม่ตรงกัน: {th}",
                    f"{label} appears in more than one column and they differ: {en}", label,
                    " | ".join(text(v) for _, v in filled)))
        extended.append(list(cells[:width]) + merged)
        if problems:
            conflicts[pos] = _merged(problems)
    return index, extended, conflicts


def _capped(text, limit: int = CELL_LIMIT):
    """Text cut to ``limit`` characters, saying so: the quarantine keeps what it can show."""
    if not isinstance(text, str) or len(text) <= limit:
        return text
    return f"{text[:limit]}…(ตัดเหลือ {limit:,} ตัวอักษร จาก {len(text):,})"


def _raw_json(table: Table, cells: list) -> str:
    """The row as typed, header -> cell. A header written twice keeps both, by column letter."""
    out = {}
    for i, (h, c) in enumerate(zip(table.headers, cells)):
        if c is None or (isinstance(c, str) and not c.strip()):
            continue
        key = _capped(h, 200) or f"col{len(out) + 1}"
        if key in out:
            key = f"{key} ({_letter(i)})"
        c = c.isoformat() if hasattr(c, "isoformat") else c
        out[key] = _capped(c) if isinstance(c, str) else c
    return json.dumps(out, ensure_ascii=False, default=str)


def _quarantine_row(year, category, kind, table_or_file, source_row, cells, problem: Problem):
    if isinstance(table_or_file, Table):
        source_file, sheet = table_or_file.source_file, table_or_file.sheet
        raw = _raw_json(table_or_file, cells) if cells is not None else None
    else:
        source_file, sheet = table_or_file.source_file, table_or_file.sheet
        raw = json.dumps([_capped(c) if isinstance(c, (str, int, float)) else str(c) for c in cells
                          if c not in (None, "")], ensure_ascii=False) if cells else None
    value = problem.value
    if value is not None and not isinstance(value, str):
        value = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return {
        "year": year, "category": category, "kind": kind, "source_file": source_file,
        "source_sheet": sheet, "source_row": source_row, "reason_code": problem.code,
        "reason_th": _capped(problem.th, MESSAGE_LIMIT), "reason_en": _capped(problem.en, MESSAGE_LIMIT),
        "column": _capped(problem.column, 200), "value": _capped(value),
        "suggestion": _capped(problem.suggestion), "raw": raw,
    }


def _cells(rows: list[list], col: int | None) -> list:
    """One column of a list of rows' cells (all None when the table has no such column)."""
    return [cells[col] for cells in rows] if col is not None else [None] * len(rows)


def _place_problem(place: places.Place, p_raw, d_raw) -> Problem:
    column = FIELD_LABELS["district"] if place.problem in ("unknown_district", "place_mismatch") \
        else FIELD_LABELS["province"]
    value = d_raw if column == FIELD_LABELS["district"] else p_raw
    return Problem(place.problem, place.th, place.en, column, value, place.suggestion)


def _resolve_places(rows: list[list], cols: dict[str, int], need_district: bool) -> list[places.Place]:
    p_vals = _cells(rows, cols.get("province"))
    d_vals = _cells(rows, cols.get("district")) if need_district else [None] * len(p_vals)
    return [places.resolve(_text_key(p), _text_key(d), need_district=need_district)
            for p, d in zip(p_vals, d_vals)]


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


def _grouped(keys: np.ndarray, values: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """``values`` grouped by ``keys``: (key, its values in their order), by increasing key."""
    if not len(keys):
        return []
    order = np.argsort(keys, kind="stable")
    keys, values = keys[order], values[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return list(zip(keys[starts].tolist(), np.split(values, starts[1:])))


# ---------------------------------------------------------------------------------- distinct rows
# A quarantine entry (a row of QUARANTINE_COLUMNS without its row number) and the row numbers it
# holds back: the copies of one row held for one reason share one entry.
Held = tuple[dict, np.ndarray | list]


@dataclass
class DistinctRows:
    """A table's rows with each distinct row once.

    Rows with the same cells get the same verdict, so each distinct row is checked once and
    its verdict given to every copy: a file of a million copies of ten rows is checked as ten
    rows, and the cost grows with distinct rows, not rows.
    """

    cols: dict[str, int]  # field -> the cell of a row it is read from
    rows: list[list]  # the cells of each distinct row (and the cell read for a doubled field)
    conflicts: dict[int, Problem]  # distinct rows whose columns for one field disagree
    which: np.ndarray  # per row of the table, in order: its distinct row
    source_rows: np.ndarray  # per row of the table: its row number as the file shows it

    def spread(self, verdicts: list) -> tuple[list[Held], np.ndarray, np.ndarray]:
        """Each distinct row's verdict given to its copies.

        ``verdicts`` holds, per distinct row, a quarantine entry (dict) or the number of its
        accepted record (int). Returns the quarantine entries with the rows they hold, and for
        the accepted rows, in the table's order, their record and row number.
        """
        record = np.array([v if isinstance(v, int) else -1 for v in verdicts], dtype=np.int64)
        per_row = record[self.which]
        held = per_row < 0
        entries = [(verdicts[d], rows) for d, rows in
                   _grouped(self.which[held], self.source_rows[held])]
        return entries, per_row[~held], self.source_rows[~held]


def distinct_rows(table: Table) -> DistinctRows:
    """The table's distinct rows (see DistinctRows), with doubled columns settled (_columns)."""
    # Quick: rows as they are, with each cell's type (so 1, 1.0 and True stay apart). Where a
    # float zero is among them (0.0 == -0.0) or a cell cannot be hashed, cell by cell instead.
    seen: dict = {}
    try:
        which = [seen.setdefault((*cells, *map(type, cells)), len(seen)) for _, cells in table.rows]
        exact = any(map(_float_zero_in, seen))
    except TypeError:
        exact = True
    if exact:
        seen = {}
        which = [seen.setdefault(_row_key(cells), len(seen)) for _, cells in table.rows]
    which = np.array(which, dtype=np.int64)
    first = np.unique(which, return_index=True)[1]  # distinct rows are numbered as first seen
    cols, rows, conflicts = _columns(table, [table.rows[i][1] for i in first])
    source_rows = np.fromiter((r for r, _ in table.rows), dtype=np.int64, count=len(table.rows))
    return DistinctRows(cols, rows, conflicts, which, source_rows)


@dataclass
class Accepted:
    """Rows that passed their own checks, before duplicates are settled.

    Each distinct accepted row's values are one record; every accepted row read is the record
    it shares and its own row number. A million copies of one row are one record and two
    arrays of numbers, not a million rows of text.
    """

    records: pd.DataFrame  # one row per record
    sources: list[tuple[Table, list]]  # per record: the table and cells it was read from
    record: np.ndarray  # per accepted row, in reading order: its record
    source_row: np.ndarray  # per accepted row: its row number

    def frame(self, keep: np.ndarray | None = None) -> pd.DataFrame:
        """The accepted rows (or those a mask keeps): their record's values and row number."""
        keep = np.ones(len(self.record), dtype=bool) if keep is None else keep
        out = self.records.iloc[self.record[keep]].reset_index(drop=True)
        out["source_row"] = self.source_row[keep]
        return out


@dataclass
class Verdicts:
    """What a clean_* function gathers table by table: the rows held back (quarantine entries with
    their row numbers) and, per accepted row, its record and row number."""

    held: list[Held] = field(default_factory=list)
    record: list[np.ndarray] = field(default_factory=list)
    source_row: list[np.ndarray] = field(default_factory=list)

    def add(self, table: DistinctRows, verdicts: list) -> None:
        """One table's verdicts per distinct row (``DistinctRows.spread``), records numbered
        across all tables."""
        held, record, source_row = table.spread(verdicts)
        self.held += held
        self.record.append(record)
        self.source_row.append(source_row)

    def accepted(self, records: pd.DataFrame, sources: list) -> Accepted:
        empty = np.zeros(0, dtype=np.int64)
        return Accepted(records, sources,
                        np.concatenate(self.record) if self.record else empty,
                        np.concatenate(self.source_row) if self.source_row else empty)


# ---------------------------------------------------------------------------------- forms
def clean_forms(tables: list[Table], category: str, year: int) -> tuple[Accepted, list[Held]]:
    """Form rows of one category: accepted rows (before duplicates are settled) and quarantine.

    Each distinct row of a table is checked once and its verdict given to every copy.
    """
    records, sources, gathered = [], [], Verdicts()
    need_district = category == "individual"
    for table in tables:
        t = distinct_rows(table)
        rows, cols = t.rows, t.cols
        parsed, problems = {}, {}
        for f, kind, _req in FORM_FIELDS[category]:
            parsed[f], problems[f] = parse_column(_cells(rows, cols.get(f)), kind, FIELD_LABELS[f])
        resolved = _resolve_places(rows, cols, need_district)
        verdicts = []  # per distinct row: its quarantine entry, or its index in records
        for i, cells in enumerate(rows):
            if i in t.conflicts:  # what the row says is unsure: nothing more is read from it
                verdicts.append(_quarantine_row(year, category, "submission", table, None, cells,
                                                t.conflicts[i]))
                continue
            place = resolved[i]
            row_problems = []
            if place.problem:
                row_problems.append(_place_problem(
                    place, cells[cols["province"]] if "province" in cols else None,
                    cells[cols["district"]] if "district" in cols else None))
            for f, _kind, required in FORM_FIELDS[category]:
                if problems[f][i]:
                    row_problems.append(problems[f][i])
                elif required and parsed[f][i] is None:
                    row_problems.append(Problem(
                        "missing_value", f"ไม่ได้กรอก{FIELD_LABELS[f]}", f"{f} is blank",
                        FIELD_LABELS[f]))
            rec = {f: parsed[f][i] for f, _, _ in FORM_FIELDS[category]}
            for f in ("name", "project_title", "position", "work_title"):
                text = rec.get(f)
                if text is not None and len(text) > TEXT_LIMITS[f]:
                    row_problems.append(Problem(
                        "bad_value", f"{FIELD_LABELS[f]}: ยาว {len(text):,} ตัวอักษร เกิน {TEXT_LIMITS[f]:,} "
                        f"(อาจวางข้อความผิดช่อง)", f"{f}: {len(text):,} characters long, over "
                        f"{TEXT_LIMITS[f]:,} (pasted in the wrong cell?)", FIELD_LABELS[f], text))
                elif f in ("name", "project_title") and text is not None and not _LETTER.search(text):
                    # a "-" stand-in, or a number where a name belongs
                    row_problems.append(Problem(
                        "bad_value", f"{FIELD_LABELS[f]}: '{text}' ไม่ใช่ชื่อ",
                        f"{f}: '{text}' is not a name", FIELD_LABELS[f], text))
            if not row_problems:
                check = _check_row(category, year, rec)
                if check:
                    row_problems.append(check)
            if row_problems:
                verdicts.append(_quarantine_row(year, category, "submission", table, None, cells,
                                                _merged(row_problems)))
                continue
            rec.update(
                year=year, category=category, province_code=place.province_code,
                district_code=place.district_code, place_match=place.method,
                source_file=table.source_file, source_sheet=table.sheet)
            verdicts.append(len(records))
            records.append(rec)
            sources.append((table, cells))
        gathered.add(t, verdicts)
    return gathered.accepted(pd.DataFrame(records), sources), gathered.held


# ---------------------------------------------------------------------------------- duplicates
def settle_duplicates(accepted: Accepted, key: list[str], fields: list[str],
                      label) -> tuple[np.ndarray, list[tuple[np.ndarray, Problem]]]:
    """The same candidate sent twice: the later submission counts.

    Later means a later ``submitted_at`` (for score rows, which have none, the rows must be
    identical); copies of the latest one, identical to it, count as that one. Rows that are
    identical keep the last one read. When the order cannot be told (same time with
    different values, or a missing date) and the rows differ, all are held back: which one
    counts is the province's call, not ours. Returns which accepted rows are kept (a mask)
    and the rows held back, as (positions among the accepted rows, Problem).

    The work is per candidate and per record, not per row: a file of a million copies of a
    few rows is settled as fast as one of a few rows.
    """
    keep = np.ones(len(accepted.record), dtype=bool)
    if not len(accepted.record):
        return keep, []
    records, record = accepted.records, accepted.record
    candidate = records.groupby(key, sort=False, dropna=False).ngroup().to_numpy()[record]
    dup = np.flatnonzero(np.bincount(candidate)[candidate] > 1)  # candidates sent more than once
    if not len(dup):
        return keep, []
    # Rows in file order, then row order (stable: sheets of one file keep their reading order).
    files, rows = records["source_file"].to_numpy()[record[dup]], accepted.source_row[dup]
    order = np.lexsort((rows, pd.factorize(files, sort=True)[0]))
    dup, files, rows = dup[order], files[order], rows[order]
    content = records.groupby(fields, sort=False, dropna=False).ngroup().to_numpy()[record[dup]]
    when = (pd.to_datetime(records["submitted_at"]).to_numpy() if "submitted_at" in records
            else np.full(len(records), np.datetime64("NaT"), dtype="datetime64[ns]"))[record[dup]]
    held: list[tuple[np.ndarray, Problem]] = []
    for pos in pd.Series(np.arange(len(dup))).groupby(candidate[dup], sort=False).indices.values():
        who = label(records.iloc[record[dup[pos[0]]]])
        if len(set(content[pos])) == 1:
            winner = pos[-1]
        elif not np.isnat(when[pos]).any():
            latest = pos[when[pos] == when[pos].max()]
            winner = latest[-1] if len(set(content[latest])) == 1 else None
        else:
            winner = None
        if winner is None:
            named = pos[:4]
            problems = _conflicts(who, len(pos), [f"{f} แถว {r}" for f, r in zip(files[named], rows[named])],
                                  [f"{f} row {r}" for f, r in zip(files[named], rows[named])])
            # the first rows each name the others; the rest share one problem
            held += [(dup[pos[k:k + 1] if k < len(named) else pos[k:]], p) for k, p in enumerate(problems)]
            keep[dup[pos]] = False
            continue
        w_file, w_row = files[winner], rows[winner]
        stamp = f" ส่งเมื่อ {pd.Timestamp(when[winner]):%Y-%m-%d %H:%M}" if not np.isnat(when[winner]) else ""
        problem = Problem(
            "duplicate_superseded",
            f"{who} ส่งซ้ำ ใช้ฉบับหลังสุดแทน: {w_file} แถว {w_row}{stamp}",
            f"{who} sent again; superseded by {w_file} row {w_row}",
            suggestion=f"{w_file} แถว {w_row}")
        superseded = dup[pos[pos != winner]]
        held.append((superseded, problem))
        keep[superseded] = False
    return keep, held


def _conflicts(who: str, n: int, names_th: list[str], names_en: list[str]) -> list[Problem]:
    """The problems of the ``n`` rows of a candidate sent with different values and no order:
    one for each row named (it names up to three of the others, and how many more), then one
    shared by all the rest, so a message stays short in a file of thousands."""
    out = []
    for k in range(min(n, len(names_th) + 1)):
        others = [m for j, m in enumerate(names_th) if j != k][:3]
        others_en = [m for j, m in enumerate(names_en) if j != k][:3]
        more = n - 1 - len(others)
        out.append(Problem(
            "duplicate_conflict",
            f"{who} ส่งมากกว่าหนึ่งครั้ง ค่าไม่ตรงกัน และบอกไม่ได้ว่าครั้งใดหลังสุด (ซ้ำกับ "
            f"{', '.join(others)}{f' และอีก {more:,} แถว' if more else ''})",
            f"{who} was sent more than once with different values and no way to tell which is "
            f"later (also {', '.join(others_en)}{f' and {more:,} more rows' if more else ''})"))
    return out


def _held_duplicates(accepted: Accepted, held: list[tuple[np.ndarray, Problem]], year, category,
                     kind) -> list[Held]:
    """Quarantine entries for accepted rows held back as duplicates: one per record and problem."""
    out = []
    for positions, problem in held:
        for r, rows in _grouped(accepted.record[positions], accepted.source_row[positions]):
            table, cells = accepted.sources[r]
            out.append((_quarantine_row(year, category, kind, table, None, cells, problem), rows))
    return out


def _candidate_label(category):
    def label(r):
        if category == "individual":
            return f"อ.{places.district_name(r['district_code'])} จ.{places.province_name(r['province_code'])}"
        return f"จ.{places.province_name(r['province_code'])}"
    return label


# ---------------------------------------------------------------------------------- score sheets
def _parse_round(value, category: str) -> tuple[str | None, Problem | None]:
    text = (clean_text(value) or "").lower()
    if not text:
        if category == "province":
            return "national", None  # the province category has only the national round
        return None, Problem("missing_value", "ไม่ได้กรอกรอบการประเมิน", "the round is blank",
                             FIELD_LABELS["round"])
    if any(w in text for w in ("ประเทศ", "national", "ส่วนกลาง")):
        return "national", None
    if any(w in text for w in ("จังหวัด", "province")) and category == "individual":
        return "province", None
    return None, Problem("bad_value", f"รอบ '{value}' ไม่ใช่ จังหวัด หรือ ประเทศ",
                         f"round '{value}' is neither จังหวัด (province) nor ประเทศ (national)",
                         FIELD_LABELS["round"], value)


def clean_rosters(tables: list[Table], category: str, year: int) -> tuple[pd.DataFrame, list[Held]]:
    """Judges' rosters (judge, home province): used to check conflicts of interest.

    Each distinct row of a table is checked once and its verdict given to every copy.
    """
    records, gathered = [], Verdicts()
    for table in tables:
        t = distinct_rows(table)
        rows, cols = t.rows, t.cols
        resolved = _resolve_places(rows, cols, need_district=False)
        verdicts = []  # per distinct row: its quarantine entry, or its index in records
        for i, cells in enumerate(rows):
            judge = clean_text(cells[cols["judge"]]) if "judge" in cols else None
            place = resolved[i]
            problem = t.conflicts.get(i)  # columns that disagree come first: nothing else is sure
            if not problem and not judge:
                problem = Problem("missing_value", "ไม่ได้กรอกชื่อกรรมการ", "the judge is blank", "กรรมการ")
            elif not problem and place.problem and place.problem != "out_of_scope":
                problem = _place_problem(place, cells[cols["province"]], None)
            if problem:
                verdicts.append(_quarantine_row(year, category, "roster", table, None, cells, problem))
                continue
            rnd = _parse_round(cells[cols["round"]], category)[0] if "round" in cols else None
            verdicts.append(len(records))
            records.append({"year": year, "category": category, "judge": judge,
                            "home_province_code": place.province_code, "round": rnd,
                            "source_file": table.source_file, "source_sheet": table.sheet})
        gathered.add(t, verdicts)
    accepted, held = gathered.accepted(pd.DataFrame(records), []), gathered.held
    if not len(accepted.record):
        return pd.DataFrame(columns=JUDGE_COLUMNS), held
    return accepted.frame()[JUDGE_COLUMNS], held


def clean_scores(tables: list[Table], category: str, year: int, rubric: CategoryRubric,
                 forms: pd.DataFrame, roster: pd.DataFrame) -> tuple[pd.DataFrame, list[Held]]:
    """Judges' score sheets to long form: one row per judge, candidate and criterion.

    A blank cell is a score not given (a judge does not score candidates from the home
    province): it is kept as a missing score, never a zero. A row is held back when any of
    its cells is wrong, so that a candidate is never scored on part of a judge's sheet.
    Each distinct row of a table is checked once and its verdict given to every copy.
    """
    need_district = category == "individual"
    judged_keys = rubric.judged_keys
    judged = set(judged_keys)
    maxima = {c.key: c.max for c in rubric.criteria}
    key = "district_code" if need_district else "province_code"
    known = set(forms[key]) if not forms.empty else set()
    home = dict(zip(roster["judge"], roster["home_province_code"])) if not roster.empty else {}
    records, sources, gathered = [], [], Verdicts()
    for table in tables:
        t = distinct_rows(table)
        rows, cols = t.rows, t.cols
        # A computed criterion's column (A1, A2) is the form's business: a value a committee
        # wrote there is ignored (clean_year notes it), never a reason to hold the judge's row.
        crit_cols = {f[5:]: i for f, i in cols.items()
                     if f.startswith("crit:") and (f[5:] in judged or f[5:] not in maxima)}
        scores = {k: parse_column(_cells(rows, i), "score", k) for k, i in crit_cols.items()}
        resolved = _resolve_places(rows, cols, need_district)
        judges = _per_value(clean_text, _cells(rows, cols.get("judge")))
        rounds = _per_value(lambda v: _parse_round(v, category), _cells(rows, cols.get("round")))
        verdicts = []  # per distinct row: its quarantine entry, or its index in records
        for i, cells in enumerate(rows):
            if i in t.conflicts:  # what the row says is unsure: nothing more is read from it
                verdicts.append(_quarantine_row(year, category, "score", table, None, cells,
                                                t.conflicts[i]))
                continue
            problems = []
            judge = judges[i]
            if not judge:
                problems.append(Problem("missing_value", "ไม่ได้กรอกชื่อกรรมการ", "the judge is blank",
                                        FIELD_LABELS["judge"]))
            rnd, prob = rounds[i]
            if prob:
                problems.append(prob)
            place = resolved[i]
            if place.problem:
                problems.append(_place_problem(
                    place, cells[cols["province"]] if "province" in cols else None,
                    cells[cols["district"]] if "district" in cols else None))
            values = {}
            for k, (parsed, probs) in scores.items():
                v, prob = parsed[i], probs[i]
                if prob:
                    problems.append(prob)
                elif v is None:
                    continue
                elif k not in maxima:
                    problems.append(Problem(
                        "unknown_criterion", f"คอลัมน์ {k} ไม่ใช่เกณฑ์ในปี {year}",
                        f"column {k} is not a criterion of {year}", k, v,
                        f"เกณฑ์ที่มี: {', '.join(judged_keys)}"))
                elif not 0 <= v <= maxima[k]:
                    problems.append(Problem(
                        "out_of_range", f"คะแนน {k} = {v:g} อยู่นอกช่วง 0-{maxima[k]:g}",
                        f"score {k} = {v:g} is outside 0-{maxima[k]:g}", k, v))
                else:
                    values[k] = float(v)
            if not problems and place.province_code and judge in home and \
                    home[judge] == place.province_code and values:
                problems.append(Problem(
                    "conflict_of_interest",
                    f"กรรมการ {judge} ให้คะแนนผู้สมัครจากจังหวัดภูมิลำเนาของตน",
                    f"judge {judge} scored a candidate from their own home province", "กรรมการ", judge))
            cand = place.district_code if need_district else place.province_code
            if not problems and cand not in known:
                problems.append(Problem(
                    "unknown_candidate",
                    f"ไม่มีแบบฟอร์มที่รับไว้ของ {_candidate_label(category)({'district_code': place.district_code, 'province_code': place.province_code})}",
                    f"no accepted form for this candidate ({cand})",
                    FIELD_LABELS["district" if need_district else "province"], cand))
            if problems:
                verdicts.append(_quarantine_row(year, category, "score", table, None, cells,
                                                _merged(problems)))
                continue
            verdicts.append(len(records))
            records.append((year, category, rnd, judge, place.province_code, place.district_code,
                            table.source_file, table.sheet, *[values.get(k, np.nan) for k in judged_keys]))
            sources.append((table, cells))
        gathered.add(t, verdicts)
    # A record is a tuple, not a dict: a sheet can hold a million distinct rows.
    accepted = gathered.accepted(pd.DataFrame(records, columns=SCORE_RECORD + judged_keys), sources)
    held = gathered.held
    del records  # the frame holds them now
    if not len(accepted.record):
        return pd.DataFrame(columns=SCORE_COLUMNS), held
    keep, dups = settle_duplicates(
        accepted, ["round", "judge", "province_code", "district_code"], judged_keys,
        lambda r: f"คะแนนของกรรมการ {r['judge']} รอบ{ROUNDS[r['round']]} สำหรับ "
                  f"{_candidate_label(category)(r)}")
    held += _held_duplicates(accepted, dups, year, category, "score")
    frame = accepted.frame(keep)
    long = frame.melt(id_vars=[c for c in frame.columns if c not in judged],
                      value_vars=judged_keys, var_name="criterion", value_name="score")
    return long[SCORE_COLUMNS].sort_values(
        ["round", "province_code", "district_code", "judge", "criterion"], kind="stable"
    ).reset_index(drop=True), held


def _distinct_values(values) -> list:
    """Each distinct (type, value) once, in order of first appearance."""
    return list({_cell_key(v): v for v in values}.values())


def _computed_columns_noted(tables: list[Table], rubric: CategoryRubric) -> list[str]:
    """Score-sheet columns for criteria computed from the form, where a committee wrote values."""
    computed = {c.key for c in rubric.criteria if not c.judged}
    notes = []
    for t in tables:
        for i, f in enumerate(t.fields):
            if f and f.startswith("crit:") and f[5:] in computed and any(
                    clean_text(v) for v in _distinct_values(cells[i] for _, cells in t.rows)):
                notes.append(f"{t.source_file}: คอลัมน์ {f[5:]} ไม่ได้ใช้ เพราะคำนวณจากแบบฟอร์ม / "
                             f"column {f[5:]} ignored: it is computed from the form")
    return notes


def _kind_of(table: Table) -> str:
    """A table in a scores folder is a score sheet if it has criterion columns, else a roster."""
    return "score" if any(f and f.startswith("crit:") for f in table.fields) else "roster"


def _held_files(problems: list[tuple[str, FileProblem]], year: int) -> list[Held]:
    """Quarantine entries for what the reader could not place: a file it could not open is one
    row without a number; rows of a sheet without a header are held as they are (each distinct
    row's entry once)."""
    held = []
    for category, p in problems:
        problem = Problem(p.reason_code, p.th, p.en)
        if not p.rows:
            held.append((_quarantine_row(year, category, "file", p, None, None, problem), [None]))
            continue
        groups: dict = {}
        for row, cells in p.rows:
            groups.setdefault(_row_key(cells), (cells, []))[1].append(row)
        held += [(_quarantine_row(year, category, "file", p, None, cells, problem), rows)
                 for cells, rows in groups.values()]
    return held


def _quarantine_frame(held: list[Held]) -> pd.DataFrame:
    """The quarantine: each entry once for every row it holds, sorted by where the rows came from
    (category, file, sheet, row; a file held as a whole, and a CSV's missing sheet, first).

    Its text columns hold Python strings (dtype object), not pandas' own text type, which
    copies every string into each row: a hundred thousand copies of a row held for one reason
    share one message and one raw text instead of carrying a hundred thousand copies of each.
    The order is worked out on the entries and row numbers, so the frame is built once.
    """
    if not held:
        frame = pd.DataFrame(columns=QUARANTINE_COLUMNS)
        frame["source_row"] = frame["source_row"].astype("Int64")
        return frame
    entries = pd.DataFrame([entry for entry, _ in held], columns=QUARANTINE_COLUMNS, dtype=object)
    entries["year"] = entries["year"].astype("int64")
    # 0 stands for "no row number" (a file held as a whole): rows are numbered from 1
    numbers = [np.array([0 if r is None else r for r in rows], dtype=np.int64) if isinstance(rows, list)
               else rows for _, rows in held]
    entry = np.repeat(np.arange(len(held)), [len(n) for n in numbers])
    numbers = np.concatenate(numbers)
    # factorize codes follow the text order, with -1 (first) for a missing sheet
    where = [pd.factorize(entries[c], sort=True)[0][entry] for c in ("category", "source_file", "source_sheet")]
    order = np.lexsort((numbers, *reversed(where)))  # stable: the last key sorts first
    frame = entries.take(entry[order]).reset_index(drop=True)
    frame["source_row"] = pd.arrays.IntegerArray(numbers[order], numbers[order] == 0)
    return frame


# ---------------------------------------------------------------------------------- a year
def clean_year(tables: dict[tuple[str, str], list[Table]], problems: list[tuple[str, FileProblem]],
               year: int, rubric: Rubric) -> CleanResult:
    """Clean one year: ``tables[(category, folder)]`` as read, file problems as found."""
    subs, scores, judges, held, notes = [], [], [], [], []
    for category in CATEGORIES:
        accepted, q = clean_forms(tables.get((category, "submissions"), []), category, year)
        held += q
        key = ["district_code"] if category == "individual" else ["province_code"]
        keep, dups = settle_duplicates(accepted, key, [f for f, _, _ in FORM_FIELDS[category]],
                                       _candidate_label(category))
        held += _held_duplicates(accepted, dups, year, category, "submission")
        forms = accepted.frame(keep) if len(accepted.record) else pd.DataFrame()
        score_tables = tables.get((category, "scores"), [])
        notes += _computed_columns_noted(score_tables, rubric[category])
        roster, q = clean_rosters([t for t in score_tables if _kind_of(t) == "roster"], category, year)
        held += q
        sc, q = clean_scores([t for t in score_tables if _kind_of(t) == "score"], category, year,
                             rubric[category], forms, roster)
        held += q
        subs.append(forms)
        scores.append(sc)
        judges.append(roster)
    held += _held_files(problems, year)
    submissions = _finish_submissions(pd.concat([s for s in subs if not s.empty] or [pd.DataFrame()]), year)
    quarantine = _quarantine_frame(held)
    score_frame = pd.concat([s for s in scores if not s.empty] or [pd.DataFrame(columns=SCORE_COLUMNS)])
    score_frame = score_frame.astype({"score": "float64", "source_row": "int64"}).reset_index(drop=True)
    if not submissions.empty:
        SUBMISSIONS_SCHEMA.validate(submissions)
    if not score_frame.empty:
        SCORES_SCHEMA.validate(score_frame)
    return CleanResult(
        year=year, submissions=submissions, scores=score_frame,
        judges=pd.concat(judges).reset_index(drop=True) if judges else pd.DataFrame(columns=JUDGE_COLUMNS),
        quarantine=quarantine, rows_read=_rows_read(tables, problems), notes=notes)


def _finish_submissions(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """Names and region from the codes, fixed column order and types."""
    frame = frame.reindex(columns=SUBMISSION_COLUMNS)
    if frame.empty:
        return frame
    frame["year"] = year
    frame["province_name"] = frame["province_code"].map(places.province_name)
    frame["district_name"] = frame["district_code"].map(
        lambda c: places.district_name(c) if isinstance(c, str) else None)
    frame["region"] = frame["province_code"].map(places.region_of)
    for f in ("lao_count", "meetings", "complaints_received", "complaints_resolved",
              "lao_participants", "beneficiaries"):
        frame[f] = frame[f].astype("Int64")
    for f in ("report_rate", "budget"):
        frame[f] = frame[f].astype("float64")
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame.sort_values(["category", "province_code", "district_code"], kind="stable",
                             na_position="first").reset_index(drop=True)


def _rows_read(tables, problems) -> pd.DataFrame:
    rows = [{"category": c, "folder": f, "source_file": t.source_file, "source_sheet": t.sheet,
             "header_row": t.header_row, "rows": len(t.rows)}
            for (c, f), ts in tables.items() for t in ts]
    rows += [{"category": c, "folder": None, "source_file": p.source_file, "source_sheet": p.sheet,
              "header_row": None, "rows": len(p.rows)} for c, p in problems]
    return pd.DataFrame(rows, columns=["category", "folder", "source_file", "source_sheet",
                                       "header_row", "rows"])


# ---------------------------------------------------------------------------------- edges
FOLDERS = ("submissions", "scores")


def _not_a_file(path: Path, rel: str) -> FileProblem | None:
    """Why an entry of a raw folder is not read, or None for an ordinary file.

    A link (symlink) is never followed: it may point outside the raw folder (the step reads
    nothing there) or at a file already read (its rows would count twice).
    """
    if path.is_symlink():
        target = os.readlink(path)
        return FileProblem(rel, None, "unreadable_file",
                           f"เป็นลิงก์ (symlink) ไปยัง '{target}' ไม่ใช่ไฟล์ จึงไม่อ่าน: ให้วางไฟล์จริงในโฟลเดอร์",
                           f"a link (symlink) to '{target}', not a file, so it is not read: put the file itself in the folder")
    if not path.is_file() and not path.is_dir():
        return FileProblem(rel, None, "unreadable_file", "ไม่ใช่ไฟล์ธรรมดา (เช่น pipe หรือ device) จึงไม่อ่าน",
                           "not a regular file (a pipe or a device), so it is not read")
    return None


def _entries(base: Path) -> list[Path]:
    """Every file under ``base`` and every link or special entry, without following links."""
    found = []
    for top, dirs, files in os.walk(base, followlinks=False):
        found += [Path(top, d) for d in dirs if Path(top, d).is_symlink()]
        found += [Path(top, f) for f in files]
    return sorted(found)


def read_year(raw_dir: str | Path, year: int):
    """Read every file under ``raw_dir/<year>/<category>/<folder>/``.

    Returns (tables by (category, folder), [(category, FileProblem)], ignored files). Files
    elsewhere under the year, and Excel's ``~$`` lock files and hidden files (a name starting
    with a dot), are listed as ignored. Nothing outside ``raw_dir/<year>`` is read: a link
    there is one ``unreadable_file`` row, never followed.
    """
    root = Path(raw_dir) / str(year)
    if not root.is_dir():
        raise FileNotFoundError(
            f"ไม่พบโฟลเดอร์ข้อมูลปี {year}: {root} / no folder for year {year}: {root}")
    tables: dict[tuple[str, str], list[Table]] = {}
    problems: list[tuple[str, FileProblem]] = []
    used = set()
    with WorkbookReader() as reader:  # one child process opens all the year's workbooks
        for category in CATEGORIES:
            for folder in FOLDERS:
                base = root / category / folder
                links = [p for p in (root / category, base) if p.is_symlink()]
                paths = links[:1] if links else _entries(base) if base.is_dir() else []
                for path in paths:
                    rel = path.relative_to(root).as_posix()
                    if path in used or path.name.startswith(("~$", ".")):
                        continue
                    used.add(path)
                    problem = _not_a_file(path, rel)
                    if problem:
                        problems.append((category, problem))
                        continue
                    found, probs = read_file(path, rel, reader)
                    tables.setdefault((category, folder), []).extend(found)
                    problems += [(category, p) for p in probs]
    ignored = sorted(p.relative_to(root).as_posix() for p in _entries(root) if p not in used)
    return tables, problems, ignored


def write_clean(result: CleanResult, out_dir: str | Path) -> Path:
    """Write the year's outputs to ``out_dir/<year>/`` (the output contract)."""
    target = Path(out_dir) / str(result.year)
    target.mkdir(parents=True, exist_ok=True)
    result.submissions.to_parquet(target / "submissions.parquet", index=False)
    result.scores.to_parquet(target / "scores.parquet", index=False)
    result.judges.to_parquet(target / "judges.parquet", index=False)
    # UTF-8 with a BOM: Thai Excel opens it with the right characters on a double-click. Raw
    # values come from the forms, so formula-like text is neutralised before Excel sees it.
    from analysis.report import neutralise

    quarantine = result.quarantine.copy()
    for col in ("value", "suggestion", "reason_th", "reason_en", "column", "source_file",
                "source_sheet"):
        # once per distinct text (copies of a held row repeat theirs); code -1 is a blank cell
        codes, texts = pd.factorize(quarantine[col])
        quarantine[col] = np.array([neutralise(t) for t in texts] + [None], dtype=object)[codes]
    quarantine.to_csv(target / "quarantine.csv", index=False, encoding="utf-8-sig")
    return target


def run_clean(raw_dir: str | Path, year: int, out_dir: str | Path, rubric: Rubric) -> CleanResult:
    tables, problems, ignored = read_year(raw_dir, year)
    result = clean_year(tables, problems, year, rubric)
    result.ignored_files = ignored
    with store.staged(Path(out_dir) / str(year), "clean", inputs=Path(raw_dir) / str(year),
                      rubric=rubric.path, facts=outcome.clean_facts(result)) as staged:
        write_clean(result, staged.parent)  # into <staged.parent>/<year>: the folder swapped in whole
    return result


def summary(result: CleanResult) -> pd.DataFrame:
    """Rows read, accepted and held back, per category and kind, for people to read."""
    q = result.quarantine
    rows = []
    for category in CATEGORIES:
        subs = result.submissions
        n_forms = int((subs["category"] == category).sum()) if not subs.empty else 0
        n_scores = result.scores[result.scores["category"] == category][
            ["source_file", "source_sheet", "source_row"]].drop_duplicates().shape[0]
        n_roster = int((result.judges["category"] == category).sum()) if not result.judges.empty else 0
        held = q[q["category"] == category]
        rows.append({"category": category, "forms_accepted": n_forms,
                     "score_rows_accepted": n_scores, "roster_rows": n_roster,
                     "held_back": len(held)})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------- for people
REASON_LABELS = {
    "unreadable_file": "เปิดไฟล์ไม่ได้", "no_header": "ไม่พบหัวตาราง", "missing_value": "ข้อมูลไม่ครบ",
    "bad_value": "อ่านค่าไม่ได้", "out_of_range": "ค่าเกินช่วงที่เป็นไปได้",
    "inconsistent_values": "ค่าขัดแย้งกันเอง", "unknown_province": "ไม่รู้จักจังหวัด",
    "unknown_district": "ไม่รู้จักอำเภอ", "place_mismatch": "อำเภอไม่อยู่ในจังหวัดที่ระบุ",
    "ambiguous_place": "ชื่อสถานที่กำกวม", "out_of_scope": "นอกขอบเขต (กรุงเทพมหานคร)",
    "duplicate_superseded": "ส่งซ้ำ ใช้ฉบับหลัง", "duplicate_conflict": "ส่งซ้ำ ค่าไม่ตรงกัน",
    "unknown_criterion": "เกณฑ์ไม่อยู่ในเกณฑ์ของปี", "unknown_candidate": "ไม่มีแบบฟอร์มของผู้สมัคร",
    "conflict_of_interest": "กรรมการให้คะแนนจังหวัดภูมิลำเนาตน",
    "conflicting_columns": "คอลัมน์ซ้ำ ค่าไม่ตรงกัน",
}
CATEGORY_LABELS = {"individual": "ประเภทบุคคล (ท้องถิ่นอำเภอดีเด่น)",
                   "province": "ประเภทจังหวัด (1 จังหวัด 1 พัฒนา)"}


def summary_th(result: CleanResult) -> pd.DataFrame:
    """The summary with Thai headers, for the notebook and reports."""
    s = summary(result)
    s["category"] = s["category"].map(CATEGORY_LABELS)
    return s.rename(columns={"category": "ประเภท", "forms_accepted": "แบบฟอร์มที่รับ",
                             "score_rows_accepted": "แถวคะแนนที่รับ",
                             "roster_rows": "รายชื่อกรรมการ", "held_back": "แถวที่กันไว้ตรวจ"})


def held_back_by_reason(result: CleanResult) -> pd.DataFrame:
    q = result.quarantine
    if q.empty:
        return pd.DataFrame(columns=["ประเภท", "เหตุผล", "รหัสเหตุผล", "จำนวนแถว"])
    out = q.groupby(["category", "reason_code"]).size().rename("จำนวนแถว").reset_index()
    out.insert(2, "เหตุผล", out["reason_code"].map(REASON_LABELS).fillna(out["reason_code"]))
    out["category"] = out["category"].map(CATEGORY_LABELS)
    return out.rename(columns={"category": "ประเภท", "reason_code": "รหัสเหตุผล"})


def quarantine_th(result: CleanResult) -> pd.DataFrame:
    """The quarantine as an analyst goes through it: where, why, and what was probably meant."""
    q = result.quarantine
    return pd.DataFrame({
        "ไฟล์": q["source_file"], "ชีต": q["source_sheet"], "แถว": q["source_row"],
        "เหตุผล": q["reason_code"].map(REASON_LABELS).fillna(q["reason_code"]),
        "รายละเอียด": q["reason_th"], "คอลัมน์": q["column"], "ค่าที่กรอก": q["value"],
        "ข้อเสนอแนะ": q["suggestion"],
    })
