"""Form rows (form 2, individual; form 4, province): each field read by its kind, the place
resolved, required fields and ranges checked."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.clean.common import (EARLIEST_START, FIELD_LABELS, FORM_FIELDS, TEXT_LIMITS, _LETTER,
                                   Problem, _cells, _merged, _place_problem, _resolve_places)
from analysis.clean.duplicates import HeldAnswer
from analysis.clean.quarantine import Held, _aside_row, _hidden_rows, _quarantine_row
from analysis.clean.rows import Accepted, Verdicts, distinct_rows
from analysis.clean.values import default_date_order, parse_column
from analysis.read.files import Table
from analysis.render.dates import be_date
from analysis.read.thai import clean_text
from analysis.grammar.normal import normal
from analysis.grammar.parts import MULTIPLIERS


def submission_window(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day a submission for B.E. ``year`` can be dated: A.D. year-543 give or
    take one year. The templates' date checks use it too (``analysis.templates``)."""
    ad = year - 543
    return dt.date(ad - 1, 1, 1), dt.date(ad + 1, 12, 31)


def _in_window(year: int, when) -> bool:
    first, last = submission_window(year)
    return first <= (when.date() if isinstance(when, dt.datetime) else when) <= last


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
        return out("submitted_at", f"วันที่ {be_date(sub)} ไม่อยู่ในช่วงปีการประเมิน พ.ศ. {year}",
                   f"{sub:%Y-%m-%d} is outside the B.E. {year} evaluation window")
    start, end = r.get("started_on"), r.get("ended_on")
    latest = sub.date() if sub is not None else submission_window(year)[1]
    if start is not None and not EARLIEST_START <= start <= latest:
        return out("started_on", f"วันที่ {be_date(start)} เป็นไปไม่ได้ (ก่อนปี 2493 หรือหลังวันที่ส่ง)",
                   f"{start:%Y-%m-%d} is impossible (before 1950 or after submission)")
    if start is not None and end is not None and end < start:
        return Problem("inconsistent_values",
                       f"วันที่สิ้นสุด {be_date(end)} ก่อนวันที่เริ่ม {be_date(start)}",
                       f"ended {end:%Y-%m-%d} before it started {start:%Y-%m-%d}",
                       FIELD_LABELS["ended_on"], end)
    return None



def _says_unit(raw) -> bool:
    """Whether a cell names its own multiplier ("2.5 ล้านบาท", "๐．๕ ลบ．", "1.2 million").

    Read from the grammar's table on the normalised cell, so a cell in any width or digit form
    is not scaled twice by its column's "(ล้านบาท)".
    """
    if not isinstance(raw, str):
        return False
    text = normal(raw).lower()
    return any(word in text for word in MULTIPLIERS)


def _name_parts(rows: list[list], cols: dict[str, int]) -> list:
    """A name written in parts (คำนำหน้า | ชื่อ | นามสกุล) as one: "นาย" + "สมชาย" + " " + "ใจดี"."""
    out = []
    for cells in rows:
        title, first, last = (clean_text(cells[cols[f]]) if f in cols else None
                              for f in ("name_title", "name", "surname"))
        given = f"{title or ''}{first or ''}"
        out.append(f"{given} {last}".strip() if given and last else given or last)
    return out


def clean_forms(tables: list[Table], category: str, year: int
                ) -> tuple[Accepted, list[Held], list[Held], list["HeldAnswer"]]:
    """Form rows of one category: accepted rows (before duplicates are settled), the quarantine,
    the rows set aside as not data, and the held-back answers whose candidate and time are known
    (a later one replaces the earlier answers all the same: ``duplicates.settle_duplicates``).

    Each distinct row of a table is checked once and its verdict given to every copy.
    """
    records, sources, gathered, later = [], [], Verdicts(), []
    need_district = category == "individual"
    for table in tables:
        t = distinct_rows(table)
        rows, cols = t.rows, t.cols
        held, aside = _hidden_rows(table, year, category, "submission")
        gathered.held += held
        gathered.aside += aside
        not_data = t.not_data(table, "submission")
        parsed, problems = {}, {}
        for f, kind, _req in FORM_FIELDS[category]:
            values = _name_parts(rows, cols) if f == "name" and "surname" in cols else _cells(rows, cols.get(f))
            header = table.headers[cols[f]] if cols.get(f, len(table.headers)) < len(table.headers) else None
            parsed[f], problems[f] = parse_column(values, kind, FIELD_LABELS[f], default_date_order(header))
            scale = table.scales.get(cols.get(f, -1)) if cols.get(f, -1) < len(table.headers) else None
            if scale:  # "งบประมาณ (ล้านบาท)": a bare 2.5 is 2,500,000 baht; "2.5 ล้านบาท" says so itself
                parsed[f] = [v * scale if v is not None and not _says_unit(raw) else v
                             for v, raw in zip(parsed[f], values)]
        resolved = _resolve_places(rows, cols, need_district, table.province_hint)
        verdicts = []  # per distinct row: its quarantine entry, or its index in records
        for i, cells in enumerate(rows):
            if i in not_data:  # a total, a note, a signature block: listed apart, not checked
                verdicts.append(_aside_row(year, category, "submission", table.source_file, table.sheet,
                                           cells[:len(table.headers)], not_data[i]))
                continue
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
                code = place.district_code if need_district else place.province_code
                if code and not place.problem and rec.get("submitted_at") is not None:
                    # a later answer held back still replaces the earlier ones (settle_duplicates)
                    rows_of = t.source_rows[t.which == i]
                    later.append(HeldAnswer(code, rec["submitted_at"], table.source_file, int(rows_of[0])))
                continue
            rec.update(
                year=year, category=category, province_code=place.province_code,
                district_code=place.district_code, place_match=place.method,
                source_file=table.source_file, source_sheet=table.sheet)
            verdicts.append(len(records))
            records.append(rec)
            sources.append((table, cells))
        gathered.add(t, verdicts)
    return gathered.accepted(pd.DataFrame(records), sources), gathered.held, gathered.aside, later
