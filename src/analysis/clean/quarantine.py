"""The quarantine as data: one entry per distinct row held back (file, sheet, reason in Thai and
English, the raw values as typed), spread to the row numbers it holds and sorted for people."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from analysis.clean.notdata import reason
from analysis.clean.common import CELL_LIMIT, MESSAGE_LIMIT, QUARANTINE_COLUMNS, Problem, _letter, _row_key
from analysis.read.files import FileProblem, Table
from analysis.render.dates import be_date
from analysis.read.thai import clean_text


# A quarantine entry (a row of QUARANTINE_COLUMNS without its row number) and the row numbers it
# holds back: the copies of one row held for one reason share one entry.
Held = tuple[dict, np.ndarray | list]


class Aside(dict):
    """A set-aside entry (a row of SET_ASIDE_COLUMNS without its row number): a verdict that the
    row is not data, told apart from a quarantine entry by its type."""


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
    if value is not None and not isinstance(value, str):  # a date as people read it: B.E.
        value = be_date(value) if hasattr(value, "isoformat") else str(value)
    return {
        "year": year, "category": category, "kind": kind, "source_file": source_file,
        "source_sheet": sheet, "source_row": source_row, "reason_code": problem.code,
        "reason_th": _capped(problem.th, MESSAGE_LIMIT), "reason_en": _capped(problem.en, MESSAGE_LIMIT),
        "column": _capped(problem.column, 200), "value": _capped(value),
        "suggestion": _capped(problem.suggestion), "raw": raw,
    }



def _held_files(problems: list[tuple[str, FileProblem]], year: int) -> list[Held]:
    """Quarantine entries for what the reader could not place: a file it could not open is one
    row without a number; rows of a sheet without a header are held as they are (each distinct
    row's entry once). A hidden sheet's rows are not held: see ``_aside_files``."""
    held = []
    for category, p in problems:
        if p.set_aside:
            continue
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


def _row_text(cells) -> str:
    """A row's filled cells as one line, for people to recognise it by ("ลงชื่อ .... | (นาย ก)")."""
    texts = []
    for c in cells or []:
        t = clean_text(c.isoformat() if hasattr(c, "isoformat") else c)
        if t is not None:
            texts.append(_capped(t, 200))
    return _capped(" | ".join(texts), 500)


def _aside_row(year, category, kind, source_file, sheet, cells, code: str, th: str | None = None,
               en: str | None = None) -> dict:
    """A set-aside entry: where the row is, why it is not data (in Thai and English), and its text."""
    r_th, r_en = reason(code)
    return Aside({"year": year, "category": category, "kind": kind, "source_file": source_file,
                  "source_sheet": sheet, "source_row": None, "reason_code": code,
                  "reason_th": th or r_th, "reason_en": en or r_en, "text": _row_text(cells)})


def _hidden_rows(table: Table, year: int, category: str, kind: str) -> tuple[list[Held], list[Held]]:
    """What the reader took out of a table: rows hidden by hand are set aside (not data), rows
    hidden by a filter are held back (the province filtered them out of view, not out of the form)."""
    aside = [(_aside_row(year, category, kind, table.source_file, table.sheet, cells, "hidden_row"), [row])
             for row, cells in table.hidden_rows]
    problem = Problem("filtered_row", "แถวนี้ถูกซ่อนด้วยตัวกรอง (filter) ในไฟล์: ตรวจว่าเป็นข้อมูลที่ใช้จริงหรือไม่ "
                      "แล้วให้จังหวัดส่งไฟล์ที่ยกเลิกตัวกรอง", "this row is hidden by a filter in the workbook: "
                      "check whether it is meant, and ask for the file without the filter")
    held = [(_quarantine_row(year, category, kind, table, None, cells, problem), [row])
            for row, cells in table.filtered_rows]
    above = Problem("above_header", f"แถวนี้อยู่เหนือหัวตาราง (หัวตารางอยู่แถว {table.header_first or table.header_row}) "
                    "แต่มีค่าเหมือนข้อมูล: ตรวจว่าหัวตารางอยู่ถูกที่ หรือย้ายแถวนี้ไปใต้หัวตาราง",
                    f"this row stands above the table's header (row {table.header_first or table.header_row}) "
                    "but holds values like an answer: check where the header is, or move the row under it")
    held += [(_quarantine_row(year, category, kind, table, None, cells, above), [row])
             for row, cells in table.above_rows]
    return held, aside


def _aside_files(problems: list[tuple[str, FileProblem]], year: int, kinds: dict) -> list[Held]:
    """Set-aside entries for the rows of hidden sheets (each distinct row's entry once)."""
    out = []
    for category, p in problems:
        if not p.set_aside:
            continue
        groups: dict = {}
        for row, cells in p.rows:
            groups.setdefault(_row_key(cells), (cells, []))[1].append(row)
        kind = kinds.get((category, p.source_file), "file")
        out += [(_aside_row(year, category, kind, p.source_file, p.sheet, cells, p.reason_code, p.th, p.en), rows)
                for cells, rows in groups.values()]
    return out


def _quarantine_frame(held: list[Held], columns: list[str] = QUARANTINE_COLUMNS) -> pd.DataFrame:
    """The quarantine: each entry once for every row it holds, sorted by where the rows came from
    (category, file, sheet, row; a file held as a whole, and a CSV's missing sheet, first).

    Its text columns hold Python strings (dtype object), not pandas' own text type, which
    copies every string into each row: a hundred thousand copies of a row held for one reason
    share one message and one raw text instead of carrying a hundred thousand copies of each.
    The order is worked out on the entries and row numbers, so the frame is built once.
    """
    if not held:
        frame = pd.DataFrame(columns=columns)
        frame["source_row"] = frame["source_row"].astype("Int64")
        return frame
    entries = pd.DataFrame([entry for entry, _ in held], columns=columns, dtype=object)
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
